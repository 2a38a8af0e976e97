//! The CPD record judged as the Science Council's standards say: evidence on entries for
//! standard 1, a mix of learning and development activities for standard 2 (two categories only
//! where the framework accepts that exceptionally), and kinds mapped to metrics.

mod common;

use common::{day, logged};
use corepath::assess::{Context, Period, cpd};
use corepath::framework::{BUNDLED_JSON, Framework};
use corepath::model::{Entry, Evidence, EvidenceType, Journal, Profile};
use serde_json::{Value, json};

fn framework_with(edit: impl Fn(&mut Value)) -> Framework {
    let mut v: Value = serde_json::from_str(BUNDLED_JSON).expect("JSON");
    edit(&mut v);
    Framework::from_json(&v.to_string()).expect("a valid framework")
}

fn entry(id: &str, date: &str, kind: &str) -> Entry {
    Entry::new(
        id.into(),
        day(date),
        kind,
        &format!("{kind} {id}"),
        logged(),
    )
}

fn with_evidence(mut e: Entry) -> Entry {
    e.evidence.push(Evidence::new(
        EvidenceType::Url,
        "https://example.org/certificate".into(),
    ));
    e
}

fn report(f: &Framework, entries: Vec<Entry>) -> corepath::assess::CpdReport {
    let mut j = Journal::new(Profile::new("Ada", "support-scientist"));
    j.entries = entries;
    let ctx = Context::new(f, &j);
    cpd(
        &ctx,
        Period::new(day("2026-01-01"), day("2026-12-31")).expect("a period"),
    )
}

fn met(r: &corepath::assess::CpdReport, id: &str) -> bool {
    r.standards.iter().find(|s| s.id == id).expect(id).met
}

#[test]
fn papers_grants_and_events_are_not_learning_until_reflected_on() {
    let f = Framework::bundled().expect("framework");
    let plain = vec![
        entry("p1", "2026-02-01", "publication"),
        entry("p2", "2026-04-01", "publication"),
        entry("g1", "2026-06-01", "grant-application"),
        entry("e1", "2026-08-01", "event-organised"),
    ];
    let r = report(&f, plain.clone());
    assert_eq!(r.entries, 0);
    assert!(!met(&r, "mix"), "no learning at all is no mix");

    // Reflecting on them makes them CPD, in their kind's category or as work-based learning.
    let reflected: Vec<Entry> = plain
        .into_iter()
        .map(|mut e| {
            e.reflection.practice = "What it taught me".into();
            e
        })
        .collect();
    let r = report(&f, reflected);
    assert_eq!(r.entries, 4);
    assert!(
        met(&r, "mix"),
        "formal, work-based and professional: {:?}",
        r.categories
    );
}

#[test]
fn two_categories_meet_the_mix_only_where_the_framework_allows_the_exception() {
    let two = || {
        vec![
            entry("c1", "2026-02-01", "cpd-course"),
            entry("s1", "2026-05-01", "self-study"),
        ]
    };
    let strict = Framework::bundled().expect("framework");
    assert!(!met(&report(&strict, two()), "mix"));
    let lenient = framework_with(|v| v["cpd"]["exceptional_min_categories"] = json!(2));
    let r = report(&lenient, two());
    assert!(met(&r, "mix"));
    let detail = &r.standards[1].detail;
    assert!(detail.contains("exception"), "{detail}");
    // One category is not enough even then.
    let one = vec![entry("c1", "2026-02-01", "cpd-course")];
    assert!(!met(&report(&lenient, one), "mix"));
}

#[test]
fn standard_one_asks_for_evidence_on_half_the_entries() {
    let f = framework_with(|v| v["cpd"]["max_gap_days"] = json!(400));
    let entries = |with: usize| {
        (0..4)
            .map(|i| {
                let e = entry(
                    &format!("c{i}"),
                    &format!("2026-0{}-01", i + 2),
                    "cpd-course",
                );
                if i < with { with_evidence(e) } else { e }
            })
            .collect::<Vec<_>>()
    };
    assert!(met(&report(&f, entries(2)), "continuous"), "2 of 4 is half");
    let r = report(&f, entries(1));
    assert!(!met(&r, "continuous"));
    assert!(
        r.standards[0].missing.join(" ").contains("evidence"),
        "{:?}",
        r.standards[0]
    );
}

#[test]
fn every_kind_maps_to_a_metric_or_says_why_not() {
    let f = Framework::bundled().expect("framework");
    for k in &f.kinds {
        assert!(
            !k.metrics.is_empty() || k.help.contains("No metric"),
            "{} maps to no metric and does not say why",
            k.id
        );
        if k.id == "utilisation-report" {
            assert!(
                k.questions
                    .iter()
                    .any(|q| q.field == corepath::framework::QuestionField::UsageHours)
            );
        }
    }
    let procurement = f.kind("procurement").expect("kind");
    assert!(!procurement.metrics.contains(&"fac.leadership".to_string()));
    let review = f.kind("peer-review").expect("kind");
    assert_eq!(
        review.cpd_category.as_deref(),
        Some("self-directed"),
        "reviewing is self-directed learning"
    );
}
