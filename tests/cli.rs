//! The command line as a user meets it: the first-time flow of issue #3, every bad input it
//! names (refused with one line, the journal untouched), and the files corepath refuses to open.

mod common;

use clap::CommandFactory;
use common::{INIT_ADA, Sandbox, TODAY, by_id, find_mut, framework_json, words, write_json};
use predicates::prelude::*;
use serde_json::Value;

/// A journal after the first two `add`s: (sandbox, training id, publication id).
fn flow() -> (Sandbox, String, String) {
    let s = Sandbox::with_profile();
    let training = s.add_entry(
        "user-training",
        "Confocal 1:1",
        "--date 2026-03-02 --hours 3 --people 2 --technique confocal",
    );
    let publication = s.add_entry(
        "publication",
        "Mitochondria in motion",
        "--date 2026-05-10 --role co-author --credit methodology --doi 10.1038/s41592-021-01162-y",
    );
    assert_ne!(training, publication);
    (s, training, publication)
}

/// A change to the journal that is fine in itself: refused only when the journal is.
const ADD_SOP: [&str; 5] = ["add", "--kind", "sop", "--title", "x"];

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected an array, got {v}"))
        .iter()
        .map(|x| x.as_str().expect("a string"))
        .collect()
}

/// The `id` of every item of a JSON array.
fn ids(array: &Value) -> Vec<&str> {
    array
        .as_array()
        .unwrap_or_else(|| panic!("expected an array, got {array}"))
        .iter()
        .map(|x| x["id"].as_str().expect("an id"))
        .collect()
}

fn status_of<'a>(progress: &'a Value, id: &str) -> &'a Value {
    by_id(&progress["expectations"], id)
}

/// The bundled framework with `edit` made to it, written to `my-institution.json` in the sandbox:
/// its path, for `--framework`.
fn institution_framework(s: &Sandbox, edit: impl FnOnce(&mut Value)) -> String {
    let mut f = framework_json();
    edit(&mut f);
    let path = s.path("my-institution.json");
    write_json(&path, &f);
    path.to_str().expect("utf-8").to_string()
}

// ---------------------------------------------------------------------------------------------
// The first-time flow
// ---------------------------------------------------------------------------------------------

#[test]
fn init_creates_the_journal_and_profile() {
    let s = Sandbox::new();
    s.cmd()
        .args(INIT_ADA)
        .args(words(
            "--orcid https://orcid.org/0000-0002-1825-0097 --since 2024-09-01 --experience 6",
        ))
        .assert()
        .success()
        .stdout(predicate::str::contains("Ada Lovelace"))
        .stdout(predicate::str::contains("Support Scientist"))
        .stdout(predicate::str::contains("corepath add"));
    let j = s.journal_json();
    assert_eq!(j["format"], "corepath-journal");
    assert_eq!(j["version"], 1);
    assert_eq!(j["entries"], serde_json::json!([]));
    let p = s.json(&["profile", "--format", "json"]);
    assert_eq!(p["name"], "Ada Lovelace");
    assert_eq!(p["tier"], "support-scientist");
    assert_eq!(p["qualification"], "postgraduate");
    assert_eq!(p["orcid"], "0000-0002-1825-0097", "the ORCID is normalised");
    assert_eq!(p["tier_since"], "2024-09-01");
    assert_eq!(p["experience_years"], 6.0);
}

#[test]
fn add_prints_an_id_and_list_shows_the_entries() {
    let (s, training, publication) = flow();
    let list = s.json(&["list", "--format", "json"]);
    let items = list.as_array().expect("array");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["id"], publication.as_str(), "newest first");
    assert_eq!(items[1]["id"], training.as_str());

    let t = by_id(&list, &training);
    assert_eq!(t["kind"], "user-training");
    assert_eq!(t["title"], "Confocal 1:1");
    assert_eq!(t["date"], "2026-03-02");
    assert_eq!(t["hours"], 3.0);
    assert_eq!(t["people"], 2);
    assert_eq!(strings(&t["techniques"]), ["confocal"]);
    assert_eq!(
        strings(&t["metrics"]),
        ["fac.training"],
        "the kind's metrics"
    );
    assert_eq!(t["highlight"], false);
    assert!(t["created"].is_string() && t["updated"].is_string());

    let p = by_id(&list, &publication);
    assert_eq!(p["kind"], "publication");
    assert_eq!(p["role"], "co-author");
    assert_eq!(strings(&p["credit"]), ["methodology"]);
    assert_eq!(strings(&p["metrics"]), ["acad.publications"]);
    assert_eq!(
        p["evidence"],
        serde_json::json!([{ "type": "doi", "value": "10.1038/s41592-021-01162-y" }])
    );

    let table = s.ok(&["list"]);
    assert!(table.contains(&training) && table.contains(&publication));
    assert!(table.contains("Confocal 1:1") && table.contains("Mitochondria in motion"));
    assert!(table.contains("2 entries"), "{table}");
}

#[test]
fn add_defaults_the_date_to_today_and_strips_a_doi_resolver() {
    let s = Sandbox::with_profile();
    let id = s.add_entry(
        "publication",
        "Paper",
        "--role acknowledged --doi https://doi.org/10.5281/zenodo.10200758 --star",
    );
    let e = s.json(&["show", &id, "--format", "json"]);
    assert_eq!(e["date"], TODAY);
    assert_eq!(e["evidence"][0]["value"], "10.5281/zenodo.10200758");
    assert_eq!(e["highlight"], true);
}

#[test]
fn show_prints_one_entry_in_full() {
    let (s, training, _) = flow();
    let e = s.json(&["show", &training, "--format", "json"]);
    assert_eq!(e["id"], training.as_str());
    assert_eq!(e["title"], "Confocal 1:1");
    let text = s.ok(&["show", &training]);
    for want in [
        &training[..],
        "Confocal 1:1",
        "2026-03-02",
        "confocal",
        "F.c",
    ] {
        assert!(text.contains(want), "show should mention {want:?}:\n{text}");
    }
    // A unique prefix is enough.
    let e = s.json(&["show", &training[..5], "--format", "json"]);
    assert_eq!(e["id"], training.as_str());
}

