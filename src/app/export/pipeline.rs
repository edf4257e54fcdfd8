//! The painting half of an export, on a thread of its own: pictures drawn
//! (on the UI thread, or the command line's) come in, are painted on the CPU
//! and written as a PNG, or as the frames of a GIF. The drawing side can run
//! ahead by a couple of frames; a cancel stops it between frames.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;

use eframe::egui::Color32;
use image::RgbaImage;

use super::files::{ExportError, GifWriter, check_target, write_png};
use super::headless::Drawn;
use crate::raster::SoftPainter;

/// Pictures drawn but not yet painted: enough to keep both cores busy.
const AHEAD: usize = 2;

/// What an export makes.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    Png(PathBuf),
    Gif {
        path: PathBuf,
        fps: f32,
        /// Also each frame as `frame-0001.png`… in this folder.
        frames: Option<PathBuf>,
    },
}

impl Output {
    pub fn path(&self) -> &Path {
        match self {
            Output::Png(path) | Output::Gif { path, .. } => path,
        }
    }
}

/// An export under way.
pub struct Pipeline {
    sender: Option<SyncSender<Drawn>>,
    thread: Option<JoinHandle<Result<(), ExportError>>>,
    cancelled: Arc<AtomicBool>,
    painted: Arc<AtomicUsize>,
}

impl Pipeline {
    /// Starts the painting thread for `output`; pictures are painted over `background`.
    pub fn start(output: Output, background: Color32) -> Result<Pipeline, ExportError> {
        let (sender, received) = sync_channel(AHEAD);
        let cancelled = Arc::new(AtomicBool::new(false));
        let painted = Arc::new(AtomicUsize::new(0));
        let worker = Worker {
            output: output.clone(),
            background,
            cancelled: Arc::clone(&cancelled),
            painted: Arc::clone(&painted),
        };
        let thread = std::thread::Builder::new()
            .name("claimmap-export".to_owned())
            .spawn(move || worker.run(received))
            .map_err(|source| ExportError::Write {
                path: output.path().to_path_buf(),
                source,
            })?;
        Ok(Pipeline {
            sender: Some(sender),
            thread: Some(thread),
            cancelled,
            painted,
        })
    }

    /// Hands over a picture, waiting while the painter is [`AHEAD`] behind.
    pub fn send(&self, drawn: Drawn) -> Result<(), ExportError> {
        let sender = self.sender.as_ref().ok_or(ExportError::Cancelled)?;
        // A closed channel means the thread stopped: `finish` says why.
        sender.send(drawn).map_err(|_| ExportError::Cancelled)
    }

    /// Hands over a picture if the painter has room, else gives it back: the
    /// window draws the next frame then rather than wait.
    pub fn try_send(&self, drawn: Drawn) -> Result<Option<Drawn>, ExportError> {
        let sender = self.sender.as_ref().ok_or(ExportError::Cancelled)?;
        match sender.try_send(drawn) {
            Ok(()) => Ok(None),
            Err(TrySendError::Full(drawn)) => Ok(Some(drawn)),
            Err(TrySendError::Disconnected(_)) => Err(ExportError::Cancelled),
        }
    }

    /// How many pictures are painted and written.
    pub fn painted(&self) -> usize {
        self.painted.load(Ordering::Relaxed)
    }

    /// Stops after the picture being painted; nothing is left half-written.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Says no more pictures come: the thread finishes the file and ends.
    pub fn close(&mut self) {
        self.sender = None;
    }

    /// Whether the thread has ended (all sent pictures written, or it failed).
    pub fn is_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Says no more pictures come, waits for the last to be written, and says how it went.
    pub fn finish(mut self) -> Result<(), ExportError> {
        self.sender = None;
        let thread = self.thread.take().ok_or(ExportError::Cancelled)?;
        let ended = thread.join().unwrap_or_else(|_| {
            let source = std::io::Error::other("the export thread stopped unexpectedly");
            Err(ExportError::Write {
                path: PathBuf::new(),
                source,
            })
        });
        // A cancel that came after the last picture was written changes
        // nothing: the file is there, and saying otherwise would mislead.
        ended
    }
}

impl Drop for Pipeline {
    /// A pipeline dropped unfinished (the window closed) is cancelled.
    fn drop(&mut self) {
        if self.thread.is_some() {
            self.cancel();
        }
    }
}

