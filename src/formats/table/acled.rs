//! ACLED exports: dated, geolocated, sourced events, in the current 31-column
//! layout (since March 2023) or the older one, in any column order.
//!
//! ACLED reports events, not claims of control, so the mapping is a reading:
//! the territorial sub-event types become control claims by `actor1`; other
//! battles and explosions become fighting; everything else a report. The
//! claimant is who reported the row (its `source` text), never an actor.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Days, NaiveDate};
use csv::StringRecord;
use geo_types::Point;
use serde_json::{Map, Value};

use super::books::{PartyBook, SourceBook, SourceCells};
use super::cell_location;
use super::columns::normalize;
use super::dates::english_day;
use super::problems::{CellProblem, TableProblem};
use super::rows::Rows;
use crate::formats::diagnostic::Collector;
use crate::formats::ids::DerivedIds;
use crate::model::{
    DataFile, DateSpec, Event, EventTable, EventType, EventsFile, Gazetteer, Location, Place,
    Verification,
};

/// The columns that make a header ACLED's, in both layouts.
const SIGNATURE: [&str; 6] = [
    "event_id_cnty",
    "event_date",
    "sub_event_type",
    "actor1",
    "latitude",
    "longitude",
];

/// The columns read, by their ACLED names.
const READ: [&str; 20] = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "country",
    "iso3",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
];

pub fn is_acled(header: &StringRecord) -> bool {
    let names: HashSet<String> = header.iter().map(normalize).collect();
    SIGNATURE
        .iter()
        .all(|name| names.contains(&normalize(name)))
}

/// Where each ACLED column is, by its ACLED name.
struct AcledColumns {
    at: HashMap<&'static str, usize>,
    /// `tags` and `timestamp` are not in every layout.
    tags: Option<usize>,
    timestamp: Option<usize>,
}

impl AcledColumns {
    fn new(header: &StringRecord) -> Self {
        let find = |name: &str| header.iter().position(|h| normalize(h) == normalize(name));
        AcledColumns {
            at: READ
                .iter()
                .filter_map(|&name| Some((name, find(name)?)))
                .collect(),
            tags: find("tags"),
            timestamp: find("timestamp"),
        }
    }

    fn cell<'r>(&self, record: &'r StringRecord, name: &str) -> Option<&'r str> {
        let text = record.get(*self.at.get(name)?)?.trim();
        (!text.is_empty()).then_some(text)
    }
}

/// Reads every row of an ACLED export under its header.
pub fn read(header: &StringRecord, rows: &mut Rows, out: &mut Collector) -> Option<DataFile> {
    let mut acled = Acled {
        columns: AcledColumns::new(header),
        out,
        claimants: PartyBook::default(),
        sources: SourceBook::default(),
        places: HashMap::new(),
        place_list: Vec::new(),
        place_ids: DerivedIds::new(HashSet::new()),
        events: Vec::new(),
        rows: Vec::new(),
    };
    let mut any = false;
    while let Some((row, record)) = rows.next_row() {
        any = true;
        acled.row(row, record);
    }
    if !any {
        acled.out.error(None, TableProblem::NoRows.into());
        return None;
    }
    Some(acled.finish())
}

struct Acled<'o> {
    columns: AcledColumns,
    out: &'o mut Collector,
    /// Who reported: one party per distinct `source` text; actors join it as controllers.
    claimants: PartyBook,
    sources: SourceBook,
    /// Places by (country, admin1, admin2, location, latitude, longitude) as written.
    places: HashMap<[String; 6], String>,
    place_list: Vec<Place>,
    place_ids: DerivedIds,
    events: Vec<Event>,
    rows: Vec<u32>,
}

