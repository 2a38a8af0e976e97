//! The evidence summary: everything an appraisal pack shows, as one plain value.
//!
//! [`build`] is a pure function of the framework, the journal, a period, a target tier and the
//! day; the renderers ([`super::markdown`], [`super::html`], [`super::csv`], [`super::json`]) only
//! format what it holds. The same struct, serialised, is the `corepath-evidence-summary` JSON
//! format that `corepath rollup` reads and `corepath import` accepts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::assess::{self, CategoryRow, Context, MetricRow, Period, Recognition, StandardResult};
use crate::framework::{Framework, MetricGroup, Tier};
use crate::model::Entry;

/// The value of the `format` field of an evidence summary.
pub const FORMAT: &str = "corepath-evidence-summary";

/// The newest evidence-summary `version` this build writes and reads.
pub const VERSION: u32 = 1;

/// One person's evidence summary for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`] when written by this build.
    pub version: u32,
    /// The day the summary was drawn up (progression is assessed as of this day).
    pub generated: NaiveDate,
    /// The framework it was assessed against.
    pub framework: FrameworkRef,
    /// Who the summary is about.
    pub person: Person,
    /// The period the figures cover (both days included).
    pub period: Period,
    /// The end of the period as asked, when it was after the day drawn up and so cut there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_to: Option<NaiveDate>,
    /// The headline figures of the period.
    pub headline: Headline,
    /// The 2-tier metric table, in framework order (academic first).
    pub metrics: Vec<MetricLine>,
    /// Entries per calendar month of the period.
    pub by_month: Vec<MonthLine>,
    /// Every entry of the period, itemised by the kind of contribution, newest first.
    #[serde(default)]
    pub contributions: Vec<super::contributions::ContributionGroup>,
    /// Starred entries of the period, in full, oldest first.
    pub highlights: Vec<Highlight>,
    /// Progression toward the target tier, as of `generated`.
    pub progression: Progression,
    /// The CPD record standards over the period.
    pub cpd: Cpd,
    /// Time by area of work over the period, against the profile's target.
    pub time: Time,
    /// Goals, open ones first, each with the text of the expectation it works toward.
    pub goals: Vec<GoalLine>,
    /// Talking points for the conversation, each backed by this period's non-zero figures.
    pub talking_points: Vec<TalkingPointLine>,
    /// Where the framework comes from.
    pub source: SourceLine,
    /// Every threshold used, with its basis (`corepath default` unless an institution set it).
    pub thresholds: Vec<Threshold>,
    /// What a reader should know about the thresholds.
    pub defaults_note: String,
    /// Every entry dated in the period, oldest first, in the journal's own format.
    pub entries: Vec<Entry>,
}

/// Which framework a summary was assessed against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkRef {
    /// The framework's name.
    pub name: String,
    /// The framework's format version.
    pub version: u32,
}

/// Who the summary is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// ORCID iD, bare.
    pub orcid: Option<String>,
    /// The ORCID iD as a link.
    pub orcid_url: Option<String>,
    /// The person's case in their own words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub statement: String,
    /// The core facility.
    pub facility: String,
    /// The institution.
    pub institution: String,
    /// Current tier id.
    pub tier: String,
    /// Current tier title.
    pub tier_title: String,
    /// In the current tier since.
    pub tier_since: Option<NaiveDate>,
    /// Highest qualification, as a label.
    pub qualification: Option<String>,
    /// Years of relevant experience.
    pub experience_years: Option<f64>,
    /// Whether the person has management and supervision experience.
    pub management_experience: Option<bool>,
    /// The last appraisal.
    pub last_appraisal: Option<NaiveDate>,
    /// The next appraisal.
    pub next_appraisal: Option<NaiveDate>,
}

/// Entries, hours and people for one metric or group of entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// How many entries.
    pub entries: usize,
    /// Their hours.
    pub hours: f64,
    /// The people they reached.
    pub people: u64,
    /// The instrument usage hours they record (utilisation), apart from effort hours.
    #[serde(default, skip_serializing_if = "is_zero_hours")]
    pub usage_hours: f64,
}

fn is_zero_hours(h: &f64) -> bool {
    *h == 0.0
}

impl Figure {
    /// Whether every number is zero.
    pub fn is_zero(&self) -> bool {
        self.entries == 0 && self.hours == 0.0 && self.people == 0 && self.usage_hours == 0.0
    }
}

impl From<&MetricRow> for Figure {
    fn from(r: &MetricRow) -> Figure {
        Figure {
            entries: r.entries,
            hours: r.hours,
            people: r.people,
            usage_hours: r.usage_hours,
        }
    }
}

