//! Drawing the maps of the loaded series, above the basemap and below the
//! places: each map a hatch in its controller's colour inside its polygons,
//! with a thin edge, its lines in the series' own direction.

use eframe::egui::{Pos2, Response, Shape, Stroke, Ui};
use walkers::{MapMemory, Plugin, Projector};

use super::screen::{ScreenTransform, screen_bounds, visible_runs};
use super::series_overlay::MapDrawing;
use crate::shapes::hatch::{Crossings, Hatch, Segment};

/// The distance between a map's hatch lines, in points: wider than an area's
/// stripes, so a map reads as a screen over the places rather than a fill.
const SPACING: f64 = 9.0;
const LINE: f32 = 1.5;
const HATCH_OPACITY: f32 = 0.6;
const EDGE_OPACITY: f32 = 0.8;

/// What the maps drew in a frame, for the tests.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapsDrawn {
    /// Maps with a polygon in view.
    pub maps: usize,
    /// Hatch pieces.
    pub hatches: usize,
}

pub struct SeriesLayer<'a> {
    pub maps: Vec<MapDrawing>,
    pub drawn: &'a mut MapsDrawn,
}

impl Plugin for SeriesLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        _response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        *self.drawn = MapsDrawn::default();
        let clip = projector.clip_rect();
        let painter = ui.painter().with_clip_rect(clip);
        let transform = ScreenTransform::of(projector);
        let visible = transform.visible(clip.expand(4.0));
        let view = screen_bounds(clip);
        let (mut crossings, mut segments, mut runs): (Crossings, Vec<Segment>, Vec<Vec<Pos2>>) =
            Default::default();
        let mut shapes = Vec::new();
        for map in &self.maps {
            let Some(rings) = map.shapes.best(projector.zoom()) else {
                continue;
            };
            let hatch = Hatch {
                angle: map.angle,
                spacing: SPACING,
                anchor: transform.to_screen_f64([0.0, 0.0]),
            };
            let line = Stroke::new(LINE, map.color.gamma_multiply(HATCH_OPACITY));
            let edge = Stroke::new(LINE, map.color.gamma_multiply(EDGE_OPACITY));
            let mut shown = false;
            // A polygon's rings together, so its holes are cut from it alone.
            for polygon in rings.chunk_by(|a, b| a.kind == b.kind) {
                if !polygon.iter().any(|r| r.bounds.intersects(&visible)) {
                    continue;
                }
                shown = true;
                let on_screen = polygon
                    .iter()
                    .map(|r| r.points.iter().map(|&p| transform.to_screen_f64(p)));
                segments.clear();
                hatch.clip(on_screen, view, &mut crossings, &mut segments);
                self.drawn.hatches += segments.len();
                shapes.extend(segments.iter().map(|s| {
                    let [from, to] = [s.from, s.to].map(|[x, y]| Pos2::new(x as f32, y as f32));
                    Shape::line_segment([from, to], line)
                }));
                for ring in polygon {
                    let points = ring.points.iter().map(|&p| transform.to_screen(p));
                    visible_runs(points, clip, &mut runs);
                }
                shapes.extend(runs.drain(..).map(|run| Shape::line(run, edge)));
            }
            self.drawn.maps += usize::from(shown);
        }
        painter.extend(shapes);
    }
}
