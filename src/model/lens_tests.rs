//! The lens: resolving claimants from ids and sides, and the rule through it.

use crate::model::test_world::{claim, day, party, place, says};
use crate::model::{
    Believe, Dataset, DiffKind, Event, EventTable, EventType, EventsFile, Gazetteer, Lens, Mode,
    Status, Verification,
};

/// One place "p"; the government speaks through a ministry, and a deputy
/// speaks for the ministry.
fn world(events: Vec<Event>) -> Dataset {
    let parties = vec![
        party("taliban", None),
        party("government", None),
        party("interior", Some("government")),
        party("deputy", Some("interior")),
        party("pakistan", None),
    ];
    let place = place("p");
    let file = EventsFile {
        parties,
        sources: Vec::new(),
        events: EventTable::from_events(&events),
        maps: Vec::new(),
    };
    Dataset::link(
        Gazetteer {
            places: vec![place],
        },
        file,
    )
    .0
}

fn lens(believe: Believe) -> Lens {
    Lens::from(Mode::Event).with_believe(believe)
}

fn holders(dataset: &Dataset, on: &str, lens: &Lens) -> Vec<String> {
    let state = dataset.place_state_with(0, day(on), lens);
    let ids = dataset.party_ids(
        &state
            .controllers
            .iter()
            .map(|&p| p as u32)
            .collect::<Vec<_>>(),
    );
    ids.into_iter().map(str::to_owned).collect()
}

#[test]
fn a_side_brings_every_party_whose_side_chain_leads_to_it() {
    let dataset = world(vec![]);
    let ids = |set: &[u32]| dataset.party_ids(set).join(" ");
    let government = dataset.claimants_of(&["government"]).unwrap();
    assert_eq!(ids(&government), "government interior deputy");
    let interior = dataset.claimants_of(&["interior"]).unwrap();
    assert_eq!(ids(&interior), "interior deputy", "not the side above it");
    let both = dataset
        .claimants_of(&["pakistan", "taliban", "pakistan"])
        .unwrap();
    assert_eq!(ids(&both), "taliban pakistan", "sorted by index, once each");
}

#[test]
fn an_unknown_claimant_is_an_error_naming_it_and_the_known_ones() {
    let dataset = world(vec![]);
    let error = Believe::only(&dataset, &["taliban", "talibn"]).unwrap_err();
    assert_eq!(error.id, "talibn");
    let message = error.to_string();
    assert!(message.contains("\"talibn\""), "{message}");
    assert!(
        message.contains("taliban, government, interior"),
        "{message}"
    );
}

#[test]
fn lenses_believing_the_same_parties_are_equal() {
    let dataset = world(vec![]);
    let a = Believe::except(&dataset, &["pakistan", "government"]).unwrap();
    let b = Believe::except(&dataset, &["government", "pakistan"]).unwrap();
    assert_eq!(lens(a), lens(b));
    assert_eq!(Lens::from(Mode::Known), Lens::new(Mode::Known));
    assert!(Lens::default().believe.is_all());
}

#[test]
fn claimants_not_believed_are_as_if_they_said_nothing() {
    let dataset = world(vec![
        says("g", "2021-07-01", "deputy", "government"),
        says("t", "2021-07-02", "taliban", "taliban"),
        says("pk", "2021-07-03", "pakistan", "taliban"),
    ]);
    let all = Lens::default();
    assert_eq!(
        holders(&dataset, "2021-07-03", &all),
        ["government", "taliban"]
    );
    let except = |ids: &[&str]| lens(Believe::except(&dataset, ids).unwrap());
    let only = |ids: &[&str]| lens(Believe::only(&dataset, ids).unwrap());
    assert_eq!(
        holders(&dataset, "2021-07-03", &except(&["taliban"])),
        ["government", "taliban"],
        "Pakistan still says the Taliban hold it"
    );
    assert_eq!(
        holders(&dataset, "2021-07-03", &except(&["taliban", "pakistan"])),
        ["government"]
    );
    assert_eq!(
        holders(&dataset, "2021-07-03", &only(&["government"])),
        ["government"]
    );
    assert_eq!(
        holders(&dataset, "2021-07-03", &only(&["pakistan"])),
        ["taliban"]
    );
    assert!(holders(&dataset, "2021-07-03", &only(&["interior"])).len() == 1);
    let state = dataset.place_state_with(0, day("2021-07-03"), &only(&["taliban"]));
    assert_eq!(state.claims, vec![1], "only the believed claim is why");
}

#[test]
fn a_confirmation_not_believed_settles_nothing() {
    let mut settles = says("t", "2021-07-02", "taliban", "taliban");
    settles.verification = Verification::Confirmed;
    let dataset = world(vec![
        says("g", "2021-07-01", "government", "government"),
        settles,
    ]);
    let all = dataset.place_state_with(0, day("2021-07-03"), &Lens::default());
    assert!(all.confirmed);
    assert_eq!(all.claims, vec![1], "the government's claim is settled");
    let without = lens(Believe::except(&dataset, &["taliban"]).unwrap());
    let state = dataset.place_state_with(0, day("2021-07-03"), &without);
    assert_eq!((state.status, state.confirmed), (Status::Held, false));
    assert_eq!(state.claims, vec![0], "its claim stands again");
}

