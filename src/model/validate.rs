//! Checks that need the framework: kinds, metrics, areas, roles and tiers exist; numbers and
//! identifiers are well formed.

use std::collections::HashSet;

use crate::framework::Framework;

use super::{Entry, Goal, InputError, Journal, Profile, check_line, check_text};

/// The 14 roles of the CRediT contributor taxonomy.
pub const CREDIT_ROLES: [&str; 14] = [
    "conceptualization",
    "data-curation",
    "formal-analysis",
    "funding-acquisition",
    "investigation",
    "methodology",
    "project-administration",
    "resources",
    "software",
    "supervision",
    "validation",
    "visualization",
    "writing-original-draft",
    "writing-review-editing",
];

/// The label the CRediT taxonomy gives a role id: `writing-original-draft` → `Writing – original
/// draft`; an id it does not know is shown as it is.
pub fn credit_label(id: &str) -> &str {
    match id {
        "conceptualization" => "Conceptualization",
        "data-curation" => "Data curation",
        "formal-analysis" => "Formal analysis",
        "funding-acquisition" => "Funding acquisition",
        "investigation" => "Investigation",
        "methodology" => "Methodology",
        "project-administration" => "Project administration",
        "resources" => "Resources",
        "software" => "Software",
        "supervision" => "Supervision",
        "validation" => "Validation",
        "visualization" => "Visualization",
        "writing-original-draft" => "Writing – original draft",
        "writing-review-editing" => "Writing – review & editing",
        other => other,
    }
}

/// How a contribution to a publication was recognised.
pub const RECOGNITION_ROLES: [&str; 4] = [
    "co-author",
    "acknowledged",
    "data-contributor",
    "not-recognised",
];

fn one_of<'a>(
    field: &str,
    value: &str,
    mut ids: impl Iterator<Item = &'a str>,
    what: &str,
) -> Result<(), InputError> {
    let all: Vec<&str> = ids.by_ref().collect();
    if all.contains(&value) {
        Ok(())
    } else {
        Err(InputError::new(
            field,
            value,
            &format!("{what}: {}", all.join(", ")),
        ))
    }
}

/// Check a kind id.
pub fn check_kind(framework: &Framework, kind: &str) -> Result<(), InputError> {
    one_of(
        "kind",
        kind,
        framework.kinds.iter().map(|k| k.id.as_str()),
        "one of the entry kinds",
    )
}

/// The role id a spelling means for a kind: `Lead applicant` → `lead` for a grant application.
/// A kind without a role vocabulary takes the text as it is.
pub fn check_role(framework: &Framework, kind: &str, role: &str) -> Result<String, InputError> {
    let Some(kind) = framework.kind(kind) else {
        return Ok(role.trim().to_string());
    };
    if kind.roles.is_empty() {
        return Ok(role.trim().to_string());
    }
    kind.roles
        .resolve(role)
        .map(|t| t.id.clone())
        .ok_or_else(|| {
            InputError::new(
                "role",
                role,
                &format!(
                    "for a {}, one of: {}",
                    kind.label.to_lowercase(),
                    kind.roles.ids()
                ),
            )
        })
}

/// The scope id a spelling means: `International` → `international`.
pub fn check_scope(framework: &Framework, scope: &str) -> Result<String, InputError> {
    framework
        .scopes
        .resolve(scope)
        .map(|t| t.id.clone())
        .ok_or_else(|| {
            InputError::new(
                "scope",
                scope,
                &format!("one of: {}", framework.scopes.ids()),
            )
        })
}

/// The name a technique is counted under: the framework's id for any spelling of one of its
/// techniques ("LSFM" → `light-sheet`), else the person's own spelling of one they added;
/// `None` for a technique in neither vocabulary (kept on the entry, not counted).
pub fn known_technique(framework: &Framework, own: &[String], raw: &str) -> Option<String> {
    framework
        .techniques
        .resolve(raw)
        .map(|t| t.id.clone())
        .or_else(|| {
            let key = crate::framework::fold(raw);
            own.iter()
                .find(|t| !key.is_empty() && crate::framework::fold(t) == key)
                .cloned()
        })
}

