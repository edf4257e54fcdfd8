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
use eframe::egui::{
    Align2, Color32, FontId, Id, Painter, Pos2, Rect, Response, Sense, Stroke, Ui, Vec2,
    WidgetInfo, vec2,
};
use walkers::{MapMemory, Plugin, Projector, lon_lat};

use super::clusters::{Cluster, Drawn, Tally, cell_for, cluster_radius, group};
use super::compare::kind_color;
use super::labels::Labels;
use super::mercator::ToScreen;
use super::symbols::{
    FIGHTING_RED, MarkerSize, OUTLINE, STALE_OPACITY, Shape, Symbol, UNKNOWN_GREY, color,
    staleness, staleness_in_words,
};
use crate::model::{Dataset, DiffKind, PlaceState};
use crate::printable::thousands;
use crate::shapes::areas::AreaIndex;
use crate::shapes::world_size;

/// The colour of the disputed part of a cluster's ring: the model's disputed
/// violet, so the window and the exports paint disputed alike.
pub const DISPUTED: Color32 = {
    let [r, g, b] = crate::model::DISPUTED_VIOLET.0;
    Color32::from_rgb(r, g, b)
};

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
    /// How big markers are drawn (View → Marker size).
    pub size: MarkerSize,
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
        let size = self.size;
        let largest = size.claimed_radius();
        let (visible, areas) = self.visible(projector, clip.expand(largest * 3.0));
        let origin = projector.project(lon_lat(0.0, 0.0)).to_pos2();
        let drawn = group(&visible, origin, self.states, cell_for(size.scale()));
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

        // Markers at almost the same spot; the one under the pointer fans out.
        let pointer = ui
            .ctx()
            .pointer_hover_pos()
            .filter(|&p| ui.rect_contains_pointer(clip) && clip.contains(p));
        let stacks: Vec<Stack> = stacks(&places, size.claimed_radius())
            .into_iter()
            .map(|members| Stack::of(&places, &members, size))
            .collect();
        let was_open: Option<Vec<usize>> = ui.ctx().data(|d| d.get_temp(fan_id()));
        let open = open_stack(&stacks, was_open.as_deref(), pointer, largest + 5.0);
        ui.ctx().data_mut(|d| match open {
            Some(i) => {
                d.insert_temp(fan_id(), stacks[i].places.clone());
            }
            None => d.remove::<Vec<usize>>(fan_id()),
        });
        let fan = open.map(|i| &stacks[i]);
        if let Some(fan) = fan {
            places.retain(|(place, _)| !fan.places.contains(place));
        }

        // Unknown places first, so held and disputed ones draw on top; the selection last.
        places.sort_by_key(|&(place, _)| {
            (
                Some(place) == self.selected,
                self.states[place].controllers.len(),
            )
        });
        for &(place, at) in &places {
            self.paint_place(&painter, place, at, size);
        }
        for stack in stacks.iter().filter(|s| Some(*s) != fan) {
            paint_stack_badge(&painter, stack, size.claimed_radius());
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
        let fan_clicked = fan.and_then(|fan| self.fan_ui(ui, &painter, fan, size));
        if let Some(place) = fan_clicked {
            self.output.clicked = Some(Some(place));
        }

        let map_pointer = response.hover_pos().or(response.interact_pointer_pos());
        // Over an open fan only its markers answer, so a click between them changes nothing.
        let on_fan = |p: Pos2| fan.is_some_and(|f| f.center.distance(p) <= f.reach);
        let hit = map_pointer.filter(|&p| !on_fan(p)).and_then(|pointer| {
            let reach = |place: usize| size.radius(&self.states[place]) + 5.0;
            hit(&places, &clusters, pointer, reach).or_else(|| {
                let at = projector.unproject(pointer.to_vec2());
                let index = self.areas?;
                let area = index.area_at(self.dataset.places(), at.x(), at.y())?;
                // Only as many places as there are states: the two are replaced together.
                (area < self.states.len()).then_some(Hit::Place(area))
            })
        });
        let stale = self.stale;
        if let Some(hit) = hit {
            let response = response.clone();
            response.on_hover_ui_at_pointer(|ui| match hit {
                Hit::Place(place) => self.tooltip_ui(ui, place, stale),
                Hit::Cluster(cluster) => self.cluster_tooltip_ui(ui, &cluster.tally),
            });
        }
        if response.clicked() && !map_pointer.is_some_and(on_fan) {
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

/// Where the open fan's places are kept between frames.
fn fan_id() -> Id {
    Id::unique("claimmap.open_fan")
}

/// Markers drawn at almost the same spot, so that only the top one shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Stack {
    /// The places, in the order they were drawn.
    pub places: Vec<usize>,
    /// Their mean position.
    pub center: Pos2,
    /// Where each goes when the stack is fanned out, like `places`.
    pub fanned: Vec<Pos2>,
    /// How far from the centre the open fan keeps the pointer: past its markers.
    pub reach: f32,
}

impl Stack {
    /// The stack of `drawn[i]` for each `i` in `members`.
    fn of(drawn: &[(usize, Pos2)], members: &[usize], size: MarkerSize) -> Stack {
        let sum = members
            .iter()
            .fold(Vec2::ZERO, |sum, &i| sum + drawn[i].1.to_vec2());
        let center = (sum / members.len().max(1) as f32).to_pos2();
        let radius = size.claimed_radius();
        let fanned = fan(center, members.len(), radius);
        Stack {
            places: members.iter().map(|&i| drawn[i].0).collect(),
            center,
            reach: fan_ring(members.len(), radius) + radius + 8.0,
            fanned,
        }
    }
}

/// Groups of markers at almost the same spot: markers whose centres are less
/// than `near` apart, and markers near those, and so on. Indices into
/// `drawn`, in drawn order; only groups of two or more; ordered by their
/// first member. Markers are bucketed in cells of `near`, so only neighbours
/// are compared.
pub fn stacks(drawn: &[(usize, Pos2)], near: f32) -> Vec<Vec<usize>> {
    let near = near.max(1.0);
    let cell_of = |at: Pos2| ((at.x / near).floor() as i64, (at.y / near).floor() as i64);
    let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let mut parent: Vec<usize> = (0..drawn.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, &(_, at)) in drawn.iter().enumerate() {
        let (cx, cy) = cell_of(at);
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &j in cells.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    if drawn[j].1.distance(at) < near {
                        let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                        parent[a.max(b)] = a.min(b);
                    }
                }
            }
        }
        cells.entry((cx, cy)).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for i in 0..drawn.len() {
        let r = root(&mut parent, i);
        let g = *group_of.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups.retain(|g| g.len() > 1);
    groups
}

