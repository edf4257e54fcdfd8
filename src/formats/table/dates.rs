//! Dates as people type them in spreadsheets: everything the events file
//! accepts, and English day-month-year ("9 July 2021", "9 Jul 2021").

use chrono::NaiveDate;
use thiserror::Error;

use crate::model::{DateError, DateSpec};

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CellDateError {
    #[error(
        "\"{0}\" could be day/month or month/day; write YYYY-MM-DD (or \"9 July 2021\"), or YYYY-MM, YYYY, or an interval A/B"
    )]
    Ambiguous(String),
    #[error(transparent)]
    Date(#[from] DateError),
}

/// A date cell: ISO forms and intervals as in the events file, or one English day.
pub fn parse_cell_date(text: &str) -> Result<DateSpec, CellDateError> {
    let text = text.trim();
    if let Some(day) = slashed_iso_day(text) {
        return Ok(DateSpec::day(day));
    }
    if is_slashed_numbers(text) {
        return Err(CellDateError::Ambiguous(text.to_owned()));
    }
    if let Some(day) = english_day(text) {
        return Ok(DateSpec::day(day));
    }
    Ok(text.parse::<DateSpec>()?)
}

/// `2021/07/09`: year first, so month and day can only be in that order.
fn slashed_iso_day(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('/');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(
        four_digit_year(year)?,
        month.parse().ok()?,
        day.parse().ok()?,
    )
}

/// `09/07/2021`, `9/7/21`: numbers that only a locale can order.
fn is_slashed_numbers(text: &str) -> bool {
    let parts: Vec<&str> = text.split('/').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// "9 July 2021", "09 Jul 2021", "9 Sept 2021": a day, an English month, a year.
pub fn english_day(text: &str) -> Option<NaiveDate> {
    let mut words = text.split_whitespace();
    let (day, month, year) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some() {
        return None;
    }
    let day: u32 = day.parse().ok()?;
    NaiveDate::from_ymd_opt(four_digit_year(year)?, english_month(month)?, day)
}

/// A year as every date in claimmap's files is written: four digits. "21"
/// would be the year 21, and a year past 9999 could not be written back.
pub fn four_digit_year(text: &str) -> Option<i32> {
    let digits = text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten()
}

fn english_month(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.').as_bytes();
    // The whole name, or its first three letters or more: "Jul", "Sept", "July".
    let abbreviates = |month: &str| {
        let month = month.as_bytes();
        word.len() >= 3
            && month.len() >= word.len()
            && month[..word.len()].eq_ignore_ascii_case(word)
    };
    (1..)
        .zip(MONTHS)
        .find(|&(_, month)| abbreviates(month))
        .map(|(number, _)| number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> DateSpec {
        DateSpec::day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn english_days_are_read_with_full_or_short_months() {
        assert_eq!(parse_cell_date("9 July 2021"), Ok(day(2021, 7, 9)));
        assert_eq!(parse_cell_date(" 09 Jul 2021 "), Ok(day(2021, 7, 9)));
        assert_eq!(parse_cell_date("1 Sept 2021"), Ok(day(2021, 9, 1)));
        assert_eq!(parse_cell_date("1 sep. 2021"), Ok(day(2021, 9, 1)));
    }

    #[test]
    fn the_events_files_forms_still_work() {
        assert_eq!(parse_cell_date("2021-07-09"), Ok(day(2021, 7, 9)));
        assert_eq!(
            parse_cell_date("2021-07/2021-08"),
            "2021-07/2021-08"
                .parse::<DateSpec>()
                .map_err(CellDateError::from)
        );
    }

    #[test]
    fn slashed_numbers_are_ambiguous_and_the_message_names_the_accepted_forms() {
        let error = parse_cell_date("09/07/2021").unwrap_err();
        assert_eq!(error, CellDateError::Ambiguous("09/07/2021".into()));
        assert!(error.to_string().contains("YYYY-MM-DD"));
        assert!(parse_cell_date("31 June 2021").is_err());
        assert!(
            parse_cell_date("9 July 21").is_err(),
            "two-digit years are not guessed"
        );
        assert_eq!(parse_cell_date("2021/07/09"), Ok(day(2021, 7, 9)));
        assert!(parse_cell_date("9 Juli 2021").is_err());
    }
}
