//! The state of a place in words, for tooltips, the sources panel and the CLI.

use chrono::{Datelike, NaiveDate};

use super::{Dataset, EventType, Lens, PlaceState, Status};

/// A day the way people write it in prose: "14 Jul 2021".
pub fn day_in_words(day: NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}

/// A day with its weekday, for the timeline: "Wed 14 Jul 2021".
pub fn day_with_weekday(day: NaiveDate) -> String {
    day.format("%a %-d %b %Y").to_string()
}

/// Two days as a span, the year once when they share it: "24 Feb – 10 Sep 2022".
pub fn days_in_words(first: NaiveDate, last: NaiveDate) -> String {
    let from = if first.year() == last.year() {
        first.format("%-d %b").to_string()
    } else {
        day_in_words(first)
    };
    format!("{from} – {}", day_in_words(last))
}

impl Dataset {
    /// What a claim of a map series stands for, in two lines: "ISW assessed
    /// map: Russia holds it, 24 Feb – 10 Sep 2022, 199 maps", and the first
    /// and last map files. `None` for an event of the file's own.
    pub fn map_claim_in_words(&self, event: usize) -> Option<[String; 2]> {
        let stretch = self.map_stretch(event)?;
        let (first, last) = (stretch.maps.first()?, stretch.maps.last()?);
        let controller = self.links(event).controller;
        let holder = controller.map_or("?", |p| self.parties()[p].name.as_str());
        let days = match stretch.until {
            Some(until) => format!(", {}", days_in_words(first.day, until)),
            None => format!(" from {} on", day_in_words(first.day)),
        };
        let count = match stretch.maps.len() {
            1 => "1 map".to_owned(),
            n => format!("{n} maps"),
        };
        let label = stretch.series.series.label();
        let files = match stretch.maps.len() {
            1 => first.file.clone(),
            _ => format!("{} … {}", first.file, last.file),
        };
        Some([format!("{label}: {holder} holds it{days}, {count}"), files])
    }

    /// The state of `place` on `day` in words, saying when it began and,
    /// when later, its newest claim: "Held by Taliban (confirmed) since 9 Jul
    /// 2021; latest claim 14 Jul 2021"; fighting is added last.
    pub fn state_story(
        &self,
        place: usize,
        state: &PlaceState,
        day: NaiveDate,
        lens: &Lens,
    ) -> String {
        let mut words = self.status_in_words(state);
        let began = self.state_began(place, day, lens);
        if let Some(began) = began {
            words.push_str(" since ");
            words.push_str(&day_in_words(began));
        }
        if let Some(latest) = state.since.filter(|&latest| Some(latest) != began) {
            words.push_str("; latest claim ");
            words.push_str(&day_in_words(latest));
        }
        if state.fighting {
            words.push_str("; fighting reported nearby");
        }
        words
    }

    /// What a claim says, in words: "Pakistani officials say the Taliban
    /// captured it", "Afghan officials deny it was lost: Afghan government holds it".
    pub fn claim_in_words(&self, event: usize) -> String {
        let links = self.links(event);
        let claimant = self.parties()[links.claimant].name.as_str();
        let holder = links.controller.map(|c| {
            if self.root_party(c) == self.root_party(links.claimant) && c == links.claimant {
                "they".to_owned()
            } else {
                self.parties()[c].name.clone()
            }
        });
        let holder = holder.as_deref().unwrap_or("?");
        match self.event(event).kind {
            EventType::Captured => format!("{claimant} say {holder} captured it"),
            EventType::Retaken => format!("{claimant} say {holder} retook it"),
            EventType::Holds => format!("{claimant} say {holder} hold it"),
            EventType::Denied => format!("{claimant} deny it was lost: {holder} hold it"),
            EventType::Withdrew => format!("{claimant} say they withdrew: {holder} hold it"),
            EventType::Confirmed => format!("{claimant} confirm {holder} hold it"),
            EventType::Fighting => format!("{claimant} report fighting"),
            EventType::Report => format!("{claimant} report on it"),
        }
    }