#[test]
fn edit_changes_only_what_is_given() {
    let (s, training, _) = flow();
    let before = s.json(&["show", &training, "--format", "json"]);
    let out = s.ok(&["edit", &training, "--hours", "4"]);
    assert_eq!(out.trim(), training);
    let after = s.json(&["show", &training, "--format", "json"]);
    assert_eq!(after["hours"], 4.0);
    for field in [
        "title",
        "date",
        "kind",
        "people",
        "techniques",
        "metrics",
        "created",
    ] {
        assert_eq!(after[field], before[field], "{field} should not change");
    }
    assert_ne!(after["updated"], before["updated"], "updated is bumped");
}

#[test]
fn edit_metrics_kind_and_clear() {
    let (s, training, _) = flow();
    s.ok(&["edit", &training, "--metric", "fac.user-base"]);
    let e = s.json(&["show", &training, "--format", "json"]);
    assert_eq!(strings(&e["metrics"]), ["fac.training", "fac.user-base"]);
    s.ok(&["edit", &training, "--no-metric", "fac.training"]);
    let e = s.json(&["show", &training, "--format", "json"]);
    assert_eq!(strings(&e["metrics"]), ["fac.user-base"]);
    s.ok(&["edit", &training, "--kind", "teaching", "--clear", "hours"]);
    let e = s.json(&["show", &training, "--format", "json"]);
    assert_eq!(e["kind"], "teaching");
    assert_eq!(
        strings(&e["metrics"]),
        ["acad.teaching"],
        "a new kind resets the metrics"
    );
    assert!(e.get("hours").is_none(), "hours cleared: {e}");
    assert_eq!(e["people"], 2);
}

#[test]
fn star_and_unstar() {
    let (s, training, publication) = flow();
    s.cmd()
        .args(["star", &training])
        .assert()
        .success()
        .stdout(predicate::str::contains(training.as_str()));
    let starred = s.json(&["list", "--starred", "--format", "json"]);
    assert_eq!(starred.as_array().expect("array").len(), 1);
    assert_eq!(starred[0]["id"], training.as_str());
    assert_eq!(
        by_id(&s.json(&["list", "--format", "json"]), &publication)["highlight"],
        false
    );
    let m = s.json(&["metrics", "--from", "2026-01-01", "--format", "json"]);
    assert_eq!(m["highlights"], 1);
    s.ok(&["unstar", &training]);
    let e = s.json(&["show", &training, "--format", "json"]);
    assert_eq!(e["highlight"], false);
}

#[test]
fn rm_deletes_one_entry_and_keeps_a_backup() {
    let (s, training, publication) = flow();
    let out = s.ok(&["rm", &training]);
    assert!(
        out.contains(&training) && out.contains("Confocal 1:1"),
        "{out}"
    );
    let list = s.json(&["list", "--format", "json"]);
    assert_eq!(list.as_array().expect("array").len(), 1);
    assert_eq!(list[0]["id"], publication.as_str());
    let backup: Value =
        serde_json::from_slice(&std::fs::read(s.path("journal.json.bak")).expect("backup"))
            .expect("backup is JSON");
    assert_eq!(backup["entries"].as_array().expect("array").len(), 2);
    s.refused(
        &["show", &training],
        &["entry id", &format!("\"{training}\"")],
    );
}

