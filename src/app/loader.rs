//! Reading and parsing off the UI thread: one named worker owns the
//! [`Workspace`] and answers requests in order, so a later request always
//! builds on the files of the earlier one. File dialogs run on threads of
//! their own, since they block until the user answers.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use eframe::egui;

use super::tiles::LocalTiles;
use crate::formats::FileKind;
use crate::progress::{Progress, Snapshot};
use crate::workspace::{LoadOutcome, LoadRequest, Workspace};

pub struct Loader {
    requests: Sender<(u64, LoadRequest)>,
    /// How many requests were sent: each one's number, counted from 1.
    sent: u64,
    outcomes: Receiver<LoadOutcome>,
    pending: usize,
    died: bool,
    /// How far the worker has got, and the way to stop it.
    progress: Arc<Progress>,
}

impl Loader {
    /// Starts the worker; it wakes the UI with `ctx.request_repaint()` after each answer.
    pub fn spawn(ctx: egui::Context, max_file_size: u64) -> std::io::Result<Loader> {
        let (requests, inbox) = channel::<(u64, LoadRequest)>();
        let (reply, outcomes) = channel();
        let progress = Arc::new(Progress::default());
        let reporting = Arc::clone(&progress);
        std::thread::Builder::new()
            .name("claimmap-loader".to_owned())
            .spawn(move || {
                let mut workspace = Workspace::with_max_file_size(max_file_size)
                    .reporting_to(Arc::clone(&reporting));
                for (number, request) in inbox {
                    reporting.start_request(number);
                    if reply.send(workspace.apply(request)).is_err() {
                        break; // The window has closed.
                    }
                    ctx.request_repaint();
                }
            })?;
        Ok(Loader {
            requests,
            sent: 0,
            outcomes,
            pending: 0,
            died: false,
            progress,
        })
    }

    /// How far the current request has got.
    pub fn progress(&self) -> Snapshot {
        self.progress.snapshot()
    }

    /// Asks the worker to stop reading; it answers no more requests.
    pub fn cancel(&self) {
        self.progress.cancel();
    }

    pub fn request(&mut self, request: LoadRequest) {
        if self.requests.send((self.sent + 1, request)).is_ok() {
            self.sent += 1;
            self.pending += 1;
        }
    }

    /// Cancels every request sent so far, running or waiting: a newer one
    /// replaces them. Their answers still come, saying they were cancelled.
    pub fn supersede(&self) {
        self.progress.cancel_through(self.sent);
    }

    pub fn is_busy(&self) -> bool {
        self.pending > 0
    }

    /// The next answer, if one has arrived.
    pub fn poll(&mut self) -> Option<LoadOutcome> {
        match self.outcomes.try_recv() {
            Ok(outcome) => {
                self.pending = self.pending.saturating_sub(1);
                Some(outcome)
            }
            Err(TryRecvError::Disconnected) if self.pending > 0 => {
                self.pending = 0;
                self.died = true;
                None
            }
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => None,
        }
    }

    /// Whether the worker ended (a panic) with requests unanswered. Said once:
    /// the window reports it instead of showing "Loading…" forever.
    pub fn died(&mut self) -> bool {
        std::mem::take(&mut self.died)
    }
}

/// What a file dialog is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Gazetteer or events files; `None` accepts either.
    Data(Option<FileKind>),
    Tiles(LocalTiles),
    /// A folder of a map series' maps.
    SeriesFolder,
    /// Where to save the open events.
    SaveEvents,
    /// Where to write an exported picture: a GIF or a PNG, suggested name.
    Export {
        gif: bool,
        name: String,
    },
    /// Where to write the day's states, CSV or GeoJSON.
    ExportState {
        name: String,
    },
    /// Where to save a view file.
    SaveView {
        name: String,
    },
}

/// The files a dialog returned, and what it asked for.
pub struct Picked {
    pub purpose: Purpose,
    pub paths: Vec<PathBuf>,
}

