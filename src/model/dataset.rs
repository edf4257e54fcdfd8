//! The loaded world: a gazetteer and an events file, linked by id.
//!
//! The two files load independently (a user can replace either), so ids are
//! resolved here, each time they are combined. Linking never fails: an event
//! that names an unknown place or party is kept and reported as a warning.

use std::sync::Arc;

use chrono::NaiveDate;
use thiserror::Error;

use super::rule::{Timeline, ranks};
use super::scrub::LazyDayIndex;
use super::{EventRef, EventTable, Party, Place, Source};
use crate::IdMap;

/// The places of one gazetteer file, in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gazetteer {
    pub places: Vec<Place>,
}

/// The parties, sources and events of one events file, in file order.
///
/// Invariants the events parser guarantees: ids are unique within each list,
/// and `side` links name listed parties and form no cycle.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventsFile {
    pub parties: Vec<Party>,
    pub sources: Vec<Source>,
    pub events: EventTable,
}

/// A file that carries claims and, when it gives coordinates, the places
/// they are about: a claims spreadsheet, an ACLED export.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataFile {
    /// `None` when the file gives no coordinates: its claims name a gazetteer's places.
    pub gazetteer: Option<Gazetteer>,
    pub events: EventsFile,
}

/// An id in an event that names nothing in the loaded files.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LinkWarning {
    #[error(
        "event {event}: place \"{place}\" is not in the gazetteer; the event is listed as unplaced"
    )]
    UnknownPlace { event: String, place: String },
    #[error(
        "event {event}: place \"{place}\" is the name of {count} places in the gazetteer; write the id of the one meant. The event is listed as unplaced"
    )]
    AmbiguousPlace {
        event: String,
        place: String,
        count: usize,
    },
    #[error(
        "event {event}: party \"{party}\" is not in the parties list; it was added with a palette colour"
    )]
    UnknownParty { event: String, party: String },
    #[error("event {event}: source \"{source_id}\" is not in the sources list")]
    UnknownSource { event: String, source_id: String },
    #[error(
        "event {event}: dated to {effective} at the latest, after its source was published on {published}; an interval ending on the publication day would say when it was surely made"
    )]
    DatedAfterPublication {
        event: String,
        effective: NaiveDate,
        published: NaiveDate,
    },
}

impl LinkWarning {
    /// The kind of warning, for counting warnings of one kind together.
    pub fn kind(&self) -> &'static str {
        match self {
            LinkWarning::UnknownPlace { .. } => "place not in the gazetteer",
            LinkWarning::AmbiguousPlace { .. } => "place name shared by several places",
            LinkWarning::UnknownParty { .. } => "party not in the parties list",
            LinkWarning::UnknownSource { .. } => "source not in the sources list",
            LinkWarning::DatedAfterPublication { .. } => {
                "event dated after its source's publication"
            }
        }
    }
}

/// A [`LinkWarning`] and the event it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedWarning {
    pub warning: LinkWarning,
    /// The event's index in its file.
    pub event: usize,
}

/// What an event's ids resolve to, and the days the rule compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventLinks {
    pub place: Option<usize>,
    pub claimant: usize,
    pub controller: Option<usize>,
    pub source: Option<usize>,
    pub effective_day: NaiveDate,
    /// The effective day of the source's publication, where known.
    pub published: Option<NaiveDate>,
}

/// [`EventLinks`] as stored: 24 bytes instead of 64, a million times over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PackedLinks {
    place: u32,
    claimant: u32,
    controller: u32,
    source: u32,
    effective_day: NaiveDate,
    published: Option<NaiveDate>,
}

impl PackedLinks {
    const NONE: u32 = u32::MAX;

    /// Indices fit: a table holds fewer than 2³² events, and so fewer parties and sources.
    fn pack(links: EventLinks) -> PackedLinks {
        let index = |i: Option<usize>| i.map_or(Self::NONE, |i| i as u32);
        PackedLinks {
            place: index(links.place),
            claimant: links.claimant as u32,
            controller: index(links.controller),
            source: index(links.source),
            effective_day: links.effective_day,
            published: links.published,
        }
    }

