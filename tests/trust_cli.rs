//! The command line of trustworthy verdicts: closed role and scope vocabularies, techniques
//! spelled one way, planned entries, progress as of a day, and `check` naming what to fix.

mod common;

use common::{Sandbox, TODAY, by_id, framework_json, words, write_json};
use serde_json::Value;

fn status_of<'a>(progress: &'a Value, id: &str) -> &'a Value {
    by_id(&progress["expectations"], id)
}

#[test]
fn a_role_outside_the_vocabulary_is_refused_with_the_valid_ones() {
    let s = Sandbox::with_profile();
    let err = s.refused(
        &words("add --kind grant-application --title Proposal --role reviewer"),
        &["--role", "\"reviewer\"", "lead, co-applicant, contributor"],
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    s.refused(
        &words("add --kind committee --title Board --scope galactic"),
        &[
            "--scope",
            "\"galactic\"",
            "local, institutional, national, international",
        ],
    );
}

#[test]
fn roles_and_scopes_are_stored_as_the_vocabulary_spells_them() {
    let s = Sandbox::with_profile();
    let id = s.add(&[
        "--kind",
        "grant-application",
        "--title",
        "Core equipment bid",
        "--role",
        "Lead applicant",
    ]);
    let committee = s.add(&[
        "--kind",
        "committee",
        "--title",
        "Euro-BioImaging board",
        "--role",
        "Chair",
        "--scope",
        "International",
    ]);
    let j = s.journal();
    let grant = j.entry(&id).expect("the grant");
    assert_eq!(grant.role.as_deref(), Some("lead"));
    let c = j.entry(&committee).expect("the committee");
    assert_eq!(
        (c.role.as_deref(), c.scope.as_deref()),
        (Some("chair"), Some("international"))
    );
    assert_eq!(
        c.metrics,
        ["acad.committees"],
        "an international committee is A.g"
    );

    // A local user committee is service to users, not a strategy committee.
    let local = s.add_entry("committee", "User group", "--role member --scope local");
    assert_eq!(
        s.journal().entry(&local).expect("entry").metrics,
        ["fac.user-base"]
    );
    let shown = s.ok(&["show", &local]);
    assert!(
        shown.contains("Member") && shown.contains("Local"),
        "{shown}"
    );
}

#[test]
fn a_future_date_needs_planned_and_is_never_counted() {
    let s = Sandbox::with_profile();
    let err = s.refused(
        &words("add --kind event-organised --title Workshop --date 2027-02-01"),
        &["--date", "2027-02-01", "--planned", TODAY],
    );
    assert_eq!(err.lines().count(), 1);
    let id = s.add_entry(
        "event-organised",
        "Workshop",
        "--date 2027-02-01 --planned --role lead-organiser --scope international",
    );
    assert!(s.journal().entry(&id).is_some());
    let m = s.json(&words(
        "metrics --from 2026-01-01 --to 2027-12-31 --format json",
    ));
    assert_eq!(m["entries"], 0, "a planned entry is not counted");
    let p = s.json(&words("progress --tier senior-scientist --format json"));
    assert!(
        status_of(&p, "senior-scientist/international-courses")["evidence"]
            .as_array()
            .expect("array")
            .is_empty()
    );
    let list = s.ok(&["list"]);
    assert!(list.contains("Planned"), "{list}");
}

#[test]
fn techniques_are_spelled_one_way_and_unknown_ones_are_not_counted() {
    let s = Sandbox::with_profile();
    let a = s.add_entry("user-training", "LSFM 1:1", "--technique LSFM");
    assert_eq!(
        s.journal().entry(&a).expect("entry").techniques,
        ["light-sheet"]
    );
    let out = s.run(&words(
        "add --kind user-training --title Odd --technique lightshet",
    ));
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did you mean light-sheet") && stderr.contains("not counted"),
        "{stderr}"
    );
    s.add_entry("user-training", "Brillouin demo", "--technique Brillouin");
    let p = s.json(&["progress", "--format", "json"]);
    let multi = status_of(&p, "scientist/multi-technique");
    assert_eq!(multi["measured"], 1.0, "{multi}");
    assert_eq!(multi["measured_names"][0], "Light-sheet");

    let check = s.run(&["check"]);
    let note = String::from_utf8_lossy(&check.stderr);
    assert!(
        note.contains("\"Brillouin\"") && note.contains("technique add"),
        "{note}"
    );

    s.ok(&["technique", "add", "Brillouin"]);
    let p = s.json(&["progress", "--format", "json"]);
    assert_eq!(status_of(&p, "scientist/multi-technique")["measured"], 2.0);
    s.refused(
        &["technique", "add", "light sheet"],
        &["already counted as light-sheet"],
    );
}

#[test]
fn an_old_free_text_role_is_role_not_given_and_listed_by_check() {
    let s = Sandbox::with_profile();
    let id = s.add_entry("grant-application", "Old bid", "");
    let mut j = s.journal_json();
    for e in j["entries"].as_array_mut().expect("entries") {
        if e["id"] == id.as_str() {
            e["role"] = "technical specification".into();
        }
    }
    s.write_journal(&j);
    let shown = s.ok(&["show", &id]);
    assert!(shown.contains("role not given"), "{shown}");
    let out = s.run(&["check"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("technical specification") && stderr.contains("lead, co-applicant"),
        "{stderr}"
    );
}

#[test]
fn progress_as_of_a_day_and_since_the_last_appraisal() {
    let s = Sandbox::with_profile();
    s.ok(&words("profile --last-appraisal 2026-03-01"));
    for date in ["2025-06-01", "2026-06-01"] {
        s.add_entry(
            "event-organised",
            "Course",
            &format!("--date {date} --role co-organiser --scope national"),
        );
    }
    let then = s.json(&words("progress --as-of 2026-02-01 --format json"));
    assert_eq!(then["as_of"], "2026-02-01");
    assert_eq!(status_of(&then, "scientist/courses")["status"], "partial");
    let now = s.json(&["progress", "--format", "json"]);
    assert_eq!(status_of(&now, "scientist/courses")["status"], "met");
    let change = by_id(&now["since_last_appraisal"], "scientist/courses");
    assert_eq!(
        (change["before"].as_str(), change["after"].as_str()),
        (Some("partial"), Some("met"))
    );
    assert_eq!(change["entries"].as_array().expect("entries").len(), 1);
    let table = s.ok(&["progress"]);
    assert!(
        table.contains("At your last appraisal (2026-03-01)"),
        "{table}"
    );
    s.refused(
        &words("progress --as-of 2027-01-01"),
        &["--as-of", "2027-01-01", "today"],
    );
}

#[test]
fn a_framework_whose_ladder_falls_is_warned_with_both_expectations() {
    let s = Sandbox::with_profile();
    let mut f = framework_json();
    for tier in f["tiers"].as_array_mut().expect("tiers") {
        for exp in tier["expectations"].as_array_mut().expect("expectations") {
            if exp["id"] == "facility-director/leadership" {
                exp["rule"]["min"] = 1.into();
            }
        }
    }
    let path = s.path("ladder.json");
    write_json(&path, &f);
    let out = s.run(&["--framework", path.to_str().expect("utf-8"), "progress"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("facility-director/leadership")
            && stderr.contains("facility-manager/leadership"),
        "{stderr}"
    );
}
