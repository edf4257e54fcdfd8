use std::process::ExitCode;

use clap::Parser;

use claimmap::cli::{Cli, run};

fn main() -> ExitCode {
    // Usage errors exit with 2, --help and --version with 0: clap's convention.
    let cli = Cli::parse();
    run(
        cli,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )
}
