//! Events: one attributed claim or report about one place on one date.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::DateSpec;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventType {
    Captured,
    Retaken,
    Holds,
    Denied,
    Withdrew,
    Confirmed,
    Fighting,
    Report,
}

impl EventType {
    pub const ALL: [EventType; 8] = [
        EventType::Captured,
        EventType::Retaken,
        EventType::Holds,
        EventType::Denied,
        EventType::Withdrew,
        EventType::Confirmed,
        EventType::Fighting,
        EventType::Report,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Captured => "captured",
            EventType::Retaken => "retaken",
            EventType::Holds => "holds",
            EventType::Denied => "denied",
            EventType::Withdrew => "withdrew",
            EventType::Confirmed => "confirmed",
            EventType::Fighting => "fighting",
            EventType::Report => "report",
        }
    }

    /// Whether the event says who holds the place (and so must name a controller).
    pub fn is_control_claim(self) -> bool {
        !matches!(self, EventType::Fighting | EventType::Report)
    }
}

impl FromStr for EventType {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str() == text)
            .ok_or(())
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Verification {
    /// Someone says so.
    #[default]
    Claimed,
    /// Independently confirmed, or admitted against the speaker's own interest.
    Confirmed,
}

impl FromStr for Verification {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        match text {
            "claimed" => Ok(Verification::Claimed),
            "confirmed" => Ok(Verification::Confirmed),
            _ => Err(()),
        }
    }
}

/// Where something was written in a file, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// An event as the file states it, with ids still as text.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub date: DateSpec,
    pub place: String,
    pub kind: EventType,
    /// Who says it.
    pub claimant: String,
    /// Who the claim says holds the place; `None` for fighting and reports.
    pub controller: Option<String>,
    pub verification: Verification,
    /// The last day the claim stands: after it, it has lapsed.
    pub until: Option<NaiveDate>,
    pub speaker: Option<String>,
    pub quote: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
}

impl Event {
    pub fn is_confirmed(&self) -> bool {
        self.verification == Verification::Confirmed
    }
}
