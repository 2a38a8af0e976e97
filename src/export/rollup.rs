//! The facility roll-up: several people's evidence summaries added up for an annual report.
//!
//! Summaries are only added up when they cover the same period and were assessed against the same
//! framework (name and version). Otherwise they are refused, or — when the caller allows mixed
//! input — added up with every difference flagged on the person's line and in `notes`.

mod figures;

use std::collections::HashSet;
use std::fmt::Write;

use askama::Template;
use serde::{Deserialize, Serialize};

use super::RenderError;
use super::contributions::ContributionGroup;
use super::html::{Figures, render_page};
use super::markdown::{contributions, figure_item, link, metric_tables, recognition_item};
use super::summary::{Figure, FrameworkRef, MetricLine, Summary, metric_groups};
use super::text::md;
use crate::assess::{Period, Recognition};
use crate::model::{Evidence, EvidenceType};
use crate::text::{number, plural};
use figures::{Sum, check_figures};

/// The value of the `format` field of a roll-up.
pub const FORMAT: &str = "corepath-facility-rollup";

/// The roll-up format version.
pub const VERSION: u32 = 1;

/// One input: a label for messages (the file name) and the summary read from it.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where the summary came from, for messages.
    pub label: String,
    /// The summary.
    pub summary: Summary,
}

/// The facility view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rollup {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// The period of the summaries (of the first one, when mixed input was allowed).
    pub period: Period,
    /// The framework of the summaries (of the first one, when mixed input was allowed).
    pub framework: FrameworkRef,
    /// Whether some summaries differ in period or framework (see each person's `differences`).
    pub mixed: bool,
    /// What a reader must know about the input, one line each (differences, facilities).
    pub notes: Vec<String>,
    /// How many people.
    pub people_count: usize,
    /// People per current tier, lowest tier first.
    pub by_tier: Vec<TierLine>,
    /// All entries of everyone in their periods.
    pub entries: usize,
    /// Their hours.
    pub hours: f64,
    /// Training of students and research staff delivered (`fac.training`).
    pub training: Figure,
    /// Teaching, courses and supervision (`acad.teaching`).
    pub teaching: Figure,
    /// Outreach (`fac.outreach`).
    pub outreach: Figure,
    /// How publication contributions were recognised, summed.
    pub recognition: Recognition,
    /// Totals per metric, in the order of the first summary.
    pub metrics: Vec<MetricLine>,
    /// One line per person, in tier order then name.
    pub people: Vec<PersonLine>,
}

/// People in one tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierLine {
    /// Tier id.
    pub tier: String,
    /// Tier title.
    pub title: String,
    /// How many people.
    pub people: usize,
    /// Their names.
    pub names: Vec<String>,
}

/// One person's line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonLine {
    /// Where the summary came from (file name).
    pub source: String,
    /// Name.
    pub name: String,
    /// ORCID iD.
    pub orcid: Option<String>,
    /// The ORCID iD as a link, only when it passes its check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orcid_url: Option<String>,
    /// Current tier id.
    pub tier: String,
    /// Current tier title.
    pub tier_title: String,
    /// The period of their summary.
    pub period: Period,
    /// Entries.
    pub entries: usize,
    /// Hours.
    pub hours: f64,
    /// Training delivered (`fac.training`).
    pub training: Figure,
    /// Publication recognition.
    pub recognition: Recognition,
    /// The tier their progression was assessed toward.
    pub toward: String,
    /// Expectations of that tier met.
    pub expectations_met: usize,
    /// Expectations of that tier.
    pub expectations_total: usize,
    /// CPD standards met.
    pub cpd_met: usize,
    /// CPD standards.
    pub cpd_total: usize,
    /// How this summary differs from the reference (empty unless mixed input was allowed).
    pub differences: Vec<String>,
    /// The person's outputs of the period, itemised: knowledge, development of others, the
    /// research community and broader society (links checked again, whatever the file says).
    #[serde(default)]
    pub outputs: Vec<ContributionGroup>,
}

/// The groups of a person's outputs a roll-up shows, with every link decided again here: the
/// summary is someone else's file.
fn outputs(groups: &[ContributionGroup]) -> Vec<ContributionGroup> {
    groups
        .iter()
        .filter(|g| OUTPUTS.contains(&g.id.as_str()))
        .map(|g| {
            let mut g = g.clone();
            for item in &mut g.items {
                for e in &mut item.evidence {
                    e.link = EvidenceType::ALL
                        .iter()
                        .find(|t| t.id() == e.kind)
                        .and_then(|&t| Evidence::new(t, e.value.clone()).link());
                }
            }
            g
        })
        .collect()
}

/// The contribution groups that are outputs, in a roll-up.
const OUTPUTS: [&str; 4] = ["knowledge", "others", "community", "society"];

fn framework_words(f: &FrameworkRef) -> String {
    format!("{:?} version {}", f.name, f.version)
}

/// `2026-01-01 to 2026-12-31`, day to day even for an open-ended period.
fn period_words(p: &Period) -> String {
    format!("{} to {}", p.from, p.to)
}

