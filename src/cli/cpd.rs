//! `corepath cpd`: the four CPD record standards over a period.

use super::period::{DefaultPeriod, PeriodArgs};
use super::table::{self, Table, count, hours};
use super::{CliError, Env, Format, print_json};
use crate::assess::{Context, cpd};

/// `corepath cpd`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  corepath cpd\n  corepath cpd --from 2025-01-01 --to 2025-12-31 --format json\n\n\
    Without --from the period is the last 12 months, the span a CPD audit looks at."
)]
pub struct Args {
    /// The period.
    #[command(flatten)]
    pub period: PeriodArgs,
    /// table or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Print the check.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let journal = env.load()?.journal;
    let months = env.framework.cpd.period_months;
    let period = args
        .period
        .resolve(env, &journal.profile, DefaultPeriod::Months(months))?;
    let ctx = Context::new(&env.framework, &journal);
    let report = cpd(&ctx, period);
    if args.format == Format::Json {
        return print_json(&report);
    }
    say!(
        "CPD standards for {period}: {} of {} met ({} CPD entries, {} hours)",
        report.met(),
        report.standards.len(),
        report.entries,
        hours(report.hours)
    );
    for (i, s) in report.standards.iter().enumerate() {
        say!(
            "\n{} {}. {} — {}",
            if s.met { "✔ met    " } else { "✘ not met" },
            i + 1,
            s.title,
            s.detail
        );
        for m in &s.missing {
            say!("      missing: {m}");
        }
    }
    say!();
    let mut t = Table::new(&["category", ">entries", ">hours"]);
    for c in &report.categories {
        t.row(vec![
            c.label.clone(),
            count(c.entries as u64),
            hours(c.hours),
        ]);
    }
    say_more!("{}", t.render(table::width()));
    Ok(())
}