    pub(super) fn unpack(self) -> EventLinks {
        let index = |i: u32| (i != Self::NONE).then_some(i as usize);
        EventLinks {
            place: index(self.place),
            claimant: self.claimant as usize,
            controller: index(self.controller),
            source: index(self.source),
            effective_day: self.effective_day,
            published: self.published,
        }
    }
}

/// The two files are shared, not copied: a workspace that re-links one of them
/// with a new other file holds the same memory.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    gazetteer: Arc<Gazetteer>,
    file: Arc<EventsFile>,
    /// The file's parties, then one for each unknown party an event names.
    pub(super) parties: Vec<Party>,
    links: Vec<PackedLinks>,
    /// For each party, the party at the end of its `side` links.
    root_of: Vec<usize>,
    /// What the rule reads, sorted once by place, day and file position.
    pub(super) timeline: Timeline,
    /// Which places each day can change, for stepping the day.
    pub(super) day_index: LazyDayIndex,
    /// Lowercased names, built the first time places are searched.
    pub(super) search: std::sync::OnceLock<super::search::PlaceSearch>,
    unplaced: Vec<usize>,
    place_index: IdMap<String, usize>,
    party_index: IdMap<String, usize>,
}

impl Dataset {
    /// Combines a gazetteer and an events file, resolving every id.
    pub fn link(
        gazetteer: impl Into<Arc<Gazetteer>>,
        file: impl Into<Arc<EventsFile>>,
    ) -> (Dataset, Vec<LocatedWarning>) {
        let (gazetteer, file) = (gazetteer.into(), file.into());
        let places = &gazetteer.places;
        let events = &file.events;
        let mut linker = Linker {
            place_index: index_by_id(places.iter().map(|p| p.id.as_str())),
            place_names: PlaceNames::new(places),
            party_index: index_by_id(file.parties.iter().map(|p| p.id.as_str())),
            source_index: index_by_id(file.sources.iter().map(|s| s.id.as_str())),
            parties: file.parties.clone(),
            published: file
                .sources
                .iter()
                .map(|s| s.published.map(|d| d.effective_day()))
                .collect(),
            warnings: Vec::new(),
        };
        let rank_ids = || ranks(events.ids());
        // Ranking a million ids is independent of linking them: a thread of its own.
        let (links, id_rank) = std::thread::scope(|scope| {
            let ranking = std::thread::Builder::new()
                .name("rank event ids".into())
                .spawn_scoped(scope, rank_ids);
            let links: Vec<PackedLinks> = events
                .iter()
                .enumerate()
                .map(|(e, event)| PackedLinks::pack(linker.link(e, event)))
                .collect();
            let id_rank = match ranking {
                Ok(thread) => thread.join().unwrap_or_else(|_| rank_ids()),
                Err(_) => rank_ids(),
            };
            (links, id_rank)
        });
        let Linker {
            place_index,
            party_index,
            parties,
            warnings,
            ..
        } = linker;

        let root_of = roots(&parties, &party_index);
        let timeline = Timeline::build(places.len(), events, &links, &id_rank, &parties, &root_of);
        let unplaced = (0..events.len())
            .filter(|&e| links[e].place == PackedLinks::NONE)
            .collect();
        let dataset = Dataset {
            gazetteer,
            file,
            parties,
            links,
            root_of,
            timeline,
            day_index: LazyDayIndex::new(),
            search: std::sync::OnceLock::new(),
            unplaced,
            place_index,
            party_index,
        };
        (dataset, warnings)
    }

    pub fn places(&self) -> &[Place] {
        &self.gazetteer.places
    }

    pub fn parties(&self) -> &[Party] {
        &self.parties
    }

    pub fn sources(&self) -> &[Source] {
        &self.file.sources
    }

