//! The progression section of the evidence summary: every expectation of the target tier with
//! what was measured, the evidence (marked where it falls outside the period) and what changed
//! since the last appraisal.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::assess::{self, Context, Period, Status};
use crate::framework::Tier;

/// One part of a rule that joins several, and what was measured for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartLine {
    /// The part in words.
    pub rule: String,
    /// What was measured, in `unit`.
    pub measured: f64,
    /// Its threshold.
    pub needed: f64,
    /// `entries`, `hours`, `distinct techniques`…
    pub unit: String,
    /// Whether the threshold is reached.
    pub met: bool,
}

/// How many evidence entries an expectation lists.
pub const EVIDENCE_LISTED: usize = 5;

/// An entry named as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRef {
    /// Entry id.
    pub id: String,
    /// Its date.
    pub date: NaiveDate,
    /// Its title.
    pub title: String,
    /// Whether it is dated outside the summary's period (evidence counts over the rule's own
    /// window, which can reach further back).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub outside_period: bool,
}

/// One expectation of the target tier and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpectationLine {
    /// Expectation id.
    pub id: String,
    /// The expectation.
    pub text: String,
    /// `met`, `partial`, `missing` or `self-assessed`.
    pub status: Status,
    /// How it is evidenced, in words.
    pub rule: String,
    /// What was measured, for evidence rules.
    pub measured: Option<f64>,
    /// The threshold, for evidence rules.
    pub needed: Option<f64>,
    /// How many entries count.
    pub evidence_count: usize,
    /// The newest of them (at most [`EVIDENCE_LISTED`]).
    pub evidence: Vec<EntryRef>,
    /// What is still missing; empty when met.
    pub missing: String,
    /// The unit of `measured` and `needed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// For distinct techniques: the techniques counted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measured_names: Vec<String>,
    /// For a rule that joins several: each part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartLine>,
    /// What to log or do to evidence it (for the person; the summary's pages leave it out).
    pub suggestion: String,
    /// The person's justification, when self-assessed.
    pub justification: Option<String>,
}

/// Progression toward the target tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progression {
    /// Target tier id.
    pub tier: String,
    /// Its title.
    pub title: String,
    /// Its career stage, in words.
    pub stage: String,
    /// Assessed as of.
    pub as_of: NaiveDate,
    /// Expectations met from evidence (entries or the profile); self-assessed ones are apart.
    pub met: usize,
    /// Expectations the person marked met with a justification, never counted as met.
    #[serde(default)]
    pub self_assessed: usize,
    /// Expectations partly evidenced.
    pub partial: usize,
    /// Expectations with no evidence.
    #[serde(default)]
    pub missing: usize,
    /// Expectations of the tier.
    pub total: usize,
    /// The tier as it stood at the last appraisal, and what changed since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since_last_appraisal: Option<super::since::SinceAppraisal>,
    /// Every expectation, in framework order.
    pub expectations: Vec<ExpectationLine>,
}

/// Progression toward `tier` as of `today`, with its evidence marked where it falls outside
/// `period`.
pub fn progression(ctx: &Context, tier: &Tier, period: Period, today: NaiveDate) -> Progression {
    let p = assess::progress(ctx, tier, today);
    let entries = &ctx.journal.entries;
    Progression {
        tier: p.tier,
        title: p.title,
        stage: tier.stage.label().to_string(),
        as_of: p.as_of,
        met: p.met,
        self_assessed: p.self_assessed,
        partial: p.partial,
        missing: p.missing,
        total: p.total,
        since_last_appraisal: super::since::since_appraisal(
            ctx,
            tier,
            ctx.journal.profile.last_appraisal,
            today,
        ),
        expectations: p
            .expectations
            .into_iter()
            .map(|e| ExpectationLine {
                evidence_count: e.entry_indices.len(),
                evidence: e
                    .entry_indices
                    .iter()
                    .take(EVIDENCE_LISTED)
                    .filter_map(|&i| entries.get(i))
                    .map(|x| EntryRef {
                        id: x.id.clone(),
                        date: x.date,
                        title: x.title.clone(),
                        outside_period: !period.contains(x.date),
                    })
                    .collect(),
                id: e.id,
                text: e.text,
                status: e.status,
                rule: e.rule,
                measured: e.measured,
                needed: e.needed,
                unit: e.unit.map(str::to_string),
                measured_names: e.measured_names,
                parts: e
                    .parts
                    .into_iter()
                    .map(|p| PartLine {
                        rule: p.rule,
                        measured: p.measured,
                        needed: p.needed,
                        unit: p.unit.to_string(),
                        met: p.met,
                    })
                    .collect(),
                missing: e.missing,
                suggestion: e.suggestion,
                justification: e.justification,
            })
            .collect(),
    }
}
