//! Evidence as a reader opens it, and the starred entries of a period in full.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::framework::Framework;
use crate::model::{Entry, Evidence, Reflection, credit_label};

/// A persistent identifier or link with the address a reader can open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceLine {
    /// `doi`, `rrid`, `orcid`, `ror`, `url` or `file`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The identifier.
    pub value: String,
    /// A resolvable link, where the identifier has one (not for files).
    pub link: Option<String>,
}

impl EvidenceLine {
    /// The identifier as a reader reads it: `doi:10.1000/xyz`, `ORCID 0000-…`, a web address.
    pub fn text(&self) -> String {
        match self.kind.as_str() {
            "doi" => format!("doi:{}", self.value),
            "orcid" => format!("ORCID {}", self.value),
            "ror" => format!("ROR {}", self.value),
            "file" => format!("file {}", self.value),
            _ => self.value.clone(),
        }
    }
}

impl From<&Evidence> for EvidenceLine {
    fn from(e: &Evidence) -> EvidenceLine {
        EvidenceLine {
            kind: e.kind.id().to_string(),
            value: e.value.clone(),
            link: e.link(),
        }
    }
}

/// A starred entry, in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Highlight {
    /// Entry id.
    pub id: String,
    /// When it happened.
    pub date: NaiveDate,
    /// Kind id.
    pub kind: String,
    /// Kind label.
    pub kind_label: String,
    /// Title.
    pub title: String,
    /// Notes.
    pub notes: String,
    /// Reflections.
    pub reflection: Reflection,
    /// Hours.
    pub hours: Option<f64>,
    /// People.
    pub people: Option<u32>,
    /// Role or recognition.
    pub role: Option<String>,
    /// CRediT roles, as the taxonomy labels them.
    pub credit: Vec<String>,
    /// Techniques, by their labels.
    pub techniques: Vec<String>,
    /// The metrics, as `code label`.
    pub metrics: Vec<String>,
    /// Evidence with links.
    pub evidence: Vec<EvidenceLine>,
}

/// A starred entry in full, as the summary shows it.
pub fn highlight(framework: &Framework, e: &Entry) -> Highlight {
    Highlight {
        id: e.id.clone(),
        date: e.date,
        kind: e.kind.clone(),
        kind_label: framework
            .kind(&e.kind)
            .map_or_else(|| e.kind.clone(), |k| k.label.clone()),
        title: e.title.clone(),
        notes: e.notes.clone(),
        reflection: e.reflection.clone(),
        hours: e.hours,
        people: e.people,
        role: e.role.as_deref().map(|r| framework.role_label(&e.kind, r)),
        credit: e
            .credit
            .iter()
            .map(|c| credit_label(c).to_string())
            .collect(),
        techniques: e
            .techniques
            .iter()
            .map(|t| framework.techniques.label(t).to_string())
            .collect(),
        metrics: e
            .metrics
            .iter()
            .map(|m| {
                framework
                    .metric(m)
                    .map_or_else(|| m.clone(), |x| format!("{} {}", x.code, x.label))
            })
            .collect(),
        evidence: e.evidence.iter().map(EvidenceLine::from).collect(),
    }
}
