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

/// The status line's counts of the built-in dataset, as the files say today.
fn built_in_counts() -> String {
    use claimmap::data::{Input, load_events, load_gazetteer};
    let places = load_gazetteer(&Input::built_in_gazetteer(), u64::MAX).unwrap();
    let events = load_events(&Input::built_in_events(), u64::MAX).unwrap();
    format!(
        "{} places · {} events",
        places.value.places.len(),
        events.value.events.len()
    )
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
    harness.get_by_label_contains(&built_in_counts());

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

/// A folder for the files these tests write, as a user's downloads folder.
fn scratch() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmap-window-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An ACLED export as a user downloads it, opened with File → Open….
fn acled_export() -> std::path::PathBuf {
    let dir = scratch();
    let path = dir.join("acled-afghanistan.csv");
    std::fs::write(
        &path,
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n\
         AFG1,14 July 2021,2021,1,Political violence,Strategic developments,Non-state actor overtakes territory,Taliban,,Rebel group,,,,,,4,Southern Asia,Afghanistan,Kandahar,Spin Boldak,,Spin Boldak,31.0056,66.3997,1,Pajhwok Afghan News,National,Taliban took control of the Spin Boldak crossing.,0,,1626652800\n\
         AFG2,15 July 2021,2021,1,Political violence,Battles,Armed clash,Taliban,,Rebel group,Military Forces of Afghanistan (2004-2021),,State forces,,,4,Southern Asia,Afghanistan,Herat,Herat,,Herat,34.3482,62.1997,1,Tolo News,National,Clashes on the outskirts of Herat city.,3,,1626739200\n",
    )
    .unwrap();
    path
}

#[test]
fn an_acled_export_opens_with_its_places_and_the_reading_on_each_card() {
    let mut harness = window(Startup::default());
    harness.state_mut().open(vec![acled_export()]);
    settle(&mut harness);

    harness.get_by_label_contains("2 places · 2 events");
    type_date(&mut harness, "2021-07-15");
    harness.get_by_label("Spin Boldak").click();
    harness.run();
    harness.get_by_label_contains("Held by Taliban");
    harness.get_by_label_contains("Non-state actor overtakes territory");
    harness.get_by_label_contains("Taliban took control of the Spin Boldak crossing.");
}

#[test]
fn a_broken_sheet_row_is_reported_by_row_and_column_and_the_places_stay() {
    let dir = scratch();
    let sheet = dir.join("claims.csv");
    std::fs::write(
        &sheet,
        "Date;Place;Type;Claimant;Controller\r\n\
         14 July 2021;spin-boldak-chaman;captured;Taliban;Taliban\r\n\
         15 July 2021;Herat;captured;Taliban;\r\n",
    )
    .unwrap();
    let mut harness = window(Startup::default());
    harness.state_mut().open(vec![sheet]);
    settle(&mut harness);
    harness.get_by_label_contains("Could not load: 1 error");
    harness.get_by_label_contains("claims.csv:3:5: error: row 3, column \"Controller\": is empty");
    harness.get_by_label("Islam Qala");
    harness.get_by_label_contains(&built_in_counts());
}

/// A claim from a control map stands until its last day; after it, its card
/// says it lapsed, and the place is unknown again.
#[test]
fn a_claim_past_its_until_day_is_shown_lapsed_and_no_longer_colours_its_place() {
    let dir = scratch();
    let sheet = dir.join("map-claims.csv");
    std::fs::write(
        &sheet,
        "date,place,lat,lon,type,claimant,controller,until\n\
         9 July 2021,Spin Boldak,31.0056,66.3997,holds,ISW assessed map,Taliban,12 July 2021\n",
    )
    .unwrap();
    let mut harness = window(Startup {
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 12),
        ..Startup::default()
    });
    harness.state_mut().open(vec![sheet]);
    settle(&mut harness);
    harness.get_by_label("Mon 12 Jul 2021");
    harness.get_by_label("Spin Boldak").click();
    harness.run();
    harness.get_by_label_contains("Held by Taliban");
    harness.get_by_label("until 12 Jul 2021");
    assert!(harness.query_by_label("lapsed").is_none());

    // One day on.
    harness.get_by_label("⏵").click();
    harness.run();
    harness.get_by_label("Tue 13 Jul 2021");
    assert!(harness.query_by_label_contains("Held by Taliban").is_none());
    harness.get_by_label("lapsed");
}