impl Acled<'_> {
    fn row(&mut self, row: usize, record: &StringRecord) {
        let id = self.required(row, record, "event_id_cnty");
        let date = self.date(row, record);
        let place = self.place(row, record);
        let (kind, controller) = self.claim(row, record);
        let claimant = self.required(row, record, "source").map(|source| {
            let location = self.location(row, "source");
            self.claimants.id_of(source, location, self.out)
        });
        let source = self.source(record);
        let (Some(id), Some(date), Some(place), Some(claimant)) = (id, date, place, claimant)
        else {
            return;
        };
        self.events.push(Event {
            id: id.to_owned(),
            date,
            place,
            kind,
            claimant,
            controller,
            verification: Verification::Claimed,
            speaker: None,
            quote: None,
            source,
            note: Some(self.note(record)),
        });
        self.rows.push(u32::try_from(row).unwrap_or(u32::MAX));
    }

    /// The claim a row makes, by its sub-event type.
    fn claim(&mut self, row: usize, record: &StringRecord) -> (EventType, Option<String>) {
        let sub_event = self
            .columns
            .cell(record, "sub_event_type")
            .unwrap_or_default();
        let kind = match sub_event.to_lowercase().as_str() {
            "non-state actor overtakes territory" | "non-violent transfer of territory" => {
                EventType::Captured
            }
            "government regains territory" => EventType::Retaken,
            _ => {
                let event_type = self.columns.cell(record, "event_type").unwrap_or_default();
                let fighting = matches!(
                    event_type.to_lowercase().as_str(),
                    "battles" | "explosions/remote violence"
                );
                return (
                    if fighting {
                        EventType::Fighting
                    } else {
                        EventType::Report
                    },
                    None,
                );
            }
        };
        let Some(actor) = self.required(row, record, "actor1") else {
            return (kind, None);
        };
        let location = self.location(row, "actor1");
        let party = self.claimants.id_of(actor, location, self.out);
        if is_state_forces(self.columns.cell(record, "inter1")) {
            let country = self
                .columns
                .cell(record, "country")
                .unwrap_or("Unknown country");
            let root = self
                .claimants
                .id_of(&format!("{country} state forces"), location, self.out);
            // Two sides for one actor would be ACLED contradicting itself; the first is kept.
            let _ = self.claimants.set_side(&party, root, location);
        }
        (kind, Some(party))
    }

    fn date(&mut self, row: usize, record: &StringRecord) -> Option<DateSpec> {
        let text = self.required(row, record, "event_date")?;
        let Some(day) = acled_day(text) else {
            let error = super::dates::parse_cell_date(text).err()?;
            self.problem(row, "event_date", CellProblem::Date(error));
            return None;
        };
        // 1: the day; 2: a week around it; 3: its month.
        Some(match self.columns.cell(record, "time_precision") {
            Some("2") => DateSpec::days(day - Days::new(3), day + Days::new(3)),
            Some("3") => DateSpec::month_of(day),
            _ => DateSpec::day(day),
        })
    }

    /// The row's place, made the first time its location is seen.
    fn place(&mut self, row: usize, record: &StringRecord) -> Option<String> {
        let position = self.position(row, record)?;
        let cell = |name| {
            self.columns
                .cell(record, name)
                .unwrap_or_default()
                .to_owned()
        };
        let key = [
            "country",
            "admin1",
            "admin2",
            "location",
            "latitude",
            "longitude",
        ]
        .map(cell);
        if let Some(id) = self.places.get(&key) {
            return Some(id.clone());
        }
        let [country, admin1, admin2, location, _, _] = &key;
        let name = if location.is_empty() {
            admin1.as_str()
        } else {
            location.as_str()
        };
        let subject = format!("location \"{name}\"");
        let at = self.location(row, "location");
        let id = self
            .place_ids
            .derive(&subject, &format!("{country} {name}"), at, self.out);
        let mut properties = Map::new();
        for (key, value) in [
            ("admin2", admin2.clone()),
            ("admin3", cell("admin3")),
            ("geo_precision", cell("geo_precision")),
        ] {
            if !value.is_empty() {
                properties.insert(key.into(), Value::String(value));
            }
        }
        let countries = self
            .columns
            .cell(record, "iso3")
            .or(self.columns.cell(record, "country"));
        self.place_list.push(Place {
            id: id.clone(),
            name: name.to_owned(),
            kind: "location".into(),
            countries: countries.map(str::to_owned).into_iter().collect(),
            province: (!admin1.is_empty()).then(|| admin1.clone()),
            aliases: Vec::new(),
            position,
            properties,
        });
        self.places.insert(key, id.clone());
        Some(id)
    }

    fn position(&mut self, row: usize, record: &StringRecord) -> Option<Point<f64>> {
        let lat = self.coordinate(
            row,
            record,
            "latitude",
            90.0,
            CellProblem::LatitudeOutOfRange,
        );
        let lon = self.coordinate(
            row,
            record,
            "longitude",
            180.0,
            CellProblem::LongitudeOutOfRange,
        );
        Some(Point::new(lon?, lat?))
    }

    fn coordinate(
        &mut self,
        row: usize,
        record: &StringRecord,
        name: &'static str,
        limit: f64,
        out_of_range: fn(f64) -> CellProblem,
    ) -> Option<f64> {
        let text = self.required(row, record, name)?;
        match text.parse::<f64>().ok().filter(|n| n.is_finite()) {
            None => self.problem(row, name, CellProblem::NotANumber(text.to_owned())),
            Some(n) if n.abs() > limit => self.problem(row, name, out_of_range(n)),
            Some(n) => return Some(n),
        }
        None
    }

    /// One source per reporting text and publication day (`timestamp`, when ACLED last published the row).
    fn source(&mut self, record: &StringRecord) -> Option<String> {
        let outlet = self.columns.cell(record, "source")?;
        let published = self
            .columns
            .timestamp
            .and_then(|at| record.get(at))
            .and_then(|t| t.trim().parse::<i64>().ok())
            .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
            .map(|time| DateSpec::day(time.date_naive()));
        // Rows of one outlet published on one day share a source.
        let cells = SourceCells {
            id: None,
            outlet: Some(outlet),
            title: None,
            url: None,
            published,
            author: None,
        };
        self.sources.id_of(&cells, None, self.out)
    }

    /// What the card shows: ACLED's types, actors, fatalities and tags, then its summary.
    fn note(&self, record: &StringRecord) -> String {
        let cell = |name| self.columns.cell(record, name);
        let mut parts = Vec::new();
        let types: Vec<&str> = [cell("event_type"), cell("sub_event_type")]
            .into_iter()
            .flatten()
            .collect();
        if !types.is_empty() {
            parts.push(types.join(" / "));
        }
        let actors: Vec<&str> = [cell("actor1"), cell("actor2")]
            .into_iter()
            .flatten()
            .collect();
        if !actors.is_empty() {
            parts.push(format!("actors: {}", actors.join("; ")));
        }
        if let Some(fatalities) = cell("fatalities") {
            parts.push(format!("fatalities: {fatalities}"));
        }
        if let Some(tags) = self
            .columns
            .tags
            .and_then(|at| record.get(at))
            .filter(|t| !t.trim().is_empty())
        {
            parts.push(format!("tags: {}", tags.trim()));
        }
        let summary = cell("notes")
            .map(|notes| format!("\n{notes}"))
            .unwrap_or_default();
        format!("ACLED: {}{summary}", parts.join(" · "))
    }

    fn required<'r>(
        &mut self,
        row: usize,
        record: &'r StringRecord,
        name: &'static str,
    ) -> Option<&'r str> {
        let text = self.columns.cell(record, name);
        if text.is_none() {
            self.problem(row, name, CellProblem::Empty);
        }
        text
    }

    fn location(&self, row: usize, name: &str) -> Option<Location> {
        cell_location(row, *self.columns.at.get(name)?)
    }

    fn problem(&mut self, row: usize, name: &'static str, problem: CellProblem) {
        let location = self.location(row, name);
        let problem = TableProblem::Cell {
            row,
            column: name.to_owned(),
            problem,
        };
        self.out.error(location, problem.into());
    }

    fn finish(self) -> DataFile {
        let Acled {
            claimants,
            sources,
            place_list,
            events,
            rows,
            ..
        } = self;
        DataFile {
            gazetteer: Some(Gazetteer { places: place_list }),
            events: EventsFile {
                parties: claimants.parties,
                sources: sources.sources,
                events: EventTable::from_rows(&events, &rows),
            },
        }
    }
}

/// `inter1` as a number (1) in exports before 2023, as words since.
fn is_state_forces(inter: Option<&str>) -> bool {
    inter.is_some_and(|inter| inter == "1" || inter.eq_ignore_ascii_case("state forces"))
}

/// `2021-07-14`, `14-07-2021` or `14 July 2021`: the three spellings ACLED exports use.
fn acled_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d-%m-%Y"))
        .ok()
        .or_else(|| english_day(text))
}

#[cfg(test)]
#[path = "acled_tests.rs"]
mod tests;
