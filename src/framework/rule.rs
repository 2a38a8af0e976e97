//! Evidence rules: how an expectation is shown to be met.

use serde::{Deserialize, Serialize};

/// What an evidence rule adds up over the entries that count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// The number of entries.
    Entries,
    /// The sum of their hours.
    Hours,
    /// The sum of the people they reached.
    People,
    /// The number of distinct techniques they name.
    DistinctTechniques,
}

impl Measure {
    /// The unit, for sentences such as "2 of 3 entries".
    pub fn unit(self) -> &'static str {
        match self {
            Measure::Entries => "entries",
            Measure::Hours => "hours",
            Measure::People => "people",
            Measure::DistinctTechniques => "distinct techniques",
        }
    }
}

/// The profile facts an expectation can be checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProfileCheck {
    /// The tier's minimum qualification, or relevant experience in lieu of it.
    Qualification,
    /// Years of relevant experience (`min_years`).
    Experience,
    /// Management and supervision experience.
    Management,
}

/// A rule that counts journal entries.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceRule {
    /// Entry kinds that count.
    pub kinds: Vec<String>,
    /// Metrics that count (an entry counts when it maps to one).
    pub metrics: Vec<String>,
    /// What is added up.
    pub measure: Measure,
    /// The threshold for "met".
    pub min: f64,
    /// How many years back from today entries count.
    pub within_years: u32,
    /// Where the threshold comes from ("corepath default" unless an institution says otherwise).
    pub basis: String,
}

/// How an expectation is evidenced.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Counted from journal entries.
    Evidence(EvidenceRule),
    /// Checked against the profile.
    Profile {
        /// Which fact.
        check: ProfileCheck,
        /// For experience: the years needed.
        min_years: Option<u32>,
    },
    /// No entry can show it: the user marks it with a justification.
    SelfAssessed,
}

/// The basis of a threshold the paper does not give.
pub const DEFAULT_BASIS: &str = "corepath default";

/// The on-disk shape of a rule: one flat object, as in the design.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kinds: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    metrics: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    measure: Option<Measure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    within_years: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    profile: Option<ProfileCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min_years: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    self_assessed: Option<bool>,
}

impl TryFrom<RawRule> for Rule {
    type Error = String;

    fn try_from(raw: RawRule) -> Result<Rule, String> {
        let evidence = raw.kinds.is_some() || raw.metrics.is_some() || raw.measure.is_some();
        match (evidence, raw.profile, raw.self_assessed) {
            (false, None, Some(true)) => Ok(Rule::SelfAssessed),
            (false, Some(check), None) => {
                if check == ProfileCheck::Experience && raw.min_years.is_none() {
                    return Err("an experience check needs \"min_years\"".into());
                }
                Ok(Rule::Profile {
                    check,
                    min_years: raw.min_years,
                })
            }
            (true, None, None) => {
                let min = raw.min.ok_or("an evidence rule needs \"min\"")?;
                if !(min.is_finite() && min > 0.0) {
                    return Err(format!("\"min\" must be a positive number, got {min}"));
                }
                let within_years = raw
                    .within_years
                    .ok_or("an evidence rule needs \"within_years\"")?;
                if within_years == 0 {
                    return Err("\"within_years\" must be at least 1".into());
                }
                Ok(Rule::Evidence(EvidenceRule {
                    kinds: raw.kinds.unwrap_or_default(),
                    metrics: raw.metrics.unwrap_or_default(),
                    measure: raw.measure.unwrap_or(Measure::Entries),
                    min,
                    within_years,
                    basis: raw.basis.unwrap_or_else(|| DEFAULT_BASIS.to_string()),
                }))
            }
            _ => Err(
                "a rule is one of: evidence (kinds/metrics, measure, min, within_years), \
                 {\"profile\": …} or {\"self_assessed\": true}"
                    .into(),
            ),
        }
    }
}

impl From<Rule> for RawRule {
    fn from(rule: Rule) -> RawRule {
        match rule {
            Rule::Evidence(e) => RawRule {
                kinds: Some(e.kinds),
                metrics: Some(e.metrics),
                measure: Some(e.measure),
                min: Some(e.min),
                within_years: Some(e.within_years),
                basis: Some(e.basis),
                ..RawRule::default()
            },
            Rule::Profile { check, min_years } => RawRule {
                profile: Some(check),
                min_years,
                ..RawRule::default()
            },
            Rule::SelfAssessed => RawRule {
                self_assessed: Some(true),
                ..RawRule::default()
            },
        }
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RawRule::from(self.clone()).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rule, D::Error> {
        let raw = RawRule::deserialize(d)?;
        Rule::try_from(raw).map_err(serde::de::Error::custom)
    }
}
