//! The assessment with plain values: a journal built in code, a fixed day, the public API.
//!
//! The thresholds these tests lean on are pinned in a copy of the bundled framework, so tuning
//! the bundled defaults does not break them; the ids (kinds, metrics, tiers, expectations) are
//! the framework's contract.

use chrono::{DateTime, NaiveDate, Utc};
use corepath::assess::{Context, Period, Status, cpd, progress, tally, time_allocation};
use corepath::framework::{BUNDLED_JSON, Framework};
use corepath::model::{Entry, Journal, Profile, SelfAssessment};
use serde_json::{Value, json};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn today() -> NaiveDate {
    d("2026-11-25")
}

fn now() -> DateTime<Utc> {
    "2026-11-25T09:00:00Z".parse().expect("a time")
}

/// The bundled framework with the thresholds these tests rely on pinned.
fn framework() -> Framework {
    let mut f: Value = serde_json::from_str(BUNDLED_JSON).expect("bundled JSON");
    f["cpd"]["min_categories"] = json!(3);
    f["cpd"]["max_gap_days"] = json!(90);
    f["cpd"]["reflection_share"] = json!(0.5);
    f["cpd"]["period_months"] = json!(12);
    f["cpd"]["evidence_share"] = json!(0.0);
    let pins: &[(&str, Value, Value)] = &[
        ("scientist", json!("postgraduate"), json!(6)),
        ("facility-manager", json!("postgraduate"), json!(10)),
    ];
    for tier in f["tiers"].as_array_mut().expect("tiers") {
        for (id, q, years) in pins {
            if tier["id"] == *id {
                tier["qualification"] = q.clone();
                tier["experience_in_lieu_years"] = years.clone();
            }
        }
        for exp in tier["expectations"].as_array_mut().expect("expectations") {
            let id = exp["id"].as_str().expect("id").to_string();
            let rule = &mut exp["rule"];
            match id.as_str() {
                "scientist/courses" => {
                    *rule = json!({ "kinds": ["event-organised", "teaching"], "metrics": [],
                                    "measure": "entries", "min": 2, "within_years": 3 })
                }
                "scientist/multi-technique" => {
                    *rule = json!({ "kinds": ["user-training", "instrument-qc"], "metrics": [],
                                    "measure": "distinct-techniques", "min": 3, "within_years": 3 })
                }
                "support-scientist/broader-users" => {
                    *rule = json!({ "kinds": ["user-training", "project-support"],
                                    "measure": "people", "min": 20, "within_years": 2 })
                }
                "senior-scientist/training-design" => {
                    *rule = json!({ "kinds": ["user-training", "teaching"],
                                    "measure": "hours", "min": 40, "within_years": 2 })
                }
                "scientist/reports" => {
                    *rule = json!({ "kinds": ["report"], "metrics": ["fac.user-base"],
                                    "measure": "entries", "min": 2, "within_years": 2 })
                }
                "core-administrator/experience" => {
                    *rule = json!({ "profile": "experience", "min_years": 15 })
                }
                _ => {}
            }
        }
    }
    f["tiers"]
        .as_array_mut()
        .expect("tiers")
        .iter_mut()
        .find(|t| t["id"] == "facility-manager")
        .expect("facility-manager")["management_experience"] = json!(true);
    Framework::from_json(&f.to_string()).expect("the pinned framework is valid")
}

fn profile() -> Profile {
    let mut p = Profile::new("Ada Lovelace", "support-scientist");
    p.qualification = Some("postgraduate".into());
    p
}

/// An entry of `kind` on `date`, mapped to the kind's metrics.
fn entry(f: &Framework, id: &str, date: &str, kind: &str) -> Entry {
    let mut e = Entry::new(id.into(), d(date), kind, &format!("{kind} {id}"), now());
    e.metrics = f.kind(kind).expect("known kind").metrics.clone();
    e
}

fn journal(entries: Vec<Entry>) -> Journal {
    let mut j = Journal::new(profile());
    j.entries = entries;
    j
}

fn period(from: &str, to: &str) -> Period {
    Period::new(d(from), d(to)).expect("a period")
}

// ---------------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------------

