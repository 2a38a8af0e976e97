//! `corepath time`: hours by area of work against the target.

use super::period::{DefaultPeriod, PeriodArgs};
use super::table::{self, Table, hours};
use super::{CliError, Env, Format, print_json};
use crate::assess::{Context, time_allocation};
use crate::text::whole;

/// `corepath time`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  corepath time\n  corepath time --from 2026-01-01 --format json\n\n\
    Set targets with `corepath profile --allocation service=50 …`. Entries without hours are not in the split."
)]
pub struct Args {
    /// The period.
    #[command(flatten)]
    pub period: PeriodArgs,
    /// table or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Print the split.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let journal = env.load()?.journal;
    let period = args
        .period
        .resolve(env, &journal.profile, DefaultPeriod::SinceAppraisal)?;
    let ctx = Context::new(&env.framework, &journal);
    let report = time_allocation(&ctx, period);
    if args.format == Format::Json {
        return print_json(&report);
    }
    say!(
        "Time by area of work, {period}: {} hours over {} entries ({} entries without hours not counted)",
        hours(report.hours),
        report.entries_with_hours,
        report.entries_without_hours
    );
    let mut t = Table::new(&["area", ">hours", ">actual", ">target", ">difference"]);
    for a in &report.areas {
        t.row(vec![
            a.label.clone(),
            hours(a.hours),
            format!("{}%", whole(a.share)),
            a.target
                .map(|x| format!("{}%", whole(x)))
                .unwrap_or_else(|| "–".into()),
            a.target
                .map(|x| format!("{:+.0} pts", a.share - x))
                .unwrap_or_default(),
        ]);
    }
    say_more!("{}", t.render(table::width()));
    if journal.profile.allocation.is_empty() {
        say!(
            "No target set: `corepath profile --allocation service=50 --allocation operations=25 …`"
        );
    }
    Ok(())
}
