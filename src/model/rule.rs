//! The control-state rule: what the claims say about a place on a given day.

use chrono::{Days, NaiveDate};

use super::dataset::PackedLinks;
use super::{Dataset, EventLinks, EventRecord, EventTable, EventType, Lens, Party, Verification};

/// Which events the rule may see on day D.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Every event dated on or before D.
    #[default]
    Event,
    /// As known on D: also leaves out events whose source was published after D.
    Known,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Event => "event",
            Mode::Known => "known",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Status {
    /// No claim says who holds the place.
    #[default]
    Unknown,
    /// Every standing claim names the same party.
    Held,
    /// Standing claims name different parties.
    Disputed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unknown => "unknown",
            Status::Held => "held",
            Status::Disputed => "disputed",
        }
    }
}

/// The state of one place on one day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlaceState {
    pub status: Status,
    /// Root parties named by the kept claims, sorted by id.
    pub controllers: Vec<usize>,
    /// Held, and settled by a confirmed claim naming that party.
    pub confirmed: bool,
    /// A fighting event in the seven days ending on the day.
    pub fighting: bool,
    /// The effective day of the newest kept claim.
    pub since: Option<NaiveDate>,
    /// The kept claims, sorted by event id: why the place has its colour.
    pub claims: Vec<usize>,
}

/// Fighting colours a place on its day and this many days after: a 7-day window.
pub(super) const FIGHTING_LOOKBACK_DAYS: u64 = 6;

/// What the rule reads of one event. Records are stored sorted by (place,
/// effective day, file position), so a place's history is one contiguous,
/// compact slice: scrubbing the date never touches the events' text.
#[derive(Clone, Copy, Debug)]
pub(super) struct RuleEvent {
    pub(super) effective_day: NaiveDate,
    /// The day the event's source was published, where known.
    pub(super) published: Option<NaiveDate>,
    /// The index in [`Dataset::events`].
    pub(super) event: u32,
    /// The event's place in the order of event ids, for sorting `claims`.
    id_rank: u32,
    claimant: u32,
    /// The root party of the controller.
    controller: Option<u32>,
    /// The last day the claim stands.
    pub(super) until: Option<NaiveDate>,
    pub(super) kind: EventType,
    confirmed: bool,
}

impl RuleEvent {
    /// Whether the claim still stands on `day`, or has lapsed.
    fn stands_on(&self, day: NaiveDate) -> bool {
        self.until.is_none_or(|until| day <= until)
    }
}

/// The rule's one-time sort of a dataset.
#[derive(Clone, Debug, Default)]
pub(super) struct Timeline {
    records: Vec<RuleEvent>,
    /// `records[place_starts[p]..place_starts[p + 1]]` belong to place `p`.
    place_starts: Vec<usize>,
    /// Each party's position in the order of party ids, for sorting `controllers`.
    party_rank: Vec<u32>,
}

impl Timeline {
    /// Sorts the linked events by place, then day, then file position:
    /// counted into their places first, so only each place's few events are
    /// sorted. `id_rank` is each event's position in the order of event ids.
    pub(super) fn build(
        place_count: usize,
        events: &EventTable,
        links: &[PackedLinks],
        id_rank: &[u32],
        parties: &[Party],
        root_of: &[usize],
    ) -> Timeline {
        let party_rank = ranks(parties.iter().map(|p| p.id.as_str()));
        let mut place_starts = vec![0; place_count + 1];
        for place in links.iter().filter_map(|link| link.unpack().place) {
            place_starts[place + 1] += 1;
        }
        for p in 0..place_count {
            place_starts[p + 1] += place_starts[p];
        }
        let mut next = place_starts.clone();
        let rule_event = |e: usize, record: &EventRecord, link: &EventLinks| RuleEvent {
            effective_day: link.effective_day,
            published: link.published,
            event: e as u32,
            id_rank: id_rank[e],
            claimant: link.claimant as u32,
            controller: link.controller.map(|c| root_of[c] as u32),
            until: record.until,
            kind: record.kind,
            confirmed: record.verification == Verification::Confirmed,
        };
        let mut placed = events
            .records()
            .iter()
            .zip(links.iter().map(|link| link.unpack()))
            .enumerate()
            .filter(|(_, (_, link))| link.place.is_some());
        // Every slot is written below; the first placed event fills them until then.
        let Some((first, (record, link))) = placed.clone().next() else {
            return Timeline {
                records: Vec::new(),
                place_starts,
                party_rank,
            };
        };
        let mut records = vec![rule_event(first, record, &link); place_starts[place_count]];
        for (e, (record, link)) in &mut placed {
            let Some(place) = link.place else { continue };
            records[next[place]] = rule_event(e, record, &link);
            next[place] += 1;
        }
        // Filled in file order, so a stable sort by day leaves ties in file order.
        for p in 0..place_count {
            records[place_starts[p]..place_starts[p + 1]].sort_by_key(|r| r.effective_day);
        }
        Timeline {
            records,
            place_starts,
            party_rank,
        }
    }

