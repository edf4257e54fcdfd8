//! Drawing the places that are areas, under the markers: each coloured by its
//! state on the day (see [`area_style`](super::area_style)).
//!
//! Their geometry comes ready per zoom level from [`AreaSet`]; a frame moves
//! the visible vertices onto the screen and colours them: one mesh for every
//! tint, hatch lines for disputed areas, a line per visible run of an edge.

use std::sync::Arc;

use eframe::egui::{Color32, Painter, Pos2, Response, Shape, Stroke, Ui, epaint};
use walkers::{MapMemory, Plugin, Projector};

use super::area_style::{
    AreaFill, AreaStyle, SELECTED_EDGE, STRIPE_ANGLE, STRIPE_SPACING, stripe_color,
};
use super::markers::StaleRule;
use super::screen::{ScreenTransform, screen_bounds, visible_runs};
use super::symbols::{FIGHTING_RED, STALE_OPACITY};
use crate::model::{Dataset, PlaceState};
use crate::shapes::areas::{AreaLevel, AreaSet};
use crate::shapes::hatch::{Crossings, Hatch, Segment};
use crate::shapes::{Bounds, Stroke as Ring};

/// What the areas drew in a frame: for the tests, and for a glance in a debugger.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AreasDrawn {
    /// Polygons tinted.
    pub tints: usize,
    /// Areas with an edge on screen.
    pub outlined: usize,
    /// Stripe pieces of disputed areas.
    pub stripes: usize,
    /// Vertices of the tint mesh.
    pub vertices: usize,
}

pub struct AreaLayer<'a> {
    pub areas: Arc<AreaSet>,
    pub dataset: &'a Dataset,
    pub states: &'a [PlaceState],
    pub selected: Option<usize>,
    /// When areas are drawn faded, while View → Stale after… is on.
    pub stale: Option<StaleRule>,
    pub drawn: &'a mut AreasDrawn,
}

impl Plugin for AreaLayer<'_> {
    fn run(
        mut self: Box<Self>,
        ui: &mut Ui,
        _response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        *self.drawn = AreasDrawn::default();
        let areas = Arc::clone(&self.areas);
        let Some(level) = areas.best(projector.zoom()) else {
            return;
        };
        let clip = projector.clip_rect();
        let transform = ScreenTransform::of(projector);
        let frame = Frame {
            transform,
            visible: transform.visible(clip.expand(4.0)),
            painter: ui.painter().with_clip_rect(clip),
        };
        self.paint_tints(&frame, level);
        let mut edges = Edges::default();
        for rings in level.strokes.chunk_by(|a, b| a.kind == b.kind) {
            let place = rings[0].kind;
            if !rings.iter().any(|r| r.bounds.intersects(&frame.visible)) {
                continue;
            }
            let Some(state) = self.states.get(place) else {
                continue;
            };
            self.drawn.outlined += 1;
            let style = AreaStyle::of(self.dataset, state);
            if let AreaFill::Stripes(colors) = &style.fill {
                self.drawn.stripes += edges.stripes(&frame, rings, colors);
            }
            edges.outline(&frame, rings, &style);
            if Some(place) == self.selected {
                edges.selected = rings;
            }
        }
        // The selection on top of every other edge, so it is never hidden.
        let selected = std::mem::take(&mut edges.selected);
        frame.painter.extend(edges.shapes);
        let mut runs = Vec::new();
        for ring in selected {
            frame.runs(ring, &mut runs);
            for run in runs.drain(..) {
                let glow = Stroke::new(9.0, SELECTED_EDGE.color.gamma_multiply(0.35));
                frame.painter.add(Shape::line(run.clone(), glow));
                frame.painter.add(Shape::line(run, SELECTED_EDGE));
            }
        }
    }
}

/// What every area of a frame draws with.
struct Frame {
    transform: ScreenTransform,
    /// The view in world units.
    visible: Bounds,
    painter: Painter,
}

impl Frame {
    /// The runs of a ring that cross the view, on the screen.
    fn runs(&self, ring: &Ring<usize>, out: &mut Vec<Vec<Pos2>>) {
        let points = ring.points.iter().map(|&p| self.transform.to_screen(p));
        visible_runs(points, self.painter.clip_rect(), out);
    }
}

impl AreaLayer<'_> {
    /// Every held area's tint, as one mesh coloured vertex by vertex.
    fn paint_tints(&mut self, frame: &Frame, level: &AreaLevel) {
        let mut mesh = epaint::Mesh::default();
        let stale = self.stale;
        for fills in level.fills.chunk_by(|a, b| a.kind == b.kind) {
            let tint = match self.states.get(fills[0].kind) {
                Some(state) => match AreaStyle::of(self.dataset, state).fill {
                    // Faded as a stale marker is: its claims are old news.
                    AreaFill::Tint(color) if stale.and_then(|r| r.days(state)).is_some() => {
                        color.gamma_multiply(STALE_OPACITY)
                    }
                    AreaFill::Tint(color) => color,
                    _ => continue,
                },
                None => continue,
            };
            for fill in fills.iter().filter(|f| f.bounds.intersects(&frame.visible)) {
                self.drawn.tints += 1;
                let first = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
                for &v in &fill.vertices {
                    mesh.colored_vertex(frame.transform.to_screen(v), tint);
                }
                mesh.indices
                    .extend(fill.triangles.iter().map(|i| first + i));
            }
        }
        self.drawn.vertices = mesh.vertices.len();
        frame.painter.add(Shape::mesh(mesh));
    }
}

/// The shapes of the areas' stripes and edges, gathered to be painted at once.
#[derive(Default)]
struct Edges<'a> {
    shapes: Vec<Shape>,
    selected: &'a [Ring<usize>],
    crossings: Crossings,
    segments: Vec<Segment>,
    runs: Vec<Vec<Pos2>>,
}

impl<'a> Edges<'a> {
    /// Stripes of `colors` taking turns inside `rings`; how many pieces.
    fn stripes(&mut self, frame: &Frame, rings: &[Ring<usize>], colors: &[Color32]) -> usize {
        let hatch = Hatch {
            angle: STRIPE_ANGLE,
            spacing: STRIPE_SPACING,
            // The world's corner: stripes stay put on the map as it pans.
            anchor: frame.transform.to_screen_f64([0.0, 0.0]),
        };
        let on_screen = rings
            .iter()
            .map(|r| r.points.iter().map(|&p| frame.transform.to_screen_f64(p)));
        let view = screen_bounds(frame.painter.clip_rect());
        self.segments.clear();
        hatch.clip(on_screen, view, &mut self.crossings, &mut self.segments);
        let width = STRIPE_SPACING as f32;
        for segment in &self.segments {
            let Some(color) = stripe_color(colors, segment.line) else {
                continue;
            };
            let [from, to] = [segment.from, segment.to].map(|[x, y]| Pos2::new(x as f32, y as f32));
            self.shapes
                .push(Shape::line_segment([from, to], Stroke::new(width, color)));
        }
        self.segments.len()
    }

    fn outline(&mut self, frame: &Frame, rings: &'a [Ring<usize>], style: &AreaStyle) {
        for ring in rings {
            frame.runs(ring, &mut self.runs);
        }
        for run in self.runs.drain(..) {
            if style.fighting {
                self.shapes.push(Shape::line(run.clone(), style.edge));
                let dashes = Stroke::new(style.edge.width.max(2.0), FIGHTING_RED);
                self.shapes
                    .extend(Shape::dashed_line(&run, dashes, 6.0, 5.0));
            } else {
                self.shapes.push(Shape::line(run, style.edge));
            }
        }
    }
}
