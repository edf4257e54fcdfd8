//! The built-in dataset: it loads cleanly, says what the articles say, and
//! quotes them word for word.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use std::path::PathBuf;

use chrono::NaiveDate;
use claimmap::data::{Input, load_dataset};
use claimmap::model::{Dataset, Mode, PlaceState, Status};

fn dataset() -> Dataset {
    let report = load_dataset(
        &Input::built_in_gazetteer(),
        &Input::built_in_events(),
        claimmap::files::DEFAULT_MAX_FILE_SIZE,
    );
    let problems: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        Vec::<String>::new(),
        "the built-in data must load without a warning"
    );
    report.dataset.unwrap()
}

fn state_of(dataset: &Dataset, place: &str, day: &str) -> (PlaceState, Vec<String>) {
    let place = dataset
        .place_by_id(place)
        .unwrap_or_else(|| panic!("no place {place}"));
    let state = dataset.place_state_at(place, day.parse::<NaiveDate>().unwrap(), Mode::Event);
    let controllers = state
        .controllers
        .iter()
        .map(|&p| dataset.parties()[p].id.clone())
        .collect();
    (state, controllers)
}

#[test]
fn islam_qala_is_disputed_on_8_july() {
    let (state, controllers) = state_of(&dataset(), "islam-qala", "2021-07-08");
    assert_eq!(state.status, Status::Disputed);
    assert_eq!(controllers, ["government", "taliban"]);
}

#[test]
fn spin_boldak_is_disputed_on_14_july() {
    let (state, controllers) = state_of(&dataset(), "spin-boldak-chaman", "2021-07-14");
    assert_eq!(state.status, Status::Disputed);
    assert_eq!(controllers, ["government", "taliban"]);
}

#[test]
fn qala_e_naw_is_held_by_the_government_on_8_july() {
    let dataset = dataset();
    let (state, controllers) = state_of(&dataset, "qala-e-naw", "2021-07-08");
    assert_eq!(state.status, Status::Held);
    assert_eq!(controllers, ["government"]);
    let deciding: Vec<&str> = state
        .claims
        .iter()
        .filter_map(|&e| dataset.event(e).quote)
        .collect();
    assert!(
        deciding
            .iter()
            .any(|q| q.contains("completely (re) under our control")),
        "{deciding:?}"
    );
}

#[test]
fn shir_khan_bandar_is_held_by_the_taliban_on_9_july() {
    let (state, controllers) = state_of(&dataset(), "shir-khan-bandar", "2021-07-09");
    assert_eq!(state.status, Status::Held);
    assert_eq!(controllers, ["taliban"]);
}

#[test]
fn every_event_is_attributed_quoted_and_placed() {
    let dataset = dataset();
    assert!(
        dataset.events().len() >= 25,
        "only {} events",
        dataset.events().len()
    );
    assert!(dataset.unplaced_events().is_empty());
    for event in dataset.events() {
        let quote = event.quote.unwrap_or_default();
        assert!(quote.len() > 20, "event {} needs its quote", event.id);
        assert!(
            event.speaker.is_some(),
            "event {} needs its speaker",
            event.id
        );
        let source = event
            .source
            .and_then(|id| dataset.sources().iter().find(|s| s.id == id));
        assert!(
            source.is_some_and(|s| s.published.is_some()),
            "event {} needs a dated source",
            event.id
        );
    }
}

/// The reference coordinates (lat, lon) the gazetteer must use.
const REFERENCE: [(&str, f64, f64); 24] = [
    ("islam-qala", 34.6667, 61.0667),
    ("spin-boldak-chaman", 30.9222, 66.4447),
    ("shir-khan-bandar", 37.1946, 68.6053),
    ("torghundi-serhetabat", 35.250, 62.283),
    ("hairatan", 37.2278, 67.4282),
    ("aqina", 37.2286, 65.2631),
    ("torkham", 34.1147, 71.0847),
    ("abu-nasr-farahi", 32.1597, 60.8739),
    ("milak-zaranj", 30.9700, 61.8092),
    ("wakhjir-pass", 37.0872, 74.4842),
    ("ishkashim", 36.7092, 71.5739),
    ("kandahar", 31.6133, 65.7101),
    ("herat", 34.3482, 62.1997),
    ("qala-e-naw", 34.9874, 63.1289),
    ("kabul", 34.5281, 69.1723),
    ("mazar-i-sharif", 36.7090, 67.1109),
    ("kunduz", 36.7290, 68.8570),
    ("faizabad", 37.1166, 70.5800),
    ("chaman", 30.9177, 66.4526),
    ("zaranj", 30.9596, 61.8604),
    ("farah", 32.3745, 62.1164),
    ("serhetabat", 35.2799, 62.3438),
    ("dushanbe", 38.5358, 68.7791),
    ("termez", 37.2242, 67.2783),
];

#[test]
fn places_sit_at_the_reference_coordinates() {
    let dataset = dataset();
    for (id, lat, lon) in REFERENCE {
        let place = &dataset.places()[dataset
            .place_by_id(id)
            .unwrap_or_else(|| panic!("no place {id}"))];
        assert_eq!((place.lat(), place.lon()), (lat, lon), "{id}");
        assert!(place.province.is_some(), "{id} needs its province");
        let sides = if place.kind == "crossing" { 2 } else { 1 };
        assert_eq!(place.countries.len(), sides, "{id}: {:?}", place.countries);
    }
}

/// The seed articles live beside the checkout, not in it.
fn seed_texts() -> Vec<(String, String)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run this test only where the seed articles are",
            folder.display()
        )
    });
    let mut texts: Vec<(String, String)> = entries
        .filter_map(Result::ok)
        .map(|entry| {
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(entry.path()).unwrap(),
            )
        })
        .collect();
    texts.sort();
    texts
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Readers' comments follow the article in one seed; they are not sources.
fn without_readers_comments(text: &str) -> &str {
    text.find("Taliban now wan to be fren fren")
        .map_or(text, |end| &text[..end])
}

/// `.ci/run` runs it when `../shared/seeds` is there (`cargo test --test dataset -- --ignored`).
#[test]
#[ignore = "reads the seed articles in ../shared/seeds, which are not in the repository"]
fn every_quote_is_copied_verbatim_from_a_seed_article() {
    let seeds = seed_texts();
    assert_eq!(seeds.len(), 5);
    let articles: Vec<String> = seeds
        .iter()
        .map(|(_, text)| collapse_whitespace(without_readers_comments(text)))
        .collect();
    let dataset = dataset();
    for event in dataset.events() {
        let quote = collapse_whitespace(event.quote.unwrap_or_default());
        assert!(
            articles.iter().any(|article| article.contains(&quote)),
            "event {}: not found verbatim: {quote}",
            event.id
        );
    }
}
