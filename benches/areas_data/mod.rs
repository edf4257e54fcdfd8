//! Districts as areas, for the frame benchmark and the window's scale test:
//! 3,000 district-sized areas (about 0.3° across, 200 vertices each, wobbly
//! so that simplifying them has work to do) on a 60 by 50 grid over
//! Afghanistan and around it, and claims about them: a quarter held by each
//! party (some confirmed), a quarter disputed with fighting, a quarter unknown.
//!
//! Deterministic: the same files every run.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub const AREAS: usize = 3_000;
const COLUMNS: usize = 60;
const VERTICES: usize = 200;
/// Degrees between neighbouring districts' centres.
const STEP: f64 = 0.32;
const RADIUS: f64 = 0.15;
const WEST: f64 = 55.0;
const SOUTH: f64 = 26.0;

/// The id of district `i`.
pub fn id(i: usize) -> String {
    format!("district-{i}")
}

/// Where district `i` is centred, longitude and latitude.
pub fn centre(i: usize) -> (f64, f64) {
    let (column, row) = (i % COLUMNS, i / COLUMNS);
    (WEST + column as f64 * STEP, SOUTH + row as f64 * STEP)
}

/// District `i`'s outline, a closed ring of `VERTICES` + 1 positions.
fn ring(i: usize) -> String {
    let (lon, lat) = centre(i);
    let mut ring = String::from("[");
    for v in 0..=VERTICES {
        let angle = std::f64::consts::TAU * (v % VERTICES) as f64 / VERTICES as f64;
        // Bumps of several sizes: a coast or a river bend at every scale.
        let wobble = 1.0
            + 0.12 * (angle * 5.0 + i as f64).sin()
            + 0.05 * (angle * 17.0).sin()
            + 0.02 * (angle * 61.0 + i as f64 * 0.3).sin();
        let r = RADIUS * wobble;
        let comma = if v < VERTICES { "," } else { "" };
        write!(
            ring,
            "[{:.5},{:.5}]{comma}",
            lon + r * angle.cos(),
            lat + r * angle.sin() * 0.9
        )
        .unwrap_or_default();
    }
    ring.push(']');
    ring
}

fn gazetteer() -> String {
    let mut text = String::from("{\"type\": \"FeatureCollection\", \"features\": [\n");
    for i in 0..AREAS {
        let comma = if i + 1 < AREAS { "," } else { "" };
        writeln!(
            text,
            r#"{{"type": "Feature", "id": "{}", "properties": {{"name": "District {i}", "kind": "district"}}, "geometry": {{"type": "Polygon", "coordinates": [{}]}}}}{comma}"#,
            id(i),
            ring(i)
        )
        .unwrap_or_default();
    }
    text.push_str("]}\n");
    text
}

fn events() -> String {
    let mut events = Vec::new();
    for i in 0..AREAS {
        let place = id(i);
        let event = |n: usize,
                     kind: &str,
                     claimant: &str,
                     controller: Option<&str>,
                     extra: &str| {
            let controller =
                controller.map_or(String::new(), |c| format!(r#", "controller": "{c}""#));
            format!(
                r#"{{"id": "{place}-{n}", "date": "2021-07-1{n}", "place": "{place}", "type": "{kind}", "claimant": "{claimant}"{controller}{extra}}}"#
            )
        };
        match i % 4 {
            0 => events.push(event(0, "captured", "a", Some("a"), "")),
            1 => events.push(event(
                0,
                "confirmed",
                "b",
                Some("b"),
                r#", "verification": "confirmed""#,
            )),
            2 => {
                events.push(event(0, "captured", "a", Some("a"), ""));
                events.push(event(1, "denied", "b", Some("b"), ""));
                events.push(event(2, "fighting", "b", None, ""));
            }
            _ => {}
        }
    }
    format!(
        "{{\"parties\": [{{\"id\": \"a\", \"name\": \"A\", \"color\": \"#c0392b\"}}, {{\"id\": \"b\", \"name\": \"B\", \"color\": \"#2e86c1\"}}],\n\"events\": [\n{}\n]}}\n",
        events.join(",\n")
    )
}

/// Writes the two files (12 MB) into `dir`, returning the gazetteer's path
/// and the events file's.
pub fn write(dir: &Path) -> std::io::Result<(PathBuf, PathBuf)> {
    std::fs::create_dir_all(dir)?;
    let (gazetteer_file, events_file) = (
        dir.join("districts.geojson"),
        dir.join("district-events.json"),
    );
    std::fs::write(&gazetteer_file, gazetteer())?;
    std::fs::write(&events_file, events())?;
    Ok((gazetteer_file, events_file))
}
