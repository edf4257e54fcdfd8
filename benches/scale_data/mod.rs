//! The real-scale dataset the scale benchmarks load: 100,000 places and
//! 1,000,000 events (about 300 MB), written the way real files are: the
//! gazetteer indented with one field per line, the events one per line; every event type, day, month and interval dates,
//! `side` chains, sources, quotes with escapes, and the mistakes real data has
//! (unknown places, parties and sources, events dated after their source).
//!
//! Deterministic: the same files every run, so figures are comparable.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

mod random;
use random::Random;

pub const PLACES: usize = 100_000;
pub const EVENTS: usize = 1_000_000;
const SOURCES: usize = 20_000;
/// Afghanistan's bounding box: where the points fall, uniformly.
const WEST: f64 = 60.5;
const EAST: f64 = 75.0;
const SOUTH: f64 = 29.4;
const NORTH: f64 = 38.5;

const PROVINCES: [&str; 8] = [
    "Herat",
    "Kandahar",
    "Kunduz",
    "Badakhshan",
    "Nimruz",
    "Helmand",
    "Balkh",
    "Nangarhar",
];
const KINDS: [&str; 4] = ["village", "town", "city", "crossing"];
const TYPES: [&str; 8] = [
    "captured",
    "retaken",
    "holds",
    "denied",
    "withdrew",
    "confirmed",
    "fighting",
    "report",
];
const SPEAKERS: [&str; 6] = [
    "Zabihullah Mujahid",
    "Fawad Aman",
    "a provincial council member",
    "Ajmal Omar",
    "a local elder",
    "Ahmad Rashid",
];
const OUTLETS: [&str; 5] = [
    "Reuters",
    "The Guardian",
    "Le Monde with AFP",
    "Al Jazeera",
    "TOLOnews",
];

/// The two files, written under `dir` unless they already are.
pub fn ensure(dir: &Path) -> io::Result<(PathBuf, PathBuf)> {
    fs::create_dir_all(dir)?;
    let gazetteer = dir.join("places-100k.geojson");
    let events = dir.join("events-1m.json");
    if !gazetteer.exists() {
        write_atomically(&gazetteer, write_gazetteer)?;
    }
    if !events.exists() {
        write_atomically(&events, write_events)?;
    }
    Ok((gazetteer, events))
}

fn write_atomically(path: &Path, write: fn(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let partial = path.with_extension("partial");
    let mut out = BufWriter::new(fs::File::create(&partial)?);
    write(&mut out)?;
    out.flush()?;
    drop(out);
    fs::rename(partial, path)
}

fn write_gazetteer(out: &mut dyn Write) -> io::Result<()> {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    writeln!(
        out,
        "{{\n  \"type\": \"FeatureCollection\",\n  \"features\": ["
    )?;
    for i in 0..PLACES {
        let lon = WEST + random.unit() * (EAST - WEST);
        let lat = SOUTH + random.unit() * (NORTH - SOUTH);
        let province = PROVINCES[random.below(PROVINCES.len())];
        let kind = KINDS[random.below(KINDS.len())];
        let aliases = if random.one_in(3) {
            format!(", \"aliases\": [\"Qala-e {i}\", \"Deh {i}\"]")
        } else {
            String::new()
        };
        let comma = if i + 1 < PLACES { "," } else { "" };
        writeln!(
            out,
            "    {{\n      \"type\": \"Feature\",\n      \"id\": \"place-{i}\",\n      \
             \"geometry\": {{\"type\": \"Point\", \"coordinates\": [{lon:.4}, {lat:.4}]}},\n      \
             \"properties\": {{\n        \"name\": \"Place {i}\",\n        \"kind\": \"{kind}\",\n        \
             \"countries\": [\"AF\"],\n        \"province\": \"{province}\"{aliases}\n      }}\n    }}{comma}"
        )?;
    }
    writeln!(out, "  ]\n}}")
}

fn write_events(out: &mut dyn Write) -> io::Result<()> {
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    writeln!(out, "{{\n  \"parties\": [")?;
    write_parties(out)?;
    writeln!(out, "  ],\n  \"sources\": [")?;
    for s in 0..SOURCES {
        let outlet = OUTLETS[s % OUTLETS.len()];
        let day = day_of_2021(random.below(365));
        let comma = if s + 1 < SOURCES { "," } else { "" };
        writeln!(
            out,
            "    {{\n      \"id\": \"src-{s}\",\n      \"outlet\": \"{outlet}\",\n      \
             \"title\": \"Fighting report {s}\",\n      \"url\": \"https://example.org/news/{s}\",\n      \
             \"published\": \"{day}\"\n    }}{comma}"
        )?;
    }
    writeln!(out, "  ],\n  \"events\": [")?;
    let mut event = String::new();
    for e in 0..EVENTS {
        event.clear();
        write_event(&mut event, e, &mut random);
        let comma = if e + 1 < EVENTS { "," } else { "" };
        writeln!(out, "{event}{comma}")?;
    }
    writeln!(out, "  ]\n}}")
}

/// Two sides, and 60 parties that speak for them through chains of up to three `side` links.
fn write_parties(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "    {{\"id\": \"taliban\", \"name\": \"Taliban\", \"color\": \"#c0392b\"}},\n    \
         {{\"id\": \"government\", \"name\": \"Afghan government\", \"color\": \"#2e86c1\"}},"
    )?;
    for p in 0..60 {
        let side = match p {
            0..10 => ["taliban", "government"][p % 2].to_owned(),
            _ => format!("party-{}", p - 10),
        };
        let comma = if p + 1 < 60 { "," } else { "" };
        writeln!(
            out,
            "    {{\"id\": \"party-{p}\", \"name\": \"Party {p}\", \"side\": \"{side}\"}}{comma}"
        )?;
    }
    Ok(())
}

