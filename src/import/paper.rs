//! A publication as the reference formats give it (RIS, MEDLINE), made into a `publication`
//! entry: the title, the date, the venue and authors in the notes, the DOI and PubMed id as
//! checked evidence, and the recognition role worked out from the person's ORCID iD and names.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{Candidate, ImportError, Options, finish};
use crate::model::{Entry, Evidence, EvidenceType, parse_doi, parse_orcid, parse_pmid, parse_url};

/// The kind every publication becomes.
pub const KIND: &str = "publication";

/// How many authors the notes name before "et al.".
const AUTHORS_LISTED: usize = 12;

/// How many records one file may hold. Higher than BibTeX's limit: these records are read line
/// by line into a few strings each, with no parser building a tree of the whole file.
pub const RECORDS: usize = 100_000;

/// How many fields (tagged lines) one record may hold: a consortium paper's thousands of
/// authors, each with a full name and an affiliation, fit.
pub const FIELDS_PER_RECORD: usize = 1 << 16;

/// The person whose papers are imported: how to tell them in an author list.
#[derive(Debug, Clone, Default)]
pub struct Person {
    /// The person's ORCID iD (checked form).
    pub orcid: Option<String>,
    /// Their name and the variants they publish under, as given.
    pub names: Vec<String>,
}

/// A publication read from a file.
#[derive(Debug, Clone, Default)]
pub struct Paper {
    /// The title.
    pub title: String,
    /// The publication date, if the record gives one it could read.
    pub date: Option<NaiveDate>,
    /// The date as written, when it could not be read.
    pub bad_date: Option<(String, String)>,
    /// The journal or book.
    pub venue: String,
    /// The authors, as written.
    pub authors: Vec<String>,
    /// Other spellings of the authors (MEDLINE's `AU Okonkwo Z` beside `FAU Okonkwo, Zoe`),
    /// looked at only to recognise the person.
    pub spellings: Vec<String>,
    /// The authors' ORCID iDs, as written.
    pub orcids: Vec<String>,
    /// The DOI, as written.
    pub doi: Option<String>,
    /// The PubMed id, as written.
    pub pmid: Option<String>,
    /// A web address, as written.
    pub url: Option<String>,
}

/// A name as compared: lower case, accents and punctuation dropped, its words sorted, so that
/// `Okonkwo, Zoë`, `Zoe Okonkwo` and `ZOË OKONKWO` are the same name.
pub fn name_key(name: &str) -> Vec<String> {
    let mut folded = String::with_capacity(name.len());
    for c in name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
    {
        match c {
            'ß' => folded.push_str("ss"),
            'ø' => folded.push('o'),
            'ł' => folded.push('l'),
            'đ' => folded.push('d'),
            'æ' => folded.push_str("ae"),
            c if c.is_alphanumeric() => folded.push(c),
            _ => folded.push(' '),
        }
    }
    let mut words: Vec<String> = folded.split_whitespace().map(str::to_string).collect();
    words.sort();
    words
}

/// Which rule set the role: the author's ORCID iD, a name variant, or the default.
pub(crate) fn recognise(paper: &Paper, person: &Person, fallback: &str) -> (String, String) {
    if let Some(mine) = &person.orcid
        && paper
            .orcids
            .iter()
            .any(|o| parse_orcid("orcid", o).is_ok_and(|o| &o == mine))
    {
        return ("co-author".into(), format!("author ORCID {mine}"));
    }
    let keys: Vec<Vec<String>> = person
        .names
        .iter()
        .map(|n| name_key(n))
        .filter(|k| !k.is_empty())
        .collect();
    if let Some(author) = paper
        .authors
        .iter()
        .chain(&paper.spellings)
        .find(|a| keys.contains(&name_key(a)))
    {
        return ("co-author".into(), format!("author name {author:?}"));
    }
    (fallback.to_string(), "not an author: default role".into())
}

