//! The window: a map of places coloured by claimed control on the chosen day,
//! a timeline, and the quoted sources of the selected place.
//!
//! UI functions draw from the state and return [`Intent`]s; [`ClaimApp::apply`]
//! is the one place that acts on them. Files are read on a background thread
//! ([`loader`]); the control state is recomputed only when the day, the mode
//! or the data change.

mod add_series;
mod area_layer;
mod area_style;
mod basemap_layer;
mod believe;
mod clusters;
mod commands;
mod compare;
mod export;
mod exporting;
mod fit;
mod intent;
mod labels;
mod ledger_ui;
mod legend;
mod loader;
mod loading;
mod map_view;
mod markers;
mod menu;
mod mercator;
mod picture;
mod place_filter;
mod readouts;
mod run_marker;
mod saved_state;
mod screen;
mod series_layer;
mod series_overlay;
mod settings;
mod sources_panel;
mod status;
mod symbols;
mod tiles;
mod time_control;
mod timeline;
mod views;
mod window;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use chrono::NaiveDate;
use eframe::egui::{self, Rect};
use walkers::{MapMemory, Position, lon_lat};

use crate::basemap::LevelSet;
use crate::data::Input;
use crate::model::{Believe, Dataset, Density, Lens, LensStates, PlaceState};
use crate::shapes::areas::AreaSet;
use crate::workspace::LoadRequest;

pub use area_layer::AreasDrawn;
pub use basemap_layer::BasemapDrawn;
pub use export::caption::Caption;
pub use export::files::{ExportError, estimated_gif_bytes};
pub use export::pipeline::{Output as ExportOutput, check_output as check_export_target};
pub use export::shot::{Framing, Height};
pub use export::standalone::{RenderSpec, Rendered, render};
pub use export::{FRAMES_WITHOUT_ASKING, frame_days};
pub use intent::{Intent, Toggle};
pub use series_layer::MapsDrawn;
pub use settings::Settings;
pub use tiles::{LocalTiles, SourceStatus, TileSource, check_folder, check_pmtiles};
pub use time_control::{TimeCommand, TimeControl};
pub use timeline::HistogramDrawn;
pub use window::{Startup, run};

use loader::{Loader, Picked, Purpose};
use place_filter::PlaceFilter;
use status::Problems;
use timeline::DateField;

/// Everything the window shows and remembers.
pub struct ClaimApp {
    /// What the user is looking through: the day, whose claims count, a day to compare.
    looking: Looking,
    /// The loaded data and what is derived from it for the lens.
    data: LoadedData,
    /// The window's own state: selection, panels, settings, the loader.
    window: WindowState,
}

/// The lens: what the user is looking at besides the places. The rule's input
/// is [`Looking::lens`], made from these each frame.
struct Looking {
    time: TimeControl,
    believe: believe::BelieveFilter,
    /// A second day to compare the day shown with.
    compare: compare::Compare,
    /// The mode and whose claims count, as of this frame.
    lens: Lens,
}

/// One owner of the loaded dataset and everything derived from it, each
/// recomputed only when its inputs change.
struct LoadedData {
    /// Shared, so an export can write from it on a thread of its own.
    dataset: Option<Arc<Dataset>>,
    /// Bumped whenever `dataset` is replaced, to know when `states` are stale.
    generation: u64,
    /// Every place's state for the day and lens in `states_of`.
    states: Vec<PlaceState>,
    states_of: Option<(NaiveDate, Lens, u64)>,
    /// The parties markers can take the colour of, for the legend.
    holders: Vec<usize>,
    /// The parties that make claims, to choose whose count.
    claimants: Vec<usize>,
    /// Each place in Web Mercator's unit square, projected once per dataset.
    place_points: Vec<[f64; 2]>,
    /// Whose claims the timeline's histogram counts, and for which dataset.
    density_of: Option<(u64, Believe)>,
    /// What changed between the day shown and the day compared with.
    comparison: Option<compare::Comparison>,
    /// The map series added in the window, as the loader last said.
    added: Vec<crate::data::ListedSeries>,
    /// The files the dataset was read from.
    gazetteer: Option<Input>,
    events: Option<Input>,
}

