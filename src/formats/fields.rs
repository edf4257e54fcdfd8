//! One JSON object's fields, each borrowed raw from the file, read in the same
//! pass that checks the file's syntax.
//!
//! serde's derived structs cannot say where an object starts; this reads the
//! first key raw too, so its offset (and the `{` just before it) is known
//! without parsing the object a second time.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

/// The names of the fields a kind of item has.
pub trait FieldNames {
    const NAMES: &'static [&'static str];
    /// How serde would name the type in an error: "struct EventRecord".
    const EXPECTING: &'static str;
}

/// The known fields of one object, by their position in `K::NAMES`; unknown
/// fields are skipped, so files from newer versions still open.
pub struct Fields<'a, K, const N: usize> {
    /// The first key as written, quotes included: the object starts at the
    /// `{` before it. `None` for an empty object.
    pub first_key: Option<&'a str>,
    pub values: [Option<&'a RawValue>; N],
    kind: PhantomData<K>,
}

impl<'a, K, const N: usize> Fields<'a, K, N> {
    pub fn get(&self, field: usize) -> Option<&'a RawValue> {
        self.values.get(field).copied().flatten()
    }
}

impl<'de: 'a, 'a, K: FieldNames, const N: usize> Deserialize<'de> for Fields<'a, K, N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor::<K, N>(PhantomData))
    }
}

struct FieldsVisitor<K, const N: usize>(PhantomData<K>);

impl<'de, K: FieldNames, const N: usize> Visitor<'de> for FieldsVisitor<K, N> {
    type Value = Fields<'de, K, N>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(K::EXPECTING)
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut fields = Fields {
            first_key: None,
            values: [None; N],
            kind: PhantomData,
        };
        let mut seen = [false; N];
        // 1 + the index of the field found last: files list fields in the
        // same order item after item, so the next one is tried first.
        let mut expected = 0;
        while let Some(raw_key) = map.next_key::<&'de RawValue>()? {
            let raw_key = raw_key.get();
            fields.first_key.get_or_insert(raw_key);
            let name = key_text(raw_key).map_err(de::Error::custom)?;
            expected = field_index(K::NAMES, &name, expected);
            match expected.checked_sub(1) {
                Some(field) if seen[field] => {
                    return Err(de::Error::duplicate_field(K::NAMES[field]));
                }
                // `null` reads as absent.
                Some(field) => {
                    seen[field] = true;
                    fields.values[field] = map.next_value()?;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(fields)
    }
}

/// 1 + the position of `name` in `names`, trying the one after `last` first;
/// 0 when it is none of them. A million events have ten million keys, so
/// a first byte is compared before a whole name.
fn field_index(names: &[&str], name: &str, last: usize) -> usize {
    // Byte by byte: field names are a few bytes, shorter than a call to memcmp.
    let is = |known: &str| {
        known.len() == name.len() && known.bytes().zip(name.bytes()).all(|(a, b)| a == b)
    };
    if names.get(last).is_some_and(|&known| is(known)) {
        return last + 1;
    }
    names
        .iter()
        .position(|&known| is(known))
        .map_or(0, |i| i + 1)
}

/// A key's text from its raw JSON: borrowed unless it has escapes.
pub fn key_text(raw: &str) -> Result<Cow<'_, str>, serde_json::Error> {
    match string_without_escapes(raw) {
        Some(text) => Ok(Cow::Borrowed(text)),
        None => serde_json::from_str::<String>(raw).map(Cow::Owned),
    }
}

/// The content of a raw JSON string that has no escapes, which is exactly
/// the text between its quotes; `None` for anything else.
pub fn string_without_escapes(raw: &str) -> Option<&str> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then_some(inner)
}

/// The offset of the `{` that opens an object whose first key is at `key_at`
/// in `text`: only whitespace can lie between them.
pub fn object_start(text: &str, key_at: usize) -> Option<usize> {
    let before = text
        .get(..key_at)?
        .trim_end_matches([' ', '\t', '\n', '\r']);
    before.ends_with('{').then(|| before.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Two;
    impl FieldNames for Two {
        const NAMES: &'static [&'static str] = &["id", "name"];
        const EXPECTING: &'static str = "struct Two";
    }

    #[test]
    fn known_fields_are_borrowed_raw_and_others_skipped() {
        let text = r#"{ "extra": [1, {"id": 2}], "n\u0061me": "A", "id": 7 }"#;
        let fields: Fields<Two, 2> = serde_json::from_str(text).unwrap();
        let null: Fields<Two, 2> = serde_json::from_str(r#"{"id": null}"#).unwrap();
        assert!(null.get(0).is_none(), "null is absent");
        assert_eq!(fields.get(0).map(RawValue::get), Some("7"));
        assert_eq!(fields.get(1).map(RawValue::get), Some("\"A\""));
        let key = fields.first_key.unwrap();
        assert_eq!(key, "\"extra\"");
        let key_at = key.as_ptr() as usize - text.as_ptr() as usize;
        assert_eq!(object_start(text, key_at), Some(0));
    }

    #[test]
    fn a_repeated_field_is_an_error_as_serde_says_it() {
        let error = serde_json::from_str::<Fields<Two, 2>>(r#"{"id": 1, "id": 2}"#)
            .err()
            .unwrap();
        assert!(
            error.to_string().starts_with("duplicate field `id`"),
            "{error}"
        );
        assert!(serde_json::from_str::<Fields<Two, 2>>("[1, 2]").is_err());
        let empty: Fields<Two, 2> = serde_json::from_str("{}").unwrap();
        assert_eq!(empty.first_key, None);
    }

    #[test]
    fn strings_without_escapes_are_their_own_text() {
        assert_eq!(string_without_escapes(r#""plain""#), Some("plain"));
        assert_eq!(string_without_escapes(r#""a\"b""#), None);
        assert_eq!(string_without_escapes("12"), None);
    }
}