/// The venue and the authors.
fn notes(paper: &Paper) -> String {
    let mut parts = Vec::new();
    if !paper.venue.is_empty() {
        parts.push(format!("{}.", paper.venue.trim_end_matches('.')));
    }
    if !paper.authors.is_empty() {
        let listed = paper.authors.len().min(AUTHORS_LISTED);
        let mut line = paper.authors[..listed].join(", ");
        if paper.authors.len() > listed {
            line.push_str(&format!(" et al. ({} authors)", paper.authors.len()));
        }
        parts.push(format!("Authors: {line}."));
    }
    parts.join(" ")
}

/// A new publication entry, not yet numbered, mapped to the kind's metrics.
pub(crate) fn publication(title: &str, date: NaiveDate, options: &Options) -> Entry {
    let mut e = Entry::new(
        super::PENDING_ID.to_string(),
        date,
        KIND,
        title,
        options.now,
    );
    e.metrics = options
        .framework
        .kind(KIND)
        .map(|k| k.metrics.clone())
        .unwrap_or_default();
    e
}

/// Make a paper an entry, checked; `default_role` applies when the person is not an author and
/// the options name no role. The rule that decided the role goes with the candidate.
///
/// # Errors
/// A record without a title or readable date, or with a DOI, PubMed id or URL that is not one.
pub fn entry(
    paper: &Paper,
    at: &str,
    options: &Options,
    default_role: &str,
) -> Result<Candidate, ImportError> {
    let fail = |reason: String| ImportError::new(at, reason);
    let title = paper.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(fail("title: missing".into()));
    }
    let date = match (&paper.date, &paper.bad_date) {
        (Some(d), _) => *d,
        (None, Some((field, raw))) => {
            return Err(fail(format!(
                "{field} {raw:?}: expected a date such as 2023, 2023 Jan 15 or 2023/01/15"
            )));
        }
        (None, None) => return Err(fail("date: missing".into())),
    };
    let mut e = publication(&title, date, options);
    let fallback = options.role.as_deref().unwrap_or(default_role);
    let (role, rule) = recognise(paper, &options.person, fallback);
    e.role = Some(role);
    e.notes = notes(paper);
    if let Some(doi) = &paper.doi {
        let doi = doi.trim();
        let doi = doi
            .strip_prefix("doi:")
            .or_else(|| doi.strip_prefix("DOI:"))
            .unwrap_or(doi);
        let value = parse_doi("doi", doi).map_err(|e| fail(e.to_string()))?;
        e.evidence.push(Evidence::new(EvidenceType::Doi, value));
    }
    if let Some(pmid) = &paper.pmid {
        let value = parse_pmid("pmid", pmid).map_err(|e| fail(e.to_string()))?;
        e.evidence.push(Evidence::new(EvidenceType::Pmid, value));
    }
    if e.evidence.is_empty()
        && let Some(url) = &paper.url
    {
        let value = parse_url("url", url).map_err(|e| fail(e.to_string()))?;
        e.evidence.push(Evidence::new(EvidenceType::Url, value));
    }
    let mut candidate = finish(e, at, options)?;
    candidate.rule = rule;
    Ok(candidate)
}

/// The month a word names (`Jan`, `January`, `sept`), or a season's first month.
pub fn month_word(word: &str) -> Option<u32> {
    let w = word.trim().trim_end_matches('.').to_lowercase();
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix: String = w.chars().take(3).collect();
    if let Some(i) = NAMES.iter().position(|n| *n == prefix) {
        return u32::try_from(i + 1).ok();
    }
    match w.as_str() {
        "winter" => Some(1),
        "spring" => Some(3),
        "summer" => Some(6),
        "autumn" | "fall" => Some(9),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_case_accents_or_order() {
        assert_eq!(name_key("Okonkwo, Zoë"), name_key("ZOE OKONKWO"));
        assert_eq!(name_key("Z. Okonkwo"), name_key("Okonkwo Z"));
        assert_ne!(name_key("Okonkwo, Zoë"), name_key("Okonkwo-Lindqvist, Zoë"));
        assert_eq!(name_key("Straßer, François"), name_key("Strasser Francois"));
    }

    #[test]
    fn months_and_seasons() {
        assert_eq!(month_word("Sept"), Some(9));
        assert_eq!(month_word("Spring"), Some(3));
        assert_eq!(month_word("13"), None);
    }
}
