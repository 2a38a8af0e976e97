//! Closed vocabularies: roles of a kind, scopes, techniques. Each term has an id, a label for
//! reading and other spellings that mean it ("light sheet", "lightsheet", "LSFM" → `light-sheet`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// One value of a vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawTerm", into = "RawTerm")]
pub struct Term {
    /// The stable id written in journals.
    pub id: String,
    /// A label for reading ("Lead applicant").
    pub label: String,
    /// Other spellings that mean the same.
    pub aliases: Vec<String>,
}

/// A term as written in a framework file: a bare id, or an object.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
enum RawTerm {
    Id(String),
    Full {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        aliases: Vec<String>,
    },
}

impl From<RawTerm> for Term {
    fn from(raw: RawTerm) -> Term {
        match raw {
            RawTerm::Id(id) => Term {
                label: id.clone(),
                id,
                aliases: Vec::new(),
            },
            RawTerm::Full { id, label, aliases } => Term {
                label: label.unwrap_or_else(|| id.clone()),
                id,
                aliases,
            },
        }
    }
}

impl From<Term> for RawTerm {
    fn from(term: Term) -> RawTerm {
        RawTerm::Full {
            label: (term.label != term.id).then_some(term.label),
            id: term.id,
            aliases: term.aliases,
        }
    }
}

/// A list of terms, looked up by any spelling of them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Vec<Term>", into = "Vec<Term>")]
pub struct Vocabulary {
    terms: Vec<Term>,
    index: HashMap<String, usize>,
}

/// A spelling reduced to what identifies it: lowercase letters and digits only, so that case,
/// spaces, hyphens and underscores do not matter.
pub fn fold(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl From<Vec<Term>> for Vocabulary {
    fn from(terms: Vec<Term>) -> Vocabulary {
        let mut index = HashMap::new();
        for (i, term) in terms.iter().enumerate() {
            index.entry(fold(&term.id)).or_insert(i);
        }
        for (i, term) in terms.iter().enumerate() {
            for alias in std::iter::once(&term.label).chain(&term.aliases) {
                index.entry(fold(alias)).or_insert(i);
            }
        }
        Vocabulary { terms, index }
    }
}

impl From<Vocabulary> for Vec<Term> {
    fn from(v: Vocabulary) -> Vec<Term> {
        v.terms
    }
}

impl Vocabulary {
    /// A vocabulary of these ids, each its own label.
    pub fn of_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        ids.into_iter()
            .map(|id| Term::from(RawTerm::Id(id.to_string())))
            .collect::<Vec<_>>()
            .into()
    }

    /// Every term, in order.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Whether the vocabulary has no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The position of the term this spelling means, if any.
    pub fn position(&self, raw: &str) -> Option<usize> {
        if self.terms.is_empty() {
            return None;
        }
        self.terms
            .iter()
            .position(|t| t.id == raw)
            .or_else(|| self.index.get(&fold(raw)).copied())
    }

    /// The term this spelling means, if any.
    pub fn resolve(&self, raw: &str) -> Option<&Term> {
        self.position(raw).map(|i| &self.terms[i])
    }

    /// The term with exactly this id.
    pub fn get(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.id == id)
    }

    /// The label of an id, or the id itself when it is not a term.
    pub fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.get(id).map_or(id, |t| t.label.as_str())
    }

    /// The ids, joined for messages: `lead, co-applicant, contributor`.
    pub fn ids(&self) -> String {
        self.terms
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// ` (did you mean light-sheet?)` for a spelling close to a term, else nothing.
    pub fn did_you_mean(&self, raw: &str) -> String {
        self.suggest(raw)
            .map(|t| format!(" (did you mean {}?)", t.id))
            .unwrap_or_default()
    }

    /// The closest term to a spelling that is not one, for "did you mean".
    pub fn suggest(&self, raw: &str) -> Option<&Term> {
        let wanted = fold(raw);
        if wanted.is_empty() {
            return None;
        }
        let limit = (wanted.chars().count() / 3).clamp(1, 3);
        self.index
            .iter()
            .map(|(key, &i)| (distance(&wanted, key), i, key))
            .filter(|(d, _, key)| *d <= limit || (wanted.len() >= 4 && key.starts_with(&wanted)))
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.2.cmp(b.2)))
            .map(|(_, i, _)| &self.terms[i])
    }
}

/// Edit distance between two short strings (Levenshtein, over characters).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(here + 1);
            previous = here;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn techniques() -> Vocabulary {
        serde_json::from_str(
            r#"["confocal", {"id": "light-sheet", "label": "Light-sheet", "aliases": ["LSFM", "SPIM"]}]"#,
        )
        .expect("a vocabulary")
    }

    #[test]
    fn spellings_resolve_to_one_term() {
        let v = techniques();
        for raw in [
            "light-sheet",
            "Light Sheet",
            "lightsheet",
            "LSFM",
            "light_sheet",
        ] {
            assert_eq!(
                v.resolve(raw).map(|t| t.id.as_str()),
                Some("light-sheet"),
                "{raw}"
            );
        }
        assert_eq!(
            v.resolve("Confocal").map(|t| t.id.as_str()),
            Some("confocal")
        );
        assert!(v.resolve("sted").is_none());
    }

    #[test]
    fn near_misses_get_a_suggestion() {
        let v = techniques();
        assert_eq!(
            v.suggest("confocl").map(|t| t.id.as_str()),
            Some("confocal")
        );
        assert_eq!(
            v.suggest("lightshet").map(|t| t.id.as_str()),
            Some("light-sheet")
        );
        assert!(v.suggest("cryo-em").is_none());
    }

    #[test]
    fn terms_round_trip_as_written() {
        let v = techniques();
        let text = serde_json::to_string(&v).expect("serialises");
        assert_eq!(
            text,
            r#"[{"id":"confocal"},{"id":"light-sheet","label":"Light-sheet","aliases":["LSFM","SPIM"]}]"#
        );
    }
}