    pub fn events(&self) -> &EventTable {
        &self.file.events
    }

    pub fn event(&self, event: usize) -> EventRef<'_> {
        self.file.events.get(event)
    }

    /// The files this dataset links, shared.
    pub fn files(&self) -> (&Arc<Gazetteer>, &Arc<EventsFile>) {
        (&self.gazetteer, &self.file)
    }

    pub fn links(&self, event: usize) -> EventLinks {
        self.links[event].unpack()
    }

    pub fn place_by_id(&self, id: &str) -> Option<usize> {
        self.place_index.get(id).copied()
    }

    pub fn party_by_id(&self, id: &str) -> Option<usize> {
        self.party_index.get(id).copied()
    }

    /// The party a party speaks for, following `side` links to the end.
    pub fn root_party(&self, party: usize) -> usize {
        self.root_of[party]
    }

    /// The events of a place, by effective day and then file position.
    pub fn events_of_place(
        &self,
        place: usize,
    ) -> impl DoubleEndedIterator<Item = usize> + ExactSizeIterator + '_ {
        self.timeline
            .of_place(place)
            .iter()
            .map(|r| r.event as usize)
    }

    /// Events whose place is not in the gazetteer, in file order.
    pub fn unplaced_events(&self) -> &[usize] {
        &self.unplaced
    }

    /// The root parties some claim says hold a place: the colours markers can take.
    pub fn holders(&self) -> Vec<usize> {
        let mut holders: Vec<usize> = self
            .links
            .iter()
            .filter_map(|l| l.unpack().controller.map(|c| self.root_party(c)))
            .collect();
        holders.sort_unstable();
        holders.dedup();
        holders
    }

    /// The days on which events fall, sorted, each once.
    pub fn event_days(&self) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self.links.iter().map(|l| l.effective_day).collect();
        days.sort_unstable();
        days.dedup();
        days
    }

    /// The first and last effective days of all events, `None` without events.
    pub fn day_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let days = self.links.iter().map(|l| l.effective_day);
        Some((days.clone().min()?, days.max()?))
    }
}

/// Resolves the ids of one event after another, creating unknown parties once.
struct Linker<'p> {
    place_index: IdMap<String, usize>,
    /// For events that name a place rather than give its id, as spreadsheets do.
    place_names: PlaceNames<'p>,
    party_index: IdMap<String, usize>,
    source_index: IdMap<String, usize>,
    parties: Vec<Party>,
    /// Each source's effective publication day, worked out once.
    published: Vec<Option<NaiveDate>>,
    warnings: Vec<LocatedWarning>,
}

impl Linker<'_> {
    fn link(&mut self, e: usize, event: EventRef) -> EventLinks {
        let place = self.place(e, event);
        let claimant = self.party(event.claimant, e, event);
        let controller = event.controller.map(|id| self.party(id, e, event));
        let source = event.source.and_then(|id| {
            let found = self.source_index.get(id).copied();
            if found.is_none() {
                let source_id = id.to_owned();
                self.warn(
                    e,
                    LinkWarning::UnknownSource {
                        event: event.id.to_owned(),
                        source_id,
                    },
                );
            }
            found
        });
        let published = source.and_then(|s| self.published[s]);
        let effective_day = event.date.effective_day();
        if let Some(published) = published.filter(|&published| effective_day > published) {
            let event_id = event.id.to_owned();
            let warning = LinkWarning::DatedAfterPublication {
                event: event_id,
                effective: effective_day,
                published,
            };
            self.warn(e, warning);
        }
        EventLinks {
            place,
            claimant,
            controller,
            source,
            effective_day,
            published,
        }
    }

    /// The place with the event's place as its id, or else as its only name or alias.
    fn place(&mut self, e: usize, event: EventRef) -> Option<usize> {
        if let Some(&place) = self.place_index.get(event.place) {
            return Some(place);
        }
        let (event_id, place) = (event.id.to_owned(), event.place.to_owned());
        match self.place_names.find(event.place) {
            NameMatch::One(place) => return Some(place),
            NameMatch::None => self.warn(
                e,
                LinkWarning::UnknownPlace {
                    event: event_id,
                    place,
                },
            ),
            NameMatch::Many(count) => self.warn(
                e,
                LinkWarning::AmbiguousPlace {
                    event: event_id,
                    place,
                    count,
                },
            ),
        }
        None
    }

    /// The party with this id, created (with a warning) the first time an event names an unknown one.
    fn party(&mut self, id: &str, e: usize, event: EventRef) -> usize {
        if let Some(&party) = self.party_index.get(id) {
            return party;
        }
        self.warn(
            e,
            LinkWarning::UnknownParty {
                event: event.id.to_owned(),
                party: id.to_owned(),
            },
        );
        self.parties.push(Party::implicit(id));
        self.party_index
            .insert(id.to_owned(), self.parties.len() - 1);
        self.parties.len() - 1
    }

    fn warn(&mut self, event: usize, warning: LinkWarning) {
        self.warnings.push(LocatedWarning { warning, event });
    }
}

