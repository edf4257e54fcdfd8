//! `claimmap diff`: every place whose control differs between two days,
//! grouped by what happened, with the claims that made the difference.

use std::io::{self, Write};

use clap::ValueEnum;
use serde::Serialize;

use super::StateFields;
use super::believe::BelieveReport;
use super::changes::in_words;
use crate::formats::csv_out::{self, joined};
use crate::model::{Dataset, Diff, PlaceDiff, iso_day};
use crate::printable::escape_for_terminal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A heading per kind with its count, then a line per place.
    Table,
    /// One JSON object: `{"from", "to", "mode", "groups": [...]}`.
    Json,
    /// A header, then one row per place, groups in the table's order.
    Csv,
}

/// The columns of `--format csv`: controllers are ids, as in the JSON.
const CSV_COLUMNS: [&str; 9] = [
    "kind",
    "id",
    "name",
    "from_status",
    "from_controllers",
    "to_status",
    "to_controllers",
    "claims_added",
    "claims_dropped",
];

#[derive(Serialize)]
struct DiffReport<'a> {
    from: String,
    to: String,
    mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    believe: Option<BelieveReport<'a>>,
    groups: Vec<GroupReport<'a>>,
}

#[derive(Serialize)]
struct GroupReport<'a> {
    kind: &'static str,
    places: Vec<PlaceReport<'a>>,
}

#[derive(Serialize)]
struct PlaceReport<'a> {
    id: &'a str,
    name: &'a str,
    from: StateFields<'a>,
    to: StateFields<'a>,
    claims_added: Vec<&'a str>,
    claims_dropped: Vec<&'a str>,
}

impl<'a> DiffReport<'a> {
    fn new(dataset: &'a Dataset, diff: &Diff) -> Self {
        let groups = diff
            .groups
            .iter()
            .map(|group| GroupReport {
                kind: group.kind.as_str(),
                places: group
                    .places
                    .iter()
                    .map(|change| PlaceReport::new(dataset, change))
                    .collect(),
            })
            .collect();
        DiffReport {
            from: iso_day(diff.from),
            to: iso_day(diff.to),
            mode: diff.lens.mode.as_str(),
            believe: BelieveReport::new(dataset, &diff.lens.believe),
            groups,
        }
    }

    fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut heading = format!("{} → {} ({} mode", self.from, self.to, self.mode);
        if let Some(believe) = &self.believe {
            heading.push_str(&format!(", {}", believe.in_words()));
        }
        writeln!(out, "{})", escape_for_terminal(&heading))?;
        if self.groups.is_empty() {
            return writeln!(out, "no place changed control");
        }
        for group in &self.groups {
            writeln!(out, "{} ({})", group.kind, group.places.len())?;
            for place in &group.places {
                writeln!(out, "  {}", escape_for_terminal(&place.table_line()))?;
            }
        }
        Ok(())
    }

    /// The header, then a row per place. The two days and the lens are
    /// the reader's own command line: a table has nowhere else to say them.
    fn write_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = csv_out::writer(out);
        table.write_record(CSV_COLUMNS).map_err(csv_out::io_error)?;
        for group in &self.groups {
            for place in &group.places {
                table
                    .write_record(place.csv_row(group.kind))
                    .map_err(csv_out::io_error)?;
            }
        }
        table.flush()
    }
}

impl<'a> PlaceReport<'a> {
    fn new(dataset: &'a Dataset, change: &PlaceDiff) -> Self {
        let place = &dataset.places()[change.place];
        let ids = |claims: &[usize]| claims.iter().map(|&e| dataset.events().id(e)).collect();
        PlaceReport {
            id: &place.id,
            name: &place.name,
            from: StateFields::new(dataset, &change.from),
            to: StateFields::new(dataset, &change.to),
            claims_added: ids(&change.claims_added),
            claims_dropped: ids(&change.claims_dropped),
        }
    }

    /// `spin-boldak-chaman  Spin Boldak–Chaman  unknown → disputed: …  (+sb-4 -sb-1)`.
    fn table_line(&self) -> String {
        let added = self.claims_added.iter().map(|id| format!("+{id}"));
        let dropped = self.claims_dropped.iter().map(|id| format!("-{id}"));
        let claims: Vec<String> = added.chain(dropped).collect();
        format!(
            "{}  {}  {} → {}  ({})",
            self.id,
            self.name,
            in_words(&self.from),
            in_words(&self.to),
            claims.join(" ")
        )
    }

    /// The place in `CSV_COLUMNS` order, lists joined with "; ".
    fn csv_row(&self, kind: &str) -> [String; 9] {
        [
            kind.to_owned(),
            self.id.to_owned(),
            self.name.to_owned(),
            self.from.status.to_owned(),
            joined(&self.from.controllers),
            self.to.status.to_owned(),
            joined(&self.to.controllers),
            joined(&self.claims_added),
            joined(&self.claims_dropped),
        ]
    }
}

/// Writes the diff as a table, as JSON or as CSV.
pub fn write_diff(
    dataset: &Dataset,
    diff: &Diff,
    format: DiffFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let report = DiffReport::new(dataset, diff);
    match format {
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        }
        DiffFormat::Table => report.write_table(out),
        DiffFormat::Csv => report.write_csv(out),
    }
}
