//! Any file a user brings, recognised by its content: a GeoJSON gazetteer,
//! an events file, a claims spreadsheet or ACLED export, KML or KMZ placemarks.

use std::borrow::Cow;

use super::text_of;
use crate::formats::{
    Detected, FileKind, LoadFailed, Loaded, Problem, detect_kind, looks_like_kml, looks_like_table,
    parse_events_reporting, parse_gazetteer, parse_placemarks, parse_table,
};
use crate::model::{DataFile, EventsFile, Gazetteer, Location};
use crate::progress::{Phase, Progress};

/// What a file turned out to hold.
#[derive(Debug)]
pub enum Opened {
    Gazetteer(Gazetteer),
    Events(EventsFile),
    /// Claims, and places when the file gives coordinates.
    Data(DataFile),
}

/// Parses a file by what its content is. `expected` is the kind the user
/// asked for ("Open gazetteer…", `--events`): it decides between the two JSON
/// kinds when the content cannot, but a table or placemarks are read as what
/// they are.
pub fn parse_any(
    file: &str,
    bytes: Cow<'static, [u8]>,
    expected: Option<FileKind>,
    progress: &Progress,
) -> Result<Loaded<Opened>, LoadFailed> {
    progress.begin(Phase::Parsing, bytes.len() as u64);
    if looks_like_kml(&bytes) {
        return parse_placemarks(file, &bytes).map(|loaded| loaded.map(Opened::Gazetteer));
    }
    if looks_like_table(&bytes) {
        return parse_table(file, bytes).map(|loaded| loaded.map(Opened::Data));
    }
    let text = text_of(file, bytes)?;
    let kind = match expected {
        Some(kind) => kind,
        None => match detect_kind(file, &text) {
            Detected::Sure(kind) | Detected::Likely(kind) => kind,
            Detected::Neither(problem, location) => return Err(failed_at(file, location, problem)),
        },
    };
    match kind {
        FileKind::Gazetteer => parse_gazetteer(file, &text).map(|l| l.map(Opened::Gazetteer)),
        FileKind::Events => {
            parse_events_reporting(file, text, progress).map(|l| l.map(Opened::Events))
        }
    }
}

fn failed_at(file: &str, location: Option<Location>, problem: Problem) -> LoadFailed {
    let mut failed = super::failed(file.to_owned(), problem);
    for diagnostic in &mut failed.diagnostics {
        diagnostic.location = location;
    }
    failed
}

/// The places of `base` and those of `extra` that `base` does not have by id,
/// name or alias (ignoring case): a spreadsheet's rows make places only where
/// the gazetteer has none.
pub fn merge_places(base: &Gazetteer, extra: Gazetteer) -> Gazetteer {
    let known: std::collections::HashSet<String> = base
        .places
        .iter()
        .flat_map(|p| [&p.id, &p.name].into_iter().chain(&p.aliases))
        .map(|name| name.to_lowercase())
        .collect();
    let mut places = base.places.clone();
    places.extend(extra.places.into_iter().filter(|place| {
        !known.contains(&place.id.to_lowercase()) && !known.contains(&place.name.to_lowercase())
    }));
    Gazetteer { places }
}
