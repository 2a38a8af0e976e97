//! `corepath rm`: delete an entry.

use super::{CliError, Env};

/// `corepath rm ID`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  corepath rm 3fk2m9qa\n\nThe journal before the deletion is kept as journal.json.bak."
)]
pub struct Args {
    /// The entry's id (a unique prefix is enough).
    pub id: String,
}

/// Delete it and say what was deleted.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let removed = env.change(|journal| {
        let index = journal.find_entry(&args.id)?;
        Ok(journal.entries.remove(index))
    })?;
    say!(
        "Deleted {} {} \"{}\"",
        removed.id,
        removed.date,
        removed.title
    );
    Ok(())
}
