//! The four CPD record standards over a period: met, or what is missing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Context, Period};
use crate::framework::{CpdConfig, EntryKind, Framework};
use crate::model::Entry;

/// One standard and whether the record meets it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StandardResult {
    /// Standard id (`continuous`, `mix`, `practice-benefit`, `user-benefit`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Whether the record meets it.
    pub met: bool,
    /// What the record shows, in one line.
    pub detail: String,
    /// What is missing, one item a line; empty when met.
    pub missing: Vec<String>,
}

/// CPD activity in one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryRow {
    /// Category id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// CPD entries in it.
    pub entries: usize,
    /// Their hours.
    pub hours: f64,
}

/// The CPD standards check for a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CpdReport {
    /// The period checked.
    pub period: Period,
    /// CPD entries in the period.
    pub entries: usize,
    /// Their hours.
    pub hours: f64,
    /// The four standards, in order.
    pub standards: Vec<StandardResult>,
    /// Activity by category, in framework order.
    pub categories: Vec<CategoryRow>,
}

impl CpdReport {
    /// How many standards are met.
    pub fn met(&self) -> usize {
        self.standards.iter().filter(|s| s.met).count()
    }
}

/// Longest stretch without a CPD entry, as (from, to, days).
fn longest_gap(period: Period, dates: &[NaiveDate]) -> (NaiveDate, NaiveDate, i64) {
    let mut best = (period.from, period.to, period.days());
    let mut previous = period.from.pred_opt().unwrap_or(period.from);
    let mut first = true;
    for &date in dates
        .iter()
        .chain(std::iter::once(&period.to.succ_opt().unwrap_or(period.to)))
    {
        let gap = (date - previous).num_days() - 1;
        if first || gap > best.2 {
            best = (
                previous.succ_opt().unwrap_or(previous),
                date.pred_opt().unwrap_or(date),
                gap,
            );
            first = false;
        }
        previous = date;
    }
    best
}

fn reflection_standard(
    id: &str,
    title: &str,
    cpd: &[&Entry],
    share: f64,
    has: impl Fn(&Entry) -> bool,
    what: &str,
) -> StandardResult {
    let with: Vec<&&Entry> = cpd.iter().filter(|e| has(e)).collect();
    let needed = ((cpd.len() as f64) * share).ceil().max(1.0) as usize;
    let met = with.len() >= needed;
    let mut missing = Vec::new();
    if !met {
        missing.push(format!(
            "{} more CPD entries with a reflection on {what} ({} of {} have one; {:.0}% is the corepath default)",
            needed - with.len(),
            with.len(),
            cpd.len(),
            share * 100.0
        ));
        let mut without: Vec<&&Entry> = cpd.iter().filter(|e| !has(e)).collect();
        without.sort_by_key(|e| std::cmp::Reverse(e.date));
        for e in without.iter().take(3) {
            missing.push(format!(
                "reflect on {} \"{}\" ({})",
                e.kind, e.title, e.date
            ));
        }
    }
    StandardResult {
        id: id.to_string(),
        title: title.to_string(),
        met,
        detail: format!(
            "{} of {} CPD entries reflect on {what}",
            with.len(),
            cpd.len()
        ),
        missing,
    }
}

/// The CPD category of an entry that is a learning and development activity: a learning kind
/// (a course, reading, job shadowing…), an entry the person put in a category themselves, or
/// any entry they reflected on (reflective practice is work-based learning). `None` for the
/// rest: two papers and a grant are not CPD until the person says what they learned.
pub fn learning_category<'a>(framework: &'a Framework, entry: &'a Entry) -> Option<&'a str> {
    category_for(framework.kind(&entry.kind), entry)
}

/// [`learning_category`] with the kind already looked up.
fn category_for<'a>(kind: Option<&'a EntryKind>, entry: &'a Entry) -> Option<&'a str> {
    let reflected =
        !entry.reflection.practice.trim().is_empty() || !entry.reflection.users.trim().is_empty();
    let category = entry
        .cpd_category
        .as_deref()
        .or_else(|| kind.and_then(|k| k.cpd_category.as_deref()));
    if kind.is_some_and(|k| k.learning) || entry.cpd_category.is_some() {
        category
    } else if reflected {
        Some(category.unwrap_or(WORK_BASED))
    } else {
        None
    }
}

/// The category of reflective practice on one's own work.
const WORK_BASED: &str = "work-based";

