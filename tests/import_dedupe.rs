//! One paper, one entry (issue 13): records from different sources match by DOI (any case), then
//! PubMed id, then title and year; a match is skipped and counted, and `--update` gives the
//! existing entry the identifiers it lacks without changing what the user wrote.

mod common;

use common::papers::{ada_without_orcid, fixture, pmid};

use common::Sandbox;

fn write(sb: &Sandbox, name: &str, text: &str) -> String {
    let path = sb.path(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("a UTF-8 path").to_string()
}

#[test]
fn the_same_paper_from_another_source_is_skipped_and_counted() {
    let sb = ada_without_orcid();
    sb.ok(&["import", &fixture("pubmed.nbib")]);
    // The same DOI in capitals, the same PMID under another title, the same title and year
    // with other punctuation and case.
    let ris = write(
        &sb,
        "same.ris",
        "TY  - JOUR\nTI  - Another title\nPY  - 2023\nDO  - 10.1242/JCS.260001\nER  -\n",
    );
    let nbib = write(
        &sb,
        "same.nbib",
        "PMID- 36000002\nDP  - 2024\nTI  - A retitled record.\n",
    );
    let bib = write(
        &sb,
        "same.bib",
        "@article{a, title = {A Paper Whose Author Goes by an Alias}, year = 2022, month = jun}\n\
         @article{new, title = {A paper of its own}, year = 2022}\n",
    );
    let out = sb.ok(&["import", &ris, &nbib, &bib, "--dry-run"]);
    assert!(
        out.starts_with("would add 1 entry from same.ris, same.nbib, same.bib"),
        "{out}"
    );
    assert!(out.contains("would skip 3"), "{out}");
    assert!(out.contains("same DOI as entry"), "{out}");
    assert!(out.contains("same PMID as entry"), "{out}");
    assert!(out.contains("same title and year as entry"), "{out}");
    assert!(
        out.contains("+ 2022-01-01  publication    A paper of its own"),
        "{out}"
    );
    // Repeated within one import: the second is skipped as the first's duplicate.
    let again = write(
        &sb,
        "again.ris",
        "TY  - JOUR\nTI  - Twice\nPY  - 2021\nDO  - 10.1/twice\nER  -\n\
         TY  - JOUR\nTI  - Twice again\nPY  - 2021\nDO  - 10.1/TWICE\nER  -\n",
    );
    let out = sb.ok(&["import", &again]);
    assert!(out.starts_with("added 1 entry"), "{out}");
    assert!(
        out.contains("same DOI as again.ris: record 1 (line 1)"),
        "{out}"
    );
}

#[test]
fn update_fills_identifiers_and_changes_nothing_the_user_wrote() {
    let sb = ada_without_orcid();
    let bib = write(
        &sb,
        "mine.bib",
        "@article{mine, title = {Correlative Light and Electron Microscopy of Synapses in \
         Organotypic Slices}, journal = {J Cell Sci}, year = 2023, month = mar}\n",
    );
    sb.ok(&["import", &bib]);
    let id = sb.journal().entries[0].id.clone();
    sb.ok(&["edit", &id, "--note", "My own words."]);
    let before = sb.journal().entries[0].clone();
    // Without --update: skipped, nothing changes.
    let out = sb.ok(&["import", &fixture("pubmed.nbib")]);
    assert!(out.contains("same title and year as entry"), "{out}");
    assert_eq!(sb.journal().entries[0], before);
    // The dry run says what --update would give, and gives nothing.
    let out = sb.ok(&["import", &fixture("pubmed.nbib"), "--update", "--dry-run"]);
    assert!(
        out.contains(&format!(
            "would update 1 with identifiers they lacked:\n  ~ entry {id}: doi 10.1242/jcs.260001, pmid 36000001"
        )),
        "{out}"
    );
    assert_eq!(sb.journal().entries[0], before);
    sb.ok(&["import", &fixture("pubmed.nbib"), "--update"]);
    let after = sb.journal().entries[0].clone();
    assert_eq!(after.doi(), Some("10.1242/jcs.260001"));
    assert_eq!(pmid(&after), Some("36000001"));
    assert_eq!(
        (&after.title, after.date, &after.notes, &after.role),
        (&before.title, before.date, &before.notes, &before.role)
    );
    // Once filled, a second --update has nothing to give.
    let out = sb.ok(&["import", &fixture("pubmed.nbib"), "--update"]);
    assert!(!out.contains("updated"), "{out}");
}
