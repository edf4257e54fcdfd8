//! The places one part of an export names, by their cells as written: one
//! string of every place's cells, and a table that finds a place's number by
//! its key's fingerprint.
//!
//! A million rows look their place up; comparing keys' text would read memory
//! scattered over megabytes for each, which is most of the time an export takes
//! to read. A fingerprint is a 128-bit SipHash under a key chosen at random per
//! reading (as rustc identifies items by 128-bit fingerprints): two different
//! places share one with a chance of about 2⁻¹²⁸ per pair, which a file cannot
//! arrange without knowing the key, and the table of fingerprints stays in the
//! processor's cache.

use std::hash::{BuildHasher, Hasher};
use std::ops::Range;

use geo_types::Point;
use hashbrown::HashTable;
use serde_json::{Map, Value};
use siphasher::sip128::{Hasher128, SipHasher13};

use super::drafts::{Local, local};
use crate::model::{Location, Place};

/// Country, admin1, admin2, location, latitude, longitude (the key places
/// are merged by), then admin3, geo_precision and the country code.
pub const PLACE_CELLS: usize = 9;

/// How many of [`PLACE_CELLS`] make the key.
pub const KEY_CELLS: usize = 6;

/// What follows each cell (no name holds one).
pub const SEPARATOR: char = '\u{1f}';

pub struct PlaceDrafts {
    /// Every place's cells, each followed by [`SEPARATOR`], one place after another.
    cells: String,
    places: Vec<PlaceDraft>,
    /// Each place by its key's fingerprint: placed by one half, checked by the other.
    by_key: HashTable<(Fingerprint, Local)>,
    /// The fingerprints' key.
    secret: (u64, u64),
}

type Fingerprint = (u64, u64);

impl Default for PlaceDrafts {
    fn default() -> Self {
        // Random per process and thread: std seeds its hash maps so.
        let random = std::hash::RandomState::new();
        PlaceDrafts {
            cells: String::new(),
            places: Vec::new(),
            by_key: HashTable::new(),
            secret: (random.hash_one(0_u8), random.hash_one(1_u8)),
        }
    }
}

struct PlaceDraft {
    cells: Range<usize>,
    /// The length of the key, the start of its cells.
    key_len: usize,
    position: Point<f64>,
    first: Option<Location>,
}

impl PlaceDrafts {
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// The place whose key (its first [`KEY_CELLS`] cells, each followed by
    /// [`SEPARATOR`]) is `key`, if this part has seen it.
    pub fn find(&self, key: &str) -> Option<Local> {
        let (placed, checked) = self.fingerprint(key);
        let found = self
            .by_key
            .find(placed, |&((_, check), _)| check == checked);
        found.map(|&(_, place)| place)
    }

    fn fingerprint(&self, key: &str) -> Fingerprint {
        let mut hasher = SipHasher13::new_with_keys(self.secret.0, self.secret.1);
        hasher.write(key.as_bytes());
        let hash = hasher.finish128();
        (hash.h1, hash.h2)
    }

    /// Drafts a place not seen yet; `cells` are all [`PLACE_CELLS`], each
    /// followed by [`SEPARATOR`], the first `key_len` bytes its key.
    pub fn add(
        &mut self,
        cells: &str,
        key_len: usize,
        position: Point<f64>,
        first: Option<Location>,
    ) -> Local {
        let start = self.cells.len();
        self.cells.push_str(cells);
        let place = local(self.places.len());
        self.places.push(PlaceDraft {
            cells: start..self.cells.len(),
            key_len,
            position,
            first,
        });
        let fingerprint = self.fingerprint(&cells[..key_len]);
        (self.by_key).insert_unique(fingerprint.0, (fingerprint, place), |&((placed, _), _)| {
            placed
        });
        place
    }

    /// Country, admin1, admin2, location and coordinates as written.
    pub fn key(&self, place: Local) -> &str {
        let draft = &self.places[place as usize];
        &self.cells[draft.cells.start..draft.cells.start + draft.key_len]
    }

    /// Where the place is first named, for a warning about its id.
    pub fn first(&self, place: Local) -> Option<Location> {
        self.places[place as usize].first
    }

    /// The place, without its id yet, and the text its id is made from:
    /// country and name.
    pub fn place(&self, place: Local) -> (Place, String) {
        let draft = &self.places[place as usize];
        let mut cells = self.cells[draft.cells.clone()].split(SEPARATOR);
        let mut next = || cells.next().unwrap_or_default();
        let [
            country,
            admin1,
            admin2,
            location,
            _,
            _,
            admin3,
            precision,
            code,
        ] = [(); PLACE_CELLS].map(|()| next());
        // A row without a location is about its province.
        let name = if location.is_empty() {
            admin1
        } else {
            location
        };
        let mut properties = Map::new();
        for (key, value) in [
            ("admin2", admin2),
            ("admin3", admin3),
            ("geo_precision", precision),
        ] {
            if !value.is_empty() {
                properties.insert(key.into(), Value::String(value.to_owned()));
            }
        }
        let place = Place {
            id: String::new(),
            name: name.to_owned(),
            kind: "location".into(),
            countries: (!code.is_empty())
                .then(|| code.to_owned())
                .into_iter()
                .collect(),
            province: (!admin1.is_empty()).then(|| admin1.to_owned()),
            aliases: Vec::new(),
            position: draft.position,
            area: None,
            properties,
        };
        (place, format!("{country} {name}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(location: &str, lat: &str) -> (String, usize) {
        let key =
            format!("Afghanistan\u{1f}Herat\u{1f}\u{1f}{location}\u{1f}{lat}\u{1f}62.2\u{1f}");
        let len = key.len();
        (format!("{key}\u{1f}1\u{1f}AFG\u{1f}"), len)
    }

    #[test]
    fn places_are_found_again_by_their_key_and_only_by_it() {
        let mut drafts = PlaceDrafts::default();
        // Enough places that the table grows several times.
        for n in 0..5_000 {
            let (cells, key_len) = cells(&format!("Location {n}"), "34.3");
            assert_eq!(drafts.find(&cells[..key_len]), None);
            assert_eq!(drafts.add(&cells, key_len, Point::new(62.2, 34.3), None), n);
        }
        for n in (0..5_000).rev() {
            let (cells, key_len) = cells(&format!("Location {n}"), "34.3");
            assert_eq!(drafts.find(&cells[..key_len]), Some(n));
            assert_eq!(drafts.key(n), &cells[..key_len]);
        }
        let (elsewhere, key_len) = cells("Location 7", "34.30");
        assert_eq!(
            drafts.find(&elsewhere[..key_len]),
            None,
            "another latitude's text"
        );
        let (place, id_from) = drafts.place(7);
        assert_eq!(
            (place.name.as_str(), id_from.as_str()),
            ("Location 7", "Afghanistan Location 7")
        );
        assert_eq!(place.countries, ["AFG"]);
        assert_eq!(
            place.properties.get("geo_precision"),
            Some(&Value::from("1"))
        );
    }
}
