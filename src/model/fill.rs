//! The one colour a place's state is summed up in, for the exports (`state
//! --format csv|geojson`, File → Export state…) that tools paint one colour a
//! feature from. The window uses the same colours (its disputed violet and
//! unknown grey are these constants, a held place its holder's colour), but
//! draws a disputed place split into its rivals' colours, which one colour
//! cannot say.

use super::{Dataset, Party, PlaceState, Rgb, Status};

/// Disputed: the violet of a disputed area's edge and of the disputed share
/// of a cluster's ring. A fixed colour rather than a mix of the rivals', so
/// "contested" reads the same whoever the rivals are.
pub const DISPUTED_VIOLET: Rgb = Rgb([0x7d, 0x3c, 0x98]);

/// Unknown: no standing claim. A grey no party's palette colour comes near.
pub const UNKNOWN_GREY: Rgb = Rgb([0x8a, 0x8a, 0x8a]);

/// The colour of `state`: the holder's party colour when held, the disputed
/// violet when disputed, the unknown grey otherwise.
pub fn state_fill(dataset: &Dataset, state: &PlaceState) -> Rgb {
    fill_among(dataset.parties(), state)
}

/// The rule over a party list. A held state names exactly one controller;
/// if it ever named none or several, or an index out of range, it is drawn
/// as the window draws such an area: grey, never some party's colour.
fn fill_among(parties: &[Party], state: &PlaceState) -> Rgb {
    match (state.status, state.controllers.as_slice()) {
        (Status::Held, &[holder]) => parties.get(holder).map_or(UNKNOWN_GREY, |p| p.color),
        (Status::Disputed, _) => DISPUTED_VIOLET,
        _ => UNKNOWN_GREY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_world::{day, party, place, says};
    use crate::model::{Event, EventTable, EventsFile, Gazetteer, Lens, Mode};

    /// One place "p"; the Taliban in red, the government in blue, and a
    /// ministry speaking for the government.
    fn world(events: Vec<Event>) -> Dataset {
        let coloured = |id: &str, hex: &str| Party {
            color: hex.parse().unwrap(),
            ..party(id, None)
        };
        let parties = vec![
            coloured("taliban", "#c0392b"),
            coloured("government", "#2e86c1"),
            party("interior", Some("government")),
        ];
        let file = EventsFile {
            parties,
            sources: Vec::new(),
            events: EventTable::from_events(&events),
            maps: Vec::new(),
        };
        let gazetteer = Gazetteer {
            places: vec![place("p")],
        };
        Dataset::link(gazetteer, file).0
    }

    fn fill_on(dataset: &Dataset, on: &str) -> Rgb {
        let state = dataset.place_state_with(0, day(on), &Lens::from(Mode::Event));
        state_fill(dataset, &state)
    }

    #[test]
    fn a_held_place_is_its_holder_s_colour_even_when_a_sub_party_says_so() {
        let taliban = world(vec![says("a", "2021-07-08", "taliban", "taliban")]);
        assert_eq!(fill_on(&taliban, "2021-07-08"), Rgb([0xc0, 0x39, 0x2b]));
        // The ministry names its own side: the government's colour, not the ministry's.
        let government = world(vec![says("a", "2021-07-08", "interior", "interior")]);
        assert_eq!(fill_on(&government, "2021-07-08"), Rgb([0x2e, 0x86, 0xc1]));
    }

    #[test]
    fn a_disputed_place_is_violet_and_a_place_without_claims_grey() {
        let dataset = world(vec![
            says("a", "2021-07-08", "taliban", "taliban"),
            says("b", "2021-07-09", "government", "government"),
        ]);
        assert_eq!(fill_on(&dataset, "2021-07-07"), UNKNOWN_GREY);
        assert_eq!(fill_on(&dataset, "2021-07-09"), DISPUTED_VIOLET);
    }

    #[test]
    fn a_held_state_without_exactly_one_known_holder_is_grey_not_a_party_colour() {
        let parties = [Party::implicit("taliban")];
        let held_by = |controllers: Vec<usize>| PlaceState {
            status: Status::Held,
            controllers,
            ..PlaceState::default()
        };
        assert_eq!(fill_among(&parties, &held_by(vec![])), UNKNOWN_GREY);
        assert_eq!(fill_among(&parties, &held_by(vec![7])), UNKNOWN_GREY);
        assert_eq!(fill_among(&parties, &held_by(vec![0, 0])), UNKNOWN_GREY);
        assert_eq!(fill_among(&parties, &held_by(vec![0])), parties[0].color);
    }

    #[test]
    fn the_two_fixed_colours_are_no_party_palette_colour() {
        // A party without a colour of its own must never look disputed or unknown.
        // Five hundred ids reach every colour of the twelve in the palette.
        for id in (0..500).map(|i| format!("party-{i}")) {
            let colour = Rgb::for_id(&id);
            assert_ne!(colour, DISPUTED_VIOLET, "{id}");
            assert_ne!(colour, UNKNOWN_GREY, "{id}");
        }
    }
}
