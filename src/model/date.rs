//! Dates as sources give them: a day, a month, a year, or an interval of those.
//!
//! A claim dated "June 2021" was surely made by 30 June, so the rule works with
//! the *effective day*: the last day a date covers. The precision is kept so the
//! window can say "Jun 2021" rather than pretend to know the day.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

/// A date with the precision its source gave: a day, a month or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatePoint {
    Day(NaiveDate),
    /// `month` is 1 to 12: a byte keeps a million events' dates small.
    Month {
        year: i32,
        month: u8,
    },
    Year(i32),
}

/// A [`DatePoint`] or an interval `A/B` of two of them, as written in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateSpec {
    start: DatePoint,
    end: Option<DatePoint>,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DateError {
    #[error(
        "\"{0}\" is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY or an interval A/B of those)"
    )]
    Malformed(String),
    #[error("\"{0}\" is not a day of the calendar")]
    NoSuchDay(String),
    #[error("interval \"{0}\" ends before it starts")]
    Reversed(String),
}

impl DatePoint {
    pub fn first_day(self) -> NaiveDate {
        match self {
            DatePoint::Day(day) => day,
            DatePoint::Month { year, month } => first_of_month(year, month),
            DatePoint::Year(year) => first_of_month(year, 1),
        }
    }

    pub fn last_day(self) -> NaiveDate {
        match self {
            DatePoint::Day(day) => day,
            DatePoint::Month { year, month } => last_of_month(year, month),
            DatePoint::Year(year) => last_of_month(year, 12),
        }
    }
}

/// Parsing validates months; a hand-built `Month` outside 1–12 falls back to
/// `NaiveDate::MIN`/`MAX` rather than panic.
fn first_of_month(year: i32, month: u8) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, u32::from(month), 1).unwrap_or(NaiveDate::MIN)
}

fn last_of_month(year: i32, month: u8) -> NaiveDate {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, u32::from(month) + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
}

impl FromStr for DatePoint {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let malformed = || DateError::Malformed(text.to_owned());
        // Without allocating: a million dates are read per load.
        let mut parts = text.split('-');
        let mut next = || parts.next();
        let number = |part: &str, len: usize| {
            (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')))
        };
        let (Some(y), m, d, None) = (next(), next(), next(), next()) else {
            return Err(malformed());
        };
        // Four digits always fit an i32.
        let year = number(y, 4).ok_or_else(malformed)? as i32;
        let Some(m) = m else {
            return Ok(DatePoint::Year(year));
        };
        let month = number(m, 2).ok_or_else(malformed)?;
        let Some(d) = d else {
            return match u8::try_from(month) {
                Ok(month @ 1..=12) => Ok(DatePoint::Month { year, month }),
                _ => Err(DateError::NoSuchDay(text.to_owned())),
            };
        };
        let day = number(d, 2).ok_or_else(malformed)?;
        NaiveDate::from_ymd_opt(year, month, day)
            .map(DatePoint::Day)
            .ok_or_else(|| DateError::NoSuchDay(text.to_owned()))
    }
}

impl DateSpec {
    pub fn day(day: NaiveDate) -> Self {
        DateSpec {
            start: DatePoint::Day(day),
            end: None,
        }
    }

    /// The days from `first` to `last`, both included, as an interval of days.
    pub fn days(first: NaiveDate, last: NaiveDate) -> Self {
        DateSpec {
            start: DatePoint::Day(first.min(last)),
            end: (first != last).then_some(DatePoint::Day(first.max(last))),
        }
    }

    /// The month that contains `day`.
    pub fn month_of(day: NaiveDate) -> Self {
        // A month of the calendar, 1 to 12, always fits a byte.
        let (year, month) = (day.year(), u8::try_from(day.month()).unwrap_or(12));
        DateSpec {
            start: DatePoint::Month { year, month },
            end: None,
        }
    }

    pub fn start(&self) -> DatePoint {
        self.start
    }

    /// The second half of an interval, `None` for a single date.
    pub fn end(&self) -> Option<DatePoint> {
        self.end
    }

    pub fn first_day(&self) -> NaiveDate {
        self.start.first_day()
    }

    /// The last day the date covers: by then the claim had surely been made.
    pub fn effective_day(&self) -> NaiveDate {
        self.end.unwrap_or(self.start).last_day()
    }
}

impl FromStr for DateSpec {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        match text.split_once('/') {
            None => Ok(DateSpec {
                start: text.parse()?,
                end: None,
            }),
            Some((a, b)) => {
                // Report the half's own problem, but quote the whole interval.
                let whole = |error| match error {
                    DateError::NoSuchDay(_) => DateError::NoSuchDay(text.to_owned()),
                    _ => DateError::Malformed(text.to_owned()),
                };
                let start: DatePoint = a.trim().parse().map_err(whole)?;
                let end: DatePoint = b.trim().parse().map_err(whole)?;
                if end.last_day() < start.first_day() {
                    return Err(DateError::Reversed(text.to_owned()));
                }
                Ok(DateSpec {
                    start,
                    end: Some(end),
                })
            }
        }
    }
}