/// Add up summaries. `tier_rank` orders tiers (lowest first); unknown tiers go last.
///
/// # Errors
/// No summaries; a figure out of range (named with its file and field), or totals too large to
/// add up; one person in two summaries; or, unless `allow_mixed`, summaries whose period
/// or framework (name and version) differ from the first one's.
pub fn rollup(
    inputs: &[Input],
    allow_mixed: bool,
    tier_rank: impl Fn(&str) -> Option<usize>,
) -> Result<Rollup, String> {
    let Some(first) = inputs.first() else {
        return Err("no summaries to roll up: name one or more JSON evidence summaries".into());
    };
    for input in inputs {
        check_figures(input)?;
    }
    let reference_period = first.summary.period;
    let reference_framework = first.summary.framework.clone();

    let mut seen = HashSet::new();
    for input in inputs {
        let p = &input.summary.person;
        let key = p
            .orcid
            .clone()
            .unwrap_or_else(|| p.name.trim().to_lowercase());
        if !seen.insert(key) {
            return Err(format!(
                "{}: {} appears in more than one summary; give each person's summary once",
                input.label, p.name
            ));
        }
    }

    let mut notes = Vec::new();
    let mut mixed = false;
    let mut people = Vec::new();
    for input in inputs {
        let s = &input.summary;
        let mut differences = Vec::new();
        if s.period != reference_period {
            differences.push(format!(
                "period {} differs from {}",
                period_words(&s.period),
                period_words(&reference_period)
            ));
        }
        if s.framework != reference_framework {
            differences.push(format!(
                "framework {} differs from {}",
                framework_words(&s.framework),
                framework_words(&reference_framework)
            ));
        }
        if !differences.is_empty() {
            if !allow_mixed {
                return Err(format!(
                    "{}: {} (from {}); roll up summaries of one period and framework, or pass \
                     --allow-mixed to add them up with the differences flagged",
                    input.label,
                    differences.join("; "),
                    first.label
                ));
            }
            mixed = true;
            notes.push(format!(
                "{} ({}): {}",
                s.person.name,
                input.label,
                differences.join("; ")
            ));
        }
        people.push(PersonLine {
            source: input.label.clone(),
            name: s.person.name.clone(),
            orcid: s.person.orcid.clone(),
            orcid_url: s
                .person
                .orcid
                .as_deref()
                .and_then(|o| crate::model::parse_orcid("orcid", o).ok())
                .map(|o| format!("https://orcid.org/{o}")),
            outputs: outputs(&s.contributions),
            tier: s.person.tier.clone(),
            tier_title: s.person.tier_title.clone(),
            period: s.period,
            entries: s.headline.entries,
            hours: s.headline.hours,
            training: s.headline.training,
            recognition: s.headline.publications,
            toward: s.progression.title.clone(),
            expectations_met: s.progression.met,
            expectations_total: s.progression.total,
            cpd_met: s.cpd.met,
            cpd_total: s.cpd.standards.len(),
            differences,
        });
    }
    if mixed {
        notes.insert(
            0,
            format!(
                "Mixed input: figures below add up summaries of different periods or frameworks; \
                 the reference is {} ({}, {}).",
                first.label,
                period_words(&reference_period),
                framework_words(&reference_framework)
            ),
        );
    }
    let facilities: Vec<&str> = {
        let mut f: Vec<&str> = inputs
            .iter()
            .map(|i| i.summary.person.facility.as_str())
            .filter(|f| !f.trim().is_empty())
            .collect();
        f.sort_unstable();
        f.dedup();
        f
    };
    if facilities.len() > 1 {
        notes.push(format!(
            "The summaries come from {} facilities: {}.",
            facilities.len(),
            facilities.join(", ")
        ));
    }

    let rank = |tier: &str| tier_rank(tier).unwrap_or(usize::MAX);
    people.sort_by(|a, b| {
        rank(&a.tier)
            .cmp(&rank(&b.tier))
            .then_with(|| a.name.cmp(&b.name))
    });

    let mut by_tier: Vec<TierLine> = Vec::new();
    for p in &people {
        match by_tier.iter_mut().find(|t| t.tier == p.tier) {
            Some(t) => {
                t.people += 1;
                t.names.push(p.name.clone());
            }
            None => by_tier.push(TierLine {
                tier: p.tier.clone(),
                title: p.tier_title.clone(),
                people: 1,
                names: vec![p.name.clone()],
            }),
        }
    }

    let mut metrics: Vec<MetricLine> = Vec::new();
    let mut training = Figure::default();
    let mut teaching = Figure::default();
    let mut outreach = Figure::default();
    let mut recognition = Recognition::default();
    let (mut entries, mut total_hours) = (0, 0.0);
    for input in inputs {
        let s = &input.summary;
        let sum = Sum(&input.label);
        sum.count(&mut entries, s.headline.entries, "headline.entries")?;
        sum.hours(&mut total_hours, s.headline.hours, "headline.hours")?;
        sum.figure(&mut training, &s.headline.training, "headline.training")?;
        sum.figure(&mut teaching, &s.headline.teaching, "headline.teaching")?;
        sum.figure(&mut outreach, &s.headline.outreach, "headline.outreach")?;
        sum.recognition(&mut recognition, &s.headline.publications)?;
        for (i, m) in s.metrics.iter().enumerate() {
            match metrics.iter_mut().find(|x| x.id == m.id) {
                Some(total) => {
                    let field = format!("metrics[{i}]");
                    sum.figure(&mut total.figure, &m.figure, &field)?;
                    sum.count(
                        &mut total.highlights,
                        m.highlights,
                        &format!("{field}.highlights"),
                    )?;
                }
                None => metrics.push(m.clone()),
            }
        }
    }

    Ok(Rollup {
        format: FORMAT.to_string(),
        version: VERSION,
        period: reference_period,
        framework: reference_framework,
        mixed,
        notes,
        people_count: people.len(),
        by_tier,
        entries,
        hours: total_hours,
        training,
        teaching,
        outreach,
        recognition,
        metrics,
        people,
    })
}

