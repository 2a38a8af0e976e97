//! `corepath add`: log an entry and print its id.

use super::entry_args::AddArgs;
use super::{CliError, Env};
use crate::model::{Entry, check_kind};
use crate::store::fresh_id;

/// Add the entry; print its id.
pub fn run(env: &Env, args: &AddArgs) -> Result<(), CliError> {
    check_kind(&env.framework, args.kind.trim()).map_err(CliError::flag)?;
    let (id, notes) = env.change(|journal| {
        let id = fresh_id(|id| journal.id_in_use(id));
        let mut entry = Entry::new(
            id.clone(),
            env.today,
            args.kind.trim(),
            args.title.trim(),
            env.now,
        );
        let own = journal.profile.techniques.clone();
        let notes = args.fields.apply(env, &own, &mut entry, true)?;
        journal.entries.push(entry);
        Ok((id, notes))
    })?;
    for note in notes {
        say_err!("corepath: {note}");
    }
    say!("{id}");
    Ok(())
}
