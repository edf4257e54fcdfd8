//! The parties, sources and places a part of an export names, by their text,
//! in the order first seen. Ids are not made here: parts of one file are read
//! on their own threads, and ids are made when they are merged, in file order,
//! so they come out as one pass over the file would make them.

use chrono::NaiveDate;

use super::place_drafts::PlaceDrafts;
use crate::IdMap;
use crate::model::Location;

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

/// Everything one part of an export names, found again without allocating.
#[derive(Default)]
pub struct Drafts {
    pub parties: Vec<PartyDraft>,
    party_by_name: IdMap<String, Local>,
    pub sources: Vec<SourceDraft>,
    /// Reporting texts, numbered, so that a source is found by numbers.
    outlets: IdMap<String, u32>,
    source_by_day: IdMap<(u32, Option<NaiveDate>), Local>,
    pub places: PlaceDrafts,
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
}

/// Parts hold far fewer than 4 billion of anything: their file is under 4 GiB.
pub fn local(index: usize) -> Local {
    Local::try_from(index).unwrap_or(Local::MAX)
}
