//! `--only` and `--except`: whose claims the rule believes, by party or side id.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use crate::model::{Believe, Dataset, Lens, Mode, UnknownClaimant};

/// Whose claims count; the parties' sides bring the parties that speak for them.
#[derive(Debug, Default, Args)]
pub struct BelieveArgs {
    /// Believe only these claimants (party or side ids, comma-separated).
    #[arg(long, value_name = "CLAIMANT,…", value_delimiter = ',', num_args = 1..)]
    pub only: Vec<String>,
    /// Believe every claimant but these (party or side ids, comma-separated).
    #[arg(
        long,
        value_name = "CLAIMANT,…",
        value_delimiter = ',',
        num_args = 1..,
        conflicts_with = "only"
    )]
    pub except: Vec<String>,
}

impl BelieveArgs {
    /// The lens for `mode`, or what to say when an id names no party.
    pub fn lens(&self, dataset: &Dataset, mode: Mode) -> Result<Lens, String> {
        let believe = if !self.only.is_empty() {
            Believe::only(dataset, &self.only).map_err(|e| said("--only", e))?
        } else if !self.except.is_empty() {
            Believe::except(dataset, &self.except).map_err(|e| said("--except", e))?
        } else {
            Believe::All
        };
        Ok(Lens::from(mode).with_believe(believe))
    }
}

fn said(flag: &str, error: UnknownClaimant) -> String {
    format!("claimmap: {flag}: {error}")
}

/// Says an unknown claimant on stderr; a usage error, so exit status 2.
pub fn usage_error(message: &str, err: &mut dyn Write) -> std::io::Result<()> {
    writeln!(err, "{}", crate::printable::escape_for_terminal(message))
}

/// The filter as the JSON output says it: `{"only": [ids]}` or `{"except": [ids]}`,
/// each with the parties that speak for the sides named.
#[derive(Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BelieveReport<'a> {
    Only(Vec<&'a str>),
    Except(Vec<&'a str>),
}

impl<'a> BelieveReport<'a> {
    /// `None` when every claimant is believed: the output then says nothing.
    pub fn new(dataset: &'a Dataset, believe: &Believe) -> Option<Self> {
        match believe {
            Believe::All => None,
            Believe::Only(set) => Some(BelieveReport::Only(dataset.party_ids(set))),
            Believe::Except(set) => Some(BelieveReport::Except(dataset.party_ids(set))),
        }
    }

    /// "believing only government, afg-officials" for a table's heading.
    pub fn in_words(&self) -> String {
        match self {
            BelieveReport::Only(ids) => format!("believing only {}", ids.join(", ")),
            BelieveReport::Except(ids) => format!("believing all but {}", ids.join(", ")),
        }
    }
}