/// What a name or alias (ignoring case) matches among the places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameMatch {
    None,
    One(usize),
    Many(usize),
}

/// Places by lowercased id, name and alias, built the first time an event
/// names a place by other than its id: files that use ids never pay for it.
struct PlaceNames<'p> {
    places: &'p [Place],
    index: Option<IdMap<String, NameMatch>>,
}

impl<'p> PlaceNames<'p> {
    fn new(places: &'p [Place]) -> Self {
        PlaceNames {
            places,
            index: None,
        }
    }

    fn find(&mut self, name: &str) -> NameMatch {
        let places = self.places;
        let index = self.index.get_or_insert_with(|| {
            let mut index: IdMap<String, NameMatch> = IdMap::default();
            for (i, place) in places.iter().enumerate() {
                let mut names: Vec<String> = std::iter::once(&place.id)
                    .chain(std::iter::once(&place.name))
                    .chain(&place.aliases)
                    .map(|name| name.trim().to_lowercase())
                    .collect();
                names.sort_unstable();
                names.dedup();
                for name in names {
                    let found = index.entry(name).or_insert(NameMatch::None);
                    *found = match *found {
                        NameMatch::None => NameMatch::One(i),
                        NameMatch::One(_) => NameMatch::Many(2),
                        NameMatch::Many(n) => NameMatch::Many(n + 1),
                    };
                }
            }
            index
        });
        index
            .get(&name.trim().to_lowercase())
            .copied()
            .unwrap_or(NameMatch::None)
    }
}

fn index_by_id<'a>(ids: impl Iterator<Item = &'a str>) -> IdMap<String, usize> {
    ids.enumerate().map(|(i, id)| (id.to_owned(), i)).collect()
}

/// Follows `side` links, remembering each party's root so a chain of n
/// parties takes n steps rather than n²/2. The parser refuses cycles; a
/// party found again on its own walk (a cycle built by hand) is its own root.
fn roots(parties: &[Party], index: &IdMap<String, usize>) -> Vec<usize> {
    const UNKNOWN: usize = usize::MAX;
    const ON_WALK: usize = usize::MAX - 1;
    let side_of = |party: usize| {
        parties[party]
            .side
            .as_deref()
            .and_then(|side| index.get(side))
            .copied()
    };
    let mut root_of = vec![UNKNOWN; parties.len()];
    let mut walk = Vec::new();
    for start in 0..parties.len() {
        let mut party = start;
        let root = loop {
            match root_of[party] {
                UNKNOWN => {}
                ON_WALK => break party,
                root => break root,
            }
            root_of[party] = ON_WALK;
            walk.push(party);
            match side_of(party) {
                Some(next) => party = next,
                None => break party,
            }
        };
        for party in walk.drain(..) {
            root_of[party] = root;
        }
    }
    root_of
}