/// The window's own state.
struct WindowState {
    /// The day to show once the first dataset arrives (`--at` or the saved day).
    first_day: Option<NaiveDate>,
    selected: Option<usize>,
    search: PlaceFilter,
    date_field: DateField,
    map: MapState,
    loader: Option<Loader>,
    picked: (Sender<Picked>, Receiver<Picked>),
    problems: Problems,
    settings: Settings,
    show_warnings: bool,
    show_unplaced: bool,
    show_about: bool,
    /// The Add map series form, while it is open.
    series_form: Option<add_series::SeriesForm>,
    /// Exports: the form, the one waiting for its file, the one under way.
    exports: Exports,
    /// Answers given to file dialogs instead of showing them (see [`Startup`]).
    dialog_answers: std::collections::VecDeque<PathBuf>,
    /// The files a run that died had open, offered rather than reopened.
    not_reopened: Option<window::Remembered>,
    max_file_size: u64,
}

/// The window's exports, from the form to the file.
struct Exports {
    /// The Export image/animation form, while it is open.
    form: Option<export::form::ExportForm>,
    /// An export waiting for the file dialog's answer.
    request: Option<export::form::ExportRequest>,
    /// The export under way.
    job: Option<export::job::ExportJob>,
    /// What threads writing files (state, views) said, for the notices.
    written: (Sender<String>, Receiver<String>),
}

impl Default for Exports {
    fn default() -> Self {
        Exports {
            form: None,
            request: None,
            job: None,
            written: channel(),
        }
    }
}

struct MapState {
    memory: MapMemory,
    /// The middle of the data; the map follows it until the user pans.
    home: Position,
    /// Fit the view to the places on the next frame, when the map's size is known.
    fit_pending: bool,
    /// Where the map was drawn last frame.
    rect: Rect,
    /// The built-in basemap, built in the background; `None` if no thread could start.
    basemap: Option<Arc<LevelSet>>,
    raster: tiles::RasterTiles,
    /// The dataset's areas, built in the background; `None` when it has none.
    areas: Option<Arc<AreaSet>>,
    /// The maps of the dataset's series: which are shown, and their geometry.
    series: series_overlay::SeriesOverlay,
    /// What each layer drew last frame.
    drawn: picture::LayersDrawn,
}

impl ClaimApp {
    /// Starts loading the files of `startup` (or the remembered or built-in ones).
    pub fn new(
        ctx: &egui::Context,
        startup: Startup,
        storage: Option<&dyn eframe::Storage>,
    ) -> Self {
        let (settings, settings_warning) = Settings::load(storage);
        let notes: Vec<String> = startup
            .notes
            .iter()
            .cloned()
            .chain(settings_warning)
            .collect();
        let mut problems = Problems::default();
        if !notes.is_empty() {
            problems.notify(notes.join(" "));
        }
        let repaint = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        let first_zoom = settings.map_zoom.unwrap_or(5.0);
        let basemap = LevelSet::spawn(crate::basemap::BUILT_IN, first_zoom, repaint)
            .map_err(|error| {
                problems.notify(format!("No built-in basemap: no thread for it ({error})"));
            })
            .ok();
        let mut map = MapState {
            memory: MapMemory::default(),
            home: lon_lat(66.0, 34.0),
            fit_pending: true,
            rect: Rect::NOTHING,
            basemap,
            raster: tiles::RasterTiles::default(),
            areas: None,
            series: series_overlay::SeriesOverlay::default(),
            drawn: picture::LayersDrawn::default(),
        };
        if let (Some([lon, lat]), Some(zoom)) = (settings.map_center, settings.map_zoom) {
            map.memory.center_at(lon_lat(lon, lat));
            map.fit_pending = map.memory.set_zoom(zoom).is_err();
        }
        let source = match &settings.basemap {
            TileSource::OpenStreetMap if startup.offline => TileSource::Offline,
            chosen => chosen.clone(),
        };
        map.raster.choose(source, ctx);
        let loader = match Loader::spawn(ctx.clone(), startup.max_file_size) {
            Ok(loader) => Some(loader),
            Err(error) => {
                problems.notify(format!("Cannot load files: no loading thread ({error})"));
                None
            }
        };
        let day = startup.at.or(settings.day);
        let looking = Looking {
            believe: believe::BelieveFilter {
                not_believed: settings.not_believed.iter().cloned().collect(),
            },
            time: TimeControl::new(
                day.unwrap_or_default(),
                settings.mode,
                settings.days_per_second,
            ),
            compare: compare::Compare::default(),
            lens: Lens::default(),
        };
        let data = LoadedData {
            dataset: None,
            generation: 0,
            states: Vec::new(),
            states_of: None,
            holders: Vec::new(),
            claimants: Vec::new(),
            place_points: Vec::new(),
            density_of: None,
            comparison: None,
            added: Vec::new(),
            gazetteer: None,
            events: None,
        };
        let window = WindowState {
            first_day: day,
            selected: None,
            search: PlaceFilter::default(),
            date_field: DateField::default(),
            map,
            loader,
            picked: channel(),
            problems,
            settings,
            show_warnings: false,
            show_unplaced: false,
            show_about: false,
            series_form: None,
            exports: Exports::default(),
            dialog_answers: startup.dialog_answers.iter().cloned().collect(),
            not_reopened: None,
            max_file_size: startup.max_file_size,
        };
        let mut app = Self {
            looking,
            data,
            window,
        };
        app.window.not_reopened = startup.files_not_reopened(&app.window.settings);
        app.request(startup.first_request(&app.window.settings));
        app
    }

