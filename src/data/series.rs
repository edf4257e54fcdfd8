//! The maps of a series: found by its `files` pattern in the events file's
//! folder, read on two threads, and put in order of day.
//!
//! A map whose bytes are the same as the one before it (a publisher that did
//! not change its line that day) is not parsed again.

use std::path::{Path, PathBuf};

use crate::files::read_file;
use crate::formats::{
    Collector, Diagnostic, LoadFailed, Loaded, Problem, parse_snapshot, snapshot_again,
};
use super::series_cache::fingerprint_of;
use crate::model::{LoadedSeries, SeriesListing, Snapshot};
use crate::progress::{Phase, Progress};

/// The series an events file lists, each read from `folder` (the events
/// file's); `file` names the events file in diagnostics. A series that fails
/// is said and left out; the others are kept. Progress counts map files.
pub fn read_listed_series(
    file: &str,
    folder: &Path,
    maps: &[SeriesListing],
    max_file_size: u64,
    progress: &Progress,
) -> (Vec<LoadedSeries>, Vec<Diagnostic>) {
    let found: Vec<_> = maps
        .iter()
        .map(|listing| find_maps(file, &listing.series.id, folder, &listing.files))
        .collect();
    let total = found.iter().flatten().map(Vec::len).sum::<usize>();
    progress.begin(Phase::ReadingMaps, total as u64);
    let mut diagnostics = Vec::new();
    let mut series = Vec::new();
    for (listing, paths) in maps.iter().zip(found) {
        let read = paths.and_then(|paths| {
            read_maps_of(file, &listing.series.id, &paths, max_file_size, progress)
        });
        if let Some((snapshots, fingerprint)) = super::keep_value(read, &mut diagnostics) {
            series.push(LoadedSeries {
                series: listing.series.clone(),
                snapshots,
                fingerprint,
            });
        }
    }
    (series, diagnostics)
}

/// The maps `pattern` matches in `folder`, sorted by day; `file` names the
/// events file in diagnostics. Fails, saying why, when the pattern leaves the
/// folder or matches nothing, a map cannot be read, or two maps share a day.
pub fn read_series(
    file: &str,
    series: &str,
    folder: &Path,
    pattern: &str,
    max_file_size: u64,
) -> Result<Loaded<Vec<Snapshot>>, LoadFailed> {
    let paths = find_maps(file, series, folder, pattern)?;
    let read = read_maps_of(file, series, &paths, max_file_size, &Progress::default())?;
    Ok(read.map(|(snapshots, _)| snapshots))
}

/// The files of a series, or why there are none.
fn find_maps(
    file: &str,
    series: &str,
    folder: &Path,
    pattern: &str,
) -> Result<Vec<PathBuf>, LoadFailed> {
    let problem = match matching_files(folder, pattern) {
        Ok(paths) if !paths.is_empty() => return Ok(paths),
        Ok(_) => Problem::SeriesMatchesNothing {
            series: series.to_owned(),
            pattern: pattern.to_owned(),
        },
        Err(reason) => Problem::SeriesPattern {
            series: series.to_owned(),
            reason,
        },
    };
    let mut out = Collector::new(file);
    out.error(None, problem);
    Err(out.fail())
}

/// Reads and parses the maps at `paths` on two threads, and sorts them by
/// day; with a fingerprint of their days and bytes.
fn read_maps_of(
    file: &str,
    series: &str,
    paths: &[PathBuf],
    max_file_size: u64,
    progress: &Progress,
) -> Result<Loaded<(Vec<Snapshot>, u128)>, LoadFailed> {
    let mut out = Collector::new(file);
    let (first, second) = paths.split_at(paths.len() / 2);
    let read_part = |paths: &[PathBuf]| read_maps(paths, max_file_size, progress);
    let (first, second) = std::thread::scope(|scope| {
        let second = std::thread::Builder::new()
            .name("read map series".into())
            .spawn_scoped(scope, || read_part(second));
        let first = read_part(first);
        let second = second.ok().and_then(|thread| thread.join().ok());
        // No thread to be had, or it died: the second half here.
        (
            first,
            second.unwrap_or_else(|| read_part(second_half(paths))),
        )
    });
    if progress.is_cancelled() {
        out.error(None, Problem::Cancelled);
        return Err(out.fail());
    }
    let mut snapshots = Vec::with_capacity(paths.len());
    for read in first.into_iter().chain(second) {
        match read {
            Ok((loaded, bytes)) => {
                out.absorb(loaded.warnings);
                snapshots.push((loaded.value, bytes));
            }
            Err(failed) => out.absorb(failed.diagnostics),
        }
    }
    snapshots.sort_by_key(|(snapshot, _)| snapshot.day);
    let mut days_and_bytes = Vec::with_capacity(snapshots.len() * 20);
    for (snapshot, bytes) in &snapshots {
        days_and_bytes.extend_from_slice(&snapshot.day.to_string().into_bytes());
        days_and_bytes.extend_from_slice(&bytes.to_le_bytes());
    }
    let fingerprint = fingerprint_of(&days_and_bytes);
    let snapshots: Vec<Snapshot> = snapshots.into_iter().map(|(s, _)| s).collect();
    for pair in snapshots.windows(2) {
        if pair[0].day == pair[1].day {
            out.error(
                None,
                Problem::SeriesDayTwice {
                    series: series.to_owned(),
                    day: pair[0].day,
                    files: [pair[0].file.clone(), pair[1].file.clone()],
                },
            );
        }
    }
    out.finish((snapshots, fingerprint))
}

