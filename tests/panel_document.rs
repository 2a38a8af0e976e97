//! The evidence summary read as a panel member reads it: every output it counts is named, the
//! person's own statement opens it, and nothing in it speaks the tool's language.

mod common;

use common::{Sandbox, words};

fn demo_exports() -> (Sandbox, String, String, serde_json::Value) {
    let s = Sandbox::demo();
    let md = s.ok(&["export", "--format", "md"]);
    let html = s.ok(&["export", "--format", "html"]);
    let json = s.json(&["export", "--format", "json"]);
    (s, md, html, json)
}

/// The HTML with `&`, `<`, `>`, quotes escaped as the page escapes them.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[test]
fn every_publication_training_session_and_grant_of_the_period_is_named() {
    let (_s, md, html, json) = demo_exports();
    let entries = json["entries"].as_array().expect("entries");
    let counted: Vec<&serde_json::Value> = entries
        .iter()
        .filter(|e| {
            matches!(
                e["kind"].as_str(),
                Some("publication" | "user-training" | "grant-application" | "teaching")
            )
        })
        .collect();
    assert!(counted.len() >= 8, "the demo period has outputs to name");
    for e in counted {
        let title = e["title"].as_str().expect("title");
        assert!(md.contains(title), "the Markdown does not name {title:?}");
        assert!(
            html.contains(&escaped(title)) || html.contains(title),
            "the HTML does not name {title:?}"
        );
    }
    // And every entry of the period is itemised somewhere.
    let itemised: usize = json["contributions"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["items"].as_array().expect("items").len())
        .sum();
    assert_eq!(itemised, entries.len());
}

#[test]
fn the_panels_pages_do_not_speak_the_tools_language() {
    let (_s, md, html, json) = demo_exports();
    // The HTML body up to the data a script reads (the page has none), and all of the Markdown.
    let framework = corepath::framework::Framework::bundled().expect("framework");
    let mut ids: Vec<String> = framework
        .tiers
        .iter()
        .flat_map(|t| t.expectations.iter().map(|e| e.id.clone()))
        .collect();
    ids.extend(
        framework
            .kinds
            .iter()
            .filter(|k| k.id.contains('-'))
            .map(|k| format!("'{}'", k.id)),
    );
    ids.extend(
        [
            "--framework",
            "--tier",
            "corepath star",
            "corepath goal",
            "`corepath",
        ]
        .map(String::from),
    );
    for id in &ids {
        assert!(!md.contains(id.as_str()), "the Markdown says {id:?}");
        assert!(
            !html.contains(&escaped(id)) && !html.contains(id.as_str()),
            "the HTML says {id:?}"
        );
    }
    for bad in [
        " 1 entries",
        " 1 people",
        " 1 more entries",
        ">1 entries",
        "-0 hours",
        "NaN",
    ] {
        assert!(!md.contains(bad) && !html.contains(bad), "{bad:?}");
    }
    // The suggestions stay in the app and on the command line; the JSON keeps them for scripts.
    let first = &json["progression"]["expectations"][0];
    assert!(first.get("suggestion").is_some());
}

#[test]
fn the_statement_opens_the_summary_in_the_persons_words() {
    let s = Sandbox::demo();
    let path = s.path("statement.txt");
    std::fs::write(
        &path,
        "I run the light-sheet service.\nI want to lead the facility's training.\n",
    )
    .expect("write");
    s.ok(&["profile", "--statement-file", path.to_str().expect("utf-8")]);
    let md = s.ok(&["export", "--format", "md"]);
    let statement = md.find("In my own words").expect("a statement section");
    let headline = md.find("## Headline figures").expect("headline");
    assert!(statement < headline, "the statement comes first");
    assert!(md.contains("> I run the light-sheet service."));
    let html = s.ok(&["export", "--format", "html"]);
    assert!(html.contains("I want to lead the facility&#39;s training."));

    let long = s.path("long.txt");
    std::fs::write(&long, "x".repeat(4001)).expect("write");
    let err = s.refused(
        &["profile", "--statement-file", long.to_str().expect("utf-8")],
        &["4001 characters", "at most 4000"],
    );
    assert_eq!(err.lines().count(), 1);
    let latin1 = s.path("latin1.txt");
    std::fs::write(&latin1, b"Z\xf6e").expect("write");
    s.refused(
        &[
            "profile",
            "--statement-file",
            latin1.to_str().expect("utf-8"),
        ],
        &["not UTF-8"],
    );
}

#[test]
fn an_empty_period_says_so_without_odd_figures() {
    let s = Sandbox::with_profile();
    s.ok(&words(
        "profile --allocation service=50 --allocation operations=50",
    ));
    for format in ["md", "html"] {
        let text = s.ok(&["export", "--format", format]);
        for bad in [" -0 ", "-0 hours", "(-0", "NaN", "inf ", "-50 pts", "−50"] {
            assert!(!text.contains(bad), "{format}: {bad:?} in an empty summary");
        }
        assert!(text.contains("0 entries"), "{format}");
    }
}

#[test]
fn a_period_asked_past_today_is_cut_there_and_the_summary_says_so() {
    let s = Sandbox::demo();
    let out = s.run(&words(
        "export --format md --from 2026-01-01 --to 2027-06-30",
    ));
    assert!(out.status.success());
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains(&format!("2026-01-01 to {}", common::TODAY)),
        "{md}"
    );
    assert!(md.contains("asked for ran to 2027-06-30"), "{md}");
    let json = s.json(&words(
        "export --format json --from 2026-01-01 --to 2027-06-30",
    ));
    assert_eq!(json["requested_to"], "2027-06-30");
    assert_eq!(json["period"]["to"], common::TODAY);
}
