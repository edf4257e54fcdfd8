//! The maps of a series: found by its `files` pattern in the events file's
//! folder, fingerprinted, and then either taken from the cache (which maps
//! cover which places, for these maps and places) or read, parsed and
//! derived, on two threads.
//!
//! A map whose bytes are the same as the one before it (a publisher that did
//! not change its line that day) is not parsed again. What the maps show held
//! is not kept once derived: the overlay reads a map again to draw it.

use std::path::{Path, PathBuf};

use geo_types::MultiPolygon;

use super::series_cache::{CachedSeries, Derivation, SeriesCache, fingerprint_of};
use crate::files::read_file;
use crate::formats::{
    Collector, Diagnostic, LoadFailed, Loaded, Problem, parse_snapshot, snapshot_again,
};
use crate::model::{LoadedSeries, MapFile, Place, SeriesListing, Snapshot, Stretch, stretches};
use crate::progress::{Phase, Progress};

/// A series to open: as listed, and the folder its pattern is relative to
/// (the events file's, or the one chosen in the window).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedSeries {
    pub folder: PathBuf,
    pub listing: SeriesListing,
}

/// A series opened: its maps, their stretches over the places, and whether
/// those came from the cache.
#[derive(Clone, Debug)]
pub struct OpenedSeries {
    pub series: LoadedSeries,
    pub stretches: Vec<Stretch>,
    pub derivation: Derivation,
}

/// Opens each series over `places`; `file` names the events file (or what
/// added the series) in diagnostics. A series that fails is said and left
/// out; the others are kept. Progress counts map files.
pub fn open_listed_series(
    file: &str,
    listed: &[ListedSeries],
    places: &[Place],
    cache: &SeriesCache,
    max_file_size: u64,
    progress: &Progress,
) -> (Vec<OpenedSeries>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut opened = Vec::new();
    for series in listed {
        let open = OpenOne {
            file,
            series,
            places,
            cache,
            max_file_size,
            progress,
        };
        if let Some(series) = super::keep_value(open.open(), &mut diagnostics) {
            opened.push(series);
        }
    }
    (opened, diagnostics)
}

/// What opening one series needs.
struct OpenOne<'a> {
    file: &'a str,
    series: &'a ListedSeries,
    places: &'a [Place],
    cache: &'a SeriesCache,
    max_file_size: u64,
    progress: &'a Progress,
}

impl OpenOne<'_> {
    fn open(&self) -> Result<Loaded<OpenedSeries>, LoadFailed> {
        let listing = &self.series.listing;
        let id = &listing.series.id;
        let paths = find_maps(self.file, id, &self.series.folder, &listing.files)?;
        self.progress.begin(Phase::ReadingMaps, paths.len() as u64);
        let digests = self.fingerprints(&paths)?;
        let fingerprint = series_fingerprint(&paths, &digests);
        let loaded = |maps| LoadedSeries {
            series: listing.series.clone(),
            maps,
            fingerprint,
        };
        if let Some(cached) = self.cache.lookup(fingerprint, self.places, paths.len()) {
            let maps = cached
                .order
                .iter()
                .map(|&(at, day)| map_file(&paths[at as usize], day));
            let opened = OpenedSeries {
                series: loaded(maps.collect()),
                stretches: cached.stretches,
                derivation: Derivation::Cached,
            };
            return Collector::new(self.file).finish(opened);
        }
        self.progress.begin(Phase::ParsingMaps, paths.len() as u64);
        let read = read_snapshots(
            self.file,
            id,
            &paths,
            &digests,
            self.max_file_size,
            self.progress,
        )?;
        let (snapshots, path_of) = &read.value;
        let found = stretches(snapshots, self.places);
        // Warnings are said each time: a series with any is derived each time.
        if read.warnings.is_empty() {
            let order = (path_of.iter().zip(snapshots))
                .map(|(&at, s)| (at as u32, s.day))
                .collect();
            let cached = CachedSeries {
                order,
                stretches: found.clone(),
            };
            self.cache.store(fingerprint, self.places, &cached);
        }
        let maps = (path_of.iter().zip(snapshots)).map(|(&at, s)| map_file(&paths[at], s.day));
        let opened = OpenedSeries {
            series: loaded(maps.collect()),
            stretches: found,
            derivation: Derivation::Derived,
        };
        Ok(Loaded {
            value: opened,
            warnings: read.warnings,
        })
    }

    /// A fingerprint of each map's bytes, read on two threads.
    fn fingerprints(&self, paths: &[PathBuf]) -> Result<Vec<u128>, LoadFailed> {
        let digest = |path: &PathBuf| {
            self.progress.advance_by(1);
            read_map(path, self.max_file_size).map(|bytes| fingerprint_of(&bytes))
        };
        let digests = in_two_halves(paths, |part, _| {
            (part.iter())
                .take_while(|_| !self.progress.is_cancelled())
                .map(digest)
                .collect()
        });
        let mut out = Collector::new(self.file);
        if self.progress.is_cancelled() {
            out.error(None, Problem::Cancelled);
            return Err(out.fail());
        }
        let mut found = Vec::with_capacity(paths.len());
        for digest in digests {
            match digest {
                Ok(digest) => found.push(digest),
                Err(failed) => out.absorb(failed.diagnostics),
            }
        }
        out.finish(found).map(|loaded| loaded.value)
    }
}

