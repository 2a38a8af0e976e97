//! PubMed's MEDLINE format (`.nbib`, `.txt`): records start with `PMID- `, each line a tag of up
//! to four letters padded to four, `- ` and a value; a line starting with spaces continues the
//! field before. One `publication` per record: `TI` the title, `DP` the date (`2023 Jan 15`,
//! `2023 Jan-Feb`, `2023 Spring`, `2023`), `JT` (else `TA`) the journal, `FAU` (else `AU`) the
//! authors, `AUID- ORCID: …` their ORCID iDs, `LID`/`AID … [doi]` the DOI, `PMID` the PubMed id.
//!
//! Read line by line, with no recursion; a file holds at most [`paper::RECORDS`] records of at
//! most [`paper::FIELDS_PER_RECORD`] fields.

use chrono::NaiveDate;

use super::paper::{self, Paper, month_word};
use super::{FileRead, ImportError, Options};

/// The role given when the person is not an author and the options name none.
pub const DEFAULT_ROLE: &str = "acknowledged";

/// A line's tag and value, if it is a tagged line (`PMID- 123`, `AU  - Okonkwo Z`).
fn tagged(line: &str) -> Option<(&str, &str)> {
    let head = line.as_bytes().get(..6)?;
    if !head.is_ascii() {
        return None;
    }
    let tag_len = head[..4]
        .iter()
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    let ok = tag_len > 0 && head[tag_len..4].iter().all(|b| *b == b' ') && head[4] == b'-';
    ok.then(|| (&line[..tag_len], line.get(6..).unwrap_or("").trim()))
}

/// A `DP` date: a year, then a month (or season) and a day if given; a range gives its start.
fn date(raw: &str) -> Option<NaiveDate> {
    let mut words = raw.split_whitespace();
    let year: i32 = words.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month = match words.next() {
        None => 1,
        Some(m) => month_word(m.split(['-', '/']).next().unwrap_or(m))?,
    };
    let day = match words.next() {
        None => 1,
        Some(d) => d.split('-').next().unwrap_or(d).parse().ok()?,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

struct Record {
    line: usize,
    fields: Vec<(String, String)>,
}

impl Record {
    fn paper(&self) -> Paper {
        let mut p = Paper::default();
        let (mut full, mut short) = (Vec::new(), Vec::new());
        let (mut journal, mut abbreviation) = (None, None);
        for (tag, value) in &self.fields {
            match tag.as_str() {
                "PMID" if p.pmid.is_none() => p.pmid = Some(value.clone()),
                "TI" if p.title.is_empty() => p.title = value.clone(),
                "FAU" => full.push(value.clone()),
                "AU" => short.push(value.clone()),
                "AUID" => {
                    if let Some(orcid) = value.strip_prefix("ORCID:") {
                        p.orcids.push(orcid.trim().to_string());
                    }
                }
                "JT" if journal.is_none() => journal = Some(value.clone()),
                "TA" if abbreviation.is_none() => abbreviation = Some(value.clone()),
                "DP" if p.date.is_none() && p.bad_date.is_none() => match date(value) {
                    Some(d) => p.date = Some(d),
                    None => p.bad_date = Some(("DP".into(), value.clone())),
                },
                "LID" | "AID" if p.doi.is_none() => {
                    if let Some(doi) = value.strip_suffix("[doi]") {
                        p.doi = Some(doi.trim().to_string());
                    }
                }
                _ => {}
            }
        }
        if full.is_empty() {
            p.authors = short;
        } else {
            p.authors = full;
            p.spellings = short;
        }
        p.venue = journal.or(abbreviation).unwrap_or_default();
        p
    }
}

/// Read MEDLINE text: every record it can; with `strict`, nothing at the first fault.
///
/// # Errors
/// With `strict`, the first bad record; always, a file past the limits on records or fields,
/// or text with no `PMID-` line.
pub fn parse(text: &str, options: &Options, strict: bool) -> Result<FileRead, ImportError> {
    let mut read = FileRead::default();
    let mut records: Vec<Record> = Vec::new();
    let done = |read: &mut FileRead, r: Record, n: usize| -> Result<(), ImportError> {
        let p = r.paper();
        let at = match &p.pmid {
            Some(pmid) => format!("record PMID {pmid} (line {})", r.line),
            None => format!("record {n} (line {})", r.line),
        };
        read.keep(paper::entry(&p, &at, options, DEFAULT_ROLE), strict)?;
        Ok(())
    };
    let mut count = 0usize;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let line = line.trim_start_matches('\u{feff}');
        if let Some((tag, value)) = tagged(line) {
            if tag == "PMID" {
                if let Some(r) = records.pop() {
                    done(&mut read, r, count)?;
                }
                count += 1;
                if count > paper::RECORDS {
                    return Err(ImportError::new(
                        format!("line {number}"),
                        format!("records: more than {} in one file", paper::RECORDS),
                    ));
                }
                records.push(Record {
                    line: number,
                    fields: Vec::new(),
                });
            }
            if let Some(r) = records.last_mut() {
                if r.fields.len() >= paper::FIELDS_PER_RECORD {
                    return Err(ImportError::new(
                        format!("record {count} (line {})", r.line),
                        format!(
                            "fields: more than {} in one record",
                            paper::FIELDS_PER_RECORD
                        ),
                    ));
                }
                r.fields.push((tag.to_string(), value.to_string()));
            }
        } else if line.starts_with(' ')
            && let Some((_, value)) = records.last_mut().and_then(|r| r.fields.last_mut())
        {
            value.push(' ');
            value.push_str(line.trim());
        }
    }
    if let Some(r) = records.pop() {
        done(&mut read, r, count)?;
    }
    if count == 0 && !text.trim().is_empty() {
        return Err(ImportError::new(
            "line 1",
            "PMID: no record (a MEDLINE record starts with a line `PMID- 12345678`)",
        ));
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_dates() {
        assert_eq!(tagged("PMID- 31235986"), Some(("PMID", "31235986")));
        assert_eq!(tagged("AU  - Okonkwo Z"), Some(("AU", "Okonkwo Z")));
        assert_eq!(tagged("      continued"), None);
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(date("2023 Jan 15"), d(2023, 1, 15));
        assert_eq!(date("2023 Spring"), d(2023, 3, 1));
        assert_eq!(date("2023 Jan-Feb"), d(2023, 1, 1));
        assert_eq!(date("2023"), d(2023, 1, 1));
        assert_eq!(date("2023 Feb 30"), None);
        assert_eq!(date("Spring"), None);
    }
}
