//! Resolving the ids events name, on two threads. A first pass finds what
//! exists and changes nothing, so each half of the events is linked on a
//! thread of its own; the few events that name a party nobody listed are
//! linked again after, in file order, which adds those parties one by one
//! as a single pass would.

use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::dataset::{
    EventLinks, EventsFile, LinkWarning, LocatedWarning, PackedLinks, index_by_id,
};
use super::event_table::EventNames;
use super::{EventTable, Party, Place};
use crate::IdMap;

/// Every event's links, and what linking added and found.
pub(super) struct Linked {
    pub links: Vec<PackedLinks>,
    /// The file's parties, then one for each unlisted party an event names.
    pub parties: Vec<Party>,
    pub place_index: IdMap<String, usize>,
    pub party_index: IdMap<String, usize>,
    /// In file order, as one pass would say them.
    pub warnings: Vec<LocatedWarning>,
}

/// Links every event of `file` to `places` and to the file's parties and sources.
pub(super) fn link_events(places: &[Place], file: &EventsFile) -> Linked {
    let lookup = Lookup {
        place_index: index_by_id(places.iter().map(|p| p.id.as_str())),
        place_names: PlaceNames::new(places),
        party_index: index_by_id(file.parties.iter().map(|p| p.id.as_str())),
        source_index: index_by_id(file.sources.iter().map(|s| s.id.as_str())),
        published: (file.sources.iter())
            .map(|s| s.published.map(|d| d.effective_day()))
            .collect(),
    };
    let events = &file.events;
    let second_half = events.len() / 2..events.len();
    let (first, second) = std::thread::scope(|scope| {
        let second = std::thread::Builder::new()
            .name("link events".into())
            .spawn_scoped(scope, || lookup.find_all(events, second_half.clone()));
        let first = lookup.find_all(events, 0..second_half.start);
        let second = second.ok().and_then(|thread| thread.join().ok());
        // No thread to be had, or it died: the second half here.
        let second = second.unwrap_or_else(|| lookup.find_all(events, second_half.clone()));
        (first, second)
    });
    let mut links = first.links;
    links.extend(second.links);
    let mut warnings = first.warnings;
    warnings.extend(second.warnings);
    let mut parties = file.parties.clone();
    let mut added = IdMap::default();
    let unlisted = first.unlisted.iter().chain(&second.unlisted);
    for &e in unlisted.clone() {
        let event = events.names(e);
        let mut party =
            |id: &str, warnings: &mut Vec<LocatedWarning>| {
                let listed = lookup.party_index.get(id).copied();
                Some(listed.unwrap_or_else(|| {
                    add_party(&mut parties, &mut added, id, (e, event), warnings)
                }))
            };
        if let Some(found) = lookup.find(e, event, &mut party, &mut warnings) {
            links[e] = PackedLinks::pack(found);
        }
    }
    if unlisted.clone().next().is_some() {
        // Each event's warnings together, events in file order, as one pass says them.
        warnings.sort_by_key(|warning| warning.event);
    }
    let Lookup {
        place_index,
        mut party_index,
        ..
    } = lookup;
    party_index.extend(added);
    Linked {
        links,
        parties,
        place_index,
        party_index,
        warnings,
    }
}

/// A party no list has, added the first time an event names it, with a warning.
fn add_party(
    parties: &mut Vec<Party>,
    added: &mut IdMap<String, usize>,
    id: &str,
    (e, event): (usize, EventNames),
    warnings: &mut Vec<LocatedWarning>,
) -> usize {
    if let Some(&party) = added.get(id) {
        return party;
    }
    let warning = LinkWarning::UnknownParty {
        event: event.id.to_owned(),
        party: id.to_owned(),
    };
    warnings.push(LocatedWarning { warning, event: e });
    parties.push(Party::implicit(id));
    added.insert(id.to_owned(), parties.len() - 1);
    parties.len() - 1
}

/// What the first pass found for a run of events.
struct Found {
    links: Vec<PackedLinks>,
    warnings: Vec<LocatedWarning>,
    /// Events that name a party nobody listed: linked again after, in file order.
    unlisted: Vec<usize>,
}

/// The ids of the files, found without changing anything.
struct Lookup<'p> {
    place_index: IdMap<String, usize>,
    /// For events that name a place rather than give its id, as spreadsheets do.
    place_names: PlaceNames<'p>,
    party_index: IdMap<String, usize>,
    source_index: IdMap<String, usize>,
    /// Each source's effective publication day, worked out once.
    published: Vec<Option<NaiveDate>>,
}

/// How a party is found: `None` when it is not there.
type FindParty<'f> = dyn FnMut(&str, &mut Vec<LocatedWarning>) -> Option<usize> + 'f;

