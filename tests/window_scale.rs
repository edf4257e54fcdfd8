//! The window on 100,000 places and 1,000,000 events: it opens, and no frame
//! builds meshes near what a GPU accepts (wgpu refuses a buffer over 256 MiB,
//! and the window used to die on a 269 MB vertex buffer). Frames are run as
//! eframe runs them and tessellated, at the widest zoom, the closest, and with
//! a hundred thousand warnings listed. And the same for 3,000 district-sized
//! areas, each outline drawn rather than a marker.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use eframe::egui::{self, Pos2, RawInput, Rect, epaint::Primitive};

use claimmap::app::{ClaimApp, Intent, Startup, Toggle};

#[path = "../benches/areas_data/mod.rs"]
mod areas_data;

const PLACES: usize = 100_000;
const EVENTS: usize = 1_000_000;
/// Far below wgpu's 256 MiB: a frame's vertices and indices together.
const MESH_BYTES_ALLOWED: usize = 32 << 20;

/// The two files, written once for all the tests of this file.
fn files() -> (PathBuf, PathBuf) {
    static FILES: std::sync::OnceLock<(PathBuf, PathBuf)> = std::sync::OnceLock::new();
    FILES.get_or_init(write_files).clone()
}

/// Places uniformly over Afghanistan and events on them, every claim type.
fn write_files() -> (PathBuf, PathBuf) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("window-scale");
    std::fs::create_dir_all(&dir).unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut places = String::from("{\"type\": \"FeatureCollection\", \"features\": [\n");
    for i in 0..PLACES {
        let lon = 60.5 + next(14_500) as f64 / 1000.0;
        let lat = 29.4 + next(9_100) as f64 / 1000.0;
        let comma = if i + 1 < PLACES { "," } else { "" };
        writeln!(
            places,
            r#"{{"type": "Feature", "id": "p{i}", "geometry": {{"type": "Point", "coordinates": [{lon}, {lat}]}}, "properties": {{"name": "Place {i}", "kind": "town"}}}}{comma}"#
        )
        .unwrap();
    }
    places.push_str("]}\n");
    let mut events = String::from(
        "{\"parties\": [{\"id\": \"a\", \"name\": \"A\", \"color\": \"#c0392b\"}, {\"id\": \"b\", \"name\": \"B\", \"color\": \"#2e86c1\"}],\n\"events\": [\n",
    );
    let kinds = [
        "captured", "holds", "denied", "fighting", "report", "withdrew",
    ];
    for e in 0..EVENTS {
        let kind = kinds[next(6) as usize];
        let controller = match kind {
            "fighting" | "report" => String::new(),
            _ => format!(r#", "controller": "{}""#, ["a", "b"][next(2) as usize]),
        };
        let comma = if e + 1 < EVENTS { "," } else { "" };
        writeln!(
            events,
            r#"{{"id": "e{e}", "date": "2021-07-{:02}", "place": "{}{}", "type": "{kind}", "claimant": "{}"{controller}}}{comma}"#,
            1 + next(28),
            // One in ten names a place the gazetteer lacks: 100,000 warnings.
            if next(10) == 0 { "nowhere-" } else { "p" },
            next(PLACES as u64),
            ["a", "b"][next(2) as usize],
        )
        .unwrap();
    }
    events.push_str("]}\n");
    let (gazetteer, events_file) = (dir.join("places.geojson"), dir.join("events.json"));
    std::fs::write(&gazetteer, places).unwrap();
    std::fs::write(&events_file, events).unwrap();
    (gazetteer, events_file)
}

/// One frame as eframe runs it, and the bytes its meshes would take on the GPU.
fn frame_mesh_bytes(ctx: &egui::Context, app: &mut ClaimApp) -> usize {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, egui::vec2(1280.0, 800.0))),
        ..RawInput::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.show(ui));
    // No GPU here to take the font texture.
    output.textures_delta.clear();
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    primitives
        .iter()
        .map(|clipped| match &clipped.primitive {
            Primitive::Mesh(mesh) => {
                mesh.vertices.len() * std::mem::size_of::<egui::epaint::Vertex>()
                    + mesh.indices.len() * std::mem::size_of::<u32>()
            }
            Primitive::Callback(_) => 0,
        })
        .sum()
}

/// The window, offline, starting to load the large files.
fn window_on_large_files() -> (egui::Context, ClaimApp) {
    let (gazetteer, events) = files();
    let ctx = egui::Context::default();
    let startup = Startup {
        gazetteer: Some(gazetteer),
        events: Some(events),
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 20),
        offline: true,
        ..Startup::default()
    };
    let app = ClaimApp::new(&ctx, startup, None);
    (ctx, app)
}

