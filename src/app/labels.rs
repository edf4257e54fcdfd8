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

    /// Names beside their markers, by `priority` (lower first: places with
    /// claims before cities before the rest), then the last drawn (topmost)
    /// first. A name goes right of its marker, else left, above or below,
    /// and is left out only when no side is free.
    pub fn beside_markers(&mut self, order: &[(usize, Pos2)], priority: impl Fn(usize) -> u8) {
        let clip = self.painter.clip_rect();
        for (place, at) in by_priority(order, priority) {
            let Some(name) = self.places.get(place).map(|p| &p.name) else {
                continue;
            };
            let font = FontId::proportional(LABEL_FONT);
            let galley = self.painter.layout_no_wrap(name.clone(), font, TEXT);
            let Some(rect) = first_free_side(&mut self.placed, at, galley.size(), clip) else {
                continue;
            };
            self.painter
                .rect_filled(rect, 3.0, Color32::from_white_alpha(200));
            self.painter.galley(rect.min + vec2(2.0, 2.0), galley, TEXT);
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

/// The markers in the order their names are placed: by `priority`, then the
/// last drawn (topmost) first.
fn by_priority(order: &[(usize, Pos2)], priority: impl Fn(usize) -> u8) -> Vec<(usize, Pos2)> {
    let mut queue: Vec<(usize, Pos2)> = order.iter().rev().copied().collect();
    // Stable: within a priority, the topmost stays first.
    queue.sort_by_key(|&(place, _)| priority(place));
    queue
}

/// Where a name of `size` beside a marker at `at` goes: right, left, above
/// or below it, the first side in view that overlaps no name placed; the
/// rectangle is kept as placed.
fn first_free_side(grid: &mut LabelGrid, at: Pos2, size: Vec2, clip: Rect) -> Option<Rect> {
    let gap = RADIUS + 5.0;
    let sides = [
        vec2(gap, -size.y / 2.0),
        vec2(-gap - size.x, -size.y / 2.0),
        vec2(-size.x / 2.0, -gap - size.y),
        vec2(-size.x / 2.0, gap),
    ];
    sides.into_iter().find_map(|offset| {
        let rect = Rect::from_min_size(at + offset, size).expand(2.0);
        (clip.intersects(rect) && grid.try_place(rect)).then_some(rect)
    })
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
    fn a_name_goes_to_a_free_side_before_it_is_left_out() {
        let clip = Rect::from_min_size(pos2(0.0, 0.0), vec2(1000.0, 1000.0));
        let mut grid = LabelGrid::default();
        let size = vec2(60.0, 14.0);
        let first = first_free_side(&mut grid, pos2(500.0, 500.0), size, clip).unwrap();
        assert!(first.min.x > 500.0, "right of its marker: {first:?}");
        // More names at the same spot go left, then above, then below.
        let same = pos2(500.0, 500.0);
        let sides: Vec<Rect> = (0..3)
            .filter_map(|_| first_free_side(&mut grid, same, size, clip))
            .collect();
        assert_eq!(sides.len(), 3);
        assert!(sides[0].max.x < 500.0, "left: {:?}", sides[0]);
        assert!(sides[1].max.y < 500.0, "above: {:?}", sides[1]);
        assert!(sides[2].min.y > 500.0, "below: {:?}", sides[2]);
        assert_eq!(
            first_free_side(&mut grid, same, size, clip),
            None,
            "no side left"
        );
    }

    #[test]
    fn a_place_with_claims_is_named_before_one_without_drawn_over_it() {
        let at = pos2(10.0, 10.0);
        // Place 1 is drawn last (on top) but has no claim; place 0 has one.
        let order = [(0, at), (1, at), (2, at)];
        let claimed = |place: usize| if place == 0 { 0 } else { 2 };
        let places: Vec<usize> = by_priority(&order, claimed).iter().map(|p| p.0).collect();
        assert_eq!(places, [0, 2, 1]);
    }

    #[test]
    fn overlapping_labels_are_refused() {
        let mut grid = LabelGrid::default();
        let first = Rect::from_min_size(pos2(0.0, 0.0), vec2(80.0, 14.0));
        assert!(grid.try_place(first));
        assert!(!grid.try_place(first.translate(vec2(40.0, 5.0))));
        assert!(grid.try_place(first.translate(vec2(0.0, 20.0))));
    }
}
