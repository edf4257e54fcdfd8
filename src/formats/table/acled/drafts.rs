//! The parties, sources and places a part of an export names, by their text,
//! in the order first seen. Ids are not made here: parts of one file are read
//! on their own threads, and ids are made when they are merged, in file order,
//! so they come out as one pass over the file would make them.

use geo_types::Point;
use serde_json::{Map, Value};

use crate::IdMap;
use chrono::NaiveDate;

use crate::model::{Location, Place};

/// An index into one part's drafts.
pub type Local = u32;

pub struct PartyDraft {
    pub name: String,
    /// The party this one speaks for: a country's state forces.
    pub side: Option<Local>,
    /// Where it is first named, for a warning about its id.
    pub first: Option<Location>,
}

pub struct SourceDraft {
    pub outlet: String,
    pub published: Option<NaiveDate>,
}

/// A place as its first row gives it: the cells, not yet a [`Place`], which
/// is made once, when the parts are merged (each part drafts every place it
/// sees, so drafts are kept small).
pub struct PlaceDraft {
    /// [`PLACE_CELLS`] as written, each followed by a unit separator (no
    /// name holds one); the first six are the key places are merged by.
    pub cells: String,
    /// The length of the key, the start of `cells`.
    pub key_len: usize,
    pub position: Point<f64>,
    pub first: Option<Location>,
}

/// Country, admin1, admin2, location, latitude, longitude, then admin3,
/// geo_precision and the country code.
pub const PLACE_CELLS: usize = 9;

impl PlaceDraft {
    /// Country, admin1, admin2, location and coordinates as written.
    pub fn key(&self) -> &str {
        &self.cells[..self.key_len]
    }

    /// The place, without its id yet, and the text its id is made from:
    /// country and name.
    pub fn place(&self) -> (Place, String) {
        let mut cells = self.cells.split(SEPARATOR);
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
            position: self.position,
            properties,
        };
        (place, format!("{country} {name}"))
    }
}

/// What follows each cell of a draft.
pub const SEPARATOR: char = '\u{1f}';

/// Everything one part of an export names, found again without allocating.
#[derive(Default)]
pub struct Drafts {
    pub parties: Vec<PartyDraft>,
    party_by_name: IdMap<String, Local>,
    pub sources: Vec<SourceDraft>,
    /// Reporting texts, numbered, so that a source is found by numbers.
    outlets: IdMap<String, u32>,
    source_by_day: IdMap<(u32, Option<NaiveDate>), Local>,
    pub places: Vec<PlaceDraft>,
    place_by_key: IdMap<String, Local>,
}

impl Drafts {
    pub fn party(&mut self, name: &str, first: Option<Location>) -> Local {
        if let Some(&party) = self.party_by_name.get(name) {
            return party;
        }
        let party = local(self.parties.len());
        self.parties.push(PartyDraft {
            name: name.to_owned(),
            side: None,
            first,
        });
        self.party_by_name.insert(name.to_owned(), party);
        party
    }

    /// Says whom `party` speaks for; the first side given is kept.
    pub fn set_side(&mut self, party: Local, side: Local) {
        let draft = &mut self.parties[party as usize];
        draft.side.get_or_insert(side);
    }

    /// The source of an outlet's reports published on a day.
    pub fn source(&mut self, outlet: &str, published: Option<NaiveDate>) -> Local {
        let outlet_number = match self.outlets.get(outlet) {
            Some(&number) => number,
            None => {
                let number = local(self.outlets.len());
                self.outlets.insert(outlet.to_owned(), number);
                number
            }
        };
        let sources = &mut self.sources;
        *self
            .source_by_day
            .entry((outlet_number, published))
            .or_insert_with(|| {
                sources.push(SourceDraft {
                    outlet: outlet.to_owned(),
                    published,
                });
                local(sources.len() - 1)
            })
    }

    /// The place of `key`, if this part has seen it.
    pub fn known_place(&self, key: &str) -> Option<Local> {
        self.place_by_key.get(key).copied()
    }

    pub fn add_place(&mut self, draft: PlaceDraft) -> Local {
        let place = local(self.places.len());
        self.place_by_key.insert(draft.key().to_owned(), place);
        self.places.push(draft);
        place
    }
}

/// Parts hold far fewer than 4 billion of anything: their file is under 4 GiB.
pub fn local(index: usize) -> Local {
    Local::try_from(index).unwrap_or(Local::MAX)
}
