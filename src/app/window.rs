//! Starting the window, and laying out its panels each frame.

use std::path::PathBuf;

use chrono::NaiveDate;
use eframe::egui;
use walkers::{Position, lon_lat};

use super::intent::Intent;
use super::loader::Loader;
use super::run_marker::{PreviousRun, RunMarker};
use super::saved_state;
use super::settings::Settings;
use super::sources_panel::{PanelView, sources_panel_ui, unplaced_events_ui};
use super::status::{StatusView, error_panel_ui, grouped_diagnostics_ui, status_bar_ui};
use super::timeline::timeline_ui;
use super::{ClaimApp, add_series, commands, compare, menu};
use crate::data::Input;
use crate::model::Dataset;
use crate::workspace::LoadRequest;

/// What the command line asked the window to open.
#[derive(Clone, Debug)]
pub struct Startup {
    pub gazetteer: Option<PathBuf>,
    pub events: Option<PathBuf>,
    pub at: Option<NaiveDate>,
    /// Never fetch tiles from the network this session, whatever source was chosen before.
    pub offline: bool,
    /// Larger files are refused before they are read.
    pub max_file_size: u64,
    /// The previous run died: leave the files it had open closed, and offer them.
    pub previous_run_died: bool,
    /// What had to be repaired in the saved window state, in words.
    pub notes: Vec<String>,
    /// Answers for the file dialogs, in order, given instead of showing
    /// them: how tests (and scripted runs) choose files.
    pub dialog_answers: Vec<PathBuf>,
    /// Files to open as File → Open… does (a view file, or data files).
    pub open: Vec<PathBuf>,
}

impl Default for Startup {
    fn default() -> Self {
        Startup {
            gazetteer: None,
            events: None,
            at: None,
            offline: false,
            max_file_size: crate::files::DEFAULT_MAX_FILE_SIZE,
            previous_run_died: false,
            notes: Vec::new(),
            dialog_answers: Vec::new(),
            open: Vec::new(),
        }
    }
}

impl Startup {
    fn named_files(&self) -> bool {
        self.gazetteer.is_some() || self.events.is_some() || !self.open.is_empty()
    }

    /// The remembered files this start does not open because the run that
    /// had them open died; `None` when there are none or they are opened.
    pub(super) fn files_not_reopened(&self, settings: &Settings) -> Option<Remembered> {
        let remembered = Remembered {
            gazetteer: settings.gazetteer.clone(),
            events: settings.events.clone(),
        };
        let any = remembered.gazetteer.is_some() || remembered.events.is_some();
        (self.previous_run_died && !self.named_files() && any).then_some(remembered)
    }

    /// Files named on the command line win; then the ones open at the last exit
    /// (falling back to the built-in ones if they are gone) unless that run
    /// died; then the built-in ones.
    pub(super) fn first_request(&self, settings: &Settings) -> LoadRequest {
        if !self.open.is_empty() {
            return LoadRequest::Open(self.open.clone());
        }
        let named = self.named_files();
        let none = None;
        let (gazetteer, events) = if named {
            (&self.gazetteer, &self.events)
        } else if self.files_not_reopened(settings).is_some() {
            (&none, &none)
        } else {
            (&settings.gazetteer, &settings.events)
        };
        LoadRequest::Both {
            gazetteer: Input::gazetteer_or_built_in(gazetteer.as_deref()),
            events: Input::events_or_built_in(events.as_deref()),
            fall_back_to_built_in: !named,
        }
    }
}

/// Files a previous run had open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remembered {
    pub gazetteer: Option<PathBuf>,
    pub events: Option<PathBuf>,
}

impl Remembered {
    /// "gazetteer.geojson and events.json", for the status line.
    pub fn names(&self) -> String {
        let name = |path: &PathBuf| {
            path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        };
        let names: Vec<String> = [&self.gazetteer, &self.events]
            .into_iter()
            .flatten()
            .map(name)
            .collect();
        names.join(" and ")
    }

    pub(super) fn request(&self) -> LoadRequest {
        LoadRequest::Both {
            gazetteer: Input::gazetteer_or_built_in(self.gazetteer.as_deref()),
            events: Input::events_or_built_in(self.events.as_deref()),
            fall_back_to_built_in: false,
        }
    }
}

const APP_ID: &str = "claimmap";

