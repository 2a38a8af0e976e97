//! Periods of time that summaries are drawn over.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Period {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
}

impl Period {
    /// A period from `from` to `to`, both included; `None` if `to` is before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Period> {
        (from <= to).then_some(Period { from, to })
    }

    /// The `months` months that end on `today`.
    pub fn last_months(today: NaiveDate, months: u32) -> Period {
        let from = today
            .checked_sub_months(Months::new(months))
            .and_then(|d| d.succ_opt())
            .unwrap_or(NaiveDate::MIN);
        Period { from, to: today }
    }

    /// The calendar year of `today`, up to `today`.
    pub fn calendar_year(today: NaiveDate) -> Period {
        let from = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        Period { from, to: today }
    }

    /// Everything ever logged, up to `to`.
    pub fn all_until(to: NaiveDate) -> Period {
        Period {
            from: NaiveDate::MIN,
            to,
        }
    }

    /// Whether a day falls in the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Number of days in the period.
    pub fn days(self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The first day of each month the period touches, in order.
    pub fn months(self) -> Vec<NaiveDate> {
        let mut months = Vec::new();
        let Some(mut month) = self.from.with_day(1) else {
            return months;
        };
        while month <= self.to {
            months.push(month);
            match month.checked_add_months(Months::new(1)) {
                Some(next) => month = next,
                None => break,
            }
        }
        months
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == NaiveDate::MIN {
            write!(f, "everything up to {}", self.to)
        } else {
            write!(f, "{} to {}", self.from, self.to)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("a valid test value")
    }

    #[test]
    fn twelve_months_end_today() {
        let p = Period::last_months(d("2026-11-25"), 12);
        assert_eq!(p.from, d("2025-11-26"));
        assert_eq!(p.days(), 365);
        assert!(p.contains(d("2026-11-25")) && !p.contains(d("2025-11-25")));
        let leap = Period::last_months(d("2024-02-29"), 12);
        assert_eq!(leap.from, d("2023-03-01"));
    }

    #[test]
    fn months_cover_the_period() {
        let p = Period::new(d("2026-01-15"), d("2026-03-01")).expect("a valid test value");
        assert_eq!(
            p.months(),
            vec![d("2026-01-01"), d("2026-02-01"), d("2026-03-01")]
        );
        assert!(Period::new(d("2026-02-01"), d("2026-01-01")).is_none());
    }
}
