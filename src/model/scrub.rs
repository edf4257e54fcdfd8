//! Moving the day: which places can change between one day and the next, so
//! a step recomputes those places only instead of every place.
//!
//! A place's state on day D depends on its events effective on or before D,
//! in [`Mode::Known`] only those whose source is published by D, and on
//! fighting in the seven days ending on D. So from D − 1 to D it can change
//! only if an event becomes effective on D, a source of one of its events is
//! published on D, a fighting event leaves the window (effective on D − 7), or
//! a claim lapses (its `until` is D − 1).

use std::sync::OnceLock;

use chrono::{Days, NaiveDate};

use super::rule::{FIGHTING_LOOKBACK_DAYS, RuleEvent};
use super::{Dataset, EventType, Lens, Mode, PlaceState};

/// For each kind of trigger, `(day, place)` pairs sorted by day: the places
/// whose state may differ between the day before and that day.
#[derive(Clone, Debug, Default)]
pub(super) struct DayIndex {
    /// Event mode: effective days, and the day after each fighting window ends.
    event: Vec<(NaiveDate, u32)>,
    /// Known mode adds the publication days.
    known: Vec<(NaiveDate, u32)>,
}

impl DayIndex {
    fn build(records_by_place: impl Iterator<Item = (usize, RuleEvent)>) -> DayIndex {
        let mut event = Vec::new();
        let mut published = Vec::new();
        for (place, record) in records_by_place {
            let place = place as u32;
            event.push((record.effective_day, place));
            if record.kind == EventType::Fighting {
                let gone = record
                    .effective_day
                    .checked_add_days(Days::new(FIGHTING_LOOKBACK_DAYS + 1));
                if let Some(gone) = gone {
                    event.push((gone, place));
                }
            }
            // The day after a claim's last is the first without it.
            if let Some(lapsed) = record.until.and_then(|until| until.succ_opt()) {
                event.push((lapsed, place));
            }
            if let Some(day) = record.published {
                published.push((day, place));
            }
        }
        event.sort_unstable();
        event.dedup();
        let mut known = [event.as_slice(), published.as_slice()].concat();
        known.sort_unstable();
        known.dedup();
        DayIndex { event, known }
    }

    /// The places whose state may differ between `day - 1` and `day`, each once.
    fn touched(&self, day: NaiveDate, mode: Mode) -> impl Iterator<Item = usize> + '_ {
        let pairs = match mode {
            Mode::Event => &self.event,
            Mode::Known => &self.known,
        };
        let from = pairs.partition_point(|&(d, _)| d < day);
        pairs[from..]
            .iter()
            .take_while(move |&&(d, _)| d == day)
            .map(|&(_, place)| place as usize)
    }
}

/// A place whose state differs between two days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub place: usize,
    pub from: PlaceState,
    pub to: PlaceState,
}

/// The state of every place on one day, moved a day at a time.
#[derive(Clone, Debug)]
pub struct DayStates {
    pub day: NaiveDate,
    pub mode: Mode,
    pub states: Vec<PlaceState>,
}

/// [`DayStates`] through a lens: the state of every place on one day as
/// the believed claimants tell it, moved a day at a time.
#[derive(Clone, Debug)]
pub struct LensStates {
    pub day: NaiveDate,
    pub lens: Lens,
    pub states: Vec<PlaceState>,
}

impl Dataset {
    fn day_index(&self) -> &DayIndex {
        self.day_index.get_or_init(|| {
            DayIndex::build((0..self.places().len()).flat_map(|place| {
                self.timeline
                    .of_place(place)
                    .iter()
                    .map(move |r| (place, *r))
            }))
        })
    }

    /// Works out now, rather than on the first step, which places each day
    /// can change: on a loading thread, so the first move of the slider is quick.
    pub fn prepare_stepping(&self) {
        self.day_index();
    }

    /// Every place's state on `day`, ready to be stepped.
    pub fn day_states(&self, day: NaiveDate, mode: Mode) -> DayStates {
        DayStates {
            day,
            mode,
            states: self.control_state_at(day, mode),
        }
    }

    /// Every place's state on `day` through `lens`, ready to be stepped.
    pub fn lens_states(&self, day: NaiveDate, lens: &Lens) -> LensStates {
        LensStates {
            day,
            lens: lens.clone(),
            states: self.control_state_with(day, lens),
        }
    }

