//! Claims spreadsheets, written here the way Excel, LibreOffice and Google
//! Sheets save them.

use super::*;
use crate::formats::{Diagnostic, Problem, Severity};
use crate::model::{Dataset, EventType, Gazetteer, Verification};

fn parse(bytes: &[u8]) -> Result<Loaded<DataFile>, LoadFailed> {
    parse_table("claims.csv", bytes)
}

fn data(bytes: &[u8]) -> DataFile {
    match parse(bytes) {
        Ok(loaded) => loaded.value,
        Err(failed) => panic!("{:#?}", failed.diagnostics),
    }
}

fn errors(bytes: &[u8]) -> Vec<String> {
    match parse(bytes) {
        Ok(_) => panic!("expected errors"),
        Err(failed) => failed.errors().map(Diagnostic::to_string).collect(),
    }
}

/// Excel on Windows, in a locale with a decimal comma: semicolons, CRLF, a
/// byte order mark, and a speaker's name in Windows-1252 once re-saved.
const EXCEL: &[u8] = b"\xef\xbb\xbfDate;Place;Type;Claimant;Controller;Speaker;Quote;Outlet;URL;Published\r\n\
9 July 2021;Spin Boldak;captured;Taliban;Taliban;Zabihullah Mujahid;\"Mujahideen \"\"captured\"\" the crossing\";Reuters;https://example.org/a;2021-07-14\r\n\
14 Jul 2021;Spin Boldak;holds;Afghan interior ministry;Afghan government;Tareq Arian;Forces are in control;Reuters;https://example.org/a;2021-07-14\r\n\
;;;;;;;;;\r\n";

#[test]
fn an_excel_sheet_with_semicolons_crlf_and_a_bom_reads_every_claim() {
    let data = data(EXCEL);
    assert!(data.gazetteer.is_none(), "no coordinates, no places");
    let events: Vec<_> = data.events.events.iter().map(|e| e.to_event()).collect();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].id, "r2");
    assert_eq!(events[0].date.to_string(), "2021-07-09");
    assert_eq!(events[0].kind, EventType::Captured);
    assert_eq!(
        events[0].quote.as_deref(),
        Some("Mujahideen \"captured\" the crossing")
    );
    assert_eq!(events[1].claimant, "afghan-interior-ministry");
    assert_eq!(events[1].controller.as_deref(), Some("afghan-government"));
    let names: Vec<_> = data
        .events
        .parties
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("taliban", "Taliban"),
            ("afghan-interior-ministry", "Afghan interior ministry"),
            ("afghan-government", "Afghan government")
        ]
    );
    assert_eq!(
        data.events.sources.len(),
        1,
        "same outlet and url: one source"
    );
    assert_eq!(events[0].source, events[1].source);
    assert_eq!(
        data.events.sources[0].published.map(|d| d.to_string()),
        Some("2021-07-14".into())
    );
}

#[test]
fn a_sheet_saved_as_windows_1252_is_read_with_one_warning() {
    let text =
        b"date,place,type,claimant,speaker\n2021-07-09,Herat,report,government,Ism\xe2il Kh\xe2n\n";
    let loaded = parse(text).unwrap();
    let speaker = loaded.value.events.events.get(0).speaker.map(str::to_owned);
    assert_eq!(speaker.as_deref(), Some("Ismâil Khân"));
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(
        loaded.warnings[0].problem,
        Problem::Table(TableProblem::ReadAsWindows1252)
    );
}

/// Google Sheets: commas, LF, a quote with a line break inside, ids given.
const GOOGLE: &str = "id,date,place,type,claimant,controller,verification,quote,note\n\
g1,2021-07-14,spin-boldak-chaman,captured,taliban,taliban,,\"We took it.\nAll of it.\",\n\
g2,2021-07-15,spin-boldak-chaman,confirmed,government,taliban,confirmed,\"They hold the gate\",Dated from the article\n";

#[test]
fn a_google_sheet_keeps_line_breaks_inside_quotes_and_its_ids() {
    let data = data(GOOGLE.as_bytes());
    let events = &data.events.events;
    assert_eq!(events.ids().collect::<Vec<_>>(), ["g1", "g2"]);
    assert_eq!(events.get(0).quote, Some("We took it.\nAll of it."));
    assert_eq!(events.get(1).verification, Verification::Confirmed);
    assert_eq!(events.get(1).note, Some("Dated from the article"));
    // Row 3 of the sheet is the second claim, though the first spans two lines.
    assert_eq!(events.location(1).map(|l| l.line), Some(3));
}

