//! One part of an export read row by row: its claims into a table, the
//! parties, sources and places they name into drafts, each by its text.

use chrono::{DateTime, Datelike, Days};
use csv::StringRecord;
use geo_types::Point;

use super::columns::{AcledColumns, Col};
use super::drafts::{Drafts, Local};
use super::note::NoteParts;
use super::place_drafts::{KEY_CELLS, PLACE_CELLS, SEPARATOR};
use super::{acled_day, is_state_forces};
use crate::formats::diagnostic::{Collector, Problem};
use crate::formats::table::cell_location;
use crate::formats::table::dates::{CellDateError, parse_cell_date};
use crate::formats::table::problems::{CellProblem, TableProblem};
use crate::model::{DateSpec, EventRecord, EventType, Location, Span, TableBuilder, Verification};

/// What a claim names, by its part's drafts: place, claimant, controller, source.
pub type Links = [Local; 4];

/// No controller, or no source.
pub const NONE: Local = Local::MAX;

/// What a part of an export holds once read (its problems said or judged
/// already): no longer tied to the text.
pub struct Parsed {
    pub drafts: Drafts,
    pub table: TableBuilder,
    pub links: Vec<Links>,
}

/// One part of an export, being read.
pub struct Half<'c> {
    columns: &'c AcledColumns,
    pub out: Collector,
    pub drafts: Drafts,
    /// The claims, with their ids and notes; what they name is in `links`.
    pub table: TableBuilder,
    pub links: Vec<Links>,
    /// The note of the row being read, kept to build the next one without allocating.
    note: String,
    /// The key of the row's place or source, likewise.
    key: String,
}

impl<'c> Half<'c> {
    pub fn new(columns: &'c AcledColumns, file: &str) -> Self {
        Half {
            columns,
            out: Collector::new(file),
            drafts: Drafts::default(),
            table: TableBuilder::default(),
            links: Vec::new(),
            note: String::new(),
            key: String::new(),
        }
    }

    pub fn into_parsed(self) -> Parsed {
        Parsed {
            drafts: self.drafts,
            table: self.table,
            links: self.links,
        }
    }

    /// Reads one row; `false` when the part is too large to hold.
    pub fn row(&mut self, row: usize, record: &StringRecord) -> bool {
        let id = self.required(row, record, Col::EventId);
        let date = self.date(row, record);
        let place = self.place(row, record);
        let (kind, controller) = self.claim(row, record);
        let claimant = self.required(row, record, Col::Source).map(|source| {
            let first = self.location(row, Col::Source);
            self.drafts.party(source, first)
        });
        let source = self.source(record);
        let (Some(id), Some(date), Some(place), Some(claimant)) = (id, date, place, claimant)
        else {
            return true;
        };
        self.write_note(record);
        let (Some(id), Some(note)) = (self.table.keep(id), self.table.keep(&self.note)) else {
            self.out.error(None, Problem::TooMuchText);
            return false;
        };
        self.table.push_record(EventRecord {
            id,
            // Filled in when the parts are merged and every id is made.
            place: Span::ABSENT,
            claimant: Span::ABSENT,
            controller: Span::ABSENT,
            speaker: Span::ABSENT,
            quote: Span::ABSENT,
            source: Span::ABSENT,
            note,
            date,
            until: None,
            offset: u32::try_from(row).unwrap_or(u32::MAX),
            kind,
            verification: Verification::Claimed,
        });
        self.links.push([
            place,
            claimant,
            controller.unwrap_or(NONE),
            source.unwrap_or(NONE),
        ]);
        true
    }

    /// The claim a row makes, by its sub-event type, and the party it says took control.
    fn claim(&mut self, row: usize, record: &StringRecord) -> (EventType, Option<Local>) {
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
            let kind = if fighting {
                EventType::Fighting
            } else {
                EventType::Report
            };
            return (kind, None);
        };
        let Some(actor) = self.required(row, record, Col::Actor1) else {
            return (kind, None);
        };
        let first = self.location(row, Col::Actor1);
        let party = self.drafts.party(actor, first);
        if is_state_forces(self.columns.cell(record, Col::Inter1)) {
            // The actor's own country ("Military Forces of Russia (2000-)"), not
            // where the event was: an army fighting abroad stays its country's.
            let country = country_of_forces(actor)
                .or(self.columns.cell(record, Col::Country))
                .unwrap_or("Unknown country");
            self.key.clear();
            self.key.push_str(country);
            self.key.push_str(" state forces");
            let root = self.drafts.party(&self.key, first);
            // Two sides for one actor would be ACLED contradicting itself; the first is kept.
            self.drafts.set_side(party, root);
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
            Some("2") => {
                let week = day
                    .checked_sub_days(Days::new(3))
                    .zip(day.checked_add_days(Days::new(3)));
                week.map_or(DateSpec::day(day), |(first, last)| {
                    DateSpec::days(first, last)
                })
            }
            Some("3") => DateSpec::month_of(day),
            _ => DateSpec::day(day),
        })
    }

    /// The row's place, drafted the first time its location is seen.
    fn place(&mut self, row: usize, record: &StringRecord) -> Option<Local> {
        let position = self.position(row, record)?;
        let cell = |col| self.columns.cell(record, col).unwrap_or_default();
        let code =
            (self.columns.cell(record, Col::Iso3)).or(self.columns.cell(record, Col::Country));
        let cells: [&str; PLACE_CELLS] = [
            cell(Col::Country),
            cell(Col::Admin1),
            cell(Col::Admin2),
            cell(Col::Location),
            cell(Col::Latitude),
            cell(Col::Longitude),
            cell(Col::Admin3),
            cell(Col::GeoPrecision),
            code.unwrap_or_default(),
        ];
        self.key.clear();
        for cell in &cells[..KEY_CELLS] {
            self.key.push_str(cell);
            self.key.push(SEPARATOR);
        }
        if let Some(place) = self.drafts.places.find(&self.key) {
            return Some(place);
        }
        let key_len = self.key.len();
        for cell in &cells[KEY_CELLS..] {
            self.key.push_str(cell);
            self.key.push(SEPARATOR);
        }
        let first = self.location(row, Col::Location);
        Some(self.drafts.places.add(&self.key, key_len, position, first))
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
    fn source(&mut self, record: &StringRecord) -> Option<Local> {
        let outlet = self.columns.cell(record, Col::Source)?;
        let published = self
            .columns
            .timestamp
            .and_then(|at| record.get(at))
            .and_then(|t| t.trim().parse::<i64>().ok())
            .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
            .map(|time| time.date_naive())
            // A day claimmap's files can write: years 0 to 9999.
            .filter(|day| (0..=9999).contains(&day.year()));
        Some(self.drafts.source(outlet, published))
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
}

/// The country in ACLED's name for state forces: "Police Forces of
/// Afghanistan (2004-2021)" → "Afghanistan".
fn country_of_forces(actor: &str) -> Option<&str> {
    let (_, country) = actor.split_once(" of ")?;
    let country = country.split(" (").next().unwrap_or(country).trim();
    (!country.is_empty()).then_some(country)
}
