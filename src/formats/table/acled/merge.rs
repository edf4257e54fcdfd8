//! Parts of an export, read on their own threads, merged in file order. Ids
//! are made here, in the order things are first named in the file, so two
//! parts give exactly what one pass would, warnings included.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::drafts::{Drafts, Local, PartyDraft, SourceDraft, local};
use super::half::{Links, NONE, Parsed};
use super::place_drafts::PlaceDrafts;
use super::shared::SharedSpans;
use crate::IdMap;
use crate::formats::diagnostic::{Collector, Problem};
use crate::formats::ids::DerivedIds;
use crate::model::{
    DataFile, DateSpec, EventsFile, Gazetteer, Location, Party, Place, Rgb, Source, Span,
    TableBuilder,
};

/// A part read, and the rows of the file before it.
pub struct Part {
    pub half: Parsed,
    pub rows_before: usize,
}

/// The parts as one export; `None` (with an error said) past 4 GiB of text.
pub fn merge(parts: Vec<Part>, out: &mut Collector) -> Option<DataFile> {
    let mut books = Books::default();
    let maps = books.add(&parts, out);
    let mut table: Option<TableBuilder> = None;
    let mut links: Vec<Links> = Vec::new();
    for (Part { half, rows_before }, map) in parts.into_iter().zip(&maps) {
        links.extend(half.links.iter().map(|link| map.links(link)));
        let rows_before = u32::try_from(rows_before).unwrap_or(u32::MAX);
        match &mut table {
            None => table = Some(half.table),
            Some(table) => {
                if !table.append(half.table, rows_before) {
                    out.error(None, Problem::TooMuchText);
                    return None;
                }
            }
        }
    }
    let mut table = table.unwrap_or_default();
    if !books.fill(&mut table, &links) {
        out.error(None, Problem::TooMuchText);
        return None;
    }
    Some(DataFile {
        gazetteer: Some(Gazetteer {
            places: books.places,
        }),
        events: EventsFile {
            parties: books.parties,
            sources: books.sources,
            events: table.finish(),
        },
    })
}

/// The export's parties, sources and places, each with its id.
#[derive(Default)]
struct Books {
    parties: Vec<Party>,
    party_by_name: IdMap<String, u32>,
    party_ids: Option<DerivedIds>,
    sources: Vec<Source>,
    source_by_key: IdMap<(String, Option<NaiveDate>), u32>,
    source_ids: Option<DerivedIds>,
    places: Vec<Place>,
    place_by_key: IdMap<String, u32>,
    place_ids: Option<DerivedIds>,
}

/// Where a part's drafts went among the export's.
struct PartMap {
    parties: Vec<u32>,
    sources: Vec<u32>,
    places: Vec<u32>,
}

impl PartMap {
    fn links(&self, &[place, claimant, controller, source]: &Links) -> Links {
        let optional = |map: &[u32], local: u32| match local {
            NONE => NONE,
            local => map[local as usize],
        };
        [
            self.places[place as usize],
            self.parties[claimant as usize],
            optional(&self.parties, controller),
            optional(&self.sources, source),
        ]
    }
}

impl Books {
    /// Adds what the parts name, in file order, making ids: all parties
    /// first, then sources, then places, as one pass's warnings come.
    fn add(&mut self, parts: &[Part], out: &mut Collector) -> Vec<PartMap> {
        let shifted = |part: &Part, first: Option<Location>| {
            first.map(|at| Location {
                line: at.line + part.rows_before,
                ..at
            })
        };
        let parties: Vec<Vec<u32>> = (parts.iter())
            .map(|part| {
                (part.half.drafts.parties.iter())
                    .map(|draft| self.party(draft, shifted(part, draft.first), out))
                    .collect()
            })
            .collect();
        for (part, parties) in parts.iter().zip(&parties) {
            self.set_sides(&part.half.drafts, parties);
        }
        let sources: Vec<Vec<u32>> = (parts.iter())
            .map(|part| {
                part.half
                    .drafts
                    .sources
                    .iter()
                    .map(|d| self.source(d))
                    .collect()
            })
            .collect();
        let places: Vec<Vec<u32>> = (parts.iter())
            .map(|part| {
                let drafts = &part.half.drafts.places;
                (0..local(drafts.len()))
                    .map(|draft| self.place(drafts, draft, shifted(part, drafts.first(draft)), out))
                    .collect()
            })
            .collect();
        (parties.into_iter().zip(sources).zip(places))
            .map(|((parties, sources), places)| PartMap {
                parties,
                sources,
                places,
            })
            .collect()
    }