#[test]
fn fighting_reported_by_a_claimant_not_believed_is_not_seen() {
    let dataset = world(vec![claim(
        "f",
        "2021-07-02",
        EventType::Fighting,
        "pakistan",
        None,
    )]);
    assert!(
        dataset
            .place_state_with(0, day("2021-07-03"), &Lens::default())
            .fighting
    );
    let without = lens(Believe::except(&dataset, &["pakistan"]).unwrap());
    assert!(
        !dataset
            .place_state_with(0, day("2021-07-03"), &without)
            .fighting
    );
}

#[test]
fn the_mode_only_functions_are_the_lens_believing_everyone() {
    let dataset = world(vec![
        says("g", "2021-07-01", "deputy", "government"),
        says("t", "2021-07-02", "taliban", "taliban"),
    ]);
    for mode in [Mode::Event, Mode::Known] {
        assert_eq!(
            dataset.control_state_at(day("2021-07-02"), mode),
            dataset.control_state_with(day("2021-07-02"), &Lens::from(mode))
        );
    }
}

/// The data, not the filter, keeps Spin Boldak disputed without the
/// Taliban: Pakistani officials and a civilian also say the Taliban hold it.
#[test]
fn spin_boldak_on_14_july_through_lenses() {
    let dataset = crate::data::built_in_dataset();
    let place = dataset.place_by_id("spin-boldak-chaman").unwrap();
    let on = |believe: Believe| {
        let state = dataset.place_state_with(place, day("2021-07-14"), &lens(believe));
        let controllers: Vec<u32> = state.controllers.iter().map(|&p| p as u32).collect();
        (state.status, dataset.party_ids(&controllers).join(" "))
    };
    assert_eq!(
        on(Believe::All),
        (Status::Disputed, "government taliban".into())
    );
    let except_taliban = Believe::except(&dataset, &["taliban"]).unwrap();
    assert_eq!(
        on(except_taliban),
        (Status::Disputed, "government taliban".into())
    );
    let only_government = Believe::only(&dataset, &["government"]).unwrap();
    assert_eq!(on(only_government), (Status::Held, "government".into()));
    let taliban_and_pakistan = Believe::except(
        &dataset,
        &["taliban", "pakistani-officials", "civilians-wesh"],
    );
    assert_eq!(
        on(taliban_and_pakistan.unwrap()),
        (Status::Held, "government".into())
    );
}

#[test]
fn from_8_to_14_july_spin_boldak_became_disputed_and_abu_nasr_farahi_held() {
    let dataset = crate::data::built_in_dataset();
    let diff = dataset.diff(day("2021-07-08"), day("2021-07-14"), &Lens::default());
    let kind_of = |id: &str| {
        let place = dataset.place_by_id(id).unwrap();
        diff.groups
            .iter()
            .find(|g| g.places.iter().any(|p| p.place == place))
            .map(|g| g.kind)
    };
    assert_eq!(
        kind_of("spin-boldak-chaman"),
        Some(DiffKind::BecameDisputed)
    );
    assert_eq!(kind_of("abu-nasr-farahi"), Some(DiffKind::BecameHeld));
    assert_eq!(kind_of("islam-qala"), Some(DiffKind::DisputeSettled));
    assert_eq!(
        kind_of("shir-khan-bandar"),
        None,
        "renewed, still held by the Taliban"
    );
    let farahi = dataset.place_by_id("abu-nasr-farahi").unwrap();
    let change = diff
        .groups
        .iter()
        .flat_map(|g| &g.places)
        .find(|p| p.place == farahi)
        .unwrap();
    let added: Vec<&str> = change
        .claims_added
        .iter()
        .map(|&e| dataset.events().id(e))
        .collect();
    assert_eq!(added, ["anf-2"]);
    assert!(change.claims_dropped.is_empty());
    let order: Vec<DiffKind> = diff.groups.iter().map(|g| g.kind).collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|k| DiffKind::ALL.iter().position(|a| a == k));
    assert_eq!(order, sorted, "groups in the fixed order");
}

#[test]
fn a_diff_through_a_lens_sees_only_the_believed_claims() {
    let dataset = crate::data::built_in_dataset();
    let only = lens(Believe::only(&dataset, &["government"]).unwrap());
    let diff = dataset.diff(day("2021-07-08"), day("2021-07-14"), &only);
    let spin_boldak = dataset.place_by_id("spin-boldak-chaman").unwrap();
    let group = diff
        .groups
        .iter()
        .find(|g| g.places.iter().any(|p| p.place == spin_boldak));
    assert_eq!(group.map(|g| g.kind), Some(DiffKind::BecameHeld));
    assert_eq!(diff.lens, only);
}
