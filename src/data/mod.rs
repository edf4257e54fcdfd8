//! Where the files come from, and how a gazetteer and an events file become a dataset.
//!
//! The command line and the window load through these functions, so both
//! report the same problems in the same words.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::files::{ReadError, read_file_reporting};
use crate::formats::{
    Diagnostic, FileKind, LoadFailed, Loaded, Problem, Severity, parse_events, parse_gazetteer,
};
use crate::model::{DataFile, Dataset, EventsFile, Gazetteer, Location};
use crate::progress::Progress;

mod open;
mod save;
mod series;
mod series_cache;
mod source;
pub mod view_file;
pub use open::{Opened, merge_places, open_input, parse_any};
pub use save::{SaveError, listings_for, save_json, write_atomically, write_json};
pub use series::{ListedSeries, OpenedSeries, open_listed_series, read_map_area, read_series};
pub use series_cache::{Derivation, SeriesCache};

/// The default dataset, built from five July 2021 news articles and compiled in
/// so the program shows something real from any folder, with no network.
pub const BUILT_IN_GAZETTEER: &str = include_str!("../../data/gazetteer.geojson");
pub const BUILT_IN_EVENTS: &str = include_str!("../../data/events.json");

/// A file to load: one on disk, or one compiled into the binary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    BuiltIn {
        name: &'static str,
        text: &'static str,
    },
    File(PathBuf),
}

impl Input {
    pub fn built_in_gazetteer() -> Input {
        Input::BuiltIn {
            name: "data/gazetteer.geojson (built in)",
            text: BUILT_IN_GAZETTEER,
        }
    }

    pub fn built_in_events() -> Input {
        Input::BuiltIn {
            name: "data/events.json (built in)",
            text: BUILT_IN_EVENTS,
        }
    }

    /// The file at `path`, or the built-in one when there is none.
    pub fn gazetteer_or_built_in(path: Option<&Path>) -> Input {
        path.map_or_else(Input::built_in_gazetteer, |p| Input::File(p.to_owned()))
    }

    pub fn events_or_built_in(path: Option<&Path>) -> Input {
        path.map_or_else(Input::built_in_events, |p| Input::File(p.to_owned()))
    }

    /// The name diagnostics use.
    pub fn name(&self) -> String {
        match self {
            Input::BuiltIn { name, .. } => (*name).to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }

    /// The bytes, or the reason they cannot be read, as a diagnostic; files
    /// over `max_file_size` bytes, and anything but a regular file, are refused.
    pub fn read_bytes_reporting(
        &self,
        max_file_size: u64,
        progress: &Progress,
    ) -> Result<Cow<'static, [u8]>, LoadFailed> {
        let path = match self {
            Input::BuiltIn { text, .. } => return Ok(Cow::Borrowed(text.as_bytes())),
            Input::File(path) => path,
        };
        read_file_reporting(path, max_file_size, progress)
            .map(Cow::Owned)
            .map_err(|error| {
                let problem = match error {
                    ReadError::Cancelled => Problem::Cancelled,
                    error => Problem::Unreadable(error.to_string()),
                };
                failed(self.name(), problem)
            })
    }

    /// The text, or the reason it cannot be read, as a diagnostic. Files over
    /// `max_file_size` bytes, and anything but a regular file, are refused.
    pub fn read(&self, max_file_size: u64) -> Result<Cow<'static, str>, LoadFailed> {
        self.read_reporting(max_file_size, &Progress::default())
    }

    /// [`Input::read`], saying how far it has read, and stopping when cancelled.
    pub fn read_reporting(
        &self,
        max_file_size: u64,
        progress: &Progress,
    ) -> Result<Cow<'static, str>, LoadFailed> {
        let bytes = self.read_bytes_reporting(max_file_size, progress)?;
        text_of(&self.name(), bytes)
    }
}

/// Bytes as text without a copy, or where they stop being UTF-8.
pub fn text_of(file: &str, bytes: Cow<'static, [u8]>) -> Result<Cow<'static, str>, LoadFailed> {
    match bytes {
        Cow::Borrowed(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Cow::Borrowed(text)),
            Err(_) => text_from_bytes(file, bytes.to_vec()).map(Cow::Owned),
        },
        Cow::Owned(bytes) => text_from_bytes(file, bytes).map(Cow::Owned),
    }
}

/// The bytes of `file` as text, or where they stop being UTF-8.
pub fn text_from_bytes(file: &str, bytes: Vec<u8>) -> Result<String, LoadFailed> {
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let at = error.utf8_error().valid_up_to();
        let byte = bytes.get(at).copied().unwrap_or(0);
        let diagnostic = Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            location: Some(location_in_valid_prefix(bytes, at)),
            problem: Problem::NotUtf8 { byte },
        };
        LoadFailed {
            file: file.into(),
            diagnostics: vec![diagnostic],
        }
    })
}

