//! View files (`*.claimmap.json`): what the window shows, saved so that a
//! colleague with the same files sees the same thing. File → Save view…
//! writes one; opening it (File → Open…, a drop, `claimmap view.claimmap.json`)
//! restores the files, the day, the mode, whose claims count, the selection,
//! the comparison, the map's centre and zoom, and the basemap.
//!
//! Files are named relative to the view file's folder, so a folder of data
//! and views can be moved or shared whole. A view that names files that are
//! not there says which and still opens the rest. No UI types here: the
//! window converts the basemap and the believe filter to its own.

use std::io;
use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::save::absolute;
use super::{ListedSeries, write_json};
use crate::files::{ReadError, read_file};
use crate::model::{MapSeries, Mode, SeriesListing, Verification};

/// The format version this claimmap writes and reads.
pub const VIEW_FORMAT: u32 = 1;

/// How view files' names end, so a file dialog can offer them.
pub const VIEW_EXTENSION: &str = ".claimmap.json";

/// The furthest latitude north or south the map (Web Mercator) can centre on.
pub const MAX_LATITUDE: f64 = 85.06;

/// The deepest zoom a view may ask for.
pub const MAX_ZOOM: f64 = 26.0;

/// A view file's content. Paths are as the program uses them (absolute
/// once read); the file holds them relative to its own folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewFile {
    /// The format version, [`VIEW_FORMAT`]; also what tells a view file from
    /// a gazetteer or an events file.
    pub claimmap_view: u32,
    /// `None`: the built-in gazetteer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gazetteer: Option<PathBuf>,
    /// `None`: the built-in events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<PathBuf>,
    /// Map series added in the window (File → Add map series…), which the
    /// events file does not list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<ViewSeries>,
    pub day: NaiveDate,
    #[serde(default)]
    pub mode: Mode,
    /// Whose claims count; `None`: everyone's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub believe: Option<ViewBelieve>,
    /// The selected place, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
    /// The day compared with (Compare with…), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare_with: Option<NaiveDate>,
    /// Longitude and latitude of the map's centre.
    #[serde(deserialize_with = "exact::pair")]
    pub center: [f64; 2],
    #[serde(deserialize_with = "exact::number")]
    pub zoom: f64,
    #[serde(default)]
    pub basemap: Basemap,
}

/// A map series added in the window: the folder its pattern is relative
/// to, and the fields an events file's `maps` list gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewSeries {
    pub folder: PathBuf,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub claimant: String,
    pub controller: String,
    #[serde(default, skip_serializing_if = "is_claimed", with = "verification")]
    pub verification: Verification,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The maps' file pattern, relative to `folder`.
    pub files: String,
}

impl From<&ListedSeries> for ViewSeries {
    fn from(listed: &ListedSeries) -> Self {
        let series = &listed.listing.series;
        ViewSeries {
            folder: listed.folder.clone(),
            id: series.id.clone(),
            name: series.name.clone(),
            claimant: series.claimant.clone(),
            controller: series.controller.clone(),
            verification: series.verification,
            source: series.source.clone(),
            files: listed.listing.files.clone(),
        }
    }
}

impl From<ViewSeries> for ListedSeries {
    fn from(view: ViewSeries) -> Self {
        let series = MapSeries {
            id: view.id,
            name: view.name,
            claimant: view.claimant,
            controller: view.controller,
            verification: view.verification,
            source: view.source,
        };
        ListedSeries {
            folder: view.folder,
            listing: SeriesListing {
                series,
                files: view.files,
            },
        }
    }
}

/// Whose claims count, by party id, as `claimmap state --format json`
/// says it: `{"only": [ids]}` or `{"except": [ids]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum ViewBelieve {
    Only(Vec<String>),
    Except(Vec<String>),
}

/// Where the map's background comes from: the window's `TileSource`,
/// written the same way as in its settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Basemap {
    /// The vector basemap compiled into the binary.
    #[default]
    Offline,
    OpenStreetMap,
    /// A folder of `{z}/{x}/{y}.png` tiles.
    Folder {
        path: PathBuf,
    },
    /// A raster PMTiles archive.
    PmTiles {
        path: PathBuf,
    },
}

