//! Assessment: what the journal shows against the framework, over a period or as of a day.
//!
//! Pure functions of a [`Context`] (the framework and the journal, indexed once) and dates passed
//! in; nothing here reads the clock or touches the file system.

mod cpd;
mod period;
mod progress;
mod tally;
mod time;

use crate::framework::Framework;
use crate::model::{Entry, Journal};

pub use cpd::{CategoryRow, CpdReport, StandardResult, cpd};
pub use period::Period;
pub use progress::{ExpectationStatus, Progress, Status, progress};
pub use tally::{MetricRow, MonthCount, Recognition, Tally, tally};
pub use time::{AreaRow, TimeReport, time_allocation};

/// The framework and a journal, with each entry's kind and metrics resolved to positions once,
/// so that every assessment is a plain pass over the entries.
#[derive(Debug)]
pub struct Context<'a> {
    /// The framework assessed against.
    pub framework: &'a Framework,
    /// The journal assessed.
    pub journal: &'a Journal,
    resolved: Vec<Resolved>,
}

/// An entry's kind position and metric set.
#[derive(Debug, Clone, Copy)]
struct Resolved {
    kind: Option<usize>,
    metrics: MetricSet,
}

/// A set of metric positions (the framework has at most [`MetricSet::CAPACITY`] metrics).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MetricSet(u128);

impl MetricSet {
    /// The most metrics a framework may define.
    pub const CAPACITY: usize = 128;

    /// Add a metric position.
    pub fn insert(&mut self, index: usize) {
        if index < Self::CAPACITY {
            self.0 |= 1 << index;
        }
    }

    /// Whether a metric position is in the set.
    pub fn contains(self, index: usize) -> bool {
        index < Self::CAPACITY && self.0 & (1 << index) != 0
    }

    /// Whether the two sets share a metric.
    pub fn intersects(self, other: MetricSet) -> bool {
        self.0 & other.0 != 0
    }

    /// The set of these metric ids (unknown ids are left out).
    pub fn of(framework: &Framework, ids: &[String]) -> MetricSet {
        let mut set = MetricSet::default();
        for id in ids {
            if let Some(i) = framework.metric_index(id) {
                set.insert(i);
            }
        }
        set
    }
}

impl<'a> Context<'a> {
    /// Index a journal against a framework.
    pub fn new(framework: &'a Framework, journal: &'a Journal) -> Context<'a> {
        let resolved = journal
            .entries
            .iter()
            .map(|e| Resolved {
                kind: framework.kind_index(&e.kind),
                metrics: MetricSet::of(framework, &e.metrics),
            })
            .collect();
        Context {
            framework,
            journal,
            resolved,
        }
    }

    /// Every entry with its position, kind position and metric set.
    fn entries(&self) -> impl Iterator<Item = (usize, &'a Entry, Resolved)> + '_ {
        self.journal
            .entries
            .iter()
            .zip(&self.resolved)
            .enumerate()
            .map(|(i, (e, r))| (i, e, *r))
    }

    /// The entries dated within a period.
    fn entries_in(
        &self,
        period: Period,
    ) -> impl Iterator<Item = (usize, &'a Entry, Resolved)> + '_ {
        self.entries()
            .filter(move |(_, e, _)| period.contains(e.date))
    }

    /// The CPD category of an entry: its own, else its kind's default.
    pub fn cpd_category(&self, entry: &'a Entry) -> Option<&'a str> {
        entry.cpd_category.as_deref().or_else(|| {
            self.framework
                .kind(&entry.kind)
                .and_then(|k| k.cpd_category.as_deref())
        })
    }
}
