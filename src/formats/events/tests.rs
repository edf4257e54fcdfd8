use super::*;
use crate::formats::Severity;
use crate::model::Location;

fn parse(text: &str) -> Result<Loaded<EventsFile>, LoadFailed> {
    parse_events("events.json", text.to_owned())
}

fn file(text: &str) -> EventsFile {
    match parse(text) {
        Ok(loaded) => {
            assert_eq!(loaded.warnings, vec![], "unexpected warnings");
            loaded.value
        }
        Err(failed) => panic!("did not load: {:#?}", failed.diagnostics),
    }
}

fn messages(text: &str) -> Vec<String> {
    match parse(text) {
        Ok(loaded) => loaded.warnings.iter().map(ToString::to_string).collect(),
        Err(failed) => failed.diagnostics.iter().map(ToString::to_string).collect(),
    }
}

/// An events file around one event object written on line 2.
fn one_event(event: &str) -> String {
    format!("{{\"events\": [\n{event}\n]}}")
}

const GOOD_EVENT: &str = r#"{"id": "iq-1", "date": "2021-07-08", "place": "islam-qala", "type": "captured", "claimant": "afg-security-officials", "controller": "taliban"}"#;

#[test]
fn the_documented_example_loads() {
    let text = r##"{
      "parties": [
        {"id": "taliban", "name": "Taliban", "color": "#c0392b"},
        {"id": "government", "name": "Afghan government", "color": "#2e86c1"},
        {"id": "afg-interior-ministry", "name": "Afghan interior ministry", "side": "government"},
        {"id": "pakistan-officials", "name": "Pakistani officials"}
      ],
      "sources": [
        {"id": "reuters-0709", "outlet": "Reuters", "title": "Taliban capture Afghan border crossings with five countries",
         "url": "https://example.org/a", "published": "2021-07-09"}
      ],
      "events": [
        {"id": "iq-1", "date": "2021-07-08", "place": "islam-qala", "type": "captured",
         "claimant": "afg-security-officials", "controller": "taliban", "verification": "claimed",
         "speaker": "Two senior security officials, speaking on condition of anonymity",
         "quote": "…verbatim words…", "source": "reuters-0709", "note": "optional"}
      ]
    }"##;
    let file = file(text);
    assert_eq!(file.parties.len(), 4);
    assert_eq!(file.parties[0].color, Rgb([0xc0, 0x39, 0x2b]));
    assert_eq!(file.parties[2].side.as_deref(), Some("government"));
    assert_eq!(
        file.parties[3].color,
        Rgb::for_id("pakistan-officials"),
        "a palette colour when none is given"
    );
    let source = &file.sources[0];
    assert_eq!(
        source.published.map(|d| d.effective_day().to_string()),
        Some("2021-07-09".into())
    );
    let event = file.events.get(0);
    assert_eq!(event.kind, EventType::Captured);
    assert_eq!(event.verification, Verification::Claimed);
    assert_eq!(event.controller, Some("taliban"));
    assert_eq!(event.note, Some("optional"));
    assert_eq!(event.quote, Some("…verbatim words…"));
    assert_eq!(
        file.events.location(0),
        Some(Location {
            line: 13,
            column: 9
        })
    );
}

#[test]
fn parties_and_sources_are_optional_and_verification_defaults_to_claimed() {
    let file = file(&one_event(GOOD_EVENT));
    assert!(file.parties.is_empty() && file.sources.is_empty());
    assert_eq!(file.events.get(0).verification, Verification::Claimed);
}

#[test]
fn unknown_fields_are_ignored_everywhere() {
    let text = r#"{"version": 3, "parties": [{"id": "t", "name": "T", "logo": "t.png"}],
      "events": [{"id": "e", "date": "2021", "place": "p", "type": "report", "claimant": "t", "confidence": 0.4}]}"#;
    assert_eq!(file(text).events.get(0).id, "e");
}

#[test]
fn a_fighting_event_needs_no_controller() {
    let event =
        r#"{"id": "f", "date": "2021-07", "place": "p", "type": "fighting", "claimant": "c"}"#;
    assert_eq!(file(&one_event(event)).events.get(0).controller, None);
}

