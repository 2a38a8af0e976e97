//! corepath's own CSV: the columns of `corepath export --format csv`, in any order.
//!
//! `date`, `kind` and `title` are required; every other column may be left out. `id`, `created`
//! and `updated` are read but not used (imported entries are new entries). A blank `metrics` cell
//! gives the kind's default metrics. List cells are split at `;` (`\;` is a literal `;`).

use chrono::DateTime;

use super::{Candidate, ImportError, Options, finish};
use crate::export::csv::{COLUMNS, restore};
use crate::model::{
    Entry, EvidenceType, InputError, check_kind, parse_date, parse_hours, parse_people,
};

/// Split a list cell at `;`, honouring `\;` and `\\`; items are trimmed, empty ones dropped.
pub fn split_list(cell: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next @ (';' | '\\')) => current.push(next),
                Some(next) => {
                    current.push('\\');
                    current.push(next);
                }
                None => current.push('\\'),
            },
            ';' => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

const IGNORED: [&str; 2] = ["created", "updated"];

/// Line numbers of records, counted from byte offsets as the reader moves forward. (The csv
/// crate's own line count lags by one after CRLF line ends.)
struct Lines<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
}

impl Lines<'_> {
    /// The 1-based line where a record starting at `byte` begins (offsets only grow).
    fn line_at(&mut self, byte: u64) -> usize {
        let mut to = usize::try_from(byte)
            .unwrap_or(self.text.len())
            .min(self.text.len());
        while matches!(self.text.get(to), Some(b'\r' | b'\n')) {
            to += 1;
        }
        if to < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += self.text[self.at..to]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = to;
        self.line
    }
}

fn yes_no(field: &str, raw: &str) -> Result<bool, InputError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "n" | "0" => Ok(false),
        "true" | "yes" | "y" | "1" | "★" | "*" => Ok(true),
        _ => Err(InputError::new(field, raw, "true or false")),
    }
}

fn evidence(raw: &str) -> Result<crate::model::Evidence, InputError> {
    let expected = "type:value, with a type of doi, rrid, orcid, ror, url or file \
                    (e.g. doi:10.1000/xyz)";
    let (kind, value) = raw
        .split_once(':')
        .ok_or_else(|| InputError::new("evidence", raw, expected))?;
    let kind = EvidenceType::ALL
        .into_iter()
        .find(|k| k.id() == kind.trim().to_ascii_lowercase())
        .ok_or_else(|| InputError::new("evidence", raw, expected))?;
    Ok(crate::model::Evidence::new(
        kind,
        kind.parse(kind.id(), value)?,
    ))
}

/// Read corepath CSV text.
///
/// # Errors
/// The first fault, with its line: an unknown or repeated column, a missing required column, a
/// record with the wrong number of fields, or a value the entry does not accept.
pub fn parse(text: &str, options: &Options) -> Result<Vec<Candidate>, ImportError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| ImportError::new("line 1", e.to_string()))?
        .clone();
    let mut column: Vec<Option<usize>> = vec![None; COLUMNS.len()];
    for (i, name) in header.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase();
        if IGNORED.contains(&name.as_str()) {
            continue;
        }
        match COLUMNS.iter().position(|c| *c == name) {
            Some(c) if column[c].is_some() => {
                return Err(ImportError::new(
                    "line 1",
                    format!("the column {name:?} appears twice"),
                ));
            }
            Some(c) => column[c] = Some(i),
            None => {
                return Err(ImportError::new(
                    "line 1",
                    format!(
                        "unknown column {name:?}; corepath CSV has the columns {}",
                        COLUMNS.join(", ")
                    ),
                ));
            }
        }
    }
    for required in ["date", "kind", "title"] {
        let at = COLUMNS.iter().position(|c| *c == required);
        if at.and_then(|i| column[i]).is_none() {
            return Err(ImportError::new(
                "line 1",
                format!("no {required:?} column; the header needs at least date, kind and title"),
            ));
        }
    }
    let framework = options.framework;
    let mut lines = Lines {
        text: text.as_bytes(),
        at: 0,
        line: 1,
    };
    let mut out = Vec::new();
    let mut record = ::csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
            let reason = match e.kind() {
                ::csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => format!("{len} fields where the header has {expected_len}"),
                ::csv::ErrorKind::Utf8 { .. } => "the text is not valid UTF-8".to_string(),
                _ => e.to_string(),
            };
            ImportError::new(format!("line {line}"), reason)
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let at = format!("line {line}");
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let cell = |name: &str| -> &str {
            COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|i| column[i])
                .and_then(|i| record.get(i))
                .map(restore)
                .unwrap_or("")
        };
        let entry = (|| -> Result<Entry, InputError> {
            let date = parse_date("date", cell("date"))?;
            let kind = cell("kind").trim();
            check_kind(framework, kind)?;
            let mut e = Entry::new(
                super::PENDING_ID.to_string(),
                date,
                kind,
                cell("title").trim(),
                DateTime::UNIX_EPOCH,
            );
            let h = cell("hours");
            if !h.trim().is_empty() {
                e.hours = Some(parse_hours("hours", h)?);
            }
            let p = cell("people");
            if !p.trim().is_empty() {
                e.people = Some(parse_people("people", p)?);
            }
            let role = cell("role").trim();
            if !role.is_empty() {
                e.role = Some(role.to_string());
            }
            e.credit = split_list(cell("credit"));
            e.areas = split_list(cell("areas"));
            e.techniques = split_list(cell("techniques"));
            e.tags = split_list(cell("tags"));
            e.metrics = split_list(cell("metrics"));
            if e.metrics.is_empty() {
                e.metrics = framework
                    .kind(kind)
                    .map(|k| k.metrics.clone())
                    .unwrap_or_default();
            }
            e.evidence = split_list(cell("evidence"))
                .iter()
                .map(|x| evidence(x))
                .collect::<Result<_, _>>()?;
            e.highlight = yes_no("highlight", cell("highlight"))?;
            let category = cell("cpd_category").trim();
            if !category.is_empty() {
                e.cpd_category = Some(category.to_string());
            }
            e.notes = cell("notes").trim().to_string();
            e.reflection.practice = cell("reflection_practice").trim().to_string();
            e.reflection.users = cell("reflection_users").trim().to_string();
            e.reflection.next = cell("reflection_next").trim().to_string();
            Ok(e)
        })()
        .map_err(|e| ImportError::new(at.clone(), e.to_string()))?;
        out.push(finish(entry, &at, options)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_at_unescaped_semicolons() {
        assert_eq!(split_list("a; b;;c "), vec!["a", "b", "c"]);
        assert_eq!(split_list(r"a\;b;c\\"), vec!["a;b", r"c\"]);
        assert!(split_list("").is_empty());
        let items = [
            "x;y".to_string(),
            r"back\slash".to_string(),
            "z".to_string(),
        ];
        assert_eq!(split_list(&crate::export::csv::join_list(&items)), items);
    }
}
