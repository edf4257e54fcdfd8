//! The places on the map: a walkers plugin that draws each visible place's
//! symbol and label, or a cluster where places would overlap, shows a
//! tooltip, and reports clicks.
//!
//! Per frame the cost is one projection per place and drawing per cell of the
//! map ([`clusters`](super::clusters)); events are never read here (their
//! outcome arrives as `states`). Clicks are hit-tested against what was drawn
//! instead of making a widget per marker, so a hundred thousand places stay cheap.
//!
//! A place that is an area is drawn by [`area_layer`](super::area_layer), not
//! as a marker: here it has its name in its middle, and a click inside it,
//! on no marker or cluster, selects it.

use std::collections::HashMap;

use chrono::NaiveDate;
use eframe::egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Response, Stroke, Ui, vec2};
use walkers::{MapMemory, Plugin, Projector, lon_lat};

use super::clusters::{Cluster, Drawn, Tally, cluster_radius, group};
use super::compare::kind_color;
use super::labels::Labels;
use super::mercator::ToScreen;
use super::symbols::{
    FIGHTING_RED, OUTLINE, RADIUS, STALE_OPACITY, Shape, Symbol, UNKNOWN_GREY, color, staleness,
    staleness_in_words,
};
use crate::model::{Dataset, DiffKind, PlaceState};
use crate::printable::thousands;
use crate::shapes::areas::AreaIndex;
use crate::shapes::world_size;

/// How far from a marker's centre a click still selects it, in points.
const HIT_RADIUS: f32 = RADIUS + 5.0;

/// The colour of the disputed part of a cluster's ring.
pub const DISPUTED: Color32 = Color32::from_rgb(0x7d, 0x3c, 0x98);

/// What the user did on the map this frame.
#[derive(Debug, Default)]
pub struct MapOutput {
    /// `Some(Some(place))`: a marker was clicked; `Some(None)`: empty map was clicked.
    pub clicked: Option<Option<usize>>,
    /// A cluster was clicked: zoom in on this longitude and latitude.
    pub open_cluster: Option<(f64, f64)>,
    /// How many clusters were drawn, so the legend explains them when there are any.
    pub clusters: usize,
}

/// How much of an unchanged place shows while comparing two days.
const UNCHANGED_OPACITY: f32 = 0.3;

/// When a place's claims are old news: the day shown, and after how many
/// days without a new claim (View → Stale after…).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaleRule {
    pub day: NaiveDate,
    pub after: u32,
}

impl StaleRule {
    /// How long the place's claims have gone unrepeated, if long enough to be stale.
    pub fn days(&self, state: &PlaceState) -> Option<u32> {
        staleness(state, self.day, Some(self.after))
    }
}

pub struct Markers<'a> {
    pub dataset: &'a Dataset,
    pub states: &'a [PlaceState],
    /// Each place in Web Mercator's unit square, indexed like the places.
    pub points: &'a [[f64; 2]],
    pub selected: Option<usize>,
    pub show_labels: bool,
    /// Where the areas are, once the area layer draws them; until then
    /// areas are markers at their inner point, so that none goes missing.
    pub areas: Option<&'a AreaIndex>,
    /// When places are drawn faded, while View → Stale after… is on.
    pub stale: Option<StaleRule>,
    /// While comparing two days, the places that changed and how: they get a
    /// badge, and the others are dimmed.
    pub changes: Option<&'a HashMap<usize, DiffKind>>,
    pub output: &'a mut MapOutput,
}

