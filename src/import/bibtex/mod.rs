//! BibTeX and BibLaTeX from a reference manager: one `publication` entry per record.
//!
//! The file is read in steps, none of which recurses without bound or grows faster than the file:
//! the records, fields and `#` concatenations are counted before the `biblatex` crate reads the
//! raw file; corepath then expands `@string` macros itself (module `guard`: measured first for
//! cycles, depth and size), rewrites the TeX that `biblatex` leaves as it is (module `tex`:
//! `\i`/`\j` under accents, `\o{}`-style glyphs, `~`, ``` `` ''``` quotes, formatting commands
//! such as `\emph{…}`, simple maths such as `$\alpha$` and `Ca$^{2+}$`, and braces it does not
//! need), checks the `crossref` and `xdata` links, and only then lets `biblatex` resolve accents,
//! month macros (`month = dec`) and the links. Only the fields a record is read from go further.
//! An undefined macro fails the whole file with its record, line and column.
//!
//! Each record gives: the title (as written, braces dropped), the date from `year` + `month`
//! (+ `day`; or a BibLaTeX `date`), the journal (or book title) and the authors in the notes, the
//! DOI as evidence (checked), else a `url`, and the recognition role `co-author` unless the
//! options name another.

mod expand;
mod guard;
mod split;
mod tex;

use expand::{expand_fields, rebuild};
pub use guard::RECORDS;

use biblatex::{
    Bibliography, ChunksExt, Field, Pair, ParseError, ParseErrorKind, RawBibliography, RawChunk,
    RawEntry, Spanned,
};
use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Candidate, FileRead, ImportError, Options, finish};
use crate::model::{Entry, Evidence, EvidenceType, parse_doi, parse_url};

use tex::{Braces, name_list, shallow_groups};
pub use tex::{prepare, tidy};

/// The kind every record becomes.
pub const KIND: &str = "publication";

/// The role given when the options name none.
pub const DEFAULT_ROLE: &str = "co-author";

/// How many authors the notes name before "et al.".
const AUTHORS_LISTED: usize = 12;

/// The fields a record is read from (with those `biblatex` follows to other records); the
/// others (abstracts, keywords, files…) are never expanded or kept.
const READ: [&str; 15] = [
    "title",
    "author",
    "year",
    "month",
    "day",
    "date",
    "journal",
    "journaltitle",
    "booktitle",
    "publisher",
    "doi",
    "url",
    "crossref",
    "xdata",
    "ids",
];

/// How a field's braces are read: identifiers (left exactly as written), names or text.
fn braces(key: &str) -> Braces {
    match key.to_ascii_lowercase().as_str() {
        "doi" | "url" => Braces::Verbatim,
        "author" => Braces::Names,
        _ => Braces::Text,
    }
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(1, |l| l.chars().count() + 1);
    (line, column)
}

/// The key of the record that contains a byte offset, if any.
fn record_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset.min(text.len()))?;
    let at = before.rfind('@')?;
    let rest = text.get(at + 1..)?;
    let open = rest.find(['{', '('])?;
    let kind = rest[..open].trim();
    if kind.eq_ignore_ascii_case("string") || kind.eq_ignore_ascii_case("preamble") {
        return None;
    }
    let after = &rest[open + 1..];
    let end = after.find([',', '\n', '}'])?;
    let key = after[..end].trim();
    (!key.is_empty()).then(|| key.to_string())
}

fn parse_error(text: &str, e: &ParseError) -> ImportError {
    let what = match &e.kind {
        ParseErrorKind::UnknownAbbreviation(name) => format!(
            "undefined macro `{name}` (define it with @string{{{name} = \"…\"}} or put the value \
             in braces)"
        ),
        ParseErrorKind::DuplicateKey(key) => format!("the record key {key:?} is used twice"),
        ParseErrorKind::UnexpectedEof => "the file ends inside a record".to_string(),
        ParseErrorKind::MalformedCommand => "a malformed TeX command".to_string(),
        other => format!("{other}"),
    };
    located(text, e.span.start, what)
}

/// A refusal at a byte offset: the record there (if any), the line and the column.
fn located(text: &str, offset: usize, reason: String) -> ImportError {
    let (line, column) = line_column(text, offset);
    let at = match record_at(text, offset) {
        Some(key) => format!("record {key} (line {line}, column {column})"),
        None => format!("line {line}, column {column}"),
    };
    ImportError::new(at, reason)
}

