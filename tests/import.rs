//! `corepath import`: round trips through CSV and JSON, BibTeX from a reference manager, refusal
//! of bad files with nothing written, and duplicates skipped.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use corepath::model::{Entry, Journal};
use tempfile::TempDir;

const TODAY: &str = "2026-11-25";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

struct Sandbox {
    dir: TempDir,
    journal: PathBuf,
}

impl Sandbox {
    /// A sandbox with a new, empty journal.
    fn empty() -> Sandbox {
        let dir = TempDir::new().expect("temp dir");
        let journal = dir.path().join("journal.json");
        let sb = Sandbox { dir, journal };
        sb.ok(&[
            "init",
            "--name",
            "Ada Lovelace",
            "--tier",
            "support-scientist",
        ]);
        sb
    }

    /// A sandbox holding the demo journal.
    fn demo() -> Sandbox {
        let dir = TempDir::new().expect("temp dir");
        let journal = dir.path().join("journal.json");
        std::fs::write(&journal, corepath::store::DEMO_JSON).expect("write");
        Sandbox { dir, journal }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_corepath"))
            .current_dir(self.dir.path())
            .env("COREPATH_TODAY", TODAY)
            .env("COREPATH_JOURNAL", &self.journal)
            .env("HOME", self.dir.path())
            .env_remove("XDG_DATA_HOME")
            .args(args)
            .output()
            .expect("runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "corepath {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "corepath {args:?} should fail");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        err
    }

    fn journal(&self) -> Journal {
        let bytes = std::fs::read(&self.journal).expect("journal");
        corepath::store::parse(&self.journal, &bytes).expect("parses")
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.journal).expect("journal")
    }
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
    let target = Sandbox::empty();
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
    let target = Sandbox::empty();
    target.ok(&["import", file.to_str().expect("path")]);
    assert_eq!(sorted(&target.journal().entries), sorted(&demo.entries));

    // …and from a journal file.
    let other = Sandbox::empty();
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
    let sb = Sandbox::empty();
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

    let a = by_title("A 3D-printed");
    assert_eq!(
        a.title,
        "A 3D-printed Light-Sheet sample holder for cleared tissue: étude of Schrödinger-style “deep” imaging"
    );
    assert_eq!(a.date, NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"));
    assert_eq!(a.kind, "publication");
    assert_eq!(a.role.as_deref(), Some("co-author"));
    assert_eq!(a.metrics, vec!["acad.publications"]);
    assert_eq!(a.doi(), Some("10.1038/s41592-026-01234-5"));
    assert_eq!(
        a.notes,
        "Nature Methods. Authors: Zoë Okonkwo-Lindqvist, Jörg Müller, María de la Cruz, Łukasz Wiśniewski."
    );

    let b = by_title("Ca²⁺");
    assert_eq!(
        b.title,
        "Ca²⁺ imaging of GCaMP neurons at 20 Hz: the spinning disk strikes back"
    );
    assert_eq!(b.date, NaiveDate::from_ymd_opt(2026, 6, 15).expect("date"));
    assert_eq!(
        b.notes,
        "Journal of Cell Science Conference Proceedings. Authors: Ana Ferreira, Zoë Okonkwo-Lindqvist."
    );
    assert_eq!(b.doi(), Some("10.1242/jcs.261234"));

    let c = by_title("Ångström");
    assert_eq!(
        c.title,
        "Ångström-scale drift correction for α-actinin SMLM & STED"
    );
    assert_eq!(c.date, NaiveDate::from_ymd_opt(2025, 3, 1).expect("date"));
    assert_eq!(
        c.notes,
        "Okonkwo-Lindqvist Lab Notes. Authors: François Straßer, Jiří Škoda."
    );
    assert_eq!(c.evidence.len(), 1);
    assert_eq!(c.evidence[0].value, "https://example.org/drift~correction");
}

#[test]
fn bibtex_role_option_and_its_check() {
    let sb = Sandbox::empty();
    let bib = fixture("papers.bib");
    let bib = bib.to_str().expect("path");
    sb.ok(&["import", bib, "--role", "acknowledged"]);
    assert!(
        sb.journal()
            .entries
            .iter()
            .all(|e| e.role.as_deref() == Some("acknowledged"))
    );
    let other = Sandbox::empty();
    let before = other.bytes();
    let err = other.fails(&["import", bib, "--role", "first-author"]);
    assert!(err.contains("--role \"first-author\""), "{err}");
    assert_eq!(other.bytes(), before);
}

#[test]
fn duplicates_are_skipped_on_a_second_import() {
    let sb = Sandbox::empty();
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
    let sb = Sandbox::empty();
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
        let sb = Sandbox::empty();
        let before = sb.bytes();
        let err = sb.fails(&["import", fixture(name).to_str().expect("path")]);
        for needle in expected {
            assert!(err.contains(needle), "{name}: {err}");
        }
        assert!(err.contains("nothing was imported"), "{name}: {err}");
        assert_eq!(sb.bytes(), before, "{name}: the journal changed");
    }
}

#[test]
fn json_errors_name_the_entry() {
    let sb = Sandbox::empty();
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
    let before = sb.bytes();
    let err = sb.fails(&["import", file.to_str().expect("path")]);
    assert!(err.contains("entries[1]"), "{err}");
    assert!(err.contains("hours"), "{err}");
    assert_eq!(sb.bytes(), before);

    std::fs::write(&file, r#"{"format": "something-else"}"#).expect("write");
    let err = sb.fails(&["import", file.to_str().expect("path")]);
    assert!(err.contains("not a format corepath imports"), "{err}");
}

#[test]
fn format_must_be_known() {
    let sb = Sandbox::empty();
    let file = sb.path("notes.txt");
    std::fs::write(&file, "hello").expect("write");
    let err = sb.fails(&["import", file.to_str().expect("path")]);
    assert!(err.contains("--format csv, json or bibtex"), "{err}");
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
