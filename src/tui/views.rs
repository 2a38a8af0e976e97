//! The per-tab state that survives between frames: cursors, filters, periods and the figures
//! computed for them. Computing happens here, on change; drawing only reads.

use std::cell::Cell;

use chrono::NaiveDate;
use nucleo_matcher::chars::{normalize, to_lower_case};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::action::Action;
use crate::assess::{Context, CpdReport, Period, Progress, Tally, cpd, progress, tally};
use crate::model::{Journal, Profile};

/// A choice of period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodChoice {
    /// Every entry.
    All,
    /// Since the last appraisal (12 months when none is recorded).
    SinceAppraisal,
    /// The last 12 months.
    Last12Months,
    /// This calendar year.
    CalendarYear,
    /// A range the user typed.
    Custom(Period),
}

impl PeriodChoice {
    /// The period this choice means today.
    pub fn period(self, profile: &Profile, today: NaiveDate) -> Period {
        match self {
            PeriodChoice::All => Period::all_until(NaiveDate::MAX),
            PeriodChoice::SinceAppraisal => match profile.last_appraisal {
                Some(last) if last <= today => Period {
                    from: last,
                    to: today,
                },
                _ => Period::last_months(today, 12),
            },
            PeriodChoice::Last12Months => Period::last_months(today, 12),
            PeriodChoice::CalendarYear => Period::calendar_year(today),
            PeriodChoice::Custom(p) => p,
        }
    }

    /// How the choice is named.
    pub fn label(self, profile: &Profile, today: NaiveDate) -> String {
        match self {
            PeriodChoice::All => "all entries".to_string(),
            PeriodChoice::SinceAppraisal if profile.last_appraisal.is_some() => {
                format!("since the last appraisal ({})", self.period(profile, today))
            }
            PeriodChoice::SinceAppraisal => format!(
                "last 12 months ({}; no appraisal recorded)",
                self.period(profile, today)
            ),
            PeriodChoice::Last12Months => {
                format!("last 12 months ({})", self.period(profile, today))
            }
            PeriodChoice::CalendarYear => {
                format!("calendar year ({})", self.period(profile, today))
            }
            PeriodChoice::Custom(p) => format!("custom ({p})"),
        }
    }

    /// The next choice in the cycle (`all` only where `with_all`).
    pub fn next(self, with_all: bool) -> PeriodChoice {
        match self {
            PeriodChoice::All => PeriodChoice::SinceAppraisal,
            PeriodChoice::SinceAppraisal => PeriodChoice::Last12Months,
            PeriodChoice::Last12Months => PeriodChoice::CalendarYear,
            PeriodChoice::CalendarYear | PeriodChoice::Custom(_) if with_all => PeriodChoice::All,
            PeriodChoice::CalendarYear | PeriodChoice::Custom(_) => PeriodChoice::SinceAppraisal,
        }
    }
}

/// A cursor over a list of `len` rows.
#[derive(Debug, Clone, Default)]
pub struct Cursor {
    /// The selected row.
    pub selected: usize,
    /// The first row shown; kept by drawing, which only reads everything else.
    offset: Cell<usize>,
}

impl Cursor {
    /// Move by `delta` rows within `len`.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        self.selected = (self.selected as isize + delta).clamp(0, len as isize - 1) as usize;
    }

    /// Follow a movement action over `len` rows; `false` when the action is not a movement.
    pub fn follow(&mut self, action: Action, len: usize) -> bool {
        match action {
            Action::Up => self.step(-1, len),
            Action::Down => self.step(1, len),
            Action::PageUp => self.step(-10, len),
            Action::PageDown => self.step(10, len),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = len.saturating_sub(1),
            _ => return false,
        }
        true
    }

    /// Keep the cursor within `len` rows.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// The items to draw in a window of `height` rows, each with whether it is selected.
    pub fn visible<'a, T>(
        &self,
        items: &'a [T],
        height: usize,
    ) -> impl Iterator<Item = (bool, &'a T)> + use<'a, T> {
        // A taller window than before shows as many rows as fit, not the old scroll position.
        let offset = self.scroll(height).min(items.len().saturating_sub(height));
        self.offset.set(offset);
        let selected = self.selected;
        items
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(move |(row, item)| (row == selected, item))
    }

    /// Scroll so the selection shows in a window of `height` rows; returns the first row.
    pub fn scroll(&self, height: usize) -> usize {
        let mut offset = self.offset.get();
        if self.selected < offset {
            offset = self.selected;
        } else if height > 0 && self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        self.offset.set(offset);
        offset
    }
}

