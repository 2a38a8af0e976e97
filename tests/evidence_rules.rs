//! Every evidence rule of the bundled framework, tested by a journal that just meets it and
//! journals that just miss it — one short, or the right count from entries that say the wrong
//! thing (role, scope, tags…). The journals are built from the rule itself, so a rule added or
//! changed in the framework is tested without a new line here.

mod common;

use chrono::Days;
use common::{day, logged, today};
use corepath::assess::{Context, Status, progress};
use corepath::framework::{EvidenceRule, Framework, Join, Measure, Rule, Tier, inversions};
use corepath::model::{Entry, Journal, Profile};

fn framework() -> Framework {
    Framework::bundled().expect("the bundled framework")
}

fn profile() -> Profile {
    let mut p = Profile::new("Ada Lovelace", "support-scientist");
    p.qualification = Some("postgraduate".into());
    p
}

/// How an entry built for a part should differ from one that counts.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Spoil {
    /// It counts.
    Nothing,
    /// Its role is one the rule does not accept.
    Role,
    /// Its scope is one the rule does not accept.
    Scope,
    /// It has none of the tags the rule asks for.
    Tags,
}

/// An entry that `part` counts, numbered `n` (unless spoiled).
fn counted_entry(f: &Framework, part: &EvidenceRule, n: usize, spoil: Spoil) -> Entry {
    let filter = &part.filter;
    // A kind that has one of the roles the rule accepts, where it names roles.
    let kind = part
        .kinds
        .iter()
        .filter_map(|k| f.kind(k))
        .find(|k| filter.role.is_empty() || filter.role.iter().any(|r| k.roles.get(r).is_some()))
        .expect("a kind the rule counts");
    let date = today()
        .checked_sub_days(Days::new(30 + (n % 1000) as u64))
        .expect("a date");
    let mut e = Entry::new(
        format!("e{n:04}"),
        date,
        &kind.id,
        &format!("{} {n}", kind.label),
        logged(),
    );
    e.metrics = kind.metrics.clone();
    if let Some(role) = filter.role.iter().find(|r| kind.roles.get(r).is_some()) {
        e.role = Some(role.clone());
        if spoil == Spoil::Role {
            e.role = kind
                .roles
                .terms()
                .iter()
                .map(|t| t.id.clone())
                .find(|r| !filter.role.contains(r));
        }
    }
    if let Some(scope) = filter.scope.first() {
        e.scope = Some(scope.clone());
        if spoil == Spoil::Scope {
            e.scope = f
                .scopes
                .terms()
                .iter()
                .map(|t| t.id.clone())
                .find(|s| !filter.scope.contains(s));
        }
    }
    e.credit = filter.credit.iter().take(1).cloned().collect();
    e.areas = filter.areas.iter().take(1).cloned().collect();
    if spoil != Spoil::Tags {
        e.tags = filter.tags.iter().take(1).cloned().collect();
    }
    e.techniques = filter.techniques.iter().take(1).cloned().collect();
    e.people = filter.min_people;
    e.hours = filter.min_hours;
    e
}

/// Entries that bring `part` to `amount` in its unit.
fn entries_for(
    f: &Framework,
    part: &EvidenceRule,
    amount: f64,
    first: usize,
    spoil: Spoil,
) -> Vec<Entry> {
    let whole = amount.ceil() as usize;
    match part.measure {
        Measure::Entries => (0..whole)
            .map(|i| counted_entry(f, part, first + i, spoil))
            .collect(),
        Measure::DistinctTechniques => (0..whole)
            .map(|i| {
                let mut e = counted_entry(f, part, first + i, spoil);
                e.techniques = vec![f.techniques.terms()[i].id.clone()];
                e
            })
            .collect(),
        Measure::Hours | Measure::UsageHours | Measure::People if amount <= 0.0 => Vec::new(),
        Measure::Hours => {
            let mut e = counted_entry(f, part, first, spoil);
            e.hours = Some(amount);
            vec![e]
        }
        Measure::UsageHours => {
            let mut e = counted_entry(f, part, first, spoil);
            e.usage_hours = Some(amount);
            vec![e]
        }
        Measure::People => {
            let mut e = counted_entry(f, part, first, spoil);
            e.people = Some(amount as u32);
            vec![e]
        }
    }
}

/// Just below a threshold in the measure's unit: one entry, one person, half an hour.
fn just_below(part: &EvidenceRule) -> f64 {
    match part.measure {
        Measure::Hours | Measure::UsageHours => part.min - 0.5,
        _ => part.min - 1.0,
    }
}

/// The status of one expectation for a journal of these entries.
fn status(f: &Framework, tier: &Tier, id: &str, entries: Vec<Entry>) -> Status {
    let mut j = Journal::new(profile());
    j.entries = entries;
    let ctx = Context::new(f, &j);
    progress(&ctx, tier, today())
        .expectations
        .into_iter()
        .find(|e| e.id == id)
        .expect("the expectation")
        .status
}