/// The radius of the circle a stack of `n` markers of `radius` fans out on:
/// wide enough that neighbours do not touch, and never onto the centre.
pub fn fan_ring(n: usize, radius: f32) -> f32 {
    let spacing = 2.0 * radius + 8.0;
    (spacing * n as f32 / std::f32::consts::TAU).max(2.5 * radius)
}

/// Where `n` markers at `center` go when fanned out: evenly on a circle,
/// clockwise, placed so that two go left and right, where their names fit.
pub fn fan(center: Pos2, n: usize, radius: f32) -> Vec<Pos2> {
    let ring = fan_ring(n, radius);
    let step = std::f32::consts::TAU / n.max(1) as f32;
    let start = -std::f32::consts::FRAC_PI_2 + step / 2.0;
    (0..n)
        .map(|i| center + ring * Vec2::angled(start + i as f32 * step))
        .collect()
}

/// Which stack is fanned out: the one open last frame while the pointer
/// stays over it, else one whose spot the pointer is within `reach` of.
pub fn open_stack(
    stacks: &[Stack],
    was_open: Option<&[usize]>,
    pointer: Option<Pos2>,
    reach: f32,
) -> Option<usize> {
    let pointer = pointer?;
    let kept = stacks.iter().position(|s| {
        Some(s.places.as_slice()) == was_open && s.center.distance(pointer) <= s.reach
    });
    kept.or_else(|| {
        stacks
            .iter()
            .position(|s| s.center.distance(pointer) <= reach)
    })
}

