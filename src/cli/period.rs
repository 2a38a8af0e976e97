//! `--from` / `--to`, shared by the commands that summarise a period.

use super::{CliError, Env};
use crate::assess::Period;
use crate::model::{InputError, Profile, parse_date};

/// A period on the command line.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct PeriodArgs {
    /// First day of the period, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last day of the period, YYYY-MM-DD (default today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
}

/// What a period defaults to when `--from` is not given.
#[derive(Debug, Clone, Copy)]
pub enum DefaultPeriod {
    /// Since the last appraisal, else the last 12 months.
    SinceAppraisal,
    /// The last N months.
    Months(u32),
}

impl PeriodArgs {
    /// The period asked for, or the default.
    pub fn resolve(
        &self,
        env: &Env,
        profile: &Profile,
        default: DefaultPeriod,
    ) -> Result<Period, CliError> {
        let to = match &self.to {
            Some(d) => parse_date("to", d).map_err(CliError::flag)?,
            None => env.today,
        };
        // Nothing after today is counted: entries dated later are planned.
        if to > env.today {
            say_err!(
                "corepath: --to {to} is after today: the period ends today ({}), as entries still to come are planned and never counted",
                env.today
            );
        }
        let to = to.min(env.today);
        let from = match &self.from {
            Some(d) => parse_date("from", d).map_err(CliError::flag)?,
            None => match (default, profile.last_appraisal) {
                (DefaultPeriod::SinceAppraisal, Some(last)) if last <= to => last,
                (DefaultPeriod::SinceAppraisal, _) => Period::last_months(to, 12).from,
                (DefaultPeriod::Months(n), _) => Period::last_months(to, n).from,
            },
        };
        Period::new(from, to).ok_or_else(|| {
            CliError::flag(InputError::new(
                "to",
                &to.to_string(),
                &format!("a day on or after --from ({from})"),
            ))
        })
    }
}
