//! What the import tests share: fixture paths, a journal for Ada without an ORCID iD, and
//! look-ups into the entries an import made.

use std::path::Path;

use corepath::model::{Entry, EvidenceType};

use super::{INIT_ADA, Sandbox};

/// A fixture file's path, as an argument.
pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    path.to_str().expect("a UTF-8 path").to_string()
}

/// A journal for Ada with no ORCID iD: only her names recognise her papers.
pub fn ada_without_orcid() -> Sandbox {
    let sb = Sandbox::new();
    sb.ok(&INIT_ADA);
    sb
}

/// The entry whose title starts with `start`.
pub fn titled<'a>(entries: &'a [Entry], start: &str) -> &'a Entry {
    entries
        .iter()
        .find(|e| e.title.starts_with(start))
        .unwrap_or_else(|| panic!("no entry titled {start:?}"))
}

/// An entry's PubMed id, if it has one.
pub fn pmid(e: &Entry) -> Option<&str> {
    e.evidence
        .iter()
        .find(|ev| ev.kind == EvidenceType::Pmid)
        .map(|ev| ev.value.as_str())
}
