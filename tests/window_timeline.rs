//! The timeline's histogram and stale claims, in the real window driven
//! headlessly as a user would.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod common;

use std::collections::HashMap;

use chrono::NaiveDate;
use eframe::egui;
use egui_kittest::kittest::Queryable;

use claimmap::app::Startup;
use common::{settle, window};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The tallest bar behind the slider is the day with the most events of the
/// built-in data, counted here from the events themselves; hovering it
/// shows its count by type.
#[test]
fn the_tallest_bar_is_the_day_with_most_events() {
    let mut harness = window(Startup {
        at: Some(day("2021-07-14")),
        offline: true,
        ..Startup::default()
    });
    let app = harness.state();
    let dataset = app.dataset().unwrap();
    let mut per_day: HashMap<NaiveDate, u32> = HashMap::new();
    for event in 0..dataset.events().len() {
        *per_day
            .entry(dataset.links(event).effective_day)
            .or_default() += 1;
    }
    let most = per_day.values().copied().max().unwrap();
    let busiest = per_day
        .iter()
        .filter(|&(_, &n)| n == most)
        .map(|(&d, _)| d)
        .min()
        .unwrap();

    let drawn = app.histogram_drawn().clone();
    assert_eq!(drawn.bin_days, 1, "July 2021 at 1280 pixels: a bar a day");
    assert_eq!(drawn.tallest, Some((busiest, most)));
    assert_eq!(drawn.bars, per_day.len(), "a bar for every day with events");

    harness.event(egui::Event::PointerMoved(drawn.tallest_at.unwrap()));
    harness.run();
    let heading = format!("{}: {most} events", busiest.format("%a %-d %b %Y"));
    harness.get_by_label(&heading);
    harness.get_by_label_contains("captured: ");
}

/// Clicking the histogram goes to the day under the pointer.
#[test]
fn clicking_a_bar_goes_to_its_day() {
    let mut harness = window(Startup {
        at: Some(day("2021-07-14")),
        offline: true,
        ..Startup::default()
    });
    let drawn = harness.state().histogram_drawn().clone();
    let (busiest, _) = drawn.tallest.unwrap();
    common::click_at(&mut harness, drawn.tallest_at.unwrap());
    assert_eq!(harness.state().day(), busiest);
}

/// Islam Qala claimed on 9 July, and nothing more of it until a claim about
/// Spin Boldak on 20 August: 42 days later.
fn a_quiet_summer() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmap-timeline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("quiet-events.json");
    std::fs::write(
        &path,
        r##"{
  "parties": [
    {"id": "taliban", "name": "Taliban", "color": "#c0392b"},
    {"id": "government", "name": "Afghan government", "color": "#2e86c1"}
  ],
  "events": [
    {"id": "iq-1", "date": "2021-07-09", "place": "islam-qala", "type": "captured",
     "claimant": "taliban", "controller": "taliban"},
    {"id": "sb-1", "date": "2021-08-20", "place": "spin-boldak-chaman", "type": "holds",
     "claimant": "government", "controller": "government"}
  ]
}"##,
    )
    .unwrap();
    path
}

/// View → Stale after… → 30 days: on 20 August, Islam Qala, claimed only on
/// 9 July, is drawn stale and its tooltip says for how long; Spin Boldak,
/// claimed that day, is not. The state itself does not change.
#[test]
fn a_place_claimed_long_ago_is_stale_after_30_days() {
    let mut harness = window(Startup {
        events: Some(a_quiet_summer()),
        at: Some(day("2021-08-20")),
        offline: true,
        ..Startup::default()
    });
    settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.day(), day("2021-08-20"));
    let dataset = app.dataset().unwrap();
    let islam_qala = dataset.place_by_id("islam-qala").unwrap();
    let spin_boldak = dataset.place_by_id("spin-boldak-chaman").unwrap();
    assert_eq!(app.staleness(islam_qala), None, "off by default");
    let before = app.states().to_vec();

    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Stale after…").click();
    harness.run();
    harness.get_by_label("30 days").click();
    harness.run();

    let app = harness.state();
    assert_eq!(app.staleness(islam_qala), Some(42));
    assert_eq!(app.staleness(spin_boldak), None);
    assert_eq!(app.states(), before, "the rule's result is unchanged");

    // Close the menu, then hover the marker.
    harness.key_press(egui::Key::Escape);
    harness.run();
    let at = harness.state().place_on_screen(islam_qala).unwrap();
    harness.event(egui::Event::PointerMoved(at));
    harness.run();
    harness.get_by_label("No new claim for 42 days");
    // The panel of the place says so too.
    harness.event(egui::Event::PointerMoved(egui::pos2(1.0, 1.0)));
    harness.run();
    let ctx = harness.ctx.clone();
    let select = claimmap::app::Intent::Select(Some(islam_qala));
    harness.state_mut().apply(&ctx, select);
    harness.run();
    harness.get_by_label("No new claim for 42 days");

    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Stale after…").click();
    harness.run();
    harness.get_by_label("90 days").click();
    harness.run();
    assert_eq!(harness.state().staleness(islam_qala), None);
}
