//! Place names on the map: right of a marker, or in the middle of an area
//! (at its pole of inaccessibility, the point inside it farthest from its
//! edges, where a name is least likely to cross one). A name that would
//! overlap one already written is left out, which thins them at low zoom;
//! markers' names go first, being the smaller targets.

use std::collections::HashMap;

use eframe::egui::{Color32, FontId, Painter, Pos2, Rect, Vec2, vec2};

use super::symbols::RADIUS;
use crate::model::Place;

const LABEL_FONT: f32 = 12.5;
/// Labels are placed on a grid of cells this size to find overlaps quickly.
const LABEL_CELL: f32 = 64.0;
const TEXT: Color32 = Color32::from_rgb(0x1b, 0x1b, 0x1b);

/// Names for one frame.
pub struct Labels<'a> {
    painter: &'a Painter,
    places: &'a [Place],
    placed: LabelGrid,
}

impl<'a> Labels<'a> {
    pub fn new(painter: &'a Painter, places: &'a [Place]) -> Self {
        Labels {
            painter,
            places,
            placed: LabelGrid::default(),
        }
    }

    /// Names right of their markers, the last drawn (topmost) first.
    pub fn beside_markers(&mut self, order: &[(usize, Pos2)]) {
        for &(place, at) in order.iter().rev() {
            self.write(
                place,
                at,
                |size| vec2(RADIUS + 5.0, -size.y / 2.0),
                |_| true,
            );
        }
    }

    /// Names in the middle of areas, each `(place, pole on screen, width on
    /// screen)`, when the area is wider than its name: a name bigger than its
    /// area would say nothing of the area's shape and hide its neighbours.
    pub fn inside_areas(&mut self, areas: &[(usize, Pos2, f32)]) {
        // No name is this short: laying one out to find so would be wasted.
        const NARROWEST: f32 = 24.0;
        for &(place, at, width) in areas.iter().filter(|a| a.2 >= NARROWEST) {
            self.write(place, at, |size| -size / 2.0, |size| size.x <= width);
        }
    }

    fn write(
        &mut self,
        place: usize,
        at: Pos2,
        offset: impl Fn(Vec2) -> Vec2,
        fits: impl Fn(Vec2) -> bool,
    ) {
        let Some(name) = self.places.get(place).map(|p| &p.name) else {
            return;
        };
        let galley =
            self.painter
                .layout_no_wrap(name.clone(), FontId::proportional(LABEL_FONT), TEXT);
        let size = galley.size();
        let corner = at + offset(size);
        let rect = Rect::from_min_size(corner, size).expand(2.0);
        if !fits(size) || !self.painter.clip_rect().intersects(rect) || !self.placed.try_place(rect)
        {
            return;
        }
        self.painter
            .rect_filled(rect, 3.0, Color32::from_white_alpha(200));
        self.painter.galley(corner, galley, TEXT);
    }
}

/// Label rectangles already placed, bucketed by grid cell.
#[derive(Default)]
struct LabelGrid {
    cells: HashMap<(i32, i32), Vec<Rect>>,
}

impl LabelGrid {
    /// Places `rect` unless it overlaps a placed one.
    fn try_place(&mut self, rect: Rect) -> bool {
        let cells = Self::cells(rect);
        let overlaps = cells.clone().any(|cell| {
            self.cells
                .get(&cell)
                .is_some_and(|rects| rects.iter().any(|r| r.intersects(rect)))
        });
        if !overlaps {
            for cell in cells {
                self.cells.entry(cell).or_default().push(rect);
            }
        }
        !overlaps
    }

    fn cells(rect: Rect) -> impl Iterator<Item = (i32, i32)> + Clone {
        let cell = |p: Pos2| {
            (
                (p.x / LABEL_CELL).floor() as i32,
                (p.y / LABEL_CELL).floor() as i32,
            )
        };
        let (x0, y0) = cell(rect.min);
        let (x1, y1) = cell(rect.max);
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }
}

#[cfg(test)]
mod tests {
    use eframe::egui::pos2;

    use super::*;

    #[test]
    fn overlapping_labels_are_refused() {
        let mut grid = LabelGrid::default();
        let first = Rect::from_min_size(pos2(0.0, 0.0), vec2(80.0, 14.0));
        assert!(grid.try_place(first));
        assert!(!grid.try_place(first.translate(vec2(40.0, 5.0))));
        assert!(grid.try_place(first.translate(vec2(0.0, 20.0))));
    }
}
