//! The rule, step by step, on small hand-built worlds.

use super::test_world::{claim, day, party, place, says};
use super::*;

fn confirmed(event: Event) -> Event {
    Event {
        verification: Verification::Confirmed,
        ..event
    }
}

fn from(event: Event, source: &str) -> Event {
    Event {
        source: Some(source.into()),
        ..event
    }
}

/// One place "p"; parties taliban and government, with two ministries and a
/// deputy of one of them speaking for the government.
fn world(events: Vec<Event>) -> Dataset {
    let parties = vec![
        party("taliban", None),
        party("government", None),
        party("interior", Some("government")),
        party("defence", Some("government")),
        party("deputy", Some("interior")),
        party("pakistan", None),
    ];
    let sources = vec![
        Source {
            id: "late".into(),
            outlet: "Weekly".into(),
            title: None,
            url: None,
            published: Some("2021-07-20".parse().unwrap()),
            author: None,
            note: None,
        },
        Source {
            id: "undated".into(),
            outlet: "Blog".into(),
            title: None,
            url: None,
            published: None,
            author: None,
            note: None,
        },
    ];
    let gazetteer = Gazetteer {
        places: vec![place("p"), place("quiet")],
    };
    let (dataset, warnings) = Dataset::link(
        gazetteer,
        EventsFile {
            parties,
            sources,
            events: EventTable::from_events(&events),
            maps: Vec::new(),
        },
    );
    assert_eq!(warnings, vec![]);
    dataset
}

fn state(dataset: &Dataset, on: &str) -> PlaceState {
    dataset.place_state_at(0, day(on), Mode::Event)
}

fn controller_ids(dataset: &Dataset, state: &PlaceState) -> Vec<String> {
    state
        .controllers
        .iter()
        .map(|&p| dataset.parties()[p].id.clone())
        .collect()
}

fn claim_ids(dataset: &Dataset, state: &PlaceState) -> Vec<String> {
    state
        .claims
        .iter()
        .map(|&e| dataset.event(e).id.to_owned())
        .collect()
}

#[test]
fn a_place_without_claims_is_unknown() {
    let dataset = world(vec![]);
    let quiet = state(&dataset, "2021-07-14");
    assert_eq!(quiet, PlaceState::default());
    assert_eq!(quiet.status, Status::Unknown);
    assert_eq!(quiet.since, None);
}

#[test]
fn claims_after_the_day_are_not_yet_made() {
    let dataset = world(vec![says("a", "2021-07-10", "taliban", "taliban")]);
    assert_eq!(state(&dataset, "2021-07-09").status, Status::Unknown);
    assert_eq!(state(&dataset, "2021-07-10").status, Status::Held);
}

#[test]
fn one_claim_makes_the_place_held() {
    let dataset = world(vec![says("a", "2021-07-08", "taliban", "taliban")]);
    let held = state(&dataset, "2021-07-09");
    assert_eq!(held.status, Status::Held);
    assert_eq!(controller_ids(&dataset, &held), ["taliban"]);
    assert!(!held.confirmed);
    assert_eq!(held.since, Some(day("2021-07-08")));
    assert_eq!(claim_ids(&dataset, &held), ["a"]);
}

#[test]
fn rival_claims_make_the_place_disputed() {
    let dataset = world(vec![
        claim(
            "b",
            "2021-07-14",
            EventType::Captured,
            "taliban",
            Some("taliban"),
        ),
        claim(
            "a",
            "2021-07-14",
            EventType::Denied,
            "interior",
            Some("government"),
        ),
    ]);
    let disputed = state(&dataset, "2021-07-14");
    assert_eq!(disputed.status, Status::Disputed);
    assert_eq!(
        controller_ids(&dataset, &disputed),
        ["government", "taliban"],
        "sorted by id"
    );
    assert_eq!(claim_ids(&dataset, &disputed), ["a", "b"], "sorted by id");
}

#[test]
fn controllers_are_counted_by_their_root_party() {
    // The interior ministry's deputy and the defence ministry both speak for the government.
    let dataset = world(vec![
        says("a", "2021-07-08", "pakistan", "deputy"),
        says("b", "2021-07-08", "taliban", "defence"),
    ]);
    let held = state(&dataset, "2021-07-08");
    assert_eq!(held.status, Status::Held);
    assert_eq!(controller_ids(&dataset, &held), ["government"]);
}

