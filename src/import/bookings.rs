//! A facility booking system's export (CSV) read through a column mapping: training and assisted
//! sessions become `user-training` entries (one per session, its people counted), plain usage
//! becomes one `utilisation-report` entry per instrument per month with its usage hours.
//!
//! Each row has a stable key (the booking id column when the mapping names one, else a hash of
//! the row's mapped cells), kept on the entries it counts toward (`extra` fields `booking-rows`;
//! and `booking-month` on a month's entry): a second import of an overlapping export skips the
//! rows already counted and adds the new rows' hours to the month's entry.

mod cells;

use cells::{blank, date_time, fnv, hours, moment};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::Deserialize;
use serde_json::Value;

use super::{ImportError, PENDING_ID};
use crate::framework::Framework;
use crate::model::{Entry, Journal, check_line, validate_entry};

/// The kind of a training or assisted session.
pub const TRAINING_KIND: &str = "user-training";

/// The kind of a month's usage of an instrument.
pub const USAGE_KIND: &str = "utilisation-report";

/// The `extra` field holding the keys of the rows an entry counts.
pub const ROWS_FIELD: &str = "booking-rows";

/// The `extra` field naming a usage entry's instrument and month.
pub const MONTH_FIELD: &str = "booking-month";

/// How many rows one export may hold.
pub const ROWS: usize = 1_000_000;

/// Which columns hold what; the column names as the export's header writes them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The booking's date (or date and time).
    pub date: String,
    /// The start time (or date and time), with `end`.
    #[serde(default)]
    pub start: Option<String>,
    /// The end time (or date and time), with `start`.
    #[serde(default)]
    pub end: Option<String>,
    /// The duration, in hours (`2.5`) or hours and minutes (`2:30`), instead of start and end.
    #[serde(default)]
    pub duration: Option<String>,
    /// Whether `duration` counts minutes rather than hours.
    #[serde(default)]
    pub duration_minutes: bool,
    /// The user.
    #[serde(default)]
    pub user: Option<String>,
    /// The instrument.
    pub instrument: String,
    /// The booking type.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Booking types (words, any case) that mean a training or assisted session.
    #[serde(default = "training_words")]
    pub training: Vec<String>,
    /// The booking's id, a stable key for the row.
    #[serde(default)]
    pub id: Option<String>,
}

fn training_words() -> Vec<String> {
    ["training", "assisted", "induction", "tutorial"]
        .map(String::from)
        .to_vec()
}

impl Mapping {
    /// The built-in mapping for PPMS's booking export.
    pub fn ppms() -> Mapping {
        Mapping {
            date: "Date".into(),
            start: Some("Start time".into()),
            end: Some("End time".into()),
            duration: None,
            duration_minutes: false,
            user: Some("User".into()),
            instrument: "System".into(),
            kind: Some("Booking type".into()),
            training: training_words(),
            id: Some("Ref".into()),
        }
    }

    /// The built-in mapping for Calpendo's booking export.
    pub fn calpendo() -> Mapping {
        Mapping {
            date: "Start".into(),
            start: Some("Start".into()),
            end: Some("Finish".into()),
            duration: None,
            duration_minutes: false,
            user: Some("User".into()),
            instrument: "Resource".into(),
            kind: Some("Booking Type".into()),
            training: training_words(),
            id: Some("Booking ID".into()),
        }
    }

    /// A mapping file's text: TOML, or JSON when it starts with `{`.
    ///
    /// # Errors
    /// Text that is neither, or names an unknown setting.
    pub fn parse(text: &str) -> Result<Mapping, String> {
        if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| format!("mapping: {e}"))
        } else {
            toml::from_str(text).map_err(|e| format!("mapping: {}", e.message()))
        }
    }

    fn columns(&self) -> Vec<(&'static str, &str)> {
        let mut out = vec![
            ("date", self.date.as_str()),
            ("instrument", &self.instrument),
        ];
        let optional = [
            ("start", &self.start),
            ("end", &self.end),
            ("duration", &self.duration),
            ("user", &self.user),
            ("type", &self.kind),
            ("id", &self.id),
        ];
        for (what, column) in optional {
            if let Some(c) = column {
                out.push((what, c.as_str()));
            }
        }
        out
    }
}

