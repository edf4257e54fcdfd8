//! Comparing two days: every place whose control differs between them,
//! grouped by what happened, with the claims that made the difference.
//!
//! Control is the status, the controllers and whether it is confirmed:
//! what a place's colour says. A place whose claims were renewed, or that
//! only gained or lost fighting nearby, looks the same and is not listed.

use chrono::NaiveDate;

use super::{Dataset, Lens, PlaceState, Status};

/// What happened to a place's control between the two days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiffKind {
    /// Unknown → held.
    BecameHeld,
    /// Held or unknown → disputed.
    BecameDisputed,
    /// Disputed → held.
    DisputeSettled,
    /// Held or disputed → unknown.
    LapsedToUnknown,
    /// Held by one party → held by another.
    ChangedHands,
    /// Disputed → disputed between other parties.
    RivalsChanged,
    /// Held by the same party, now settled by a confirmation.
    Confirmed,
    /// Held by the same party, its confirmation lapsed or reopened.
    NoLongerConfirmed,
}

impl DiffKind {
    /// Every kind, in the order the groups are listed.
    pub const ALL: [DiffKind; 8] = [
        DiffKind::BecameHeld,
        DiffKind::BecameDisputed,
        DiffKind::DisputeSettled,
        DiffKind::LapsedToUnknown,
        DiffKind::ChangedHands,
        DiffKind::RivalsChanged,
        DiffKind::Confirmed,
        DiffKind::NoLongerConfirmed,
    ];

    /// The kind in words, as the command line and the window say it.
    pub fn as_str(self) -> &'static str {
        match self {
            DiffKind::BecameHeld => "became held",
            DiffKind::ChangedHands => "changed hands",
            DiffKind::BecameDisputed => "became disputed",
            DiffKind::RivalsChanged => "rivals changed",
            DiffKind::DisputeSettled => "dispute settled",
            DiffKind::Confirmed => "confirmed",
            DiffKind::NoLongerConfirmed => "no longer confirmed",
            DiffKind::LapsedToUnknown => "lapsed to unknown",
        }
    }

    /// What happened between `from` and `to`; `None` when control is the same.
    pub fn between(from: &PlaceState, to: &PlaceState) -> Option<DiffKind> {
        use Status::{Disputed, Held, Unknown};
        let same_parties = from.controllers == to.controllers;
        Some(match (from.status, to.status) {
            (Unknown, Unknown) => return None,
            (Unknown, Held) => DiffKind::BecameHeld,
            (_, Unknown) => DiffKind::LapsedToUnknown,
            (Held, Held) if !same_parties => DiffKind::ChangedHands,
            (Held, Held) if from.confirmed == to.confirmed => return None,
            (Held, Held) if to.confirmed => DiffKind::Confirmed,
            (Held, Held) => DiffKind::NoLongerConfirmed,
            (_, Disputed) if from.status != Disputed => DiffKind::BecameDisputed,
            (_, Disputed) if same_parties => return None,
            (_, Disputed) => DiffKind::RivalsChanged,
            (_, Held) => DiffKind::DisputeSettled,
        })
    }
}

/// One place whose control differs between the two days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceDiff {
    pub place: usize,
    pub from: PlaceState,
    pub to: PlaceState,
    /// Claims standing on the second day and not on the first, by event id.
    pub claims_added: Vec<usize>,
    /// Claims standing on the first day and not on the second, by event id.
    pub claims_dropped: Vec<usize>,
}

/// The places of one kind, in gazetteer order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffGroup {
    pub kind: DiffKind,
    pub places: Vec<PlaceDiff>,
}

/// What differs between two days through one lens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub lens: Lens,
    /// Only the kinds that happened, in the order of [`DiffKind::ALL`].
    pub groups: Vec<DiffGroup>,
}

