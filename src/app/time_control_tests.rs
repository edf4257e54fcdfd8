use chrono::NaiveDate;

use super::*;
use crate::data::{Input, load_dataset};

fn july(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 7, day).expect("a July day")
}

/// The built-in dataset's timeline, on 14 Jul 2021.
fn control() -> TimeControl {
    let report = load_dataset(
        &Input::built_in_gazetteer(),
        &Input::built_in_events(),
        crate::files::DEFAULT_MAX_FILE_SIZE,
    );
    let dataset = report.dataset.expect("the built-in dataset loads");
    let mut control = TimeControl::new(july(14), Mode::Event, 1);
    control.set_dataset(&dataset);
    control
}

#[test]
fn the_range_is_padded_around_the_events() {
    let control = control();
    let (first, last) = (
        control.event_days()[0],
        control.event_days()[control.event_days().len() - 1],
    );
    assert_eq!((control.first() - first).num_days(), -3);
    assert_eq!((control.last() - last).num_days(), 3);
    assert_eq!(control.day(), july(14));
}

#[test]
fn stepping_moves_one_day_and_stops_at_the_ends() {
    let mut control = control();
    assert!(control.apply(TimeCommand::StepDays(1)));
    assert_eq!(control.day(), july(15));
    control.apply(TimeCommand::Last);
    assert!(
        !control.apply(TimeCommand::StepDays(1)),
        "nothing after the last day"
    );
    control.apply(TimeCommand::StepDays(-100_000));
    assert_eq!(control.day(), control.first());
}

#[test]
fn next_and_previous_event_days_skip_quiet_days() {
    let mut control = control();
    let days = control.event_days().to_vec();
    control.apply(TimeCommand::First);
    control.apply(TimeCommand::NextEventDay);
    assert_eq!(control.day(), days[0]);
    control.apply(TimeCommand::NextEventDay);
    assert_eq!(control.day(), days[1]);
    control.apply(TimeCommand::PreviousEventDay);
    assert_eq!(control.day(), days[0]);
}

#[test]
fn a_typed_day_outside_the_range_is_clamped() {
    let mut control = control();
    control.apply(TimeCommand::SetDay(
        NaiveDate::from_ymd_opt(1990, 1, 1).expect("a day"),
    ));
    assert_eq!(control.day(), control.first());
}

#[test]
fn playing_steps_at_the_chosen_speed_and_stops_at_the_end() {
    let mut control = control();
    control.apply(TimeCommand::SetSpeed(2));
    control.apply(TimeCommand::TogglePlay);
    assert!(control.is_playing());
    assert_eq!(control.advance(10.0), (false, Some(0.5)));
    let (changed, next) = control.advance(11.2);
    assert!(changed);
    assert_eq!(
        control.day(),
        july(16),
        "2.4 s at 2 days a second is 2 days"
    );
    assert!(next.is_some_and(|n| (n - 0.3).abs() < 1e-9), "{next:?}");
    control.advance(1.0e9);
    assert_eq!(control.day(), control.last());
    assert!(!control.is_playing(), "playback stops at the last day");
}

#[test]
fn play_at_the_last_day_starts_again_from_the_first() {
    let mut control = control();
    control.apply(TimeCommand::Last);
    control.apply(TimeCommand::TogglePlay);
    assert_eq!(control.day(), control.first());
    control.apply(TimeCommand::TogglePlay);
    assert!(!control.is_playing());
}

#[test]
fn switching_the_mode_is_a_change() {
    let mut control = control();
    assert!(control.apply(TimeCommand::SetMode(Mode::Known)));
    assert!(!control.apply(TimeCommand::SetMode(Mode::Known)));
}
