//! A claims spreadsheet: one row per claim, fields named by the header.

use std::collections::HashMap;

use chrono::NaiveDate;
use csv::StringRecord;
use geo_types::Point;

use super::books::{PartyBook, PlaceBook, PlaceCells, SourceBook, SourceCells};
use super::cell_location;
use super::columns::{Columns, Field};
use super::dates::parse_cell_date;
use super::problems::{CellProblem, TableProblem};
use super::rows::Rows;
use crate::formats::diagnostic::{Collector, Problem};
use crate::formats::sides::check_sides;
use crate::model::{
    DataFile, DateSpec, Event, EventType, EventsFile, Gazetteer, Location, TableBuilder,
    Verification,
};

/// Reads every row under the header; `None` when the header lacks a required
/// column (reported). Row problems are reported and their rows left out.
pub fn read(
    columns: Columns,
    header_row: usize,
    rows: &mut Rows,
    out: &mut Collector,
) -> Option<DataFile> {
    report_header(&columns, header_row, out)?;
    let mut sheet = Sheet {
        columns,
        out,
        parties: PartyBook::default(),
        sources: SourceBook::default(),
        places: PlaceBook::default(),
        table: TableBuilder::default(),
        too_much_text: false,
        first_row_of_id: HashMap::new(),
    };
    let mut any_row = false;
    while let Some((row, record)) = rows.next_row() {
        any_row = true;
        sheet.row(row, record);
    }
    if !any_row {
        sheet.out.error(None, TableProblem::NoRows.into());
        return None;
    }
    Some(sheet.finish())
}

/// Says which required columns are missing (an error) and which columns are not read (a warning).
fn report_header(columns: &Columns, header_row: usize, out: &mut Collector) -> Option<()> {
    for (field, name) in &columns.repeated {
        let field = field.names()[0];
        out.warn(
            None,
            TableProblem::RepeatedColumn {
                field,
                name: name.clone(),
            }
            .into(),
        );
    }
    if !columns.unread.is_empty() {
        out.warn(
            None,
            TableProblem::UnreadColumns(columns.unread.join(", ")).into(),
        );
    }
    let missing = columns.missing();
    if missing.is_empty() {
        return Some(());
    }
    let quoted = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(" or ")
    };
    let problem = TableProblem::MissingColumns {
        missing: missing
            .iter()
            .map(|f| format!("\"{}\"", f.names()[0]))
            .collect::<Vec<_>>()
            .join(", "),
        found: columns
            .names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", "),
        accepted: missing
            .iter()
            .map(|f| quoted(f.names()))
            .collect::<Vec<_>>()
            .join("; "),
    };
    let at = Location {
        line: header_row,
        column: 1,
    };
    out.error(Some(at), problem.into());
    None
}

struct Sheet<'o> {
    columns: Columns,
    out: &'o mut Collector,
    parties: PartyBook,
    sources: SourceBook,
    places: PlaceBook,
    /// The claims read, each at its row, which link warnings point at.
    table: TableBuilder,
    /// Said once: a table's text is 4 GiB at most.
    too_much_text: bool,
    first_row_of_id: HashMap<String, usize>,
}

/// One row being read: its number and cells.
struct Row<'r> {
    number: usize,
    record: &'r StringRecord,
}

