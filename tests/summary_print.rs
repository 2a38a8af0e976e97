//! The HTML evidence summary on paper and on a phone: the running name and page number of every
//! printed page, charts that read in greyscale, month axes that stop at the period's end and thin
//! their labels on long periods, CPD items one per line, and a layout for narrow screens.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use common::TODAY;
use corepath::assess::{Context, Period};
use corepath::export::html::chart::{MONTH_LABEL_GAP, YEAR_LABEL_GAP};
use corepath::export::summary::MonthLine;
use corepath::export::{self, Summary, SummaryFormat, html};
use corepath::framework::Framework;
use corepath::model::{Journal, Profile};

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn demo() -> Journal {
    corepath::store::parse(
        Path::new("demo-journal.json"),
        corepath::store::DEMO_JSON.as_bytes(),
    )
    .expect("the demo journal parses")
}

/// The summary of `journal` from `from` to `to`, drawn up on [`TODAY`]. The period is passed as
/// it is: the command line cuts a period at today, but the page must not rely on it.
fn summary(journal: &Journal, from: &str, to: &str) -> Summary {
    let framework = Framework::bundled().expect("framework");
    let ctx = Context::new(&framework, journal);
    let tier = framework
        .next_tier(&journal.profile.tier)
        .expect("a next tier");
    let period = Period::new(date(from), date(to)).expect("a period");
    export::build(&ctx, period, tier, date(TODAY))
}

fn html_of(s: &Summary) -> String {
    export::render(s, SummaryFormat::Html).expect("renders")
}

/// The inline SVG whose title element has the id `title_id`.
fn svg<'a>(html: &'a str, title_id: &str) -> &'a str {
    let marker = format!("aria-labelledby=\"{title_id}\"");
    let at = html.find(&marker).expect("the chart is on the page");
    let start = html[..at].rfind("<svg").expect("an svg element");
    let end = html[at..].find("</svg>").expect("the svg ends") + at + "</svg>".len();
    &html[start..end]
}

fn month_chart(html: &str) -> &str {
    svg(html, "chart-months-title")
}

/// The axis labels of a class (`axis-month` or `axis-year`): x position and text, left to right.
fn labels(svg: &str, class: &str) -> Vec<(f64, String)> {
    let marker = format!("<text class=\"{class}\" x=\"");
    svg.match_indices(&marker)
        .map(|(i, m)| {
            let rest = &svg[i + m.len()..];
            let x: f64 = rest[..rest.find('"').expect("x ends")]
                .parse()
                .expect("x is a number");
            let text = &rest[rest.find('>').expect("tag ends") + 1..];
            (x, text[..text.find('<').expect("text ends")].to_string())
        })
        .collect()
}

fn smallest_gap(labels: &[(f64, String)]) -> f64 {
    labels
        .windows(2)
        .map(|w| w[1].0 - w[0].0)
        .fold(f64::INFINITY, f64::min)
}

/// The text of the `<style>` element.
fn style(html: &str) -> &str {
    let start = html.find("<style>").expect("a style element") + "<style>".len();
    let end = html.find("</style>").expect("the style ends");
    &html[start..end]
}

/// The body of the CSS block that opens with `head` (braces counted).
fn css_block<'a>(css: &'a str, head: &str) -> &'a str {
    let start = css
        .find(head)
        .unwrap_or_else(|| panic!("{head} is in the CSS"));
    let open = start + css[start..].find('{').expect("a block");
    let mut depth = 0;
    for (i, c) in css[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &css[open + 1..open + i];
                }
            }
            _ => {}
        }
    }
    panic!("{head} is not closed");
}

fn escaped(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

// Month axes.

#[test]
fn months_after_today_are_never_plotted() {
    // A period that runs three months past today: the chart ends with today's month.
    let html = html_of(&summary(&demo(), "2026-09-01", "2027-02-28"));
    let chart = month_chart(&html);
    let months: Vec<String> = labels(chart, "axis-month")
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    assert_eq!(months, ["Sep", "Oct", "Nov"], "{chart}");
    assert!(
        chart.contains("<desc>From Sep 2026 to Nov 2026;"),
        "{chart}"
    );
    for future in ["Dec 2026", "Jan 2027", "Feb 2027"] {
        assert!(!chart.contains(future), "{future} is plotted: {chart}");
    }
}

#[test]
fn months_after_the_period_end_are_never_plotted() {
    let html = html_of(&summary(&demo(), "2026-01-01", "2026-06-30"));
    let chart = month_chart(&html);
    let months: Vec<String> = labels(chart, "axis-month")
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    assert_eq!(months, ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]);
    assert!(chart.contains("to Jun 2026;"), "{chart}");
}

