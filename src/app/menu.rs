//! The menu bar: File, View, Help.

use std::path::PathBuf;

use eframe::egui::{self, Ui};

use super::intent::{Intent, Toggle};
use super::settings::Settings;
use super::tiles::{LocalTiles, SourceStatus, TileSource};
use crate::formats::FileKind;

/// What the menus show besides the settings.
pub struct MenuView<'a> {
    pub settings: &'a Settings,
    pub can_reload: bool,
    /// The tile source in use, which `--offline` may have overridden.
    pub basemap: &'a TileSource,
    pub basemap_status: &'a SourceStatus,
}

pub fn menu_bar_ui(ui: &mut Ui, view: &MenuView) -> Vec<Intent> {
    let mut intents = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            file_menu_ui(ui, view.settings, view.can_reload, &mut intents)
        });
        ui.menu_button("View", |ui| view_menu_ui(ui, view, &mut intents));
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
        ("Add map series…", "", Intent::AddSeriesDialog),
        ("Save events as…", "", Intent::SaveEventsDialog),
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

fn view_menu_ui(ui: &mut Ui, view: &MenuView, intents: &mut Vec<Intent>) {
    let settings = view.settings;
    ui.menu_button("Basemap", |ui| basemap_menu_ui(ui, view, intents));
    // egui keeps the theme, and eframe remembers it; the basemap follows it.
    ui.menu_button("Theme", egui::widgets::global_theme_preference_buttons);
    ui.separator();
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

/// The tile sources, the one in use ticked, and why it fails if it does.
fn basemap_menu_ui(ui: &mut Ui, view: &MenuView, intents: &mut Vec<Intent>) {
    let current = view.basemap;
    let choices = [
        (
            "Offline (built-in)",
            matches!(current, TileSource::Offline),
            Intent::SetBasemap(TileSource::Offline),
        ),
        (
            "OpenStreetMap",
            matches!(current, TileSource::OpenStreetMap),
            Intent::SetBasemap(TileSource::OpenStreetMap),
        ),
        (
            "Local tiles folder…",
            matches!(current, TileSource::Folder { .. }),
            Intent::PickTiles(LocalTiles::Folder),
        ),
        (
            "PMTiles file…",
            matches!(current, TileSource::PmTiles { .. }),
            Intent::PickTiles(LocalTiles::PmTiles),
        ),
    ];
    for (text, selected, intent) in choices {
        if ui.radio(selected, text).clicked() {
            intents.push(intent);
        }
    }
    if let TileSource::Folder { path } | TileSource::PmTiles { path } = current {
        ui.weak(path.display().to_string());
    }
    match view.basemap_status {
        SourceStatus::Checking => {
            ui.weak("Checking…");
        }
        SourceStatus::Failed(why) => {
            ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {why}"));
        }
        SourceStatus::Offline | SourceStatus::Working => {}
    }
    ui.separator();
    let mut borders = view.settings.borders_over_tiles;
    let raster = !matches!(current, TileSource::Offline);
    let checkbox = egui::Checkbox::new(&mut borders, "Borders over tiles");
    if ui
        .add_enabled(raster, checkbox)
        .on_hover_text("Draw country and province borders over raster tiles")
        .clicked()
    {
        intents.push(Intent::Toggle(Toggle::BordersOverTiles));
    }
}
