#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark; a failure should stop it loudly"
)]

//! The in-process half of the real-scale benchmark (`benches/scale.sh` runs it,
//! after the whole-process comparisons): 100k places and 1M events, generated
//! under `target/scale` on first use.
//!
//! `cargo bench --bench scale` prints medians; `cargo bench --bench scale --
//! generate` only writes the files and prints their paths.

mod scale_data;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use claimmap::data::{Input, load_dataset};
use claimmap::files::DEFAULT_MAX_FILE_SIZE;

const RUNS: usize = 5;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/scale");
    let (gazetteer, events) = scale_data::ensure(&dir).expect("writing the scale dataset");
    if std::env::args().any(|a| a == "generate") {
        println!("{}\n{}", gazetteer.display(), events.display());
        return;
    }
    let t = Instant::now();
    let gtext = std::fs::read_to_string(dir.join("places-100k.geojson")).unwrap();
    let etext = std::fs::read_to_string(dir.join("events-1m.json")).unwrap();
    println!("read {:?}", t.elapsed());
    let t = Instant::now();
    let g = claimmap::formats::parse_gazetteer("g", &gtext)
        .unwrap()
        .value;
    println!("gazetteer {:?}", t.elapsed());
    let t = Instant::now();
    let e = claimmap::formats::parse_events("e", etext).unwrap().value;
    println!("events {:?}", t.elapsed());
    let t = Instant::now();
    let (d, w) = claimmap::model::Dataset::link(g, e);
    println!("link {:?} {}", t.elapsed(), w.len());
    let t = Instant::now();
    let locs: Vec<_> = w.iter().map(|w| d.events().location(w.event)).collect();
    println!("locations {:?} {}", t.elapsed(), locs.len());
    let t = Instant::now();
    let s: Vec<String> = w.iter().map(|w| w.warning.to_string()).collect();
    println!("warning strings {:?} {}", t.elapsed(), s.len());
    return;
    let (gazetteer, events) = (Input::File(gazetteer), Input::File(events));
    let load = median(
        (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                black_box(load_dataset(&gazetteer, &events, DEFAULT_MAX_FILE_SIZE));
                started.elapsed()
            })
            .collect(),
    );
    println!("load (read, parse, validate, link), median of {RUNS}: {load:.1?}");
}
