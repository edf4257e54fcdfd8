//! How a place that is an area looks on its day: the same meanings as a
//! marker's symbol, spread over its outline. Held is a tint of the holder's
//! colour with a solid edge in it; disputed is stripes of the sides' colours;
//! unknown is no fill and a grey edge; confirmed thickens the edge; fighting
//! nearby adds a red dashed edge; the selection a yellow one.

use eframe::egui::{Color32, Stroke};

use super::markers::DISPUTED;
use super::symbols::{SELECTED_RING, UNKNOWN_GREY, color};
use crate::model::{Dataset, PlaceState, Status};

/// How much of the holder's colour a held area shows: a tint that leaves
/// the basemap and the markers on it readable.
pub const FILL_OPACITY: f32 = 0.33;
/// Stripes are narrower than a whole fill, so they can be a little stronger.
pub const STRIPE_OPACITY: f32 = 0.45;
/// The distance between neighbouring stripes, and so their width: they touch.
pub const STRIPE_SPACING: f64 = 7.0;
/// Stripes go up to the right: `/`.
pub const STRIPE_ANGLE: f64 = -std::f64::consts::FRAC_PI_4;

const EDGE: f32 = 1.5;
const CONFIRMED_EDGE: f32 = 3.0;
/// Wider than the basemap's borders (1.3) and province lines, which an
/// area's outline often follows, so that an unknown area still shows as a place.
const UNKNOWN_EDGE: f32 = 2.5;
pub const SELECTED_EDGE: Stroke = Stroke {
    width: 3.0,
    color: SELECTED_RING,
};

#[derive(Clone, Debug, PartialEq)]
pub enum AreaFill {
    None,
    Tint(Color32),
    /// One colour per side, taking turns stripe by stripe.
    Stripes(Vec<Color32>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct AreaStyle {
    pub fill: AreaFill,
    pub edge: Stroke,
    pub fighting: bool,
}

impl AreaStyle {
    pub fn of(dataset: &Dataset, state: &PlaceState) -> AreaStyle {
        let party = |p: usize| color(dataset.parties()[p].color);
        let width = if state.confirmed {
            CONFIRMED_EDGE
        } else {
            EDGE
        };
        let (fill, edge) = match (state.status, state.controllers.as_slice()) {
            (Status::Held, &[holder]) => (
                AreaFill::Tint(party(holder).gamma_multiply(FILL_OPACITY)),
                Stroke::new(width, party(holder)),
            ),
            (Status::Disputed, sides) if !sides.is_empty() => (
                AreaFill::Stripes(
                    sides
                        .iter()
                        .map(|&p| party(p).gamma_multiply(STRIPE_OPACITY))
                        .collect(),
                ),
                Stroke::new(width, DISPUTED),
            ),
            _ => (AreaFill::None, Stroke::new(UNKNOWN_EDGE, UNKNOWN_GREY)),
        };
        AreaStyle {
            fill,
            edge,
            fighting: state.fighting,
        }
    }
}

/// The colour of hatch line `line` when lines take turns among `colors`.
pub fn stripe_color(colors: &[Color32], line: i64) -> Option<Color32> {
    let n = i64::try_from(colors.len()).ok().filter(|&n| n > 0)?;
    // `rem_euclid` of a positive `n` is in 0..n, so the index is in range.
    colors.get(line.rem_euclid(n) as usize).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventsFile, Gazetteer, Party, Rgb};

    fn dataset() -> Dataset {
        let party = |id: &str, rgb: [u8; 3]| Party {
            color: Rgb(rgb),
            ..Party::implicit(id)
        };
        let file = EventsFile {
            parties: vec![party("a", [200, 0, 0]), party("b", [0, 0, 200])],
            ..EventsFile::default()
        };
        Dataset::link(Gazetteer::default(), file).0
    }

    fn state(status: Status, controllers: Vec<usize>) -> PlaceState {
        PlaceState {
            status,
            controllers,
            ..PlaceState::default()
        }
    }

    #[test]
    fn held_is_a_tint_of_the_holder_with_its_edge_thicker_when_confirmed() {
        let dataset = dataset();
        let held = AreaStyle::of(&dataset, &state(Status::Held, vec![0]));
        let red = Color32::from_rgb(200, 0, 0);
        assert_eq!(held.fill, AreaFill::Tint(red.gamma_multiply(FILL_OPACITY)));
        assert_eq!(held.edge, Stroke::new(EDGE, red));
        let confirmed = PlaceState {
            confirmed: true,
            ..state(Status::Held, vec![0])
        };
        assert_eq!(
            AreaStyle::of(&dataset, &confirmed).edge.width,
            CONFIRMED_EDGE
        );
    }

    #[test]
    fn disputed_is_stripes_of_each_side_and_unknown_is_a_grey_edge() {
        let dataset = dataset();
        let fighting = PlaceState {
            fighting: true,
            ..state(Status::Disputed, vec![0, 1])
        };
        let disputed = AreaStyle::of(&dataset, &fighting);
        let AreaFill::Stripes(colors) = &disputed.fill else {
            panic!("stripes: {disputed:?}");
        };
        assert_eq!(colors.len(), 2);
        assert!(disputed.fighting);
        let unknown = AreaStyle::of(&dataset, &PlaceState::default());
        assert_eq!(unknown.fill, AreaFill::None);
        assert_eq!(unknown.edge.color, UNKNOWN_GREY);
    }

    #[test]
    fn stripes_take_turns_also_below_line_zero() {
        let colors = [Color32::RED, Color32::BLUE, Color32::GREEN];
        let turns: Vec<Option<Color32>> = (-2..=3).map(|l| stripe_color(&colors, l)).collect();
        assert_eq!(
            turns,
            [
                Color32::BLUE,
                Color32::GREEN,
                Color32::RED,
                Color32::BLUE,
                Color32::GREEN,
                Color32::RED
            ]
            .map(Some)
        );
        assert_eq!(stripe_color(&[], 4), None);
    }
}
