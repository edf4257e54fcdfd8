//! Line and column numbers for values inside a JSON text.
//!
//! serde_json reports positions only for syntax errors. To point at the event or
//! field a problem is about, parsers borrow values as `RawValue`s, which are
//! slices of the original text, keep their byte offsets, and turn an offset
//! into a line and column only for a problem that is reported.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use serde_json::value::RawValue;

use crate::model::Location;
use crate::text_index::LineIndex;

/// Files from the wild may start with a UTF-8 byte order mark, which JSON forbids.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// A JSON text, and the index that turns offsets in it into lines and columns,
/// built the first time a location is asked for: a file without problems
/// never needs it.
pub struct JsonText<'a> {
    text: &'a str,
    lines: OnceCell<LineIndex>,
}

impl<'a> JsonText<'a> {
    pub fn new(text: &'a str) -> Self {
        JsonText {
            text: strip_bom(text),
            lines: OnceCell::new(),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Where a value borrowed from this text starts.
    pub fn location_of(&self, value: &RawValue) -> Option<Location> {
        self.offset_of(value).map(|offset| self.location_at(offset))
    }

    /// The offset of a value borrowed from this text, if it is.
    pub fn offset_of(&self, value: &RawValue) -> Option<usize> {
        self.offset_of_str(value.get())
    }

    /// The offset of a slice of this text, if it is one.
    pub fn offset_of_str(&self, slice: &str) -> Option<usize> {
        let offset = (slice.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        (offset <= self.text.len()).then_some(offset)
    }

    pub fn location_at(&self, offset: usize) -> Location {
        self.lines
            .get_or_init(|| LineIndex::new(self.text))
            .location(self.text, offset)
    }

    /// Where a serde_json error happened, for an error found while parsing
    /// `value` (or the whole text when `value` is `None`).
    ///
    /// serde_json counts columns in bytes; they are turned into a byte offset
    /// here so the result counts characters like every other location.
    pub fn error_location(
        &self,
        error: &serde_json::Error,
        value: Option<&RawValue>,
    ) -> Option<Location> {
        let base = match value {
            Some(value) => self.offset_of(value)?,
            None => 0,
        };
        let lines = self.lines.get_or_init(|| LineIndex::new(self.text));
        let offset = lines.offset_of_error(base, error.line(), error.column());
        Some(lines.location(self.text, offset.min(self.text.len())))
    }
}

/// The members of a text that should be one JSON object.
pub enum TopLevel<'a> {
    Object(BTreeMap<String, &'a RawValue>),
    /// Valid JSON, but not an object: a list, a string, a number.
    Other(&'static str),
    Broken(serde_json::Error),
}

impl<'a> JsonText<'a> {
    pub fn top_level(&self) -> TopLevel<'a> {
        if let Err(error) = serde_json::from_str::<&RawValue>(self.text) {
            return TopLevel::Broken(error);
        }
        match serde_json::from_str(self.text) {
            Ok(members) => TopLevel::Object(members),
            Err(_) => TopLevel::Other(match self.text.trim_start().chars().next() {
                Some('[') => "a list",
                Some('"') => "a string",
                _ => "a single value",
            }),
        }
    }
}

/// The first `\uXXXX` escape in a JSON string that is half of a UTF-16
/// surrogate pair without its other half, such as `"\ud800"`. serde_json
/// calls that "unexpected end of hex escape", which does not say what is wrong.
pub fn lone_surrogate(json_string: &str) -> Option<&str> {
    let bytes = json_string.as_bytes();
    let escape_at = |i: usize| -> Option<u32> {
        let hex = json_string.get(i + 2..i + 6)?;
        (bytes.get(i + 1) == Some(&b'u'))
            .then(|| u32::from_str_radix(hex, 16).ok())
            .flatten()
    };
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match escape_at(i) {
            Some(0xD800..=0xDBFF) => {
                if !matches!(escape_at(i + 6), Some(0xDC00..=0xDFFF)) {
                    return json_string.get(i..i + 6);
                }
                i += 12;
            }
            Some(0xDC00..=0xDFFF) => return json_string.get(i..i + 6),
            Some(_) => i += 6,
            None => i += 2,
        }
    }
    None
}

/// serde_json's message without its " at line L column C" suffix, which the
/// diagnostic prints in its own place.
pub fn error_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    message
        .strip_suffix(&suffix)
        .map_or(message.clone(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_are_found_and_pairs_are_not() {
        assert_eq!(lone_surrogate(r#""A\ud800""#), Some(r"\ud800"));
        assert_eq!(lone_surrogate(r#""\uDC00x""#), Some(r"\uDC00"));
        assert_eq!(lone_surrogate(r#""\ud83d\ude00 ok""#), None);
        assert_eq!(lone_surrogate(r#""\\ud800 is text""#), None);
        assert_eq!(lone_surrogate(r#""\u00e9\n""#), None);
    }

    #[test]
    fn a_minified_line_counts_columns_like_an_indented_one() {
        // One line of 200 KB with multi-byte characters: every column must be
        // what counting from the line's start gives.
        let items: Vec<String> = (0..5000).map(|i| format!("{{\"é{i}\": \"ü\"}}")).collect();
        let text = format!("[{}]", items.join(","));
        let json = JsonText::new(&text);
        let values: Vec<&RawValue> = serde_json::from_str(json.text()).unwrap();
        for value in values.iter().step_by(97) {
            let offset = value.get().as_ptr() as usize - text.as_ptr() as usize;
            let expected = text[..offset].chars().count() + 1;
            assert_eq!(
                json.location_of(value),
                Some(Location {
                    line: 1,
                    column: expected
                })
            );
        }
    }

    #[test]
    fn borrowed_values_know_their_line_and_column() {
        let json = JsonText::new("\u{feff}{\r\n  \"a\": [1,\r\n   \"é\", {\"b\": 2}]\r\n}");
        let doc: std::collections::BTreeMap<String, Vec<&RawValue>> =
            serde_json::from_str(json.text()).unwrap();
        let items = &doc["a"];
        assert_eq!(
            json.location_of(items[0]),
            Some(Location { line: 2, column: 9 })
        );
        assert_eq!(
            json.location_of(items[1]),
            Some(Location { line: 3, column: 4 })
        );
        assert_eq!(
            json.location_of(items[2]),
            Some(Location { line: 3, column: 9 }),
            "columns count characters"
        );
    }

    #[test]
    fn errors_inside_a_value_are_placed_in_the_whole_text() {
        let json = JsonText::new("[\n  {\"x\": 1},\n  {\"x\": true}\n]");
        let items: Vec<&RawValue> = serde_json::from_str(json.text()).unwrap();
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct X {
            x: u32,
        }
        let error = serde_json::from_str::<X>(items[1].get()).unwrap_err();
        assert_eq!(
            json.error_location(&error, Some(items[1])),
            Some(Location {
                line: 3,
                column: 12
            })
        );
        assert_eq!(
            error_message(&error),
            "invalid type: boolean `true`, expected u32"
        );
    }
}
