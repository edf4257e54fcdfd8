//! The window: a map of places coloured by claimed control on the chosen day,
//! a timeline, and the quoted sources of the selected place.
//!
//! UI functions draw from the state and return [`Intent`]s; [`ClaimApp::apply`]
//! is the one place that acts on them. Files are read on a background thread
//! ([`loader`]); the control state is recomputed only when the day, the mode
//! or the data change.

mod fit;
mod intent;
mod legend;
mod loader;
mod map_view;
mod markers;
mod menu;
mod settings;
mod sources_panel;
mod status;
mod symbols;
mod time_control;
mod timeline;
mod window;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use chrono::NaiveDate;
use eframe::egui::{self, Pos2, Rect};
use walkers::{HttpTiles, MapMemory, MercatorProjection, Position, Projector, lon_lat};

use crate::data::Input;
use crate::model::{Dataset, PlaceState};
use crate::workspace::{LoadOutcome, LoadRequest};

pub use intent::{Intent, Toggle};
pub use settings::Settings;
pub use time_control::{TimeCommand, TimeControl};
pub use window::{Startup, run};

use loader::{Loader, Picked};
use status::Problems;
use timeline::DateField;

/// Everything the window shows and remembers.
pub struct ClaimApp {
    dataset: Option<Dataset>,
    /// Bumped whenever `dataset` is replaced, to know when `states` are stale.
    generation: u64,
    states: Vec<PlaceState>,
    /// The parties markers can take the colour of, for the legend.
    holders: Vec<usize>,
    states_of: Option<(NaiveDate, crate::model::Mode, u64)>,
    time: TimeControl,
    /// The day to show once the first dataset arrives (`--at` or the saved day).
    first_day: Option<NaiveDate>,
    selected: Option<usize>,
    search: String,
    date_field: DateField,
    map: MapState,
    gazetteer: Option<Input>,
    events: Option<Input>,
    loader: Option<Loader>,
    picked: (Sender<Picked>, Receiver<Picked>),
    problems: Problems,
    settings: Settings,
    show_warnings: bool,
    show_unplaced: bool,
    show_about: bool,
}

struct MapState {
    memory: MapMemory,
    /// The middle of the data; the map follows it until the user pans.
    home: Position,
    /// Fit the view to the places on the next frame, when the map's size is known.
    fit_pending: bool,
    /// Where the map was drawn last frame.
    rect: Rect,
    tiles: Option<HttpTiles>,
}

impl ClaimApp {
    /// Starts loading the files of `startup` (or the remembered or built-in ones).
    pub fn new(
        ctx: &egui::Context,
        startup: Startup,
        storage: Option<&dyn eframe::Storage>,
    ) -> Self {
        let (settings, settings_warning) = Settings::load(storage);
        let mut map = MapState {
            memory: MapMemory::default(),
            home: lon_lat(66.0, 34.0),
            fit_pending: true,
            rect: Rect::NOTHING,
            tiles: startup.online_tiles.then(|| window::osm_tiles(ctx)),
        };
        if let (Some([lon, lat]), Some(zoom)) = (settings.map_center, settings.map_zoom) {
            map.memory.center_at(lon_lat(lon, lat));
            map.fit_pending = map.memory.set_zoom(zoom).is_err();
        }
        let mut problems = Problems {
            notice: settings_warning,
            ..Problems::default()
        };
        let loader = match Loader::spawn(ctx.clone()) {
            Ok(loader) => Some(loader),
            Err(error) => {
                problems.notice = Some(format!("Cannot load files: no loading thread ({error})"));
                None
            }
        };
        let day = startup.at.or(settings.day);
        let mut app = Self {
            dataset: None,
            generation: 0,
            states: Vec::new(),
            holders: Vec::new(),
            states_of: None,
            time: TimeControl::new(
                day.unwrap_or_default(),
                settings.mode,
                settings.days_per_second,
            ),
            first_day: day,
            selected: None,
            search: String::new(),
            date_field: DateField::default(),
            map,
            gazetteer: None,
            events: None,
            loader,
            picked: channel(),
            problems,
            settings,
            show_warnings: false,
            show_unplaced: false,
            show_about: false,
        };
        app.request(startup.first_request(&app.settings));
        app
    }

    /// Opens files as Open… and a drop do: recognised by content, on the loading thread.
    pub fn open(&mut self, paths: Vec<PathBuf>) {
        self.request(LoadRequest::Open(paths));
    }

    pub fn is_loading(&self) -> bool {
        self.loader.as_ref().is_some_and(Loader::is_busy)
    }

    pub fn dataset(&self) -> Option<&Dataset> {
        self.dataset.as_ref()
    }