/// A view file read: its view, with every path made absolute, and those of
/// its files that are not there (the window opens the rest and says which).
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedView {
    pub view: ViewFile,
    pub missing: Vec<PathBuf>,
}

/// Why a view file was not read or not written.
#[derive(Debug, Error)]
pub enum ViewFileError {
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        #[source]
        source: ReadError,
    },
    #[error("{file}:{line}:{column}: {message}")]
    Parse {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file} is not a claimmap view file: it has no \"claimmap_view\" key")]
    NotAView { file: String },
    #[error(
        "{file} is a view file of format {found}; this claimmap reads format {VIEW_FORMAT} only (a newer claimmap may read it)"
    )]
    UnknownVersion { file: String, found: String },
    #[error(
        "{file}: the map centre (longitude {lon}, latitude {lat}) is off the map: longitude must be within -180 to 180, latitude within -{MAX_LATITUDE} to {MAX_LATITUDE}"
    )]
    Center { file: String, lon: f64, lat: f64 },
    #[error("{file}: zoom {zoom} is out of range: it must be within 0 to {MAX_ZOOM}")]
    Zoom { file: String, zoom: f64 },
    #[error("cannot write {file}: {source}")]
    Write {
        file: String,
        #[source]
        source: io::Error,
    },
}

/// Writes `view` to `path`, its files named relative to `path`'s folder
/// (`../data/events.json`), or absolute when they share no folder with it
/// (another drive, another tree). Written beside and renamed, so a failure
/// leaves whatever `path` held; a view no map can show is refused unwritten.
pub fn save_view(path: &Path, view: &ViewFile) -> Result<(), ViewFileError> {
    let file = path.display().to_string();
    check(&file, view)?;
    let folder = absolute(&folder_of(path));
    let mut written = view.clone();
    for path in written.paths_mut() {
        *path = named_from(&folder, path);
    }
    write_json(path, &written).map_err(|source| ViewFileError::Write { file, source })
}

/// Reads the view file at `path` (a regular file of at most `max_file_size`
/// bytes), its paths resolved against its folder, with those that are missing.
pub fn read_view(path: &Path, max_file_size: u64) -> Result<OpenedView, ViewFileError> {
    let file = path.display().to_string();
    let bytes = read_file(path, max_file_size).map_err(|source| ViewFileError::Read {
        file: file.clone(),
        source,
    })?;
    let mut view = parse_view(&file, &bytes)?;
    check(&file, &view)?;
    let folder = folder_of(path);
    for path in view.paths_mut() {
        *path = absolute(&folder.join(&*path));
    }
    let missing = view
        .paths()
        .into_iter()
        // A path that cannot be checked is not called missing: opening it says why.
        .filter(|path| path.try_exists().is_ok_and(|exists| !exists))
        .map(Path::to_path_buf)
        .collect();
    Ok(OpenedView { view, missing })
}

/// Whether `bytes` are a view file: a JSON object with a top-level
/// `claimmap_view` key. Its first key, as claimmap writes it, is enough, so
/// a broken view file is still told apart (and its error said as a view
/// file's); a small file with the key further down is parsed to find it.
pub fn is_view_file(bytes: &[u8]) -> bool {
    let text = without_bom(bytes);
    if first_key_is_view(text) {
        return true;
    }
    #[derive(Deserialize)]
    struct Probe {
        claimmap_view: Option<serde::de::IgnoredAny>,
    }
    // A view file is a few hundred bytes: a large file is data, not parsed twice.
    text.len() <= SNIFF_LIMIT
        && opens_object(text)
        && serde_json::from_slice::<Probe>(text).is_ok_and(|p| p.claimmap_view.is_some())
}

