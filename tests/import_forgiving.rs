//! `corepath import` forgives a bad record (issue 13): the rest is read, the bad one listed with
//! its file, key, line, field and reason; `--strict` refuses the whole import; several BibTeX
//! files share their macros; the reference managers' quirks and encodings are read.

mod common;

use common::papers::{fixture, titled};

use common::Sandbox;

#[test]
fn quirks_are_read_and_the_bad_record_is_refused_alone() {
    let sb = Sandbox::with_profile();
    let out = sb.ok(&["import", &fixture("quirks.bib")]);
    assert!(out.starts_with("added 5 entries from quirks.bib"), "{out}");
    assert!(
        out.contains("quirks.bib: bibtex, utf-8: 5 read, 1 refused"),
        "{out}"
    );
    assert!(
        out.contains("! quirks.bib: record zotero_tool (line 26): year: missing"),
        "{out}"
    );
    let journal = sb.journal();
    let e = &journal.entries;
    let timed = titled(e, "A Better BibLaTeX");
    assert_eq!(timed.date.to_string(), "2020-09-20");
    assert_eq!(timed.evidence[0].value, "https://example.org/preprint");
    // Mendeley's empty keys: each record imported under a key made from its line.
    assert_eq!(
        titled(e, "A Mendeley record").doi(),
        Some("10.1111/jmi.10001")
    );
    titled(e, "A second Mendeley record");
    // Mendeley's escaped braces and `\backslash`: the formula as written, no brace error.
    let maths = titled(e, "$\\sqrt{s}$");
    assert_eq!(maths.title, "$\\sqrt{s}$ scaling of photon counts");
    assert_eq!(maths.notes, "Optics Letters.");
    titled(e, "A record that is fine");
}

#[test]
fn the_dry_run_names_generated_keys_and_changes_nothing() {
    let sb = Sandbox::with_profile();
    let before = sb.bytes();
    let out = sb.ok(&["import", &fixture("quirks.bib"), "--dry-run"]);
    assert!(out.starts_with("would add 5 entries"), "{out}");
    assert!(
        out.contains("+ 2021-01-01  publication    A Mendeley record"),
        "{out}"
    );
    assert!(out.contains("refused 1:"), "{out}");
    assert!(out.contains("dry run: the journal is unchanged"), "{out}");
    assert_eq!(sb.bytes(), before);
    // Imported, then again: every record a duplicate, the refused one still listed.
    sb.ok(&["import", &fixture("quirks.bib")]);
    let out = sb.ok(&["import", &fixture("quirks.bib"), "--dry-run"]);
    assert!(out.contains("would skip 5"), "{out}");
    assert!(out.contains("record line-8 (line 8)"), "{out}");
}

#[test]
fn strict_refuses_everything_at_the_first_fault() {
    let sb = Sandbox::with_profile();
    sb.refused(
        &[
            "import",
            &fixture("papers.bib"),
            &fixture("quirks.bib"),
            "--strict",
        ],
        &[
            "quirks.bib is refused (bibtex import)",
            "record zotero_tool (line 26)",
            "year: missing",
            "nothing was imported",
        ],
    );
}

#[test]
fn an_undefined_macro_or_unclosed_braces_refuse_one_record() {
    let sb = Sandbox::with_profile();
    let out = sb.ok(&["import", &fixture("malformed.bib"), "--dry-run"]);
    assert!(out.starts_with("would add 1 entry"), "{out}");
    assert!(
        out.contains(
            "! malformed.bib: record broken2026 (line 12, column 13): undefined macro `jcb`"
        ),
        "{out}"
    );
    let out = sb.ok(&["import", &fixture("unclosed.bib"), "--dry-run"]);
    assert!(out.starts_with("would add 1 entry"), "{out}");
    assert!(
        out.contains("+ 2021-01-01  publication    The record after it"),
        "{out}"
    );
    assert!(
        out.contains("! unclosed.bib: record open2020 (line 1): braces: the record does not close"),
        "{out}"
    );
    let out = sb.ok(&["import", &fixture("bad-doi.bib")]);
    assert!(out.starts_with("added 1 entry"), "{out}");
    assert!(out.contains("record baddoi2025 (line 6)"), "{out}");
    assert!(out.contains("doi \"not-a-doi\""), "{out}");
}

#[test]
fn a_file_with_nothing_to_read_is_refused_whole() {
    let sb = Sandbox::with_profile();
    let path = sb.path("only-bad.bib");
    std::fs::write(&path, "@software{tool, title = {No year}}\n").expect("write");
    sb.refused(
        &["import", path.to_str().expect("path")],
        &[
            "only-bad.bib is refused",
            "record tool (line 1)",
            "year: missing",
        ],
    );
}

