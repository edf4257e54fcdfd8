//! The note of an ACLED row, written part by part into one buffer reused
//! from row to row.

/// A note written part by part, in a buffer reused from row to row.
pub struct NoteParts<'n> {
    pub note: &'n mut String,
    pub empty: bool,
}

impl NoteParts<'_> {
    /// Adds `label` and the texts present, joined; nothing when none is.
    pub fn add(&mut self, label: &str, texts: &[Option<&str>], joiner: &str) {
        let mut present = texts.iter().flatten();
        let Some(first) = present.next() else {
            return;
        };
        self.note.push_str(if self.empty { " " } else { " · " });
        self.empty = false;
        self.note.push_str(label);
        self.note.push_str(first);
        for text in present {
            self.note.push_str(joiner);
            self.note.push_str(text);
        }
    }
}