/// Whether the file at `path` is a view file, by its name (`*.claimmap.json`)
/// or its content, reading at most [`SNIFF_LIMIT`] bytes; for File → Open…,
/// drops and the command line to choose between [`read_view`] and opening
/// data. A file that cannot be read is not one: opening it as data says why.
pub fn is_view_path(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
    if name.is_some_and(|n| n.ends_with(VIEW_EXTENSION)) {
        return true;
    }
    head_of(path).is_some_and(|head| is_view_file(&head))
}

/// How much of a file is read to tell whether it is a view file.
pub const SNIFF_LIMIT: usize = 1 << 20;

/// Up to one byte more than [`SNIFF_LIMIT`] of a regular file: more than
/// the limit tells [`is_view_file`] it was cut short.
fn head_of(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let (file, _) = crate::files::open_file(path, u64::MAX).ok()?;
    let mut head = Vec::new();
    file.take(SNIFF_LIMIT as u64 + 1)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)
}

/// Whether the text opens an object whose first key is `claimmap_view`.
fn first_key_is_view(text: &[u8]) -> bool {
    let Some(inside) = text.trim_ascii_start().strip_prefix(b"{") else {
        return false;
    };
    inside.trim_ascii_start().starts_with(b"\"claimmap_view\"")
}

/// Whether the text is (or starts as) a JSON object: serde reads a struct
/// from an array too, and a view is never one.
fn opens_object(text: &[u8]) -> bool {
    text.trim_ascii_start().starts_with(b"{")
}

/// The view in `bytes`, its paths as written. The version is checked
/// before the rest, so a newer format is said as such, not as unknown fields.
fn parse_view(file: &str, bytes: &[u8]) -> Result<ViewFile, ViewFileError> {
    #[derive(Deserialize)]
    struct Probe {
        claimmap_view: Option<serde_json::Value>,
    }
    let text = without_bom(bytes);
    // An empty file is said as JSON that ends too soon.
    if !text.trim_ascii_start().is_empty() && !opens_object(text) {
        return Err(ViewFileError::NotAView {
            file: file.to_owned(),
        });
    }
    let probe = serde_json::from_slice::<Probe>(text).map_err(|error| parse_error(file, &error))?;
    match probe.claimmap_view {
        None => {
            return Err(ViewFileError::NotAView {
                file: file.to_owned(),
            });
        }
        Some(version) if version.as_u64() != Some(u64::from(VIEW_FORMAT)) => {
            return Err(ViewFileError::UnknownVersion {
                file: file.to_owned(),
                found: version.to_string(),
            });
        }
        Some(_) => {}
    }
    serde_json::from_slice(text).map_err(|error| parse_error(file, &error))
}

/// A serde_json error as `FILE:LINE:COL: message`, the message without
/// serde_json's own " at line L column C".
fn parse_error(file: &str, error: &serde_json::Error) -> ViewFileError {
    let (line, column) = (error.line(), error.column());
    let message = error.to_string();
    let suffix = format!(" at line {line} column {column}");
    let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
    ViewFileError::Parse {
        file: file.to_owned(),
        line,
        column,
        message,
    }
}

/// A view no map can show, or of another format, is an error.
fn check(file: &str, view: &ViewFile) -> Result<(), ViewFileError> {
    if view.claimmap_view != VIEW_FORMAT {
        return Err(ViewFileError::UnknownVersion {
            file: file.to_owned(),
            found: view.claimmap_view.to_string(),
        });
    }
    let [lon, lat] = view.center;
    let lon_ok = lon.is_finite() && lon.abs() <= 180.0;
    let lat_ok = lat.is_finite() && lat.abs() <= MAX_LATITUDE;
    if !(lon_ok && lat_ok) {
        return Err(ViewFileError::Center {
            file: file.to_owned(),
            lon,
            lat,
        });
    }
    let zoom = view.zoom;
    if !(zoom.is_finite() && (0.0..=MAX_ZOOM).contains(&zoom)) {
        return Err(ViewFileError::Zoom {
            file: file.to_owned(),
            zoom,
        });
    }
    Ok(())
}