fn write_event(out: &mut String, e: usize, random: &mut Random) {
    let kind = TYPES[random.below(TYPES.len())];
    let day = random.below(365);
    let date = match random.below(20) {
        0 => format!("2021-{:02}", 1 + day / 31),
        1 | 2 => format!("{}/{}", day_of_2021(day), day_of_2021((day + 7).min(364))),
        _ => day_of_2021(day),
    };
    // One in a hundred names a place the gazetteer lacks.
    let place = if random.one_in(100) {
        format!("hamlet-{}", random.below(5_000))
    } else {
        format!("place-{}", random.below(PLACES))
    };
    let claimant = match random.below(1_000) {
        0 => format!("unlisted-{}", random.below(20)),
        n if n < 300 => ["taliban", "government"][n % 2].to_owned(),
        _ => format!("party-{}", random.below(60)),
    };
    let _ = write!(
        out,
        "    {{\"id\": \"e{e}\", \"date\": \"{date}\", \"place\": \"{place}\", \
         \"type\": \"{kind}\", \"claimant\": \"{claimant}\","
    );
    if !matches!(kind, "fighting" | "report") {
        let controller = ["taliban", "government"][random.below(2)];
        let _ = write!(out, " \"controller\": \"{controller}\",");
    }
    if kind == "confirmed" || random.one_in(50) {
        out.push_str(" \"verification\": \"confirmed\",");
    }
    let speaker = SPEAKERS[random.below(SPEAKERS.len())];
    let source = match random.below(200) {
        0 => format!("missing-src-{}", random.below(100)),
        _ => format!("src-{}", random.below(SOURCES)),
    };
    let _ = write!(
        out,
        " \"speaker\": \"{speaker}\", \"quote\": \"{}\", \"source\": \"{source}\"",
        quote(e, random)
    );
    if random.one_in(10) {
        out.push_str(", \"note\": \"Dated from \\\"last Thursday\\\" in the article.\"");
    }
    out.push('}');
}

fn quote(e: usize, random: &mut Random) -> String {
    match random.below(4) {
        0 => format!("The district centre {e} is under our control."),
        1 => format!("Forces repelled the attack near checkpoint {e} after heavy clashes."),
        2 => format!("\\u201cWe have taken the crossing,\\u201d he said of post {e}."),
        _ => format!("Officials said the town {e} remains contested."),
    }
}

fn day_of_2021(day: usize) -> String {
    const DAYS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut rest = day;
    for (month, &length) in DAYS.iter().enumerate() {
        if rest < length {
            return format!("2021-{:02}-{:02}", month + 1, rest + 1);
        }
        rest -= length;
    }
    "2021-12-31".to_owned()
}
