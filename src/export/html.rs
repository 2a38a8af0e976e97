//! The evidence summary as one self-contained HTML page: inline CSS, inline SVG charts, no
//! scripts and nothing fetched from the network. Every string from the journal is escaped by the
//! template engine (askama); the charts are built here with their text escaped.

pub mod chart;

use std::fmt::Write;

use askama::Template;

pub use chart::{metric_chart, month_chart};

use super::RenderError;
use super::phrases::figure_words;
use super::summary::{EvidenceLine, ExpectationLine, Figure, MetricLine, Summary, metric_groups};
use crate::text::{count, hours, number};

/// The page template (`assets/templates/summary.html`).
#[derive(Template)]
#[template(path = "summary.html", config = "assets/templates/askama.toml")]
struct Page<'a> {
    s: &'a Summary,
    metric_chart: String,
    month_chart: String,
    page_rule: String,
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

/// The `@page` rule that prints the person's name and the period in the margins of every printed
/// page (CSS margin boxes; summary.css adds the page number).
fn page_rule(s: &Summary) -> String {
    format!(
        "@page {{ @top-right {{ content: \"{}\"; }} @bottom-left {{ content: \"{}\"; }} }}",
        css_string(&format!(
            "Evidence summary, {} to {}",
            s.period.from, s.period.to
        )),
        css_string(&s.person.name)
    )
}

/// Text as the inside of a double-quoted CSS string in a `<style>` element: quotes, backslashes
/// and control characters are escaped, and so are `<` and `>`, so that no text can close the
/// element.
pub(super) fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if matches!(c, '<' | '>' | '&') || c.is_control() => {
                let _ = write!(out, "\\{:x} ", u32::from(c));
            }
            c => out.push(c),
        }
    }
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
        month_chart: month_chart(&summary.by_month, summary.period.to.min(summary.generated)),
        page_rule: page_rule(summary),
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
