//! Time allocation: hours by area of work against the profile's target (Section B6).

use serde::Serialize;

use super::{Context, Period};

/// One area of work.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaRow {
    /// Area id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Hours logged in it.
    pub hours: f64,
    /// Its share of all hours, in percent.
    pub share: f64,
    /// The profile's target share, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

/// Hours by area over a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeReport {
    /// The period.
    pub period: Period,
    /// All hours logged.
    pub hours: f64,
    /// Entries in the period that carry hours.
    pub entries_with_hours: usize,
    /// Entries in the period without hours (not in the split).
    pub entries_without_hours: usize,
    /// One row per area of work, in framework order.
    pub areas: Vec<AreaRow>,
}

/// Split the period's hours by area of work.
pub fn time_allocation(ctx: &Context, period: Period) -> TimeReport {
    let framework = ctx.framework;
    let mut hours = vec![0.0; framework.work_areas.len()];
    let (mut with, mut without) = (0, 0);
    for (_, entry, resolved) in ctx.entries_in(period) {
        let Some(h) = entry.hours else {
            without += 1;
            continue;
        };
        with += 1;
        let area = resolved.kind().and_then(|k| {
            framework
                .work_areas
                .iter()
                .position(|a| a.id == framework.kinds[k].area)
        });
        if let Some(a) = area {
            hours[a] += h;
        }
    }
    let total: f64 = hours.iter().sum();
    let areas = framework
        .work_areas
        .iter()
        .zip(hours)
        .map(|(area, h)| AreaRow {
            id: area.id.clone(),
            label: area.label.clone(),
            hours: h,
            share: if total > 0.0 { h / total * 100.0 } else { 0.0 },
            target: ctx.journal.profile.allocation.get(&area.id).copied(),
        })
        .collect();
    TimeReport {
        period,
        hours: total,
        entries_with_hours: with,
        entries_without_hours: without,
        areas,
    }
}
