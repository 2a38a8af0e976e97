//! Evidence rules: how an expectation is shown to be met.
//!
//! A rule selects the entries that count — by kind or metric, then by what each entry says (its
//! role, scope, CRediT roles, tags, technology areas, techniques, a minimum of people or hours) —
//! and measures them against a threshold. A bullet that joins two things needs both (`all_of`)
//! or either (`any_of`).

use serde::{Deserialize, Serialize};

/// What an evidence rule adds up over the entries that count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// The number of entries.
    Entries,
    /// The sum of their hours of effort.
    Hours,
    /// The sum of the people they reached.
    People,
    /// The number of distinct known techniques they name.
    DistinctTechniques,
    /// The sum of instrument usage hours (utilisation), apart from effort hours.
    UsageHours,
}

impl Measure {
    /// The unit, for sentences such as "2 of 3 entries".
    pub fn unit(self) -> &'static str {
        match self {
            Measure::Entries => "entries",
            Measure::Hours => "hours",
            Measure::People => "people",
            Measure::DistinctTechniques => "distinct techniques",
            Measure::UsageHours => "instrument usage hours",
        }
    }

    /// The unit for one of them: "entry", "hour"…
    pub fn unit_one(self) -> &'static str {
        match self {
            Measure::Entries => "entry",
            Measure::Hours => "hour",
            Measure::People => "person",
            Measure::DistinctTechniques => "distinct technique",
            Measure::UsageHours => "instrument usage hour",
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

/// What an entry must say to count (`where` in the framework file). Every listed condition must
/// hold; the values within one condition are alternatives.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// The person's role, from the kind's vocabulary (`co-author`, `lead`, `mentor`…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role: Vec<String>,
    /// The reach: `local`, `institutional`, `national`, `international`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<String>,
    /// CRediT roles; one of them must be on the entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credit: Vec<String>,
    /// Tags (compared ignoring case); one of them must be on the entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Technology areas; one of them must be on the entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    /// Techniques (vocabulary ids); one of them must be on the entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub techniques: Vec<String>,
    /// At least this many people on the entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_people: Option<u32>,
    /// At least this many hours on the entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_hours: Option<f64>,
}

impl Filter {
    /// Whether the filter lets every entry through.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// A rule that counts journal entries.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceRule {
    /// Entry kinds that count.
    pub kinds: Vec<String>,
    /// Metrics that count (an entry counts when it maps to one).
    pub metrics: Vec<String>,
    /// What each entry must say to count (boxed: most rules have none, and a rule stays small).
    pub filter: Box<Filter>,
    /// What is added up.
    pub measure: Measure,
    /// The threshold for "met".
    pub min: f64,
    /// How many years back from today entries count.
    pub within_years: u32,
    /// Where the threshold comes from ("corepath default" unless an institution says otherwise).
    pub basis: String,
}

/// How the parts of a combined rule join.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Join {
    /// Every part must be met.
    AllOf,
    /// One part met is enough.
    AnyOf,
}

/// How an expectation is evidenced.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Counted from journal entries.
    Evidence(EvidenceRule),
    /// Several evidence rules joined ("keeps up to date *and* takes part in procurement").
    Combined {
        /// All of them, or any of them.
        join: Join,
        /// The parts, each with its own threshold and window.
        parts: Vec<EvidenceRule>,
    },
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

impl Rule {
    /// The evidence rules inside: one, the parts of a combined rule, or none.
    pub fn evidence_parts(&self) -> &[EvidenceRule] {
        match self {
            Rule::Evidence(rule) => std::slice::from_ref(rule),
            Rule::Combined { parts, .. } => parts,
            Rule::Profile { .. } | Rule::SelfAssessed => &[],
        }
    }
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
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    filter: Option<Filter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    measure: Option<Measure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    all_of: Option<Vec<RawRule>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    any_of: Option<Vec<RawRule>>,
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

impl RawRule {
    fn is_evidence(&self) -> bool {
        self.kinds.is_some()
            || self.metrics.is_some()
            || self.measure.is_some()
            || self.filter.is_some()
    }

