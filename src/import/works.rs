//! Publications in the JSON of the scholarly services: an ORCID record (public API v3.0: the
//! record, or its `/works`), a Crossref work or list of works (the `message` envelope), and a
//! Europe PMC search result (`resultList.result`, lite or core). Each work becomes a
//! `publication`, as a RIS or MEDLINE record does.
//!
//! serde_json parses with its nesting limit (128); a file holds at most [`paper::RECORDS`]
//! works.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::paper::{self, Paper};
use super::{FileRead, ImportError, Options};

/// The role given when the person is not an author and the options name none.
pub const DEFAULT_ROLE: &str = "acknowledged";

/// Which service wrote a JSON document, if one of those this module reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// An ORCID record or its works.
    Orcid,
    /// A Crossref work or list of works.
    Crossref,
    /// A Europe PMC search result.
    EuropePmc,
}

impl Source {
    /// Tell the service from the document's top-level keys.
    pub fn of(root: &Map<String, Value>) -> Option<Source> {
        if root.contains_key("activities-summary")
            || (root.contains_key("group") && !root.contains_key("format"))
        {
            Some(Source::Orcid)
        } else if root.get("message").is_some_and(Value::is_object) {
            Some(Source::Crossref)
        } else if root.contains_key("resultList") {
            Some(Source::EuropePmc)
        } else {
            None
        }
    }

    /// The service's name, as shown.
    pub fn name(self) -> &'static str {
        match self {
            Source::Orcid => "ORCID record",
            Source::Crossref => "Crossref",
            Source::EuropePmc => "Europe PMC",
        }
    }
}

/// A string at a path of object keys.
fn text<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut v = value;
    for key in path {
        v = v.get(key)?;
    }
    v.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// A list at a path of object keys (empty when absent or null).
fn list<'a>(value: &'a Value, path: &[&str]) -> &'a [Value] {
    let mut v = value;
    for key in path {
        match v.get(key) {
            Some(next) => v = next,
            None => return &[],
        }
    }
    v.as_array().map_or(&[], Vec::as_slice)
}

