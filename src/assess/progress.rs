//! Progression toward a tier: each expectation met, partial, missing or self-assessed, with the
//! entries that evidence it and what is still missing.

use std::collections::HashSet;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Context, Ids, MetricSet, prefetch};
use crate::framework::{EvidenceRule, Expectation, Measure, ProfileCheck, Rule, Tier};
use crate::model::{Entry, Profile};
use crate::text::number;

/// Where an expectation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The threshold is reached in the window.
    Met,
    /// Some evidence, not yet enough.
    Partial,
    /// No evidence.
    Missing,
    /// Marked met by the user, with a justification; never reported as evidenced.
    SelfAssessed,
}

impl Status {
    /// The status as a word.
    pub fn word(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::Missing => "missing",
            Status::SelfAssessed => "self-assessed",
        }
    }

    /// A glyph that carries the status without colour.
    pub fn glyph(self) -> &'static str {
        match self {
            Status::Met => "✔",
            Status::Partial => "◐",
            Status::Missing => "✘",
            Status::SelfAssessed => "✎",
        }
    }

    /// Whether it counts toward readiness.
    pub fn is_met(self) -> bool {
        matches!(self, Status::Met | Status::SelfAssessed)
    }
}

/// One expectation and what the journal shows for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpectationStatus {
    /// Expectation id.
    pub id: String,
    /// The expectation, paraphrased.
    pub text: String,
    /// Where it stands.
    pub status: Status,
    /// How it is evidenced, in words (`≥ 2 entries in 3 years (corepath default)`).
    pub rule: String,
    /// What was measured, for evidence rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured: Option<f64>,
    /// The threshold, for evidence rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needed: Option<f64>,
    /// Ids of the entries that count, newest first.
    pub evidence: Vec<String>,
    /// What is still missing; empty when met.
    pub missing: String,
    /// What to log or do to evidence it.
    pub suggestion: String,
    /// The user's justification, when self-assessed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// Positions of the evidence entries in the journal.
    #[serde(skip)]
    pub entry_indices: Vec<usize>,
}

/// Progress toward one tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// The tier assessed.
    pub tier: String,
    /// Its title.
    pub title: String,
    /// The day it was assessed on.
    pub as_of: NaiveDate,
    /// Every expectation, in the framework's order.
    pub expectations: Vec<ExpectationStatus>,
    /// How many are met or self-assessed.
    pub met: usize,
    /// How many are partial.
    pub partial: usize,
    /// How many expectations the tier has.
    pub total: usize,
}

impl Progress {
    /// `7 of 10 expectations met`.
    pub fn readiness(&self) -> String {
        format!("{} of {} expectations met", self.met, self.total)
    }
}

/// Assess a tier as of `today`.
pub fn progress(ctx: &Context, tier: &Tier, today: NaiveDate) -> Progress {
    let expectations: Vec<ExpectationStatus> = tier
        .expectations
        .iter()
        .map(|exp| assess_expectation(ctx, tier, exp, today))
        .collect();
    let met = expectations.iter().filter(|e| e.status.is_met()).count();
    let partial = expectations
        .iter()
        .filter(|e| e.status == Status::Partial)
        .count();
    Progress {
        tier: tier.id.clone(),
        title: tier.title.clone(),
        as_of: today,
        total: expectations.len(),
        met,
        partial,
        expectations,
    }
}

fn status_of(
    exp: &Expectation,
    status: Status,
    rule: String,
    missing: String,
) -> ExpectationStatus {
    ExpectationStatus {
        id: exp.id.clone(),
        text: exp.text.clone(),
        status,
        rule,
        measured: None,
        needed: None,
        evidence: Vec::new(),
        missing,
        suggestion: exp.suggestion.clone(),
        justification: None,
        entry_indices: Vec::new(),
    }
}

fn assess_expectation(
    ctx: &Context,
    tier: &Tier,
    exp: &Expectation,
    today: NaiveDate,
) -> ExpectationStatus {
    match &exp.rule {
        Rule::Evidence(rule) => assess_evidence(ctx, exp, rule, today),
        Rule::Profile { check, min_years } => {
            let (status, rule, missing) =
                assess_profile(ctx, tier, &ctx.journal.profile, *check, *min_years);
            status_of(exp, status, rule, missing)
        }
        Rule::SelfAssessed => {
            let rule = "self-assessed: no journal entry can show it".to_string();
            match ctx.journal.self_assessment(&exp.id) {
                Some(s) => {
                    let mut st = status_of(exp, Status::SelfAssessed, rule, String::new());
                    st.justification = Some(s.justification.clone());
                    st
                }
                None => status_of(
                    exp,
                    Status::Missing,
                    rule,
                    "not yet self-assessed: mark it with a one-line justification".into(),
                ),
            }
        }
    }
}

