//! Markers too many to tell apart are drawn as one. The map is divided into
//! square cells of the screen; a cell holding a few places shows each place's
//! symbol, a cell holding more shows one cluster: how many places, and as a
//! ring, how many of them are held by whom, disputed, or unknown. Zooming in
//! splits the cells, so clusters open up into places. A few places close
//! together stay places: a sparse map, like the built-in one, keeps every
//! symbol, and a disputed crossing is never hidden beside the town next to it.
//!
//! The cells are anchored to the world, not to the window, so panning moves
//! clusters with the map instead of regrouping them; and whatever the number
//! of places, a frame draws at most a few markers per cell, which bounds the
//! meshes a frame can build.

use eframe::egui::{Pos2, Vec2};

use crate::IdMap;
use crate::model::{PlaceState, Status};

/// The side of a cell, in points: room for one cluster's disc and a gap, and
/// for a symbol and the start of its label.
pub const CELL: f32 = 40.0;

/// A cell with at most this many places shows them all.
pub const FEW: usize = 4;

/// What one cell of the map shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Drawn {
    /// A place alone in its cell, at its own position.
    Place(usize, Pos2),
    Cluster(Cluster),
}

/// Several places in one cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Where its places are on average, moved inside its cell far enough
    /// that its disc stays in the cell and never covers a neighbour's.
    pub at: Pos2,
    pub places: Vec<usize>,
    pub tally: Tally,
}

/// How the places of a cluster stand on the day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Places held by one party, by root party index, most places first.
    pub held: Vec<(usize, usize)>,
    pub disputed: usize,
    pub unknown: usize,
    /// Places with fighting nearby, whatever their status.
    pub fighting: usize,
}

impl Tally {
    pub fn of(places: &[usize], states: &[PlaceState]) -> Tally {
        let mut tally = Tally::default();
        // A few parties hold places: a short list beats a hash map.
        let mut held: Vec<(usize, usize)> = Vec::new();
        for &place in places {
            let Some(state) = states.get(place) else {
                continue;
            };
            match (state.status, state.controllers.as_slice()) {
                (Status::Held, &[party]) => match held.iter_mut().find(|(p, _)| *p == party) {
                    Some((_, n)) => *n += 1,
                    None => held.push((party, 1)),
                },
                (Status::Disputed, _) => tally.disputed += 1,
                _ => tally.unknown += 1,
            }
            tally.fighting += usize::from(state.fighting);
        }
        tally.held = held;
        tally.held.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        tally
    }

    pub fn total(&self) -> usize {
        self.held.iter().map(|(_, n)| n).sum::<usize>() + self.disputed + self.unknown
    }
}

/// Groups places by cell. `visible` are places with their screen positions;
/// `origin` is where a fixed point of the world is on screen, which anchors
/// the cells; `cell` is their side ([`CELL`], or more for larger markers, see
/// [`cell_for`]). Places in cells of [`FEW`] or fewer stay places, in the order
/// of `visible`; clusters follow in cell order.
pub fn group(
    visible: &[(usize, Pos2)],
    origin: Pos2,
    states: &[PlaceState],
    cell: f32,
) -> Vec<Drawn> {
    let cell_side = cell.max(CELL);
    let cell_of = |at: Pos2| {
        let from_origin: Vec2 = (at - origin) / cell_side;
        (from_origin.x.floor() as i64, from_origin.y.floor() as i64)
    };
    let mut cells: IdMap<(i64, i64), Vec<usize>> = IdMap::default();
    for (i, &(_, at)) in visible.iter().enumerate() {
        cells.entry(cell_of(at)).or_default().push(i);
    }
    let mut drawn: Vec<Drawn> = visible
        .iter()
        .filter(|&&(_, at)| {
            cells
                .get(&cell_of(at))
                .is_some_and(|members| members.len() <= FEW)
        })
        .map(|&(place, at)| Drawn::Place(place, at))
        .collect();
    let mut clustered: Vec<((i64, i64), Vec<usize>)> = cells
        .into_iter()
        .filter(|(_, members)| members.len() > FEW)
        .collect();
    clustered.sort_unstable_by_key(|(cell, _)| *cell);
    drawn.extend(clustered.into_iter().map(|(cell, members)| {
        let sum = members
            .iter()
            .fold(Vec2::ZERO, |sum, &i| sum + visible[i].1.to_vec2());
        let places: Vec<usize> = members.iter().map(|&i| visible[i].0).collect();
        let mean = (sum / members.len() as f32).to_pos2();
        let (x, y) = cell;
        let corner = origin + Vec2::new(x as f32, y as f32) * cell_side;
        let inset = cluster_radius(places.len()) + 1.0;
        let at = Pos2::new(
            mean.x.clamp(corner.x + inset, corner.x + cell_side - inset),
            mean.y.clamp(corner.y + inset, corner.y + cell_side - inset),
        );
        Drawn::Cluster(Cluster {
            at,
            tally: Tally::of(&places, states),
            places,
        })
    }));
    drawn
}

/// The side of a cell for markers `scale` times the default size: larger
/// markers need larger cells to keep a few of them apart, while smaller ones
/// keep the default cells, whose clusters' discs must fit in them.
pub fn cell_for(scale: f32) -> f32 {
    CELL * scale.max(1.0)
}

/// A cluster's radius in points: bigger for more places, slowly (10 for two,
/// 17 for ten thousand), and never so big it leaves its cell.
pub fn cluster_radius(places: usize) -> f32 {
    (9.0 + (places.max(2) as f32).log10() * 2.0).min(CELL / 2.0 - 2.0)
}

