//! Bringing entries in: corepath's own CSV and JSON, and BibTeX from a reference manager.
//!
//! [`text::decode`] reads the file's bytes in the encoding they show (or one forced).
//! [`parse`] turns a file's text into candidate entries, each checked with
//! [`validate_entry`]; the first bad record refuses the whole file,
//! naming the CSV line, the BibTeX record key or the JSON entry index.
//! [`bibtex::parse_files`] reads several BibTeX files sharing their macros and, unless strict,
//! refuses each bad record alone. [`plan`] then sets aside
//! duplicates (the same DOI, or the same date, kind and title) of the journal's entries or of an
//! earlier record of the file. Pure: the caller reads the file, and gives new entries their ids
//! (with [`fresh_id`](crate::store::fresh_id)) when it adds them under the journal's lock.

pub mod bibtex;
pub mod bookings;
pub mod csv;
pub mod json;
pub mod medline;
pub mod paper;
pub mod ris;
pub mod text;
pub mod works;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use crate::framework::Framework;
use crate::model::{Entry, EvidenceType, InputError, Journal, unsigned_zero, validate_entry};

/// The largest file `corepath import` reads: far more than any reference manager or booking
/// system exports, far less than would strain the machine.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// The id given to candidates until they are added (the caller gives each a fresh one).
pub const PENDING_ID: &str = "pending";

/// The file formats `corepath import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// corepath's own CSV (the columns of `corepath export --format csv`).
    Csv,
    /// A corepath journal or evidence summary.
    Json,
    /// BibTeX or BibLaTeX.
    Bibtex,
    /// RIS (Zotero, EndNote, Scopus…).
    Ris,
    /// PubMed's MEDLINE format.
    Medline,
}

impl ImportFormat {
    /// The format a file's extension suggests (`.csv`, `.json`, `.bib`/`.bibtex`, `.ris`,
    /// `.nbib`/`.txt`).
    pub fn from_path(path: &Path) -> Option<ImportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(ImportFormat::Csv),
            "json" => Some(ImportFormat::Json),
            "bib" | "bibtex" | "biblatex" => Some(ImportFormat::Bibtex),
            "ris" => Some(ImportFormat::Ris),
            "nbib" | "txt" | "medline" => Some(ImportFormat::Medline),
            _ => None,
        }
    }

    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Csv => "csv",
            ImportFormat::Json => "json",
            ImportFormat::Bibtex => "bibtex",
            ImportFormat::Ris => "ris",
            ImportFormat::Medline => "medline",
        }
    }
}

/// What parsing needs besides the text.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The framework entries are checked against.
    pub framework: &'a Framework,
    /// The time stamped on new entries as `created` and `updated`.
    pub now: DateTime<Utc>,
    /// The recognition role given to publications whose authors do not include the person
    /// (default `co-author` for BibTeX, `acknowledged` for the other reference formats).
    pub role: Option<String>,
    /// The person importing: their ORCID iD and names tell their own papers.
    pub person: paper::Person,
}

/// A file refused: where in it, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// Where: `line 7`, `record smith2024`, `entries[3]`…
    pub at: String,
    /// Why, in words.
    pub reason: String,
}

impl ImportError {
    /// A refusal at a place.
    pub fn new(at: impl Into<String>, reason: impl Into<String>) -> ImportError {
        ImportError {
            at: at.into(),
            reason: reason.into(),
        }
    }

    fn input(at: impl Into<String>, e: InputError) -> ImportError {
        ImportError::new(at, e.to_string())
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(f, "{}: {}", self.at, self.reason)
        }
    }
}

impl std::error::Error for ImportError {}

/// An entry read from a file, with where it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The entry (id [`PENDING_ID`] until it is added).
    pub entry: Entry,
    /// Where it was in the file: `line 7`, `record smith2024`, `entries[3]`.
    pub at: String,
    /// For a publication: the rule that set its role (an author's ORCID iD, a name variant, or
    /// the default); empty for other entries.
    pub rule: String,
}

