//! Exported pictures: a captioned PNG and an animated GIF of the built-in
//! dataset, made by `claimmap::app::render` (what `claimmap render` and the
//! window's exports run) and read back with the `image` and `gif` crates.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use claimmap::app::{ExportOutput, RenderSpec, render};
use claimmap::data::{Input, load_dataset};
use claimmap::model::{Dataset, Lens, Mode, Rgb};

fn built_in() -> Dataset {
    let report = load_dataset(
        &Input::built_in_gazetteer(),
        &Input::built_in_events(),
        u64::MAX,
    );
    report.dataset.expect("the built-in dataset loads")
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmap-render-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn party_color(dataset: &Dataset, id: &str) -> Rgb {
    dataset.parties()[dataset.party_by_id(id).unwrap()].color
}

fn spec(days: Vec<NaiveDate>, output: ExportOutput) -> RenderSpec {
    RenderSpec {
        days,
        lens: Lens::new(Mode::Event),
        size: [800.0, 600.0],
        scale: 1.0,
        view: None,
        title: "Border crossings".to_owned(),
        dark: false,
        show_labels: true,
        output,
    }
}

/// Whether a pixel within `radius` of `(x, y)` is `rgb`, give or take a little.
fn has_color_near(image: &image::RgbaImage, (x, y): (u32, u32), radius: u32, rgb: Rgb) -> bool {
    let [r, g, b] = rgb.0;
    let close = |a: u8, b: u8| a.abs_diff(b) <= 8;
    let xs = x.saturating_sub(radius)..=(x + radius).min(image.width() - 1);
    xs.flat_map(|px| {
        let ys = y.saturating_sub(radius)..=(y + radius).min(image.height() - 1);
        ys.map(move |py| (px, py))
    })
    .any(|(px, py)| {
        let p = image.get_pixel(px, py).0;
        close(p[0], r) && close(p[1], g) && close(p[2], b)
    })
}

#[test]
fn a_png_of_14_july_has_its_caption_and_spin_boldaks_two_colours_where_it_is() {
    let dataset = built_in();
    let dir = scratch("png");
    let path = dir.join("map.png");
    let spin_boldak = &dataset.places()[dataset.place_by_id("spin-boldak-chaman").unwrap()];
    let mut spec = spec(vec![day("2021-07-14")], ExportOutput::Png(path.clone()));
    // Centred on the crossing, so its marker is at the map's middle; 2× for a sharp print.
    spec.view = Some((walkers::lon_lat(spin_boldak.lon(), spin_boldak.lat()), 9.0));
    spec.scale = 2.0;
    let rendered = render(&dataset, &spec, &mut |_, _| {}).unwrap();

    let caption = &rendered.captions[0];
    let texts = caption.texts();
    for expected in [
        "Border crossings",
        "Wednesday 14 July 2021",
        "Taliban",
        "Afghan government",
        "disputed",
    ] {
        assert!(texts.contains(&expected), "{expected:?} not in {texts:?}");
    }
    assert!(
        caption
            .credits
            .starts_with("Basemap: Natural Earth. Claims: "),
        "{}",
        caption.credits
    );
    assert!(caption.credits.contains("Reuters"), "{}", caption.credits);
    assert!(caption.believe.is_none());

    let image = image::open(&path).unwrap().to_rgba8();
    assert_eq!(
        image.dimensions(),
        (1600, 1200),
        "the size asked for, at 2×"
    );
    let map_height = match rendered.framing.height {
        claimmap::app::Height::Picture(h) => h,
        claimmap::app::Height::Map(h) => h,
    };
    assert!(map_height > 0.0);
    // The map is the picture less its caption: find the middle of the map's part.
    let caption_top = (1..image.height())
        .rev()
        .find(|&y| image.get_pixel(5, y).0 != image.get_pixel(5, image.height() - 2).0)
        .unwrap();
    let middle = (800, caption_top.div_ceil(2));
    let (government, taliban) = (
        party_color(&dataset, "government"),
        party_color(&dataset, "taliban"),
    );
    assert!(
        has_color_near(&image, middle, 14, government),
        "no government sector at {middle:?}"
    );
    assert!(
        has_color_near(&image, middle, 14, taliban),
        "no Taliban sector at {middle:?}"
    );
    // And not everywhere: a corner of the map is neither.
    assert!(!has_color_near(&image, (40, 40), 10, government));
    assert!(!has_color_near(&image, (40, 40), 10, taliban));
    // The caption strip holds text: dark pixels on its light fill, title
    // and day and key, and the title's line is not empty.
    let dark = |y: u32| {
        (0..image.width())
            .filter(|&x| image.get_pixel(x, y).0[0] < 110)
            .count()
    };
    let strip: usize = (caption_top + 1..image.height()).map(dark).sum();
    assert!(strip > 2000, "{strip} dark pixels under the map");
}

#[test]
fn a_caption_says_whose_claims_are_left_out_and_the_mode() {
    let dataset = built_in();
    let dir = scratch("believe");
    let mut spec = spec(
        vec![day("2021-07-14")],
        ExportOutput::Png(dir.join("only.png")),
    );
    spec.lens = Lens::new(Mode::Known)
        .with_believe(claimmap::model::Believe::only(&dataset, &["government"]).unwrap());
    let rendered = render(&dataset, &spec, &mut |_, _| {}).unwrap();
    let caption = &rendered.captions[0];
    assert_eq!(
        caption.believe.as_deref(),
        Some("Believing only Afghan government")
    );
    assert_eq!(
        caption.mode,
        "As known on 14 July 2021: only sources published by then"
    );
    assert!(
        caption
            .texts()
            .contains(&"Believing only Afghan government")
    );
}

#[test]
fn a_gif_of_five_days_has_five_frames_of_the_size_asked_with_their_delays() {
    let dataset = built_in();
    let dir = scratch("gif");
    let path = dir.join("war.gif");
    let frames = dir.join("frames");
    std::fs::create_dir_all(&frames).unwrap();
    let output = ExportOutput::Gif {
        path: path.clone(),
        fps: 4.0,
        frames: Some(frames.clone()),
    };
    let days = (10..15).map(|d| day(&format!("2021-07-{d}"))).collect();
    let mut spec = spec(days, output);
    spec.size = [320.0, 240.0];
    let mut heard = Vec::new();
    let rendered = render(&dataset, &spec, &mut |done, total| {
        heard.push((done, total))
    })
    .unwrap();
    assert_eq!(heard.last(), Some(&(5, 5)));
    let days: Vec<&str> = rendered.captions.iter().map(|c| c.day.as_str()).collect();
    assert_eq!(
        days,
        [
            "Saturday 10 July 2021",
            "Sunday 11 July 2021",
            "Monday 12 July 2021",
            "Tuesday 13 July 2021",
            "Wednesday 14 July 2021"
        ],
        "the caption's day changes on every frame"
    );

    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(File::open(&path).unwrap()).unwrap();
    assert_eq!((decoder.width(), decoder.height()), (320, 240));
    let mut delays = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        assert_eq!((frame.width, frame.height), (320, 240));
        delays.push(frame.delay);
    }
    assert_eq!(delays, [25; 5], "4 frames a second: 25 hundredths each");
    let pngs: Vec<String> = std::fs::read_dir(&frames)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        pngs,
        [
            "frame-0001.png",
            "frame-0002.png",
            "frame-0003.png",
            "frame-0004.png",
            "frame-0005.png"
        ]
    );
}

