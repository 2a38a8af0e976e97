//! `corepath metrics`: the 2-tier table for a period.

use super::period::{DefaultPeriod, PeriodArgs};
use super::table::{self, Table, count, hours};
use super::{CliError, Env, Format, print_json};
use crate::assess::{Context, tally};
use crate::framework::MetricGroup;

/// `corepath metrics`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  corepath metrics --from 2026-01-01 --to 2026-12-31\n  corepath metrics --format json\n\n\
    Without --from the period starts at your last appraisal (else 12 months back)."
)]
pub struct Args {
    /// The period.
    #[command(flatten)]
    pub period: PeriodArgs,
    /// table or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Print the table.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let journal = env.load()?.journal;
    let period = args
        .period
        .resolve(env, &journal.profile, DefaultPeriod::SinceAppraisal)?;
    let ctx = Context::new(&env.framework, &journal);
    let t = tally(&ctx, period);
    if args.format == Format::Json {
        return print_json(&t);
    }
    say!(
        "Metrics for {period}: {} entries, {} hours, {} people reached, {} highlights",
        t.entries,
        hours(t.hours),
        t.people,
        t.highlights
    );
    for group in [MetricGroup::Academic, MetricGroup::Facility] {
        say!("\n{}", group.label());
        let mut table = Table::new(&["code", "metric", ">entries", ">hours", ">people", ">★"]);
        for row in t.group(group) {
            table.row(vec![
                row.code.clone(),
                row.label.clone(),
                count(row.entries as u64),
                hours(row.hours),
                count(row.people),
                count(row.highlights as u64),
            ]);
        }
        say_more!("{}", table.render(table::width()));
    }
    let r = &t.recognition;
    if r.total() > 0 {
        say_more!("\nPublications: {}", r.words());
        if r.unspecified > 0 {
            say_more!(", {} without a role", r.unspecified);
        }
        say!();
    }
    Ok(())
}
