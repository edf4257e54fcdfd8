//! The claims of a map series, kept between runs: reading and parsing a
//! series' maps and finding which cover which places is the slow part of
//! opening it, and depends only on the maps' names and bytes and the places'
//! positions. So the maps' order and days, and their stretches over the
//! places, are stored under the platform's cache folder in a file named by a
//! fingerprint of both; opening the same maps with the same places again
//! reads the maps only to fingerprint them.
//!
//! A cache file that is missing, unreadable or malformed is derived again
//! (and rewritten); one that cannot be written is simply not kept. Neither
//! changes what the user sees, only how soon.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::model::{Place, Stretch};

/// What starts every cache file: the format, so an older layout is never misread.
const MAGIC: &[u8; 16] = b"claimmap-maps-2\n";

/// Where cached series are kept, if anywhere.
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

/// What is kept of a series: for each map in order of day, the index of its
/// file among the pattern's sorted matches and its day; and the stretches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedSeries {
    pub order: Vec<(u32, NaiveDate)>,
    pub stretches: Vec<Stretch>,
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

    /// A cache in `folder`, for tests and benchmarks.
    pub fn in_folder(folder: &Path) -> SeriesCache {
        SeriesCache {
            folder: Some(folder.to_path_buf()),
        }
    }

    /// No cache: every series derived.
    pub fn none() -> SeriesCache {
        SeriesCache { folder: None }
    }

    /// What was kept for the series of `fingerprint` (its `maps` files) over
    /// `places`, if anything well-formed was.
    pub fn lookup(&self, fingerprint: u128, places: &[Place], maps: usize) -> Option<CachedSeries> {
        let bytes = std::fs::read(self.path_for(fingerprint, places)?).ok()?;
        decode(&bytes, maps, places.len())
    }

    /// Keeps `cached` for the series of `fingerprint` over `places`. Not kept
    /// is only slower next time: nothing to tell the user.
    pub fn store(&self, fingerprint: u128, places: &[Place], cached: &CachedSeries) {
        if let Some(path) = self.path_for(fingerprint, places) {
            let _ = write_atomically(&path, &encode(cached));
        }
    }

    fn path_for(&self, fingerprint: u128, places: &[Place]) -> Option<PathBuf> {
        let folder = self.folder.as_ref()?;
        let mut key = SipHasher13::new();
        key.write(MAGIC);
        key.write_u128(fingerprint);
        key.write_usize(places.len());
        for place in places {
            key.write_u64(place.position.x().to_bits());
            key.write_u64(place.position.y().to_bits());
        }
        Some(folder.join(format!("{:032x}.series", key.finish128().as_u128())))
    }
}

/// A fingerprint of bytes: a map file's, or a series' list of them.
pub fn fingerprint_of(bytes: &[u8]) -> u128 {
    let mut hasher = SipHasher13::new();
    hasher.write(bytes);
    hasher.finish128().as_u128()
}

fn encode(cached: &CachedSeries) -> Vec<u8> {
    let words = 2 + 2 * cached.order.len() + 3 * cached.stretches.len();
    let mut bytes = Vec::with_capacity(MAGIC.len() + 4 * words);
    bytes.extend_from_slice(MAGIC);
    let mut put = |word: u32| bytes.extend_from_slice(&word.to_le_bytes());
    put(cached.order.len() as u32);
    for &(at, day) in &cached.order {
        put(at);
        put(day.num_days_from_ce() as u32);
    }
    put(cached.stretches.len() as u32);
    for s in &cached.stretches {
        for word in [s.place, s.first, s.end] {
            put(word);
        }
    }
    bytes
}

/// The series in `bytes`, if they are well-formed and fit `maps` maps and
/// `places` places: every map once, in order of day, every stretch within.
fn decode(bytes: &[u8], maps: usize, places: usize) -> Option<CachedSeries> {
    let body = bytes.strip_prefix(MAGIC.as_slice())?;
    let mut words = body
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
    (body.len() % 4 == 0).then_some(())?;
    let count = words.next()? as usize;
    (count == maps).then_some(())?;
    let mut order = Vec::with_capacity(count);
    for _ in 0..count {
        let at = words.next()?;
        let day = NaiveDate::from_num_days_from_ce_opt(words.next()? as i32)?;
        order.push((at, day));
    }
    let count = words.next()? as usize;
    let mut stretches = Vec::with_capacity(count.min(body.len() / 12));
    for _ in 0..count {
        let (place, first, end) = (words.next()?, words.next()?, words.next()?);
        stretches.push(Stretch { place, first, end });
    }
    words.next().is_none().then_some(())?;
    let mut seen = vec![false; maps];
    for &(at, _) in &order {
        let slot = seen.get_mut(at as usize)?;
        (!*slot).then_some(())?;
        *slot = true;
    }
    let in_order = order.windows(2).all(|pair| pair[0].1 < pair[1].1);
    let fits =
        |s: &Stretch| (s.place as usize) < places && s.first < s.end && s.end as usize <= maps;
    (in_order && stretches.iter().all(fits)).then_some(CachedSeries { order, stretches })
}

/// Writes beside the target and renames, so a reader never sees half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let partial = path.with_extension(format!("partial-{}", std::process::id()));
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })
}

#[cfg(test)]
mod tests {
    use geo_types::Point;

    use super::*;

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

    fn kept() -> CachedSeries {
        let day = |d: &str| d.parse().unwrap();
        CachedSeries {
            order: vec![(1, day("2022-02-24")), (0, day("2022-02-25"))],
            stretches: vec![
                Stretch {
                    place: 0,
                    first: 0,
                    end: 2,
                },
                Stretch {
                    place: 1,
                    first: 1,
                    end: 2,
                },
            ],
        }
    }

    fn cache(test: &str) -> (SeriesCache, PathBuf) {
        let dir =
            std::env::temp_dir().join(format!("claimmap-cache-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        (SeriesCache::in_folder(&dir), dir)
    }

    #[test]
    fn what_is_kept_is_found_for_the_same_maps_and_places_only() {
        let (cache, _) = cache("same");
        let places = [place("east", 9.0), place("west", 1.0)];
        assert_eq!(cache.lookup(7, &places, 2), None);
        cache.store(7, &places, &kept());
        assert_eq!(cache.lookup(7, &places, 2), Some(kept()));
        assert_eq!(cache.lookup(8, &places, 2), None, "other maps");
        let moved = [place("east", 9.0), place("west", 6.0)];
        assert_eq!(cache.lookup(7, &moved, 2), None, "a place moved");
        assert_eq!(SeriesCache::none().lookup(7, &places, 2), None);
    }

    #[test]
    fn a_damaged_or_ill_fitting_cache_file_is_not_used() {
        let (cache, dir) = cache("damaged");
        let places = [place("east", 9.0), place("west", 1.0)];
        cache.store(7, &places, &kept());
        assert_eq!(cache.lookup(7, &places, 3), None, "another number of maps");
        let file = std::fs::read_dir(&dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let good = std::fs::read(&file).unwrap();
        for cut in [3, 4, 12, good.len() - MAGIC.len()] {
            std::fs::write(&file, &good[..good.len() - cut]).unwrap();
            assert_eq!(cache.lookup(7, &places, 2), None, "cut {cut}");
        }
        let mut swapped = kept();
        swapped.order.reverse();
        std::fs::write(&file, encode(&swapped)).unwrap();
        assert_eq!(cache.lookup(7, &places, 2), None, "days out of order");
        std::fs::write(&file, &good).unwrap();
        assert_eq!(cache.lookup(7, &places, 2), Some(kept()));
    }
}