impl Plugin for Markers<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let clip = projector.clip_rect();
        let painter = ui.painter().with_clip_rect(clip);
        let (visible, areas) = self.visible(projector, clip.expand(RADIUS * 3.0));
        let origin = projector.project(lon_lat(0.0, 0.0)).to_pos2();
        let drawn = group(&visible, origin, self.states);
        let (mut places, clusters): (Vec<(usize, Pos2)>, Vec<&Cluster>) =
            drawn
                .iter()
                .fold((Vec::new(), Vec::new()), |(mut places, mut clusters), d| {
                    match d {
                        Drawn::Place(place, at) => places.push((*place, *at)),
                        Drawn::Cluster(cluster) => clusters.push(cluster),
                    }
                    (places, clusters)
                });
        // The selected place is drawn even inside a cluster, so it never disappears.
        if let Some(&(place, at)) = visible.iter().find(|&&(p, _)| Some(p) == self.selected)
            && !places.iter().any(|&(p, _)| p == place)
        {
            places.push((place, at));
        }
        for cluster in &clusters {
            self.paint_cluster(&painter, cluster);
        }
        self.output.clusters = clusters.len();
        // Unknown places first, so held and disputed ones draw on top; the selection last.
        places.sort_by_key(|&(place, _)| {
            (
                Some(place) == self.selected,
                self.states[place].controllers.len(),
            )
        });
        let stale = self.stale;
        for &(place, at) in &places {
            let selected = Some(place) == self.selected;
            let state = &self.states[place];
            let symbol = Symbol::of(self.dataset, &self.dataset.places()[place], state, selected);
            let is_stale = stale.and_then(|rule| rule.days(state)).is_some();
            let change = self.changes.map(|changes| changes.get(&place));
            let opacity = match change {
                Some(None) => UNCHANGED_OPACITY,
                _ if is_stale => STALE_OPACITY,
                _ => 1.0,
            };
            symbol.paint_faded(&painter, at, RADIUS, opacity);
            if let Some(Some(&kind)) = change {
                // A ring in the change's colour: what happened to the place.
                painter.circle_stroke(at, RADIUS + 5.0, Stroke::new(3.0, kind_color(kind)));
            }
        }
        if self.show_labels {
            let mut labels = Labels::new(&painter, self.dataset.places());
            // Places with claims first, then cities, then the rest.
            let priority = |place: usize| {
                let claimed = self.states.get(place).is_some_and(|s| !s.claims.is_empty());
                let city = self.dataset.places()[place].kind == "city";
                match (claimed, city) {
                    (true, _) => 0,
                    (false, true) => 1,
                    (false, false) => 2,
                }
            };
            labels.beside_markers(&places, priority);
            labels.inside_areas(&self.areas_on_screen(&areas, projector.zoom()));
        }

        let pointer = response.hover_pos().or(response.interact_pointer_pos());
        let hit = pointer.and_then(|pointer| {
            hit(&places, &clusters, pointer).or_else(|| {
                let at = projector.unproject(pointer.to_vec2());
                let index = self.areas?;
                let area = index.area_at(self.dataset.places(), at.x(), at.y())?;
                // Only as many places as there are states: the two are replaced together.
                (area < self.states.len()).then_some(Hit::Place(area))
            })
        });
        if let Some(hit) = hit {
            let response = response.clone();
            response.on_hover_ui_at_pointer(|ui| match hit {
                Hit::Place(place) => self.tooltip_ui(ui, place, stale),
                Hit::Cluster(cluster) => self.cluster_tooltip_ui(ui, &cluster.tally),
            });
        }
        if response.clicked() {
            match hit {
                Some(Hit::Cluster(cluster)) => {
                    let at = projector.unproject(cluster.at.to_vec2());
                    self.output.open_cluster = Some((at.x(), at.y()));
                }
                Some(Hit::Place(place)) => self.output.clicked = Some(Some(place)),
                None => self.output.clicked = Some(None),
            }
        }
    }
}

/// What the pointer is on.
#[derive(Clone, Copy)]
enum Hit<'a> {
    Place(usize),
    Cluster(&'a Cluster),
}

/// The place under the pointer, else the cluster under it.
fn hit<'a>(places: &[(usize, Pos2)], clusters: &[&'a Cluster], pointer: Pos2) -> Option<Hit<'a>> {
    if let Some(place) = nearest(places, pointer) {
        return Some(Hit::Place(place));
    }
    clusters
        .iter()
        .find(|cluster| cluster.at.distance(pointer) <= cluster_radius(cluster.tally.total()))
        .map(|cluster| Hit::Cluster(cluster))
}

/// Places with their screen positions.
type OnScreen = Vec<(usize, Pos2)>;

impl Markers<'_> {
    /// Places inside `rect` with their screen positions: those drawn as
    /// markers, and the areas (by their inner point).
    fn visible(&self, projector: &Projector, rect: Rect) -> (OnScreen, OnScreen) {
        let to_screen = ToScreen::new(projector);
        let places = self.dataset.places();
        let (mut markers, mut areas) = (Vec::new(), Vec::new());
        // As many as there are states: the two are replaced together.
        for (index, &point) in self.points.iter().take(self.states.len()).enumerate() {
            let at = to_screen.apply(point);
            if !rect.contains(at) {
                continue;
            }
            let is_area =
                self.areas.is_some() && places.get(index).is_some_and(|p| p.area.is_some());
            if is_area {
                areas.push((index, at));
            } else {
                markers.push((index, at));
            }
        }
        (markers, areas)
    }

    /// Areas with their inner point on screen and their width there.
    fn areas_on_screen(&self, areas: &[(usize, Pos2)], zoom: f64) -> Vec<(usize, Pos2, f32)> {
        let Some(index) = self.areas else {
            return Vec::new();
        };
        let scale = world_size(zoom);
        areas
            .iter()
            .filter_map(|&(place, at)| {
                let width = index.world_bounds(place)?.width() * scale;
                Some((place, at, width as f32))
            })
            .collect()
    }

    fn paint_cluster(&self, painter: &Painter, cluster: &Cluster) {
        let tally = &cluster.tally;
        let parts: Vec<(Color32, usize)> = tally
            .held
            .iter()
            .map(|&(party, n)| (color(self.dataset.parties()[party].color), n))
            .chain([(DISPUTED, tally.disputed), (UNKNOWN_GREY, tally.unknown)])
            .collect();
        paint_cluster_glyph(
            painter,
            cluster.at,
            tally.total(),
            &parts,
            tally.fighting > 0,
        );
    }

    fn cluster_tooltip_ui(&self, ui: &mut Ui, tally: &Tally) {
        ui.strong(format!("{} places", thousands(tally.total())));
        for &(party, n) in &tally.held {
            let name = &self.dataset.parties()[party].name;
            ui.label(format!("{} held by {name}", thousands(n)));
        }
        if tally.disputed > 0 {
            ui.label(format!("{} disputed", thousands(tally.disputed)));
        }
        if tally.unknown > 0 {
            ui.label(format!("{} unknown", thousands(tally.unknown)));
        }
        if tally.fighting > 0 {
            ui.label(format!(
                "{} with fighting nearby",
                thousands(tally.fighting)
            ));
        }
        ui.weak("Click to zoom in");
    }

    fn tooltip_ui(&self, ui: &mut Ui, place: usize, stale: Option<StaleRule>) {
        let p = &self.dataset.places()[place];
        ui.strong(&p.name);
        let kind = match Shape::of_kind(&p.kind) {
            Shape::Diamond => "border crossing".to_owned(),
            _ => p.kind.clone(),
        };
        match &p.province {
            Some(province) => ui.label(format!("{kind}, {province}")),
            None => ui.label(kind),
        };
        let state = &self.states[place];
        ui.label(self.dataset.state_in_words(state));
        if let Some(days) = stale.and_then(|rule| rule.days(state)) {
            ui.label(staleness_in_words(days));
        }
        ui.weak("Click for the quoted sources");
    }
}

