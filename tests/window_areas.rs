//! Places that are areas, and the maps of a series, in the real window:
//! drawn by their state, selected by a click inside them, switched in the legend.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod common;

use std::path::PathBuf;

use eframe::egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

use claimmap::app::Startup;
use common::{click_at, settle, step_until, window};

/// A fresh folder for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmap-areas-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("isw")).unwrap();
    dir
}

/// A square ring from (`west`, `south`), `side` degrees wide, as GeoJSON.
fn square(west: f64, south: f64, side: f64) -> String {
    let (east, north) = (west + side, south + side);
    format!(
        "[[[{west},{south}],[{east},{south}],[{east},{north}],[{west},{north}],[{west},{south}]]]"
    )
}

/// Two provinces side by side, a town inside the first away from its middle.
fn places() -> String {
    format!(
        r#"{{"type": "FeatureCollection", "features": [
  {{"type": "Feature", "id": "badghis", "properties": {{"name": "Badghis"}},
    "geometry": {{"type": "Polygon", "coordinates": {}}}}},
  {{"type": "Feature", "id": "herat", "properties": {{"name": "Herat"}},
    "geometry": {{"type": "Polygon", "coordinates": {}}}}},
  {{"type": "Feature", "id": "qala-i-naw", "properties": {{"name": "Qala-i-Naw", "kind": "city"}},
    "geometry": {{"type": "Point", "coordinates": [63.5, 35.5]}}}}
]}}"#,
        square(63.0, 34.0, 2.0),
        square(60.5, 34.0, 2.0),
    )
}

const EVENTS: &str = r##"{
  "parties": [
    {"id": "taliban", "name": "Taliban", "color": "#c0392b"},
    {"id": "government", "name": "Afghan government", "color": "#2e86c1"}
  ],
  "maps": [
    {"id": "isw-assessed", "name": "ISW assessed map", "claimant": "isw",
     "controller": "taliban", "files": "isw/*.geojson"}
  ],
  "events": [
    {"id": "b-1", "date": "2021-07-10", "place": "badghis", "type": "captured",
     "claimant": "taliban", "controller": "taliban"},
    {"id": "h-1", "date": "2021-07-10", "place": "herat", "type": "captured",
     "claimant": "taliban", "controller": "taliban"},
    {"id": "h-2", "date": "2021-07-11", "place": "herat", "type": "denied",
     "claimant": "government", "controller": "government"},
    {"id": "h-3", "date": "2021-07-11", "place": "herat", "type": "fighting",
     "claimant": "government"}
  ]
}"##;

/// A publisher's map over a corner of Badghis with no place in it, on 10 July.
fn isw_map() -> String {
    format!(
        r#"{{"type": "FeatureCollection", "features": [
  {{"type": "Feature", "properties": {{}}, "geometry": {{"type": "Polygon", "coordinates": {}}}}}
]}}"#,
        square(64.2, 34.1, 0.5)
    )
}

fn window_on_areas(test: &str) -> egui_kittest::Harness<'static, claimmap::app::ClaimApp> {
    let dir = scratch(test);
    std::fs::write(dir.join("places.geojson"), places()).unwrap();
    std::fs::write(dir.join("events.json"), EVENTS).unwrap();
    std::fs::write(dir.join("isw/assessed-2021-07-10.geojson"), isw_map()).unwrap();
    let mut harness = window(Startup {
        gazetteer: Some(dir.join("places.geojson")),
        events: Some(dir.join("events.json")),
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 12),
        offline: true,
        ..Startup::default()
    });
    step_until(&mut harness, 60, "the areas are built", |app| {
        app.areas_ready() && app.dataset().is_some_and(|d| d.places().len() == 3)
    });
    settle(&mut harness);
    harness
}