impl Sheet<'_> {
    fn row(&mut self, number: usize, record: &StringRecord) {
        let row = Row { number, record };
        if !self.has_header_length(&row) {
            return;
        }
        // Any error fails the whole file; reading on finds the other rows' problems.
        let event = self.event(&row);
        self.place(&row);
        let Some(event) = event else { return };
        let row = u32::try_from(number).unwrap_or(u32::MAX);
        if !self.table.push(&event.borrowed(), row) && !self.too_much_text {
            self.too_much_text = true;
            self.out.error(None, Problem::TooMuchText);
        }
    }

    /// Fewer fields than the header, or more that are not empty, is an error.
    fn has_header_length(&mut self, row: &Row) -> bool {
        let expected = self.columns.len();
        let found = row.record.len();
        let first_extra_filled = (row.record.iter().enumerate())
            .skip(expected)
            .find(|(_, field)| !field.trim().is_empty())
            .map(|(column, _)| column);
        if found >= expected && first_extra_filled.is_none() {
            return true;
        }
        // The first column missing, or the first filled one past the header.
        let location = cell_location(row.number, first_extra_filled.unwrap_or(found));
        let found = if first_extra_filled.is_some() {
            found
        } else {
            found.min(expected)
        };
        let problem = TableProblem::FieldCount {
            row: row.number,
            expected,
            found,
        };
        self.out.error(location, problem.into());
        false
    }

    fn event(&mut self, row: &Row) -> Option<Event> {
        let date = self
            .required(row, Field::Date)
            .and_then(|text| self.date(row, Field::Date, text));
        let place = self.required(row, Field::Place).map(str::to_owned);
        let kind = self.event_type(row);
        let claimant = self
            .required(row, Field::Claimant)
            .map(|text| self.party(row, Field::Claimant, text));
        let controller = self.controller(row, kind);
        let verification = self.verification(row, kind);
        let until = self.until(row, date);
        self.sides_and_color(row);
        let source = self.source(row);
        let id = self.id(row)?;
        Some(Event {
            id,
            date: date?,
            place: place?,
            kind: kind?,
            claimant: claimant?,
            controller: controller.ok()?,
            verification: verification?,
            until: until.ok()?,
            speaker: self.cell(row, Field::Speaker).map(str::to_owned),
            quote: self.cell(row, Field::Quote).map(str::to_owned),
            source,
            note: self.cell(row, Field::Note).map(str::to_owned),
        })
    }

    /// The row's id, or `r57` for row 57; an id used twice is an error.
    fn id(&mut self, row: &Row) -> Option<String> {
        let id = match self.cell(row, Field::Id) {
            Some(id) => id.to_owned(),
            None => format!("r{}", row.number),
        };
        if let Some(&first_row) = self.first_row_of_id.get(&id) {
            self.problem(
                row,
                Field::Id,
                CellProblem::DuplicateId { id, first_row },
                true,
            );
            return None;
        }
        self.first_row_of_id.insert(id.clone(), row.number);
        Some(id)
    }

    fn event_type(&mut self, row: &Row) -> Option<EventType> {
        let text = self.required(row, Field::Type)?;
        let parsed = text.trim().to_lowercase().parse().ok();
        if parsed.is_none() {
            let expected = EventType::ALL.map(EventType::as_str).join(", ");
            let problem = CellProblem::UnknownType {
                value: text.to_owned(),
                expected,
            };
            self.problem(row, Field::Type, problem, true);
        }
        parsed
    }

    /// Control claims must name a controller; fighting and reports must not.
    fn controller(&mut self, row: &Row, kind: Option<EventType>) -> Result<Option<String>, ()> {
        let text = self.cell(row, Field::Controller);
        let Some(kind) = kind else {
            return Ok(text.map(|text| self.party(row, Field::Controller, text)));
        };
        match (kind.is_control_claim(), text) {
            (true, None) => {
                let (field, problem) = if self.columns.has(Field::Controller) {
                    (
                        Field::Controller,
                        CellProblem::ControllerMissing(kind.as_str()),
                    )
                } else {
                    (Field::Type, CellProblem::NoControllerColumn(kind.as_str()))
                };
                self.problem(row, field, problem, true);
                Err(())
            }
            (false, Some(_)) => {
                self.problem(
                    row,
                    Field::Controller,
                    CellProblem::ControllerForbidden(kind.as_str()),
                    true,
                );
                Err(())
            }
            (_, text) => Ok(text.map(|text| self.party(row, Field::Controller, text))),
        }
    }

    fn verification(&mut self, row: &Row, kind: Option<EventType>) -> Option<Verification> {
        let verification = match self.cell(row, Field::Verification) {
            None => Verification::Claimed,
            Some(text) => match text.to_lowercase().parse() {
                Ok(verification) => verification,
                Err(()) => {
                    let problem = CellProblem::UnknownVerification(text.to_owned());
                    self.problem(row, Field::Verification, problem, true);
                    return None;
                }
            },
        };
        if kind == Some(EventType::Confirmed) && verification == Verification::Claimed {
            self.problem(row, Field::Type, CellProblem::UnverifiedConfirmation, false);
        }
        Some(verification)
    }

    fn party(&mut self, row: &Row, field: Field, text: &str) -> String {
        let location = self.location(row, field);
        self.parties.id_of(text, location, self.out).to_owned()
    }

    /// `claimant side`, `controller side` and `claimant color`, said of the row's parties.
    fn sides_and_color(&mut self, row: &Row) {
        for (party_field, side_field) in [
            (Field::Claimant, Field::ClaimantSide),
            (Field::Controller, Field::ControllerSide),
        ] {
            let (Some(party), Some(side)) =
                (self.cell(row, party_field), self.cell(row, side_field))
            else {
                continue;
            };
            let party = self.party(row, party_field, party);
            let side = self.party(row, side_field, side);
            let location = self.location(row, side_field);
            if let Err(problem) = self.parties.set_side(&party, side, location) {
                self.problem(row, side_field, problem, false);
            }
        }
        if let (Some(party), Some(color)) = (
            self.cell(row, Field::Claimant),
            self.cell(row, Field::ClaimantColor),
        ) {
            let party = self.party(row, Field::Claimant, party);
            if let Err(problem) = self.parties.set_color(&party, color) {
                self.problem(row, Field::ClaimantColor, problem, false);
            }
        }
    }

    fn source(&mut self, row: &Row) -> Option<String> {
        let published = self
            .cell(row, Field::Published)
            .and_then(|text| self.date(row, Field::Published, text));
        let cells = SourceCells {
            id: self.cell(row, Field::Source),
            outlet: self.cell(row, Field::Outlet),
            title: self.cell(row, Field::Title),
            url: self.cell(row, Field::Url),
            published,
            author: self.cell(row, Field::Author),
        };
        let location = self
            .location(row, Field::Source)
            .or(self.location(row, Field::Outlet));
        self.sources
            .id_of(&cells, location, self.out)
            .map(str::to_owned)
    }

    /// A row with coordinates makes its place, unless an earlier row did.
    fn place(&mut self, row: &Row) {
        let (Some(name), Some(position)) = (self.cell(row, Field::Place), self.position(row))
        else {
            return;
        };
        let cells = PlaceCells {
            name,
            position,
            kind: self.cell(row, Field::Kind),
            countries: self.cell(row, Field::Countries),
            province: self.cell(row, Field::Province),
        };
        let location = self.location(row, Field::Place);
        if let Err(problem) = self.places.add(cells, row.number, location, self.out) {
            self.problem(row, Field::Lat, problem, false);
        }
    }

    /// Both coordinates, checked; `None` when the row gives neither (or a bad one, reported).
    fn position(&mut self, row: &Row) -> Option<Point<f64>> {
        let lat = self.cell(row, Field::Lat);
        let lon = self.cell(row, Field::Lon);
        let (lat, lon) = match (lat, lon) {
            (None, None) => return None,
            (Some(_), None) | (None, Some(_)) => {
                let (empty, name) = if lat.is_none() {
                    (Field::Lat, "lat")
                } else {
                    (Field::Lon, "lon")
                };
                let header = self.column_name(empty).unwrap_or(name).to_owned();
                let other = if empty == Field::Lat {
                    Field::Lon
                } else {
                    Field::Lat
                };
                self.problem(row, other, CellProblem::HalfCoordinates(header), true);
                return None;
            }
            (Some(lat), Some(lon)) => (lat, lon),
        };
        let lat = self.coordinate(row, Field::Lat, lat, 90.0, CellProblem::LatitudeOutOfRange);
        let lon = self.coordinate(
            row,
            Field::Lon,
            lon,
            180.0,
            CellProblem::LongitudeOutOfRange,
        );
        Some(Point::new(lon?, lat?))
    }

    fn coordinate(
        &mut self,
        row: &Row,
        field: Field,
        text: &str,
        limit: f64,
        out_of_range: fn(f64) -> CellProblem,
    ) -> Option<f64> {
        // A decimal comma, as spreadsheets in many locales write it.
        let number: Option<f64> = text
            .replace(',', ".")
            .parse()
            .ok()
            .filter(|n: &f64| n.is_finite());
        match number {
            None => {
                self.problem(row, field, CellProblem::NotANumber(text.to_owned()), true);
                None
            }
            Some(n) if n.abs() > limit => {
                self.problem(row, field, out_of_range(n), true);
                None
            }
            Some(n) => Some(n),
        }
    }

    /// The last day the row's claim stands, not before the day it is made.
    fn until(&mut self, row: &Row, date: Option<DateSpec>) -> Result<Option<NaiveDate>, ()> {
        let Some(text) = self.cell(row, Field::Until) else {
            return Ok(None);
        };
        let until = self
            .date(row, Field::Until, text)
            .ok_or(())?
            .effective_day();
        match date.map(|date| date.effective_day()) {
            Some(effective) if until < effective => {
                let problem = CellProblem::UntilBeforeDate { until, effective };
                self.problem(row, Field::Until, problem, true);
                Err(())
            }
            _ => Ok(Some(until)),
        }
    }

    fn date(&mut self, row: &Row, field: Field, text: &str) -> Option<DateSpec> {
        parse_cell_date(text)
            .map_err(|error| self.problem(row, field, CellProblem::Date(error), true))
            .ok()
    }

    /// The trimmed text of a cell; `None` when the column is absent or the cell empty.
    fn cell<'r>(&self, row: &Row<'r>, field: Field) -> Option<&'r str> {
        let column = self.columns.get(field)?;
        let text = row.record.get(column)?.trim();
        (!text.is_empty()).then_some(text)
    }

    /// A cell that must hold something; an empty one is an error.
    fn required<'r>(&mut self, row: &Row<'r>, field: Field) -> Option<&'r str> {
        let text = self.cell(row, field);
        if text.is_none() {
            self.problem(row, field, CellProblem::Empty, true);
        }
        text
    }

    fn location(&self, row: &Row, field: Field) -> Option<Location> {
        cell_location(row.number, self.columns.get(field)?)
    }

    fn column_name(&self, field: Field) -> Option<&str> {
        self.columns
            .get(field)
            .map(|column| self.columns.name(column))
    }

    fn problem(&mut self, row: &Row, field: Field, problem: CellProblem, is_error: bool) {
        let column = self
            .column_name(field)
            .unwrap_or(field.names()[0])
            .to_owned();
        let location = self.location(row, field);
        let problem = TableProblem::Cell {
            row: row.number,
            column,
            problem,
        }
        .into();
        if is_error {
            self.out.error(location, problem);
        } else {
            self.out.warn(location, problem);
        }
    }

    fn finish(self) -> DataFile {
        let Sheet {
            parties,
            sources,
            places,
            table,
            out,
            ..
        } = self;
        let PartyBook {
            mut parties,
            side_at,
            ..
        } = parties;
        check_sides(&mut parties, &side_at, out);
        let has_coordinates = !places.places.is_empty();
        DataFile {
            gazetteer: has_coordinates.then(|| Gazetteer {
                places: places.places,
            }),
            events: EventsFile {
                maps: Vec::new(),
                parties,
                sources: sources.sources,
                events: table.finish(),
            },
        }
    }
}
