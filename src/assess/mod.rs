//! Assessment: what the journal shows against the framework, over a period or as of a day.
//!
//! Pure functions of a [`Context`] (the framework and the journal, indexed once) and dates passed
//! in; nothing here reads the clock or touches the file system.

mod compare;
mod cpd;
mod evidence;
mod period;
mod progress;
mod tally;
mod techniques;
mod time;
mod words;

use chrono::{Datelike, NaiveDate};

use crate::framework::Framework;
use crate::model::{Entry, Journal};

pub use compare::{Change, Comparison, compare};
pub use cpd::{CategoryRow, CpdReport, StandardResult, cpd, learning_category};
pub use period::Period;
pub use progress::{ExpectationStatus, PartStatus, Progress, Status, progress};
pub use tally::{MetricRow, MonthCount, Recognition, Tally, tally};
pub use techniques::Techniques;
pub use time::{AreaRow, TimeReport, time_allocation};
pub use words::{describe_part, describe_rule, describe_threshold};

/// The framework and a journal, with each entry's kind and metrics resolved to positions once,
/// so that every assessment is a plain pass over the entries.
///
/// The figures an assessment reads (date, kind, metrics, hours, people, highlight) are copied into
/// a compact array, and the positions are sorted by date once: a period is then a slice of that
/// order, and lists come out newest first without sorting. On a large journal this keeps each
/// pass in cache instead of striding through the entries themselves.
#[derive(Debug)]
pub struct Context<'a> {
    /// The framework assessed against.
    pub framework: &'a Framework,
    /// The journal assessed.
    pub journal: &'a Journal,
    resolved: Vec<Resolved>,
    /// The entries newest first, entries of the same day in journal order.
    newest_first: Vec<Dated>,
    /// The technique vocabulary: the framework's and the person's own.
    techniques: Techniques<'a>,
}

/// What the assessments read of one entry.
#[derive(Debug, Clone, Copy)]
struct Resolved {
    metrics: MetricSet,
    /// The entry's hours, 0 when it has none.
    hours: f64,
    /// Its instrument usage hours, 0 when it has none.
    usage_hours: f64,
    /// The kind's position, or [`NO_KIND`].
    kind: u32,
    date: NaiveDate,
    people: u32,
    highlight: bool,
    /// The role's position in the kind's vocabulary, or [`NOT_GIVEN`].
    role: u8,
    /// The scope's position in the framework's scopes, or [`NOT_GIVEN`].
    scope: u8,
}

/// The kind position of an entry whose kind the framework does not know.
const NO_KIND: u32 = u32::MAX;

/// A role or scope that is absent, or not one of the vocabulary's.
const NOT_GIVEN: u8 = u8::MAX;

fn position_u8(position: Option<usize>) -> u8 {
    position
        .and_then(|p| u8::try_from(p).ok())
        .filter(|&p| p != NOT_GIVEN)
        .unwrap_or(NOT_GIVEN)
}

impl Resolved {
    fn kind(self) -> Option<usize> {
        (self.kind != NO_KIND).then_some(self.kind as usize)
    }
}

/// An entry in date order: its position and what the passes over a window filter on.
#[derive(Debug, Clone, Copy)]
struct Dated {
    metrics: MetricSet,
    position: usize,
    /// The kind's position, or [`NO_KIND`].
    kind: u32,
    date: NaiveDate,
}

impl Dated {
    fn kind(self) -> Option<usize> {
        (self.kind != NO_KIND).then_some(self.kind as usize)
    }
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

