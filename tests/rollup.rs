//! `corepath rollup`: three people's evidence summaries added up, with the totals worked out by
//! hand; mixed periods and frameworks refused or flagged.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::{Sandbox, find};
use corepath::assess::{Context, Period};
use corepath::export::{self, Summary, SummaryFormat};
use corepath::framework::Framework;
use corepath::model::{Entry, Journal, Profile};
use serde_json::Value;

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn now() -> DateTime<Utc> {
    "2026-11-25T09:00:00Z".parse().expect("a time")
}

/// `(date, kind, hours, people, role)` → an entry with the kind's metrics.
type Spec<'a> = (&'a str, &'a str, Option<f64>, Option<u32>, Option<&'a str>);

fn journal(
    framework: &Framework,
    name: &str,
    orcid: Option<&str>,
    tier: &str,
    specs: &[Spec],
) -> Journal {
    let mut profile = Profile::new(name, tier);
    profile.orcid = orcid.map(str::to_string);
    profile.facility = "Advanced Light Microscopy Facility".into();
    let mut j = Journal::new(profile);
    for (i, (day, kind, hours, people, role)) in specs.iter().enumerate() {
        let mut e = Entry::new(
            format!("e{i:07}"),
            date(day),
            kind,
            &format!("{name}: {kind} {i}"),
            now(),
        );
        e.metrics = framework.kind(kind).expect("kind").metrics.clone();
        e.hours = *hours;
        e.people = *people;
        e.role = role.map(str::to_string);
        j.entries.push(e);
    }
    j
}

fn summary(framework: &Framework, j: &Journal, from: &str, to: &str) -> Summary {
    let ctx = Context::new(framework, j);
    let tier = framework.next_tier(&j.profile.tier).expect("next tier");
    export::build(
        &ctx,
        Period::new(date(from), date(to)).expect("period"),
        tier,
        date(to),
    )
}

/// A sandbox holding the JSON summaries of Ada and Cleo (Support Scientists) and Ben
/// (Scientist), 2026-01-01 to 2026-12-31, and of Cleo from 2026-07-01 (`cleo-h2.json`).
fn team() -> Sandbox {
    let framework = Framework::bundled().expect("framework");
    let ada = journal(
        &framework,
        "Ada Lovelace",
        Some("0000-0002-1825-0097"),
        "support-scientist",
        &[
            ("2026-02-03", "user-training", Some(3.0), Some(2), None),
            ("2026-03-10", "user-training", Some(2.0), Some(4), None),
            ("2026-04-01", "publication", None, None, Some("co-author")),
            // Outside the period: not counted.
            ("2025-12-20", "user-training", Some(9.0), Some(9), None),
        ],
    );
    let ben = journal(
        &framework,
        "Ben Okafor",
        None,
        "scientist",
        &[
            ("2026-05-05", "user-training", Some(4.0), Some(6), None),
            (
                "2026-06-06",
                "publication",
                None,
                None,
                Some("acknowledged"),
            ),
            ("2026-07-07", "outreach", Some(2.0), Some(30), None),
        ],
    );
    let cleo = journal(
        &framework,
        "Cleo Šimić",
        None,
        "support-scientist",
        &[
            ("2026-08-08", "user-training", Some(1.5), Some(1), None),
            (
                "2026-09-09",
                "publication",
                None,
                None,
                Some("not-recognised"),
            ),
            ("2026-10-10", "instrument-qc", Some(1.0), None, None),
        ],
    );
    let team = Sandbox::new();
    for (file, j, from) in [
        ("ada.json", &ada, "2026-01-01"),
        ("ben.json", &ben, "2026-01-01"),
        ("cleo.json", &cleo, "2026-01-01"),
        // The same person over another period, for the mixed-input cases.
        ("cleo-h2.json", &cleo, "2026-07-01"),
    ] {
        let s = summary(&framework, j, from, "2026-12-31");
        let text = export::render(&s, SummaryFormat::Json).expect("json");
        std::fs::write(team.path(file), text).expect("write");
    }
    team
}

/// `corepath rollup --format json` over these summaries (and options).
fn rollup_json(team: &Sandbox, args: &[&str]) -> Value {
    team.json(&[&["rollup", "--format", "json"], args].concat())
}

fn metric<'a>(r: &'a Value, id: &str) -> &'a Value {
    find(&r["metrics"], "id", id)
}