/// The headline figures of the period. Each figure is the row of one metric of the table, so a
/// reader can trace it: training is F.c, teaching A.d, grants A.c, quality F.a.v, outreach F.f.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    /// Entries in the period.
    pub entries: usize,
    /// Their hours.
    pub hours: f64,
    /// The people they reached.
    pub people: u64,
    /// Starred entries among them.
    pub highlights: usize,
    /// Training of students and research staff given (`fac.training`).
    pub training: Figure,
    /// Teaching, courses and supervision (`acad.teaching`).
    pub teaching: Figure,
    /// How publication contributions were recognised.
    pub publications: Recognition,
    /// Contributions to grant applications (`acad.grants`).
    pub grants: Figure,
    /// QC, SOP and other quality-management work (`fac.quality`).
    pub quality: Figure,
    /// Outreach (`fac.outreach`).
    pub outreach: Figure,
}

/// One row of the 2-tier metric table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricLine {
    /// Metric id, e.g. `fac.training`.
    pub id: String,
    /// The paper's code, e.g. `F.c`.
    pub code: String,
    /// `academic` or `facility`.
    pub group: MetricGroup,
    /// Short label.
    pub label: String,
    /// Entries, hours and people.
    #[serde(flatten)]
    pub figure: Figure,
    /// Starred entries among them.
    pub highlights: usize,
}

/// The metric lines of each group of the evaluation system (academic first) with the group's
/// label, leaving out a group with no metrics.
pub fn metric_groups(metrics: &[MetricLine]) -> Vec<(&'static str, Vec<&MetricLine>)> {
    [MetricGroup::Academic, MetricGroup::Facility]
        .into_iter()
        .map(|g| (g.label(), metrics.iter().filter(|m| m.group == g).collect()))
        .filter(|(_, rows): &(&str, Vec<&MetricLine>)| !rows.is_empty())
        .collect()
}

/// Entries dated in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthLine {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// Entries dated in it.
    pub entries: usize,
}

pub use super::highlights::{EvidenceLine, Highlight};
pub use super::progression::{EVIDENCE_LISTED, EntryRef, ExpectationLine, Progression};

/// The CPD standards over the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cpd {
    /// CPD entries in the period.
    pub entries: usize,
    /// Their hours.
    pub hours: f64,
    /// Standards met.
    pub met: usize,
    /// The four standards.
    pub standards: Vec<StandardResult>,
    /// Activity by category.
    pub categories: Vec<CategoryRow>,
}

/// One area of work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaLine {
    /// Area id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Hours.
    pub hours: f64,
    /// Share of all hours, percent.
    pub share: f64,
    /// Target share, percent.
    pub target: Option<f64>,
}

/// Time allocation over the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Time {
    /// All hours.
    pub hours: f64,
    /// Entries with hours.
    pub entries_with_hours: usize,
    /// Entries without hours (not in the split).
    pub entries_without_hours: usize,
    /// One row per area of work.
    pub areas: Vec<AreaLine>,
}

/// A goal and the expectation it works toward.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalLine {
    /// Goal id.
    pub id: String,
    /// The goal.
    pub title: String,
    /// Expectation id.
    pub expectation: Option<String>,
    /// The expectation's text.
    pub expectation_text: Option<String>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Whether it is done.
    pub done: bool,
}

/// One metric's figure behind a talking point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointFigure {
    /// Metric id.
    pub metric: String,
    /// Its code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// The figure.
    #[serde(flatten)]
    pub figure: Figure,
}

/// A talking point with the person's own figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TalkingPointLine {
    /// Talking point id.
    pub id: String,
    /// The point.
    pub title: String,
    /// Why it matters, citing the recommendation.
    pub text: String,
    /// The non-zero figures of its metrics in the period.
    pub figures: Vec<PointFigure>,
    /// Publication recognition, for points about publications (when any were logged).
    pub recognition: Option<Recognition>,
    /// The entries behind it, newest first (at most three).
    #[serde(default)]
    pub entries: Vec<EntryRef>,
}

/// Where the framework comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceLine {
    /// Title.
    pub title: String,
    /// Authors.
    pub authors: String,
    /// Year.
    pub year: u16,
    /// DOI.
    pub doi: String,
    /// The DOI as a link.
    pub url: String,
    /// How corepath's texts relate to it.
    pub note: String,
}

impl SourceLine {
    /// A one-line citation.
    pub fn citation(&self) -> String {
        format!(
            "{} ({}). {}. doi:{}",
            self.authors, self.year, self.title, self.doi
        )
    }
}

/// A threshold the summary relies on, and who set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Threshold {
    /// What it applies to (an expectation id or a CPD setting).
    pub applies_to: String,
    /// The same for a reader: the expectation or the CPD standard, in words.
    #[serde(default)]
    pub label: String,
    /// The threshold in words.
    pub threshold: String,
    /// `corepath default`, or the institution's basis.
    pub basis: String,
}

fn metric_figure(tally: &assess::Tally, id: &str) -> Figure {
    tally
        .metrics
        .iter()
        .find(|r| r.id == id)
        .map(Figure::from)
        .unwrap_or_default()
}