#[test]
fn areas_are_drawn_by_their_state_and_a_click_inside_one_selects_it() {
    let mut harness = window_on_areas("click");
    let drawn = harness.state().areas_drawn().clone();
    assert_eq!(drawn.outlined, 2, "{drawn:?}");
    assert!(drawn.tints >= 1, "Badghis, held, is tinted: {drawn:?}");
    assert!(drawn.stripes > 0, "Herat, disputed, is striped: {drawn:?}");

    let dataset = harness.state().dataset().unwrap();
    let herat = dataset.place_by_id("herat").unwrap();
    let badghis = dataset.place_by_id("badghis").unwrap();
    let town = dataset.place_by_id("qala-i-naw").unwrap();
    // Herat's inner point: no marker there now, the area itself is hit.
    let inside = harness.state().place_on_screen(herat).unwrap();
    click_at(&mut harness, inside);
    assert_eq!(harness.state().selected(), Some(herat));
    harness.get_by_label("‹ All places");
    harness.get_by_label_contains("Disputed: Afghan government vs Taliban");

    // A marker inside an area wins over the area.
    let at_town = harness.state().place_on_screen(town).unwrap();
    click_at(&mut harness, at_town);
    assert_eq!(harness.state().selected(), Some(town));

    let in_badghis = harness.state().place_on_screen(badghis).unwrap();
    click_at(&mut harness, in_badghis);
    assert_eq!(harness.state().selected(), Some(badghis));
    harness.get_by_label_contains("Held by Taliban");
}

#[test]
fn each_map_series_has_a_switch_in_the_legend() {
    let mut harness = window_on_areas("series");
    step_until(&mut harness, 60, "the map is drawn", |app| {
        app.maps_drawn().maps == 1
    });
    assert!(harness.state().maps_drawn().hatches > 0);
    let switch = harness.get_by_role_and_label(Role::CheckBox, "ISW assessed map");
    switch.click();
    harness.run();
    assert!(!harness.state().series_shown("isw-assessed"));
    assert_eq!(harness.state().maps_drawn().maps, 0);

    harness
        .get_by_role_and_label(Role::CheckBox, "ISW assessed map")
        .click();
    harness.run();
    step_until(&mut harness, 60, "the map is drawn again", |app| {
        app.maps_drawn().maps == 1
    });
}

/// A folder dropped on the window, as the windowing system hands it over.
#[derive(Debug)]
struct DroppedFolder(PathBuf);

impl eframe::egui::DroppedFile for DroppedFolder {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        Err("a folder has no bytes".to_owned())
    }
}

/// Maps of another publisher over all of Badghis, in a folder of their own.
fn other_maps(dir: &std::path::Path) -> PathBuf {
    let folder = dir.join("Government Maps");
    std::fs::create_dir_all(&folder).unwrap();
    let map = format!(
        r#"{{"type": "FeatureCollection", "features": [
  {{"type": "Feature", "properties": {{}}, "geometry": {{"type": "Polygon", "coordinates": {}}}}}
]}}"#,
        square(62.5, 33.5, 3.0)
    );
    std::fs::write(folder.join("gov-20210711.geojson"), map).unwrap();
    folder
}

#[test]
fn a_dropped_folder_of_maps_is_added_as_a_series_through_the_form() {
    let mut harness = window_on_areas("drop");
    let folder = other_maps(&scratch("drop-maps"));
    let dropped: eframe::egui::DroppedFileHandle = std::sync::Arc::new(DroppedFolder(folder));
    harness.input_mut().dropped_files.push(dropped);
    harness.run();
    harness.get_by_label("Add map series");
    let series = harness.get_by_role_and_label(Role::TextInput, "Series");
    assert_eq!(series.value().as_deref(), Some("government-maps"));
    // Nothing to add until the form says who claims what.
    assert!(
        harness
            .get_by_label("Add series")
            .accesskit_node()
            .is_disabled()
    );
    for field in ["Published by", "Shows held by"] {
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .click();
        harness.run();
        (harness.get_by_role_and_label(Role::TextInput, field)).type_text("government");
        harness.run();
    }
    harness.get_by_label("Add series").click();
    // Reading starts, and the status line's spinner asks for frames: step, not run.
    harness.step();
    step_until(&mut harness, 120, "the series is added", |app| {
        app.dataset().is_some_and(|d| d.map_series().len() == 2)
    });
    let dataset = harness.state().dataset().unwrap();
    let added = &dataset.map_series()[1];
    assert_eq!(added.series.id, "government-maps");
    assert_eq!(added.maps[0].file, "gov-20210711.geojson");
    // The government's map and the Taliban's claim: Badghis disputed from the 11th.
    let badghis = dataset.place_by_id("badghis").unwrap();
    let state = dataset.place_state_at(badghis, "2021-07-12".parse().unwrap(), Default::default());
    assert_eq!(state.status, claimmap::model::Status::Disputed);
    assert!(
        harness.query_by_label("Add map series").is_none(),
        "the form closed"
    );
    harness.get_by_role_and_label(Role::CheckBox, "government-maps");
}
