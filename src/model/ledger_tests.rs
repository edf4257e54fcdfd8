use std::collections::BTreeSet;

use super::*;

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
    let dataset = crate::data::built_in_dataset();
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
    let dataset = crate::data::built_in_dataset();
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
    let dataset = crate::data::built_in_dataset();
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
    agrees_with_the_rule(&crate::data::built_in_dataset());
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
