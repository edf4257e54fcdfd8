use std::path::PathBuf;

use super::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn built_in() -> LoadRequest {
    LoadRequest::Both {
        gazetteer: Input::built_in_gazetteer(),
        events: Input::built_in_events(),
        fall_back_to_built_in: false,
    }
}

fn loaded() -> Workspace {
    let mut workspace = Workspace::default();
    let outcome = workspace.apply(built_in());
    assert!(outcome.dataset.is_some(), "{:?}", outcome.diagnostics);
    workspace
}

/// How many places and events the built-in files hold, read on their own.
fn built_in_counts() -> (usize, usize) {
    let places = crate::data::load_gazetteer(&Input::built_in_gazetteer(), u64::MAX);
    let events = crate::data::load_events(&Input::built_in_events(), u64::MAX);
    (
        places.map(|p| p.value.places.len()).unwrap_or_default(),
        events.map(|e| e.value.events.len()).unwrap_or_default(),
    )
}

#[test]
fn the_built_in_files_load_without_errors() {
    let outcome = Workspace::default().apply(built_in());
    assert_eq!(outcome.errors().count(), 0);
    assert!(outcome.places_changed);
    let places = built_in_counts().0;
    assert!(places >= 24);
    assert_eq!(outcome.dataset.map(|d| d.places().len()), Some(places));
}

#[test]
fn a_broken_events_file_changes_nothing_and_says_where() {
    let mut workspace = loaded();
    let outcome = workspace.apply(LoadRequest::Open(vec![fixture("malformed-events.json")]));
    assert!(outcome.dataset.is_none());
    let first = outcome.errors().next().map(ToString::to_string);
    let first = first.unwrap_or_default();
    assert!(first.contains("malformed-events.json:"), "{first}");
    assert_eq!(outcome.gazetteer, Some(Input::built_in_gazetteer()));
    assert_eq!(outcome.events, Some(Input::built_in_events()));
}

#[test]
fn an_events_file_is_linked_against_the_gazetteer_already_open() {
    let mut workspace = loaded();
    let events = fixture("wild-events.json");
    let outcome = workspace.apply(LoadRequest::Open(vec![events.clone()]));
    let dataset = outcome.dataset.expect("the events file loads");
    assert_eq!(
        dataset.places().len(),
        built_in_counts().0,
        "the built-in places stay"
    );
    assert!(!outcome.places_changed);
    assert_eq!(outcome.events, Some(Input::File(events)));
    assert_eq!(outcome.gazetteer, Some(Input::built_in_gazetteer()));
}

#[test]
fn a_gazetteer_is_recognised_by_its_content_and_keeps_the_events() {
    let mut workspace = loaded();
    let outcome = workspace.apply(LoadRequest::Open(vec![fixture("wild.geojson")]));
    let dataset = outcome.dataset.expect("the gazetteer loads");
    assert!(outcome.places_changed);
    assert_eq!(
        dataset.events().len(),
        built_in_counts().1,
        "the built-in events stay"
    );
    assert_eq!(outcome.events, Some(Input::built_in_events()));
}

#[test]
fn a_file_of_neither_kind_is_refused_by_name() {
    let mut workspace = loaded();
    let path = std::env::temp_dir().join(format!("claimmap-neither-{}.json", std::process::id()));
    std::fs::write(&path, "[1, 2, 3]").expect("temp file");
    let outcome = workspace.apply(LoadRequest::Open(vec![path.clone()]));
    let _ = std::fs::remove_file(&path);
    assert!(outcome.dataset.is_none());
    let message = outcome
        .errors()
        .map(ToString::to_string)
        .collect::<String>();
    assert!(message.contains("neither a gazetteer"), "{message}");
}

#[test]
fn two_gazetteers_at_once_are_refused() {
    let mut workspace = loaded();
    let outcome = workspace.apply(LoadRequest::Open(vec![
        fixture("wild.geojson"),
        fixture("wild.geojson"),
    ]));
    assert!(outcome.dataset.is_none());
    let message = outcome
        .errors()
        .map(ToString::to_string)
        .collect::<String>();
    assert!(message.contains("is a gazetteer too"), "{message}");
}

