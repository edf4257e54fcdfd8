//! How a place's state looks: one symbol, shared by the map and the legend.
//!
//! Shape says what the place is (crossing, city, other); fill says who holds
//! it (equal sectors when disputed, hollow grey when unknown); a thick outline
//! says confirmed; a red halo says fighting nearby.

use std::f32::consts::{FRAC_PI_2, PI, TAU};

use eframe::egui::{
    Color32, Painter, Pos2, Rect, Shape as EguiShape, Stroke, StrokeKind, Vec2, vec2,
};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Dataset, Place, PlaceState, Rgb, Status};

/// The radius of a place with standing claims at the default marker size,
/// the largest marker there is at that size: names keep clear of it.
pub const RADIUS: f32 = 10.0;
pub const OUTLINE: Color32 = Color32::from_rgb(0x22, 0x22, 0x22);
/// The model's unknown grey, so the window and the exports paint unknown alike.
pub const UNKNOWN_GREY: Color32 = {
    let [r, g, b] = crate::model::UNKNOWN_GREY.0;
    Color32::from_rgb(r, g, b)
};
pub const FIGHTING_RED: Color32 = Color32::from_rgb(0xe0, 0x1b, 0x24);
pub const SELECTED_RING: Color32 = Color32::from_rgb(0xff, 0xc4, 0x00);
/// How opaque a stale place's marker is: faint enough to read as "old
/// news", opaque enough that its colours can still be told apart.
pub const STALE_OPACITY: f32 = 0.35;

/// The lengths of time after which an unrepeated claim is shown stale, in days.
pub const STALE_CHOICES: [u32; 3] = [14, 30, 90];

/// How many days it has been since any of the claims a place's state rests
/// on was made, when that is at least `after` days: the claim may still
/// stand, but nobody has repeated it. Only how the place is drawn changes,
/// never its state. `None` when `after` is `None` (off), or the place rests on no claim.
pub fn staleness(state: &PlaceState, day: NaiveDate, after: Option<u32>) -> Option<u32> {
    let after = after?;
    if state.status == Status::Unknown {
        return None;
    }
    // `since` is the newest of the standing claims: none is newer than it.
    let days = u32::try_from((day - state.since?).num_days()).ok()?;
    (days >= after).then_some(days)
}

/// "No new claim for 41 days", for a tooltip or the panel.
pub fn staleness_in_words(days: u32) -> String {
    match days {
        1 => "No new claim for 1 day".to_owned(),
        n => format!("No new claim for {n} days"),
    }
}

/// How big markers are drawn (View → Marker size), remembered in the settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkerSize {
    Small,
    #[default]
    Medium,
    Large,
}

impl MarkerSize {
    pub const ALL: [MarkerSize; 3] = [MarkerSize::Small, MarkerSize::Medium, MarkerSize::Large];

    pub fn label(self) -> &'static str {
        match self {
            MarkerSize::Small => "Small",
            MarkerSize::Medium => "Medium",
            MarkerSize::Large => "Large",
        }
    }

    /// The radius of a place with no standing claim, in points.
    pub fn unknown_radius(self) -> f32 {
        match self {
            MarkerSize::Small => 5.0,
            MarkerSize::Medium => 7.0,
            MarkerSize::Large => 9.0,
        }
    }

    /// The radius of a place with standing claims: larger than an unknown
    /// one's, so claims are what one sees first, and large enough at the
    /// default size for a disputed marker's sectors to be told apart.
    pub fn claimed_radius(self) -> f32 {
        (self.unknown_radius() * CLAIMED_SCALE).round()
    }

    /// The radius of a place in `state`.
    pub fn radius(self, state: &PlaceState) -> f32 {
        match state.status {
            Status::Unknown => self.unknown_radius(),
            Status::Held | Status::Disputed => self.claimed_radius(),
        }
    }

    /// How much bigger than the default everything sized by markers is
    /// (clusters' cells, the room around a stack).
    pub fn scale(self) -> f32 {
        self.unknown_radius() / MarkerSize::Medium.unknown_radius()
    }
}

/// How much larger a claimed place's marker is than an unknown one's.
const CLAIMED_SCALE: f32 = 1.4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Diamond,
    Circle,
    Square,
}

impl Shape {
    pub fn of_kind(kind: &str) -> Shape {
        match kind {
            Place::CROSSING => Shape::Diamond,
            Place::CITY => Shape::Circle,
            _ => Shape::Square,
        }
    }

    /// Distance from the centre to the edge in direction `angle`, for a shape
    /// whose corners (or rim) lie at `radius`.
    fn reach(self, angle: f32, radius: f32) -> f32 {
        let (sin, cos) = angle.sin_cos();
        match self {
            Shape::Circle => radius,
            Shape::Diamond => radius / (cos.abs() + sin.abs()),
            // A square with corners at `radius` has half-side radius/√2.
            Shape::Square => radius / std::f32::consts::SQRT_2 / cos.abs().max(sin.abs()),
        }
    }

