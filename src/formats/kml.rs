//! KML and KMZ placemarks as a gazetteer (Google Earth, My Maps).

use thiserror::Error;

/// What can be wrong in a KML or KMZ file.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum KmlProblem {}

impl KmlProblem {
    /// What kind of problem this is, for counting problems of one kind together.
    pub fn kind(&self) -> &'static str {
        match *self {}
    }
}
