//! Turning what a person typed into checked values, with errors that name the field, the value
//! and what is expected.

use std::fmt;

use chrono::NaiveDate;

use crate::text::visible::first_unsafe;

/// Input that was refused: which field, the value given, and what is expected instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The field, as the user knows it (`date`, `hours`, `kind`…).
    pub field: String,
    /// The value given.
    pub value: String,
    /// What is expected.
    pub expected: String,
}

impl InputError {
    /// A refusal of `value` for `field`.
    pub fn new(field: &str, value: &str, expected: &str) -> InputError {
        InputError {
            field: field.to_string(),
            value: value.to_string(),
            expected: expected.to_string(),
        }
    }

    /// The same error for another field name (e.g. the command-line flag).
    pub fn in_field(mut self, field: &str) -> InputError {
        self.field = field.to_string();
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {:?} is not valid: expected {}",
            self.field, self.value, self.expected
        )
    }
}

impl std::error::Error for InputError {}

/// Refuse a control character (a newline, a tab, an escape, a bidirectional override…) in one
/// line of text: a title, a tag, a name.
pub fn check_line(field: &str, value: &str) -> Result<(), InputError> {
    check_controls(field, value, false)
}

/// Refuse a control character other than a newline, a carriage return or a tab in free text:
/// notes and reflections.
pub fn check_text(field: &str, value: &str) -> Result<(), InputError> {
    check_controls(field, value, true)
}

fn check_controls(field: &str, value: &str, multiline: bool) -> Result<(), InputError> {
    let Some((at, c)) = first_unsafe(value, multiline) else {
        return Ok(());
    };
    let what = if multiline {
        "text whose only control characters are newlines and tabs"
    } else {
        "one line of text without control characters"
    };
    Err(InputError::new(
        field,
        value,
        &format!("{what} (character {at} is U+{:04X})", u32::from(c)),
    ))
}

/// A calendar date written `YYYY-MM-DD`.
pub fn parse_date(field: &str, raw: &str) -> Result<NaiveDate, InputError> {
    let value = raw.trim();
    let shaped = value.len() == 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-';
    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(date) if shaped => Ok(date),
        _ if shaped => Err(InputError::new(
            field,
            raw,
            "a real calendar date (this day does not exist)",
        )),
        _ => Err(InputError::new(
            field,
            raw,
            "a date written YYYY-MM-DD, such as 2026-03-02",
        )),
    }
}

/// `x`, with a negative zero (`-0`) made the plain zero it means.
pub fn unsigned_zero(x: f64) -> f64 {
    if x == 0.0 { 0.0 } else { x }
}

/// Hours: a finite number, 0 or more (`-0` is read as 0).
pub fn parse_hours(field: &str, raw: &str) -> Result<f64, InputError> {
    match raw.trim().parse::<f64>() {
        Ok(h) if h.is_finite() && (0.0..=10_000.0).contains(&h) => Ok(unsigned_zero(h)),
        _ => Err(InputError::new(
            field,
            raw,
            "a number of hours from 0 to 10000, such as 2.5",
        )),
    }
}

/// A head count: a whole number, 0 or more.
pub fn parse_people(field: &str, raw: &str) -> Result<u32, InputError> {
    raw.trim()
        .parse::<u32>()
        .map_err(|_| InputError::new(field, raw, "a whole number of people, 0 or more, such as 6"))
}

/// Years of experience: a number from 0 to 70.
pub fn parse_years(field: &str, raw: &str) -> Result<f64, InputError> {
    match raw.trim().parse::<f64>() {
        Ok(y) if y.is_finite() && (0.0..=70.0).contains(&y) => Ok(unsigned_zero(y)),
        _ => Err(InputError::new(
            field,
            raw,
            "a number of years from 0 to 70, such as 6",
        )),
    }
}

/// A share of time in percent, from 0 to 100.
pub fn parse_percent(field: &str, raw: &str) -> Result<f64, InputError> {
    match raw.trim().trim_end_matches('%').parse::<f64>() {
        Ok(p) if p.is_finite() && (0.0..=100.0).contains(&p) => Ok(unsigned_zero(p)),
        _ => Err(InputError::new(field, raw, "a percentage from 0 to 100")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("date", "2026-03-02").expect("a valid test value"),
            NaiveDate::from_ymd_opt(2026, 3, 2).expect("a valid test value")
        );
        let err = parse_date("date", "2026-02-30").unwrap_err();
        assert_eq!(
            err.to_string(),
            "date \"2026-02-30\" is not valid: expected a real calendar date (this day does not exist)"
        );
        assert!(
            parse_date("date", "2/3/2026")
                .unwrap_err()
                .expected
                .contains("YYYY-MM-DD")
        );
        assert!(parse_date("date", "2026-3-2").is_err());
    }

    #[test]
    fn control_characters() {
        assert!(check_line("title", "Confocal 1:1 — Ruiz lab").is_ok());
        let err = check_line("title", "two\nlines").unwrap_err();
        assert_eq!(
            err.to_string(),
            "title \"two\\nlines\" is not valid: expected one line of text without control \
             characters (character 4 is U+000A)"
        );
        assert!(check_line("tag", "rtl\u{202e}").is_err());
        assert!(check_text("notes", "line one\nline two\tindented").is_ok());
        assert!(check_text("notes", "bell\u{7}").is_err());
    }

    #[test]
    fn numbers() {
        assert_eq!(
            parse_hours("hours", "2.5").expect("a valid test value"),
            2.5
        );
        assert!(parse_hours("hours", "-1").is_err());
        assert!(parse_hours("hours", "NaN").is_err());
        assert!(parse_hours("hours", "inf").is_err());
        assert_eq!(parse_people("people", "6").expect("a valid test value"), 6);
        assert!(
            parse_people("people", "2.5")
                .unwrap_err()
                .expected
                .contains("whole number")
        );
        assert!(parse_people("people", "-3").is_err());
        assert_eq!(
            parse_percent("share", "50%").expect("a valid test value"),
            50.0
        );
        assert!(parse_years("years", "80").is_err());
    }
}
