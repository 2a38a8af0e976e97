//! Figures and text for reading: numbers without needless decimals, dashes for nothing, text cut
//! to a width, control characters made visible ([`visible`]). Pure; shared by the command line,
//! the terminal app and the exports.

pub mod visible;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A number without needless decimals: `12`, `2.5`; never `-0`.
pub fn number(x: f64) -> String {
    let tenths = (x * 10.0).round() / 10.0;
    if tenths == 0.0 {
        "0".to_string()
    } else if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// A number rounded to a whole one: `12`; never `-0`.
pub fn whole(x: f64) -> String {
    let text = format!("{x:.0}");
    if text == "-0" { "0".to_string() } else { text }
}

/// Hours for reading: `12`, `2.5`, or `–` for none.
pub fn hours(h: f64) -> String {
    if h == 0.0 {
        "–".to_string()
    } else {
        number(h)
    }
}

/// A count for reading, `–` for zero.
pub fn count(n: impl Into<u64>) -> String {
    match n.into() {
        0 => "–".to_string(),
        n => n.to_string(),
    }
}

/// `1 entry` / `3 entries`.
pub fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An amount in a measure's unit, singular for one: `1 entry`, `2.5 hours`, `4 distinct
/// techniques`. The unit is given in the plural, as the measures name themselves.
pub fn amount(x: f64, unit: &str) -> String {
    let one = match unit {
        "entries" => "entry",
        "people" => "person",
        plural => plural.strip_suffix('s').unwrap_or(plural),
    };
    format!("{} {}", number(x), if x == 1.0 { one } else { unit })
}

/// Cut `text` to `width` terminal columns, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_well() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(2.25), "2.2");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(-0.04), "0");
        assert_eq!(whole(-0.4), "0");
        assert_eq!(whole(12.2), "12");
        assert_eq!(hours(0.0), "–");
        assert_eq!(count(0u32), "–");
        assert_eq!(plural(1u32, "entry", "entries"), "1 entry");
        assert_eq!(plural(3u32, "entry", "entries"), "3 entries");
        assert_eq!(truncate("F.c F.a.iii", 9), "F.c F.a.…");
        assert_eq!(truncate("Müller", 10), "Müller");
    }
}
