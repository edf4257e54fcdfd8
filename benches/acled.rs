#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark; a failure should stop it loudly"
)]

//! The in-process half of the ACLED benchmark (`benches/acled.sh` runs it
//! after the whole-process comparison with pandas): a generated export of
//! 1,000,000 rows, written under `target/scale` on first use. Prints the
//! median of each phase of a load.
//!
//! `cargo bench --bench acled` measures; `cargo bench --bench acled -- generate`
//! only writes the file and prints its path.

mod acled_data;

use std::path::Path;
use std::time::{Duration, Instant};

use claimmap::data::{Input, Opened, open_input};
use claimmap::files::DEFAULT_MAX_FILE_SIZE;
use claimmap::model::Dataset;
use claimmap::progress::Progress;

const RUNS: usize = 3;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

/// How long reading and parsing (at once, a piece at a time), and linking take.
fn phases(path: &Path) -> [Duration; 2] {
    let started = Instant::now();
    let input = Input::File(path.to_owned());
    let opened = open_input(&input, DEFAULT_MAX_FILE_SIZE, None, &Progress::default());
    let Opened::Data(data) = opened.unwrap().value else {
        panic!("an ACLED export is places and claims");
    };
    let parse = started.elapsed();
    let started = Instant::now();
    let (dataset, _) = Dataset::link(data.gazetteer.unwrap_or_default(), data.events);
    std::hint::black_box(&dataset);
    [parse, started.elapsed()]
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/scale");
    let path = acled_data::ensure(&dir).expect("writing the ACLED export");
    if std::env::args().any(|a| a == "generate") {
        println!("{}", path.display());
        return;
    }
    let runs: Vec<[Duration; 2]> = (0..RUNS).map(|_| phases(&path)).collect();
    println!("one load of a 1,000,000-row ACLED export, phase by phase, median of {RUNS}:");
    for (phase, name) in ["read and parse", "link"].iter().enumerate() {
        let time = median(runs.iter().map(|run| run[phase]).collect());
        println!("  {name:<20} {:>8.0} ms", time.as_secs_f64() * 1000.0);
    }
}