#[test]
fn opening_as_a_kind_parses_as_that_kind() {
    let mut workspace = loaded();
    let outcome = workspace.apply(LoadRequest::OpenAs(
        FileKind::Gazetteer,
        fixture("wild-events.json"),
    ));
    assert!(outcome.dataset.is_none());
    assert!(outcome.errors().count() > 0);
}

#[test]
fn remembered_files_that_fail_fall_back_to_the_built_in_ones_with_their_errors() {
    let missing = PathBuf::from("/nonexistent/claimmap/places.geojson");
    let outcome = Workspace::default().apply(LoadRequest::Both {
        gazetteer: Input::File(missing),
        events: Input::built_in_events(),
        fall_back_to_built_in: true,
    });
    assert!(outcome.dataset.is_some());
    assert_eq!(outcome.errors().count(), 1);
    assert_eq!(outcome.gazetteer, Some(Input::built_in_gazetteer()));
}

#[test]
fn files_named_on_the_command_line_do_not_fall_back() {
    let outcome = Workspace::default().apply(LoadRequest::Both {
        gazetteer: Input::File(PathBuf::from("/nonexistent/places.geojson")),
        events: Input::built_in_events(),
        fall_back_to_built_in: false,
    });
    assert!(outcome.dataset.is_none());
    assert_eq!(outcome.gazetteer, None);
}

#[test]
fn reloading_the_same_gazetteer_does_not_count_as_new_places() {
    let mut workspace = loaded();
    let outcome = workspace.apply(built_in());
    assert!(outcome.dataset.is_some());
    assert!(!outcome.places_changed);
    let outcome = workspace.apply(LoadRequest::Open(vec![fixture("wild.geojson")]));
    assert!(outcome.places_changed);
}

/// Writes `text` to a fresh temporary file named `name`.
fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmap-ws-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temp file");
    path
}

fn error_lines(outcome: &LoadOutcome) -> Vec<String> {
    outcome.errors().map(ToString::to_string).collect()
}

#[test]
fn open_on_a_broken_events_file_names_its_line_and_column() {
    // "neither a gazetteer nor an events file", with no position, before.
    let text =
        "{\n  \"parties\": [],\n  \"events\": [\n    {\"id\": \"a\"}\n    {\"id\": \"b\"}\n  ]\n}";
    let path = temp_file("missing-comma.json", text);
    let outcome = loaded().apply(LoadRequest::Open(vec![path.clone()]));
    assert!(outcome.dataset.is_none());
    assert_eq!(
        error_lines(&outcome),
        [format!(
            "{}:5:5: error: not valid JSON: expected `,` or `]`",
            path.display()
        )]
    );
}

#[test]
fn open_on_a_broken_geojson_file_reads_it_as_a_gazetteer() {
    let path = temp_file(
        "places.geojson",
        "{\"type\": \"FeatureCollection\",\n \"features\": [}\n",
    );
    let outcome = loaded().apply(LoadRequest::Open(vec![path.clone()]));
    let errors = error_lines(&outcome);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with(&format!("{}:2:15: error: not valid JSON", path.display())),
        "{errors:?}"
    );
}

#[test]
fn open_on_broken_json_like_neither_kind_says_where_and_what_was_tried() {
    let path = temp_file("notes.json", "{\"a\": 1,,}");
    let outcome = loaded().apply(LoadRequest::Open(vec![path.clone()]));
    let errors = error_lines(&outcome);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with(&format!("{}:1:9: error: not valid JSON", path.display())),
        "{errors:?}"
    );
    assert!(
        errors[0].contains("tried as a gazetteer and as an events file"),
        "{errors:?}"
    );
}