struct Worker {
    output: Output,
    background: Color32,
    cancelled: Arc<AtomicBool>,
    painted: Arc<AtomicUsize>,
}

impl Worker {
    /// Paints and writes what comes; a failure or a cancel removes the
    /// frames written so far (the GIF's partial file goes with its writer).
    fn run(self, received: Receiver<Drawn>) -> Result<(), ExportError> {
        let mut frames_written = Vec::new();
        let result = self.write_all(received, &mut frames_written);
        if result.is_err() {
            for frame in frames_written {
                let _ = std::fs::remove_file(frame);
            }
        }
        result
    }

    fn write_all(
        &self,
        received: Receiver<Drawn>,
        frames_written: &mut Vec<PathBuf>,
    ) -> Result<(), ExportError> {
        let mut painter = SoftPainter::new();
        let mut gif: Option<GifWriter> = None;
        for drawn in received {
            if self.cancelled.load(Ordering::Relaxed) {
                return Err(ExportError::Cancelled);
            }
            let image = paint(&mut painter, &drawn, self.background)?;
            let frame = self.painted.load(Ordering::Relaxed);
            match &self.output {
                Output::Png(path) => write_png(path, &image)?,
                Output::Gif { path, fps, frames } => {
                    if gif.is_none() {
                        gif = Some(GifWriter::create(path, drawn.size, *fps)?);
                    }
                    if let Some(gif) = &mut gif {
                        gif.add(&image)?;
                    }
                    if let Some(folder) = frames {
                        let path = folder.join(frame_name(frame));
                        write_png(&path, &image)?;
                        frames_written.push(path);
                    }
                }
            }
            self.painted.fetch_add(1, Ordering::Relaxed);
        }
        if self.cancelled.load(Ordering::Relaxed) {
            return Err(ExportError::Cancelled);
        }
        match gif {
            Some(gif) => gif.finish(),
            None => Ok(()),
        }
    }
}

/// `frame-0001.png` for the first frame: numbered from 1, sorted as numbers.
pub fn frame_name(index: usize) -> String {
    format!("frame-{:04}.png", index + 1)
}

/// Paints one drawn picture, applying its texture changes in the order egui made them.
pub fn paint(
    painter: &mut SoftPainter,
    drawn: &Drawn,
    background: Color32,
) -> Result<RgbaImage, ExportError> {
    let Some((last, earlier)) = drawn.textures.split_last() else {
        return Ok(painter.paint(
            drawn.size,
            background,
            &drawn.primitives,
            drawn.pixels_per_point,
        )?);
    };
    for delta in earlier {
        painter.set_textures(delta);
        painter.free_textures(delta);
    }
    painter.set_textures(last);
    let image = painter.paint(
        drawn.size,
        background,
        &drawn.primitives,
        drawn.pixels_per_point,
    );
    painter.free_textures(last);
    Ok(image?)
}

/// Checks `output`'s target before the work of drawing (see
/// [`check_target`]), and readies the folder for numbered frames if asked
/// for: made if absent; frames of an earlier export in it are replaced only
/// when overwriting (removed first, so none of a longer run stay mixed in).
pub fn check_output(output: &Output, overwrite: bool) -> Result<(), ExportError> {
    check_target(output.path(), overwrite)?;
    let Output::Gif {
        frames: Some(folder),
        ..
    } = output
    else {
        return Ok(());
    };
    let failed = |source| ExportError::Write {
        path: folder.clone(),
        source,
    };
    std::fs::create_dir_all(folder).map_err(failed)?;
    let earlier: Vec<PathBuf> = (std::fs::read_dir(folder).map_err(failed)?)
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| is_frame_name(path))
        .collect();
    match (earlier.first(), overwrite) {
        (None, _) => Ok(()),
        (Some(frame), false) => Err(ExportError::Exists(frame.clone())),
        (Some(_), true) => earlier
            .iter()
            .try_for_each(std::fs::remove_file)
            .map_err(failed),
    }
}

/// Whether `path` is named as [`frame_name`] names frames.
fn is_frame_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let number = name
        .strip_prefix("frame-")
        .and_then(|n| n.strip_suffix(".png"));
    number.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