    /// Angles of the corners, where sector outlines must bend.
    fn corners(self) -> &'static [f32] {
        match self {
            Shape::Circle => &[],
            Shape::Diamond => &[0.0, FRAC_PI_2, PI, 3.0 * FRAC_PI_2],
            Shape::Square => &[0.25 * PI, 0.75 * PI, 1.25 * PI, 1.75 * PI],
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    pub shape: Shape,
    /// One colour per controller; empty is hollow (unknown).
    pub fills: Vec<Color32>,
    pub confirmed: bool,
    pub fighting: bool,
    pub selected: bool,
}

pub fn color(rgb: Rgb) -> Color32 {
    let [r, g, b] = rgb.0;
    Color32::from_rgb(r, g, b)
}

impl Symbol {
    /// A symbol as the legend shows it: not confirmed, no fighting, not selected.
    pub fn legend(shape: Shape, fills: Vec<Color32>) -> Symbol {
        Symbol {
            shape,
            fills,
            confirmed: false,
            fighting: false,
            selected: false,
        }
    }

    pub fn of(dataset: &Dataset, place: &Place, state: &PlaceState, selected: bool) -> Symbol {
        let fills = match state.status {
            Status::Unknown => Vec::new(),
            Status::Held | Status::Disputed => state
                .controllers
                .iter()
                .map(|&party| color(dataset.parties()[party].color))
                .collect(),
        };
        Symbol {
            shape: Shape::of_kind(&place.kind),
            fills,
            confirmed: state.confirmed,
            fighting: state.fighting,
            selected,
        }
    }

    pub fn paint(&self, painter: &Painter, center: Pos2, radius: f32) {
        self.paint_faded(painter, center, radius, 1.0);
    }

    /// Paints the symbol at `opacity` (a stale place's is faint), all but
    /// the selection ring, which stays whole so the selection is never lost.
    pub fn paint_faded(&self, painter: &Painter, center: Pos2, radius: f32, opacity: f32) {
        if self.selected {
            painter.circle_filled(center, radius + 7.0, SELECTED_RING.gamma_multiply(0.35));
            painter.circle_stroke(center, radius + 7.0, Stroke::new(2.5, SELECTED_RING));
        }
        let mut faded = painter.clone();
        faded.multiply_opacity(opacity);
        let painter = &faded;
        if self.fighting {
            painter.circle_filled(center, radius + 5.0, FIGHTING_RED.gamma_multiply(0.3));
            painter.circle_stroke(center, radius + 5.0, Stroke::new(1.5, FIGHTING_RED));
        }
        let outline = self.outline();
        match self.fills.as_slice() {
            [] => {
                let ring = outline_points(self.shape, center, radius);
                painter.add(EguiShape::closed_line(ring, outline));
            }
            [one] => {
                let points = outline_points(self.shape, center, radius);
                painter.add(EguiShape::convex_polygon(points, *one, outline));
            }
            many => {
                let step = TAU / many.len() as f32;
                for (i, fill) in many.iter().enumerate() {
                    // Sectors start at twelve o'clock and go clockwise.
                    let start = -FRAC_PI_2 + i as f32 * step;
                    let points = sector_points(self.shape, center, radius, start, start + step);
                    painter.add(EguiShape::convex_polygon(points, *fill, Stroke::NONE));
                }
                let ring = outline_points(self.shape, center, radius);
                painter.add(EguiShape::closed_line(ring, outline));
            }
        }
    }