    pub(super) fn of_place(&self, place: usize) -> &[RuleEvent] {
        &self.records[self.place_starts[place]..self.place_starts[place + 1]]
    }
}

/// For each item, its position when the ids are sorted.
///
/// Sorted first by the ids' first eight bytes as one number, which orders most
/// ids (`e123456`, `spin-bol…`) without comparing strings; only ids that share
/// those eight bytes are then compared whole.
pub(super) fn ranks<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Vec<u32> {
    let ids: Vec<&str> = ids.collect();
    let prefix = |id: &str| {
        let mut bytes = [0u8; 8];
        let head = &id.as_bytes()[..id.len().min(8)];
        bytes[..head.len()].copy_from_slice(head);
        u64::from_be_bytes(bytes)
    };
    let mut order: Vec<(u64, u32)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (prefix(id), i as u32))
        .collect();
    order.sort_unstable();
    // Runs of one prefix, in the order of whole ids.
    let mut start = 0;
    while start < order.len() {
        let key = order[start].0;
        let end = start + order[start..].partition_point(|&(k, _)| k == key);
        if end - start > 1 {
            order[start..end].sort_unstable_by(|a, b| ids[a.1 as usize].cmp(ids[b.1 as usize]));
        }
        start = end;
    }
    let mut rank = vec![0; order.len()];
    for (position, (_, i)) in order.into_iter().enumerate() {
        rank[i as usize] = position as u32;
    }
    rank
}

impl Dataset {
    /// The state of every place on `day`, indexed like [`Dataset::places`].
    ///
    /// One pass over each place's events up to `day`: O(places + events).
    pub fn control_state_at(&self, day: NaiveDate, mode: Mode) -> Vec<PlaceState> {
        self.control_state_with(day, &Lens::from(mode))
    }

    /// [`Dataset::control_state_at`] through a lens: the claimants it does
    /// not believe are as if they had said nothing.
    pub fn control_state_with(&self, day: NaiveDate, lens: &Lens) -> Vec<PlaceState> {
        let places: Vec<usize> = (0..self.places().len()).collect();
        self.states_of(&places, day, lens)
    }

    /// The states of `places` on `day`, in their order. A long list is
    /// split between two threads: places are independent, and a jump over
    /// 100,000 places is then half as long.
    pub(super) fn states_of(
        &self,
        places: &[usize],
        day: NaiveDate,
        lens: &Lens,
    ) -> Vec<PlaceState> {
        let believed = lens.believe.mask(self.parties.len());
        let run = |places: &[usize]| {
            let mut scratch = Scratch::new(self.parties.len());
            let seen = Seen {
                day,
                mode: lens.mode,
                believed: believed.as_deref(),
            };
            places
                .iter()
                .map(|&place| self.timeline.state_of(place, seen, &mut scratch))
                .collect::<Vec<_>>()
        };
        if places.len() < PARALLEL_FROM {
            return run(places);
        }
        let (first, second) = places.split_at(places.len() / 2);
        std::thread::scope(|scope| {
            let other = std::thread::Builder::new()
                .name("control state".into())
                .spawn_scoped(scope, || run(second));
            let mut states = run(first);
            match other.map(|thread| thread.join()) {
                Ok(Ok(rest)) => states.extend(rest),
                // No thread to be had, or it died: this thread does the rest.
                _ => states.extend(run(second)),
            }
            states
        })
    }

    /// The state of one place on `day`.
    pub fn place_state_at(&self, place: usize, day: NaiveDate, mode: Mode) -> PlaceState {
        self.place_state_with(place, day, &Lens::from(mode))
    }

    /// The state of one place on `day` through a lens.
    pub fn place_state_with(&self, place: usize, day: NaiveDate, lens: &Lens) -> PlaceState {
        let mut scratch = Scratch::new(self.parties.len());
        let believed = lens.believe.mask(self.parties.len());
        let seen = Seen {
            day,
            mode: lens.mode,
            believed: believed.as_deref(),
        };
        self.timeline.state_of(place, seen, &mut scratch)
    }
}

