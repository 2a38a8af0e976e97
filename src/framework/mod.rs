//! The career framework: the metrics of the 2-tiered evaluation system, the job family's tiers and
//! their expectations, the entry kinds and the CPD standards.
//!
//! The framework is data (`assets/framework.json`, embedded in the binary); this module gives it a
//! type, validates it with the JSON path of every fault, and answers look-ups. It does no I/O: the
//! caller hands it the text.

mod ladder;
mod rule;
mod validate;
mod vocabulary;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

pub use ladder::{Inversion, inversions};
pub use rule::{DEFAULT_BASIS, EvidenceRule, Filter, Join, Measure, ProfileCheck, Rule};
pub use validate::FrameworkError;
pub use vocabulary::{Term, Vocabulary, fold};

/// The framework bundled with corepath, as JSON text.
pub const BUNDLED_JSON: &str = include_str!("../../assets/framework.json");

/// The value of the `format` field of a framework file.
pub const FORMAT: &str = "corepath-framework";

/// The groups a summary itemises contributions in (an entry kind's `contribution`).
pub const CONTRIBUTIONS: [&str; 6] = [
    "knowledge",
    "others",
    "community",
    "society",
    "facility",
    "development",
];

/// The newest framework `version` this build understands.
pub const VERSION: u32 = 1;

/// A whole career framework, validated and indexed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Always [`FORMAT`].
    pub format: String,
    /// The framework format version.
    pub version: u32,
    /// A human name for this framework, e.g. an institution's ladder.
    pub name: String,
    /// Where the framework comes from.
    pub source: Source,
    /// What a reader should know about the thresholds (they are corepath defaults).
    pub defaults_note: String,
    /// The metrics of the 2-tiered evaluation system.
    pub metrics: Vec<Metric>,
    /// Areas of work that time is allocated to (Section B6).
    pub work_areas: Vec<Described>,
    /// Technology areas an entry may involve (Appendix A 1c).
    pub technology_areas: Vec<Described>,
    /// The technique vocabulary, with other spellings of each; entries may name others, which
    /// count toward distinct techniques once the user adds them to their own vocabulary.
    pub techniques: Vocabulary,
    /// How far an activity reaches: local, institutional, national, international.
    #[serde(default = "default_scopes")]
    pub scopes: Vocabulary,
    /// Qualification levels, lowest first.
    pub qualifications: Vec<Described>,
    /// The CPD record standards and their thresholds.
    pub cpd: CpdConfig,
    /// What an entry can be.
    pub kinds: Vec<EntryKind>,
    /// The job family, lowest tier first.
    pub tiers: Vec<Tier>,
    /// Talking points for an appraisal conversation (Appendix C).
    #[serde(default)]
    pub talking_points: Vec<TalkingPoint>,
    #[serde(skip)]
    index: Index,
}

/// Where a framework comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the source document.
    pub title: String,
    /// Who wrote it.
    pub authors: String,
    /// Year of publication.
    pub year: u16,
    /// DOI of the source, without a resolver prefix.
    pub doi: String,
    /// How the texts relate to the source (paraphrased, adapted…).
    pub note: String,
}

/// Which tier of the evaluation system a metric belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetricGroup {
    /// Academic metrics (Section A.1).
    Academic,
    /// Core-facility-specific metrics (Section A.2).
    Facility,
}

impl MetricGroup {
    /// A heading for this group.
    pub fn label(self) -> &'static str {
        match self {
            MetricGroup::Academic => "Academic metrics",
            MetricGroup::Facility => "Core facility metrics",
        }
    }
}

/// One metric of the evaluation system.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// Stable id, e.g. `acad.publications`.
    pub id: String,
    /// Academic or facility.
    pub group: MetricGroup,
    /// The paper's letter, e.g. `A.a`, `F.a.iii`.
    pub code: String,
    /// A short label.
    pub label: String,
    /// What it counts, in our own words.
    pub description: String,
}

/// Anything with an id, a label and a one-line description.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Described {
    /// Stable id.
    pub id: String,
    /// A short label.
    pub label: String,
    /// One line of explanation.
    pub description: String,
}

/// A CPD record standard (Science Council).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CpdStandard {
    /// Stable id, e.g. `continuous`.
    pub id: String,
    /// A short title.
    pub title: String,
    /// What the standard asks, in our own words.
    pub description: String,
}