    /// One evidence rule; `within_years` and `basis` fall back to the enclosing rule's.
    fn evidence(
        self,
        within: Option<u32>,
        basis: Option<&str>,
        path: &str,
    ) -> Result<EvidenceRule, String> {
        if self.all_of.is_some() || self.any_of.is_some() {
            return Err(format!(
                "{path}parts of a combined rule cannot be combined again"
            ));
        }
        let min = self
            .min
            .ok_or_else(|| format!("{path}an evidence rule needs \"min\""))?;
        if !(min.is_finite() && min > 0.0) {
            return Err(format!(
                "{path}\"min\" must be a positive number, got {min}"
            ));
        }
        let within_years = self
            .within_years
            .or(within)
            .ok_or_else(|| format!("{path}an evidence rule needs \"within_years\""))?;
        if within_years == 0 {
            return Err(format!("{path}\"within_years\" must be at least 1"));
        }
        let filter = Box::new(self.filter.unwrap_or_default());
        if let Some(h) = filter.min_hours
            && !(h.is_finite() && h >= 0.0)
        {
            return Err(format!(
                "{path}\"where.min_hours\" must be a number of hours, 0 or more, got {h}"
            ));
        }
        Ok(EvidenceRule {
            kinds: self.kinds.unwrap_or_default(),
            metrics: self.metrics.unwrap_or_default(),
            filter,
            measure: self.measure.unwrap_or(Measure::Entries),
            min,
            within_years,
            basis: self
                .basis
                .or_else(|| basis.map(str::to_string))
                .unwrap_or_else(|| DEFAULT_BASIS.to_string()),
        })
    }
}

fn combined(
    join: Join,
    parts: Vec<RawRule>,
    within: Option<u32>,
    basis: Option<&str>,
    name: &str,
) -> Result<Rule, String> {
    if parts.len() < 2 {
        return Err(format!("\"{name}\" needs at least two rules"));
    }
    let parts = parts
        .into_iter()
        .enumerate()
        .map(|(i, raw)| raw.evidence(within, basis, &format!("{name}[{i}]: ")))
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Rule::Combined { join, parts })
}

impl TryFrom<RawRule> for Rule {
    type Error = String;

    fn try_from(mut raw: RawRule) -> Result<Rule, String> {
        let all_of = raw.all_of.take();
        let any_of = raw.any_of.take();
        let basis = raw.basis.clone();
        match (
            raw.is_evidence(),
            all_of,
            any_of,
            raw.profile,
            raw.self_assessed,
        ) {
            (false, None, None, None, Some(true)) => Ok(Rule::SelfAssessed),
            (false, None, None, Some(check), None) => {
                if check == ProfileCheck::Experience && raw.min_years.is_none() {
                    return Err("an experience check needs \"min_years\"".into());
                }
                Ok(Rule::Profile {
                    check,
                    min_years: raw.min_years,
                })
            }
            (true, None, None, None, None) => Ok(Rule::Evidence(raw.evidence(None, None, "")?)),
            (false, Some(parts), None, None, None) if raw.min.is_none() => combined(
                Join::AllOf,
                parts,
                raw.within_years,
                basis.as_deref(),
                "all_of",
            ),
            (false, None, Some(parts), None, None) if raw.min.is_none() => combined(
                Join::AnyOf,
                parts,
                raw.within_years,
                basis.as_deref(),
                "any_of",
            ),
            _ => Err(
                "a rule is one of: evidence (kinds/metrics, where, measure, min, within_years), \
                 {\"all_of\": […]} or {\"any_of\": […]} of evidence rules, \
                 {\"profile\": …} or {\"self_assessed\": true}"
                    .into(),
            ),
        }
    }
}

impl From<&EvidenceRule> for RawRule {
    fn from(e: &EvidenceRule) -> RawRule {
        RawRule {
            kinds: Some(e.kinds.clone()),
            metrics: Some(e.metrics.clone()),
            filter: (!e.filter.is_empty()).then(|| (*e.filter).clone()),
            measure: Some(e.measure),
            min: Some(e.min),
            within_years: Some(e.within_years),
            basis: Some(e.basis.clone()),
            ..RawRule::default()
        }
    }
}

impl From<&Rule> for RawRule {
    fn from(rule: &Rule) -> RawRule {
        match rule {
            Rule::Evidence(e) => RawRule::from(e),
            Rule::Combined { join, parts } => {
                let parts = Some(parts.iter().map(RawRule::from).collect());
                match join {
                    Join::AllOf => RawRule {
                        all_of: parts,
                        ..RawRule::default()
                    },
                    Join::AnyOf => RawRule {
                        any_of: parts,
                        ..RawRule::default()
                    },
                }
            }
            Rule::Profile { check, min_years } => RawRule {
                profile: Some(*check),
                min_years: *min_years,
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
        RawRule::from(self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rule, D::Error> {
        let raw = RawRule::deserialize(d)?;
        Rule::try_from(raw).map_err(serde::de::Error::custom)
    }
}
