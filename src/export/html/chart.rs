//! The two charts of the HTML evidence summary, as inline SVG: entries per metric and entries per
//! month. Both are drawn for paper as much as for the screen: the two groups of metrics differ by
//! hatching as well as by colour (they stay apart when printed in greyscale) and a legend names
//! them; the month axis thins its labels on long periods and stops at the period's last day.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::super::summary::{MetricLine, MonthLine};
use super::super::text::{month_label, xml};
use crate::framework::MetricGroup;

const ACADEMIC: &str = "#3b6db3";
const ACADEMIC_TINT: &str = "#dbe5f4";
const FACILITY: &str = "#2a8a7a";
const MONTHS: &str = "#56657a";
const INK: &str = "#1d2430";
const MUTED: &str = "#5a6474";
const RULE: &str = "#d4d9e1";

/// Distance between the hatch lines of an academic bar, in SVG units.
const HATCH: f64 = 4.0;

/// Width of both charts in SVG units; the page scales them to the column.
const WIDTH: f64 = 680.0;
/// Least distance between the centres of two month-name labels on the axis, in SVG units.
pub const MONTH_LABEL_GAP: f64 = 30.0;
/// Least distance between the centres of two year labels on the axis, in SVG units.
pub const YEAR_LABEL_GAP: f64 = 34.0;