/// Line and column (counted in characters) of byte `at`, where everything
/// before `at` is valid UTF-8.
fn location_in_valid_prefix(bytes: &[u8], at: usize) -> Location {
    let prefix = &bytes[..at];
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + prefix.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + prefix[line_start..]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count();
    Location { line, column }
}

pub fn load_gazetteer(input: &Input, max_file_size: u64) -> Result<Loaded<Gazetteer>, LoadFailed> {
    parse_gazetteer(&input.name(), &input.read(max_file_size)?)
}

pub fn load_events(input: &Input, max_file_size: u64) -> Result<Loaded<EventsFile>, LoadFailed> {
    parse_events(&input.name(), input.read(max_file_size)?)
}

/// Links a gazetteer and an events file, with the claims of the `series`
/// opened for it after its own; unknown ids become warnings that point into
/// the events file, named `events_file`.
pub fn link(
    gazetteer: impl Into<Arc<Gazetteer>>,
    events: impl Into<Arc<EventsFile>>,
    series: Vec<OpenedSeries>,
    events_file: &str,
) -> (Dataset, Vec<Diagnostic>) {
    let opened = series.len();
    let series = series
        .into_iter()
        .map(|o| (o.series, o.stretches))
        .collect();
    let (dataset, warnings) = Dataset::link_with_series(gazetteer, events, series);
    let file: Arc<str> = Arc::from(events_file);
    let mut diagnostics: Vec<Diagnostic> = warnings
        .into_iter()
        .map(|w| Diagnostic {
            severity: Severity::Warning,
            file: Arc::clone(&file),
            location: dataset.events().location(w.event),
            problem: Problem::Link(w.warning),
        })
        .collect();
    if dataset.map_series().len() < opened {
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            file,
            location: None,
            problem: Problem::SeriesClaimsTooLarge { series: opened },
        });
    }
    (dataset, diagnostics)
}

/// Everything that loading both files said, and the dataset if both loaded.
pub struct LoadReport {
    pub dataset: Option<Dataset>,
    /// Problems in the order a user should read them: gazetteer, events, links.
    pub diagnostics: Vec<Diagnostic>,
    /// What each file held, counted even when the other file failed.
    pub counts: Counts,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub places: usize,
    pub events: usize,
    pub parties: usize,
    pub sources: usize,
}

impl LoadReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Loads both files and links them when both are good. The gazetteer is read
/// and parsed on a thread of its own while this one reads the events.
/// `events` may be any file of claims: an events file, a claims spreadsheet or
/// an ACLED export, whose places join the gazetteer's where it lacks them.
pub fn load_dataset(gazetteer: &Input, events: &Input, max_file_size: u64) -> LoadReport {
    load_files(Some(gazetteer), events, max_file_size)
}

/// [`load_dataset`]; without a gazetteer, the places the claims file gives
/// (a spreadsheet with coordinates, an ACLED export), or else the built-in ones.
pub fn load_files(gazetteer: Option<&Input>, events: &Input, max_file_size: u64) -> LoadReport {
    let open =
        |input: &Input, kind| open_input(input, max_file_size, Some(kind), &Progress::default());
    let (places, claims) = std::thread::scope(|scope| {
        let places = gazetteer.map(|input| {
            let read = || open(input, FileKind::Gazetteer);
            std::thread::Builder::new()
                .name("read gazetteer".into())
                .spawn_scoped(scope, read)
                // No thread to be had: read it here instead.
                .map_or_else(
                    |_| read(),
                    |t| t.join().unwrap_or_else(|_| Err(died(input))),
                )
        });
        (places, open(events, FileKind::Events))
    });
    let mut diagnostics = Vec::new();
    let places = places.map(|places| keep_value(places, &mut diagnostics));
    let claims = keep_value(claims, &mut diagnostics);
    let (file, given_places) = match claims.map(|c| claims_of(c, &events.name())) {
        Some(Ok((file, places))) => (Some(file), places),
        Some(Err(failed)) => {
            diagnostics.extend(failed.diagnostics);
            (None, None)
        }
        None => (None, None),
    };
    let places = match places {
        None => given_places.or_else(|| {
            keep_value(
                load_gazetteer(&Input::built_in_gazetteer(), max_file_size),
                &mut diagnostics,
            )
        }),
        Some(Some(opened)) => {
            match places_of(opened, gazetteer.map(Input::name).unwrap_or_default()) {
                Ok(places) => Some(match given_places {
                    Some(extra) => open::merge_places(&places, extra),
                    None => places,
                }),
                Err(failed) => {
                    diagnostics.extend(failed.diagnostics);
                    None
                }
            }
        }
        Some(None) => None,
    };
    let series = match (&places, &file) {
        (Some(places), Some(file)) => {
            let (listed, said) = listed_series(events, file);
            diagnostics.extend(said);
            let cache = SeriesCache::platform();
            let progress = Progress::default();
            let name = events.name();
            let places = &places.places;
            let (opened, said) =
                open_listed_series(&name, &listed, places, &cache, max_file_size, &progress);
            diagnostics.extend(said);
            opened
        }
        _ => Vec::new(),
    };
    link_report(places, file, series, &events.name(), diagnostics)
}

