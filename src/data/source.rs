//! A file on disk as a table's source: each part of it read at once opens
//! the file again, so parts read on their own threads never share a position.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use crate::files::{ReadError, open_file};
use crate::formats::TableSource;

pub struct FileSource<'p> {
    path: &'p Path,
    len: u64,
    limit: u64,
}

impl<'p> FileSource<'p> {
    /// The regular file at `path`, of at most `limit` bytes.
    pub fn new(path: &'p Path, limit: u64) -> Result<Self, ReadError> {
        let (_, len) = open_file(path, limit)?;
        Ok(FileSource { path, len, limit })
    }
}

impl TableSource for FileSource<'_> {
    fn size(&self) -> u64 {
        self.len
    }

    fn open_at(&self, offset: u64) -> io::Result<Box<dyn Read + Send + '_>> {
        let (mut file, len): (File, u64) =
            open_file(self.path, self.limit).map_err(io::Error::other)?;
        if len != self.len {
            return Err(io::Error::other("the file changed while it was read"));
        }
        file.seek(SeekFrom::Start(offset))?;
        Ok(Box::new(file))
    }
}
