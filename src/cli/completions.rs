//! `corepath completions`: shell completion scripts.

use clap::CommandFactory;
use clap_complete::Shell;

/// `corepath completions SHELL`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  corepath completions bash > ~/.local/share/bash-completion/completions/corepath"
)]
pub struct Args {
    /// bash, zsh, fish, elvish or powershell.
    pub shell: Shell,
}

/// Print the script.
pub fn run(args: &Args) {
    let mut command = super::Cli::command();
    clap_complete::generate(
        args.shell,
        &mut command,
        "corepath",
        &mut super::out::visible_stdout(),
    );
}
