//! The loaded world: a gazetteer and an events file, linked by id.
//!
//! The two files load independently (a user can replace either), so ids are
//! resolved here, each time they are combined. Linking never fails: an event
//! that names an unknown place or party is kept and reported as a warning.

use std::sync::Arc;

use chrono::NaiveDate;
use thiserror::Error;

use super::linker::{Linked, link_events};
use super::rule::{Timeline, ranks};
use super::scrub::LazyDayIndex;
use super::series::Stretch;
use super::series_claims::series_claims;
use super::{EventRef, EventTable, LoadedSeries, MapFile, Party, Place, SeriesListing, Source};
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
    /// The map series the file lists, whose maps become claims once read.
    pub maps: Vec<SeriesListing>,
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
    pub(super) fn pack(links: EventLinks) -> PackedLinks {
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
    /// The events file as read: what `convert` writes.
    file: Arc<EventsFile>,
    /// What the rule reads: the file's events then its map series' claims,
    /// the file's sources then theirs. The file itself when it has no series.
    claims: Arc<EventsFile>,
    /// For each claim of a map series (the events after the file's own), its
    /// series and stretch of maps.
    stretches: Vec<(u32, Stretch)>,
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
    /// The map series read for the events file, in its order.
    series: Arc<[LoadedSeries]>,
}

impl Dataset {
    /// Combines a gazetteer and an events file, resolving every id.
    pub fn link(
        gazetteer: impl Into<Arc<Gazetteer>>,
        file: impl Into<Arc<EventsFile>>,
    ) -> (Dataset, Vec<LocatedWarning>) {
        Dataset::link_with_series(gazetteer, file, Vec::new())
    }

    /// [`Dataset::link`], with the claims of the file's map series after the
    /// file's own events: each series' stretches over the gazetteer's places
    /// are in `found` (one list a series, as [`stretches`](super::stretches)
    /// makes them).
    pub fn link_with_series(
        gazetteer: impl Into<Arc<Gazetteer>>,
        file: impl Into<Arc<EventsFile>>,
        opened: Vec<(LoadedSeries, Vec<Stretch>)>,
    ) -> (Dataset, Vec<LocatedWarning>) {
        let (gazetteer, file) = (gazetteer.into(), file.into());
        let (series, found): (Vec<_>, Vec<_>) = opened.into_iter().unzip();
        let series: Arc<[LoadedSeries]> = Arc::from(series);
        let Some((claims, stretches)) = with_series_claims(&gazetteer, &file, &series, found)
        else {
            // Past 4 GiB of text the series' claims are left out, and with
            // them the series: none is shown without the claims it makes.
            // The caller sees `map_series()` empty and says so.
            let (mut dataset, warnings) = Dataset::link_claims(gazetteer, Arc::clone(&file));
            dataset.file = file;
            return (dataset, warnings);
        };
        let (mut dataset, warnings) = Dataset::link_claims(gazetteer, claims);
        dataset.file = file;
        dataset.stretches = stretches;
        dataset.series = series;
        (dataset, warnings)
    }

    fn link_claims(
        gazetteer: Arc<Gazetteer>,
        file: Arc<EventsFile>,
    ) -> (Dataset, Vec<LocatedWarning>) {
        let places = &gazetteer.places;
        let events = &file.events;
        let rank_ids = || ranks(events.ids());
        // Ranking a million ids is independent of linking them: a thread of its own.
        let (linked, id_rank) = std::thread::scope(|scope| {
            let ranking = std::thread::Builder::new()
                .name("rank event ids".into())
                .spawn_scoped(scope, rank_ids);
            let linked = link_events(places, &file);
            let id_rank = match ranking {
                Ok(thread) => thread.join().unwrap_or_else(|_| rank_ids()),
                Err(_) => rank_ids(),
            };
            (linked, id_rank)
        });
        let Linked {
            links,
            parties,
            place_index,
            party_index,
            warnings,
        } = linked;

        let root_of = roots(&parties, &party_index);
        let timeline = Timeline::build(places.len(), events, &links, &id_rank, &parties, &root_of);
        let unplaced = (0..events.len())
            .filter(|&e| links[e].place == PackedLinks::NONE)
            .collect();
        let dataset = Dataset {
            gazetteer,
            file: Arc::clone(&file),
            claims: file,
            stretches: Vec::new(),
            parties,
            links,
            root_of,
            timeline,
            day_index: LazyDayIndex::new(),
            search: std::sync::OnceLock::new(),
            unplaced,
            place_index,
            party_index,
            series: Arc::from([]),
        };
        (dataset, warnings)
    }

