//! When a place's current state began: the first day of the run of days on
//! which it has had the same status, holders and confirmation. `since` (the
//! newest standing claim) is not that: Islam Qala, held by the Taliban and
//! confirmed since 9 July 2021, gets a newer claim on 14 July without its
//! state changing.

use chrono::NaiveDate;

use super::{Dataset, Lens, Mode, PlaceState};

impl Dataset {
    /// The first day of the run of days up to `day` on which `place` has had
    /// the state it has on `day`; `None` when it has no standing claim then.
    pub fn state_began(&self, place: usize, day: NaiveDate, lens: &Lens) -> Option<NaiveDate> {
        let now = self.place_state_with(place, day, lens);
        now.since?;
        // A state changes only on a day an event of the place takes effect,
        // a claim lapses (the day after its `until`), or, as known, a source appears.
        let mut changes: Vec<NaiveDate> = Vec::new();
        for event in self.events_of_place(place) {
            let links = self.links(event);
            changes.push(links.effective_day);
            changes.extend(self.event(event).until.and_then(|u| u.succ_opt()));
            if lens.mode == Mode::Known {
                changes.extend(links.published);
            }
        }
        changes.retain(|&d| d <= day);
        changes.sort_unstable();
        changes.dedup();
        let mut began = None;
        for &change in changes.iter().rev() {
            let before = change
                .pred_opt()
                .map(|d| self.place_state_with(place, d, lens));
            began = Some(change);
            if before.is_none_or(|before| !same_state(&before, &now)) {
                break;
            }
        }
        began
    }
}

/// Whether two states look the same on the map: status, holders, confirmation.
fn same_state(a: &PlaceState, b: &PlaceState) -> bool {
    a.status == b.status && a.controllers == b.controllers && a.confirmed == b.confirmed
}

#[cfg(test)]
mod tests {
    use crate::model::{Lens, Mode};

    #[test]
    fn islam_qala_has_been_held_and_confirmed_since_9_july_though_claimed_again_later() {
        let dataset = crate::data::built_in_dataset();
        let islam_qala = dataset.place_by_id("islam-qala").unwrap();
        let day = "2021-07-14".parse().unwrap();
        let state = dataset.place_state_at(islam_qala, day, Mode::Event);
        let lens = Lens::new(Mode::Event);
        let began = dataset.state_began(islam_qala, day, &lens);
        assert!(
            began < state.since,
            "{began:?} before the newest claim {:?}",
            state.since
        );
        assert_eq!(began, "2021-07-09".parse().ok());
        // Before any claim: no state to have begun.
        let early = "2021-06-01".parse().unwrap();
        assert_eq!(dataset.state_began(islam_qala, early, &lens), None);
    }
}