/// Opens the window and runs until it closes.
///
/// Before eframe restores its saved state, that state is repaired if it
/// would crash the start; and a marker left while the window runs tells the
/// next start whether this run ended cleanly.
pub fn run(mut startup: Startup) -> eframe::Result {
    if let Some(path) = saved_state::path(APP_ID) {
        startup.notes.extend(saved_state::repair(&path));
    }
    let (marker, previous) = match eframe::storage_dir(APP_ID) {
        Some(dir) => RunMarker::begin(&dir),
        None => (None, PreviousRun::EndedCleanly),
    };
    startup.previous_run_died = previous == PreviousRun::Died;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("claimmap")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| Ok(Box::new(ClaimApp::new(&cc.egui_ctx, startup, cc.storage)))),
    );
    // A panic unwinds past this line, so the marker stays and the next start is safe.
    if let Some(marker) = marker {
        marker.end();
    }
    result
}

/// The middle of the places' bounding box, where the map starts.
pub(super) fn middle_of(dataset: &Dataset) -> Option<Position> {
    let places = dataset.places();
    let lons = places.iter().map(|p| p.lon());
    let lats = places.iter().map(|p| p.lat());
    let (min_lon, max_lon) = (lons.clone().reduce(f64::min)?, lons.reduce(f64::max)?);
    let (min_lat, max_lat) = (lats.clone().reduce(f64::min)?, lats.reduce(f64::max)?);
    Some(lon_lat(
        (min_lon + max_lon) / 2.0,
        (min_lat + max_lat) / 2.0,
    ))
}

impl eframe::App for ClaimApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.update_settings();
        self.window.settings.save(storage);
    }

    fn on_exit(&mut self) {
        self.stop_export();
    }
}

impl ClaimApp {
    /// One frame of the whole window. Tests call this directly.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.receive(&ctx);
        let keys = commands::pressed(&ctx);
        self.apply_all(&ctx, keys);
        self.play(&ctx);
        self.refresh_states();

        let view = menu::MenuView {
            settings: &self.window.settings,
            can_reload: self.data.gazetteer.is_some() && self.data.events.is_some(),
            basemap: self.window.map.raster.source(),
            basemap_status: self.window.map.raster.status(),
        };
        let intents = egui::Panel::top("menu")
            .show(ui, |ui| menu::menu_bar_ui(ui, &view))
            .inner;
        self.apply_all(&ctx, intents);

        let intents = egui::Panel::bottom("status")
            .show(ui, |ui| status_bar_ui(ui, &self.status_view()))
            .inner;
        self.apply_all(&ctx, intents);

        if self.window.settings.show_timeline && self.data.dataset.is_some() {
            let intents = egui::Panel::bottom("timeline")
                .show(ui, |ui| {
                    let mut intents =
                        timeline_ui(ui, &self.looking.time, &mut self.window.date_field);
                    ui.horizontal(|ui| {
                        intents.extend(compare::compare_field_ui(ui, &mut self.looking.compare));
                    });
                    intents
                })
                .inner;
            self.apply_all(&ctx, intents);
        }

        if !self.window.problems.errors.is_empty() {
            let intents = egui::Panel::top("errors")
                .show(ui, |ui| error_panel_ui(ui, &self.window.problems.errors))
                .inner;
            self.apply_all(&ctx, intents);
        }