/// A date from a year and an optional month and day; `None` for a year that is not one.
fn ymd(year: Option<i64>, month: Option<i64>, day: Option<i64>) -> Option<NaiveDate> {
    let year = i32::try_from(year?).ok()?;
    let month = u32::try_from(month.unwrap_or(1)).ok()?;
    let day = u32::try_from(day.unwrap_or(1)).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `2023-01-15`, `2023-01` or `2023`.
fn iso(raw: &str) -> Option<NaiveDate> {
    let mut parts = raw.trim().splitn(3, '-');
    let number = |p: Option<&str>| p.and_then(|s| s.parse::<i64>().ok());
    let year = parts.next().filter(|y| y.len() == 4)?;
    ymd(
        number(Some(year)),
        number(parts.next()),
        number(parts.next()),
    )
}

/// One ORCID work group: its first summary, with the identifiers of all of them.
fn orcid_work(group: &Value, owner: Option<&str>) -> (Paper, String) {
    let summaries = list(group, &["work-summary"]);
    let mut p = Paper::default();
    let Some(first) = summaries.first() else {
        return (p, "a group with no work".into());
    };
    p.title = text(first, &["title", "title", "value"])
        .unwrap_or("")
        .to_string();
    p.venue = text(first, &["journal-title", "value"])
        .unwrap_or("")
        .to_string();
    p.url = text(first, &["url", "value"]).map(str::to_string);
    let date = first.get("publication-date").filter(|d| !d.is_null());
    if let Some(d) = date {
        let part = |k: &str| text(d, &[k, "value"]).and_then(|v| v.parse::<i64>().ok());
        p.date = ymd(part("year"), part("month"), part("day"));
        if p.date.is_none() && part("year").is_some() {
            p.bad_date = Some(("publication-date".into(), d.to_string()));
        }
    }
    let ids = summaries
        .iter()
        .chain(std::iter::once(group))
        .flat_map(|s| list(s, &["external-ids", "external-id"]));
    for id in ids {
        let value = text(id, &["external-id-value"]).map(str::to_string);
        match text(id, &["external-id-type"]) {
            Some("doi") if p.doi.is_none() => p.doi = value,
            Some("pmid") if p.pmid.is_none() => p.pmid = value,
            _ => {}
        }
    }
    p.orcids.extend(owner.map(str::to_string));
    let put_code = first
        .get("put-code")
        .map_or_else(String::new, |c| format!(" put-code {c}"));
    (p, put_code)
}

/// One Crossref work.
fn crossref_work(work: &Value) -> Paper {
    let mut p = Paper {
        title: list(work, &["title"])
            .first()
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        venue: list(work, &["container-title"])
            .first()
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        doi: text(work, &["DOI"]).map(str::to_string),
        url: text(work, &["URL"]).map(str::to_string),
        ..Paper::default()
    };
    for a in list(work, &["author"]) {
        let name = match (
            text(a, &["family"]),
            text(a, &["given"]),
            text(a, &["name"]),
        ) {
            (Some(f), Some(g), _) => format!("{f}, {g}"),
            (Some(f), None, _) => f.to_string(),
            (None, _, Some(n)) => n.to_string(),
            _ => continue,
        };
        p.authors.push(name);
        p.orcids.extend(text(a, &["ORCID"]).map(str::to_string));
    }
    for key in ["published", "issued", "published-print", "published-online"] {
        let parts = list(work, &[key, "date-parts"]);
        let Some(first) = parts.first().and_then(Value::as_array) else {
            continue;
        };
        let n = |i: usize| first.get(i).and_then(Value::as_i64);
        if let Some(d) = ymd(n(0), n(1), n(2)) {
            p.date = Some(d);
            break;
        }
    }
    p
}

/// One Europe PMC result (lite or core).
fn europe_pmc_result(r: &Value) -> Paper {
    let mut p = Paper {
        title: text(r, &["title"]).unwrap_or("").to_string(),
        venue: text(r, &["journalInfo", "journal", "title"])
            .or_else(|| text(r, &["journalTitle"]))
            .or_else(|| text(r, &["bookOrReportDetails", "publisher"]))
            .unwrap_or("")
            .to_string(),
        doi: text(r, &["doi"]).map(str::to_string),
        pmid: text(r, &["pmid"]).map(str::to_string),
        ..Paper::default()
    };
    let authors = list(r, &["authorList", "author"]);
    if authors.is_empty() {
        if let Some(names) = text(r, &["authorString"]) {
            p.authors = names
                .trim_end_matches('.')
                .split(", ")
                .map(str::to_string)
                .collect();
        }
    } else {
        for a in authors {
            if let Some(name) = text(a, &["fullName"]) {
                p.authors.push(name.to_string());
            }
            if let (Some(f), Some(g)) = (text(a, &["lastName"]), text(a, &["firstName"])) {
                p.spellings.push(format!("{f}, {g}"));
            }
            if text(a, &["authorId", "type"]) == Some("ORCID") {
                p.orcids
                    .extend(text(a, &["authorId", "value"]).map(str::to_string));
            }
        }
    }
    p.date = text(r, &["firstPublicationDate"])
        .and_then(iso)
        .or_else(|| text(r, &["journalInfo", "printPublicationDate"]).and_then(iso))
        .or_else(|| text(r, &["pubYear"]).and_then(iso));
    if p.date.is_none()
        && let Some(y) = text(r, &["pubYear"])
    {
        p.bad_date = Some(("pubYear".into(), y.to_string()));
    }
    p
}

/// Read the works of a document from one of the services.
///
/// # Errors
/// With `strict`, the first bad work; always, more works than [`paper::RECORDS`].
pub fn parse(
    source: Source,
    root: &Value,
    options: &Options,
    strict: bool,
) -> Result<FileRead, ImportError> {
    let mut papers: Vec<(Paper, String)> = Vec::new();
    let limit = |n: usize| {
        if n > paper::RECORDS {
            Err(ImportError::new(
                "",
                format!("works: more than {} in one file", paper::RECORDS),
            ))
        } else {
            Ok(())
        }
    };
    match source {
        Source::Orcid => {
            let owner = text(root, &["orcid-identifier", "path"]);
            let groups = if root.get("activities-summary").is_some() {
                list(root, &["activities-summary", "works", "group"])
            } else {
                list(root, &["group"])
            };
            limit(groups.len())?;
            for (i, g) in groups.iter().enumerate() {
                let (p, code) = orcid_work(g, owner);
                papers.push((p, format!("group[{i}]{code}")));
            }
        }
        Source::Crossref => {
            let message = &root["message"];
            let items = list(message, &["items"]);
            if items.is_empty() && message.get("items").is_none() {
                papers.push((crossref_work(message), "message".into()));
            } else {
                limit(items.len())?;
                for (i, w) in items.iter().enumerate() {
                    papers.push((crossref_work(w), format!("message.items[{i}]")));
                }
            }
        }
        Source::EuropePmc => {
            let results = list(root, &["resultList", "result"]);
            limit(results.len())?;
            for (i, r) in results.iter().enumerate() {
                papers.push((europe_pmc_result(r), format!("resultList.result[{i}]")));
            }
        }
    }
    let mut read = FileRead {
        source: Some(source.name()),
        ..FileRead::default()
    };
    for (p, place) in papers {
        let at = match (&p.doi, &p.pmid) {
            (Some(doi), _) => format!("{place} (doi {doi})"),
            (None, Some(pmid)) => format!("{place} (PMID {pmid})"),
            _ => place,
        };
        read.keep(paper::entry(&p, &at, options, DEFAULT_ROLE), strict)?;
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(iso("2023-01-15"), NaiveDate::from_ymd_opt(2023, 1, 15));
        assert_eq!(iso("2023"), NaiveDate::from_ymd_opt(2023, 1, 1));
        assert_eq!(iso("23"), None);
        assert_eq!(ymd(Some(2023), Some(13), None), None);
    }
}
