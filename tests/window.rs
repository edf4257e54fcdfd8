//! The real window, driven headlessly by accessibility labels, as a user would.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod common;

use eframe::egui::{self, Key};
use egui_kittest::kittest::Queryable;

use claimmap::app::Startup;
use common::{click_at, fixture, settle, type_date, window};

#[test]
fn typing_14_july_and_choosing_spin_boldak_shows_both_sides_quotes() {
    let mut harness = window(Startup::default());
    type_date(&mut harness, "2021-07-14");
    harness.get_by_label("Wed 14 Jul 2021");

    harness.get_by_label("Spin Boldak–Chaman").click();
    harness.run();

    harness.get_by_label_contains("Disputed: Afghan government vs Taliban");
    // The Taliban spokesman, and Afghan officials (twice: two events quote the same sentence).
    harness.get_by_label_contains("The mujahideen have captured an important border town");
    let government = harness
        .query_all_by_label_contains("government forces had pushed back the Taliban fighters")
        .count();
    assert!(government >= 1);
    // Each card names its outlet.
    let outlets = harness
        .query_all_by_label_contains("The Guardian (Reuters)")
        .count();
    assert!(outlets >= 2, "{outlets}");
}

/// Arrow keys move the day one at a time, and the map's states (stepped from
/// the day before, not recomputed) are every place's state on that day.
#[test]
fn stepping_day_by_day_shows_what_recomputing_the_day_shows() {
    let mut harness = window(Startup {
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 5),
        ..Startup::default()
    });
    settle(&mut harness);
    let check = |harness: &egui_kittest::Harness<'static, claimmap::app::ClaimApp>| {
        let app = harness.state();
        let dataset = app.dataset().unwrap();
        let mode = claimmap::model::Mode::Event;
        assert_eq!(
            app.states(),
            dataset.control_state_at(app.day(), mode),
            "{}",
            app.day()
        );
    };
    for key in
        std::iter::repeat_n(Key::ArrowRight, 14).chain(std::iter::repeat_n(Key::ArrowLeft, 9))
    {
        harness.key_press(key);
        harness.run();
        check(&harness);
    }
    harness.get_by_label("Sat 10 Jul 2021");
}

#[test]
fn the_right_arrow_moves_the_day_on_by_one() {
    let mut harness = window(Startup {
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 14),
        ..Startup::default()
    });
    harness.get_by_label("Wed 14 Jul 2021");
    harness.key_press(Key::ArrowRight);
    harness.run();
    harness.get_by_label("Thu 15 Jul 2021");
    assert!(harness.query_by_label("Wed 14 Jul 2021").is_none());
}

#[test]
fn a_malformed_events_file_is_reported_by_line_and_the_places_stay() {
    let mut harness = window(Startup::default());
    harness
        .state_mut()
        .open(vec![fixture("malformed-events.json")]);
    settle(&mut harness);

    harness.get_by_label_contains("Could not load: 2 errors");
    harness.get_by_label_contains("malformed-events.json:9:32: error:");
    harness.get_by_label("Islam Qala");
    harness.get_by_label_contains("24 places · 36 events");

    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.query_by_label_contains("Could not load").is_none());
}

#[test]
fn clicking_a_marker_selects_its_place() {
    let mut harness = window(Startup::default());
    let dataset = harness.state().dataset().unwrap();
    let islam_qala = dataset.place_by_id("islam-qala").unwrap();
    let at = harness.state().place_on_screen(islam_qala).unwrap();

    click_at(&mut harness, at);

    assert_eq!(harness.state().selected(), Some(islam_qala));
    harness.get_by_label("‹ All places");
}

#[test]
fn clicking_empty_map_clears_the_selection() {
    let mut harness = window(Startup::default());
    harness.get_by_label("Islam Qala").click();
    harness.run();
    assert!(harness.state().selected().is_some());

    // The middle of the map's top edge: "Fit to data" leaves a margin free of places there.
    let map = harness.state().map_rect();
    let empty = egui::pos2(map.center().x, map.top() + 20.0);
    click_at(&mut harness, empty);
    assert_eq!(harness.state().selected(), None);
}

#[test]
fn the_zoom_buttons_and_keys_zoom_one_level() {
    let mut harness = window(Startup::default());
    let zoom = harness.state().map_zoom();
    harness.get_by_label("+").click();
    harness.run();
    assert_eq!(harness.state().map_zoom(), zoom + 1.0);
    harness.key_press(Key::Equals);
    harness.run();
    assert_eq!(harness.state().map_zoom(), zoom + 2.0);
    harness.get_by_label("−").click();
    harness.run();
    harness.key_press(Key::Minus);
    harness.run();
    assert_eq!(harness.state().map_zoom(), zoom);
}
