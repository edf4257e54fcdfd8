//! Any file a user brings, recognised by its content: a GeoJSON gazetteer,
//! an events file, a claims spreadsheet or ACLED export, KML or KMZ placemarks.

use std::borrow::Cow;
use std::collections::HashMap;

use std::path::Path;

use super::source::FileSource;
use super::{Input, text_of};
use crate::formats::{
    Detected, FileKind, LoadFailed, Loaded, Problem, detect_kind, looks_like_kml, looks_like_table,
    parse_events_reporting, parse_gazetteer, parse_placemarks, parse_table, parse_table_source,
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

/// Reads and parses `input` by what it holds, as [`parse_any`] does. An
/// ACLED export on disk is parsed as it is read, a piece at a time, so that
/// it is never held whole; anything else is read whole first.
pub fn open_input(
    input: &Input,
    max_file_size: u64,
    expected: Option<FileKind>,
    progress: &Progress,
) -> Result<Loaded<Opened>, LoadFailed> {
    if let Input::File(path) = input
        && let Some(loaded) = open_in_pieces(path, &input.name(), max_file_size, progress)?
    {
        return Ok(loaded.map(Opened::Data));
    }
    let bytes = input.read_bytes_reporting(max_file_size, progress)?;
    parse_any(&input.name(), bytes, expected, progress)
}

/// The file as an export read in pieces, if it is one.
fn open_in_pieces(
    path: &Path,
    name: &str,
    limit: u64,
    progress: &Progress,
) -> Result<Option<Loaded<DataFile>>, LoadFailed> {
    // A file that cannot be opened is said so when it is read whole.
    let Ok(source) = FileSource::new(path, limit) else {
        return Ok(None);
    };
    parse_table_source(name, &source, progress)
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
    // A view names data rather than holding it: say so rather than "neither kind".
    if super::view_file::is_view_file(&bytes) {
        return Err(failed_at(file, None, Problem::ViewGivenAsData));
    }
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
/// the gazetteer has none. A place left out for one of `base`'s gives that
/// place its id as an alias, so claims that name it by that id (an ACLED
/// export's do) still find it.
pub fn merge_places(base: &Gazetteer, extra: Gazetteer) -> Gazetteer {
    let mut places = base.places.clone();
    let mut known: HashMap<String, usize> = HashMap::new();
    for (i, place) in places.iter().enumerate() {
        for name in [&place.id, &place.name].into_iter().chain(&place.aliases) {
            known.entry(name.to_lowercase()).or_insert(i);
        }
    }
    for place in extra.places {
        let found = [&place.id, &place.name]
            .into_iter()
            .find_map(|name| known.get(&name.to_lowercase()).copied());
        match found {
            Some(i) if !known.contains_key(&place.id.to_lowercase()) => {
                known.insert(place.id.to_lowercase(), i);
                places[i].aliases.push(place.id);
            }
            Some(_) => {}
            None => places.push(place),
        }
    }
    Gazetteer { places }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Place;

    fn place(id: &str, name: &str) -> Place {
        Place {
            id: id.into(),
            name: name.into(),
            kind: "city".into(),
            countries: vec![],
            province: None,
            aliases: vec![],
            position: geo_types::Point::new(62.2, 34.34),
            area: None,
            properties: Default::default(),
        }
    }

    #[test]
    fn a_place_the_gazetteer_has_by_name_is_left_out_and_its_id_kept_as_an_alias() {
        let base = Gazetteer {
            places: vec![place("herat", "Herat")],
        };
        let extra = Gazetteer {
            places: vec![
                place("afghanistan-herat", "HERAT"),
                place("afghanistan-farah", "Farah"),
            ],
        };
        let merged = merge_places(&base, extra);
        let names: Vec<_> = merged.places.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(names, ["herat", "afghanistan-farah"]);
        // An ACLED claim names its place by the export's id: it still finds Herat.
        assert_eq!(merged.places[0].aliases, ["afghanistan-herat"]);
    }
}