#[test]
fn list_filters() {
    let (s, training, publication) = flow();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        s.json(&all)
            .as_array()
            .expect("array")
            .iter()
            .map(|e| e["id"].as_str().expect("id").to_string())
            .collect()
    };
    assert_eq!(ids(&["--kind", "publication"]), vec![publication.clone()]);
    assert_eq!(ids(&["--metric", "fac.training"]), vec![training.clone()]);
    assert_eq!(ids(&["--search", "CONFOCAL"]), vec![training.clone()]);
    assert_eq!(ids(&["--from", "2026-04-01"]), vec![publication]);
    assert_eq!(ids(&["--to", "2026-04-01"]), vec![training]);
    assert!(ids(&["--from", "2026-05-11"]).is_empty());
    s.cmd()
        .args(["list", "--kind", "sop"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No entries"));
}

#[test]
fn metrics_counts_the_period() {
    let (s, _, _) = flow();
    let m = s.json(&words(
        "metrics --from 2026-01-01 --to 2026-12-31 --format json",
    ));
    assert_eq!(m["period"]["from"], "2026-01-01");
    assert_eq!(
        m["period"]["to"], TODAY,
        "a period is cut at today: nothing planned is counted"
    );
    assert_eq!(m["entries"], 2);
    assert_eq!(m["hours"], 3.0);
    assert_eq!(m["people"], 2);
    assert_eq!(m["highlights"], 0);
    let rows = m["metrics"].as_array().expect("array");
    assert_eq!(rows.len(), 21, "one row per metric of the framework");
    let training = by_id(&m["metrics"], "fac.training");
    assert_eq!(training["code"], "F.c");
    assert_eq!(training["group"], "facility");
    assert_eq!(training["entries"], 1);
    assert_eq!(training["hours"], 3.0);
    assert_eq!(training["people"], 2);
    let publications = by_id(&m["metrics"], "acad.publications");
    assert_eq!(publications["group"], "academic");
    assert_eq!(publications["entries"], 1);
    assert_eq!(by_id(&m["metrics"], "acad.grants")["entries"], 0);
    assert_eq!(m["recognition"]["co_author"], 1);
    assert_eq!(m["recognition"]["acknowledged"], 0);
    assert_eq!(m["recognition"]["not_recognised"], 0);

    let spring = s.json(&words(
        "metrics --from 2026-04-01 --to 2026-12-31 --format json",
    ));
    assert_eq!(spring["entries"], 1);
    assert_eq!(by_id(&spring["metrics"], "fac.training")["entries"], 0);

    let table = s.ok(&["metrics", "--from", "2026-01-01", "--to", "2026-12-31"]);
    for want in [
        "Academic metrics",
        "Core facility metrics",
        "F.c",
        "A.a",
        "co-authored",
    ] {
        assert!(
            table.contains(want),
            "metrics table lacks {want:?}:\n{table}"
        );
    }
}

#[test]
fn progress_toward_the_next_tier() {
    let (s, training, _) = flow();
    let p = s.json(&["progress", "--format", "json"]);
    assert_eq!(p["current_tier"], "support-scientist");
    assert_eq!(p["tier"], "scientist", "the tier above the profile's");
    assert_eq!(p["title"], "Scientist");
    assert_eq!(p["as_of"], TODAY);
    let exps = p["expectations"].as_array().expect("array");
    assert_eq!(p["total"], exps.len());
    let met = exps
        .iter()
        .filter(|e| e["status"] == "met" || e["status"] == "self-assessed")
        .count();
    assert_eq!(p["met"], met);
    assert_eq!(
        p["partial"],
        exps.iter().filter(|e| e["status"] == "partial").count()
    );
    for e in exps {
        assert!(e["id"].as_str().expect("id").starts_with("scientist/"));
        for field in [
            "text",
            "status",
            "rule",
            "evidence",
            "missing",
            "suggestion",
        ] {
            assert!(e.get(field).is_some(), "{field} missing in {e}");
        }
    }
    let q = status_of(&p, "scientist/qualification");
    assert_eq!(
        q["status"], "met",
        "postgraduate meets the Scientist minimum"
    );
    assert_eq!(q["missing"], "");
    let multi = status_of(&p, "scientist/multi-technique");
    assert_eq!(multi["status"], "partial");
    assert_eq!(multi["measured"], 1.0);
    assert_eq!(multi["needed"], 4.0);
    assert_eq!(strings(&multi["evidence"]), [training.as_str()]);
    assert!(!multi["missing"].as_str().expect("missing").is_empty());
    let courses = status_of(&p, "scientist/courses");
    assert_eq!(courses["status"], "missing");
    assert_eq!(courses["evidence"], serde_json::json!([]));

    let table = s.ok(&["progress"]);
    assert!(table.contains("Toward Scientist"), "{table}");
    assert!(table.contains(&training), "evidence is listed:\n{table}");

    // Two courses in the window meet scientist/courses.
    for date in ["2025-01-10", "2026-06-01"] {
        s.add_entry(
            "event-organised",
            "Light-sheet course",
            &format!("--date {date} --role co-organiser --scope national"),
        );
    }
    let p = s.json(&["progress", "--format", "json"]);
    assert_eq!(status_of(&p, "scientist/courses")["status"], "met");

    let named = s.json(&["progress", "--tier", "senior-scientist", "--format", "json"]);
    assert_eq!(named["tier"], "senior-scientist");
    assert_eq!(named["current_tier"], "support-scientist");
}

#[test]
fn bare_command_without_a_terminal_says_what_to_do() {
    // Without a subcommand corepath opens the terminal app; with no terminal (a script, a pipe)
    // it must say so in one line rather than hang or garble the output.
    let (s, _, _) = flow();
    s.refused(&[], &["terminal", "subcommand"]);
}

#[test]
fn cpd_checks_the_four_standards_over_the_last_twelve_months() {
    let (s, _, publication) = flow();
    let c = s.json(&["cpd", "--format", "json"]);
    assert_eq!(c["period"]["from"], "2025-11-26");
    assert_eq!(c["period"]["to"], TODAY);
    assert_eq!(
        c["entries"], 0,
        "a publication or a training session is CPD only once reflected on"
    );
    assert_eq!(
        ids(&c["standards"]),
        ["continuous", "mix", "practice-benefit", "user-benefit"]
    );
    for st in c["standards"].as_array().expect("array") {
        assert_eq!(st["met"], false, "{st}");
        assert!(!st["missing"].as_array().expect("array").is_empty());
    }
    assert_eq!(by_id(&c["categories"], "formal")["entries"], 0);

    // Reflections on the publication make it CPD (formal: writing papers) and meet 3 and 4.
    s.ok(&[
        "edit",
        &publication,
        "--practice",
        "Learned to quantify motion",
        "--users",
        "Users got a pipeline",
    ]);
    let c = s.json(&["cpd", "--format", "json"]);
    assert_eq!(by_id(&c["standards"], "practice-benefit")["met"], true);
    assert_eq!(by_id(&c["standards"], "user-benefit")["met"], true);
    assert_eq!(by_id(&c["standards"], "mix")["met"], false);

    let table = s.ok(&["cpd"]);
    assert!(table.contains("CPD standards"), "{table}");
}

#[test]
fn time_splits_hours_by_area_against_the_target() {
    let (s, _, _) = flow();
    s.add_entry("instrument-qc", "PSF check", "--date 2026-06-01 --hours 1");
    s.ok(&words(
        "profile --allocation service=50 --allocation operations=25 --allocation development=10 \
         --allocation own-development=10 --allocation community=5",
    ));
    let t = s.json(&["time", "--from", "2026-01-01", "--format", "json"]);
    assert_eq!(t["hours"], 4.0);
    assert_eq!(t["entries_with_hours"], 2);
    assert_eq!(t["entries_without_hours"], 1);
    let service = by_id(&t["areas"], "service");
    assert_eq!(service["hours"], 3.0);
    assert_eq!(service["share"], 75.0);
    assert_eq!(service["target"], 50.0);
    let ops = by_id(&t["areas"], "operations");
    assert_eq!(ops["hours"], 1.0);
    assert_eq!(ops["share"], 25.0);
    assert_eq!(ops["target"], 25.0);
    assert_eq!(by_id(&t["areas"], "community")["hours"], 0.0);
    let table = s.ok(&["time", "--from", "2026-01-01"]);
    assert!(
        table.contains("Service") && table.contains("75%"),
        "{table}"
    );
}

#[test]
fn goals_add_list_done() {
    let s = Sandbox::with_profile();
    let id = s.add_goal(
        "Run a light-sheet course",
        "--expectation scientist/courses --due 2027-03-01",
    );
    let goals = s.json(&["goal", "list", "--format", "json"]);
    let g = by_id(&goals, &id);
    assert_eq!(g["title"], "Run a light-sheet course");
    assert_eq!(g["expectation"], "scientist/courses");
    assert_eq!(g["due"], "2027-03-01");
    assert_eq!(g["done"], false);
    let table = s.ok(&["goal", "list"]);
    assert!(table.contains(&id) && table.contains("open"), "{table}");
    s.ok(&["goal", "done", &id]);
    let goals = s.json(&["goal", "list", "--format", "json"]);
    assert_eq!(by_id(&goals, &id)["done"], true);
    s.ok(&["goal", "reopen", &id]);
    assert_eq!(
        by_id(&s.json(&["goal", "list", "--format", "json"]), &id)["done"],
        false
    );
    s.ok(&["goal", "rm", &id]);
    assert_eq!(
        s.json(&["goal", "list", "--format", "json"]),
        serde_json::json!([])
    );
}

#[test]
fn check_passes_on_a_sound_journal() {
    let (s, _, _) = flow();
    s.add_goal("Course", "--expectation scientist/courses");
    s.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("sound"))
        .stdout(predicate::str::contains("2 entries"))
        .stdout(predicate::str::contains("1 goals"));
}