/// A day as YYYY-MM-DD, the way files write it. Without chrono's format
/// parser for the years files can hold: `changes` writes two million of them.
pub fn iso_day(day: NaiveDate) -> String {
    if (0..=9999).contains(&day.year()) {
        format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
    } else {
        day.format("%Y-%m-%d").to_string()
    }
}

/// Writes the date back in the file's own syntax (`2021-07`, `2021-07-08/2021-07-10`).
impl fmt::Display for DatePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatePoint::Day(day) => f.write_str(&iso_day(*day)),
            DatePoint::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            DatePoint::Year(year) => write!(f, "{year:04}"),
        }
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.end {
            None => write!(f, "{}", self.start),
            Some(end) => write!(f, "{}/{}", self.start, end),
        }
    }
}

impl DateSpec {
    /// The date in words, at its own precision: "8 Jul 2021", "Jul 2021",
    /// "8–10 Jul 2021", "28 Jun – 2 Jul 2021".
    pub fn in_words(&self) -> String {
        match self.end {
            None => point_in_words(self.start),
            Some(end) => interval_in_words(self.start, end),
        }
    }
}

fn point_in_words(point: DatePoint) -> String {
    match point {
        DatePoint::Day(day) => day.format("%-d %b %Y").to_string(),
        DatePoint::Month { .. } => point.first_day().format("%b %Y").to_string(),
        DatePoint::Year(year) => year.to_string(),
    }
}

fn interval_in_words(start: DatePoint, end: DatePoint) -> String {
    if let (DatePoint::Day(a), DatePoint::Day(b)) = (start, end) {
        if a.year() == b.year() && a.month() == b.month() {
            return format!("{}–{}", a.day(), b.format("%-d %b %Y"));
        }
        if a.year() == b.year() {
            return format!("{} – {}", a.format("%-d %b"), b.format("%-d %b %Y"));
        }
    }
    format!("{} – {}", point_in_words(start), point_in_words(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_days_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (2021, 7, 8),
            (1, 1, 1),
            (9999, 12, 31),
            (0, 2, 29),
            (-44, 3, 15),
            (10_000, 1, 1),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_day(day), day.format("%Y-%m-%d").to_string());
        }
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_day_is_its_own_effective_day() {
        let date: DateSpec = "2021-07-08".parse().unwrap();
        assert_eq!(date.effective_day(), ymd(2021, 7, 8));
        assert_eq!(date.in_words(), "8 Jul 2021");
    }

    #[test]
    fn a_month_takes_effect_on_its_last_day() {
        let date: DateSpec = "2021-06".parse().unwrap();
        assert_eq!(date.first_day(), ymd(2021, 6, 1));
        assert_eq!(date.effective_day(), ymd(2021, 6, 30));
        assert_eq!(date.in_words(), "Jun 2021");
        let february: DateSpec = "2024-02".parse().unwrap();
        assert_eq!(february.effective_day(), ymd(2024, 2, 29));
    }

    #[test]
    fn a_year_takes_effect_on_new_years_eve() {
        let date: DateSpec = "2021".parse().unwrap();
        assert_eq!(date.effective_day(), ymd(2021, 12, 31));
        assert_eq!(date.in_words(), "2021");
    }

    #[test]
    fn an_interval_takes_effect_on_its_last_day() {
        let date: DateSpec = "2021-07-08/2021-07-10".parse().unwrap();
        assert_eq!(date.first_day(), ymd(2021, 7, 8));
        assert_eq!(date.effective_day(), ymd(2021, 7, 10));
        assert_eq!(date.in_words(), "8–10 Jul 2021");
        assert_eq!(date.to_string(), "2021-07-08/2021-07-10");
    }

    #[test]
    fn an_interval_may_mix_precisions() {
        let date: DateSpec = "2021-05-01/2021-07".parse().unwrap();
        assert_eq!(date.effective_day(), ymd(2021, 7, 31));
        assert_eq!(date.in_words(), "1 May 2021 – Jul 2021");
        let across_months: DateSpec = "2021-06-28/2021-07-02".parse().unwrap();
        assert_eq!(across_months.in_words(), "28 Jun – 2 Jul 2021");
    }

    #[test]
    fn malformed_dates_are_refused_with_the_text() {
        for text in [
            "",
            "July 2021",
            "2021-7-8",
            "21-07-08",
            "2021/",
            "2021-07-08T10:00",
            "2021-07-08/",
        ] {
            let err = text.parse::<DateSpec>().unwrap_err();
            assert!(err.to_string().contains("is not a date"), "{text}: {err}");
        }
    }

    #[test]
    fn impossible_days_are_refused() {
        let err = "2021-02-30".parse::<DateSpec>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"2021-02-30\" is not a day of the calendar"
        );
        assert!("2021-13".parse::<DateSpec>().is_err());
        let err = "2021-02-30/2021-03-02".parse::<DateSpec>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"2021-02-30/2021-03-02\" is not a day of the calendar"
        );
    }

    #[test]
    fn an_interval_that_ends_before_it_starts_is_refused() {
        let err = "2021-07-10/2021-07-08".parse::<DateSpec>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "interval \"2021-07-10/2021-07-08\" ends before it starts"
        );
    }
}
