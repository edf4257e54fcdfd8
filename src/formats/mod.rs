//! Reading the files users bring: a GeoJSON gazetteer and an events file.
//!
//! Parsers collect every problem they find, each with its file, line and column,
//! instead of stopping at the first: a user fixing a file wants the whole list.
//! A file with any error yields no value at all, so a failed load can never
//! replace good data with half a file.

mod diagnostic;
mod events;
mod gazetteer;
mod json_text;
mod sides;

pub use diagnostic::{Diagnostic, LoadFailed, Loaded, Problem, Severity};
pub use events::parse_events;
pub use gazetteer::parse_gazetteer;

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

/// Recognises a GeoJSON FeatureCollection or an object with an `events` list;
/// `None` when the text is neither (or not JSON at all).
pub fn detect_kind(text: &str) -> Option<FileKind> {
    #[derive(serde::Deserialize)]
    struct Probe<'a> {
        #[serde(rename = "type", default)]
        kind: Option<String>,
        #[serde(borrow, default)]
        events: Option<&'a serde_json::value::RawValue>,
    }
    let probe: Probe = serde_json::from_str(json_text::strip_bom(text)).ok()?;
    match (probe.kind.as_deref(), probe.events) {
        (Some("FeatureCollection"), _) => Some(FileKind::Gazetteer),
        (_, Some(_)) => Some(FileKind::Events),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feature_collection_is_a_gazetteer_and_an_object_with_events_is_an_events_file() {
        assert_eq!(
            detect_kind(r#"{"type":"FeatureCollection","features":[]}"#),
            Some(FileKind::Gazetteer)
        );
        assert_eq!(
            detect_kind("\u{feff}{\"events\": []}"),
            Some(FileKind::Events)
        );
        assert_eq!(detect_kind(r#"{"type":"Feature"}"#), None);
        assert_eq!(detect_kind("[1, 2]"), None);
        assert_eq!(detect_kind("not json"), None);
    }
}
