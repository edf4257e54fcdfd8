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

use claimmap::data::{Derivation, ListedSeries, SeriesCache, open_listed_series};
use claimmap::formats::parse_gazetteer;
use claimmap::model::{MapSeries, SeriesListing, Verification};
use claimmap::progress::Progress;

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
    let listing = SeriesListing {
        series: MapSeries {
            name: None,
            id: "front".into(),
            claimant: "publisher".into(),
            controller: "occupier".into(),
            verification: Verification::Claimed,
            source: None,
        },
        files: "maps/*.geojson".into(),
    };
    let cache_dir = target.join("series-cache");
    let cache = SeriesCache::in_folder(&cache_dir);
    let listed = [ListedSeries {
        folder: dir.clone(),
        listing,
    }];
    let open = || {
        let progress = Progress::default();
        let (mut opened, said) =
            open_listed_series("events.json", &listed, &places, &cache, u64::MAX, &progress);
        assert!(said.is_empty(), "{said:?}");
        opened.pop().unwrap()
    };
    let (mut first, mut reopening) = (Vec::new(), Vec::new());
    let (mut claims, mut town_days) = (0, 0);
    for _ in 0..RUNS {
        let _ = std::fs::remove_dir_all(&cache_dir);
        let started = Instant::now();
        let opened = open();
        first.push(started.elapsed());
        assert_eq!(opened.derivation, Derivation::Derived);
        claims = opened.stretches.len();
        // The maps are daily: a claim covers the maps from its day to its last.
        let maps = &opened.series.maps;
        let last_map = maps.last().map(|m| m.day).unwrap();
        town_days = (opened.stretches.iter())
            .map(|s| {
                (s.until(maps).unwrap_or(last_map) - maps[s.first as usize].day).num_days() + 1
            })
            .sum::<i64>();
        // Opened again: the same maps and places, their stretches from the cache.
        let started = Instant::now();
        let again = open();
        reopening.push(started.elapsed());
        assert_eq!(again.derivation, Derivation::Cached);
        assert_eq!(again.stretches, opened.stretches);
    }
    let (first, reopening) = (median(first), median(reopening));
    println!(
        "{} maps against {} towns ({claims} claims covering {town_days} town-days), median of {RUNS}:",
        series_data::MAPS,
        series_data::TOWNS
    );
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("  first derivation        {:>8.0} ms", ms(first));
    println!("  cached reopening        {:>8.0} ms", ms(reopening));
}
