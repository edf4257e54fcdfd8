//! What each fuzz target does with its input, in one place.
//!
//! Each target feeds bytes through the same path a file takes (UTF-8 check,
//! parse, link, the rule) and prints every diagnostic, so a panic anywhere on
//! that path, or a diagnostic that is not exactly one line, is a finding.

use std::borrow::Cow;

use chrono::NaiveDate;
use claimmap::data::{BUILT_IN_EVENTS, BUILT_IN_GAZETTEER, Opened, parse_any, text_from_bytes};
use claimmap::formats::{Diagnostic, parse_events, parse_gazetteer, parse_placemarks, parse_table};
use claimmap::model::{Dataset, EventsFile, Gazetteer, Mode};
use claimmap::progress::Progress;

pub fn gazetteer(bytes: &[u8]) {
    let Some(text) = text(bytes) else { return };
    if let Some(gazetteer) = loaded(parse_gazetteer("fuzz.geojson", &text)) {
        let events = built_in(parse_events("events.json", BUILT_IN_EVENTS));
        exercise(gazetteer, events);
    }
}

pub fn events(bytes: &[u8]) {
    let Some(text) = text(bytes) else { return };
    if let Some(events) = loaded(parse_events("fuzz.json", text.to_string())) {
        let gazetteer = built_in(parse_gazetteer("gazetteer.geojson", BUILT_IN_GAZETTEER));
        exercise(gazetteer, events);
    }
}

/// Any bytes as File → Open… reads them: recognised by content (a JSON
/// kind, a table, KML or KMZ), parsed, linked with the built-in half it lacks.
pub fn open(bytes: &[u8]) {
    let bytes = Cow::Owned(bytes.to_vec());
    let Some(opened) = loaded(parse_any("fuzz", bytes, None, &Progress::default())) else {
        return;
    };
    let gazetteer = || built_in(parse_gazetteer("gazetteer.geojson", BUILT_IN_GAZETTEER));
    let events = || built_in(parse_events("events.json", BUILT_IN_EVENTS));
    match opened {
        Opened::Gazetteer(places) => exercise(places, events()),
        Opened::Events(file) => exercise(gazetteer(), file),
        Opened::Data(data) => exercise(data.gazetteer.unwrap_or_else(gazetteer), data.events),
    }
}

/// A claims spreadsheet or ACLED export, as the table reader sees it.
pub fn table(bytes: &[u8]) {
    if let Some(data) = loaded(parse_table("fuzz.csv", bytes)) {
        let gazetteer = || built_in(parse_gazetteer("gazetteer.geojson", BUILT_IN_GAZETTEER));
        exercise(data.gazetteer.unwrap_or_else(gazetteer), data.events);
    }
}

/// KML or KMZ placemarks, as the placemark reader sees them.
pub fn kml(bytes: &[u8]) {
    if let Some(places) = loaded(parse_placemarks("fuzz.kml", bytes)) {
        exercise(places, built_in(parse_events("events.json", BUILT_IN_EVENTS)));
    }
}

/// The text, or `None` after checking the UTF-8 error's own diagnostic.
fn text(bytes: &[u8]) -> Option<String> {
    match text_from_bytes("fuzz", bytes.to_vec()) {
        Ok(text) => Some(text),
        Err(failed) => {
            failed.diagnostics.iter().for_each(one_line);
            None
        }
    }
}

fn loaded<T>(
    result: Result<claimmap::formats::Loaded<T>, claimmap::formats::LoadFailed>,
) -> Option<T> {
    match result {
        Ok(loaded) => {
            loaded.warnings.iter().for_each(one_line);
            Some(loaded.value)
        }
        Err(failed) => {
            failed.diagnostics.iter().for_each(one_line);
            None
        }
    }
}

fn built_in<T>(result: Result<claimmap::formats::Loaded<T>, claimmap::formats::LoadFailed>) -> T {
    match result {
        Ok(loaded) => loaded.value,
        Err(failed) => panic!("the built-in data does not load: {:?}", failed.diagnostics),
    }
}

/// Links, and applies the rule on a few days in both modes.
fn exercise(gazetteer: Gazetteer, events: EventsFile) {
    let (dataset, warnings) = Dataset::link(gazetteer, events);
    for warning in &warnings {
        let _ = warning.warning.to_string();
    }
    let days = dataset
        .day_range()
        .map_or_else(Vec::new, |(first, last)| vec![first, last]);
    let fixed = NaiveDate::from_ymd_opt(2021, 7, 14).into_iter();
    for day in days.into_iter().chain(fixed) {
        for mode in [Mode::Event, Mode::Known] {
            let states = dataset.control_state_at(day, mode);
            assert_eq!(states.len(), dataset.places().len());
            for state in &states {
                let _ = dataset.state_in_words(state);
            }
        }
    }
}

/// What `claimmap check` prints: exactly one line, whatever the file held.
fn one_line(diagnostic: &Diagnostic) {
    let line = diagnostic.to_string();
    assert!(
        !line.contains(['\n', '\r', '\u{1b}', '\u{202e}', '\u{2028}']),
        "a diagnostic that is not one safe line: {line:?}"
    );
}
