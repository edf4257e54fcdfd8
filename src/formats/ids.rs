//! Ids made from names, for formats whose items have none: a gazetteer
//! feature without an id, a spreadsheet row's place or party.

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Collector, Problem};
use crate::model::{Location, Place};

/// A place that passed its own checks and waits for its id: a gazetteer's
/// feature, a placemark.
pub struct Candidate {
    pub subject: String,
    pub location: Option<Location>,
    /// The id the file states, if it states one.
    pub explicit_id: Option<String>,
    pub place: Place,
}

/// Gives each candidate its id: stated ids first (one stated twice is an
/// error naming `kind`), so a slug made from a name never takes an id a later
/// item states; a place without a name is shown by its id, with a warning.
pub fn assign_ids(
    candidates: Vec<Candidate>,
    kind: &'static str,
    out: &mut Collector,
) -> Vec<Place> {
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for candidate in &candidates {
        let Some(id) = &candidate.explicit_id else {
            continue;
        };
        match first_line.get(id) {
            Some(&first_line) => {
                let id = id.clone();
                let problem = Problem::DuplicateId {
                    kind,
                    id,
                    first_line,
                };
                out.error(candidate.location, problem);
            }
            None => {
                let line = candidate.location.map_or(0, |l| l.line);
                first_line.insert(id.clone(), line);
            }
        }
    }
    let mut ids = DerivedIds::new(first_line.into_keys().collect());
    (candidates.into_iter())
        .map(|candidate| {
            let Candidate {
                subject,
                location,
                explicit_id,
                mut place,
            } = candidate;
            place.id = match explicit_id {
                Some(id) => id,
                None => ids.derive(&subject, &place.name, location, out),
            };
            if place.name.is_empty() {
                out.warn(location, Problem::NoName { subject });
                place.name = place.id.clone();
            }
            place
        })
        .collect()
}

/// Ids made from names. Each slug remembers the next suffix to try, so
/// 20,000 features called "Checkpoint" take 20,000 steps, not 200 million.
pub struct DerivedIds {
    taken: HashSet<String>,
    /// The id of a name with no ASCII letter or digit: "place", "party", "source".
    fallback: &'static str,
    next_suffix: HashMap<String, usize>,
}

impl DerivedIds {
    /// Ids made from names, never one of `taken`.
    pub fn new(taken: HashSet<String>) -> Self {
        DerivedIds::of_kind("place", taken)
    }

    /// Ids for things of a kind, `kind` being the id of a name with no ASCII
    /// letter or digit ("Талибан" is `party`, then `party-2`).
    pub fn of_kind(kind: &'static str, taken: HashSet<String>) -> Self {
        DerivedIds {
            taken,
            fallback: kind,
            next_suffix: HashMap::new(),
        }
    }

    /// A new id from `name`'s slug, with a `-2`, `-3`… suffix (and a warning) when it is taken.
    pub fn derive(
        &mut self,
        subject: &str,
        name: &str,
        location: Option<Location>,
        out: &mut Collector,
    ) -> String {
        let (id, slug) = self.derive_quietly(name);
        if id != slug {
            let problem = Problem::SlugTaken {
                subject: subject.to_owned(),
                taken: slug,
                given: id.clone(),
            };
            out.warn(location, problem);
        }
        id
    }

    /// A new id from `name`'s slug, and the slug: they differ when it was
    /// taken. For ids nobody wrote or refers to, such as an inline source's.
    pub fn derive_quietly(&mut self, name: &str) -> (String, String) {
        let slug = slug_or(name, self.fallback);
        let mut id = slug.clone();
        if self.taken.contains(&id) {
            let n = self.next_suffix.entry(slug.clone()).or_insert(2);
            // A stated id such as "checkpoint-3" may already hold a suffix.
            while self.taken.contains(&id) {
                id = format!("{slug}-{n}");
                *n += 1;
            }
        }
        self.taken.insert(id.clone());
        (id, slug)
    }
}

/// Lowercase ASCII letters and digits, every other run one `-`; `fallback`
/// for a name with no ASCII letter or digit.
fn slug_or(name: &str, fallback: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        fallback.to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_ascii_letters_and_digits_only() {
        let slug = |name| slug_or(name, "place");
        assert_eq!(slug("Mazar-i-Sharif"), "mazar-i-sharif");
        assert_eq!(slug("  Qala-e-Naw (Badghis) "), "qala-e-naw-badghis");
        assert_eq!(slug("Abu Nasr Farahi–Mahirud"), "abu-nasr-farahi-mahirud");
        assert_eq!(slug("Route 66"), "route-66");
        assert_eq!(slug("کابل"), "place");
    }

    #[test]
    fn names_without_latin_letters_take_their_kind_as_id() {
        let mut parties = DerivedIds::of_kind("party", HashSet::new());
        let mut out = Collector::new("claims.csv");
        assert_eq!(
            parties.derive("party \"Талибан\"", "Талибан", None, &mut out),
            "party"
        );
        assert_eq!(
            parties.derive("party \"طالبان\"", "طالبان", None, &mut out),
            "party-2"
        );
        assert!(out.has_any(), "the second is told its id was taken");
    }
}
