//! The parties, sources and places a table names as it goes, each made once
//! from the first row that names it.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use geo_types::Point;
use serde_json::Map;

use super::problems::CellProblem;
use crate::IdMap;
use crate::formats::diagnostic::Collector;
use crate::formats::ids::DerivedIds;
use crate::model::{DateSpec, Location, Party, Place, Rgb, Source};

/// Parties named by text: a party's id, or its name as people write it.
#[derive(Default)]
pub struct PartyBook {
    /// Each text as written, then lowercased, and the party it names.
    by_text: IdMap<String, usize>,
    by_lowercase: IdMap<String, usize>,
    pub parties: Vec<Party>,
    ids: Option<DerivedIds>,
    /// Where each party's side was first given, for the check of side cycles.
    pub side_at: HashMap<String, Location>,
}

impl PartyBook {
    /// The id of the party `text` names, made the first time: "taliban" is
    /// its own id; "Afghan interior ministry" gets `afghan-interior-ministry`.
    pub fn id_of(&mut self, text: &str, location: Option<Location>, out: &mut Collector) -> &str {
        let party = self.index_of(text, location, out);
        &self.parties[party].id
    }

    /// [`PartyBook::id_of`], as an index into `parties`. Texts seen before are
    /// found without allocating: thousands of rows name a few parties.
    pub fn index_of(
        &mut self,
        text: &str,
        location: Option<Location>,
        out: &mut Collector,
    ) -> usize {
        if let Some(&party) = self.by_text.get(text) {
            return party;
        }
        let key = text.to_lowercase();
        let party = match self.by_lowercase.get(&key) {
            Some(&party) => party,
            None => {
                let party = self.make(text, location, out);
                self.by_lowercase.insert(key, party);
                party
            }
        };
        self.by_text.insert(text.to_owned(), party);
        party
    }

    fn make(&mut self, text: &str, location: Option<Location>, out: &mut Collector) -> usize {
        let subject = format!("party \"{text}\"");
        let ids = self
            .ids
            .get_or_insert_with(|| DerivedIds::of_kind("party", HashSet::new()));
        let id = ids.derive(&subject, text, location, out);
        self.parties.push(Party {
            color: Rgb::for_id(&id),
            id,
            name: text.to_owned(),
            side: None,
            implicit: false,
        });
        self.parties.len() - 1
    }

    /// Says that party `id` speaks for `side` (already an id); a second,
    /// different side is a warning and the first is kept.
    pub fn set_side(
        &mut self,
        id: &str,
        side: String,
        location: Option<Location>,
    ) -> Result<(), CellProblem> {
        let Some(party) = self.parties.iter_mut().find(|p| p.id == id) else {
            return Ok(());
        };
        match &party.side {
            None => {
                if let Some(location) = location {
                    self.side_at.insert(id.to_owned(), location);
                }
                party.side = Some(side);
                Ok(())
            }
            Some(first) if *first == side => Ok(()),
            Some(first) => Err(CellProblem::SideChanged {
                party: party.name.clone(),
                first: first.clone(),
            }),
        }
    }

    pub fn set_color(&mut self, id: &str, color: &str) -> Result<(), CellProblem> {
        let color: Rgb = color
            .parse()
            .map_err(|_| CellProblem::BadColor(color.to_owned()))?;
        if let Some(party) = self.parties.iter_mut().find(|p| p.id == id) {
            party.color = color;
        }
        Ok(())
    }
}

/// What a row says about its source.
pub struct SourceCells<'r> {
    pub id: Option<&'r str>,
    pub outlet: Option<&'r str>,
    pub title: Option<&'r str>,
    pub url: Option<&'r str>,
    pub published: Option<DateSpec>,
    pub author: Option<&'r str>,
}

/// Sources given inline: rows with the same outlet, url and publication day share one.
#[derive(Default)]
pub struct SourceBook {
    by_key: IdMap<String, usize>,
    /// The key of the row being read, kept to find known sources without allocating.
    key: String,
    pub sources: Vec<Source>,
    ids: Option<DerivedIds>,
}

