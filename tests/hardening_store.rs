//! The journal loader against hostile files: a key twice at any depth, unknown fields nested in
//! reflections and evidence, and arbitrary bytes.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::Sandbox;
use corepath::store::{Store, StoreError, parse};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

/// A sound journal with one entry that has a reflection and evidence, as JSON text.
fn journal_text() -> String {
    serde_json::to_string_pretty(&json!({
        "format": "corepath-journal", "version": 1,
        "profile": { "name": "Ada", "tier": "support-scientist", "allocation": { "service": 50.0 } },
        "entries": [{
            "id": "a1b2c3d4", "date": "2026-03-02", "kind": "sop", "title": "Laser safety",
            "reflection": { "practice": "Faster alignment" },
            "metrics": [], "evidence": [{ "type": "doi", "value": "10.1000/xyz" }],
            "highlight": false, "created": "2026-03-02T10:11:12Z", "updated": "2026-03-02T10:11:12Z"
        }],
        "goals": [{ "id": "g1", "title": "Course", "done": false, "created": "2026-03-02T10:11:12Z" }],
        "self_assessments": [{ "expectation": "scientist/courses", "justification": "x", "date": "2026-03-02" }]
    }))
    .expect("json")
}

/// `text` with the first `anchor` followed by `insert`.
fn with_after(text: &str, anchor: &str, insert: &str) -> String {
    let at = text
        .find(anchor)
        .unwrap_or_else(|| panic!("{anchor} in {text}"))
        + anchor.len();
    format!("{}{insert}{}", &text[..at], &text[at..])
}

#[test]
fn a_duplicate_key_anywhere_is_refused_with_line_and_column() {
    let text = journal_text();
    assert!(parse(Path::new("j.json"), text.as_bytes()).is_ok());
    for (anchor, insert) in [
        ("\"title\": \"Laser safety\",", "\"title\": \"Other\","),
        (
            "\"practice\": \"Faster alignment\"",
            ", \"practice\": \"Other\"",
        ),
        ("\"type\": \"doi\",", "\"type\": \"url\","),
        ("\"value\": \"10.1000/xyz\"", ", \"x_new\": 1, \"x_new\": 2"),
        (
            "\"title\": \"Laser safety\",",
            "\"x_n\": {\"a\": 1, \"a\": 2},",
        ),
        ("\"name\": \"Ada\",", "\"name\": \"Bob\","),
        ("\"service\": 50.0", ", \"service\": 40.0"),
        ("\"name\": \"Ada\",", "\"x_p\": 1, \"x_p\": 1,"),
        ("\"done\": false", ", \"done\": true"),
        ("\"done\": false", ", \"x_g\": [1], \"x_g\": [2]"),
        ("\"justification\": \"x\"", ", \"justification\": \"y\""),
        ("\"version\": 1,", "\"x_top\": 1, \"x_top\": 2,"),
        (
            "\"version\": 1,",
            "\"x_top\": [{\"a\": {\"b\": 1, \"b\": 1}}],",
        ),
    ] {
        let bad = with_after(&text, anchor, insert);
        let err = parse(Path::new("j.json"), bad.as_bytes()).expect_err(&bad);
        let message = err.to_string();
        assert!(
            matches!(err, StoreError::Corrupt { .. }) && message.contains("duplicate field `"),
            "{insert}: {message}"
        );
        let s = Sandbox::new();
        std::fs::write(&s.journal, &bad).expect("write");
        s.refused(
            &["check"],
            &["journal.json", "line", "column", "duplicate field `"],
        );
        let err = Store::new(&s.journal).load().expect_err("refused");
        // At the repeated key, or (for a field a newer corepath wrote) at the end of its object.
        let line_of_insert = bad[..bad.find(insert).expect("inserted")].lines().count();
        assert!(
            matches!(err, StoreError::Corrupt { line, .. } if line >= line_of_insert),
            "{insert}: {err}"
        );
    }
}

