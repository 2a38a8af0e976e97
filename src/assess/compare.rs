//! Progress over time: the ladder as it stood on an earlier day (say, the last appraisal) beside
//! today, with the expectations that changed and the entries that changed them.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Context, Progress, Status, progress};
use crate::framework::Tier;

/// One expectation whose status changed between two days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Expectation id.
    pub id: String,
    /// The expectation, paraphrased.
    pub text: String,
    /// Where it stood then.
    pub before: Status,
    /// Where it stands now.
    pub after: Status,
    /// Ids of the entries dated after the earlier day that count toward it now, newest first.
    pub entries: Vec<String>,
}

/// A tier assessed on two days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The tier as it stood on the earlier day.
    pub then: Progress,
    /// The tier as it stands on the later day.
    pub now: Progress,
    /// The expectations whose status changed, in the framework's order.
    pub changes: Vec<Change>,
}

impl Comparison {
    /// `at 2026-03-10: 4 of 9 met — 2026-12-01: 6 of 9 met`.
    pub fn summary(&self) -> String {
        format!(
            "{}: {} of {} met — {}: {} of {} met",
            self.then.as_of,
            self.then.met,
            self.then.total,
            self.now.as_of,
            self.now.met,
            self.now.total
        )
    }
}

/// Assess a tier on `then` and on `now`, and say what changed between them.
pub fn compare(ctx: &Context, tier: &Tier, then: NaiveDate, now: NaiveDate) -> Comparison {
    let before = progress(ctx, tier, then);
    let after = progress(ctx, tier, now);
    let entries = &ctx.journal.entries;
    let changes = after
        .expectations
        .iter()
        .zip(&before.expectations)
        .filter(|(a, b)| a.status != b.status)
        .map(|(a, b)| Change {
            id: a.id.clone(),
            text: a.text.clone(),
            before: b.status,
            after: a.status,
            entries: a
                .entry_indices
                .iter()
                .filter(|&&i| entries[i].date > then)
                .map(|&i| entries[i].id.clone())
                .collect(),
        })
        .collect();
    Comparison {
        then: before,
        now: after,
        changes,
    }
}
