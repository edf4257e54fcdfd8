//! ACLED exports: dated, geolocated, sourced events, in the current 31-column
//! layout (since March 2023) or the older one, in any column order.
//!
//! ACLED reports events, not claims of control, so the mapping is a reading:
//! the territorial sub-event types become control claims by `actor1`; other
//! battles and explosions become fighting; everything else a report. The
//! claimant is who reported the row (its `source` text), never an actor.

use std::collections::HashSet;

use chrono::{DateTime, Days, NaiveDate};
use csv::StringRecord;
use geo_types::Point;
use serde_json::{Map, Value};

mod columns;
mod shared;

use columns::{AcledColumns, Col};
use shared::{NoteParts, SharedSpans};

use super::books::{PartyBook, SourceBook, SourceCells};
use super::cell_location;
use super::columns::normalize;
use super::dates::{CellDateError, english_day, parse_cell_date};
use super::problems::{CellProblem, TableProblem};
use super::rows::Rows;
use crate::IdMap;
use crate::formats::diagnostic::{Collector, Problem};
use crate::formats::ids::DerivedIds;
use crate::model::{
    DataFile, DateSpec, EventRecord, EventType, EventsFile, Gazetteer, Location, Place, Span,
    TableBuilder, Verification,
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

pub fn is_acled(header: &StringRecord) -> bool {
    let names: HashSet<String> = header.iter().map(normalize).collect();
    SIGNATURE
        .iter()
        .all(|name| names.contains(&normalize(name)))
}

/// Reads every row of an ACLED export under its header.
pub fn read(header: &StringRecord, rows: &mut Rows, out: &mut Collector) -> Option<DataFile> {
    let mut acled = Acled {
        columns: AcledColumns::new(header),
        out,
        parties: PartyBook::default(),
        sources: SourceBook::default(),
        places: Places::default(),
        table: TableBuilder::default(),
        spans: SharedSpans::default(),
        note: String::new(),
    };
    let mut any = false;
    while let Some((row, record)) = rows.next_row() {
        any = true;
        if !acled.row(row, record) {
            return None;
        }
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
    /// Who reported (one party per distinct `source` text), and the actors that take control.
    parties: PartyBook,
    sources: SourceBook,
    places: Places,
    table: TableBuilder,
    /// Each place's, party's and source's id kept once in the table, for all its rows.
    spans: SharedSpans,
    /// The note of the row being read, kept to build the next one without allocating.
    note: String,
}

/// The places of an export, one per distinct location.
#[derive(Default)]
struct Places {
    /// Each place by its country, admin1, admin2, location and coordinates as written.
    by_key: IdMap<String, usize>,
    /// The key of the row being read.
    key: String,
    list: Vec<Place>,
    ids: Option<DerivedIds>,
}

impl Acled<'_> {
    /// Reads one row; `false` when the export is too large to hold.
    fn row(&mut self, row: usize, record: &StringRecord) -> bool {
        let id = self.required(row, record, Col::EventId);
        let date = self.date(row, record);
        let place = self.place(row, record);
        let (kind, controller) = self.claim(row, record);
        let claimant = self.required(row, record, Col::Source).map(|source| {
            let location = self.location(row, Col::Source);
            self.parties.index_of(source, location, self.out)
        });
        let source = self.source(record);
        let (Some(id), Some(date), Some(place), Some(claimant)) = (id, date, place, claimant)
        else {
            return true;
        };
        self.write_note(record);
        let spans = (|| {
            let id = self.table.keep(id)?;
            let note = self.table.keep(&self.note)?;
            let place = self
                .spans
                .place(&mut self.table, place, &self.places.list[place].id)?;
            let claimant = self
                .spans
                .party(&mut self.table, claimant, &self.parties.parties)?;
            let controller = match controller {
                Some(party) => self
                    .spans
                    .party(&mut self.table, party, &self.parties.parties)?,
                None => Span::ABSENT,
            };
            let source = match source {
                Some(source) => {
                    self.spans
                        .source(&mut self.table, source, &self.sources.sources)?
                }
                None => Span::ABSENT,
            };
            Some([id, note, place, claimant, controller, source])
        })();
        let Some([id, note, place, claimant, controller, source]) = spans else {
            self.out.error(None, Problem::TooMuchText);
            return false;
        };
        self.table.push_record(EventRecord {
            id,
            place,
            claimant,
            controller,
            speaker: Span::ABSENT,
            quote: Span::ABSENT,
            source,
            note,
            date,
            offset: u32::try_from(row).unwrap_or(u32::MAX),
            kind,
            verification: Verification::Claimed,
        });
        true
    }

    /// The claim a row makes, by its sub-event type, and the party it says took control.
    fn claim(&mut self, row: usize, record: &StringRecord) -> (EventType, Option<usize>) {
        let sub_event = self
            .columns
            .cell(record, Col::SubEventType)
            .unwrap_or_default();
        let kind = if sub_event.eq_ignore_ascii_case("non-state actor overtakes territory")
            || sub_event.eq_ignore_ascii_case("non-violent transfer of territory")
        {
            EventType::Captured
        } else if sub_event.eq_ignore_ascii_case("government regains territory") {
            EventType::Retaken
        } else {
            let event_type = self
                .columns
                .cell(record, Col::EventType)
                .unwrap_or_default();
            let fighting = event_type.eq_ignore_ascii_case("battles")
                || event_type.eq_ignore_ascii_case("explosions/remote violence");
            return (
                if fighting {
                    EventType::Fighting
                } else {
                    EventType::Report
                },
                None,
            );
        };
        let Some(actor) = self.required(row, record, Col::Actor1) else {
            return (kind, None);
        };
        let location = self.location(row, Col::Actor1);
        let party = self.parties.index_of(actor, location, self.out);
        if is_state_forces(self.columns.cell(record, Col::Inter1)) {
            let country = self
                .columns
                .cell(record, Col::Country)
                .unwrap_or("Unknown country");
            let root = self
                .parties
                .id_of(&format!("{country} state forces"), location, self.out)
                .to_owned();
            let id = self.parties.parties[party].id.clone();
            // Two sides for one actor would be ACLED contradicting itself; the first is kept.
            let _ = self.parties.set_side(&id, root, location);
        }
        (kind, Some(party))
    }

    fn date(&mut self, row: usize, record: &StringRecord) -> Option<DateSpec> {
        let text = self.required(row, record, Col::EventDate)?;
        let Some(day) = acled_day(text) else {
            let error = match parse_cell_date(text) {
                Err(error) => error,
                // A month or a year: ACLED writes days only.
                Ok(_) => CellDateError::Date(crate::model::DateError::Malformed(text.to_owned())),
            };
            self.problem(row, Col::EventDate, CellProblem::Date(error));
            return None;
        };
        // 1: the day; 2: a week around it; 3: its month.
        Some(match self.columns.cell(record, Col::TimePrecision) {
            Some("2") => DateSpec::days(day - Days::new(3), day + Days::new(3)),
            Some("3") => DateSpec::month_of(day),
            _ => DateSpec::day(day),
        })
    }

    /// The row's place, made the first time its location is seen.
    fn place(&mut self, row: usize, record: &StringRecord) -> Option<usize> {
        let position = self.position(row, record)?;
        let key_columns = [
            Col::Country,
            Col::Admin1,
            Col::Admin2,
            Col::Location,
            Col::Latitude,
            Col::Longitude,
        ];
        let cells = key_columns.map(|col| self.columns.cell(record, col).unwrap_or_default());
        let places = &mut self.places;
        places.key.clear();
        for cell in cells {
            // Unit separators: no name holds one.
            places.key.push_str(cell);
            places.key.push('\u{1f}');
        }
        if let Some(&place) = places.by_key.get(places.key.as_str()) {
            return Some(place);
        }
        let [country, admin1, admin2, location, _, _] = cells;
        let name = if location.is_empty() {
            admin1
        } else {
            location
        };
        let at = self.location(row, Col::Location);
        let ids = self
            .places
            .ids
            .get_or_insert_with(|| DerivedIds::new(HashSet::new()));
        let id = ids.derive(
            &format!("location \"{name}\""),
            &format!("{country} {name}"),
            at,
            self.out,
        );
        let mut properties = Map::new();
        let admin3 = self.columns.cell(record, Col::Admin3);
        let precision = self.columns.cell(record, Col::GeoPrecision);
        for (key, value) in [
            ("admin2", Some(admin2)),
            ("admin3", admin3),
            ("geo_precision", precision),
        ] {
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                properties.insert(key.into(), Value::String(value.to_owned()));
            }
        }
        let countries = self
            .columns
            .cell(record, Col::Iso3)
            .or(self.columns.cell(record, Col::Country));
        let places = &mut self.places;
        places.list.push(Place {
            id,
            name: name.to_owned(),
            kind: "location".into(),
            countries: countries.map(str::to_owned).into_iter().collect(),
            province: (!admin1.is_empty()).then(|| admin1.to_owned()),
            aliases: Vec::new(),
            position,
            properties,
        });
        places
            .by_key
            .insert(places.key.clone(), places.list.len() - 1);
        Some(places.list.len() - 1)
    }

    fn position(&mut self, row: usize, record: &StringRecord) -> Option<Point<f64>> {
        let lat = self.coordinate(
            row,
            record,
            Col::Latitude,
            90.0,
            CellProblem::LatitudeOutOfRange,
        );
        let lon = self.coordinate(
            row,
            record,
            Col::Longitude,
            180.0,
            CellProblem::LongitudeOutOfRange,
        );
        Some(Point::new(lon?, lat?))
    }

    fn coordinate(
        &mut self,
        row: usize,
        record: &StringRecord,
        col: Col,
        limit: f64,
        out_of_range: fn(f64) -> CellProblem,
    ) -> Option<f64> {
        let text = self.required(row, record, col)?;
        match text.parse::<f64>().ok().filter(|n| n.is_finite()) {
            None => self.problem(row, col, CellProblem::NotANumber(text.to_owned())),
            Some(n) if n.abs() > limit => self.problem(row, col, out_of_range(n)),
            Some(n) => return Some(n),
        }
        None
    }

    /// One source per reporting text and publication day (`timestamp`, when
    /// ACLED last published the row): rows of one outlet and day share it.
    fn source(&mut self, record: &StringRecord) -> Option<usize> {
        let outlet = self.columns.cell(record, Col::Source)?;
        let published = self
            .columns
            .timestamp
            .and_then(|at| record.get(at))
            .and_then(|t| t.trim().parse::<i64>().ok())
            .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
            .map(|time| DateSpec::day(time.date_naive()));
        let cells = SourceCells {
            id: None,
            outlet: Some(outlet),
            title: None,
            url: None,
            published,
            author: None,
        };
        self.sources.index_of(&cells, None, self.out)
    }

    /// What the card shows: ACLED's types, actors, fatalities and tags, then its summary.
    fn write_note(&mut self, record: &StringRecord) {
        let cell = |col| self.columns.cell(record, col);
        self.note.clear();
        self.note.push_str("ACLED:");
        let mut parts = NoteParts {
            note: &mut self.note,
            empty: true,
        };
        parts.add("", &[cell(Col::EventType), cell(Col::SubEventType)], " / ");
        parts.add("actors: ", &[cell(Col::Actor1), cell(Col::Actor2)], "; ");
        parts.add("fatalities: ", &[cell(Col::Fatalities)], "");
        parts.add("tags: ", &[cell(Col::Tags)], "");
        if let Some(notes) = cell(Col::Notes) {
            self.note.push('\n');
            self.note.push_str(notes);
        }
    }

    fn required<'r>(&mut self, row: usize, record: &'r StringRecord, col: Col) -> Option<&'r str> {
        let text = self.columns.cell(record, col);
        if text.is_none() {
            self.problem(row, col, CellProblem::Empty);
        }
        text
    }

    fn location(&self, row: usize, col: Col) -> Option<Location> {
        cell_location(row, self.columns.at[col as usize]?)
    }

    fn problem(&mut self, row: usize, col: Col, problem: CellProblem) {
        let location = self.location(row, col);
        let problem = TableProblem::Cell {
            row,
            column: col.name().to_owned(),
            problem,
        };
        self.out.error(location, problem.into());
    }

    fn finish(self) -> DataFile {
        let Acled {
            parties,
            sources,
            places,
            table,
            ..
        } = self;
        DataFile {
            gazetteer: Some(Gazetteer {
                places: places.list,
            }),
            events: EventsFile {
                parties: parties.parties,
                sources: sources.sources,
                events: table.finish(),
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
    if text.contains(' ') {
        return english_day(text);
    }
    let mut parts = text.split('-');
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests;
