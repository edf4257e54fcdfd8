//! The state of every place on a day as data for other tools: CSV, one row a
//! place, and GeoJSON, one feature a place with the colour the window paints
//! it, so QGIS or kepler.gl can style the map at once. The command line's
//! `state --format csv|geojson` and the window's File → Export state… both
//! write through here.
//!
//! Both say what `state --format json` says, in its words: places sorted by
//! id, the same status words, controllers in the same order (with their
//! names beside their ids), `since` as YYYY-MM-DD. `out` is written in many
//! small pieces: give a buffered writer.

use std::io::{self, Write};

use chrono::NaiveDate;
use geojson::{Feature, FeatureCollection, Geometry, JsonObject, feature::Id};
use serde::Serialize;
use serde_json::{Value, json};

use super::csv_out::{self, joined};
use crate::model::{Believe, Dataset, Lens, Place, PlaceState, Status, iso_day, state_fill};

/// The CSV's columns, in order.
pub const STATE_COLUMNS: [&str; 12] = [
    "id",
    "name",
    "lon",
    "lat",
    "status",
    "controllers",
    "controller_ids",
    "confirmed",
    "fighting",
    "since",
    "claims",
    "fill",
];

/// How opaque a held or disputed area is filled in the GeoJSON (simplestyle's
/// default): the basemap shows through, as under the window's tint.
const FILL_OPACITY: f64 = 0.6;

/// One place's state, as both formats say it; GeoJSON keeps the lists as
/// arrays, CSV joins them.
#[derive(Debug, Serialize)]
struct PlaceRow<'a> {
    #[serde(skip)]
    place: &'a Place,
    id: &'a str,
    name: &'a str,
    /// For an area, the point its label goes to.
    lon: f64,
    lat: f64,
    status: &'static str,
    /// The controllers' names, in the order of their ids.
    controllers: Vec<&'a str>,
    /// What `state --format json` calls `controllers`.
    controller_ids: Vec<&'a str>,
    confirmed: bool,
    fighting: bool,
    since: Option<String>,
    claims: Vec<&'a str>,
    /// `#rrggbb`, the colour the window paints the state.
    fill: String,
    #[serde(skip)]
    fill_opacity: f64,
}

/// A row as CSV cells, in [`STATE_COLUMNS`] order.
#[derive(Serialize)]
struct CsvRow<'a> {
    id: &'a str,
    name: &'a str,
    lon: f64,
    lat: f64,
    status: &'static str,
    controllers: String,
    controller_ids: String,
    confirmed: bool,
    fighting: bool,
    since: Option<&'a str>,
    claims: String,
    fill: &'a str,
}

/// Every place's state as CSV, a header then one row a place, sorted by id.
/// `states` are the places' states in gazetteer order, as the rule gives them.
pub fn write_state_csv(
    dataset: &Dataset,
    states: &[PlaceState],
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = place_rows(dataset, states)?;
    let mut table = csv_out::writer(out);
    table
        .write_record(STATE_COLUMNS)
        .map_err(csv_out::io_error)?;
    for row in &rows {
        table
            .serialize(CsvRow::from(row))
            .map_err(csv_out::io_error)?;
    }
    table.flush()
}

/// Every place's state as one GeoJSON FeatureCollection on one line, with
/// the day, the mode and whose claims count as its `date`, `mode` and
/// `believe` (left out when everyone's count, as in `state --format json`).
pub fn write_state_geojson(
    dataset: &Dataset,
    day: NaiveDate,
    lens: &Lens,
    states: &[PlaceState],
    out: &mut dyn Write,
) -> io::Result<()> {
    let collection = state_geojson(dataset, day, lens, states)?;
    // One line: an area's outline pretty-printed would take a line per number.
    serde_json::to_writer(&mut *out, &collection)?;
    writeln!(out)
}

/// The collection [`write_state_geojson`] writes: one Feature a place,
/// sorted by id, its geometry the place's point or, for an area, its
/// outline; its properties the CSV's fields with JSON types, plus
/// simplestyle's `marker-color` and `fill-opacity`.
pub fn state_geojson(
    dataset: &Dataset,
    day: NaiveDate,
    lens: &Lens,
    states: &[PlaceState],
) -> io::Result<FeatureCollection> {
    let features = place_rows(dataset, states)?
        .iter()
        .map(feature)
        .collect::<io::Result<Vec<Feature>>>()?;
    Ok(FeatureCollection {
        bbox: None,
        features,
        foreign_members: Some(collection_members(dataset, day, lens)),
    })
}

