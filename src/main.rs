//! The corepath binary: parse the command line and hand over.

use std::process::ExitCode;

use clap::Parser;
use corepath::cli::out::stderr;

fn main() -> ExitCode {
    // Exit quietly when the reader of our output goes away (`corepath list | head`).
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match corepath::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // Help and the version: printed by clap, in colour.
        Err(e) if !e.use_stderr() => e.exit(),
        // A usage error echoes what was typed: shown visibly, without colour.
        Err(e) => {
            stderr(format_args!("{}", e.render()), false);
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match corepath::cli::run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            stderr(format_args!("corepath: {e}"), true);
            ExitCode::FAILURE
        }
    }
}