#[test]
fn check_fails_on_a_journal_that_breaks_the_rules() {
    let (s, _, _) = flow();
    let mut j = s.journal_json();
    j["entries"][0]["kind"] = "lecture".into();
    j["entries"][1]["id"] = j["entries"][0]["id"].clone();
    s.write_journal(&j);
    s.cmd()
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("lecture"))
        .stderr(predicate::str::contains("used twice"));
}

#[test]
fn framework_prints_the_active_framework() {
    let s = Sandbox::new();
    let f = s.json(&["framework"]);
    assert_eq!(f["format"], "corepath-framework");
    assert_eq!(f["metrics"].as_array().expect("array").len(), 21);
    assert_eq!(
        ids(&f["tiers"]),
        [
            "scientific-officer",
            "support-scientist",
            "scientist",
            "senior-scientist",
            "facility-manager",
            "facility-director",
            "core-administrator"
        ]
    );
    let kinds = ids(&f["kinds"]);
    for k in words(
        "publication presentation grant-application teaching supervision grant-review \
         peer-review committee event-organised user-training project-support instrument-qc \
         sop utilisation-report finance feedback technology-development industry-partnership \
         outreach networking society-role leadership procurement cpd-course cpd-conference \
         job-shadowing mentoring",
    ) {
        assert!(kinds.contains(&k), "kind {k} missing");
    }
    // What `framework` prints is itself a framework corepath accepts.
    let copy = s.path("printed.json");
    std::fs::write(&copy, s.ok(&["framework"])).expect("write");
    let again = s.json(&["--framework", copy.to_str().expect("utf-8"), "framework"]);
    assert_eq!(again, f);
}

#[test]
fn an_institution_framework_changes_the_assessment() {
    let s = Sandbox::with_profile();
    s.add_entry(
        "event-organised",
        "Course",
        "--date 2026-06-01 --role lead-organiser --scope local",
    );
    let p = s.json(&["progress", "--format", "json"]);
    assert_eq!(status_of(&p, "scientist/courses")["status"], "partial");

    let path = institution_framework(&s, |f| {
        let tier = find_mut(&mut f["tiers"], "id", "scientist");
        let exp = find_mut(&mut tier["expectations"], "id", "scientist/courses");
        exp["rule"]["min"] = 1.into();
        exp["rule"]["basis"] = "Institute policy 2026".into();
    });
    let p = s.json(&["--framework", &path, "progress", "--format", "json"]);
    let courses = status_of(&p, "scientist/courses");
    assert_eq!(courses["status"], "met");
    assert!(
        courses["rule"]
            .as_str()
            .expect("rule")
            .contains("Institute policy 2026"),
        "{courses}"
    );
}

#[test]
fn profile_shows_and_changes() {
    let s = Sandbox::with_profile();
    let out = s.ok(&["profile"]);
    assert!(
        out.contains("Ada Lovelace") && out.contains("Support Scientist"),
        "{out}"
    );
    s.ok(&[
        "profile",
        "--facility",
        "Imaging Core — Zürich",
        "--experience",
        "6.5",
        "--next-appraisal",
        "2027-03-15",
        "--last-appraisal",
        "2026-03-10",
        "--management",
        "no",
    ]);
    let p = s.json(&["profile", "--format", "json"]);
    assert_eq!(p["facility"], "Imaging Core — Zürich");
    assert_eq!(p["experience_years"], 6.5);
    assert_eq!(p["next_appraisal"], "2027-03-15");
    assert_eq!(p["last_appraisal"], "2026-03-10");
    assert_eq!(p["management_experience"], false);
    assert_eq!(p["name"], "Ada Lovelace", "untouched fields stay");
    // The metric period defaults to "since the last appraisal".
    let m = s.json(&["metrics", "--format", "json"]);
    assert_eq!(m["period"]["from"], "2026-03-10");
    s.refuses_each(&[
        (
            "profile --allocation service=50 --allocation community=20",
            &["allocation", "70", "100%"],
        ),
        (
            "profile --allocation service",
            &["--allocation", "\"service\"", "AREA=PERCENT"],
        ),
        (
            "profile --allocation lunch=100",
            &["allocation", "\"lunch\"", "expected"],
        ),
        (
            "profile --management maybe",
            &["--management", "\"maybe\"", "yes or no"],
        ),
        ("profile --tier wizard", &["tier", "\"wizard\"", "expected"]),
    ]);
}

