//! `corepath import`: round trips through CSV and JSON, BibTeX from a reference manager, refusal
//! of bad files with nothing written, and duplicates skipped.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::{Sandbox, TODAY};
use corepath::model::{Entry, Journal};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A sandbox with a new, empty journal.
fn empty() -> Sandbox {
    let sb = Sandbox::new();
    sb.ok(&[
        "init",
        "--name",
        "Ada Lovelace",
        "--tier",
        "support-scientist",
    ]);
    sb
}

/// The fields an import must carry over (everything but id and time stamps).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Fields {
    date: NaiveDate,
    kind: String,
    title: String,
    hours: Option<String>,
    people: Option<u32>,
    role: Option<String>,
    credit: Vec<String>,
    areas: Vec<String>,
    techniques: Vec<String>,
    metrics: Vec<String>,
    tags: Vec<String>,
    evidence: String,
    notes: String,
    reflection: (String, String, String),
    highlight: bool,
    cpd_category: Option<String>,
}

fn fields(e: &Entry) -> Fields {
    Fields {
        date: e.date,
        kind: e.kind.clone(),
        title: e.title.clone(),
        hours: e.hours.map(|h| h.to_string()),
        people: e.people,
        role: e.role.clone(),
        credit: e.credit.clone(),
        areas: e.areas.clone(),
        techniques: e.techniques.clone(),
        metrics: e.metrics.clone(),
        tags: e.tags.clone(),
        evidence: serde_json::to_string(&e.evidence).expect("evidence"),
        notes: e.notes.clone(),
        reflection: (
            e.reflection.practice.clone(),
            e.reflection.users.clone(),
            e.reflection.next.clone(),
        ),
        highlight: e.highlight,
        cpd_category: e.cpd_category.clone(),
    }
}

fn sorted(entries: &[Entry]) -> Vec<Fields> {
    let mut all: Vec<Fields> = entries.iter().map(fields).collect();
    all.sort();
    all
}

fn export_everything(format: &str, name: &str) -> (Journal, PathBuf, Sandbox) {
    let source = Sandbox::demo();
    source.ok(&[
        "export",
        "--format",
        format,
        "--from",
        "2000-01-01",
        "--to",
        TODAY,
        "-o",
        name,
    ]);
    let file = source.path(name);
    (source.journal(), file, source)
}

#[test]
fn csv_round_trip_gives_the_same_entries() {
    let (demo, file, _source) = export_everything("csv", "all.csv");
    let target = empty();
    let out = target.ok(&["import", file.to_str().expect("path")]);
    assert!(
        out.starts_with(&format!(
            "added {} entries from all.csv",
            demo.entries.len()
        )),
        "{out}"
    );
    let imported = target.journal();
    assert_eq!(sorted(&imported.entries), sorted(&demo.entries));
    // New entries: fresh ids, stamped now, all valid.
    assert!(imported.entries.iter().all(|e| e.id.len() == 8));
    target.ok(&["check"]);
}

#[test]
fn json_round_trip_gives_the_same_entries() {
    // From an evidence summary…
    let (demo, file, source) = export_everything("json", "all.json");
    let target = empty();
    target.ok(&["import", file.to_str().expect("path")]);
    assert_eq!(sorted(&target.journal().entries), sorted(&demo.entries));

    // …and from a journal file.
    let other = empty();
    other.ok(&[
        "import",
        "--format",
        "json",
        source.journal.to_str().expect("path"),
    ]);
    assert_eq!(sorted(&other.journal().entries), sorted(&demo.entries));
}

#[test]
fn bibtex_records_become_publications() {
    let sb = empty();
    let out = sb.ok(&["import", fixture("papers.bib").to_str().expect("path")]);
    assert!(out.starts_with("added 3 entries from papers.bib"), "{out}");
    let journal = sb.journal();
    let by_title = |start: &str| -> Entry {
        journal
            .entries
            .iter()
            .find(|e| e.title.starts_with(start))
            .unwrap_or_else(|| panic!("no entry titled {start}…"))
            .clone()
    };

    // (start of the title, the whole title, date, notes): TeX resolved to plain Unicode.
    let expected = [
        (
            "A 3D-printed",
            "A 3D-printed Light-Sheet sample holder for cleared tissue: étude of Schrödinger-style “deep” imaging",
            "2026-12-01",
            "Nature Methods. Authors: Zoë Okonkwo-Lindqvist, Jörg Müller, María de la Cruz, Łukasz Wiśniewski.",
        ),
        (
            "Ca²⁺",
            "Ca²⁺ imaging of GCaMP neurons at 20 Hz: the spinning disk strikes back",
            "2026-06-15",
            "Journal of Cell Science Conference Proceedings. Authors: Ana Ferreira, Zoë Okonkwo-Lindqvist.",
        ),
        (
            "Ångström",
            "Ångström-scale drift correction for α-actinin SMLM & STED",
            "2025-03-01",
            "Okonkwo-Lindqvist Lab Notes. Authors: François Straßer, Jiří Škoda.",
        ),
    ];
    for (start, title, date, notes) in expected {
        let e = by_title(start);
        assert_eq!(e.title, title);
        assert_eq!(e.date, date.parse::<NaiveDate>().expect("date"), "{title}");
        assert_eq!(e.notes, notes);
        assert_eq!(e.kind, "publication");
        assert_eq!(e.role.as_deref(), Some("co-author"));
        assert_eq!(e.metrics, vec!["acad.publications"]);
    }
    assert_eq!(
        by_title("A 3D-printed").doi(),
        Some("10.1038/s41592-026-01234-5")
    );
    assert_eq!(by_title("Ca²⁺").doi(), Some("10.1242/jcs.261234"));
    let c = by_title("Ångström");
    assert_eq!(c.evidence.len(), 1);
    assert_eq!(c.evidence[0].value, "https://example.org/drift~correction");
}

