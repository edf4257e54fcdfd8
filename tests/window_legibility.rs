//! Legible at a glance: markers at one spot fan out under the pointer, and a
//! long party name is never broken inside a word.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod common;

use eframe::egui::{self, accesskit::Role};
use egui_kittest::kittest::{By, Queryable};

use claimmap::app::{ClaimApp, Startup};
use common::{click_at, settle, window};

fn place_named(app: &ClaimApp, name: &str) -> usize {
    let dataset = app.dataset().unwrap();
    dataset
        .places()
        .iter()
        .position(|p| p.name == name)
        .unwrap_or_else(|| panic!("no place {name}"))
}

/// The fanned marker of `name`: a button on the map, not the panel's list.
fn fanned_marker(
    harness: &egui_kittest::Harness<'static, ClaimApp>,
    name: &str,
) -> Option<egui::Rect> {
    let map = harness.state().map_rect();
    harness
        .query_all(By::new().role(Role::Button).label(name))
        .map(|node| node.rect())
        .find(|rect| map.contains(rect.center()))
}

#[test]
fn hovering_a_stack_fans_it_out_and_a_click_selects_a_fanned_place() {
    let mut harness = window(Startup {
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 14),
        ..Startup::default()
    });
    let crossing = place_named(harness.state(), "Torghundi–Serhetabat");
    let city = place_named(harness.state(), "Serhetabat");
    let spot = harness.state().place_on_screen(crossing).unwrap();
    let other = harness.state().place_on_screen(city).unwrap();
    assert!(
        spot.distance(other) < 10.0,
        "at the default zoom the two are one spot: {spot:?} {other:?}"
    );
    assert!(fanned_marker(&harness, "Serhetabat").is_none(), "closed");

    harness.event(egui::Event::PointerMoved(spot));
    harness.run();
    let fanned = fanned_marker(&harness, "Serhetabat").expect("fanned out under the pointer");
    let crossing_at = fanned_marker(&harness, "Torghundi–Serhetabat").expect("both");
    assert!(
        fanned.center().distance(crossing_at.center()) > 2.0 * 10.0,
        "spread apart: {fanned:?} {crossing_at:?}"
    );

    click_at(&mut harness, fanned.center());
    assert_eq!(harness.state().selected(), Some(city));
    assert!(
        fanned_marker(&harness, "Serhetabat").is_some(),
        "still open while the pointer is on it"
    );

    // Away from the stack, it closes again.
    harness.event(egui::Event::PointerMoved(spot + egui::vec2(200.0, 0.0)));
    harness.run();
    assert!(fanned_marker(&harness, "Serhetabat").is_none());
}

const LONG_NAME: &str = "Spokesman of the Islamic Emirate of Afghanistan Cultural Commission";

#[test]
fn a_long_party_name_in_a_narrow_panel_breaks_only_between_words() {
    let dir = std::env::temp_dir().join(format!("claimmap-legibility-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let events = std::fs::read_to_string(root.join("events.json"))
        .unwrap()
        .replace(
            "\"name\": \"Taliban\"",
            &format!("\"name\": \"{LONG_NAME}\""),
        );
    assert!(
        events.contains(LONG_NAME),
        "the fixture renames the Taliban"
    );
    let events_path = dir.join("events.json");
    std::fs::write(&events_path, events).unwrap();

    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(900.0, 700.0))
        .build_eframe(|cc| {
            ClaimApp::new(
                &cc.egui_ctx,
                Startup {
                    gazetteer: Some(root.join("gazetteer.geojson")),
                    events: Some(events_path.clone()),
                    at: chrono::NaiveDate::from_ymd_opt(2021, 7, 14),
                    ..Startup::default()
                },
                None,
            )
        });
    settle(&mut harness);
    harness.get_by_label("Spin Boldak–Chaman").click();
    harness.run();

    let chips: Vec<String> = harness
        .query_all(By::new().predicate(|node| {
            node.value()
                .is_some_and(|v| v.replace('\n', "").trim_end() == LONG_NAME)
        }))
        .filter_map(|node| node.value())
        .collect();
    assert!(!chips.is_empty(), "the long name is shown in a chip");
    let panel_is_narrow = chips.iter().any(|rows| rows.contains('\n'));
    assert!(
        panel_is_narrow,
        "the name needs more than one row: {chips:?}"
    );
    for rows in &chips {
        let rows: Vec<&str> = rows.split('\n').collect();
        for (i, row) in rows.iter().enumerate() {
            let last = i + 1 == rows.len();
            assert!(
                row.ends_with(' ') || (last && LONG_NAME.ends_with(row.trim_start())),
                "row {i} {row:?} of {rows:?} ends inside a word"
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
