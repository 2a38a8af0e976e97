//! `corepath self-assess`: mark an expectation no entry can show, with a justification.

use super::{CliError, Env};
use crate::framework::Rule;
use crate::model::{InputError, SelfAssessment, check_line};

/// `corepath self-assess ID --why TEXT`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  corepath self-assess senior-scientist/leadership --why \"Led the facility's move to the new building\"\n\n\
    Self-assessed expectations are always reported as self-assessed, never as evidenced."
)]
pub struct Args {
    /// The expectation's id (its rule must be self-assessed).
    pub expectation: String,
    /// One line saying why it is met.
    #[arg(long, value_name = "TEXT", required_unless_present = "clear")]
    pub why: Option<String>,
    /// Remove the self-assessment instead.
    #[arg(long)]
    pub clear: bool,
}

/// Record or clear the self-assessment.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let id = args.expectation.trim();
    let (_, exp) = env.framework.expectation(id).ok_or_else(|| {
        CliError::Input(InputError::new(
            "expectation",
            id,
            "an expectation id such as senior-scientist/leadership",
        ))
    })?;
    if exp.rule != Rule::SelfAssessed {
        return Err(CliError::Input(InputError::new(
            "expectation",
            id,
            "an expectation whose rule is self-assessed (this one is shown by journal entries or the profile)",
        )));
    }
    let why = args
        .why
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    if !args.clear && why.is_empty() {
        return Err(CliError::Input(InputError::new(
            "--why",
            &why,
            "one line saying why the expectation is met",
        )));
    }
    check_line("--why", &why)?;
    env.change(|journal| {
        journal.self_assessments.retain(|s| s.expectation != id);
        if !args.clear {
            journal.self_assessments.push(SelfAssessment {
                expectation: id.to_string(),
                justification: why.clone(),
                date: env.today,
                extra: Default::default(),
            });
        }
        Ok(())
    })?;
    if args.clear {
        say!("Cleared the self-assessment of {id}.");
    } else {
        say!("Self-assessed {id}: {why}");
    }
    Ok(())
}
