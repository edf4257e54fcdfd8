//! ACLED exports in both layouts, written as ACLED's export tool writes them.

use super::*;
use crate::formats::diagnostic::Collector;
use crate::formats::parse_table;
use crate::formats::table::pieces::{InMemory, PIECE, Pieces};
use crate::formats::table::rows::Rows;
use crate::formats::table::text;
use crate::model::Dataset;
use crate::model::{DataFile, EventType};

/// The 31 columns ACLED exports since March 2023.
const CURRENT_HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

const CURRENT: &str = "\
AFG1,2021-07-14,2021,1,Political violence,Strategic developments,Non-state actor overtakes territory,Taliban,,Rebel group,,,,Rebel group only,,4,Caspian,Afghanistan,Kandahar,Spin Boldak,,Spin Boldak,31.0056,66.3997,1,Pajhwok Afghan News; Tolo News,National,\"On 14 July 2021, Taliban took control of Spin Boldak, including the \"\"Friendship Gate\"\" crossing.\",0,,1626652800
AFG2,16-07-2021,2021,2,Political violence,Strategic developments,Government regains territory,Military Forces of Afghanistan (2004-2021),,State forces,,,,State forces only,,4,Caspian,Afghanistan,Kandahar,Spin Boldak,,Spin Boldak,31.0056,66.3997,1,Tolo News,National,Afghan forces said they retook the town.,0,,1626739200
AFG3,17 July 2021,2021,3,Political violence,Strategic developments,Non-violent transfer of territory,Police Forces of Afghanistan (2004-2021),,State forces,,,,State forces only,,4,Caspian,Afghanistan,Herat,Herat,,Herat,34.3482,62.1997,1,Ariana News,National,Police took over the district office.,0,,1626739200
AFG4,2021-07-18,2021,1,Political violence,Battles,Armed clash,Taliban,,Rebel group,Military Forces of Afghanistan (2004-2021),,State forces,Rebel group-State forces,,4,Caspian,Afghanistan,Herat,Herat,,Herat,34.3482,62.1997,1,Ariana News,National,Clashes on the outskirts.,3,,1626739200
PAK1,2021-07-18,2021,1,Political violence,Strategic developments,Government regains territory,Military Forces of Pakistan (2018-),,State forces,,,,State forces only,,586,Southern Asia,Pakistan,Balochistan,Killa Abdullah,,Chaman,30.9210,66.4597,1,Dawn,National,The army secured the crossing.,0,,1626739200
PAK2,2021-07-19,2021,1,Demonstrations,Protests,Peaceful protest,Protesters (Pakistan),,Protesters,,,,Protesters only,,586,Southern Asia,Pakistan,Balochistan,Killa Abdullah,,Chaman,30.9210,66.4597,1,Dawn,National,Traders protested the closure.,0,crowd size=no report,1626825600
";

/// The layout before 2023: `data_id`, `iso3` and `event_id_no_cnty`, numeric
/// `inter1`, no `disorder_type`, `civilian_targeting` or `tags`; another order.
const OLDER: &str = "\
data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3
8263417,4,AFG9,9,14 July 2021,2021,1,Strategic developments,Non-state actor overtakes territory,Taliban,,2,,,0,20,Southern Asia,Afghanistan,Kandahar,Spin Boldak,,Spin Boldak,31.0056,66.3997,1,Pajhwok Afghan News,National,Taliban captured the district.,0,1626652800,AFG
8263418,4,AFG10,10,2021-07-15,2021,1,Strategic developments,Government regains territory,Military Forces of Afghanistan (2004-2021),,1,,,0,10,Southern Asia,Afghanistan,Kandahar,Spin Boldak,,Spin Boldak,31.0056,66.3997,1,Tolo News,National,Army retook it.,0,1626739200,AFG
";

fn data(text: &str) -> DataFile {
    match parse_table("acled.csv", text.as_bytes()) {
        Ok(loaded) => loaded.value,
        Err(failed) => panic!("{:#?}", failed.diagnostics),
    }
}

fn current() -> DataFile {
    data(&format!("{CURRENT_HEADER}\n{CURRENT}"))
}

#[test]
fn territorial_sub_events_become_control_claims_by_actor1_and_the_rest_fighting_or_reports() {
    let data = current();
    let kinds: Vec<_> = data
        .events
        .events
        .iter()
        .map(|e| (e.id, e.kind, e.controller))
        .collect();
    assert_eq!(
        kinds,
        [
            ("AFG1", EventType::Captured, Some("taliban")),
            (
                "AFG2",
                EventType::Retaken,
                Some("military-forces-of-afghanistan-2004-2021")
            ),
            (
                "AFG3",
                EventType::Captured,
                Some("police-forces-of-afghanistan-2004-2021")
            ),
            ("AFG4", EventType::Fighting, None),
            (
                "PAK1",
                EventType::Retaken,
                Some("military-forces-of-pakistan-2018")
            ),
            ("PAK2", EventType::Report, None),
        ]
    );
}

