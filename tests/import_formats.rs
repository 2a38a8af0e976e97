//! `corepath import` of RIS and PubMed MEDLINE (issue 13): each record a `publication` with its
//! title, date, venue, authors, DOI and PubMed id; the person's own papers recognised by ORCID
//! iD or name variant; bad records refused alone, naming file, record, line, field and reason.

mod common;

use common::papers::{ada_without_orcid, fixture, pmid, titled};

use common::Sandbox;

#[test]
fn ris_records_become_publications() {
    let sb = ada_without_orcid();
    let out = sb.ok(&["import", &fixture("zotero.ris")]);
    assert!(out.starts_with("added 2 entries from zotero.ris"), "{out}");
    assert!(
        out.contains("zotero.ris: ris, utf-8 (BOM): 2 read, 2 refused"),
        "{out}"
    );
    assert!(
        out.contains("! zotero.ris: record 3 (line 23): date: missing"),
        "{out}"
    );
    assert!(
        out.contains("! zotero.ris: record 4 (line 28): doi \"not-a-doi\""),
        "{out}"
    );
    let journal = sb.journal();
    let e = titled(&journal.entries, "Adaptive optics");
    // A continuation line joins the title; DA gives the day.
    assert_eq!(
        e.title,
        "Adaptive optics light-sheet imaging of zebrafish hearts"
    );
    assert_eq!(e.date.to_string(), "2023-03-14");
    assert_eq!(e.kind, "publication");
    assert_eq!(
        e.notes,
        "Journal of Microscopy. Authors: Okonkwo, Zoë, Ferreira, Ana."
    );
    assert_eq!(e.doi(), Some("10.1111/jmi.13001"));
    assert_eq!(e.role.as_deref(), Some("acknowledged"));
    let thanks = titled(&journal.entries, "A paper that thanks");
    assert_eq!(thanks.date.to_string(), "2024-01-01");
    assert_eq!(thanks.doi(), Some("10.1038/S41592-024-00002-2"));
    assert_eq!(thanks.notes, "Nature Methods. Authors: Lindqvist, Per.");
}

#[test]
fn medline_records_become_publications_with_pmids() {
    let sb = ada_without_orcid();
    let out = sb.ok(&[
        "import",
        &fixture("pubmed.nbib"),
        "--role",
        "data-contributor",
    ]);
    assert!(out.starts_with("added 3 entries from pubmed.nbib"), "{out}");
    assert!(
        out.contains(
            "! pubmed.nbib: record PMID 36000004 (line 32): DP \"sometime\": expected a date"
        ),
        "{out}"
    );
    let journal = sb.journal();
    let e = titled(&journal.entries, "Correlative");
    assert_eq!(
        e.title,
        "Correlative light and electron microscopy of synapses in organotypic slices."
    );
    assert_eq!(e.date.to_string(), "2023-01-15");
    assert_eq!(e.doi(), Some("10.1242/jcs.260001"));
    assert_eq!(pmid(e), Some("36000001"));
    assert_eq!(
        e.notes,
        "Journal of cell science. Authors: Okonkwo, Zoe, Ferreira, Ana."
    );
    assert_eq!(e.role.as_deref(), Some("data-contributor"));
    let spring = titled(&journal.entries, "A seasonal issue");
    assert_eq!(spring.date.to_string(), "2023-03-01");
    assert_eq!(spring.notes, "Microsc Today. Authors: Straßer, François.");
    assert_eq!(spring.evidence.len(), 1, "the PMID only");
    let alias = titled(&journal.entries, "A paper whose author");
    assert_eq!(alias.date.to_string(), "2022-01-01");
    assert_eq!(alias.doi(), Some("10.1000/alias.1"));
}