/// Check a metric id.
pub fn check_metric(framework: &Framework, metric: &str) -> Result<(), InputError> {
    one_of(
        "metric",
        metric,
        framework.metrics.iter().map(|m| m.id.as_str()),
        "one of the metrics",
    )
}

/// Check a tier id.
pub fn check_tier(framework: &Framework, field: &str, tier: &str) -> Result<(), InputError> {
    one_of(
        field,
        tier,
        framework.tiers.iter().map(|t| t.id.as_str()),
        "one of the tiers",
    )
}

/// Check an expectation id.
pub fn check_expectation(framework: &Framework, field: &str, id: &str) -> Result<(), InputError> {
    if framework.expectation(id).is_some() {
        Ok(())
    } else {
        Err(InputError::new(
            field,
            id,
            "an expectation id such as scientist/courses (see `corepath progress --tier T`)",
        ))
    }
}

/// Everything an entry must satisfy before it is saved.
pub fn validate_entry(framework: &Framework, entry: &Entry) -> Result<(), InputError> {
    if entry.id.trim().is_empty() {
        return Err(InputError::new("id", &entry.id, "a non-empty id"));
    }
    if entry.title.trim().is_empty() {
        return Err(InputError::new(
            "title",
            &entry.title,
            "a short title saying what was done",
        ));
    }
    check_entry_text(entry)?;
    check_kind(framework, &entry.kind)?;
    let kind = framework
        .kind(&entry.kind)
        .ok_or_else(|| InputError::new("kind", &entry.kind, "a known kind"))?;
    for m in &entry.metrics {
        check_metric(framework, m)?;
    }
    if let Some(h) = entry.hours
        && !(h.is_finite() && (0.0..=10_000.0).contains(&h))
    {
        return Err(InputError::new(
            "hours",
            &h.to_string(),
            "a number of hours from 0 to 10000",
        ));
    }
    if let Some(h) = entry.usage_hours
        && !(h.is_finite() && (0.0..=1_000_000.0).contains(&h))
    {
        return Err(InputError::new(
            "usage-hours",
            &h.to_string(),
            "a number of instrument usage hours from 0 to 1000000",
        ));
    }
    if let Some(scope) = &entry.scope {
        check_scope(framework, scope)?;
    }
    if let Some(role) = &entry.role {
        if !kind.roles.is_empty() {
            check_role(framework, &entry.kind, role)?;
        } else if role.trim().is_empty() {
            return Err(InputError::new(
                "role",
                role,
                "a short description of your role",
            ));
        }
    }
    for c in &entry.credit {
        one_of(
            "credit",
            c,
            CREDIT_ROLES.iter().copied(),
            "a CRediT role, one of",
        )?;
    }
    for a in &entry.areas {
        one_of(
            "area",
            a,
            framework.technology_areas.iter().map(|t| t.id.as_str()),
            "a technology area, one of",
        )?;
    }
    if let Some(c) = &entry.cpd_category {
        one_of(
            "cpd-category",
            c,
            framework.cpd.categories.iter().map(|c| c.id.as_str()),
            "one of the CPD categories",
        )?;
    }
    for t in entry.techniques.iter().chain(&entry.tags) {
        if t.trim().is_empty() {
            return Err(InputError::new("technique", t, "a non-empty word"));
        }
    }
    for ev in &entry.evidence {
        let normal = ev.kind.parse(ev.kind.id(), &ev.value)?;
        if normal != ev.value {
            return Err(InputError::new(
                ev.kind.id(),
                &ev.value,
                &format!("the normal form {normal}"),
            ));
        }
    }
    Ok(())
}

/// No control characters in an entry's one-line fields; only newlines and tabs in its notes and
/// reflections.
fn check_entry_text(entry: &Entry) -> Result<(), InputError> {
    check_line("title", &entry.title)?;
    if let Some(role) = &entry.role {
        check_line("role", role)?;
    }
    for t in &entry.techniques {
        check_line("technique", t)?;
    }
    for t in &entry.tags {
        check_line("tag", t)?;
    }
    for ev in &entry.evidence {
        check_line(ev.kind.id(), &ev.value)?;
    }
    check_text("notes", &entry.notes)?;
    let r = &entry.reflection;
    check_text("practice", &r.practice)?;
    check_text("users", &r.users)?;
    check_text("next", &r.next)
}

