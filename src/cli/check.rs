//! `corepath check`: validate the journal.

use std::collections::BTreeMap;

use super::{CliError, Env};
use crate::model::{Journal, check_journal, known_technique};

/// Techniques no vocabulary knows, with how many entries name each: kept, not counted.
fn unknown_techniques(env: &Env, journal: &Journal) -> Vec<String> {
    let mut unknown: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &journal.entries {
        for t in &e.techniques {
            if known_technique(&env.framework, &journal.profile.techniques, t).is_none() {
                *unknown.entry(t.as_str()).or_default() += 1;
            }
        }
    }
    unknown
        .into_iter()
        .map(|(t, n)| {
            let hint = env.framework.techniques.did_you_mean(t);
            format!(
                "note: technique \"{t}\" ({n} entr{}) is not in the vocabulary{hint} and is not \
                 counted toward distinct techniques: `corepath technique add \"{t}\"` counts it",
                if n == 1 { "y" } else { "ies" }
            )
        })
        .collect()
}

/// Print the verdict; `Ok(false)` when problems were found.
pub fn run(env: &Env) -> Result<bool, CliError> {
    let loaded = env.load()?;
    let problems = check_journal(&env.framework, &loaded.journal);
    if let Some(why) = &loaded.read_only {
        say_err!("{why}");
    }
    for note in unknown_techniques(env, &loaded.journal) {
        say_err!("{note}");
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
