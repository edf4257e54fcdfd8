//! What every CSV claimmap writes shares: the writer, how a cell holding
//! several values joins them, and how the csv crate's errors become I/O errors.

use std::io::{self, Write};

/// Between the values of a cell that holds several (controllers, claims):
/// a semicolon, so the cell needs no quoting in a comma-separated file.
pub const LIST_SEPARATOR: &str = "; ";

/// A CSV writer to `out` that writes records as given, header included.
pub fn writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out)
}

/// The values of a cell joined with [`LIST_SEPARATOR`]; empty for none.
pub fn joined<S: AsRef<str>>(values: &[S]) -> String {
    let values: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    values.join(LIST_SEPARATOR)
}

/// A csv error as an I/O error, keeping the kind of one that was I/O, so a
/// closed pipe (`| head`) is still told from a full disk by the caller.
pub fn io_error(error: csv::Error) -> io::Error {
    if !error.is_io_error() {
        return io::Error::other(error);
    }
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        // `is_io_error` said it is I/O; were it not, its message still goes on.
        other => io::Error::other(format!("{other:?}")),
    }
}
