//! The central panel: the walkers map with the basemap and markers plugins,
//! and the overlays drawn over it (fit button, legend, attribution).

use eframe::egui::{self, Align, Layout, Ui, UiBuilder};

use super::ClaimApp;
use super::basemap_layer::Palette;
use super::fit::fit_view;
use super::intent::Intent;
use super::legend::{LegendView, folded_legend_ui, legend_ui};
use super::picture::{Attribution, MapPicture, MarkerStyle, draw_map};
use super::series_overlay::{MapDrawing, controller_color};
use crate::data::read_map_area;
use crate::model::MapFile;
use crate::shapes::snapshot::SnapshotShapes;

/// The room the legend takes at the map's left, kept free of places when fitting.
pub(super) const LEGEND_WIDTH: f64 = 230.0;

impl ClaimApp {
    pub(super) fn map_ui(&mut self, ui: &mut Ui, ctx: &egui::Context) {
        let palette = Palette::for_theme(ui.visuals().dark_mode);
        let frame = egui::Frame::NONE.fill(palette.water);
        let intents = egui::CentralPanel::default()
            .frame(frame)
            .show(ui, |ui| self.map_contents_ui(ui, palette))
            .inner;
        self.apply_all(ctx, intents);
    }

    fn map_contents_ui(&mut self, ui: &mut Ui, palette: Palette) -> Vec<Intent> {
        let rect = ui.available_rect_before_wrap();
        self.window.map.rect = rect;
        if self.window.map.fit_pending {
            self.fit(rect);
        }
        let maps = self.series_maps(ui.ctx());
        let alone = self.window.map.raster.is_basemap_alone();
        let attribution = if self.window.map.raster.shows_osm() {
            Attribution::OpenStreetMap
        } else if alone {
            Attribution::NaturalEarth
        } else {
            Attribution::None
        };
        let stale = self.stale_rule();
        let picture = picture_of(&self.data, &self.window, stale, palette, maps);
        let map = &mut self.window.map;
        let mut intents = Vec::new();
        let output = draw_map(
            ui,
            picture,
            map.raster.tiles(),
            (&mut map.memory, map.home),
            &mut map.drawn,
            |ui| overlays_ui(ui, rect, attribution, &mut intents),
        );
        match &self.data.dataset {
            Some(dataset) if self.window.settings.show_legend => {
                let corner = rect.left_bottom() + egui::vec2(8.0, -8.0);
                let view = LegendView {
                    dataset,
                    holders: &self.data.holders,
                    clusters: output.clusters > 0,
                    areas: self.window.map.areas.is_some(),
                    series: self.window.map.series.rows(dataset),
                    believe: &self.looking.believe,
                    claimants: &self.data.claimants,
                };
                intents.extend(legend_ui(ui.ctx(), corner, &view));
            }
            // Folded to a button, so a small window keeps its map.
            Some(_) => {
                let corner = rect.left_bottom() + egui::vec2(8.0, -8.0);
                intents.extend(folded_legend_ui(ui.ctx(), corner));
            }
            None => {
                let text = if self.is_loading() {
                    "Loading…"
                } else {
                    "No data"
                };
                ui.painter().text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    text,
                    egui::FontId::proportional(18.0),
                    ui.visuals().strong_text_color(),
                );
            }
        }
        if let Some(clicked) = output.clicked {
            intents.push(Intent::Select(clicked));
        }
        if let Some((lon, lat)) = output.open_cluster {
            intents.push(Intent::OpenCluster { lon, lat });
        }
        intents
    }

    /// The maps of the shown series on the day, starting to build those not
    /// built yet (each on its own thread, which asks for a frame when ready).
    pub(super) fn series_maps(&mut self, ctx: &egui::Context) -> Vec<MapDrawing> {
        let Some(dataset) = &self.data.dataset else {
            return Vec::new();
        };
        let zoom = self.window.map.memory.zoom();
        let when = (self.data.generation, self.looking.time.day(), zoom);
        let colors = |series: &_| controller_color(dataset, series);
        let max_file_size = self.window.max_file_size;
        // A map is read again from its file on the building thread: what the
        // maps show is not kept once their claims are derived.
        let build = |map: &MapFile| {
            let ctx = ctx.clone();
            let path = map.path.clone();
            let read = move || {
                read_map_area(&path, max_file_size).map_err(|failed| {
                    let said = failed.errors().next().map(ToString::to_string);
                    said.unwrap_or_else(|| format!("{}: cannot be drawn", path.display()))
                })
            };
            SnapshotShapes::spawn(read, zoom, move || ctx.request_repaint()).ok()
        };
        let maps = (self.window.map.series).maps_on(dataset.map_series(), colors, when, build);
        if let Some(failure) = self.window.map.series.failure()
            && self.window.problems.notice() != Some(failure)
        {
            self.window.problems.notify(failure.to_owned());
        }
        maps
    }

    /// Centres and zooms the map on every place, once the map's size is known.
    fn fit(&mut self, rect: egui::Rect) {
        let Some(dataset) = &self.data.dataset else {
            return;
        };
        let positions = dataset
            .places()
            .iter()
            .map(|p| walkers::lon_lat(p.lon(), p.lat()));
        let covered = if self.window.settings.show_legend {
            LEGEND_WIDTH
        } else {
            0.0
        };
        let (width, height) = (rect.width().into(), rect.height().into());
        if let Some((center, zoom)) = fit_view(positions, width, height, covered) {
            self.window.map.memory.center_at(center);
            // `fit_view` clamps the zoom to walkers' range, so this cannot fail.
            let _ = self.window.map.memory.set_zoom(zoom);
        }
        self.window.map.fit_pending = false;
    }
}