/// Day-first or month-first dates (`03/04/2026`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// 03/04/2026 is 3 April.
    #[default]
    DayFirst,
    /// 03/04/2026 is 4 March.
    MonthFirst,
}

/// A row read: when, how long, what and whether a training session.
#[derive(Debug, Clone)]
struct Row {
    line: usize,
    key: String,
    date: NaiveDate,
    start: Option<NaiveTime>,
    hours: f64,
    user: Option<String>,
    instrument: String,
    training: bool,
}

/// What importing an export does to the journal.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// New entries.
    pub add: Vec<Entry>,
    /// Month entries already in the journal that the new rows add to: id, hours added, keys.
    pub extend: Vec<(String, f64, Vec<String>)>,
    /// Rows already counted by the journal's entries.
    pub counted: usize,
    /// Rows refused, each with its line, field and reason.
    pub refused: Vec<ImportError>,
}

/// Read the export's rows through the mapping, and plan the entries.
///
/// # Errors
/// A mapping naming a column the export does not have (listing those it has), or an export that
/// is not CSV, or has more than [`ROWS`] rows.
pub fn plan(
    text: &str,
    mapping: &Mapping,
    order: DateOrder,
    framework: &Framework,
    journal: &Journal,
    file: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Plan, ImportError> {
    // Spreadsheets in many countries write `;` or tabs: the header line tells.
    let header = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ImportError::new("line 1", format!("header: {e}")))?
        .clone();
    let names: Vec<&str> = headers.iter().map(str::trim).collect();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (what, column) in mapping.columns() {
        let i = names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(column.trim()));
        let i = i.ok_or_else(|| {
            ImportError::new(
                "mapping",
                format!(
                    "{what} column {column:?} is not in the export: its columns are {}",
                    names
                        .iter()
                        .map(|n| format!("{n:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
        index.insert(what, i);
    }
    if mapping.duration.is_none() && (mapping.start.is_none() || mapping.end.is_none()) {
        return Err(ImportError::new(
            "mapping",
            "duration: name a duration column, or both start and end columns",
        ));
    }
    let counted_before: HashSet<&str> = journal
        .entries
        .iter()
        .filter_map(|e| e.extra.get(ROWS_FIELD).and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut out = Plan::default();
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        if i >= ROWS {
            return Err(ImportError::new(
                format!("line {line}"),
                format!("rows: more than {ROWS} in one export"),
            ));
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                out.refused
                    .push(ImportError::new(format!("line {line}"), e.to_string()));
                continue;
            }
        };
        let cell = |what: &str| -> Option<&str> {
            index
                .get(what)
                .and_then(|i| record.get(*i))
                .filter(|c| !blank(c))
                .map(str::trim)
        };
        match read_row(&cell, mapping, order, line) {
            Ok(row) => {
                if counted_before.contains(row.key.as_str()) || !seen.insert(row.key.clone()) {
                    out.counted += 1;
                } else {
                    rows.push(row);
                }
            }
            Err(e) => out.refused.push(e),
        }
    }
    group(rows, framework, journal, file, now, &mut out)?;
    Ok(out)
}

fn read_row<'c>(
    cell: &impl Fn(&str) -> Option<&'c str>,
    mapping: &Mapping,
    order: DateOrder,
    line: usize,
) -> Result<Row, ImportError> {
    let at = format!("line {line}");
    let fail =
        |field: &str, reason: String| ImportError::new(at.clone(), format!("{field}: {reason}"));
    let raw_date = cell("date").ok_or_else(|| fail(&mapping.date, "blank".into()))?;
    let (mut date, _) = date_time(raw_date, order).ok_or_else(|| {
        fail(
            &mapping.date,
            format!(
                "{raw_date:?} is not a date (expected 2026-03-14 or 14/03/2026; see --date-format)"
            ),
        )
    })?;
    let instrument = cell("instrument")
        .ok_or_else(|| fail(&mapping.instrument, "blank".into()))?
        .to_string();
    check_line("instrument", &instrument)
        .map_err(|e| ImportError::new(at.clone(), e.to_string()))?;
    let mut start = None;
    let hours = match (cell("duration"), cell("start"), cell("end")) {
        (Some(d), _, _) => hours(d, mapping.duration_minutes).ok_or_else(|| {
            fail(
                mapping.duration.as_deref().unwrap_or("duration"),
                format!("{d:?} is not a duration (expected hours such as 2.5 or 2:30)"),
            )
        })?,
        (None, Some(s), Some(e)) => {
            let column = |c: &Option<String>| c.clone().unwrap_or_default();
            let (sd, st) = moment(s, order)
                .ok_or_else(|| fail(&column(&mapping.start), format!("{s:?} is not a time")))?;
            let (ed, et) = moment(e, order)
                .ok_or_else(|| fail(&column(&mapping.end), format!("{e:?} is not a time")))?;
            if let Some(sd) = sd {
                date = sd;
            }
            start = Some(st);
            let begin = date.and_time(st);
            let mut finish = ed.unwrap_or(date).and_time(et);
            if finish < begin && ed.is_none() {
                finish += chrono::Duration::days(1);
            }
            let minutes = (finish - begin).num_minutes();
            if !(0..=60 * 24 * 31).contains(&minutes) {
                return Err(fail(
                    &column(&mapping.end),
                    format!("{e:?} is not after the start {s:?}"),
                ));
            }
            f64::from(u32::try_from(minutes).unwrap_or(0)) / 60.0
        }
        _ => {
            return Err(fail(
                mapping
                    .duration
                    .as_deref()
                    .or(mapping.end.as_deref())
                    .unwrap_or("duration"),
                "blank".into(),
            ));
        }
    };
    let kind = cell("type").unwrap_or("");
    let training = mapping
        .training
        .iter()
        .any(|w| kind.to_lowercase().contains(&w.to_lowercase()));
    let user = cell("user").map(str::to_string);
    let key = match cell("id") {
        Some(id) => fnv(&format!("id\u{1f}{id}")),
        None => {
            let mut all = String::new();
            for what in [
                "date",
                "start",
                "end",
                "duration",
                "user",
                "instrument",
                "type",
            ] {
                let _ = write!(all, "{}\u{1f}", cell(what).unwrap_or(""));
            }
            fnv(&all)
        }
    };
    Ok(Row {
        line,
        key,
        date,
        start,
        hours,
        user,
        instrument,
        training,
    })
}

/// The framework techniques an instrument's name mentions (`Zeiss LSM 980 confocal`).
fn techniques(framework: &Framework, instrument: &str) -> Vec<String> {
    let words: Vec<&str> = instrument.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let pairs = words.windows(2).map(|w| format!("{} {}", w[0], w[1]));
    for spelling in words.iter().map(|w| (*w).to_string()).chain(pairs) {
        if let Some(t) = framework.techniques.resolve(&spelling)
            && !out.contains(&t.id)
        {
            out.push(t.id.clone());
        }
    }
    out
}

fn rows_value(keys: &[String]) -> Value {
    Value::Array(keys.iter().cloned().map(Value::String).collect())
}

/// Training rows as sessions (one per date, start, instrument); usage rows as months.
fn group(
    rows: Vec<Row>,
    framework: &Framework,
    journal: &Journal,
    file: &str,
    now: chrono::DateTime<chrono::Utc>,
    out: &mut Plan,
) -> Result<(), ImportError> {
    type Session = (NaiveDate, Option<NaiveTime>, String);
    let mut sessions: BTreeMap<Session, Vec<Row>> = BTreeMap::new();
    let mut months: BTreeMap<(String, i32, u32), Vec<Row>> = BTreeMap::new();
    for row in rows {
        if row.training {
            sessions
                .entry((row.date, row.start, row.instrument.clone()))
                .or_default()
                .push(row);
        } else {
            months
                .entry((row.instrument.clone(), row.date.year(), row.date.month()))
                .or_default()
                .push(row);
        }
    }
    let check = |e: Entry, line: usize| -> Result<Entry, ImportError> {
        validate_entry(framework, &e)
            .map_err(|err| ImportError::new(format!("line {line}"), err.to_string()))?;
        Ok(e)
    };
    for ((date, _, instrument), rows) in sessions {
        let hours = rows.iter().map(|r| r.hours).fold(0.0_f64, f64::max);
        let mut e = Entry::new(
            PENDING_ID.into(),
            date,
            TRAINING_KIND,
            &format!("Training on {instrument}"),
            now,
        );
        e.hours = Some((hours * 100.0).round() / 100.0);
        e.people = u32::try_from(rows.len()).ok();
        e.techniques = techniques(framework, &instrument);
        e.metrics = kind_metrics(framework, TRAINING_KIND);
        let users: Vec<&str> = rows.iter().filter_map(|r| r.user.as_deref()).collect();
        e.notes = format!("From the booking export {file}.");
        if !users.is_empty() {
            e.notes.push_str(&format!(" Users: {}.", users.join(", ")));
        }
        let keys: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
        e.extra.insert(ROWS_FIELD.into(), rows_value(&keys));
        match check(e, rows[0].line) {
            Ok(e) => out.add.push(e),
            Err(err) => out.refused.push(err),
        }
    }
    for ((instrument, year, month), rows) in months {
        let label = format!("{instrument} {year}-{month:02}");
        let hours: f64 = rows.iter().map(|r| r.hours).sum();
        let hours = (hours * 100.0).round() / 100.0;
        let keys: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
        let existing = journal
            .entries
            .iter()
            .find(|e| e.extra.get(MONTH_FIELD).and_then(Value::as_str) == Some(&label));
        if let Some(e) = existing {
            out.extend.push((e.id.clone(), hours, keys));
            continue;
        }
        let Some(date) = NaiveDate::from_ymd_opt(year, month, 1) else {
            continue;
        };
        let mut e = Entry::new(
            PENDING_ID.into(),
            date,
            USAGE_KIND,
            &format!("Usage of {instrument}, {year}-{month:02}"),
            now,
        );
        e.usage_hours = Some(hours);
        e.techniques = techniques(framework, &instrument);
        e.metrics = kind_metrics(framework, USAGE_KIND);
        e.notes = format!("{} bookings from the booking export {file}.", rows.len());
        e.extra.insert(MONTH_FIELD.into(), Value::String(label));
        e.extra.insert(ROWS_FIELD.into(), rows_value(&keys));
        match check(e, rows[0].line) {
            Ok(e) => out.add.push(e),
            Err(err) => out.refused.push(err),
        }
    }
    Ok(())
}

fn kind_metrics(framework: &Framework, kind: &str) -> Vec<String> {
    framework
        .kind(kind)
        .map(|k| k.metrics.clone())
        .unwrap_or_default()
}

/// Add the new rows' hours and keys to the month entries they extend.
pub fn extend(
    journal: &mut Journal,
    extend: &[(String, f64, Vec<String>)],
    now: chrono::DateTime<chrono::Utc>,
) {
    for (id, hours, keys) in extend {
        let Some(e) = journal.entries.iter_mut().find(|e| &e.id == id) else {
            continue;
        };
        let total = e.usage_hours.unwrap_or(0.0) + hours;
        e.usage_hours = Some((total * 100.0).round() / 100.0);
        let rows = e
            .extra
            .entry(ROWS_FIELD)
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = rows {
            list.extend(keys.iter().cloned().map(Value::String));
        }
        e.updated = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            date_time("03/04/2026", DateOrder::DayFirst).map(|x| x.0),
            d(2026, 4, 3)
        );
        assert_eq!(
            date_time("03/04/2026", DateOrder::MonthFirst).map(|x| x.0),
            d(2026, 3, 4)
        );
        assert_eq!(
            date_time("2026-04-03 09:30", DateOrder::MonthFirst).map(|x| x.0),
            d(2026, 4, 3)
        );
        assert_eq!(date_time("31/02/2026", DateOrder::DayFirst), None);
        assert_eq!(hours("2:30", false), Some(2.5));
        assert_eq!(hours("2,5", false), Some(2.5));
        assert_eq!(hours("90", true), Some(1.5));
        assert_eq!(hours("-1", false), None);
        assert!(blank(" n/a ") && blank("") && !blank("0"));
        assert_eq!(fnv("a"), "af63dc4c8601ec8c");
    }
}
