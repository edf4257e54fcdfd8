use super::*;
use crate::model::test_world::{claim, day, place};
use crate::model::{Event, EventTable, EventsFile, Gazetteer, Party};

fn event(id: &str, date: &str, kind: EventType, claimant: &str, named: &str) -> Event {
    let controller = kind.is_control_claim().then_some(named);
    claim(id, date, kind, claimant, controller)
}

/// Parties: taliban (0), government (1), interior (2, speaks for the government).
fn world(events: Vec<Event>) -> Dataset {
    let place = place("p");
    let parties = vec![
        Party::implicit("taliban"),
        Party::implicit("government"),
        Party {
            side: Some("government".into()),
            ..Party::implicit("interior")
        },
    ];
    let file = EventsFile {
        parties,
        sources: vec![],
        events: EventTable::from_events(&events),
        maps: vec![],
    };
    let gazetteer = Gazetteer {
        places: vec![place],
    };
    Dataset::link(gazetteer, file).0
}

fn seed() -> Dataset {
    use EventType::*;
    world(vec![
        event("a", "2021-07-09", Captured, "taliban", "taliban"),
        // The interior ministry says the government holds it: the government's colour.
        event("b", "2021-07-09", Holds, "interior", "interior"),
        // The government admits the Taliban hold it: the Taliban's colour.
        event("c", "2021-07-09", Withdrew, "government", "taliban"),
        // Fighting reported by the interior ministry: the government's colour.
        event("d", "2021-07-10", Fighting, "interior", ""),
        event("e", "2021-07-14", Captured, "taliban", "taliban"),
        event("f", "2021-07-14", Report, "taliban", ""),
    ])
}

#[test]
fn events_stack_by_the_root_party_they_name() {
    let density = Density::all(&seed());
    let bars = density.bars(1);
    let days: Vec<NaiveDate> = bars.iter().map(|b| b.first).collect();
    assert_eq!(
        days,
        [day("2021-07-09"), day("2021-07-10"), day("2021-07-14")]
    );
    assert_eq!(bars[0].total, 3);
    assert_eq!(bars[0].by_party, [(0, 2), (1, 1)]);
    assert_eq!(bars[1].by_party, [(1, 1)], "fighting: its claimant's side");
    assert_eq!(bars[2].by_party, [(0, 2)]);
    let types: Vec<(EventType, u32)> = bars[2].types().collect();
    assert_eq!(types, [(EventType::Captured, 1), (EventType::Report, 1)]);
    assert_eq!(density.total(), 6);
}

#[test]
fn the_busiest_day_is_the_first_of_the_busiest() {
    let density = Density::all(&seed());
    assert_eq!(density.busiest_day(), Some((day("2021-07-09"), 3)));
    let bars = density.bars(1);
    assert_eq!(tallest(&bars), Some(0));
    let even = [(2, "2021-07-10"), (2, "2021-07-12")].map(|(total, d)| Bar {
        first: day(d),
        days: 1,
        total,
        by_type: [0; 8],
        by_party: vec![],
    });
    assert_eq!(tallest(&even), Some(0));
    assert_eq!(tallest(&[]), None);
}

#[test]
fn a_filter_leaves_out_the_claimants_it_refuses() {
    let dataset = seed();
    let taliban = dataset.party_by_id("taliban").unwrap();
    let density = Density::of(&dataset, |claimant| claimant != taliban);
    assert_eq!(density.total(), 3);
    assert_eq!(density.busiest_day(), Some((day("2021-07-09"), 2)));
    let bars = density.bars(1);
    assert_eq!(bars.len(), 2, "14 July had only the Taliban's events");
    assert_eq!(bars[0].by_party, [(0, 1), (1, 1)]);
}

