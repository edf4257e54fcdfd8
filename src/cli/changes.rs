//! `claimmap changes`: for each day from A to B, every place whose state
//! changed since the day before, and the claims behind its new state.

use std::io::{self, Write};

use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;

use super::StateFields;
use crate::model::{Change, Dataset, Lens, iso_day};
use crate::printable::escape_for_terminal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChangesFormat {
    /// One line per change: `DAY  PLACE  old → new  (claims)`.
    Table,
    /// One JSON object per line: `{"date", "place", "from", "to"}`.
    Jsonl,
}

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
    let Some(before) = from.pred_opt() else {
        return Ok(());
    };
    let mut states = dataset.lens_states(before, lens);
    while states.day < to {
        let mut changes = dataset.step_forward_with(&mut states);
        let date = iso_day(states.day);
        // By place id, as `state` lists places.
        changes.sort_by(|a, b| place_id(dataset, a).cmp(place_id(dataset, b)));
        for change in &changes {
            write_change(dataset, &date, change, format, out)?;
        }
    }
    Ok(())
}

fn place_id<'a>(dataset: &'a Dataset, change: &Change) -> &'a str {
    &dataset.places()[change.place].id
}

fn write_change(
    dataset: &Dataset,
    date: &str,
    change: &Change,
    format: ChangesFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let line = ChangeLine {
        date,
        place: place_id(dataset, change),
        from: StateFields::new(dataset, &change.from),
        to: StateFields::new(dataset, &change.to),
    };
    match format {
        ChangesFormat::Jsonl => {
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)
        }
        ChangesFormat::Table => {
            let text = format!(
                "{date}  {}  {} → {}  ({})",
                line.place,
                in_words(&line.from),
                in_words(&line.to),
                line.to.claims.join(" ")
            );
            writeln!(out, "{}", escape_for_terminal(&text))
        }
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