/// Everything a profile must satisfy.
pub fn validate_profile(framework: &Framework, profile: &Profile) -> Result<(), InputError> {
    if profile.name.trim().is_empty() {
        return Err(InputError::new("name", &profile.name, "your name"));
    }
    check_line("name", &profile.name)?;
    check_line("facility", &profile.facility)?;
    check_line("institution", &profile.institution)?;
    check_text("statement", &profile.statement)?;
    let chars = profile.statement.chars().count();
    if chars > super::STATEMENT_LIMIT {
        return Err(InputError::new(
            "statement",
            &format!("{chars} characters"),
            &format!("at most {} characters", super::STATEMENT_LIMIT),
        ));
    }
    check_tier(framework, "tier", &profile.tier)?;
    if let Some(q) = &profile.qualification {
        one_of(
            "qualification",
            q,
            framework.qualifications.iter().map(|q| q.id.as_str()),
            "one of",
        )?;
    }
    if let Some(o) = &profile.orcid {
        super::parse_orcid("orcid", o)?;
    }
    for alias in &profile.aliases {
        check_line("alias", alias)?;
    }
    if let Some(r) = &profile.rrid {
        super::parse_rrid("rrid", r)?;
    }
    if let Some(y) = profile.experience_years
        && !(y.is_finite() && (0.0..=70.0).contains(&y))
    {
        return Err(InputError::new(
            "experience",
            &y.to_string(),
            "a number of years from 0 to 70",
        ));
    }
    let mut total = 0.0;
    for (area, share) in &profile.allocation {
        one_of(
            "allocation",
            area,
            framework.work_areas.iter().map(|a| a.id.as_str()),
            "an area of work, one of",
        )?;
        if !(share.is_finite() && (0.0..=100.0).contains(share)) {
            return Err(InputError::new(
                &format!("allocation.{area}"),
                &share.to_string(),
                "a percentage from 0 to 100",
            ));
        }
        total += share;
    }
    if !profile.allocation.is_empty() && (total - 100.0).abs() > 0.5 {
        return Err(InputError::new(
            "allocation",
            &format!("{total}%"),
            "shares that add up to 100%",
        ));
    }
    Ok(())
}

/// Everything a goal must satisfy.
pub fn validate_goal(framework: &Framework, goal: &Goal) -> Result<(), InputError> {
    if goal.title.trim().is_empty() {
        return Err(InputError::new(
            "title",
            &goal.title,
            "a short title for the goal",
        ));
    }
    check_line("title", &goal.title)?;
    if let Some(e) = &goal.expectation {
        check_expectation(framework, "expectation", e)?;
    }
    Ok(())
}

/// Every problem in a journal, one readable line each (empty when it is sound).
pub fn check_journal(framework: &Framework, journal: &Journal) -> Vec<String> {
    let mut problems = Vec::new();
    if let Err(e) = validate_profile(framework, &journal.profile) {
        problems.push(format!("profile: {e}"));
    }
    let mut ids = HashSet::new();
    for (i, entry) in journal.entries.iter().enumerate() {
        if !ids.insert(entry.id.as_str()) {
            problems.push(format!("entries[{i}] ({}): the id is used twice", entry.id));
        }
        if let Err(e) = validate_entry(framework, entry) {
            problems.push(format!("entries[{i}] ({}): {e}", entry.id));
        }
    }
    for (i, goal) in journal.goals.iter().enumerate() {
        if !ids.insert(goal.id.as_str()) {
            problems.push(format!("goals[{i}] ({}): the id is used twice", goal.id));
        }
        if let Err(e) = validate_goal(framework, goal) {
            problems.push(format!("goals[{i}] ({}): {e}", goal.id));
        }
    }
    for (i, s) in journal.self_assessments.iter().enumerate() {
        let checked = check_expectation(framework, "expectation", &s.expectation)
            .and_then(|()| check_line("justification", &s.justification));
        if let Err(e) = checked {
            problems.push(format!("self_assessments[{i}]: {e}"));
        }
    }
    problems
}
