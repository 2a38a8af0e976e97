//! Progression toward a tier: each expectation met, partial, missing or self-assessed, with the
//! entries that evidence it and what is still missing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::evidence::{self, Measured};
use super::words;
use super::{Context, prefetch};
use crate::framework::{EvidenceRule, Expectation, Join, ProfileCheck, Rule, Tier};
use crate::model::Profile;
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

    /// Whether it is met from evidence (entries or the profile); a self-assessment is not.
    pub fn is_met(self) -> bool {
        self == Status::Met
    }
}

/// One part of a combined rule and what the journal shows for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartStatus {
    /// The part in words.
    pub rule: String,
    /// What was measured, in the part's unit.
    pub measured: f64,
    /// Its threshold.
    pub needed: f64,
    /// The unit of both (`entries`, `hours`…).
    pub unit: &'static str,
    /// Whether the threshold is reached.
    pub met: bool,
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
    /// What was measured, for single evidence rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured: Option<f64>,
    /// The threshold, for single evidence rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needed: Option<f64>,
    /// The unit of `measured` and `needed` (`entries`, `distinct techniques`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// For distinct techniques: the techniques counted, by label.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measured_names: Vec<String>,
    /// Techniques the entries name that no vocabulary knows, so not counted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub uncounted: Vec<String>,
    /// For a combined rule: each part.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartStatus>,
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
    /// How many are met from evidence (entries or the profile).
    pub met: usize,
    /// How many the user marked met with a justification: never counted as met.
    pub self_assessed: usize,
    /// How many are partial.
    pub partial: usize,
    /// How many have no evidence.
    pub missing: usize,
    /// How many expectations the tier has.
    pub total: usize,
}

impl Progress {
    /// `6 of 9 met, 1 self-assessed, 2 partial, 0 missing`: the four counts, apart.
    pub fn readiness(&self) -> String {
        format!(
            "{} of {} met, {} self-assessed, {} partial, {} missing",
            self.met, self.total, self.self_assessed, self.partial, self.missing
        )
    }

    /// The status of one expectation.
    pub fn status_of(&self, id: &str) -> Option<&ExpectationStatus> {
        self.expectations.iter().find(|e| e.id == id)
    }
}

