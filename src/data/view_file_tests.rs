//! View files: written and read back, relative paths, missing files, and
//! bad input refused with clear messages and nothing half-written.

use std::fs;

use super::*;

/// A fresh, empty folder for one test.
fn folder(test: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("claimmap-view-{}-{test}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();
    // Canonical, as read_view gives paths back.
    fs::canonicalize(&root).unwrap()
}

fn touch(path: &Path) -> PathBuf {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, "{}").unwrap();
    path.to_path_buf()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A view of the built-in files on 14 July 2021, over Afghanistan.
fn plain_view() -> ViewFile {
    ViewFile {
        claimmap_view: VIEW_FORMAT,
        gazetteer: None,
        events: None,
        series: Vec::new(),
        day: day("2021-07-14"),
        mode: Mode::Event,
        believe: None,
        selected: None,
        compare_with: None,
        center: [66.0, 34.0],
        zoom: 6.0,
        basemap: Basemap::Offline,
    }
}

fn series_in(folder: &Path) -> ViewSeries {
    ViewSeries {
        folder: folder.to_path_buf(),
        id: "isw".into(),
        name: Some("ISW assessed control".into()),
        claimant: "isw".into(),
        controller: "russia".into(),
        verification: Verification::Confirmed,
        source: Some("isw-maps".into()),
        files: "*.geojson".into(),
    }
}

#[test]
fn a_view_round_trips_every_field_exactly() {
    let root = folder("round-trip");
    let tiles = root.join("tiles");
    fs::create_dir_all(&tiles).unwrap();
    let maps = root.join("maps/isw");
    fs::create_dir_all(&maps).unwrap();
    let view = ViewFile {
        gazetteer: Some(touch(&root.join("data/gazetteer.geojson"))),
        events: Some(touch(&root.join("data/events.json"))),
        series: vec![series_in(&maps)],
        mode: Mode::Known,
        believe: Some(ViewBelieve::Except(vec!["taliban".into(), "pak".into()])),
        selected: Some("islam-qala".into()),
        compare_with: Some(day("2021-07-08")),
        // Digits enough that a parser off by a unit in the last place would show.
        center: [61.123_456_789_012_34, 34.987_654_321_098_77],
        zoom: 7.300_000_000_000_001,
        basemap: Basemap::Folder { path: tiles },
        ..plain_view()
    };
    let path = root.join("views/afghanistan.claimmap.json");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    save_view(&path, &view).unwrap();
    let opened = read_view(&path, 1 << 20).unwrap();
    assert_eq!(opened.view, view);
    assert_eq!(opened.missing, Vec::<PathBuf>::new());
    // And the other kinds of basemap and filter.
    for (basemap, believe) in [
        (
            Basemap::OpenStreetMap,
            ViewBelieve::Only(vec!["government".into()]),
        ),
        (
            Basemap::PmTiles {
                path: touch(&root.join("afghanistan.pmtiles")),
            },
            ViewBelieve::Except(vec![]),
        ),
    ] {
        let view = ViewFile {
            basemap,
            believe: Some(believe),
            ..view.clone()
        };
        save_view(&path, &view).unwrap();
        assert_eq!(read_view(&path, 1 << 20).unwrap().view, view);
    }
}

#[test]
fn the_map_view_is_read_back_to_the_bit() {
    // serde_json's default float parser is not always exact; the view's is.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..2000 {
        let view = ViewFile {
            center: [next() * 360.0 - 180.0, next() * 170.0 - 85.0],
            zoom: next() * MAX_ZOOM,
            ..plain_view()
        };
        let text = serde_json::to_string(&view).unwrap();
        let read = parse_view("view", text.as_bytes()).unwrap();
        assert_eq!(read.center.map(f64::to_bits), view.center.map(f64::to_bits));
        assert_eq!(read.zoom.to_bits(), view.zoom.to_bits());
    }
}

#[test]
fn files_are_named_from_the_view_files_folder() {
    let root = folder("relative");
    let events = touch(&root.join("b/events.json"));
    let gazetteer = touch(&root.join("b/places/gazetteer.geojson"));
    let pmtiles = touch(&root.join("a/tiles.pmtiles"));
    let view = ViewFile {
        gazetteer: Some(gazetteer.clone()),
        events: Some(events.clone()),
        series: vec![series_in(&root.join("a"))],
        basemap: Basemap::PmTiles { path: pmtiles },
        ..plain_view()
    };
    let path = root.join("a/view.claimmap.json");
    save_view(&path, &view).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let written: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(written["events"], "../b/events.json");
    assert_eq!(written["gazetteer"], "../b/places/gazetteer.geojson");
    assert_eq!(written["series"][0]["folder"], ".");
    assert_eq!(written["basemap"]["path"], "tiles.pmtiles");
    assert_eq!(written["claimmap_view"], 1, "{text}");
    // Moved whole, the view still finds its files.
    let moved = folder("relative-moved");
    fs::rename(&root, moved.join("copy")).unwrap();
    let opened = read_view(&moved.join("copy/a/view.claimmap.json"), 1 << 20).unwrap();
    assert_eq!(opened.view.events, Some(moved.join("copy/b/events.json")));
    assert_eq!(
        opened.view.gazetteer,
        Some(moved.join("copy/b/places/gazetteer.geojson"))
    );
    assert_eq!(opened.view.series[0].folder, moved.join("copy/a"));
    assert!(opened.missing.is_empty(), "{:?}", opened.missing);
}