/// The CPD standards, their activity categories and corepath's thresholds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CpdConfig {
    /// The four standards, in order.
    pub standards: Vec<CpdStandard>,
    /// The five activity categories.
    pub categories: Vec<Described>,
    /// How many categories make a mix (corepath default 3).
    pub min_categories: usize,
    /// The longest gap, in days, between entries for the record to count as continuous.
    pub max_gap_days: u32,
    /// The share of CPD entries that must carry each kind of reflection (0–1).
    pub reflection_share: f64,
    /// The share of CPD entries that must carry evidence (a link, a file, an identifier) for the
    /// record to be one that can show evidence on request (0–1).
    #[serde(default = "default_evidence_share")]
    pub evidence_share: f64,
    /// Fewer categories a registration body accepts in exceptional cases (the standards say two);
    /// absent when the framework does not allow the exception.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exceptional_min_categories: Option<usize>,
    /// The audit period, in months, used when no period is given.
    pub period_months: u32,
}

/// A field the guided form asks about for a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionField {
    /// Hours spent.
    Hours,
    /// People trained, supported or reached.
    People,
    /// Instrument usage hours (utilisation), apart from effort hours.
    UsageHours,
    /// The person's role (for publications, the recognition role).
    Role,
    /// How far the activity reached: local, institutional, national, international.
    Scope,
    /// CRediT roles.
    Credit,
    /// Techniques involved.
    Techniques,
    /// Technology areas involved.
    Areas,
    /// A DOI.
    Doi,
    /// An RRID.
    Rrid,
    /// A ROR id.
    Ror,
    /// An ORCID iD.
    Orcid,
    /// A web link.
    Url,
}

/// One question of a kind's guided form.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The entry field it fills.
    pub field: QuestionField,
    /// The prompt shown to the user.
    pub prompt: String,
    /// Whether the form insists on an answer.
    #[serde(default)]
    pub required: bool,
}

/// What an entry can be: its default metrics, area of work, CPD category and questions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryKind {
    /// Stable id, e.g. `user-training`.
    pub id: String,
    /// A short label.
    pub label: String,
    /// One line saying when to use it.
    pub help: String,
    /// The area of work its hours count towards.
    pub area: String,
    /// Where it belongs among the contributions a summary itemises (`knowledge`, `others`,
    /// `community`, `society`, `facility`, `development`); by area of work when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contribution: Option<String>,
    /// The metrics an entry of this kind maps to unless the user changes them. Empty only when
    /// the help says why no metric of the recommendation covers it.
    pub metrics: Vec<String>,
    /// Metrics by scope, where the reach decides the metric (a national committee is A.g, a
    /// local user committee is not).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scope_metrics: BTreeMap<String, Vec<String>>,
    /// Whether the kind is a learning and development activity in itself (a course, reading,
    /// job shadowing): such entries always count toward the CPD mix; other kinds count when the
    /// person reflects on them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub learning: bool,
    /// Its default CPD activity category, where it is CPD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpd_category: Option<String>,
    /// The allowed values of `role`, with labels and other spellings; empty means free text.
    #[serde(default, skip_serializing_if = "Vocabulary::is_empty")]
    pub roles: Vocabulary,
    /// The kind's own questions, in order.
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// A career stage of the job family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Early career.
    Early,
    /// Mid-career.
    Mid,
    /// Advanced career.
    Advanced,
    /// Beyond a single facility.
    Beyond,
}

impl Stage {
    /// A label for display.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Early => "early career",
            Stage::Mid => "mid-career",
            Stage::Advanced => "advanced career",
            Stage::Beyond => "beyond one facility",
        }
    }
}

/// One tier of the job family.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Stable id, e.g. `senior-scientist`.
    pub id: String,
    /// The title.
    pub title: String,
    /// Its career stage.
    pub stage: Stage,
    /// One or two sentences on the tier.
    pub summary: String,
    /// The minimum qualification (an id of `qualifications`); relevant experience also counts.
    pub qualification: String,
    /// Whether management and supervision experience is expected.
    #[serde(default)]
    pub management_experience: bool,
    /// Years of relevant experience that stand in for the qualification (corepath default).
    pub experience_in_lieu_years: u32,
    /// Every expectation of the tier.
    pub expectations: Vec<Expectation>,
}

/// One expectation of a tier, with the rule that says when it is evidenced.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// Stable id, `tier/slug`.
    pub id: String,
    /// The expectation, paraphrased.
    pub text: String,
    /// The theme it shares with expectations of other tiers (`training`, `quality`…): within a
    /// theme, thresholds never fall as the ladder climbs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// How it is evidenced.
    pub rule: Rule,
    /// What to log or do to evidence it.
    pub suggestion: String,
}

/// A talking point for an appraisal conversation, backed by figures.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TalkingPoint {
    /// Stable id.
    pub id: String,
    /// The point, in our own words.
    pub title: String,
    /// Why it matters, citing the recommendation.
    pub text: String,
    /// The metrics whose figures back it.
    pub metrics: Vec<String>,
}

