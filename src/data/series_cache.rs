//! The claims of a map series, kept between runs: which stretches of maps
//! cover which places is the slow part of opening a series, and depends only
//! on the maps' bytes and the places' positions. So it is stored under the
//! platform's cache folder, in a file named by a fingerprint of both, and
//! read back instead of derived when the same maps meet the same places.
//!
//! A cache file that is missing, unreadable or malformed is derived again
//! (and rewritten); one that cannot be written is simply not kept. Neither
//! changes what the user sees, only how soon.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

use siphasher::sip128::{Hasher128, SipHasher13};

use crate::model::{LoadedSeries, Place, Stretch, stretches};

/// What starts every cache file: the format, so an older layout is never misread.
const MAGIC: &[u8; 16] = b"claimmap-maps-1\n";

/// Where cached stretches are kept, if anywhere.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeriesCache {
    folder: Option<PathBuf>,
}

/// Whether a series' stretches were read from the cache or derived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derivation {
    Cached,
    Derived,
}

impl SeriesCache {
    /// The platform's cache folder for claimmap (`~/.cache/claimmap/map-series`
    /// on Linux); `CLAIMMAP_CACHE_DIR` names another, and an empty one none.
    pub fn platform() -> SeriesCache {
        let folder = match std::env::var_os("CLAIMMAP_CACHE_DIR") {
            Some(dir) if dir.is_empty() => None,
            Some(dir) => Some(PathBuf::from(dir)),
            None => directories::ProjectDirs::from("", "", "claimmap")
                .map(|dirs| dirs.cache_dir().to_path_buf()),
        };
        SeriesCache {
            folder: folder.map(|f| f.join("map-series")),
        }
    }

    /// A cache in `folder`, for tests.
    pub fn in_folder(folder: &Path) -> SeriesCache {
        SeriesCache {
            folder: Some(folder.to_path_buf()),
        }
    }

    /// No cache: every series derived.
    pub fn none() -> SeriesCache {
        SeriesCache { folder: None }
    }

    /// The stretches of `series` over `places`: from the cache when it has
    /// them for these maps and places, else derived and kept.
    pub fn stretches(&self, series: &LoadedSeries, places: &[Place]) -> (Vec<Stretch>, Derivation) {
        let Some(path) = self.path_for(series, places) else {
            return (stretches(&series.snapshots, places), Derivation::Derived);
        };
        if let Some(found) = read_cached(&path, series.snapshots.len(), places.len()) {
            return (found, Derivation::Cached);
        }
        let derived = stretches(&series.snapshots, places);
        // Not kept is only slower next time: nothing to tell the user.
        let _ = write_cached(&path, &derived);
        (derived, Derivation::Derived)
    }

    fn path_for(&self, series: &LoadedSeries, places: &[Place]) -> Option<PathBuf> {
        let folder = self.folder.as_ref()?;
        let mut key = SipHasher13::new();
        key.write(MAGIC);
        key.write_u128(series.fingerprint);
        key.write_usize(places.len());
        for place in places {
            key.write_u64(place.position.x().to_bits());
            key.write_u64(place.position.y().to_bits());
        }
        Some(folder.join(format!("{:032x}.stretches", key.finish128().as_u128())))
    }
}

/// A fingerprint of a file's bytes, for [`LoadedSeries::fingerprint`].
pub fn fingerprint_of(bytes: &[u8]) -> u128 {
    let mut hasher = SipHasher13::new();
    hasher.write(bytes);
    hasher.finish128().as_u128()
}

/// The stretches in `path`, if it holds a well-formed list that fits `maps`
/// maps and `places` places.
fn read_cached(path: &Path, maps: usize, places: usize) -> Option<Vec<Stretch>> {
    let bytes = std::fs::read(path).ok()?;
    let body = bytes.strip_prefix(MAGIC.as_slice())?;
    let (count, rest) = body.split_first_chunk::<8>()?;
    let count = usize::try_from(u64::from_le_bytes(*count)).ok()?;
    (rest.len() == count.checked_mul(12)?).then_some(())?;
    let found: Vec<Stretch> = rest
        .chunks_exact(12)
        .map(|record| {
            let word = |i: usize| u32::from_le_bytes([record[i], record[i + 1], record[i + 2], record[i + 3]]);
            Stretch {
                place: word(0),
                first: word(4),
                end: word(8),
            }
        })
        .collect();
    let fits = |s: &Stretch| (s.place as usize) < places && s.first < s.end && s.end as usize <= maps;
    found.iter().all(fits).then_some(found)
}

