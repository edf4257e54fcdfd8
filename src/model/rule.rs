//! The control-state rule: what the claims say about a place on a given day.

use chrono::{Days, NaiveDate};

use super::{Dataset, EventType};

/// Which events the rule may see on day D.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Every event dated on or before D.
    #[default]
    Event,
    /// As known on D: also leaves out events whose source was published after D.
    Known,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Event => "event",
            Mode::Known => "known",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Status {
    /// No claim says who holds the place.
    #[default]
    Unknown,
    /// Every standing claim names the same party.
    Held,
    /// Standing claims name different parties.
    Disputed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unknown => "unknown",
            Status::Held => "held",
            Status::Disputed => "disputed",
        }
    }
}

/// The state of one place on one day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlaceState {
    pub status: Status,
    /// Root parties named by the kept claims, sorted by id.
    pub controllers: Vec<usize>,
    /// Held, and settled by a confirmed claim naming that party.
    pub confirmed: bool,
    /// A fighting event in the seven days ending on the day.
    pub fighting: bool,
    /// The effective day of the newest kept claim.
    pub since: Option<NaiveDate>,
    /// The kept claims, sorted by event id: why the place has its colour.
    pub claims: Vec<usize>,
}

/// Fighting colours a place for this many days before the day itself.
const FIGHTING_WINDOW_DAYS: u64 = 6;

impl Dataset {
    /// The state of every place on `day`, indexed like [`Dataset::places`].
    ///
    /// One pass over each place's events up to `day`: O(places + events).
    pub fn control_state_at(&self, day: NaiveDate, mode: Mode) -> Vec<PlaceState> {
        let mut seen = ClaimantSet::new(self.parties.len());
        (0..self.places.len())
            .map(|place| self.state_with(place, day, mode, &mut seen))
            .collect()
    }

    /// The state of one place on `day`.
    pub fn place_state_at(&self, place: usize, day: NaiveDate, mode: Mode) -> PlaceState {
        self.state_with(place, day, mode, &mut ClaimantSet::new(self.parties.len()))
    }

    fn state_with(
        &self,
        place: usize,
        day: NaiveDate,
        mode: Mode,
        seen: &mut ClaimantSet,
    ) -> PlaceState {
        let events = self.events_of_place(place);
        // Events are sorted by (effective day, position): those up to `day` are a prefix.
        let upto = events.partition_point(|&e| self.links[e].effective_day <= day);
        let candidates = events[..upto]
            .iter()
            .copied()
            .filter(|&e| self.is_visible(e, day, mode));

        // Walking backwards, a claimant's first claim is its last one, and the
        // first confirmed claim met is the last confirmation: nothing before it counts.
        seen.clear();
        let mut kept = Vec::new();
        let mut settled_by = None;
        for e in candidates
            .clone()
            .rev()
            .filter(|&e| self.events[e].kind.is_control_claim())
        {
            if seen.insert(self.links[e].claimant) {
                kept.push(e);
            }
            if self.events[e].is_confirmed() {
                settled_by = Some(e);
                break;
            }
        }

        let fighting_from = day
            .checked_sub_days(Days::new(FIGHTING_WINDOW_DAYS))
            .unwrap_or(NaiveDate::MIN);
        let fighting = candidates
            .rev()
            .take_while(|&e| self.links[e].effective_day >= fighting_from)
            .any(|e| self.events[e].kind == EventType::Fighting);

        let mut controllers: Vec<usize> = kept
            .iter()
            .filter_map(|&e| self.controller_root(e))
            .collect();
        controllers.sort_by(|&a, &b| self.parties[a].id.cmp(&self.parties[b].id));
        controllers.dedup();
        let status = match controllers.len() {
            0 => Status::Unknown,
            1 => Status::Held,
            _ => Status::Disputed,
        };
        let confirmed = status == Status::Held
            && settled_by.and_then(|a| self.controller_root(a)) == controllers.first().copied();
        let since = kept.iter().map(|&e| self.links[e].effective_day).max();
        kept.sort_by(|&a, &b| self.events[a].id.cmp(&self.events[b].id));
        PlaceState {
            status,
            controllers,
            confirmed,
            fighting,
            since,
            claims: kept,
        }
    }

    fn is_visible(&self, event: usize, day: NaiveDate, mode: Mode) -> bool {
        match mode {
            Mode::Event => true,
            Mode::Known => self.links[event]
                .published
                .is_none_or(|published| published <= day),
        }
    }

    fn controller_root(&self, event: usize) -> Option<usize> {
        self.links[event].controller.map(|c| self.root_of[c])
    }
}

/// A set of party indices that clears in O(1), so computing every place's
/// state does not cost O(places × parties).
struct ClaimantSet {
    stamp: Vec<u32>,
    generation: u32,
}

impl ClaimantSet {
    fn new(parties: usize) -> Self {
        ClaimantSet {
            stamp: vec![0; parties],
            generation: 1,
        }
    }

    fn clear(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.fill(0);
            self.generation = 1;
        }
    }

    /// Adds the party; false if it was already there.
    fn insert(&mut self, party: usize) -> bool {
        let fresh = self.stamp[party] != self.generation;
        self.stamp[party] = self.generation;
        fresh
    }
}