/// A disc with the number of places, in a ring whose arcs are the places
/// held by each party (its colour), disputed (violet) and unknown (grey), in
/// `parts`; a red rim when any has fighting nearby. The map and the legend
/// draw clusters with it.
pub fn paint_cluster_glyph(
    painter: &Painter,
    at: Pos2,
    places: usize,
    parts: &[(Color32, usize)],
    fighting: bool,
) {
    let total = parts.iter().map(|(_, n)| n).sum::<usize>().max(1) as f32;
    let radius = cluster_radius(places);
    let ring = 3.5;
    if fighting {
        painter.circle_stroke(at, radius + 2.0, Stroke::new(2.0, FIGHTING_RED));
    }
    let mut start = -std::f32::consts::FRAC_PI_2;
    for &(fill, n) in parts.iter().filter(|(_, n)| *n > 0) {
        let sweep = std::f32::consts::TAU * n as f32 / total;
        painter.add(arc(
            at,
            radius - ring / 2.0,
            start,
            sweep,
            Stroke::new(ring, fill),
        ));
        start += sweep;
    }
    painter.circle(at, radius - ring, Color32::WHITE, Stroke::new(1.0, OUTLINE));
    let count = match places {
        n @ 10_000.. => format!("{}k", n / 1000),
        n @ 1000.. => format!("{:.1}k", n as f32 / 1000.0),
        n => n.to_string(),
    };
    painter.text(
        at,
        Align2::CENTER_CENTER,
        count,
        FontId::proportional(10.5),
        OUTLINE,
    );
}

/// An arc of a circle as a polyline, `sweep` radians from `start`.
fn arc(center: Pos2, radius: f32, start: f32, sweep: f32, stroke: Stroke) -> eframe::egui::Shape {
    let steps = ((sweep.abs() * radius / 3.0).ceil() as usize).clamp(2, 64);
    let points = (0..=steps)
        .map(|i| {
            let angle = start + sweep * i as f32 / steps as f32;
            center + radius * vec2(angle.cos(), angle.sin())
        })
        .collect();
    eframe::egui::Shape::line(points, stroke)
}

/// The marker nearest to `pointer`, if it is within reach; of markers equally
/// near, the one drawn last (on top) in `drawn`.
fn nearest(drawn: &[(usize, Pos2)], pointer: Pos2) -> Option<usize> {
    drawn
        .iter()
        .rev()
        .map(|&(place, at)| (place, at.distance_sq(pointer)))
        .filter(|&(_, d)| d <= HIT_RADIUS * HIT_RADIUS)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(place, _)| place)
}

#[cfg(test)]
mod tests {
    use eframe::egui::pos2;

    use super::*;

    #[test]
    fn the_nearest_marker_within_reach_is_hit() {
        let visible = [(0, pos2(10.0, 10.0)), (1, pos2(20.0, 10.0))];
        assert_eq!(nearest(&visible, pos2(17.0, 11.0)), Some(1));
        assert_eq!(nearest(&visible, pos2(100.0, 100.0)), None);
    }

    #[test]
    fn of_two_markers_in_one_spot_the_one_on_top_is_hit() {
        let drawn = [(4, pos2(10.0, 10.0)), (7, pos2(10.0, 10.0))];
        assert_eq!(nearest(&drawn, pos2(11.0, 10.0)), Some(7));
    }
}