#[test]
fn a_cancelled_load_stops_and_changes_nothing() {
    let progress = Arc::new(Progress::default());
    let mut workspace = Workspace::default().reporting_to(Arc::clone(&progress));
    assert!(workspace.apply(built_in()).dataset.is_some());
    assert_eq!(progress.snapshot().phase, Phase::Idle, "idle once done");
    progress.cancel();
    let events = fixture("wild-events.json");
    let outcome = workspace.apply(LoadRequest::OpenAs(FileKind::Events, events));
    assert!(outcome.dataset.is_none());
    let first = outcome.errors().next().map(ToString::to_string);
    assert!(
        first.is_some_and(|e| e.ends_with("error: reading was cancelled")),
        "{:?}",
        outcome.diagnostics
    );
    assert!(outcome.was_cancelled());
    assert_eq!(
        outcome.events,
        Some(Input::built_in_events()),
        "the old files stay"
    );
}

#[test]
fn a_cancelled_parse_stops_with_one_error() {
    let progress = Progress::default();
    progress.cancel();
    let text = crate::data::BUILT_IN_EVENTS;
    let failed = crate::formats::parse_events_reporting("e.json", text.into(), &progress)
        .err()
        .map(|failed| failed.diagnostics);
    let messages: Vec<String> = failed.iter().flatten().map(ToString::to_string).collect();
    assert_eq!(messages, ["e.json: error: reading was cancelled"]);
}

/// A spreadsheet with coordinates, written where a user would save it.
fn sheet_with_coordinates(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmap-workspace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(
        &path,
        "Date;Place;Lat;Lon;Type;Claimant;Controller\r\n\
         14 July 2021;Spin Boldak;30,9535;66,4392;captured;Taliban;Taliban\r\n\
         15 July 2021;Dand-e-Ghori;36,07;68,6;fighting;Afghan government;\r\n",
    )
    .unwrap();
    path
}

#[test]
fn a_sheet_with_coordinates_opened_alone_replaces_both_and_reloads_from_itself() {
    let mut workspace = loaded();
    let sheet = sheet_with_coordinates("alone.csv");
    let outcome = workspace.apply(LoadRequest::Open(vec![sheet.clone()]));
    let dataset = outcome.dataset.expect("the sheet loads");
    assert_eq!(
        dataset.places().len(),
        2,
        "its own places, not the built-in ones"
    );
    assert!(outcome.places_changed);
    assert_eq!(outcome.gazetteer, Some(Input::File(sheet.clone())));
    assert_eq!(outcome.events, Some(Input::File(sheet.clone())));
    // Reload asks for both files; the one file is read once, not refused as a second of its kind.
    let reload = LoadRequest::Both {
        gazetteer: Input::File(sheet.clone()),
        events: Input::File(sheet),
        fall_back_to_built_in: false,
    };
    let outcome = workspace.apply(reload);
    assert_eq!(outcome.errors().count(), 0, "{:?}", outcome.diagnostics);
    assert_eq!(outcome.dataset.map(|d| d.events().len()), Some(2));
}

#[test]
fn a_sheet_opened_with_a_gazetteer_adds_only_the_places_it_lacks() {
    let mut workspace = Workspace::default();
    let gazetteer = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/gazetteer.geojson");
    let sheet = sheet_with_coordinates("with-gazetteer.csv");
    // In either order: the sheet's places wait for the gazetteer.
    for files in [
        vec![gazetteer.clone(), sheet.clone()],
        vec![sheet.clone(), gazetteer.clone()],
    ] {
        let outcome = workspace.apply(LoadRequest::Open(files));
        let dataset = outcome.dataset.expect("both load");
        // "Spin Boldak" is an alias of the built-in Spin Boldak–Chaman; Dand-e-Ghori is new.
        let places = built_in_counts().0 + 1;
        assert_eq!(dataset.places().len(), places, "{:?}", outcome.diagnostics);
        let spin_boldak = dataset.place_by_id("spin-boldak-chaman").unwrap();
        assert_eq!(dataset.events_of_place(spin_boldak).len(), 1);
        assert_eq!(outcome.gazetteer, Some(Input::File(gazetteer.clone())));
    }
}

