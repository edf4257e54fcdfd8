//! How exports reach the window: the forms, the file dialog, and a job that
//! draws one picture per frame while the window stays usable.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;

use super::ClaimApp;
use super::basemap_layer::Palette;
use super::export::caption::Caption;
use super::export::form::{self, ExportForm, ExportKind, ExportRequest, FormAnswer};
use super::export::job::ExportJob;
use super::export::shot::{Framing, Height, draw_shot};
use super::intent::Intent;
use super::loader::Purpose;
use super::map_view::picture_of;
use super::markers::StaleRule;
use super::picture::{Attribution, MapPicture, MarkerStyle};
use crate::data::write_atomically;
use crate::formats::state_export::{write_state_csv, write_state_geojson};
use crate::model::iso_day;

/// How often to look again while the layers an export needs are built.
const WAIT_FOR_LAYERS: Duration = Duration::from_millis(100);

impl ClaimApp {
    pub(super) fn show_export_form(&mut self, kind: ExportKind) {
        let range = self.data.dataset.as_deref().and_then(|d| d.day_range());
        let day = self.looking.time.day();
        self.window.exports.form = Some(ExportForm::new(kind, day, range));
    }

    /// The form, while it is open.
    pub(super) fn export_form_ui(&mut self, ctx: &egui::Context) {
        let Some(export_form) = &mut self.window.exports.form else {
            return;
        };
        let size = picture_size(self.window.map.rect);
        let day = self.looking.time.day();
        let intent = match form::export_form_ui(ctx, export_form, day, size) {
            Some(FormAnswer::Export(request)) => Intent::ExportDialog(request),
            Some(FormAnswer::Cancel) => Intent::CloseExportForm,
            None => return,
        };
        self.apply(ctx, intent);
    }

    /// Asks where to write `request`, with a name that says what it shows.
    pub(super) fn export_dialog(&mut self, ctx: &egui::Context, request: ExportRequest) {
        let name = match (request.kind, request.days.as_slice()) {
            (ExportKind::Animation, [first, .., last]) => {
                format!("claimmap-{}-to-{}.gif", iso_day(*first), iso_day(*last))
            }
            (ExportKind::Animation, _) => "claimmap.gif".to_owned(),
            (ExportKind::Image, days) => match days.first() {
                Some(day) => format!("claimmap-{}.png", iso_day(*day)),
                None => "claimmap.png".to_owned(),
            },
        };
        let purpose = Purpose::Export {
            gif: request.kind == ExportKind::Animation,
            name,
        };
        self.window.exports.form = None;
        self.window.exports.request = Some(request);
        self.show_dialog(ctx, purpose);
    }

    /// Starts the export asked for once the dialog named its file.
    pub(super) fn start_export(&mut self, ctx: &egui::Context, path: PathBuf) {
        let Some(request) = self.window.exports.request.take() else {
            return;
        };
        if let Some(running) = self.window.exports.job.take() {
            running.cancel();
        }
        let rect = self.window.map.rect;
        let memory = &self.window.map.memory;
        let framing = Framing {
            center: memory.detached().unwrap_or(self.window.map.home),
            zoom: memory.zoom(),
            width: rect.width(),
            height: Height::Map(rect.height()),
            pixels_per_point: request.scale,
        };
        let visuals = ctx.global_style().visuals.clone();
        let lens = self.looking.lens.clone();
        let raster = &self.window.map.raster;
        let tiles = |ctx: &egui::Context| raster.for_export(ctx);
        let generation = self.data.generation;
        match ExportJob::start(request, path, framing, visuals, lens, generation, tiles) {
            Ok(job) => self.window.exports.job = Some(job),
            Err(error) => self
                .window
                .problems
                .notify(format!("Not exported: {error}")),
        }
        ctx.request_repaint();
    }

    /// Draws the export's next picture, or says how it ended.
    pub(super) fn step_export(&mut self, ctx: &egui::Context) {
        let Some(mut job) = self.window.exports.job.take() else {
            return;
        };
        if job.generation != self.data.generation {
            job.cancel();
            let said = "Export stopped: other data was opened while it ran.";
            self.window.problems.notify(said.to_owned());
            return;
        }
        self.draw_export_frame(ctx, &mut job);
        if !job.has_ended() {
            self.window.exports.job = Some(job);
            // The painter's progress shows in the status line: look again soon.
            ctx.request_repaint_after(WAIT_FOR_LAYERS);
            return;
        }
        let said = match job.end() {
            Ok(path) => format!("Exported {}", path.display()),
            Err(error) => format!("Not exported: {error}"),
        };
        self.window.problems.notify(said);
    }

