//! `corepath star` / `unstar`: highlights for the appraisal.

use super::{CliError, Env};

/// `corepath star ID`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  corepath star 3fk2m9qa")]
pub struct Args {
    /// The entry's id (a unique prefix is enough).
    pub id: String,
}

/// Set or clear the highlight mark.
pub fn run(env: &Env, args: &Args, on: bool) -> Result<(), CliError> {
    let (id, title) = env.change(|journal| {
        let index = journal.find_entry(&args.id)?;
        let entry = &mut journal.entries[index];
        if entry.highlight != on {
            entry.highlight = on;
            entry.updated = env.now;
        }
        Ok((entry.id.clone(), entry.title.clone()))
    })?;
    say!(
        "{} {id} \"{title}\"",
        if on { "★ Starred" } else { "Unstarred" }
    );
    Ok(())
}