#[test]
fn open_gazetteer_on_a_sheet_takes_its_places_and_keeps_the_claims() {
    let mut workspace = loaded();
    let sheet = sheet_with_coordinates("as-gazetteer.csv");
    let outcome = workspace.apply(LoadRequest::OpenAs(FileKind::Gazetteer, sheet.clone()));
    let dataset = outcome.dataset.expect("the sheet's places load");
    assert_eq!(dataset.places().len(), 2);
    assert_eq!(
        outcome.events,
        Some(Input::built_in_events()),
        "the claims stay"
    );
    assert_eq!(outcome.gazetteer, Some(Input::File(sheet)));
}

/// A folder with towns, an events file listing one map series, its maps,
/// and another publisher's maps in a folder of their own.
fn folder_with_series(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("claimmap-ws-series-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["isw", "more/gov"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let band = |west: f64, east: f64| {
        format!(
            r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "properties": {{}}, "geometry": {{"type": "Polygon", "coordinates": [[[{west},0],[{east},0],[{east},10],[{west},10],[{west},0]]]}}}}]}}"#
        )
    };
    let places = r#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "id": "east", "properties": {"name": "East"}, "geometry": {"type": "Point", "coordinates": [9, 5]}},
      {"type": "Feature", "id": "west", "properties": {"name": "West"}, "geometry": {"type": "Point", "coordinates": [1, 5]}}]}"#;
    let events = r#"{"maps": [{"id": "isw", "claimant": "isw", "controller": "russia", "files": "isw/*.geojson"}],
      "events": [{"id": "e1", "date": "2022-02-25", "place": "west", "type": "fighting", "claimant": "isw"}]}"#;
    for (name, text) in [
        ("places.geojson", places.to_owned()),
        ("events.json", events.to_owned()),
        ("isw/isw-2022-02-24.geojson", band(5.0, 10.0)),
        ("more/gov/gov-2022-02-24.geojson", band(0.0, 6.0)),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

fn gov_series(dir: &std::path::Path) -> LoadRequest {
    LoadRequest::AddSeries {
        folder: dir.join("more/gov"),
        listing: crate::model::SeriesListing {
            series: crate::model::MapSeries {
                id: "gov".into(),
                name: None,
                claimant: "ukraine".into(),
                controller: "ukraine".into(),
                verification: crate::model::Verification::Claimed,
                source: None,
            },
            files: "*.geojson".into(),
        },
    }
}

#[test]
fn an_added_series_joins_the_open_events_and_is_saved_with_them() {
    let dir = folder_with_series("save");
    let mut workspace = Workspace::default();
    let opened = workspace.apply(LoadRequest::Both {
        gazetteer: Input::File(dir.join("places.geojson")),
        events: Input::File(dir.join("events.json")),
        fall_back_to_built_in: false,
    });
    assert_eq!(opened.dataset.map(|d| d.map_series().len()), Some(1));
    let added = workspace.apply(gov_series(&dir));
    let dataset = added.dataset.expect("the series is added");
    assert_eq!(dataset.map_series().len(), 2);
    assert_eq!(dataset.own_events(), 1);
    assert_eq!(dataset.events().len(), 3, "e1, isw's east, gov's west");

    let saved = workspace.apply(LoadRequest::SaveEvents(dir.join("saved.json")));
    assert_eq!(saved.errors().count(), 0, "{:?}", saved.diagnostics);
    let said = saved.saved.unwrap_or_default();
    assert!(
        said.starts_with("Saved 1 events and 2 map series"),
        "{said}"
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("saved.json")).unwrap()).unwrap();
    assert_eq!(written["maps"][1]["files"], "more/gov/*.geojson");
    assert_eq!(written["events"].as_array().map(Vec::len), Some(1));

    // The saved file opens with both series.
    let reopened = Workspace::default().apply(LoadRequest::Both {
        gazetteer: Input::File(dir.join("places.geojson")),
        events: Input::File(dir.join("saved.json")),
        fall_back_to_built_in: false,
    });
    assert_eq!(reopened.dataset.map(|d| d.map_series().len()), Some(2));

    // Saved where the maps are not below it: said, and nothing written.
    let elsewhere = dir.join("isw/saved.json");
    let refused = workspace.apply(LoadRequest::SaveEvents(elsewhere.clone()));
    let error = refused
        .errors()
        .next()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(error.contains("not saved: map series \"gov\""), "{error}");
    assert!(!elsewhere.exists());
}

