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
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::data::{Input, load_dataset};

    fn built_in() -> Dataset {
        let report = load_dataset(
            &Input::built_in_gazetteer(),
            &Input::built_in_events(),
            u64::MAX,
        );
        report.dataset.unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// A lane as (claimant id, bars as (event id, first, last, end), tick event ids).
    type LaneText = (String, Vec<(String, String, String, String)>, Vec<String>);

    fn lanes_in_words(dataset: &Dataset, ledger: &Ledger) -> Vec<LaneText> {
        let id = |event: usize| dataset.event(event).id.to_owned();
        ledger
            .lanes
            .iter()
            .map(|lane| {
                let bars = lane
                    .bars
                    .iter()
                    .map(|bar| {
                        let end = match bar.end {
                            BarEnd::Replaced { by } => format!("replaced by {}", id(by)),
                            BarEnd::Settled { by } => format!("settled by {}", id(by)),
                            BarEnd::Lapsed => "lapsed".to_owned(),
                            BarEnd::Standing => "standing".to_owned(),
                        };
                        (
                            id(bar.event),
                            bar.first.to_string(),
                            bar.last.to_string(),
                            end,
                        )
                    })
                    .collect();
                let ticks = lane.ticks.iter().map(|tick| id(tick.event)).collect();
                (dataset.parties()[lane.claimant].id.clone(), bars, ticks)
            })
            .collect()
    }

    fn lane(claimant: &str, bars: &[[&str; 4]], ticks: &[&str]) -> LaneText {
        let bars = bars
            .iter()
            .map(|[e, first, last, end]| {
                (
                    e.to_string(),
                    first.to_string(),
                    last.to_string(),
                    end.to_string(),
                )
            })
            .collect();
        let ticks = ticks.iter().map(|t| t.to_string()).collect();
        (claimant.to_owned(), bars, ticks)
    }

    #[test]
    fn islam_qala_has_a_lane_per_claimant_with_the_days_each_claim_stood() {
        let dataset = built_in();
        let place = dataset.place_by_id("islam-qala").unwrap();
        let ledger = dataset.ledger(place, Mode::Event);
        let (_, end) = dataset.day_range().unwrap();
        let end = end.to_string();
        let end = end.as_str();
        // data/events.json, in the rule's order (effective day, then file
        // position): iq-1..iq-4 on 8 July, iq-5..iq-8 on 9 July, iq-9 dated
        // 8-11 July (effective on the 11th), iq-10 dated 7-14 July (the 14th).
        let expected = vec![
            // "Two senior security officials" say the Taliban took it (8 July),
            // until the interior ministry's on-the-record admission of 9 July
            // (iq-7, confirmed) settles every earlier claim.
            lane(
                "afg-security-officials",
                &[["iq-1", "2021-07-08", "2021-07-08", "settled by iq-7"]],
                &[],
            ),
            // Al Alam's report is a tick, not a claim.
            lane("al-alam-tv", &[], &["iq-2"]),
            // The ministry's denial (8 July) gives way to its own admission (9 July).
            lane(
                "afg-interior-ministry",
                &[
                    ["iq-3", "2021-07-08", "2021-07-08", "replaced by iq-7"],
                    ["iq-7", "2021-07-09", end, "standing"],
                ],
                &[],
            ),
            lane("iran-customs", &[], &["iq-4"]),
            // The Taliban's two claims of 9 July come before the ministry's
            // confirmation in the file, so it settles them the same day: they
            // never stand (see `overtaken` below).
            lane("taliban", &[], &[]),
            lane(
                "lemonde-afp",
                &[["iq-8", "2021-07-09", end, "standing"]],
                &[],
            ),
            lane(
                "afg-officials",
                &[["iq-9", "2021-07-11", end, "standing"]],
                &[],
            ),
            lane("guardian", &[["iq-10", "2021-07-14", end, "standing"]], &[]),
        ];
        assert_eq!(lanes_in_words(&dataset, &ledger), expected);
        let taliban = &ledger.lanes[4];
        let overtaken: Vec<(&str, BarEnd)> = taliban
            .overtaken
            .iter()
            .map(|bar| (dataset.event(bar.event).id, bar.end))
            .collect();
        let iq = |id: &str| (0..dataset.events().len()).find(|&e| dataset.event(e).id == id);
        let (iq6, iq7) = (iq("iq-6").unwrap(), iq("iq-7").unwrap());
        // iq-5 is replaced by the same speaker's iq-6, which iq-7 settles.
        assert_eq!(
            overtaken,
            [
                ("iq-5", BarEnd::Replaced { by: iq6 }),
                ("iq-6", BarEnd::Settled { by: iq7 })
            ]
        );
        // Government sides naming the Taliban admit it; news outlets have no side.
        let admissions: Vec<&str> = ledger
            .lanes
            .iter()
            .flat_map(|lane| &lane.bars)
            .filter(|bar| bar.admission)
            .map(|bar| dataset.event(bar.event).id)
            .collect();
        assert_eq!(admissions, ["iq-1", "iq-7", "iq-9"]);
        // The band: disputed on 8 July (Taliban vs government), Taliban's after.
        let taliban = dataset.party_by_id("taliban").unwrap();
        let government = dataset.party_by_id("government").unwrap();
        let first = ledger.state_on(day("2021-07-08")).unwrap();
        assert_eq!(first.status, Status::Disputed);
        assert_eq!(
            BTreeSet::from_iter(first.holders.iter().copied()),
            BTreeSet::from([taliban, government])
        );
        let then = ledger.state_on(day("2021-07-14")).unwrap();
        assert_eq!(
            (then.status, then.holders.as_slice()),
            (Status::Held, &[taliban][..])
        );
        assert_eq!(then.first, day("2021-07-09"));
        // Before 8 July (other places' events start the range earlier): unknown.
        let statuses: Vec<Status> = ledger.band.iter().map(|span| span.status).collect();
        let expected = [Status::Disputed, Status::Held];
        assert!(statuses.ends_with(&expected), "{statuses:?}");
        assert!(
            statuses[..statuses.len() - 2]
                .iter()
                .all(|s| *s == Status::Unknown)
        );
    }

    #[test]
    fn as_known_a_claim_stands_from_the_day_its_source_was_published() {
        let dataset = built_in();
        let place = dataset.place_by_id("islam-qala").unwrap();
        let ledger = dataset.ledger(place, Mode::Known);
        let words = lanes_in_words(&dataset, &ledger);
        let officials = words.iter().find(|lane| lane.0 == "afg-officials").unwrap();
        // iq-9 is effective on 11 July, but its roundup appeared on the 19th.
        assert_eq!(officials.1[0].1, "2021-07-19");
        // Reuters' report of 8 July was published on the 9th, with the
        // ministry's confirmation: the anonymous officials' claim never stood.
        let security = words
            .iter()
            .find(|l| l.0 == "afg-security-officials")
            .unwrap();
        assert!(security.1.is_empty(), "{security:?}");
    }

    #[test]
    fn a_claimant_left_out_has_no_lane_and_settles_nothing() {
        let dataset = built_in();
        let place = dataset.place_by_id("islam-qala").unwrap();
        let ministry = dataset.party_by_id("afg-interior-ministry").unwrap();
        let ledger = dataset.ledger_counting(place, Mode::Event, |c| c != ministry);
        assert!(ledger.lanes.iter().all(|lane| lane.claimant != ministry));
        let taliban = dataset.party_by_id("taliban").unwrap();
        let lane = ledger.lanes.iter().find(|l| l.claimant == taliban).unwrap();
        // Without the confirmation the Taliban's "holds" of 9 July stands.
        assert_eq!(lane.bars.len(), 1);
        assert_eq!(dataset.event(lane.bars[0].event).id, "iq-6");
    }

    /// A small world with what the built-in data lacks: claims that lapse
    /// (a confirmation among them), and sources published days after the
    /// claims they report, which reorder them in `known` mode.
    fn lapsing_world() -> Dataset {
        use crate::model::{Event, EventTable, EventsFile, Gazetteer, Party, Place, Source};
        let party = |id: &str, side: Option<&str>| Party {
            side: side.map(Into::into),
            ..Party::implicit(id)
        };
        let source = |id: &str, published: &str| Source {
            id: id.into(),
            outlet: id.into(),
            title: None,
            url: None,
            published: Some(published.parse().unwrap()),
            author: None,
            note: None,
        };
        let event = |id: &str, date: &str, claimant: &str, holder: Option<&str>| Event {
            id: id.into(),
            date: date.parse().unwrap(),
            place: "p".into(),
            kind: if holder.is_some() {
                EventType::Holds
            } else {
                EventType::Fighting
            },
            claimant: claimant.into(),
            controller: holder.map(Into::into),
            verification: Verification::Claimed,
            until: None,
            speaker: None,
            quote: None,
            source: Some("early".into()),
            note: None,
        };
        let until = |e: Event, last: &str| Event {
            until: Some(day(last)),
            ..e
        };
        let late = |e: Event| Event {
            source: Some("late".into()),
            ..e
        };
        let confirmed = |e: Event| Event {
            verification: Verification::Confirmed,
            ..e
        };
        let events = [
            until(
                event("a1", "2021-07-01", "taliban", Some("taliban")),
                "2021-07-05",
            ),
            late(event("b1", "2021-07-02", "interior", Some("government"))),
            late(event("c1", "2021-07-03", "pakistan", Some("taliban"))),
            until(
                confirmed(event("b2", "2021-07-04", "interior", Some("taliban"))),
                "2021-07-06",
            ),
            event("f1", "2021-07-05", "taliban", None),
            until(
                event("d1", "2021-07-07", "defence", Some("government")),
                "2021-07-09",
            ),
            event("a2", "2021-07-08", "taliban", Some("taliban")),
            late(event(
                "e1",
                "2021-07-09/2021-07-12",
                "government",
                Some("government"),
            )),
        ];
        let file = EventsFile {
            parties: vec![
                party("taliban", None),
                party("government", None),
                party("interior", Some("government")),
                party("defence", Some("government")),
                party("pakistan", None),
            ],
            sources: vec![source("early", "2021-07-01"), source("late", "2021-07-10")],
            events: EventTable::from_events(&events),
            maps: Vec::new(),
        };
        let place = Place {
            id: "p".into(),
            name: "p".into(),
            kind: "crossing".into(),
            countries: vec![],
            province: None,
            aliases: vec![],
            position: geo_types::Point::new(61.0, 34.0),
            area: None,
            properties: Default::default(),
        };
        Dataset::link(
            Gazetteer {
                places: vec![place],
            },
            file,
        )
        .0
    }

    #[test]
    fn claims_lapse_and_a_lapsed_confirmation_keeps_what_it_settled_dropped() {
        let dataset = lapsing_world();
        let ledger = dataset.ledger(0, Mode::Event);
        let bar = |id: &str| {
            let bars = ledger
                .lanes
                .iter()
                .flat_map(|l| l.bars.iter().chain(&l.overtaken));
            bars.clone()
                .find(|b| dataset.event(b.event).id == id)
                .copied()
        };
        let b2 = bar("b2").unwrap();
        // The ministry's confirmation settles a1 and c1, replaces b1, and lapses itself.
        assert_eq!(
            (b2.first, b2.last, b2.end),
            (day("2021-07-04"), day("2021-07-06"), BarEnd::Lapsed)
        );
        assert!(matches!(bar("a1").unwrap().end, BarEnd::Settled { .. }));
        assert!(matches!(bar("b1").unwrap().end, BarEnd::Replaced { .. }));
        let d1 = bar("d1").unwrap();
        assert_eq!((d1.last, d1.end), (day("2021-07-09"), BarEnd::Lapsed));
        // On 7 July b2 has lapsed, yet Pakistan's c1, which it settled, stays
        // dropped: d1 alone stands, and names the government.
        let government = dataset.party_by_id("government").unwrap();
        let seventh = ledger.state_on(day("2021-07-07")).unwrap();
        assert_eq!(
            (seventh.status, seventh.holders.as_slice()),
            (Status::Held, &[government][..])
        );
    }

    #[test]
    fn bars_agree_with_the_rule_where_claims_lapse_and_sources_come_late() {
        agrees_with_the_rule(&lapsing_world());
    }

    /// The bars agree with the rule: on every day of the range, for every
    /// place and both modes, the bars covering the day are exactly the claims
    /// the rule keeps, and the band names the rule's controllers.
    #[test]
    fn bars_cover_exactly_the_days_the_rule_keeps_each_claim() {
        agrees_with_the_rule(&built_in());
    }

    fn agrees_with_the_rule(dataset: &Dataset) {
        let (start, end) = dataset.day_range().unwrap();
        for mode in [Mode::Event, Mode::Known] {
            for place in 0..dataset.places().len() {
                let ledger = dataset.ledger(place, mode);
                let mut day = start;
                while day <= end {
                    let state = dataset.place_state_at(place, day, mode);
                    let rule: BTreeSet<usize> = state.claims.iter().copied().collect();
                    let bars: BTreeSet<usize> = ledger.bars_on(day).map(|b| b.event).collect();
                    let name = &dataset.places()[place].id;
                    assert_eq!(bars, rule, "{name} on {day} ({mode:?})");
                    let band = ledger.state_on(day).unwrap();
                    assert_eq!(band.status, state.status, "{name} on {day} ({mode:?})");
                    assert_eq!(
                        band.holders, state.controllers,
                        "{name} on {day} ({mode:?})"
                    );
                    day = day.succ_opt().unwrap();
                }
            }
        }
    }
}
