//! The built-in dataset written as a claims spreadsheet, read back, converted
//! to claimmap's own files and read again: the same states on every day.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use claimmap::cli::StateReport;
use claimmap::data::{Input, load_dataset, load_files};
use claimmap::model::{Dataset, Mode};

fn built_in() -> Dataset {
    let report = load_dataset(
        &Input::built_in_gazetteer(),
        &Input::built_in_events(),
        u64::MAX,
    );
    report.dataset.expect("the built-in dataset loads")
}

/// Every claim of the dataset as one row of a spreadsheet, with its source
/// and its parties' sides inline, as a user keeping claims in Excel would.
fn write_sheet(dataset: &Dataset, path: &Path) {
    let mut sheet = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_path(path)
        .unwrap();
    sheet
        .write_record([
            "ID",
            "Date",
            "Place",
            "Type",
            "Claimant",
            "Claimant side",
            "Controller",
            "Controller side",
            "Verification",
            "Speaker",
            "Quote",
            "Note",
            "Source",
            "Outlet",
            "Title",
            "URL",
            "Published",
            "Author",
        ])
        .unwrap();
    let (_, file) = dataset.files();
    for event in dataset.events() {
        let side = |id: Option<&str>| {
            let party = file.parties.iter().find(|p| Some(p.id.as_str()) == id);
            party.and_then(|p| p.side.clone()).unwrap_or_default()
        };
        let source = file
            .sources
            .iter()
            .find(|s| Some(s.id.as_str()) == event.source);
        let text = |value: Option<&str>| value.unwrap_or_default().to_owned();
        let source_text = |f: fn(&claimmap::model::Source) -> Option<String>| {
            source.and_then(f).unwrap_or_default()
        };
        let confirmed = event.verification == claimmap::model::Verification::Confirmed;
        sheet
            .write_record([
                event.id.to_owned(),
                event.date.to_string(),
                event.place.to_owned(),
                event.kind.to_string(),
                event.claimant.to_owned(),
                side(Some(event.claimant)),
                text(event.controller),
                side(event.controller),
                if confirmed {
                    "confirmed".into()
                } else {
                    String::new()
                },
                text(event.speaker),
                text(event.quote),
                text(event.note),
                text(event.source),
                source_text(|s| Some(s.outlet.clone())),
                source_text(|s| s.title.clone()),
                source_text(|s| s.url.clone()),
                source_text(|s| s.published.map(|d| d.to_string())),
                source_text(|s| s.author.clone()),
            ])
            .unwrap();
    }
    sheet.flush().unwrap();
}

/// The state of every place on every day of July 2021, both modes, by ids.
fn states_in_july(dataset: &Dataset) -> Vec<serde_json::Value> {
    let first = NaiveDate::from_ymd_opt(2021, 7, 1).unwrap();
    first
        .iter_days()
        .take(31)
        .flat_map(|day| [Mode::Event, Mode::Known].map(|mode| (day, mode)))
        .map(|(day, mode)| serde_json::to_value(StateReport::new(dataset, day, mode)).unwrap())
        .collect()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tables");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn the_seed_dataset_as_a_spreadsheet_gives_the_same_states_on_every_day_of_july() {
    let original = built_in();
    let sheet = scratch("seed-claims.csv");
    write_sheet(&original, &sheet);
    let report = load_files(
        Some(&Input::built_in_gazetteer()),
        &Input::File(sheet),
        u64::MAX,
    );
    let errors: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    let from_sheet = report.dataset.unwrap_or_else(|| panic!("{errors:#?}"));
    assert_eq!(from_sheet.events().len(), original.events().len());
    assert_eq!(states_in_july(&from_sheet), states_in_july(&original));
}

