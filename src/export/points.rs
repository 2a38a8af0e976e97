//! Talking points that are the person's own, and the thresholds the summary relies on.

use super::summary::{EntryRef, Headline, MetricLine, PointFigure, TalkingPointLine, Threshold};
use crate::assess;
use crate::framework::{DEFAULT_BASIS, Framework, ProfileCheck, Rule, Tier};
use crate::model::Entry;

/// How many entries a talking point cites.
const CITED: usize = 3;

/// The talking points this period supports. A point shows only when its main metric (the first
/// it names) has figures; each metric's figure backs one point only, the first that uses it; and
/// each point cites the newest entries behind it. `entries` are the period's, oldest first.
pub fn talking_points(
    framework: &Framework,
    metrics: &[MetricLine],
    headline: &Headline,
    entries: &[Entry],
) -> Vec<TalkingPointLine> {
    let mut used: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for tp in &framework.talking_points {
        let line = |id: &String| metrics.iter().find(|m| &m.id == id);
        let Some(main) = tp.metrics.first().and_then(line) else {
            continue;
        };
        if main.figure.is_zero() || used.contains(&main.id.as_str()) {
            continue;
        }
        let figures: Vec<PointFigure> = tp
            .metrics
            .iter()
            .filter_map(line)
            .filter(|m| !m.figure.is_zero() && !used.contains(&m.id.as_str()))
            .map(|m| PointFigure {
                metric: m.id.clone(),
                code: m.code.clone(),
                label: m.label.clone(),
                figure: m.figure,
            })
            .collect();
        used.extend(
            figures
                .iter()
                .filter_map(|f| line(&f.metric))
                .map(|m| m.id.as_str()),
        );
        let about_publications = figures.iter().any(|f| f.metric == "acad.publications");
        let recognition = (about_publications && headline.publications.total() > 0)
            .then_some(headline.publications);
        let cited = entries
            .iter()
            .rev()
            .filter(|e| figures.iter().any(|f| e.metrics.contains(&f.metric)))
            .take(CITED)
            .map(|e| EntryRef {
                id: e.id.clone(),
                date: e.date,
                title: e.title.clone(),
                outside_period: false,
            })
            .collect();
        out.push(TalkingPointLine {
            id: tp.id.clone(),
            title: tp.title.clone(),
            text: tp.text.clone(),
            figures,
            recognition,
            entries: cited,
        });
    }
    out
}

fn threshold(applies_to: &str, label: &str, threshold: String, basis: &str) -> Threshold {
    Threshold {
        applies_to: applies_to.to_string(),
        label: label.to_string(),
        threshold,
        basis: basis.to_string(),
    }
}

/// Every threshold the tier's expectations and the CPD check rely on, with its basis.
pub fn thresholds(framework: &Framework, tier: &Tier) -> Vec<Threshold> {
    let mut out = Vec::new();
    for e in &tier.expectations {
        for rule in e.rule.evidence_parts() {
            let words = assess::describe_threshold(framework, rule);
            out.push(threshold(&e.id, &e.text, words, &rule.basis));
        }
        match &e.rule {
            Rule::Profile {
                check: ProfileCheck::Qualification,
                ..
            } => out.push(threshold(
                &e.id,
                &e.text,
                format!(
                    "{} years of relevant experience stand in for the qualification",
                    tier.experience_in_lieu_years
                ),
                DEFAULT_BASIS,
            )),
            Rule::Profile {
                check: ProfileCheck::Experience,
                min_years: Some(y),
            } => out.push(threshold(
                &e.id,
                &e.text,
                format!("{y} years of relevant experience"),
                DEFAULT_BASIS,
            )),
            _ => {}
        }
    }
    let cpd = &framework.cpd;
    let standard = |i: usize| cpd.standards.get(i).map_or("", |s| s.title.as_str());
    out.push(threshold(
        "cpd/continuous",
        standard(0),
        format!(
            "no gap longer than {} days between CPD entries, and evidence on {:.0}% of them",
            cpd.max_gap_days,
            cpd.evidence_share * 100.0
        ),
        DEFAULT_BASIS,
    ));
    out.push(threshold(
        "cpd/mix",
        standard(1),
        match cpd.exceptional_min_categories {
            Some(n) => format!(
                "activities in at least {} categories ({n} accepted exceptionally)",
                cpd.min_categories
            ),
            None => format!("activities in at least {} categories", cpd.min_categories),
        },
        DEFAULT_BASIS,
    ));
    out.push(threshold(
        "cpd/reflection",
        &format!("{}; {}", standard(2), standard(3)),
        format!(
            "{:.0}% of CPD entries reflect on practice and on users",
            cpd.reflection_share * 100.0
        ),
        DEFAULT_BASIS,
    ));
    out
}
