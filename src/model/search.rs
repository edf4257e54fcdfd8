//! Finding places by name or alias, or by words in the quotes of their
//! claims, ignoring case: over a hundred thousand places, one pass over text
//! lowercased once, not once per search.

use super::Dataset;

/// Each place's name and aliases, and the quotes of its events, lowercased
/// and joined by newlines.
#[derive(Clone, Debug, Default)]
pub(super) struct PlaceSearch {
    haystacks: Vec<String>,
    quotes: Vec<String>,
}

impl PlaceSearch {
    pub(super) fn new(dataset: &Dataset) -> Self {
        let lowered = |texts: &mut dyn Iterator<Item = &str>| {
            texts.map(str::to_lowercase).collect::<Vec<_>>().join("\n")
        };
        let places = dataset.places();
        let haystacks = places
            .iter()
            .map(|place| {
                let names = std::iter::once(&place.name).chain(&place.aliases);
                lowered(&mut names.map(String::as_str))
            })
            .collect();
        let quotes = (0..places.len())
            .map(|place| {
                let events = dataset.events_of_place(place);
                lowered(&mut events.filter_map(|event| dataset.event(event).quote))
            })
            .collect();
        PlaceSearch { haystacks, quotes }
    }

    /// Places matched by name first, then those matched by a quote only.
    fn matching(&self, needle: &str) -> Vec<usize> {
        let needle = needle.to_lowercase();
        // Texts cannot hold a newline that a needle could match across.
        let found = |haystack: &String| match needle.contains('\n') {
            false => haystack.contains(&needle),
            true => haystack.split('\n').any(|text| text.contains(&needle)),
        };
        let by_name = (0..self.haystacks.len()).filter(|&place| found(&self.haystacks[place]));
        let by_quote = (0..self.quotes.len())
            .filter(|&place| !found(&self.haystacks[place]) && found(&self.quotes[place]));
        by_name.chain(by_quote).collect()
    }
}

impl Dataset {
    /// The places whose name or an alias contains `needle`, ignoring case, in
    /// gazetteer order, then those with a claim whose quote contains it;
    /// every place for an empty needle.
    pub fn places_matching(&self, needle: &str) -> Vec<usize> {
        if needle.is_empty() {
            return (0..self.places().len()).collect();
        }
        self.search
            .get_or_init(|| PlaceSearch::new(self))
            .matching(needle)
    }
}

#[cfg(test)]
mod tests {
    use geo_types::Point;

    use super::*;
    use crate::model::{EventsFile, Gazetteer, Place};

    fn place(name: &str, aliases: &[&str]) -> Place {
        Place {
            id: name.to_lowercase(),
            name: name.into(),
            kind: "town".into(),
            countries: vec![],
            province: None,
            aliases: aliases.iter().map(|&a| a.into()).collect(),
            position: Point::new(65.0, 33.0),
            area: None,
            properties: Default::default(),
        }
    }

    #[test]
    fn names_and_aliases_match_ignoring_case_and_agree_with_place_matches() {
        let places = vec![
            place("Spin Boldak", &["Wesh", "Friendship Gate"]),
            place("Islam Qala", &["Eslam Qaleh"]),
            place("Kandahar", &[]),
        ];
        let gazetteer = Gazetteer {
            places: places.clone(),
        };
        let (dataset, _) = Dataset::link(gazetteer, EventsFile::default());
        for needle in ["", "wesh", "QAL", "gate", "ar", "h\nw", "nowhere"] {
            let expected: Vec<usize> = (0..places.len())
                .filter(|&p| needle.is_empty() || places[p].matches(needle))
                .collect();
            assert_eq!(dataset.places_matching(needle), expected, "{needle:?}");
        }
        assert_eq!(dataset.places_matching("qal"), vec![1]);
    }

    #[test]
    fn words_of_a_quote_find_its_place_after_places_found_by_name() {
        let dataset = crate::data::built_in_dataset();
        let found = dataset.places_matching("CHECKPOINTS");
        let names: Vec<&str> = found
            .iter()
            .map(|&p| dataset.places()[p].name.as_str())
            .collect();
        assert!(!names.is_empty());
        for &place in &found {
            let quoted = dataset.events_of_place(place).any(|e| {
                let quote = dataset.event(e).quote.unwrap_or_default();
                quote.to_lowercase().contains("checkpoints")
            });
            assert!(quoted, "{names:?}");
        }
        // Places named so come before places found by their quotes.
        let found = dataset.places_matching("kandahar");
        let named = |p: &usize| dataset.places()[*p].matches("kandahar");
        let first_by_quote = found.iter().position(|p| !named(p)).unwrap_or(found.len());
        assert!(
            found[first_by_quote..].iter().all(|p| !named(p)),
            "{found:?}"
        );
        assert!(found[..first_by_quote].contains(&dataset.place_by_id("kandahar").unwrap()));
        assert!(
            first_by_quote < found.len(),
            "some place is found by a quote only"
        );
    }
}
