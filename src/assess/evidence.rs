//! Selecting the entries an evidence rule counts and measuring them: by kind or metric, then by
//! what each entry says (role, scope, CRediT roles, tags, areas, techniques, people, hours),
//! inside the rule's window up to the day assessed.

use std::collections::HashSet;

use chrono::{Months, NaiveDate};

use super::{Context, NOT_GIVEN, Resolved, prefetch};
use crate::framework::{EvidenceRule, Filter, Measure, fold};
use crate::model::Entry;

/// What a rule found: the measured total and the entries that count.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Measured {
    /// The total in the rule's unit.
    pub total: f64,
    /// Positions of the entries that count, newest first.
    pub indices: Vec<usize>,
    /// For distinct techniques: the techniques counted, in the order first met.
    pub names: Vec<String>,
    /// Techniques named by the selected entries that no vocabulary knows, so not counted.
    pub uncounted: Vec<String>,
    /// The first day of the window.
    pub since: NaiveDate,
}

/// The first day a rule counts, `within_years` before `today`.
pub(super) fn window_start(rule: &EvidenceRule, today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_months(Months::new(rule.within_years.saturating_mul(12)))
        .and_then(|d| d.succ_opt())
        .unwrap_or(NaiveDate::MIN)
}

/// A rule's `where`, with its tags folded once.
struct Compiled<'r> {
    filter: &'r Filter,
    tags: Vec<String>,
}

impl Compiled<'_> {
    fn passes(&self, ctx: &Context, entry: &Entry, r: Resolved) -> bool {
        let f = self.filter;
        let role_ok = f.role.is_empty()
            || match r.kind() {
                // A kind without a role vocabulary implies the role (teaching is taught by you).
                Some(k) if !ctx.framework.kinds[k].roles.is_empty() => {
                    let terms = ctx.framework.kinds[k].roles.terms();
                    r.role != NOT_GIVEN
                        && terms
                            .get(usize::from(r.role))
                            .is_some_and(|t| f.role.contains(&t.id))
                }
                _ => true,
            };
        let scope_ok = f.scope.is_empty()
            || ctx
                .framework
                .scopes
                .terms()
                .get(usize::from(r.scope))
                .is_some_and(|t| f.scope.contains(&t.id));
        role_ok
            && scope_ok
            && (f.credit.is_empty() || entry.credit.iter().any(|c| f.credit.contains(c)))
            && (f.areas.is_empty() || entry.areas.iter().any(|a| f.areas.contains(a)))
            && (self.tags.is_empty() || entry.tags.iter().any(|t| self.tags.contains(&fold(t))))
            && (f.techniques.is_empty()
                || entry.techniques.iter().any(|t| {
                    ctx.techniques
                        .known(t)
                        .is_some_and(|k| f.techniques.iter().any(|w| w == k))
                }))
            && f.min_people.is_none_or(|n| r.people >= n)
            && f.min_hours.is_none_or(|h| r.hours >= h)
    }
}

/// Measure one evidence rule as of `today`.
pub(super) fn measure(ctx: &Context, rule: &EvidenceRule, today: NaiveDate) -> Measured {
    let since = window_start(rule, today);
    let mut kinds = vec![false; ctx.framework.kinds.len()];
    for k in rule
        .kinds
        .iter()
        .filter_map(|k| ctx.framework.kind_index(k))
    {
        kinds[k] = true;
    }
    let metrics = super::MetricSet::of(ctx.framework, &rule.metrics);
    let everything = rule.kinds.is_empty() && rule.metrics.is_empty();
    let filter = (!rule.filter.is_empty()).then(|| Compiled {
        filter: &rule.filter,
        tags: rule.filter.tags.iter().map(|t| fold(t)).collect(),
    });
    let entries = &ctx.journal.entries;
    let mut indices = Vec::new();
    for dated in ctx.window(since, today) {
        let selected = everything
            || dated.kind().is_some_and(|k| kinds[k])
            || dated.metrics.intersects(metrics);
        if !selected {
            continue;
        }
        // Only a rule that reads what entries say fetches them: the window alone is compact.
        if let Some(f) = &filter
            && !f.passes(ctx, &entries[dated.position], ctx.resolved[dated.position])
        {
            continue;
        }
        indices.push(dated.position);
    }
    let mut measured = Measured {
        total: 0.0,
        indices: Vec::new(),
        names: Vec::new(),
        uncounted: Vec::new(),
        since,
    };
    // Sums run in journal order, so that totals of fractional hours do not depend on the dates.
    let in_journal_order = || {
        let mut order = indices.clone();
        order.sort_unstable();
        order
    };
    match rule.measure {
        Measure::Entries => measured.total = indices.len() as f64,
        Measure::People => {
            measured.total = indices
                .iter()
                .map(|&i| f64::from(ctx.resolved[i].people))
                .sum();
        }
        Measure::Hours => {
            measured.total = in_journal_order()
                .iter()
                .fold(0.0, |sum, &i| sum + ctx.resolved[i].hours);
        }
        Measure::UsageHours => {
            measured.total = in_journal_order()
                .iter()
                .fold(0.0, |sum, &i| sum + ctx.resolved[i].usage_hours);
        }
        Measure::DistinctTechniques => {
            let (names, uncounted, counted) = distinct_techniques(ctx, &indices);
            measured.total = names.len() as f64;
            measured.names = names;
            measured.uncounted = uncounted;
            indices.retain(|&i| counted[i]);
        }
    }
    measured.indices = indices;
    measured
}

/// The distinct known techniques of these entries (newest first, as the window lists them),
/// met oldest first — forward through memory on a journal kept in date order — with the unknown
/// ones and, by journal position, the entries that name at least one known technique.
fn distinct_techniques(
    ctx: &Context,
    newest_first: &[usize],
) -> (Vec<String>, Vec<String>, Vec<bool>) {
    let entries = &ctx.journal.entries;
    let mut seen = vec![false; ctx.techniques.len()];
    let mut names: Vec<String> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut unknown_seen: HashSet<String> = HashSet::new();
    // Marks by journal position: the entries that name a known technique.
    let mut counted = vec![false; entries.len()];
    let n = newest_first.len();
    // The k-th oldest entry of the window.
    let at = |k: usize| (k < n).then(|| newest_first[n - 1 - k]);
    for k in 0..n {
        let i = newest_first[n - 1 - k];
        // Each entry, its list and its names are three fetches from memory: start them ahead.
        if let Some(far) = at(k + 16) {
            prefetch((&raw const entries[far].techniques).cast());
        }
        if let Some(mid) = at(k + 8) {
            prefetch(entries[mid].techniques.as_ptr().cast());
        }
        if let Some(near) = at(k + 4).and_then(|j| entries[j].techniques.first()) {
            prefetch(near.as_ptr());
        }
        for t in &entries[i].techniques {
            match ctx.techniques.position(t) {
                Some(p) => {
                    counted[i] = true;
                    if !seen[p] {
                        seen[p] = true;
                        names.extend(ctx.techniques.name(p).map(str::to_string));
                    }
                }
                None => {
                    if unknown_seen.insert(fold(t)) {
                        unknown.push(t.clone());
                    }
                }
            }
        }
    }
    (names, unknown, counted)
}
