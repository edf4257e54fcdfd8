//! Strings a table keeps beside its file's text, in the buffers they were
//! written in: tables built in parts, on several threads, are joined by
//! taking each other's buffers, never by copying their text.

/// Kept strings, addressed as one run of text.
#[derive(Clone, Debug, Default)]
pub struct KeptText {
    /// Written to the last; each earlier one is whole.
    buffers: Vec<String>,
    /// The length of all buffers but the last.
    before_last: usize,
}

impl KeptText {
    pub fn len(&self) -> usize {
        self.before_last + self.buffers.last().map_or(0, String::len)
    }

    /// Adds `text` at the end.
    pub fn push_str(&mut self, text: &str) {
        match self.buffers.last_mut() {
            Some(last) => last.push_str(text),
            None => self.buffers.push(text.to_owned()),
        }
    }

    /// Takes `other`'s buffers after these.
    pub fn append(&mut self, other: KeptText) {
        for buffer in other.buffers {
            self.before_last = self.len();
            self.buffers.push(buffer);
        }
    }

    /// The text from `at`, `len` bytes long, as one push left it; empty if
    /// there is none.
    pub fn get(&self, at: usize, len: usize) -> &str {
        let mut at = at;
        for buffer in &self.buffers {
            if at + len <= buffer.len() {
                return buffer.get(at..at + len).unwrap_or("");
            }
            let Some(rest) = at.checked_sub(buffer.len()) else {
                return "";
            };
            at = rest;
        }
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_found_across_appended_buffers() {
        let mut first = KeptText::default();
        first.push_str("Spin");
        let mut second = KeptText::default();
        second.push_str("Boldak");
        first.append(second);
        first.push_str("Herat");
        assert_eq!(first.len(), 15);
        assert_eq!(
            [first.get(0, 4), first.get(4, 6), first.get(10, 5)],
            ["Spin", "Boldak", "Herat"]
        );
        assert_eq!(first.get(4, 0), "");
        assert_eq!(first.get(14, 2), "", "past the end");
    }
}
