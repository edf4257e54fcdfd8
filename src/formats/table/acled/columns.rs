//! The columns of an ACLED export that are read, found once per file.

use csv::StringRecord;

use crate::formats::table::columns::normalize;

/// The columns read, in the order of [`Col`].
const READ: [&str; 21] = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "country",
    "iso3",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
];

/// A column read, by its place in [`READ`].
#[derive(Clone, Copy)]
pub enum Col {
    EventId,
    EventDate,
    TimePrecision,
    EventType,
    SubEventType,
    Actor1,
    Inter1,
    Actor2,
    Country,
    Iso3,
    Admin1,
    Admin2,
    Admin3,
    Location,
    Latitude,
    Longitude,
    GeoPrecision,
    Source,
    Notes,
    Fatalities,
    Tags,
}

impl Col {
    pub fn name(self) -> &'static str {
        READ[self as usize]
    }
}

/// Where each column read is in this export's header.
pub struct AcledColumns {
    pub at: [Option<usize>; READ.len()],
    /// Not in every layout: Unix seconds of the row's last publication.
    pub timestamp: Option<usize>,
}

impl AcledColumns {
    pub fn new(header: &StringRecord) -> Self {
        let find = |name: &str| header.iter().position(|h| normalize(h) == normalize(name));
        AcledColumns {
            at: READ.map(find),
            timestamp: find("timestamp"),
        }
    }

    pub fn cell<'r>(&self, record: &'r StringRecord, col: Col) -> Option<&'r str> {
        let text = record.get(self.at[col as usize]?)?.trim();
        (!text.is_empty()).then_some(text)
    }
}