#[test]
fn periods_are_inclusive_and_ordered() {
    let p = period("2026-01-01", "2026-12-31");
    assert!(p.contains(d("2026-01-01")) && p.contains(d("2026-12-31")));
    assert!(!p.contains(d("2025-12-31")) && !p.contains(d("2027-01-01")));
    assert_eq!(p.days(), 365);
    assert!(Period::new(d("2026-02-01"), d("2026-01-31")).is_none());
    let one = period("2026-03-03", "2026-03-03");
    assert_eq!(one.days(), 1);
    let year = Period::last_months(today(), 12);
    assert_eq!(year.from, d("2025-11-26"));
    assert_eq!(year.to, today());
}

// ---------------------------------------------------------------------------------------------
// The metric tally
// ---------------------------------------------------------------------------------------------

#[test]
fn tally_counts_per_metric_without_double_counting_totals() {
    let f = framework();
    let mut training = entry(&f, "t1", "2026-03-02", "user-training");
    training.hours = Some(3.0);
    training.people = Some(6);
    training.highlight = true;
    training.metrics.push("fac.user-base".into());
    let mut consult = entry(&f, "c1", "2026-04-10", "consultation");
    consult.hours = Some(1.5);
    consult.people = Some(1);
    let mut qc = entry(&f, "q1", "2026-01-01", "instrument-qc"); // first day: in
    qc.hours = Some(0.5);
    let last_day = entry(&f, "q2", "2026-06-30", "instrument-qc"); // last day: in
    let mut before = entry(&f, "old", "2025-12-31", "user-training"); // out
    before.hours = Some(100.0);
    let mut after = entry(&f, "new", "2026-07-01", "user-training"); // out
    after.people = Some(100);
    let mut none = entry(&f, "n1", "2026-02-02", "administration"); // no metrics at all
    none.metrics.clear();
    let j = journal(vec![training, consult, qc, last_day, before, after, none]);
    let ctx = Context::new(&f, &j);
    let t = tally(&ctx, period("2026-01-01", "2026-06-30"));

    assert_eq!(t.entries, 5);
    assert_eq!(t.hours, 5.0, "3 + 1.5 + 0.5, the training's hours once");
    assert_eq!(t.people, 7);
    assert_eq!(t.highlights, 1);
    assert_eq!(t.metrics.len(), f.metrics.len());
    let row = |id: &str| t.metrics.iter().find(|r| r.id == id).expect(id);
    let training_row = row("fac.training");
    assert_eq!(
        (
            training_row.entries,
            training_row.hours,
            training_row.people,
            training_row.highlights
        ),
        (1, 3.0, 6, 1)
    );
    let users = row("fac.user-base");
    assert_eq!(
        (users.entries, users.hours, users.people, users.highlights),
        (2, 4.5, 7, 1)
    );
    assert_eq!(users.entry_indices, [1, 0], "newest first");
    let quality = row("fac.quality");
    assert_eq!((quality.entries, quality.hours), (2, 0.5));
    assert_eq!(row("acad.publications").entries, 0);
    let sum: usize = t.metrics.iter().map(|r| r.entries).sum();
    assert_eq!(
        sum, 5,
        "per-metric counts add the training twice, the admin entry never"
    );

    // Grouped by the two tiers of the evaluation system, academic first.
    use corepath::framework::MetricGroup;
    let academic = t.group(MetricGroup::Academic).count();
    let facility = t.group(MetricGroup::Facility).count();
    assert_eq!(academic + facility, t.metrics.len());
    assert!(
        t.metrics[..academic]
            .iter()
            .all(|r| r.group == MetricGroup::Academic)
    );

    // One slot per month of the period.
    let months: Vec<(NaiveDate, usize)> = t.by_month.iter().map(|m| (m.month, m.entries)).collect();
    assert_eq!(
        months,
        [
            (d("2026-01-01"), 1),
            (d("2026-02-01"), 1),
            (d("2026-03-01"), 1),
            (d("2026-04-01"), 1),
            (d("2026-05-01"), 0),
            (d("2026-06-01"), 1),
        ]
    );
}