    fn outline(&self) -> Stroke {
        match (self.fills.len(), self.confirmed) {
            (0, _) => Stroke::new(2.0, UNKNOWN_GREY),
            (_, true) => Stroke::new(3.0, OUTLINE),
            (1, false) => Stroke::new(1.0, OUTLINE),
            _ => Stroke::new(1.5, OUTLINE),
        }
    }
}

fn point_at(shape: Shape, center: Pos2, radius: f32, angle: f32) -> Pos2 {
    let reach = shape.reach(angle, radius);
    center + Vec2::angled(angle) * reach
}

/// The whole outline, clockwise from three o'clock.
fn outline_points(shape: Shape, center: Pos2, radius: f32) -> Vec<Pos2> {
    match shape {
        Shape::Circle => (0..32)
            .map(|i| point_at(shape, center, radius, i as f32 * TAU / 32.0))
            .collect(),
        _ => shape
            .corners()
            .iter()
            .map(|&a| point_at(shape, center, radius, a))
            .collect(),
    }
}

/// One pie slice of the shape, from `start` to `end` (radians, clockwise on screen).
fn sector_points(shape: Shape, center: Pos2, radius: f32, start: f32, end: f32) -> Vec<Pos2> {
    let mut angles = vec![start, end];
    match shape {
        Shape::Circle => {
            let steps = ((end - start) / (TAU / 48.0)).ceil() as usize;
            angles.extend((1..steps).map(|i| start + (end - start) * i as f32 / steps as f32));
        }
        _ => {
            for &corner in shape.corners() {
                // The same corner one turn further on, for sectors that start before zero.
                for turn in [-TAU, 0.0, TAU] {
                    let a = corner + turn;
                    if a > start && a < end {
                        angles.push(a);
                    }
                }
            }
        }
    }
    angles.sort_by(f32::total_cmp);
    let mut points = vec![center];
    points.extend(
        angles
            .into_iter()
            .map(|a| point_at(shape, center, radius, a)),
    );
    points
}

/// A small swatch of a party's colour, for legends and chips.
pub fn swatch(painter: &Painter, center: Pos2, fill: Color32) {
    let rect = Rect::from_center_size(center, vec2(12.0, 12.0));
    painter.rect_filled(rect, 2.0, fill);
    painter.rect_stroke(rect, 2.0, Stroke::new(1.0, OUTLINE), StrokeKind::Inside);
}

#[cfg(test)]
mod tests {
    use eframe::egui::pos2;

    use super::*;

    fn held_since(since: &str) -> PlaceState {
        PlaceState {
            status: Status::Held,
            controllers: vec![0],
            since: Some(since.parse().unwrap()),
            claims: vec![0],
            ..PlaceState::default()
        }
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_state_is_stale_once_its_newest_claim_is_old_enough() {
        let state = held_since("2021-07-09");
        let on = |d: &str, after| staleness(&state, day(d), after);
        assert_eq!(on("2021-08-08", Some(30)), Some(30), "30 days on: stale");
        assert_eq!(on("2021-08-07", Some(30)), None, "29 days on: not yet");
        assert_eq!(on("2021-08-19", Some(30)), Some(41));
        assert_eq!(on("2021-08-19", Some(90)), None);
        assert_eq!(on("2021-08-19", None), None, "off");
        assert_eq!(on("2021-07-01", Some(14)), None, "a claim from the future");
        assert_eq!(staleness_in_words(41), "No new claim for 41 days");
    }

    #[test]
    fn a_place_with_no_standing_claim_is_never_stale() {
        let unknown = PlaceState {
            since: Some(day("2021-01-01")),
            ..PlaceState::default()
        };
        assert_eq!(staleness(&unknown, day("2021-12-31"), Some(14)), None);
        let disputed = PlaceState {
            status: Status::Disputed,
            controllers: vec![0, 1],
            ..held_since("2021-07-01")
        };
        assert_eq!(staleness(&disputed, day("2021-07-20"), Some(14)), Some(19));
    }

    #[test]
    fn claimed_places_are_drawn_larger_than_unknown_ones_at_every_size() {
        let held = held_since("2021-07-09");
        let unknown = PlaceState::default();
        for size in MarkerSize::ALL {
            let ratio = size.radius(&held) / size.radius(&unknown);
            assert!((1.3..=1.5).contains(&ratio), "{size:?}: {ratio}");
        }
        assert_eq!(MarkerSize::default(), MarkerSize::Medium);
        assert_eq!(MarkerSize::Medium.claimed_radius(), RADIUS);
        assert!(MarkerSize::Small.claimed_radius() < MarkerSize::Large.unknown_radius() + 5.0);
    }

    #[test]
    fn shapes_follow_the_kind_of_place() {
        assert_eq!(Shape::of_kind("crossing"), Shape::Diamond);
        assert_eq!(Shape::of_kind("city"), Shape::Circle);
        assert_eq!(Shape::of_kind("district"), Shape::Square);
    }

    #[test]
    fn a_half_sector_of_a_diamond_reaches_its_side_corners() {
        let center = pos2(0.0, 0.0);
        let points = sector_points(Shape::Diamond, center, 10.0, -FRAC_PI_2, FRAC_PI_2);
        // Centre, top, right corner, bottom: the right half of the diamond.
        assert_eq!(points.len(), 4);
        assert!((points[2] - pos2(10.0, 0.0)).length() < 1e-4, "{points:?}");
    }

    #[test]
    fn a_square_s_corners_lie_on_the_radius() {
        let corner = point_at(Shape::Square, pos2(0.0, 0.0), 10.0, 0.25 * PI);
        assert!((corner.to_vec2().length() - 10.0).abs() < 1e-4);
        let side = point_at(Shape::Square, pos2(0.0, 0.0), 10.0, 0.0);
        assert!((side.x - 10.0 / std::f32::consts::SQRT_2).abs() < 1e-4);
    }
}