    fn draw_export_frame(&mut self, ctx: &egui::Context, job: &mut ExportJob) {
        let Some(day) = job.next_day() else {
            return;
        };
        if self.data.dataset.is_none() {
            return;
        }
        // An image of the day on screen is drawn as the window shows it,
        // series' maps and a comparison included; another day (an
        // animation's, or the day moved while the dialog was open) has its
        // claims drawn, its staleness counted from that day.
        let as_on_screen = job.request.kind == ExportKind::Image
            && day == self.looking.time.day()
            && job.lens == self.looking.lens;
        let maps = match as_on_screen {
            true => self.series_maps(ctx),
            false => Vec::new(),
        };
        let Some(dataset) = &self.data.dataset else {
            return;
        };
        let palette = Palette::for_theme(ctx.global_style().visuals.dark_mode);
        let stale = (self.window.settings.stale_after).map(|after| StaleRule { day, after });
        let picture = picture_of(&self.data, &self.window, stale, palette, maps);
        let style = MarkerStyle {
            changes: picture.style.changes.filter(|_| as_on_screen),
            ..picture.style
        };
        // The raster tiles the window shows are drawn too, once loaded for
        // the export; without them, the built-in basemap in full.
        let attribution = match job.tiles_are_osm() {
            Some(true) => Attribution::OpenStreetMap,
            Some(false) => Attribution::None,
            None => Attribution::NaturalEarth,
        };
        let picture = MapPicture {
            basemap_alone: attribution == Attribution::NaturalEarth,
            style,
            ..picture
        };
        if !picture.ready_at(job.framing.zoom) {
            return;
        }
        let caption = Caption::new(
            &job.request.title,
            dataset,
            day,
            &job.lens,
            &self.data.holders,
            attribution,
        );
        let sent = job.draw_next(dataset, &caption, |headless, tiles, framing, states| {
            let picture = MapPicture { states, ..picture };
            draw_shot(headless, picture, tiles, &caption, attribution, framing)
        });
        if !sent {
            // Tiles still loading: their threads ask for a frame, but not
            // this one's context; look again soon.
            ctx.request_repaint_after(WAIT_FOR_LAYERS);
        }
    }

    /// On quitting: an export under way is cancelled and waited for, so it
    /// leaves no partial file behind (the process would otherwise end it
    /// mid-write).
    pub(super) fn stop_export(&mut self) {
        if let Some(job) = self.window.exports.job.take() {
            job.cancel();
            let _ = job.end();
        }
    }

    pub(super) fn cancel_export(&mut self) {
        if let Some(job) = &self.window.exports.job {
            job.cancel();
        }
    }
}

/// The map's size on screen, in points: an export's picture at 1×.
fn picture_size(rect: egui::Rect) -> [f32; 2] {
    [rect.width(), rect.height()]
}

/// What a state export is written as, by the name the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StateFormat {
    Csv,
    GeoJson,
}

fn state_format(path: &Path) -> Option<StateFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "csv" => Some(StateFormat::Csv),
        "geojson" | "json" => Some(StateFormat::GeoJson),
        _ => None,
    }
}

impl ClaimApp {
    /// File → Export state…: where to write the day's states.
    pub(super) fn export_state_dialog(&mut self, ctx: &egui::Context) {
        let name = format!(
            "claimmap-state-{}.geojson",
            iso_day(self.looking.time.day())
        );
        self.show_dialog(ctx, Purpose::ExportState { name });
    }

    /// Writes the states on screen to `path`, made and written on a thread
    /// of its own (a GeoJSON of many areas' outlines is tens of megabytes).
    pub(super) fn export_state(&mut self, ctx: &egui::Context, path: PathBuf) {
        let Some(dataset) = self.data.dataset.clone() else {
            return;
        };
        let Some(format) = state_format(&path) else {
            let said = format!(
                "Not exported: {} — name the file .csv or .geojson",
                path.display()
            );
            self.window.problems.notify(said);
            return;
        };
        let (day, lens) = (self.looking.time.day(), self.looking.lens.clone());
        let states = self.data.states.clone();
        let told = self.window.exports.written.0.clone();
        let ctx = ctx.clone();
        let write = move || {
            let written = write_atomically(&path, |out| match format {
                StateFormat::Csv => write_state_csv(&dataset, &states, out),
                StateFormat::GeoJson => write_state_geojson(&dataset, day, &lens, &states, out),
            });
            let said = match written {
                Ok(()) => format!("Exported {}", path.display()),
                Err(error) => format!("Not exported: {}: {error}", path.display()),
            };
            if told.send(said).is_ok() {
                ctx.request_repaint();
            }
        };
        let spawned = std::thread::Builder::new()
            .name("claimmap-export-state".to_owned())
            .spawn(write);
        if let Err(error) = spawned {
            self.window
                .problems
                .notify(format!("Not exported: no thread to write it ({error})"));
        }
    }

    /// What the writing threads said.
    pub(super) fn receive_written(&mut self) {
        while let Ok(said) = self.window.exports.written.1.try_recv() {
            self.window.problems.notify(said);
        }
    }
}