/// The journal tab: filters and the rows they let through, newest first.
#[derive(Debug)]
pub struct JournalView {
    /// Entry positions, newest first, before filtering.
    order: Vec<usize>,
    /// Folded text to search, per entry position (title, tags, techniques, notes); built when
    /// first needed.
    haystacks: Option<Vec<String>>,
    /// The rows shown: entry positions.
    pub rows: Vec<usize>,
    /// The cursor.
    pub cursor: Cursor,
    /// The fuzzy filter text.
    pub query: String,
    /// The query the rows were matched with, and the rows that matched it before other filters.
    matched: Option<(String, Vec<usize>)>,
    /// Kind filter.
    pub kind: Option<String>,
    /// Metric filter.
    pub metric: Option<String>,
    /// Tag filter.
    pub tag: Option<String>,
    /// Period filter.
    pub period: PeriodChoice,
    /// Whether the user is typing the filter.
    pub typing: bool,
    matcher: Matcher,
}

impl JournalView {
    /// An empty view.
    pub fn new() -> JournalView {
        JournalView {
            order: Vec::new(),
            haystacks: None,
            rows: Vec::new(),
            cursor: Cursor::default(),
            query: String::new(),
            matched: None,
            kind: None,
            metric: None,
            tag: None,
            period: PeriodChoice::All,
            typing: false,
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    /// Re-index after the journal changed. The search text is built the first time a filter is
    /// typed, so opening a large journal does not pay for it.
    pub fn reindex(&mut self, journal: &Journal, today: NaiveDate) {
        let entries = &journal.entries;
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by(|&a, &b| {
            entries[b]
                .date
                .cmp(&entries[a].date)
                .then(entries[b].created.cmp(&entries[a].created))
        });
        self.order = order;
        self.haystacks = None;
        self.matched = None;
        self.apply(journal, today);
    }

    /// Whether any filter is set.
    pub fn filtered(&self) -> bool {
        !self.query.is_empty()
            || self.kind.is_some()
            || self.metric.is_some()
            || self.tag.is_some()
            || self.period != PeriodChoice::All
    }

    /// Recompute the rows for the current filters, keeping the selected entry where possible.
    pub fn apply(&mut self, journal: &Journal, today: NaiveDate) {
        let selected_entry = self.rows.get(self.cursor.selected).copied();
        let by_query = self.match_query(journal);
        let period = self.period.period(&journal.profile, today);
        let entries = &journal.entries;
        let rows: Vec<usize> = by_query
            .iter()
            .copied()
            .filter(|&i| {
                let e = &entries[i];
                period.contains(e.date)
                    && self.kind.as_ref().is_none_or(|k| &e.kind == k)
                    && self.metric.as_ref().is_none_or(|m| e.metrics.contains(m))
                    && self.tag.as_ref().is_none_or(|t| e.tags.contains(t))
            })
            .collect();
        self.rows = rows;
        self.cursor.selected = selected_entry
            .and_then(|s| self.rows.iter().position(|&r| r == s))
            .unwrap_or(0);
        self.cursor.clamp(self.rows.len());
    }

    /// Entry positions matching the query, newest first: entries whose text holds every word of
    /// the query (case and accents ignored). When no entry does, a fuzzy match on titles forgives
    /// typing errors. A query that extends the previous one only searches the previous matches.
    fn match_query(&mut self, journal: &Journal) -> Vec<usize> {
        let query = fold(self.query.trim());
        if query.is_empty() {
            self.matched = None;
            return self.order.clone();
        }
        let haystacks = self.haystacks.get_or_insert_with(|| search_text(journal));
        let candidates: Vec<usize> = match &self.matched {
            Some((previous, rows)) if query.starts_with(previous.as_str()) && !rows.is_empty() => {
                rows.clone()
            }
            _ => self.order.clone(),
        };
        let words: Vec<&str> = query.split_whitespace().collect();
        let mut rows: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| {
                haystacks
                    .get(i)
                    .is_some_and(|h| words.iter().all(|w| h.contains(w)))
            })
            .collect();
        if rows.is_empty() {
            let pattern = Pattern::parse(&query, CaseMatching::Ignore, Normalization::Smart);
            let mut buffer = Vec::new();
            rows = self
                .order
                .iter()
                .copied()
                .filter(|&i| {
                    let title = Utf32Str::new(&journal.entries[i].title, &mut buffer);
                    pattern.score(title, &mut self.matcher).is_some()
                })
                .collect();
        }
        self.matched = Some((query, rows.clone()));
        rows
    }

    /// The selected entry's position in the journal.
    pub fn selected(&self) -> Option<usize> {
        self.rows.get(self.cursor.selected).copied()
    }
}

/// Text folded for searching: lower case, accents removed (`Müller` → `muller`).
pub fn fold(text: &str) -> String {
    text.chars().map(|c| to_lower_case(normalize(c))).collect()
}

/// The folded search text of every entry: title, tags, techniques and notes.
fn search_text(journal: &Journal) -> Vec<String> {
    journal
        .entries
        .iter()
        .map(|e| {
            let mut text = String::with_capacity(e.title.len() + e.notes.len() + 32);
            text.push_str(&e.title);
            for part in e.tags.iter().chain(&e.techniques) {
                text.push(' ');
                text.push_str(part);
            }
            text.push(' ');
            text.push_str(&e.notes);
            fold(&text)
        })
        .collect()
}

/// The next value in a cycle through `options` (none → first → … → last → none).
pub fn cycle(current: &Option<String>, options: &[String]) -> Option<String> {
    match current {
        None => options.first().cloned(),
        Some(c) => options
            .iter()
            .position(|o| o == c)
            .and_then(|i| options.get(i + 1))
            .cloned(),
    }
}

/// The metrics tab: a period and the tally for it.
#[derive(Debug)]
pub struct MetricsView {
    /// The period choice.
    pub period: PeriodChoice,
    /// The metric under the cursor.
    pub cursor: Cursor,
    /// The figures for the period.
    pub tally: Option<Tally>,
}

/// The progression tab: the tier looked at and its assessment.
#[derive(Debug, Default)]
pub struct ProgressionView {
    /// The tier's position on the ladder.
    pub tier: usize,
    /// The expectation under the cursor.
    pub cursor: Cursor,
    /// The assessment of that tier.
    pub progress: Option<Progress>,
    /// The same tier as it stood at the last appraisal, when there was one before today.
    pub then: Option<Progress>,
}

/// The CPD tab: a period and the standards check.
#[derive(Debug)]
pub struct CpdView {
    /// The period choice.
    pub period: PeriodChoice,
    /// Scroll position.
    pub cursor: Cursor,
    /// The check for the period.
    pub report: Option<CpdReport>,
}

/// Everything computed from the journal for the tabs other than the journal.
#[derive(Debug)]
pub struct Figures {
    /// Metrics tab.
    pub metrics: MetricsView,
    /// Progression tab.
    pub progression: ProgressionView,
    /// CPD tab.
    pub cpd: CpdView,
}

impl Figures {
    /// Nothing computed yet.
    pub fn new() -> Figures {
        Figures {
            metrics: MetricsView {
                period: PeriodChoice::SinceAppraisal,
                cursor: Cursor::default(),
                tally: None,
            },
            progression: ProgressionView::default(),
            cpd: CpdView {
                period: PeriodChoice::Last12Months,
                cursor: Cursor::default(),
                report: None,
            },
        }
    }

