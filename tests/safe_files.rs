//! Files a panel opens without corepath are safe to open: links only to web addresses and
//! identifiers, a page that runs nothing, and spreadsheet cells that are never formulas — while
//! corepath's own import still reads back exactly what was written.

mod common;

use common::{Sandbox, words};

/// A journal with hand-edited evidence that must never become a link, and cells a spreadsheet
/// would evaluate.
fn hostile() -> Sandbox {
    let s = Sandbox::with_profile();
    s.add_entry(
        "user-training",
        "Placeholder",
        "--date 2026-03-02 --hours 2",
    );
    let mut j = s.journal_json();
    let e = &mut j["entries"][0];
    e["title"] = "=HYPERLINK(\"https://attacker.example\",\"click\")".into();
    e["notes"] = "+1 for the new stage; -2 for the old one".into();
    e["tags"] = serde_json::json!(["@risk", "'=already quoted"]);
    e["evidence"] = serde_json::json!([
        {"type": "url", "value": "javascript:alert(1)"},
        {"type": "url", "value": "data:text/html,<script>alert(1)</script>"},
        {"type": "url", "value": "vbscript:msgbox(1)"},
        {"type": "doi", "value": "10.1038/s41592-021-01162-y"},
        {"type": "url", "value": "https://example.org/report"}
    ]);
    e["highlight"] = true.into();
    s.write_journal(&j);
    s
}

#[test]
fn only_web_addresses_and_identifiers_become_links() {
    let s = hostile();
    let html = s.ok(&words("export --format html --from 2026-01-01"));
    for scheme in ["javascript:", "data:", "vbscript:"] {
        assert!(
            !html.contains(&format!("href=\"{scheme}")),
            "{scheme} became a link"
        );
    }
    assert!(html.contains("href=\"https://doi.org/10.1038/s41592-021-01162-y\""));
    assert!(html.contains("href=\"https://example.org/report\""));
    assert!(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"));
    assert!(
        !html.contains("<script"),
        "no script element, even from the journal's text"
    );
    let md = s.ok(&words("export --format md --from 2026-01-01"));
    for scheme in ["](javascript:", "](data:", "](vbscript:"] {
        assert!(!md.contains(scheme), "{scheme} became a Markdown link");
    }
    let json = s.json(&words("export --format json --from 2026-01-01"));
    for ev in json["highlights"][0]["evidence"]
        .as_array()
        .expect("evidence")
    {
        let link = ev["link"].as_str().unwrap_or("");
        assert!(link.is_empty() || link.starts_with("https://"), "{ev}");
    }
}

#[test]
fn formula_cells_are_neutralised_and_read_back_as_written() {
    let s = hostile();
    let csv = s.ok(&words("export --format csv --from 2026-01-01"));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("a header").clone();
    let row = reader.records().next().expect("a row").expect("a record");
    let cell = |name: &str| {
        row.get(headers.iter().position(|h| h == name).expect(name))
            .expect(name)
    };
    assert!(
        cell("title").starts_with("'=HYPERLINK"),
        "{}",
        cell("title")
    );
    assert!(cell("notes").starts_with("'+1"), "{}", cell("notes"));
    assert!(cell("tags").starts_with("'@risk"), "{}", cell("tags"));
    for (i, value) in row.iter().enumerate() {
        assert!(
            !value.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "column {} starts a formula: {value}",
            &headers[i]
        );
    }

    // corepath's own import takes the quote off again: the round trip is exact (the hostile
    // links are left out here: import refuses them outright).
    let mut j = s.journal_json();
    j["entries"][0]["evidence"] =
        serde_json::json!([{"type": "doi", "value": "10.1038/s41592-021-01162-y"}]);
    s.write_journal(&j);
    let csv = s.ok(&words("export --format csv --from 2026-01-01"));
    let path = s.path("entries.csv");
    std::fs::write(&path, &csv).expect("write");
    let other = Sandbox::with_profile();
    other.ok(&["import", path.to_str().expect("utf-8")]);
    let back = &other.journal().entries[0];
    let original = &s.journal().entries[0];
    assert_eq!(back.title, original.title);
    assert_eq!(back.notes, original.notes);
    assert_eq!(back.tags, original.tags);
}

#[test]
fn bom_is_for_csv_only() {
    let s = hostile();
    let csv = s.ok(&words("export --format csv --bom --from 2026-01-01"));
    assert!(csv.starts_with('\u{feff}'), "a byte order mark first");
    let plain = s.ok(&words("export --format csv --from 2026-01-01"));
    assert!(!plain.starts_with('\u{feff}'));
    let err = s.fails(&words("export --format md --bom"));
    assert!(err.contains("--bom") && err.contains("CSV"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn a_rollup_itemises_each_persons_outputs_and_trusts_no_link_in_their_files() {
    let s = Sandbox::demo();
    let ours = s.json(&["export", "--format", "json"]);
    let mut theirs = ours.clone();
    theirs["person"]["name"] = "Ben Example".into();
    theirs["person"]["orcid"] = "0000-0000-0000-0000".into();
    theirs["contributions"][0]["items"][0]["evidence"] = serde_json::json!([
        {"type": "url", "value": "javascript:alert(1)", "link": "javascript:alert(1)"}
    ]);
    let (a, b) = (s.path("zoe.json"), s.path("ben.json"));
    common::write_json(&a, &ours);
    common::write_json(&b, &theirs);
    let (a, b) = (a.to_str().expect("utf-8"), b.to_str().expect("utf-8"));
    let html = s.ok(&["rollup", a, b, "--format", "html"]);
    assert!(
        !html.contains("href=\"javascript:"),
        "a link from someone else's file"
    );
    assert!(
        !html.contains("href=\"https://orcid.org/0000-0000-0000-0000"),
        "an ORCID iD failing its check"
    );
    let md = s.ok(&["rollup", a, b]);
    assert!(
        md.contains("## Outputs by person") && md.contains("### Ben Example"),
        "{md}"
    );
    assert!(!md.contains("](javascript:"));
    let title = ours["contributions"][0]["items"][0]["title"]
        .as_str()
        .expect("a title");
    assert!(md.contains(title), "each person's outputs are itemised");
}