/// What the rule may see of a place's history: the day, the mode, and
/// (unless every claimant is believed) whose events count, by party index.
#[derive(Clone, Copy)]
struct Seen<'a> {
    day: NaiveDate,
    mode: Mode,
    believed: Option<&'a [bool]>,
}

/// Below this many places a second thread costs more than it saves.
const PARALLEL_FROM: usize = 1024;

impl Timeline {
    fn state_of(&self, place: usize, seen_as: Seen, scratch: &mut Scratch) -> PlaceState {
        let Seen {
            day,
            mode,
            believed,
        } = seen_as;
        let Scratch {
            seen,
            kept,
            controllers,
        } = scratch;
        let history = self.of_place(place);
        // Sorted by effective day: the events up to `day` are a prefix.
        let upto = history.partition_point(|r| r.effective_day <= day);
        // A claimant not believed is as if it had said nothing: no claim,
        // no confirmation, no fighting.
        let candidates = history[..upto].iter().filter(|r| {
            let visible = match mode {
                Mode::Event => true,
                Mode::Known => r.published.is_none_or(|published| published <= day),
            };
            visible
                && believed
                    .is_none_or(|believed| believed.get(r.claimant as usize).is_some_and(|&b| b))
        });

        // Walking backwards, a claimant's first claim is its last one, and the
        // first confirmed claim met is the last confirmation: nothing before it counts.
        seen.clear();
        kept.clear();
        let mut settled_by = None;
        for record in candidates
            .clone()
            .rev()
            .filter(|r| r.kind.is_control_claim())
        {
            if seen.insert(record.claimant as usize) {
                kept.push(*record);
            }
            if record.confirmed {
                settled_by = Some(record);
                break;
            }
        }

        // A lapsed claim stands no more, and brings back none of its
        // claimant's earlier claims; what a confirmation settled stays settled.
        kept.retain(|record| record.stands_on(day));

        let fighting_from = day
            .checked_sub_days(Days::new(FIGHTING_LOOKBACK_DAYS))
            .unwrap_or(NaiveDate::MIN);
        let fighting = candidates
            .rev()
            .take_while(|r| r.effective_day >= fighting_from)
            .any(|r| r.kind == EventType::Fighting);

        controllers.clear();
        controllers.extend(kept.iter().filter_map(|r| r.controller));
        controllers.sort_by_key(|&party| self.party_rank[party as usize]);
        controllers.dedup();
        let status = match controllers.len() {
            0 => Status::Unknown,
            1 => Status::Held,
            _ => Status::Disputed,
        };
        let settled_by = settled_by.filter(|a| a.stands_on(day));
        let confirmed = status == Status::Held
            && settled_by.and_then(|a| a.controller) == controllers.first().copied();
        let since = kept.iter().map(|r| r.effective_day).max();
        kept.sort_by_key(|r| r.id_rank);
        PlaceState {
            status,
            controllers: controllers.iter().map(|&p| p as usize).collect(),
            confirmed,
            fighting,
            since,
            claims: kept.iter().map(|r| r.event as usize).collect(),
        }
    }
}
/// What working out one place's state needs, kept between places so a
/// hundred thousand places cost no allocation beyond their results.
struct Scratch {
    seen: ClaimantSet,
    /// The claims kept so far, newest first.
    kept: Vec<RuleEvent>,
    controllers: Vec<u32>,
}

impl Scratch {
    fn new(parties: usize) -> Self {
        Scratch {
            seen: ClaimantSet::new(parties),
            kept: Vec::new(),
            controllers: Vec::new(),
        }
    }
}

/// A set of party indices that clears in O(1), so computing every place's
/// state does not cost O(places × parties).
struct ClaimantSet {
    stamp: Vec<u32>,
    generation: u32,
}

impl ClaimantSet {
    fn new(parties: usize) -> Self {
        ClaimantSet {
            stamp: vec![0; parties],
            generation: 1,
        }
    }

    fn clear(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.fill(0);
            self.generation = 1;
        }
    }

    /// Adds the party; false if it was already there.
    fn insert(&mut self, party: usize) -> bool {
        let fresh = self.stamp[party] != self.generation;
        self.stamp[party] = self.generation;
        fresh
    }
}
