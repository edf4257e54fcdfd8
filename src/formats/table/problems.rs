//! What can be wrong in a table, in words that name the row and the column.

use chrono::NaiveDate;
use thiserror::Error;

use super::dates::CellDateError;

/// A problem with a whole table, or with one of its cells.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum TableProblem {
    #[error("the file is empty: a table needs a header row and a row per claim")]
    Empty,
    #[error("this is not text (it holds NUL bytes): not a table, a gazetteer or an events file")]
    Binary,
    #[error("the header has no rows under it: there are no claims")]
    NoRows,
    #[error(
        "no column for {missing}; the header has: {found}. Accepted names: {accepted} (case, spaces, \"_\" and \"-\" do not matter)"
    )]
    MissingColumns {
        missing: String,
        found: String,
        accepted: String,
    },
    #[error("row {row} has {found} fields; the header has {expected}")]
    FieldCount {
        row: usize,
        expected: usize,
        found: usize,
    },
    #[error(
        "not UTF-8, so read as Windows-1252 (what Excel on Windows saves as CSV); save as \"CSV UTF-8\" to be sure of every character"
    )]
    ReadAsWindows1252,
    #[error("columns not read: {0} (the README lists the names claimmap reads)")]
    UnreadColumns(String),
    #[error("column \"{name}\" is a second \"{field}\" column; the first is read")]
    RepeatedColumn { field: &'static str, name: String },
    #[error("row {row}, column \"{column}\": {problem}")]
    Cell {
        row: usize,
        column: String,
        problem: CellProblem,
    },
}

/// What is wrong with one cell.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum CellProblem {
    #[error("is empty")]
    Empty,
    #[error(transparent)]
    Date(#[from] CellDateError),
    #[error("unknown type \"{value}\" (expected one of {expected})")]
    UnknownType { value: String, expected: String },
    #[error("unknown verification \"{0}\" (expected \"claimed\" or \"confirmed\")")]
    UnknownVerification(String),
    #[error("is empty, but a \"{0}\" claim must name who it says holds the place")]
    ControllerMissing(&'static str),
    #[error(
        "is \"{0}\", a claim of control, but the sheet has no \"controller\" column to say who holds the place"
    )]
    NoControllerColumn(&'static str),
    #[error("names a controller, but a \"{0}\" claims no control")]
    ControllerForbidden(&'static str),
    #[error(
        "a \"confirmed\" claim whose verification is not \"confirmed\" counts as an ordinary claim"
    )]
    UnverifiedConfirmation,
    #[error(
        "is {until}, before the day the claim is made ({effective}); a claim cannot lapse before it stands"
    )]
    UntilBeforeDate {
        until: NaiveDate,
        effective: NaiveDate,
    },
    #[error("\"{0}\" is not a number")]
    NotANumber(String),
    #[error("latitude {0} is outside [-90, 90]")]
    LatitudeOutOfRange(f64),
    #[error("longitude {0} is outside [-180, 180]")]
    LongitudeOutOfRange(f64),
    #[error("has a coordinate, but \"{0}\" is empty: a place needs both")]
    HalfCoordinates(String),
    #[error("id \"{id}\" is used twice (first on row {first_row})")]
    DuplicateId { id: String, first_row: usize },
    #[error("colour \"{0}\" is not #rrggbb; a palette colour is used")]
    BadColor(String),
    #[error("place \"{place}\" was given other coordinates on row {first_row}; those are kept")]
    PlaceMoved { place: String, first_row: usize },
    #[error("party \"{party}\" was given side \"{first}\" before; that one is kept")]
    SideChanged { party: String, first: String },
}

impl TableProblem {
    /// What kind of problem this is, for counting problems of one kind together.
    pub fn kind(&self) -> &'static str {
        match self {
            TableProblem::Empty => "empty table",
            TableProblem::Binary => "file that is not text",
            TableProblem::NoRows => "table without rows",
            TableProblem::MissingColumns { .. } => "missing column",
            TableProblem::FieldCount { .. } => "row with the wrong number of fields",
            TableProblem::ReadAsWindows1252 => "table read as Windows-1252",
            TableProblem::UnreadColumns(_) => "column not read",
            TableProblem::RepeatedColumn { .. } => "repeated column",
            TableProblem::Cell { problem, .. } => problem.kind(),
        }
    }
}

impl CellProblem {
    pub fn kind(&self) -> &'static str {
        match self {
            CellProblem::Empty => "empty required cell",
            CellProblem::Date(_) => "date that cannot be read",
            CellProblem::UnknownType { .. } => "unknown event type",
            CellProblem::UnknownVerification(_) => "unknown verification",
            CellProblem::ControllerMissing(_) | CellProblem::NoControllerColumn(_) => {
                "control claim without a controller"
            }
            CellProblem::ControllerForbidden(_) => "controller on an event that claims no control",
            CellProblem::UnverifiedConfirmation => "confirmation without verification",
            CellProblem::UntilBeforeDate { .. } => "claim that lapses before it stands",
            CellProblem::NotANumber(_) => "coordinate that is not a number",
            CellProblem::LatitudeOutOfRange(_) => "latitude out of range",
            CellProblem::LongitudeOutOfRange(_) => "longitude out of range",
            CellProblem::HalfCoordinates(_) => "place with one coordinate",
            CellProblem::DuplicateId { .. } => "id used twice",
            CellProblem::BadColor(_) => "colour that is not #rrggbb",
            CellProblem::PlaceMoved { .. } => "place given two positions",
            CellProblem::SideChanged { .. } => "party given two sides",
        }
    }
}
