//! Drawing the built-in basemap: land and lakes under any raster tiles, lines
//! and names over them, in colours that follow the egui theme.
//!
//! The geometry comes ready per zoom level from [`crate::basemap::LevelSet`]; a
//! frame only moves the visible vertices onto the screen.

use std::sync::Arc;

use eframe::egui::{self, Color32, FontId, Rect, Shape, Stroke, Ui, epaint};
use walkers::{MapMemory, Plugin, Projector};

use super::screen::{ScreenTransform, visible_runs};
use crate::basemap::levels::PlacedLabel;
use crate::basemap::{AreaKind, LabelKind, LevelSet, LineKind};

/// The basemap's colours for one theme.
#[derive(Clone, Copy)]
pub struct Palette {
    pub water: Color32,
    land: Color32,
    lake: Color32,
    coast: Stroke,
    border: Stroke,
    province: Stroke,
    river: Stroke,
    country_text: Color32,
    province_text: Color32,
}

impl Palette {
    pub fn for_theme(dark: bool) -> Palette {
        if dark {
            Palette {
                water: Color32::from_rgb(0x1b, 0x24, 0x2e),
                land: Color32::from_rgb(0x2c, 0x2f, 0x33),
                lake: Color32::from_rgb(0x1b, 0x24, 0x2e),
                coast: Stroke::new(0.8, Color32::from_rgb(0x3c, 0x55, 0x6b)),
                border: Stroke::new(1.3, Color32::from_rgb(0x8a, 0x8f, 0x96)),
                province: Stroke::new(0.7, Color32::from_rgb(0x4e, 0x52, 0x58)),
                river: Stroke::new(1.0, Color32::from_rgb(0x3b, 0x5f, 0x80)),
                country_text: Color32::from_rgb(0xa4, 0xa9, 0xb0),
                province_text: Color32::from_rgb(0x7c, 0x81, 0x88),
            }
        } else {
            Palette {
                water: Color32::from_rgb(0xcf, 0xdd, 0xe8),
                land: Color32::from_rgb(0xf4, 0xf2, 0xec),
                lake: Color32::from_rgb(0xcf, 0xdd, 0xe8),
                coast: Stroke::new(0.8, Color32::from_rgb(0x9c, 0xb4, 0xc6)),
                border: Stroke::new(1.3, Color32::from_rgb(0x8c, 0x86, 0x94)),
                province: Stroke::new(0.7, Color32::from_rgb(0xcc, 0xc5, 0xb8)),
                river: Stroke::new(1.0, Color32::from_rgb(0x9d, 0xbd, 0xd6)),
                country_text: Color32::from_rgb(0x72, 0x6e, 0x78),
                province_text: Color32::from_rgb(0xa0, 0x98, 0x8a),
            }
        }
    }

    fn stroke(&self, kind: LineKind) -> Stroke {
        match kind {
            LineKind::Coast => self.coast,
            LineKind::Border => self.border,
            LineKind::Province => self.province,
            LineKind::River | LineKind::Shore => self.river,
        }
    }
}

/// What the basemap drew in a frame: for the tests, and for a glance in a debugger.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BasemapDrawn {
    /// Land and lake polygons.
    pub fills: usize,
    /// Line runs: coasts, borders, provinces, rivers, shores.
    pub lines: usize,
    pub labels: Vec<String>,
}

/// What the basemap plugin draws this frame.
pub struct BasemapLayer<'a> {
    pub levels: Arc<LevelSet>,
    pub palette: Palette,
    /// The slot reserved under the raster tiles, for land and lakes.
    pub fill_slot: egui::layers::ShapeIdx,
    /// Coasts, rivers and names: off when raster tiles bring their own.
    pub full: bool,
    /// Borders and province lines, over raster tiles too.
    pub borders: bool,
    pub drawn: &'a mut BasemapDrawn,
}

impl Plugin for BasemapLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        _response: &egui::Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        *self.drawn = BasemapDrawn::default();
        let Some(level) = self.levels.best(projector.zoom()) else {
            return;
        };
        let clip = projector.clip_rect();
        let transform = ScreenTransform::of(projector);
        let visible = transform.visible(clip);
        let painter = ui.painter().with_clip_rect(clip);

        let fills = [
            (AreaKind::Land, self.palette.land),
            (AreaKind::Lake, self.palette.lake),
        ]
        .map(|(kind, color)| {
            let mut mesh = epaint::Mesh::default();
            for fill in level.fills.iter().filter(|f| f.kind == kind) {
                if fill.bounds.intersects(&visible) {
                    self.drawn.fills += 1;
                    let first = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
                    for &v in &fill.vertices {
                        mesh.colored_vertex(transform.to_screen(v), color);
                    }
                    mesh.indices
                        .extend(fill.triangles.iter().map(|i| first + i));
                }
            }
            Shape::mesh(mesh)
        });
        painter.set(self.fill_slot, Shape::Vec(fills.into()));

        let order = [
            (LineKind::Coast, self.full),
            (LineKind::River, self.full),
            (LineKind::Shore, self.full),
            (LineKind::Province, self.borders),
            (LineKind::Border, self.borders),
        ];
        let mut runs = Vec::new();
        for (kind, shown) in order {
            if !shown {
                continue;
            }
            let stroke = self.palette.stroke(kind);
            for line in level.strokes.iter().filter(|s| s.kind == kind) {
                if line.bounds.intersects(&visible) {
                    visible_runs(
                        line.points.iter().map(|&p| transform.to_screen(p)),
                        clip,
                        &mut runs,
                    );
                    self.drawn.lines += runs.len();
                    painter.extend(runs.drain(..).map(|run| Shape::line(run, stroke)));
                }
            }
        }
        if self.full {
            self.drawn.labels = labels_ui(
                &painter,
                self.levels.labels(),
                projector.zoom(),
                transform,
                &self.palette,
            );
        }
    }
}

/// Country names, then province names, each where it does not cover another.
/// Returns the names written.
fn labels_ui(
    painter: &egui::Painter,
    labels: &[PlacedLabel],
    zoom: f64,
    transform: ScreenTransform,
    palette: &Palette,
) -> Vec<String> {
    let clip = painter.clip_rect();
    let mut taken: Vec<Rect> = Vec::new();
    let mut written = Vec::new();
    for kind in [LabelKind::Country, LabelKind::Province] {
        let (font, color, text_of): (FontId, Color32, fn(&str) -> String) = match kind {
            LabelKind::Country => (
                FontId::proportional(13.0),
                palette.country_text,
                str::to_uppercase,
            ),
            LabelKind::Province => (
                FontId::proportional(11.0),
                palette.province_text,
                str::to_owned,
            ),
        };
        for label in labels
            .iter()
            .filter(|l| l.kind == kind && zoom >= l.min_zoom)
        {
            let at = transform.to_screen(label.at);
            if !clip.contains(at) {
                continue;
            }
            let galley = painter.layout_no_wrap(text_of(&label.text), font.clone(), color);
            let rect = egui::Align2::CENTER_CENTER.anchor_size(at, galley.size());
            if taken.iter().any(|r| r.intersects(rect)) {
                continue;
            }
            taken.push(rect.expand(6.0));
            painter.galley(rect.min, galley, color);
            written.push(label.text.clone());
        }
    }
    written
}