#[test]
fn every_event_type_and_date_form_is_read() {
    for kind in EventType::ALL {
        let controller = match kind {
            EventType::Confirmed => r#", "controller": "t", "verification": "confirmed""#,
            _ if kind.is_control_claim() => r#", "controller": "t""#,
            _ => "",
        };
        let event = format!(
            r#"{{"id": "e", "date": "2021-07-08/2021-07-10", "place": "p", "type": "{kind}", "claimant": "c"{controller}}}"#
        );
        let file = file(&one_event(&event));
        assert_eq!(file.events.get(0).kind, kind);
        assert_eq!(file.events.get(0).date.to_string(), "2021-07-08/2021-07-10");
    }
}

#[test]
fn a_wrong_type_is_an_error_naming_the_event_and_the_value() {
    let event = GOOD_EVENT.replace("captured", "seized");
    assert_eq!(
        messages(&one_event(&event)),
        [
            "events.json:2:69: error: event iq-1: unknown type \"seized\" (expected one of captured, retaken, holds, denied, withdrew, confirmed, fighting, report)"
        ]
    );
}

#[test]
fn a_bad_date_is_an_error_at_the_date() {
    let event = GOOD_EVENT.replace("2021-07-08", "8 July 2021");
    assert_eq!(
        messages(&one_event(&event)),
        [
            "events.json:2:24: error: event iq-1: \"8 July 2021\" is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY or an interval A/B of those)"
        ]
    );
}

#[test]
fn a_duplicate_id_is_an_error_naming_the_first() {
    let text = format!("{{\"events\": [\n{GOOD_EVENT},\n{GOOD_EVENT}\n]}}");
    assert_eq!(
        messages(&text),
        ["events.json:3:1: error: event id \"iq-1\" is used twice (first on line 2)"]
    );
}