/// Assess a tier as of `today`.
pub fn progress(ctx: &Context, tier: &Tier, today: NaiveDate) -> Progress {
    let expectations: Vec<ExpectationStatus> = tier
        .expectations
        .iter()
        .map(|exp| assess_expectation(ctx, tier, exp, today))
        .collect();
    let count = |status: Status| expectations.iter().filter(|e| e.status == status).count();
    Progress {
        tier: tier.id.clone(),
        title: tier.title.clone(),
        as_of: today,
        total: expectations.len(),
        met: count(Status::Met),
        self_assessed: count(Status::SelfAssessed),
        partial: count(Status::Partial),
        missing: count(Status::Missing),
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
        unit: None,
        measured_names: Vec::new(),
        uncounted: Vec::new(),
        parts: Vec::new(),
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
        Rule::Evidence(_) | Rule::Combined { .. } => assess_evidence(ctx, exp, today),
        Rule::Profile { check, min_years } => {
            let (status, rule, missing) =
                assess_profile(ctx, tier, &ctx.journal.profile, *check, *min_years);
            status_of(exp, status, rule, missing)
        }
        Rule::SelfAssessed => {
            let rule = "self-assessed: no journal entry can show it".to_string();
            match ctx
                .journal
                .self_assessment(&exp.id)
                .filter(|s| s.date <= today)
            {
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

/// The ids of the entries at these positions, in this order. On a large journal most of the
/// time goes to fetching each entry and its id from memory, so both are prefetched ahead.
fn ids_of(ctx: &Context, indices: &[usize]) -> Vec<String> {
    let entries = &ctx.journal.entries;
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

/// Two lists of entries, each newest first (same day: journal order), as one such list with
/// each entry once. Linear: both lists are already in that order.
fn merge_newest_first(ctx: &Context, a: &[usize], b: &[usize]) -> Vec<usize> {
    let key = |i: usize| (std::cmp::Reverse(ctx.date_of(i)), i);
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut x, mut y) = (0, 0);
    while x < a.len() || y < b.len() {
        let next = match (a.get(x), b.get(y)) {
            (Some(&i), Some(&j)) if key(i) == key(j) => {
                x += 1;
                y += 1;
                i
            }
            (Some(&i), Some(&j)) if key(i) < key(j) => {
                x += 1;
                i
            }
            (_, Some(&j)) => {
                y += 1;
                j
            }
            (Some(&i), None) => {
                x += 1;
                i
            }
            (None, None) => break,
        };
        out.push(next);
    }
    out
}

/// What one rule still lacks: "2 more entries (have 0 of 2 since 2024-12-02)".
fn shortfall(rule: &EvidenceRule, m: &Measured) -> String {
    let more = (rule.min - m.total).max(0.0);
    let unit = if more == 1.0 {
        rule.measure.unit_one()
    } else {
        rule.measure.unit()
    };
    format!(
        "{} more {unit} (have {} of {} since {})",
        number(more),
        number(m.total),
        number(rule.min),
        m.since
    )
}

/// Unknown techniques, and what each may have meant.
fn uncounted_note(ctx: &Context, uncounted: &[String]) -> Option<String> {
    if uncounted.is_empty() {
        return None;
    }
    let names: Vec<String> = uncounted
        .iter()
        .map(|t| match ctx.techniques().suggest(t) {
            Some(s) => format!("{t}? (did you mean {}?)", ctx.techniques().label(s)),
            None => format!("{t}?"),
        })
        .collect();
    Some(format!(
        "not counted until added to your own techniques: {}",
        names.join(", ")
    ))
}

fn assess_evidence(ctx: &Context, exp: &Expectation, today: NaiveDate) -> ExpectationStatus {
    let framework = ctx.framework;
    let parts = exp.rule.evidence_parts();
    let any_of = matches!(
        exp.rule,
        Rule::Combined {
            join: Join::AnyOf,
            ..
        }
    );
    let mut measured: Vec<Measured> = parts
        .iter()
        .map(|p| evidence::measure(ctx, p, today))
        .collect();
    let met: Vec<bool> = parts
        .iter()
        .zip(&measured)
        .map(|(p, m)| m.total >= p.min)
        .collect();
    let evidenced = if any_of {
        met.iter().any(|&m| m)
    } else {
        met.iter().all(|&m| m)
    };
    let some = measured
        .iter()
        .any(|m| m.total > 0.0 || !m.indices.is_empty());
    let status = match (evidenced, some) {
        (true, _) => Status::Met,
        (false, true) => Status::Partial,
        (false, false) => Status::Missing,
    };
    let mut missing: Vec<String> = Vec::new();
    if status != Status::Met {
        for ((part, m), &ok) in parts.iter().zip(&measured).zip(&met) {
            if ok {
                continue;
            }
            missing.push(if parts.len() == 1 {
                shortfall(part, m)
            } else {
                format!("{}: {}", words::what(framework, part), shortfall(part, m))
            });
        }
    }
    let uncounted: Vec<String> = measured.iter().flat_map(|m| m.uncounted.clone()).collect();
    if let Some(note) = uncounted_note(ctx, &uncounted) {
        missing.push(note);
    }
    let rule = words::describe_rule(framework, &exp.rule).unwrap_or_default();
    let joiner = if any_of { "; or " } else { "; " };
    let mut st = status_of(exp, status, rule, missing.join(joiner));
    // The evidence of every part, newest first, each entry once. One part's list is already in
    // that order; several are merged by the dates the context holds, not the entries themselves.
    let indices = measured
        .iter_mut()
        .map(|m| std::mem::take(&mut m.indices))
        .reduce(|a, b| merge_newest_first(ctx, &a, &b))
        .unwrap_or_default();
    st.evidence = ids_of(ctx, &indices);
    st.entry_indices = indices;
    st.uncounted = uncounted;
    st.measured_names = measured
        .iter()
        .flat_map(|m| m.names.iter())
        .map(|n| ctx.techniques().label(n).to_string())
        .collect();
    if let ([part], [m]) = (parts, measured.as_slice()) {
        st.measured = Some(m.total);
        st.needed = Some(part.min);
        st.unit = Some(part.measure.unit());
    } else {
        st.parts = parts
            .iter()
            .zip(&measured)
            .zip(&met)
            .map(|((part, m), &ok)| PartStatus {
                rule: words::describe_part(framework, part),
                measured: m.total,
                needed: part.min,
                unit: part.measure.unit(),
                met: ok,
            })
            .collect();
    }
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