    /// Moves `states` to the next day and returns the places that changed,
    /// by place index. Only the places something happens to are recomputed.
    pub fn step_forward(&self, states: &mut DayStates) -> Vec<Change> {
        self.step_all_believed(states, Dataset::step_forward_with)
    }

    /// Moves `states` to the day before, returning what changed.
    pub fn step_back(&self, states: &mut DayStates) -> Vec<Change> {
        self.step_all_believed(states, Dataset::step_back_with)
    }

    /// Steps mode-only states as a lens believing every claimant.
    fn step_all_believed(
        &self,
        states: &mut DayStates,
        step: fn(&Dataset, &mut LensStates) -> Vec<Change>,
    ) -> Vec<Change> {
        let mut through = LensStates {
            day: states.day,
            lens: Lens::from(states.mode),
            states: std::mem::take(&mut states.states),
        };
        let changes = step(self, &mut through);
        states.day = through.day;
        states.states = through.states;
        changes
    }

    /// [`Dataset::step_forward`] through a lens. Which places a day can
    /// change does not depend on whom one believes, so the same index serves.
    pub fn step_forward_with(&self, states: &mut LensStates) -> Vec<Change> {
        let Some(next) = states.day.succ_opt() else {
            return Vec::new();
        };
        let changes = self.recompute(states, next, next);
        states.day = next;
        changes
    }

    /// [`Dataset::step_back`] through a lens.
    pub fn step_back_with(&self, states: &mut LensStates) -> Vec<Change> {
        let Some(previous) = states.day.pred_opt() else {
            return Vec::new();
        };
        let changes = self.recompute(states, states.day, previous);
        states.day = previous;
        changes
    }

    /// Recomputes the places touched on `touched_on` for day `to`.
    fn recompute(
        &self,
        states: &mut LensStates,
        touched_on: NaiveDate,
        to: NaiveDate,
    ) -> Vec<Change> {
        let mode = states.lens.mode;
        let places: Vec<usize> = self.day_index().touched(touched_on, mode).collect();
        let computed = self.states_of(&places, to, &states.lens);
        let mut changes = Vec::new();
        for (place, state) in places.into_iter().zip(computed) {
            if state != states.states[place] {
                let from = std::mem::replace(&mut states.states[place], state.clone());
                changes.push(Change {
                    place,
                    from,
                    to: state,
                });
            }
        }
        changes
    }
}

/// Remembered by [`Dataset`]: built the first time the day moves.
pub(super) type LazyDayIndex = OnceLock<DayIndex>;

#[cfg(test)]
mod tests {
    use chrono::Days;
    use geo_types::Point;

    use super::*;
    use crate::model::{
        Believe, DateSpec, Event, EventTable, EventsFile, Gazetteer, Party, Place, Source,
        Verification,
    };

    /// Thirty places, five parties (two speaking for others), sources
    /// published over the summer, and 600 events of every type, some with
    /// intervals: deterministic, from xorshift.
    fn world() -> Dataset {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let start = NaiveDate::from_ymd_opt(2021, 7, 1).unwrap_or_default();
        let day = |n: u64| start + Days::new(n);
        let places = (0..30)
            .map(|i| Place {
                id: format!("p{i}"),
                name: format!("P{i}"),
                kind: "town".into(),
                countries: vec![],
                province: None,
                aliases: vec![],
                position: Point::new(65.0, 33.0),
                area: None,
                properties: Default::default(),
            })
            .collect();
        let party = |id: &str, side: Option<&str>| Party {
            side: side.map(Into::into),
            ..Party::implicit(id)
        };
        let parties = vec![
            party("a", None),
            party("b", None),
            party("c", None),
            party("a-spokesman", Some("a")),
            party("b-ministry", Some("b")),
        ];
        let sources = (0..10)
            .map(|s| Source {
                id: format!("s{s}"),
                outlet: "Outlet".into(),
                title: None,
                url: None,
                published: Some(DateSpec::day(day(next(60)))),
                author: None,
                note: None,
            })
            .collect();
        let claimants = ["a", "b", "c", "a-spokesman", "b-ministry"];
        let events: Vec<Event> = (0..600)
            .map(|e| {
                let kind = EventType::ALL[next(8) as usize];
                let first = next(60);
                let date = if next(5) == 0 {
                    format!("{}/{}", day(first), day(first + next(4)))
                } else {
                    day(first).to_string()
                };
                let date: DateSpec = date.parse().unwrap_or(DateSpec::day(start));
                // A quarter of the claims lapse, some on the day they are made.
                let until = (next(4) == 0).then(|| date.effective_day() + Days::new(next(20)));
                Event {
                    id: format!("e{e:03}"),
                    date,
                    place: format!("p{}", next(30)),
                    kind,
                    claimant: claimants[next(5) as usize].into(),
                    controller: kind
                        .is_control_claim()
                        .then(|| ["a", "b", "c"][next(3) as usize].into()),
                    verification: if next(6) == 0 {
                        Verification::Confirmed
                    } else {
                        Verification::Claimed
                    },
                    until,
                    speaker: None,
                    quote: None,
                    source: (next(3) > 0).then(|| format!("s{}", next(10))),
                    note: None,
                }
            })
            .collect();
        let file = EventsFile {
            parties,
            sources,
            events: EventTable::from_events(&events),
            maps: Vec::new(),
        };
        Dataset::link(Gazetteer { places }, file).0
    }