#[test]
fn self_assess_marks_an_expectation_and_progress_says_so() {
    let s = Sandbox::with_profile();
    let why = "Led the facility's move to the new building";
    s.cmd()
        .args([
            "self-assess",
            "senior-scientist/leadership-skills",
            "--why",
            why,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "senior-scientist/leadership-skills",
        ));
    let p = s.json(&["progress", "--tier", "senior-scientist", "--format", "json"]);
    let e = status_of(&p, "senior-scientist/leadership-skills");
    assert_eq!(e["status"], "self-assessed");
    assert_eq!(e["justification"], why);
    assert_eq!(
        e["evidence"],
        serde_json::json!([]),
        "never shown as evidenced"
    );
    s.ok(&words(
        "self-assess senior-scientist/leadership-skills --clear",
    ));
    let p = s.json(&["progress", "--tier", "senior-scientist", "--format", "json"]);
    assert_eq!(
        status_of(&p, "senior-scientist/leadership-skills")["status"],
        "missing"
    );
    s.refused(
        &["self-assess", "scientist/courses", "--why", "trust me"],
        &["expectation", "\"scientist/courses\"", "self-assessed"],
    );
    s.refused(
        &["self-assess", "scientist/nope", "--why", "x"],
        &["expectation", "\"scientist/nope\"", "expected"],
    );
    s.refused(
        &[
            "self-assess",
            "senior-scientist/leadership-skills",
            "--why",
            "  ",
        ],
        &["--why", "expected"],
    );
}

#[test]
fn completions_for_bash_zsh_fish() {
    let s = Sandbox::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = s.ok(&["completions", shell]);
        assert!(out.len() > 500, "{shell} completions are too short");
        for want in ["corepath", "progress", "journal", "self-assess"] {
            assert!(out.contains(want), "{shell} completions lack {want:?}");
        }
    }
    s.cmd().args(["completions", "tcsh"]).assert().failure();
}

#[test]
fn every_subcommand_help_shows_an_example() {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            out.push(p.clone());
            walk(sub, p, out);
        }
    }
    let mut commands = vec![Vec::new()];
    walk(&corepath::cli::Cli::command(), Vec::new(), &mut commands);
    assert!(commands.len() > 20, "{commands:?}");
    let s = Sandbox::new();
    let mut without = Vec::new();
    for path in &commands {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = s.ok(&args);
        if !out.contains("Example") {
            without.push(path.join(" "));
        }
    }
    assert!(
        without.is_empty(),
        "`--help` shows no example for: corepath {}",
        without.join(", corepath ")
    );
}

#[test]
fn journal_flag_overrides_the_environment() {
    let s = Sandbox::with_profile();
    let other = s.path("other.json");
    let other_str = other.to_str().expect("utf-8");
    s.ok(&[
        "--journal",
        other_str,
        "init",
        "--name",
        "Grace Hopper",
        "--tier",
        "scientist",
    ]);
    s.ok(&[
        "--journal",
        other_str,
        "add",
        "--kind",
        "sop",
        "--title",
        "Laser safety",
    ]);
    let theirs = s.json(&["--journal", other_str, "list", "--format", "json"]);
    assert_eq!(theirs.as_array().expect("array").len(), 1);
    let ours = s.json(&["list", "--format", "json"]);
    assert_eq!(ours, serde_json::json!([]));
}

#[test]
fn demo_works_on_a_copy_and_leaves_the_journal_alone() {
    let s = Sandbox::new();
    let p = s.json(&["--demo", "progress", "--format", "json"]);
    assert!(p["expectations"].as_array().is_some_and(|e| !e.is_empty()));
    s.ok(&[
        "--demo",
        "add",
        "--kind",
        "sop",
        "--title",
        "Only in the demo",
    ]);
    s.ok(&["--demo", "check"]);
    assert!(
        !s.journal.exists(),
        "--demo must not create the user's journal"
    );
}

