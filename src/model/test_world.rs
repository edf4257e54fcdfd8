//! Small hand-built worlds for the model's tests: one place, a few parties,
//! claims written in a line each.

use chrono::NaiveDate;
use geo_types::Point;

use super::{Event, EventType, Party, Place, Verification};

pub fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A crossing at one spot, named by its id.
pub fn place(id: &str) -> Place {
    Place {
        id: id.into(),
        name: id.into(),
        kind: "crossing".into(),
        countries: vec![],
        province: None,
        aliases: vec![],
        position: Point::new(61.0, 34.0),
        area: None,
        properties: Default::default(),
    }
}

pub fn party(id: &str, side: Option<&str>) -> Party {
    Party {
        side: side.map(Into::into),
        ..Party::implicit(id)
    }
}

/// An event about place `p`, dated `date`, claimed and unsourced.
pub fn claim(
    id: &str,
    date: &str,
    kind: EventType,
    claimant: &str,
    controller: Option<&str>,
) -> Event {
    Event {
        id: id.into(),
        date: date.parse().unwrap(),
        place: "p".into(),
        kind,
        claimant: claimant.into(),
        controller: controller.map(Into::into),
        verification: Verification::Claimed,
        until: None,
        speaker: None,
        quote: None,
        source: None,
        note: None,
    }
}

/// `claimant` says `controller` holds place `p`.
pub fn says(id: &str, date: &str, claimant: &str, controller: &str) -> Event {
    claim(id, date, EventType::Holds, claimant, Some(controller))
}
