//! Progress since the last appraisal, for the evidence summary: the tier as it stood on that day
//! beside today, and the expectations whose status changed, with the entries that changed them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::summary::EntryRef;
use crate::assess::{self, Context, Status};
use crate::framework::Tier;

/// One expectation whose status changed since the last appraisal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeLine {
    /// Expectation id.
    pub id: String,
    /// The expectation.
    pub text: String,
    /// Its status at the last appraisal.
    pub before: Status,
    /// Its status now.
    pub after: Status,
    /// The entries since the appraisal that count toward it now, newest first.
    pub entries: Vec<EntryRef>,
}

/// The tier as it stood at the last appraisal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SinceAppraisal {
    /// The day of the last appraisal.
    pub as_of: NaiveDate,
    /// Expectations met from evidence then.
    pub met: usize,
    /// Self-assessed then.
    pub self_assessed: usize,
    /// Partial then.
    pub partial: usize,
    /// Missing then.
    pub missing: usize,
    /// What changed since, in the framework's order.
    pub changes: Vec<ChangeLine>,
}

/// The comparison with the last appraisal, when there was one before `today`.
pub fn since_appraisal(
    ctx: &Context,
    tier: &Tier,
    last: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<SinceAppraisal> {
    let last = last.filter(|&d| d < today)?;
    let c = assess::compare(ctx, tier, last, today);
    let changes = c
        .changes
        .into_iter()
        .map(|ch| ChangeLine {
            entries: ch
                .entries
                .iter()
                .filter_map(|id| ctx.journal.entry(id))
                .map(|e| EntryRef {
                    id: e.id.clone(),
                    date: e.date,
                    title: e.title.clone(),
                    outside_period: false,
                })
                .collect(),
            id: ch.id,
            text: ch.text,
            before: ch.before,
            after: ch.after,
        })
        .collect();
    Some(SinceAppraisal {
        as_of: last,
        met: c.then.met,
        self_assessed: c.then.self_assessed,
        partial: c.then.partial,
        missing: c.then.missing,
        changes,
    })
}