/// Why a file could not be read: a limit (the whole file is refused) or a fault at one place
/// (the record there may be refused alone).
enum Fault {
    Limit(ImportError),
    At(usize, ImportError),
}

impl Fault {
    fn error(self) -> ImportError {
        match self {
            Fault::Limit(e) | Fault::At(_, e) => e,
        }
    }
}

/// Parse a file into `biblatex`'s records (macros expanded and links checked within the limits
/// of module `guard`, TeX rewritten), with the number of authors of each record whose list was
/// cut.
fn bibliography(text: &str) -> Result<(Bibliography, HashMap<String, usize>), Fault> {
    let at = |e: &ParseError| Fault::At(e.span.start, parse_error(text, e));
    let limit = |r: guard::Refusal| Fault::Limit(located(text, r.offset, r.reason));
    guard::check_counts(text).map_err(limit)?;
    let raw = RawBibliography::parse(text).map_err(|e| at(&e))?;
    let segments = expand_fields(&raw).map_err(limit)?;
    let rebuilt = rebuild(&raw, &segments);
    guard::check_links(&rebuilt).map_err(|e| match e {
        guard::LinkError::Parse(e) => at(&e),
        guard::LinkError::Record { offset, reason } => Fault::Limit(located(text, offset, reason)),
    })?;
    let bibliography = Bibliography::from_raw(rebuilt).map_err(|e| at(&e))?;
    Ok((bibliography, segments.authors))
}

fn month_number(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches('.').to_lowercase();
    if let Ok(n) = t.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix: String = t.chars().take(3).collect();
    NAMES
        .iter()
        .position(|n| *n == prefix)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn field_text(entry: &biblatex::Entry, key: &str) -> Option<String> {
    entry
        .get(key)
        .map(|chunks| split::restore(&tidy(&chunks.format_verbatim())))
        .filter(|t| !t.is_empty())
}

fn date_of(entry: &biblatex::Entry) -> Result<NaiveDate, String> {
    if let Some(year) = field_text(entry, "year") {
        let digits: String = year.chars().filter(char::is_ascii_digit).take(4).collect();
        let year: i32 = digits
            .parse()
            .ok()
            .filter(|_| digits.len() == 4)
            .ok_or_else(|| format!("year {year:?} is not a four-digit year"))?;
        let month = match field_text(entry, "month") {
            Some(m) => month_number(&m)
                .ok_or_else(|| format!("month {m:?} is not a month (jan…dec or 1…12)"))?,
            None => 1,
        };
        let day = match field_text(entry, "day") {
            Some(d) => d
                .trim()
                .parse::<u32>()
                .map_err(|_| format!("day {d:?} is not a day of the month"))?,
            None => 1,
        };
        return NaiveDate::from_ymd_opt(year, month, day)
            .ok_or_else(|| format!("{year}-{month:02}-{day:02} is not a real date"));
    }
    if let Some(date) = field_text(entry, "date") {
        // A range gives its start; a time of day (`2020-09-20T19:01:13Z`) is dropped.
        let first = date.split('/').next().unwrap_or("").trim();
        let first = first.split(['T', ' ']).next().unwrap_or(first).to_string();
        let parts: Vec<&str> = first.split('-').collect();
        let number = |i: usize, default: u32| -> Option<u32> {
            parts.get(i).map_or(Some(default), |p| p.parse().ok())
        };
        let parsed = match (
            parts.first().and_then(|y| y.parse::<i32>().ok()),
            number(1, 1),
            number(2, 1),
        ) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
            _ => None,
        };
        return parsed.ok_or_else(|| format!("date {date:?} is not a date such as 2024-05-03"));
    }
    Err("year: missing (no year or date field)".to_string())
}