#[test]
fn recognition_counts_how_publications_were_credited() {
    let f = framework();
    let roles = [
        ("p1", Some("co-author")),
        ("p2", Some("co-author")),
        ("p3", Some("acknowledged")),
        ("p4", Some("data-contributor")),
        ("p5", Some("not-recognised")),
        ("p6", Some("not-recognised")),
        ("p7", Some("not-recognised")),
        ("p8", None),
    ];
    let mut entries: Vec<Entry> = roles
        .iter()
        .map(|(id, role)| {
            let mut e = entry(&f, id, "2026-05-01", "publication");
            e.role = role.map(String::from);
            e
        })
        .collect();
    let mut outside = entry(&f, "p9", "2024-05-01", "publication");
    outside.role = Some("co-author".into());
    entries.push(outside);
    entries.push(entry(&f, "x1", "2026-05-01", "user-training"));
    let j = journal(entries);
    let ctx = Context::new(&f, &j);
    let r = tally(&ctx, period("2026-01-01", "2026-12-31")).recognition;
    assert_eq!(
        (
            r.co_author,
            r.acknowledged,
            r.data_contributor,
            r.not_recognised,
            r.unspecified
        ),
        (2, 1, 1, 3, 1)
    );
    assert_eq!(r.total(), 8);
}

#[test]
fn tally_of_an_empty_journal_is_all_zero() {
    let f = framework();
    let j = journal(Vec::new());
    let ctx = Context::new(&f, &j);
    let t = tally(&ctx, Period::all_until(today()));
    assert_eq!((t.entries, t.hours, t.people, t.highlights), (0, 0.0, 0, 0));
    assert!(t.metrics.iter().all(|r| r.entries == 0));
    assert_eq!(t.recognition.total(), 0);
}

// ---------------------------------------------------------------------------------------------
// Progression
// ---------------------------------------------------------------------------------------------

fn status<'a>(
    p: &'a corepath::assess::Progress,
    id: &str,
) -> &'a corepath::assess::ExpectationStatus {
    p.expectations
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} not assessed"))
}

#[test]
fn evidence_rules_give_met_partial_missing_with_the_entries_that_count() {
    let f = framework();
    let scientist = f.tier("scientist").expect("scientist");
    // The window of a 3-year rule assessed on 2026-11-25 starts after 2023-11-25.
    let j = journal(vec![
        entry(&f, "edge-out", "2023-11-25", "teaching"),
        entry(&f, "edge-in", "2023-11-26", "teaching"),
        entry(&f, "future", "2026-11-26", "teaching"),
        entry(&f, "other", "2026-01-01", "sop"),
    ]);
    let ctx = Context::new(&f, &j);
    let p = progress(&ctx, scientist, today());
    assert_eq!(p.tier, "scientist");
    assert_eq!(p.as_of, today());
    assert_eq!(p.total, scientist.expectations.len());
    let courses = status(&p, "scientist/courses");
    assert_eq!(courses.status, Status::Partial);
    assert_eq!(
        courses.evidence,
        ["edge-in"],
        "the day the window opens does not count"
    );
    assert_eq!(courses.measured, Some(1.0));
    assert_eq!(courses.needed, Some(2.0));
    assert!(courses.missing.contains("1 more"), "{}", courses.missing);
    assert!(!courses.suggestion.is_empty());
    assert_eq!(status(&p, "scientist/advise-users").status, Status::Missing);
    assert!(status(&p, "scientist/advise-users").evidence.is_empty());

    let mut entries = j.entries.clone();
    entries.push(entry(&f, "recent", "2026-11-25", "event-organised"));
    let j = journal(entries);
    let ctx = Context::new(&f, &j);
    let p = progress(&ctx, scientist, today());
    let courses = status(&p, "scientist/courses");
    assert_eq!(courses.status, Status::Met);
    assert_eq!(courses.evidence, ["recent", "edge-in"], "newest first");
    assert_eq!(courses.missing, "");
    let counted = p
        .expectations
        .iter()
        .filter(|e| matches!(e.status, Status::Met | Status::SelfAssessed))
        .count();
    assert_eq!(p.met, counted);
    assert_eq!(
        p.partial,
        p.expectations
            .iter()
            .filter(|e| e.status == Status::Partial)
            .count()
    );
}

