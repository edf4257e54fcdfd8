//! Parties: who makes claims, and who is claimed to hold a place.

use std::fmt;
use std::str::FromStr;

/// A colour as `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

/// Colours for parties that name none: distinct on a light map, none of them
/// the grey of "unknown" or the red of the fighting halo.
const PALETTE: [Rgb; 12] = [
    Rgb([0x2e, 0x86, 0xc1]),
    Rgb([0xd6, 0x8a, 0x10]),
    Rgb([0x27, 0xae, 0x60]),
    Rgb([0x8e, 0x44, 0xad]),
    Rgb([0x16, 0xa0, 0x85]),
    Rgb([0xd3, 0x54, 0x00]),
    Rgb([0x1a, 0x52, 0x76]),
    Rgb([0xb0, 0x3a, 0x8c]),
    Rgb([0x7d, 0x66, 0x08]),
    Rgb([0x5d, 0x6d, 0x7e]),
    Rgb([0x00, 0x8b, 0x8b]),
    Rgb([0x6c, 0x34, 0x83]),
];

impl Rgb {
    /// A colour picked from a fixed palette by the party's id, the same on every run
    /// and machine (FNV-1a, because std's hasher is not stable across releases).
    pub fn for_id(id: &str) -> Rgb {
        let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        PALETTE[(hash % PALETTE.len() as u64) as usize]
    }
}

impl FromStr for Rgb {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        let hex = text.strip_prefix('#').ok_or(())?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(());
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| ());
        Ok(Rgb([channel(0)?, channel(2)?, channel(4)?]))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub color: Rgb,
    /// The id of the party this one speaks for, as written in the file.
    pub side: Option<String>,
    /// Created because an event named it while the parties list did not.
    pub implicit: bool,
}

impl Party {
    /// A party that an event names but the parties list lacks.
    pub fn implicit(id: &str) -> Party {
        Party {
            id: id.to_owned(),
            name: id.to_owned(),
            color: Rgb::for_id(id),
            side: None,
            implicit: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_through_hex() {
        let colour: Rgb = "#C0392b".parse().unwrap();
        assert_eq!(colour, Rgb([0xc0, 0x39, 0x2b]));
        assert_eq!(colour.to_string(), "#c0392b");
    }

    #[test]
    fn colours_that_are_not_rrggbb_are_refused() {
        for text in ["c0392b", "#c0392", "#c0392bff", "red", "#gg0000", ""] {
            assert!(text.parse::<Rgb>().is_err(), "{text}");
        }
    }

    #[test]
    fn a_missing_colour_is_stable_for_the_same_id() {
        assert_eq!(
            Rgb::for_id("pakistan-officials"),
            Rgb::for_id("pakistan-officials")
        );
        let distinct: std::collections::HashSet<Rgb> = ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .map(|id| Rgb::for_id(id))
            .collect();
        assert!(
            distinct.len() > 3,
            "the palette should spread ids: {distinct:?}"
        );
    }
}
