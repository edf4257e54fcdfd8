//! ACLED exports: dated, geolocated, sourced events, in the current 31-column
//! layout (since March 2023) or the older one, in any column order.
//!
//! ACLED reports events, not claims of control, so the mapping is a reading:
//! the territorial sub-event types become control claims by `actor1`; other
//! battles and explosions become fighting; everything else a report. The
//! claimant is who reported the row (its `source` text), never an actor.

use std::collections::HashSet;

use chrono::NaiveDate;
use csv::StringRecord;

mod columns;
mod drafts;
mod half;
mod merge;
mod note;
mod parts;
mod place_drafts;

pub use merge::{Part, merge};
pub use parts::read;

use super::columns::normalize;
use super::dates::{english_day, four_digit_year};

/// The columns that make a header ACLED's, in both layouts.
const SIGNATURE: [&str; 6] = [
    "event_id_cnty",
    "event_date",
    "sub_event_type",
    "actor1",
    "latitude",
    "longitude",
];

pub fn is_acled(header: &StringRecord) -> bool {
    let names: HashSet<String> = header.iter().map(normalize).collect();
    SIGNATURE
        .iter()
        .all(|name| names.contains(&normalize(name)))
}

/// `inter1` as a number (1) in exports before 2023, as words since.
fn is_state_forces(inter: Option<&str>) -> bool {
    inter.is_some_and(|inter| inter == "1" || inter.eq_ignore_ascii_case("state forces"))
}

/// `2021-07-14`, `14-07-2021` or `14 July 2021`: the three spellings ACLED exports use.
fn acled_day(text: &str) -> Option<NaiveDate> {
    if text.contains(' ') {
        return english_day(text);
    }
    let mut parts = text.split('-');
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    NaiveDate::from_ymd_opt(
        four_digit_year(year)?,
        month.parse().ok()?,
        day.parse().ok()?,
    )
}

#[cfg(test)]
mod tests;
