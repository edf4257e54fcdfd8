//! The search box over the places list: its text, and the places it matches,
//! searched again only when the text or the dataset changes, not every frame.

use crate::model::Dataset;

#[derive(Debug, Default)]
pub struct PlaceFilter {
    pub text: String,
    /// The trimmed text last searched for, and what it found.
    found: Option<(String, Vec<usize>)>,
}

impl PlaceFilter {
    /// The places matching the text, in gazetteer order.
    pub fn matches(&mut self, dataset: &Dataset) -> &[usize] {
        let needle = self.text.trim();
        let stale = self
            .found
            .as_ref()
            .is_none_or(|(searched, _)| searched != needle);
        if stale {
            self.found = Some((needle.to_owned(), dataset.places_matching(needle)));
        }
        self.found
            .as_ref()
            .map_or(&[], |(_, places)| places.as_slice())
    }

    /// The dataset was replaced: what was found is about other places.
    pub fn forget(&mut self) {
        self.found = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_searched_once_until_it_or_the_dataset_changes() {
        let dataset = crate::data::built_in_dataset();
        let mut filter = PlaceFilter::default();
        assert_eq!(filter.matches(&dataset).len(), dataset.places().len());
        filter.text = " wesh ".into();
        let spin_boldak = dataset.place_by_id("spin-boldak-chaman");
        assert_eq!(
            filter.matches(&dataset).to_vec(),
            spin_boldak.into_iter().collect::<Vec<_>>()
        );
        filter.forget();
        assert_eq!(filter.matches(&Dataset::default()), &[] as &[usize]);
    }
}
