//! The ladder read as a whole: on the demo journal and on generated typical journals the share
//! of expectations met never rises from one tier to the one above it, and logging one more
//! entry never takes a met expectation away.

mod common;

use chrono::{Days, NaiveDate};
use common::{logged, today};
use corepath::assess::{Context, Status, progress};
use corepath::framework::Framework;
use corepath::model::{Entry, Journal, Profile};
use proptest::prelude::*;

/// A small deterministic generator (xorshift), so a failing journal can be rebuilt from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// How often each kind is logged in a typical journal: the mix of the demo journal, an imaging
/// scientist's year of service, QC, papers, CPD and a little of everything else; every kind
/// at least once in a while.
fn kind_weights(f: &Framework) -> Vec<usize> {
    let demo: Journal = serde_json::from_str(corepath::store::DEMO_JSON).expect("the demo journal");
    f.kinds
        .iter()
        .map(|k| 1 + demo.entries.iter().filter(|e| e.kind == k.id).count())
        .collect()
}

/// What a typical journal is made of: how often each kind is logged, and the techniques named.
struct Mix {
    kinds: Vec<usize>,
    techniques: Vec<String>,
}

impl Mix {
    fn new(f: &Framework) -> Mix {
        Mix {
            kinds: kind_weights(f),
            techniques: demo_techniques(),
        }
    }
}

/// The techniques a typical journal names, as often as the demo names them.
fn demo_techniques() -> Vec<String> {
    let demo: Journal = serde_json::from_str(corepath::store::DEMO_JSON).expect("the demo journal");
    demo.entries
        .iter()
        .flat_map(|e| e.techniques.iter().cloned())
        .collect()
}

/// One entry as a person would log it: a kind drawn from the typical mix, a role and scope
/// from the vocabularies, a technique or two, some hours and people, within three years.
fn typical_entry(f: &Framework, mix: &Mix, rng: &mut Rng, n: usize) -> Entry {
    let weights = &mix.kinds;
    let mut pick = rng.below(weights.iter().sum());
    let mut k = 0;
    while pick >= weights[k] {
        pick -= weights[k];
        k += 1;
    }
    let kind = &f.kinds[k];
    let date = today()
        .checked_sub_days(Days::new(rng.below(3 * 365) as u64))
        .expect("a date");
    let mut e = Entry::new(
        format!("g{n}"),
        date,
        &kind.id,
        &format!("{} {n}", kind.label),
        logged(),
    );
    let roles = kind.roles.terms();
    if !roles.is_empty() {
        e.role = Some(roles[rng.below(roles.len())].id.clone());
    }
    let scopes = f.scopes.terms();
    e.scope = Some(scopes[rng.below(scopes.len())].id.clone());
    e.metrics = f.default_metrics(kind, e.scope.as_deref()).to_vec();
    let techniques = &mix.techniques;
    e.techniques = (0..rng.below(3))
        .map(|_| techniques[rng.below(techniques.len())].clone())
        .collect();
    e.techniques.dedup();
    e.hours = Some(1.0 + rng.below(8) as f64);
    e.people = Some(1 + rng.below(10) as u32);
    if kind.id == "utilisation-report" {
        e.usage_hours = Some(rng.below(5000) as f64);
    }
    e
}

fn typical_journal(f: &Framework, seed: u64, entries: usize, manager: bool) -> Journal {
    let mut rng = Rng(seed.max(1));
    let mut p = Profile::new("Sam Typical", "support-scientist");
    p.qualification = Some("postgraduate".into());
    p.experience_years = Some(6.0 + rng.below(15) as f64);
    p.management_experience = Some(manager);
    let mut j = Journal::new(p);
    let mix = Mix::new(f);
    j.entries = (0..entries)
        .map(|n| typical_entry(f, &mix, &mut rng, n))
        .collect();
    j
}

