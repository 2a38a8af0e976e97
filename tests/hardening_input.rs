//! Untrusted text and numbers (issue 9, items 9 to 12): hostile titles never reach the terminal
//! raw, single-line fields refuse control characters, roll-up sums never wrap, and `-0` hours read
//! as 0.

mod common;

use common::Sandbox;

/// Whether `text` shows a negative zero: `-0` not inside a date or a longer number.
fn shows_minus_zero(text: &str) -> bool {
    text.match_indices("-0").any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + 2..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_digit() || c == '.')
    })
}

#[test]
fn minus_zero_hours_are_stored_and_shown_as_zero() {
    let s = Sandbox::with_profile();
    let id = s.add(&[
        "--kind",
        "user-training",
        "--title",
        "Confocal 1:1",
        "--hours=-0",
    ]);
    let journal = s.journal_json();
    let hours = &journal["entries"][0]["hours"];
    assert_eq!(hours.to_string(), "0.0", "stored as 0, not -0.0");
    let shown = s.ok(&["show", &id]);
    assert!(!shows_minus_zero(&shown), "{shown}");

    // A journal written elsewhere with -0.0 hours still reads as 0.
    let mut edited = journal.clone();
    edited["entries"][0]["hours"] = serde_json::json!(-0.0);
    s.write_journal(&edited);
    for args in [&["show", id.as_str()][..], &["list"], &["cpd"], &["time"]] {
        let out = s.ok(args);
        assert!(!shows_minus_zero(&out), "corepath {args:?}:\n{out}");
    }
}

/// Three people's JSON evidence summaries in a sandbox (`ada.json`, `ben.json`, `cleo.json`),
/// each first changed by `edit` (called with the file's name).
fn summaries(edit: impl Fn(&str, &mut serde_json::Value)) -> (Sandbox, Vec<String>) {
    let s = Sandbox::with_profile();
    s.add(&[
        "--kind",
        "user-training",
        "--title",
        "Confocal 1:1",
        "--hours",
        "3",
    ]);
    let exported = s.path("summary.json");
    s.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        exported.to_str().expect("UTF-8"),
    ]);
    let base = common::read_json(&exported);
    let mut paths = Vec::new();
    for name in ["ada", "ben", "cleo"] {
        let mut summary = base.clone();
        summary["person"]["name"] = name.into();
        summary["person"]["orcid"] = serde_json::Value::Null;
        edit(name, &mut summary);
        let path = s.path(&format!("{name}.json"));
        common::write_json(&path, &summary);
        paths.push(path.to_str().expect("UTF-8").to_string());
    }
    (s, paths)
}

fn rollup_refused(edit: impl Fn(&str, &mut serde_json::Value), fragments: &[&str]) {
    let (s, paths) = summaries(edit);
    let args: Vec<&str> = ["rollup"]
        .into_iter()
        .chain(paths.iter().map(String::as_str))
        .collect();
    s.refused(&args, fragments);
}

#[test]
fn rollup_refuses_figures_that_would_wrap_or_overflow() {
    // Two summaries of 2^63 entries and one of 12 once added up to "12 entries".
    rollup_refused(
        |name, s| {
            s["headline"]["entries"] = if name == "cleo" {
                12.into()
            } else {
                (1u64 << 63).into()
            }
        },
        &[
            "ada.json: headline.entries 9223372036854775808 is out of range",
            "expected a count from 0 to 1000000000",
        ],
    );
    // 1e308 hours twice once printed inf (and null in JSON).
    rollup_refused(
        |_, s| s["headline"]["hours"] = serde_json::json!(1e308),
        &[
            "ada.json: headline.hours",
            "out of range",
            "expected hours from 0 to",
        ],
    );
    rollup_refused(
        |name, s| {
            if name == "ben" {
                s["metrics"][0]["hours"] = serde_json::json!(-4.0);
            }
        },
        &["ben.json: metrics[0].hours -4 is out of range"],
    );
    rollup_refused(
        |name, s| {
            if name == "ben" {
                s["headline"]["people"] = serde_json::json!(-1);
            }
        },
        &["ben.json", "headline.people", "invalid value: integer `-1`"],
    );
}