/// A sheet that is a dataset on its own: places by name, with coordinates.
const SELF_CONTAINED: &str = "Date\tPlace\tLatitude\tLongitude\tKind\tCountry\tType\tClaimant\tController\tClaimant side\tClaimant colour\n\
2021-07-14\tSpin Boldak\t31.0\t66.4\tcrossing\tAF, PK\tcaptured\tTaliban spokesman\tTaliban\tTaliban\t#aa0000\n\
2021-07-15\tspin boldak\t31.0\t66.4\t\t\tholds\tInterior ministry\tGovernment\tGovernment\t\n\
2021-07-16\tHerat\t34,34\t62,2\tcity\tAF\tfighting\tGovernment\t\t\t\n";

#[test]
fn a_sheet_with_coordinates_is_a_complete_dataset() {
    let data = data(SELF_CONTAINED.as_bytes());
    let gazetteer = data.gazetteer.clone().unwrap();
    let places: Vec<_> = gazetteer
        .places
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str(), p.kind.as_str()))
        .collect();
    assert_eq!(
        places,
        [
            ("spin-boldak", "Spin Boldak", "crossing"),
            ("herat", "Herat", "city")
        ]
    );
    assert_eq!(gazetteer.places[0].countries, ["AF", "PK"]);
    assert_eq!(
        gazetteer.places[1].lat(),
        34.34,
        "a decimal comma is a decimal point"
    );
    let spokesman = &data.events.parties[0];
    assert_eq!(
        (spokesman.side.as_deref(), spokesman.color.to_string()),
        (Some("taliban"), "#aa0000".into())
    );
    let (dataset, warnings) = Dataset::link(gazetteer, data.events);
    assert!(warnings.is_empty(), "{warnings:?}");
    // "spin boldak" names the place made by the row that wrote "Spin Boldak".
    assert_eq!(dataset.events_of_place(0).len(), 2);
}

#[test]
fn a_place_by_name_links_to_a_gazetteer_place_and_a_shared_name_is_a_warning() {
    let data = data(b"date,place,type,claimant\n2021-07-14,KANDAHAR CITY,fighting,taliban\n2021-07-14,Kabul,fighting,taliban\n");
    let place = |id: &str, name: &str, alias: &str| crate::model::Place {
        id: id.into(),
        name: name.into(),
        kind: "city".into(),
        countries: vec![],
        province: None,
        aliases: vec![alias.into()],
        position: geo_types::Point::new(65.7, 31.6),
        area: None,
        properties: Default::default(),
    };
    let gazetteer = Gazetteer {
        places: vec![
            place("kandahar", "Kandahar", "Kandahar City"),
            place("kabul-1", "Kabul", "Kabul City"),
            place("kabul-2", "Kabul", "Kabul District"),
        ],
    };
    let (dataset, warnings) = Dataset::link(gazetteer, data.events);
    assert_eq!(dataset.links(0).place, Some(0));
    assert_eq!(dataset.links(1).place, None);
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .warning
            .to_string()
            .contains("is the name of 2 places"),
        "{}",
        warnings[0].warning
    );
}

#[test]
fn a_missing_column_lists_what_was_found_and_the_accepted_names() {
    assert_eq!(
        errors(b"When,Where,type,claimant\n2021-07-14,Herat,fighting,taliban\n"),
        [
            "claims.csv:1:1: error: no column for \"date\", \"place\"; the header has: \"When\", \"Where\", \"type\", \"claimant\". \
             Accepted names: \"date\" or \"event date\"; \"place\" or \"place id\" or \"location\" (case, spaces, \"_\" and \"-\" do not matter)"
        ]
    );
}