/// Read a file's text as entries; refuse the whole file at its first bad record.
///
/// # Errors
/// The first bad record, located (CSV line, BibTeX record key, JSON entry index) and explained.
pub fn parse(
    format: ImportFormat,
    text: &str,
    options: &Options,
) -> Result<Vec<Candidate>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        ImportFormat::Csv => csv::parse(text, options),
        ImportFormat::Json => json::parse(text, options),
        ImportFormat::Bibtex => bibtex::parse(text, options),
        ImportFormat::Ris => ris::parse(text, options, true).map(|r| r.candidates),
        ImportFormat::Medline => medline::parse(text, options, true).map(|r| r.candidates),
    }
}

/// What one file gave: the entries read, and the records refused alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileRead {
    /// The entries read, in file order.
    pub candidates: Vec<Candidate>,
    /// The records refused, each with its key or line and reason.
    pub refused: Vec<ImportError>,
    /// What the file turned out to be, when its extension does not say (`ORCID record`).
    pub source: Option<&'static str>,
}

impl FileRead {
    /// Keep a record read, or refuse it alone — or, with `strict`, refuse the whole file.
    ///
    /// # Errors
    /// The record's fault, when `strict`.
    pub fn keep(
        &mut self,
        record: Result<Candidate, ImportError>,
        strict: bool,
    ) -> Result<(), ImportError> {
        match record {
            Ok(c) => self.candidates.push(c),
            Err(e) if strict => return Err(e),
            Err(e) => self.refused.push(e),
        }
        Ok(())
    }
}

/// Read a file's text as entries. With `strict` the first bad record refuses the file (as
/// [`parse`]); without, RIS and MEDLINE records are refused one by one (BibTeX files go through
/// [`bibtex::parse_files`], to share their macros; a CSV or JSON file is still read whole).
///
/// # Errors
/// A file refused whole.
pub fn read(
    format: ImportFormat,
    text: &str,
    options: &Options,
    strict: bool,
) -> Result<FileRead, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        ImportFormat::Ris => ris::parse(text, options, strict),
        ImportFormat::Medline => medline::parse(text, options, strict),
        ImportFormat::Bibtex => bibtex::parse_files(&[text], options, strict)
            .pop()
            .unwrap_or_else(|| Ok(FileRead::default())),
        ImportFormat::Json => json::read(text, options, strict),
        ImportFormat::Csv => parse(format, text, options).map(|candidates| FileRead {
            candidates,
            refused: Vec::new(),
            source: None,
        }),
    }
}

/// Normalise evidence values, stamp the entry as new, and check it.
fn finish(mut entry: Entry, at: &str, options: &Options) -> Result<Candidate, ImportError> {
    entry.id = PENDING_ID.to_string();
    entry.created = options.now;
    entry.updated = options.now;
    entry.hours = entry.hours.map(unsigned_zero);
    for ev in &mut entry.evidence {
        ev.value = ev
            .kind
            .parse(ev.kind.id(), &ev.value)
            .map_err(|e| ImportError::input(at, e))?;
    }
    validate_entry(options.framework, &entry).map_err(|e| ImportError::input(at, e))?;
    Ok(Candidate {
        entry,
        at: at.to_string(),
        rule: String::new(),
    })
}

/// An entry that will not be added, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// The entry read from the file.
    pub candidate: Candidate,
    /// Why it is skipped: which entry it duplicates.
    pub reason: String,
    /// The id of the journal entry it duplicates (none when it repeats an earlier record).
    pub existing: Option<String>,
}

/// What an import does: the entries it adds and those it skips as duplicates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// New entries, in file order.
    pub add: Vec<Candidate>,
    /// Duplicates, in file order.
    pub skipped: Vec<Skipped>,
}

