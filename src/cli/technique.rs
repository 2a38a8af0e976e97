//! `corepath technique`: the person's own technique vocabulary, beside the framework's.

use super::{CliError, Env};
use crate::framework::fold;
use crate::model::{InputError, known_technique};

/// `corepath technique add|rm|list`.
#[derive(Debug, clap::Subcommand)]
#[command(
    after_help = "Examples:\n  corepath technique list\n  corepath technique add \"Brillouin microscopy\""
)]
pub enum Command {
    /// Add a technique the framework does not name, so that it counts toward distinct techniques.
    #[command(after_help = "Example:\n  corepath technique add \"Brillouin microscopy\"")]
    Add {
        /// The technique, as you want it written.
        name: String,
    },
    /// Remove one of your own techniques (entries keep it; it is no longer counted).
    #[command(after_help = "Example:\n  corepath technique rm \"Brillouin microscopy\"")]
    Rm {
        /// The technique.
        name: String,
    },
    /// List the framework's techniques and your own.
    #[command(after_help = "Example:\n  corepath technique list")]
    List,
}

/// Run a technique command.
pub fn run(env: &Env, cmd: &Command) -> Result<(), CliError> {
    match cmd {
        Command::Add { name } => add(env, name),
        Command::Rm { name } => remove(env, name),
        Command::List => list(env),
    }
}

fn add(env: &Env, name: &str) -> Result<(), CliError> {
    let name = name.trim();
    if fold(name).is_empty() {
        return Err(CliError::flag(InputError::new(
            "technique",
            name,
            "a technique name with letters or digits, such as \"Brillouin microscopy\"",
        )));
    }
    env.change(|journal| {
        if let Some(known) = known_technique(&env.framework, &journal.profile.techniques, name) {
            return Err(CliError::flag(InputError::new(
                "technique",
                name,
                &format!("a technique not yet known (it is already counted as {known})"),
            )));
        }
        journal.profile.techniques.push(name.to_string());
        Ok(())
    })?;
    say!("added {name}: entries naming it now count toward distinct techniques");
    Ok(())
}

fn remove(env: &Env, name: &str) -> Result<(), CliError> {
    let key = fold(name);
    env.change(|journal| {
        let own = &mut journal.profile.techniques;
        let before = own.len();
        own.retain(|t| fold(t) != key);
        if own.len() == before {
            return Err(CliError::flag(InputError::new(
                "technique",
                name,
                "one of your own techniques (see `corepath technique list`)",
            )));
        }
        Ok(())
    })?;
    say!("removed {}", name.trim());
    Ok(())
}

fn list(env: &Env) -> Result<(), CliError> {
    let journal = env.load()?.journal;
    say!("From the framework:");
    for t in env.framework.techniques.terms() {
        if t.aliases.is_empty() {
            say!("  {:<32} {}", t.id, t.label);
        } else {
            say!(
                "  {:<32} {} (also: {})",
                t.id,
                t.label,
                t.aliases.join(", ")
            );
        }
    }
    say!("Your own:");
    if journal.profile.techniques.is_empty() {
        say!("  none yet (add one with `corepath technique add NAME`)");
    }
    for t in &journal.profile.techniques {
        say!("  {t}");
    }
    Ok(())
}