impl Lookup<'_> {
    fn find_all(&self, events: &EventTable, range: Range<usize>) -> Found {
        let mut found = Found {
            links: Vec::with_capacity(range.len()),
            warnings: Vec::new(),
            unlisted: Vec::new(),
        };
        let mut listed = |id: &str, _: &mut Vec<LocatedWarning>| self.party_index.get(id).copied();
        for e in range {
            let event = events.names(e);
            let links = match self.find(e, event, &mut listed, &mut found.warnings) {
                Some(links) => links,
                None => {
                    found.unlisted.push(e);
                    // Filled in when the event is linked again.
                    EventLinks {
                        place: None,
                        claimant: 0,
                        controller: None,
                        source: None,
                        effective_day: event.date.effective_day(),
                        published: None,
                    }
                }
            };
            found.links.push(PackedLinks::pack(links));
        }
        found
    }

    /// What one event names, its warnings said in `warnings`; `None` (and
    /// nothing said) when `party` does not find one of its parties.
    fn find(
        &self,
        e: usize,
        event: EventNames,
        party: &mut FindParty,
        warnings: &mut Vec<LocatedWarning>,
    ) -> Option<EventLinks> {
        let said = warnings.len();
        let place = self.place(e, event, warnings);
        let parties = party(event.claimant, warnings).and_then(|claimant| match event.controller {
            Some(id) => Some((claimant, Some(party(id, warnings)?))),
            None => Some((claimant, None)),
        });
        let Some((claimant, controller)) = parties else {
            warnings.truncate(said);
            return None;
        };
        let source = event.source.and_then(|id| {
            let found = self.source_index.get(id).copied();
            if found.is_none() {
                let warning = LinkWarning::UnknownSource {
                    event: event.id.to_owned(),
                    source_id: id.to_owned(),
                };
                warnings.push(LocatedWarning { warning, event: e });
            }
            found
        });
        let published = source.and_then(|s| self.published[s]);
        let effective_day = event.date.effective_day();
        if let Some(published) = published.filter(|&published| effective_day > published) {
            let warning = LinkWarning::DatedAfterPublication {
                event: event.id.to_owned(),
                effective: effective_day,
                published,
            };
            warnings.push(LocatedWarning { warning, event: e });
        }
        Some(EventLinks {
            place,
            claimant,
            controller,
            source,
            effective_day,
            published,
        })
    }

    /// The place with the event's place as its id, or else as its only name or alias.
    fn place(
        &self,
        e: usize,
        event: EventNames,
        warnings: &mut Vec<LocatedWarning>,
    ) -> Option<usize> {
        if let Some(&place) = self.place_index.get(event.place) {
            return Some(place);
        }
        let (event_id, place) = (event.id.to_owned(), event.place.to_owned());
        let warning = match self.place_names.find(event.place) {
            NameMatch::One(place) => return Some(place),
            NameMatch::None => LinkWarning::UnknownPlace {
                event: event_id,
                place,
            },
            NameMatch::Many(count) => LinkWarning::AmbiguousPlace {
                event: event_id,
                place,
                count,
            },
        };
        warnings.push(LocatedWarning { warning, event: e });
        None
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
    index: OnceLock<IdMap<String, NameMatch>>,
}

impl<'p> PlaceNames<'p> {
    fn new(places: &'p [Place]) -> Self {
        PlaceNames {
            places,
            index: OnceLock::new(),
        }
    }

    fn find(&self, name: &str) -> NameMatch {
        let places = self.places;
        let index = self.index.get_or_init(|| {
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

#[cfg(test)]
mod tests {
    use geo_types::Point;

    use super::*;
    use crate::model::{Event, EventType, Source, Verification};

    fn event(id: &str, place: &str, claimant: &str, controller: Option<&str>) -> Event {
        Event {
            id: id.into(),
            date: "2021-07-14".parse().unwrap(),
            place: place.into(),
            kind: EventType::Holds,
            claimant: claimant.into(),
            controller: controller.map(Into::into),
            verification: Verification::Claimed,
            until: None,
            speaker: None,
            quote: None,
            source: Some("tolo".into()),
            note: None,
        }
    }

    /// Parties nobody listed, named first in either half of the events, are
    /// added in file order, and every warning comes in file order, each
    /// event's in the order one pass says them.
    #[test]
    fn two_halves_link_as_one_pass_would() {
        let places = [Place {
            id: "herat".into(),
            name: "Herat".into(),
            kind: "city".into(),
            countries: vec![],
            province: None,
            aliases: vec![],
            position: Point::new(62.2, 34.3),
            area: None,
            properties: Default::default(),
        }];
        let events = [
            event("a", "herat", "taliban", None),
            event("b", "nowhere", "militia", Some("army")),
            event("c", "herat", "taliban", Some("taliban")),
            event("d", "nowhere", "police", Some("militia")),
            event("e", "herat", "taliban", Some("police")),
            event("f", "elsewhere", "taliban", Some("taliban")),
        ];
        let file = EventsFile {
            parties: vec![Party::implicit("taliban")],
            sources: vec![Source {
                id: "tolo".into(),
                outlet: "Tolo News".into(),
                title: None,
                url: None,
                published: Some("2021-07-13".parse().unwrap()),
                author: None,
                note: None,
            }],
            events: EventTable::from_events(&events),
            maps: Vec::new(),
        };
        let linked = link_events(&places, &file);
        let ids: Vec<&str> = linked.parties.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["taliban", "militia", "army", "police"]);
        let said: Vec<(usize, &str)> = (linked.warnings.iter())
            .map(|w| (w.event, w.warning.kind()))
            .collect();
        let (place, party, late) = (
            "place not in the gazetteer",
            "party not in the parties list",
            "event dated after its source's publication",
        );
        #[rustfmt::skip]
        assert_eq!(said, [
            (0, late),
            (1, place), (1, party), (1, party), (1, late),
            (2, late),
            (3, place), (3, party), (3, late),
            (4, late),
            (5, place), (5, late),
        ]);
        let police = linked.party_index.get("police").copied();
        assert_eq!(linked.links[4].unpack().controller, police);
    }
}