#[test]
fn an_entry_counts_by_kind_or_by_metric() {
    let f = framework();
    let scientist = f.tier("scientist").expect("scientist");
    // By metric: a SOP the user also mapped to fac.user-base.
    let mut by_metric = entry(&f, "m1", "2026-02-01", "sop");
    by_metric.metrics.push("fac.user-base".into());
    // By kind: a report whose metrics the user removed.
    let mut by_kind = entry(&f, "k1", "2026-03-01", "report");
    by_kind.metrics.clear();
    // Neither: a consultation unmapped from fac.user-base.
    let mut neither = entry(&f, "x1", "2026-04-01", "consultation");
    neither.metrics.clear();
    let j = journal(vec![by_metric, by_kind, neither]);
    let ctx = Context::new(&f, &j);
    let p = progress(&ctx, scientist, today());
    let reports = status(&p, "scientist/reports");
    assert_eq!(reports.status, Status::Met);
    assert_eq!(reports.evidence, ["k1", "m1"]);
}

#[test]
fn people_hours_and_distinct_techniques_are_measured() {
    let f = framework();
    let mut a = entry(&f, "a", "2026-01-10", "user-training");
    a.people = Some(12);
    a.techniques = vec!["Confocal".into(), "STED".into()];
    let mut b = entry(&f, "b", "2026-02-10", "user-training");
    b.people = Some(5);
    b.techniques = vec!["confocal".into()];
    let mut c = entry(&f, "c", "2026-03-10", "sop"); // not a counted kind
    c.techniques = vec!["light-sheet".into()];
    c.people = Some(50);
    let j = journal(vec![a.clone(), b.clone(), c.clone()]);
    let ctx = Context::new(&f, &j);

    let support = f.tier("support-scientist").expect("tier");
    let p = progress(&ctx, support, today());
    let users = status(&p, "support-scientist/broader-users");
    assert_eq!(users.measured, Some(17.0));
    assert_eq!(users.status, Status::Partial);

    let scientist = f.tier("scientist").expect("tier");
    let p = progress(&ctx, scientist, today());
    let tech = status(&p, "scientist/multi-technique");
    assert_eq!(
        tech.measured,
        Some(2.0),
        "Confocal and confocal are one technique"
    );
    assert_eq!(tech.status, Status::Partial);

    // Entries that count but carry no hours: partial (something is there), measured 0.
    let senior = f.tier("senior-scientist").expect("tier");
    let p = progress(&ctx, senior, today());
    let design = status(&p, "senior-scientist/training-design");
    assert_eq!(design.measured, Some(0.0));
    assert_eq!(design.status, Status::Partial);
    assert_eq!(design.evidence, ["b", "a"]);

    let mut d2 = a.clone();
    d2.id = "d".into();
    d2.people = Some(3);
    d2.techniques = vec!["SIM".into()];
    d2.hours = Some(40.0);
    let j = journal(vec![a, b, c, d2]);
    let ctx = Context::new(&f, &j);
    assert_eq!(
        status(
            &progress(&ctx, support, today()),
            "support-scientist/broader-users"
        )
        .status,
        Status::Met
    );
    assert_eq!(
        status(
            &progress(&ctx, scientist, today()),
            "scientist/multi-technique"
        )
        .status,
        Status::Met
    );
    assert_eq!(
        status(
            &progress(&ctx, senior, today()),
            "senior-scientist/training-design"
        )
        .status,
        Status::Met
    );
}

#[test]
fn self_assessed_expectations_are_never_evidenced() {
    let f = framework();
    let senior = f.tier("senior-scientist").expect("tier");
    let mut j = journal(vec![entry(&f, "l1", "2026-01-01", "leadership")]);
    let ctx = Context::new(&f, &j);
    let p = progress(&ctx, senior, today());
    let lead = status(&p, "senior-scientist/leadership-skills");
    assert_eq!(lead.status, Status::Missing);
    assert!(lead.evidence.is_empty());
    assert!(lead.justification.is_none());
    let met_before = p.met;

    j.self_assessments.push(SelfAssessment {
        expectation: "senior-scientist/leadership-skills".into(),
        justification: "Led the facility's move".into(),
        date: d("2026-10-01"),
        extra: Default::default(),
    });
    let ctx = Context::new(&f, &j);
    let p = progress(&ctx, senior, today());
    let lead = status(&p, "senior-scientist/leadership-skills");
    assert_eq!(lead.status, Status::SelfAssessed);
    assert_eq!(
        lead.justification.as_deref(),
        Some("Led the facility's move")
    );
    assert!(lead.evidence.is_empty());
    assert_eq!(
        p.met, met_before,
        "a self-assessment is never counted as met"
    );
    assert_eq!(p.self_assessed, 1);
    assert!(
        p.readiness().contains("1 self-assessed"),
        "{}",
        p.readiness()
    );
}

