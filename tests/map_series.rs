//! Two publishers' daily control maps, read as claims: a folder with a
//! gazetteer of towns, an events file listing two map series, and their maps.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use claimmap::data::{Input, LoadReport, load_dataset};
use claimmap::formats::Severity;
use claimmap::model::{Dataset, Mode, Status};
use serde_json::Value;

/// A fresh folder for one test.
fn folder(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("claimmap-map-series-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("isw")).unwrap();
    std::fs::create_dir_all(dir.join("ua")).unwrap();
    dir
}

/// A map holding the band from `west` to `east` (longitude), 0 to 10 north.
fn plain_map(west: f64, east: f64) -> String {
    format!(
        r#"{{"type": "FeatureCollection", "features": [
  {{"type": "Feature", "properties": {{}}, "geometry": {{"type": "Polygon",
    "coordinates": [[[{west},0],[{east},0],[{east},10],[{west},10],[{west},0]]]}}}}
]}}"#
    )
}

/// [`plain_map`] with a labelled point, as publishers' maps have: not an area.
fn map(west: f64, east: f64) -> String {
    format!(
        r#"{{"type": "FeatureCollection", "features": [
  {{"type": "Feature", "properties": {{}}, "geometry": {{"type": "Polygon",
    "coordinates": [[[{west},0],[{east},0],[{east},10],[{west},10],[{west},0]]]}}}},
  {{"type": "Feature", "properties": {{"label": "front"}}, "geometry": {{"type": "Point", "coordinates": [5, 5]}}}}
]}}"#
    )
}

const PLACES: &str = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": "east", "properties": {"name": "East"}, "geometry": {"type": "Point", "coordinates": [9, 5]}},
  {"type": "Feature", "id": "middle", "properties": {"name": "Middle"}, "geometry": {"type": "Point", "coordinates": [5, 5]}},
  {"type": "Feature", "id": "west", "properties": {"name": "West"}, "geometry": {"type": "Point", "coordinates": [1, 5]}},
  {"type": "Feature", "id": "oblast", "properties": {"name": "Oblast"}, "geometry": {"type": "Polygon",
    "coordinates": [[[8.5,1],[9.8,1],[9.8,2],[8.5,2],[8.5,1]]]}}
]}"#;

fn events(ua_files: &str) -> String {
    format!(
        r##"{{
  "parties": [
    {{"id": "russia", "name": "Russia", "color": "#c0392b"}},
    {{"id": "ukraine", "name": "Ukraine", "color": "#2e86c1"}},
    {{"id": "isw", "name": "Institute for the Study of War"}},
    {{"id": "uagov", "name": "Ukrainian General Staff", "side": "ukraine"}}
  ],
  "sources": [{{"id": "isw-maps", "outlet": "ISW", "url": "https://www.understandingwar.org/"}}],
  "maps": [
    {{"id": "isw-assessed", "name": "ISW assessed map", "claimant": "isw", "controller": "russia",
      "source": "isw-maps", "files": "isw/*.geojson"}},
    {{"id": "ua-gs", "claimant": "uagov", "controller": "ukraine", "files": "{ua_files}"}}
  ],
  "events": [
    {{"id": "e1", "date": "2022-02-25", "place": "west", "type": "fighting", "claimant": "isw"}}
  ]
}}"##
    )
}

