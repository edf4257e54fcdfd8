//! An export from the window, one frame per UI frame: the UI thread draws a
//! day's picture (a pass of the map code, milliseconds), the export thread
//! paints and writes it; the window stays usable and can cancel.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use eframe::egui::{self, Color32, Visuals};
use walkers::Tiles;

use super::caption::Caption;
use super::files::ExportError;
use super::form::{ExportKind, ExportRequest};
use super::headless::{Drawn, Headless};
use super::pipeline::{Output, Pipeline};
use super::shot::{Framing, Height, caption_height};
use crate::app::tiles::ExportTiles;
use crate::model::{Dataset, Lens, LensStates, PlaceState};

/// How long an export waits for the raster tiles of its view before it
/// draws without those still missing (a tile the server or folder lacks).
const TILES_WAIT: Duration = Duration::from_secs(20);

/// Days an animation's states are stepped forward across; a longer jump is
/// worked out afresh, which is then cheaper.
const MAX_STEPPED_DAYS: i64 = 62;

/// An export under way.
pub struct ExportJob {
    pub request: ExportRequest,
    pub framing: Framing,
    /// The lens it was started with: every frame is drawn through it, and
    /// its caption says so, whatever the window shows meanwhile.
    pub lens: Lens,
    /// The dataset it was started on: other data opened stops it.
    pub generation: u64,
    headless: Headless,
    output: Output,
    pipeline: Pipeline,
    /// The next day to draw, as an index into `request.days`.
    next: usize,
    /// A picture drawn while the painter was busy, sent next frame.
    waiting: Option<Drawn>,
    /// The export's own states, stepped day by day.
    states: Option<LensStates>,
    /// The window's raster tiles, loaded for the export's context.
    tiles: Option<ExportTiles>,
    /// Since when the first picture waits for its tiles; `None` once they
    /// came (the view is the same in every frame, so they come once).
    waiting_for_tiles: Option<Instant>,
}

impl ExportJob {
    /// Starts the painting thread for `request`, written to `path` (which
    /// the user chose, and agreed to replace, in the file dialog).
    pub fn start(
        request: ExportRequest,
        path: PathBuf,
        framing: Framing,
        visuals: Visuals,
        lens: Lens,
        generation: u64,
        tiles: impl FnOnce(&egui::Context) -> Option<ExportTiles>,
    ) -> Result<ExportJob, ExportError> {
        let output = match request.kind {
            ExportKind::Image => Output::Png(path),
            ExportKind::Animation => Output::Gif {
                frames: request.frames.then(|| frames_folder(&path)),
                path,
                fps: request.fps,
            },
        };
        super::pipeline::check_output(&output, true)?;
        let background: Color32 = visuals.panel_fill;
        let pipeline = Pipeline::start(output.clone(), background)?;
        let headless = Headless::new(visuals);
        let tiles = tiles(headless.context());
        Ok(ExportJob {
            request,
            framing,
            lens,
            generation,
            headless,
            output,
            pipeline,
            next: 0,
            waiting: None,
            states: None,
            waiting_for_tiles: tiles.as_ref().map(|_| Instant::now()),
            tiles,
        })
    }

    /// The day the next picture shows, while any is left to draw.
    pub fn next_day(&self) -> Option<NaiveDate> {
        match self.waiting {
            Some(_) => None,
            None => self.request.days.get(self.next).copied(),
        }
    }

    /// Whether the export draws raster tiles, and they are OpenStreetMap's.
    pub fn tiles_are_osm(&self) -> Option<bool> {
        self.tiles.as_ref().map(ExportTiles::are_osm)
    }

    /// Draws the next day with `draw`, given the headless context, the
    /// tiles, and the day's states through the export's lens. A picture
    /// drawn while its tiles still load is drawn again (next frame) rather
    /// than sent; says whether it was sent.
    pub fn draw_next(
        &mut self,
        dataset: &Dataset,
        caption: &Caption,
        draw: impl FnOnce(&mut Headless, Option<&mut dyn Tiles>, &Framing, &[PlaceState]) -> Drawn,
    ) -> bool {
        let Some(day) = self.next_day() else {
            return false;
        };
        self.fix_height(caption);
        let states = step_states(&mut self.states, dataset, &self.lens, day);
        let tiles = self.tiles.as_mut().map(|t| t as &mut dyn Tiles);
        let drawn = draw(&mut self.headless, tiles, &self.framing, states);
        if let Some(since) = self.waiting_for_tiles {
            let missing = self.tiles.as_mut().is_some_and(ExportTiles::take_missing);
            if missing && since.elapsed() < TILES_WAIT {
                self.headless.discard(drawn);
                return false;
            }
            self.waiting_for_tiles = None;
        }
        self.next += 1;
        self.waiting = Some(drawn);
        self.flush();
        true
    }

    /// Every frame of a GIF must have one size, but a caption can wrap
    /// differently from day to day: the picture's height is fixed by the
    /// first caption, and the map takes what the others leave.
    fn fix_height(&mut self, caption: &Caption) {
        if let Height::Map(map) = self.framing.height {
            let (width, scale) = (self.framing.width, self.framing.pixels_per_point);
            let caption = caption_height(&mut self.headless, caption, width, scale);
            self.framing.height = Height::Picture(map + caption);
        }
    }

    /// Sends a kept picture; says whether the export has ended (every
    /// picture written, or the painter stopped), so that [`Self::end`]
    /// does not wait.
    pub fn has_ended(&mut self) -> bool {
        self.flush();
        if self.waiting.is_none() && self.next >= self.request.days.len() {
            // No more pictures: the painter finishes the file and stops.
            self.pipeline.close();
        }
        self.pipeline.is_finished()
    }

    /// Where the export was written, or why it was not.
    pub fn end(self) -> Result<PathBuf, ExportError> {
        let path = self.output.path().to_path_buf();
        self.pipeline.finish().map(|()| path)
    }

    /// Pictures written, and how many there will be.
    pub fn progress(&self) -> (usize, usize) {
        (self.pipeline.painted(), self.request.days.len())
    }

    pub fn cancel(&self) {
        self.pipeline.cancel();
    }

    fn flush(&mut self) {
        if let Some(drawn) = self.waiting.take() {
            match self.pipeline.try_send(drawn) {
                Ok(kept) => self.waiting = kept,
                // The thread stopped: `has_ended` finds it finished, `end` says why.
                Err(_) => self.waiting = None,
            }
        }
    }
}

/// Each day's states, stepped forward from the last day drawn when it is
/// not far behind (the cheap way an animation moves), else worked out afresh.
pub fn step_states<'s>(
    kept: &'s mut Option<LensStates>,
    dataset: &Dataset,
    lens: &Lens,
    day: NaiveDate,
) -> &'s [PlaceState] {
    match kept {
        Some(states) if (1..=MAX_STEPPED_DAYS).contains(&(day - states.day).num_days()) => {
            while states.day < day {
                let before = states.day;
                dataset.step_forward_with(states);
                if states.day == before {
                    break; // The calendar's last day: nothing after it.
                }
            }
        }
        Some(states) if states.day == day => {}
        _ => {
            *kept = Some(LensStates {
                day,
                lens: lens.clone(),
                states: dataset.control_state_with(day, lens),
            });
        }
    }
    kept.as_ref().map_or(&[], |s| s.states.as_slice())
}

/// `war-frames/` beside `war.gif`, for the numbered PNG frames.
pub fn frames_folder(gif: &std::path::Path) -> PathBuf {
    let stem = gif.file_stem().map_or_else(
        || "animation".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    gif.with_file_name(format!("{stem}-frames"))
}