/// One qualification case: the profile's degree, years of experience and management experience;
/// the status expected, and a fragment of what the expectation then says is missing.
type Background<'a> = (Option<&'a str>, Option<f64>, Option<bool>, Status, &'a str);

/// For each case, the status of `tier`'s qualification expectation; a failure names the case.
fn assert_qualification(tier: &str, cases: &[Background]) {
    let f = framework();
    for &(degree, years, management, want, names) in cases {
        let mut j = journal(Vec::new());
        j.profile.qualification = degree.map(String::from);
        j.profile.experience_years = years;
        j.profile.management_experience = management;
        let ctx = Context::new(&f, &j);
        let p = progress(&ctx, f.tier(tier).expect("tier"), today());
        let q = status(&p, &format!("{tier}/qualification"));
        let case = format!("{tier} with {degree:?}, {years:?} years, management {management:?}");
        assert_eq!(q.status, want, "{case}: {}", q.missing);
        assert!(q.missing.contains(names), "{case}: {}", q.missing);
    }
}

#[test]
fn qualification_is_met_by_degree_or_by_experience_in_lieu() {
    assert_qualification(
        "scientist",
        &[
            (Some("postgraduate"), None, None, Status::Met, ""),
            // A higher degree meets it.
            (Some("phd"), None, None, Status::Met, ""),
            // 6 years of experience in lieu.
            (Some("graduate"), Some(6.0), None, Status::Met, ""),
            (
                Some("graduate"),
                Some(5.5),
                None,
                Status::Missing,
                "6 years",
            ),
            (None, None, None, Status::Missing, "profile"),
            (Some("no-such-degree"), None, None, Status::Missing, ""),
        ],
    );
}

#[test]
fn qualification_with_management_experience() {
    assert_qualification(
        "facility-manager",
        &[
            (Some("postgraduate"), None, Some(true), Status::Met, ""),
            (
                Some("postgraduate"),
                None,
                None,
                Status::Partial,
                "management",
            ),
            (Some("graduate"), None, Some(true), Status::Partial, ""),
            (Some("graduate"), None, Some(false), Status::Missing, ""),
        ],
    );
}

#[test]
fn experience_and_management_checks() {
    let f = framework();
    let admin = f.tier("core-administrator").expect("tier");
    let run = |years: Option<f64>, management: Option<bool>| {
        let mut j = journal(Vec::new());
        j.profile.experience_years = years;
        j.profile.management_experience = management;
        let ctx = Context::new(&f, &j);
        let p = progress(&ctx, admin, today());
        (
            status(&p, "core-administrator/experience").status,
            status(&p, "core-administrator/management").status,
        )
    };
    assert_eq!(run(Some(15.0), Some(true)), (Status::Met, Status::Met));
    assert_eq!(
        run(Some(9.0), Some(false)),
        (Status::Partial, Status::Missing)
    );
    assert_eq!(run(None, None), (Status::Missing, Status::Missing));
}

// ---------------------------------------------------------------------------------------------
// CPD standards
// ---------------------------------------------------------------------------------------------

fn cpd_entry(
    f: &Framework,
    id: &str,
    date: &str,
    kind: &str,
    practice: &str,
    users: &str,
) -> Entry {
    let mut e = entry(f, id, date, kind);
    e.reflection.practice = practice.into();
    e.reflection.users = users.into();
    e.hours = Some(2.0);
    e
}

fn standard<'a>(
    r: &'a corepath::assess::CpdReport,
    id: &str,
) -> &'a corepath::assess::StandardResult {
    r.standards.iter().find(|s| s.id == id).expect(id)
}

