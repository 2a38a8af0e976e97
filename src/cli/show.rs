//! `corepath show`: one entry in full.

use super::list::codes;
use super::table::hours;
use super::{CliError, Env, Format, print_json};
use crate::model::known_technique;

/// `corepath show ID`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  corepath show 3fk2m9qa --format json")]
pub struct Args {
    /// The entry's id (a unique prefix is enough).
    pub id: String,
    /// table or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Print the entry.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let loaded = env.load()?;
    let index = loaded.journal.find_entry(&args.id)?;
    let e = &loaded.journal.entries[index];
    if args.format == Format::Json {
        return print_json(e);
    }
    let kind_label = env
        .framework
        .kind(&e.kind)
        .map_or(e.kind.as_str(), |k| k.label.as_str());
    say!("{}{}", e.title, if e.highlight { "  ★" } else { "" });
    let line = |label: &str, value: String| {
        if !value.is_empty() {
            say!("  {label:<13}{value}");
        }
    };
    line("id", e.id.clone());
    line("date", e.date.to_string());
    line("kind", format!("{kind_label} ({})", e.kind));
    line("hours", e.hours.map(hours).unwrap_or_default());
    line(
        "people",
        e.people.map(|p| p.to_string()).unwrap_or_default(),
    );
    line(
        "role",
        e.role
            .as_deref()
            .map(|r| env.framework.role_label(&e.kind, r))
            .unwrap_or_default(),
    );
    line(
        "scope",
        e.scope
            .as_deref()
            .map(|s| env.framework.scope_label(s).to_string())
            .unwrap_or_default(),
    );
    line("usage hours", e.usage_hours.map(hours).unwrap_or_default());
    line("CRediT", e.credit.join(", "));
    line("areas", e.areas.join(", "));
    let techniques: Vec<String> = e
        .techniques
        .iter()
        .map(
            |t| match known_technique(&env.framework, &loaded.journal.profile.techniques, t) {
                Some(_) => t.clone(),
                None => format!("{t}? (not in the vocabulary, not counted)"),
            },
        )
        .collect();
    line("techniques", techniques.join(", "));
    line("tags", e.tags.join(", "));
    let metrics: Vec<String> = e
        .metrics
        .iter()
        .map(|m| {
            env.framework
                .metric(m)
                .map_or(m.clone(), |x| format!("{} {}", x.code, x.label))
        })
        .collect();
    line(
        "metrics",
        if metrics.is_empty() {
            String::new()
        } else {
            format!("{} — {}", codes(env, e), metrics.join("; "))
        },
    );
    let cpd = e.cpd_category.clone().or_else(|| {
        env.framework
            .kind(&e.kind)
            .and_then(|k| k.cpd_category.clone())
            .map(|c| format!("{c} (the kind's default)"))
    });
    line("CPD category", cpd.unwrap_or_default());
    for ev in &e.evidence {
        line(ev.kind.id(), ev.link().unwrap_or_else(|| ev.value.clone()));
    }
    line("notes", e.notes.clone());
    line("practice", e.reflection.practice.clone());
    line("users", e.reflection.users.clone());
    line("next", e.reflection.next.clone());
    line("logged", e.created.format("%Y-%m-%d %H:%M UTC").to_string());
    if e.updated != e.created {
        line(
            "changed",
            e.updated.format("%Y-%m-%d %H:%M UTC").to_string(),
        );
    }
    Ok(())
}