fn map_file(path: &Path, day: chrono::NaiveDate) -> MapFile {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    MapFile {
        day,
        file: name.unwrap_or_default(),
        path: path.to_path_buf(),
    }
}

/// A fingerprint of a series' maps: each one's name and bytes, in order.
fn series_fingerprint(paths: &[PathBuf], digests: &[u128]) -> u128 {
    let mut all = Vec::with_capacity(paths.len() * 48);
    for (path, digest) in paths.iter().zip(digests) {
        let name = path.file_name().map(|n| n.to_string_lossy());
        all.extend_from_slice(name.unwrap_or_default().as_bytes());
        all.push(0);
        all.extend_from_slice(&digest.to_le_bytes());
    }
    fingerprint_of(&all)
}

/// The maps `pattern` matches in `folder`, read and sorted by day; `file`
/// names the events file in diagnostics. Fails, saying why, when the pattern
/// leaves the folder or matches nothing, a map cannot be read, or two maps
/// share a day.
pub fn read_series(
    file: &str,
    series: &str,
    folder: &Path,
    pattern: &str,
    max_file_size: u64,
) -> Result<Loaded<Vec<Snapshot>>, LoadFailed> {
    let paths = find_maps(file, series, folder, pattern)?;
    let no_digests = vec![0; paths.len()];
    let progress = Progress::default();
    let read = read_snapshots(file, series, &paths, &no_digests, max_file_size, &progress)?;
    Ok(read.map(|(snapshots, _)| snapshots))
}