#[test]
fn a_series_that_cannot_be_read_is_not_added_and_changes_nothing() {
    let dir = folder_with_series("bad-add");
    let mut workspace = Workspace::default();
    workspace.apply(LoadRequest::Both {
        gazetteer: Input::File(dir.join("places.geojson")),
        events: Input::File(dir.join("events.json")),
        fall_back_to_built_in: false,
    });
    std::fs::remove_file(dir.join("more/gov/gov-2022-02-24.geojson")).unwrap();
    let outcome = workspace.apply(gov_series(&dir));
    assert!(outcome.dataset.is_none());
    let error = outcome
        .errors()
        .next()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(error.contains("map series \"gov\""), "{error}");
    // Reloading later does not bring it back.
    let reloaded = workspace.apply(LoadRequest::Both {
        gazetteer: Input::File(dir.join("places.geojson")),
        events: Input::File(dir.join("events.json")),
        fall_back_to_built_in: false,
    });
    assert_eq!(reloaded.dataset.map(|d| d.map_series().len()), Some(1));
}

#[test]
fn a_series_added_under_an_id_the_file_lists_is_refused() {
    let dir = folder_with_series("taken");
    let mut workspace = Workspace::default();
    workspace.apply(LoadRequest::Both {
        gazetteer: Input::File(dir.join("places.geojson")),
        events: Input::File(dir.join("events.json")),
        fall_back_to_built_in: false,
    });
    let LoadRequest::AddSeries {
        folder,
        mut listing,
    } = gov_series(&dir)
    else {
        unreachable!("gov_series adds a series");
    };
    listing.series.id = "isw".into();
    let outcome = workspace.apply(LoadRequest::AddSeries { folder, listing });
    assert!(outcome.dataset.is_none());
    let error = outcome
        .errors()
        .next()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        error.contains("already lists a series of that id"),
        "{error}"
    );
}

/// A folder of its own under the temp dir, empty.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmap-ws-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_view_naming_a_missing_file_says_which_and_opens_the_rest() {
    let dir = scratch_dir("view-missing");
    let gazetteer = dir.join("places.geojson");
    std::fs::write(&gazetteer, crate::data::BUILT_IN_GAZETTEER).unwrap();
    let view = dir.join("v.claimmap.json");
    let text = r#"{"claimmap_view": 1, "gazetteer": "places.geojson", "events": "gone.json",
        "day": "2021-07-14", "center": [65.0, 33.0], "zoom": 6.0}"#;
    std::fs::write(&view, text).unwrap();
    let mut workspace = loaded();
    let outcome = workspace.apply(LoadRequest::Open(vec![view]));
    assert!(outcome.dataset.is_some(), "{:?}", outcome.diagnostics);
    let said: Vec<String> = outcome
        .diagnostics
        .iter()
        .map(|d| d.problem.to_string())
        .collect();
    assert!(
        said.iter()
            .any(|s| s.contains("gone.json") && s.contains("not there")),
        "{said:?}"
    );
    assert_eq!(outcome.gazetteer, Some(Input::File(gazetteer)));
    // The events open before are kept: the built-in ones.
    assert_eq!(outcome.events, Some(Input::built_in_events()));
    let view = outcome.view.unwrap();
    assert_eq!(view.day.to_string(), "2021-07-14");
}

#[test]
fn a_broken_view_changes_nothing_and_says_where() {
    let dir = scratch_dir("view-broken");
    let view = dir.join("v.claimmap.json");
    std::fs::write(
        &view,
        "{\"claimmap_view\": 1,\n  \"day\": \"2021-07-14\",,}",
    )
    .unwrap();
    let mut workspace = loaded();
    let outcome = workspace.apply(LoadRequest::Open(vec![view]));
    assert!(outcome.dataset.is_none());
    let said = outcome.errors().next().unwrap().problem.to_string();
    assert!(said.contains(":2:"), "{said}");
}