/// Writes beside the target and renames, so a reader never sees half a file.
fn write_cached(path: &Path, stretches: &[Stretch]) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let mut bytes = Vec::with_capacity(MAGIC.len() + 8 + 12 * stretches.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(stretches.len() as u64).to_le_bytes());
    for s in stretches {
        for word in [s.place, s.first, s.end] {
            bytes.extend_from_slice(&word.to_le_bytes());
        }
    }
    let partial = path.with_extension(format!("partial-{}", std::process::id()));
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })
}

#[cfg(test)]
mod tests {
    use geo_types::{MultiPolygon, Point, polygon};

    use super::*;
    use crate::model::{MapSeries, Snapshot, Verification};

    fn place(id: &str, lon: f64) -> Place {
        Place {
            id: id.into(),
            name: id.into(),
            kind: "city".into(),
            countries: vec![],
            province: None,
            aliases: vec![],
            position: Point::new(lon, 5.0),
            area: None,
            properties: Default::default(),
        }
    }

    fn series(west: f64, fingerprint: u128) -> LoadedSeries {
        let held = MultiPolygon(vec![polygon![
            (x: west, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: west, y: 10.0)
        ]]);
        LoadedSeries {
            series: MapSeries {
                id: "front".into(),
                name: None,
                claimant: "isw".into(),
                controller: "russia".into(),
                verification: Verification::Claimed,
                source: None,
            },
            snapshots: vec![Snapshot {
                day: "2022-02-24".parse().unwrap(),
                file: "front-2022-02-24.geojson".into(),
                held,
            }],
            fingerprint,
        }
    }

    fn cache(test: &str) -> (SeriesCache, PathBuf) {
        let dir = std::env::temp_dir().join(format!("claimmap-cache-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        (SeriesCache::in_folder(&dir), dir)
    }

    #[test]
    fn the_second_opening_reads_the_cache_and_other_maps_or_places_do_not() {
        let (cache, _) = cache("reopen");
        let places = [place("east", 9.0), place("west", 1.0)];
        let first = cache.stretches(&series(5.0, 1), &places);
        assert_eq!(first.1, Derivation::Derived);
        let again = cache.stretches(&series(5.0, 1), &places);
        assert_eq!(again, (first.0.clone(), Derivation::Cached));
        assert_eq!(first.0.len(), 1);
        // A changed map file changes the fingerprint: derived again, and right.
        let changed = cache.stretches(&series(0.0, 2), &places);
        assert_eq!((changed.0.len(), changed.1), (2, Derivation::Derived));
        // So does a place that moved.
        let moved = [place("east", 9.0), place("west", 6.0)];
        let derived = cache.stretches(&series(5.0, 1), &moved);
        assert_eq!((derived.0.len(), derived.1), (2, Derivation::Derived));
    }

    #[test]
    fn a_damaged_cache_file_is_derived_again_and_no_folder_means_no_cache() {
        let (cache, dir) = cache("damaged");
        let places = [place("east", 9.0)];
        let first = cache.stretches(&series(5.0, 7), &places).0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let mut bytes = std::fs::read(&path).unwrap();
            bytes.truncate(bytes.len() - 3);
            std::fs::write(&path, bytes).unwrap();
        }
        assert_eq!(
            cache.stretches(&series(5.0, 7), &places),
            (first.clone(), Derivation::Derived)
        );
        assert_eq!(
            cache.stretches(&series(5.0, 7), &places),
            (first, Derivation::Cached),
            "rewritten"
        );
        let none = SeriesCache::none().stretches(&series(5.0, 7), &places);
        assert_eq!(none.1, Derivation::Derived);
    }
}
