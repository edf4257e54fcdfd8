//! The menu bar: File, View, Help.

use std::path::PathBuf;

use eframe::egui::{self, Ui};

use super::commands::Command;
use super::export::form::ExportKind;
use super::intent::{Intent, Toggle};
use super::settings::Settings;
use super::symbols::MarkerSize;
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
    // The map's markers are drawn by a plugin built where the settings are
    // not passed; the menu bar, drawn first every frame, tells it the size.
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
    let open = Command::Open;
    let items = [
        (open.label(), open.shortcut_text(ui.ctx()), open.intent()),
        (
            "Open gazetteer…",
            String::new(),
            Intent::OpenDialog(Some(FileKind::Gazetteer)),
        ),
        (
            "Open events…",
            String::new(),
            Intent::OpenDialog(Some(FileKind::Events)),
        ),
        ("Add map series…", String::new(), Intent::AddSeriesDialog),
        ("Save events as…", String::new(), Intent::SaveEventsDialog),
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
    let ctx = ui.ctx().clone();
    let button = |command: Command| {
        egui::Button::new(command.label()).shortcut_text(command.shortcut_text(&ctx))
    };
    if ui
        .add_enabled(can_reload, button(Command::Reload))
        .clicked()
    {
        intents.push(Command::Reload.intent());
    }
    ui.separator();
    let exports = [
        ("Export image…", Intent::ShowExportForm(ExportKind::Image)),
        (
            "Export animation…",
            Intent::ShowExportForm(ExportKind::Animation),
        ),
        ("Export state…", Intent::ExportStateDialog),
        ("Save view…", Intent::SaveViewDialog),
    ];
    for (text, intent) in exports {
        if ui.button(text).clicked() {
            intents.push(intent);
        }
    }
    ui.separator();
    if ui.add(button(Command::Quit)).clicked() {
        intents.push(Command::Quit.intent());
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
    ui.menu_button("Marker size", |ui| {
        for size in MarkerSize::ALL {
            if ui
                .radio(settings.marker_size == size, size.label())
                .on_hover_text("Places with claims are drawn larger than unknown ones")
                .clicked()
            {
                intents.push(Intent::SetMarkerSize(size));
            }
        }
    });
    ui.menu_button("Stale after…", |ui| {
        stale_menu_ui(ui, view.settings.stale_after, intents)
    });
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
        .add(
            egui::Button::new(Command::FitToData.label())
                .shortcut_text(Command::FitToData.shortcut_text(ui.ctx())),
        )
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

/// After how many days without a new claim a place is drawn faded: off, or one of the choices.
fn stale_menu_ui(ui: &mut Ui, current: Option<u32>, intents: &mut Vec<Intent>) {
    let choices = std::iter::once((None, "Off".to_owned())).chain(
        super::symbols::STALE_CHOICES
            .into_iter()
            .map(|days| (Some(days), format!("{days} days"))),
    );
    for (after, text) in choices {
        if ui
            .radio(current == after, text)
            .on_hover_text("Fade places whose claims nobody has repeated for this long")
            .clicked()
        {
            intents.push(Intent::SetStaleAfter(after));
        }
    }
}