        self.side_panel_ui(ui, &ctx);
        self.windows_ui(&ctx);
        self.export_form_ui(&ctx);
        self.map_ui(ui, &ctx);
        // After the map, whose size and layers an export of it takes.
        self.step_export(&ctx);
        drop_hint_ui(&ctx);
    }

    fn status_view(&self) -> StatusView<'_> {
        StatusView {
            dataset: self.data.dataset.as_deref(),
            gazetteer: self.data.gazetteer.as_ref(),
            events: self.data.events.as_ref(),
            loading: self
                .is_loading()
                .then(|| self.window.loader.as_ref().map(Loader::progress))
                .flatten(),
            problems: &self.window.problems,
            not_reopened: self.window.not_reopened.as_ref(),
            exporting: self.export_progress(),
        }
    }

    fn panel_view(&self) -> Option<PanelView<'_>> {
        Some(PanelView {
            dataset: self.data.dataset.as_deref()?,
            states: &self.data.states,
            day: self.looking.time.day(),
            selected: self.window.selected,
            show_unplaced: self.window.show_unplaced,
            lens: &self.looking.lens,
            generation: self.data.generation,
            stale_after: self.window.settings.stale_after,
            comparison: self.data.comparison.as_ref(),
        })
    }

    fn side_panel_ui(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        if !self.window.settings.show_sources_panel {
            return;
        }
        let mut search = std::mem::take(&mut self.window.search);
        let intents = egui::Panel::right("sources")
            .resizable(true)
            .default_size(400.0)
            .min_size(280.0)
            .show(ui, |ui| {
                // A panel is as wide as what it holds: fill it, so it keeps its width.
                ui.set_min_width(ui.available_width());
                match self.panel_view() {
                    Some(view) => sources_panel_ui(ui, &view, &mut search),
                    None => {
                        ui.weak("No data loaded yet.");
                        Vec::new()
                    }
                }
            })
            .inner;
        self.window.search = search;
        self.apply_all(ctx, intents);
    }

    /// The floating windows: warnings, events with an unknown place, About.
    fn windows_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.window.show_warnings;
        egui::Window::new(format!(
            "Warnings ({})",
            self.window.problems.warnings.len()
        ))
        .open(&mut open)
        .default_size([640.0, 300.0])
        .show(ctx, |ui| {
            grouped_diagnostics_ui(
                ui,
                &self.window.problems.warnings,
                &self.window.problems.warning_groups,
            );
        });
        self.window.show_warnings = open;

        let mut open = self.window.show_unplaced;
        let mut intents = Vec::new();
        if let Some(view) = self.panel_view() {
            egui::Window::new("Events with an unknown place")
                .open(&mut open)
                .default_size([420.0, 500.0])
                .show(ctx, |ui| intents = unplaced_events_ui(ui, &view));
        }
        self.window.show_unplaced = open;
        self.apply_all(ctx, intents);

        if let Some(form) = &mut self.window.series_form {
            let parties = self
                .data
                .dataset
                .as_deref()
                .map_or(&[][..], Dataset::parties);
            let answer = add_series::series_form_ui(ctx, form, parties);
            let intent = answer.map(|answer| match answer {
                add_series::FormAnswer::Add { folder, listing } => {
                    Intent::AddSeries { folder, listing }
                }
                add_series::FormAnswer::Cancel => Intent::CloseSeriesForm,
            });
            self.apply_all(ctx, intent.into_iter().collect());
        }

        let mut open = self.window.show_about;
        egui::Window::new("About claimmap")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| about_ui(ui, self.data.dataset.as_deref()));
        self.window.show_about = open;
    }

    /// Moves playback on, and asks for a frame when the next step is due.
    fn play(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let (_, next) = self.looking.time.advance(now);
        if let Some(seconds) = next {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds));
        }
    }
}

/// While files are dragged over the window, say what dropping them does.
fn drop_hint_ui(ctx: &egui::Context) {
    let count = ctx.input(|i| i.raw.hovered_files.len());
    if count == 0 {
        return;
    }
    let layer = egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("claimmap-drop"));
    let painter = ctx.layer_painter(layer);
    let screen = ctx.content_rect();
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(170));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop to open: a gazetteer (GeoJSON) or an events file, told apart by their content",
        egui::FontId::proportional(20.0),
        egui::Color32::WHITE,
    );
}

fn about_ui(ui: &mut egui::Ui, dataset: Option<&Dataset>) {
    ui.label(format!("claimmap {}", env!("CARGO_PKG_VERSION")));
    ui.label("A map of claimed control: every colour one click from its quoted source.");
    ui.separator();
    ui.strong("Map data");
    ui.horizontal(|ui| {
        ui.label("Built-in basemap:");
        ui.hyperlink_to(
            "Natural Earth (public domain)",
            "https://www.naturalearthdata.com/about/terms-of-use/",
        );
    });
    ui.horizontal(|ui| {
        ui.label("OpenStreetMap tiles:");
        ui.hyperlink_to(
            "© OpenStreetMap contributors (ODbL)",
            "https://www.openstreetmap.org/copyright",
        );
    });
    ui.separator();
    ui.strong("Sources of the events shown");
    match dataset {
        Some(dataset) if !dataset.sources().is_empty() => {
            for source in dataset.sources() {
                let title = source.title.as_deref().unwrap_or("");
                ui.label(format!("{}: {title}", source.outlet));
            }
        }
        _ => {
            ui.weak("None loaded");
        }
    }
}
