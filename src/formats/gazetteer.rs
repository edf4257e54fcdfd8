//! The gazetteer: a GeoJSON (RFC 7946) FeatureCollection of points.

use std::collections::BTreeMap;

use geo_types::Point;

use super::area::read_area;
use geojson::{Feature, GeometryValue, feature::Id};
use serde::Deserialize;
use serde_json::{Map, Value, value::RawValue};

use super::diagnostic::{Collector, LoadFailed, Loaded, Problem};
use super::ids::{Candidate, assign_ids};
use super::json_text::{JsonText, TopLevel, error_message};
use crate::model::{Gazetteer, Location, Place};

/// Parses a gazetteer. `file` is the name diagnostics use.
pub fn parse_gazetteer(file: &str, text: &str) -> Result<Loaded<Gazetteer>, LoadFailed> {
    let json = JsonText::new(text);
    let mut out = Collector::new(file);
    let Some((_, features)) = feature_collection(&json, &mut out) else {
        return Err(out.fail());
    };

    let candidates: Vec<Candidate> = features
        .iter()
        .enumerate()
        .filter_map(|(i, raw)| read_feature(i + 1, raw, &json, &mut out))
        .collect();
    let places = assign_ids(candidates, "place", &mut out);
    out.finish(Gazetteer { places })
}

/// The top-level members of a FeatureCollection, and its features, unread;
/// `None` (with an error said) for anything else.
pub(super) fn feature_collection<'j>(
    json: &JsonText<'j>,
    out: &mut Collector,
) -> Option<(BTreeMap<String, &'j RawValue>, Vec<&'j RawValue>)> {
    let top = match json.top_level() {
        TopLevel::Object(top) => top,
        TopLevel::Other(what) => {
            out.error(None, Problem::NotFeatureCollection(what.to_owned()));
            return None;
        }
        TopLevel::Broken(error) => {
            out.error(
                json.error_location(&error, None),
                Problem::Syntax(error_message(&error)),
            );
            return None;
        }
    };
    let kind = top
        .get("type")
        .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok());
    let features = match (kind.as_deref(), top.get("features")) {
        (Some("FeatureCollection"), Some(&features)) => features,
        (Some(kind), _) if kind != "FeatureCollection" => {
            out.error(None, Problem::NotFeatureCollection(format!("a \"{kind}\"")));
            return None;
        }
        _ => {
            let what = "an object without \"type\": \"FeatureCollection\" and \"features\"";
            out.error(None, Problem::NotFeatureCollection(what.to_owned()));
            return None;
        }
    };
    let Ok(features) = serde_json::from_str::<Vec<&RawValue>>(features.get()) else {
        out.error(json.location_of(features), Problem::NotList("features"));
        return None;
    };
    Some((top, features))
}

fn read_feature(
    number: usize,
    raw: &RawValue,
    json: &JsonText,
    out: &mut Collector,
) -> Option<Candidate> {
    let location = json.location_of(raw);
    let feature: Feature = match serde_json::from_str(raw.get()) {
        Ok(feature) => feature,
        Err(error) => {
            let reason = error_message(&error);
            out.error(
                json.error_location(&error, Some(raw)),
                Problem::BadFeature {
                    subject: format!("feature #{number}"),
                    reason,
                },
            );
            return None;
        }
    };
    let mut properties = feature.properties.unwrap_or_default();
    // The feature is read a second time only for a numeric id, which is rare.
    let explicit_id = match feature.id {
        Some(Id::String(id)) => Some(id),
        Some(Id::Number(n)) => Some(WrittenIds::of(raw).feature.unwrap_or_else(|| n.to_string())),
        None => take_id(&mut properties, || WrittenIds::of(raw).property),
    }
    .filter(|id| !id.is_empty());
    let name = take_text(&mut properties, &["name", "title", "NAME"]);
    let subject = match (&explicit_id, &name) {
        (Some(id), _) => format!("feature #{number} \"{id}\""),
        (None, Some(name)) => format!("feature #{number} \"{name}\""),
        (None, None) => format!("feature #{number}"),
    };
    let geometry = feature.geometry.map(|g| g.value);
    let area = geometry
        .as_ref()
        .and_then(|g| read_area(&subject, g, location, out));
    let (position, area) = match area {
        Some(area) => {
            let (outline, label_point) = area?;
            (label_point, Some(outline))
        }
        None => (point_of(&subject, geometry, location, out)?, None),
    };
    let kind = take_text(&mut properties, &["kind"]);
    let kind =
        kind.unwrap_or_else(|| if area.is_some() { Place::AREA } else { "place" }.to_owned());
    let countries = take_list(
        &mut properties,
        &["countries", "ccodes"],
        &subject,
        location,
        out,
    );
    let province = take_text(&mut properties, &["province", "admin1"]);
    let aliases = take_list(&mut properties, &["aliases"], &subject, location, out);
    let place = Place {
        id: String::new(),
        name: name.unwrap_or_default(),
        kind,
        countries,
        province,
        aliases,
        position,
        area,
        properties,
    };
    Some(Candidate {
        subject,
        location,
        explicit_id,
        place,
    })
}

