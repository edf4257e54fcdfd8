//! The whole events file in one pass: serde_json walks it once, and each item
//! is checked and stored as soon as its fields are read, so no list of raw
//! items is ever built (for a million events that list alone was 190 MB).
//!
//! Anything this path cannot place (a list that is not a list, an item that is
//! not an object or is empty, a repeated key) makes it give up; the caller
//! then reads the file item by item, which says where and what.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{Parsed, ReadItem, Reader};
use crate::IdMap;
use crate::formats::fields::{FieldNames, Fields, key_text, object_start};

/// Reads the file; `None` when it needs the careful path.
pub(super) fn read<'j>(reader: &mut Reader<'j>) -> Option<Parsed> {
    let mut deserializer = serde_json::Deserializer::from_str(reader.json.text());
    let parsed = FileSeed { reader }.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(parsed)
}

struct FileSeed<'r, 'j> {
    reader: &'r mut Reader<'j>,
}

impl<'j> DeserializeSeed<'j> for FileSeed<'_, 'j> {
    type Value = Parsed;

    fn deserialize<D: Deserializer<'j>>(self, deserializer: D) -> Result<Parsed, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'j> Visitor<'j> for FileSeed<'_, 'j> {
    type Value = Parsed;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an events file")
    }

    fn visit_map<M: MapAccess<'j>>(self, mut map: M) -> Result<Parsed, M::Error> {
        let reader = self.reader;
        let (mut parties, mut sources, mut records, mut maps) = (None, None, None, None);
        while let Some(key) = map.next_key::<&'j RawValue>()? {
            let key = key_text(key.get()).map_err(de::Error::custom)?;
            let repeated = match key.as_ref() {
                "parties" => parties
                    .replace(map.next_value_seed(ListSeed::new(reader, "party", Reader::party))?)
                    .is_some(),
                "sources" => sources
                    .replace(map.next_value_seed(ListSeed::new(
                        reader,
                        "source",
                        Reader::source,
                    ))?)
                    .is_some(),
                "events" => records
                    .replace(map.next_value_seed(ListSeed::new(reader, "event", Reader::event))?)
                    .is_some(),
                "maps" => maps
                    .replace(map.next_value_seed(ListSeed::new(
                        reader,
                        "map series",
                        Reader::map_series,
                    ))?)
                    .is_some(),
                _ => map.next_value::<IgnoredAny>().map(|_| false)?,
            };
            if repeated {
                return Err(de::Error::custom(format_args!("repeated key {key}")));
            }
        }
        Ok(Parsed {
            parties: parties.unwrap_or_default(),
            sources: sources.unwrap_or_default(),
            records: records.ok_or_else(|| de::Error::missing_field("events"))?,
            maps: maps.unwrap_or_default(),
        })
    }
}

/// One list, each item read as it is parsed.
struct ListSeed<'r, 'j, K, const N: usize, T> {
    reader: &'r mut Reader<'j>,
    kind: &'static str,
    read: ReadItem<'j, K, N, T>,
    names: PhantomData<K>,
}

impl<'r, 'j, K, const N: usize, T> ListSeed<'r, 'j, K, N, T> {
    fn new(reader: &'r mut Reader<'j>, kind: &'static str, read: ReadItem<'j, K, N, T>) -> Self {
        ListSeed {
            reader,
            kind,
            read,
            names: PhantomData,
        }
    }
}

impl<'j, K: FieldNames, const N: usize, T> DeserializeSeed<'j> for ListSeed<'_, 'j, K, N, T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'j>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'j, K: FieldNames, const N: usize, T> Visitor<'j> for ListSeed<'_, 'j, K, N, T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of objects")
    }

    fn visit_seq<S: SeqAccess<'j>>(self, mut seq: S) -> Result<Vec<T>, S::Error> {
        let reader = self.reader;
        let text = reader.json.text();
        // serde_json cannot say how long a list is; an item takes a hundred
        // bytes or more, so this guess grows the table at most a few times.
        let guess = (text.len() / 256).min(1 << 24);
        let mut first_at: IdMap<Cow<'j, str>, usize> =
            IdMap::with_capacity_and_hasher(guess, Default::default());
        let mut items = Vec::with_capacity(guess);
        let mut index = 0;
        while let Some(fields) = seq.next_element::<Fields<'j, K, N>>()? {
            // An empty object has no key to say where it starts.
            let start = fields
                .first_key
                .and_then(|key| reader.json.offset_of_str(key))
                .and_then(|key_at| object_start(text, key_at))
                .ok_or_else(|| de::Error::custom("an item without fields"))?;
            // The second half of the events is read on another thread: from
            // here on only its syntax is checked, and its items are counted.
            if self.kind == "event" && Some(start) == reader.split.map(|split| split.at) {
                let mut rest = 1;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    rest += 1;
                }
                if let Some(split) = &mut reader.split {
                    split.items_after = Some(rest);
                }
                reader.event_ids = first_at;
                return Ok(items);
            }
            if index % 4096 == 0 {
                reader.progress.advance_to(start as u64);
                if reader.progress.is_cancelled() {
                    return Err(de::Error::custom("cancelled"));
                }
            }
            let item = reader.item(self.kind, index, start, fields.get(0));
            if let Some(value) = reader.read_unique(&item, &fields, self.read, &mut first_at) {
                items.push(value);
            }
            index += 1;
        }
        if self.kind == "event" {
            reader.event_ids = first_at;
        }
        Ok(items)
    }
}