#[derive(Debug, Clone, Default)]
struct Index {
    metrics: HashMap<String, usize>,
    kinds: HashMap<String, usize>,
    tiers: HashMap<String, usize>,
    expectations: HashMap<String, (usize, usize)>,
}

impl Framework {
    /// The framework bundled with corepath.
    pub fn bundled() -> Result<Framework, FrameworkError> {
        Framework::from_json(BUNDLED_JSON)
    }

    /// Parse and validate a framework from JSON text.
    pub fn from_json(text: &str) -> Result<Framework, FrameworkError> {
        let mut framework = validate::parse(text)?;
        framework.index = Index::build(&framework);
        validate::check(&framework)?;
        Ok(framework)
    }

    /// The framework as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A metric by id.
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.index.metrics.get(id).map(|&i| &self.metrics[i])
    }

    /// The position of a metric in [`Framework::metrics`].
    pub fn metric_index(&self, id: &str) -> Option<usize> {
        self.index.metrics.get(id).copied()
    }

    /// An entry kind by id.
    pub fn kind(&self, id: &str) -> Option<&EntryKind> {
        self.index.kinds.get(id).map(|&i| &self.kinds[i])
    }

    /// The position of a kind in [`Framework::kinds`].
    pub fn kind_index(&self, id: &str) -> Option<usize> {
        self.index.kinds.get(id).copied()
    }

    /// A tier by id.
    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.index.tiers.get(id).map(|&i| &self.tiers[i])
    }

    /// The position of a tier on the ladder.
    pub fn tier_index(&self, id: &str) -> Option<usize> {
        self.index.tiers.get(id).copied()
    }

    /// The tier above `id`, if any.
    pub fn next_tier(&self, id: &str) -> Option<&Tier> {
        self.tier_index(id).and_then(|i| self.tiers.get(i + 1))
    }

    /// An expectation by id, with its tier.
    pub fn expectation(&self, id: &str) -> Option<(&Tier, &Expectation)> {
        self.index
            .expectations
            .get(id)
            .map(|&(t, e)| (&self.tiers[t], &self.tiers[t].expectations[e]))
    }

    /// The rank of a qualification (0 = lowest), if known.
    pub fn qualification_rank(&self, id: &str) -> Option<usize> {
        self.qualifications.iter().position(|q| q.id == id)
    }

    /// A work area by id.
    pub fn work_area(&self, id: &str) -> Option<&Described> {
        self.work_areas.iter().find(|a| a.id == id)
    }

    /// Whether `id` is a technology area.
    pub fn is_technology_area(&self, id: &str) -> bool {
        self.technology_areas.iter().any(|a| a.id == id)
    }

    /// A role as a reader sees it: the vocabulary's label ("Lead applicant"), the text as
    /// written for a kind without a vocabulary, or "role not given" with the text for one the
    /// vocabulary does not know (an old free-text role `corepath check` lists for fixing).
    pub fn role_label(&self, kind: &str, role: &str) -> String {
        match self.kind(kind) {
            Some(k) if !k.roles.is_empty() => match k.roles.resolve(role) {
                Some(term) => term.label.clone(),
                None => format!("role not given (\"{role}\")"),
            },
            _ => role.to_string(),
        }
    }

    /// A scope as a reader sees it: `International`.
    pub fn scope_label<'a>(&'a self, scope: &'a str) -> &'a str {
        self.scopes.label(scope)
    }

    /// The metrics an entry of this kind maps to by default, given its scope.
    pub fn default_metrics<'a>(&self, kind: &'a EntryKind, scope: Option<&str>) -> &'a [String] {
        scope
            .and_then(|s| kind.scope_metrics.get(s))
            .unwrap_or(&kind.metrics)
    }

    /// Whether `id` is a CPD activity category.
    pub fn is_cpd_category(&self, id: &str) -> bool {
        self.cpd.categories.iter().any(|c| c.id == id)
    }

    /// The ids of a list of described items, joined for error messages.
    pub fn ids_of(items: &[Described]) -> String {
        items
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn default_scopes() -> Vocabulary {
    Vocabulary::of_ids(["local", "institutional", "national", "international"])
}

fn default_evidence_share() -> f64 {
    0.5
}

impl Index {
    fn build(f: &Framework) -> Index {
        let mut index = Index::default();
        for (i, m) in f.metrics.iter().enumerate() {
            index.metrics.entry(m.id.clone()).or_insert(i);
        }
        for (i, k) in f.kinds.iter().enumerate() {
            index.kinds.entry(k.id.clone()).or_insert(i);
        }
        for (t, tier) in f.tiers.iter().enumerate() {
            index.tiers.entry(tier.id.clone()).or_insert(t);
            for (e, exp) in tier.expectations.iter().enumerate() {
                index.expectations.entry(exp.id.clone()).or_insert((t, e));
            }
        }
        index
    }
}
