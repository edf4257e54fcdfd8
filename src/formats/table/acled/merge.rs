//! Parts of an export, read on their own threads, merged in file order. Ids
//! are made here, in the order things are first named in the file, so two
//! parts give exactly what one pass would, warnings included.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::drafts::{Drafts, Local, PartyDraft, SourceDraft, local};
use super::half::{Links, NONE, Parsed};
use super::place_drafts::PlaceDrafts;
use crate::IdMap;
use crate::formats::diagnostic::{Collector, Problem};
use crate::formats::ids::DerivedIds;
use crate::model::{
    DataFile, DateSpec, EventRecord, EventsFile, Gazetteer, Location, Party, Place, Rgb, Source,
    Span, TableBuilder,
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
    let mut links = Vec::with_capacity(parts.len());
    for Part { half, rows_before } in parts {
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
        links.push(half.links);
    }
    let mut table = table.unwrap_or_default();
    let Some(ids) = IdSpans::keep(&mut table, &books) else {
        out.error(None, Problem::TooMuchText);
        return None;
    };
    fill_parts(table.records_mut(), &links, &maps, &ids);
    Some(DataFile {
        gazetteer: Some(Gazetteer {
            places: books.places,
        }),
        events: EventsFile {
            maps: Vec::new(),
            parties: books.parties,
            sources: books.sources,
            events: table.finish(),
        },
    })
}

/// Points every part's claims at what they name: the first part's here,
/// the others' on a thread of their own.
fn fill_parts(records: &mut [EventRecord], links: &[Vec<Links>], maps: &[PartMap], ids: &IdSpans) {
    let (Some((first_links, later_links)), Some((first_map, later_maps))) =
        (links.split_first(), maps.split_first())
    else {
        return;
    };
    let (first, later) = records.split_at_mut(first_links.len().min(records.len()));
    let fill_later = |records: &mut [EventRecord]| {
        let mut rest = records;
        for (links, map) in later_links.iter().zip(later_maps) {
            let len = links.len().min(rest.len());
            let (part, after) = std::mem::take(&mut rest).split_at_mut(len);
            fill(part, links, map, ids);
            rest = after;
        }
    };
    let spawned = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("point ACLED claims at what they name".into())
            .spawn_scoped(scope, || fill_later(&mut *later))
            .is_ok();
        fill(first, first_links, first_map, ids);
        spawned
    });
    // No thread to be had: the later parts here.
    if !spawned {
        fill_later(later);
    }
}

/// Points a part's claims at what they name.
fn fill(records: &mut [EventRecord], links: &[Links], map: &PartMap, ids: &IdSpans) {
    for (record, link) in records.iter_mut().zip(links) {
        let [place, claimant, controller, source] = map.links(link);
        record.place = ids.places[place as usize];
        record.claimant = ids.parties[claimant as usize];
        record.controller = ids.party(controller);
        record.source = match source {
            NONE => Span::ABSENT,
            source => ids.sources[source as usize],
        };
    }
}

/// Every place's, party's and source's id, kept once in the table.
struct IdSpans {
    places: Vec<Span>,
    parties: Vec<Span>,
    sources: Vec<Span>,
}

impl IdSpans {
    /// `None` past 4 GiB of text.
    fn keep(table: &mut TableBuilder, books: &Books) -> Option<IdSpans> {
        let mut keep = |id: &String| table.keep(id);
        Some(IdSpans {
            places: books
                .places
                .iter()
                .map(|p| keep(&p.id))
                .collect::<Option<_>>()?,
            parties: books
                .parties
                .iter()
                .map(|p| keep(&p.id))
                .collect::<Option<_>>()?,
            sources: books
                .sources
                .iter()
                .map(|s| keep(&s.id))
                .collect::<Option<_>>()?,
        })
    }

    fn party(&self, party: Local) -> Span {
        match party {
            NONE => Span::ABSENT,
            party => self.parties[party as usize],
        }
    }
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
}

fn new_ids<'i>(ids: &'i mut Option<DerivedIds>, kind: &'static str) -> &'i mut DerivedIds {
    ids.get_or_insert_with(|| DerivedIds::of_kind(kind, HashSet::new()))
}

/// An export holds far fewer than 4 billion of anything: its file is under 4 GiB.
fn index(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}