/// The rows sorted by place id, as `state --format json` lists places.
/// States that do not match the places one for one are a caller's mistake,
/// said rather than written as a shorter file.
fn place_rows<'a>(dataset: &'a Dataset, states: &[PlaceState]) -> io::Result<Vec<PlaceRow<'a>>> {
    let places = dataset.places();
    if states.len() != places.len() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} states for {} places", states.len(), places.len()),
        ));
    }
    let mut rows: Vec<PlaceRow> = places
        .iter()
        .zip(states)
        .map(|(place, state)| PlaceRow::new(dataset, place, state))
        .collect();
    rows.sort_by(|a, b| a.id.cmp(b.id));
    Ok(rows)
}

impl<'a> PlaceRow<'a> {
    fn new(dataset: &'a Dataset, place: &'a Place, state: &PlaceState) -> Self {
        let parties = dataset.parties();
        let controllers = state.controllers.iter().map(|&p| &parties[p]);
        PlaceRow {
            place,
            id: &place.id,
            name: &place.name,
            lon: place.lon(),
            lat: place.lat(),
            status: state.status.as_str(),
            controllers: controllers.clone().map(|p| p.name.as_str()).collect(),
            controller_ids: controllers.map(|p| p.id.as_str()).collect(),
            confirmed: state.confirmed,
            fighting: state.fighting,
            since: state.since.map(iso_day),
            claims: state
                .claims
                .iter()
                .map(|&e| dataset.events().id(e))
                .collect(),
            fill: state_fill(dataset, state).to_string(),
            fill_opacity: fill_opacity(state.status),
        }
    }
}

impl<'a> From<&'a PlaceRow<'a>> for CsvRow<'a> {
    fn from(row: &'a PlaceRow<'a>) -> Self {
        CsvRow {
            id: row.id,
            name: row.name,
            lon: row.lon,
            lat: row.lat,
            status: row.status,
            controllers: joined(&row.controllers),
            controller_ids: joined(&row.controller_ids),
            confirmed: row.confirmed,
            fighting: row.fighting,
            since: row.since.as_deref(),
            claims: joined(&row.claims),
            fill: &row.fill,
        }
    }
}

fn feature(row: &PlaceRow) -> io::Result<Feature> {
    let Value::Object(mut properties) = serde_json::to_value(row)? else {
        // A struct always serializes as an object; say it if that ever changes.
        return Err(io::Error::other("a place's properties are not an object"));
    };
    properties.insert("marker-color".into(), json!(row.fill));
    properties.insert("fill-opacity".into(), json!(row.fill_opacity));
    Ok(Feature {
        bbox: None,
        geometry: Some(geometry(row.place)),
        id: Some(Id::String(row.id.to_owned())),
        properties: Some(properties),
        foreign_members: None,
    })
}

/// An unknown area is left unfilled, as the window leaves it: only its
/// grey edge shows. A point's `marker-color` is drawn whatever this says.
fn fill_opacity(status: Status) -> f64 {
    match status {
        Status::Unknown => 0.0,
        Status::Held | Status::Disputed => FILL_OPACITY,
    }
}

/// The place's point, or the outline of an area: a Polygon when it is one,
/// as most tools expect, else a MultiPolygon.
fn geometry(place: &Place) -> Geometry {
    match &place.area {
        None => Geometry::new_point([place.lon(), place.lat()]),
        Some(area) => match area.0.as_slice() {
            [one] => Geometry::from(one),
            _ => Geometry::from(area),
        },
    }
}

