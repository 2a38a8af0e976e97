//! `corepath progress`: what the next (or a named) tier expects, and where the journal stands.

use serde::Serialize;

use super::table::truncate;
use super::{CliError, Env, Format, print_json};
use crate::assess::{Change, Comparison, Context, Progress, compare, progress};
use crate::framework::Tier;
use crate::model::{InputError, Journal, check_tier, parse_date};
use crate::text::{amount, number};

/// The line against the last appraisal, and each expectation that changed since.
fn print_changes(journal: &Journal, c: &Comparison) {
    say!(
        "At your last appraisal ({}): {} of {} met — {}: {} of {} met",
        c.then.as_of,
        c.then.met,
        c.then.total,
        c.now.as_of,
        c.now.met,
        c.now.total
    );
    for change in &c.changes {
        let entries: Vec<String> = change
            .entries
            .iter()
            .filter_map(|id| journal.entry(id))
            .take(3)
            .map(|e| format!("{} {}", e.date, e.title))
            .collect();
        say!(
            "  {} → {}  {}{}",
            change.before.word(),
            change.after.word(),
            change.text,
            if entries.is_empty() {
                String::new()
            } else {
                format!(" (since: {})", entries.join("; "))
            }
        );
    }
}

/// `corepath progress`.
#[derive(Debug, Default, clap::Args)]
#[command(
    after_help = "Examples:\n  corepath progress\n  corepath progress --tier senior-scientist --format json"
)]
pub struct Args {
    /// The tier to assess (default: the one above yours).
    #[arg(long, value_name = "TIER")]
    pub tier: Option<String>,
    /// Assess the ladder as it stood on this day (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// table or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Serialize)]
struct Output<'a> {
    current_tier: &'a str,
    #[serde(flatten)]
    progress: &'a Progress,
    /// Against the last appraisal, when it came before the day assessed.
    #[serde(skip_serializing_if = "Option::is_none")]
    since_last_appraisal: Option<&'a [Change]>,
}

/// The tier to assess: the one named, else the next above the profile's, else the profile's own.
pub fn target_tier<'a>(
    env: &'a Env,
    current: &str,
    named: Option<&str>,
) -> Result<&'a Tier, CliError> {
    let framework = &env.framework;
    if let Some(named) = named {
        check_tier(framework, "tier", named.trim()).map_err(CliError::flag)?;
    }
    named
        .and_then(|t| framework.tier(t.trim()))
        .or_else(|| framework.next_tier(current))
        .or_else(|| framework.tier(current))
        .or_else(|| framework.tiers.first())
        .ok_or_else(|| CliError::Message("the framework has no tiers".into()))
}

/// Print the progression.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let journal = env.load()?.journal;
    let tier = target_tier(env, &journal.profile.tier, args.tier.as_deref())?;
    let as_of = match &args.as_of {
        Some(d) => parse_date("as-of", d).map_err(CliError::flag)?,
        None => env.today,
    };
    if as_of > env.today {
        return Err(CliError::flag(InputError::new(
            "as-of",
            &as_of.to_string(),
            &format!("today ({}) or an earlier day", env.today),
        )));
    }
    let ctx = Context::new(&env.framework, &journal);
    let comparison = journal
        .profile
        .last_appraisal
        .filter(|&last| last < as_of)
        .map(|last| compare(&ctx, tier, last, as_of));
    let p = match &comparison {
        Some(c) => c.now.clone(),
        None => progress(&ctx, tier, as_of),
    };
    if args.format == Format::Json {
        return print_json(&Output {
            current_tier: &journal.profile.tier,
            progress: &p,
            since_last_appraisal: comparison.as_ref().map(|c| c.changes.as_slice()),
        });
    }
    let current = env
        .framework
        .tier(&journal.profile.tier)
        .map_or(journal.profile.tier.as_str(), |t| t.title.as_str());
    say!("{} — {current}", journal.profile.name);
    let day = if as_of == env.today {
        String::new()
    } else {
        format!(" as of {as_of}")
    };
    say!(
        "Toward {} ({}){day}: {}",
        tier.title,
        tier.stage.label(),
        p.readiness()
    );
    if let Some(c) = &comparison {
        print_changes(&journal, c);
    }
    let width = super::table::width();
    for e in &p.expectations {
        say!("\n{} {:<13} {}", e.status.glyph(), e.status.word(), e.text);
        say!("    rule        {}", e.rule);
        if let (Some(m), Some(unit)) = (e.measured, e.unit) {
            say!("    measured    {}", amount(m, unit));
        }
        for part in &e.parts {
            say!(
                "    {}           {} of {} needed: {}",
                if part.met { "✔" } else { "·" },
                amount(part.measured, part.unit),
                number(part.needed),
                part.rule
            );
        }
        if !e.measured_names.is_empty() {
            say!("    techniques  {}", e.measured_names.join(", "));
        }
        for &i in e.entry_indices.iter().take(3) {
            let entry = &journal.entries[i];
            let line = format!("{} {} {}", entry.id, entry.date, entry.title);
            say!(
                "    evidence    {}",
                truncate(&line, width.saturating_sub(16))
            );
        }
        if e.entry_indices.len() > 3 {
            say!("                … and {} more", e.entry_indices.len() - 3);
        }
        if let Some(j) = &e.justification {
            say!("    why         {j}");
        }
        if !e.missing.is_empty() {
            say!("    missing     {}", e.missing);
            say!("    suggestion  {}", e.suggestion);
        }
    }
    Ok(())
}
