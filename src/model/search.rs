//! Finding places by name or alias, ignoring case: over a hundred thousand
//! places, one pass over names lowercased once, not once per search.

use super::{Dataset, Place};

/// Each place's name and aliases, lowercased and joined by newlines.
#[derive(Clone, Debug, Default)]
pub(super) struct PlaceSearch {
    haystacks: Vec<String>,
}

impl PlaceSearch {
    pub(super) fn new(places: &[Place]) -> Self {
        let haystacks = places
            .iter()
            .map(|place| {
                std::iter::once(&place.name)
                    .chain(&place.aliases)
                    .map(|name| name.to_lowercase())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        PlaceSearch { haystacks }
    }

    fn matching(&self, needle: &str) -> Vec<usize> {
        let needle = needle.to_lowercase();
        // Names cannot hold a newline that a needle could match across.
        let found = |haystack: &String| match needle.contains('\n') {
            false => haystack.contains(&needle),
            true => haystack.split('\n').any(|name| name.contains(&needle)),
        };
        (0..self.haystacks.len())
            .filter(|&place| found(&self.haystacks[place]))
            .collect()
    }
}

impl Dataset {
    /// The places whose name or an alias contains `needle`, ignoring case, in
    /// gazetteer order; every place for an empty needle.
    pub fn places_matching(&self, needle: &str) -> Vec<usize> {
        if needle.is_empty() {
            return (0..self.places().len()).collect();
        }
        self.search
            .get_or_init(|| PlaceSearch::new(self.places()))
            .matching(needle)
    }
}

#[cfg(test)]
mod tests {
    use geo_types::Point;

    use super::*;
    use crate::model::{EventsFile, Gazetteer};

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
}