#[test]
fn each_claimant_counts_only_with_its_latest_claim() {
    let dataset = world(vec![
        says("a", "2021-07-08", "interior", "government"),
        says("b", "2021-07-09", "taliban", "taliban"),
        says("c", "2021-07-10", "interior", "taliban"),
    ]);
    assert_eq!(state(&dataset, "2021-07-09").status, Status::Disputed);
    let conceded = state(&dataset, "2021-07-10");
    assert_eq!(conceded.status, Status::Held);
    assert_eq!(claim_ids(&dataset, &conceded), ["b", "c"]);
    assert_eq!(conceded.since, Some(day("2021-07-10")));
}

#[test]
fn claimants_are_told_apart_by_their_own_id_not_their_side() {
    // Two ministries of one government contradict each other: both claims stand.
    let dataset = world(vec![
        says("a", "2021-07-08", "interior", "government"),
        says("b", "2021-07-09", "defence", "taliban"),
    ]);
    assert_eq!(state(&dataset, "2021-07-09").status, Status::Disputed);
}

#[test]
fn on_the_same_day_the_later_line_of_the_file_wins() {
    let dataset = world(vec![
        says("z-first", "2021-07-08", "interior", "government"),
        says("a-second", "2021-07-08", "interior", "taliban"),
    ]);
    let held = state(&dataset, "2021-07-08");
    assert_eq!(controller_ids(&dataset, &held), ["taliban"]);
    assert_eq!(claim_ids(&dataset, &held), ["a-second"]);
}

#[test]
fn an_interval_counts_from_its_last_day() {
    let dataset = world(vec![
        says("range", "2021-07-08/2021-07-12", "interior", "taliban"),
        says("day", "2021-07-10", "interior", "government"),
    ]);
    assert_eq!(state(&dataset, "2021-07-09").status, Status::Unknown);
    let on_tenth = state(&dataset, "2021-07-10");
    assert_eq!(controller_ids(&dataset, &on_tenth), ["government"]);
    // From the 12th the interval is the interior ministry's newer claim.
    let on_twelfth = state(&dataset, "2021-07-12");
    assert_eq!(controller_ids(&dataset, &on_twelfth), ["taliban"]);
    assert_eq!(on_twelfth.since, Some(day("2021-07-12")));
}

#[test]
fn a_month_counts_from_its_last_day() {
    let dataset = world(vec![says("june", "2021-06", "taliban", "taliban")]);
    assert_eq!(state(&dataset, "2021-06-29").status, Status::Unknown);
    assert_eq!(state(&dataset, "2021-06-30").status, Status::Held);
}

#[test]
fn a_confirmation_settles_earlier_claims() {
    let dataset = world(vec![
        says("a", "2021-07-08", "interior", "government"),
        says("b", "2021-07-08", "taliban", "taliban"),
        confirmed(claim(
            "c",
            "2021-07-09",
            EventType::Confirmed,
            "defence",
            Some("taliban"),
        )),
    ]);
    assert_eq!(state(&dataset, "2021-07-08").status, Status::Disputed);
    let settled = state(&dataset, "2021-07-09");
    assert_eq!(settled.status, Status::Held);
    assert_eq!(controller_ids(&dataset, &settled), ["taliban"]);
    assert!(settled.confirmed);
    assert_eq!(claim_ids(&dataset, &settled), ["c"]);
}

#[test]
fn only_claims_after_a_confirmation_can_reopen_it() {
    let dataset = world(vec![
        confirmed(says("a", "2021-07-09", "defence", "taliban")),
        says("b", "2021-07-11", "interior", "government"),
    ]);
    let reopened = state(&dataset, "2021-07-11");
    assert_eq!(reopened.status, Status::Disputed);
    assert!(!reopened.confirmed);
    assert_eq!(claim_ids(&dataset, &reopened), ["a", "b"]);
}

#[test]
fn a_later_claim_for_the_confirmed_party_keeps_it_held_and_confirmed() {
    let dataset = world(vec![
        confirmed(says("a", "2021-07-09", "defence", "taliban")),
        says("b", "2021-07-11", "taliban", "taliban"),
    ]);
    let held = state(&dataset, "2021-07-11");
    assert!(held.confirmed);
    assert_eq!(held.since, Some(day("2021-07-11")));
}

#[test]
fn the_last_confirmation_is_the_one_that_counts() {
    let dataset = world(vec![
        confirmed(says("a", "2021-07-08", "defence", "taliban")),
        confirmed(says("b", "2021-07-10", "pakistan", "government")),
    ]);
    let held = state(&dataset, "2021-07-10");
    assert_eq!(controller_ids(&dataset, &held), ["government"]);
    assert!(held.confirmed);
    assert_eq!(claim_ids(&dataset, &held), ["b"]);
}