    pub fn day(&self) -> NaiveDate {
        self.time.day()
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Where the map was drawn last frame.
    pub fn map_rect(&self) -> Rect {
        self.map.rect
    }

    /// Where the map drew a place last frame, through the map's own projector.
    pub fn place_on_screen(&self, place: usize) -> Option<Pos2> {
        let p = self.dataset.as_ref()?.places().get(place)?;
        let projector = Projector::new(
            self.map.rect,
            &MercatorProjection,
            &self.map.memory,
            self.map.home,
        );
        Some(projector.project(lon_lat(p.lon(), p.lat())).to_pos2())
    }

    fn request(&mut self, request: LoadRequest) {
        match &mut self.loader {
            Some(loader) => loader.request(request),
            None => self.problems.notice = Some("Cannot load files: no loading thread".into()),
        }
    }

    /// Takes what arrived from the loader and the file dialogs.
    fn receive(&mut self, ctx: &egui::Context) {
        while let Some(outcome) = self.loader.as_mut().and_then(Loader::poll) {
            self.take_outcome(outcome);
        }
        while let Ok(picked) = self.picked.1.try_recv() {
            self.take_picked(picked);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_owned())
                .collect()
        });
        if !dropped.is_empty() {
            self.open(dropped);
        }
    }

    fn take_picked(&mut self, picked: Picked) {
        match (picked.kind, picked.paths.as_slice()) {
            (_, []) => {
                self.problems.notice = Some(
                    "No file chosen. If no dialog appeared, this system has no file-dialog \
                     service: drop the file on the window instead."
                        .into(),
                );
            }
            (Some(kind), [path, ..]) => self.request(LoadRequest::OpenAs(kind, path.clone())),
            (None, _) => self.open(picked.paths),
        }
    }

    fn take_outcome(&mut self, outcome: LoadOutcome) {
        let replaced = outcome.dataset.is_some();
        self.problems.take(outcome.diagnostics, replaced);
        self.gazetteer = outcome.gazetteer;
        self.events = outcome.events;
        let Some(dataset) = outcome.dataset else {
            return;
        };
        self.time.set_dataset(&dataset);
        if let Some(day) = self.first_day.take() {
            self.time.apply(TimeCommand::SetDay(day));
        } else if self.dataset.is_none() {
            self.time.apply(TimeCommand::SetDay(
                self.time
                    .event_days()
                    .last()
                    .copied()
                    .unwrap_or(self.time.last()),
            ));
        }
        if outcome.places_changed {
            self.selected = None;
            // A remembered view wins over fitting on the first load only.
            self.map.fit_pending |= self.dataset.is_some();
            self.map.home = window::middle_of(&dataset).unwrap_or(self.map.home);
        }
        self.selected = self.selected.filter(|&p| p < dataset.places().len());
        for input in [&self.gazetteer, &self.events].into_iter().flatten() {
            if let Input::File(path) = input {
                self.settings.remember(path);
            }
        }
        self.holders = dataset.holders();
        self.dataset = Some(dataset);
        self.generation += 1;
    }

    /// Recomputes the control state if the day, the mode or the data changed.
    fn refresh_states(&mut self) {
        let Some(dataset) = &self.dataset else { return };
        let key = (self.time.day(), self.time.mode(), self.generation);
        if self.states_of != Some(key) {
            self.states = dataset.control_state_at(key.0, key.1);
            self.states_of = Some(key);
        }
    }

    /// The one place intents take effect.
    pub fn apply(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::Time(command) => {
                self.time.apply(command);
            }
            Intent::Select(place) => self.selected = place,
            Intent::SelectAndShow(place) => {
                self.selected = Some(place);
                if let Some(p) = self.dataset.as_ref().and_then(|d| d.places().get(place)) {
                    self.map.memory.center_at(lon_lat(p.lon(), p.lat()));
                }
            }
            Intent::FitToData => self.map.fit_pending = true,
            Intent::OpenDialog(kind) => self.show_dialog(ctx, kind),
            Intent::Open(paths) => self.open(paths),
            Intent::OpenAs(kind, path) => self.request(LoadRequest::OpenAs(kind, path)),
            Intent::Reload => self.reload(),
            Intent::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Intent::DismissErrors => self.problems.errors.clear(),
            Intent::Toggle(toggle) => self.toggle(toggle),
            Intent::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
        }
        ctx.request_repaint();
    }

    fn apply_all(&mut self, ctx: &egui::Context, intents: Vec<Intent>) {
        for intent in intents {
            self.apply(ctx, intent);
        }
        self.refresh_states();
    }

    fn toggle(&mut self, toggle: Toggle) {
        let flag = match toggle {
            Toggle::Labels => &mut self.settings.show_labels,
            Toggle::Legend => &mut self.settings.show_legend,
            Toggle::SourcesPanel => &mut self.settings.show_sources_panel,
            Toggle::Timeline => &mut self.settings.show_timeline,
            Toggle::Warnings => &mut self.show_warnings,
            Toggle::UnplacedEvents => &mut self.show_unplaced,
            Toggle::About => &mut self.show_about,
        };
        *flag = !*flag;
    }

    fn reload(&mut self) {
        if let (Some(gazetteer), Some(events)) = (self.gazetteer.clone(), self.events.clone()) {
            self.request(LoadRequest::Both {
                gazetteer,
                events,
                fall_back_to_built_in: false,
            });
        }
    }

    fn show_dialog(&mut self, ctx: &egui::Context, kind: Option<crate::formats::FileKind>) {
        let folder = self
            .settings
            .recent
            .first()
            .and_then(|p| p.parent())
            .map(ToOwned::to_owned);
        if let Err(error) = loader::pick_files(ctx, kind, folder, self.picked.0.clone()) {
            self.problems.notice = Some(format!("Cannot show a file dialog: {error}"));
        }
    }

    /// Keeps what should survive a restart in `settings`.
    fn update_settings(&mut self) {
        let file = |input: &Option<Input>| match input {
            Some(Input::File(path)) => Some(path.clone()),
            _ => None,
        };
        self.settings.gazetteer = file(&self.gazetteer);
        self.settings.events = file(&self.events);
        self.settings.day = self.dataset.is_some().then(|| self.time.day());
        self.settings.mode = self.time.mode();
        self.settings.days_per_second = self.time.days_per_second();
        let center = self.map.memory.detached().unwrap_or(self.map.home);
        self.settings.map_center = Some([center.x(), center.y()]);
        self.settings.map_zoom = Some(self.map.memory.zoom());
    }
}