impl ViewFile {
    /// Every file and folder the view names.
    pub fn paths(&self) -> Vec<&Path> {
        let mut paths: Vec<&Path> = Vec::new();
        paths.extend(self.gazetteer.as_deref());
        paths.extend(self.events.as_deref());
        paths.extend(self.series.iter().map(|s| s.folder.as_path()));
        if let Basemap::Folder { path } | Basemap::PmTiles { path } = &self.basemap {
            paths.push(path);
        }
        paths
    }

    fn paths_mut(&mut self) -> Vec<&mut PathBuf> {
        let mut paths: Vec<&mut PathBuf> = Vec::new();
        paths.extend(self.gazetteer.as_mut());
        paths.extend(self.events.as_mut());
        paths.extend(self.series.iter_mut().map(|s| &mut s.folder));
        if let Basemap::Folder { path } | Basemap::PmTiles { path } = &mut self.basemap {
            paths.push(path);
        }
        paths
    }
}

/// The folder a file is in; `.` for a bare file name, whose parent is "".
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `path` as a view file in `folder` (absolute) names it: relative when
/// they share a folder, else absolute.
fn named_from(folder: &Path, path: &Path) -> PathBuf {
    let path = absolute(path);
    relative_to(folder, &path).unwrap_or(path)
}

/// `target` named from `folder`, both absolute and clean: up to their
/// common folder and down again, written with `/` so that the view reads
/// the same on every system. `None` when they share nothing but the root
/// (or not even that: another drive): a path from the root is then more
/// likely to hold on a colleague's machine.
fn relative_to(folder: &Path, target: &Path) -> Option<PathBuf> {
    let from: Vec<Component> = folder.components().collect();
    let to: Vec<Component> = target.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let shared = from[..common]
        .iter()
        .any(|c| matches!(c, Component::Normal(_)));
    if !shared {
        return None;
    }
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    for part in &to[common..] {
        // A name that is not Unicode cannot be written in JSON as a relative name either.
        parts.push(part.as_os_str().to_str()?);
    }
    if parts.is_empty() {
        parts.push(".");
    }
    Some(PathBuf::from(parts.join("/")))
}

fn is_claimed(verification: &Verification) -> bool {
    *verification == Verification::Claimed
}

/// A series' verification as an events file writes it.
mod verification {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use crate::model::Verification;

    pub fn serialize<S: Serializer>(value: &Verification, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_str(match value {
            Verification::Claimed => "claimed",
            Verification::Confirmed => "confirmed",
        })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Verification, D::Error> {
        let text = String::deserialize(input)?;
        text.parse().map_err(|()| {
            D::Error::custom(format!(
                "verification \"{text}\" is neither \"claimed\" nor \"confirmed\""
            ))
        })
    }
}

/// Numbers read as written: serde_json's own float parser may be off by a
/// unit in the last place (its exact one is a feature this build leaves
/// off), and a view is to be restored exactly. Rust's parser rounds
/// correctly, and a JSON number is text it reads.
mod exact {
    use serde::{Deserialize, Deserializer, de::Error};
    use serde_json::value::RawValue;

    pub fn number<'de, D: Deserializer<'de>>(input: D) -> Result<f64, D::Error> {
        let raw = Box::<RawValue>::deserialize(input)?;
        parse(raw.get()).map_err(D::Error::custom)
    }

    pub fn pair<'de, D: Deserializer<'de>>(input: D) -> Result<[f64; 2], D::Error> {
        let [a, b] = <[Box<RawValue>; 2]>::deserialize(input)?;
        let parsed = |raw: &RawValue| parse(raw.get()).map_err(D::Error::custom);
        Ok([parsed(&a)?, parsed(&b)?])
    }

    fn parse(text: &str) -> Result<f64, String> {
        let text = text.trim();
        // Only a JSON number: Rust would also read "inf" and "NaN".
        let numeric = |b: u8| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E');
        if text.is_empty() || !text.bytes().all(numeric) {
            return Err(format!("expected a number, found {text}"));
        }
        text.parse::<f64>()
            .map_err(|error| format!("{text} is not a number: {error}"))
    }
}

#[cfg(test)]
#[path = "view_file_tests.rs"]
mod tests;