#[test]
fn cpd_standards_all_met() {
    let f = framework();
    let j = journal(vec![
        cpd_entry(
            &f,
            "c1",
            "2026-01-15",
            "cpd-course",
            "better QC",
            "faster service",
        ),
        cpd_entry(&f, "c2", "2026-04-01", "mentoring", "listening", ""),
        cpd_entry(&f, "c3", "2026-06-15", "self-study", "", "clearer advice"),
        cpd_entry(&f, "c4", "2026-09-01", "job-shadowing", "", ""),
        cpd_entry(
            &f,
            "c5",
            "2026-11-20",
            "cpd-conference",
            "new methods",
            "new methods",
        ),
        entry(&f, "u1", "2026-07-01", "user-training"), // not CPD: no category
    ]);
    let ctx = Context::new(&f, &j);
    let r = cpd(&ctx, period("2026-01-01", "2026-12-31"));
    assert_eq!(r.entries, 5);
    assert_eq!(r.hours, 10.0);
    let ids: Vec<&str> = r.standards.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["continuous", "mix", "practice-benefit", "user-benefit"]
    );
    for s in &r.standards {
        assert!(s.met, "{} not met: {:?}", s.id, s.missing);
        assert!(s.missing.is_empty());
    }
    assert_eq!(r.met(), 4);
    let cat = |id: &str| r.categories.iter().find(|c| c.id == id).expect(id);
    assert_eq!((cat("formal").entries, cat("formal").hours), (2, 4.0));
    assert_eq!(cat("professional").entries, 1);
    assert_eq!(cat("self-directed").entries, 1);
    assert_eq!(cat("work-based").entries, 1);
    assert_eq!(cat("other").entries, 0);
}

#[test]
fn cpd_continuity_names_the_gap() {
    let f = framework();
    let j = journal(vec![
        cpd_entry(&f, "c1", "2026-01-15", "cpd-course", "x", "x"),
        cpd_entry(&f, "c2", "2026-04-01", "mentoring", "x", "x"),
        cpd_entry(&f, "c4", "2026-09-01", "job-shadowing", "x", "x"),
        cpd_entry(&f, "c5", "2026-11-20", "cpd-conference", "x", "x"),
    ]);
    let ctx = Context::new(&f, &j);
    let r = cpd(&ctx, period("2026-01-01", "2026-12-31"));
    let c = standard(&r, "continuous");
    assert!(!c.met);
    let missing = c.missing.join(" ");
    assert!(
        missing.contains("2026-04-02") && missing.contains("2026-08-31") && missing.contains("152"),
        "{missing}"
    );

    // A gap of exactly the maximum is fine; one day more is not.
    let edge = |last: &str| {
        let j = journal(vec![
            cpd_entry(&f, "a", "2026-01-01", "cpd-course", "x", "x"),
            cpd_entry(&f, "b", last, "cpd-course", "x", "x"),
        ]);
        let ctx = Context::new(&f, &j);
        standard(&cpd(&ctx, period("2026-01-01", last)), "continuous").met
    };
    assert!(
        edge("2026-04-02"),
        "90 days without an entry: 2 Jan to 1 Apr"
    );
    assert!(!edge("2026-04-03"), "91 days");

    // The stretch from the last entry to the end of the period counts too.
    let j = journal(vec![cpd_entry(
        &f,
        "a",
        "2026-01-01",
        "cpd-course",
        "x",
        "x",
    )]);
    let ctx = Context::new(&f, &j);
    assert!(!standard(&cpd(&ctx, period("2026-01-01", "2026-12-31")), "continuous").met);

    // No CPD at all.
    let j = journal(vec![entry(&f, "u", "2026-05-01", "user-training")]);
    let ctx = Context::new(&f, &j);
    let r = cpd(&ctx, period("2026-01-01", "2026-12-31"));
    assert_eq!(r.entries, 0);
    assert!(r.standards.iter().all(|s| !s.met));
    assert!(standard(&r, "continuous").detail.contains("no CPD"));
}

#[test]
fn cpd_mix_needs_three_of_five_categories() {
    let f = framework();
    let mut other = entry(&f, "o", "2026-03-01", "user-training");
    other.cpd_category = Some("other".into()); // an entry's own category makes it CPD
    let two = vec![
        cpd_entry(&f, "a", "2026-01-10", "cpd-course", "x", "x"),
        cpd_entry(&f, "b", "2026-02-10", "cpd-conference", "x", "x"),
        cpd_entry(&f, "c", "2026-02-20", "mentoring", "x", "x"),
    ];
    let j = journal(two.clone());
    let ctx = Context::new(&f, &j);
    let r = cpd(&ctx, period("2026-01-01", "2026-03-31"));
    let mix = standard(&r, "mix");
    assert!(!mix.met);
    assert!(mix.detail.contains("2 of 5"), "{}", mix.detail);
    assert!(
        mix.missing.join(" ").contains("1 more"),
        "{:?}",
        mix.missing
    );

    let mut three = two;
    three.push(other);
    let j = journal(three);
    let ctx = Context::new(&f, &j);
    let r = cpd(&ctx, period("2026-01-01", "2026-03-31"));
    assert!(standard(&r, "mix").met);
    assert_eq!(
        r.categories
            .iter()
            .find(|c| c.id == "other")
            .expect("other")
            .entries,
        1
    );
}

