//! An export from the window, one frame per UI frame: the UI thread draws a
//! day's picture (a pass of the map code, milliseconds), the export thread
//! paints and writes it; the window stays usable and can cancel.

use std::path::PathBuf;

use chrono::NaiveDate;
use eframe::egui::{Color32, Visuals};

use super::files::ExportError;
use super::form::{ExportKind, ExportRequest};
use super::headless::{Drawn, Headless};
use super::pipeline::{Output, Pipeline};
use super::shot::Framing;
use crate::model::{Dataset, Lens, LensStates, PlaceState};

/// An export under way.
pub struct ExportJob {
    pub request: ExportRequest,
    pub framing: Framing,
    /// The lens and the dataset it was started on: a change stops it.
    pub lens: Lens,
    pub generation: u64,
    pub headless: Headless,
    output: Output,
    pipeline: Pipeline,
    /// The next day to draw, as an index into `request.days`.
    next: usize,
    /// A picture drawn while the painter was busy, sent next frame.
    waiting: Option<Drawn>,
    /// The animation's own states, stepped day by day.
    states: Option<LensStates>,
}

impl ExportJob {
    /// Starts the painting thread for `request`, written to `path`.
    pub fn start(
        request: ExportRequest,
        path: PathBuf,
        framing: Framing,
        visuals: Visuals,
        lens: Lens,
        generation: u64,
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
        Ok(ExportJob {
            request,
            framing,
            lens,
            generation,
            headless: Headless::new(visuals),
            output,
            pipeline,
            next: 0,
            waiting: None,
            states: None,
        })
    }

    /// The day the next picture shows, while any is left to draw.
    pub fn next_day(&self) -> Option<NaiveDate> {
        match self.waiting {
            Some(_) => None,
            None => self.request.days.get(self.next).copied(),
        }
    }

    /// Draws the next day with `draw`, given the headless context and the
    /// day's states: the animation's own, stepped from the frame before, or
    /// `shown` (the window's states) for an image of the day on screen.
    pub fn draw_next(
        &mut self,
        dataset: &Dataset,
        shown: &[PlaceState],
        draw: impl FnOnce(&mut Headless, NaiveDate, &[PlaceState]) -> Drawn,
    ) {
        let Some(day) = self.next_day() else {
            return;
        };
        let drawn = match self.request.kind {
            ExportKind::Image => draw(&mut self.headless, day, shown),
            ExportKind::Animation => {
                let states = step_states(&mut self.states, dataset, &self.lens, day);
                draw(&mut self.headless, day, states)
            }
        };
        self.send(drawn);
    }

    /// Hands a drawn picture to the painter (or keeps it for the next frame).
    fn send(&mut self, drawn: Drawn) {
        self.next += 1;
        self.waiting = Some(drawn);
        self.flush();
    }

    /// Sends a kept picture; says whether the export has ended: every
    /// picture written, or the painter stopped.
    pub fn has_ended(&mut self) -> bool {
        self.flush();
        let total = self.request.days.len();
        let all_written = self.waiting.is_none() && self.pipeline.painted() >= total;
        all_written || self.pipeline.is_finished()
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
                // The thread stopped: `poll` finds it finished and says why.
                Err(_) => self.waiting = None,
            }
        }
    }
}

/// Each day's states, stepped from the day before when the days follow one
/// another (the cheap way an animation moves), else worked out afresh.
pub fn step_states<'s>(
    kept: &'s mut Option<LensStates>,
    dataset: &Dataset,
    lens: &Lens,
    day: NaiveDate,
) -> &'s [PlaceState] {
    match kept {
        Some(states) if states.day.succ_opt() == Some(day) => {
            dataset.step_forward_with(states);
        }
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