/// A small count on a stack's top right, clear of the top marker's fill so
/// its colours stay readable: more than one place is here.
fn paint_stack_badge(painter: &Painter, stack: &Stack, radius: f32) {
    let at = stack.center + vec2(1.0, -1.0) * (radius * std::f32::consts::FRAC_1_SQRT_2 + 6.0);
    painter.circle(at, 6.5, Color32::WHITE, Stroke::new(1.0, OUTLINE));
    painter.text(
        at,
        Align2::CENTER_CENTER,
        stack.places.len().to_string(),
        FontId::proportional(9.5),
        OUTLINE,
    );
}

/// What the pointer is on.
#[derive(Clone, Copy)]
enum Hit<'a> {
    Place(usize),
    Cluster(&'a Cluster),
}

/// The place under the pointer, else the cluster under it; `reach` is how
/// far from its centre a place's marker answers.
fn hit<'a>(
    places: &[(usize, Pos2)],
    clusters: &[&'a Cluster],
    pointer: Pos2,
    reach: impl Fn(usize) -> f32,
) -> Option<Hit<'a>> {
    if let Some(place) = nearest(places, pointer, reach) {
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

    /// One place's marker at `at`: faded when stale or unchanged while
    /// comparing, ringed in the change's colour when changed.
    fn paint_place(&self, painter: &Painter, place: usize, at: Pos2, size: MarkerSize) {
        let selected = Some(place) == self.selected;
        let state = &self.states[place];
        let radius = size.radius(state);
        let symbol = Symbol::of(self.dataset, &self.dataset.places()[place], state, selected);
        let is_stale = self.stale.and_then(|rule| rule.days(state)).is_some();
        let change = self.changes.map(|changes| changes.get(&place));
        let opacity = match change {
            Some(None) => UNCHANGED_OPACITY,
            _ if is_stale => STALE_OPACITY,
            _ => 1.0,
        };
        symbol.paint_faded(painter, at, radius, opacity);
        if let Some(Some(&kind)) = change {
            // A ring in the change's colour: what happened to the place.
            painter.circle_stroke(at, radius + 5.0, Stroke::new(3.0, kind_color(kind)));
        }
    }

    /// A stack spread on a circle around its spot, each marker with its name
    /// and clickable: a real widget, so a screen reader (and a test) finds it.
    /// Returns the place clicked, if any.
    fn fan_ui(&self, ui: &Ui, painter: &Painter, stack: &Stack, size: MarkerSize) -> Option<usize> {
        let mut clicked = None;
        let visuals = ui.visuals();
        painter.circle(
            stack.center,
            stack.reach - 4.0,
            visuals.window_fill.gamma_multiply(0.85),
            Stroke::new(1.0, visuals.window_stroke.color),
        );
        for &at in &stack.fanned {
            painter.line_segment(
                [stack.center, at],
                Stroke::new(1.0, visuals.weak_text_color()),
            );
        }
        painter.circle_filled(stack.center, 2.5, visuals.text_color());
        let stale = self.stale;
        for (&place, &at) in stack.places.iter().zip(&stack.fanned) {
            self.paint_place(painter, place, at, size);
            let name = &self.dataset.places()[place].name;
            let galley = painter.layout_no_wrap(
                name.clone(),
                FontId::proportional(12.5),
                Color32::from_rgb(0x1b, 0x1b, 0x1b),
            );
            // The name goes outward: right of markers right of the spot, else left.
            let gap = size.claimed_radius() + 4.0;
            let left = if at.x >= stack.center.x - 0.5 {
                at.x + gap
            } else {
                at.x - gap - galley.size().x
            };
            let rect =
                Rect::from_min_size(Pos2::new(left, at.y - galley.size().y / 2.0), galley.size());
            painter.rect_filled(rect.expand(2.0), 3.0, Color32::from_white_alpha(230));
            painter.galley(rect.min, galley, Color32::from_rgb(0x1b, 0x1b, 0x1b));

            let reach = size.radius(&self.states[place]) + 5.0;
            let hit = Rect::from_center_size(at, Vec2::splat(2.0 * reach));
            let response = ui.interact(hit, Id::unique(("claimmap.fanned", place)), Sense::click());
            response.widget_info(|| WidgetInfo::labeled(eframe::egui::Role::Button, true, name));
            if response.clicked() {
                clicked = Some(place);
            }
            response.on_hover_ui(|ui| self.tooltip_ui(ui, place, stale));
        }
        clicked
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

/// The marker nearest to `pointer`, if it is within `reach` of the place's
/// centre (markers differ in size); of markers equally near, the one drawn
/// last (on top) in `drawn`.
fn nearest(drawn: &[(usize, Pos2)], pointer: Pos2, reach: impl Fn(usize) -> f32) -> Option<usize> {
    drawn
        .iter()
        .rev()
        .map(|&(place, at)| (place, at.distance_sq(pointer)))
        .filter(|&(place, d)| d <= reach(place) * reach(place))
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
        let reach = |_| 12.0;
        assert_eq!(nearest(&visible, pos2(17.0, 11.0), reach), Some(1));
        assert_eq!(nearest(&visible, pos2(100.0, 100.0), reach), None);
    }

    #[test]
    fn a_larger_marker_answers_farther_from_its_centre() {
        let drawn = [(0, pos2(0.0, 0.0))];
        assert_eq!(nearest(&drawn, pos2(14.0, 0.0), |_| 12.0), None);
        assert_eq!(nearest(&drawn, pos2(14.0, 0.0), |_| 15.0), Some(0));
    }

    #[test]
    fn markers_at_almost_the_same_spot_form_a_stack_and_others_do_not() {
        let drawn = [
            (10, pos2(100.0, 100.0)),
            (11, pos2(300.0, 100.0)),
            (12, pos2(101.0, 100.5)),
            (13, pos2(307.0, 100.0)),
            (14, pos2(150.0, 100.0)),
            (15, pos2(313.0, 101.0)),
        ];
        // 13 is near 11, 15 near 13 but not 11: a chain is one stack.
        assert_eq!(stacks(&drawn, 10.0), vec![vec![0, 2], vec![1, 3, 5]]);
        assert!(stacks(&drawn, 0.5).is_empty());
        assert!(stacks(&[], 10.0).is_empty());
    }

    #[test]
    fn a_fan_spreads_markers_evenly_without_touching() {
        let center = pos2(50.0, 50.0);
        let two = fan(center, 2, 10.0);
        assert_eq!(two.len(), 2);
        assert!(
            two[0].x > center.x && two[1].x < center.x,
            "right and left: {two:?}"
        );
        assert!((two[0].y - center.y).abs() < 1e-3);
        for n in 2..12 {
            let at = fan(center, n, 10.0);
            for (i, a) in at.iter().enumerate() {
                assert!(a.distance(center) >= 25.0 - 1e-3, "off the spot");
                for b in &at[i + 1..] {
                    assert!(a.distance(*b) >= 20.0, "{n}: {a:?} touches {b:?}");
                }
            }
        }
    }

    #[test]
    fn a_stack_opens_under_the_pointer_and_stays_open_while_it_is_over_the_fan() {
        let drawn = [(4, pos2(100.0, 100.0)), (9, pos2(101.0, 100.0))];
        let stack = Stack::of(&drawn, &[0, 1], MarkerSize::Medium);
        assert_eq!(stack.places, vec![4, 9]);
        let stacks = [stack.clone()];
        let on_spot = Some(pos2(102.0, 101.0));
        assert_eq!(open_stack(&stacks, None, on_spot, 15.0), Some(0));
        // On a fanned marker, far from the spot: open only if it was.
        let on_marker = Some(stack.fanned[1]);
        assert_eq!(open_stack(&stacks, None, on_marker, 15.0), None);
        assert_eq!(open_stack(&stacks, Some(&[4, 9]), on_marker, 15.0), Some(0));
        let away = Some(pos2(100.0, 100.0 + stack.reach + 1.0));
        assert_eq!(open_stack(&stacks, Some(&[4, 9]), away, 15.0), None);
        assert_eq!(open_stack(&stacks, Some(&[4, 9]), None, 15.0), None);
    }

    #[test]
    fn of_two_markers_in_one_spot_the_one_on_top_is_hit() {
        let drawn = [(4, pos2(10.0, 10.0)), (7, pos2(10.0, 10.0))];
        assert_eq!(nearest(&drawn, pos2(11.0, 10.0), |_| 12.0), Some(7));
    }
}