/// The ids of these entries, in this order. On a large journal most of the time goes to fetching
/// each entry and its id from memory, so both are prefetched a few entries ahead.
fn evidence_ids(entries: &[Entry], indices: &[usize]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(indices.len());
    // Backwards (in journal order on a journal kept in date order), then reversed.
    for k in (0..indices.len()).rev() {
        if let Some(&far) = k.checked_sub(16).and_then(|j| indices.get(j)) {
            prefetch((&raw const entries[far].id).cast());
        }
        if let Some(&near) = k.checked_sub(8).and_then(|j| indices.get(j)) {
            prefetch(entries[near].id.as_ptr());
        }
        ids.push(entries[indices[k]].id.clone());
    }
    ids.reverse();
    ids
}

/// How many different techniques the entries name, ignoring ASCII case. Most are spelled as in
/// the framework's vocabulary, which is looked up without hashing each name through SipHash.
fn distinct_techniques(ctx: &Context, entries: &[&Entry]) -> usize {
    let vocabulary: Vec<String> = ctx
        .framework
        .techniques
        .iter()
        .map(|t| t.to_ascii_lowercase())
        .collect();
    let known = Ids::new(vocabulary.iter().enumerate().map(|(i, t)| (t.as_str(), i)));
    let mut seen = vec![false; vocabulary.len()];
    let mut others: HashSet<String> = HashSet::new();
    for (k, entry) in entries.iter().enumerate() {
        // Each entry, its list and its names are three fetches from memory: start them ahead.
        if let Some(far) = entries.get(k + 16) {
            prefetch((&raw const far.techniques).cast());
        }
        if let Some(mid) = entries.get(k + 8) {
            prefetch(mid.techniques.as_ptr().cast());
        }
        if let Some(near) = entries.get(k + 4).and_then(|e| e.techniques.first()) {
            prefetch(near.as_ptr());
        }
        for t in &entry.techniques {
            // Vocabulary keys are lowercase, so an exact hit is already the lowercase form.
            let class = known.get(t).or_else(|| {
                let lower = t.to_ascii_lowercase();
                let class = known.get(&lower);
                if class.is_none() {
                    others.insert(lower);
                }
                class
            });
            if let Some(i) = class {
                seen[i] = true;
            }
        }
    }
    seen.iter().filter(|&&s| s).count() + others.len()
}

/// Describe an evidence rule in words.
pub fn describe_rule(rule: &EvidenceRule) -> String {
    let years = if rule.within_years == 1 {
        "the last year".to_string()
    } else {
        format!("{} years", rule.within_years)
    };
    format!(
        "≥ {} {} in {} ({})",
        number(rule.min),
        rule.measure.unit(),
        years,
        rule.basis
    )
}

