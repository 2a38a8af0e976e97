//! Evidence rules in words a person reads: "≥ 2 publications as co-author in 3 years".

use crate::framework::{EvidenceRule, Framework, Join, Rule};
use crate::text::number;

/// "a or b" / "a, b or c".
fn alternatives(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn years(n: u32) -> String {
    if n == 1 {
        "the last year".to_string()
    } else {
        format!("{n} years")
    }
}

/// One evidence rule without its window: "≥ 2 entries of organised event as lead organiser,
/// international".
pub(super) fn what(framework: &Framework, rule: &EvidenceRule) -> String {
    let unit = if rule.min == 1.0 {
        rule.measure.unit_one()
    } else {
        rule.measure.unit()
    };
    let mut out = format!("≥ {} {unit}", number(rule.min));
    let kinds: Vec<String> = rule
        .kinds
        .iter()
        .map(|k| framework.kind(k).map_or(k.clone(), |k| k.label.clone()))
        .collect();
    let metrics: Vec<String> = rule
        .metrics
        .iter()
        .map(|m| {
            framework
                .metric(m)
                .map_or(m.clone(), |m| format!("{} {}", m.code, m.label))
        })
        .collect();
    let sources: Vec<String> = kinds.into_iter().chain(metrics).collect();
    if !sources.is_empty() {
        out.push_str(&format!(" from {}", alternatives(&sources)));
    }
    let f = &rule.filter;
    if !f.role.is_empty() {
        let labels: Vec<String> = f
            .role
            .iter()
            .map(|r| {
                rule.kinds
                    .iter()
                    .filter_map(|k| framework.kind(k))
                    .find_map(|k| k.roles.get(r))
                    .map_or(r.clone(), |t| t.label.to_lowercase())
            })
            .collect();
        out.push_str(&format!(" as {}", alternatives(&labels)));
    }
    if !f.scope.is_empty() {
        let labels: Vec<String> = f
            .scope
            .iter()
            .map(|s| framework.scopes.label(s).to_lowercase())
            .collect();
        out.push_str(&format!(", {} in reach", alternatives(&labels)));
    }
    if !f.credit.is_empty() {
        out.push_str(&format!(
            ", with the CRediT role {}",
            alternatives(&f.credit)
        ));
    }
    if !f.tags.is_empty() {
        out.push_str(&format!(", tagged {}", alternatives(&f.tags)));
    }
    if !f.areas.is_empty() {
        let labels: Vec<String> = f
            .areas
            .iter()
            .map(|a| {
                framework
                    .technology_areas
                    .iter()
                    .find(|t| &t.id == a)
                    .map_or(a.clone(), |t| t.label.to_lowercase())
            })
            .collect();
        out.push_str(&format!(", in {}", alternatives(&labels)));
    }
    if !f.techniques.is_empty() {
        let labels: Vec<String> = f
            .techniques
            .iter()
            .map(|t| framework.techniques.label(t).to_string())
            .collect();
        out.push_str(&format!(", using {}", alternatives(&labels)));
    }
    if let Some(n) = f.min_people {
        out.push_str(&format!(", each reaching ≥ {n} people"));
    }
    if let Some(h) = f.min_hours {
        out.push_str(&format!(", each of ≥ {} hours", number(h)));
    }
    out
}

/// One evidence rule's threshold and window in words, without its basis.
pub fn describe_threshold(framework: &Framework, rule: &EvidenceRule) -> String {
    format!("{} in {}", what(framework, rule), years(rule.within_years))
}

/// One evidence rule in words, with its window and the basis of its threshold.
pub fn describe_part(framework: &Framework, rule: &EvidenceRule) -> String {
    format!("{} ({})", describe_threshold(framework, rule), rule.basis)
}

/// An evidence rule, or a combined one, in words; `None` for profile and self-assessed rules.
pub fn describe_rule(framework: &Framework, rule: &Rule) -> Option<String> {
    match rule {
        Rule::Evidence(e) => Some(describe_part(framework, e)),
        Rule::Combined { join, parts } => {
            let word = match join {
                Join::AllOf => "and",
                Join::AnyOf => "or",
            };
            let same_window = parts
                .windows(2)
                .all(|w| w[0].within_years == w[1].within_years && w[0].basis == w[1].basis);
            let text = if let (true, Some(first)) = (same_window, parts.first()) {
                let whats: Vec<String> = parts.iter().map(|p| what(framework, p)).collect();
                format!(
                    "{} in {} ({})",
                    whats.join(&format!("; {word} ")),
                    years(first.within_years),
                    first.basis
                )
            } else {
                let each: Vec<String> = parts.iter().map(|p| describe_part(framework, p)).collect();
                each.join(&format!("; {word} "))
            };
            Some(text)
        }
        Rule::Profile { .. } | Rule::SelfAssessed => None,
    }
}
