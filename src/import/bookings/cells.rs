//! Reading a booking export's cells: dates in either order, times, durations, blanks.

use super::*;

/// FNV-1a, 64 bits: a key that stays the same across versions and machines.
pub(super) fn fnv(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

pub(super) fn blank(cell: &str) -> bool {
    let c = cell.trim();
    c.is_empty() || c.eq_ignore_ascii_case("n/a") || c.eq_ignore_ascii_case("na") || c == "-"
}

/// A date, possibly followed by a time: ISO, or with `/`, `.` or `-` in the order given.
pub(super) fn date_time(cell: &str, order: DateOrder) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let cell = cell.trim();
    let (day, rest) = match cell.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (cell, None),
    };
    let parts: Vec<&str> = day.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let n = |s: &str| s.parse::<u32>().ok();
    let date = if a.len() == 4 {
        NaiveDate::from_ymd_opt(a.parse().ok()?, n(b)?, n(c)?)
    } else {
        let year: i32 = c.parse().ok().filter(|_| c.len() == 4)?;
        match order {
            DateOrder::DayFirst => NaiveDate::from_ymd_opt(year, n(b)?, n(a)?),
            DateOrder::MonthFirst => NaiveDate::from_ymd_opt(year, n(a)?, n(b)?),
        }
    }?;
    let time = match rest {
        Some(t) if !t.is_empty() => Some(time(t)?),
        _ => None,
    };
    Some((date, time))
}

pub(super) fn time(cell: &str) -> Option<NaiveTime> {
    let t = cell.trim().trim_end_matches('Z');
    NaiveTime::parse_from_str(t, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
        .ok()
}

/// A start or end cell: a time, or a date and time (the date then wins over the row's date).
pub(super) fn moment(cell: &str, order: DateOrder) -> Option<(Option<NaiveDate>, NaiveTime)> {
    if let Some(t) = time(cell) {
        return Some((None, t));
    }
    let (d, t) = date_time(cell, order)?;
    Some((Some(d), t?))
}

/// Hours from `2.5`, `2,5` or `2:30`.
pub(super) fn hours(cell: &str, minutes: bool) -> Option<f64> {
    let c = cell.trim();
    let value = match c.split_once(':') {
        Some((h, m)) => h.parse::<f64>().ok()? + m.parse::<f64>().ok()? / 60.0,
        None => c.replace(',', ".").parse::<f64>().ok()?,
    };
    let value = if minutes && !c.contains(':') {
        value / 60.0
    } else {
        value
    };
    (value.is_finite() && (0.0..=24.0 * 31.0).contains(&value)).then_some(value)
}
