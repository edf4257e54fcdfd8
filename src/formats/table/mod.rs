//! Tables of claims: spreadsheets saved as CSV or TSV, and ACLED exports.

use thiserror::Error;

/// What can be wrong in a table.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum TableProblem {}

impl TableProblem {
    /// What kind of problem this is, for counting problems of one kind together.
    pub fn kind(&self) -> &'static str {
        match *self {}
    }
}
