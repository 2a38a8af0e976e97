//! Aligned text tables for the terminal.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A table of text cells; the last column may be shortened to fit `max_width`.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    right: Vec<bool>,
}

impl Table {
    /// A table with these column headings; columns whose heading starts with `>` are right-aligned.
    pub fn new(header: &[&str]) -> Table {
        Table {
            right: header.iter().map(|h| h.starts_with('>')).collect(),
            header: header
                .iter()
                .map(|h| h.trim_start_matches('>').to_string())
                .collect(),
            rows: Vec::new(),
        }
    }

    /// Add a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Render, with the widest free-text column cut so a line stays within `max_width`.
    pub fn render(&self, max_width: usize) -> String {
        let columns = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.width());
            }
        }
        let total: usize = widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1);
        if total > max_width
            && let Some((widest, _)) = widths
                .iter()
                .enumerate()
                .filter(|(i, _)| !self.right[*i])
                .max_by_key(|(_, w)| **w)
        {
            widths[widest] = widths[widest].saturating_sub(total - max_width).max(12);
        }
        let mut out = String::new();
        let line = |cells: &[String], out: &mut String| {
            let mut text = String::new();
            for (i, width) in widths.iter().enumerate() {
                let cell = cells.get(i).map_or("", String::as_str);
                let cell = truncate(cell, *width);
                let pad = width.saturating_sub(cell.width());
                if i > 0 {
                    text.push_str("  ");
                }
                if self.right[i] {
                    text.push_str(&" ".repeat(pad));
                    text.push_str(&cell);
                } else {
                    text.push_str(&cell);
                    if i + 1 < columns {
                        text.push_str(&" ".repeat(pad));
                    }
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&self.header, &mut out);
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        line(&rule, &mut out);
        for row in &self.rows {
            line(row, &mut out);
        }
        out
    }
}

/// Cut `text` to `width` columns, ending with `…` when cut.
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

/// A number of hours without needless decimals.
pub fn hours(h: f64) -> String {
    if h == 0.0 {
        "–".to_string()
    } else if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}")
    }
}

/// A count, with a dash for zero.
pub fn count(n: impl Into<u64>) -> String {
    match n.into() {
        0 => "–".to_string(),
        n => n.to_string(),
    }
}

/// The width to render tables at: the terminal's `COLUMNS`, else 100.
pub fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(100)
}