#[test]
fn each_bad_cell_is_located_by_row_and_column_and_named_by_its_header() {
    let text = "Date,Place,Type,Claimant,Controller,Lat,Lon\n\
                09/07/2021,Herat,captured,taliban,taliban,,\n\
                2021-07-09,Herat,seized,taliban,taliban,,\n\
                2021-07-09,Herat,captured,taliban,,,\n\
                2021-07-09,Herat,fighting,taliban,government,,\n\
                2021-07-09,Herat,fighting,,,95,62\n\
                2021-07-09,Herat,fighting,taliban,,34\n\
                2021-07-09,Herat,fighting,taliban,,34,\n";
    let errors = errors(text.as_bytes());
    let expected = [
        "claims.csv:2:1: error: row 2, column \"Date\": \"09/07/2021\" could be day/month or month/day",
        "claims.csv:3:3: error: row 3, column \"Type\": unknown type \"seized\"",
        "claims.csv:4:5: error: row 4, column \"Controller\": is empty, but a \"captured\" claim must name who it says holds the place",
        "claims.csv:5:5: error: row 5, column \"Controller\": names a controller, but a \"fighting\" claims no control",
        "claims.csv:6:4: error: row 6, column \"Claimant\": is empty",
        "claims.csv:6:6: error: row 6, column \"Lat\": latitude 95 is outside [-90, 90]",
        "claims.csv:7:7: error: row 7 has 6 fields; the header has 7",
        "claims.csv:8:6: error: row 8, column \"Lat\": has a coordinate, but \"Lon\" is empty: a place needs both",
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (error, expected) in errors.iter().zip(expected) {
        assert!(
            error.starts_with(expected),
            "{error}\n  does not start with\n{expected}"
        );
    }
}

#[test]
fn a_control_claim_in_a_sheet_without_a_controller_column_says_so() {
    let errors = errors(b"date,place,type,claimant\n2021,Herat,captured,taliban\n");
    assert_eq!(
        errors,
        [
            "claims.csv:2:3: error: row 2, column \"type\": is \"captured\", a claim of control, but the sheet has no \"controller\" column to say who holds the place"
        ]
    );
}

#[test]
fn a_filled_cell_past_the_header_is_pointed_at() {
    let errors = errors(b"date,place,type,claimant\n2021,Herat,report,x,,,oops\n");
    assert_eq!(
        errors,
        ["claims.csv:2:7: error: row 2 has 7 fields; the header has 4"]
    );
}

#[test]
fn a_duplicate_id_names_the_first_row() {
    let errors =
        errors(b"id,date,place,type,claimant\na,2021,Herat,report,x\na,2021,Herat,report,x\n");
    assert_eq!(
        errors,
        ["claims.csv:3:1: error: row 3, column \"id\": id \"a\" is used twice (first on row 2)"]
    );
}

#[test]
fn an_empty_file_a_lone_header_and_a_binary_file_say_so() {
    let message = |bytes: &[u8]| errors(bytes).join("\n");
    assert!(message(b"").contains("the file is empty"));
    assert!(message(b"\r\n\r\n").contains("the file is empty"));
    assert!(message(b"date,place,type,claimant\r\n").contains("no rows under it"));
    assert!(message(b"PK\x03\x04\x00\x00\x01").contains("not text"));
}

#[test]
fn unknown_columns_are_a_warning_and_trailing_empty_ones_are_ignored() {
    let loaded = parse(b"date,place,type,claimant,Mood,,\n2021,Herat,report,x,calm,,\n").unwrap();
    let warnings: Vec<_> = loaded
        .warnings
        .iter()
        .map(|w| (w.severity, w.problem.to_string()))
        .collect();
    assert_eq!(
        warnings,
        [(
            Severity::Warning,
            "columns not read: Mood (the README lists the names claimmap reads)".to_owned()
        )]
    );
}

#[test]
fn excels_unicode_text_reads_as_a_tab_separated_sheet() {
    let text = "Date\tPlace\tType\tClaimant\n9 July 2021\tIslam Qala\treport\tگزارشگر\n";
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert!(looks_like_table(&bytes));
    let data = data(&bytes);
    assert_eq!(data.events.events.get(0).place, "Islam Qala");
    assert_eq!(data.events.parties[0].name, "گزارشگر");
}

#[test]
fn tables_are_told_from_json_and_xml() {
    assert!(looks_like_table(EXCEL));
    assert!(looks_like_table(GOOGLE.as_bytes()));
    assert!(!looks_like_table(b"{\"events\": []}"));
    assert!(!looks_like_table(b"<?xml version=\"1.0\"?><kml/>"));
    assert!(!looks_like_table(b"just a line of prose"));
}

#[test]
fn a_sheets_until_is_kept_and_may_not_come_before_its_date() {
    let sheet = b"date,place,type,claimant,controller,until\n\
2021-07-09,Spin Boldak,holds,ISW,Taliban,10 Sep 2021\n\
2021-07-09,Herat,holds,ISW,Taliban,\n";
    let data = data(sheet);
    let until: Vec<_> = data.events.events.iter().map(|e| e.until).collect();
    assert_eq!(until, [Some("2021-09-10".parse().unwrap()), None]);
    let lapsing_early = b"date,place,type,claimant,controller,until\n\
2021-07-09,Spin Boldak,holds,ISW,Taliban,2021-07-08\n";
    assert_eq!(
        errors(lapsing_early),
        [
            "claims.csv:2:6: error: row 2, column \"until\": is 2021-07-08, before the day the claim is made (2021-07-09); a claim cannot lapse before it stands"
        ]
    );
}