/// A horizontal bar chart of entries per metric, as inline SVG: academic metrics hatched,
/// core facility metrics solid, with a legend above the bars.
pub fn metric_chart(metrics: &[MetricLine]) -> String {
    let row = 16.0;
    let legend = 22.0;
    let top = legend + 4.0;
    let label_width = 250.0;
    let bar_left = label_width + 8.0;
    let bar_width = 380.0;
    let height = top + 6.0 + row * metrics.len() as f64;
    let max = metrics
        .iter()
        .map(|m| m.figure.entries)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut svg = String::with_capacity(8192);
    if metrics.iter().all(|m| m.figure.entries == 0) {
        let _ = write!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} 30" role="img" aria-labelledby="chart-metrics-title" font-size="11"><title id="chart-metrics-title">Entries per metric in the period</title><text x="{}" y="19" text-anchor="middle" fill="{MUTED}">No entries in the period count toward a metric.</text></svg>"#,
            WIDTH / 2.0
        );
        return svg;
    }
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart-metrics-title" font-size="11"><title id="chart-metrics-title">Entries per metric in the period</title><desc>Academic metrics are drawn hatched, core facility metrics solid.</desc>"#
    );
    // The legend: a swatch and a name for each group, drawn as the bars below are.
    svg.push_str(r#"<g class="legend">"#);
    bar(&mut svg, MetricGroup::Academic, bar_left, 5.0, 18.0, 11.0);
    let _ = write!(
        svg,
        r#"<text x="{}" y="14.5" fill="{INK}">Academic metrics (A)</text>"#,
        bar_left + 24.0
    );
    bar(
        &mut svg,
        MetricGroup::Facility,
        bar_left + 160.0,
        5.0,
        18.0,
        11.0,
    );
    let _ = write!(
        svg,
        r#"<text x="{}" y="14.5" fill="{INK}">Core facility metrics (F)</text></g>"#,
        bar_left + 184.0
    );
    let _ = write!(
        svg,
        r#"<line x1="{bar_left}" y1="{top}" x2="{bar_left}" y2="{}" stroke="{RULE}"/>"#,
        height - 6.0
    );
    for (i, m) in metrics.iter().enumerate() {
        let y = top + row * i as f64;
        let w = bar_width * m.figure.entries as f64 / max;
        let text_colour = if m.figure.entries == 0 { MUTED } else { INK };
        let _ = write!(
            svg,
            r#"<text x="{}" y="{:.1}" text-anchor="end" fill="{text_colour}">{} {}</text>"#,
            label_width,
            y + row * 0.7,
            xml(&m.code),
            xml(&short(&m.label, 36))
        );
        if m.figure.entries > 0 {
            bar(&mut svg, m.group, bar_left, y + 2.5, w, row - 5.0);
        }
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" fill="{text_colour}">{}</text>"#,
            bar_left + w + 4.0,
            y + row * 0.7,
            m.figure.entries
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One bar of the metric chart: academic metrics a light tint hatched with diagonal lines, core
/// facility metrics solid, so that the two differ without colour. The hatching is drawn as lines
/// (no pattern or clip path to refer to), so every renderer draws it the same.
fn bar(svg: &mut String, group: MetricGroup, x: f64, y: f64, w: f64, h: f64) {
    if group != MetricGroup::Academic {
        let _ = write!(
            svg,
            r#"<rect class="facility" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{FACILITY}"/>"#
        );
        return;
    }
    let _ = write!(
        svg,
        r#"<g class="academic"><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{ACADEMIC_TINT}" stroke="{ACADEMIC}" stroke-width="0.8"/><path class="hatch" stroke="{ACADEMIC}" stroke-width="1.6" d=""#
    );
    // Lines running up to the right, x + y = k, cut to the bar.
    let mut k = x + y + HATCH / 2.0;
    while k < x + w + y + h {
        let from = x.max(k - (y + h));
        let to = (x + w).min(k - y);
        if to > from {
            let _ = write!(svg, "M{from:.1} {:.1}L{to:.1} {:.1}", k - from, k - to);
        }
        k += HATCH;
    }
    svg.push_str(r#""/></g>"#);
}

/// The months a chart shows: those of the period up to the month of `last_day` (the period's last
/// day, or today when the period runs on past it), and any later month that holds entries.
fn shown_months(months: &[MonthLine], last_day: NaiveDate) -> &[MonthLine] {
    let last = last_day.format("%Y-%m").to_string();
    let end = months
        .iter()
        .rposition(|m| m.month <= last || m.entries > 0)
        .map_or(0, |i| i + 1);
    months.get(..end).unwrap_or(months)
}

/// The first day of a `YYYY-MM` month.
fn month_start(month: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()
}

/// How many months apart the axis labels stand when each month takes `slot` units: month names
/// every 1, 2, 3, 4 or 6 months, else only years, every 12 months or a whole number of years.
fn label_step(slot: f64) -> u32 {
    if let Some(step) = [1, 2, 3, 4, 6]
        .into_iter()
        .find(|&s| f64::from(s) * slot >= MONTH_LABEL_GAP)
    {
        return step;
    }
    let mut step = 12;
    while f64::from(step) * slot < YEAR_LABEL_GAP && step < 12 * 10_000 {
        step += 12;
    }
    step
}

/// A column chart of entries per month, as inline SVG. It stops at the month of `last_day` (pass
/// the earlier of the period's end and today), and labels only as many months and years as fit.
pub fn month_chart(months: &[MonthLine], last_day: NaiveDate) -> String {
    let months = shown_months(months, last_day);
    let height = 150.0;
    let left = 30.0;
    let right = 8.0;
    let top = 14.0;
    let bottom = 34.0;
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let total: usize = months.iter().map(|m| m.entries).sum();
    let max = months.iter().map(|m| m.entries).max().unwrap_or(0).max(1) as f64;
    let slot = plot_w / months.len().max(1) as f64;
    let bar = (slot * 0.7).min(40.0);
    let step = label_step(slot);
    let mut svg = String::with_capacity(8192);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart-months-title" font-size="11"><title id="chart-months-title">Entries per month in the period</title>"#
    );
    match (months.first(), months.last()) {
        (Some(first), Some(last)) if total == 0 => {
            let _ = write!(
                svg,
                "<desc>From {} to {}; no entries.</desc>",
                xml(&month_label(&first.month)),
                xml(&month_label(&last.month))
            );
        }
        (Some(first), Some(last)) => {
            let _ = write!(
                svg,
                "<desc>From {} to {}; {total} entries, at most {} in a month.</desc>",
                xml(&month_label(&first.month)),
                xml(&month_label(&last.month)),
                max as usize
            );
        }
        _ => svg.push_str("<desc>No months to show.</desc>"),
    }
    let base = top + plot_h;
    let _ = write!(
        svg,
        r#"<line x1="{left}" y1="{base}" x2="{}" y2="{base}" stroke="{MUTED}"/><text x="{}" y="{}" text-anchor="end" fill="{MUTED}">0</text>"#,
        WIDTH - right,
        left - 4.0,
        base + 4.0
    );
    if total == 0 {
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="middle" fill="{MUTED}">No entries are dated in the period.</text>"#,
            left + plot_w / 2.0,
            top + plot_h / 2.0
        );
    } else {
        let _ = write!(
            svg,
            r#"<line x1="{left}" y1="{top}" x2="{}" y2="{top}" stroke="{RULE}" stroke-dasharray="3 3"/><text x="{}" y="{}" text-anchor="end" fill="{MUTED}">{}</text>"#,
            WIDTH - right,
            left - 4.0,
            top + 4.0,
            max as usize
        );
    }
    let years_only = step >= 12;
    let mut year_shown = false;
    let january_after = |i: usize| {
        months
            .iter()
            .skip(i + 1)
            .position(|m| m.month.ends_with("-01"))
            .map(|j| slot * (j + 1) as f64)
    };
    for (i, m) in months.iter().enumerate() {
        let cx = left + slot * (i as f64 + 0.5);
        let h = plot_h * m.entries as f64 / max;
        let label = month_label(&m.month);
        if m.entries > 0 {
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="{bar:.1}" height="{h:.1}" fill="{MONTHS}"><title>{}: {}</title></rect>"#,
                cx - bar / 2.0,
                base - h,
                xml(&label),
                m.entries
            );
            if step == 1 && slot >= 8.0 * m.entries.to_string().len() as f64 {
                let _ = write!(
                    svg,
                    r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="{INK}">{}</text>"#,
                    base - h - 3.0,
                    m.entries
                );
            }
        }
        let Some(start) = month_start(&m.month) else {
            continue;
        };
        let month0 = start.month0();
        let labelled = if years_only {
            month0 == 0 && start.year().rem_euclid((step / 12) as i32) == 0
        } else {
            month0 % step == 0
        };
        if !labelled {
            continue;
        }
        let (name, year) = label.split_once(' ').unwrap_or((label.as_str(), ""));
        let _ = write!(
            svg,
            r#"<line x1="{cx:.1}" y1="{base}" x2="{cx:.1}" y2="{}" stroke="{MUTED}"/>"#,
            base + 3.0
        );
        if !years_only {
            let _ = write!(
                svg,
                r#"<text class="axis-month" x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="{INK}">{}</text>"#,
                base + 13.0,
                xml(name)
            );
        }
        // The year under every January, and under the first label of the axis when the next
        // January is far enough away for both years to be read.
        let show_year =
            month0 == 0 || (!year_shown && january_after(i).is_none_or(|d| d >= YEAR_LABEL_GAP));
        if show_year {
            let _ = write!(
                svg,
                r#"<text class="axis-year" x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="{MUTED}">{}</text>"#,
                if years_only { base + 13.0 } else { base + 26.0 },
                xml(year)
            );
            year_shown = true;
        }
    }
    svg.push_str("</svg>");
    svg
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}
