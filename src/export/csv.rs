//! Entries as CSV: one row per entry, RFC 4180, a header row, lists joined with `;`.
//!
//! The columns are [`COLUMNS`]. In list cells (`credit`, `areas`, `techniques`, `metrics`,
//! `tags`, `evidence`) items are separated by `;`; a `;` or `\` inside an item is written `\;` or
//! `\\`. Evidence items are `type:value` (`doi:10.1000/xyz`, `url:https://…`). A cell a
//! spreadsheet would evaluate as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return) is written with a `'` before it, as OWASP advises; `corepath import` reads this
//! format back and takes that `'` off again.

use super::RenderError;
use crate::model::Entry;

/// The CSV columns, in order.
pub const COLUMNS: [&str; 19] = [
    "id",
    "date",
    "kind",
    "title",
    "hours",
    "people",
    "role",
    "credit",
    "areas",
    "techniques",
    "metrics",
    "tags",
    "evidence",
    "highlight",
    "cpd_category",
    "notes",
    "reflection_practice",
    "reflection_users",
    "reflection_next",
];

/// Whether a spreadsheet would evaluate a cell with this text: it starts with a formula
/// character, after any `'` already protecting it.
fn evaluated(cell: &str) -> bool {
    cell.trim_start_matches('\'')
        .starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell a spreadsheet shows as text: one `'` more before a formula character.
pub fn neutralise(cell: String) -> String {
    if evaluated(&cell) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// A cell as it was before [`neutralise`]: the `'` it added taken off again.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if evaluated(rest) => rest,
        _ => cell,
    }
}

/// Join list items with `;`, escaping `\` and `;` inside items.
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        for c in item.as_ref().chars() {
            if c == ';' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The cells of one entry, in [`COLUMNS`] order.
pub fn row(e: &Entry) -> [String; 19] {
    let evidence: Vec<String> = e
        .evidence
        .iter()
        .map(|ev| format!("{}:{}", ev.kind.id(), ev.value))
        .collect();
    [
        e.id.clone(),
        e.date.to_string(),
        e.kind.clone(),
        e.title.clone(),
        e.hours.map(|h| h.to_string()).unwrap_or_default(),
        e.people.map(|p| p.to_string()).unwrap_or_default(),
        e.role.clone().unwrap_or_default(),
        join_list(&e.credit),
        join_list(&e.areas),
        join_list(&e.techniques),
        join_list(&e.metrics),
        join_list(&e.tags),
        join_list(&evidence),
        e.highlight.to_string(),
        e.cpd_category.clone().unwrap_or_default(),
        e.notes.clone(),
        e.reflection.practice.clone(),
        e.reflection.users.clone(),
        e.reflection.next.clone(),
    ]
}

/// The byte order mark some spreadsheets need to read UTF-8 (`export --bom`).
pub const BOM: &str = "\u{feff}";

/// The entries as CSV text with a header row.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn render(entries: &[Entry]) -> Result<String, RenderError> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(entries.len() * 200 + 256));
    let fail = |e: ::csv::Error| RenderError(e.to_string());
    writer.write_record(COLUMNS).map_err(fail)?;
    for e in entries {
        writer.write_record(row(e).map(neutralise)).map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| RenderError(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| RenderError(e.to_string()))
}
