//! `corepath check`: validate the journal.

use super::{CliError, Env};
use crate::model::check_journal;

/// Print the verdict; `Ok(false)` when problems were found.
pub fn run(env: &Env) -> Result<bool, CliError> {
    let loaded = env.load()?;
    let problems = check_journal(&env.framework, &loaded.journal);
    if let Some(why) = &loaded.read_only {
        say_err!("{why}");
    }
    if problems.is_empty() {
        let j = &loaded.journal;
        say!(
            "{} is sound: {} entries, {} goals, {} self-assessments.",
            env.store.path().display(),
            j.entries.len(),
            j.goals.len(),
            j.self_assessments.len()
        );
        return Ok(true);
    }
    for p in &problems {
        say_err!("{p}");
    }
    say_err!(
        "{} problem{} in {}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        env.store.path().display()
    );
    Ok(false)
}
