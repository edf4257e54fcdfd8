//! What the window shows, read without drawing: for tests and benchmarks,
//! which drive the real app, and for the window's own panels.

use chrono::NaiveDate;
use eframe::egui::{Pos2, Rect};

use super::ClaimApp;
use super::area_layer::AreasDrawn;
use super::basemap_layer::BasemapDrawn;
use super::loader::Loader;
use super::series_layer::MapsDrawn;
use super::tiles::{SourceStatus, TileSource};
use super::timeline::HistogramDrawn;
use crate::model::{Dataset, PlaceState};
use walkers::{MercatorProjection, Projector, lon_lat};

impl ClaimApp {
    pub fn is_loading(&self) -> bool {
        self.window.loader.as_ref().is_some_and(Loader::is_busy)
    }

    pub fn dataset(&self) -> Option<&Dataset> {
        self.data.dataset.as_deref()
    }

    /// Whether the error panel shows files that did not load.
    pub fn has_load_errors(&self) -> bool {
        !self.window.problems.errors.is_empty()
    }

    /// Every place's state as the map shows it.
    pub fn states(&self) -> &[PlaceState] {
        &self.data.states
    }

    pub fn day(&self) -> NaiveDate {
        self.looking.time.day()
    }

    pub fn selected(&self) -> Option<usize> {
        self.window.selected
    }

    /// Where the map was drawn last frame.
    pub fn map_rect(&self) -> Rect {
        self.window.map.rect
    }

    /// The map's zoom level, as walkers counts it.
    pub fn map_zoom(&self) -> f64 {
        self.window.map.memory.zoom()
    }

    /// The tile source in use (the remembered one, unless `--offline` overrode it).
    pub fn tile_source(&self) -> &TileSource {
        self.window.map.raster.source()
    }

    pub fn tile_status(&self) -> &SourceStatus {
        self.window.map.raster.status()
    }

    /// Raster tile pieces drawn from the current source so far.
    pub fn tiles_drawn(&self) -> usize {
        self.window.map.raster.drawn()
    }

    /// Whether every zoom level of the built-in basemap is ready.
    pub fn basemap_ready(&self) -> bool {
        self.window
            .map
            .basemap
            .as_ref()
            .is_some_and(|b| b.is_complete())
    }

    /// What the built-in basemap drew last frame.
    pub fn basemap_drawn(&self) -> &BasemapDrawn {
        &self.window.map.drawn.basemap
    }

    /// Whether the areas of the dataset are ready to draw at every zoom (and
    /// so true when it has none).
    pub fn areas_ready(&self) -> bool {
        self.window
            .map
            .areas
            .as_ref()
            .is_none_or(|areas| areas.is_complete())
    }

    /// What the areas drew last frame.
    pub fn areas_drawn(&self) -> &AreasDrawn {
        &self.window.map.drawn.areas
    }

    /// How many days the place's state has rested on claims nobody repeated,
    /// when View → Stale after… makes it stale on the day shown.
    pub fn staleness(&self, place: usize) -> Option<u32> {
        self.stale_rule()?.days(self.data.states.get(place)?)
    }

    /// What the histogram behind the day slider drew last frame.
    pub fn histogram_drawn(&self) -> &HistogramDrawn {
        self.window.date_field.histogram_drawn()
    }

    /// What the maps of the series drew last frame.
    pub fn maps_drawn(&self) -> &MapsDrawn {
        &self.window.map.drawn.maps
    }

    /// Whether the series with this id is drawn (every series is, until turned off).
    pub fn series_shown(&self, id: &str) -> bool {
        self.window.map.series.is_shown(id)
    }

    /// What the status line says beside the counts, if anything.
    pub fn notice(&self) -> Option<&str> {
        self.window.problems.notice()
    }

    /// Where the map drew a place last frame, through the map's own projector.
    pub fn place_on_screen(&self, place: usize) -> Option<Pos2> {
        let p = self.data.dataset.as_deref()?.places().get(place)?;
        let projector = Projector::new(
            self.window.map.rect,
            &MercatorProjection,
            &self.window.map.memory,
            self.window.map.home,
        );
        Some(projector.project(lon_lat(p.lon(), p.lat())).to_pos2())
    }

    /// While an export runs: pictures written, and how many there will be.
    pub fn export_progress(&self) -> Option<(usize, usize)> {
        self.window.exports.job.as_ref().map(|job| job.progress())
    }
}
