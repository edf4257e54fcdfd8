//! The floor under any load of the scale dataset that uses a JSON crate
//! rather than a hand-written parser: how long reading the bytes, checking
//! them as UTF-8, walking the JSON without keeping anything, and deserializing
//! the events into borrowed structs take on this machine, on one thread. A
//! load cannot be faster than the first three; building events can be split
//! over the two cores at best.
//!
//! Included by `benches/scale.rs` (`#[path]`), so the figures print in the
//! same run as the phases of a real load.

use std::borrow::Cow;
use std::path::Path;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde::de::IgnoredAny;

/// An event with every field the events format has, strings borrowed from
/// the text where they hold no escapes: the least a derived parser can build.
#[derive(Deserialize)]
#[allow(dead_code, reason = "built to be measured, never read")]
struct BareEvent<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    date: Cow<'a, str>,
    #[serde(borrow)]
    place: Option<Cow<'a, str>>,
    #[serde(borrow, rename = "type")]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    claimant: Option<Cow<'a, str>>,
    #[serde(borrow)]
    controller: Option<Cow<'a, str>>,
    #[serde(borrow)]
    verification: Option<Cow<'a, str>>,
    #[serde(borrow)]
    speaker: Option<Cow<'a, str>>,
    #[serde(borrow)]
    quote: Option<Cow<'a, str>>,
    #[serde(borrow)]
    source: Option<Cow<'a, str>>,
    #[serde(borrow)]
    note: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct BareEventsFile<'a> {
    #[serde(borrow)]
    events: Vec<BareEvent<'a>>,
}

/// Each step of the floor, timed once on this thread.
pub fn steps(gazetteer: &Path, events: &Path) -> [Duration; 4] {
    let started = Instant::now();
    let bytes = [
        std::fs::read(gazetteer).unwrap(),
        std::fs::read(events).unwrap(),
    ];
    let read = started.elapsed();
    let started = Instant::now();
    let texts = bytes.map(|b| String::from_utf8(b).unwrap());
    let utf8 = started.elapsed();
    let started = Instant::now();
    for text in &texts {
        serde_json::from_str::<IgnoredAny>(text).unwrap();
    }
    let walk = started.elapsed();
    let started = Instant::now();
    let file: BareEventsFile = serde_json::from_str(&texts[1]).unwrap();
    std::hint::black_box(&file.events);
    let bare_events = started.elapsed();
    [read, utf8, walk, bare_events]
}

pub const NAMES: [&str; 4] = [
    "read both files' bytes",
    "check them as UTF-8",
    "walk both as JSON, keeping nothing",
    "deserialize the events, borrowed",
];
