#![allow(
    clippy::unwrap_used,
    reason = "a benchmark of synthetic data; a failure should stop it loudly"
)]

//! The input shapes that once took quadratic time, timed at growing sizes.
//! Run with `cargo bench --bench input_shapes`. Linear work grows ×4 from
//! 25,000 to 100,000 items; quadratic work grew ×16 (and took 37 s, 25 s and
//! 16 s at the issue's sizes). It prints medians of 5 runs and asserts nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use claimmap::formats::{parse_events, parse_gazetteer};
use claimmap::model::{Dataset, Gazetteer};

const SIZES: [usize; 3] = [25_000, 50_000, 100_000];
const RUNS: usize = 5;

/// `n` events on one line (minified), or one per line (indented).
fn events_file(n: usize, minified: bool) -> String {
    let separator = if minified { "," } else { ",\n  " };
    let events: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id":"e{i}","date":"2021-07-09","place":"p{}","type":"captured","claimant":"c{}","controller":"t","quote":"Qalʿa-yi Naw — “captured”"}}"#,
                i % 1000,
                i % 7
            )
        })
        .collect();
    format!(r#"{{"events":[{}]}}"#, events.join(separator))
}

/// `n` parties, each the side of the next.
fn side_chain(n: usize) -> String {
    let parties: Vec<String> = (0..n)
        .map(|i| match i + 1 < n {
            true => format!(r#"{{"id":"p{i}","name":"P{i}","side":"p{}"}}"#, i + 1),
            false => format!(r#"{{"id":"p{i}","name":"P{i}"}}"#),
        })
        .collect();
    format!(r#"{{"parties":[{}],"events":[]}}"#, parties.join(",\n"))
}

/// `n` features of one name and no id.
fn same_names(n: usize) -> String {
    let feature = r#"{"type":"Feature","properties":{"name":"Checkpoint"},"geometry":{"type":"Point","coordinates":[66.4,30.9]}}"#;
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        vec![feature; n].join(",\n")
    )
}

fn median_of_runs(work: impl Fn()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn row(shape: &str, make: impl Fn(usize) -> String, work: impl Fn(&str)) {
    let times: Vec<Duration> = SIZES
        .iter()
        .map(|&n| {
            let text = make(n);
            median_of_runs(|| work(black_box(&text)))
        })
        .collect();
    let ms: Vec<String> = times
        .iter()
        .map(|t| format!("{:>9.1}", t.as_secs_f64() * 1e3))
        .collect();
    let growth = times[2].as_secs_f64() / times[0].as_secs_f64();
    println!("{shape:<34} {}   ×{growth:.1}", ms.join(" "));
}

fn main() {
    println!(
        "{:<34} {:>9} {:>9} {:>9}   100k/25k (linear ≈ 4, quadratic ≈ 16)",
        "median ms of 5 runs", "25,000", "50,000", "100,000"
    );
    row(
        "events file, indented",
        |n| events_file(n, false),
        |text| {
            parse_events("e.json", text.to_owned()).unwrap();
        },
    );
    row(
        "events file, minified (one line)",
        |n| events_file(n, true),
        |text| {
            parse_events("e.json", text.to_owned()).unwrap();
        },
    );
    row("side chain, parsed and linked", side_chain, |text| {
        let file = parse_events("e.json", text.to_owned()).unwrap().value;
        black_box(Dataset::link(Gazetteer::default(), file));
    });
    row("features of one name, no id", same_names, |text| {
        parse_gazetteer("g.geojson", text).unwrap();
    });
}