/// The share of each tier's journal-evidenced expectations that the journal meets, lowest tier
/// first. Profile checks (qualification, years, management) do not depend on the journal, and a
/// tier with few bullets weighs each of them more, so they are left out here: what the ladder's
/// thresholds decide is how much of the journal-evidenced part each tier's journal meets.
fn evidence_shares(f: &Framework, j: &Journal) -> Vec<(String, f64)> {
    let ctx = Context::new(f, j);
    f.tiers
        .iter()
        .map(|t| {
            let p = progress(&ctx, t, today());
            let evidenced: Vec<Status> = t
                .expectations
                .iter()
                .zip(&p.expectations)
                .filter(|(e, _)| !e.rule.evidence_parts().is_empty())
                .map(|(_, s)| s.status)
                .collect();
            let met = evidenced.iter().filter(|s| s.is_met()).count();
            (t.id.clone(), met as f64 / evidenced.len() as f64)
        })
        .collect()
}

fn assert_never_rises(what: &str, shares: &[(String, f64)]) {
    for pair in shares.windows(2) {
        assert!(
            pair[1].1 <= pair[0].1 + 1e-9,
            "{what}: {} meets {:.2} of its expectations, more than {} ({:.2}); all: {shares:?}",
            pair[1].0,
            pair[1].1,
            pair[0].0,
            pair[0].1
        );
    }
}

#[test]
fn the_demo_journal_meets_less_of_each_tier_up_the_ladder() {
    let f = Framework::bundled().expect("framework");
    let j: Journal = serde_json::from_str(corepath::store::DEMO_JSON).expect("the demo journal");
    let ctx = Context::new(&f, &j);
    // The demo's own day, so that its entries sit where they were written to sit.
    let demo_day: NaiveDate = "2026-12-01".parse().expect("a date");
    let shares: Vec<(String, f64)> = f
        .tiers
        .iter()
        .map(|t| {
            let p = progress(&ctx, t, demo_day);
            (t.id.clone(), p.met as f64 / p.total as f64)
        })
        .collect();
    assert_never_rises("the demo journal", &shares);
}

/// A typical journal of a given size is many possible journals: single draws differ by a few
/// entries around each threshold, so the ladder is judged on the mean share over 24 draws.
#[test]
fn typical_journals_meet_less_of_each_tier_up_the_ladder() {
    let f = Framework::bundled().expect("framework");
    let draws = 24u64;
    for entries in [120, 160, 200, 300] {
        for manager in [false, true] {
            let mut mean: Vec<(String, f64)> = Vec::new();
            for seed in 1..=draws {
                let j = typical_journal(&f, seed * 7919, entries, manager);
                let shares = evidence_shares(&f, &j);
                if mean.is_empty() {
                    mean = shares.iter().map(|(t, _)| (t.clone(), 0.0)).collect();
                }
                for (m, (_, s)) in mean.iter_mut().zip(shares) {
                    m.1 += s / draws as f64;
                }
            }
            let what = format!("{entries} entries over three years, manager {manager}");
            assert_never_rises(&what, &mean);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Adding an entry can only add evidence: nothing met becomes partial or missing, nothing
    /// partial becomes missing.
    #[test]
    fn one_more_entry_never_takes_evidence_away(seed in 1u64..u64::MAX, size in 0usize..120, extra in 1u64..u64::MAX) {
        let f = Framework::bundled().expect("framework");
        let mut j = typical_journal(&f, seed, size, seed % 2 == 0);
        let before = Context::new(&f, &j);
        let before: Vec<Vec<Status>> = f
            .tiers
            .iter()
            .map(|t| progress(&before, t, today()).expectations.iter().map(|e| e.status).collect())
            .collect();
        j.entries.push(typical_entry(&f, &Mix::new(&f), &mut Rng(extra), 9999));
        let after = Context::new(&f, &j);
        for (t, tier) in f.tiers.iter().enumerate() {
            let p = progress(&after, tier, today());
            for (e, status) in p.expectations.iter().enumerate() {
                let was = before[t][e];
                let rank = |s: Status| match s {
                    Status::Missing => 0,
                    Status::Partial => 1,
                    Status::Met | Status::SelfAssessed => 2,
                };
                prop_assert!(rank(status.status) >= rank(was), "{}: {:?} became {:?}", status.id, was, status.status);
            }
        }
    }
}
