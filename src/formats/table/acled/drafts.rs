//! The parties, sources and places a part of an export names, by their text,
//! in the order first seen. Ids are not made here: parts of one file are read
//! on their own threads, and ids are made when they are merged, in file order,
//! so they come out as one pass over the file would make them.

use crate::IdMap;
use crate::model::{DateSpec, Location, Place};

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
    pub published: Option<DateSpec>,
    /// Outlet and day, which sources are merged by.
    pub key: String,
}

pub struct PlaceDraft {
    /// The place, without its id yet.
    pub place: Place,
    /// Country, admin1, admin2, location and coordinates as written.
    pub key: String,
    /// The text its id is made from: country and name.
    pub id_from: String,
    pub first: Option<Location>,
}

/// Everything one part of an export names, found again without allocating.
#[derive(Default)]
pub struct Drafts {
    pub parties: Vec<PartyDraft>,
    party_by_name: IdMap<String, Local>,
    pub sources: Vec<SourceDraft>,
    source_by_key: IdMap<String, Local>,
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

    /// The source of `key` (outlet and day); `make` is called only for a new one.
    pub fn source(&mut self, key: &str, make: impl FnOnce() -> SourceDraft) -> Local {
        if let Some(&source) = self.source_by_key.get(key) {
            return source;
        }
        let source = local(self.sources.len());
        self.sources.push(make());
        self.source_by_key.insert(key.to_owned(), source);
        source
    }

    /// The place of `key`, if this part has seen it.
    pub fn known_place(&self, key: &str) -> Option<Local> {
        self.place_by_key.get(key).copied()
    }

    pub fn add_place(&mut self, draft: PlaceDraft) -> Local {
        let place = local(self.places.len());
        self.place_by_key.insert(draft.key.clone(), place);
        self.places.push(draft);
        place
    }
}

/// Parts hold far fewer than 4 billion of anything: their file is under 4 GiB.
pub fn local(index: usize) -> Local {
    Local::try_from(index).unwrap_or(Local::MAX)
}
