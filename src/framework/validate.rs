//! Parsing and checking a framework file, naming the JSON path of every fault.

use std::collections::HashSet;
use std::fmt;

use super::{CONTRIBUTIONS, EvidenceRule, FORMAT, Framework, VERSION, Vocabulary};

/// Why a framework file was refused: the JSON path of the fault and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkError {
    /// Where, e.g. `tiers[3].expectations[2].rule.kinds[0]` (empty for the whole file).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() || self.path == "." {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for FrameworkError {}

fn fault(path: impl Into<String>, message: impl Into<String>) -> FrameworkError {
    FrameworkError {
        path: path.into(),
        message: message.into(),
    }
}

/// Deserialize, keeping the path of a structural fault.
pub(super) fn parse(text: &str) -> Result<Framework, FrameworkError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = if inner.is_syntax() || inner.is_eof() {
            format!(
                "not valid JSON (line {}, column {})",
                inner.line(),
                inner.column()
            )
        } else {
            strip_position(&inner.to_string())
        };
        fault(path, message)
    })
}

/// serde_json appends " at line L column C" to data errors; the path says more.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    path: impl Fn(usize) -> String,
) -> Result<(), FrameworkError> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            return Err(fault(path(i), "an id must not be empty"));
        }
        if !seen.insert(id) {
            return Err(fault(path(i), format!("duplicate id \"{id}\"")));
        }
    }
    Ok(())
}

fn known(
    f: &Framework,
    path: &str,
    kinds: &[String],
    metrics: &[String],
) -> Result<(), FrameworkError> {
    for (i, k) in kinds.iter().enumerate() {
        if f.kind(k).is_none() {
            return Err(fault(
                format!("{path}.kinds[{i}]"),
                format!("unknown kind \"{k}\""),
            ));
        }
    }
    for (i, m) in metrics.iter().enumerate() {
        if f.metric(m).is_none() {
            return Err(fault(
                format!("{path}.metrics[{i}]"),
                format!("unknown metric \"{m}\""),
            ));
        }
    }
    Ok(())
}

fn in_vocabulary(
    path: &str,
    vocabulary: &Vocabulary,
    values: &[String],
    what: &str,
) -> Result<(), FrameworkError> {
    for (i, v) in values.iter().enumerate() {
        if vocabulary.get(v).is_none() {
            return Err(fault(
                format!("{path}[{i}]"),
                format!(
                    "unknown {what} \"{v}\" (expected one of: {})",
                    vocabulary.ids()
                ),
            ));
        }
    }
    Ok(())
}

/// A rule's `where`: every value must be one the entries it selects can have.
fn check_filter(f: &Framework, path: &str, rule: &EvidenceRule) -> Result<(), FrameworkError> {
    let filter = &rule.filter;
    let path = format!("{path}.where");
    if !filter.role.is_empty() {
        // The roles of the rule's kinds, or of every kind when it names none.
        let kinds: Vec<&super::EntryKind> = if rule.kinds.is_empty() {
            f.kinds.iter().collect()
        } else {
            rule.kinds.iter().filter_map(|k| f.kind(k)).collect()
        };
        for (i, role) in filter.role.iter().enumerate() {
            if !kinds.iter().any(|k| k.roles.get(role).is_some()) {
                let known: Vec<String> = kinds
                    .iter()
                    .filter(|k| !k.roles.is_empty())
                    .map(|k| format!("{}: {}", k.id, k.roles.ids()))
                    .collect();
                return Err(fault(
                    format!("{path}.role[{i}]"),
                    format!(
                        "no kind of this rule has the role \"{role}\" (roles: {})",
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join("; ")
                        }
                    ),
                ));
            }
        }
    }
    in_vocabulary(&format!("{path}.scope"), &f.scopes, &filter.scope, "scope")?;
    in_vocabulary(
        &format!("{path}.techniques"),
        &f.techniques,
        &filter.techniques,
        "technique",
    )?;
    let credit = Vocabulary::of_ids(crate::model::CREDIT_ROLES);
    in_vocabulary(
        &format!("{path}.credit"),
        &credit,
        &filter.credit,
        "CRediT role",
    )?;
    let areas = Vocabulary::of_ids(f.technology_areas.iter().map(|a| a.id.as_str()));
    in_vocabulary(
        &format!("{path}.areas"),
        &areas,
        &filter.areas,
        "technology area",
    )?;
    Ok(())
}