/// ISW: Russia holds 4-10 on the 24th and 25th (the same file twice), then
/// only 8-10 from the 27th. The Ukrainian maps: Ukraine holds 0-6 from the 24th.
fn write_folder(test: &str, ua_files: &str) -> PathBuf {
    let dir = folder(test);
    let files = [
        ("places.geojson", PLACES.to_owned()),
        ("events.json", events(ua_files)),
        ("isw/assessed-2022-02-24.geojson", map(4.0, 10.0)),
        ("isw/assessed-2022-02-25.geojson", map(4.0, 10.0)),
        ("isw/assessed-20220227.geojson", map(8.0, 10.0)),
        ("ua/front-2022-02-24.geojson", plain_map(0.0, 6.0)),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

fn load(dir: &Path) -> LoadReport {
    let gazetteer = Input::File(dir.join("places.geojson"));
    load_dataset(&gazetteer, &Input::File(dir.join("events.json")), u64::MAX)
}

fn status(dataset: &Dataset, place: &str, day: &str) -> (Status, Vec<String>) {
    let index = dataset.place_by_id(place).unwrap();
    let state = dataset.place_state_at(index, day.parse().unwrap(), Mode::Event);
    let names = state
        .controllers
        .iter()
        .map(|&p| dataset.parties()[p].id.clone())
        .collect();
    (state.status, names)
}

#[test]
fn two_publishers_maps_make_towns_held_disputed_and_lapsed() {
    let dir = write_folder("two", "ua/*.geojson");
    let report = load(&dir);
    assert_eq!(
        report.count(Severity::Error),
        0,
        "{:#?}",
        report.diagnostics
    );
    // The point on each ISW map is not an area: said once for each file.
    let warnings: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        warnings.len() == 3 && warnings.iter().all(|w| w.contains("is not an area")),
        "{warnings:#?}"
    );
    let dataset = report.dataset.unwrap();
    let held = |party: &str| (Status::Held, vec![party.to_owned()]);
    let disputed = (
        Status::Disputed,
        vec!["russia".to_owned(), "ukraine".to_owned()],
    );
    assert_eq!(status(&dataset, "east", "2022-02-24"), held("russia"));
    assert_eq!(status(&dataset, "middle", "2022-02-24"), disputed);
    assert_eq!(status(&dataset, "west", "2022-02-24"), held("ukraine"));
    // The ISW map of the 27th leaves the middle out: its claim stands through the 26th.
    assert_eq!(status(&dataset, "middle", "2022-02-26"), disputed);
    assert_eq!(status(&dataset, "middle", "2022-02-27"), held("ukraine"));
    assert_eq!(status(&dataset, "east", "2022-03-30"), held("russia"));
    // An area is covered by its inner point.
    assert_eq!(status(&dataset, "oblast", "2022-02-28"), held("russia"));
    assert_eq!(
        status(&dataset, "east", "2022-02-23"),
        (Status::Unknown, vec![])
    );

    // The file's own event first, then ISW's claims, then the Ukrainian ones.
    assert_eq!(dataset.own_events(), 1);
    let ids: Vec<&str> = dataset.events().ids().collect();
    assert_eq!(
        ids,
        [
            "e1",
            "isw-assessed:east:2022-02-24",
            "isw-assessed:middle:2022-02-24",
            "isw-assessed:oblast:2022-02-24",
            "ua-gs:middle:2022-02-24",
            "ua-gs:west:2022-02-24",
        ]
    );
    let middle = 2;
    let stretch = dataset.map_stretch(middle).unwrap();
    assert_eq!(stretch.series.series.label(), "ISW assessed map");
    let files: Vec<&str> = stretch.maps.iter().map(|m| m.file.as_str()).collect();
    assert_eq!(
        files,
        ["assessed-2022-02-24.geojson", "assessed-2022-02-25.geojson"]
    );
    assert_eq!(stretch.until, "2022-02-26".parse().ok());
    assert!(dataset.map_stretch(0).is_none(), "the file's own event");
    assert_eq!(
        dataset.map_claim_in_words(middle).unwrap(),
        [
            "ISW assessed map: Russia holds it, 24 Feb – 26 Feb 2022, 2 maps",
            "assessed-2022-02-24.geojson … assessed-2022-02-25.geojson"
        ]
    );
    let east = 1;
    assert_eq!(
        dataset.map_claim_in_words(east).unwrap()[0],
        "ISW assessed map: Russia holds it from 24 Feb 2022 on, 3 maps"
    );
    // Each claim cites its first map, published on the map's day, so
    // "as known on" a day before a map does not see it.
    let source = dataset.links(middle).source.unwrap();
    assert_eq!(dataset.sources()[source].outlet, "ISW");
    assert_eq!(dataset.links(middle).published, "2022-02-24".parse().ok());
    let index = dataset.place_by_id("middle").unwrap();
    let known = dataset.place_state_at(index, "2022-02-24".parse().unwrap(), Mode::Known);
    assert_eq!(known.status, Status::Disputed);
    // The series stay listed in the file, for writing it again.
    assert_eq!(dataset.files().1.maps.len(), 2);
    assert_eq!(dataset.map_series().len(), 2);
}

#[test]
fn a_series_that_fails_is_said_and_the_other_is_loaded() {
    let dir = write_folder("failing", "deepstate/*.geojson");
    let report = load(&dir);
    let errors: Vec<String> = (report.diagnostics.iter())
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("map series \"ua-gs\""), "{errors:?}");
    assert!(errors[0].contains("events.json"), "{errors:?}");
    let dataset = report.dataset.expect("the rest is loaded");
    assert_eq!(dataset.map_series().len(), 1);
    assert_eq!(
        status(&dataset, "middle", "2022-02-24"),
        (Status::Held, vec!["russia".to_owned()])
    );
}

