//! `side` links between parties: who speaks for whom.

use std::collections::HashMap;

use super::diagnostic::{Collector, Problem};
use crate::model::{Location, Party};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    New,
    OnWalk,
    Done,
}

/// Drops `side` links to unlisted parties (a warning) and reports each cycle
/// of links once (an error). `side_at` says where each party's `side` is written.
pub(super) fn check_sides(
    parties: &mut [Party],
    side_at: &HashMap<String, Location>,
    out: &mut Collector,
) {
    let index: HashMap<String, usize> = parties
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    for party in parties.iter_mut() {
        if let Some(side) = party.side.take_if(|side| !index.contains_key(side)) {
            let subject = format!("party {}", party.id);
            out.warn(
                side_at.get(&party.id).copied(),
                Problem::UnknownSide { subject, side },
            );
        }
    }
    let next = |p: usize| {
        parties[p]
            .side
            .as_ref()
            .and_then(|side| index.get(side))
            .copied()
    };
    let mut visit = vec![Visit::New; parties.len()];
    for start in 0..parties.len() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(p) = at.filter(|&p| visit[p] != Visit::Done) {
            if visit[p] == Visit::OnWalk {
                let from = walk.iter().position(|&q| q == p).unwrap_or(0);
                let mut names: Vec<&str> = walk[from..]
                    .iter()
                    .map(|&q: &usize| parties[q].id.as_str())
                    .collect();
                names.push(&parties[p].id);
                let cycle = names.join(" → ");
                out.error(
                    side_at.get(&parties[p].id).copied(),
                    Problem::SideCycle { cycle },
                );
                break;
            }
            visit[p] = Visit::OnWalk;
            walk.push(p);
            at = next(p);
        }
        for p in walk {
            visit[p] = Visit::Done;
        }
    }
}
