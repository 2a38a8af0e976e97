//! `corepath list`: entries, newest first, filtered.

use super::table::{self, Table};
use super::{CliError, Env, Format, print_json};
use crate::model::{Entry, check_kind, check_metric, parse_date};

/// `corepath list`.
#[derive(Debug, Default, clap::Args)]
#[command(
    after_help = "Examples:\n  corepath list --from 2026-01-01 --kind user-training\n  corepath list --search confocal --format json"
)]
pub struct Args {
    /// Only entries on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Only entries on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    /// Only entries of this kind.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Only entries mapped to this metric.
    #[arg(long, value_name = "METRIC")]
    pub metric: Option<String>,
    /// Only entries whose title, notes, tags or techniques contain this text (any case).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only highlights.
    #[arg(long)]
    pub starred: bool,
    /// table or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Whether an entry contains `needle` (already lowercased) in its text fields.
pub fn matches_text(entry: &Entry, needle: &str) -> bool {
    let has = |s: &str| s.to_lowercase().contains(needle);
    has(&entry.title)
        || has(&entry.notes)
        || entry.tags.iter().any(|t| has(t))
        || entry.techniques.iter().any(|t| has(t))
}

/// The metric codes of an entry, e.g. `A.a F.c`.
pub fn codes(env: &Env, entry: &Entry) -> String {
    entry
        .metrics
        .iter()
        .map(|m| {
            env.framework
                .metric(m)
                .map_or(m.as_str(), |m| m.code.as_str())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Print the matching entries.
/// The list's table for these entries.
fn table_of(env: &Env, entries: &[&Entry]) -> Table {
    let mut t = Table::new(&["id", "date", "kind", "title", "metrics", "★"]);
    for e in entries {
        t.row(vec![
            e.id.clone(),
            e.date.to_string(),
            e.kind.clone(),
            e.title.clone(),
            codes(env, e),
            if e.highlight {
                "★".into()
            } else {
                String::new()
            },
        ]);
    }
    t
}

pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let from = args
        .from
        .as_deref()
        .map(|d| parse_date("from", d))
        .transpose()
        .map_err(CliError::flag)?;
    let to = args
        .to
        .as_deref()
        .map(|d| parse_date("to", d))
        .transpose()
        .map_err(CliError::flag)?;
    if let Some(k) = &args.kind {
        check_kind(&env.framework, k).map_err(CliError::flag)?;
    }
    if let Some(m) = &args.metric {
        check_metric(&env.framework, m).map_err(CliError::flag)?;
    }
    let needle = args.search.as_deref().map(str::to_lowercase);
    let loaded = env.load()?;
    let mut entries: Vec<&Entry> = loaded
        .journal
        .entries
        .iter()
        .filter(|e| from.is_none_or(|f| e.date >= f))
        .filter(|e| to.is_none_or(|t| e.date <= t))
        .filter(|e| args.kind.as_ref().is_none_or(|k| &e.kind == k))
        .filter(|e| args.metric.as_ref().is_none_or(|m| e.metrics.contains(m)))
        .filter(|e| !args.starred || e.highlight)
        .filter(|e| needle.as_deref().is_none_or(|n| matches_text(e, n)))
        .collect();
    entries.sort_by(|a, b| b.date.cmp(&a.date).then(b.created.cmp(&a.created)));
    if args.format == Format::Json {
        return print_json(&entries);
    }
    if entries.is_empty() {
        say!("No entries match. Add one with `corepath add --kind KIND --title TITLE`.");
        return Ok(());
    }
    // Entries still to come are listed apart: they are not counted until their day.
    let (planned, done): (Vec<&Entry>, Vec<&Entry>) =
        entries.iter().partition(|e| e.date > env.today);
    if !planned.is_empty() {
        say!("Planned (not counted until their day):");
        say_more!("{}", table_of(env, &planned).render(table::width()));
        say!();
    }
    say_more!("{}", table_of(env, &done).render(table::width()));
    say!(
        "{} entr{}{}",
        done.len(),
        if done.len() == 1 { "y" } else { "ies" },
        if planned.is_empty() {
            String::new()
        } else {
            format!(", and {} planned", planned.len())
        }
    );
    Ok(())
}
