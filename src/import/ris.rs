//! RIS, as Zotero, EndNote, Scopus, Embase and Rayyan write it: `TY  - JOUR` opens a record,
//! `ER  -` closes it; each line a two-character tag, two spaces, `- ` and a value; a line without
//! a tag continues the field before it. One `publication` per record.
//!
//! Read line by line, with no recursion; a file holds at most [`paper::RECORDS`] records of at
//! most [`paper::FIELDS_PER_RECORD`] fields.

use chrono::NaiveDate;

use super::paper::{self, Paper};
use super::{FileRead, ImportError, Options};

/// The role given when the person is not an author and the options name none.
pub const DEFAULT_ROLE: &str = "acknowledged";

/// A line's tag and value, if it is a tagged line (`AU  - Okonkwo, Zoë`, `ER  -`).
fn tagged(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let tag_ok = bytes.len() >= 5
        && bytes[0].is_ascii_uppercase()
        && bytes[1].is_ascii_alphanumeric()
        && bytes[1] != b' '
        && &bytes[2..5] == b"  -";
    if !tag_ok || bytes.get(5).is_some_and(|b| *b != b' ') {
        return None;
    }
    Some((&line[..2], line.get(5..).unwrap_or("").trim()))
}

/// A RIS date: `2023/01/15/`, `2023/01//`, `2023///Spring`, `2023-01-15`, `2023`.
fn date(raw: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = raw.split(['/', '-']).map(str::trim).collect();
    let year: i32 = parts
        .first()
        .filter(|y| y.len() == 4)
        .and_then(|y| y.parse().ok())?;
    let number = |i: usize| -> Option<Option<u32>> {
        match parts.get(i).copied() {
            None | Some("") => Some(None),
            Some(p) => p.parse().ok().map(Some),
        }
    };
    let month = number(1)?.unwrap_or(1);
    let day = number(2)?.unwrap_or(1);
    NaiveDate::from_ymd_opt(year, month, day)
}

/// One record's fields, in order.
struct Record {
    line: usize,
    fields: Vec<(String, String)>,
}

impl Record {
    fn paper(&self) -> (Paper, Option<String>) {
        let mut p = Paper::default();
        let mut id = None;
        let mut venue: Option<(usize, String)> = None;
        let mut dates: Vec<(usize, &str)> = Vec::new();
        for (tag, value) in &self.fields {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            // Venues by preference: the full title first.
            let rank = ["T2", "JF", "JO", "BT", "JA", "J2", "T3"]
                .iter()
                .position(|t| t == tag);
            match tag.as_str() {
                "TI" | "T1" if p.title.is_empty() => p.title = value.to_string(),
                "AU" | "A1" => p.authors.push(value.to_string()),
                "PY" | "Y1" => dates.push((0, value)),
                "DA" => dates.push((1, value)),
                "DO" if p.doi.is_none() => p.doi = Some(value.to_string()),
                "UR" if p.url.is_none() => p.url = Some(value.to_string()),
                "ID" if id.is_none() => id = Some(value.to_string()),
                _ => {}
            }
            if let Some(rank) = rank
                && venue.as_ref().is_none_or(|(r, _)| rank < *r)
            {
                venue = Some((rank, value.to_string()));
            }
        }
        p.venue = venue.map(|(_, v)| v).unwrap_or_default();
        // The fullest date: DA (often with month and day) when it reads, else PY.
        dates.sort_by_key(|(rank, _)| std::cmp::Reverse(*rank));
        for (_, raw) in &dates {
            if let Some(d) = date(raw) {
                p.date = Some(d);
                break;
            }
        }
        if p.date.is_none()
            && let Some((_, raw)) = dates.first()
        {
            p.bad_date = Some(("date".into(), (*raw).to_string()));
        }
        (p, id)
    }
}

/// Read RIS text: every record it can; with `strict`, nothing at the first fault.
///
/// # Errors
/// With `strict`, the first bad record; always, a file past the limits on records or fields.
pub fn parse(text: &str, options: &Options, strict: bool) -> Result<FileRead, ImportError> {
    let mut read = FileRead::default();
    let mut current: Option<Record> = None;
    let mut records = 0usize;
    let fault = |read: &mut FileRead, e: ImportError| -> Result<(), ImportError> {
        if strict {
            return Err(e);
        }
        read.refused.push(e);
        Ok(())
    };
    let mut last_line = 0;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        last_line = number;
        let line = line.trim_start_matches('\u{feff}');
        match (tagged(line), current.as_mut()) {
            (Some(("TY", _)), open) => {
                if let Some(r) = open {
                    let e = ImportError::new(
                        format!("record {} (line {})", records, r.line),
                        "ER: the record does not end before the next TY",
                    );
                    fault(&mut read, e)?;
                }
                records += 1;
                if records > paper::RECORDS {
                    return Err(ImportError::new(
                        format!("line {number}"),
                        format!("records: more than {} in one file", paper::RECORDS),
                    ));
                }
                current = Some(Record {
                    line: number,
                    fields: Vec::new(),
                });
            }
            (Some(("ER", _)), Some(_)) => {
                if let Some(r) = current.take() {
                    let (p, id) = r.paper();
                    let at = match id {
                        Some(id) => format!("record {id} (line {})", r.line),
                        None => format!("record {records} (line {})", r.line),
                    };
                    match paper::entry(&p, &at, options, DEFAULT_ROLE) {
                        Ok(c) => read.candidates.push(c),
                        Err(e) => fault(&mut read, e)?,
                    }
                }
            }
            (Some((tag, value)), Some(r)) => {
                if r.fields.len() >= paper::FIELDS_PER_RECORD {
                    return Err(ImportError::new(
                        format!("record {records} (line {})", r.line),
                        format!(
                            "fields: more than {} in one record",
                            paper::FIELDS_PER_RECORD
                        ),
                    ));
                }
                r.fields.push((tag.to_string(), value.to_string()));
            }
            (None, Some(r)) if !line.trim().is_empty() => {
                // A continuation of the field before.
                if let Some((_, value)) = r.fields.last_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                }
            }
            _ => {}
        }
    }
    if let Some(r) = current {
        let e = ImportError::new(
            format!("record {records} (line {})", r.line),
            format!("ER: the record does not end before the end of the file (line {last_line})"),
        );
        fault(&mut read, e)?;
    }
    if records == 0 && !text.trim().is_empty() {
        return Err(ImportError::new(
            "line 1",
            "TY: no record (a RIS record starts with a line `TY  - JOUR`)",
        ));
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_dates() {
        assert_eq!(tagged("AU  - Okonkwo, Zoë"), Some(("AU", "Okonkwo, Zoë")));
        assert_eq!(tagged("ER  -"), Some(("ER", "")));
        assert_eq!(tagged("ER  - "), Some(("ER", "")));
        assert_eq!(tagged("  continued"), None);
        assert_eq!(tagged("AU - x"), None);
        assert_eq!(date("2023/01/15/"), NaiveDate::from_ymd_opt(2023, 1, 15));
        assert_eq!(date("2023///"), NaiveDate::from_ymd_opt(2023, 1, 1));
        assert_eq!(date("2023"), NaiveDate::from_ymd_opt(2023, 1, 1));
        assert_eq!(date("2023-02-30"), None);
        assert_eq!(date("23"), None);
    }
}
