//! Markers that would overlap are drawn as one. The map is divided into square
//! cells of the screen; a cell holding one place shows that place's symbol, a
//! cell holding several shows one cluster: how many places, and as a ring, how
//! many of them are held by whom, disputed, or unknown. Zooming in splits the
//! cells, so clusters open up into places.
//!
//! The cells are anchored to the world, not to the window, so panning moves
//! clusters with the map instead of regrouping them; and whatever the number
//! of places, a frame draws at most one marker per cell, which bounds the
//! meshes a frame can build.

use std::collections::HashMap;

use eframe::egui::{Pos2, Vec2};

use crate::model::{PlaceState, Status};

/// The side of a cell, in points: places closer than about this would have
/// overlapping symbols (their radius is 7).
pub const CELL: f32 = 20.0;

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
    /// The mean position of its places, so it sits where they are.
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
        let mut held: HashMap<usize, usize> = HashMap::new();
        for &place in places {
            let Some(state) = states.get(place) else {
                continue;
            };
            match (state.status, state.controllers.as_slice()) {
                (Status::Held, &[party]) => *held.entry(party).or_default() += 1,
                (Status::Disputed, _) => tally.disputed += 1,
                _ => tally.unknown += 1,
            }
            tally.fighting += usize::from(state.fighting);
        }
        tally.held = held.into_iter().collect();
        tally.held.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        tally
    }

    pub fn total(&self) -> usize {
        self.held.iter().map(|(_, n)| n).sum::<usize>() + self.disputed + self.unknown
    }
}

/// Groups places by cell. `visible` are places with their screen positions;
/// `origin` is where a fixed point of the world is on screen, which anchors
/// the cells. Places that are alone stay places; the order of `visible` is kept
/// for them, clusters follow in cell order.
pub fn group(visible: &[(usize, Pos2)], origin: Pos2, states: &[PlaceState]) -> Vec<Drawn> {
    let cell_of = |at: Pos2| {
        let from_origin: Vec2 = (at - origin) / CELL;
        (from_origin.x.floor() as i64, from_origin.y.floor() as i64)
    };
    let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, &(_, at)) in visible.iter().enumerate() {
        cells.entry(cell_of(at)).or_default().push(i);
    }
    let mut drawn: Vec<Drawn> = visible
        .iter()
        .filter(|&&(_, at)| {
            cells
                .get(&cell_of(at))
                .is_some_and(|members| members.len() == 1)
        })
        .map(|&(place, at)| Drawn::Place(place, at))
        .collect();
    let mut clustered: Vec<((i64, i64), Vec<usize>)> = cells
        .into_iter()
        .filter(|(_, members)| members.len() > 1)
        .collect();
    clustered.sort_unstable_by_key(|(cell, _)| *cell);
    drawn.extend(clustered.into_iter().map(|(_, members)| {
        let sum = members
            .iter()
            .fold(Vec2::ZERO, |sum, &i| sum + visible[i].1.to_vec2());
        let places: Vec<usize> = members.iter().map(|&i| visible[i].0).collect();
        Drawn::Cluster(Cluster {
            at: (sum / members.len() as f32).to_pos2(),
            tally: Tally::of(&places, states),
            places,
        })
    }));
    drawn
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
    fn places_alone_stay_places_and_crowded_cells_become_one_cluster() {
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
        ];
        // Four places in one cell, one far away.
        let visible = [
            (0, pos2(2.0, 2.0)),
            (1, pos2(4.0, 4.0)),
            (2, pos2(18.0, 18.0)),
            (3, pos2(12.0, 2.0)),
            (4, pos2(200.0, 5.0)),
        ];
        let drawn = group(&visible, Pos2::ZERO, &states);
        assert_eq!(drawn.len(), 2);
        assert_eq!(drawn[0], Drawn::Place(4, pos2(200.0, 5.0)));
        let Drawn::Cluster(cluster) = &drawn[1] else {
            panic!("a cluster");
        };
        assert_eq!(cluster.places, vec![0, 1, 2, 3]);
        assert_eq!(cluster.at, pos2(9.0, 6.5));
        assert_eq!(
            cluster.tally,
            Tally {
                held: vec![(0, 2)],
                disputed: 1,
                unknown: 1,
                fighting: 1
            }
        );
        assert_eq!(cluster.tally.total(), 4);
    }

    #[test]
    fn cells_are_anchored_to_the_world_so_panning_keeps_the_groups() {
        let states = vec![PlaceState::default(); 3];
        let visible = [
            (0, pos2(22.0, 5.0)),
            (1, pos2(30.0, 5.0)),
            (2, pos2(100.0, 5.0)),
        ];
        let here = group(&visible, Pos2::ZERO, &states);
        let shift = Vec2::new(17.0, 3.0);
        let panned: Vec<(usize, Pos2)> = visible.iter().map(|&(p, at)| (p, at + shift)).collect();
        let there = group(&panned, Pos2::ZERO + shift, &states);
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
    fn a_hundred_thousand_places_make_at_most_one_marker_per_cell() {
        let states = vec![PlaceState::default(); 100_000];
        let visible: Vec<(usize, Pos2)> = (0..100_000)
            .map(|i| (i, pos2((i % 500) as f32 * 2.56, (i / 500) as f32 * 4.0)))
            .collect();
        let drawn = group(&visible, Pos2::ZERO, &states);
        let cells = (1280.0 / CELL).ceil() * (800.0 / CELL).ceil();
        assert!(drawn.len() as f32 <= cells, "{} markers", drawn.len());
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
