//! `claimmap days`: how many events fall on each day, by type and by the
//! party each names — the timeline's histogram as text, so "which days have
//! the most claims" has the same answer in a terminal as in the window.

use std::io::{self, Write};

use clap::ValueEnum;
use serde::Serialize;

use super::believe::BelieveReport;
use crate::model::{Bar, Dataset, Density, Lens, iso_day};
use crate::printable::escape_for_terminal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DaysFormat {
    /// A line per day: the day, its count, then the counts by type and by party.
    Table,
    /// One JSON object: `{"believe"?, "days": [{"day", "events", "by_type", "by_party"}]}`.
    Json,
}

#[derive(Serialize)]
struct DaysReport<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    believe: Option<BelieveReport<'a>>,
    days: Vec<DayReport<'a>>,
}

#[derive(Serialize)]
struct DayReport<'a> {
    day: String,
    events: u32,
    /// Type → count, types without events left out.
    by_type: serde_json::Map<String, serde_json::Value>,
    /// The parties the events name (a control claim's holder, else its
    /// claimant's side), as the histogram stacks them.
    by_party: Vec<PartyCount<'a>>,
}

#[derive(Serialize)]
struct PartyCount<'a> {
    party: &'a str,
    events: u32,
}

impl<'a> DayReport<'a> {
    fn new(dataset: &'a Dataset, bar: &Bar) -> Self {
        let by_type = bar
            .types()
            .map(|(kind, n)| (kind.as_str().to_owned(), n.into()))
            .collect();
        let by_party = bar
            .by_party
            .iter()
            .map(|&(party, events)| PartyCount {
                party: &dataset.parties()[party].id,
                events,
            })
            .collect();
        DayReport {
            day: iso_day(bar.first),
            events: bar.total,
            by_type,
            by_party,
        }
    }

    /// `2021-07-08  14  captured 9, holds 3, fighting 2  |  taliban 11, government 3`.
    fn table_line(&self) -> String {
        let types: Vec<String> = (self.by_type.iter())
            .map(|(kind, n)| format!("{kind} {n}"))
            .collect();
        let parties: Vec<String> = (self.by_party.iter())
            .map(|p| format!("{} {}", p.party, p.events))
            .collect();
        format!(
            "{}  {:>5}  {}  |  {}",
            self.day,
            self.events,
            types.join(", "),
            parties.join(", ")
        )
    }
}

/// The days with events through `lens`'s filter, in date order, or the
/// `busiest` days first (most events first; ties in date order).
pub fn write_days(
    dataset: &Dataset,
    lens: &Lens,
    busiest: Option<usize>,
    format: DaysFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let density = Density::of(dataset, |claimant| lens.believe.counts(claimant));
    let mut bars = density.bars(1);
    if let Some(n) = busiest {
        // Stable: days equally busy stay in date order.
        bars.sort_by_key(|bar| std::cmp::Reverse(bar.total));
        bars.truncate(n);
    }
    let report = DaysReport {
        believe: BelieveReport::new(dataset, &lens.believe),
        days: bars
            .iter()
            .map(|bar| DayReport::new(dataset, bar))
            .collect(),
    };
    match format {
        DaysFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        }
        DaysFormat::Table => {
            if let Some(believe) = &report.believe {
                writeln!(out, "({})", escape_for_terminal(&believe.in_words()))?;
            }
            if report.days.is_empty() {
                return writeln!(out, "no events");
            }
            for day in &report.days {
                writeln!(out, "{}", escape_for_terminal(&day.table_line()))?;
            }
            Ok(())
        }
    }
}