impl Diff {
    /// How many places changed, all kinds together.
    pub fn len(&self) -> usize {
        self.groups.iter().map(|g| g.places.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

impl Dataset {
    /// Every place whose control differs between `from` and `to` through
    /// `lens`, grouped by kind. Either day may be the earlier.
    pub fn diff(&self, from: NaiveDate, to: NaiveDate, lens: &Lens) -> Diff {
        let before = self.control_state_with(from, lens);
        let after = self.control_state_with(to, lens);
        Diff::of_states((from, before), (to, after), lens)
    }
}

impl Diff {
    /// The changes between two days' states (every place's, in gazetteer
    /// order, through `lens`): for a caller that has either already.
    pub fn of_states(
        (from, before): (NaiveDate, Vec<PlaceState>),
        (to, after): (NaiveDate, Vec<PlaceState>),
        lens: &Lens,
    ) -> Diff {
        let mut groups: Vec<DiffGroup> = DiffKind::ALL
            .iter()
            .map(|&kind| DiffGroup {
                kind,
                places: Vec::new(),
            })
            .collect();
        for (place, (from, to)) in before.into_iter().zip(after).enumerate() {
            let Some(kind) = DiffKind::between(&from, &to) else {
                continue;
            };
            let slot = DiffKind::ALL.iter().position(|&k| k == kind);
            if let Some(group) = slot.and_then(|slot| groups.get_mut(slot)) {
                group.places.push(PlaceDiff {
                    place,
                    claims_added: missing_from(&to.claims, &from.claims),
                    claims_dropped: missing_from(&from.claims, &to.claims),
                    from,
                    to,
                });
            }
        }
        groups.retain(|group| !group.places.is_empty());
        Diff {
            from,
            to,
            lens: lens.clone(),
            groups,
        }
    }
}

/// The claims of `these` not in `those`, in their order: a place has a
/// claim per claimant at most, so a linear search is short.
fn missing_from(these: &[usize], those: &[usize]) -> Vec<usize> {
    these
        .iter()
        .copied()
        .filter(|claim| !those.contains(claim))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(status: Status, controllers: &[usize], confirmed: bool) -> PlaceState {
        PlaceState {
            status,
            controllers: controllers.to_vec(),
            confirmed,
            ..PlaceState::default()
        }
    }

    #[test]
    fn each_change_of_control_has_its_kind() {
        use Status::{Disputed, Held, Unknown};
        let unknown = state(Unknown, &[], false);
        let held_a = state(Held, &[0], false);
        let held_a_confirmed = state(Held, &[0], true);
        let held_b = state(Held, &[1], false);
        let disputed = state(Disputed, &[0, 1], false);
        let disputed_other = state(Disputed, &[0, 2], false);
        let cases = [
            (&unknown, &held_a, Some(DiffKind::BecameHeld)),
            (&held_a, &held_b, Some(DiffKind::ChangedHands)),
            (&held_a, &disputed, Some(DiffKind::BecameDisputed)),
            (&unknown, &disputed, Some(DiffKind::BecameDisputed)),
            (&disputed, &disputed_other, Some(DiffKind::RivalsChanged)),
            (&disputed, &held_b, Some(DiffKind::DisputeSettled)),
            (&held_a, &held_a_confirmed, Some(DiffKind::Confirmed)),
            (
                &held_a_confirmed,
                &held_a,
                Some(DiffKind::NoLongerConfirmed),
            ),
            (&held_a_confirmed, &held_b, Some(DiffKind::ChangedHands)),
            (&held_a, &unknown, Some(DiffKind::LapsedToUnknown)),
            (&disputed, &unknown, Some(DiffKind::LapsedToUnknown)),
            (&unknown, &unknown, None),
            (&held_a, &held_a, None),
            (&disputed, &disputed, None),
        ];
        for (from, to, kind) in cases {
            assert_eq!(DiffKind::between(from, to), kind, "{from:?} → {to:?}");
        }
    }

    #[test]
    fn renewed_claims_and_fighting_alone_are_no_change_of_control() {
        let mut before = state(Status::Held, &[0], false);
        before.claims = vec![3];
        let mut after = before.clone();
        after.claims = vec![3, 7];
        after.fighting = true;
        assert_eq!(DiffKind::between(&before, &after), None);
    }

    #[test]
    fn claims_added_and_dropped_keep_their_order() {
        assert_eq!(missing_from(&[1, 4, 9], &[4]), vec![1, 9]);
        assert_eq!(missing_from(&[4], &[1, 4, 9]), Vec::<usize>::new());
    }
}