impl SourceBook {
    /// The id of the row's source, made the first time; `None` when the row names none.
    pub fn id_of(
        &mut self,
        cells: &SourceCells,
        location: Option<Location>,
        out: &mut Collector,
    ) -> Option<&str> {
        let source = self.index_of(cells, location, out)?;
        Some(&self.sources[source].id)
    }

    /// [`SourceBook::id_of`], as an index into `sources`.
    pub fn index_of(
        &mut self,
        cells: &SourceCells,
        location: Option<Location>,
        out: &mut Collector,
    ) -> Option<usize> {
        let outlet = cells.outlet.or(cells.id)?;
        self.key.clear();
        // A stated source id makes a source of its own, whatever its outlet.
        self.key.push_str(cells.id.unwrap_or_default());
        self.key.push('\u{1f}');
        self.key.extend(outlet.chars().flat_map(char::to_lowercase));
        // Unit separators: no outlet or url holds one.
        self.key.push('\u{1f}');
        self.key.push_str(cells.url.unwrap_or_default());
        if let Some(published) = cells.published {
            let _ = write!(self.key, "\u{1f}{published}");
        }
        if let Some(&source) = self.by_key.get(self.key.as_str()) {
            return Some(source);
        }
        let ids = self
            .ids
            .get_or_insert_with(|| DerivedIds::of_kind("source", HashSet::new()));
        // An outlet's articles of other days are other sources: no warning for those.
        let id = match cells.id {
            Some(id) => ids.derive(&format!("source \"{id}\""), id, location, out),
            None => ids.derive_quietly(outlet).0,
        };
        self.sources.push(Source {
            id,
            outlet: outlet.to_owned(),
            title: cells.title.map(str::to_owned),
            url: cells.url.map(str::to_owned),
            published: cells.published,
            author: cells.author.map(str::to_owned),
            note: None,
        });
        self.by_key.insert(self.key.clone(), self.sources.len() - 1);
        Some(self.sources.len() - 1)
    }
}

/// What a row says about a place it gives coordinates for.
pub struct PlaceCells<'r> {
    pub name: &'r str,
    pub position: Point<f64>,
    pub kind: Option<&'r str>,
    pub countries: Option<&'r str>,
    pub province: Option<&'r str>,
}

/// Places made from rows with coordinates, one per name (ignoring case).
#[derive(Default)]
pub struct PlaceBook {
    /// Each place's index and the row that made it.
    by_name: HashMap<String, (usize, usize)>,
    pub places: Vec<Place>,
    ids: Option<DerivedIds>,
}

impl PlaceBook {
    pub fn add(
        &mut self,
        cells: PlaceCells,
        row: usize,
        location: Option<Location>,
        out: &mut Collector,
    ) -> Result<(), CellProblem> {
        let key = cells.name.to_lowercase();
        if let Some(&(place, first_row)) = self.by_name.get(&key) {
            return if self.places[place].position == cells.position {
                Ok(())
            } else {
                Err(CellProblem::PlaceMoved {
                    place: cells.name.to_owned(),
                    first_row,
                })
            };
        }
        let ids = self
            .ids
            .get_or_insert_with(|| DerivedIds::new(HashSet::new()));
        let id = ids.derive(
            &format!("place \"{}\"", cells.name),
            cells.name,
            location,
            out,
        );
        self.places.push(Place {
            id,
            name: cells.name.to_owned(),
            kind: cells.kind.unwrap_or("place").to_owned(),
            countries: cells.countries.map(list).unwrap_or_default(),
            province: cells.province.map(str::to_owned),
            aliases: Vec::new(),
            position: cells.position,
            area: None,
            properties: Map::new(),
        });
        self.by_name.insert(key, (self.places.len() - 1, row));
        Ok(())
    }
}

/// "AF, PK" or "AF;PK": the items of a list written in one cell.
fn list(cell: &str) -> Vec<String> {
    cell.split([',', ';'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}
