//! The central panel: the walkers map with the basemap and markers plugins,
//! and the overlays drawn over it (fit button, legend, attribution).

use std::sync::Arc;

use eframe::egui::{self, Align, Layout, Shape, Ui, UiBuilder};
use walkers::Map;

use super::ClaimApp;
use super::area_layer::AreaLayer;
use super::basemap_layer::{BasemapLayer, Palette};
use super::fit::fit_view;
use super::intent::Intent;
use super::legend::{LegendView, folded_legend_ui, legend_ui};
use super::markers::{MapOutput, Markers};
use super::series_layer::SeriesLayer;
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
        // Land goes under the raster tiles, which walkers draws before any plugin:
        // keep a place for it now, and fill it in once the map knows its view.
        let fill_slot = ui.painter().add(Shape::Noop);
        let alone = self.window.map.raster.is_basemap_alone();
        let stale = self.stale_rule();
        let basemap = self.window.map.basemap.clone().map(|levels| BasemapLayer {
            levels,
            palette,
            fill_slot,
            full: alone,
            borders: alone || self.window.settings.borders_over_tiles,
            drawn: &mut self.window.map.basemap_drawn,
        });
        let series = self.data.dataset.as_ref().map(|_| SeriesLayer {
            maps,
            drawn: &mut self.window.map.maps_drawn,
        });
        // Areas are drawn once their geometry is ready at some zoom; until
        // then the markers show them as points.
        let zoom = self.window.map.memory.zoom();
        let areas = self
            .window
            .map
            .areas
            .clone()
            .filter(|areas| areas.index().is_some() && areas.best(zoom).is_some());
        let area_layer = match (&self.data.dataset, &areas) {
            (Some(dataset), Some(areas)) => Some(AreaLayer {
                areas: Arc::clone(areas),
                dataset,
                states: &self.data.states,
                selected: self.window.selected,
                stale,
                drawn: &mut self.window.map.areas_drawn,
            }),
            _ => {
                self.window.map.areas_drawn = Default::default();
                None
            }
        };
        let mut output = MapOutput::default();
        let markers = self.data.dataset.as_ref().map(|dataset| Markers {
            dataset,
            states: &self.data.states,
            points: &self.data.place_points,
            selected: self.window.selected,
            show_labels: self.window.settings.show_labels,
            areas: areas.as_deref().and_then(|a| a.index()),
            stale,
            changes: self.data.comparison.as_ref().map(|c| c.changed.as_ref()),
            size: self.window.settings.marker_size,
            output: &mut output,
        });
        let attribution = if self.window.map.raster.shows_osm() {
            Attribution::OpenStreetMap
        } else if alone {
            Attribution::NaturalEarth
        } else {
            Attribution::None
        };
        let mut intents = Vec::new();
        // The wheel zooms about the pointer and a drag pans, as in every slippy map
        // (walkers' default pans with the wheel and zooms with Ctrl held).
        let mut map = Map::new(
            self.window.map.raster.tiles(),
            &mut self.window.map.memory,
            self.window.map.home,
        )
        .zoom_with_ctrl(false);
        if let Some(basemap) = basemap {
            map = map.with_plugin(basemap);
        }
        if let Some(series) = series {
            map = map.with_plugin(series);
        }
        if let Some(area_layer) = area_layer {
            map = map.with_plugin(area_layer);
        }
        if let Some(markers) = markers {
            map = map.with_plugin(markers);
        }
        map.show(ui, |ui, _response, _projector, _memory| {
            overlays_ui(ui, rect, attribution, &mut intents);
        });
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
    fn series_maps(&mut self, ctx: &egui::Context) -> Vec<MapDrawing> {
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

/// Whose map data is on screen.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Attribution {
    OpenStreetMap,
    NaturalEarth,
    /// A user's own tiles: their attribution is theirs to know.
    None,
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
    let (text, url) = match attribution {
        Attribution::OpenStreetMap => (
            "© OpenStreetMap contributors",
            "https://www.openstreetmap.org/copyright",
        ),
        Attribution::NaturalEarth => ("Natural Earth", "https://www.naturalearthdata.com/"),
        Attribution::None => return,
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
