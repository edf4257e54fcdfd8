//! The central panel: the walkers map with the markers plugin, and the
//! overlays drawn over it (fit button, legend, tile attribution).

use eframe::egui::{self, Align, Color32, Layout, Ui, UiBuilder};
use walkers::{Map, Tiles};

use super::ClaimApp;
use super::fit::fit_view;
use super::intent::Intent;
use super::legend::legend_ui;
use super::markers::{MapOutput, Markers};

/// A pale sea-grey: with no tiles (offline, or still loading) the map is light, not black.
const MAP_BACKGROUND: Color32 = Color32::from_rgb(0xe6, 0xea, 0xee);
/// The room the legend takes at the map's left, kept free of places when fitting.
pub(super) const LEGEND_WIDTH: f64 = 230.0;

impl ClaimApp {
    pub(super) fn map_ui(&mut self, ui: &mut Ui, ctx: &egui::Context) {
        let frame = egui::Frame::NONE.fill(MAP_BACKGROUND);
        let intents = egui::CentralPanel::default()
            .frame(frame)
            .show(ui, |ui| self.map_contents_ui(ui))
            .inner;
        self.apply_all(ctx, intents);
    }

    fn map_contents_ui(&mut self, ui: &mut Ui) -> Vec<Intent> {
        let rect = ui.available_rect_before_wrap();
        self.map.rect = rect;
        if self.map.fit_pending {
            self.fit(rect);
        }
        let Some(dataset) = &self.dataset else {
            ui.centered_and_justified(|ui| {
                ui.label(if self.is_loading() {
                    "Loading…"
                } else {
                    "No data"
                })
            });
            return Vec::new();
        };

        let mut output = MapOutput::default();
        let mut intents = Vec::new();
        let markers = Markers {
            dataset,
            states: &self.states,
            selected: self.selected,
            show_labels: self.settings.show_labels,
            output: &mut output,
        };
        let tiles = self.map.tiles.as_mut().map(|t| t as &mut dyn Tiles);
        let has_tiles = tiles.is_some();
        Map::new(tiles, &mut self.map.memory, self.map.home)
            .with_plugin(markers)
            .show(ui, |ui, _response, _projector, _memory| {
                overlays_ui(ui, rect, has_tiles, &mut intents);
            });
        if self.settings.show_legend {
            let corner = rect.left_bottom() + egui::vec2(8.0, -8.0);
            legend_ui(ui.ctx(), corner, dataset, &self.holders);
        }
        if let Some(clicked) = output.clicked {
            intents.push(Intent::Select(clicked));
        }
        intents
    }

    /// Centres and zooms the map on every place, once the map's size is known.
    fn fit(&mut self, rect: egui::Rect) {
        let Some(dataset) = &self.dataset else { return };
        let positions = dataset
            .places()
            .iter()
            .map(|p| walkers::lon_lat(p.lon(), p.lat()));
        let covered = if self.settings.show_legend {
            LEGEND_WIDTH
        } else {
            0.0
        };
        let (width, height) = (rect.width().into(), rect.height().into());
        if let Some((center, zoom)) = fit_view(positions, width, height, covered) {
            self.map.memory.center_at(center);
            // `fit_view` clamps the zoom to walkers' range, so this cannot fail.
            let _ = self.map.memory.set_zoom(zoom);
        }
        self.map.fit_pending = false;
    }
}

/// The "Fit to data" button at the top left and the tile attribution at the bottom right.
fn overlays_ui(ui: &mut Ui, rect: egui::Rect, has_tiles: bool, intents: &mut Vec<Intent>) {
    let area = rect.shrink(8.0);
    let mut top_left = ui.new_child(
        UiBuilder::new()
            .max_rect(area)
            .layout(Layout::top_down(Align::Min)),
    );
    if top_left
        .button("⛶ Fit to data")
        .on_hover_text("Show every place (F)")
        .clicked()
    {
        intents.push(Intent::FitToData);
    }
    if has_tiles {
        let mut bottom_right = ui.new_child(
            UiBuilder::new()
                .max_rect(rect)
                .layout(Layout::bottom_up(Align::Max)),
        );
        egui::Frame::new()
            .fill(Color32::from_white_alpha(210))
            .inner_margin(egui::vec2(4.0, 1.0))
            .show(&mut bottom_right, |ui| {
                ui.hyperlink_to(
                    egui::RichText::new("© OpenStreetMap contributors")
                        .small()
                        .color(Color32::from_rgb(0x20, 0x4a, 0x87)),
                    "https://www.openstreetmap.org/copyright",
                );
            });
    }
}
