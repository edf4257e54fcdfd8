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
mod shared;

use columns::AcledColumns;
use half::Half;
pub use merge::{Part, merge};

use super::columns::normalize;
use super::dates::{english_day, four_digit_year};
use super::problems::TableProblem;
use super::rows::Rows;
use crate::formats::diagnostic::Collector;

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

/// Exports larger than this are read as two halves on two threads.
const TWO_HALVES_FROM: usize = 8 << 20;

/// Reads every row of an ACLED export under its header. `rows` has read the
/// header of `text`. A large export is read in two halves at once; the result
/// is the same as one pass, which is what a half with any problem falls back to.
pub fn read(
    header: &StringRecord,
    text: &str,
    rows: &mut Rows,
    out: &mut Collector,
) -> Option<Vec<Part>> {
    let start = rows.position();
    let large = text.len().saturating_sub(start) >= TWO_HALVES_FROM;
    let middle = large.then(|| start + (text.len() - start) / 2);
    read_split_near(header, text, rows, out, middle)
}

/// [`read`], in two halves split at the first row that starts at or after
/// byte `near`, if any does; else in one pass.
fn read_split_near(
    header: &StringRecord,
    text: &str,
    rows: &mut Rows,
    out: &mut Collector,
    near: Option<usize>,
) -> Option<Vec<Part>> {
    let columns = AcledColumns::new(header);
    let split = near.and_then(|near| row_start_from(text, rows.position(), near));
    let halves = split.and_then(|split| two_halves(&columns, text, rows, out.file(), split));
    let parts = match halves {
        Some(parts) => parts,
        None => {
            let mut half = Half::new(&columns, out.file());
            let whole = half.read_all(rows);
            out.extend(std::mem::replace(&mut half.out, Collector::new("")));
            if !whole {
                return None;
            }
            vec![Part {
                half: half.into_parsed(),
                rows_before: 0,
            }]
        }
    };
    if parts.iter().all(|part| part.half.links.is_empty()) && !out.has_errors() {
        out.error(None, TableProblem::NoRows.into());
        return None;
    }
    (!out.has_errors()).then_some(parts)
}

/// Both halves of an export read at once, split at `split`, where a row
/// starts; `None` when either half found a problem (the one pass then says it
/// in its place). `rows` is not moved.
fn two_halves(
    columns: &AcledColumns,
    text: &str,
    rows: &Rows,
    file: &str,
    split: usize,
) -> Option<Vec<Part>> {
    let (first, second) = std::thread::scope(|scope| {
        let second = std::thread::Builder::new()
            .name("read ACLED second half".into())
            .spawn_scoped(scope, || {
                let mut half = Half::new(columns, file);
                let read = half.read_all(&mut Rows::new(&text[split..], rows.delimiter()));
                (read, half)
            })
            .ok()?;
        let mut first_rows = Rows::new(&text[..split], rows.delimiter());
        first_rows.next_row(); // the header, read again
        let mut half = Half::new(columns, file);
        let read = half.read_all(&mut first_rows);
        let rows_before = first_rows.rows_to_end();
        Some(((read, half, rows_before), second.join().ok()?))
    })?;
    let ((read_first, first, rows_before), (read_second, second)) = (first, second);
    let clean = |read: bool, half: &Half| read && !half.out.has_any();
    (clean(read_first, &first) && clean(read_second, &second)).then(|| {
        vec![
            Part {
                half: first.into_parsed(),
                rows_before: 0,
            },
            Part {
                half: second.into_parsed(),
                rows_before,
            },
        ]
    })
}

/// The first line start at or after `near`, past the header at `start`, that
/// is outside any quoted field (an even number of quotes before it) and not blank.
fn row_start_from(text: &str, start: usize, near: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let near = near.clamp(start, bytes.len());
    let count_quotes = |from: usize, to: usize| memchr::memchr_iter(b'"', &bytes[from..to]).count();
    // A line starts after a line break, or at `near` if that is where the rows start.
    let mut at = match near {
        near if near == start || bytes.get(near.wrapping_sub(1)) == Some(&b'\n') => near,
        near => near + memchr::memchr(b'\n', &bytes[near..])? + 1,
    };
    let mut quotes = count_quotes(start, at);
    // A quoted field holds an even number of quotes, doubled ones included.
    while at < bytes.len() {
        if quotes % 2 == 0 && at > start && !matches!(bytes[at], b'\r' | b'\n') {
            return Some(at);
        }
        let line_end = at + memchr::memchr(b'\n', &bytes[at..])?;
        quotes += count_quotes(at, line_end);
        at = line_end + 1;
    }
    None
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
