//! Helpers shared by the window tests: open the real window headlessly, wait
//! for its threads, and act as a user's hand would.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "each test file uses some of these; helpers fail loudly"
)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, Modifiers, PointerButton, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use claimmap::app::{ClaimApp, Startup};

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The window on the built-in data, offline, with nothing remembered.
pub fn window(startup: Startup) -> Harness<'static, ClaimApp> {
    window_remembering(startup, None)
}

/// The window as it starts with what `storage` remembers.
pub fn window_remembering(
    startup: Startup,
    storage: Option<&MemoryStorage>,
) -> Harness<'static, ClaimApp> {
    let storage = storage.cloned();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            let storage = storage.as_ref().map(|s| s as &dyn eframe::Storage);
            ClaimApp::new(&cc.egui_ctx, startup, storage)
        });
    settle(&mut harness);
    harness
}

/// eframe's storage, in memory.
#[derive(Clone, Debug, Default)]
pub struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

/// Runs frames, as time passes, until `done` holds; fails after `seconds`.
pub fn step_until(
    harness: &mut Harness<'static, ClaimApp>,
    seconds: u64,
    what: &str,
    done: impl Fn(&ClaimApp) -> bool,
) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(seconds),
            "never: {what}"
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Runs frames until the loading thread has answered, the basemap is built
/// and the UI is still.
pub fn settle(harness: &mut Harness<'static, ClaimApp>) {
    let busy = |app: &ClaimApp| app.is_loading() || !app.basemap_ready();
    for _ in 0..6000 {
        harness.step();
        if !busy(harness.state()) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(!harness.state().is_loading(), "the loader never answered");
    assert!(
        harness.state().basemap_ready(),
        "the basemap was never built"
    );
    harness.run();
}

pub fn type_date(harness: &mut Harness<'static, ClaimApp>, date: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, "Date")
        .click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Date")
        .type_text(date);
    harness.key_press(Key::Enter);
    harness.run();
}

/// A mouse click at a point of the screen, as a user's hand would make it.
pub fn click_at(harness: &mut Harness<'static, ClaimApp>, pos: egui::Pos2) {
    harness.event(egui::Event::PointerMoved(pos));
    harness.run();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}
