//! The places on the map: a walkers plugin that draws each visible place's
//! symbol and label, shows a tooltip, and reports clicks.
//!
//! Per frame the cost is one projection per place and drawing per visible
//! place; events are never read here (their outcome arrives as `states`).
//! Clicks are hit-tested against the visible markers instead of making a
//! widget per marker, so tens of thousands of places stay cheap.

use eframe::egui::{Color32, FontId, Painter, Pos2, Rect, Response, Ui, vec2};
use walkers::{MapMemory, Plugin, Projector, lon_lat};

use super::symbols::{RADIUS, Shape, Symbol};
use crate::model::{Dataset, PlaceState};

/// How far from a marker's centre a click still selects it, in points.
const HIT_RADIUS: f32 = RADIUS + 5.0;
const LABEL_FONT: f32 = 12.5;
/// Labels are placed on a grid of cells this size to find overlaps quickly.
const LABEL_CELL: f32 = 64.0;

/// What the user did on the map this frame.
#[derive(Debug, Default)]
pub struct MapOutput {
    /// `Some(Some(place))`: a marker was clicked; `Some(None)`: empty map was clicked.
    pub clicked: Option<Option<usize>>,
}

pub struct Markers<'a> {
    pub dataset: &'a Dataset,
    pub states: &'a [PlaceState],
    pub selected: Option<usize>,
    pub show_labels: bool,
    pub output: &'a mut MapOutput,
}

impl Plugin for Markers<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let clip = projector.clip_rect();
        let painter = ui.painter().with_clip_rect(clip);
        // Unknown places first, so held and disputed ones draw on top; the selection last.
        let mut order = self.visible(projector, clip.expand(RADIUS * 3.0));
        order.sort_by_key(|&(place, _)| {
            (
                Some(place) == self.selected,
                self.states[place].controllers.len(),
            )
        });
        for &(place, at) in &order {
            let selected = Some(place) == self.selected;
            let symbol = Symbol::of(
                self.dataset,
                &self.dataset.places()[place],
                &self.states[place],
                selected,
            );
            symbol.paint(&painter, at, RADIUS);
        }
        if self.show_labels {
            self.paint_labels(&painter, &order, clip);
        }

        let hovered = response
            .hover_pos()
            .and_then(|pointer| nearest(&order, pointer));
        if let Some(place) = hovered {
            let response = response.clone();
            response.on_hover_ui_at_pointer(|ui| self.tooltip_ui(ui, place));
        }
        if response.clicked() {
            let place = response
                .interact_pointer_pos()
                .and_then(|pointer| nearest(&order, pointer));
            self.output.clicked = Some(place);
        }
    }
}

impl Markers<'_> {
    /// Places inside `area`, with their screen positions.
    fn visible(&self, projector: &Projector, area: Rect) -> Vec<(usize, Pos2)> {
        self.dataset
            .places()
            .iter()
            .enumerate()
            .filter_map(|(index, place)| {
                let at = projector
                    .project(lon_lat(place.lon(), place.lat()))
                    .to_pos2();
                area.contains(at).then_some((index, at))
            })
            .collect()
    }

    /// Labels right of their markers, topmost markers first; a label that would
    /// overlap one already placed is left out, which thins them at low zoom.
    fn paint_labels(&self, painter: &Painter, order: &[(usize, Pos2)], clip: Rect) {
        let mut placed = LabelGrid::default();
        let text_color = Color32::from_rgb(0x1b, 0x1b, 0x1b);
        for &(place, at) in order.iter().rev() {
            let name = &self.dataset.places()[place].name;
            let galley =
                painter.layout_no_wrap(name.clone(), FontId::proportional(LABEL_FONT), text_color);
            let offset = vec2(RADIUS + 5.0, -galley.size().y / 2.0);
            let rect = Rect::from_min_size(at + offset, galley.size()).expand(2.0);
            if !clip.intersects(rect) || !placed.try_place(rect) {
                continue;
            }
            painter.rect_filled(rect, 3.0, Color32::from_white_alpha(200));
            painter.galley(at + offset, galley, text_color);
        }
    }

    fn tooltip_ui(&self, ui: &mut Ui, place: usize) {
        let p = &self.dataset.places()[place];
        ui.strong(&p.name);
        let kind = match Shape::of_kind(&p.kind) {
            Shape::Diamond => "border crossing".to_owned(),
            _ => p.kind.clone(),
        };
        match &p.province {
            Some(province) => ui.label(format!("{kind}, {province}")),
            None => ui.label(kind),
        };
        ui.label(self.dataset.state_in_words(&self.states[place]));
        ui.weak("Click for the quoted sources");
    }
}

/// The marker nearest to `pointer`, if it is within reach; of markers equally
/// near, the one drawn last (on top) in `drawn`.
fn nearest(drawn: &[(usize, Pos2)], pointer: Pos2) -> Option<usize> {
    drawn
        .iter()
        .rev()
        .map(|&(place, at)| (place, at.distance_sq(pointer)))
        .filter(|&(_, d)| d <= HIT_RADIUS * HIT_RADIUS)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(place, _)| place)
}

/// Label rectangles already placed, bucketed by grid cell.
#[derive(Default)]
struct LabelGrid {
    cells: std::collections::HashMap<(i32, i32), Vec<Rect>>,
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
    fn the_nearest_marker_within_reach_is_hit() {
        let visible = [(0, pos2(10.0, 10.0)), (1, pos2(20.0, 10.0))];
        assert_eq!(nearest(&visible, pos2(17.0, 11.0)), Some(1));
        assert_eq!(nearest(&visible, pos2(100.0, 100.0)), None);
    }

    #[test]
    fn of_two_markers_in_one_spot_the_one_on_top_is_hit() {
        let drawn = [(4, pos2(10.0, 10.0)), (7, pos2(10.0, 10.0))];
        assert_eq!(nearest(&drawn, pos2(11.0, 10.0)), Some(7));
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