#[test]
fn a_three_year_period_thins_its_labels() {
    let html = html_of(&summary(&demo(), "2023-12-01", TODAY));
    let chart = month_chart(&html);
    let months = labels(chart, "axis-month");
    let years = labels(chart, "axis-year");
    assert!(
        (6..=18).contains(&months.len()),
        "{} month labels for 36 months",
        months.len()
    );
    assert!(smallest_gap(&months) >= MONTH_LABEL_GAP, "{months:?}");
    assert!(smallest_gap(&years) >= YEAR_LABEL_GAP, "{years:?}");
    let year_texts: Vec<&str> = years.iter().map(|(_, y)| y.as_str()).collect();
    assert_eq!(year_texts, ["2024", "2025", "2026"], "{years:?}");
    // The last month is November 2026, today's month, and nothing lies right of the plot.
    assert!(chart.contains("to Nov 2026;"), "{chart}");
    assert!(months.iter().all(|(x, _)| (0.0..=680.0).contains(x)));
}

#[test]
fn year_labels_never_overlap_at_any_length() {
    for (from, max_years) in [
        ("2025-12-01", 2),
        ("2024-11-15", 3),
        ("2021-01-01", 6),
        ("2017-02-01", 10),
    ] {
        let html = html_of(&summary(&demo(), from, TODAY));
        let chart = month_chart(&html);
        let months = labels(chart, "axis-month");
        let years = labels(chart, "axis-year");
        assert!(!years.is_empty(), "{from}: no year shown");
        assert!(years.len() <= max_years, "{from}: {years:?}");
        assert!(smallest_gap(&years) >= YEAR_LABEL_GAP, "{from}: {years:?}");
        assert!(
            smallest_gap(&months) >= MONTH_LABEL_GAP,
            "{from}: {months:?}"
        );
        assert!(months.len() <= 24, "{from}: {} month labels", months.len());
    }
}

#[test]
fn the_month_chart_stops_at_the_day_it_is_given() {
    let months: Vec<MonthLine> = ["2026-10", "2026-11", "2026-12", "2027-01"]
        .into_iter()
        .map(|m| MonthLine {
            month: m.to_string(),
            entries: 1,
        })
        .collect();
    // Months past the last day that hold entries are kept, so that nothing counted is hidden;
    // empty months past it are not drawn.
    let chart = html::month_chart(&months, date("2026-11-25"));
    assert!(chart.contains("to Jan 2027;"), "{chart}");
    let mut empty_tail = months.clone();
    for m in empty_tail.iter_mut().skip(2) {
        m.entries = 0;
    }
    let chart = html::month_chart(&empty_tail, date("2026-11-25"));
    assert!(chart.contains("From Oct 2026 to Nov 2026;"), "{chart}");
    assert!(!chart.contains("Dec"), "{chart}");
}

#[test]
fn an_empty_period_draws_no_bars_and_says_so() {
    let html = html_of(&summary(&demo(), "2019-01-01", "2019-06-30"));
    let months = month_chart(&html);
    assert!(months.contains("No entries are dated in the period."));
    assert!(!months.contains("<rect"), "{months}");
    let metrics = svg(&html, "chart-metrics-title");
    assert!(metrics.contains("No entries in the period count toward a metric."));
    assert!(!metrics.contains("<rect"), "{metrics}");
    for chart in [months, metrics] {
        assert!(!chart.contains("NaN") && !chart.contains("inf"), "{chart}");
        assert!(!chart.contains("=\"-"), "a negative position: {chart}");
    }
}

// Greyscale.

#[test]
fn academic_and_facility_bars_differ_by_hatching_not_colour_alone() {
    let html = html_of(&summary(&demo(), "2025-11-26", TODAY));
    let chart = svg(&html, "chart-metrics-title");
    let academic: Vec<&str> = chart
        .split("<g class=\"academic\">")
        .skip(1)
        .map(|bar| &bar[..bar.find("</g>").expect("the bar ends")])
        .collect();
    let facility: Vec<&str> = chart
        .split("<rect class=\"facility\"")
        .skip(1)
        .map(|bar| &bar[..bar.find("/>").expect("the bar ends")])
        .collect();
    // The demo has both kinds, and the legend draws one of each.
    assert!(academic.len() >= 2 && facility.len() >= 2, "{chart}");
    for bar in &academic {
        // Hatched: a path of several diagonal strokes over a light tint.
        let d = &bar[bar.find("<path class=\"hatch\"").expect("hatching")..];
        assert!(d.matches('M').count() >= 2, "{bar}");
        assert!(bar.contains("fill=\"#dbe5f4\""), "{bar}");
    }
    for bar in &facility {
        assert!(bar.contains("fill=\"#2a8a7a\""), "{bar}");
        assert!(!bar.contains("hatch"), "{bar}");
    }
    // A legend names both groups, its swatches drawn as the bars are.
    let legend = &chart[chart.find("<g class=\"legend\">").expect("a legend")..];
    assert!(legend.starts_with("<g class=\"legend\"><g class=\"academic\">"));
    assert!(
        legend.contains("Academic metrics (A)") && legend.contains("Core facility metrics (F)")
    );
    // The caption says it in words too, with no colour names; and nothing refers outside the SVG.
    assert!(html.contains("academic metrics hatched, core facility metrics solid"));
    assert!(!html.contains("blue: academic"));
    assert!(!chart.contains("url("));
}