/// The point of a feature, or `None` (with a diagnostic) when it is not a usable Point.
fn point_of(
    subject: &str,
    geometry: Option<GeometryValue>,
    location: Option<Location>,
    out: &mut Collector,
) -> Option<Point<f64>> {
    let subject = subject.to_owned();
    let coordinates = match geometry {
        Some(GeometryValue::Point { coordinates }) => coordinates,
        Some(other) => {
            out.warn(
                location,
                Problem::NotAPoint {
                    subject,
                    kind: other.type_name(),
                },
            );
            return None;
        }
        None => {
            out.warn(location, Problem::NoGeometry { subject });
            return None;
        }
    };
    let (lon, lat) = match coordinates.as_slice() {
        [lon, lat, ..] => (*lon, *lat),
        _ => {
            out.error(location, Problem::MissingCoordinates { subject });
            return None;
        }
    };
    checked_point(subject, lon, lat)
        .map_err(|problem| out.error(location, problem))
        .ok()
}

/// The point at `lon`, `lat`, or the problem with those numbers: both finite,
/// the longitude in [-180, 180] and the latitude in [-90, 90]. Shared with the
/// KML reader, so both gazetteer formats accept exactly the same positions.
pub(super) fn checked_point(subject: String, lon: f64, lat: f64) -> Result<Point<f64>, Problem> {
    if !lon.is_finite() || !lat.is_finite() {
        Err(Problem::NonFiniteCoordinate { subject })
    } else if !(-180.0..=180.0).contains(&lon) {
        Err(Problem::LongitudeOutOfRange {
            subject,
            value: lon,
        })
    } else if !(-90.0..=90.0).contains(&lat) {
        Err(Problem::LatitudeOutOfRange {
            subject,
            value: lat,
        })
    } else {
        Ok(Point::new(lon, lat))
    }
}

/// Numeric ids exactly as the file writes them. serde_json reads numbers as
/// floats, which would make `100000000000000000001` and `…002` the same id
/// `1e+20`, and `1e2` the id `100.0`: events could never name them.
#[derive(Default)]
struct WrittenIds {
    feature: Option<String>,
    property: Option<String>,
}

impl WrittenIds {
    fn of(feature: &RawValue) -> Self {
        #[derive(Deserialize)]
        struct Members<'a> {
            #[serde(borrow, default)]
            id: Option<&'a RawValue>,
            #[serde(borrow, default)]
            properties: Option<&'a RawValue>,
        }
        let Ok(members) = serde_json::from_str::<Members>(feature.get()) else {
            return Self::default();
        };
        let property = members
            .properties
            .and_then(|raw| serde_json::from_str::<Members>(raw.get()).ok())
            .and_then(|properties| properties.id);
        WrittenIds {
            feature: members.id.and_then(number_text),
            property: property.and_then(number_text),
        }
    }
}

/// The text of a JSON number, or `None` for any other value.
fn number_text(raw: &RawValue) -> Option<String> {
    let text = raw.get().trim();
    text.starts_with(|c: char| c == '-' || c.is_ascii_digit())
        .then(|| text.to_owned())
}

fn take_id(
    properties: &mut Map<String, Value>,
    written: impl FnOnce() -> Option<String>,
) -> Option<String> {
    let id = match properties.get("id")? {
        Value::String(id) => id.clone(),
        Value::Number(n) => written().unwrap_or_else(|| n.to_string()),
        _ => return None,
    };
    properties.shift_remove("id");
    Some(id)
}

/// The first of `keys` that holds non-blank text, removed from the properties; other
/// kinds of value stay among the properties, where the user can still see them.
fn take_text(properties: &mut Map<String, Value>, keys: &[&str]) -> Option<String> {
    let key = keys.iter().find(
        |key| matches!(properties.get(**key), Some(Value::String(s)) if !s.trim().is_empty()),
    )?;
    match properties.shift_remove(*key) {
        Some(Value::String(text)) => Some(text),
        _ => None,
    }
}

/// A list of text under the first of `keys` present; a single text counts as
/// a comma-separated list, as spreadsheets export it.
fn take_list(
    properties: &mut Map<String, Value>,
    keys: &[&str],
    subject: &str,
    location: Option<Location>,
    out: &mut Collector,
) -> Vec<String> {
    let Some(key) = keys
        .iter()
        .find(|key| properties.get(**key).is_some_and(|v| !v.is_null()))
    else {
        return Vec::new();
    };
    let list = match &properties[*key] {
        Value::String(text) => Some(
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        ),
        Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect(),
        _ => None,
    };
    match list {
        Some(list) => {
            properties.shift_remove(*key);
            list
        }
        None => {
            let value = properties[*key].to_string();
            out.warn(
                location,
                Problem::NotTextList {
                    subject: subject.to_owned(),
                    field: (*key).to_owned(),
                    value,
                },
            );
            Vec::new()
        }
    }
}

#[cfg(test)]
#[path = "gazetteer_tests.rs"]
mod tests;
