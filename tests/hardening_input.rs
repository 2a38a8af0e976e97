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
