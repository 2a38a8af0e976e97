//! The 2-tier metric table: what each metric of the evaluation system counts over a period.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Context, Dated, Period};
use crate::framework::{Metric, MetricGroup};
use crate::model::RECOGNITION_ROLES;

/// One metric's figures over a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricRow {
    /// Metric id.
    pub id: String,
    /// The paper's code, e.g. `F.c`.
    pub code: String,
    /// Academic or facility.
    pub group: MetricGroup,
    /// Short label.
    pub label: String,
    /// Entries mapped to the metric.
    pub entries: usize,
    /// Their hours of effort.
    pub hours: f64,
    /// The instrument usage hours they record (utilisation), apart from effort.
    pub usage_hours: f64,
    /// The people they reached.
    pub people: u64,
    /// How many are highlights.
    pub highlights: usize,
    /// Positions of those entries in the journal, newest first.
    #[serde(skip)]
    pub entry_indices: Vec<usize>,
}

/// Entries logged in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    /// The first day of the month.
    pub month: NaiveDate,
    /// Entries dated in it.
    pub entries: usize,
}

/// How contributions to publications were recognised. The evidence summary and the facility
/// roll-up carry it as it is, so its field names are part of their JSON formats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recognition {
    /// Named as a co-author.
    pub co_author: usize,
    /// Thanked in the acknowledgements.
    pub acknowledged: usize,
    /// Credited as a data contributor.
    pub data_contributor: usize,
    /// Contributed but not recognised at all.
    pub not_recognised: usize,
    /// Publication entries with no recognition role recorded.
    pub unspecified: usize,
}

impl Recognition {
    /// All publication contributions.
    pub fn total(&self) -> usize {
        self.co_author
            + self.acknowledged
            + self.data_contributor
            + self.not_recognised
            + self.unspecified
    }

    /// `2 co-authored, 1 acknowledged, 0 as data contributor, 0 not recognised` (the
    /// contributions with no role recorded are left to the caller).
    pub fn words(&self) -> String {
        format!(
            "{} co-authored, {} acknowledged, {} as data contributor, {} not recognised",
            self.co_author, self.acknowledged, self.data_contributor, self.not_recognised
        )
    }

    /// Add another person's counts.
    pub fn add(&mut self, other: &Recognition) {
        self.co_author += other.co_author;
        self.acknowledged += other.acknowledged;
        self.data_contributor += other.data_contributor;
        self.not_recognised += other.not_recognised;
        self.unspecified += other.unspecified;
    }
}

/// The metric table and headline figures for a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tally {
    /// The period.
    pub period: Period,
    /// Entries in the period.
    pub entries: usize,
    /// Their hours.
    pub hours: f64,
    /// The people they reached.
    pub people: u64,
    /// Highlights among them.
    pub highlights: usize,
    /// One row per metric, in framework order (academic first).
    pub metrics: Vec<MetricRow>,
    /// Entries per month of the period.
    pub by_month: Vec<MonthCount>,
    /// How publication contributions were recognised.
    pub recognition: Recognition,
}

impl Tally {
    /// The rows of one group of the evaluation system.
    pub fn group(&self, group: MetricGroup) -> impl Iterator<Item = &MetricRow> {
        self.metrics.iter().filter(move |r| r.group == group)
    }
}

fn row(metric: &Metric) -> MetricRow {
    MetricRow {
        id: metric.id.clone(),
        code: metric.code.clone(),
        group: metric.group,
        label: metric.label.clone(),
        entries: 0,
        hours: 0.0,
        usage_hours: 0.0,
        people: 0,
        highlights: 0,
        entry_indices: Vec::new(),
    }
}

/// Count every metric over a period.
pub fn tally(ctx: &Context, period: Period) -> Tally {
    let framework = ctx.framework;
    let mut metrics: Vec<MetricRow> = framework.metrics.iter().map(row).collect();
    let window = ctx.window(period.from, period.to);
    let months = period_months(period, window);
    let mut by_month: Vec<MonthCount> = months
        .iter()
        .map(|&month| MonthCount { month, entries: 0 })
        .collect();
    let first_month = months.first().copied();
    let publications = framework.metric_index("acad.publications");
    let publication_kind = framework.kind_index("publication");
    let mut total = Tally {
        period,
        entries: 0,
        hours: 0.0,
        people: 0,
        highlights: 0,
        metrics: Vec::new(),
        by_month: Vec::new(),
        recognition: Recognition::default(),
    };
    // Sums in journal order, so that totals of fractional hours do not depend on the dates.
    for (position, entry, resolved) in ctx.entries_in(period) {
        let hours = resolved.hours;
        let people = u64::from(resolved.people);
        let highlight = usize::from(resolved.highlight);
        total.entries += 1;
        total.hours += hours;
        total.people += people;
        total.highlights += highlight;
        for m in resolved.metrics.iter() {
            if let Some(row) = metrics.get_mut(m) {
                row.entries += 1;
                row.hours += hours;
                row.usage_hours += resolved.usage_hours;
                row.people += people;
                row.highlights += highlight;
            }
        }
        if let Some(first) = first_month {
            let offset = month_offset(first, resolved.date);
            if let Some(slot) = by_month.get_mut(offset) {
                slot.entries += 1;
            }
        }
        let publication_kind = match publication_kind {
            Some(k) => resolved.kind() == Some(k),
            None => entry.kind == "publication",
        };
        let is_publication =
            publication_kind || publications.is_some_and(|p| resolved.metrics.contains(p));
        if is_publication {
            // The role as the vocabulary reads it ("Corresponding author" is a co-author).
            let role = ctx.role_of(position).or(entry.role.as_deref());
            count_recognition(&mut total.recognition, role);
        }
    }
    // The entries of each metric, newest first.
    for dated in window {
        for m in dated.metrics.iter() {
            if let Some(row) = metrics.get_mut(m) {
                row.entry_indices.push(dated.position);
            }
        }
    }
    total.metrics = metrics;
    total.by_month = by_month;
    total
}

fn count_recognition(recognition: &mut Recognition, role: Option<&str>) {
    match role {
        Some(r) if r == RECOGNITION_ROLES[0] => recognition.co_author += 1,
        Some(r) if r == RECOGNITION_ROLES[1] => recognition.acknowledged += 1,
        Some(r) if r == RECOGNITION_ROLES[2] => recognition.data_contributor += 1,
        Some(r) if r == RECOGNITION_ROLES[3] => recognition.not_recognised += 1,
        _ => recognition.unspecified += 1,
    }
}

/// The months to chart: the period's, or from the first entry when the period is open-ended.
/// `window` holds the period's entries, newest first.
fn period_months(period: Period, window: &[Dated]) -> Vec<NaiveDate> {
    let first = window.last().map(|d| d.date);
    let from = match first {
        _ if period.days() <= 3660 => period.from,
        Some(first) => first,
        None => return Vec::new(),
    };
    Period::new(from, period.to)
        .map(Period::months)
        .unwrap_or_default()
}

fn month_offset(first: NaiveDate, date: NaiveDate) -> usize {
    let months = (date.year() - first.year()) * 12 + date.month() as i32 - first.month() as i32;
    usize::try_from(months).unwrap_or(usize::MAX)
}
