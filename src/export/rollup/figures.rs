//! The figures of a summary a roll-up adds up: each checked against its range, then summed
//! without wrapping or overflowing, an error naming the summary and the field.

use super::Input;
use crate::assess::Recognition;
use crate::export::summary::{Figure, Summary};
use crate::text::number;

/// The largest count one summary may give for a figure (entries, people, contributions).
pub const MAX_COUNT: u64 = 1_000_000_000;

/// The largest number of hours one summary may give for a figure.
pub const MAX_HOURS: f64 = 1e9;

/// Figures named as in a summary's JSON (`headline.hours`, `metrics[3].people`).
type Named<T> = Vec<(String, T)>;

/// Every figure of a summary that a roll-up adds up or shows: counts and hours.
fn figures(s: &Summary) -> (Named<u64>, Named<f64>) {
    let h = &s.headline;
    let r = &h.publications;
    let as_u64 = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let mut counts: Named<u64> = [
        ("headline.entries", as_u64(h.entries)),
        ("headline.people", h.people),
        ("headline.highlights", as_u64(h.highlights)),
        ("headline.publications.co_author", as_u64(r.co_author)),
        ("headline.publications.acknowledged", as_u64(r.acknowledged)),
        (
            "headline.publications.data_contributor",
            as_u64(r.data_contributor),
        ),
        (
            "headline.publications.not_recognised",
            as_u64(r.not_recognised),
        ),
        ("headline.publications.unspecified", as_u64(r.unspecified)),
        ("progression.met", as_u64(s.progression.met)),
        ("progression.total", as_u64(s.progression.total)),
        ("cpd.met", as_u64(s.cpd.met)),
    ]
    .into_iter()
    .map(|(field, n)| (field.to_string(), n))
    .collect();
    let mut hours = vec![("headline.hours".to_string(), h.hours)];
    let named = [
        ("headline.training".to_string(), &h.training),
        ("headline.teaching".to_string(), &h.teaching),
        ("headline.outreach".to_string(), &h.outreach),
    ];
    let metrics = s
        .metrics
        .iter()
        .enumerate()
        .map(|(i, m)| (format!("metrics[{i}]"), &m.figure));
    for (field, f) in named.into_iter().chain(metrics) {
        counts.push((format!("{field}.entries"), as_u64(f.entries)));
        counts.push((format!("{field}.people"), f.people));
        hours.push((format!("{field}.hours"), f.hours));
    }
    for (i, m) in s.metrics.iter().enumerate() {
        counts.push((format!("metrics[{i}].highlights"), as_u64(m.highlights)));
    }
    (counts, hours)
}

/// Refuse a summary with a figure out of range: a count past [`MAX_COUNT`], hours negative,
/// not finite or past [`MAX_HOURS`]. (Negative counts are refused when the file is read.)
pub(super) fn check_figures(input: &Input) -> Result<(), String> {
    let (counts, hours) = figures(&input.summary);
    if let Some((field, n)) = counts.iter().find(|(_, n)| *n > MAX_COUNT) {
        return Err(format!(
            "{}: {field} {n} is out of range: expected a count from 0 to {MAX_COUNT}",
            input.label
        ));
    }
    if let Some((field, h)) = hours
        .iter()
        .find(|(_, h)| !(h.is_finite() && (0.0..=MAX_HOURS).contains(h)))
    {
        return Err(format!(
            "{}: {field} {h} is out of range: expected hours from 0 to {}",
            input.label,
            number(MAX_HOURS)
        ));
    }
    Ok(())
}

/// Checked sums of one summary's figures into the totals; an error names the summary (its
/// label) and the field whose total would overflow.
pub(super) struct Sum<'a>(pub(super) &'a str);

impl Sum<'_> {
    fn overflow(&self, field: &str) -> String {
        format!(
            "{}: {field} makes the facility total too large to add up; expected figures within \
             range",
            self.0
        )
    }

    pub(super) fn count<T: Copy + CheckedAdd>(
        &self,
        total: &mut T,
        add: T,
        field: &str,
    ) -> Result<(), String> {
        *total = total.checked(add).ok_or_else(|| self.overflow(field))?;
        Ok(())
    }

    pub(super) fn hours(&self, total: &mut f64, add: f64, field: &str) -> Result<(), String> {
        let sum = *total + add;
        if !sum.is_finite() {
            return Err(self.overflow(field));
        }
        *total = sum;
        Ok(())
    }

    pub(super) fn figure(
        &self,
        total: &mut Figure,
        add: &Figure,
        field: &str,
    ) -> Result<(), String> {
        self.count(&mut total.entries, add.entries, &format!("{field}.entries"))?;
        self.hours(&mut total.hours, add.hours, &format!("{field}.hours"))?;
        self.count(&mut total.people, add.people, &format!("{field}.people"))
    }

    pub(super) fn recognition(
        &self,
        total: &mut Recognition,
        add: &Recognition,
    ) -> Result<(), String> {
        let field = "headline.publications";
        self.count(&mut total.co_author, add.co_author, field)?;
        self.count(&mut total.acknowledged, add.acknowledged, field)?;
        self.count(&mut total.data_contributor, add.data_contributor, field)?;
        self.count(&mut total.not_recognised, add.not_recognised, field)?;
        self.count(&mut total.unspecified, add.unspecified, field)
    }
}

/// Integers that add up without wrapping.
pub(super) trait CheckedAdd: Sized {
    fn checked(self, other: Self) -> Option<Self>;
}

impl CheckedAdd for usize {
    fn checked(self, other: usize) -> Option<usize> {
        self.checked_add(other)
    }
}

impl CheckedAdd for u64 {
    fn checked(self, other: u64) -> Option<u64> {
        self.checked_add(other)
    }
}