    /// The sides a part gives its parties; a party's first side is kept.
    fn set_sides(&mut self, drafts: &Drafts, parties: &[u32]) {
        for (draft, &party) in drafts.parties.iter().zip(parties) {
            if let Some(side) = draft.side {
                let side = self.parties[parties[side as usize] as usize].id.clone();
                self.parties[party as usize].side.get_or_insert(side);
            }
        }
    }

    fn party(&mut self, draft: &PartyDraft, first: Option<Location>, out: &mut Collector) -> u32 {
        if let Some(&party) = self.party_by_name.get(&draft.name) {
            return party;
        }
        let ids = new_ids(&mut self.party_ids, "party");
        let subject = format!("party \"{}\"", draft.name);
        let id = ids.derive(&subject, &draft.name, first, out);
        self.parties.push(Party {
            color: Rgb::for_id(&id),
            id,
            name: draft.name.clone(),
            side: None,
            implicit: false,
        });
        let party = index(self.parties.len() - 1);
        self.party_by_name.insert(draft.name.clone(), party);
        party
    }

    fn source(&mut self, draft: &SourceDraft) -> u32 {
        let key = (draft.outlet.clone(), draft.published);
        if let Some(&source) = self.source_by_key.get(&key) {
            return source;
        }
        // An outlet's reports of other days are other sources: no warning for those.
        let (id, _) = new_ids(&mut self.source_ids, "source").derive_quietly(&draft.outlet);
        self.sources.push(Source {
            id,
            outlet: draft.outlet.clone(),
            title: None,
            url: None,
            published: draft.published.map(DateSpec::day),
            author: None,
            note: None,
        });
        let source = index(self.sources.len() - 1);
        self.source_by_key.insert(key, source);
        source
    }

    fn place(
        &mut self,
        drafts: &PlaceDrafts,
        draft: Local,
        first: Option<Location>,
        out: &mut Collector,
    ) -> u32 {
        let key = drafts.key(draft);
        if let Some(&place) = self.place_by_key.get(key) {
            return place;
        }
        let (place, id_from) = drafts.place(draft);
        let ids = new_ids(&mut self.place_ids, "place");
        let subject = format!("location \"{}\"", place.name);
        let id = ids.derive(&subject, &id_from, first, out);
        self.places.push(Place { id, ..place });
        let place = index(self.places.len() - 1);
        self.place_by_key.insert(key.to_owned(), place);
        place
    }

    /// Points each claim at what it names, each id kept once in the table.
    fn fill(&self, table: &mut TableBuilder, links: &[Links]) -> bool {
        let mut spans = SharedSpans::default();
        for (e, &[place, claimant, controller, source]) in links.iter().enumerate() {
            let filled = (|| {
                let place = spans.place(table, place as usize, &self.places[place as usize].id)?;
                let claimant = spans.party(table, claimant as usize, &self.parties)?;
                let controller = match controller {
                    NONE => Span::ABSENT,
                    party => spans.party(table, party as usize, &self.parties)?,
                };
                let source = match source {
                    NONE => Span::ABSENT,
                    source => spans.source(table, source as usize, &self.sources)?,
                };
                Some([place, claimant, controller, source])
            })();
            let Some([place, claimant, controller, source]) = filled else {
                return false;
            };
            let record = &mut table.records_mut()[e];
            (record.place, record.claimant) = (place, claimant);
            (record.controller, record.source) = (controller, source);
        }
        true
    }
}

fn new_ids<'i>(ids: &'i mut Option<DerivedIds>, kind: &'static str) -> &'i mut DerivedIds {
    ids.get_or_insert_with(|| DerivedIds::of_kind(kind, HashSet::new()))
}

/// An export holds far fewer than 4 billion of anything: its file is under 4 GiB.
fn index(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}