#[test]
fn cpd_reflections_need_their_share() {
    let f = framework();
    // Six CPD entries, a 50% share: three reflections needed for each standard.
    let make = |practice: usize, users: usize| {
        let entries: Vec<Entry> = (0..6)
            .map(|i| {
                let date = format!("2026-{:02}-10", i + 1);
                cpd_entry(
                    &f,
                    &format!("e{i}"),
                    &date,
                    "self-study",
                    if i < practice { "it helped" } else { "   " },
                    if i < users { "they gained" } else { "" },
                )
            })
            .collect();
        journal(entries)
    };
    let j = make(2, 3);
    let ctx = Context::new(&f, &j);
    let r = cpd(&ctx, period("2026-01-01", "2026-06-30"));
    let practice = standard(&r, "practice-benefit");
    assert!(!practice.met, "whitespace is not a reflection");
    assert!(
        practice.missing[0].contains("1 more"),
        "{:?}",
        practice.missing
    );
    assert!(
        practice.missing.iter().any(|m| m.contains("e5")),
        "names entries to reflect on: {:?}",
        practice.missing
    );
    assert!(standard(&r, "user-benefit").met);
    let j = make(3, 0);
    let ctx = Context::new(&f, &j);
    let r = cpd(&ctx, period("2026-01-01", "2026-06-30"));
    assert!(standard(&r, "practice-benefit").met);
    assert!(!standard(&r, "user-benefit").met);
}

// ---------------------------------------------------------------------------------------------
// Time allocation
// ---------------------------------------------------------------------------------------------

#[test]
fn time_is_split_by_area_and_shown_beside_the_target() {
    let f = framework();
    let with_hours = |id: &str, date: &str, kind: &str, h: f64| {
        let mut e = entry(&f, id, date, kind);
        e.hours = Some(h);
        e
    };
    let mut j = journal(vec![
        with_hours("s1", "2026-02-01", "user-training", 4.0),
        with_hours("s2", "2026-02-02", "consultation", 2.0),
        with_hours("o1", "2026-03-01", "instrument-qc", 2.0),
        with_hours("d1", "2026-03-02", "cpd-course", 2.0),
        entry(&f, "n1", "2026-03-03", "publication"),
        with_hours("out", "2025-12-31", "outreach", 50.0),
    ]);
    j.profile.allocation = [
        ("service", 50.0),
        ("operations", 25.0),
        ("development", 10.0),
        ("own-development", 10.0),
        ("community", 5.0),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let ctx = Context::new(&f, &j);
    let t = time_allocation(&ctx, period("2026-01-01", "2026-12-31"));
    assert_eq!(t.hours, 10.0);
    assert_eq!(t.entries_with_hours, 4);
    assert_eq!(t.entries_without_hours, 1);
    let ids: Vec<&str> = t.areas.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "service",
            "operations",
            "development",
            "own-development",
            "community"
        ]
    );
    let area = |id: &str| t.areas.iter().find(|a| a.id == id).expect(id);
    assert_eq!((area("service").hours, area("service").share), (6.0, 60.0));
    assert_eq!(area("service").target, Some(50.0));
    assert_eq!(
        (area("operations").hours, area("operations").share),
        (2.0, 20.0)
    );
    assert_eq!(
        (area("own-development").hours, area("own-development").share),
        (2.0, 20.0)
    );
    assert_eq!(
        (area("community").hours, area("community").share),
        (0.0, 0.0)
    );
    assert_eq!(area("community").target, Some(5.0));
    let total_share: f64 = t.areas.iter().map(|a| a.share).sum();
    assert!((total_share - 100.0).abs() < 1e-9);

    // No hours at all: every share is 0, not NaN; no target set: none shown.
    let j = journal(vec![entry(&f, "n", "2026-03-03", "publication")]);
    let ctx = Context::new(&f, &j);
    let t = time_allocation(&ctx, period("2026-01-01", "2026-12-31"));
    assert!(t.areas.iter().all(|a| a.share == 0.0 && a.target.is_none()));
}