/// Journals for a rule's parts, each part at its threshold except the ones `short` names.
fn journal_for(f: &Framework, parts: &[EvidenceRule], short: &[usize], spoil: Spoil) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let amount = if short.contains(&i) {
            just_below(part)
        } else {
            part.min
        };
        let spoil_here = if short.is_empty() || short.contains(&i) {
            spoil
        } else {
            Spoil::Nothing
        };
        entries.extend(entries_for(f, part, amount, i * 1000, spoil_here));
    }
    entries
}

#[test]
fn every_evidence_rule_is_met_exactly_at_its_threshold_and_missed_just_below() {
    let f = framework();
    let mut checked = 0;
    for tier in &f.tiers {
        for exp in &tier.expectations {
            let parts = exp.rule.evidence_parts();
            if parts.is_empty() {
                continue;
            }
            let any_of = matches!(
                exp.rule,
                Rule::Combined {
                    join: Join::AnyOf,
                    ..
                }
            );
            let met = status(
                &f,
                tier,
                &exp.id,
                journal_for(&f, parts, &[], Spoil::Nothing),
            );
            assert_eq!(met, Status::Met, "{}: a journal at the threshold", exp.id);
            // One part short is a miss for "all of"; every part short for "any of".
            let shorts: Vec<Vec<usize>> = if any_of {
                vec![(0..parts.len()).collect()]
            } else {
                (0..parts.len()).map(|i| vec![i]).collect()
            };
            for short in shorts {
                let missed = status(
                    &f,
                    tier,
                    &exp.id,
                    journal_for(&f, parts, &short, Spoil::Nothing),
                );
                assert_ne!(
                    missed,
                    Status::Met,
                    "{}: parts {short:?} just below",
                    exp.id
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 50, "only {checked} evidence rules checked");
}

#[test]
fn entries_that_say_the_wrong_thing_do_not_count() {
    let f = framework();
    let mut checked = 0;
    for tier in &f.tiers {
        for exp in &tier.expectations {
            let parts = exp.rule.evidence_parts();
            for (i, part) in parts.iter().enumerate() {
                let spoils = [
                    (Spoil::Role, !part.filter.role.is_empty()),
                    (Spoil::Scope, !part.filter.scope.is_empty()),
                    (Spoil::Tags, !part.filter.tags.is_empty()),
                ];
                for (spoil, applies) in spoils {
                    if !applies {
                        continue;
                    }
                    // Every part at its threshold, but this part's entries spoiled.
                    let mut entries = Vec::new();
                    for (j, p) in parts.iter().enumerate() {
                        let s = if i == j { spoil } else { Spoil::Nothing };
                        entries.extend(entries_for(&f, p, p.min, j * 1000, s));
                    }
                    let st = status(&f, tier, &exp.id, entries);
                    assert_ne!(st, Status::Met, "{}: {spoil:?} spoiled, still met", exp.id);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 10, "only {checked} filters checked");
}

#[test]
fn the_issue_cases_read_what_each_entry_says() {
    let f = framework();
    let senior = f.tier("senior-scientist").expect("tier");
    let pub_entry = |n: usize, role: &str| {
        let mut e = Entry::new(
            format!("p{n}"),
            day("2026-05-01"),
            "publication",
            "Paper",
            logged(),
        );
        e.role = Some(role.into());
        e.metrics = vec!["acad.publications".into()];
        e
    };
    let support: Vec<Entry> = (0..15)
        .map(|n| {
            let mut e = Entry::new(
                format!("s{n}"),
                day("2026-04-01"),
                "project-support",
                "P",
                logged(),
            );
            e.metrics = vec!["fac.user-base".into()];
            e
        })
        .collect();
    // Acknowledged and unrecognised papers are not co-authorship.
    let mut entries = support.clone();
    entries.extend([pub_entry(1, "acknowledged"), pub_entry(2, "not-recognised")]);
    assert_ne!(
        status(&f, senior, "senior-scientist/coauthorship", entries),
        Status::Met
    );
    let mut entries = support;
    entries.extend([
        pub_entry(1, "co-author"),
        pub_entry(2, "Corresponding author"),
    ]);
    assert_eq!(
        status(&f, senior, "senior-scientist/coauthorship", entries),
        Status::Met,
        "a corresponding author is a co-author"
    );

    // A grant as contributor does not show leading grant writing.
    let manager = f.tier("facility-manager").expect("tier");
    let grant = |role: &str| {
        (0..2)
            .map(|n| {
                let mut e = Entry::new(
                    format!("g{n}"),
                    day("2026-05-01"),
                    "grant-application",
                    "Grant",
                    logged(),
                );
                e.role = Some(role.into());
                e
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        status(
            &f,
            manager,
            "facility-manager/lead-grants",
            grant("contributor")
        ),
        Status::Missing
    );
    assert_eq!(
        status(
            &f,
            manager,
            "facility-manager/lead-grants",
            grant("Lead applicant")
        ),
        Status::Met
    );
}

#[test]
fn distinct_techniques_count_spellings_once_and_unknown_ones_not_at_all() {
    let f = framework();
    let scientist = f.tier("scientist").expect("tier");
    let training = |n: usize, technique: &str| {
        let mut e = Entry::new(
            format!("t{n}"),
            day("2026-05-01"),
            "user-training",
            "T",
            logged(),
        );
        e.techniques = vec![technique.into()];
        e
    };
    let mut j = Journal::new(profile());
    j.entries = vec![
        training(1, "light-sheet"),
        training(2, "Light Sheet"),
        training(3, "lightsheet"),
        training(4, "LSFM"),
        training(5, "Brillouin"),
    ];
    let ctx = Context::new(&f, &j);
    let p = progress(&ctx, scientist, today());
    let multi = p
        .status_of("scientist/multi-technique")
        .expect("expectation");
    assert_eq!(multi.measured, Some(1.0), "four spellings of one technique");
    assert_eq!(multi.measured_names, ["Light-sheet"]);
    assert_eq!(multi.uncounted, ["Brillouin"]);
    assert_eq!(
        multi.evidence.len(),
        4,
        "the unknown technique's entry is not evidence"
    );

    // Once the person adds it to their own vocabulary, it counts.
    j.profile.techniques = vec!["Brillouin".into()];
    let ctx = Context::new(&f, &j);
    let p = progress(&ctx, scientist, today());
    let multi = p
        .status_of("scientist/multi-technique")
        .expect("expectation");
    assert_eq!(multi.measured, Some(2.0));
    assert!(multi.uncounted.is_empty());
}

#[test]
fn the_ladder_climbs_within_every_theme() {
    let f = framework();
    let found = inversions(&f);
    assert!(
        found.is_empty(),
        "thresholds fall as the ladder climbs: {found:?}"
    );
}

/// The bundled framework's JSON with one expectation's rule changed by `edit`.
fn bundled_with_rule(id: &str, edit: impl Fn(&mut serde_json::Value)) -> serde_json::Value {
    let mut v: serde_json::Value =
        serde_json::from_str(corepath::framework::BUNDLED_JSON).expect("JSON");
    for tier in v["tiers"].as_array_mut().expect("tiers") {
        for exp in tier["expectations"].as_array_mut().expect("expectations") {
            if exp["id"] == id {
                edit(&mut exp["rule"]);
            }
        }
    }
    v
}

#[test]
fn a_ladder_that_falls_is_named() {
    let v = bundled_with_rule("facility-director/leadership", |rule| {
        rule["min"] = 1.into()
    });
    let f = Framework::from_json(&v.to_string()).expect("still a valid framework");
    let found = inversions(&f);
    assert!(
        found
            .iter()
            .any(|i| i.higher == "facility-director/leadership"
                && i.lower == "facility-manager/leadership"
                && i.to_string().contains("leadership")),
        "{found:?}"
    );
}

#[test]
fn a_bad_filter_is_refused_with_its_path() {
    let cases: [(&str, serde_json::Value, &str); 4] = [
        (
            "senior-scientist/coauthorship",
            serde_json::json!({"kinds": ["publication"], "where": {"role": ["editor"]}, "min": 1, "within_years": 1}),
            "rule.where.role[0]",
        ),
        (
            "senior-scientist/coauthorship",
            serde_json::json!({"kinds": ["publication"], "where": {"scope": ["galactic"]}, "min": 1, "within_years": 1}),
            "rule.where.scope[0]",
        ),
        (
            "senior-scientist/coauthorship",
            serde_json::json!({"kinds": ["publication"], "where": {"min_hours": -2}, "min": 1, "within_years": 1}),
            "min_hours",
        ),
        (
            "senior-scientist/coauthorship",
            serde_json::json!({"kinds": ["publication"], "where": {"colour": ["red"]}, "min": 1, "within_years": 1}),
            "colour",
        ),
    ];
    for (id, rule, expected) in cases {
        let v = bundled_with_rule(id, |r| *r = rule.clone());
        let err = Framework::from_json(&v.to_string()).expect_err("refused");
        assert!(err.to_string().contains(expected), "{err} lacks {expected}");
        assert!(err.to_string().contains("tiers[3]"), "{err} names the tier");
    }
}

#[test]
fn a_joined_rule_lists_the_evidence_of_its_parts_newest_first_each_once() {
    let f = framework();
    let scientist = f.tier("scientist").expect("tier");
    let on =
        |id: &str, date: &str, kind: &str| Entry::new(id.into(), day(date), kind, id, logged());
    let mut j = Journal::new(profile());
    j.entries = vec![
        on("proc", "2026-03-01", "procurement"),
        on("conf", "2026-05-01", "cpd-conference"),
        on("course", "2026-04-01", "cpd-course"),
        on("same-day", "2026-05-01", "procurement"),
    ];
    let ctx = Context::new(&f, &j);
    let p = progress(&ctx, scientist, today());
    let watch = p.status_of("scientist/tech-watch").expect("expectation");
    assert_eq!(watch.status, Status::Met);
    assert_eq!(watch.evidence, ["conf", "same-day", "course", "proc"]);
}
