//! Exporting from the real window: File → Export image… and Export
//! animation…, the file dialog answered as a user would, the picture read back.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod common;

use std::path::PathBuf;

use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::kittest::Queryable;

use claimmap::app::{ClaimApp, Startup};
use common::{step_until, window};
use egui_kittest::Harness;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmap-wexport-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The window on 14 July 2021, its Export animation… form filled in for the
/// days `from` to `to` with each frame as a PNG too; the file dialog will
/// answer `gif`.
fn animation_form(gif: &std::path::Path, from: &str, to: &str) -> Harness<'static, ClaimApp> {
    let mut harness = window(Startup {
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 14),
        dialog_answers: vec![gif.to_path_buf()],
        ..Startup::default()
    });
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export animation…").click();
    harness.run();
    for (field, text) in [("From", from), ("To", to)] {
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .click();
        harness.run();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(text);
        harness.run();
    }
    harness
        .get_by_label("Also save each frame as a PNG")
        .click();
    harness.run();
    harness
}

#[test]
fn export_image_writes_the_map_as_on_screen_at_2x_with_its_caption() {
    let dir = scratch("image");
    let png = dir.join("map.png");
    let mut harness = window(Startup {
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 14),
        dialog_answers: vec![png.clone()],
        ..Startup::default()
    });
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export image…").click();
    harness.run();
    harness.get_by_label("Title").click();
    harness.run();
    harness
        .get_by_label("Title")
        .type_text("Border crossings, July 2021");
    harness.run();
    harness.get_by_label("2× (sharp in print)").click();
    harness.run();
    harness.get_by_label("Export…").click();
    step_until(&mut harness, 60, "the image is written", |app| {
        app.notice().is_some_and(|n| n.starts_with("Exported"))
    });
    assert!(harness.state().notice().unwrap().contains("map.png"));
    let map = harness.state().map_rect();
    let image = image::open(&png).unwrap().to_rgba8();
    assert_eq!(
        image.width(),
        (map.width() * 2.0).round() as u32,
        "the map's width at 2×"
    );
    assert!(
        image.height() > (map.height() * 2.0).round() as u32,
        "the map's height and the caption under it: {} for a map of {}",
        image.height(),
        map.height() * 2.0
    );
    harness.run();
    assert!(harness.query_by_label_contains("Exporting").is_none());
}

#[test]
fn export_animation_writes_a_gif_and_its_frames_while_the_window_stays_usable() {
    let dir = scratch("animation");
    let gif_path = dir.join("war.gif");
    let mut harness = animation_form(&gif_path, "2021-07-10", "2021-07-14");
    harness.get_by_label_contains("5 frames");
    harness.get_by_label("Export…").click();
    step_until(&mut harness, 30, "the export starts", |app| {
        app.export_progress().is_some()
    });
    // The window stays usable: the day moves while the frames are made.
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(
        harness.state().day(),
        chrono::NaiveDate::from_ymd_opt(2021, 7, 15).unwrap()
    );
    step_until(&mut harness, 120, "the animation is written", |app| {
        app.notice().is_some_and(|n| n.starts_with("Exported"))
    });
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(std::fs::File::open(&gif_path).unwrap())
        .unwrap();
    let mut frames = 0;
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        assert_eq!(frame.delay, 25);
        frames += 1;
    }
    assert_eq!(frames, 5, "10 to 14 July, a frame a day");
    let pngs = std::fs::read_dir(dir.join("war-frames")).unwrap().count();
    assert_eq!(pngs, 5);
}

#[test]
fn cancelling_an_animation_leaves_no_file_and_no_frames_behind() {
    let dir = scratch("cancel");
    let gif_path = dir.join("long.gif");
    let mut harness = animation_form(&gif_path, "2021-01-01", "2021-07-19");
    harness.get_by_label("Export…").click();
    step_until(&mut harness, 60, "a frame is written", |app| {
        app.export_progress()
            .is_some_and(|(written, _)| written > 0)
    });
    harness.get_by_label("Cancel export").click();
    step_until(&mut harness, 60, "the export stops", |app| {
        app.notice().is_some_and(|n| n.starts_with("Not exported"))
    });
    assert_eq!(
        harness.state().notice(),
        Some("Not exported: the export was cancelled")
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !gif_path.exists() && !dir.join("long.gif.partial").exists(),
        "{left:?}"
    );
    // The frames' folder stays, empty: the user asked for it.
    let frames = std::fs::read_dir(dir.join("long-frames")).unwrap().count();
    assert_eq!(frames, 0, "frames written before the cancel are removed");
}

#[test]
fn export_state_writes_the_day_on_screen_as_geojson_and_csv() {
    let dir = scratch("state");
    let geojson_path = dir.join("state.geojson");
    let csv_path = dir.join("state.csv");
    let mut harness = window(Startup {
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 14),
        dialog_answers: vec![geojson_path.clone(), csv_path.clone()],
        ..Startup::default()
    });
    for path in [&geojson_path, &csv_path] {
        harness.get_by_label("File").click();
        harness.run();
        harness.get_by_label("Export state…").click();
        step_until(&mut harness, 30, "the state is written", |_| path.exists());
        harness.run();
    }
    let places = harness.state().dataset().unwrap().places().len();
    let text = std::fs::read_to_string(&geojson_path).unwrap();
    let collection: geojson::FeatureCollection = text.parse().unwrap();
    assert_eq!(collection.features.len(), places);
    let spin_boldak = collection
        .features
        .iter()
        .find(|f| f.property("id").and_then(|v| v.as_str()) == Some("spin-boldak-chaman"))
        .unwrap();
    assert_eq!(spin_boldak.property("status").unwrap(), "disputed");
    assert_eq!(
        collection.foreign_members.unwrap()["date"],
        "2021-07-14",
        "the day on screen"
    );
    let rows = csv::Reader::from_path(&csv_path).unwrap().records().count();
    assert_eq!(rows, places);
}