#[test]
fn a_missing_required_field_is_an_error() {
    let event = GOOD_EVENT.replace(r#""claimant": "afg-security-officials", "#, "");
    assert_eq!(
        messages(&one_event(&event)),
        ["events.json:2:1: error: event iq-1: \"claimant\" is missing"]
    );
    let no_id = GOOD_EVENT.replace(r#""id": "iq-1", "#, "");
    assert_eq!(
        messages(&one_event(&no_id)),
        ["events.json:2:1: error: event #1: \"id\" is missing"]
    );
}

#[test]
fn a_control_claim_without_a_controller_is_an_error() {
    let event = GOOD_EVENT.replace(r#", "controller": "taliban""#, "");
    assert_eq!(
        messages(&one_event(&event)),
        [
            "events.json:2:1: error: event iq-1: a \"captured\" event must name a \"controller\": who the claim says holds the place"
        ]
    );
}

#[test]
fn a_controller_on_a_fighting_event_is_an_error() {
    let event = GOOD_EVENT.replace("captured", "fighting");
    assert_eq!(
        messages(&one_event(&event)),
        [
            "events.json:2:133: error: event iq-1: a \"fighting\" event must not name a \"controller\"; it claims no control"
        ]
    );
}

#[test]
fn an_unknown_verification_is_an_error() {
    let event = GOOD_EVENT.replace("}", r#", "verification": "likely"}"#);
    assert_eq!(
        messages(&one_event(&event)),
        [
            "events.json:2:160: error: event iq-1: unknown verification \"likely\" (expected \"claimed\" or \"confirmed\")"
        ]
    );
}

#[test]
fn a_field_of_the_wrong_json_type_is_an_error() {
    let event = GOOD_EVENT.replace(r#""place": "islam-qala""#, r#""place": 12"#);
    assert_eq!(
        messages(&one_event(&event)),
        ["events.json:2:47: error: event iq-1: \"place\" must be text"]
    );
}

#[test]
fn an_item_that_is_not_an_object_is_an_error() {
    assert_eq!(
        messages(&one_event("\"iq-1\"")),
        ["events.json:2:1: error: event #1 must be a JSON object"]
    );
    assert_eq!(
        messages(&one_event(r#"{"id": "a", "id": "b"}"#)),
        ["events.json:2:16: error: event #1: duplicate field `id`"]
    );
}

#[test]
fn every_problem_in_a_file_is_reported_not_just_the_first() {
    let text = format!(
        "{{\"events\": [\n{},\n{},\n{GOOD_EVENT}\n]}}",
        GOOD_EVENT
            .replace("2021-07-08", "2021-02-30")
            .replace("iq-1", "a"),
        GOOD_EVENT.replace("captured", "took").replace("iq-1", "b"),
    );
    let failed = parse(&text).unwrap_err();
    let lines: Vec<usize> = failed
        .errors()
        .filter_map(|d| d.location.map(|l| l.line))
        .collect();
    assert_eq!(lines, [2, 3]);
}

#[test]
fn broken_json_is_reported_at_its_line_and_column() {
    assert_eq!(
        messages("{\"events\": [\n  {\"id\": \"a\",}\n]}"),
        ["events.json:2:14: error: not valid JSON: key must be a string"]
    );
}

#[test]
fn something_without_an_events_list_is_not_an_events_file() {
    assert_eq!(
        messages(r#"{"type": "FeatureCollection", "features": []}"#),
        ["events.json: error: expected an object with an \"events\" list"]
    );
    assert_eq!(
        messages(r#"{"events": {"a": 1}}"#),
        ["events.json:1:12: error: \"events\" must be a list"]
    );
}

#[test]
fn parties_need_an_id_and_a_name() {
    let text = r#"{"parties": [{"id": "t"}], "events": []}"#;
    assert_eq!(
        messages(text),
        ["events.json:1:14: error: party t: \"name\" is missing"]
    );
}

#[test]
fn a_colour_that_is_not_rrggbb_is_a_warning_and_a_palette_colour_is_used() {
    let text = r#"{"parties": [{"id": "t", "name": "T", "color": "red"}], "events": []}"#;
    let loaded = parse(text).unwrap();
    assert_eq!(loaded.value.parties[0].color, Rgb::for_id("t"));
    assert_eq!(loaded.warnings[0].severity, Severity::Warning);
    assert_eq!(
        loaded.warnings[0].to_string(),
        "events.json:1:48: warning: party t: colour \"red\" is not #rrggbb; a palette colour is used"
    );
}

#[test]
fn a_side_that_names_no_party_is_dropped_with_a_warning() {
    let text = r#"{"parties": [{"id": "t", "name": "T", "side": "ghost"}], "events": []}"#;
    let loaded = parse(text).unwrap();
    assert_eq!(loaded.value.parties[0].side, None);
    assert_eq!(
        loaded.warnings[0].to_string(),
        "events.json:1:47: warning: party t: side \"ghost\" is not a listed party; ignored"
    );
}

#[test]
fn a_cycle_of_side_links_is_an_error() {
    let text = r#"{"parties": [
        {"id": "a", "name": "A", "side": "b"},
        {"id": "b", "name": "B", "side": "c"},
        {"id": "c", "name": "C", "side": "a"},
        {"id": "d", "name": "D", "side": "a"},
        {"id": "e", "name": "E", "side": "e"}
      ], "events": []}"#;
    assert_eq!(
        messages(text),
        [
            "events.json:2:42: error: parties a → b → c → a form a cycle of side links",
            "events.json:6:42: error: parties e → e form a cycle of side links",
        ]
    );
}

#[test]
fn sources_need_an_outlet_and_a_valid_publication_date() {
    let text = r#"{"sources": [{"id": "s", "published": "2021-07-09"}, {"id": "t", "outlet": "O", "published": "yesterday"}], "events": []}"#;
    assert_eq!(
        messages(text),
        [
            "events.json:1:14: error: source s: \"outlet\" is missing",
            "events.json:1:94: error: source t: \"yesterday\" is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY or an interval A/B of those)",
        ]
    );
}

#[test]
fn a_bom_and_crlf_line_ends_are_fine() {
    let text = format!("\u{feff}{{\"events\": [\r\n{GOOD_EVENT}\r\n]}}\r\n");
    let file = file(&text);
    assert_eq!(
        file.events.location(0),
        Some(Location { line: 2, column: 1 })
    );
}

#[test]
fn a_confirmed_type_without_confirmed_verification_is_a_warning() {
    let event = GOOD_EVENT.replace("captured", "confirmed");
    let loaded = parse(&one_event(&event)).unwrap();
    assert_eq!(
        loaded.value.events.get(0).verification,
        Verification::Claimed
    );
    assert_eq!(
        loaded.warnings[0].to_string(),
        "events.json:2:69: warning: event iq-1: a \"confirmed\" event without \"verification\": \"confirmed\" counts as an ordinary claim"
    );
}

#[test]
fn blank_ids_are_errors() {
    let event = GOOD_EVENT.replace(
        r#""claimant": "afg-security-officials""#,
        r#""claimant": "  ""#,
    );
    assert_eq!(
        messages(&one_event(&event)),
        ["events.json:2:93: error: event iq-1: \"claimant\" must be non-empty text"]
    );
    let event = GOOD_EVENT.replace(r#""controller": "taliban""#, r#""controller": """#);
    assert_eq!(
        messages(&one_event(&event)),
        ["events.json:2:133: error: event iq-1: \"controller\" must be non-empty text"]
    );
}

#[test]
fn a_null_list_is_an_error_not_an_empty_file() {
    assert_eq!(
        messages(r#"{"events": null}"#),
        ["events.json:1:12: error: \"events\" must be a list"]
    );
}

#[test]
fn every_problem_of_one_item_is_reported_at_once() {
    let event = GOOD_EVENT
        .replace(r#""id": "iq-1", "#, "")
        .replace("}", r#", "quote": 5}"#);
    assert_eq!(
        messages(&one_event(&event)),
        [
            "events.json:2:1: error: event #1: \"id\" is missing",
            "events.json:2:139: error: event #1: \"quote\" must be text",
        ]
    );
}

#[test]
fn a_minified_file_of_100_000_events_is_read_in_linear_time_with_exact_columns() {
    // Quadratic before: each column was counted from the start of the only line
    // (100,000 events took 37 s, against 0.3 s for the same file indented).
    let events: Vec<String> = (0..100_000)
        .map(|i| {
            format!(
                r#"{{"id":"e{i}","date":"2021-07-09","place":"qala-é","type":"report","claimant":"ré"}}"#
            )
        })
        .collect();
    let text = format!(r#"{{"events":[{}]}}"#, events.join(","));
    let file = file(&text);
    assert_eq!(file.events.len(), 100_000);
    let start = text.rfind("{\"id\"").unwrap();
    assert_eq!(
        file.events.location(99_999),
        Some(Location {
            line: 1,
            column: text[..start].chars().count() + 1
        })
    );
}

/// The file read item by item, as a file with problems is.
fn parse_item_by_item(text: &str) -> Result<Loaded<EventsFile>, LoadFailed> {
    let progress = Progress::default();
    parse_with(
        "events.json",
        text.to_owned().into(),
        Path::ItemByItem,
        &progress,
    )
}

fn same_reading(text: &str) {
    let one_pass = parse(text).unwrap();
    let careful = parse_item_by_item(text).unwrap();
    assert_eq!(one_pass.value, careful.value);
    assert_eq!(one_pass.warnings, careful.warnings);
    let events = &one_pass.value.events;
    for e in 0..events.len() {
        assert_eq!(events.location(e), careful.value.events.location(e));
    }
}

#[test]
fn the_one_pass_reads_what_the_careful_path_reads() {
    same_reading(crate::data::BUILT_IN_EVENTS);
    // Escapes in keys and values, a byte order mark, unknown fields and
    // lists, nulls, fields in any order, events before parties.
    let text = "\u{feff}{\"events\": [\n  {\"n\\u006fte\": \"\\\"quoted\\\"\", \"id\": \"a\", \"extra\": {\"id\": 1}, \"date\": \"2021-07\",\n   \"place\": \"p\", \"type\": \"holds\", \"claimant\": \"t\", \"controller\": \"t\", \"quote\": \"\\u201cWe hold it\\u201d\", \"speaker\": null},\n  {\"type\": \"fighting\", \"id\": \"b\", \"date\": \"2021-07-08/2021-07-09\", \"place\": \"p\", \"claimant\": \"t\"}\n],\n\"parties\": [{\"id\": \"t\", \"name\": \"T\", \"color\": \"red\"}], \"version\": [1, 2]}";
    same_reading(text);
    let file = file_with_warnings(text);
    let first = file.events.get(0);
    assert_eq!(first.note, Some("\"quoted\""));
    assert_eq!(first.quote, Some("“We hold it”"));
    assert_eq!(first.speaker, None);
    assert_eq!(
        file.events.location(1),
        Some(Location { line: 4, column: 3 })
    );
}

#[test]
fn an_empty_object_or_a_repeated_key_is_placed_by_the_careful_path() {
    let empty = one_event("{}");
    assert_eq!(messages(&empty), messages_item_by_item(&empty));
    assert!(messages(&empty)[0].starts_with("events.json:2:1: error: event #1: \"id\" is missing"));
    let repeated = one_event(
        &GOOD_EVENT.replace("{\"id\": \"iq-1\",", "{\"id\": \"iq-1\", \"id\": \"iq-2\","),
    );
    assert_eq!(messages(&repeated), messages_item_by_item(&repeated));
    assert!(
        messages(&repeated)[0].contains("duplicate field `id`"),
        "{:?}",
        messages(&repeated)
    );
}

fn messages_item_by_item(text: &str) -> Vec<String> {
    match parse_item_by_item(text) {
        Ok(loaded) => loaded.warnings.iter().map(ToString::to_string).collect(),
        Err(failed) => failed.diagnostics.iter().map(ToString::to_string).collect(),
    }
}

fn file_with_warnings(text: &str) -> EventsFile {
    parse(text).unwrap().value
}

/// The file read with its events split between two threads, however small.
fn parse_in_halves(text: &str) -> Result<Loaded<EventsFile>, LoadFailed> {
    let progress = Progress::default();
    let path = Path::OnePassFirst(Halves::Always);
    parse_with("events.json", text.to_owned().into(), path, &progress)
}

fn same_in_halves(text: &str) {
    let careful = parse_item_by_item(text);
    let halves = parse_in_halves(text);
    match (careful, halves) {
        (Ok(careful), Ok(halves)) => {
            assert_eq!(halves.value, careful.value);
            assert_eq!(halves.warnings, careful.warnings);
            let events = &halves.value.events;
            for e in 0..events.len() {
                assert_eq!(events.location(e), careful.value.events.location(e));
            }
        }
        (Err(careful), Err(halves)) => assert_eq!(halves.diagnostics, careful.diagnostics),
        (careful, halves) => panic!("careful: {careful:?}\nhalves: {halves:?}"),
    }
}

/// Events one per line, as large files are written, with escapes on both sides of the middle.
fn events_per_line(count: usize, extra: &str) -> String {
    let events: Vec<String> = (0..count)
        .map(|i| {
            format!(
                r#"    {{"id": "e{i}", "date": "2021-07-{:02}", "place": "p{}", "type": "holds", "claimant": "t", "controller": "t", "quote": "\u201cline {i}\u201d", "note": "n\"{i}"{extra}}}"#,
                1 + i % 28,
                i % 7
            )
        })
        .collect();
    format!(
        "{{\"parties\": [{{\"id\": \"t\", \"name\": \"T\"}}],\n\"events\": [\n{}\n],\n\"sources\": []}}\n",
        events.join(",\n")
    )
}

#[test]
fn events_read_in_two_halves_are_what_one_reading_finds() {
    same_in_halves(&events_per_line(101, ""));
    same_in_halves(crate::data::BUILT_IN_EVENTS);
    // The middle falls inside a list of objects within an event: no split there.
    same_in_halves(&events_per_line(
        3,
        ", \"extra\": [\n{\"a\": 1},\n{\"b\": 2},\n{\"c\": 3}\n]",
    ));
    // The same id on both sides of the middle, and a problem in the second half.
    let twice = events_per_line(40, "").replace("\"e35\"", "\"e3\"");
    same_in_halves(&twice);
    let bad_date = events_per_line(40, "").replace(
        "\"id\": \"e33\", \"date\": \"2021-07-06\"",
        "\"id\": \"e33\", \"date\": \"2021-13-06\"",
    );
    assert_ne!(bad_date, events_per_line(40, ""), "the date was replaced");
    same_in_halves(&bad_date);
    let file = parse_in_halves(&events_per_line(101, "")).unwrap().value;
    assert_eq!(file.events.get(100).quote, Some("“line 100”"));
    assert_eq!(file.events.get(100).note, Some("n\"100"));
}

#[test]
fn until_is_the_last_day_its_date_covers() {
    for (until, last) in [
        ("2021-07-20", "2021-07-20"),
        ("2021-09", "2021-09-30"),
        ("2021-07-15/2021-07-18", "2021-07-18"),
    ] {
        let event = GOOD_EVENT.replace("}", &format!(r#", "until": "{until}"}}"#));
        let file = file(&one_event(&event));
        assert_eq!(
            file.events.get(0).until,
            Some(last.parse().unwrap()),
            "{until}"
        );
    }
    assert_eq!(file(&one_event(GOOD_EVENT)).events.get(0).until, None);
}

#[test]
fn until_before_the_claims_date_is_an_error_at_until() {
    let event = GOOD_EVENT.replace("}", r#", "until": "2021-07"}"#);
    assert_eq!(
        messages(&one_event(&event)),
        Vec::<String>::new(),
        "July covers the 8th"
    );
    let event = GOOD_EVENT.replace("}", r#", "until": "2021-07-07"}"#);
    assert_eq!(
        messages(&one_event(&event)),
        [
            "events.json:2:153: error: event iq-1: \"until\" 2021-07-07 is before the day the claim is made (2021-07-08); a claim cannot lapse before it stands"
        ]
    );
}

#[test]
fn map_series_are_listed_with_their_files_and_verification_defaults_to_claimed() {
    let text = r#"{"maps": [
  {"id": "isw-assessed", "claimant": "isw", "controller": "russia", "verification": "confirmed",
   "source": "isw-maps", "files": "isw/assessed/*.geojson"},
  {"id": "deepstate", "name": "DeepStateMap", "claimant": "deepstate", "controller": "russia", "files": "ds/*.json"}
], "events": []}"#;
    let maps = file(text).maps;
    assert_eq!(maps.len(), 2);
    assert_eq!(maps[0].files, "isw/assessed/*.geojson");
    assert_eq!(maps[0].series.verification, Verification::Confirmed);
    assert_eq!(maps[0].series.source.as_deref(), Some("isw-maps"));
    assert_eq!(maps[1].series.label(), "DeepStateMap");
    assert_eq!(maps[1].series.verification, Verification::Claimed);
    // The careful path reads the same list.
    let careful = parse_with(
        "events.json",
        Cow::Borrowed(text),
        Path::ItemByItem,
        &Progress::default(),
    );
    assert_eq!(careful.map(|l| l.value.maps).ok(), Some(maps));
}

#[test]
fn a_map_series_without_files_or_with_a_repeated_id_is_an_error_at_it() {
    let text = r#"{"maps": [
  {"id": "isw", "claimant": "isw", "controller": "russia"},
  {"id": "ds", "claimant": "deepstate", "controller": "russia", "files": "*.geojson"},
  {"id": "ds", "claimant": "deepstate", "controller": "russia", "files": "*.json"}
], "events": []}"#;
    assert_eq!(
        messages(text),
        [
            "events.json:2:3: error: map series isw: \"files\" is missing",
            "events.json:4:3: error: map series id \"ds\" is used twice (first on line 3)"
        ]
    );
}