#[test]
fn bibtex_role_option_and_its_check() {
    let sb = empty();
    let bib = fixture("papers.bib");
    let bib = bib.to_str().expect("path");
    sb.ok(&["import", bib, "--role", "acknowledged"]);
    assert!(
        sb.journal()
            .entries
            .iter()
            .all(|e| e.role.as_deref() == Some("acknowledged"))
    );
    empty().refused(
        &["import", bib, "--role", "reviewer"],
        &["--role \"reviewer\""],
    );
}

#[test]
fn duplicates_are_skipped_on_a_second_import() {
    let sb = empty();
    let bib = fixture("papers.bib");
    let bib = bib.to_str().expect("path");
    sb.ok(&["import", bib]);
    let after_first = sb.bytes();
    let out = sb.ok(&["import", bib]);
    assert!(out.starts_with("added 0 entries from papers.bib"), "{out}");
    assert!(out.contains("skipped 3"), "{out}");
    assert!(out.contains("same DOI as entry"), "{out}");
    assert!(out.contains("same date, kind and title as entry"), "{out}");
    assert_eq!(sb.journal().entries.len(), 3);
    assert_eq!(
        sb.bytes(),
        after_first,
        "nothing to add: the file is not rewritten"
    );

    // The demo's own entries, exported and imported back into the demo: all duplicates.
    let (demo, file, source) = export_everything("csv", "all.csv");
    let out = source.ok(&["import", file.to_str().expect("path")]);
    assert!(
        out.contains(&format!("skipped {}", demo.entries.len())),
        "{out}"
    );
    assert_eq!(source.journal().entries.len(), demo.entries.len());
}

#[test]
fn dry_run_lists_and_changes_nothing() {
    let sb = empty();
    let before = sb.bytes();
    let out = sb.ok(&[
        "import",
        fixture("papers.bib").to_str().expect("path"),
        "--dry-run",
    ]);
    assert!(
        out.starts_with("would add 3 entries from papers.bib"),
        "{out}"
    );
    assert!(out.contains("+ 2026-12-01  publication"), "{out}");
    assert!(out.contains("dry run: the journal is unchanged"), "{out}");
    assert_eq!(sb.bytes(), before);
}

#[test]
fn bad_files_are_refused_whole_with_nothing_written() {
    let cases: [(&str, &[&str]); 6] = [
        ("malformed.csv", &["line 4", "date \"2026-02-30\""]),
        ("unknown-kind.csv", &["line 3", "kind \"lecture\""]),
        (
            "unknown-column.csv",
            &["line 1", "unknown column \"colour\""],
        ),
        ("ragged.csv", &["line 3", "5 fields where the header has 3"]),
        (
            "malformed.bib",
            &[
                "record broken2026 (line 12, column 13)",
                "undefined macro `jcb`",
            ],
        ),
        ("bad-doi.bib", &["record baddoi2025", "doi \"not-a-doi\""]),
    ];
    for (name, expected) in cases {
        let fixture = fixture(name);
        empty().refused(
            &["import", fixture.to_str().expect("path"), "--strict"],
            &[expected, &["nothing was imported"]].concat(),
        );
    }
}

#[test]
fn json_errors_name_the_entry() {
    let sb = empty();
    let file = sb.path("bad.json");
    std::fs::write(
        &file,
        r#"{"format": "corepath-journal", "version": 1, "profile": {"name": "X", "tier": "scientist"},
           "entries": [
             {"date": "2026-01-02", "kind": "sop", "title": "Fine", "metrics": ["fac.quality"], "highlight": false},
             {"date": "2026-01-03", "kind": "sop", "title": "Bad hours", "hours": -2, "metrics": [], "highlight": false}
           ]}"#,
    )
    .expect("write");
    sb.refused(
        &["import", file.to_str().expect("path")],
        &["entries[1]", "hours"],
    );

    std::fs::write(&file, r#"{"format": "something-else"}"#).expect("write");
    let err = sb.fails(&["import", file.to_str().expect("path")]);
    assert!(err.contains("not a format corepath imports"), "{err}");
}

#[test]
fn format_must_be_known() {
    let sb = empty();
    // .txt is PubMed's MEDLINE export: other text is refused as not MEDLINE.
    let file = sb.path("notes.txt");
    std::fs::write(&file, "hello").expect("write");
    let err = sb.fails(&["import", file.to_str().expect("path")]);
    assert!(err.contains("PMID: no record"), "{err}");
    let file = sb.path("notes.docx");
    std::fs::write(&file, "hello").expect("write");
    let err = sb.fails(&["import", file.to_str().expect("path")]);
    assert!(
        err.contains("--format csv, json, bibtex, ris or medline"),
        "{err}"
    );
    let err = sb.fails(&[
        "import",
        fixture("malformed.csv").to_str().expect("path"),
        "--role",
        "co-author",
    ]);
    assert!(err.contains("--role applies to BibTeX"), "{err}");
    let out = sb.ok(&["import", "--help"]);
    assert!(out.contains("Examples:"));
}
