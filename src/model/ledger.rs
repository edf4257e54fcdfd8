//! The claim ledger of a place: who has said what about it, and for how long.
//!
//! Each claimant's control claims become bars over the days they stand, with
//! why each stopped standing; fighting and reports become ticks; and the
//! place's resulting state is a band of spans. Everything is derived from the
//! same ordering as the rule (`rule.rs`), so a bar covers exactly the days the
//! rule keeps its claim: `tests` checks that for every place and day.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Dataset, EventType, Mode, Status, Verification};

/// A place's claims over the dataset's days.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    /// The dataset's first and last day ([`Dataset::day_range`]); `None` without events.
    pub days: Option<(NaiveDate, NaiveDate)>,
    /// One lane per claimant, in the order of its first event about the place.
    pub lanes: Vec<Lane>,
    /// The place's state, as consecutive spans covering `days`.
    pub band: Vec<BandSpan>,
}

/// What one claimant has said about the place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    pub claimant: usize,
    /// Its control claims, in the days they stood.
    pub bars: Vec<ClaimBar>,
    /// Its control claims that never stood: overtaken the day they were
    /// made (a later claim of the same day, or in `known` mode one already
    /// published). `first` and `last` are that day; `end` says what overtook it.
    pub overtaken: Vec<ClaimBar>,
    /// Its fighting and report events.
    pub ticks: Vec<Tick>,
}

/// One control claim over the days it stood.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimBar {
    /// The claim, an index in [`Dataset::events`].
    pub event: usize,
    /// The first and last day it stood, both counted.
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub end: BarEnd,
    /// The party the claim says holds the place, and that party's root (its colour).
    pub controller: Option<usize>,
    pub holder: Option<usize>,
    /// An admission: the claimant is a side in the conflict (some claim
    /// names its root party as holder) and names another side as holder. A
    /// reporter with no side of its own (a news outlet) admits nothing.
    pub admission: bool,
}

/// Why a claim stopped standing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BarEnd {
    /// The same claimant's later claim (`by`) took its place.
    Replaced { by: usize },
    /// Its `until` day passed.
    Lapsed,
    /// A later confirmed claim (`by`) settled the question (the rule's step 3).
    Settled { by: usize },
    /// It stands on the ledger's last day.
    Standing,
}

/// A fighting or report event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tick {
    pub event: usize,
    /// The first day the rule sees it.
    pub day: NaiveDate,
    pub kind: EventType,
}

/// Days on which the place's state is the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BandSpan {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub status: Status,
    /// The root parties the standing claims name, sorted by id.
    pub holders: Vec<usize>,
}

impl Ledger {
    /// The band's state on `day`, if the day is in the ledger's range.
    pub fn state_on(&self, day: NaiveDate) -> Option<&BandSpan> {
        let at = self.band.partition_point(|span| span.last < day);
        self.band.get(at).filter(|span| span.first <= day)
    }

    /// The bars standing on `day`, with their lanes' claimants.
    pub fn bars_on(&self, day: NaiveDate) -> impl Iterator<Item = &ClaimBar> + '_ {
        self.lanes
            .iter()
            .flat_map(|lane| &lane.bars)
            .filter(move |bar| bar.first <= day && day <= bar.last)
    }
}

/// What the ledger reads of one event, in the rule's order.
struct Seen {
    event: usize,
    claimant: usize,
    controller: Option<usize>,
    /// The first day the rule may see it in the chosen mode.
    visible: NaiveDate,
    until: Option<NaiveDate>,
    kind: EventType,
    confirmed: bool,
}

impl Dataset {
    /// The ledger of `place` with every claimant's claims counted.
    pub fn ledger(&self, place: usize, mode: Mode) -> Ledger {
        self.ledger_counting(place, mode, |_| true)
    }

    /// The ledger of `place` as if only the claims of claimants for which
    /// `counts` holds (a party index) had been made.
    pub fn ledger_counting(
        &self,
        place: usize,
        mode: Mode,
        counts: impl Fn(usize) -> bool,
    ) -> Ledger {
        let Some((start, end)) = self.day_range() else {
            return Ledger::default();
        };
        let records = self.events().records();
        // The rule's order: effective day, then file position.
        let seen: Vec<Seen> = self
            .events_of_place(place)
            .filter_map(|event| {
                let links = self.links(event);
                let record = records.get(event)?;
                let visible = match (mode, links.published) {
                    (Mode::Known, Some(published)) => links.effective_day.max(published),
                    _ => links.effective_day,
                };
                counts(links.claimant).then_some(Seen {
                    event,
                    claimant: links.claimant,
                    controller: links.controller,
                    visible,
                    until: record.until,
                    kind: record.kind,
                    confirmed: record.verification == Verification::Confirmed,
                })
            })
            .collect();

        let sides = self.holders();
        let bars = self.bars(&seen, &sides, end);
        let mut lanes: Vec<Lane> = Vec::new();
        let mut lane_of: HashMap<usize, usize> = HashMap::new();
        for s in &seen {
            let lane = *lane_of.entry(s.claimant).or_insert_with(|| {
                lanes.push(Lane {
                    claimant: s.claimant,
                    bars: Vec::new(),
                    overtaken: Vec::new(),
                    ticks: Vec::new(),
                });
                lanes.len() - 1
            });
            if !s.kind.is_control_claim() && s.visible <= end {
                lanes[lane].ticks.push(Tick {
                    event: s.event,
                    day: s.visible,
                    kind: s.kind,
                });
            }
        }
        for (bar, stood) in bars {
            let claimant = self.links(bar.event).claimant;
            if let Some(&lane) = lane_of.get(&claimant) {
                match stood {
                    true => lanes[lane].bars.push(bar),
                    false => lanes[lane].overtaken.push(bar),
                }
            }
        }
        for lane in &mut lanes {
            lane.bars.sort_by_key(|bar| (bar.first, bar.event));
            lane.overtaken.sort_by_key(|bar| (bar.first, bar.event));
        }
        let band = self.band(&lanes, start, end);
        Ledger {
            days: Some((start, end)),
            lanes,
            band,
        }
    }