#[test]
fn a_retaking_after_a_confirmed_loss_is_held_but_not_confirmed() {
    // Qala-e-Naw: the ministry admits the city fell, then says it retook it.
    let dataset = world(vec![
        confirmed(claim(
            "a",
            "2021-07-07/2021-07-08",
            EventType::Captured,
            "defence",
            Some("taliban"),
        )),
        claim(
            "b",
            "2021-07-08",
            EventType::Retaken,
            "defence",
            Some("government"),
        ),
    ]);
    let held = state(&dataset, "2021-07-08");
    assert_eq!(controller_ids(&dataset, &held), ["government"]);
    assert!(!held.confirmed);
}

#[test]
fn fighting_and_reports_never_change_control() {
    let dataset = world(vec![
        says("a", "2021-07-08", "taliban", "taliban"),
        claim("f", "2021-07-09", EventType::Fighting, "pakistan", None),
        claim("r", "2021-07-09", EventType::Report, "interior", None),
    ]);
    let held = state(&dataset, "2021-07-09");
    assert_eq!(held.status, Status::Held);
    assert_eq!(claim_ids(&dataset, &held), ["a"]);
}

#[test]
fn fighting_shows_for_seven_days_ending_on_the_day() {
    let dataset = world(vec![claim(
        "f",
        "2021-07-09",
        EventType::Fighting,
        "pakistan",
        None,
    )]);
    assert!(!state(&dataset, "2021-07-08").fighting);
    assert!(state(&dataset, "2021-07-09").fighting);
    assert!(
        state(&dataset, "2021-07-15").fighting,
        "D-6 is inside the window"
    );
    assert!(!state(&dataset, "2021-07-16").fighting);
    assert_eq!(state(&dataset, "2021-07-09").status, Status::Unknown);
}

#[test]
fn fighting_is_found_behind_later_events_of_the_window() {
    let dataset = world(vec![
        claim("f", "2021-07-09", EventType::Fighting, "pakistan", None),
        says("a", "2021-07-12", "taliban", "taliban"),
        claim("r", "2021-07-13", EventType::Report, "interior", None),
    ]);
    assert!(state(&dataset, "2021-07-13").fighting);
}

#[test]
fn known_mode_leaves_out_what_was_not_yet_published() {
    let dataset = world(vec![
        says("a", "2021-07-08", "interior", "government"),
        from(says("b", "2021-07-09", "taliban", "taliban"), "late"),
    ]);
    let as_known = |on: &str| dataset.place_state_at(0, day(on), Mode::Known);
    assert_eq!(state(&dataset, "2021-07-10").status, Status::Disputed);
    assert_eq!(as_known("2021-07-10").status, Status::Held);
    assert_eq!(
        as_known("2021-07-20").status,
        Status::Disputed,
        "published on the 20th"
    );
}

#[test]
fn known_mode_keeps_events_without_a_publication_date() {
    let dataset = world(vec![
        from(says("a", "2021-07-08", "interior", "government"), "undated"),
        says("b", "2021-07-09", "taliban", "taliban"),
    ]);
    let as_known = dataset.place_state_at(0, day("2021-07-09"), Mode::Known);
    assert_eq!(as_known.status, Status::Disputed);
}

#[test]
fn known_mode_hides_unpublished_fighting_too() {
    let dataset = world(vec![from(
        claim("f", "2021-07-09", EventType::Fighting, "pakistan", None),
        "late",
    )]);
    assert!(state(&dataset, "2021-07-10").fighting);
    assert!(
        !dataset
            .place_state_at(0, day("2021-07-10"), Mode::Known)
            .fighting
    );
}

#[test]
fn all_places_at_once_agree_with_each_place_alone() {
    let dataset = world(vec![
        says("a", "2021-07-08", "interior", "government"),
        says("b", "2021-07-09", "taliban", "taliban"),
    ]);
    let all = dataset.control_state_at(day("2021-07-09"), Mode::Event);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0], state(&dataset, "2021-07-09"));
    assert_eq!(
        all[1].status,
        Status::Unknown,
        "the quiet place has no events"
    );
}