#[cfg(test)]
mod tests {
    use eframe::egui::pos2;

    use super::*;

    fn held_by(party: usize) -> PlaceState {
        PlaceState {
            status: Status::Held,
            controllers: vec![party],
            ..PlaceState::default()
        }
    }

    #[test]
    fn a_few_places_stay_places_and_crowded_cells_become_one_cluster() {
        let disputed = PlaceState {
            status: Status::Disputed,
            controllers: vec![0, 1],
            fighting: true,
            ..PlaceState::default()
        };
        let states = vec![
            held_by(0),
            held_by(0),
            disputed,
            PlaceState::default(),
            held_by(1),
            held_by(1),
            held_by(0),
        ];
        // Five places in one cell, two in another, far away.
        let visible = [
            (0, pos2(2.0, 2.0)),
            (1, pos2(4.0, 4.0)),
            (2, pos2(18.0, 18.0)),
            (3, pos2(12.0, 2.0)),
            (4, pos2(200.0, 5.0)),
            (5, pos2(8.0, 6.0)),
            (6, pos2(203.0, 5.0)),
        ];
        let drawn = group(&visible, Pos2::ZERO, &states, CELL);
        assert_eq!(drawn.len(), 3);
        assert_eq!(drawn[0], Drawn::Place(4, pos2(200.0, 5.0)));
        assert_eq!(drawn[1], Drawn::Place(6, pos2(203.0, 5.0)));
        let Drawn::Cluster(cluster) = &drawn[2] else {
            panic!("a cluster");
        };
        assert_eq!(cluster.places, vec![0, 1, 2, 3, 5]);
        let inset = cluster_radius(5) + 1.0;
        assert_eq!(
            cluster.at,
            pos2(inset, inset),
            "the mean (8.8, 6.4), moved in"
        );
        assert_eq!(
            cluster.tally,
            Tally {
                held: vec![(0, 2), (1, 1)],
                disputed: 1,
                unknown: 1,
                fighting: 1
            }
        );
        assert_eq!(cluster.tally.total(), 5);
    }

    #[test]
    fn larger_markers_get_larger_cells_and_smaller_ones_keep_the_default() {
        assert_eq!(cell_for(1.0), CELL);
        assert_eq!(cell_for(0.5), CELL);
        assert!(cell_for(9.0 / 7.0) > CELL);
        // Two places 45 points apart share a cell of a larger size only.
        let states = vec![PlaceState::default(); FEW + 1];
        let visible: Vec<(usize, Pos2)> = (0..=FEW)
            .map(|i| (i, pos2(1.0 + i as f32 * 11.0, 1.0)))
            .collect();
        let count = |cell| {
            group(&visible, Pos2::ZERO, &states, cell)
                .iter()
                .filter(|d| matches!(d, Drawn::Cluster(_)))
                .count()
        };
        assert_eq!(count(CELL), 0, "split over two cells");
        assert_eq!(count(cell_for(1.3)), 1, "one cell of five");
    }

    #[test]
    fn a_cluster_stays_inside_its_cell() {
        let states = vec![PlaceState::default(); FEW + 1];
        let visible: Vec<(usize, Pos2)> = (0..=FEW)
            .map(|i| (i, pos2(CELL - 1.0 - i as f32 * 0.1, 1.0)))
            .collect();
        let drawn = group(&visible, Pos2::ZERO, &states, CELL);
        let Some(Drawn::Cluster(cluster)) = drawn.first() else {
            panic!("one cluster");
        };
        let r = cluster_radius(FEW + 1);
        assert!(
            cluster.at.x + r < CELL && cluster.at.y - r > 0.0,
            "{:?}",
            cluster.at
        );
    }

    #[test]
    fn cells_are_anchored_to_the_world_so_panning_keeps_the_groups() {
        let states = vec![PlaceState::default(); 3];
        let visible = [
            (0, pos2(22.0, 5.0)),
            (1, pos2(30.0, 5.0)),
            (2, pos2(100.0, 5.0)),
        ];
        let here = group(&visible, Pos2::ZERO, &states, CELL);
        let shift = Vec2::new(17.0, 3.0);
        let panned: Vec<(usize, Pos2)> = visible.iter().map(|&(p, at)| (p, at + shift)).collect();
        let there = group(&panned, Pos2::ZERO + shift, &states, CELL);
        let members = |drawn: &[Drawn]| -> Vec<Vec<usize>> {
            drawn
                .iter()
                .map(|d| match d {
                    Drawn::Place(p, _) => vec![*p],
                    Drawn::Cluster(c) => c.places.clone(),
                })
                .collect()
        };
        assert_eq!(members(&here), members(&there));
    }

    #[test]
    fn a_hundred_thousand_places_make_a_few_markers_per_cell_at_most() {
        let states = vec![PlaceState::default(); 100_000];
        let visible: Vec<(usize, Pos2)> = (0..100_000)
            .map(|i| (i, pos2((i % 500) as f32 * 2.56, (i / 500) as f32 * 4.0)))
            .collect();
        let drawn = group(&visible, Pos2::ZERO, &states, CELL);
        let cells = (1280.0 / CELL).ceil() * (800.0 / CELL).ceil();
        assert!(
            drawn.len() as f32 <= cells * FEW as f32,
            "{} markers",
            drawn.len()
        );
        let total: usize = drawn
            .iter()
            .map(|d| match d {
                Drawn::Place(..) => 1,
                Drawn::Cluster(c) => c.tally.total(),
            })
            .sum();
        assert_eq!(total, 100_000, "every place is counted once");
    }
}
