//! Where a claim was read: an outlet's article.

use super::DateSpec;

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub outlet: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<DateSpec>,
    pub author: Option<String>,
    /// How the source was identified or dated, where that took judgement.
    pub note: Option<String>,
}