fn second_half(paths: &[PathBuf]) -> &[PathBuf] {
    &paths[paths.len() / 2..]
}

/// The files `pattern` names in `folder`, sorted; the reason when the pattern
/// is not one, or reaches out of the folder.
fn matching_files(folder: &Path, pattern: &str) -> Result<Vec<PathBuf>, String> {
    let leaves = Path::new(pattern).components().any(|part| {
        !matches!(
            part,
            std::path::Component::Normal(_) | std::path::Component::CurDir
        )
    });
    if leaves {
        return Err("files must be named inside the events file's folder".to_owned());
    }
    let folder = glob::Pattern::escape(&folder.to_string_lossy());
    let paths = glob::glob(&format!("{folder}/{pattern}")).map_err(|error| error.to_string())?;
    let mut files: Vec<PathBuf> = paths
        .filter_map(Result::ok)
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Each map read and parsed, in order, with a fingerprint of its bytes; a
/// map whose bytes equal the previous one's is that map again, on its own
/// day. Stops early when cancelled.
fn read_maps(
    paths: &[PathBuf],
    max_file_size: u64,
    progress: &Progress,
) -> Vec<Result<(Loaded<Snapshot>, u128), LoadFailed>> {
    let mut previous: Option<(Vec<u8>, Snapshot)> = None;
    paths
        .iter()
        .take_while(|_| !progress.is_cancelled())
        .map(|path| {
            progress.advance_by(1);
            let name = path.display().to_string();
            let bytes = read_file(path, max_file_size).map_err(|error| {
                let mut out = Collector::new(&name);
                out.error(None, Problem::Unreadable(error.to_string()));
                out.fail()
            })?;
            let digest = fingerprint_of(&bytes);
            if let Some((before, snapshot)) = &previous
                && *before == bytes
            {
                let again = snapshot_again(&name, snapshot);
                let loaded = Loaded {
                    value: again,
                    warnings: Vec::new(),
                };
                return Ok((loaded, digest));
            }
            let text = String::from_utf8_lossy(&bytes);
            let loaded = parse_snapshot(&name, &text)?;
            previous = Some((bytes, loaded.value.clone()));
            Ok((loaded, digest))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(test: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("claimmap-series-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("isw")).unwrap();
        dir
    }

    fn map(west: f64) -> String {
        format!(
            r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "geometry": {{"type": "Polygon", "coordinates": [[[{west},0],[10,0],[10,10],[{west},10],[{west},0]]]}}, "properties": {{}}}}]}}"#
        )
    }

    fn read(dir: &Path, pattern: &str) -> Result<Loaded<Vec<Snapshot>>, LoadFailed> {
        read_series("events.json", "isw-assessed", dir, pattern, u64::MAX)
    }

    fn errors(read: Result<Loaded<Vec<Snapshot>>, LoadFailed>) -> Vec<String> {
        match read {
            Ok(_) => panic!("expected errors"),
            Err(failed) => failed.errors().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn maps_are_read_in_order_of_day_and_an_unchanged_one_is_the_one_before() {
        let dir = folder("order");
        for (name, west) in [
            ("isw/assessed-2022-03-02.geojson", 5.0),
            ("isw/assessed-2022-02-24.geojson", 8.0),
            ("isw/assessed-2022-03-01.geojson", 4.0),
            ("isw/assessed-2022-03-03.geojson", 4.0),
            ("isw/notes.txt", 0.0),
        ] {
            std::fs::write(dir.join(name), map(west)).unwrap();
        }
        let maps = read(&dir, "isw/*.geojson").unwrap().value;
        let days: Vec<String> = maps.iter().map(|m| m.day.to_string()).collect();
        assert_eq!(
            days,
            ["2022-02-24", "2022-03-01", "2022-03-02", "2022-03-03"]
        );
        assert_eq!(maps[3].file, "assessed-2022-03-03.geojson");
        assert_eq!(maps[1].held, maps[3].held, "same bytes, same areas");
    }

    #[test]
    fn two_maps_of_one_day_a_pattern_without_maps_or_leaving_the_folder_are_errors() {
        let dir = folder("errors");
        std::fs::write(dir.join("isw/a-20220301.geojson"), map(1.0)).unwrap();
        std::fs::write(dir.join("isw/b-2022-03-01.geojson"), map(2.0)).unwrap();
        assert_eq!(
            errors(read(&dir, "isw/*.geojson")),
            [
                "events.json: error: map series \"isw-assessed\": two maps of 2022-03-01: a-20220301.geojson and b-2022-03-01.geojson; a series has one map a day"
            ]
        );
        assert_eq!(
            errors(read(&dir, "deepstate/*.geojson")),
            [
                "events.json: error: map series \"isw-assessed\": \"files\" \"deepstate/*.geojson\" matches no file beside the events file"
            ]
        );
        assert_eq!(
            errors(read(&dir, "../*.geojson")),
            [
                "events.json: error: map series \"isw-assessed\": \"files\": files must be named inside the events file's folder"
            ]
        );
    }

    #[test]
    fn a_broken_map_is_said_in_its_own_file_and_the_series_fails() {
        let dir = folder("broken");
        std::fs::write(dir.join("isw/m-20220301.geojson"), map(1.0)).unwrap();
        std::fs::write(
            dir.join("isw/m-20220302.geojson"),
            "{\"type\": \"FeatureCollection\",\n \"features\": [1,]}",
        )
        .unwrap();
        let said = errors(read(&dir, "isw/*.geojson"));
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("m-20220302.geojson:2:"), "{said:?}");
    }
}
