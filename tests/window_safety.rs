//! The window against what broke it before: a run that died with its files
//! open, and links that are not what they look like.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod common;

use std::path::PathBuf;

use eframe::egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use claimmap::app::Startup;
use claimmap::data::BUILT_IN_EVENTS;
use common::{MemoryStorage, settle, window, window_remembering};

fn scratch_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmap-safety-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// What the window remembers after `events` was open at its exit.
fn remembering_events(events: PathBuf) -> MemoryStorage {
    let mut harness = window(Startup::default());
    harness.state_mut().open(vec![events]);
    settle(&mut harness);
    harness.get_by_label("Events: mine-events.json");
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    storage
}

#[test]
fn after_a_run_that_died_the_remembered_files_are_offered_not_opened() {
    let storage = remembering_events(scratch_file("mine-events.json", BUILT_IN_EVENTS));

    // A clean exit: the files open again, with no offer.
    let harness = window_remembering(Startup::default(), Some(&storage));
    harness.get_by_label("Events: mine-events.json");
    assert!(harness.query_by_label("Reopen").is_none());

    // After a crash: the built-in data, and an offer to reopen.
    let died = Startup {
        previous_run_died: true,
        ..Startup::default()
    };
    let mut harness = window_remembering(died, Some(&storage));
    harness.get_by_label("Events: built in");
    harness.get_by_label_contains("The last run ended abruptly with mine-events.json open");
    harness.get_by_label("Reopen").click();
    harness.run();
    settle(&mut harness);
    harness.get_by_label("Events: mine-events.json");
    assert!(harness.query_by_label("Reopen").is_none());
}

#[test]
fn files_named_on_the_command_line_open_even_after_a_run_that_died() {
    let storage = remembering_events(scratch_file("mine-events.json", BUILT_IN_EVENTS));
    let named = scratch_file("named-events.json", BUILT_IN_EVENTS);
    let harness = window_remembering(
        Startup {
            events: Some(named),
            previous_run_died: true,
            ..Startup::default()
        },
        Some(&storage),
    );
    harness.get_by_label("Events: named-events.json");
    assert!(harness.query_by_label("Reopen").is_none());
}

#[test]
fn a_source_url_that_is_not_a_web_link_is_shown_as_text_not_a_link() {
    // The browser crate opened "http://exa mple.com/x" as a local file path.
    let mut events: serde_json::Value = serde_json::from_str(BUILT_IN_EVENTS).unwrap();
    let source = events["sources"][0]["id"].as_str().unwrap().to_owned();
    events["sources"][0]["url"] = "http://exa mple.com/x".into();
    let place = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == source.as_str())
        .map(|e| e["place"].as_str().unwrap().to_owned())
        .unwrap();
    let path = scratch_file("spaced-url.json", &events.to_string());

    let mut harness = window(Startup::default());
    harness.state_mut().open(vec![path]);
    settle(&mut harness);
    harness.get_by_label_contains("1 warning");

    let index = harness
        .state()
        .dataset()
        .unwrap()
        .place_by_id(&place)
        .unwrap();
    let name = harness.state().dataset().unwrap().places()[index]
        .name
        .clone();
    harness.get_by_label(&name).click();
    harness.run();

    let texts = harness.query_all_by_label("http://exa mple.com/x").count();
    assert!(texts >= 1, "the URL is still shown");
    let links = harness
        .query_all_by_role_and_label(Role::Link, "http://exa mple.com/x")
        .count();
    assert_eq!(links, 0, "but not as a link");
}

#[cfg(unix)]
#[test]
fn opening_a_named_pipe_is_refused_and_later_opens_still_work() {
    // It used to leave "Loading…" forever and block every later Open and Reload.
    let dir = std::env::temp_dir().join(format!("claimmap-safety-fifo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("events.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());

    let mut harness = window(Startup::default());
    harness.state_mut().open(vec![fifo]);
    settle(&mut harness);
    harness.get_by_label_contains("is a named pipe (FIFO), not a regular file");

    let events = scratch_file("after-fifo-events.json", BUILT_IN_EVENTS);
    harness.state_mut().open(vec![events]);
    settle(&mut harness);
    harness.get_by_label("Events: after-fifo-events.json");
}