    /// Each control claim over the days it stands, up to `end`.
    ///
    /// A claim stands from the day it is seen until a later claim (in the
    /// rule's order) of the same claimant is seen, a later confirmed claim of
    /// anyone is seen, or its `until` passes, whichever comes first. Walking
    /// backwards, the earliest such days of the claims after each one are
    /// running minima: one pass. (In `known` mode a later claim can be seen
    /// before an earlier one, so "first after" is not "soonest seen".)
    /// Each comes with whether it stood at all.
    fn bars(&self, seen: &[Seen], sides: &[usize], end: NaiveDate) -> Vec<(ClaimBar, bool)> {
        let mut bars = Vec::new();
        let mut soonest_of: HashMap<usize, (NaiveDate, usize)> = HashMap::new();
        let mut soonest_confirmed: Option<(NaiveDate, usize)> = None;
        for s in seen.iter().rev().filter(|s| s.kind.is_control_claim()) {
            let replaced = soonest_of.get(&s.claimant).copied();
            let mut stop: Option<(NaiveDate, BarEnd)> =
                replaced.map(|(day, by)| (day, BarEnd::Replaced { by }));
            let earlier = |stop: &Option<(NaiveDate, BarEnd)>, day: NaiveDate| {
                stop.is_none_or(|(current, _)| day < current)
            };
            if let Some((day, by)) = soonest_confirmed
                && earlier(&stop, day)
            {
                stop = Some((day, BarEnd::Settled { by }));
            }
            if let Some(lapse) = s.until.and_then(|until| until.succ_opt())
                && earlier(&stop, lapse)
            {
                stop = Some((lapse, BarEnd::Lapsed));
            }
            let (last, why) = match stop {
                Some((day, why)) if day <= end => (day.pred_opt().unwrap_or(day), why),
                _ => (end, BarEnd::Standing),
            };
            if s.visible <= end {
                let holder = s.controller.map(|c| self.root_party(c));
                let own = self.root_party(s.claimant);
                let stood = s.visible <= last;
                let bar = ClaimBar {
                    event: s.event,
                    first: s.visible,
                    last: if stood { last } else { s.visible },
                    end: why,
                    controller: s.controller,
                    holder,
                    admission: holder.is_some_and(|h| h != own)
                        && sides.binary_search(&own).is_ok(),
                };
                bars.push((bar, stood));
            }
            let mine = soonest_of.entry(s.claimant).or_insert((s.visible, s.event));
            if s.visible < mine.0 {
                *mine = (s.visible, s.event);
            }
            if s.confirmed && soonest_confirmed.is_none_or(|(day, _)| s.visible < day) {
                soonest_confirmed = Some((s.visible, s.event));
            }
        }
        bars
    }

    /// The state day by day, as spans: it changes only where a bar starts
    /// or ends, so one sweep over those days gives every span.
    fn band(&self, lanes: &[Lane], start: NaiveDate, end: NaiveDate) -> Vec<BandSpan> {
        // (day, +1 or -1, holder): a bar counts from its first day to the day after its last.
        let mut changes: Vec<(NaiveDate, i32, Option<usize>)> = Vec::new();
        for bar in lanes.iter().flat_map(|lane| &lane.bars) {
            changes.push((bar.first, 1, bar.holder));
            if let Some(after) = bar.last.succ_opt() {
                changes.push((after, -1, bar.holder));
            }
        }
        changes.sort_by_key(|&(day, ..)| day);
        let mut count: HashMap<usize, i32> = HashMap::new();
        let mut band: Vec<BandSpan> = Vec::new();
        let mut day = start;
        let mut next = 0;
        loop {
            while let Some(&(at, delta, holder)) = changes.get(next)
                && at <= day
            {
                if let Some(holder) = holder {
                    *count.entry(holder).or_default() += delta;
                }
                next += 1;
            }
            let mut holders: Vec<usize> = count
                .iter()
                .filter(|&(_, &n)| n > 0)
                .map(|(&party, _)| party)
                .collect();
            holders.sort_by(|&a, &b| self.parties()[a].id.cmp(&self.parties()[b].id));
            let status = match holders.len() {
                0 => Status::Unknown,
                1 => Status::Held,
                _ => Status::Disputed,
            };
            let until = changes
                .get(next)
                .and_then(|&(at, ..)| at.pred_opt())
                .unwrap_or(end)
                .min(end);
            match band.last_mut() {
                Some(span) if span.status == status && span.holders == holders => {
                    span.last = until;
                }
                _ => band.push(BandSpan {
                    first: day,
                    last: until,
                    status,
                    holders,
                }),
            }
            match until.succ_opt() {
                Some(after) if until < end => day = after,
                _ => break,
            }
        }
        band
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
#[path = "ledger_tests.rs"]
mod tests;