#[test]
fn three_summaries_add_up_to_the_hand_totals() {
    let team = team();
    let r = rollup_json(&team, &["ada.json", "ben.json", "cleo.json"]);
    assert_eq!(r["format"], "corepath-facility-rollup");
    assert_eq!(r["mixed"], false);
    assert_eq!(r["period"]["from"], "2026-01-01");
    assert_eq!(r["people_count"], 3);
    // 3 (Ada, in the period) + 3 (Ben) + 3 (Cleo).
    assert_eq!(r["entries"], 9);
    // 3 + 2 + 4 + 2 + 1.5 + 1 hours.
    assert_eq!(r["hours"], 13.5);
    // Training (F.c): Ada 3 h/2 + 2 h/4, Ben 4 h/6, Cleo 1.5 h/1.
    assert_eq!(r["training"]["entries"], 4);
    assert_eq!(r["training"]["hours"], 10.5);
    assert_eq!(r["training"]["people"], 13);
    assert_eq!(r["outreach"]["people"], 30);
    assert_eq!(r["recognition"]["co_author"], 1);
    assert_eq!(r["recognition"]["acknowledged"], 1);
    assert_eq!(r["recognition"]["not_recognised"], 1);
    assert_eq!(metric(&r, "fac.training")["hours"], 10.5);
    assert_eq!(metric(&r, "acad.publications")["entries"], 3);
    assert_eq!(metric(&r, "fac.quality")["entries"], 1);
    assert_eq!(metric(&r, "fac.outreach")["hours"], 2.0);
    // People by tier, lowest tier first.
    let tiers = r["by_tier"].as_array().expect("tiers");
    assert_eq!(tiers.len(), 2);
    assert_eq!(tiers[0]["tier"], "support-scientist");
    assert_eq!(tiers[0]["people"], 2);
    assert_eq!(
        tiers[0]["names"],
        serde_json::json!(["Ada Lovelace", "Cleo Šimić"])
    );
    assert_eq!(tiers[1]["tier"], "scientist");
    assert_eq!(tiers[1]["people"], 1);
    // Each person's line.
    let people = r["people"].as_array().expect("people");
    assert_eq!(people[0]["name"], "Ada Lovelace");
    assert_eq!(people[0]["training"]["hours"], 5.0);
    assert_eq!(people[0]["source"], "ada.json");
    assert_eq!(people[2]["name"], "Ben Okafor");
    assert_eq!(people[2]["toward"], "Senior Scientist");
}

#[test]
fn markdown_and_html_views() {
    let team = team();
    let md = team.ok(&["rollup", "ada.json", "ben.json", "cleo.json"]);
    insta::assert_snapshot!("rollup_md", md);

    let out = team.run(&[
        "rollup",
        "ada.json",
        "ben.json",
        "cleo.json",
        "--format",
        "html",
        "-o",
        "f.html",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote the facility roll-up"));
    let html = std::fs::read_to_string(team.path("f.html")).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Cleo Šimić"));
    assert!(!html.contains("<script"));
}

#[test]
fn mixed_periods_are_refused_unless_allowed_and_then_flagged() {
    let team = team();
    team.refused(
        &["rollup", "ada.json", "ben.json", "cleo-h2.json"],
        &[
            "cleo-h2.json",
            "period 2026-07-01 to 2026-12-31 differs from 2026-01-01 to 2026-12-31",
            "--allow-mixed",
        ],
    );

    let r = rollup_json(
        &team,
        &["ada.json", "ben.json", "cleo-h2.json", "--allow-mixed"],
    );
    assert_eq!(r["mixed"], true);
    let cleo = find(&r["people"], "name", "Cleo Šimić");
    assert_eq!(cleo["differences"].as_array().expect("list").len(), 1);
    assert!(
        r["notes"][0]
            .as_str()
            .expect("note")
            .starts_with("Mixed input")
    );
    let md = team.ok(&[
        "rollup",
        "ada.json",
        "ben.json",
        "cleo-h2.json",
        "--allow-mixed",
    ]);
    assert!(md.contains("**Note:** Mixed input"), "{md}");
    assert!(md.contains("⚠ period 2026-07-01"), "{md}");
}

#[test]
fn other_frameworks_duplicates_and_bad_files_are_refused() {
    let team = team();
    let text = std::fs::read_to_string(team.path("ben.json")).expect("read");
    let mut v: Value = serde_json::from_str(&text).expect("json");
    v["framework"]["name"] = "Nordhafen technical career ladder".into();
    std::fs::write(team.path("ben-local.json"), v.to_string()).expect("write");
    std::fs::write(team.path("journal.json"), corepath::store::DEMO_JSON).expect("write");
    team.refuses_each(&[
        (
            "rollup ada.json ben-local.json",
            &["framework \"Nordhafen technical career ladder\" version 1 differs"],
        ),
        (
            "rollup cleo.json cleo-h2.json --allow-mixed",
            &["Cleo Šimić appears in more than one summary"],
        ),
        (
            "rollup ada.json journal.json",
            &["journal.json is refused: not an evidence summary"],
        ),
    ]);

    assert!(!team.run(&["rollup"]).status.success());
    assert!(team.ok(&["rollup", "--help"]).contains("Examples:"));
}