fn assess_evidence(
    ctx: &Context,
    exp: &Expectation,
    rule: &EvidenceRule,
    today: NaiveDate,
) -> ExpectationStatus {
    let since = today
        .checked_sub_months(Months::new(rule.within_years.saturating_mul(12)))
        .unwrap_or(NaiveDate::MIN);
    let mut kinds = vec![false; ctx.framework.kinds.len()];
    for k in rule
        .kinds
        .iter()
        .filter_map(|k| ctx.framework.kind_index(k))
    {
        kinds[k] = true;
    }
    let metrics = MetricSet::of(ctx.framework, &rule.metrics);
    let everything = rule.kinds.is_empty() && rule.metrics.is_empty();
    // The entries after `since` up to today, newest first.
    let window = match since.succ_opt() {
        Some(from) => ctx.window(from, today),
        None => &[],
    };
    let mut indices = Vec::new();
    let mut total = 0.0;
    let entries = &ctx.journal.entries;
    for dated in window {
        let counts = everything
            || dated.kind().is_some_and(|k| kinds[k])
            || dated.metrics.intersects(metrics);
        if !counts {
            continue;
        }
        match rule.measure {
            Measure::Entries => total += 1.0,
            Measure::People => total += f64::from(ctx.resolved[dated.position].people),
            // Below, from the list.
            Measure::Hours | Measure::DistinctTechniques => {}
        }
        indices.push(dated.position);
    }
    // `indices` is newest first, which on a journal kept in date order is backwards through
    // memory: the passes that read the entries themselves go in journal order instead.
    if rule.measure == Measure::DistinctTechniques {
        let counted: Vec<&Entry> = indices.iter().rev().map(|&i| &entries[i]).collect();
        total = distinct_techniques(ctx, &counted) as f64;
    }
    if rule.measure == Measure::Hours {
        let mut in_order = indices.clone();
        in_order.sort_unstable();
        total = in_order
            .iter()
            .fold(0.0, |sum, &i| sum + ctx.resolved[i].hours);
    }
    let status = if total >= rule.min {
        Status::Met
    } else if total > 0.0 || (!indices.is_empty() && rule.measure != Measure::Entries) {
        Status::Partial
    } else {
        Status::Missing
    };
    let missing = if status == Status::Met {
        String::new()
    } else {
        format!(
            "{} more {} (have {} of {} since {})",
            number((rule.min - total).max(0.0)),
            rule.measure.unit(),
            number(total),
            number(rule.min),
            since.succ_opt().unwrap_or(since)
        )
    };
    let mut st = status_of(exp, status, describe_rule(rule), missing);
    st.measured = Some(total);
    st.needed = Some(rule.min);
    st.evidence = evidence_ids(entries, &indices);
    st.entry_indices = indices;
    st
}

fn assess_profile(
    ctx: &Context,
    tier: &Tier,
    profile: &Profile,
    check: ProfileCheck,
    min_years: Option<u32>,
) -> (Status, String, String) {
    let framework = ctx.framework;
    let years = profile.experience_years;
    match check {
        ProfileCheck::Qualification => {
            let needed = framework
                .qualifications
                .iter()
                .find(|q| q.id == tier.qualification);
            let needed_label = needed.map_or(tier.qualification.as_str(), |q| q.label.as_str());
            let rule = format!(
                "{needed_label}, or {} years of relevant experience ({}){}",
                tier.experience_in_lieu_years,
                crate::framework::DEFAULT_BASIS,
                if tier.management_experience {
                    ", with management and supervision experience"
                } else {
                    ""
                }
            );
            let have = profile
                .qualification
                .as_deref()
                .and_then(|q| framework.qualification_rank(q));
            let want = framework.qualification_rank(&tier.qualification);
            let by_degree = matches!((have, want), (Some(h), Some(w)) if h >= w);
            let by_experience =
                years.is_some_and(|y| y >= f64::from(tier.experience_in_lieu_years));
            let management_ok =
                !tier.management_experience || profile.management_experience == Some(true);
            let mut missing = Vec::new();
            if !by_degree && !by_experience {
                missing.push(match (have, years) {
                    (None, None) => {
                        "add your qualification and years of experience to the profile".to_string()
                    }
                    _ => format!(
                        "{needed_label}, or {} years of relevant experience",
                        tier.experience_in_lieu_years
                    ),
                });
            }
            if !management_ok {
                missing.push(
                    "management and supervision experience (set it in the profile)".to_string(),
                );
            }
            let status = match (by_degree || by_experience, management_ok) {
                (true, true) => Status::Met,
                // Nothing of what the tier asks: no qualification, and management if it asks that.
                (false, management) if !management || !tier.management_experience => {
                    Status::Missing
                }
                _ => Status::Partial,
            };
            (status, rule, missing.join("; "))
        }
        ProfileCheck::Experience => {
            let min = f64::from(min_years.unwrap_or(0));
            let rule = format!(
                "{} years of relevant experience ({})",
                number(min),
                crate::framework::DEFAULT_BASIS
            );
            match years {
                Some(y) if y >= min => (Status::Met, rule, String::new()),
                Some(y) if y > 0.0 => (
                    Status::Partial,
                    rule,
                    format!("{} more years of experience", number(min - y)),
                ),
                _ => (
                    Status::Missing,
                    rule,
                    "add your years of experience to the profile".to_string(),
                ),
            }
        }
        ProfileCheck::Management => {
            let rule = "management and supervision experience".to_string();
            if profile.management_experience == Some(true) {
                (Status::Met, rule, String::new())
            } else {
                (
                    Status::Missing,
                    rule,
                    "management and supervision experience (set it in the profile)".to_string(),
                )
            }
        }
    }
}