#[test]
fn weeks_sum_their_days_from_the_range_s_first_day() {
    let density = Density::all(&seed());
    let weeks = density.bars(7);
    assert_eq!(weeks.len(), 1);
    assert_eq!(weeks[0].first, day("2021-07-09"));
    assert_eq!(weeks[0].last(), day("2021-07-15"));
    assert_eq!(weeks[0].total, 6);
    assert_eq!(weeks[0].by_party, [(0, 4), (1, 2)]);
    assert_eq!(weeks[0].by_type[type_index(EventType::Captured)], 2);
    // Bins are counted from the range's first day, not the first event's.
    let density = Density::from_entries(
        Some((day("2021-07-01"), day("2021-07-31"))),
        [
            (day("2021-07-07"), 1, EventType::Holds),
            (day("2021-07-08"), 0, EventType::Holds),
            (day("2021-07-30"), 0, EventType::Fighting),
        ]
        .into_iter(),
    );
    let weeks = density.bars(7);
    let firsts: Vec<NaiveDate> = weeks.iter().map(|b| b.first).collect();
    assert_eq!(
        firsts,
        [day("2021-07-01"), day("2021-07-08"), day("2021-07-29")]
    );
    assert_eq!(weeks[0].by_party, [(1, 1)]);
    assert_eq!(tallest(&weeks), Some(0));
}

#[test]
fn entries_centuries_apart_are_sorted_as_near_ones_are() {
    let entries = [
        (day("2021-07-09"), 2, EventType::Holds),
        (day("1901-01-01"), 1, EventType::Report),
        (day("2021-07-09"), 0, EventType::Captured),
        (day("2021-07-09"), 2, EventType::Holds),
    ];
    let far = Density::from_entries(None, entries.into_iter());
    assert_eq!(far.busiest_day(), Some((day("2021-07-09"), 3)));
    let bars = far.bars(1);
    assert_eq!(bars.len(), 2);
    assert_eq!(bars[0].first, day("1901-01-01"));
    assert_eq!(bars[1].by_party, [(0, 1), (2, 2)]);
    let near = entries.map(|(d, p, k)| match d == day("1901-01-01") {
        true => (day("2021-07-01"), p, k),
        false => (d, p, k),
    });
    let near = Density::from_entries(None, near.into_iter());
    assert_eq!(near.bars(1)[1], bars[1], "the same counts by either sort");
}

#[test]
fn days_narrower_than_two_pixels_are_binned_by_weeks_or_more() {
    assert_eq!(bin_days(24.0), 1);
    assert_eq!(bin_days(2.0), 1);
    assert_eq!(bin_days(1.9), 7);
    assert_eq!(bin_days(0.3), 7);
    assert_eq!(bin_days(0.2), 14);
    assert_eq!(bin_days(0.01), 224);
    assert!(bin_days(0.0) >= MAX_BIN_DAYS);
    assert_eq!(bin_days(f32::NAN), 7);
}

#[test]
fn type_indices_follow_the_list_of_types() {
    for (i, kind) in EventType::ALL.into_iter().enumerate() {
        assert_eq!(type_index(kind), i);
    }
}

/// The cost at scale, measured rather than asserted (timings vary by
/// machine): `cargo test --release --lib -- --ignored --nocapture a_million`.
#[test]
#[ignore]
fn a_million_events_are_counted_once_in_a_blink() {
    use EventType::*;
    let kinds = [Captured, Holds, Denied, Fighting, Report, Withdrew];
    let claimants = ["taliban", "government", "interior"];
    let events: Vec<Event> = (0..1_000_000_usize)
        .map(|i| {
            let kind = kinds[i % kinds.len()];
            let on = day("2021-01-01") + chrono::Days::new((i * 7919 % 1500) as u64);
            let claimant = claimants[i * 31 % 3];
            let date = on.format("%Y-%m-%d").to_string();
            event(&format!("e{i}"), &date, kind, claimant, claimants[i % 3])
        })
        .collect();
    let dataset = world(events);
    let start = std::time::Instant::now();
    let density = Density::all(&dataset);
    let counted = start.elapsed();
    let start = std::time::Instant::now();
    let weeks = density.bars(7);
    let binned = start.elapsed();
    assert_eq!(density.total(), 1_000_000);
    println!(
        "1M events over {} days: counted in {counted:?}, {} weekly bars in {binned:?}",
        density.days.len(),
        weeks.len()
    );
}

#[test]
fn no_events_no_bars() {
    let density = Density::all(&world(vec![]));
    assert_eq!(density.bars(1), []);
    assert_eq!(density.busiest_day(), None);
}
