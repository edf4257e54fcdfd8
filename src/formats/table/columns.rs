//! A claims spreadsheet's header: which column holds which field.
//!
//! Names are matched ignoring case, spaces, `_` and `-`, so "Event date",
//! "event_date" and "EVENT-DATE" are one name.

/// A field a claims spreadsheet can have, and the header names it goes by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Id,
    Date,
    Place,
    Type,
    Claimant,
    Controller,
    Verification,
    Until,
    Speaker,
    Quote,
    Note,
    ClaimantSide,
    ControllerSide,
    ClaimantColor,
    Source,
    Outlet,
    Title,
    Url,
    Published,
    Author,
    Lat,
    Lon,
    Kind,
    Countries,
    Province,
}

impl Field {
    pub const ALL: [Field; 25] = [
        Field::Id,
        Field::Date,
        Field::Place,
        Field::Type,
        Field::Claimant,
        Field::Controller,
        Field::Verification,
        Field::Until,
        Field::Speaker,
        Field::Quote,
        Field::Note,
        Field::ClaimantSide,
        Field::ControllerSide,
        Field::ClaimantColor,
        Field::Source,
        Field::Outlet,
        Field::Title,
        Field::Url,
        Field::Published,
        Field::Author,
        Field::Lat,
        Field::Lon,
        Field::Kind,
        Field::Countries,
        Field::Province,
    ];

    /// Without these a row is no claim.
    pub const REQUIRED: [Field; 4] = [Field::Date, Field::Place, Field::Type, Field::Claimant];

    /// The names this field is recognised by, the first being its own.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["id", "claim id", "event id"],
            Field::Date => &["date", "event date"],
            Field::Place => &["place", "place id", "location"],
            Field::Type => &["type", "claim type"],
            Field::Claimant => &["claimant", "claimed by"],
            Field::Controller => &["controller", "held by"],
            Field::Verification => &["verification"],
            Field::Until => &["until"],
            Field::Speaker => &["speaker"],
            Field::Quote => &["quote"],
            Field::Note => &["note", "notes"],
            Field::ClaimantSide => &["claimant side"],
            Field::ControllerSide => &["controller side"],
            Field::ClaimantColor => &["claimant color", "claimant colour"],
            Field::Source => &["source", "source id"],
            Field::Outlet => &["outlet"],
            Field::Title => &["title"],
            Field::Url => &["url", "link"],
            Field::Published => &["published", "publication date"],
            Field::Author => &["author"],
            Field::Lat => &["lat", "latitude", "y"],
            Field::Lon => &["lon", "lng", "long", "longitude", "x"],
            Field::Kind => &["kind", "place kind"],
            Field::Countries => &["countries", "country"],
            Field::Province => &["province"],
        }
    }

    /// Its place in [`Field::ALL`], which lists the fields in declaration order.
    fn index(self) -> usize {
        self as usize
    }
}

/// A header name reduced to what is compared: lowercase, without spaces, `_` or `-`.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '\u{a0}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where each field is in the header, and the names as the header writes them.
#[derive(Debug)]
pub struct Columns {
    at: [Option<usize>; Field::ALL.len()],
    /// The header's names, trimmed, for messages: `column "Event Date"`.
    pub names: Vec<String>,
    /// Columns no field claimed, as written: said once, in a warning.
    pub unread: Vec<String>,
    /// Fields named by two columns: the first is read.
    pub repeated: Vec<(Field, String)>,
}

impl Columns {
    /// Matches a header row. Trailing empty names (a spreadsheet's unused columns) are dropped.
    pub fn from_header<'h>(header: impl IntoIterator<Item = &'h str>) -> Columns {
        let mut names: Vec<String> = header.into_iter().map(|n| n.trim().to_owned()).collect();
        while names.last().is_some_and(String::is_empty) {
            names.pop();
        }
        let mut columns = Columns {
            at: [None; Field::ALL.len()],
            names,
            unread: Vec::new(),
            repeated: Vec::new(),
        };
        for (column, name) in columns.names.iter().enumerate() {
            let normal = normalize(name);
            let field = Field::ALL
                .into_iter()
                .find(|field| field.names().iter().any(|n| normalize(n) == normal));
            match field {
                Some(field) if columns.at[field.index()].is_none() => {
                    columns.at[field.index()] = Some(column);
                }
                Some(field) => columns.repeated.push((field, name.clone())),
                None if name.is_empty() => {}
                None => columns.unread.push(name.clone()),
            }
        }
        columns
    }

    pub fn get(&self, field: Field) -> Option<usize> {
        self.at[field.index()]
    }

    pub fn has(&self, field: Field) -> bool {
        self.get(field).is_some()
    }

    /// The required fields no column holds.
    pub fn missing(&self) -> Vec<Field> {
        Field::REQUIRED
            .into_iter()
            .filter(|&field| !self.has(field))
            .collect()
    }

    /// How many columns the header has, not counting trailing empty ones.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The header's name of column `column` (0-based), for messages.
    pub fn name(&self, column: usize) -> &str {
        self.names.get(column).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_ignoring_case_spaces_underscores_and_hyphens() {
        let columns = Columns::from_header(["Event_Date", " PLACE ", "claim-type", "Claimed By"]);
        assert_eq!(columns.get(Field::Date), Some(0));
        assert_eq!(columns.get(Field::Place), Some(1));
        assert_eq!(columns.get(Field::Type), Some(2));
        assert_eq!(columns.get(Field::Claimant), Some(3));
        assert!(columns.missing().is_empty());
    }

    #[test]
    fn each_field_knows_its_place_in_the_list() {
        for (at, field) in Field::ALL.into_iter().enumerate() {
            assert_eq!(field.index(), at, "{field:?}");
        }
    }

    #[test]
    fn unknown_repeated_and_trailing_empty_columns_are_told_apart() {
        let columns = Columns::from_header(["date", "Mood", "lat", "Latitude", "", "", ""]);
        assert_eq!(columns.len(), 4);
        assert_eq!(columns.unread, ["Mood"]);
        assert_eq!(columns.repeated, [(Field::Lat, "Latitude".to_owned())]);
        assert_eq!(
            columns.missing(),
            [Field::Place, Field::Type, Field::Claimant]
        );
    }
}