#[test]
fn the_claimant_is_who_reported_and_notes_are_a_note_not_a_quote() {
    let data = current();
    let first = data.events.events.get(0);
    assert_eq!(first.claimant, "pajhwok-afghan-news-tolo-news");
    assert_eq!(first.quote, None);
    let note = first.note.unwrap_or_default();
    assert!(note.starts_with("ACLED: Strategic developments / Non-state actor overtakes territory · actors: Taliban · fatalities: 0\n"), "{note}");
    assert!(
        note.ends_with("including the \"Friendship Gate\" crossing."),
        "{note}"
    );
    let claimant = data
        .events
        .parties
        .iter()
        .find(|p| p.id == first.claimant)
        .map(|p| p.name.as_str());
    assert_eq!(claimant, Some("Pajhwok Afghan News; Tolo News"));
    assert!(
        data.events
            .events
            .get(5)
            .note
            .unwrap_or_default()
            .contains("tags: crowd size=no report")
    );
}

#[test]
fn state_forces_of_one_country_share_a_root_and_other_countries_have_their_own() {
    let data = current();
    let side = |id: &str| {
        data.events
            .parties
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.side.clone())
    };
    assert_eq!(
        side("military-forces-of-afghanistan-2004-2021").as_deref(),
        Some("afghanistan-state-forces")
    );
    assert_eq!(
        side("police-forces-of-afghanistan-2004-2021").as_deref(),
        Some("afghanistan-state-forces")
    );
    assert_eq!(
        side("military-forces-of-pakistan-2018").as_deref(),
        Some("pakistan-state-forces")
    );
    assert_eq!(side("taliban"), None);
}

#[test]
fn state_forces_fighting_abroad_stay_their_own_countrys() {
    let row = "UKR1,2022-03-02,2022,1,Political violence,Strategic developments,Non-state actor overtakes territory,Military Forces of Russia (2000-),,State forces,,,,,,804,Europe,Ukraine,Khersonska,Khersonskyi,,Kherson,46.6354,32.6169,1,Ukrainska Pravda,National,Russian forces took Kherson.,0,,1646265600\n";
    let data = data(&format!("{CURRENT_HEADER}\n{row}"));
    let army = data
        .events
        .parties
        .iter()
        .find(|p| p.id == "military-forces-of-russia-2000");
    assert_eq!(
        army.and_then(|p| p.side.as_deref()),
        Some("russia-state-forces")
    );
}

#[test]
fn precisions_give_a_day_a_week_around_it_or_its_month_and_timestamps_the_published_day() {
    let data = current();
    let dates: Vec<String> = data
        .events
        .events
        .iter()
        .take(3)
        .map(|e| e.date.to_string())
        .collect();
    assert_eq!(dates, ["2021-07-14", "2021-07-13/2021-07-19", "2021-07"]);
    let source = data
        .events
        .events
        .get(0)
        .source
        .unwrap_or_default()
        .to_owned();
    let published = data
        .events
        .sources
        .iter()
        .find(|s| s.id == source)
        .and_then(|s| s.published);
    assert_eq!(
        published.map(|d| d.to_string()).as_deref(),
        Some("2021-07-19")
    );
}

#[test]
fn each_distinct_location_is_one_place_with_its_admin_levels() {
    let data = current();
    let places = data.gazetteer.unwrap().places;
    let ids: Vec<_> = places
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str(), p.province.as_deref()))
        .collect();
    assert_eq!(
        ids,
        [
            ("afghanistan-spin-boldak", "Spin Boldak", Some("Kandahar")),
            ("afghanistan-herat", "Herat", Some("Herat")),
            ("pakistan-chaman", "Chaman", Some("Balochistan")),
        ]
    );
    assert_eq!(
        places[2].properties.get("admin2").and_then(|v| v.as_str()),
        Some("Killa Abdullah")
    );
    assert_eq!(places[0].kind, "location");
}

#[test]
fn the_older_layout_loads_and_links_to_the_same_places() {
    let data = data(OLDER);
    let places = data.gazetteer.clone().unwrap();
    assert_eq!(places.places.len(), 1);
    assert_eq!(places.places[0].countries, ["AFG"]);
    let events = &data.events.events;
    assert_eq!(events.get(0).date.to_string(), "2021-07-14");
    assert_eq!(
        events.get(1).controller,
        Some("military-forces-of-afghanistan-2004-2021")
    );
    let side = data
        .events
        .parties
        .iter()
        .find(|p| p.id == "military-forces-of-afghanistan-2004-2021");
    assert_eq!(
        side.and_then(|p| p.side.as_deref()),
        Some("afghanistan-state-forces")
    );
    let (dataset, warnings) = Dataset::link(places, data.events);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(dataset.events_of_place(0).len(), 2);
}

