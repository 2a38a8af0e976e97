//! The evidence summary as one self-contained HTML page: inline CSS, inline SVG charts, no
//! scripts and nothing fetched from the network. Every string from the journal is escaped by the
//! template engine (askama); the charts are built here with their text escaped.

use std::fmt::Write;

use askama::Template;

use super::RenderError;
use super::phrases::figure_words;
use super::summary::{
    EvidenceLine, ExpectationLine, Figure, MetricLine, MonthLine, Summary, metric_groups,
};
use super::text::{month_label, xml};
use crate::framework::MetricGroup;
use crate::text::{count, hours, number};

/// The page template (`assets/templates/summary.html`).
#[derive(Template)]
#[template(path = "summary.html", config = "assets/templates/askama.toml")]
struct Page<'a> {
    s: &'a Summary,
    metric_chart: String,
    month_chart: String,
    groups: Vec<(&'static str, Vec<&'a MetricLine>)>,
}

/// The figures the HTML templates show, called as `self.num(…)`, `self.hours(…)` and
/// `self.count(…)` (askama passes template values by reference). Every page struct implements it.
pub(super) trait Figures {
    /// A number without needless decimals.
    fn num(&self, x: &f64) -> String {
        number(*x)
    }

    /// Hours, `–` for none.
    fn hours(&self, x: &f64) -> String {
        hours(*x)
    }

    /// A count, `–` for zero.
    fn count<N: Copy + TryInto<u64>>(&self, n: &N) -> String {
        count((*n).try_into().unwrap_or(u64::MAX))
    }

    /// An identifier as a reader reads it.
    fn evidence_text(&self, e: &EvidenceLine) -> String {
        e.text()
    }
}

impl Figures for Page<'_> {}

/// Helpers only the summary template calls.
impl Page<'_> {
    fn percent(&self, x: &f64) -> String {
        format!("{}%", crate::text::whole(*x))
    }

    fn points(&self, actual: &f64, target: &f64) -> String {
        format!("{:+.0} pts", actual - target)
    }

    fn figure_words(&self, f: &Figure) -> String {
        figure_words(f, "entry", "entries")
    }

    fn evidence_text(&self, e: &EvidenceLine) -> String {
        e.text()
    }

    fn cut_note(&self, asked: &chrono::NaiveDate, to: &chrono::NaiveDate) -> String {
        super::phrases::cut_note(*asked, *to)
    }

    fn amount(&self, x: &f64, unit: &str) -> String {
        crate::text::amount(*x, unit)
    }

    fn time_note(&self, hours: &f64, with: &usize, without: &usize) -> String {
        super::phrases::time_note(*hours, *with, *without)
    }

    fn measured(&self, e: &ExpectationLine) -> Option<String> {
        super::phrases::measured_words(e)
    }
}

const ACADEMIC: &str = "#3b6db3";
const FACILITY: &str = "#2a8a7a";
const INK: &str = "#1d2430";
const MUTED: &str = "#5a6474";
const RULE: &str = "#d4d9e1";