/// What one map shows held, read again from its file: for drawing it.
pub fn read_map_area(path: &Path, max_file_size: u64) -> Result<MultiPolygon<f64>, LoadFailed> {
    let bytes = read_map(path, max_file_size)?;
    let name = path.display().to_string();
    parse_snapshot(&name, &String::from_utf8_lossy(&bytes)).map(|loaded| loaded.value.held)
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

/// Maps sorted by day, and for each the index of its path.
type ByDay = (Vec<Snapshot>, Vec<usize>);

/// Reads and parses the maps at `paths` on two threads, sorted by day, and
/// for each the index of its path; `digests` are the fingerprints of their
/// bytes (all zero when not known: then bytes are compared).
fn read_snapshots(
    file: &str,
    series: &str,
    paths: &[PathBuf],
    digests: &[u128],
    max_file_size: u64,
    progress: &Progress,
) -> Result<Loaded<ByDay>, LoadFailed> {
    let mut out = Collector::new(file);
    let read = in_two_halves(paths, |part, offset| {
        read_maps(part, &digests[offset..], max_file_size, progress)
    });
    if progress.is_cancelled() {
        out.error(None, Problem::Cancelled);
        return Err(out.fail());
    }
    let mut snapshots = Vec::with_capacity(paths.len());
    for (at, read) in read.into_iter().enumerate() {
        match read {
            Ok(loaded) => {
                out.absorb(loaded.warnings);
                snapshots.push((loaded.value, at));
            }
            Err(failed) => out.absorb(failed.diagnostics),
        }
    }
    snapshots.sort_by_key(|(snapshot, _)| snapshot.day);
    for pair in snapshots.windows(2) {
        let ((first, _), (second, _)) = (&pair[0], &pair[1]);
        if first.day == second.day {
            out.error(
                None,
                Problem::SeriesDayTwice {
                    series: series.to_owned(),
                    day: first.day,
                    files: [first.file.clone(), second.file.clone()],
                },
            );
        }
    }
    let (snapshots, path_of) = snapshots.into_iter().unzip();
    out.finish((snapshots, path_of))
}

/// `work` on the first half of `paths` here and the second on a thread of
/// its own, results in order; `work` gets a half and where it starts.
fn in_two_halves<T: Send>(
    paths: &[PathBuf],
    work: impl Fn(&[PathBuf], usize) -> Vec<T> + Sync,
) -> Vec<T> {
    let half = paths.len() / 2;
    let (first, second) = paths.split_at(half);
    let (mut first, second) = std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("read map series".into())
            .spawn_scoped(scope, || work(second, half));
        let first = work(first, 0);
        let second = thread.ok().and_then(|thread| thread.join().ok());
        // No thread to be had, or it died: the second half here.
        (first, second.unwrap_or_else(|| work(&paths[half..], half)))
    });
    first.extend(second);
    first
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

/// A map's bytes, or why they cannot be had, said in the map's own name.
fn read_map(path: &Path, max_file_size: u64) -> Result<Vec<u8>, LoadFailed> {
    read_file(path, max_file_size).map_err(|error| {
        let mut out = Collector::new(&path.display().to_string());
        out.error(None, Problem::Unreadable(error.to_string()));
        out.fail()
    })
}

/// Each map read and parsed, in order. A map whose bytes equal the one
/// before's (by `digests`, or by its bytes when a digest is 0) is that map
/// again, on its own day. Stops early when cancelled.
fn read_maps(
    paths: &[PathBuf],
    digests: &[u128],
    max_file_size: u64,
    progress: &Progress,
) -> Vec<Result<Loaded<Snapshot>, LoadFailed>> {
    let mut previous: Option<(Vec<u8>, u128, Loaded<Snapshot>)> = None;
    let mut read = Vec::with_capacity(paths.len());
    for (path, &digest) in paths.iter().zip(digests) {
        if progress.is_cancelled() {
            break;
        }
        progress.advance_by(1);
        let name = path.display().to_string();
        let bytes = match read_map(path, max_file_size) {
            Ok(bytes) => bytes,
            Err(failed) => {
                read.push(Err(failed));
                continue;
            }
        };
        if let Some((before, before_digest, loaded)) = &previous
            && (if digest != 0 {
                *before_digest == digest
            } else {
                *before == bytes
            })
        {
            // The same warnings as the map before, said in its own name.
            let file: std::sync::Arc<str> = name.as_str().into();
            let warnings = (loaded.warnings.iter())
                .map(|w| Diagnostic {
                    file: std::sync::Arc::clone(&file),
                    ..w.clone()
                })
                .collect();
            let value = snapshot_again(&name, &loaded.value);
            read.push(Ok(Loaded { value, warnings }));
            continue;
        }
        let parsed = parse_snapshot(&name, &String::from_utf8_lossy(&bytes));
        if let Ok(loaded) = &parsed {
            let kept = if digest != 0 { Vec::new() } else { bytes };
            previous = Some((kept, digest, loaded.clone()));
        }
        read.push(parsed);
    }
    read
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