/// Shows a native file dialog on its own thread; the answer arrives on `answer`.
pub fn pick_files(
    ctx: &egui::Context,
    purpose: Purpose,
    start_in: Option<PathBuf>,
    answer: Sender<Picked>,
) -> std::io::Result<()> {
    let ctx = ctx.clone();
    std::thread::Builder::new()
        .name("claimmap-file-dialog".to_owned())
        .spawn(move || {
            let mut dialog = rfd::FileDialog::new();
            dialog = match &purpose {
                Purpose::Data(None) => dialog
                    .set_title("Open places, claims, or both")
                    .add_filter(
                        "Places or claims",
                        &["geojson", "json", "csv", "tsv", "txt", "kml", "kmz"],
                    )
                    .add_filter("GeoJSON or events JSON", &["geojson", "json"])
                    .add_filter("Claims spreadsheet or ACLED export", &["csv", "tsv", "txt"])
                    .add_filter("KML or KMZ placemarks", &["kml", "kmz"]),
                Purpose::Data(Some(FileKind::Gazetteer)) => dialog
                    .set_title("Open a gazetteer")
                    .add_filter("GeoJSON, KML or KMZ", &["geojson", "json", "kml", "kmz"]),
                Purpose::Data(Some(FileKind::Events)) => {
                    dialog.set_title("Open claims").add_filter(
                        "Events JSON, claims spreadsheet or ACLED export",
                        &["json", "csv", "tsv", "txt"],
                    )
                }
                Purpose::Tiles(LocalTiles::Folder) => {
                    dialog.set_title("Choose a folder of {z}/{x}/{y}.png tiles")
                }
                Purpose::Tiles(LocalTiles::PmTiles) => dialog
                    .set_title("Open a raster PMTiles archive")
                    .add_filter("PMTiles", &["pmtiles"]),
                Purpose::SeriesFolder => {
                    dialog.set_title("Choose the folder of a series of daily maps")
                }
                Purpose::SaveEvents => dialog
                    .set_title("Save the events, with their map series")
                    .set_file_name("events.json")
                    .add_filter("Events JSON", &["json"]),
                Purpose::Export { gif: true, name } => dialog
                    .set_title("Export the animation as")
                    .set_file_name(name)
                    .add_filter("Animated GIF", &["gif"]),
                Purpose::Export { gif: false, name } => dialog
                    .set_title("Export the map as")
                    .set_file_name(name)
                    .add_filter("PNG image", &["png"]),
                Purpose::SaveView { name } => dialog
                    .set_title("Save the view as")
                    .set_file_name(name)
                    .add_filter("claimmap view", &["json"]),
                Purpose::ExportState { name } => dialog
                    .set_title("Export the day's states as")
                    .set_file_name(name)
                    .add_filter("GeoJSON (QGIS, kepler.gl)", &["geojson"])
                    .add_filter("CSV (spreadsheets)", &["csv"]),
            };
            dialog = dialog.add_filter("All files", &["*"]);
            if let Some(folder) = start_in {
                dialog = dialog.set_directory(folder);
            }
            let paths = match &purpose {
                Purpose::Data(None) => dialog.pick_files().unwrap_or_default(),
                Purpose::Tiles(LocalTiles::Folder) | Purpose::SeriesFolder => {
                    dialog.pick_folder().into_iter().collect()
                }
                Purpose::SaveEvents
                | Purpose::Export { .. }
                | Purpose::ExportState { .. }
                | Purpose::SaveView { .. } => dialog.save_file().into_iter().collect(),
                Purpose::Data(Some(_)) | Purpose::Tiles(LocalTiles::PmTiles) => {
                    dialog.pick_file().into_iter().collect()
                }
            };
            // An empty answer is sent too: the user cancelled, or no dialog could be shown.
            if answer.send(Picked { purpose, paths }).is_ok() {
                ctx.request_repaint();
            }
        })
        .map(drop)
}
