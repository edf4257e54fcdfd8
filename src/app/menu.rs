//! The menu bar: File, View, Help.

use std::path::PathBuf;

use eframe::egui::{self, Ui};

use super::intent::{Intent, Toggle};
use super::settings::Settings;
use crate::formats::FileKind;

pub fn menu_bar_ui(ui: &mut Ui, settings: &Settings, can_reload: bool) -> Vec<Intent> {
    let mut intents = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            file_menu_ui(ui, settings, can_reload, &mut intents)
        });
        ui.menu_button("View", |ui| view_menu_ui(ui, settings, &mut intents));
        ui.menu_button("Help", |ui| {
            if ui.button("About claimmap").clicked() {
                intents.push(Intent::Toggle(Toggle::About));
            }
        });
    });
    intents
}

fn file_menu_ui(ui: &mut Ui, settings: &Settings, can_reload: bool, intents: &mut Vec<Intent>) {
    let items = [
        ("Open…", "Ctrl+O", Intent::OpenDialog(None)),
        (
            "Open gazetteer…",
            "",
            Intent::OpenDialog(Some(FileKind::Gazetteer)),
        ),
        (
            "Open events…",
            "",
            Intent::OpenDialog(Some(FileKind::Events)),
        ),
    ];
    for (text, shortcut, intent) in items {
        if ui
            .add(egui::Button::new(text).shortcut_text(shortcut))
            .clicked()
        {
            intents.push(intent);
        }
    }
    ui.menu_button("Recent files", |ui| {
        recent_ui(ui, &settings.recent, intents)
    });
    let reload = egui::Button::new("Reload").shortcut_text("Ctrl+R");
    if ui.add_enabled(can_reload, reload).clicked() {
        intents.push(Intent::Reload);
    }
    ui.separator();
    if ui
        .add(egui::Button::new("Quit").shortcut_text("Ctrl+Q"))
        .clicked()
    {
        intents.push(Intent::Quit);
    }
}

fn recent_ui(ui: &mut Ui, recent: &[PathBuf], intents: &mut Vec<Intent>) {
    if recent.is_empty() {
        ui.weak("No recent files");
    }
    for path in recent {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        if ui
            .button(name)
            .on_hover_text(path.display().to_string())
            .clicked()
        {
            intents.push(Intent::Open(vec![path.clone()]));
        }
    }
}

fn view_menu_ui(ui: &mut Ui, settings: &Settings, intents: &mut Vec<Intent>) {
    let toggles = [
        ("Labels", settings.show_labels, Toggle::Labels),
        ("Legend", settings.show_legend, Toggle::Legend),
        (
            "Sources panel",
            settings.show_sources_panel,
            Toggle::SourcesPanel,
        ),
        ("Timeline", settings.show_timeline, Toggle::Timeline),
    ];
    for (text, on, toggle) in toggles {
        let mut checked = on;
        if ui.checkbox(&mut checked, text).clicked() {
            intents.push(Intent::Toggle(toggle));
        }
    }
    ui.separator();
    if ui
        .add(egui::Button::new("Fit to data").shortcut_text("F"))
        .clicked()
    {
        intents.push(Intent::FitToData);
    }
}
