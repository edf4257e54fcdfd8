//! A generated map series, as a publisher releases one: 300 daily GeoJSON maps
//! of about 1 MB each, whose occupied area's front line moves back and forth
//! with a finely drawn edge, and a gazetteer of 20,000 towns under it.
//!
//! Deterministic: the same files every run, so figures are comparable.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[path = "../scale_data/random.rs"]
mod random;
use random::Random;

pub const MAPS: usize = 300;
pub const TOWNS: usize = 20_000;
/// Points along the front line of one map: about 1 MB of GeoJSON.
const FRONT_POINTS: usize = 45_000;

/// The folder with `places.geojson` and `maps/front-YYYY-MM-DD.geojson`,
/// written on first use.
pub fn ensure(dir: &Path) -> io::Result<PathBuf> {
    let dir = dir.join("series");
    let done = dir.join("complete");
    if done.exists() {
        return Ok(dir);
    }
    fs::create_dir_all(dir.join("maps"))?;
    fs::write(dir.join("places.geojson"), towns())?;
    let first = chrono::NaiveDate::from_ymd_opt(2022, 2, 24).unwrap_or_default();
    for (n, day) in first.iter_days().take(MAPS).enumerate() {
        let path = dir.join("maps").join(format!("front-{day}.geojson"));
        fs::write(path, front_map(n))?;
    }
    fs::write(done, "")?;
    Ok(dir)
}

/// Towns scattered over a 10° square.
fn towns() -> String {
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let mut text = String::from("{\"type\": \"FeatureCollection\", \"features\": [\n");
    for t in 0..TOWNS {
        let (lon, lat) = (30.0 + 10.0 * random.unit(), 45.0 + 10.0 * random.unit());
        let comma = if t + 1 < TOWNS { "," } else { "" };
        let _ = writeln!(
            text,
            "{{\"type\": \"Feature\", \"id\": \"t{t}\", \"geometry\": {{\"type\": \"Point\", \"coordinates\": [{lon:.5}, {lat:.5}]}}, \"properties\": {{\"name\": \"Town {t}\", \"kind\": \"city\"}}}}{comma}"
        );
    }
    text.push_str("]}\n");
    text
}

/// Map `n`: everything east of a front line that sways over the months.
fn front_map(n: usize) -> String {
    let day = n as f64;
    let base = 35.0 + 2.5 * (day / 40.0).sin();
    let mut ring = String::new();
    for i in 0..=FRONT_POINTS {
        let lat = 45.0 + 10.0 * i as f64 / FRONT_POINTS as f64;
        let lon = base + 0.3 * (lat * 3.0 + day / 10.0).sin() + 0.05 * (lat * 40.0).sin();
        let _ = write!(ring, "[{lon:.5},{lat:.5}],");
    }
    format!(
        "{{\"type\": \"FeatureCollection\", \"features\": [{{\"type\": \"Feature\", \"properties\": {{\"layer\": \"occupied\"}}, \"geometry\": {{\"type\": \"Polygon\", \"coordinates\": [[{ring}[41.0,55.0],[41.0,45.0],[{base_lon:.5},45.0]]]}}}}]}}\n",
        base_lon =
            base + 0.3 * (45.0_f64 * 3.0 + day / 10.0).sin() + 0.05 * (45.0_f64 * 40.0).sin(),
    )
}