/// The picture of `data` as `window` shows it; it borrows only `data`, so the
/// window's map state can be lent to the map at the same time.
pub(super) fn picture_of<'a>(
    data: &'a super::LoadedData,
    window: &super::WindowState,
    stale: Option<super::markers::StaleRule>,
    palette: Palette,
    maps: Vec<MapDrawing>,
) -> MapPicture<'a> {
    let map = &window.map;
    let settings = &window.settings;
    MapPicture {
        dataset: data.dataset.as_deref(),
        states: &data.states,
        points: &data.place_points,
        basemap: map.basemap.clone(),
        palette,
        basemap_alone: map.raster.is_basemap_alone(),
        borders_over_tiles: settings.borders_over_tiles,
        areas: map.areas.clone(),
        maps,
        style: MarkerStyle {
            selected: window.selected,
            show_labels: settings.show_labels,
            stale,
            changes: data.comparison.as_ref().map(|c| c.changed.as_ref()),
            size: settings.marker_size,
        },
    }
}

/// The "Fit to data" button at the top left and the attribution at the bottom right.
fn overlays_ui(ui: &mut Ui, rect: egui::Rect, attribution: Attribution, intents: &mut Vec<Intent>) {
    let area = rect.shrink(8.0);
    let mut top_left = ui.new_child(
        UiBuilder::new()
            .max_rect(area)
            .layout(Layout::top_down(Align::Min)),
    );
    top_left.horizontal(|ui| {
        let buttons = [
            ("⛶ Fit to data", "Show every place (F)", Intent::FitToData),
            ("+", "Zoom in (+)", Intent::ZoomIn),
            ("−", "Zoom out (-)", Intent::ZoomOut),
        ];
        for (text, hint, intent) in buttons {
            if ui.button(text).on_hover_text(hint).clicked() {
                intents.push(intent);
            }
        }
    });
    let Some((text, url)) = attribution.text_and_url() else {
        return;
    };
    let mut bottom_right = ui.new_child(
        UiBuilder::new()
            .max_rect(rect)
            .layout(Layout::bottom_up(Align::Max)),
    );
    egui::Frame::new()
        .fill(ui.visuals().extreme_bg_color.gamma_multiply(0.85))
        .inner_margin(egui::vec2(4.0, 1.0))
        .show(&mut bottom_right, |ui| {
            ui.hyperlink_to(egui::RichText::new(text).small(), url);
        });
}
