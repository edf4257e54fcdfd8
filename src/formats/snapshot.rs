//! One map of a publisher's series: a GeoJSON FeatureCollection whose
//! Polygons and MultiPolygons are what the map shows held on its day.
//!
//! The day is the first `YYYYMMDD` or `YYYY-MM-DD` in the file's name, as
//! publishers name their daily files (`isw-2022-03-01.geojson`,
//! `deepstate_20220301.geojson`), else the collection's `date` member.

use chrono::NaiveDate;
use geo_types::MultiPolygon;
use geojson::Feature;
use serde_json::value::RawValue;

use super::area::outline_of;
use super::diagnostic::{Collector, LoadFailed, Loaded, Problem};
use super::gazetteer::feature_collection;
use super::json_text::{JsonText, error_message};
use crate::model::{DateSpec, Snapshot};

/// Reads one map. `file` is its path, whose name may give its day.
pub fn parse_snapshot(file: &str, text: &str) -> Result<Loaded<Snapshot>, LoadFailed> {
    let json = JsonText::new(text);
    let mut out = Collector::new(file);
    let Some((top, features)) = feature_collection(&json, &mut out) else {
        return Err(out.fail());
    };
    let day = day_in_name(file).or_else(|| top.get("date").and_then(|raw| date_member(raw)));
    let Some(day) = day else {
        out.error(None, Problem::SnapshotWithoutDay);
        return Err(out.fail());
    };
    let mut held = MultiPolygon(Vec::new());
    let mut other_geometry = None;
    for (i, raw) in features.iter().enumerate() {
        let subject = format!("feature #{}", i + 1);
        let location = json.location_of(raw);
        let feature: Feature = match serde_json::from_str(raw.get()) {
            Ok(feature) => feature,
            Err(error) => {
                let reason = error_message(&error);
                let location = json.error_location(&error, Some(raw));
                out.error(location, Problem::BadFeature { subject, reason });
                continue;
            }
        };
        let Some(geometry) = feature.geometry.map(|g| g.value) else {
            continue;
        };
        match outline_of(&subject, &geometry) {
            Some(Ok(outline)) => held.0.extend(outline.0),
            Some(Err(problem)) => out.error(location, problem),
            None => {
                other_geometry.get_or_insert((location, geometry.type_name()));
            }
        }
    }
    // One warning per file, at the first feature that is not an area.
    if let Some((location, kind)) = other_geometry {
        out.warn(location, Problem::SnapshotNotArea { kind });
    }
    out.finish(Snapshot {
        day,
        file: file_name(file).to_owned(),
        held,
    })
}

/// The map of file `file`, whose bytes are those of `previous`'s: the same
/// areas held, on the day its own name gives (else the same day, from the
/// same `date` member).
pub fn snapshot_again(file: &str, previous: &Snapshot) -> Snapshot {
    Snapshot {
        day: day_in_name(file).unwrap_or(previous.day),
        file: file_name(file).to_owned(),
        held: previous.held.clone(),
    }
}

fn date_member(raw: &RawValue) -> Option<NaiveDate> {
    let text: String = serde_json::from_str(raw.get()).ok()?;
    let date: DateSpec = text.parse().ok()?;
    Some(date.effective_day())
}

/// The last part of a path, by either separator.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The first `YYYYMMDD` or `YYYY-MM-DD` in the file's name that is a day.
fn day_in_name(path: &str) -> Option<NaiveDate> {
    let name = file_name(path).as_bytes();
    (0..name.len()).find_map(|start| {
        let rest = &name[start..];
        let digits = |range: std::ops::Range<usize>| {
            let part = rest.get(range)?;
            part.iter().all(u8::is_ascii_digit).then(|| {
                part.iter()
                    .fold(0_u32, |n, &b| n * 10 + u32::from(b - b'0'))
            })
        };
        // Not the middle of a longer number.
        if start > 0 && name[start - 1].is_ascii_digit() {
            return None;
        }
        let (year, month, day, len) = if rest.get(4) == Some(&b'-') && rest.get(7) == Some(&b'-') {
            (digits(0..4)?, digits(5..7)?, digits(8..10)?, 10)
        } else {
            (digits(0..4)?, digits(4..6)?, digits(6..8)?, 8)
        };
        if rest.get(len).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(west: f64) -> String {
        format!(
            r#"{{"type": "Feature", "geometry": {{"type": "Polygon", "coordinates": [[[{west},0],[{e},0],[{e},1],[{west},1],[{west},0]]]}}, "properties": {{}}}}"#,
            e = west + 1.0
        )
    }

    fn collection(extra: &str, features: &[&str]) -> String {
        format!(
            "{{\"type\": \"FeatureCollection\"{extra}, \"features\": [\n{}\n]}}",
            features.join(",\n")
        )
    }

    #[test]
    fn the_day_comes_from_the_name_in_either_spelling_else_the_date_member() {
        let text = collection("", &[&square(0.0)]);
        for (name, day) in [
            ("maps/isw-assessed-2022-03-01.geojson", "2022-03-01"),
            ("C:\\maps\\deepstate_20220301_v2.geojson", "2022-03-01"),
            ("2022-02-30-then-20220305.geojson", "2022-03-05"),
        ] {
            let snapshot = parse_snapshot(name, &text).unwrap().value;
            assert_eq!(snapshot.day.to_string(), day, "{name}");
        }
        let dated = collection(r#", "date": "2022-03-07""#, &[&square(0.0)]);
        let snapshot = parse_snapshot("latest.geojson", &dated).unwrap().value;
        assert_eq!(
            (snapshot.day.to_string().as_str(), snapshot.file.as_str()),
            ("2022-03-07", "latest.geojson")
        );
        let undated = parse_snapshot("maps/front.geojson", &text).err().unwrap();
        assert_eq!(
            undated.diagnostics[0].to_string(),
            "maps/front.geojson: error: the map has no day: its file name holds no YYYYMMDD or YYYY-MM-DD, and it has no \"date\" member"
        );
    }

    #[test]
    fn every_polygon_is_held_and_other_geometries_are_one_warning() {
        let line = r#"{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0,0],[1,1]]}, "properties": {}}"#;
        let text = collection("", &[&square(0.0), line, line, &square(5.0)]);
        let loaded = parse_snapshot("front-20220301.geojson", &text).unwrap();
        assert_eq!(loaded.value.held.0.len(), 2);
        let said: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "front-20220301.geojson:3:1: warning: a map's LineString is not an area it shows held; ignored, with any others in this file"
            ]
        );
    }

    #[test]
    fn a_broken_polygon_is_an_error_naming_the_file_and_feature() {
        let open = r#"{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,1]]]}, "properties": {}}"#;
        let failed = parse_snapshot("front-20220301.geojson", &collection("", &[open]))
            .err()
            .unwrap();
        assert_eq!(
            failed.diagnostics[0].to_string(),
            "front-20220301.geojson:2:1: error: feature #1: the outer ring is not closed: its last position must repeat its first"
        );
    }
}
