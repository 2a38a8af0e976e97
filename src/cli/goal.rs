//! `corepath goal`: goals for the next period, linked to expectations.

use super::table::{self, Table};
use super::{CliError, Env, Format, print_json};
use crate::model::{Goal, check_expectation, parse_date, validate_goal};
use crate::store::fresh_id;

/// `corepath goal …`.
#[derive(Debug, clap::Subcommand)]
#[command(
    after_help = "Examples:\n  corepath goal add --title \"Run a light-sheet course\" --expectation scientist/courses --due 2027-03-01\n  corepath goal list"
)]
pub enum Command {
    /// Add a goal.
    #[command(
        after_help = "Example:\n  corepath goal add --title \"Run a light-sheet course\" --expectation scientist/courses --due 2027-03-01"
    )]
    Add {
        /// What the goal is.
        #[arg(long, value_name = "TEXT")]
        title: String,
        /// The expectation it works toward, e.g. scientist/courses (see `corepath progress`).
        #[arg(long, value_name = "ID")]
        expectation: Option<String>,
        /// When it is due, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: Option<String>,
    },
    /// List goals, open ones first.
    #[command(after_help = "Example:\n  corepath goal list --format json")]
    List {
        /// table or json.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Mark a goal done.
    #[command(after_help = "Example:\n  corepath goal done 7hq2x4me")]
    Done {
        /// The goal's id (a unique prefix is enough).
        id: String,
    },
    /// Mark a done goal open again.
    #[command(after_help = "Example:\n  corepath goal reopen 7hq2x4me")]
    Reopen {
        /// The goal's id (a unique prefix is enough).
        id: String,
    },
    /// Delete a goal.
    #[command(after_help = "Example:\n  corepath goal rm 7hq2x4me")]
    Rm {
        /// The goal's id (a unique prefix is enough).
        id: String,
    },
}

fn set_done(env: &Env, id: &str, done: bool) -> Result<(), CliError> {
    let (id, title) = env.change(|journal| {
        let index = journal.find_goal(id)?;
        let goal = &mut journal.goals[index];
        goal.done = done;
        Ok((goal.id.clone(), goal.title.clone()))
    })?;
    say!(
        "{} {id} \"{title}\"",
        if done { "Done:" } else { "Reopened:" }
    );
    Ok(())
}

/// Run a goal subcommand.
pub fn run(env: &Env, command: &Command) -> Result<(), CliError> {
    match command {
        Command::Add {
            title,
            expectation,
            due,
        } => {
            if let Some(e) = expectation {
                check_expectation(&env.framework, "expectation", e.trim())
                    .map_err(CliError::flag)?;
            }
            let due = due
                .as_deref()
                .map(|d| parse_date("due", d))
                .transpose()
                .map_err(CliError::flag)?;
            let id = env.change(|journal| {
                let goal = Goal {
                    id: fresh_id(|id| journal.id_in_use(id)),
                    title: title.trim().to_string(),
                    expectation: expectation.as_ref().map(|e| e.trim().to_string()),
                    due,
                    done: false,
                    created: env.now,
                    extra: Default::default(),
                };
                validate_goal(&env.framework, &goal).map_err(CliError::flag)?;
                let id = goal.id.clone();
                journal.goals.push(goal);
                Ok(id)
            })?;
            say!("{id}");
            Ok(())
        }
        Command::List { format } => {
            let journal = env.load()?.journal;
            let mut goals: Vec<&Goal> = journal.goals.iter().collect();
            goals.sort_by_key(|g| (g.done, g.due.is_none(), g.due));
            if *format == Format::Json {
                return print_json(&goals);
            }
            if goals.is_empty() {
                say!(
                    "No goals yet. Add one with `corepath goal add --title TEXT --expectation ID --due DATE`."
                );
                return Ok(());
            }
            let mut t = Table::new(&["id", "due", "state", "goal", "expectation"]);
            for g in goals {
                let overdue = !g.done && g.due.is_some_and(|d| d < env.today);
                t.row(vec![
                    g.id.clone(),
                    g.due.map(|d| d.to_string()).unwrap_or_default(),
                    if g.done {
                        "done"
                    } else if overdue {
                        "overdue"
                    } else {
                        "open"
                    }
                    .to_string(),
                    g.title.clone(),
                    g.expectation.clone().unwrap_or_default(),
                ]);
            }
            say_more!("{}", t.render(table::width()));
            Ok(())
        }
        Command::Done { id } => set_done(env, id, true),
        Command::Reopen { id } => set_done(env, id, false),
        Command::Rm { id } => {
            let goal = env.change(|journal| {
                let index = journal.find_goal(id)?;
                Ok(journal.goals.remove(index))
            })?;
            say!("Deleted goal {} \"{}\"", goal.id, goal.title);
            Ok(())
        }
    }
}