#[test]
fn a_row_without_coordinates_or_with_a_bad_date_is_an_error_at_its_cell() {
    let broken = "AFG7,2021-13-40,2021,1,Political violence,Battles,Armed clash,Taliban,,Rebel group,,,,,,4,Caspian,Afghanistan,Herat,Herat,,Herat,,62.1997,1,Ariana News,National,x,0,,1626739200\n";
    let failed = match parse_table(
        "acled.csv",
        format!("{CURRENT_HEADER}\n{broken}").as_bytes(),
    ) {
        Ok(_) => panic!("expected errors"),
        Err(failed) => failed,
    };
    let errors: Vec<String> = failed.errors().map(ToString::to_string).collect();
    assert_eq!(
        errors,
        [
            "acled.csv:2:2: error: row 2, column \"event_date\": \"2021-13-40\" is not a day of the calendar",
            "acled.csv:2:23: error: row 2, column \"latitude\": is empty",
        ]
    );
}

/// The export read in one pass, and in two parts split at every line in
/// turn, in pieces of every size.
#[test]
fn two_parts_give_what_one_pass_gives_wherever_the_split_falls() {
    // Blank lines, a quoted line break and a doubled quote near the middle,
    // places, parties and sources first named in the second part, and a second
    // "Herat" elsewhere, whose id needs a suffix: a warning in its place.
    let rows: Vec<&str> = CURRENT.lines().collect();
    let text = format!(
        "{CURRENT_HEADER}\n{}\n{}\n\n{}\nAFG5,2021-07-20,2021,1,Political violence,Battles,Armed clash,Taliban,,Rebel group,,,,,,4,Caspian,Afghanistan,Herat,Herat,,Herat,34.3482,62.1997,1,Ariana News,National,\"Line one\nline \"\"two\"\"\",0,,1626739200\n{}\n{}\n{}\n{}\n",
        rows[0],
        rows[1],
        rows[2],
        rows[3],
        rows[4],
        rows[5],
        rows[3].replace("AFG4", "AFG6").replace("34.3482", "34.9"),
    );
    let one_pass = read_with(&text, None, PIECE).expect("one pass");
    assert_eq!(one_pass.parts, 1);
    assert_eq!(
        one_pass.warnings,
        [
            "acled.csv:10:22: warning: location \"Herat\": derived id \"afghanistan-herat\" is already used, so it is \"afghanistan-herat-2\""
        ]
    );
    let events = &one_pass.data.events.events;
    assert_eq!(events.len(), 8);
    let same = |read: &Read, how: &str| {
        assert_eq!(read.data, one_pass.data, "{how}");
        assert_eq!(read.warnings, one_pass.warnings, "{how}");
        for e in 0..events.len() {
            let location = read.data.events.events.location(e);
            assert_eq!(location, events.location(e), "{how}");
        }
    };
    let mut splits = std::collections::BTreeSet::new();
    for near in 0..text.len() as u64 {
        // Small pieces at every seventh byte: the same cases, in a fraction of the time.
        let pieces = if near % 7 == 0 {
            &[16, PIECE][..]
        } else {
            &[PIECE]
        };
        for &piece in pieces {
            let how = format!("split near {near}, pieces of {piece}");
            let read = read_with(&text, Some(near), piece).expect(&how);
            same(&read, &how);
            if read.parts == 2 {
                splits.extend(split_after(&text, near));
            }
        }
    }
    // The start of each of the 8 rows under the header: not the blank line,
    // not inside the quoted note.
    assert_eq!(splits.len(), 8, "{splits:?}");
    // Pieces shorter than a row, about a row, and several rows long.
    for piece in (1..=80).chain([250, 300, 350, 700, 1000]) {
        let how = format!("pieces of {piece}");
        same(&read_with(&text, None, piece).expect(&how), &how);
    }
}

fn split_after(text: &str, near: u64) -> Option<u64> {
    parts::line_start_after(&InMemory(text.as_bytes()), near).ok()?
}

struct Read {
    data: DataFile,
    warnings: Vec<String>,
    parts: usize,
}

fn read_with(text: &str, near: Option<u64>, piece: usize) -> Option<Read> {
    let delimiter = text::sniff_delimiter(text);
    let mut rows = Rows::new(text, delimiter);
    let how = Pieces {
        delimiter,
        line_end: rows.line_end(),
        size: piece,
    };
    let header = rows.next_row()?.1.clone();
    let mut out = Collector::new("acled.csv");
    let source = InMemory(text.as_bytes());
    let parts = parts::read_split_near(&header, &source, how, &mut out, &|_| true, near).ok()??;
    let count = parts.len();
    let data = merge(parts, &mut out)?;
    let loaded = out.finish(data).ok()?;
    Some(Read {
        data: loaded.value,
        warnings: loaded.warnings.iter().map(ToString::to_string).collect(),
        parts: count,
    })
}