/// Runs frames until nothing loads, the basemap is built and there is data.
fn wait_for_data(ctx: &egui::Context, app: &mut ClaimApp) {
    let started = Instant::now();
    while app.is_loading() || !app.basemap_ready() || app.dataset().is_none() {
        assert!(started.elapsed() < Duration::from_secs(300), "never loaded");
        frame_mesh_bytes(ctx, app);
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_hundred_thousand_places_open_and_every_frame_fits_the_gpu() {
    let (ctx, mut app) = window_on_large_files();
    wait_for_data(&ctx, &mut app);
    assert_eq!(app.dataset().unwrap().places().len(), PLACES);
    app.apply(&ctx, Intent::FitToData);
    let mut widest = 0;
    for _ in 0..3 {
        widest = widest.max(frame_mesh_bytes(&ctx, &mut app));
    }
    assert!(
        widest < MESH_BYTES_ALLOWED,
        "{widest} bytes at the widest zoom"
    );
    app.apply(&ctx, Intent::SelectAndShow(PLACES / 2));
    while app.map_zoom() < 17.0 {
        app.apply(&ctx, Intent::ZoomIn);
        let bytes = frame_mesh_bytes(&ctx, &mut app);
        assert!(
            bytes < MESH_BYTES_ALLOWED,
            "{bytes} bytes at zoom {}",
            app.map_zoom()
        );
    }
    // A hundred thousand warnings, listed by kind, cost a screenful.
    app.apply(&ctx, Intent::Toggle(Toggle::Warnings));
    app.apply(&ctx, Intent::Toggle(Toggle::UnplacedEvents));
    for _ in 0..3 {
        let bytes = frame_mesh_bytes(&ctx, &mut app);
        assert!(
            bytes < MESH_BYTES_ALLOWED,
            "{bytes} bytes with the warnings open"
        );
    }
    println!("widest zoom: {widest} bytes of meshes");
}

#[test]
fn a_second_open_while_a_large_load_runs_replaces_it() {
    let (gazetteer, events) = files();
    let ctx = egui::Context::default();
    let startup = Startup {
        gazetteer: Some(gazetteer),
        events: Some(events),
        offline: true,
        ..Startup::default()
    };
    let mut app = ClaimApp::new(&ctx, startup, None);
    assert!(app.is_loading());
    // The built-in events, opened as a user would while the large set still loads.
    let built_in_events = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/events.json");
    app.apply(&ctx, Intent::Open(vec![built_in_events]));
    let started = Instant::now();
    while app.is_loading() {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "never answered"
        );
        frame_mesh_bytes(&ctx, &mut app);
        std::thread::sleep(Duration::from_millis(20));
    }
    let dataset = app.dataset().expect("the second file's data");
    use claimmap::data::{Input, load_events, load_gazetteer};
    let built_in_places = load_gazetteer(&Input::built_in_gazetteer(), u64::MAX).unwrap();
    let built_in_events = load_events(&Input::built_in_events(), u64::MAX).unwrap();
    assert_eq!(
        dataset.events().len(),
        built_in_events.value.events.len(),
        "the events opened second"
    );
    assert_eq!(
        dataset.places().len(),
        built_in_places.value.places.len(),
        "linked with the built-in places: the first load was given up"
    );
    assert!(!app.has_load_errors(), "giving a load up is not an error");
}

#[test]
fn three_thousand_district_areas_draw_within_the_gpu_budget_at_every_zoom() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("window-scale-areas");
    let (gazetteer, events) = areas_data::write(&dir).unwrap();
    let ctx = egui::Context::default();
    let startup = Startup {
        gazetteer: Some(gazetteer),
        events: Some(events),
        at: chrono::NaiveDate::from_ymd_opt(2021, 7, 14),
        offline: true,
        ..Startup::default()
    };
    let mut app = ClaimApp::new(&ctx, startup, None);
    wait_for_data(&ctx, &mut app);
    let started = Instant::now();
    while !app.areas_ready() {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "areas never built"
        );
        frame_mesh_bytes(&ctx, &mut app);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(app.dataset().unwrap().places().len(), areas_data::AREAS);
    app.apply(&ctx, Intent::FitToData);
    let mut widest = 0;
    for _ in 0..3 {
        widest = widest.max(frame_mesh_bytes(&ctx, &mut app));
    }
    let drawn = app.areas_drawn().clone();
    assert!(
        drawn.outlined > areas_data::AREAS * 9 / 10,
        "most districts on screen at the widest zoom: {drawn:?}"
    );
    assert!(drawn.stripes > 0 && drawn.tints > 0, "{drawn:?}");
    assert!(
        widest < MESH_BYTES_ALLOWED,
        "{widest} bytes with {drawn:?} at the widest zoom"
    );
    let middle = app
        .dataset()
        .unwrap()
        .place_by_id(&areas_data::id(areas_data::AREAS / 2 + 30))
        .unwrap();
    app.apply(&ctx, Intent::SelectAndShow(middle));
    let mut largest = 0;
    while app.map_zoom() < 17.0 {
        app.apply(&ctx, Intent::ZoomIn);
        let bytes = frame_mesh_bytes(&ctx, &mut app);
        largest = largest.max(bytes);
        assert!(
            bytes < MESH_BYTES_ALLOWED,
            "{bytes} bytes at zoom {}",
            app.map_zoom()
        );
    }
    println!(
        "3,000 areas: {widest} bytes of meshes at the widest zoom ({drawn:?}), at most {largest} zooming in"
    );
}