/// The map series `file` lists, each beside `input`, its file; with a
/// warning for each that cites a source the file does not list.
pub fn listed_series(input: &Input, file: &EventsFile) -> (Vec<ListedSeries>, Vec<Diagnostic>) {
    let folder = match input {
        // A bare file name's folder is "", which would make the pattern absolute.
        Input::File(path) => match path.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
            _ => PathBuf::from("."),
        },
        Input::BuiltIn { .. } => PathBuf::from("."),
    };
    let mut diagnostics = Vec::new();
    for listing in &file.maps {
        let Some(source) = &listing.series.source else {
            continue;
        };
        if !file.sources.iter().any(|listed| &listed.id == source) {
            diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                file: input.name().as_str().into(),
                location: None,
                problem: Problem::SeriesUnknownSource {
                    series: listing.series.id.clone(),
                    source_id: source.clone(),
                },
            });
        }
    }
    let listed = (file.maps.iter())
        .map(|listing| ListedSeries {
            folder: folder.clone(),
            listing: listing.clone(),
        })
        .collect();
    (listed, diagnostics)
}

/// The claims of a file opened as the events, and any places it gives.
fn claims_of(opened: Opened, file: &str) -> Result<(EventsFile, Option<Gazetteer>), LoadFailed> {
    match opened {
        Opened::Events(events) => Ok((events, None)),
        Opened::Data(data) => Ok((data.events, data.gazetteer)),
        Opened::Gazetteer(_) => Err(failed(
            file.to_owned(),
            Problem::WrongKind {
                found: "places",
                expected: "claims",
            },
        )),
    }
}

/// The places of a file opened as the gazetteer.
fn places_of(opened: Opened, file: String) -> Result<Gazetteer, LoadFailed> {
    match opened {
        Opened::Gazetteer(places)
        | Opened::Data(DataFile {
            gazetteer: Some(places),
            ..
        }) => Ok(places),
        Opened::Events(_) | Opened::Data(_) => Err(failed(
            file,
            Problem::WrongKind {
                found: "claims without coordinates",
                expected: "places",
            },
        )),
    }
}

/// Counts what loaded and links it when both halves did.
fn link_report(
    places: Option<Gazetteer>,
    file: Option<EventsFile>,
    series: Vec<OpenedSeries>,
    events_file: &str,
    mut diagnostics: Vec<Diagnostic>,
) -> LoadReport {
    let counts = Counts {
        places: places.as_ref().map_or(0, |g| g.places.len()),
        events: file.as_ref().map_or(0, |f| f.events.len()),
        parties: file.as_ref().map_or(0, |f| f.parties.len()),
        sources: file.as_ref().map_or(0, |f| f.sources.len()),
    };
    let dataset = match (places, file) {
        (Some(places), Some(file)) => {
            let (dataset, warnings) = link(places, file, series, events_file);
            diagnostics.extend(warnings);
            Some(dataset)
        }
        _ => None,
    };
    LoadReport {
        dataset,
        diagnostics,
        counts,
    }
}

/// The built-in dataset, linked: for tests of everything built on it.
#[cfg(test)]
pub(crate) fn built_in_dataset() -> Dataset {
    let report = load_dataset(
        &Input::built_in_gazetteer(),
        &Input::built_in_events(),
        u64::MAX,
    );
    report.dataset.unwrap_or_default()
}

/// A reading thread that panicked, said as the failure of its file.
fn died(input: &Input) -> LoadFailed {
    let reason = "the reading thread stopped unexpectedly".into();
    failed(input.name(), Problem::Unreadable(reason))
}

/// A file that could not be read at all, and why.
fn failed(file: String, problem: Problem) -> LoadFailed {
    let diagnostic = Diagnostic {
        severity: Severity::Error,
        file: file.as_str().into(),
        location: None,
        problem,
    };
    LoadFailed {
        file,
        diagnostics: vec![diagnostic],
    }
}

/// The value of a load, moving its diagnostics (warnings, or all problems of a failure) into `diagnostics`.
pub fn keep_value<T>(
    result: Result<Loaded<T>, LoadFailed>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    match result {
        Ok(Loaded { value, warnings }) => {
            diagnostics.extend(warnings);
            Some(value)
        }
        Err(failed) => {
            diagnostics.extend(failed.diagnostics);
            None
        }
    }
}
