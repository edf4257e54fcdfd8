//! A generated ACLED export in the current 31-column layout: 1,000,000 rows
//! (about 350 MB) over 50,000 distinct locations, with the mix of event types,
//! time precisions, quoted notes and state-forces actors a real export has.
//!
//! Deterministic: the same file every run, so figures are comparable.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

#[path = "../scale_data/random.rs"]
mod random;
use random::Random;

pub const ROWS: usize = 1_000_000;
const LOCATIONS: usize = 50_000;

const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,\
sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,\
civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,\
geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// Event type, sub-event type, and how many in a thousand rows have them.
const SUB_EVENTS: [(&str, &str, usize); 9] = [
    (
        "Strategic developments",
        "Non-state actor overtakes territory",
        15,
    ),
    ("Strategic developments", "Government regains territory", 10),
    (
        "Strategic developments",
        "Non-violent transfer of territory",
        5,
    ),
    ("Battles", "Armed clash", 380),
    ("Explosions/Remote violence", "Air/drone strike", 120),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        100,
    ),
    ("Violence against civilians", "Attack", 150),
    ("Protests", "Peaceful protest", 170),
    ("Strategic developments", "Arrests", 50),
];

/// (actor, inter, country)
const ACTORS: [(&str, &str, &str); 6] = [
    ("Taliban", "Rebel group", "Afghanistan"),
    (
        "Military Forces of Afghanistan (2004-2021)",
        "State forces",
        "Afghanistan",
    ),
    (
        "Police Forces of Afghanistan (2004-2021)",
        "State forces",
        "Afghanistan",
    ),
    ("Islamic State (Afghanistan)", "Rebel group", "Afghanistan"),
    (
        "Military Forces of Pakistan (2018-)",
        "State forces",
        "Pakistan",
    ),
    ("Tehreek-i-Taliban Pakistan", "Rebel group", "Pakistan"),
];

const SOURCES: [&str; 6] = [
    "Pajhwok Afghan News",
    "Tolo News",
    "Pajhwok Afghan News; Tolo News",
    "Khaama Press",
    "Dawn",
    "Ariana News; Xinhua",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The export, written under `dir` unless it already is.
pub fn ensure(dir: &Path) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let path = dir.join("acled-1m.csv");
    if !path.exists() {
        let partial = path.with_extension("partial");
        let mut out = BufWriter::new(fs::File::create(&partial)?);
        write_export(&mut out)?;
        out.flush()?;
        drop(out);
        fs::rename(partial, &path)?;
    }
    Ok(path)
}

fn write_export(out: &mut dyn Write) -> io::Result<()> {
    let mut random = Random(0x5851_f42d_4c95_7f2d);
    writeln!(out, "{HEADER}")?;
    let mut row = String::new();
    for r in 0..ROWS {
        row.clear();
        write_row(&mut row, r, &mut random);
        writeln!(out, "{row}")?;
    }
    Ok(())
}

fn write_row(out: &mut String, r: usize, random: &mut Random) {
    let (event_type, sub_event) = sub_event(random);
    let (actor1, inter1, _) = ACTORS[random.below(ACTORS.len())];
    let (actor2, inter2) = if event_type == "Battles" {
        let (actor, inter, _) = ACTORS[random.below(ACTORS.len())];
        (actor, inter)
    } else {
        ("", "")
    };
    // Locations 0..45,000 are in Afghanistan, the rest in Pakistan.
    let location = random.below(LOCATIONS);
    let (country, iso, lat0, lon0) = if location < 45_000 {
        ("Afghanistan", 4, 29.4, 60.5)
    } else {
        ("Pakistan", 586, 24.0, 61.0)
    };
    // The same location always has the same coordinates and admin names.
    let mut place = Random(0x9e37_79b9 ^ (location as u64 * 0x2545_f491));
    let lat = lat0 + place.unit() * 9.0;
    let lon = lon0 + place.unit() * 14.0;
    let admin1 = format!("Province {}", location % 34);
    let admin2 = format!("District {}", location % 400);
    let day = 1 + random.below(28);
    let month = random.below(12);
    let date = format!("{day:02} {} 2021", MONTHS[month]);
    let precision = match random.below(20) {
        0 => 3,
        1 | 2 => 2,
        _ => 1,
    };
    let source = SOURCES[random.below(SOURCES.len())];
    let fatalities = if event_type == "Battles" {
        random.below(12)
    } else {
        0
    };
    let timestamp = 1_609_459_200 + (month * 30 + day + random.below(20)) * 86_400;
    let tags = if event_type == "Protests" {
        "crowd size=no report"
    } else {
        ""
    };
    let _ = write!(
        out,
        "AFG{r},{date},2021,{precision},Political violence,{event_type},{sub_event},\"{actor1}\",,\
         {inter1},\"{actor2}\",,{inter2},,,{iso},Southern Asia,{country},{admin1},{admin2},,\
         Location {location},{lat:.4},{lon:.4},{geo},{source},National,\"On {date}, {actor1} \
         reportedly clashed near Location {location} (\"\"{sub_event}\"\"); details unclear.\",\
         {fatalities},{tags},{timestamp}",
        geo = 1 + location % 3,
    );
}

fn sub_event(random: &mut Random) -> (&'static str, &'static str) {
    let mut pick = random.below(1_000);
    for (event_type, sub_event, share) in SUB_EVENTS {
        if pick < share {
            return (event_type, sub_event);
        }
        pick -= share;
    }
    ("Riots", "Mob violence")
}
