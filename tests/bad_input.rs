//! The binary against the inputs an attacker or a careless user brings: each
//! test reproduces one defect found by trying exactly that.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn claimmap() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimmap"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn output(args: &[&str]) -> Output {
    claimmap().args(args).output().unwrap()
}

/// `claimmap ARGS --gazetteer G --events E`.
fn on_files(args: &[&str], gazetteer: &Path, events: &Path) -> Output {
    let files = [
        "--gazetteer",
        path_arg(gazetteer),
        "--events",
        path_arg(events),
    ];
    output(&[args, &files].concat())
}

/// Runs to the end, or fails the test if the binary is still running after
/// `seconds`: a hang must fail, not stall the suite.
fn run_within(command: &mut Command, seconds: u64) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(seconds) {
            child.kill().unwrap();
            panic!("still running after {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimmap-bad-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn path_arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[cfg(unix)]
#[test]
fn a_named_pipe_with_no_writer_is_refused_at_once() {
    let dir = scratch("fifo");
    let fifo = dir.join("events.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let output = run_within(claimmap().args(["check", "--events", path_arg(&fifo)]), 20);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("is a named pipe (FIFO), not a regular file"),
        "{}",
        stdout(&output)
    );
}

#[cfg(unix)]
#[test]
fn dev_zero_is_refused_before_it_is_read() {
    let output = run_within(claimmap().args(["check", "--gazetteer", "/dev/zero"]), 20);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output)
            .contains("/dev/zero: error: cannot read the file: it is a character device"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_with_its_size() {
    let dir = scratch("large");
    let events = dir.join("events.json");
    std::fs::write(&events, format!("{{\"events\": []{}}}", " ".repeat(4096))).unwrap();
    let output = output(&[
        "check",
        "--events",
        path_arg(&events),
        "--max-file-size",
        "1K",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("it is 4.0 KiB (4110 bytes), over the limit of 1.0 KiB"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_line_column_and_byte() {
    let dir = scratch("utf8");
    let events = dir.join("events.json");
    let mut bytes = b"{\n  \"events\": [],\n  \"note\": \"caf".to_vec();
    bytes.extend([0xe9, b'"', b'\n', b'}']);
    std::fs::write(&events, bytes).unwrap();
    let output = output(&["check", "--events", path_arg(&events)]);
    assert_eq!(output.status.code(), Some(1));
    let expected = format!(
        "{}:3:15: error: not UTF-8 text: byte 0xe9 cannot start or continue a character; save the file as UTF-8",
        events.display()
    );
    assert!(stdout(&output).contains(&expected), "{}", stdout(&output));
}

#[test]
fn a_lone_surrogate_is_named_as_such() {
    let dir = scratch("surrogate");
    let events = dir.join("events.json");
    std::fs::write(
        &events,
        r#"{"parties": [{"id": "a", "name": "A\ud800"}], "events": []}"#,
    )
    .unwrap();
    let output = output(&["check", "--events", path_arg(&events)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("party a: \"name\" is not valid text: \\ud800 is a lone surrogate, half of a UTF-16 pair, and no character"),
        "{}",
        stdout(&output)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_said_on_stderr_and_exits_1() {
    let full = std::fs::File::create("/dev/full").unwrap();
    let output = claimmap()
        .args(["state", "--at", "2021-07-14"])
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("claimmap: cannot write the output: No space left on device"),
        "{}",
        stderr(&output)
    );
}

/// A gazetteer whose names and ids try to drive the terminal.
const HOSTILE_GAZETTEER: &str = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": "evil\u001b]0;pwned\u0007",
   "properties": {"name": "Spin \u001b[2JBoldak \u202eruoy"},
   "geometry": {"type": "Point", "coordinates": [66.4, 30.9]}}
]}"#;

#[test]
fn control_characters_and_bidi_overrides_are_printed_escaped() {
    let dir = scratch("escape");
    let gazetteer = dir.join("places.geojson");
    std::fs::write(&gazetteer, HOSTILE_GAZETTEER).unwrap();
    let events = dir.join("events.json");
    std::fs::write(
        &events,
        r#"{"events": [{"id": "x\nfake.json:1:1: error: forged", "date": "2021-07-01",
            "place": "nowhere", "type": "report", "claimant": "someone"}]}"#,
    )
    .unwrap();
    let output = on_files(&["state", "--at", "2021-07-14"], &gazetteer, &events);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = stdout(&output);
    assert!(
        table.contains("evil\\u{1b}]0;pwned\\u{7}  Spin \\u{1b}[2JBoldak \\u{202e}ruoy"),
        "{table}"
    );
    assert!(!table.contains('\u{1b}') && !table.contains('\u{202e}'));
    let problems = stderr(&output);
    assert!(
        problems.contains("event x\\nfake.json:1:1: error: forged"),
        "{problems}"
    );
    assert_eq!(
        problems.lines().count(),
        2,
        "one line per problem: {problems}"
    );
    // JSON stays exact: the same text, escaped only as JSON escapes it.
    let output = on_files(
        &["state", "--at", "2021-07-14", "--format", "json"],
        &gazetteer,
        &events,
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        report["places"][0]["name"],
        "Spin \u{1b}[2JBoldak \u{202e}ruoy"
    );
}

#[test]
fn numeric_ids_keep_every_digit_and_events_link_to_them() {
    let dir = scratch("numeric");
    let gazetteer = dir.join("places.geojson");
    std::fs::write(
        &gazetteer,
        r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": 12345678901234567890123, "properties": {"name": "Big"},
   "geometry": {"type": "Point", "coordinates": [66.0, 31.0]}},
  {"type": "Feature", "id": 100000000000000000001, "properties": {"name": "One"},
   "geometry": {"type": "Point", "coordinates": [66.1, 31.0]}},
  {"type": "Feature", "id": 100000000000000000002, "properties": {"name": "Two"},
   "geometry": {"type": "Point", "coordinates": [66.2, 31.0]}},
  {"type": "Feature", "properties": {"id": 1e2, "name": "Hundred"},
   "geometry": {"type": "Point", "coordinates": [66.3, 31.0]}}
]}"#,
    )
    .unwrap();
    let events = dir.join("events.json");
    std::fs::write(
        &events,
        r#"{"parties": [{"id": "t", "name": "Taliban"}], "events": [
  {"id": "e1", "date": "2021-07-01", "place": "12345678901234567890123",
   "type": "captured", "claimant": "t", "controller": "t"}]}"#,
    )
    .unwrap();
    let output = on_files(
        &["state", "--at", "2021-07-14", "--format", "json"],
        &gazetteer,
        &events,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).is_empty(),
        "no duplicate, no unknown place: {}",
        stderr(&output)
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let ids: Vec<&str> = report["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "100000000000000000001",
            "100000000000000000002",
            "12345678901234567890123",
            "1e2"
        ]
    );
    assert_eq!(report["places"][2]["status"], "held");
}

/// A million copies of one id: every copy after the first is an error, so the
/// file does not load; the output is twenty of them and a count, not a million lines.
#[test]
fn a_million_copies_of_one_id_are_counted_not_listed() {
    let dir = scratch("million-ids");
    let events = dir.join("events.json");
    let copy = r#"{"id": "same", "date": "2021-07-14", "place": "kabul", "type": "report", "claimant": "taliban"}"#;
    let mut text = String::from("{\"events\": [\n");
    for i in 0..1_000_000 {
        text.push_str(copy);
        text.push_str(if i + 1 < 1_000_000 { ",\n" } else { "\n" });
    }
    text.push_str("]}\n");
    std::fs::write(&events, text).unwrap();
    let result = run_within(
        claimmap().args(["check", "--events", path_arg(&events)]),
        120,
    );
    let said = stdout(&result);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let lines: Vec<&str> = said.lines().collect();
    assert!(lines.len() < 30, "{} lines", lines.len());
    assert!(
        lines[0].ends_with("3:1: error: event id \"same\" is used twice (first on line 2)"),
        "{}",
        lines[0]
    );
    assert!(
        said.contains("error: … and 999,979 more: id used twice"),
        "{said}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
