//! corepath's own JSON: a journal file (`corepath-journal`) or an evidence summary
//! (`corepath-evidence-summary`, whose `entries` are the period's entries in the journal format);
//! or the works of an ORCID record, Crossref or a Europe PMC search (module
//! [`works`](super::works)), told apart by their top-level keys.
//! Only the entries are imported; the profile and goals of the file are left alone. `id`,
//! `created` and `updated` may be missing (imported entries are new entries either way).

use serde_json::Value;

use super::works::{self, Source};
use super::{Candidate, FileRead, ImportError, Options, finish};
use crate::model::Entry;

/// Read JSON text: corepath's (every entry, or nothing) or a service's works (each bad work
/// refused alone unless `strict`).
///
/// # Errors
/// Text that is not JSON (with line and column), another format or a newer version, or the first
/// entry that does not parse or validate (with its index and field).
pub fn read(text: &str, options: &Options, strict: bool) -> Result<FileRead, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        ImportError::new(
            format!("line {}, column {}", e.line(), e.column()),
            format!("not valid JSON: {}", strip_position(&e.to_string())),
        )
    })?;
    if let Some(source) = value.as_object().and_then(Source::of) {
        return works::parse(source, &value, options, strict);
    }
    let Value::Object(mut root) = value else {
        return Err(ImportError::new(
            "",
            "expected a corepath journal or evidence summary (a JSON object with \"format\"), an \
             ORCID record, a Crossref work or a Europe PMC search result",
        ));
    };
    let format = root.get("format").and_then(Value::as_str).unwrap_or("");
    let newest = match format {
        crate::model::FORMAT => crate::model::VERSION,
        crate::export::summary::FORMAT => crate::export::summary::VERSION,
        other => {
            return Err(ImportError::new(
                "format",
                format!(
                    "{other:?} is not a format corepath imports: expected {:?} (a journal), {:?} \
                     (an evidence summary), an ORCID record, a Crossref work or a Europe PMC \
                     search result",
                    crate::model::FORMAT,
                    crate::export::summary::FORMAT
                ),
            ));
        }
    };
    if let Some(v) = root.get("version").and_then(Value::as_u64)
        && v > u64::from(newest)
    {
        return Err(ImportError::new(
            "version",
            format!("written by a newer corepath (version {v}; this one reads up to {newest})"),
        ));
    }
    let entries = match root.remove("entries") {
        Some(Value::Array(entries)) => entries,
        None => Vec::new(),
        Some(_) => return Err(ImportError::new("entries", "expected a list of entries")),
    };
    let mut out = Vec::with_capacity(entries.len());
    for (i, mut value) in entries.into_iter().enumerate() {
        let at = format!("entries[{i}]");
        if let Value::Object(map) = &mut value {
            map.entry("id")
                .or_insert_with(|| Value::String(super::PENDING_ID.into()));
            map.entry("created")
                .or_insert_with(|| Value::String(options.now.to_rfc3339()));
        }
        let entry: Entry = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let place = if path == "." {
                at.clone()
            } else {
                format!("{at}.{path}")
            };
            ImportError::new(place, e.into_inner().to_string())
        })?;
        out.push(finish(entry, &at, options)?);
    }
    Ok(FileRead {
        candidates: out,
        refused: Vec::new(),
        source: None,
    })
}

/// Read JSON text: every entry or work, or nothing.
///
/// # Errors
/// As [`read`], at the first fault.
pub fn parse(text: &str, options: &Options) -> Result<Vec<Candidate>, ImportError> {
    read(text, options, true).map(|r| r.candidates)
}

/// serde_json appends " at line L column C"; the location is reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