#[test]
fn unknown_ids_are_kept_and_warned_about() {
    let events = vec![Event {
        source: Some("nowhere".into()),
        ..says("a", "2021-07-08", "militia", "militia")
    }];
    let gazetteer = Gazetteer {
        places: vec![place("elsewhere")],
    };
    let (dataset, warnings) = Dataset::link(
        gazetteer,
        EventsFile {
            events: EventTable::from_events(&events),
            ..Default::default()
        },
    );
    let messages: Vec<String> = warnings.iter().map(|w| w.warning.to_string()).collect();
    assert_eq!(
        messages,
        [
            "event a: place \"p\" is not in the gazetteer; the event is listed as unplaced",
            "event a: party \"militia\" is not in the parties list; it was added with a palette colour",
            "event a: source \"nowhere\" is not in the sources list",
        ]
    );
    assert_eq!(dataset.unplaced_events(), [0]);
    let militia = dataset.party_by_id("militia").unwrap();
    assert!(dataset.parties()[militia].implicit);
    assert_eq!(
        dataset.parties().len(),
        1,
        "created once, though named twice"
    );
}

#[test]
fn events_of_a_place_are_ordered_by_day_then_file_position() {
    let dataset = world(vec![
        says("late", "2021-07-10", "taliban", "taliban"),
        says("month", "2021-07", "taliban", "taliban"),
        says("early", "2021-07-08", "taliban", "taliban"),
        says("early-too", "2021-07-08", "interior", "taliban"),
    ]);
    let ids: Vec<&str> = dataset
        .events_of_place(0)
        .map(|e| dataset.event(e).id)
        .collect();
    assert_eq!(ids, ["early", "early-too", "late", "month"]);
    assert_eq!(
        dataset.day_range(),
        Some((day("2021-07-08"), day("2021-07-31")))
    );
}

#[test]
fn an_event_dated_after_its_source_was_published_is_warned_about() {
    let sources = vec![Source {
        id: "wire".into(),
        outlet: "Wire".into(),
        title: None,
        url: None,
        published: Some("2021-07-09".parse().unwrap()),
        author: None,
        note: None,
    }];
    let events = vec![
        from(says("month", "2021-07", "taliban", "taliban"), "wire"),
        from(says("day", "2021-07-09", "taliban", "taliban"), "wire"),
    ];
    let gazetteer = Gazetteer {
        places: vec![place("p")],
    };
    let parties = vec![party("taliban", None)];
    let (_, warnings) = Dataset::link(
        gazetteer,
        EventsFile {
            parties,
            sources,
            events: EventTable::from_events(&events),
            maps: Vec::new(),
        },
    );
    let messages: Vec<String> = warnings.iter().map(|w| w.warning.to_string()).collect();
    assert_eq!(
        messages,
        [
            "event month: dated to 2021-07-31 at the latest, after its source was published on 2021-07-09; an interval ending on the publication day would say when it was surely made"
        ]
    );
}

#[test]
fn a_side_chain_of_100_000_parties_resolves_in_one_pass() {
    // Quadratic before: 30,000 took 25 s, 50,000 never finished.
    let n = 100_000;
    let parties: Vec<Party> = (0..n)
        .map(|i| {
            let side = (i + 1 < n).then(|| format!("p{}", i + 1));
            party(&format!("p{i}"), side.as_deref())
        })
        .collect();
    let file = EventsFile {
        parties,
        ..EventsFile::default()
    };
    let (dataset, _) = Dataset::link(Gazetteer::default(), file);
    let last = n - 1;
    assert_eq!(dataset.root_party(0), last);
    assert_eq!(dataset.root_party(n / 2), last);
    assert_eq!(dataset.root_party(last), last);
}

#[test]
fn a_hand_built_side_cycle_still_has_roots() {
    let file = EventsFile {
        parties: vec![
            party("a", Some("b")),
            party("b", Some("a")),
            party("c", Some("a")),
        ],
        ..EventsFile::default()
    };
    let (dataset, _) = Dataset::link(Gazetteer::default(), file);
    let a_root = dataset.root_party(0);
    assert!(a_root < 2, "a member of the cycle");
    assert_eq!(
        dataset.root_party(2),
        a_root,
        "c follows a to the same root"
    );
}

#[test]
fn ids_rank_as_sorting_them_whole_would() {
    let ids = [
        "e9",
        "e10",
        "a",
        "a\0",
        "ab",
        "",
        "abcdefgh",
        "abcdefghi",
        "abcdefgh\0",
        "abcdefga-long",
        "é",
        "Z",
        "abcdefgh-2",
        "abcdefgh-10",
    ];
    let mut sorted: Vec<&str> = ids.to_vec();
    sorted.sort_unstable();
    let expected: Vec<u32> = ids
        .iter()
        .map(|id| sorted.iter().position(|s| s == id).unwrap() as u32)
        .collect();
    assert_eq!(super::rule::ranks(ids.iter().copied()), expected);
}