    /// "Disputed: Taliban vs Afghan government", "Held by Taliban (confirmed)",
    /// "Unknown: no standing claim".
    fn status_in_words(&self, state: &PlaceState) -> String {
        let names: Vec<&str> = state
            .controllers
            .iter()
            .map(|&party| self.parties()[party].name.as_str())
            .collect();
        match state.status {
            Status::Unknown => "Unknown: no standing claim".to_owned(),
            Status::Held if state.confirmed => format!("Held by {} (confirmed)", names.join("")),
            Status::Held => format!("Held by {}", names.join("")),
            Status::Disputed => format!("Disputed: {}", names.join(" vs ")),
        }
    }

    /// "Disputed: Taliban vs Afghan government, since 14 Jul 2021", "Held by the
    /// Taliban (confirmed) …", "Unknown: no standing claim"; fighting is added last.
    pub fn state_in_words(&self, state: &PlaceState) -> String {
        let names: Vec<&str> = state
            .controllers
            .iter()
            .map(|&party| self.parties()[party].name.as_str())
            .collect();
        let mut words = match state.status {
            Status::Unknown => "Unknown: no standing claim".to_owned(),
            Status::Held if state.confirmed => format!("Held by {} (confirmed)", names.join("")),
            Status::Held => format!("Held by {}", names.join("")),
            Status::Disputed => format!("Disputed: {}", names.join(" vs ")),
        };
        if let Some(since) = state.since {
            words.push_str(", since ");
            words.push_str(&day_in_words(since));
        }
        if state.fighting {
            words.push_str("; fighting reported nearby");
        }
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_days_name_a_shared_year_once() {
        let day = |text: &str| text.parse::<NaiveDate>().unwrap();
        assert_eq!(
            days_in_words(day("2022-02-24"), day("2022-09-10")),
            "24 Feb – 10 Sep 2022"
        );
        assert_eq!(
            days_in_words(day("2022-12-24"), day("2023-01-02")),
            "24 Dec 2022 – 2 Jan 2023"
        );
    }
    use crate::model::{EventsFile, Gazetteer, Party, Rgb};

    fn dataset() -> Dataset {
        let party = |id: &str, name: &str| Party {
            id: id.into(),
            name: name.into(),
            color: Rgb([1, 2, 3]),
            side: None,
            implicit: false,
        };
        let file = EventsFile {
            parties: vec![party("gov", "Afghan government"), party("tal", "Taliban")],
            sources: vec![],
            events: Default::default(),
            maps: Vec::new(),
        };
        Dataset::link(Gazetteer { places: vec![] }, file).0
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, 7, d).unwrap_or_default()
    }

    #[test]
    fn a_disputed_place_names_both_sides_and_the_day_it_began() {
        let state = PlaceState {
            status: Status::Disputed,
            controllers: vec![0, 1],
            since: Some(day(14)),
            ..PlaceState::default()
        };
        assert_eq!(
            dataset().state_in_words(&state),
            "Disputed: Afghan government vs Taliban, since 14 Jul 2021"
        );
    }

    #[test]
    fn a_confirmed_hold_with_fighting_says_both() {
        let state = PlaceState {
            status: Status::Held,
            controllers: vec![1],
            confirmed: true,
            fighting: true,
            since: Some(day(8)),
            claims: vec![],
        };
        assert_eq!(
            dataset().state_in_words(&state),
            "Held by Taliban (confirmed), since 8 Jul 2021; fighting reported nearby"
        );
    }

    #[test]
    fn an_unknown_place_says_no_claim_stands() {
        assert_eq!(
            dataset().state_in_words(&PlaceState::default()),
            "Unknown: no standing claim"
        );
    }

    #[test]
    fn days_read_as_prose_and_with_their_weekday() {
        assert_eq!(day_in_words(day(4)), "4 Jul 2021");
        assert_eq!(day_with_weekday(day(14)), "Wed 14 Jul 2021");
    }
}