/// A title compared without case and extra spaces.
fn title_key(title: &str) -> String {
    title
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A publication's title and year compared loosely: without case, accents, punctuation or
/// spacing, so that a title from PubMed (`…slices.`) matches the same from a reference manager.
fn loose_key(e: &Entry) -> Option<(String, i32)> {
    if e.kind != paper::KIND {
        return None;
    }
    let mut words = String::new();
    for w in e.title.split(|c: char| !c.is_alphanumeric()) {
        let folded: Vec<String> = paper::name_key(w);
        for f in folded {
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(&f);
        }
    }
    (!words.is_empty()).then(|| (words, chrono::Datelike::year(&e.date)))
}

type SameKey = (NaiveDate, String, String);

fn same_key(e: &Entry) -> SameKey {
    (e.date, e.kind.clone(), title_key(&e.title))
}

fn doi_key(e: &Entry) -> Option<String> {
    e.doi().map(str::to_lowercase)
}

/// Where an earlier entry with a key is: its description, and its journal id if it is there.
type Known = (String, Option<String>);

/// The keys of entries seen so far: DOI, PubMed id, date + kind + title, title + year.
#[derive(Default)]
struct Seen {
    dois: HashMap<String, Known>,
    pmids: HashMap<String, Known>,
    same: HashMap<SameKey, Known>,
    loose: HashMap<(String, i32), Known>,
}

impl Seen {
    fn insert(&mut self, e: &Entry, known: &Known) {
        if let Some(d) = doi_key(e) {
            self.dois.entry(d).or_insert_with(|| known.clone());
        }
        if let Some(p) = e.pmid() {
            self.pmids
                .entry(p.to_string())
                .or_insert_with(|| known.clone());
        }
        self.same
            .entry(same_key(e))
            .or_insert_with(|| known.clone());
        if let Some(k) = loose_key(e) {
            self.loose.entry(k).or_insert_with(|| known.clone());
        }
    }

    /// The first rule that matches: DOI, PubMed id, date + kind + title, title + year.
    fn find(&self, e: &Entry) -> Option<(String, Option<String>)> {
        let found = |rule: &str, k: &Known| (format!("same {rule} as {}", k.0), k.1.clone());
        doi_key(e)
            .and_then(|d| self.dois.get(&d).map(|k| found("DOI", k)))
            .or_else(|| {
                e.pmid()
                    .and_then(|p| self.pmids.get(p).map(|k| found("PMID", k)))
            })
            .or_else(|| {
                self.same
                    .get(&same_key(e))
                    .map(|k| found("date, kind and title", k))
            })
            .or_else(|| {
                loose_key(e).and_then(|l| self.loose.get(&l).map(|k| found("title and year", k)))
            })
    }
}

/// Set aside the candidates already in the journal, or repeated in the files: one paper, one
/// entry, matched by DOI (any case), then PubMed id, then date, kind and title, then — for
/// publications — title and year compared loosely.
pub fn plan(journal: &Journal, candidates: Vec<Candidate>) -> Plan {
    let mut seen = Seen::default();
    for e in &journal.entries {
        let known = (format!("entry {} of the journal", e.id), Some(e.id.clone()));
        seen.insert(e, &known);
    }
    let mut out = Plan::default();
    for c in candidates {
        match seen.find(&c.entry) {
            Some((reason, existing)) => out.skipped.push(Skipped {
                candidate: c,
                reason,
                existing,
            }),
            None => {
                let known = (c.at.clone(), None);
                seen.insert(&c.entry, &known);
                out.add.push(c);
            }
        }
    }
    out
}

/// Give the journal entries that imported records duplicate the identifiers (DOI, PubMed id)
/// they lack; nothing the user wrote changes. Returns the ids of the entries given any, and
/// what each was given.
pub fn fill_identifiers(
    journal: &mut Journal,
    skipped: &[Skipped],
    now: DateTime<Utc>,
) -> Vec<(String, Vec<String>)> {
    let mut filled: Vec<(String, Vec<String>)> = Vec::new();
    for s in skipped {
        let Some(id) = &s.existing else { continue };
        let Some(entry) = journal.entries.iter_mut().find(|e| &e.id == id) else {
            continue;
        };
        let mut given = Vec::new();
        for ev in &s.candidate.entry.evidence {
            let identifier = matches!(ev.kind, EvidenceType::Doi | EvidenceType::Pmid);
            if identifier && !entry.evidence.iter().any(|e| e.kind == ev.kind) {
                entry.evidence.push(ev.clone());
                given.push(format!("{} {}", ev.kind.id(), ev.value));
            }
        }
        if !given.is_empty() {
            entry.updated = now;
            match filled.iter_mut().find(|(i, _)| i == id) {
                Some((_, all)) => all.extend(given),
                None => filled.push((id.clone(), given)),
            }
        }
    }
    filled
}
