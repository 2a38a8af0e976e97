//! The corepath binary: parse the command line and hand over.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = corepath::cli::Cli::parse();
    match corepath::cli::run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("corepath: {e}");
            ExitCode::FAILURE
        }
    }
}