#[test]
fn unknown_fields_nested_in_reflection_and_evidence_survive_a_change() {
    let s = Sandbox::with_profile();
    let id = s.add_entry(
        "user-training",
        "Confocal 1:1",
        "--doi 10.1000/xyz --url https://example.org/a",
    );
    let mut j = s.journal_json();
    let in_reflection = json!({ "mood": ["calm", { "deep": [1, 2.5, null] }] });
    let in_evidence = json!({ "archived": "2026-03-02", "sha256": "ab12" });
    j["entries"][0]["reflection"] = json!({ "practice": "Faster", "x_rubric": in_reflection });
    j["entries"][0]["evidence"][1]["x_snapshot"] = in_evidence.clone();
    // A reflection that holds only a newer corepath's field is kept too.
    s.write_journal(&j);
    s.ok(&["edit", &id, "--hours", "2"]);
    s.ok(&["star", &id]);
    let after = s.journal_json();
    let entry = &after["entries"][0];
    assert_eq!(entry["reflection"]["x_rubric"], in_reflection);
    assert_eq!(entry["reflection"]["practice"], "Faster");
    assert_eq!(entry["evidence"][1]["x_snapshot"], in_evidence);
    assert_eq!(entry["evidence"][0], j["entries"][0]["evidence"][0]);

    let mut only_unknown = after.clone();
    only_unknown["entries"][0]["reflection"] = json!({ "x_only": true });
    s.write_journal(&only_unknown);
    s.ok(&["star", &id]);
    assert_eq!(
        s.journal_json()["entries"][0]["reflection"],
        json!({ "x_only": true })
    );
}

#[test]
fn nested_unknown_fields_are_written_as_serde_json_writes_them() {
    let text = with_after(
        &journal_text(),
        "\"practice\": \"Faster alignment\"",
        r#", "x_r": {"a": [1, {"b": {}}, []], "c": "é\n\""}"#,
    );
    let text = with_after(&text, "\"value\": \"10.1000/xyz\"", r#", "x_e": [[], {}]"#);
    let journal = parse(Path::new("j.json"), text.as_bytes()).expect("parses");
    let written = corepath::store::to_bytes(&journal);
    let mut expected = serde_json::to_vec_pretty(&journal).expect("json");
    expected.push(b'\n');
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&expected)
    );
    let reread: Value = serde_json::from_slice(&written).expect("json");
    let original: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(reread, original);
}

// ---------------------------------------------------------------------------------------------
// Arbitrary and mutated bytes
// ---------------------------------------------------------------------------------------------

/// One change to a file's bytes: insert, replace or delete a byte, or copy a run of bytes to
/// elsewhere (which repeats keys and values, and cuts structures in odd places).
#[derive(Debug, Clone)]
enum Mutation {
    Insert(Index, u8),
    Replace(Index, u8),
    Delete(Index),
    Copy(Index, Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![
        any::<u8>(),
        prop::sample::select(b"{}[],:\"\\ 0-9eE.nul".to_vec()),
    ];
    prop_oneof![
        (any::<Index>(), byte.clone()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<Index>(), byte).prop_map(|(i, b)| Mutation::Replace(i, b)),
        any::<Index>().prop_map(Mutation::Delete),
        (any::<Index>(), any::<Index>(), 1usize..80).prop_map(|(a, b, n)| Mutation::Copy(a, b, n)),
    ]
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    match *m {
        Mutation::Insert(i, b) => bytes.insert(i.index(bytes.len() + 1), b),
        Mutation::Replace(i, b) => {
            let at = i.index(bytes.len());
            bytes[at] = b;
        }
        Mutation::Delete(i) => {
            bytes.remove(i.index(bytes.len()));
        }
        Mutation::Copy(from, to, n) => {
            let start = from.index(bytes.len());
            let run = bytes[start..(start + n).min(bytes.len())].to_vec();
            let at = to.index(bytes.len() + 1);
            bytes.splice(at..at, run);
        }
    }
}

/// Load `bytes` both ways, from a file (read in chunks) and whole: neither panics, both finish
/// quickly, and they agree.
fn load_both_ways(dir: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    let path = dir.join("journal.json");
    std::fs::write(&path, bytes).expect("write");
    let started = Instant::now();
    let whole = parse(&path, bytes);
    let streamed = Store::new(&path).load();
    prop_assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    match (whole, streamed) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b.journal),
        (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
        (a, b) => prop_assert!(
            false,
            "whole {:?}, streamed {:?}",
            a.map(|_| ()),
            b.map(|_| ())
        ),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_loader_takes_any_bytes_without_panic_or_hang(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let dir = tempfile::TempDir::new().expect("dir");
        load_both_ways(dir.path(), &bytes)?;
    }

    #[test]
    fn the_loader_takes_mutated_journals_without_panic_or_hang(edits in prop::collection::vec(mutation(), 1..6)) {
        let mut bytes = journal_text().into_bytes();
        for m in &edits {
            mutate(&mut bytes, m);
        }
        let dir = tempfile::TempDir::new().expect("dir");
        load_both_ways(dir.path(), &bytes)?;
    }
}