#[test]
fn convert_writes_files_that_give_the_same_states_and_say_the_place_ids() {
    let original = built_in();
    let sheet = scratch("seed-for-convert.csv");
    write_sheet(&original, &sheet);
    let (gazetteer, events) = (scratch("converted.geojson"), scratch("converted.json"));
    let output = Command::new(env!("CARGO_BIN_EXE_claimmap"))
        .arg("convert")
        .args([
            "--gazetteer".as_ref(),
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data/gazetteer.geojson")
                .as_os_str(),
        ])
        .args(["--data".as_ref(), sheet.as_os_str()])
        .args(["--out-gazetteer".as_ref(), gazetteer.as_os_str()])
        .args(["--out-events".as_ref(), events.as_os_str()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("places to"), "{said}");
    let report = load_dataset(&Input::File(gazetteer), &Input::File(events), u64::MAX);
    let converted = report.dataset.expect("the converted files load");
    assert_eq!(states_in_july(&converted), states_in_july(&original));
}

#[test]
fn check_reads_a_sheet_with_coordinates_alone_and_points_at_a_bad_row() {
    let sheet = scratch("self-contained.tsv");
    std::fs::write(
        &sheet,
        "Date\tPlace\tLat\tLon\tType\tClaimant\tController\n\
         14 July 2021\tSpin Boldak\t30.95\t66.44\tcaptured\tTaliban\tTaliban\n\
         15 July 2021\tHerat\t34.34\t62.20\tholds\tGovernment\t\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_claimmap"))
        .args(["check".as_ref(), "--data".as_ref(), sheet.as_os_str()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{said}");
    let expected = format!(
        "{}:3:7: error: row 3, column \"Controller\": is empty, but a \"holds\" claim must name who it says holds the place",
        sheet.display()
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains(&expected),
        "{said}"
    );
}

/// An ACLED export of `rows` rows (about 400 bytes each), in the current layout.
fn acled_export(rows: usize) -> String {
    let mut text = String::from(
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\r\n",
    );
    for row in 0..rows {
        let (kind, sub) = match row % 3 {
            0 => (
                "Strategic developments",
                "Non-state actor overtakes territory",
            ),
            1 => ("Battles", "Armed clash"),
            _ => ("Protests", "Peaceful protest"),
        };
        let place = row % 500;
        text.push_str(&format!(
            "AFG{row},{day:02} July 2021,2021,1,Political violence,{kind},{sub},Taliban,,Rebel group,,,,,,4,Southern Asia,Afghanistan,Province {p},District {place},,Location {place},{lat:.4},66.{place:04},1,Tolo News,National,\"On {day:02} July 2021, \"\"Taliban\"\" were reported near Location {place};\r\nsecond line.\",0,,1626652800\r\n",
            day = 1 + row % 28,
            p = place % 30,
            lat = 30.0 + place as f64 / 1000.0,
        ));
    }
    text
}

/// An export on disk is parsed as it is read, in pieces and in two parts at
/// once: the same places, claims and row numbers as its bytes read whole.
#[test]
fn an_acled_export_read_from_disk_in_pieces_is_the_export_read_whole() {
    let text = acled_export(32_000);
    assert!(text.len() > 8 << 20, "large enough to be read in two parts");
    let path = scratch("acled-export.csv");
    std::fs::write(&path, &text).unwrap();
    let whole = claimmap::formats::parse_table("export.csv", text.as_bytes()).unwrap();
    let opened = claimmap::data::open_input(
        &Input::File(path.clone()),
        u64::MAX,
        None,
        &claimmap::progress::Progress::default(),
    )
    .unwrap();
    let claimmap::data::Opened::Data(from_disk) = opened.value else {
        panic!("an export is places and claims");
    };
    assert_eq!(from_disk, whole.value);
    let events = &from_disk.events.events;
    assert_eq!(events.len(), 32_000);
    // Rows as a spreadsheet numbers them: a quoted line break stays in its row.
    let last = events.location(events.len() - 1).unwrap();
    assert_eq!(last.line, 32_001);
}

/// An export that turns out not to be UTF-8 far into the file is read again
/// whole, as Windows-1252, and says so.
#[test]
fn an_acled_export_in_windows_1252_is_read_whole_and_says_so() {
    let mut bytes = acled_export(3_000).into_bytes();
    let at = bytes.len() - 200;
    let e = bytes[at..].iter().position(|&b| b == b'e').unwrap();
    bytes[at + e] = 0xE9; // é in Windows-1252
    let path = scratch("acled-1252.csv");
    std::fs::write(&path, &bytes).unwrap();
    let report = load_files(None, &Input::File(path), u64::MAX);
    let said: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert!(said.iter().any(|d| d.contains("Windows-1252")), "{said:#?}");
    assert_eq!(report.dataset.unwrap().events().len(), 3_000);
}
