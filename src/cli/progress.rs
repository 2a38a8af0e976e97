//! `corepath progress`: what the next (or a named) tier expects, and where the journal stands.

use serde::Serialize;

use super::table::truncate;
use super::{CliError, Env, Format, print_json};
use crate::assess::{Context, Progress, progress};
use crate::framework::Tier;
use crate::model::check_tier;

/// `corepath progress`.
#[derive(Debug, Default, clap::Args)]
#[command(
    after_help = "Examples:\n  corepath progress\n  corepath progress --tier senior-scientist --format json"
)]
pub struct Args {
    /// The tier to assess (default: the one above yours).
    #[arg(long, value_name = "TIER")]
    pub tier: Option<String>,
    /// table or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Serialize)]
struct Output<'a> {
    current_tier: &'a str,
    #[serde(flatten)]
    progress: &'a Progress,
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
    let ctx = Context::new(&env.framework, &journal);
    let p = progress(&ctx, tier, env.today);
    if args.format == Format::Json {
        return print_json(&Output {
            current_tier: &journal.profile.tier,
            progress: &p,
        });
    }
    let current = env
        .framework
        .tier(&journal.profile.tier)
        .map_or(journal.profile.tier.as_str(), |t| t.title.as_str());
    say!("{} — {current}", journal.profile.name);
    say!(
        "Toward {} ({}): {}, {} partial",
        tier.title,
        tier.stage.label(),
        p.readiness(),
        p.partial
    );
    let width = super::table::width();
    for e in &p.expectations {
        say!("\n{} {:<13} {}", e.status.glyph(), e.status.word(), e.text);
        say!("    rule        {}", e.rule);
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
