use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

use claimmap::cli::{Cli, run};

fn main() -> ExitCode {
    // Usage errors exit with 2, --help and --version with 0: clap's convention.
    let cli = Cli::parse();
    // Buffered: a million lines are a few write calls, not a million. The
    // streams are not locked, so other threads (and panics) can still write.
    let mut out = BufWriter::new(io::stdout());
    let mut err = BufWriter::new(io::stderr());
    let status = run(cli, &mut out, &mut err);
    // `run` has flushed stdout and said what failed; stderr has no one to tell.
    let _ = err.flush();
    status
}
