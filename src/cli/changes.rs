//! `claimmap changes`: for each day from A to B, every place whose state
//! changed since the day before, and the claims behind its new state.

use std::io::{self, Write};

use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;

use super::StateFields;
use crate::formats::csv_out::{self, joined};
use crate::model::{Change, Dataset, Lens, iso_day};
use crate::printable::escape_for_terminal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChangesFormat {
    /// One line per change: `DAY  PLACE  old → new  (claims)`.
    Table,
    /// One JSON object per line: `{"date", "place", "from", "to"}`.
    Jsonl,
    /// A header, then one row per change: date, id, name, from_status, … to_fighting.
    Csv,
}

/// The columns of `--format csv`. The flags come last: a change of
/// confirmation or fighting alone would otherwise be a row that shows none.
const CSV_COLUMNS: [&str; 12] = [
    "date",
    "id",
    "name",
    "from_status",
    "from_controllers",
    "to_status",
    "to_controllers",
    "claims",
    "from_confirmed",
    "from_fighting",
    "to_confirmed",
    "to_fighting",
];

/// One change as a JSON line.
#[derive(Serialize)]
struct ChangeLine<'a> {
    date: &'a str,
    place: &'a str,
    from: StateFields<'a>,
    to: StateFields<'a>,
}

/// Walks the days from `from` to `to` (A compared with the day before it),
/// stepping the state so each day costs only the places something happens to.
pub fn write_changes(
    dataset: &Dataset,
    from: NaiveDate,
    to: NaiveDate,
    lens: &Lens,
    format: ChangesFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut sink = Sink::new(format, out)?;
    if let Some(before) = from.pred_opt() {
        let mut states = dataset.lens_states(before, lens);
        while states.day < to {
            let mut changes = dataset.step_forward_with(&mut states);
            let date = iso_day(states.day);
            // By place id, as `state` lists places.
            changes.sort_by(|a, b| place_id(dataset, a).cmp(place_id(dataset, b)));
            for change in &changes {
                sink.write(dataset, &date, change)?;
            }
        }
    }
    sink.finish()
}

/// Where the changes go: lines of text or JSON straight to the output, or
/// rows of a CSV table, whose writer lasts from the header to the end
/// (boxed: it holds its buffer inline).
enum Sink<'o> {
    Table(&'o mut dyn Write),
    Jsonl(&'o mut dyn Write),
    Csv(Box<csv::Writer<&'o mut dyn Write>>),
}

impl<'o> Sink<'o> {
    fn new(format: ChangesFormat, out: &'o mut dyn Write) -> io::Result<Self> {
        match format {
            ChangesFormat::Table => Ok(Sink::Table(out)),
            ChangesFormat::Jsonl => Ok(Sink::Jsonl(out)),
            ChangesFormat::Csv => {
                let mut table = csv_out::writer(out);
                table.write_record(CSV_COLUMNS).map_err(csv_out::io_error)?;
                Ok(Sink::Csv(Box::new(table)))
            }
        }
    }

    fn write(&mut self, dataset: &Dataset, date: &str, change: &Change) -> io::Result<()> {
        let line = ChangeLine {
            date,
            place: place_id(dataset, change),
            from: StateFields::new(dataset, &change.from),
            to: StateFields::new(dataset, &change.to),
        };
        match self {
            Sink::Jsonl(out) => {
                serde_json::to_writer(&mut **out, &line)?;
                writeln!(out)
            }
            Sink::Table(out) => writeln!(out, "{}", escape_for_terminal(&line.in_words())),
            Sink::Csv(table) => {
                let name = &dataset.places()[change.place].name;
                let row = line.csv_row(name);
                table.write_record(row).map_err(csv_out::io_error)
            }
        }
    }

    /// Flushes what the CSV writer holds; lines are flushed by the caller.
    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Table(_) | Sink::Jsonl(_) => Ok(()),
            Sink::Csv(mut table) => table.flush(),
        }
    }
}

fn place_id<'a>(dataset: &'a Dataset, change: &Change) -> &'a str {
    &dataset.places()[change.place].id
}

impl ChangeLine<'_> {
    /// `DAY  PLACE  old → new  (claims)`.
    fn in_words(&self) -> String {
        format!(
            "{}  {}  {} → {}  ({})",
            self.date,
            self.place,
            in_words(&self.from),
            in_words(&self.to),
            self.to.claims.join(" ")
        )
    }

    /// The change in `CSV_COLUMNS` order: statuses and controller ids as
    /// `--format jsonl` gives them, lists joined with "; ".
    fn csv_row(&self, name: &str) -> [String; 12] {
        let (from, to) = (&self.from, &self.to);
        [
            self.date.to_owned(),
            self.place.to_owned(),
            name.to_owned(),
            from.status.to_owned(),
            joined(&from.controllers),
            to.status.to_owned(),
            joined(&to.controllers),
            joined(&to.claims),
            from.confirmed.to_string(),
            from.fighting.to_string(),
            to.confirmed.to_string(),
            to.fighting.to_string(),
        ]
    }
}

/// "held by taliban, fighting", "disputed: government vs taliban", "unknown".
pub(super) fn in_words(state: &StateFields) -> String {
    let mut words = match state.controllers.as_slice() {
        [] => state.status.to_owned(),
        [one] => format!("{} by {one}", state.status),
        many => format!("{}: {}", state.status, many.join(" vs ")),
    };
    if state.confirmed {
        words.push_str(", confirmed");
    }
    if state.fighting {
        words.push_str(", fighting");
    }
    words
}