    /// What changed from one day to the next, by recomputing every place on both.
    fn changes_by_recomputing(dataset: &Dataset, day: NaiveDate, mode: Mode) -> Vec<Change> {
        let before = dataset.control_state_at(day.pred_opt().unwrap_or(day), mode);
        let after = dataset.control_state_at(day, mode);
        before
            .into_iter()
            .zip(after)
            .enumerate()
            .filter(|(_, (from, to))| from != to)
            .map(|(place, (from, to))| Change { place, from, to })
            .collect()
    }

    #[test]
    fn stepping_a_day_at_a_time_agrees_with_recomputing_every_place() {
        let dataset = world();
        let start = NaiveDate::from_ymd_opt(2021, 6, 28).unwrap_or_default();
        for mode in [Mode::Event, Mode::Known] {
            let mut states = dataset.day_states(start, mode);
            let mut changed_days = 0;
            for _ in 0..80 {
                let changes = dataset.step_forward(&mut states);
                let expected = changes_by_recomputing(&dataset, states.day, mode);
                assert_eq!(changes, expected, "{mode:?} mode, {}", states.day);
                assert_eq!(states.states, dataset.control_state_at(states.day, mode));
                changed_days += usize::from(!changes.is_empty());
            }
            assert!(changed_days > 40, "the world changes on most days");
            for _ in 0..80 {
                let day = states.day;
                let changes = dataset.step_back(&mut states);
                let mut expected = changes_by_recomputing(&dataset, day, mode);
                for change in &mut expected {
                    std::mem::swap(&mut change.from, &mut change.to);
                }
                assert_eq!(changes, expected, "{mode:?} mode, back from {day}");
            }
            assert_eq!(states.states, dataset.control_state_at(start, mode));
        }
    }

    #[test]
    fn stepping_through_a_lens_agrees_with_recomputing_every_place() {
        let dataset = world();
        let start = NaiveDate::from_ymd_opt(2021, 6, 28).unwrap_or_default();
        let sides = [
            Believe::only(&dataset, &["a", "c"]).unwrap(),
            Believe::except(&dataset, &["b", "a-spokesman"]).unwrap(),
        ];
        for (believe, mode) in sides.into_iter().zip([Mode::Event, Mode::Known]) {
            let lens = Lens::from(mode).with_believe(believe);
            let mut states = dataset.lens_states(start, &lens);
            let mut changed_days = 0;
            for _ in 0..80 {
                let before = states.states.clone();
                let changes = dataset.step_forward_with(&mut states);
                let after = dataset.control_state_with(states.day, &lens);
                assert_eq!(states.states, after, "{lens:?}, {}", states.day);
                let expected = before.iter().zip(&after).filter(|(a, b)| a != b).count();
                assert_eq!(changes.len(), expected, "{lens:?}, {}", states.day);
                changed_days += usize::from(!changes.is_empty());
            }
            assert!(changed_days > 20, "the world changes through the lens too");
            assert_ne!(
                states.states,
                dataset.control_state_at(states.day, mode),
                "the lens hides claims"
            );
            for _ in 0..80 {
                dataset.step_back_with(&mut states);
                assert_eq!(states.states, dataset.control_state_with(states.day, &lens));
            }
        }
    }
}
