//! Writing exported pictures: a PNG, an animated GIF, numbered PNG frames.
//! Every file is written beside its name and renamed into place, so a full
//! disk or a cancelled export never leaves half a picture.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use image::RgbaImage;
use thiserror::Error;

use crate::data::write_atomically;

/// The largest side of an exported picture, in pixels: a 2× export of a
/// very large screen, and well inside what the painter accepts.
pub const MAX_SIDE: u32 = 8192;

/// The smallest side: a caption needs room to be read.
pub const MIN_SIDE: u32 = 64;

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("{}: cannot be written: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("{}: the folder does not exist", .0.display())]
    NoFolder(PathBuf),
    #[error("{}: already exists; choose another name or allow overwriting", .0.display())]
    Exists(PathBuf),
    #[error("{}: not a regular file; a picture is only written as a file of its own", .0.display())]
    NotAFile(PathBuf),
    #[error("{width}×{height} pixels: each side must be between {MIN_SIDE} and {MAX_SIDE} pixels")]
    BadSize { width: u32, height: u32 },
    #[error("the picture could not be painted: {0}")]
    Paint(#[from] crate::raster::PaintError),
    #[error("the export was cancelled")]
    Cancelled,
}

/// Checks a picture's size in pixels before anything is drawn.
pub fn check_size(width: u32, height: u32) -> Result<(), ExportError> {
    let fits = |side: u32| (MIN_SIDE..=MAX_SIDE).contains(&side);
    match fits(width) && fits(height) {
        true => Ok(()),
        false => Err(ExportError::BadSize { width, height }),
    }
}

/// Checks where a picture will go before the work of drawing it: the folder
/// exists, and an existing file is only replaced when the user said so.
pub fn check_target(path: &Path, overwrite: bool) -> Result<(), ExportError> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(ExportError::NoFolder(folder.to_path_buf()));
    }
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        // A device, a folder or a link is never replaced by a picture, even
        // when overwriting (`--out /dev/null --overwrite` run as root).
        Ok(meta) if !meta.is_file() => Err(ExportError::NotAFile(path.to_path_buf())),
        Ok(_) if !overwrite => Err(ExportError::Exists(path.to_path_buf())),
        Ok(_) => Ok(()),
    }
}

/// Writes `image` as a PNG at `path`.
pub fn write_png(path: &Path, image: &RgbaImage) -> Result<(), ExportError> {
    write_atomically(path, |out| encode_png(out, image)).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

fn encode_png(out: &mut BufWriter<File>, image: &RgbaImage) -> io::Result<()> {
    let encoder = image::codecs::png::PngEncoder::new(out);
    image.write_with_encoder(encoder).map_err(io::Error::other)
}

/// How hard the GIF encoder works on each frame's palette: 1 is best, 30
/// fastest; 10 is NeuQuant's usual trade and keeps flat map colours exact.
const PALETTE_EFFORT: i32 = 10;

/// An animated GIF being written: frames go to a file beside `path`, which
/// becomes `path` only when [`GifWriter::finish`] is called.
pub struct GifWriter {
    path: PathBuf,
    partial: PathBuf,
    /// Taken by `finish`; still here when dropped unfinished.
    encoder: Option<gif::Encoder<BufWriter<File>>>,
    size: [u16; 2],
    /// Each frame's delay, in hundredths of a second.
    delay: u16,
}

impl GifWriter {
    /// Starts a GIF of `size` pixels playing `fps` frames a second, looping.
    pub fn create(path: &Path, size: [u32; 2], fps: f32) -> Result<GifWriter, ExportError> {
        let bad_size = ExportError::BadSize {
            width: size[0],
            height: size[1],
        };
        let side = |s: u32| u16::try_from(s).ok().filter(|&s| s > 0);
        let (Some(width), Some(height)) = (side(size[0]), side(size[1])) else {
            return Err(bad_size);
        };
        let mut partial = path.to_path_buf();
        partial.as_mut_os_string().push(".partial");
        let written = |source: io::Error| ExportError::Write {
            path: path.to_path_buf(),
            source,
        };
        let file = File::create(&partial).map_err(written)?;
        let encoder = gif::Encoder::new(BufWriter::new(file), width, height, &[])
            .and_then(|mut encoder| {
                encoder.set_repeat(gif::Repeat::Infinite)?;
                Ok(encoder)
            })
            .map_err(|e| written(io::Error::other(e)));
        let encoder = match encoder {
            Ok(encoder) => encoder,
            Err(error) => {
                let _ = std::fs::remove_file(&partial);
                return Err(error);
            }
        };
        Ok(GifWriter {
            path: path.to_path_buf(),
            partial,
            encoder: Some(encoder),
            size: [width, height],
            delay: frame_delay(fps),
        })
    }

    /// Adds one frame; it must be the size the GIF was started with.
    pub fn add(&mut self, image: &RgbaImage) -> Result<(), ExportError> {
        let [width, height] = self.size;
        if image.dimensions() != (u32::from(width), u32::from(height)) {
            let (width, height) = image.dimensions();
            return Err(ExportError::BadSize { width, height });
        }
        let mut pixels = image.as_raw().clone();
        let mut frame = gif::Frame::from_rgba_speed(width, height, &mut pixels, PALETTE_EFFORT);
        frame.delay = self.delay;
        let written = match &mut self.encoder {
            Some(encoder) => encoder.write_frame(&frame).map_err(io::Error::other),
            None => Err(io::Error::other("the GIF is already finished")),
        };
        written.map_err(|e| self.failed(e))
    }

    /// Ends the file and puts it in place.
    pub fn finish(mut self) -> Result<(), ExportError> {
        let encoder = self.encoder.take();
        let finished = (|| {
            let encoder = encoder.ok_or_else(|| io::Error::other("the GIF is already finished"))?;
            let out = encoder.into_inner().map_err(io::Error::other)?;
            let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.sync_all()?;
            std::fs::rename(&self.partial, &self.path)
        })();
        finished.map_err(|e| self.failed(e))
    }

    fn failed(&self, source: io::Error) -> ExportError {
        ExportError::Write {
            path: self.path.clone(),
            source,
        }
    }
}

impl Drop for GifWriter {
    /// A GIF cancelled or failed leaves no partial file (after a rename
    /// there is none to remove, and the error is of no interest).
    fn drop(&mut self) {
        drop(self.encoder.take());
        let _ = std::fs::remove_file(&self.partial);
    }
}

/// A frame's delay in hundredths of a second: GIF's unit, at least 2, since
/// browsers play shorter delays at 10 frames a second.
pub fn frame_delay(fps: f32) -> u16 {
    let delay = (100.0 / fps.max(0.01)).round();
    delay.clamp(2.0, f32::from(u16::MAX)) as u16
}

/// An estimate of a GIF's size before it is made, to warn before a very
/// long export: a map's flat colours compress to about a tenth of a byte a pixel.
pub fn estimated_gif_bytes(size: [u32; 2], frames: usize) -> u64 {
    let pixels = u64::from(size[0]) * u64::from(size[1]);
    pixels / 10 * frames as u64
}