    /// Recompute everything, indexing the journal once.
    pub fn compute_all(&mut self, ctx: &Context, today: NaiveDate) {
        self.compute_metrics(ctx, today);
        self.compute_progression(ctx, today);
        self.compute_cpd(ctx, today);
    }

    /// Recompute the metrics tally.
    pub fn compute_metrics(&mut self, ctx: &Context, today: NaiveDate) {
        let period = self.metrics.period.period(&ctx.journal.profile, today);
        self.metrics.tally = Some(tally(ctx, counted_until(period, today)));
    }

    /// Recompute the progression for the selected tier.
    pub fn compute_progression(&mut self, ctx: &Context, today: NaiveDate) {
        self.progression.progress = ctx
            .framework
            .tiers
            .get(self.progression.tier)
            .map(|t| progress(ctx, t, today));
        let last = ctx.journal.profile.last_appraisal.filter(|&d| d < today);
        self.progression.then = ctx
            .framework
            .tiers
            .get(self.progression.tier)
            .zip(last)
            .map(|(t, day)| progress(ctx, t, day));
        let len = self
            .progression
            .progress
            .as_ref()
            .map_or(0, |p| p.expectations.len());
        self.progression.cursor.clamp(len);
    }

    /// Recompute the CPD check.
    pub fn compute_cpd(&mut self, ctx: &Context, today: NaiveDate) {
        let period = self.cpd.period.period(&ctx.journal.profile, today);
        self.cpd.report = Some(cpd(ctx, counted_until(period, today)));
    }
}

/// The part of a period that is counted: entries after today are planned, never counted.
fn counted_until(period: Period, today: NaiveDate) -> Period {
    Period {
        from: period.from,
        to: period.to.min(today),
    }
}
