//! What the user is looking at besides the day: which events the rule may
//! see ([`Mode`]) and whose claims count ([`Believe`]). One value, so the
//! window can key its caches on it and the command line can say it.

use thiserror::Error;

use super::{Dataset, Mode};

/// Which claimants' events the rule sees; the others' are as if never made.
///
/// Sets hold party indices, sorted and without repeats, so two lenses that
/// believe the same parties are equal and hash alike.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Believe {
    /// Every claimant.
    #[default]
    All,
    /// Only these claimants.
    Only(Vec<u32>),
    /// Every claimant but these.
    Except(Vec<u32>),
}

impl Believe {
    /// Whether the claims of `claimant` (a party index) count.
    pub fn counts(&self, claimant: usize) -> bool {
        let claimant = claimant as u32;
        match self {
            Believe::All => true,
            Believe::Only(parties) => parties.binary_search(&claimant).is_ok(),
            Believe::Except(parties) => parties.binary_search(&claimant).is_err(),
        }
    }
}

/// The rule's input besides the day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Lens {
    pub mode: Mode,
    pub believe: Believe,
}

impl From<Mode> for Lens {
    fn from(mode: Mode) -> Self {
        Lens {
            mode,
            believe: Believe::All,
        }
    }
}

impl Lens {
    /// The lens with every claimant believed.
    pub fn new(mode: Mode) -> Self {
        Lens::from(mode)
    }

    pub fn with_believe(mut self, believe: Believe) -> Self {
        self.believe = believe;
        self
    }
}

/// An id given for a claimant that names no party.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("no party has the id \"{id}\"; known: {known}")]
pub struct UnknownClaimant {
    pub id: String,
    /// A few of the known ids, for the message.
    pub known: String,
}

/// How many known ids an error lists before "and N more".
const KNOWN_IN_MESSAGE: usize = 12;

impl Believe {
    /// Believe only the parties named (each with every party that speaks for it).
    pub fn only<S: AsRef<str>>(dataset: &Dataset, ids: &[S]) -> Result<Believe, UnknownClaimant> {
        Ok(Believe::Only(dataset.claimants_of(ids)?))
    }

    /// Believe every party but those named (and those that speak for them).
    pub fn except<S: AsRef<str>>(dataset: &Dataset, ids: &[S]) -> Result<Believe, UnknownClaimant> {
        Ok(Believe::Except(dataset.claimants_of(ids)?))
    }

    pub fn is_all(&self) -> bool {
        matches!(self, Believe::All)
    }

    /// For each of `parties` party indices, whether its claims count; `None`
    /// when all do, so the rule's unfiltered path checks nothing.
    pub(super) fn mask(&self, parties: usize) -> Option<Vec<bool>> {
        let (set, inside) = match self {
            Believe::All => return None,
            Believe::Only(set) => (set, true),
            Believe::Except(set) => (set, false),
        };
        let mut mask = vec![!inside; parties];
        // Indices from another dataset may be out of range: they name nobody here.
        for &party in set {
            if let Some(slot) = mask.get_mut(party as usize) {
                *slot = inside;
            }
        }
        Some(mask)
    }
}

impl Dataset {
    /// The party indices the ids name, each with every party whose `side`
    /// chain leads to it, sorted. The first unknown id is an error.
    pub fn claimants_of<S: AsRef<str>>(&self, ids: &[S]) -> Result<Vec<u32>, UnknownClaimant> {
        let mut chosen = vec![false; self.parties().len()];
        for id in ids {
            let id = id.as_ref();
            let side = self.party_by_id(id).ok_or_else(|| self.unknown(id))?;
            for (party, chosen) in chosen.iter_mut().enumerate() {
                *chosen |= self.speaks_for(party, side);
            }
        }
        Ok((0..chosen.len() as u32)
            .filter(|&p| chosen[p as usize])
            .collect())
    }

    /// Whether `party` is `side` or its `side` chain passes through it.
    fn speaks_for(&self, party: usize, side: usize) -> bool {
        let mut at = party;
        // The chain is acyclic once linked; the bound only guards a hand-built one.
        for _ in 0..=self.parties().len() {
            if at == side {
                return true;
            }
            match self.side_of(at) {
                Some(next) => at = next,
                None => return false,
            }
        }
        false
    }

    fn unknown(&self, id: &str) -> UnknownClaimant {
        let parties = self.parties();
        let mut known: Vec<&str> = parties
            .iter()
            .take(KNOWN_IN_MESSAGE)
            .map(|p| p.id.as_str())
            .collect();
        let more = parties.len().saturating_sub(KNOWN_IN_MESSAGE);
        let more = (more > 0).then(|| format!("and {more} more"));
        known.extend(more.as_deref());
        UnknownClaimant {
            id: id.to_owned(),
            known: known.join(", "),
        }
    }

    /// The ids of a set of party indices, for saying a filter.
    pub fn party_ids(&self, parties: &[u32]) -> Vec<&str> {
        parties
            .iter()
            .filter_map(|&p| self.parties().get(p as usize))
            .map(|p| p.id.as_str())
            .collect()
    }
}

#[cfg(test)]
#[path = "lens_tests.rs"]
mod tests;
