//! Every entry of the period, itemised and grouped the way narrative CVs group contributions
//! (UKRI's Résumé for Research and Innovation modules), with the facility's own running and the
//! person's own development beside them: a panel reads the outputs the figures count.

use serde::{Deserialize, Serialize};

use super::summary::EvidenceLine;
use crate::framework::{EntryKind, Framework};
use crate::model::{Entry, credit_label};
use crate::text::number;

/// The groups, in the order a reader meets them: (id, title, what belongs in it).
pub const GROUPS: [(&str, &str, &str); 6] = [
    (
        "knowledge",
        "Contributions to the generation of knowledge",
        "Publications and theses, talks, grant applications, technology development, and the research projects supported.",
    ),
    (
        "others",
        "Contributions to the development of others",
        "Training given to users and students, teaching, supervision, mentoring and staff development.",
    ),
    (
        "community",
        "Contributions to the research community",
        "Reviewing, committees, events organised, networks and learned societies.",
    ),
    (
        "society",
        "Contributions to broader society",
        "Outreach and public engagement, and partnerships with industry.",
    ),
    (
        "facility",
        "Running the facility",
        "Quality control, procedures, maintenance, finance, reporting and the facility's leadership.",
    ),
    (
        "development",
        "Own professional development",
        "Courses, conferences, reading, visits and mentoring received.",
    ),
];

/// One entry of the period, as a reader reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContributionItem {
    /// Entry id.
    pub id: String,
    /// Its date.
    pub date: chrono::NaiveDate,
    /// The kind, as a label.
    pub kind_label: String,
    /// Its title.
    pub title: String,
    /// What it says in a few words: the role, reach, CRediT roles, hours, people…
    pub details: Vec<String>,
    /// Its evidence, with links where it has them.
    pub evidence: Vec<EvidenceLine>,
    /// Whether it is a highlight.
    pub highlight: bool,
}

/// One group and its entries, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContributionGroup {
    /// Group id (`knowledge`, `others`, `community`, `society`, `facility`, `development`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// What belongs in it.
    pub about: String,
    /// The entries, newest first.
    pub items: Vec<ContributionItem>,
}

/// The group an entry belongs to: its kind's `contribution`, else one by the kind's area of
/// work; mentoring received is own development, mentoring given develops others.
fn group_of(kind: Option<&EntryKind>, entry: &Entry) -> &'static str {
    let Some(kind) = kind else {
        return "facility";
    };
    if kind.id == "mentoring" && entry.role.as_deref().is_some_and(|r| r == "mentee") {
        return "development";
    }
    let by_area = match kind.area.as_str() {
        "service" => "others",
        "development" => "knowledge",
        "community" => "community",
        "own-development" => "development",
        _ => "facility",
    };
    kind.contribution
        .as_deref()
        .and_then(|c| GROUPS.iter().find(|g| g.0 == c).map(|g| g.0))
        .unwrap_or(by_area)
}

/// The few words that say what an entry was: "Co-author · CRediT: methodology · 3 hours".
fn details(framework: &Framework, e: &Entry) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(role) = &e.role {
        out.push(framework.role_label(&e.kind, role));
    }
    if let Some(scope) = &e.scope {
        out.push(framework.scope_label(scope).to_string());
    }
    if !e.credit.is_empty() {
        let labels: Vec<&str> = e.credit.iter().map(|c| credit_label(c)).collect();
        out.push(format!("CRediT: {}", labels.join(", ")));
    }
    if let Some(h) = e.hours.filter(|h| *h > 0.0) {
        out.push(format!(
            "{} {}",
            number(h),
            if h == 1.0 { "hour" } else { "hours" }
        ));
    }
    if let Some(p) = e.people.filter(|p| *p > 0) {
        out.push(format!("{p} {}", if p == 1 { "person" } else { "people" }));
    }
    if let Some(u) = e.usage_hours.filter(|u| *u > 0.0) {
        out.push(format!("{} hours of instrument use", number(u)));
    }
    if !e.techniques.is_empty() {
        let labels: Vec<&str> = e
            .techniques
            .iter()
            .map(|t| framework.techniques.label(t))
            .collect();
        out.push(labels.join(", "));
    }
    out
}

/// The period's entries (oldest first, as the summary holds them), grouped; empty groups are
/// left out.
pub fn contributions(framework: &Framework, entries: &[Entry]) -> Vec<ContributionGroup> {
    let mut groups: Vec<ContributionGroup> = GROUPS
        .iter()
        .map(|(id, title, about)| ContributionGroup {
            id: (*id).to_string(),
            title: (*title).to_string(),
            about: (*about).to_string(),
            items: Vec::new(),
        })
        .collect();
    for e in entries.iter().rev() {
        let kind = framework.kind(&e.kind);
        let group = group_of(kind, e);
        let item = ContributionItem {
            id: e.id.clone(),
            date: e.date,
            kind_label: kind.map_or_else(|| e.kind.clone(), |k| k.label.clone()),
            title: e.title.clone(),
            details: details(framework, e),
            evidence: e.evidence.iter().map(EvidenceLine::from).collect(),
            highlight: e.highlight,
        };
        if let Some(g) = groups.iter_mut().find(|g| g.id == group) {
            g.items.push(item);
        }
    }
    groups.retain(|g| !g.items.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_groups_are_the_frameworks_contributions() {
        let ids: Vec<&str> = GROUPS.iter().map(|g| g.0).collect();
        assert_eq!(ids, crate::framework::CONTRIBUTIONS);
    }
}
