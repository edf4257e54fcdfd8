#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark; a failure should stop it loudly"
)]

//! The in-process half of the real-scale benchmark (`benches/scale.sh` runs it
//! after the whole-process comparisons): 100k places and 1M events, generated
//! under `target/scale` on first use. Prints the median of each phase of a load.
//!
//! `cargo bench --bench scale` measures; `cargo bench --bench scale -- generate`
//! only writes the files and prints their paths.

#[path = "scale_data/floor.rs"]
mod floor;
mod scale_data;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use claimmap::formats::{parse_events, parse_gazetteer};
use claimmap::model::{Dataset, Mode};

const RUNS: usize = 3;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

/// How long each phase of one load takes, on this thread alone.
fn phases(gazetteer: &Path, events: &Path) -> [Duration; 5] {
    let started = Instant::now();
    let places_text = std::fs::read_to_string(gazetteer).unwrap();
    let events_text = std::fs::read_to_string(events).unwrap();
    let read = started.elapsed();
    let started = Instant::now();
    let places = parse_gazetteer("g", &places_text).unwrap().value;
    let parse_places = started.elapsed();
    let started = Instant::now();
    let file = parse_events("e", events_text).unwrap().value;
    let parse_events = started.elapsed();
    let started = Instant::now();
    let (dataset, warnings) = Dataset::link(places, file);
    let link = started.elapsed();
    let started = Instant::now();
    let located = warnings
        .iter()
        .filter_map(|w| dataset.events().location(w.event))
        .count();
    assert_eq!(located, warnings.len());
    [read, parse_places, parse_events, link, started.elapsed()]
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/scale");
    let (gazetteer, events) = scale_data::ensure(&dir).expect("writing the scale dataset");
    if std::env::args().any(|a| a == "generate") {
        println!("{}\n{}", gazetteer.display(), events.display());
        return;
    }
    print_floor(&gazetteer, &events);
    let runs: Vec<[Duration; 5]> = (0..RUNS).map(|_| phases(&gazetteer, &events)).collect();
    println!("one load of 100k places and 1M events, phase by phase, median of {RUNS}:");
    let names = [
        "read both files",
        "parse the gazetteer",
        "parse the events",
        "link (ids, sides, the rule's sort)",
        "locate every link warning",
    ];
    for (phase, name) in names.iter().enumerate() {
        let time = median(runs.iter().map(|run| run[phase]).collect());
        println!("  {name:<36} {:>8.0} ms", time.as_secs_f64() * 1000.0);
    }
    scrub(&gazetteer, &events);
}

/// What any load built on a JSON crate costs at least, to compare the phases with.
fn print_floor(gazetteer: &Path, events: &Path) {
    let runs: Vec<[Duration; 4]> = (0..RUNS).map(|_| floor::steps(gazetteer, events)).collect();
    println!("the floor under a load with serde_json, one thread, median of {RUNS}:");
    for (step, name) in floor::NAMES.iter().enumerate() {
        let time = median(runs.iter().map(|run| run[step]).collect());
        println!("  {name:<36} {:>8.0} ms", time.as_secs_f64() * 1000.0);
    }
}

/// The day moved one at a time through the year, both ways, and jumps to any day.
fn scrub(gazetteer: &Path, events: &Path) {
    let places = std::fs::read_to_string(gazetteer).unwrap();
    let places = parse_gazetteer("g", &places).unwrap().value;
    let file = parse_events("e", std::fs::read_to_string(events).unwrap())
        .unwrap()
        .value;
    let (dataset, _) = Dataset::link(places, file);
    let first = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    for mode in [Mode::Event, Mode::Known] {
        let jumps: Vec<Duration> = [
            first,
            first + chrono::Days::new(182),
            first + chrono::Days::new(364),
        ]
        .iter()
        .map(|&day| {
            let started = Instant::now();
            std::hint::black_box(dataset.control_state_at(day, mode));
            started.elapsed()
        })
        .collect();
        let mut states = dataset.day_states(first, mode);
        let started = Instant::now();
        dataset.step_forward(&mut states);
        let index = started.elapsed();
        let mut forward = Vec::new();
        let mut changed = 0;
        for _ in 0..363 {
            let started = Instant::now();
            changed += dataset.step_forward(&mut states).len();
            forward.push(started.elapsed());
        }
        let mut back = Vec::new();
        for _ in 0..363 {
            let started = Instant::now();
            dataset.step_back(&mut states);
            back.push(started.elapsed());
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let slowest = |times: &[Duration]| times.iter().max().copied().unwrap_or_default();
        println!(
            "{mode:?} mode: jump to a day {:.1} ms (median of 3); one day forward {:.2} ms median, {:.2} ms slowest; \
             back {:.2} ms median, {:.2} ms slowest; {changed} changes over the year; \
             day index built on the first step in {:.0} ms",
            ms(median(jumps)),
            ms(median(forward.clone())),
            ms(slowest(&forward)),
            ms(median(back.clone())),
            ms(slowest(&back)),
            ms(index),
        );
    }
}