/// `date`, `mode` and, when not everyone's claims count, `believe`, in the
/// shape `state --format json` gives them: `{"only": [ids]}` or `{"except": [ids]}`.
fn collection_members(dataset: &Dataset, day: NaiveDate, lens: &Lens) -> JsonObject {
    let mut members = JsonObject::new();
    members.insert("date".into(), json!(iso_day(day)));
    members.insert("mode".into(), json!(lens.mode.as_str()));
    let believe = match &lens.believe {
        Believe::All => None,
        Believe::Only(set) => Some(json!({ "only": dataset.party_ids(set) })),
        Believe::Except(set) => Some(json!({ "except": dataset.party_ids(set) })),
    };
    if let Some(believe) = believe {
        members.insert("believe".into(), believe);
    }
    members
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::data::built_in_dataset;
    use crate::model::{DISPUTED_VIOLET, Mode};

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn csv_on(dataset: &Dataset, on: &str) -> (Vec<String>, Vec<HashMap<String, String>>) {
        let states = dataset.control_state_with(day(on), &Lens::from(Mode::Event));
        let mut out = Vec::new();
        write_state_csv(dataset, &states, &mut out).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let header = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = reader.deserialize().map(Result::unwrap).collect();
        (header, rows)
    }

    #[test]
    fn the_csv_has_its_columns_in_order_and_joins_lists_with_semicolons() {
        let dataset = built_in_dataset();
        let (header, rows) = csv_on(&dataset, "2021-07-14");
        assert_eq!(header, STATE_COLUMNS);
        assert_eq!(rows.len(), dataset.places().len());
        let row = rows
            .iter()
            .find(|row| row["id"] == "spin-boldak-chaman")
            .unwrap();
        assert_eq!(row["status"], "disputed");
        assert_eq!(row["controller_ids"], "government; taliban");
        assert_eq!(row["controllers"], "Afghan government; Taliban");
        assert_eq!(row["since"], "2021-07-14");
        assert_eq!(row["fill"], DISPUTED_VIOLET.to_string());
        let unknown = rows.iter().find(|row| row["status"] == "unknown").unwrap();
        assert_eq!(unknown["since"], "", "no since is an empty cell");
        assert_eq!(unknown["controllers"], "");
    }

    #[test]
    fn an_area_is_its_outline_and_a_point_its_point_with_the_lens_on_the_collection() {
        let dataset = built_in_dataset();
        let lens = Lens::from(Mode::Known);
        let states = dataset.control_state_with(day("2021-07-14"), &lens);
        let collection = state_geojson(&dataset, day("2021-07-14"), &lens, &states).unwrap();
        let members = collection.foreign_members.as_ref().unwrap();
        assert_eq!(members["date"], "2021-07-14");
        assert_eq!(members["mode"], "known");
        assert!(!members.contains_key("believe"), "everyone's claims count");
        let kind = |id: &str| {
            let feature = (collection.features.iter())
                .find(|f| f.id == Some(Id::String(id.into())))
                .unwrap();
            let geometry = feature.geometry.as_ref().unwrap();
            geometry.value.type_name()
        };
        assert_eq!(kind("spin-boldak-chaman"), "Point");
        let area = dataset.places().iter().find(|p| p.area.is_some()).unwrap();
        assert!(
            ["Polygon", "MultiPolygon"].contains(&kind(&area.id)),
            "{}",
            kind(&area.id)
        );
    }

    #[test]
    fn believing_some_claimants_is_said_as_state_json_says_it() {
        let dataset = built_in_dataset();
        let believe = crate::model::Believe::only(&dataset, &["taliban"]).unwrap();
        let lens = Lens::from(Mode::Event).with_believe(believe);
        let states = dataset.control_state_with(day("2021-07-14"), &lens);
        let collection = state_geojson(&dataset, day("2021-07-14"), &lens, &states).unwrap();
        let believe = &collection.foreign_members.unwrap()["believe"];
        assert_eq!(believe["only"][0], "taliban", "{believe}");
    }

    #[test]
    fn states_that_do_not_match_the_places_are_an_error_not_a_short_file() {
        let dataset = built_in_dataset();
        let mut out = Vec::new();
        let error = write_state_csv(&dataset, &[], &mut out).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(out.is_empty());
        let lens = Lens::default();
        let error =
            write_state_geojson(&dataset, day("2021-07-14"), &lens, &[], &mut out).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
    }

    /// A writer whose reader has gone, as `| head` leaves stdout.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn a_closed_pipe_is_still_a_closed_pipe_through_the_csv_writer() {
        let dataset = built_in_dataset();
        let states = dataset.control_state_with(day("2021-07-14"), &Lens::default());
        let error = write_state_csv(&dataset, &states, &mut ClosedPipe).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::BrokenPipe);
    }
}