/// The text put on the clipboard within a few frames, if any (a click
/// takes a frame or two to arrive).
fn copied(harness: &mut egui_kittest::Harness<'static, claimmap::app::ClaimApp>) -> Option<String> {
    (0..4).find_map(|_| {
        harness.step();
        copied_last_frame(harness)
    })
}

fn copied_last_frame(
    harness: &egui_kittest::Harness<'static, claimmap::app::ClaimApp>,
) -> Option<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

#[test]
fn a_card_copies_its_citation_and_the_panel_its_claims_as_markdown() {
    let mut harness = window(Startup {
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 14),
        ..Startup::default()
    });
    let app = harness.state();
    let dataset = app.dataset().unwrap();
    let place = dataset.place_by_id("islam-qala").unwrap();
    let first_event = dataset.events_of_place(place).next().unwrap();
    let expected = claimmap::model::citation(dataset, first_event);
    harness.get_by_label("Islam Qala").click();
    harness.run();
    // The first card is below the ledger and the place's details: scroll to it.
    harness
        .get_all_by_label("Copy citation")
        .next()
        .unwrap()
        .scroll_to_me();
    harness.run();
    harness
        .get_all_by_label("Copy citation")
        .next()
        .unwrap()
        .click();
    assert_eq!(copied(&mut harness).as_deref(), Some(expected.as_str()));
    harness.run();
    assert_eq!(harness.state().notice(), Some("Copied the citation."));
    assert!(expected.starts_with("Reuters, "), "{expected}");

    harness.get_by_label("Copy claims as Markdown").click();
    let markdown = copied(&mut harness).unwrap();
    assert!(markdown.starts_with("## Islam Qala"), "{markdown}");
    assert!(markdown.contains("since 9 Jul 2021"), "{markdown}");
}

#[test]
fn a_saved_view_reopens_the_same_day_lens_selection_and_map() {
    let dir = scratch("view");
    let view_path = dir.join("mine.claimmap.json");
    let mut harness = window(Startup {
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 11),
        dialog_answers: vec![view_path.clone()],
        ..Startup::default()
    });
    harness.get_by_label("Spin Boldak–Chaman").click();
    harness.run();
    harness.get_by_label("Whose claims count").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "Taliban")
        .click();
    harness.run();
    harness.key_press(Key::Plus);
    harness.run();
    let (day, selected, zoom) = {
        let app = harness.state();
        (app.day(), app.selected(), app.map_zoom())
    };
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Save view…").click();
    step_until(&mut harness, 30, "the view is saved", |_| {
        view_path.exists()
    });
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&view_path).unwrap()).unwrap();
    assert_eq!(saved["day"], "2021-07-11");
    assert_eq!(saved["selected"], "spin-boldak-chaman");
    assert_eq!(saved["believe"]["except"][0], "taliban");

    // A colleague opens it in a fresh window on another day.
    let mut other = window(Startup {
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 20),
        open: vec![view_path.clone()],
        ..Startup::default()
    });
    step_until(&mut other, 30, "the view is shown", |app| app.day() == day);
    other.run();
    let app = other.state();
    assert_eq!(app.selected(), selected);
    assert!(
        (app.map_zoom() - zoom).abs() < 1e-9,
        "{} vs {zoom}",
        app.map_zoom()
    );
    other.get_by_label_contains("Not believing Taliban");
}

#[test]
fn an_image_export_draws_the_raster_tiles_the_window_shows() {
    let dir = scratch("tiles");
    let tiles = dir.join("tiles");
    let mut tile = std::io::Cursor::new(Vec::new());
    image::RgbaImage::from_pixel(256, 256, image::Rgba([0x12, 0xab, 0x34, 255]))
        .write_to(&mut tile, image::ImageFormat::Png)
        .unwrap();
    for z in 0..=2u32 {
        for x in 0..(1 << z) {
            let column = tiles.join(z.to_string()).join(x.to_string());
            std::fs::create_dir_all(&column).unwrap();
            for y in 0..(1 << z) {
                std::fs::write(column.join(format!("{y}.png")), tile.get_ref()).unwrap();
            }
        }
    }
    let png = dir.join("map.png");
    let mut harness = window(Startup {
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 14),
        dialog_answers: vec![png.clone()],
        ..Startup::default()
    });
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        claimmap::app::Intent::SetBasemap(claimmap::app::TileSource::Folder { path: tiles }),
    );
    step_until(&mut harness, 30, "a tile in the window", |app| {
        app.tiles_drawn() > 0
    });
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export image…").click();
    harness.run();
    harness.get_by_label("Export…").click();
    step_until(&mut harness, 60, "the image is written", |app| {
        app.notice().is_some_and(|n| n.starts_with("Exported"))
    });
    let image = image::open(&png).unwrap().to_rgba8();
    let green = image
        .pixels()
        .filter(|p| p.0[..3] == [0x12, 0xab, 0x34])
        .count();
    let pixels = (image.width() * image.height()) as usize;
    assert!(
        green > pixels / 4,
        "{green} tile-coloured pixels of {pixels}"
    );
}
