#![allow(
    clippy::unwrap_used,
    reason = "a benchmark of synthetic data; a failure should stop it loudly"
)]

//! How long the rule takes at the scale a later issue will load: 100k places,
//! 1M events. Run with `cargo bench --bench state`; it prints timings and
//! asserts nothing, because timings belong here and not in tests.

use std::hint::black_box;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use claimmap::model::{
    Dataset, Event, EventTable, EventType, EventsFile, Gazetteer, Mode, Party, Place, Verification,
};
use geo_types::Point;

const PLACES: usize = 100_000;
const EVENTS: usize = 1_000_000;
const CLAIMANTS: usize = 40;

/// A deterministic spread of events: xorshift, so runs are comparable.
fn synthetic() -> (Gazetteer, EventsFile) {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let places = (0..PLACES)
        .map(|i| Place {
            id: format!("p{i}"),
            name: format!("Place {i}"),
            kind: "city".into(),
            countries: vec![],
            province: None,
            aliases: vec![],
            position: Point::new(
                60.0 + (i % 1000) as f64 / 100.0,
                30.0 + (i / 1000) as f64 / 10.0,
            ),
            area: None,
            properties: Default::default(),
        })
        .collect();
    let parties = (0..CLAIMANTS)
        .map(|i| Party {
            side: (i >= 2).then(|| ["a", "b"][i % 2].to_owned()),
            ..Party::implicit(&format!("c{i}"))
        })
        .chain([Party::implicit("a"), Party::implicit("b")])
        .collect();
    let start = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    let events: Vec<Event> = (0..EVENTS)
        .map(|i| {
            let kind = [
                EventType::Captured,
                EventType::Holds,
                EventType::Denied,
                EventType::Fighting,
            ][next(4)];
            Event {
                id: format!("e{i}"),
                date: claimmap::model::DateSpec::day(start + Days::new(next(365) as u64)),
                place: format!("p{}", next(PLACES)),
                kind,
                claimant: format!("c{}", next(CLAIMANTS)),
                controller: kind
                    .is_control_claim()
                    .then(|| ["a", "b"][next(2)].to_owned()),
                verification: if next(50) == 0 {
                    Verification::Confirmed
                } else {
                    Verification::Claimed
                },
                until: None,
                speaker: None,
                quote: None,
                source: None,
                note: None,
            }
        })
        .collect();
    (
        Gazetteer { places },
        EventsFile {
            parties,
            sources: vec![],
            events: EventTable::from_events(&events),
            maps: Vec::new(),
        },
    )
}

fn main() {
    let (gazetteer, file) = synthetic();
    let started = Instant::now();
    let (dataset, warnings) = Dataset::link(gazetteer, file);
    assert!(warnings.is_empty());
    println!(
        "link + one-time sort of {EVENTS} events over {PLACES} places: {:?}",
        started.elapsed()
    );

    let (first, last) = dataset.day_range().unwrap();
    for (label, day) in [
        ("first day", first),
        ("mid-year", first + Days::new(182)),
        ("last day", last),
    ] {
        for mode in [Mode::Event, Mode::Known] {
            let runs = 5;
            let started = Instant::now();
            for _ in 0..runs {
                black_box(dataset.control_state_at(black_box(day), mode));
            }
            println!(
                "control_state_at, {label}, {mode:?} mode: {:?} per call",
                started.elapsed() / runs
            );
        }
    }
}