#[test]
fn paths_that_share_only_the_root_stay_absolute() {
    assert_eq!(
        relative_to(Path::new("/home/me/views"), Path::new("/srv/data/e.json")),
        None
    );
    assert_eq!(
        relative_to(Path::new("/home/me/views"), Path::new("/home/you/e.json")),
        Some(PathBuf::from("../../you/e.json"))
    );
    assert_eq!(
        relative_to(Path::new("/home/me"), Path::new("/home/me")),
        Some(PathBuf::from("."))
    );
}

#[test]
fn a_missing_events_file_is_named_and_the_rest_opens() {
    let root = folder("missing");
    let gazetteer = touch(&root.join("gazetteer.geojson"));
    let events = touch(&root.join("events.json"));
    let view = ViewFile {
        gazetteer: Some(gazetteer.clone()),
        events: Some(events.clone()),
        selected: Some("spin-boldak".into()),
        ..plain_view()
    };
    let path = root.join("view.claimmap.json");
    save_view(&path, &view).unwrap();
    fs::remove_file(&events).unwrap();
    let opened = read_view(&path, 1 << 20).unwrap();
    assert_eq!(opened.missing, vec![events]);
    assert_eq!(opened.view.gazetteer, Some(gazetteer));
    assert_eq!(opened.view.selected.as_deref(), Some("spin-boldak"));
}

/// Writes `text` as a view file and reads it, giving the error's words.
fn error_reading(test: &str, text: &str) -> String {
    let path = folder(test).join("view.claimmap.json");
    fs::write(&path, text).unwrap();
    let error = read_view(&path, 1 << 20).unwrap_err();
    let words = error.to_string();
    let file = path.display().to_string();
    assert!(words.contains(&file), "names the file: {words}");
    words.replacen(&file, "FILE", 1)
}

#[test]
fn malformed_json_is_said_with_its_line_and_column() {
    let text = "{\n  \"claimmap_view\": 1,\n  \"day\": \"2021-07-14\"\n  \"zoom\": 3\n}\n";
    let words = error_reading("malformed", text);
    assert_eq!(words, "FILE:4:3: expected `,` or `}`");
    let missing_day = "{\"claimmap_view\": 1, \"center\": [66, 34], \"zoom\": 6}";
    let words = error_reading("no-day", missing_day);
    assert!(words.starts_with("FILE:1:"), "{words}");
    assert!(words.contains("missing field `day`"), "{words}");
    let typo = "{\"claimmap_view\": 1,\n \"day\": \"2021-07-14\", \"center\": [66, 34], \"zoom\": 6,\n \"selcted\": \"x\"}";
    let words = error_reading("typo", typo);
    assert!(words.starts_with("FILE:3:"), "{words}");
    assert!(words.contains("unknown field `selcted`"), "{words}");
}

#[test]
fn another_version_and_an_impossible_view_are_refused_clearly() {
    let view = |version: &str, center: &str, zoom: &str| {
        format!(
            "{{\"claimmap_view\": {version}, \"day\": \"2021-07-14\", \"center\": {center}, \"zoom\": {zoom}}}"
        )
    };
    assert_eq!(
        error_reading("v99", &view("99", "[66, 34]", "6")),
        "FILE is a view file of format 99; this claimmap reads format 1 only (a newer claimmap may read it)"
    );
    assert_eq!(
        error_reading("zoom99", &view("1", "[66, 34]", "99")),
        "FILE: zoom 99 is out of range: it must be within 0 to 26"
    );
    assert_eq!(
        error_reading("lon200", &view("1", "[200, 34]", "6")),
        "FILE: the map centre (longitude 200, latitude 34) is off the map: longitude must be within -180 to 180, latitude within -85.06 to 85.06"
    );
    let polar = error_reading("lat89", &view("1", "[66, 89]", "6"));
    assert!(polar.contains("latitude 89"), "{polar}");
    let huge = error_reading("inf", &view("1", "[66, 34]", "1e400"));
    assert!(huge.contains("zoom inf is out of range"), "{huge}");
    let text = error_reading("text-zoom", &view("1", "[66, 34]", "\"6\""));
    assert!(text.contains("expected a number"), "{text}");
    assert_eq!(
        error_reading("not-a-view", "{\"events\": []}"),
        "FILE is not a claimmap view file: it has no \"claimmap_view\" key"
    );
    assert!(error_reading("array", "[1, 2]").contains("not a claimmap view file"));
    assert!(error_reading("array-of-view", "[1, \"2021-07-14\"]").contains("not a claimmap"));
    assert_eq!(
        error_reading("empty", ""),
        "FILE:1:0: EOF while parsing a value"
    );
    // Nor is such a view written.
    let path = folder("save-zoom99").join("view.claimmap.json");
    let error = save_view(
        &path,
        &ViewFile {
            zoom: 99.0,
            ..plain_view()
        },
    )
    .unwrap_err();
    assert!(matches!(error, ViewFileError::Zoom { .. }), "{error}");
    assert!(!path.exists());
}

