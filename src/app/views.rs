//! View files: File → Save view… writes what the window shows (the files,
//! the day, the lens, the selection, the map's view, the basemap) and
//! opening one shows exactly that, so a colleague with the same files sees
//! the same map.

use std::path::PathBuf;

use eframe::egui;
use walkers::lon_lat;

use super::ClaimApp;
use super::intent::Intent;
use super::loader::Purpose;
use super::tiles::TileSource;
use super::time_control::TimeCommand;
use crate::data::Input;
use crate::data::view_file::{Basemap, VIEW_FORMAT, ViewBelieve, ViewFile, ViewSeries, save_view};

impl From<&TileSource> for Basemap {
    fn from(source: &TileSource) -> Basemap {
        match source {
            TileSource::Offline => Basemap::Offline,
            TileSource::OpenStreetMap => Basemap::OpenStreetMap,
            TileSource::Folder { path } => Basemap::Folder { path: path.clone() },
            TileSource::PmTiles { path } => Basemap::PmTiles { path: path.clone() },
        }
    }
}

impl From<Basemap> for TileSource {
    fn from(basemap: Basemap) -> TileSource {
        match basemap {
            Basemap::Offline => TileSource::Offline,
            Basemap::OpenStreetMap => TileSource::OpenStreetMap,
            Basemap::Folder { path } => TileSource::Folder { path },
            Basemap::PmTiles { path } => TileSource::PmTiles { path },
        }
    }
}

impl ClaimApp {
    pub(super) fn save_view_dialog(&mut self, ctx: &egui::Context) {
        let name = format!("view-{}.claimmap.json", self.looking.time.day());
        self.show_dialog(ctx, Purpose::SaveView { name });
    }

    /// What the window shows, as a view file says it.
    pub(super) fn view_file(&self) -> ViewFile {
        let file = |input: &Option<Input>| match input {
            Some(Input::File(path)) => Some(path.clone()),
            _ => None,
        };
        let not_believed = &self.looking.believe.not_believed;
        let memory = &self.window.map.memory;
        let center = memory.detached().unwrap_or(self.window.map.home);
        let dataset = self.data.dataset.as_deref();
        ViewFile {
            claimmap_view: VIEW_FORMAT,
            gazetteer: file(&self.data.gazetteer),
            events: file(&self.data.events),
            series: self.data.added.iter().map(ViewSeries::from).collect(),
            day: self.looking.time.day(),
            mode: self.looking.time.mode(),
            believe: (!not_believed.is_empty())
                .then(|| ViewBelieve::Except(not_believed.iter().cloned().collect())),
            selected: (self.window.selected)
                .and_then(|p| Some(dataset?.places().get(p)?.id.clone())),
            compare_with: self.looking.compare.with(),
            center: [center.x(), center.y()],
            zoom: memory.zoom(),
            basemap: Basemap::from(self.window.map.raster.source()),
        }
    }

    /// Writes the view to `path`, on a thread of its own.
    pub(super) fn save_view(&mut self, ctx: &egui::Context, path: PathBuf) {
        let view = self.view_file();
        let told = self.window.exports.written.0.clone();
        let ctx = ctx.clone();
        let write = move || {
            let said = match save_view(&path, &view) {
                Ok(()) => format!("Saved the view as {}", path.display()),
                Err(error) => format!("View not saved: {error}"),
            };
            if told.send(said).is_ok() {
                ctx.request_repaint();
            }
        };
        let spawned = std::thread::Builder::new()
            .name("claimmap-save-view".to_owned())
            .spawn(write);
        if let Err(error) = spawned {
            let said = format!("View not saved: no thread to write it ({error})");
            self.window.problems.notify(said);
        }
    }

    /// Shows what an opened view file says, once its data is in.
    pub(super) fn show_view(&mut self, ctx: &egui::Context, view: ViewFile) {
        let Some(dataset) = &self.data.dataset else {
            return;
        };
        let time = &mut self.looking.time;
        time.apply(TimeCommand::SetMode(view.mode));
        time.apply(TimeCommand::SetDay(view.day));
        self.looking.believe.not_believed = match &view.believe {
            None => Default::default(),
            Some(ViewBelieve::Except(ids)) => ids.iter().cloned().collect(),
            // Believing only some: every other claimant is not believed.
            Some(ViewBelieve::Only(ids)) => match dataset.claimants_of(ids) {
                Ok(believed) => (self.data.claimants.iter())
                    .filter(|&&p| believed.binary_search(&(p as u32)).is_err())
                    .map(|&p| dataset.parties()[p].id.clone())
                    .collect(),
                Err(unknown) => {
                    let said = format!("The view's filter is not applied: {unknown}.");
                    self.window.problems.notify(said);
                    Default::default()
                }
            },
        };
        let selected = view
            .selected
            .as_deref()
            .map(|id| (id, dataset.place_by_id(id)));
        self.window.selected = selected.and_then(|(_, place)| place);
        if let Some((id, None)) = selected {
            let said = format!("The view selects \"{id}\", which these files do not have.");
            self.window.problems.notify(said);
        }
        self.looking.compare.set(view.compare_with);
        let map = &mut self.window.map;
        map.fit_pending = false;
        map.memory
            .center_at(lon_lat(view.center[0], view.center[1]));
        // The view file was checked on reading: its zoom is one walkers takes.
        let _ = map.memory.set_zoom(view.zoom);
        let source = TileSource::from(view.basemap);
        if &source != self.window.map.raster.source() {
            self.apply(ctx, Intent::SetBasemap(source));
        }
    }
}