#[test]
fn a_closed_stdout_does_not_panic() {
    let (s, _, _) = flow();
    let mut child = common::process(&s.journal)
        .args(["framework"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// Bad input: non-zero exit, one line naming the field, the value and what is expected, and the
// journal byte-for-byte unchanged. Each test is a table: a command line, and what its refusal
// must name.
// ---------------------------------------------------------------------------------------------

#[test]
fn refuses_an_impossible_date() {
    let (s, training, _) = flow();
    s.refuses_each(&[
        (
            "add --kind sop --title x --date 2026-02-30",
            &["--date", "\"2026-02-30\"", "expected", "date"],
        ),
        (
            &format!("edit {training} --date 2026-02-30"),
            &["--date", "\"2026-02-30\"", "expected"],
        ),
        (
            "metrics --from 2026-13-01",
            &["--from", "\"2026-13-01\"", "expected"],
        ),
        (
            "goal add --title x --due 2027-02-29",
            &["--due", "\"2027-02-29\"", "expected"],
        ),
    ]);
}

#[test]
fn refuses_a_malformed_date() {
    let s = Sandbox::with_profile();
    for bad in ["2026/03/02", "02-03-2026", "2026-3-2", "yesterday", ""] {
        s.refused(
            &["add", "--kind", "sop", "--title", "x", "--date", bad],
            &["--date", &format!("\"{bad}\""), "YYYY-MM-DD"],
        );
    }
    s.refuses_each(&[
        ("list --to soon", &["--to", "\"soon\"", "YYYY-MM-DD"]),
        (
            "cpd --from 2026-06-01 --to 2026-01-01",
            &["--to", "\"2026-01-01\"", "expected"],
        ),
    ]);
}

#[test]
fn refuses_an_unknown_kind() {
    let (s, training, _) = flow();
    s.refuses_each(&[
        (
            "add --kind lecture --title x",
            &["--kind", "\"lecture\"", "expected", "user-training"],
        ),
        (
            &format!("edit {training} --kind lecture"),
            &["--kind", "\"lecture\"", "expected"],
        ),
        (
            "list --kind lecture",
            &["--kind", "\"lecture\"", "expected"],
        ),
    ]);
}

#[test]
fn refuses_an_unknown_metric() {
    let (s, training, _) = flow();
    s.refuses_each(&[
        (
            "add --kind sop --title x --metric fac.nope",
            &["--metric", "\"fac.nope\"", "expected", "fac.training"],
        ),
        (
            &format!("edit {training} --no-metric fac.nope"),
            &["--no-metric", "\"fac.nope\"", "expected"],
        ),
        (
            "list --metric training",
            &["--metric", "\"training\"", "expected"],
        ),
    ]);
}

#[test]
fn refuses_an_unknown_tier() {
    let s = Sandbox::new();
    s.refused(
        &words("init --name Ada --tier wizard"),
        &["--tier", "\"wizard\"", "expected", "support-scientist"],
    );
    assert!(!s.journal.exists(), "a refused init writes nothing");
    Sandbox::with_profile().refuses_each(&[
        (
            "progress --tier wizard",
            &["--tier", "\"wizard\"", "expected", "senior-scientist"],
        ),
        (
            "init --name Ada --tier scientist --qualification wizardry",
            &["qualification", "\"wizardry\"", "expected"],
        ),
    ]);
}

#[test]
fn refuses_negative_or_silly_hours() {
    let (s, training, _) = flow();
    s.refuses_each(&[
        (
            "add --kind sop --title x --hours -2",
            &["--hours", "\"-2\"", "expected"],
        ),
        (
            &format!("edit {training} --hours -2"),
            &["--hours", "\"-2\"", "expected"],
        ),
    ]);
    for bad in ["NaN", "inf", "three", "1e9"] {
        s.refused(
            &["add", "--kind", "sop", "--title", "x", "--hours", bad],
            &["--hours", &format!("\"{bad}\""), "expected"],
        );
    }
}

#[test]
fn refuses_a_fractional_head_count() {
    let (s, training, _) = flow();
    s.refuses_each(&[
        (
            "add --kind user-training --title x --people 2.5",
            &["--people", "\"2.5\"", "expected", "whole number"],
        ),
        (
            &format!("edit {training} --people -1"),
            &["--people", "\"-1\"", "expected"],
        ),
    ]);
}

#[test]
fn refuses_a_doi_that_fails_syntax() {
    let s = Sandbox::with_profile();
    for bad in ["11.1000/xyz", "10.1038", "10.abc/def", "doi:10.1000/a b"] {
        s.refused(
            &["add", "--kind", "publication", "--title", "x", "--doi", bad],
            &["--doi", &format!("\"{bad}\""), "expected", "DOI"],
        );
    }
}

#[test]
fn refuses_an_orcid_whose_check_digit_fails() {
    let bad = ["--orcid", "\"0000-0002-1825-0098\"", "check digit"];
    Sandbox::with_profile().refuses_each(&[
        (
            "add --kind sop --title x --orcid 0000-0002-1825-0098",
            &[
                "--orcid",
                "\"0000-0002-1825-0098\"",
                "expected",
                "check digit",
            ],
        ),
        ("profile --orcid 0000-0002-1825-0098", &bad),
    ]);
    let fresh = Sandbox::new();
    fresh.refused(
        &words("init --name Ada --tier scientist --orcid 0000-0002-1825-0098"),
        &bad,
    );
    assert!(!fresh.journal.exists());
}

#[test]
fn refuses_an_unknown_entry_id() {
    let (s, _, _) = flow();
    let unknown_entry: &[&str] = &["entry id", "\"zzzzzzzz\"", "expected"];
    s.refuses_each(&[
        ("show zzzzzzzz", unknown_entry),
        ("edit zzzzzzzz --hours 1", unknown_entry),
        ("rm zzzzzzzz", unknown_entry),
        ("star zzzzzzzz", unknown_entry),
        ("unstar zzzzzzzz", unknown_entry),
        (
            "goal done zzzzzzzz",
            &["goal id", "\"zzzzzzzz\"", "expected"],
        ),
    ]);
}

#[test]
fn refuses_an_ambiguous_id_prefix() {
    let s = Sandbox::with_profile();
    let mut j = s.journal_json();
    let entry = |id: &str| {
        serde_json::json!({ "id": id, "date": "2026-01-01", "kind": "sop", "title": id,
            "metrics": [], "highlight": false,
            "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z" })
    };
    j["entries"] = serde_json::json!([entry("abcd1111"), entry("abcd2222")]);
    s.write_journal(&j);
    s.refused(&["rm", "abcd"], &["entry id", "\"abcd\"", "several"]);
    s.ok(&["rm", "abcd1"]);
}

/// Tests that are nothing but a table: for each test, a journal with the profile, and each
/// command line refused in one line that names every fragment, the journal unchanged.
macro_rules! refusals_on_a_profile {
    ($($test:ident { $($line:literal => [$($fragment:literal),+ $(,)?],)+ })+) => {
        $(
            #[test]
            fn $test() {
                Sandbox::with_profile().refuses_each(&[$(($line, &[$($fragment),+])),+]);
            }
        )+
    };
}

refusals_on_a_profile! {
    refuses_a_ror_whose_checksum_fails {
        "add --kind sop --title x --ror 05dxps056"
            => ["--ror", "\"05dxps056\"", "expected", "checksum"],
        "add --kind sop --title x --ror 15dxps055" => ["--ror", "\"15dxps055\"", "expected"],
    }
    refuses_a_malformed_rrid_and_url {
        "add --kind instrument-qc --title x --rrid SCR017105"
            => ["--rrid", "\"SCR017105\"", "expected", "RRID"],
        "add --kind sop --title x --url example.org" => ["--url", "\"example.org\"", "expected"],
    }
    refuses_an_unknown_expectation_in_a_goal {
        "goal add --title x --expectation scientist/nope"
            => ["--expectation", "\"scientist/nope\"", "expected"],
    }
    refuses_a_bad_cpd_category {
        "add --kind cpd-course --title x --cpd-category bogus"
            => ["--cpd-category", "\"bogus\"", "expected", "work-based"],
    }
    refuses_a_bad_credit_role {
        "add --kind publication --title x --role co-author --credit typing"
            => ["--credit", "\"typing\"", "expected", "methodology"],
    }
    refuses_a_publication_role_not_in_the_list {
        "add --kind publication --title x --role reviewer"
            => ["--role", "\"reviewer\"", "expected", "co-author"],
    }
}

#[test]
fn refuses_an_empty_title_or_area() {
    let s = Sandbox::with_profile();
    s.refused(
        &["add", "--kind", "sop", "--title", "  "],
        &["--title", "expected"],
    );
    s.refused(
        &words("add --kind sop --title x --area astrology"),
        &["--area", "\"astrology\"", "expected"],
    );
}

#[test]
fn refuses_to_add_without_a_journal() {
    let s = Sandbox::new();
    s.refused(&ADD_SOP, &["no journal", "corepath init"]);
    assert!(!s.journal.exists());
}

// ---------------------------------------------------------------------------------------------
// Files corepath refuses
// ---------------------------------------------------------------------------------------------

#[test]
fn a_journal_that_does_not_parse_is_named_and_never_overwritten() {
    let s = Sandbox::with_profile();
    // One change, so that a previous version exists to point to.
    s.add_entry("sop", "Confocal start-up SOP", "");
    let garbage =
        "{\n  \"format\": \"corepath-journal\",\n  \"version\": 1,\n  \"profile\": { oops }\n}\n";
    std::fs::write(&s.journal, garbage).expect("write");
    let line = s.refused(
        &ADD_SOP,
        &["journal.json", "line 4", "column", "journal.json.bak"],
    );
    assert!(
        line.contains("restore") || line.contains("backup") || line.contains("copy"),
        "{line}"
    );
    s.refused(&["list"], &["journal.json", "line 4"]);
    s.refused(&["check"], &["journal.json", "line 4"]);
    s.refused(&["star", "abc"], &["line 4"]);
    assert_eq!(std::fs::read_to_string(&s.journal).expect("read"), garbage);
}

#[test]
fn a_damaged_journal_without_a_backup_says_so() {
    let s = Sandbox::with_profile();
    std::fs::write(&s.journal, "{ oops").expect("write");
    let line = s.refused(&["list"], &["journal.json", "line 1", "no backup"]);
    assert!(!line.contains(".bak"), "{line}");
}

#[test]
fn a_journal_that_is_not_json_at_all() {
    let s = Sandbox::with_profile();
    std::fs::write(&s.journal, b"\x00\xffnot json").expect("write");
    s.refused(&ADD_SOP, &["journal.json", "line 1", "column"]);
    std::fs::write(&s.journal, b"").expect("write");
    s.refused(&ADD_SOP, &["journal.json", "line"]);
}

#[test]
fn a_newer_version_is_read_only() {
    let (s, training, _) = flow();
    let mut j = s.journal_json();
    j["version"] = 99.into();
    j["written_by"] = "corepath 9".into();
    s.write_journal(&j);
    for args in [
        ADD_SOP.to_vec(),
        vec!["edit", training.as_str(), "--hours", "1"],
        vec!["star", training.as_str()],
        vec!["rm", training.as_str()],
        vec!["goal", "add", "--title", "x"],
        vec!["profile", "--name", "Someone"],
    ] {
        s.refused(&args, &["journal.json", "newer", "99"]);
    }
    // Reading still works.
    let list = s.json(&["list", "--format", "json"]);
    assert_eq!(list.as_array().expect("array").len(), 2);
}

#[test]
fn a_newer_version_with_a_changed_shape_is_refused_clearly() {
    let (s, _, _) = flow();
    let mut j = s.journal_json();
    j["version"] = 99.into();
    j["entries"][0]["date"] = serde_json::json!({ "year": 2026, "month": 5 });
    s.write_journal(&j);
    s.refused(&ADD_SOP, &["newer", "99"]);
    s.refused(&["list"], &["newer", "99"]);
}

#[test]
fn a_json_file_of_another_format_is_refused() {
    let s = Sandbox::new();
    std::fs::write(
        &s.journal,
        b"{ \"format\": \"zotero-export\", \"version\": 1, \"items\": [] }\n",
    )
    .expect("write");
    s.refused(
        &ADD_SOP,
        &["journal.json", "not a corepath journal", "zotero-export"],
    );
    s.refused(&["list"], &["not a corepath journal"]);
    let s = Sandbox::with_profile();
    let mut j = s.journal_json();
    j["format"] = "something-else".into();
    s.write_journal(&j);
    s.refused(&ADD_SOP, &["not a corepath journal", "something-else"]);
}

#[test]
fn init_refuses_when_a_journal_exists() {
    let (s, _, _) = flow();
    s.refused(
        &["init", "--name", "Someone Else", "--tier", "scientist"],
        &["journal.json", "already exists"],
    );
}

#[test]
fn a_framework_with_an_unknown_kind_is_refused_with_its_path() {
    let (s, _, _) = flow();
    let path = institution_framework(&s, |f| {
        f["tiers"][3]["expectations"][3]["rule"]["kinds"][0] = "lecture".into();
    });
    for args in [
        vec!["--framework", &path, "progress"],
        vec!["--framework", &path, "add", "--kind", "sop", "--title", "x"],
        vec!["--framework", &path, "framework"],
    ] {
        s.refused(
            &args,
            &[
                "my-institution.json",
                "tiers[3].expectations[3].rule.kinds[0]",
                "unknown kind \"lecture\"",
            ],
        );
    }
}

#[test]
fn a_framework_with_a_misspelt_field_is_refused_naming_it() {
    let s = Sandbox::with_profile();
    let path = institution_framework(&s, |f| {
        let exp = f["tiers"][1]["expectations"][1]
            .as_object_mut()
            .expect("object");
        let suggestion = exp.remove("suggestion").expect("suggestion");
        exp.insert("sugestion".into(), suggestion);
    });
    s.refused(
        &["--framework", &path, "progress"],
        &["tiers[1].expectations[1]", "sugestion"],
    );
    let path = institution_framework(&s, |f| {
        let rule = f["tiers"][2]["expectations"][1]["rule"]
            .as_object_mut()
            .expect("object");
        let years = rule.remove("within_years").expect("within_years");
        rule.insert("within_yaers".into(), years);
    });
    s.refused(&["--framework", &path, "progress"], &["within_yaers"]);
}

#[test]
fn other_bad_frameworks_are_refused() {
    let s = Sandbox::with_profile();
    let path = institution_framework(&s, |f| {
        f["kinds"][0]["metrics"][0] = "acad.nope".into();
    });
    s.refused(
        &["--framework", &path, "progress"],
        &["kinds[0].metrics[0]", "acad.nope"],
    );
    let path = institution_framework(&s, |f| {
        f["tiers"][2]["expectations"][1]["id"] = "scientist/qualification".into();
    });
    s.refused(
        &["--framework", &path, "progress"],
        &["tiers[2].expectations[1].id", "duplicate"],
    );
    let path = s.path("broken.json");
    std::fs::write(&path, "{ \"format\": ").expect("write");
    s.refused(
        &["--framework", path.to_str().expect("utf-8"), "progress"],
        &["broken.json", "line 1"],
    );
    s.refused(
        &[
            "--framework",
            s.path("missing.json").to_str().expect("utf-8"),
            "progress",
        ],
        &["missing.json"],
    );
}

// ---------------------------------------------------------------------------------------------
// The JSON contract of the README: exactly these field names
// ---------------------------------------------------------------------------------------------

/// `value` is an object whose keys are all of `required` and otherwise only from `optional`
/// (each a list of field names separated by spaces).
fn assert_fields(what: &str, value: &Value, required: &str, optional: &str) {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{what}: expected an object, got {value}"));
    let (required, optional) = (words(required), words(optional));
    for key in &required {
        assert!(
            object.contains_key(*key),
            "{what}: missing {key:?} in {value}"
        );
    }
    for key in object.keys() {
        assert!(
            required.contains(&key.as_str()) || optional.contains(&key.as_str()),
            "{what}: undocumented field {key:?}"
        );
    }
}

/// Every item of a JSON array.
fn items(array: &Value) -> &Vec<Value> {
    array
        .as_array()
        .unwrap_or_else(|| panic!("expected an array, got {array}"))
}

#[test]
fn json_outputs_have_the_documented_fields() {
    let (s, training, publication) = flow();
    s.ok(&["star", &training]);
    s.ok(&words(&format!(
        "edit {publication} --practice p --users u --next n"
    )));
    s.add_goal("Course", "--expectation scientist/courses --due 2027-03-01");
    s.ok(&[
        "self-assess",
        "senior-scientist/leadership-skills",
        "--why",
        "Led the move",
    ]);
    s.ok(&words(
        "profile --allocation service=60 --allocation operations=40",
    ));

    const ENTRY: &str = "id date kind title metrics highlight created updated";
    const ENTRY_OPT: &str = "notes reflection cpd_category hours people role credit areas \
                             techniques tags evidence";
    for e in items(&s.json(&["list", "--format", "json"])) {
        assert_fields("list entry", e, ENTRY, ENTRY_OPT);
    }
    let shown = s.json(&["show", &publication, "--format", "json"]);
    assert_fields("show", &shown, ENTRY, ENTRY_OPT);
    assert_fields(
        "reflection",
        &shown["reflection"],
        "",
        "practice users next",
    );
    assert_fields("evidence", &shown["evidence"][0], "type value", "");

    let m = s.json(&["metrics", "--from", "2026-01-01", "--format", "json"]);
    assert_fields(
        "metrics",
        &m,
        "period entries hours people highlights metrics by_month recognition",
        "",
    );
    assert_fields("period", &m["period"], "from to", "");
    for row in items(&m["metrics"]) {
        assert_fields(
            "metric row",
            row,
            "id code group label entries hours usage_hours people highlights",
            "",
        );
        assert!(row["group"] == "academic" || row["group"] == "facility");
    }
    for month in items(&m["by_month"]) {
        assert_fields("by_month", month, "month entries", "");
    }
    assert_fields(
        "recognition",
        &m["recognition"],
        "co_author acknowledged data_contributor not_recognised unspecified",
        "",
    );

    let p = s.json(&["progress", "--tier", "senior-scientist", "--format", "json"]);
    assert_fields(
        "progress",
        &p,
        "current_tier tier title as_of expectations met self_assessed partial missing total",
        "since_last_appraisal",
    );
    let statuses = ["met", "partial", "missing", "self-assessed"];
    for e in items(&p["expectations"]) {
        assert_fields(
            "expectation",
            e,
            "id text status rule evidence missing suggestion",
            "measured needed unit measured_names uncounted parts justification",
        );
        assert!(
            statuses.contains(&e["status"].as_str().expect("status")),
            "{e}"
        );
    }

    let c = s.json(&["cpd", "--format", "json"]);
    assert_fields("cpd", &c, "period entries hours standards categories", "");
    for st in items(&c["standards"]) {
        assert_fields("standard", st, "id title met detail missing", "");
    }
    for cat in items(&c["categories"]) {
        assert_fields("category", cat, "id label entries hours", "");
    }

    let t = s.json(&["time", "--format", "json"]);
    assert_fields(
        "time",
        &t,
        "period hours entries_with_hours entries_without_hours areas",
        "",
    );
    for a in items(&t["areas"]) {
        assert_fields("area", a, "id label hours share", "target");
    }

    for g in items(&s.json(&["goal", "list", "--format", "json"])) {
        assert_fields("goal", g, "id title done created", "expectation due");
    }
    let profile = s.json(&["profile", "--format", "json"]);
    assert_fields(
        "profile",
        &profile,
        "name tier",
        "orcid facility institution tier_since qualification experience_years \
         management_experience last_appraisal next_appraisal allocation",
    );

    let j = s.journal_json();
    assert_fields(
        "journal",
        &j,
        "format version profile entries goals",
        "self_assessments",
    );
    assert_fields(
        "self-assessment",
        &j["self_assessments"][0],
        "expectation justification date",
        "",
    );
}