/// The roll-up as pretty JSON, ending with a newline.
///
/// # Errors
/// Only if serialisation fails.
pub fn render_json(r: &Rollup) -> Result<String, RenderError> {
    let mut text = serde_json::to_string_pretty(r).map_err(|e| RenderError(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// The roll-up as Markdown.
pub fn render_markdown(r: &Rollup) -> String {
    let mut out = String::with_capacity(8 * 1024);
    let _ = writeln!(out, "# Facility roll-up: {}\n", period_words(&r.period));
    let _ = writeln!(
        out,
        "{} from their corepath evidence summaries, assessed against {} (version {}).\n",
        plural(r.people_count as u64, "person", "people"),
        md(&r.framework.name),
        r.framework.version
    );
    if !r.notes.is_empty() {
        for n in &r.notes {
            let _ = writeln!(out, "> **Note:** {}", md(n));
            out.push_str(">\n");
        }
        out.truncate(out.len() - 2);
        out.push('\n');
    }

    out.push_str("## At a glance\n\n");
    let _ = writeln!(
        out,
        "- **{}** and **{}** hours logged",
        plural(r.entries as u64, "entry", "entries"),
        number(r.hours)
    );
    figure_item(
        &mut out,
        "Training delivered (F.c)",
        &r.training,
        "session",
        "sessions",
    );
    figure_item(
        &mut out,
        "Teaching, courses and supervision (A.d)",
        &r.teaching,
        "entry",
        "entries",
    );
    figure_item(
        &mut out,
        "Outreach (F.f)",
        &r.outreach,
        "activity",
        "activities",
    );
    recognition_item(&mut out, "Publications", &r.recognition);
    out.push('\n');

    out.push_str("## People by tier\n\n| Tier | People | Names |\n|---|--:|---|\n");
    for t in &r.by_tier {
        let names: Vec<String> = t.names.iter().map(|n| md(n)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md(&t.title),
            t.people,
            names.join(", ")
        );
    }
    out.push('\n');

    out.push_str("## Totals per metric\n\n");
    metric_tables(&mut out, &r.metrics);

    out.push_str("## Each person\n\n");
    out.push_str("| Name | Tier | Entries | Hours | Training given | Publications (co-authored / acknowledged / not recognised) | Toward next tier | CPD standards |\n");
    out.push_str("|---|---|--:|--:|---|---|---|---|\n");
    for p in &r.people {
        let name = link(&p.name, p.orcid_url.as_deref());
        let flag = if p.differences.is_empty() {
            String::new()
        } else {
            format!(" ⚠ {}", md(&p.differences.join("; ")))
        };
        let _ = writeln!(
            out,
            "| {name}{flag} | {} | {} | {} | {} h, {} | {} / {} / {} | {}: {} of {} | {} of {} |",
            md(&p.tier_title),
            p.entries,
            number(p.hours),
            number(p.training.hours),
            plural(p.training.people, "person", "people"),
            p.recognition.co_author,
            p.recognition.acknowledged,
            p.recognition.not_recognised,
            md(&p.toward),
            p.expectations_met,
            p.expectations_total,
            p.cpd_met,
            p.cpd_total
        );
    }
    if r.people.iter().any(|p| !p.outputs.is_empty()) {
        out.push_str("\n## Outputs by person\n\n");
        for p in &r.people {
            let _ = writeln!(out, "### {}\n", md(&p.name));
            if p.outputs.is_empty() {
                out.push_str("No outputs itemised in this summary.\n\n");
            }
            contributions(&mut out, &p.outputs, "####");
        }
    }
    out
}

/// The roll-up page template (`assets/templates/rollup.html`).
#[derive(Template)]
#[template(path = "rollup.html", config = "assets/templates/askama.toml")]
struct Page<'a> {
    r: &'a Rollup,
    groups: Vec<(&'static str, Vec<&'a MetricLine>)>,
}

impl Figures for Page<'_> {}

/// The roll-up as one self-contained HTML page.
///
/// # Errors
/// If the template fails to render (a defect, not a property of the data).
pub fn render_html(r: &Rollup) -> Result<String, RenderError> {
    let groups = metric_groups(&r.metrics);
    render_page(&Page { r, groups })
}
