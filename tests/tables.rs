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