    /// The positions in the set, in increasing order.
    pub fn iter(self) -> impl Iterator<Item = usize> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let i = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                i
            })
        })
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
        // The framework's own answer for each id, so duplicates resolve as its maps do.
        let kinds = Ids::new(
            framework
                .kinds
                .iter()
                .filter_map(|k| Some((k.id.as_str(), framework.kind_index(&k.id)?))),
        );
        let metrics = Ids::new(
            framework
                .metrics
                .iter()
                .filter_map(|m| Some((m.id.as_str(), framework.metric_index(&m.id)?))),
        );
        let entries = &journal.entries;
        let resolved: Vec<Resolved> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                // The entry, its kind and its metrics are separate fetches from memory: start
                // them a few entries ahead (the entry further, since the others need its fields).
                if let Some(far) = entries.get(i + 24) {
                    prefetch((&raw const far.kind).cast());
                    prefetch((&raw const far.metrics).cast());
                    prefetch((&raw const far.date).cast());
                    prefetch((&raw const far.hours).cast());
                    prefetch((&raw const far.highlight).cast());
                    prefetch((&raw const far.role).cast());
                    prefetch((&raw const far.scope).cast());
                }
                if let Some(ahead) = entries.get(i + 8) {
                    prefetch(ahead.kind.as_ptr());
                    prefetch(ahead.metrics.as_ptr().cast());
                    if let Some(role) = &ahead.role {
                        prefetch(role.as_ptr());
                    }
                    if let Some(scope) = &ahead.scope {
                        prefetch(scope.as_ptr());
                    }
                }
                if let Some(m) = entries.get(i + 4).and_then(|a| a.metrics.first()) {
                    prefetch(m.as_ptr());
                }
                let mut set = MetricSet::default();
                for id in &e.metrics {
                    if let Some(i) = metrics.get(id) {
                        set.insert(i);
                    }
                }
                let kind = kinds.get(&e.kind);
                let role = match (kind, &e.role) {
                    (Some(k), Some(role)) => framework.kinds[k].roles.position(role),
                    _ => None,
                };
                Resolved {
                    metrics: set,
                    hours: e.hours.unwrap_or(0.0),
                    usage_hours: e.usage_hours.unwrap_or(0.0),
                    kind: kind.and_then(|k| u32::try_from(k).ok()).unwrap_or(NO_KIND),
                    date: e.date,
                    people: e.people.unwrap_or(0),
                    highlight: e.highlight,
                    role: position_u8(role),
                    scope: position_u8(
                        e.scope
                            .as_deref()
                            .and_then(|s| framework.scopes.position(s)),
                    ),
                }
            })
            .collect();
        let newest_first = newest_first(&resolved);
        Context {
            framework,
            journal,
            resolved,
            newest_first,
            techniques: Techniques::new(framework, &journal.profile),
        }
    }

    /// The technique vocabulary this journal is assessed with.
    pub fn techniques(&self) -> &Techniques<'a> {
        &self.techniques
    }

    /// The role id of an entry, from its kind's vocabulary: `None` when it gives none, or one
    /// that is not in the vocabulary ("role not given").
    pub fn role_of(&self, position: usize) -> Option<&'a str> {
        let r = self.resolved.get(position)?;
        let kind = r.kind()?;
        let terms = self.framework.kinds[kind].roles.terms();
        terms.get(usize::from(r.role)).map(|t| t.id.as_str())
    }

    /// The date of the entry at a position, from the compact copy.
    fn date_of(&self, position: usize) -> NaiveDate {
        self.resolved[position].date
    }

    /// The scope id of an entry, when it gives a known one.
    pub fn scope_of(&self, position: usize) -> Option<&'a str> {
        let r = self.resolved.get(position)?;
        let terms = self.framework.scopes.terms();
        terms.get(usize::from(r.scope)).map(|t| t.id.as_str())
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

    /// The entries dated within a period, in journal order.
    fn entries_in(
        &self,
        period: Period,
    ) -> impl Iterator<Item = (usize, &'a Entry, Resolved)> + '_ {
        self.entries()
            .filter(move |(_, _, r)| period.contains(r.date))
    }

    /// The entries dated from `from` to `to`, both included, newest first (entries of the same
    /// day in journal order).
    fn window(&self, from: NaiveDate, to: NaiveDate) -> &[Dated] {
        let start = self.newest_first.partition_point(|d| d.date > to);
        let end = self.newest_first.partition_point(|d| d.date >= from);
        &self.newest_first[start..end.max(start)]
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

/// The entries sorted by date, newest first, ties in journal order (a stable sort). Journal dates
/// span few days compared with the number of entries, so this is a counting sort.
fn newest_first(resolved: &[Resolved]) -> Vec<Dated> {
    let dated = |(position, r): (usize, &Resolved)| Dated {
        metrics: r.metrics,
        position,
        kind: r.kind,
        date: r.date,
    };
    let days = |r: &Resolved| i64::from(r.date.num_days_from_ce());
    let (Some(min), Some(max)) = (
        resolved.iter().map(days).min(),
        resolved.iter().map(days).max(),
    ) else {
        return Vec::new();
    };
    let span = usize::try_from(max - min).unwrap_or(usize::MAX);
    if span > resolved.len().saturating_mul(8).max(1 << 16) {
        let mut order: Vec<Dated> = resolved.iter().enumerate().map(dated).collect();
        order.sort_by_key(|d| std::cmp::Reverse(d.date));
        return order;
    }
    // starts[k]: where the entries k days before the newest begin.
    let key = |r: &Resolved| (max - days(r)) as usize;
    let mut starts = vec![0usize; span + 2];
    for r in resolved {
        starts[key(r) + 1] += 1;
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    let empty = Dated {
        metrics: MetricSet::default(),
        position: 0,
        kind: NO_KIND,
        date: NaiveDate::MIN,
    };
    let mut order = vec![empty; resolved.len()];
    for (i, r) in resolved.iter().enumerate() {
        let slot = &mut starts[key(r)];
        order[*slot] = dated((i, r));
        *slot += 1;
    }
    order
}

/// Ids to positions through a cheap hash: resolving every entry of a large journal through the
/// framework's maps (SipHash) was most of the cost of [`Context::new`].
#[derive(Debug)]
pub(crate) struct Ids<'k> {
    slots: Vec<Option<(Fingerprint, &'k str, usize)>>,
    mask: usize,
}

impl<'k> Ids<'k> {
    /// A table of these ids and their positions; the first of equal ids wins.
    pub(crate) fn new(pairs: impl IntoIterator<Item = (&'k str, usize)>) -> Ids<'k> {
        let pairs: Vec<(&str, usize)> = pairs.into_iter().collect();
        let size = (pairs.len() * 4).next_power_of_two().max(16);
        let mut table = Ids {
            slots: vec![None; size],
            mask: size - 1,
        };
        for (id, pos) in pairs {
            let print = Fingerprint::of(id);
            let mut slot = print.hash() & table.mask;
            loop {
                match table.slots[slot] {
                    Some((_, known, _)) if known == id => break,
                    Some(_) => slot = (slot + 1) & table.mask,
                    None => {
                        table.slots[slot] = Some((print, id, pos));
                        break;
                    }
                }
            }
        }
        table
    }

    /// The position of an id, if the table has it.
    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        let print = Fingerprint::of(id);
        let mut slot = print.hash() & self.mask;
        // The table is at most a quarter full, so a probe ends within one short cluster.
        loop {
            match self.slots[slot] {
                Some((p, known, pos)) if p == print && (print.len <= 16 || known == id) => {
                    return Some(pos);
                }
                Some(_) => slot = (slot + 1) & self.mask,
                None => return None,
            }
        }
    }
}

/// The length and the first and last eight bytes of a string: equal fingerprints mean equal
/// strings up to 16 bytes, which most ids are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    head: u64,
    tail: u64,
    len: usize,
}

impl Fingerprint {
    fn of(id: &str) -> Fingerprint {
        let bytes = id.as_bytes();
        let word = |b: &[u8]| {
            let mut w = [0u8; 8];
            w[..b.len()].copy_from_slice(b);
            u64::from_le_bytes(w)
        };
        let (head, tail) = if bytes.len() >= 8 {
            (word(&bytes[..8]), word(&bytes[bytes.len() - 8..]))
        } else {
            (word(bytes), 0)
        };
        Fingerprint {
            head,
            tail,
            len: bytes.len(),
        }
    }

    fn hash(self) -> usize {
        let h = (self.head ^ self.tail.rotate_left(29) ^ self.len as u64)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> 32) as usize
    }
}

/// Ask the processor to start fetching the memory at `p`: a hint, with no effect on what the
/// program computes. Passes over a large journal go entry by entry through memory they cannot
/// predict (each entry's strings and lists live elsewhere), so they start a few entries ahead.
#[inline(always)]
pub(crate) fn prefetch(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults and never changes memory, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
