#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark; a failure should stop it loudly"
)]

//! Claims from a series of control maps (issue "Control maps are claims"):
//! 300 daily maps of about 1 MB against 20,000 towns, generated under
//! `target/scale/series` on first use. Prints the median of finding and
//! reading the maps, and of deriving the claims. `benches/series.sh` runs it
//! beside geopandas doing the same membership with `sjoin`.
//!
//! `cargo bench --bench series` measures; `-- generate` only writes the files
//! and prints their folder.

mod series_data;

use std::path::Path;
use std::time::{Duration, Instant};

use claimmap::data::read_series;
use claimmap::formats::parse_gazetteer;
use claimmap::model::{MapSeries, Verification, derive_claims};

const RUNS: usize = 3;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn main() {
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/scale");
    let dir = series_data::ensure(&target).expect("writing the map series");
    if std::env::args().any(|a| a == "generate") {
        println!("{}", dir.display());
        return;
    }
    let gazetteer = std::fs::read_to_string(dir.join("places.geojson")).unwrap();
    let places = parse_gazetteer("places.geojson", &gazetteer)
        .unwrap()
        .value
        .places;
    let series = MapSeries {
        name: None,
        id: "front".into(),
        claimant: "publisher".into(),
        controller: "occupier".into(),
        verification: Verification::Claimed,
        source: None,
    };
    let mut reading = Vec::new();
    let mut deriving = Vec::new();
    let mut claims = 0;
    let mut town_days = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let maps = read_series("events.json", "front", &dir, "maps/*.geojson", u64::MAX)
            .unwrap()
            .value;
        reading.push(started.elapsed());
        let started = Instant::now();
        let derived = derive_claims(&series, &maps, &places);
        deriving.push(started.elapsed());
        claims = derived.len();
        // The maps are daily: a claim covers the maps from its day to its last.
        let last_map = maps.last().map(|m| m.day).unwrap();
        town_days = (derived.iter())
            .map(|c| (c.until.unwrap_or(last_map) - c.date.effective_day()).num_days() + 1)
            .sum::<i64>();
    }
    let (reading, deriving) = (median(reading), median(deriving));
    println!(
        "{} maps against {} towns ({claims} claims covering {town_days} town-days), median of {RUNS}:",
        series_data::MAPS,
        series_data::TOWNS
    );
    println!(
        "  find and read the maps  {:>8.0} ms",
        reading.as_secs_f64() * 1000.0
    );
    println!(
        "  derive the claims       {:>8.0} ms",
        deriving.as_secs_f64() * 1000.0
    );
    println!(
        "  first derivation        {:>8.0} ms",
        (reading + deriving).as_secs_f64() * 1000.0
    );
}