#[test]
fn files_share_their_string_macros() {
    let sb = Sandbox::with_profile();
    // Alone, the main file cannot be read: its macros are in the other file.
    sb.refused(
        &["import", &fixture("jabref-main.bib")],
        &["record thesis1", "undefined macro `zo`"],
    );
    let out = sb.ok(&[
        "import",
        &fixture("jabref-main.bib"),
        &fixture("jabref-macros.bib"),
    ]);
    assert!(
        out.starts_with("added 1 entry from jabref-main.bib, jabref-macros.bib"),
        "{out}"
    );
    let journal = sb.journal();
    let e = titled(&journal.entries, "Light-sheet");
    assert_eq!(
        e.notes,
        "Journal of Microscopy. Authors: Zoë Okonkwo, Ana Ferreira."
    );
}

#[test]
fn encodings_are_detected_and_shown() {
    let cases = [
        (
            "latin1.bib",
            "latin-1",
            "Imagerie de la cellule vivante à haute résolution",
        ),
        (
            "windows1252.bib",
            "windows-1252",
            "“Quoted” titles – and dashes",
        ),
        ("utf16le.bib", "utf-16le (BOM)", "Zoë’s UTF-16 record"),
        ("utf16be.bib", "utf-16be (BOM)", "Zoë’s UTF-16 record"),
        ("utf8bom.bib", "utf-8 (BOM)", "Zoë’s UTF-16 record"),
    ];
    for (name, encoding, title) in cases {
        let sb = Sandbox::with_profile();
        let out = sb.ok(&["import", &fixture(name), "--dry-run"]);
        assert!(
            out.contains(&format!("{name}: bibtex, {encoding}: 1 read")),
            "{out}"
        );
        sb.ok(&["import", &fixture(name)]);
        let journal = sb.journal();
        assert_eq!(journal.entries.len(), 1, "{name}");
        assert_eq!(journal.entries[0].title, title, "{name}");
    }
    let sb = Sandbox::with_profile();
    let journal = {
        sb.ok(&["import", &fixture("latin1.bib")]);
        sb.journal()
    };
    assert_eq!(journal.entries[0].notes, "Authors: François Straßer.");
}

#[test]
fn an_encoding_can_be_forced() {
    let sb = Sandbox::with_profile();
    let out = sb.ok(&[
        "import",
        &fixture("latin1.bib"),
        "--encoding",
        "windows-1252",
        "--dry-run",
    ]);
    assert!(
        out.contains("latin1.bib: bibtex, windows-1252: 1 read"),
        "{out}"
    );
    sb.refused(
        &[
            "import",
            &fixture("latin1.bib"),
            "--encoding",
            "utf-8",
            "--strict",
        ],
        &[
            "latin1.bib is refused",
            "encoding: the bytes at offset",
            "not utf-8 text",
        ],
    );
}

#[test]
fn many_bad_records_in_a_large_file_stay_bounded() {
    // 20,000 records, every hundredth using an undefined macro: refusing each costs a reading.
    let bib: String = (0..20_000)
        .map(|i| {
            if i % 100 == 0 {
                format!("@article{{k{i}, title = {{P {i}}}, journal = undefined{i}, year = 2024}}\n")
            } else {
                format!("@article{{k{i}, title = {{Paper number {i} with a longer title}}, year = 2024}}\n")
            }
        })
        .collect();
    let sb = Sandbox::with_profile();
    let path = sb.path("many-bad.bib");
    std::fs::write(&path, bib).expect("write");
    let started = std::time::Instant::now();
    let message = sb.refused(
        &["import", path.to_str().expect("path"), "--dry-run"],
        &["too many faults to read the rest", "undefined macro"],
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{message}"
    );
    // A few bad records are refused alone.
    let few: String = (0..2_000)
        .map(|i| {
            if i % 500 == 0 {
                format!("@article{{k{i}, title = {{P}}, journal = undefined{i}, year = 2024}}\n")
            } else {
                format!("@article{{k{i}, title = {{Paper {i}}}, year = 2024}}\n")
            }
        })
        .collect();
    std::fs::write(&path, few).expect("write");
    let out = sb.ok(&["import", path.to_str().expect("path"), "--dry-run"]);
    assert!(out.starts_with("would add 1996 entries"), "{out}");
    assert!(out.contains("refused 4:"), "{out}");
}