#[test]
fn stored_links_and_event_records_stay_compact() {
    // A million events: every byte here is a megabyte.
    assert_eq!(std::mem::size_of::<super::dataset::PackedLinks>(), 24);
    assert_eq!(std::mem::size_of::<super::EventLinks>(), 64);
    assert!(std::mem::size_of::<super::EventRecord>() <= 96);
}

fn until(event: Event, last: &str) -> Event {
    Event {
        until: Some(day(last)),
        ..event
    }
}

#[test]
fn a_claim_stands_through_its_until_day_and_has_lapsed_after_it() {
    let dataset = world(vec![until(
        says("a", "2021-07-10", "taliban", "taliban"),
        "2021-07-12",
    )]);
    assert_eq!(state(&dataset, "2021-07-12").status, Status::Held);
    let after = state(&dataset, "2021-07-13");
    assert_eq!(after, PlaceState::default(), "lapsed: nothing stands");
}

#[test]
fn a_lapsed_claim_does_not_bring_back_its_claimants_earlier_claims() {
    let dataset = world(vec![
        says("a", "2021-07-08", "taliban", "government"),
        until(says("b", "2021-07-10", "taliban", "taliban"), "2021-07-12"),
        says("c", "2021-07-09", "interior", "government"),
    ]);
    let before = state(&dataset, "2021-07-11");
    assert_eq!(controller_ids(&dataset, &before), ["government", "taliban"]);
    // The Taliban's last claim lapsed; their claim of 8 July does not return.
    let after = state(&dataset, "2021-07-13");
    assert_eq!(after.status, Status::Held);
    assert_eq!(controller_ids(&dataset, &after), ["government"]);
    assert_eq!(claim_ids(&dataset, &after), ["c"]);
    assert_eq!(
        after.since,
        Some(day("2021-07-09")),
        "since, from what still stands"
    );
}

#[test]
fn what_a_confirmation_settled_stays_settled_after_it_lapses() {
    let dataset = world(vec![
        says("a", "2021-07-08", "taliban", "taliban"),
        until(
            confirmed(says("b", "2021-07-10", "interior", "government")),
            "2021-07-12",
        ),
    ]);
    let settled = state(&dataset, "2021-07-11");
    assert!(settled.confirmed);
    assert_eq!(claim_ids(&dataset, &settled), ["b"]);
    let lapsed = state(&dataset, "2021-07-13");
    assert_eq!(
        lapsed,
        PlaceState::default(),
        "the Taliban's claim stays settled"
    );
}

#[test]
fn a_lapsed_confirmation_no_longer_confirms_what_is_still_claimed() {
    let dataset = world(vec![
        until(
            confirmed(says("a", "2021-07-10", "interior", "government")),
            "2021-07-12",
        ),
        says("b", "2021-07-11", "defence", "government"),
    ]);
    assert!(state(&dataset, "2021-07-12").confirmed);
    let after = state(&dataset, "2021-07-13");
    assert_eq!(after.status, Status::Held);
    assert!(
        !after.confirmed,
        "held on the defence ministry's word alone"
    );
    assert_eq!(claim_ids(&dataset, &after), ["b"]);
}

#[test]
fn as_known_on_a_day_a_claim_lapses_on_the_same_day_it_does_by_event_date() {
    let dataset = world(vec![
        says("a", "2021-07-08", "government", "government"),
        from(
            until(says("b", "2021-07-10", "taliban", "taliban"), "2021-07-22"),
            "late",
        ),
    ]);
    let known = |on: &str| dataset.place_state_at(0, day(on), Mode::Known);
    // Published on 20 July: unknown to a reader before, standing until the 22nd.
    assert_eq!(
        controller_ids(&dataset, &known("2021-07-19")),
        ["government"]
    );
    assert_eq!(
        controller_ids(&dataset, &known("2021-07-21")),
        ["government", "taliban"]
    );
    assert_eq!(
        controller_ids(&dataset, &known("2021-07-23")),
        ["government"]
    );
    let event = state(&dataset, "2021-07-23");
    assert_eq!(controller_ids(&dataset, &event), ["government"]);
}

#[test]
fn the_day_a_claim_lapses_is_a_day_of_the_timeline() {
    let dataset = world(vec![
        says("a", "2021-07-08", "taliban", "taliban"),
        until(
            says("b", "2021-07-09", "interior", "government"),
            "2021-07-12",
        ),
    ]);
    assert_eq!(
        dataset.day_range(),
        Some((day("2021-07-08"), day("2021-07-13")))
    );
    assert_eq!(
        dataset.event_days(),
        [day("2021-07-08"), day("2021-07-09"), day("2021-07-13")]
    );
}
