//! Reading a file a user named, without trusting what the name points at.
//!
//! Only regular files are read: a named pipe with no writer would block the
//! reader forever, and `/dev/zero` would fill memory before it ended. Reading
//! stops at a size limit, so a file can never take more memory than the user
//! allowed for it. No UI here: the command line, the window's loader and the
//! tile checks share it.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use thiserror::Error;

use crate::progress::{Phase, Progress};

/// The largest file read unless the user raises the limit (`--max-file-size`).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 4 << 30;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(String),
    #[error("it is {what}, not a regular file; only files are read")]
    NotAFile { what: &'static str },
    #[error(
        "it is {} ({size} bytes), over the limit of {}; raise it with --max-file-size",
        human_size(*size),
        human_size(*limit)
    )]
    TooLarge { size: u64, limit: u64 },
    #[error("reading was cancelled")]
    Cancelled,
}

impl From<std::io::Error> for ReadError {
    fn from(error: std::io::Error) -> Self {
        ReadError::Io(error.to_string())
    }
}

/// The whole of a regular file of at most `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_file_reporting(path, limit, &Progress::default())
}

/// How much is read between two reports of progress.
const CHUNK: u64 = 8 << 20;

/// [`read_file`], saying how many bytes are read as it goes, and stopping
/// when `progress` is cancelled.
pub fn read_file_reporting(
    path: &Path,
    limit: u64,
    progress: &Progress,
) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_file(path, limit)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    progress.begin(Phase::Reading, len);
    // One byte more than allowed tells a file that grew past the limit while read.
    let mut file = file.take(limit.saturating_add(1));
    while (&mut file).take(CHUNK).read_to_end(&mut bytes)? > 0 {
        progress.advance_to(bytes.len() as u64);
        if progress.is_cancelled() {
            return Err(ReadError::Cancelled);
        }
    }
    let size = bytes.len() as u64;
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    Ok(bytes)
}

/// A regular file of at most `limit` bytes, opened, and its size.
pub fn open_file(path: &Path, limit: u64) -> Result<(File, u64), ReadError> {
    // Checked by name first, so a pipe is refused before `open` could wait for a writer…
    check(&std::fs::metadata(path)?, limit)?;
    let file = open_without_waiting(path)?;
    // …and again on what was opened, in case the name now points elsewhere.
    let metadata = file.metadata()?;
    check(&metadata, limit)?;
    Ok((file, metadata.len()))
}

fn check(metadata: &Metadata, limit: u64) -> Result<(), ReadError> {
    if !metadata.is_file() {
        return Err(ReadError::NotAFile {
            what: describe_type(metadata),
        });
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    Ok(())
}

#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Opening a pipe for reading blocks until a writer comes; non-blocking, it
    // returns at once and the check above refuses it. Regular files ignore the flag.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

fn describe_type(metadata: &Metadata) -> &'static str {
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// `4.0 GiB`, `512.0 KiB`, `17 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    let mut size = bytes as f64;
    let mut unit = None;
    for next in UNITS {
        if size < 1024.0 {
            break;
        }
        size /= 1024.0;
        unit = Some(next);
    }
    match unit {
        Some(unit) => format!("{size:.1} {unit}"),
        None => format!("{bytes} bytes"),
    }
}

/// A command-line size: `4G`, `500M`, `64K`, or a number of bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let shift = match text[digits.len()..].to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        unit => return Err(format!("unknown unit \"{unit}\" (use K, M, G or T)")),
    };
    let number: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("\"{text}\" is not a size such as 4G, 500M or 1048576"))?;
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("\"{text}\" is too large"))
}

/// A fresh, empty folder for one test, named after it.
#[cfg(test)]
pub(crate) fn scratch_dir(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmap-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        scratch_dir(&format!("files-{name}"))
    }

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = temp_dir("regular");
        let path = dir.join("a.json");
        std::fs::write(&path, "{}").unwrap();
        assert_eq!(read_file(&path, 100).unwrap(), b"{}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_its_size() {
        let dir = temp_dir("large");
        let path = dir.join("big.json");
        std::fs::write(&path, vec![b' '; 2048]).unwrap();
        let error = read_file(&path, 1024).unwrap_err();
        assert_eq!(
            error,
            ReadError::TooLarge {
                size: 2048,
                limit: 1024
            }
        );
        assert_eq!(
            error.to_string(),
            "it is 2.0 KiB (2048 bytes), over the limit of 1.0 KiB; raise it with --max-file-size"
        );
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = temp_dir("folder");
        assert_eq!(
            read_file(&dir, 100),
            Err(ReadError::NotAFile { what: "a folder" })
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_before_anything_is_read() {
        let error = read_file(Path::new("/dev/zero"), DEFAULT_MAX_FILE_SIZE).unwrap_err();
        assert_eq!(
            error,
            ReadError::NotAFile {
                what: "a character device"
            }
        );
    }

    #[test]
    fn sizes_read_with_units() {
        assert_eq!(parse_size("4G"), Ok(4 << 30));
        assert_eq!(parse_size("500M"), Ok(500 << 20));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5Q").is_err());
        assert!(parse_size("99999999999T").is_err());
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(17), "17 bytes");
        assert_eq!(human_size(4 << 30), "4.0 GiB");
        assert_eq!(human_size(1536), "1.5 KiB");
    }
}