#[test]
fn the_person_is_recognised_by_orcid_or_by_a_name_variant() {
    // With_profile gives Ada the ORCID iD the first record's author carries.
    let sb = Sandbox::with_profile();
    sb.ok(&[
        "profile",
        "--alias",
        "Z. Okonkwo-Lindqvist",
        "--alias",
        "Straßer F",
    ]);
    let out = sb.ok(&["import", &fixture("pubmed.nbib"), "--dry-run"]);
    assert!(
        out.contains("role co-author: author ORCID 0000-0002-1825-0097"),
        "{out}"
    );
    assert!(
        out.contains("role co-author: author name \"Okonkwo-Lindqvist Z\""),
        "{out}"
    );
    // Compared without case or accents: "Straßer F" is "STRASSER f".
    assert!(
        out.contains("role co-author: author name \"Straßer, François\"")
            || out.contains("role co-author: author name \"Straßer F\""),
        "{out}"
    );
    sb.ok(&["import", &fixture("pubmed.nbib")]);
    let journal = sb.journal();
    assert_eq!(
        journal.profile.aliases,
        ["Z. Okonkwo-Lindqvist", "Straßer F"]
    );
    for e in &journal.entries {
        assert_eq!(e.role.as_deref(), Some("co-author"), "{}", e.title);
    }
    // Without the person among the authors: the default, and the dry run says so.
    let sb = ada_without_orcid();
    let out = sb.ok(&["import", &fixture("zotero.ris"), "--dry-run"]);
    assert!(
        out.contains("role acknowledged: not an author: default role"),
        "{out}"
    );
    sb.ok(&["profile", "--alias", "Zoë Okonkwo"]);
    let out = sb.ok(&["import", &fixture("zotero.ris"), "--dry-run"]);
    assert!(
        out.contains("role co-author: author name \"Okonkwo, Zoë\""),
        "{out}"
    );
}

#[test]
fn profile_aliases_and_rrid_are_checked_and_shown() {
    let sb = ada_without_orcid();
    sb.ok(&["profile", "--alias", "A. Lovelace", "--rrid", "SCR_017105"]);
    let out = sb.ok(&["profile"]);
    assert!(out.contains("A. Lovelace"), "{out}");
    assert!(out.contains("RRID:SCR_017105"), "{out}");
    sb.refused(&["profile", "--rrid", "nope"], &["rrid \"nope\""]);
    sb.refused(&["profile", "--alias", "A\u{1b}[31m"], &["alias"]);
    sb.ok(&["profile", "--alias", ""]);
    assert!(sb.journal().profile.aliases.is_empty());
}

#[test]
fn strict_refuses_a_ris_file_at_its_first_bad_record() {
    let sb = ada_without_orcid();
    sb.refused(
        &["import", &fixture("zotero.ris"), "--strict"],
        &[
            "zotero.ris is refused (ris import)",
            "record 3 (line 23)",
            "date: missing",
        ],
    );
}

#[test]
fn pmids_round_trip_through_csv() {
    let sb = ada_without_orcid();
    sb.ok(&["import", &fixture("pubmed.nbib")]);
    let csv = sb.path("all.csv");
    sb.ok(&[
        "export",
        "--format",
        "csv",
        "-o",
        csv.to_str().expect("path"),
        "--from",
        "2020-01-01",
    ]);
    let other = ada_without_orcid();
    let out = other.ok(&["import", csv.to_str().expect("path")]);
    assert!(out.starts_with("added 3 entries"), "{out}");
    let journal = other.journal();
    assert_eq!(
        pmid(titled(&journal.entries, "Correlative")),
        Some("36000001")
    );
    // `show` prints the PubMed link of the PMID.
    let id = journal
        .entries
        .iter()
        .find(|e| e.title.starts_with("Correlative"))
        .map(|e| e.id.clone())
        .expect("the entry");
    let out = other.ok(&["show", &id]);
    assert!(
        out.contains("https://pubmed.ncbi.nlm.nih.gov/36000001/"),
        "{out}"
    );
}

#[test]
fn hostile_ris_and_medline_stay_bounded() {
    let sb = ada_without_orcid();
    let many: String = (0..100_001)
        .map(|i| format!("TY  - JOUR\nTI  - Paper {i}\nPY  - 2024\nER  -\n"))
        .collect();
    let path = sb.path("many.ris");
    std::fs::write(&path, many).expect("write");
    sb.refused(
        &["import", path.to_str().expect("path"), "--dry-run"],
        &["records: more than 100000 in one file"],
    );
    let path = sb.path("nothing.nbib");
    std::fs::write(&path, "not medline at all\n").expect("write");
    sb.refused(
        &["import", path.to_str().expect("path")],
        &[
            "nothing.nbib is refused (medline import)",
            "PMID: no record",
        ],
    );
}