/// A horizontal bar chart of entries per metric, as inline SVG.
pub fn metric_chart(metrics: &[MetricLine]) -> String {
    let row = 17.0;
    let top = 6.0;
    let label_width = 250.0;
    let bar_left = label_width + 8.0;
    let bar_width = 380.0;
    let width = 680.0;
    let height = top * 2.0 + row * metrics.len() as f64;
    let max = metrics
        .iter()
        .map(|m| m.figure.entries)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-metrics-title" font-size="11"><title id="chart-metrics-title">Entries per metric in the period</title>"#
    );
    let _ = write!(
        svg,
        r#"<line x1="{bar_left}" y1="{top}" x2="{bar_left}" y2="{}" stroke="{RULE}"/>"#,
        height - top
    );
    for (i, m) in metrics.iter().enumerate() {
        let y = top + row * i as f64;
        let colour = if m.group == MetricGroup::Academic {
            ACADEMIC
        } else {
            FACILITY
        };
        let w = bar_width * m.figure.entries as f64 / max;
        let text_colour = if m.figure.entries == 0 { MUTED } else { INK };
        let _ = write!(
            svg,
            r#"<text x="{}" y="{:.1}" text-anchor="end" fill="{text_colour}">{} {}</text>"#,
            label_width,
            y + row * 0.68,
            xml(&m.code),
            xml(&short(&m.label, 36))
        );
        if m.figure.entries > 0 {
            let _ = write!(
                svg,
                r#"<rect x="{bar_left}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{colour}"/>"#,
                y + 2.5,
                row - 5.0
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" fill="{text_colour}">{}</text>"#,
            bar_left + w + 4.0,
            y + row * 0.68,
            m.figure.entries
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A column chart of entries per month, as inline SVG.
pub fn month_chart(months: &[MonthLine]) -> String {
    let width = 680.0;
    let height = 170.0;
    let left = 30.0;
    let right = 8.0;
    let top = 14.0;
    let bottom = 34.0;
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    let max = months.iter().map(|m| m.entries).max().unwrap_or(0).max(1) as f64;
    let slot = plot_w / months.len().max(1) as f64;
    let bar = (slot * 0.7).min(40.0);
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-months-title" font-size="11"><title id="chart-months-title">Entries per month in the period</title>"#
    );
    let base = top + plot_h;
    let _ = write!(
        svg,
        r#"<line x1="{left}" y1="{base}" x2="{}" y2="{base}" stroke="{MUTED}"/>"#,
        width - right
    );
    let _ = write!(
        svg,
        r#"<line x1="{left}" y1="{top}" x2="{}" y2="{top}" stroke="{RULE}" stroke-dasharray="3 3"/><text x="{}" y="{}" text-anchor="end" fill="{MUTED}">{}</text><text x="{}" y="{}" text-anchor="end" fill="{MUTED}">0</text>"#,
        width - right,
        left - 4.0,
        top + 4.0,
        max as usize,
        left - 4.0,
        base + 4.0
    );
    let thin = months.len() > 18;
    for (i, m) in months.iter().enumerate() {
        let cx = left + slot * (i as f64 + 0.5);
        let h = plot_h * m.entries as f64 / max;
        if m.entries > 0 {
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="{bar:.1}" height="{h:.1}" fill="{FACILITY}"><title>{}: {}</title></rect>"#,
                cx - bar / 2.0,
                base - h,
                xml(&month_label(&m.month)),
                m.entries
            );
            if !thin {
                let _ = write!(
                    svg,
                    r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="{INK}">{}</text>"#,
                    base - h - 3.0,
                    m.entries
                );
            }
        }
        let label = month_label(&m.month);
        let (name, year) = label.split_once(' ').unwrap_or((label.as_str(), ""));
        let first_of_year = i == 0 || m.month.ends_with("-01");
        if !thin || i % 3 == 0 {
            let _ = write!(
                svg,
                r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="{INK}">{}</text>"#,
                base + 13.0,
                xml(name)
            );
        }
        if first_of_year {
            let _ = write!(
                svg,
                r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="{MUTED}">{}</text>"#,
                base + 26.0,
                xml(year)
            );
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

/// Render the summary as one HTML page.
///
/// # Errors
/// If the template fails to render (a defect, not a property of the data).
pub fn render(summary: &Summary) -> Result<String, RenderError> {
    let page = Page {
        s: summary,
        metric_chart: metric_chart(&summary.metrics),
        month_chart: month_chart(&summary.by_month),
        groups: metric_groups(&summary.metrics),
    };
    render_page(&page)
}

/// Render a page template, ending with a newline.
///
/// # Errors
/// If the template fails to render (a defect, not a property of the data).
pub(super) fn render_page(page: &impl Template) -> Result<String, RenderError> {
    let mut html = page.render().map_err(|e| RenderError(e.to_string()))?;
    if !html.ends_with('\n') {
        html.push('\n');
    }
    Ok(html)
}
