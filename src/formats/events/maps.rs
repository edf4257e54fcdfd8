//! The `maps` list of an events file: each item a publisher's dated series
//! of control maps, whose files are read (and turned into claims) later,
//! once the file's folder is known.

use std::borrow::Cow;

use super::{Item, Reader, WithId};
use crate::formats::fields::{FieldNames, Fields};
use crate::model::{MapSeries, SeriesListing};

pub(super) struct MapFields;
impl FieldNames for MapFields {
    const NAMES: &'static [&'static str] = &[
        "id",
        "name",
        "claimant",
        "controller",
        "verification",
        "source",
        "files",
    ];
    const EXPECTING: &'static str = "struct MapSeriesRecord";
}
pub(super) type MapRecord<'a> = Fields<'a, MapFields, 7>;

impl<'j> Reader<'j> {
    /// A series as listed; every field is checked before giving up on it.
    pub(super) fn map_series(
        &mut self,
        item: &Item<'j>,
        record: &MapRecord<'j>,
    ) -> Option<WithId<'j, SeriesListing>> {
        let [id, name, claimant, controller, verification, source, files] = record.values;
        let id_text = self.required(item, "id", id);
        let name = self.text(item, "name", name);
        let claimant = self.required(item, "claimant", claimant);
        let controller = self.required(item, "controller", controller);
        let verification = self.verification(item, verification);
        let source = self.text(item, "source", source);
        let files = self.required(item, "files", files);
        let owned = |text: Option<Cow<str>>| text.map(Cow::into_owned);
        let id_text = id_text?;
        let series = MapSeries {
            id: id_text.clone().into_owned(),
            name: owned(name),
            claimant: claimant?.into_owned(),
            controller: controller?.into_owned(),
            verification: verification?,
            source: owned(source),
        };
        let listing = SeriesListing {
            series,
            files: files?.into_owned(),
        };
        Some((listing, id_text))
    }
}