#[test]
fn a_too_large_view_file_is_refused_before_it_is_read() {
    let path = folder("large").join("view.claimmap.json");
    save_view(&path, &plain_view()).unwrap();
    let error = read_view(&path, 10).unwrap_err();
    assert!(matches!(error, ViewFileError::Read { .. }), "{error}");
    assert!(error.to_string().contains("over the limit"), "{error}");
}

#[test]
fn a_failed_write_leaves_no_file_behind() {
    let root = folder("atomic");
    // Root may write anywhere, so "not writable" is a folder that is a file.
    let not_a_folder = touch(&root.join("plain-file"));
    let path = not_a_folder.join("view.claimmap.json");
    let error = save_view(&path, &plain_view()).unwrap_err();
    assert!(matches!(error, ViewFileError::Write { .. }), "{error}");
    assert!(error.to_string().starts_with("cannot write "), "{error}");
    assert_eq!(
        fs::read_dir(&root).unwrap().count(),
        1,
        "only the plain file"
    );
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_halfway_keeps_the_old_view() {
    use std::os::unix::ffi::OsStrExt;
    let root = folder("halfway");
    let path = root.join("view.claimmap.json");
    save_view(&path, &plain_view()).unwrap();
    let before = fs::read(&path).unwrap();
    // JSON cannot hold a name that is not Unicode: serialising fails part way.
    let odd = PathBuf::from(std::ffi::OsStr::from_bytes(b"/srv/\xffdata/events.json"));
    let view = ViewFile {
        events: Some(odd),
        ..plain_view()
    };
    let error = save_view(&path, &view).unwrap_err();
    assert!(matches!(error, ViewFileError::Write { .. }), "{error}");
    assert_eq!(fs::read(&path).unwrap(), before, "the old view is whole");
    assert_eq!(fs::read_dir(&root).unwrap().count(), 1, "no partial file");
}

#[test]
fn view_files_are_told_from_data_files_by_content() {
    let written = serde_json::to_vec_pretty(&plain_view()).unwrap();
    assert!(is_view_file(&written));
    assert!(is_view_file(b"\xef\xbb\xbf { \"claimmap_view\": 1, broken"));
    assert!(is_view_file(
        br#"{"day": "2021-07-14", "claimmap_view": 1, "zoom": 3}"#
    ));
    assert!(!is_view_file(br#"{"events": [], "parties": []}"#));
    assert!(!is_view_file(
        br#"{"type": "FeatureCollection", "features": []}"#
    ));
    assert!(!is_view_file(
        br#"{"events": [{"quote": "claimmap_view"}]}"#
    ));
    assert!(!is_view_file(br#"{"nested": {"claimmap_view": 1}}"#));
    assert!(!is_view_file(b"id,date,place\n"));
    assert!(
        !is_view_file(b"[1]"),
        "an array is no view, though serde reads one"
    );
    let root = folder("sniff");
    let named = touch(&root.join("Kandahar.ClaimMap.JSON"));
    assert!(is_view_path(&named), "by its name");
    let unnamed = root.join("view.json");
    fs::write(&unnamed, &written).unwrap();
    assert!(is_view_path(&unnamed), "by its content");
    assert!(!is_view_path(&touch(&root.join("events.json"))));
    assert!(!is_view_path(&root.join("nothing-here.json")));
}

#[test]
fn a_series_is_the_same_listed_series_after_a_view() {
    let view = series_in(Path::new("/maps/isw"));
    let listed = ListedSeries::from(view.clone());
    assert_eq!(listed.listing.series.label(), "ISW assessed control");
    assert_eq!(listed.listing.files, "*.geojson");
    assert_eq!(ViewSeries::from(&listed), view);
    let claimed = ViewSeries {
        verification: Verification::Claimed,
        ..view
    };
    let text = serde_json::to_string(&claimed).unwrap();
    assert!(
        !text.contains("verification"),
        "claimed is the default: {text}"
    );
    let back: ViewSeries = serde_json::from_str(&text).unwrap();
    assert_eq!(back, claimed);
    let wrong = text.replace("\"files\"", "\"verification\": \"sure\", \"files\"");
    let error = serde_json::from_str::<ViewSeries>(&wrong).unwrap_err();
    assert!(error.to_string().contains("neither"), "{error}");
}
