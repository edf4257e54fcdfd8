//! Reading and parsing off the UI thread: one named worker owns the
//! [`Workspace`] and answers requests in order, so a later request always
//! builds on the files of the earlier one. File dialogs run on threads of
//! their own, since they block until the user answers.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use eframe::egui;

use crate::formats::FileKind;
use crate::workspace::{LoadOutcome, LoadRequest, Workspace};

pub struct Loader {
    requests: Sender<LoadRequest>,
    outcomes: Receiver<LoadOutcome>,
    pending: usize,
}

impl Loader {
    /// Starts the worker; it wakes the UI with `ctx.request_repaint()` after each answer.
    pub fn spawn(ctx: egui::Context) -> std::io::Result<Loader> {
        let (requests, inbox) = channel::<LoadRequest>();
        let (reply, outcomes) = channel();
        std::thread::Builder::new()
            .name("claimmap-loader".to_owned())
            .spawn(move || {
                let mut workspace = Workspace::default();
                for request in inbox {
                    if reply.send(workspace.apply(request)).is_err() {
                        break; // The window has closed.
                    }
                    ctx.request_repaint();
                }
            })?;
        Ok(Loader {
            requests,
            outcomes,
            pending: 0,
        })
    }

    pub fn request(&mut self, request: LoadRequest) {
        if self.requests.send(request).is_ok() {
            self.pending += 1;
        }
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
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => None,
        }
    }
}

/// The files a dialog returned, and the kind it asked for.
pub struct Picked {
    pub kind: Option<FileKind>,
    pub paths: Vec<PathBuf>,
}

/// Shows a native file dialog on its own thread; the answer arrives on `answer`.
pub fn pick_files(
    ctx: &egui::Context,
    kind: Option<FileKind>,
    start_in: Option<PathBuf>,
    answer: Sender<Picked>,
) -> std::io::Result<()> {
    let ctx = ctx.clone();
    std::thread::Builder::new()
        .name("claimmap-file-dialog".to_owned())
        .spawn(move || {
            let mut dialog = rfd::FileDialog::new();
            dialog = match kind {
                None => dialog
                    .set_title("Open a gazetteer or events file")
                    .add_filter("GeoJSON or events JSON", &["geojson", "json"]),
                Some(FileKind::Gazetteer) => dialog
                    .set_title("Open a gazetteer")
                    .add_filter("GeoJSON", &["geojson", "json"]),
                Some(FileKind::Events) => dialog
                    .set_title("Open an events file")
                    .add_filter("Events JSON", &["json"]),
            };
            dialog = dialog.add_filter("All files", &["*"]);
            if let Some(folder) = start_in {
                dialog = dialog.set_directory(folder);
            }
            let paths = match kind {
                None => dialog.pick_files().unwrap_or_default(),
                Some(_) => dialog.pick_file().into_iter().collect(),
            };
            // An empty answer is sent too: the user cancelled, or no dialog could be shown.
            if answer.send(Picked { kind, paths }).is_ok() {
                ctx.request_repaint();
            }
        })
        .map(drop)
}