fn authors(entry: &biblatex::Entry) -> Vec<String> {
    let Ok(people) = entry.author() else {
        return field_text(entry, "author").into_iter().collect();
    };
    people
        .iter()
        .map(|p| {
            let parts = [&p.given_name, &p.prefix, &p.name, &p.suffix];
            tidy(
                &parts
                    .iter()
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .filter(|a| !a.is_empty())
        .collect()
}

/// The venue and the authors; `count` is the number of authors when the list was cut.
fn notes(entry: &biblatex::Entry, count: Option<usize>) -> String {
    let mut parts = Vec::new();
    let venue = field_text(entry, "journal")
        .or_else(|| field_text(entry, "journaltitle"))
        .or_else(|| field_text(entry, "booktitle"))
        .or_else(|| field_text(entry, "publisher"));
    if let Some(venue) = venue {
        parts.push(format!("{venue}."));
    }
    let names = authors(entry);
    if !names.is_empty() {
        let listed = names.len().min(AUTHORS_LISTED);
        let mut line = names[..listed].join(", ");
        let total = count.unwrap_or(names.len());
        if total > listed {
            line.push_str(&format!(" et al. ({total} authors)"));
        }
        parts.push(format!("Authors: {line}."));
    }
    parts.join(" ")
}

fn record(
    entry: &biblatex::Entry,
    count: Option<usize>,
    options: &Options,
) -> Result<(Entry, String), String> {
    let title = field_text(entry, "title").ok_or("title: missing")?;
    let date = date_of(entry)?;
    let mut e = super::paper::publication(&title, date, options);
    // Recognition from the names the notes show (the first of a long list).
    let paper = super::paper::Paper {
        authors: authors(entry),
        ..Default::default()
    };
    let fallback = options.role.as_deref().unwrap_or(DEFAULT_ROLE);
    let (role, rule) = super::paper::recognise(&paper, &options.person, fallback);
    e.role = Some(role);
    e.notes = notes(entry, count);
    if let Some(doi) = entry.get("doi").map(|c| c.format_verbatim()) {
        let doi = doi.trim();
        let doi = doi
            .strip_prefix("doi:")
            .or_else(|| doi.strip_prefix("DOI:"))
            .unwrap_or(doi);
        let value = parse_doi("doi", doi).map_err(|e| e.to_string())?;
        e.evidence.push(Evidence::new(EvidenceType::Doi, value));
    } else if let Some(url) = entry.get("url").map(|c| c.format_verbatim()) {
        let value = parse_url("url", &url).map_err(|e| e.to_string())?;
        e.evidence.push(Evidence::new(EvidenceType::Url, value));
    }
    Ok((e, rule))
}

/// How many records of one file may be refused alone before the whole file is refused: each
/// costs another reading of the file.
pub const RECORDS_REFUSED: usize = 64;

/// How many bytes a file may be reread, besides four times its own size, to refuse records
/// alone.
const REREAD_BYTES: usize = 32 << 20;

/// Read BibTeX text: every record, or nothing.
///
/// # Errors
/// The first fault: a syntax error or undefined macro (with its record, line and column), or a
/// record without a title or year, with a bad month or day, an invalid DOI or URL.
pub fn parse(text: &str, options: &Options) -> Result<Vec<Candidate>, ImportError> {
    parse_files(&[text], options, true)
        .pop()
        .unwrap_or_else(|| Ok(FileRead::default()))
        .map(|read| read.candidates)
}

/// Read several BibTeX files that share their `@string` macros (a JabRef main file and its
/// macro file), one result per file.
///
/// With `strict`, a file's first fault refuses it whole. Without, each bad record is refused
/// alone — a syntax error, an undefined macro, a key used twice, braces that do not close, a
/// missing title or year, a bad DOI — and the rest is read; a file is still refused whole when it
/// passes a limit of module `guard` or more than [`RECORDS_REFUSED`] records are refused.
pub fn parse_files(
    texts: &[&str],
    options: &Options,
    strict: bool,
) -> Vec<Result<FileRead, ImportError>> {
    let scans: Vec<split::Scan> = texts.iter().map(|t| split::scan(t)).collect();
    scans
        .iter()
        .enumerate()
        .map(|(i, scan)| {
            // The other files' macros go after this file's text: its lines stay where they were.
            let mut text = scan.text.clone();
            for (_, other) in scans.iter().enumerate().filter(|(j, _)| *j != i) {
                for range in &other.strings {
                    text.push('\n');
                    text.push_str(&other.text[range.clone()]);
                }
            }
            read_file(scan, text, options, strict)
        })
        .collect()
}

fn read_file(
    scan: &split::Scan,
    mut text: String,
    options: &Options,
    strict: bool,
) -> Result<FileRead, ImportError> {
    let mut read = FileRead::default();
    for u in &scan.unclosed {
        let at = if u.key.is_empty() {
            format!("line {}", u.line)
        } else {
            format!("record {} (line {})", u.key, u.line)
        };
        let e = ImportError::new(
            at,
            "braces: the record does not close before the next record or the end of the file",
        );
        if strict {
            return Err(e);
        }
        read.refused.push(e);
    }
    let lines: HashMap<&str, usize> = scan
        .records
        .iter()
        .rev()
        .map(|r| (r.key.as_str(), r.line))
        .collect();
    // Each record refused costs another reading of the file: a budget of readings keeps a large
    // file with many faults from taking many times as long as one reading.
    let mut budget = REREAD_BYTES.saturating_add(text.len().saturating_mul(4));
    let (bibliography, authors) = loop {
        match bibliography(&text) {
            Ok(found) => break found,
            Err(Fault::At(offset, e)) if !strict => {
                let record = scan.records.iter().find(|r| r.range.contains(&offset));
                budget = budget.saturating_sub(text.len());
                match record {
                    Some(r) if read.refused.len() < RECORDS_REFUSED && budget > 0 => {
                        split::blank(&mut text, r.range.clone());
                        read.refused.push(e);
                    }
                    Some(_) => {
                        return Err(ImportError::new(
                            e.at,
                            format!(
                                "{} (and {} records refused before it: too many faults to \
                                 read the rest; fix them, or import with --strict to see \
                                 them one by one)",
                                e.reason,
                                read.refused.len()
                            ),
                        ));
                    }
                    None => return Err(e),
                }
            }
            Err(fault) => return Err(fault.error()),
        }
    };
    read.candidates.reserve(bibliography.len());
    // Each record is dropped once read: the records and the entries are not all held at once.
    for entry in bibliography {
        let at = match lines.get(entry.key.as_str()) {
            Some(line) => format!("record {} (line {line})", entry.key),
            None => format!("record {}", entry.key),
        };
        let count = authors.get(&entry.key).copied();
        let candidate = record(&entry, count, options)
            .map_err(|reason| ImportError::new(at.clone(), reason))
            .and_then(|(e, rule)| finish(e, &at, options).map(|c| Candidate { rule, ..c }));
        read.keep(candidate, strict)?;
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tex_becomes_plain_text() {
        let cases = [
            (r"\'el\`eve", "élève"),
            (r#"Schr\"odinger"#, "Schrödinger"),
            (r"{\ss}tra\ss e", "ßtraße"),
            (r"\c{c}a", "ça"),
            (r"\v{s}koda", "škoda"),
            (r"{\'\i}", "í"),
            (r"\o{} and \O", "ø and Ø"),
            (r"{\L}ukasz", "Łukasz"),
            (r"pages 1--2~x", "pages 1–2 x"),
            (r"\emph{in vivo} and {\em ex vivo}", "in vivo and ex vivo"),
            (r"``quoted''", "“quoted”"),
            (r"Ca$^{2+}$ and $\alpha$-actinin", "Ca²⁺ and α-actinin"),
            (r"A \& B, 50\%", "A & B, 50%"),
            (r"{DNA} {{Nested}}", "DNA Nested"),
        ];
        for (tex, plain) in cases {
            let src = format!("@article{{k, title = {{{tex}}}, year = 2024}}");
            let (bib, _) = bibliography(&src).ok().expect("a valid test value");
            let entry = bib.get("k").expect("a valid test value");
            assert_eq!(
                field_text(entry, "title").expect("a valid test value"),
                plain,
                "from {tex}"
            );
        }
    }

    #[test]
    fn months() {
        assert_eq!(month_number("December"), Some(12));
        assert_eq!(month_number("dec."), Some(12));
        assert_eq!(month_number("6"), Some(6));
        assert_eq!(month_number("13"), None);
        assert_eq!(month_number("Sept"), Some(9));
    }

    #[test]
    fn positions() {
        let text = "@article{a,\n  title = {x},\n  journal = jcb,\n}";
        let e = bibliography(text).err().map(Fault::error).expect("refused");
        assert_eq!(e.at, "record a (line 3, column 13)");
        assert!(e.reason.contains("undefined macro `jcb`"), "{e}");
    }
}
