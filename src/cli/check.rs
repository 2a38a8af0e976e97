//! `corepath check`: validate the journal.

use super::{CliError, Env};
use crate::model::check_journal;

/// Print the verdict; `Ok(false)` when problems were found.
pub fn run(env: &Env) -> Result<bool, CliError> {
    let loaded = env.load()?;
    let problems = check_journal(&env.framework, &loaded.journal);
    if let Some(why) = &loaded.read_only {
        eprintln!("{why}");
    }
    if problems.is_empty() {
        let j = &loaded.journal;
        println!(
            "{} is sound: {} entries, {} goals, {} self-assessments.",
            env.store.path().display(),
            j.entries.len(),
            j.goals.len(),
            j.self_assessments.len()
        );
        return Ok(true);
    }
    for p in &problems {
        eprintln!("{p}");
    }
    eprintln!(
        "{} problem{} in {}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        env.store.path().display()
    );
    Ok(false)
}