#[test]
fn the_command_line_shows_map_claims_and_convert_writes_the_series_not_its_claims() {
    let dir = write_folder("cli", "ua/*.geojson");
    let cache = dir.join("cache");
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_claimmap"))
            .args(args)
            .current_dir(&dir)
            .env("CLAIMMAP_CACHE_DIR", &cache)
            .output()
            .unwrap();
        let err = String::from_utf8(output.stderr.clone()).unwrap();
        assert!(output.status.success(), "{err}");
        String::from_utf8(output.stdout).unwrap()
    };
    let base = ["--gazetteer", "places.geojson", "--events", "events.json"];
    let state = run(&[
        &["state", "--at", "2022-02-24", "--format", "json"][..],
        &base,
    ]
    .concat());
    let report: Value = serde_json::from_str(&state).unwrap();
    let middle = (report["places"].as_array().unwrap().iter())
        .find(|p| p["id"] == "middle")
        .unwrap();
    assert_eq!(middle["status"], "disputed");
    assert_eq!(middle["claims"].as_array().unwrap().len(), 2, "{middle}");
    // The Ukrainian series was kept for the next opening; ISW's, whose maps
    // have warnings to say each time, was not.
    let kept = std::fs::read_dir(cache.join("map-series")).unwrap().count();
    assert_eq!(kept, 1);
    let again = run(&[
        &["state", "--at", "2022-02-24", "--format", "json"][..],
        &base,
    ]
    .concat());
    assert_eq!(again, state, "the same from the cache");
    // A changed map is read again, not taken from the cache.
    std::fs::write(dir.join("ua/front-2022-02-24.geojson"), plain_map(6.0, 7.0)).unwrap();
    let state = run(&[
        &["state", "--at", "2022-02-24", "--format", "json"][..],
        &base,
    ]
    .concat());
    let report: Value = serde_json::from_str(&state).unwrap();
    let middle = (report["places"].as_array().unwrap().iter())
        .find(|p| p["id"] == "middle")
        .unwrap();
    assert_eq!(middle["status"], "held", "{middle}");

    run(&[
        &[
            "convert",
            "--out-gazetteer",
            "out-places.geojson",
            "--out-events",
            "out-events.json",
        ][..],
        &base,
    ]
    .concat());
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out-events.json")).unwrap())
            .unwrap();
    assert_eq!(written["events"].as_array().unwrap().len(), 1, "{written}");
    assert_eq!(written["maps"][0]["files"], "isw/*.geojson");
    assert_eq!(written["maps"][1]["id"], "ua-gs");
}