fn person(framework: &Framework, profile: &crate::model::Profile) -> Person {
    Person {
        name: profile.name.clone(),
        orcid: profile.orcid.clone(),
        orcid_url: profile
            .orcid
            .as_deref()
            .and_then(|o| crate::model::parse_orcid("orcid", o).ok())
            .map(|o| format!("https://orcid.org/{o}")),
        statement: profile.statement.clone(),
        facility: profile.facility.clone(),
        institution: profile.institution.clone(),
        tier: profile.tier.clone(),
        tier_title: framework
            .tier(&profile.tier)
            .map_or_else(|| profile.tier.clone(), |t| t.title.clone()),
        tier_since: profile.tier_since,
        qualification: profile.qualification.as_ref().map(|q| {
            framework
                .qualifications
                .iter()
                .find(|x| &x.id == q)
                .map_or_else(|| q.clone(), |x| x.label.clone())
        }),
        experience_years: profile.experience_years,
        management_experience: profile.management_experience,
        last_appraisal: profile.last_appraisal,
        next_appraisal: profile.next_appraisal,
    }
}

fn cpd(ctx: &Context, period: Period) -> Cpd {
    let r = assess::cpd(ctx, period);
    Cpd {
        entries: r.entries,
        hours: r.hours,
        met: r.met(),
        standards: r.standards,
        categories: r.categories,
    }
}

fn time(ctx: &Context, period: Period) -> Time {
    let r = assess::time_allocation(ctx, period);
    Time {
        hours: r.hours,
        entries_with_hours: r.entries_with_hours,
        entries_without_hours: r.entries_without_hours,
        areas: r
            .areas
            .into_iter()
            .map(|a| AreaLine {
                id: a.id,
                label: a.label,
                hours: a.hours,
                share: a.share,
                target: a.target,
            })
            .collect(),
    }
}

fn goals(ctx: &Context) -> Vec<GoalLine> {
    let mut goals: Vec<GoalLine> = ctx
        .journal
        .goals
        .iter()
        .map(|g| GoalLine {
            id: g.id.clone(),
            title: g.title.clone(),
            expectation: g.expectation.clone(),
            expectation_text: g
                .expectation
                .as_deref()
                .and_then(|e| ctx.framework.expectation(e))
                .map(|(_, e)| e.text.clone()),
            due: g.due,
            done: g.done,
        })
        .collect();
    goals.sort_by_key(|g| (g.done, g.due.is_none(), g.due));
    goals
}

/// Draw up the evidence summary of a period, with progression toward `tier` as of `today`.
pub fn build(ctx: &Context, period: Period, tier: &Tier, today: NaiveDate) -> Summary {
    let framework = ctx.framework;
    let journal = ctx.journal;
    let tally = assess::tally(ctx, period);
    let headline = Headline {
        entries: tally.entries,
        hours: tally.hours,
        people: tally.people,
        highlights: tally.highlights,
        training: metric_figure(&tally, "fac.training"),
        teaching: metric_figure(&tally, "acad.teaching"),
        publications: tally.recognition,
        grants: metric_figure(&tally, "acad.grants"),
        quality: metric_figure(&tally, "fac.quality"),
        outreach: metric_figure(&tally, "fac.outreach"),
    };
    let metrics: Vec<MetricLine> = tally
        .metrics
        .iter()
        .map(|r| MetricLine {
            id: r.id.clone(),
            code: r.code.clone(),
            group: r.group,
            label: r.label.clone(),
            figure: Figure::from(r),
            highlights: r.highlights,
        })
        .collect();
    let by_month = tally
        .by_month
        .iter()
        .map(|m| MonthLine {
            month: m.month.format("%Y-%m").to_string(),
            entries: m.entries,
        })
        .collect();
    // Sorted as references (entries are large to move), then copied once.
    let mut in_period: Vec<&Entry> = journal
        .entries
        .iter()
        .filter(|e| period.contains(e.date))
        .collect();
    in_period.sort_by_key(|e| e.date);
    let entries: Vec<Entry> = in_period.into_iter().cloned().collect();
    let highlights = entries
        .iter()
        .filter(|e| e.highlight)
        .map(|e| super::highlights::highlight(framework, e))
        .collect();
    let source = &framework.source;
    Summary {
        format: FORMAT.to_string(),
        version: VERSION,
        generated: today,
        framework: FrameworkRef {
            name: framework.name.clone(),
            version: framework.version,
        },
        person: person(framework, &journal.profile),
        period,
        requested_to: None,
        talking_points: super::points::talking_points(framework, &metrics, &headline, &entries),
        headline,
        metrics,
        by_month,
        contributions: super::contributions::contributions(framework, &entries),
        highlights,
        progression: super::progression::progression(ctx, tier, period, today),
        cpd: cpd(ctx, period),
        time: time(ctx, period),
        goals: goals(ctx),
        source: SourceLine {
            title: source.title.clone(),
            authors: source.authors.clone(),
            year: source.year,
            doi: source.doi.clone(),
            url: format!("https://doi.org/{}", source.doi),
            note: source.note.clone(),
        },
        thresholds: super::points::thresholds(framework, tier),
        defaults_note: framework.defaults_note.clone(),
        entries,
    }
}
