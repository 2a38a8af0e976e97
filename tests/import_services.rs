//! Works from the scholarly services (issue 13): an ORCID record, a Crossref work, Europe PMC
//! search results (lite and core), and `corepath evidence query` printing the searches.

mod common;

use common::papers::{ada_without_orcid, fixture, pmid, titled};

use common::Sandbox;

#[test]
fn an_orcid_record_gives_one_entry_per_group() {
    // Ada's ORCID iD is the record's: her works are hers.
    let sb = Sandbox::with_profile();
    let out = sb.ok(&["import", &fixture("orcid.json")]);
    assert!(out.starts_with("added 2 entries from orcid.json"), "{out}");
    assert!(
        out.contains("orcid.json: json (ORCID record), utf-8: 2 read, 1 refused"),
        "{out}"
    );
    assert!(
        out.contains("! orcid.json: group[1] put-code 103: date: missing"),
        "{out}"
    );
    let journal = sb.journal();
    let e = titled(&journal.entries, "Adaptive optics");
    // The group's first summary, with the identifiers of all its summaries.
    assert_eq!(
        e.title,
        "Adaptive optics light-sheet imaging of zebrafish hearts"
    );
    assert_eq!(e.date.to_string(), "2023-03-01");
    assert_eq!(e.doi(), Some("10.1111/jmi.13001"));
    assert_eq!(pmid(e), Some("36000009"));
    assert_eq!(e.notes, "Journal of Microscopy.");
    assert_eq!(e.role.as_deref(), Some("co-author"));
    let cilia = titled(&journal.entries, "Expansion");
    assert_eq!(cilia.date.to_string(), "2021-11-02");
    assert_eq!(pmid(cilia), Some("36000010"));
    // Someone else's record: the default role.
    let sb = ada_without_orcid();
    let out = sb.ok(&["import", &fixture("orcid.json"), "--dry-run"]);
    assert!(out.contains("role acknowledged: not an author"), "{out}");
}

#[test]
fn a_crossref_work_and_europe_pmc_results() {
    let sb = Sandbox::with_profile();
    let out = sb.ok(&[
        "import",
        &fixture("crossref.json"),
        &fixture("europepmc-lite.json"),
        &fixture("europepmc-core.json"),
        "--dry-run",
    ]);
    assert!(out.starts_with("would add 4 entries"), "{out}");
    assert!(
        out.contains("crossref.json: json (Crossref), utf-8: 1 read, 0 refused"),
        "{out}"
    );
    assert!(
        out.contains("europepmc-lite.json: json (Europe PMC), utf-8: 2 read, 1 refused"),
        "{out}"
    );
    assert!(
        out.contains(
            "! europepmc-lite.json: resultList.result[2] (PMID 36000013): pubYear \"20x3\""
        ),
        "{out}"
    );
    assert!(
        out.contains("role co-author: author ORCID 0000-0002-1825-0097"),
        "{out}"
    );
    sb.ok(&[
        "import",
        &fixture("crossref.json"),
        &fixture("europepmc-lite.json"),
        &fixture("europepmc-core.json"),
    ]);
    let journal = sb.journal();
    let e = titled(&journal.entries, "Live imaging");
    assert_eq!(e.date.to_string(), "2024-05-01");
    assert_eq!(e.doi(), Some("10.1242/jcs.260002"));
    assert_eq!(
        e.notes,
        "Journal of Cell Science. Authors: Okonkwo, Zoë, Lindqvist, Per, The Imaging Consortium."
    );
    assert_eq!(e.role.as_deref(), Some("co-author"));
    let lite = titled(&journal.entries, "Whole-brain");
    assert_eq!(lite.date.to_string(), "2023-06-01");
    assert_eq!(pmid(lite), Some("36000011"));
    assert_eq!(lite.notes, "Nat Methods. Authors: Lindqvist P, Ferreira A.");
    assert_eq!(lite.role.as_deref(), Some("acknowledged"));
    let preprint = titled(&journal.entries, "A preprint");
    assert_eq!(preprint.doi(), Some("10.1101/2024.01.01.000012"));
    let core = titled(&journal.entries, "Correlative");
    assert_eq!(
        core.notes,
        "Journal of cell science. Authors: Okonkwo Z, Ferreira A."
    );
    assert_eq!(core.role.as_deref(), Some("co-author"));
    // The same paper again from PubMed: one paper, one entry.
    let out = sb.ok(&["import", &fixture("pubmed.nbib")]);
    assert!(out.contains("same DOI as entry"), "{out}");
}

#[test]
fn europe_pmc_names_recognise_the_person_by_alias() {
    let sb = ada_without_orcid();
    sb.ok(&["profile", "--alias", "Zoë Okonkwo"]);
    let out = sb.ok(&["import", &fixture("europepmc-core.json"), "--dry-run"]);
    // "Okonkwo, Zoë" from lastName and firstName.
    assert!(
        out.contains("role co-author: author name \"Okonkwo, Zoë\""),
        "{out}"
    );
}

#[test]
fn evidence_query_prints_the_searches() {
    let sb = ada_without_orcid();
    sb.refused(&["evidence", "query"], &["no facility, RRID or ORCID iD"]);
    sb.ok(&[
        "profile",
        "--facility",
        "Bioimaging Core",
        "--rrid",
        "RRID:SCR_017105",
    ]);
    let out = sb.ok(&["evidence", "query"]);
    assert!(
        out.contains(
            "query: ACK_FUND:\"Bioimaging Core\" OR ACK_FUND:\"SCR_017105\" OR \"RRID:SCR_017105\""
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "JSON:  https://www.ebi.ac.uk/europepmc/webservices/rest/search?query=ACK_FUND%3A%22Bioimaging%20Core%22%20OR"
        ),
        "{out}"
    );
    assert!(
        out.contains("&resultType=core&format=json&pageSize=1000"),
        "{out}"
    );
    assert!(out.contains("No ORCID iD in your profile"), "{out}");
    let sb = Sandbox::with_profile();
    let out = sb.ok(&["evidence", "query"]);
    assert!(
        out.contains("query: AUTHORID:\"0000-0002-1825-0097\""),
        "{out}"
    );
    assert!(out.contains("No facility or RRID"), "{out}");
}
