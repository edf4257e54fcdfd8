//! Reading the claims behind the colours in the real window: whose claims
//! count, and moving about the map as in any slippy map.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod common;

use eframe::egui::{self, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase};
use egui_kittest::kittest::{NodeT, Queryable};

use claimmap::app::Startup;
use claimmap::model::Status;
use common::{settle, type_date, window};

fn spin_boldak_status(harness: &egui_kittest::Harness<'static, claimmap::app::ClaimApp>) -> Status {
    let app = harness.state();
    let place = app
        .dataset()
        .unwrap()
        .place_by_id("spin-boldak-chaman")
        .unwrap();
    app.states()[place].status
}

#[test]
fn unticking_the_government_leaves_its_claims_out_and_the_legend_says_so() {
    let mut harness = window(Startup::default());
    type_date(&mut harness, "2021-07-14");
    assert_eq!(spin_boldak_status(&harness), Status::Disputed);

    harness.get_by_label("Whose claims count").click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "Afghan government")
        .click();
    harness.run();
    assert_eq!(spin_boldak_status(&harness), Status::Held);
    harness.get_by_label("Not believing Afghan government");
    // Its parties are unticked with it.
    let ministry = harness.get_by_role_and_label(
        egui::accesskit::Role::CheckBox,
        "Afghan Ministry of Interior Affairs",
    );
    assert_eq!(
        ministry.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::False)
    );

    harness.get_by_label("Believe everyone").click();
    harness.run();
    assert_eq!(spin_boldak_status(&harness), Status::Disputed);
    assert!(
        harness
            .query_by_label("Not believing Afghan government")
            .is_none()
    );
}

#[test]
fn the_mouse_wheel_zooms_the_map() {
    let mut harness = window(Startup::default());
    settle(&mut harness);
    let zoom = harness.state().map_zoom();
    let over_map = harness.state().map_rect().center() + egui::vec2(60.0, 40.0);
    harness.event(egui::Event::PointerMoved(over_map));
    for _ in 0..5 {
        harness.event(egui::Event::MouseWheel {
            unit: MouseWheelUnit::Line,
            delta: egui::vec2(0.0, 3.0),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    settle(&mut harness);
    assert!(
        harness.state().map_zoom() > zoom,
        "{} after {zoom}",
        harness.state().map_zoom()
    );
}

#[test]
fn the_legend_folds_into_a_button_and_opens_again() {
    let mut harness = window(Startup::default());
    settle(&mut harness);
    harness.get_by_label("Hide").click();
    harness.run();
    assert!(harness.query_by_label("Whose claims count").is_none());
    harness.get_by_label("Show legend").click();
    harness.run();
    harness.get_by_label("Whose claims count");
}

#[test]
fn islam_qala_s_panel_says_when_its_state_began_and_who_says_who_holds_it() {
    let mut harness = window(Startup::default());
    type_date(&mut harness, "2021-07-14");
    harness.get_by_label("Islam Qala").click();
    harness.run();
    harness.get_by_label_contains("Held by Taliban (confirmed) since 9 Jul 2021; latest claim");
    // Each claim that decides the colour says whom it names, not just its type.
    let lines = harness
        .query_all_by_label_contains("say Taliban captured it")
        .count();
    assert!(lines >= 2, "{lines}");
}

#[test]
fn comparing_8_with_14_july_lists_what_changed_by_kind() {
    let mut harness = window(Startup::default());
    type_date(&mut harness, "2021-07-14");
    let field = egui::accesskit::Role::TextInput;
    harness.get_by_role_and_label(field, "Compare with").click();
    harness.run();
    harness
        .get_by_role_and_label(field, "Compare with")
        .type_text("2021-07-08");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("Changes from 8 Jul 2021 to 14 Jul 2021");
    harness.get_by_label_contains("became disputed (");
    harness.get_by_label_contains("became held (");
    // Spin Boldak is in the list of changes and in the list of places.
    let spin_boldak = harness.query_all_by_label("Spin Boldak–Chaman").count();
    assert_eq!(spin_boldak, 2);
    let abu_nasr = harness
        .query_all_by_label("Abu Nasr Farahi–Mahirud")
        .count();
    assert_eq!(abu_nasr, 2);
    // A change clicked selects its place.
    harness
        .query_all_by_label("Spin Boldak–Chaman")
        .next()
        .unwrap()
        .click();
    harness.run();
    let dataset = harness.state().dataset().unwrap();
    assert_eq!(
        harness.state().selected(),
        dataset.place_by_id("spin-boldak-chaman")
    );
    harness.get_by_label("‹ All places").click();
    harness.run();
    harness.get_by_label("Stop comparing").click();
    harness.run();
    assert!(harness.query_by_label_contains("Changes from").is_none());
}
