//! Phrases the summary's pages share, in Markdown, HTML and the roll-up: figures in words, what
//! was measured, what the time split covers, why a period was cut, a heading's anchor.

use super::summary::{ExpectationLine, Figure};
use crate::text::{amount, number, plural};

/// `12 entries, 40 hours, 35 people`, leaving out zero hours and people.
pub(crate) fn figure_words(f: &Figure, one: &str, many: &str) -> String {
    let mut parts = vec![plural(f.entries as u64, one, many)];
    if f.hours > 0.0 {
        parts.push(format!(
            "{} hour{}",
            number(f.hours),
            if f.hours == 1.0 { "" } else { "s" }
        ));
    }
    if f.people > 0 {
        parts.push(plural(f.people, "person", "people"));
    }
    if f.usage_hours > 0.0 {
        parts.push(format!("{} hours of instrument use", number(f.usage_hours)));
    }
    parts.join(", ")
}

/// Why a period ends sooner than asked: nothing after today is counted.
pub(crate) fn cut_note(asked: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    format!(
        "The period asked for ran to {asked}; it ends on {to}, the day this summary was drawn up, as nothing still to come is counted."
    )
}

/// What the time split covers: logged hours only, and how many entries have none.
pub(crate) fn time_note(hours: f64, with: usize, without: usize) -> String {
    format!(
        "The split covers logged hours only: {} hours over {} with hours; {} without hours {} not in it, so the shares show where logged time went, not the whole working time.",
        number(hours),
        plural(with as u64, "entry", "entries"),
        plural(without as u64, "entry", "entries"),
        if without == 1 { "is" } else { "are" }
    )
}

/// What was measured, in the rule's unit, with the techniques counted:
/// `14 distinct techniques: Confocal, Light-sheet, …`.
pub(crate) fn measured_words(e: &ExpectationLine) -> Option<String> {
    let (measured, unit) = (e.measured?, e.unit.as_deref()?);
    let mut words = amount(measured, unit);
    if !e.measured_names.is_empty() {
        words.push_str(&format!(": {}", e.measured_names.join(", ")));
    }
    Some(words)
}

/// The anchor GitHub and GitLab give a heading: lowercase words joined by `-`.
pub(crate) fn anchor(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}