    /// Opens files as Open… and a drop do: recognised by content, on the loading thread.
    pub fn open(&mut self, paths: Vec<PathBuf>) {
        self.request(LoadRequest::Open(paths));
    }

    /// Recomputes the control state if the day, the mode or the data changed.
    /// A move of one day, the slider's and playback's step, recomputes only
    /// the places something happens to that day.
    fn refresh_states(&mut self) {
        self.looking.lens = self.lens();
        let lens = self.looking.lens.clone();
        let Some(dataset) = &self.data.dataset else {
            return;
        };
        // The histogram counts the claims the map believes.
        let density_of = (self.data.generation, lens.believe.clone());
        if self.data.density_of.as_ref() != Some(&density_of) {
            let counts = |claimant: usize| lens.believe.counts(claimant);
            self.looking.time.set_density(Density::of(dataset, counts));
            self.data.density_of = Some(density_of);
        }
        let day = self.looking.time.day();
        if self
            .data
            .states_of
            .as_ref()
            .is_some_and(|(d, l, g)| *d == day && *l == lens && *g == self.data.generation)
        {
            return;
        }
        match self.data.states_of.take() {
            Some((before, was, of)) if was == lens && of == self.data.generation => {
                let mut states = LensStates {
                    day: before,
                    lens: lens.clone(),
                    states: std::mem::take(&mut self.data.states),
                };
                if before.succ_opt() == Some(day) {
                    dataset.step_forward_with(&mut states);
                } else if before.pred_opt() == Some(day) {
                    dataset.step_back_with(&mut states);
                } else {
                    states.states = dataset.control_state_with(day, &lens);
                }
                self.data.states = states.states;
            }
            _ => self.data.states = dataset.control_state_with(day, &lens),
        }
        self.data.states_of = Some((day, lens, self.data.generation));
    }

    /// What the map looks through besides the day: the mode, and whose
    /// claims count.
    pub fn lens(&self) -> Lens {
        let believe = match &self.data.dataset {
            Some(dataset) => self.looking.believe.believe(dataset),
            None => Believe::All,
        };
        Lens::new(self.looking.time.mode()).with_believe(believe)
    }