/// Standard 2: activities from enough categories, or from fewer where the framework accepts
/// that exceptionally.
fn mix_standard(
    id: String,
    title: String,
    config: &CpdConfig,
    categories: &[CategoryRow],
) -> StandardResult {
    let used = categories.iter().filter(|c| c.entries > 0).count();
    let exceptional = config
        .exceptional_min_categories
        .is_some_and(|n| used >= n && used < config.min_categories);
    let met = used >= config.min_categories || exceptional;
    let unused: Vec<&str> = categories
        .iter()
        .filter(|c| c.entries == 0)
        .map(|c| c.label.as_str())
        .collect();
    let short = config.min_categories.saturating_sub(used);
    let mut detail = format!(
        "{used} of {} categories of learning and development used (at least {} needed",
        categories.len(),
        config.min_categories
    );
    match config.exceptional_min_categories {
        Some(n) => detail.push_str(&format!(", {n} accepted exceptionally)")),
        None => detail.push(')'),
    }
    if exceptional {
        detail.push_str("; met only under the exception");
    }
    StandardResult {
        id,
        title,
        met,
        detail,
        missing: if met {
            Vec::new()
        } else {
            vec![format!(
                "activities in {short} more categor{}, from: {}",
                if short == 1 { "y" } else { "ies" },
                unused.join(", ")
            )]
        },
    }
}

/// Check the CPD standards over a period.
pub fn cpd(ctx: &Context, period: Period) -> CpdReport {
    let config = &ctx.framework.cpd;
    let mut cpd_entries: Vec<&Entry> = Vec::new();
    let mut categories: Vec<CategoryRow> = config
        .categories
        .iter()
        .map(|c| CategoryRow {
            id: c.id.clone(),
            label: c.label.clone(),
            entries: 0,
            hours: 0.0,
        })
        .collect();
    for (_, entry, resolved) in ctx.entries_in(period) {
        let kind = resolved.kind().map(|k| &ctx.framework.kinds[k]);
        if let Some(category) = category_for(kind, entry) {
            cpd_entries.push(entry);
            if let Some(row) = categories.iter_mut().find(|r| r.id == category) {
                row.entries += 1;
                row.hours += entry.hours.unwrap_or(0.0);
            }
        }
    }
    let title = |i: usize, fallback: &str| {
        config
            .standards
            .get(i)
            .map_or(fallback.to_string(), |s| s.title.clone())
    };
    let id = |i: usize, fallback: &str| {
        config
            .standards
            .get(i)
            .map_or(fallback.to_string(), |s| s.id.clone())
    };

    let mut dates: Vec<NaiveDate> = cpd_entries.iter().map(|e| e.date).collect();
    dates.sort_unstable();
    let (gap_from, gap_to, gap) = longest_gap(period, &dates);
    let with_evidence = cpd_entries
        .iter()
        .filter(|e| !e.evidence.is_empty())
        .count();
    let evidence_needed = ((cpd_entries.len() as f64) * config.evidence_share).ceil() as usize;
    let gap_ok = !dates.is_empty() && gap <= i64::from(config.max_gap_days);
    let evidence_ok = !dates.is_empty() && with_evidence >= evidence_needed;
    let mut continuous_missing = Vec::new();
    if dates.is_empty() {
        continuous_missing.push(
            "log CPD activity: courses, conferences, mentoring, reading, reflective practice"
                .to_string(),
        );
    } else {
        if !gap_ok {
            continuous_missing.push(format!(
                "no CPD entry from {gap_from} to {gap_to} ({gap} days; at most {} is the corepath default)",
                config.max_gap_days
            ));
        }
        if !evidence_ok {
            continuous_missing.push(format!(
                "evidence (a certificate, a link, a file) on {} more CPD entr{} ({} of {} have some; {:.0}% is the corepath default)",
                evidence_needed - with_evidence,
                if evidence_needed - with_evidence == 1 { "y" } else { "ies" },
                with_evidence,
                cpd_entries.len(),
                config.evidence_share * 100.0
            ));
        }
    }
    let continuous = StandardResult {
        id: id(0, "continuous"),
        title: title(0, "A continuous, up-to-date record"),
        met: gap_ok && evidence_ok,
        detail: if dates.is_empty() {
            "no CPD entries in the period".to_string()
        } else {
            format!(
                "{} CPD entries; the longest gap without one is {gap} days; {with_evidence} carry evidence",
                dates.len()
            )
        },
        missing: continuous_missing,
    };

    let mix = mix_standard(
        id(1, "mix"),
        title(1, "A mix of activities"),
        config,
        &categories,
    );

    let practice = reflection_standard(
        &id(2, "practice-benefit"),
        &title(2, "Benefit to your practice"),
        &cpd_entries,
        config.reflection_share,
        |e| !e.reflection.practice.trim().is_empty(),
        "your practice",
    );
    let users = reflection_standard(
        &id(3, "user-benefit"),
        &title(3, "Benefit to the users of your work"),
        &cpd_entries,
        config.reflection_share,
        |e| !e.reflection.users.trim().is_empty(),
        "the users of your work",
    );
    CpdReport {
        period,
        entries: cpd_entries.len(),
        hours: cpd_entries.iter().map(|e| e.hours.unwrap_or(0.0)).sum(),
        standards: vec![continuous, mix, practice, users],
        categories,
    }
}
