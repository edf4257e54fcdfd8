//! Loading files: requests to the loading thread, what it answers, and the
//! file dialogs' answers. The dataset a request brings replaces the one on
//! screen here, with everything derived from it.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;

use super::intent::Intent;
use super::loader::{self, Loader, Picked, Purpose};
use super::tiles::{LocalTiles, TileSource};
use super::time_control::TimeCommand;
use super::{ClaimApp, add_series, believe, mercator, window};
use crate::data::Input;
use crate::model::Dataset;
use crate::shapes::areas::AreaSet;
use crate::workspace::{LoadOutcome, LoadRequest};

impl ClaimApp {
    pub(super) fn request(&mut self, request: LoadRequest) {
        match &mut self.window.loader {
            Some(loader) => {
                // A second Open while files load: the first is given up, not waited for.
                if loader.is_busy() {
                    loader.supersede();
                }
                loader.request(request);
            }
            None => self
                .window
                .problems
                .notify("Cannot load files: no loading thread"),
        }
    }

    /// Takes what arrived from the loader and the file dialogs.
    pub(super) fn receive(&mut self, ctx: &egui::Context) {
        while let Some(outcome) = self.window.loader.as_mut().and_then(Loader::poll) {
            self.take_outcome(ctx, outcome);
        }
        if self.window.loader.as_mut().is_some_and(Loader::died) {
            self.window.problems.notify(
                "Loading stopped: the loading thread ended unexpectedly. The data on screen \
                 is unchanged; open the files again to retry.",
            );
            self.restart_loader(ctx);
        }
        while let Ok(picked) = self.window.picked.1.try_recv() {
            self.take_picked(ctx, picked);
        }
        self.receive_written();
        if let Some(message) = self.window.map.raster.poll(ctx) {
            self.window.problems.notify(message);
        }
        if let Some(levels) = &self.window.map.basemap
            && let Some(error) = levels.failure()
        {
            self.window
                .problems
                .notify(format!("No built-in basemap: {error}"));
            self.window.map.basemap = None;
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_owned())
                .collect()
        });
        // A dropped folder is a map series: the form asks what its maps claim.
        let (folders, files): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|path| path.is_dir());
        if let Some(folder) = folders.into_iter().next() {
            self.window.series_form = Some(add_series::SeriesForm::for_folder(folder));
        }
        if !files.is_empty() {
            self.open(files);
        }
    }

    pub(super) fn take_picked(&mut self, ctx: &egui::Context, picked: Picked) {
        match (picked.purpose, picked.paths.as_slice()) {
            (_, []) => {
                self.window.problems.notify(
                    "No file chosen. If no dialog appeared, this system has no file-dialog \
                     service: drop the file on the window instead.",
                );
            }
            (Purpose::Data(Some(kind)), [path, ..]) => {
                self.request(LoadRequest::OpenAs(kind, path.clone()));
            }
            (Purpose::Data(None), _) => self.open(picked.paths),
            (Purpose::SaveEvents, [path, ..]) => {
                self.request(LoadRequest::SaveEvents(path.clone()));
            }
            (Purpose::Export { .. }, [path, ..]) => self.start_export(ctx, path.clone()),
            (Purpose::ExportState { .. }, [path, ..]) => self.export_state(ctx, path.clone()),
            (Purpose::SaveView { .. }, [path, ..]) => self.save_view(ctx, path.clone()),
            (Purpose::SeriesFolder, [folder, ..]) => {
                self.window.series_form = Some(add_series::SeriesForm::for_folder(folder.clone()));
            }
            (Purpose::Tiles(kind), [path, ..]) => {
                let path = path.clone();
                let source = match kind {
                    LocalTiles::Folder => TileSource::Folder { path },
                    LocalTiles::PmTiles => TileSource::PmTiles { path },
                };
                self.apply(ctx, Intent::SetBasemap(source));
            }
        }
    }

    pub(super) fn take_outcome(&mut self, ctx: &egui::Context, outcome: LoadOutcome) {
        // Given up for a newer request: nothing to tell, nothing changed.
        if outcome.was_cancelled() {
            return;
        }
        let replaced = outcome.dataset.is_some();
        self.window.problems.take(outcome.diagnostics, replaced);
        if let Some(saved) = outcome.saved {
            self.window.problems.notify(saved);
        }
        self.data.gazetteer = outcome.gazetteer;
        self.data.events = outcome.events;
        self.data.added = outcome.added;
        let Some(dataset) = outcome.dataset else {
            return;
        };
        self.looking.time.set_dataset(&dataset);
        if let Some(day) = self.window.first_day.take() {
            self.looking.time.apply(TimeCommand::SetDay(day));
        } else if self.data.dataset.is_none() {
            self.looking.time.apply(TimeCommand::SetDay(
                self.looking
                    .time
                    .event_days()
                    .last()
                    .copied()
                    .unwrap_or(self.looking.time.last()),
            ));
        }
        // A fresh loader (after Cancel) re-reads the same places: keep the view.
        let places_changed = outcome.places_changed
            && self
                .data
                .dataset
                .as_ref()
                .is_none_or(|old| old.places() != dataset.places());
        if places_changed {
            self.window.selected = None;
            // A remembered view wins over fitting on the first load only.
            self.window.map.fit_pending |= self.data.dataset.is_some();
            self.window.map.home = window::middle_of(&dataset).unwrap_or(self.window.map.home);
            self.window.map.areas = self.spawn_areas(ctx, &dataset);
        }
        self.window.selected = self.window.selected.filter(|&p| p < dataset.places().len());
        for input in [&self.data.gazetteer, &self.data.events]
            .into_iter()
            .flatten()
        {
            if let Input::File(path) = input {
                self.window.settings.remember(path);
            }
        }
        self.data.holders = dataset.holders();
        self.data.claimants = believe::claimants(&dataset);
        self.data.place_points = dataset
            .places()
            .iter()
            .map(|p| mercator::unit_square(p.lon(), p.lat()))
            .collect();
        self.data.dataset = Some(Arc::new(dataset));
        self.window.search.forget();
        self.data.generation += 1;
        if let Some(view) = outcome.view {
            self.show_view(ctx, view);
        }
    }

    /// Starts building the dataset's areas, if it has any.
    pub(super) fn spawn_areas(
        &mut self,
        ctx: &egui::Context,
        dataset: &Dataset,
    ) -> Option<Arc<AreaSet>> {
        if !dataset.places().iter().any(|p| p.area.is_some()) {
            return None;
        }
        let repaint = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        let gazetteer = Arc::clone(dataset.files().0);
        AreaSet::spawn(gazetteer, self.window.map.memory.zoom(), repaint)
            .map_err(|error| {
                self.window.problems.notify(format!(
                    "Areas are drawn as points: no thread to prepare their outlines ({error})"
                ));
            })
            .ok()
    }

    /// Leaves the current loader to finish (or stay stuck) on its own, and
    /// starts a fresh one that knows the files on screen.
    pub(super) fn restart_loader(&mut self, ctx: &egui::Context) {
        // Stopped at its next check, so it does not go on using a core and memory.
        if let Some(old) = &self.window.loader {
            old.cancel();
        }
        self.window.loader = match Loader::spawn(ctx.clone(), self.window.max_file_size) {
            Ok(loader) => Some(loader),
            Err(error) => {
                self.window
                    .problems
                    .notify(format!("Cannot load files: no loading thread ({error})"));
                None
            }
        };
        self.reload();
    }

    pub(super) fn reload(&mut self) {
        if let (Some(gazetteer), Some(events)) =
            (self.data.gazetteer.clone(), self.data.events.clone())
        {
            self.request(LoadRequest::Both {
                gazetteer,
                events,
                fall_back_to_built_in: false,
            });
        }
    }

    pub(super) fn show_dialog(&mut self, ctx: &egui::Context, purpose: Purpose) {
        let near = match (&purpose, self.window.map.raster.source()) {
            (Purpose::Tiles(_), TileSource::Folder { path } | TileSource::PmTiles { path }) => {
                Some(path)
            }
            _ => self.window.settings.recent.first(),
        };
        let folder = near.and_then(|p| p.parent()).map(ToOwned::to_owned);
        if let Some(path) = self.window.dialog_answers.pop_front() {
            let answer = Picked {
                purpose,
                paths: vec![path],
            };
            // Taken next frame, as a dialog's answer is.
            let _ = self.window.picked.0.send(answer);
            ctx.request_repaint();
            return;
        }
        if let Err(error) = loader::pick_files(ctx, purpose, folder, self.window.picked.0.clone()) {
            self.window
                .problems
                .notify(format!("Cannot show a file dialog: {error}"));
        }
    }
}