// Print.

#[test]
fn every_printed_page_carries_the_name_and_the_page_number() {
    let html = html_of(&summary(&demo(), "2025-11-26", TODAY));
    let css = style(&html);
    assert!(css.contains("@bottom-left { content: \"Zoë Okonkwo-Lindqvist\"; }"));
    assert!(
        css.contains("@top-right { content: \"Evidence summary, 2025-11-26 to 2026-11-25\"; }")
    );
    let page = css_block(css, "@page {\n");
    assert!(page.contains("size: A4"), "{page}");
    let number = css_block(page, "@bottom-right");
    assert!(
        number.contains("content: \"Page \" counter(page) \" of \" counter(pages)"),
        "{number}"
    );
}

#[test]
fn a_name_cannot_break_out_of_the_page_rule() {
    let mut journal = Journal::new(Profile::new(
        "Ada \"</style><script>x</script>\\ \n",
        "support-scientist",
    ));
    journal.profile.facility = "Core".into();
    let html = html_of(&summary(&journal, "2026-01-01", "2026-06-30"));
    assert_eq!(html.matches("</style>").count(), 1);
    assert!(!html.contains("<script"));
    let css = style(&html);
    assert!(
        css.contains(r#"@bottom-left { content: "Ada \"\3c /style\3e \3c script\3e x\3c /script\3e \\ \a "; }"#),
        "{css}"
    );
}

#[test]
fn the_closing_line_never_prints_on_a_page_alone() {
    let html = html_of(&summary(&demo(), "2025-11-26", TODAY));
    let css = style(&html);
    let print = css_block(css, "@media print");
    assert!(print.contains("main, main > section:last-child { display: contents; }"));
    let footer = css_block(print, "footer {");
    assert!(footer.contains("break-before: avoid"), "{footer}");
    // Each chart carries its own title, so neither starts a page untitled.
    assert_eq!(
        html.matches("<figure class=\"chart\">\n<figcaption>")
            .count(),
        2
    );
    assert!(print.contains("figure"), "figures are kept whole");
}

#[test]
fn cpd_items_still_missing_are_a_list() {
    let s = summary(&demo(), "2025-01-01", "2025-01-31");
    let html = html_of(&s);
    let mut several = 0;
    for st in &s.cpd.standards {
        if st.missing.len() < 2 {
            continue;
        }
        several += 1;
        let items: String = st
            .missing
            .iter()
            .map(|m| format!("<li>{}</li>", escaped(m)))
            .collect();
        assert!(
            html.contains(&format!("<ul class=\"items\">{items}</ul>")),
            "{}: {items}",
            st.title
        );
    }
    assert!(several > 0, "the period has a standard with several items");
}

// Narrow screens.

#[test]
fn narrow_screens_get_one_column() {
    let html = html_of(&summary(&demo(), "2025-11-26", TODAY));
    let css = style(&html);
    let narrow = css_block(css, "@media screen and (max-width: 480px)");
    assert!(narrow.contains("ul.figures { grid-template-columns: 1fr; }"));
    assert!(narrow.contains("overflow-wrap: anywhere"), "{narrow}");
    assert!(narrow.contains("table.people { display: block; max-width: 100%; overflow-x: auto; }"));
    assert!(narrow.contains("figure.chart { overflow-x: auto; }"));
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
}

// The roll-up shares the page frame and the stylesheet.

#[test]
fn the_rollup_prints_its_period_and_page_numbers_too() {
    let s = summary(&demo(), "2025-11-26", TODAY);
    let input = export::rollup::Input {
        label: "zoe.json".into(),
        summary: s,
    };
    let r = export::rollup::rollup(&[input], false, |_| None).expect("a roll-up");
    let html = export::rollup::render_html(&r).expect("renders");
    let css = style(&html);
    assert!(
        css.contains("@top-right { content: \"Facility roll-up, 2025-11-26 to 2026-11-25\"; }")
    );
    assert!(css.contains("counter(page)"));
    assert!(css.contains("@media screen and (max-width: 480px)"));
    assert_eq!(html.matches("</style>").count(), 1);
}
