//! The built binary, run as a user runs it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use std::process::{Command, Output};

use serde_json::Value;

fn claimmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn place<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no place {id}"))
}

#[test]
fn state_as_json_shows_spin_boldak_disputed_on_14_july() {
    let output = claimmap(&["state", "--at", "2021-07-14", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["date"], "2021-07-14");
    assert_eq!(report["mode"], "event");
    let spin_boldak = place(&report, "spin-boldak-chaman");
    assert_eq!(spin_boldak["status"], "disputed");
    assert_eq!(
        spin_boldak["controllers"],
        serde_json::json!(["government", "taliban"])
    );
    assert_eq!(spin_boldak["since"], "2021-07-14");
    assert!(spin_boldak["claims"].as_array().unwrap().len() >= 2);
    let ids: Vec<&str> = report["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "places are sorted by id");
    assert!(
        stderr(&output).is_empty(),
        "the built-in data has no problems: {}",
        stderr(&output)
    );
}

#[test]
fn every_place_in_the_json_has_the_documented_fields() {
    let output = claimmap(&["state", "--at", "2021-07-09", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    for place in report["places"].as_array().unwrap() {
        let keys: Vec<&str> = place
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "id",
                "name",
                "status",
                "controllers",
                "confirmed",
                "fighting",
                "since",
                "claims"
            ]
        );
    }
}

#[test]
fn state_as_known_says_its_mode() {
    let output = claimmap(&["state", "--at", "2021-07-14", "--known", "--format", "json"]);
    assert!(output.status.success());
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["mode"], "known");
}

#[test]
fn state_as_a_table_is_the_default() {
    let output = claimmap(&["state", "--at", "2021-07-14"]);
    assert!(output.status.success());
    let table = stdout(&output);
    assert!(table.starts_with("2021-07-14 (event mode)\nid "), "{table}");
    let row = table
        .lines()
        .find(|l| l.starts_with("spin-boldak-chaman "))
        .unwrap();
    assert!(
        row.contains("disputed") && row.contains("government vs taliban"),
        "{row}"
    );
}

#[test]
fn check_on_the_built_in_data_passes_with_a_summary() {
    let output = claimmap(&["check"]);
    assert!(output.status.success(), "{}", stdout(&output));
    let text = stdout(&output);
    assert_eq!(
        text.lines().count(),
        1,
        "no problems, only the summary: {text}"
    );
    assert!(text.ends_with(": 0 warnings, 0 errors\n"), "{text}");
}

#[test]
fn check_on_a_malformed_events_file_names_file_line_and_column_and_exits_1() {
    let output = claimmap(&["check", "--events", "tests/fixtures/malformed-events.json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("tests/fixtures/malformed-events.json:9:32: error: event bad-date: \"2021-07-32\" is not a day of the calendar"),
        "{text}"
    );
    assert!(
        text.contains("tests/fixtures/malformed-events.json:12:46: error: event bad-fight: a \"fighting\" event must not name a \"controller\""),
        "{text}"
    );
    assert!(text.trim_end().ends_with("2 errors"), "{text}");
}

#[test]
fn check_on_broken_json_points_at_the_syntax_error() {
    let output = claimmap(&["check", "--events", "tests/fixtures/broken.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).starts_with("tests/fixtures/broken.json:3:38: error: not valid JSON:"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn check_reports_a_file_that_is_not_there() {
    let output = claimmap(&["check", "--gazetteer", "no/such/file.geojson"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).starts_with("no/such/file.geojson: error: cannot read the file:"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn warnings_alone_do_not_fail_a_check() {
    let output = claimmap(&[
        "check",
        "--gazetteer",
        "tests/fixtures/wild.geojson",
        "--events",
        "tests/fixtures/wild-events.json",
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("tests/fixtures/wild.geojson:11:5: warning: feature #3 \"Somewhere unmapped\": has no geometry; skipped"), "{text}");
    assert!(
        text.contains("warning: event x-1: place \"kabul\" is not in the gazetteer"),
        "{text}"
    );
    assert!(
        text.contains("warning: event x-1: party \"observers\" is not in the parties list"),
        "{text}"
    );
    assert!(
        text.ends_with("2 places, 4 events, 3 parties, 1 sources: 3 warnings, 0 errors\n"),
        "{text}"
    );
}

#[test]
fn state_works_on_the_users_own_files() {
    let args = [
        "state",
        "--gazetteer",
        "tests/fixtures/wild.geojson",
        "--events",
        "tests/fixtures/wild-events.json",
    ];
    let on = |day: &str, known: bool| {
        let mut args = args.to_vec();
        args.extend(["--at", day, "--format", "json"]);
        if known {
            args.push("--known");
        }
        let output = claimmap(&args);
        assert!(output.status.success());
        serde_json::from_str::<Value>(&stdout(&output)).unwrap()
    };
    assert_eq!(place(&on("2021-07-08", false), "1")["status"], "disputed");
    assert_eq!(
        place(&on("2021-07-08", true), "1")["status"],
        "held",
        "the wire was published on the 10th"
    );
    assert_eq!(
        place(&on("2021-07-08", false), "herat")["status"],
        "unknown",
        "July counts from the 31st"
    );
    assert_eq!(
        place(&on("2021-07-31", false), "herat")["controllers"],
        serde_json::json!(["government"])
    );
}

#[test]
fn state_on_files_that_do_not_load_prints_nothing_on_stdout_and_exits_1() {
    let output = claimmap(&[
        "state",
        "--events",
        "tests/fixtures/broken.json",
        "--at",
        "2021-07-14",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    assert!(
        stderr(&output).contains("tests/fixtures/broken.json:3:38: error:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["state"][..],
        &["state", "--at", "14/07/2021"],
        &["state", "--at", "21-07-14"],
        &["state", "--at", "2021-7-14"],
        &["state", "--at", "2021-07"],
        &["state", "--at", "2021-07-14", "--format", "xml"],
        &["frobnicate"],
        &["check", "--no-such-flag"],
        // The window's own options: a strict day, and no mixing with a command.
        &["--at", "21-07-14"],
        &["--at", "2021-07-14", "check"],
        &["--offline", "state", "--at", "2021-07-14"],
    ] {
        let output = claimmap(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).is_empty());
    }
    let bad_day = claimmap(&["state", "--at", "2021-02-30"]);
    assert!(
        stderr(&bad_day).contains("\"2021-02-30\" is not a day as YYYY-MM-DD"),
        "{}",
        stderr(&bad_day)
    );
}

#[test]
fn the_built_in_data_works_from_any_folder() {
    let elsewhere = std::env::temp_dir();
    let output = Command::new(env!("CARGO_BIN_EXE_claimmap"))
        .args(["state", "--at", "2021-07-08", "--format", "json"])
        .current_dir(&elsewhere)
        .output()
        .unwrap();
    assert!(output.status.success());
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(place(&report, "islam-qala")["status"], "disputed");
}

#[test]
fn help_lists_both_commands_and_the_window_s_options() {
    let output = claimmap(&["--help"]);
    assert!(output.status.success());
    let help = stdout(&output);
    assert!(help.contains("check") && help.contains("state"), "{help}");
    assert!(
        help.contains("--at <YYYY-MM-DD>") && help.contains("--offline"),
        "{help}"
    );
}

/// A folder of its own for one test's files.
fn scratch(test: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn problems_of_one_kind_stop_after_twenty_unless_all_are_asked_for() {
    let dir = scratch("many-problems");
    let events: Vec<String> = (0..25)
        .map(|i| {
            format!(
                r#"{{"id": "e{i}", "date": "2021-07-14", "place": "nowhere-{i}", "type": "fighting", "claimant": "taliban"}}"#
            )
        })
        .collect();
    let file = dir.join("events.json");
    let text = format!(
        "{{\"parties\": [{{\"id\": \"taliban\", \"name\": \"Taliban\"}}],\n\"events\": [\n{}\n]}}",
        events.join(",\n")
    );
    std::fs::write(&file, text).unwrap();
    let file = file.to_str().unwrap();

    let output = claimmap(&["check", "--events", file]);
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    let unknown = text
        .lines()
        .filter(|l| l.contains("is not in the gazetteer"))
        .count();
    assert_eq!(unknown, 20, "{text}");
    assert!(
        text.contains(
            "warning: … and 5 more: place not in the gazetteer (--all-problems lists every one)\n"
        ),
        "{text}"
    );
    assert!(text.ends_with(": 25 warnings, 0 errors\n"), "{text}");

    let output = claimmap(&["check", "--all-problems", "--events", file]);
    let text = stdout(&output);
    let unknown = text
        .lines()
        .filter(|l| l.contains("is not in the gazetteer"))
        .count();
    assert_eq!(unknown, 25, "{text}");
    assert!(!text.contains("more:"), "{text}");

    let output = claimmap(&["state", "--at", "2021-07-14", "--events", file]);
    let said = stderr(&output);
    assert_eq!(said.lines().count(), 21, "{said}");
}

/// Every place's state on a day, by place id, from `state --format json`.
fn states_on(day: &str, known: bool) -> std::collections::BTreeMap<String, Value> {
    let mut args = vec!["state", "--at", day, "--format", "json"];
    if known {
        args.push("--known");
    }
    let output = claimmap(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    report["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|place| {
            let mut state = place.clone();
            let object = state.as_object_mut().unwrap();
            let id = object.remove("id").unwrap();
            object.remove("name");
            (id.as_str().unwrap().to_owned(), state)
        })
        .collect()
}

#[test]
fn changes_are_what_recomputing_each_day_finds() {
    for known in [false, true] {
        let mut args = vec![
            "changes",
            "--from",
            "2021-07-01",
            "--to",
            "2021-07-20",
            "--format",
            "jsonl",
        ];
        if known {
            args.push("--known");
        }
        let output = claimmap(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let lines: Vec<Value> = stdout(&output)
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        let mut expected = Vec::new();
        let mut previous = states_on("2021-06-30", known);
        for offset in 1..=20 {
            let day = format!("2021-07-{offset:02}");
            let states = states_on(&day, known);
            for (place, state) in &states {
                if previous[place] != *state {
                    expected.push(serde_json::json!({
                        "date": day, "place": place, "from": previous[place], "to": state,
                    }));
                }
            }
            previous = states;
        }
        assert!(expected.len() > 5, "the built-in data changes in July");
        assert_eq!(lines, expected, "known: {known}");
    }
}

#[test]
fn changes_in_a_table_say_old_and_new_in_words() {
    let output = claimmap(&["changes", "--from", "2021-07-14", "--to", "2021-07-14"]);
    let text = stdout(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        text.contains(
            "2021-07-14  spin-boldak-chaman  unknown → disputed: government vs taliban, fighting  ("
        ),
        "{text}"
    );
    let backwards = claimmap(&["changes", "--from", "2021-07-14", "--to", "2021-07-10"]);
    assert_eq!(backwards.status.code(), Some(2));
    assert!(stderr(&backwards).contains("--from 2021-07-14 is after --to 2021-07-10"));
}

#[test]
fn except_the_taliban_leaves_spin_boldak_disputed_by_the_others_claims() {
    // Pakistani officials and a civilian also say the Taliban hold it on 14 July.
    let output = claimmap(&[
        "state",
        "--at",
        "2021-07-14",
        "--format",
        "json",
        "--except",
        "taliban",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        report["believe"],
        serde_json::json!({"except": ["taliban"]})
    );
    let spin_boldak = place(&report, "spin-boldak-chaman");
    assert_eq!(spin_boldak["status"], "disputed");
    assert_eq!(
        spin_boldak["claims"],
        serde_json::json!(["sb-4", "sb-5", "sb-6"])
    );
    let except = "taliban,pakistani-officials,civilians-wesh";
    let output = claimmap(&[
        "state",
        "--at",
        "2021-07-14",
        "--format",
        "json",
        "--except",
        except,
    ]);
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let spin_boldak = place(&report, "spin-boldak-chaman");
    assert_eq!(spin_boldak["status"], "held");
    assert_eq!(
        spin_boldak["controllers"],
        serde_json::json!(["government"])
    );
}

#[test]
fn only_a_side_believes_every_party_speaking_for_it() {
    let args = [
        "state",
        "--at",
        "2021-07-14",
        "--format",
        "json",
        "--only",
        "government",
    ];
    let report: Value = serde_json::from_str(&stdout(&claimmap(&args))).unwrap();
    let only = report["believe"]["only"].as_array().unwrap();
    assert!(only.contains(&Value::from("afg-officials")), "{only:?}");
    assert!(!only.contains(&Value::from("taliban")));
    let spin_boldak = place(&report, "spin-boldak-chaman");
    assert_eq!(
        spin_boldak["controllers"],
        serde_json::json!(["government"])
    );
    assert_eq!(place(&report, "abu-nasr-farahi")["status"], "unknown");
    // Without a filter the output has no "believe" at all.
    let args = ["state", "--at", "2021-07-14", "--format", "json"];
    let report: Value = serde_json::from_str(&stdout(&claimmap(&args))).unwrap();
    assert!(report.get("believe").is_none());
    let table = stdout(&claimmap(&[
        "state",
        "--at",
        "2021-07-14",
        "--only",
        "taliban",
    ]));
    assert!(
        table.starts_with("2021-07-14 (event mode, believing only taliban)\n"),
        "{table}"
    );
}

#[test]
fn an_unknown_claimant_or_both_filters_are_usage_errors() {
    let output = claimmap(&["state", "--at", "2021-07-14", "--only", "taliban,talibn"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).is_empty());
    let said = stderr(&output);
    assert!(
        said.contains("--only") && said.contains("\"talibn\""),
        "{said}"
    );
    assert!(said.contains("known: taliban, government"), "{said}");
    let output = claimmap(&[
        "changes",
        "--from",
        "2021-07-01",
        "--to",
        "2021-07-02",
        "--except",
        "nobody",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let both = [
        "diff",
        "--from",
        "2021-07-08",
        "--to",
        "2021-07-14",
        "--only",
        "taliban",
        "--except",
        "government",
    ];
    assert_eq!(claimmap(&both).status.code(), Some(2));
}

#[test]
fn changes_through_a_filter_see_only_the_believed_claims() {
    let args = [
        "changes",
        "--from",
        "2021-07-14",
        "--to",
        "2021-07-14",
        "--format",
        "jsonl",
    ];
    let all = stdout(&claimmap(&args));
    let mut only = args.to_vec();
    only.extend(["--only", "government"]);
    let only = stdout(&claimmap(&only));
    let spin_boldak = |lines: &str| {
        let line = lines
            .lines()
            .find(|l| l.contains("\"spin-boldak-chaman\""))
            .unwrap();
        serde_json::from_str::<Value>(line).unwrap()["to"]["status"].clone()
    };
    assert_eq!(spin_boldak(&all), "disputed");
    assert_eq!(spin_boldak(&only), "held");
    assert!(
        !only.contains("abu-nasr-farahi"),
        "only the Taliban's side is said there"
    );
}

#[test]
fn diff_from_8_to_14_july_as_a_table_groups_the_changes_by_kind() {
    let output = claimmap(&["diff", "--from", "2021-07-08", "--to", "2021-07-14"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = stdout(&output);
    let expected = "\
2021-07-08 → 2021-07-14 (event mode)
became held (2)
  abu-nasr-farahi  Abu Nasr Farahi–Mahirud  unknown → held by taliban  (+anf-2)
  af-tj-border  Afghanistan–Tajikistan border  unknown → held by taliban  (+tj-1)
became disputed (1)
  spin-boldak-chaman  Spin Boldak–Chaman  unknown → disputed: government vs taliban, fighting  (+sb-4 +sb-5 +sb-6 +sb-8)
dispute settled (1)
  islam-qala  Islam Qala  disputed: government vs taliban → held by taliban, confirmed  (+iq-10 +iq-7 +iq-8 +iq-9 -iq-1 -iq-3)
";
    assert_eq!(table, expected);
    let same = stdout(&claimmap(&[
        "diff",
        "--from",
        "2021-07-14",
        "--to",
        "2021-07-14",
    ]));
    assert!(same.ends_with("\nno place changed control\n"), "{same}");
}

#[test]
fn diff_as_json_has_groups_with_the_claims_added_and_dropped() {
    let args = [
        "diff",
        "--from",
        "2021-07-08",
        "--to",
        "2021-07-14",
        "--format",
        "json",
    ];
    let output = claimmap(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["from"], "2021-07-08");
    assert_eq!(report["to"], "2021-07-14");
    assert_eq!(report["mode"], "event");
    assert!(report.get("believe").is_none());
    let kinds: Vec<&str> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["became held", "became disputed", "dispute settled"]);
    let disputed = &report["groups"][1]["places"][0];
    assert_eq!(disputed["id"], "spin-boldak-chaman");
    assert_eq!(disputed["from"]["status"], "unknown");
    assert_eq!(disputed["to"]["status"], "disputed");
    let settled = &report["groups"][2]["places"][0];
    assert_eq!(
        settled["claims_dropped"],
        serde_json::json!(["iq-1", "iq-3"])
    );
    assert_eq!(
        settled["claims_added"],
        serde_json::json!(["iq-10", "iq-7", "iq-8", "iq-9"])
    );
    let mut known = args.to_vec();
    known.extend(["--known", "--except", "taliban"]);
    let report: Value = serde_json::from_str(&stdout(&claimmap(&known))).unwrap();
    assert_eq!(report["mode"], "known");
    assert_eq!(
        report["believe"],
        serde_json::json!({"except": ["taliban"]})
    );
}

#[test]
fn days_lists_the_busiest_days_first_with_counts_by_type_and_party() {
    let output = claimmap(&["days", "--busiest", "2"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let expected = "\
2021-07-08     14  captured 3, retaken 1, holds 1, denied 1, fighting 2, report 6  |  taliban 4, government 4, iran-customs 3, al-alam-tv 1, reuters 2
2021-07-14     12  captured 7, holds 2, fighting 1, report 2  |  taliban 8, government 2, chaman-officials 1, guardian 1
";
    assert_eq!(stdout(&output), expected);
}

#[test]
fn days_as_json_count_every_event_once_and_follow_the_believe_filter() {
    let events: Value =
        serde_json::from_str(&std::fs::read_to_string("data/events.json").unwrap()).unwrap();
    let total_events = events["events"].as_array().unwrap().len() as u64;
    let counted = |args: &[&str]| -> (u64, Value) {
        let output = claimmap(args);
        assert!(output.status.success(), "{}", stderr(&output));
        let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
        let days = report["days"].as_array().unwrap();
        let total = days.iter().map(|d| d["events"].as_u64().unwrap()).sum();
        for day in days {
            let by_type: u64 = day["by_type"]
                .as_object()
                .unwrap()
                .values()
                .map(|n| n.as_u64().unwrap())
                .sum();
            assert_eq!(by_type, day["events"].as_u64().unwrap(), "{day}");
        }
        (total, report)
    };
    let (all, report) = counted(&["days", "--format", "json"]);
    assert_eq!(all, total_events);
    assert!(report.get("believe").is_none());
    let days: Vec<&str> = (report["days"].as_array().unwrap().iter())
        .map(|d| d["day"].as_str().unwrap())
        .collect();
    assert!(
        days.windows(2).all(|w| w[0] < w[1]),
        "in date order: {days:?}"
    );

    let (government, report) = counted(&["days", "--only", "government", "--format", "json"]);
    let (others, _) = counted(&["days", "--except", "government", "--format", "json"]);
    assert!(government > 0 && others > 0);
    assert_eq!(
        government + others,
        all,
        "a side and the rest split the events"
    );
    assert!(
        report["believe"]["only"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "government")
    );
}

/// A CSV row, cells by column name.
type CsvRow = std::collections::HashMap<String, String>;

/// What a command prints to stdout; it must succeed.
fn printed(args: &[&str]) -> String {
    let output = claimmap(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

/// A CSV re-read with the csv crate: its header and its rows.
fn read_csv(text: &str) -> (Vec<String>, Vec<CsvRow>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader.deserialize().map(Result::unwrap).collect();
    (header, rows)
}

/// A cell holding several values, as the JSON's array: "a; b" is ["a", "b"].
fn list_cell(cell: &str) -> Value {
    let values: Vec<&str> = match cell {
        "" => Vec::new(),
        _ => cell.split("; ").collect(),
    };
    serde_json::json!(values)
}

/// "true" or "false", as the JSON's boolean.
fn bool_cell(cell: &str) -> Value {
    Value::Bool(cell.parse().unwrap())
}

/// "2021-07-14" or empty, as the JSON's `since`.
fn since_cell(cell: &str) -> Value {
    match cell {
        "" => Value::Null,
        day => Value::from(day),
    }
}

/// The `state --format json` report and the same command's `--format F` output.
fn state_both_ways(format: &str, extra: &[&str]) -> (Value, String) {
    let mut args = vec!["state", "--at", "2021-07-14"];
    args.extend(extra);
    let json = printed(&[&args[..], &["--format", "json"]].concat());
    let other = printed(&[&args[..], &["--format", format]].concat());
    (serde_json::from_str(&json).unwrap(), other)
}

/// The built-in parties' names and colours by id, from `data/events.json`.
fn built_in_parties() -> std::collections::HashMap<String, (String, String)> {
    let events: Value =
        serde_json::from_str(&std::fs::read_to_string("data/events.json").unwrap()).unwrap();
    (events["parties"].as_array().unwrap().iter())
        .map(|p| {
            let field = |key: &str| p[key].as_str().unwrap_or_default().to_owned();
            (field("id"), (field("name"), field("color")))
        })
        .collect()
}

/// The built-in gazetteer re-read with the geojson crate: each place's
/// geometry by id.
fn built_in_geometries() -> std::collections::HashMap<String, geojson::GeometryValue> {
    let text = std::fs::read_to_string("data/gazetteer.geojson").unwrap();
    let collection: geojson::FeatureCollection = text.parse().unwrap();
    (collection.features.into_iter())
        .map(|feature| {
            let Some(geojson::feature::Id::String(id)) = feature.id else {
                panic!("every built-in place has a string id");
            };
            (id, feature.geometry.unwrap().value)
        })
        .collect()
}

#[test]
fn state_as_csv_says_what_the_json_says_place_for_place() {
    let (report, text) = state_both_ways("csv", &[]);
    let (header, rows) = read_csv(&text);
    assert_eq!(
        header,
        [
            "id",
            "name",
            "lon",
            "lat",
            "status",
            "controllers",
            "controller_ids",
            "confirmed",
            "fighting",
            "since",
            "claims",
            "fill"
        ]
    );
    let places = report["places"].as_array().unwrap();
    assert_eq!(rows.len(), places.len());
    let parties = built_in_parties();
    let geometries = built_in_geometries();
    for (row, place) in rows.iter().zip(places) {
        assert_eq!(
            row["id"],
            place["id"].as_str().unwrap(),
            "in the same order"
        );
        assert_eq!(row["name"], place["name"].as_str().unwrap());
        assert_eq!(row["status"], place["status"].as_str().unwrap());
        assert_eq!(list_cell(&row["controller_ids"]), place["controllers"]);
        let names: Vec<&str> = (place["controllers"].as_array().unwrap().iter())
            .map(|id| parties[id.as_str().unwrap()].0.as_str())
            .collect();
        assert_eq!(list_cell(&row["controllers"]), serde_json::json!(names));
        assert_eq!(bool_cell(&row["confirmed"]), place["confirmed"]);
        assert_eq!(bool_cell(&row["fighting"]), place["fighting"]);
        assert_eq!(since_cell(&row["since"]), place["since"]);
        assert_eq!(list_cell(&row["claims"]), place["claims"]);
        let lon_lat = [&row["lon"], &row["lat"]].map(|c| c.parse::<f64>().unwrap());
        if let geojson::GeometryValue::Point { coordinates } = &geometries[&row["id"]] {
            assert_eq!(coordinates.as_slice(), lon_lat, "{}", row["id"]);
        }
    }
}

#[test]
fn state_as_geojson_says_what_the_json_says_with_each_place_s_geometry() {
    let (report, text) = state_both_ways("geojson", &[]);
    let collection: geojson::FeatureCollection = text.parse().unwrap();
    let members = collection.foreign_members.as_ref().unwrap();
    assert_eq!(members["date"], "2021-07-14");
    assert_eq!(members["mode"], "event");
    assert!(!members.contains_key("believe"), "everyone's claims count");
    let places = report["places"].as_array().unwrap();
    assert_eq!(collection.features.len(), places.len());
    let geometries = built_in_geometries();
    let (_, rows) = read_csv(&printed(&[
        "state",
        "--at",
        "2021-07-14",
        "--format",
        "csv",
    ]));
    for ((feature, place), row) in collection.features.iter().zip(places).zip(&rows) {
        let id = place["id"].as_str().unwrap();
        assert_eq!(
            feature.id,
            Some(geojson::feature::Id::String(id.to_owned()))
        );
        let properties = feature.properties.as_ref().unwrap();
        for key in [
            "id",
            "name",
            "status",
            "confirmed",
            "fighting",
            "since",
            "claims",
        ] {
            assert_eq!(properties[key], place[key], "{id}: {key}");
        }
        assert_eq!(properties["controller_ids"], place["controllers"], "{id}");
        assert_eq!(properties["controllers"], list_cell(&row["controllers"]));
        assert_eq!(properties["fill"], properties["marker-color"], "{id}");
        assert_eq!(properties["fill"], row["fill"].as_str(), "{id}");
        let lon_lat = [&row["lon"], &row["lat"]].map(|c| c.parse::<f64>().unwrap());
        let said = [&properties["lon"], &properties["lat"]].map(|c| c.as_f64().unwrap());
        assert_eq!(said, lon_lat, "{id}");
        // A point is the gazetteer's point; an area its outline, as the gazetteer has it.
        let geometry = &feature.geometry.as_ref().unwrap().value;
        match (&geometries[id], geometry) {
            (
                geojson::GeometryValue::Point { .. },
                geojson::GeometryValue::Point { coordinates },
            ) => {
                assert_eq!(coordinates.as_slice(), lon_lat, "{id}");
            }
            (outline, drawn) => assert_eq!(outline.type_name(), drawn.type_name(), "{id}"),
        }
    }
    let areas = (collection.features.iter())
        .filter(|f| f.geometry.as_ref().unwrap().value.type_name() != "Point")
        .count();
    assert!(areas >= 4, "the built-in provinces are areas: {areas}");
}

#[test]
fn the_exports_fill_places_in_the_window_s_colours() {
    let taliban = built_in_parties()["taliban"].1.clone();
    let (_, text) = state_both_ways("csv", &[]);
    let (_, rows) = read_csv(&text);
    let fill = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap()["fill"].clone();
    assert_eq!(
        fill("spin-boldak-chaman"),
        "#7d3c98",
        "disputed: the violet"
    );
    assert_eq!(fill("islam-qala"), taliban, "held by the Taliban");
    let unknown = rows.iter().find(|r| r["status"] == "unknown").unwrap();
    assert_eq!(unknown["fill"], "#8a8a8a");

    let (_, text) = state_both_ways("geojson", &[]);
    let collection: geojson::FeatureCollection = text.parse().unwrap();
    let properties = |id: &str| {
        let feature = (collection.features.iter())
            .find(|f| f.id == Some(geojson::feature::Id::String(id.to_owned())))
            .unwrap();
        feature.properties.clone().unwrap()
    };
    assert_eq!(properties("spin-boldak-chaman")["fill"], "#7d3c98");
    assert_eq!(properties("islam-qala")["marker-color"], taliban.as_str());
    assert_eq!(properties(&unknown["id"])["fill-opacity"], 0.0);
}

#[test]
fn names_with_commas_and_quotes_survive_the_csv() {
    let dir = scratch("csv-quoting");
    let gazetteer = dir.join("places.geojson");
    let events = dir.join("events.json");
    let place_name = r#"Kandahar, "the city""#;
    let party_name = r#"Taliban, "Islamic Emirate""#;
    let places = serde_json::json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "kdh", "geometry": {"type": "Point", "coordinates": [65.71, 31.61]},
         "properties": {"name": place_name, "kind": "city"}}
    ]});
    let claims = serde_json::json!({
        "parties": [{"id": "tb", "name": party_name, "color": "#c0392b"}],
        "events": [{"id": "k-1", "date": "2021-08-13", "place": "kdh", "type": "captured",
                    "claimant": "tb", "controller": "tb"}]
    });
    std::fs::write(&gazetteer, places.to_string()).unwrap();
    std::fs::write(&events, claims.to_string()).unwrap();
    let files = [
        "--gazetteer",
        gazetteer.to_str().unwrap(),
        "--events",
        events.to_str().unwrap(),
    ];
    let text = printed(
        &[
            &["state", "--at", "2021-08-14", "--format", "csv"][..],
            &files,
        ]
        .concat(),
    );
    let (_, rows) = read_csv(&text);
    assert_eq!(rows.len(), 1, "{text}");
    assert_eq!(rows[0]["name"], place_name);
    assert_eq!(rows[0]["controllers"], party_name);
    assert_eq!(rows[0]["controller_ids"], "tb");
    assert_eq!(rows[0]["lon"].parse::<f64>().unwrap(), 65.71);
    let text = printed(
        &[
            &["state", "--at", "2021-08-14", "--format", "geojson"][..],
            &files,
        ]
        .concat(),
    );
    let collection: geojson::FeatureCollection = text.parse().unwrap();
    let properties = collection.features[0].properties.as_ref().unwrap();
    assert_eq!(properties["name"], place_name);
    assert_eq!(properties["controllers"], serde_json::json!([party_name]));
}

#[test]
fn believing_some_claimants_is_said_in_the_geojson_and_followed() {
    let (report, text) = state_both_ways("geojson", &["--only", "government"]);
    let collection: geojson::FeatureCollection = text.parse().unwrap();
    let members = collection.foreign_members.unwrap();
    assert_eq!(members["believe"], report["believe"]);
    assert!(members["believe"]["only"].as_array().unwrap().len() > 1);
    for (feature, place) in collection
        .features
        .iter()
        .zip(report["places"].as_array().unwrap())
    {
        let properties = feature.properties.as_ref().unwrap();
        assert_eq!(properties["status"], place["status"], "{}", place["id"]);
        assert_eq!(properties["controller_ids"], place["controllers"]);
    }
}

#[test]
fn diff_as_csv_is_the_json_a_row_per_place() {
    let args = ["diff", "--from", "2021-07-08", "--to", "2021-07-14"];
    let json: Value =
        serde_json::from_str(&printed(&[&args[..], &["--format", "json"]].concat())).unwrap();
    let (header, rows) = read_csv(&printed(&[&args[..], &["--format", "csv"]].concat()));
    assert_eq!(
        header,
        [
            "kind",
            "id",
            "name",
            "from_status",
            "from_controllers",
            "to_status",
            "to_controllers",
            "claims_added",
            "claims_dropped"
        ]
    );
    let places: Vec<(&Value, &Value)> = (json["groups"].as_array().unwrap().iter())
        .flat_map(|group| {
            let places = group["places"].as_array().unwrap();
            places.iter().map(move |place| (&group["kind"], place))
        })
        .collect();
    assert_eq!(rows.len(), places.len());
    assert_eq!(rows.len(), 4, "the four changes of the table");
    for (row, (kind, place)) in rows.iter().zip(places) {
        assert_eq!(row["kind"], kind.as_str().unwrap());
        assert_eq!(row["id"], place["id"].as_str().unwrap());
        assert_eq!(row["name"], place["name"].as_str().unwrap());
        for side in ["from", "to"] {
            let state = &place[side];
            assert_eq!(
                row[&format!("{side}_status")],
                state["status"].as_str().unwrap()
            );
            assert_eq!(
                list_cell(&row[&format!("{side}_controllers")]),
                state["controllers"]
            );
        }
        assert_eq!(list_cell(&row["claims_added"]), place["claims_added"]);
        assert_eq!(list_cell(&row["claims_dropped"]), place["claims_dropped"]);
    }
    let (_, none) = read_csv(&printed(&[
        "diff",
        "--from",
        "2021-07-14",
        "--to",
        "2021-07-14",
        "--format",
        "csv",
    ]));
    assert!(none.is_empty(), "no change, only the header");
}

#[test]
fn changes_as_csv_are_the_jsonl_a_row_per_change() {
    let args = ["changes", "--from", "2021-07-01", "--to", "2021-07-20"];
    let lines: Vec<Value> = printed(&[&args[..], &["--format", "jsonl"]].concat())
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let (header, rows) = read_csv(&printed(&[&args[..], &["--format", "csv"]].concat()));
    assert_eq!(
        header,
        [
            "date",
            "id",
            "name",
            "from_status",
            "from_controllers",
            "to_status",
            "to_controllers",
            "claims",
            "from_confirmed",
            "from_fighting",
            "to_confirmed",
            "to_fighting"
        ]
    );
    assert!(lines.len() > 5, "the built-in data changes in July");
    assert_eq!(rows.len(), lines.len());
    let report: Value = serde_json::from_str(&printed(&[
        "state",
        "--at",
        "2021-07-01",
        "--format",
        "json",
    ]))
    .unwrap();
    for (row, line) in rows.iter().zip(&lines) {
        assert_eq!(row["date"], line["date"].as_str().unwrap());
        assert_eq!(row["id"], line["place"].as_str().unwrap());
        assert_eq!(
            row["name"],
            place(&report, &row["id"])["name"].as_str().unwrap()
        );
        for side in ["from", "to"] {
            let state = &line[side];
            assert_eq!(
                row[&format!("{side}_status")],
                state["status"].as_str().unwrap()
            );
            assert_eq!(
                list_cell(&row[&format!("{side}_controllers")]),
                state["controllers"]
            );
            assert_eq!(
                bool_cell(&row[&format!("{side}_confirmed")]),
                state["confirmed"]
            );
            assert_eq!(
                bool_cell(&row[&format!("{side}_fighting")]),
                state["fighting"]
            );
        }
        assert_eq!(list_cell(&row["claims"]), line["to"]["claims"]);
    }
}
