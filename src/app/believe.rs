//! "Believe only…": whose claims count on the map. The user unticks parties
//! (or a whole side, which unticks every party speaking for it, and ticking
//! it again ticks them all); the rule then runs as if their claims had never
//! been made. Kept by party id, each id that one party only, so the choice is
//! remembered across runs and survives a reload.

use std::collections::BTreeSet;

use crate::model::{Believe, Dataset};

/// The parties a user does not believe, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BelieveFilter {
    pub not_believed: BTreeSet<String>,
}

/// A row of the filter: a party that makes claims, or a side one speaks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BelieveRow {
    pub party: usize,
    /// How many `side` links below a root party the row is, for indenting.
    pub depth: usize,
    pub believed: bool,
}

impl BelieveFilter {
    /// Believes `party` and every party speaking for it again if it is not
    /// believed, or doubts them all if it is.
    pub fn toggle(&mut self, dataset: &Dataset, party: usize) {
        let believed = !self.not_believed.contains(&dataset.parties()[party].id);
        let ids = (0..dataset.parties().len())
            .filter(|&p| speaks_for(dataset, p, party))
            .map(|p| dataset.parties()[p].id.clone());
        for id in ids {
            if believed {
                self.not_believed.insert(id);
            } else {
                self.not_believed.remove(&id);
            }
        }
    }

    /// Whose claims the rule counts: every party but those not believed. Ids
    /// the dataset does not know (another file's parties) are passed over.
    pub fn believe(&self, dataset: &Dataset) -> Believe {
        let mut doubted: Vec<u32> = (self.not_believed.iter())
            .filter_map(|id| dataset.party_by_id(id))
            .map(|p| p as u32)
            .collect();
        doubted.sort_unstable();
        if doubted.is_empty() {
            Believe::All
        } else {
            Believe::Except(doubted)
        }
    }

    /// The parties that make claims, each under the sides it speaks for, in
    /// the parties list's order; whether each is believed.
    pub fn rows(&self, dataset: &Dataset, claimants: &[usize]) -> Vec<BelieveRow> {
        match self.believe(dataset) {
            Believe::Except(doubted) => rows_under(dataset, claimants, &doubted),
            _ => rows_under(dataset, claimants, &[]),
        }
    }

    /// "Not believing Taliban, Pakistani officials", or `None` when every
    /// claimant is believed: a side not believed stands for its parties.
    pub fn summary(&self, dataset: &Dataset) -> Option<String> {
        let doubted = |p: usize| self.not_believed.contains(&dataset.parties()[p].id);
        let names: Vec<&str> = (self.not_believed.iter())
            .filter_map(|id| dataset.party_by_id(id))
            .filter(|&p| dataset.side_of(p).is_none_or(|side| !doubted(side)))
            .map(|p| dataset.parties()[p].name.as_str())
            .collect();
        (!names.is_empty()).then(|| format!("Not believing {}", names.join(", ")))
    }
}

fn rows_under(dataset: &Dataset, claimants: &[usize], doubted: &[u32]) -> Vec<BelieveRow> {
    let parties = dataset.parties();
    // A party is shown if it makes claims or a claimant speaks for it.
    let mut shown = vec![false; parties.len()];
    for &claimant in claimants {
        let mut party = Some(claimant);
        while let Some(p) = party {
            if std::mem::replace(&mut shown[p], true) {
                break;
            }
            party = dataset.side_of(p);
        }
    }
    // Each side's members, in the parties list's order: one pass, not one a side.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); parties.len()];
    let mut roots = Vec::new();
    for party in (0..parties.len()).filter(|&p| shown[p]) {
        match dataset.side_of(party) {
            Some(side) => members[side].push(party),
            None => roots.push(party),
        }
    }
    let mut rows = Vec::new();
    // Depth first, the stack holding what is still to come in reverse.
    let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|p| (p, 0)).collect();
    while let Some((party, depth)) = stack.pop() {
        rows.push(BelieveRow {
            party,
            depth,
            believed: doubted.binary_search(&(party as u32)).is_err(),
        });
        stack.extend(members[party].iter().rev().map(|&m| (m, depth + 1)));
    }
    rows
}

/// Whether `party` is `side` or speaks for it, through `side` links.
fn speaks_for(dataset: &Dataset, party: usize, side: usize) -> bool {
    let mut at = Some(party);
    // Sides nest a few levels at most; the parser refuses cycles.
    for _ in 0..=16 {
        match at {
            Some(p) if p == side => return true,
            Some(p) => at = dataset.side_of(p),
            None => return false,
        }
    }
    false
}

/// Every party that makes a claim, each once, in the parties list's order.
pub fn claimants(dataset: &Dataset) -> Vec<usize> {
    let mut seen = vec![false; dataset.parties().len()];
    for event in 0..dataset.events().len() {
        seen[dataset.links(event).claimant] = true;
    }
    (0..seen.len()).filter(|&p| seen[p]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lens, Mode, Status};

    #[test]
    fn unticking_a_side_doubts_its_parties_and_a_party_can_be_believed_again_alone() {
        let dataset = crate::data::built_in_dataset();
        let government = dataset.party_by_id("government").unwrap();
        let ministry = dataset.party_by_id("afg-interior-ministry").unwrap();
        let mut filter = BelieveFilter::default();
        assert_eq!(filter.believe(&dataset), Believe::All);
        filter.toggle(&dataset, government);
        let rows = filter.rows(&dataset, &claimants(&dataset));
        let row = |party| rows.iter().find(|r| r.party == party).unwrap();
        assert!(!row(government).believed && !row(ministry).believed);
        assert_eq!(row(ministry).depth, row(government).depth + 1);
        assert_eq!(
            filter.summary(&dataset).as_deref(),
            Some("Not believing Afghan government")
        );
        filter.toggle(&dataset, ministry);
        let rows = filter.rows(&dataset, &claimants(&dataset));
        let row = |party| rows.iter().find(|r| r.party == party).unwrap();
        assert!(!row(government).believed && row(ministry).believed);
        filter.toggle(&dataset, government);
        assert!(filter.not_believed.is_empty(), "{filter:?}");
    }

    #[test]
    fn only_the_governments_sources_believed_make_spin_boldak_held_by_it() {
        let dataset = crate::data::built_in_dataset();
        let mut filter = BelieveFilter::default();
        let government = dataset.party_by_id("government").unwrap();
        let spin_boldak = dataset.place_by_id("spin-boldak-chaman").unwrap();
        // Untick every root side but the government's.
        for row in filter.clone().rows(&dataset, &claimants(&dataset)) {
            if row.depth == 0 && row.party != government {
                filter.toggle(&dataset, row.party);
            }
        }
        let lens = Lens::new(Mode::Event).with_believe(filter.believe(&dataset));
        let state = dataset.place_state_with(spin_boldak, "2021-07-14".parse().unwrap(), &lens);
        assert_eq!(state.status, Status::Held);
        assert_eq!(state.controllers, vec![government]);
        // An id another file had is passed over.
        filter.not_believed.insert("someone-else".into());
        assert_ne!(filter.believe(&dataset), Believe::All);
    }
}