fn claimmap(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimmap"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path_arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn render_on_the_command_line_refuses_bad_requests_before_drawing() {
    let dir = scratch("cli");
    let png = dir.join("map.png");
    let ok = claimmap(&[
        "render",
        "--at",
        "2021-07-14",
        "--size",
        "400x300",
        "--out",
        path_arg(&png),
    ]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(stderr(&ok).contains("wrote "), "{}", stderr(&ok));

    let again = claimmap(&["render", "--at", "2021-07-14", "--out", path_arg(&png)]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    let replaced = claimmap(&[
        "render",
        "--at",
        "2021-07-14",
        "--size",
        "400x300",
        "--overwrite",
        "--out",
        path_arg(&png),
    ]);
    assert!(replaced.status.success(), "{}", stderr(&replaced));

    let cases: [(&[&str], &str); 6] = [
        (
            &["--at", "2021-07-14", "--size", "0x0"],
            "each side must be between",
        ),
        (
            &["--at", "2021-07-14", "--size", "100000x100000"],
            "each side must be between",
        ),
        (&["--at", "2021-07-14", "--size", "big"], "not a size"),
        (
            &["--from", "2021-07-01", "--to", "2021-07-05"],
            "a .png is one day",
        ),
        (&["--at", "2021-07-14", "--scale", "0"], "--scale"),
        (
            &["--at", "2021-07-14", "--center", "500,1", "--zoom", "5"],
            "not a centre",
        ),
    ];
    for (args, expected) in cases {
        let out = dir.join("other.png");
        let mut all = vec!["render", "--out", path_arg(&out)];
        all.extend_from_slice(args);
        let refused = claimmap(&all);
        assert!(!refused.status.success(), "{args:?} was accepted");
        assert!(
            stderr(&refused).contains(expected),
            "{args:?}: {}",
            stderr(&refused)
        );
        assert!(!out.exists(), "{args:?} wrote a file");
    }

    let gif = dir.join("long.gif");
    let long = claimmap(&[
        "render",
        "--from",
        "2000-01-01",
        "--to",
        "2030-01-01",
        "--out",
        path_arg(&gif),
    ]);
    assert_eq!(long.status.code(), Some(2));
    assert!(stderr(&long).contains("pass --yes"), "{}", stderr(&long));
    assert!(stderr(&long).contains(" MB"), "{}", stderr(&long));

    let nowhere = claimmap(&[
        "render",
        "--at",
        "2021-07-14",
        "--out",
        "/no/such/folder/map.png",
    ]);
    assert_eq!(nowhere.status.code(), Some(1));
    assert!(
        stderr(&nowhere).contains("the folder does not exist"),
        "{}",
        stderr(&nowhere)
    );

    // Never a device or a link to one, even when overwriting (run as root,
    // that would replace the device).
    let device = dir.join("null.png");
    std::os::unix::fs::symlink("/dev/null", &device).unwrap();
    let refused = claimmap(&[
        "render",
        "--at",
        "2021-07-14",
        "--overwrite",
        "--out",
        path_arg(&device),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("not a regular file"),
        "{}",
        stderr(&refused)
    );
    assert!(
        std::fs::symlink_metadata(&device)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!dir.join("null.png.partial").exists());

    // Frames of an earlier run are kept unless overwriting, and then all replaced.
    let frames = dir.join("frames");
    std::fs::create_dir_all(&frames).unwrap();
    std::fs::write(frames.join("frame-0009.png"), b"an earlier run").unwrap();
    let gif = dir.join("short.gif");
    let args = |overwrite: bool| {
        let mut args = vec!["render", "--from", "2021-07-13", "--to", "2021-07-14"];
        args.extend([
            "--size",
            "300x200",
            "--frames",
            path_arg(&frames),
            "--out",
            path_arg(&gif),
        ]);
        if overwrite {
            args.push("--overwrite");
        }
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let kept = Command::new(env!("CARGO_BIN_EXE_claimmap"))
        .args(args(false))
        .output()
        .unwrap();
    assert_eq!(kept.status.code(), Some(1));
    assert!(
        stderr(&kept).contains("frame-0009.png: already exists"),
        "{}",
        stderr(&kept)
    );
    assert!(!gif.exists());
    let replaced = Command::new(env!("CARGO_BIN_EXE_claimmap"))
        .args(args(true))
        .output()
        .unwrap();
    assert!(replaced.status.success(), "{}", stderr(&replaced));
    let mut names: Vec<String> = std::fs::read_dir(&frames)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["frame-0001.png", "frame-0002.png"]);
}
