//! `corepath edit`: change an entry.

use super::entry_args::{Clearable, EntryFields, clear};
use super::{CliError, Env};
use crate::model::check_kind;

/// `corepath edit ID …`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  corepath edit 3fk2m9qa --hours 4\n  \
    corepath edit 3fk2m9qa --metric fac.user-base --clear tags\n\n\
    A list flag (--credit, --area, --technique, --tag, --doi…) replaces that list; --metric and \
    --no-metric add to or remove from the entry's metrics; a new --kind resets the metrics to the kind's.")]
pub struct Args {
    /// The entry's id (a unique prefix is enough).
    pub id: String,
    /// A new kind.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// A new title.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Empty a field (repeatable).
    #[arg(long, value_enum, value_name = "FIELD")]
    pub clear: Vec<Clearable>,
    /// The other fields.
    #[command(flatten)]
    pub fields: EntryFields,
}

/// Apply the changes; print the id.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    if let Some(kind) = &args.kind {
        check_kind(&env.framework, kind.trim()).map_err(CliError::flag)?;
    }
    let (id, notes) = env.change(|journal| {
        let own = journal.profile.techniques.clone();
        let index = journal.find_entry(&args.id).map_err(CliError::Input)?;
        let entry = &mut journal.entries[index];
        let before = entry.clone();
        let mut kind_changed = false;
        if let Some(kind) = &args.kind {
            kind_changed = kind.trim() != entry.kind;
            entry.kind = kind.trim().to_string();
        }
        if let Some(title) = &args.title {
            entry.title = title.trim().to_string();
        }
        clear(entry, &args.clear);
        let notes = args.fields.apply(env, &own, entry, kind_changed)?;
        if *entry != before {
            entry.updated = env.now;
        }
        Ok((entry.id.clone(), notes))
    })?;
    for note in notes {
        say_err!("corepath: {note}");
    }
    say!("{id}");
    Ok(())
}