/// The checks that need the whole file: ids, and every reference between its parts.
pub(super) fn check(f: &Framework) -> Result<(), FrameworkError> {
    if f.format != FORMAT {
        return Err(fault(
            "format",
            format!("expected \"{FORMAT}\", got \"{}\"", f.format),
        ));
    }
    if f.version > VERSION {
        return Err(fault(
            "version",
            format!(
                "version {} is newer than this corepath understands ({VERSION})",
                f.version
            ),
        ));
    }
    unique(f.metrics.iter().map(|m| m.id.as_str()), |i| {
        format!("metrics[{i}].id")
    })?;
    unique(f.kinds.iter().map(|k| k.id.as_str()), |i| {
        format!("kinds[{i}].id")
    })?;
    unique(f.tiers.iter().map(|t| t.id.as_str()), |i| {
        format!("tiers[{i}].id")
    })?;
    unique(f.work_areas.iter().map(|a| a.id.as_str()), |i| {
        format!("work_areas[{i}].id")
    })?;
    unique(f.qualifications.iter().map(|q| q.id.as_str()), |i| {
        format!("qualifications[{i}].id")
    })?;
    unique(f.cpd.categories.iter().map(|c| c.id.as_str()), |i| {
        format!("cpd.categories[{i}].id")
    })?;
    if f.tiers.is_empty() {
        return Err(fault("tiers", "a framework needs at least one tier"));
    }
    if f.kinds.is_empty() {
        return Err(fault("kinds", "a framework needs at least one kind"));
    }
    if !(0.0..=1.0).contains(&f.cpd.reflection_share) {
        return Err(fault(
            "cpd.reflection_share",
            format!(
                "expected a share from 0 to 1, got {}",
                f.cpd.reflection_share
            ),
        ));
    }
    if f.cpd.min_categories == 0 || f.cpd.min_categories > f.cpd.categories.len() {
        return Err(fault(
            "cpd.min_categories",
            format!(
                "expected 1 to {} (the number of categories), got {}",
                f.cpd.categories.len(),
                f.cpd.min_categories
            ),
        ));
    }
    if !(0.0..=1.0).contains(&f.cpd.evidence_share) {
        return Err(fault(
            "cpd.evidence_share",
            format!("expected a share from 0 to 1, got {}", f.cpd.evidence_share),
        ));
    }
    if let Some(n) = f.cpd.exceptional_min_categories
        && (n == 0 || n >= f.cpd.min_categories)
    {
        return Err(fault(
            "cpd.exceptional_min_categories",
            format!(
                "expected 1 to {} (fewer than min_categories), got {n}",
                f.cpd.min_categories.saturating_sub(1)
            ),
        ));
    }
    if f.cpd.period_months == 0 {
        return Err(fault("cpd.period_months", "expected at least 1 month"));
    }
    for (i, kind) in f.kinds.iter().enumerate() {
        let path = format!("kinds[{i}]");
        if f.work_area(&kind.area).is_none() {
            return Err(fault(
                format!("{path}.area"),
                format!(
                    "unknown work area \"{}\" (expected one of: {})",
                    kind.area,
                    Framework::ids_of(&f.work_areas)
                ),
            ));
        }
        known(f, &path, &[], &kind.metrics)?;
        if let Some(c) = &kind.contribution
            && !CONTRIBUTIONS.contains(&c.as_str())
        {
            return Err(fault(
                format!("{path}.contribution"),
                format!(
                    "unknown contribution \"{c}\" (expected one of: {})",
                    CONTRIBUTIONS.join(", ")
                ),
            ));
        }
        for (scope, metrics) in &kind.scope_metrics {
            let path = format!("{path}.scope_metrics.{scope}");
            in_vocabulary(&path, &f.scopes, std::slice::from_ref(scope), "scope")?;
            known(f, &path, &[], metrics)?;
        }
        unique(kind.roles.terms().iter().map(|r| r.id.as_str()), |r| {
            format!("{path}.roles[{r}].id")
        })?;
        if let Some(c) = &kind.cpd_category
            && !f.is_cpd_category(c)
        {
            return Err(fault(
                format!("{path}.cpd_category"),
                format!(
                    "unknown CPD category \"{c}\" (expected one of: {})",
                    Framework::ids_of(&f.cpd.categories)
                ),
            ));
        }
    }
    let mut expectation_ids = HashSet::new();
    for (t, tier) in f.tiers.iter().enumerate() {
        let path = format!("tiers[{t}]");
        if f.qualification_rank(&tier.qualification).is_none() {
            return Err(fault(
                format!("{path}.qualification"),
                format!(
                    "unknown qualification \"{}\" (expected one of: {})",
                    tier.qualification,
                    Framework::ids_of(&f.qualifications)
                ),
            ));
        }
        if tier.expectations.is_empty() {
            return Err(fault(
                format!("{path}.expectations"),
                "a tier needs at least one expectation",
            ));
        }
        for (e, exp) in tier.expectations.iter().enumerate() {
            let path = format!("{path}.expectations[{e}]");
            let prefix = format!("{}/", tier.id);
            if !exp.id.starts_with(&prefix) || exp.id.len() == prefix.len() {
                return Err(fault(
                    format!("{path}.id"),
                    format!(
                        "expected an id of the form \"{prefix}…\", got \"{}\"",
                        exp.id
                    ),
                ));
            }
            if !expectation_ids.insert(exp.id.as_str()) {
                return Err(fault(
                    format!("{path}.id"),
                    format!("duplicate id \"{}\"", exp.id),
                ));
            }
            let parts = exp.rule.evidence_parts();
            for (p, rule) in parts.iter().enumerate() {
                let path = match &exp.rule {
                    super::Rule::Combined { join, .. } => format!(
                        "{path}.rule.{}[{p}]",
                        match join {
                            super::Join::AllOf => "all_of",
                            super::Join::AnyOf => "any_of",
                        }
                    ),
                    _ => format!("{path}.rule"),
                };
                known(f, &path, &rule.kinds, &rule.metrics)?;
                check_filter(f, &path, rule)?;
            }
        }
    }
    for (i, point) in f.talking_points.iter().enumerate() {
        known(f, &format!("talking_points[{i}]"), &[], &point.metrics)?;
    }
    Ok(())
}
