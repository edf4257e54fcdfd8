//! The current day, the timeline's range and playback, driven by commands.
//!
//! Everything that moves the day goes through [`TimeControl::apply`], whether
//! it came from a key, a button, the slider or the date field, so they all
//! agree on clamping and on what "next day with events" means.

use std::sync::Arc;

use chrono::{Days, NaiveDate};

use crate::model::{Dataset, Density, Mode};

/// Days of margin on each side of the events, so the first and last events
/// are not pinned to the slider's ends.
const PADDING_DAYS: u64 = 3;

/// The playback speeds offered, in days per second.
pub const SPEEDS: [u32; 3] = [1, 2, 7];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeCommand {
    SetDay(NaiveDate),
    StepDays(i64),
    NextEventDay,
    PreviousEventDay,
    First,
    Last,
    TogglePlay,
    SetSpeed(u32),
    SetMode(Mode),
}

#[derive(Clone, Debug)]
pub struct TimeControl {
    day: NaiveDate,
    first: NaiveDate,
    last: NaiveDate,
    /// Days on which at least one event falls, sorted and unique.
    event_days: Vec<NaiveDate>,
    /// How many events fall on each day, for the histogram behind the slider:
    /// counted once per dataset, shared so the timeline can tell when it changed.
    density: Arc<Density>,
    mode: Mode,
    days_per_second: u32,
    /// While playing: the time (in seconds) the last step was due.
    playing_since: Option<f64>,
}

impl TimeControl {
    pub fn new(day: NaiveDate, mode: Mode, days_per_second: u32) -> Self {
        Self {
            day,
            first: day,
            last: day,
            event_days: Vec::new(),
            density: Arc::default(),
            mode,
            days_per_second: days_per_second.max(1),
            playing_since: None,
        }
    }

    pub fn day(&self) -> NaiveDate {
        self.day
    }

    pub fn first(&self) -> NaiveDate {
        self.first
    }

    pub fn last(&self) -> NaiveDate {
        self.last
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn days_per_second(&self) -> u32 {
        self.days_per_second
    }

    pub fn is_playing(&self) -> bool {
        self.playing_since.is_some()
    }

    pub fn event_days(&self) -> &[NaiveDate] {
        &self.event_days
    }

    pub fn density(&self) -> &Arc<Density> {
        &self.density
    }

    /// Replaces the counts behind the slider: the window counts them once per
    /// dataset and whenever whose claims count changes.
    pub fn set_density(&mut self, density: Density) {
        self.density = Arc::new(density);
    }

    /// Takes the range from a newly loaded dataset, keeping the day if it is in range.
    pub fn set_dataset(&mut self, dataset: &Dataset) {
        self.event_days = dataset.event_days();
        if let (Some(&first), Some(&last)) = (self.event_days.first(), self.event_days.last()) {
            self.first = first
                .checked_sub_days(Days::new(PADDING_DAYS))
                .unwrap_or(first);
            self.last = last
                .checked_add_days(Days::new(PADDING_DAYS))
                .unwrap_or(last);
        } else {
            (self.first, self.last) = (self.day, self.day);
        }
        self.day = self.day.clamp(self.first, self.last);
    }

    /// Applies a command; returns whether the day or the mode changed.
    pub fn apply(&mut self, command: TimeCommand) -> bool {
        let before = (self.day, self.mode);
        match command {
            TimeCommand::SetDay(day) => self.day = day.clamp(self.first, self.last),
            TimeCommand::StepDays(days) => self.day = self.shifted(days),
            TimeCommand::NextEventDay => {
                let next = self.event_days.iter().find(|&&d| d > self.day);
                self.day = next.copied().unwrap_or(self.last).min(self.last);
            }
            TimeCommand::PreviousEventDay => {
                let previous = self.event_days.iter().rev().find(|&&d| d < self.day);
                self.day = previous.copied().unwrap_or(self.first).max(self.first);
            }
            TimeCommand::First => self.day = self.first,
            TimeCommand::Last => self.day = self.last,
            TimeCommand::TogglePlay => self.toggle_play(),
            TimeCommand::SetSpeed(days) => self.days_per_second = days.max(1),
            TimeCommand::SetMode(mode) => self.mode = mode,
        }
        (self.day, self.mode) != before
    }

    fn toggle_play(&mut self) {
        if self.playing_since.take().is_none() {
            if self.day >= self.last {
                self.day = self.first;
            }
            // The clock starts on the next `advance`, which knows the time.
            self.playing_since = Some(f64::NAN);
        }
    }

    /// Moves playback on to time `now` (seconds). Returns whether the day changed,
    /// and while playing, how long until the next step is due.
    pub fn advance(&mut self, now: f64) -> (bool, Option<f64>) {
        let Some(since) = self.playing_since else {
            return (false, None);
        };
        let step = 1.0 / f64::from(self.days_per_second);
        if since.is_nan() {
            self.playing_since = Some(now);
            return (false, Some(step));
        }
        let mut since = since;
        let due = ((now - since) / step).floor().max(0.0);
        let changed = due >= 1.0;
        if changed {
            // At most a whole range: a long pause must not overflow the date.
            let days = due.min(self.span_days() as f64) as i64;
            self.day = self.shifted(days);
            since += due * step;
            self.playing_since = Some(since);
        }
        if self.day >= self.last {
            self.playing_since = None;
            return (changed, None);
        }
        (changed, Some((since + step - now).max(0.0)))
    }

    fn span_days(&self) -> i64 {
        (self.last - self.first).num_days()
    }

    fn shifted(&self, days: i64) -> NaiveDate {
        let magnitude = Days::new(days.unsigned_abs());
        let day = if days >= 0 {
            self.day.checked_add_days(magnitude)
        } else {
            self.day.checked_sub_days(magnitude)
        };
        day.unwrap_or(self.day).clamp(self.first, self.last)
    }
}

#[cfg(test)]
#[path = "time_control_tests.rs"]
mod tests;
