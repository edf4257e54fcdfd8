//! Reading the files users bring: a GeoJSON gazetteer and an events file.
//!
//! Parsers collect every problem they find, each with its file, line and column,
//! instead of stopping at the first: a user fixing a file wants the whole list.
//! A file with any error yields no value at all, so a failed load can never
//! replace good data with half a file.

mod area;
pub mod csv_out;
mod diagnostic;
mod events;
mod fields;
mod gazetteer;
mod ids;
mod json_text;
mod kml;
mod sides;
mod snapshot;
pub mod state_export;
mod table;
mod write;

pub use kml::{looks_like_kml, parse_placemarks};
pub use snapshot::{parse_snapshot, snapshot_again};
pub use table::{
    CellProblem, InMemory, TableProblem, TableSource, looks_like_table, parse_table,
    parse_table_source,
};
pub use write::{events_json, gazetteer_json};

pub(crate) use diagnostic::Collector;
pub use diagnostic::{Diagnostic, KindGroup, LoadFailed, Loaded, Problem, Severity, group_by_kind};
pub use events::{parse_events, parse_events_reporting};
pub use gazetteer::parse_gazetteer;

use crate::model::Location;

/// What a file holds, judged from its content rather than its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Gazetteer,
    Events,
}

impl FileKind {
    /// "a gazetteer", "an events file": for sentences about a file.
    pub fn with_article(self) -> &'static str {
        match self {
            FileKind::Gazetteer => "a gazetteer",
            FileKind::Events => "an events file",
        }
    }
}

/// What a file's content says it is.
#[derive(Clone, Debug, PartialEq)]
pub enum Detected {
    /// It parses, and is a FeatureCollection or has an `events` list.
    Sure(FileKind),
    /// It does not parse as either, but its name or first keys point to this
    /// kind: parsing it as that kind reports the real problem, with its place.
    Likely(FileKind),
    /// Nothing points to either kind; the problem says what was tried, and
    /// the location is where the JSON breaks, if it does.
    Neither(Problem, Option<Location>),
}

/// Recognises a GeoJSON FeatureCollection or an object with an `events` list;
/// failing that, guesses from the name (`.geojson`) and the first keys.
pub fn detect_kind(name: &str, text: &str) -> Detected {
    #[derive(serde::Deserialize)]
    struct Probe<'a> {
        #[serde(rename = "type", default)]
        kind: Option<String>,
        #[serde(borrow, default)]
        events: Option<&'a serde_json::value::RawValue>,
    }
    let text = json_text::strip_bom(text);
    if let Ok(probe) = serde_json::from_str::<Probe>(text) {
        match (probe.kind.as_deref(), probe.events) {
            (Some("FeatureCollection"), _) => return Detected::Sure(FileKind::Gazetteer),
            (_, Some(_)) => return Detected::Sure(FileKind::Events),
            _ => {}
        }
    }
    if let Some(kind) = kind_from_hints(name, text) {
        return Detected::Likely(kind);
    }
    match serde_json::from_str::<&serde_json::value::RawValue>(text) {
        Err(error) => Detected::Neither(
            Problem::NeitherKindSyntax(json_text::error_message(&error)),
            json_text::JsonText::new(text).error_location(&error, None),
        ),
        Ok(_) => Detected::Neither(Problem::UnknownFileKind, None),
    }
}

/// The kind a file's name or first keys suggest: the earliest of
/// `"FeatureCollection"`, `"features"` (a gazetteer) or `"events"`,
/// `"parties"`, `"sources"` (an events file) in its first 64 KiB.
fn kind_from_hints(name: &str, text: &str) -> Option<FileKind> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".geojson") || lower.ends_with(".geojsonl") {
        return Some(FileKind::Gazetteer);
    }
    let head = &text.as_bytes()[..text.len().min(64 * 1024)];
    let keys: [(&[u8], FileKind); 5] = [
        (b"\"FeatureCollection\"", FileKind::Gazetteer),
        (b"\"features\"", FileKind::Gazetteer),
        (b"\"events\"", FileKind::Events),
        (b"\"parties\"", FileKind::Events),
        (b"\"sources\"", FileKind::Events),
    ];
    keys.iter()
        .filter_map(|(key, kind)| {
            head.windows(key.len())
                .position(|w| w == *key)
                .map(|at| (at, *kind))
        })
        .min_by_key(|&(at, _)| at)
        .map(|(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feature_collection_is_a_gazetteer_and_an_object_with_events_is_an_events_file() {
        let sure = |text| detect_kind("data.json", text);
        assert_eq!(
            sure(r#"{"type":"FeatureCollection","features":[]}"#),
            Detected::Sure(FileKind::Gazetteer)
        );
        assert_eq!(
            sure("\u{feff}{\"events\": []}"),
            Detected::Sure(FileKind::Events)
        );
        assert_eq!(
            sure(r#"{"type":"Feature"}"#),
            Detected::Neither(Problem::UnknownFileKind, None)
        );
        assert_eq!(
            sure("[1, 2]"),
            Detected::Neither(Problem::UnknownFileKind, None)
        );
        assert!(matches!(
            sure("not json"),
            Detected::Neither(Problem::NeitherKindSyntax(_), Some(_))
        ));
    }

    #[test]
    fn a_broken_file_is_read_as_the_kind_its_name_or_first_keys_suggest() {
        let broken_events = "{\n  \"parties\": [],\n  \"events\": [\n    {\"id\": \"a\"}\n    {\"id\": \"b\"}\n  ]\n}";
        assert_eq!(
            detect_kind("mine.json", broken_events),
            Detected::Likely(FileKind::Events)
        );
        let broken_places = "{\"type\": \"FeatureCollection\", \"features\": [,]}";
        assert_eq!(
            detect_kind("places.json", broken_places),
            Detected::Likely(FileKind::Gazetteer)
        );
        assert_eq!(
            detect_kind("places.GeoJSON", "{oops"),
            Detected::Likely(FileKind::Gazetteer)
        );
    }

    #[test]
    fn a_file_like_neither_kind_says_where_its_syntax_breaks() {
        let text = "{\n  \"a\": 1\n  \"b\": 2\n}";
        let Detected::Neither(_, location) = detect_kind("notes.json", text) else {
            panic!("neither kind");
        };
        assert_eq!(location, Some(Location { line: 3, column: 3 }));
        assert_eq!(
            detect_kind("notes.json", "{}"),
            Detected::Neither(Problem::UnknownFileKind, None)
        );
    }
}