    /// The map series read for the events file, in the order it lists them.
    pub fn map_series(&self) -> &[LoadedSeries] {
        &self.series
    }

    pub fn places(&self) -> &[Place] {
        &self.gazetteer.places
    }

    pub fn parties(&self) -> &[Party] {
        &self.parties
    }

    /// The events file's sources, then one for each map that starts a
    /// stretch of a map series.
    pub fn sources(&self) -> &[Source] {
        &self.claims.sources
    }

    /// The events file's events, then the claims of its map series.
    pub fn events(&self) -> &EventTable {
        &self.claims.events
    }

    pub fn event(&self, event: usize) -> EventRef<'_> {
        self.claims.events.get(event)
    }

    /// How many of [`Dataset::events`] are the file's own; the rest are its map series' claims.
    pub fn own_events(&self) -> usize {
        self.file.events.len()
    }

    /// The series and the maps behind a claim of a map series; `None` for
    /// an event of the file's own.
    pub fn map_stretch(&self, event: usize) -> Option<MapStretch<'_>> {
        let (series, stretch) = self.stretches.get(event.checked_sub(self.own_events())?)?;
        let loaded = self.series.get(*series as usize)?;
        Some(MapStretch {
            series: loaded,
            maps: stretch.maps(&loaded.maps),
            until: stretch.until(&loaded.maps),
        })
    }

    /// The files this dataset links, shared: the events file as read, without
    /// its map series' claims.
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

    /// The party a party's `side` names directly, if any.
    pub fn side_of(&self, party: usize) -> Option<usize> {
        let side = self.parties.get(party)?.side.as_deref()?;
        self.party_by_id(side)
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

    /// The days on which events fall or claims lapse, sorted, each once.
    pub fn event_days(&self) -> Vec<NaiveDate> {
        let effective = self.links.iter().map(|l| l.effective_day);
        let mut days: Vec<NaiveDate> = effective.chain(self.lapse_days()).collect();
        days.sort_unstable();
        days.dedup();
        days
    }

    /// The first day an event falls on and the last on which one falls or a
    /// claim lapses; `None` without events.
    pub fn day_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let days = self.links.iter().map(|l| l.effective_day);
        let last = days.clone().chain(self.lapse_days()).max()?;
        Some((days.min()?, last))
    }

    /// The first day without each claim that lapses: the day after its `until`.
    fn lapse_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        let records = self.claims.events.records().iter();
        records.filter_map(|record| record.until?.succ_opt())
    }
}

/// The maps of a series that all cover a place, and so make one claim.
#[derive(Clone, Copy, Debug)]
pub struct MapStretch<'a> {
    pub series: &'a LoadedSeries,
    /// In order of day; never empty.
    pub maps: &'a [MapFile],
    /// The last day the claim stands, when a later map leaves the place out.
    pub until: Option<NaiveDate>,
}

/// The file with its series' claims after its own events, and which stretch
/// each of those claims is; the file itself when it has no series.
/// The events file with the series' claims after its own, and each derived
/// claim's stretch.
type WithSeries = (Arc<EventsFile>, Vec<(u32, Stretch)>);

fn with_series_claims(
    gazetteer: &Gazetteer,
    file: &Arc<EventsFile>,
    series: &[LoadedSeries],
    found: Vec<Vec<Stretch>>,
) -> Option<WithSeries> {
    if series.is_empty() {
        return Some((Arc::clone(file), Vec::new()));
    }
    let derived = series_claims(series, found, &gazetteer.places, &file.sources);
    // None past 4 GiB of text.
    let events = file.events.with_more(&derived.events)?;
    let claims = EventsFile {
        parties: file.parties.clone(),
        sources: (file.sources.iter().chain(&derived.sources).cloned()).collect(),
        events,
        maps: file.maps.clone(),
    };
    Some((Arc::new(claims), derived.stretches))
}

pub(super) fn index_by_id<'a>(ids: impl Iterator<Item = &'a str>) -> IdMap<String, usize> {
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