    /// The one place intents take effect.
    pub fn apply(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::Time(command) => {
                self.looking.time.apply(command);
            }
            Intent::Select(place) => self.window.selected = place,
            Intent::SelectAndShow(place) => {
                self.window.selected = Some(place);
                if let Some(p) = self
                    .data
                    .dataset
                    .as_ref()
                    .and_then(|d| d.places().get(place))
                {
                    self.window.map.memory.center_at(lon_lat(p.lon(), p.lat()));
                }
            }
            Intent::FitToData => self.window.map.fit_pending = true,
            Intent::OpenCluster { lon, lat } => {
                self.window.map.memory.center_at(lon_lat(lon, lat));
                // At walkers' closest zoom a cluster stays one; nothing more to do.
                let _ = self.window.map.memory.zoom_in();
                let _ = self.window.map.memory.zoom_in();
            }
            // At walkers' zoom limits these do nothing, which is what a user expects.
            Intent::ZoomIn => {
                let _ = self.window.map.memory.zoom_in();
            }
            Intent::ZoomOut => {
                let _ = self.window.map.memory.zoom_out();
            }
            Intent::Copy { text, what } => {
                ctx.copy_text(text);
                self.window.problems.notify(format!("Copied {what}."));
            }
            Intent::SaveViewDialog => self.save_view_dialog(ctx),
            Intent::ExportStateDialog => self.export_state_dialog(ctx),
            Intent::ShowExportForm(kind) => self.show_export_form(kind),
            Intent::ExportDialog(request) => self.export_dialog(ctx, request),
            Intent::CloseExportForm => self.window.exports.form = None,
            Intent::CancelExport => self.cancel_export(),
            Intent::OpenDialog(kind) => self.show_dialog(ctx, Purpose::Data(kind)),
            Intent::PickTiles(kind) => self.show_dialog(ctx, Purpose::Tiles(kind)),
            Intent::SetBasemap(source) => {
                self.window.settings.basemap = source.clone();
                self.window.map.raster.choose(source, ctx);
            }
            Intent::Open(paths) => self.open(paths),
            Intent::Reload => self.reload(),
            Intent::ReopenRemembered => {
                if let Some(remembered) = self.window.not_reopened.take() {
                    self.request(remembered.request());
                }
            }
            Intent::CancelLoad => {
                self.restart_loader(ctx);
                self.window
                    .problems
                    .notify("Loading cancelled; the data on screen is unchanged.");
            }
            Intent::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Intent::DismissNotice => self.window.problems.dismiss_notice(),
            Intent::DismissErrors => self.window.problems.errors.clear(),
            Intent::Toggle(toggle) => self.toggle(toggle),
            Intent::ToggleSeries(id) => self.window.map.series.toggle(&id),
            Intent::AddSeriesDialog => self.show_dialog(ctx, Purpose::SeriesFolder),
            Intent::AddSeries { folder, listing } => {
                self.window.series_form = None;
                self.request(LoadRequest::AddSeries { folder, listing });
            }
            Intent::SetMarkerSize(size) => self.window.settings.marker_size = size,
            Intent::CloseSeriesForm => self.window.series_form = None,
            Intent::SaveEventsDialog => self.show_dialog(ctx, Purpose::SaveEvents),
            Intent::ToggleBelieve(party) => {
                if let Some(dataset) = &self.data.dataset {
                    self.looking.believe.toggle(dataset, party);
                }
            }
            Intent::BelieveAll => self.looking.believe = believe::BelieveFilter::default(),
            Intent::CompareWith(day) => self.looking.compare.set(day),
            Intent::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
            Intent::SetStaleAfter(after) => self.window.settings.stale_after = after,
        }
        ctx.request_repaint();
    }

    fn apply_all(&mut self, ctx: &egui::Context, intents: Vec<Intent>) {
        for intent in intents {
            self.apply(ctx, intent);
        }
        self.refresh_states();
        self.data.comparison = self.data.dataset.as_deref().and_then(|dataset| {
            let shown = (self.looking.time.day(), self.data.states.as_slice());
            (self.looking.compare).comparison(
                dataset,
                shown,
                &self.looking.lens,
                self.data.generation,
            )
        });
    }

    /// When places are drawn faded, while View → Stale after… is on.
    pub(super) fn stale_rule(&self) -> Option<markers::StaleRule> {
        let after = self.window.settings.stale_after?;
        Some(markers::StaleRule {
            day: self.looking.time.day(),
            after,
        })
    }

    fn toggle(&mut self, toggle: Toggle) {
        let flag = match toggle {
            Toggle::Labels => &mut self.window.settings.show_labels,
            Toggle::Legend => &mut self.window.settings.show_legend,
            Toggle::SourcesPanel => &mut self.window.settings.show_sources_panel,
            Toggle::Timeline => &mut self.window.settings.show_timeline,
            Toggle::BordersOverTiles => &mut self.window.settings.borders_over_tiles,
            Toggle::Warnings => &mut self.window.show_warnings,
            Toggle::UnplacedEvents => &mut self.window.show_unplaced,
            Toggle::About => &mut self.window.show_about,
        };
        *flag = !*flag;
    }

    /// Keeps what should survive a restart in `settings`.
    fn update_settings(&mut self) {
        let file = |input: &Option<Input>| match input {
            Some(Input::File(path)) => Some(path.clone()),
            _ => None,
        };
        self.window.settings.gazetteer = file(&self.data.gazetteer);
        self.window.settings.events = file(&self.data.events);
        self.window.settings.day = self.data.dataset.is_some().then(|| self.looking.time.day());
        self.window.settings.mode = self.looking.time.mode();
        self.window.settings.not_believed =
            self.looking.believe.not_believed.iter().cloned().collect();
        self.window.settings.days_per_second = self.looking.time.days_per_second();
        let center = self
            .window
            .map
            .memory
            .detached()
            .unwrap_or(self.window.map.home);
        self.window.settings.map_center = Some([center.x(), center.y()]);
        self.window.settings.map_zoom = Some(self.window.map.memory.zoom());
    }
}
