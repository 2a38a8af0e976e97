//! The technique vocabulary an assessment counts with: the framework's techniques, under any of
//! their spellings, and the ones the person added to their own vocabulary. A technique outside
//! both is kept on its entry but not counted toward distinct techniques.

use std::collections::HashMap;

use super::Ids;
use crate::framework::{Framework, Vocabulary, fold};
use crate::model::Profile;

/// Known techniques, looked up by any spelling.
#[derive(Debug)]
pub struct Techniques<'a> {
    vocabulary: &'a Vocabulary,
    /// The framework's ids, as most entries spell them: found without folding.
    exact: Ids<'a>,
    /// The person's own techniques, by folded spelling, with their position after the
    /// framework's.
    own: HashMap<String, usize>,
    /// The person's own techniques as they spell them.
    own_names: Vec<&'a str>,
}

impl<'a> Techniques<'a> {
    /// The framework's vocabulary and the profile's own techniques.
    pub fn new(framework: &'a Framework, profile: &'a Profile) -> Techniques<'a> {
        let vocabulary = &framework.techniques;
        let exact = Ids::new(
            vocabulary
                .terms()
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.as_str(), i)),
        );
        let base = vocabulary.terms().len();
        let own_names: Vec<&str> = profile.techniques.iter().map(String::as_str).collect();
        let own = own_names
            .iter()
            .enumerate()
            .map(|(i, t)| (fold(t), base + i))
            .filter(|(key, _)| !key.is_empty())
            .collect();
        Techniques {
            vocabulary,
            exact,
            own,
            own_names,
        }
    }

    /// How many techniques are known: the framework's and the person's own.
    pub fn len(&self) -> usize {
        self.vocabulary.terms().len() + self.own_names.len()
    }

    /// Whether no technique is known at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The position of a known technique: the framework's first, then the person's own.
    pub fn position(&self, raw: &str) -> Option<usize> {
        self.exact
            .get(raw)
            .or_else(|| self.vocabulary.position(raw))
            .or_else(|| self.own.get(&fold(raw)).copied())
    }

    /// The name of the technique at a position (the framework's id, or the person's spelling).
    pub fn name(&self, position: usize) -> Option<&'a str> {
        let terms = self.vocabulary.terms();
        terms.get(position).map(|t| t.id.as_str()).or_else(|| {
            self.own_names
                .get(position - terms.len().min(position))
                .copied()
        })
    }

    /// The name a known technique is counted under (the framework's id, or the person's own
    /// spelling); `None` for a technique in neither vocabulary.
    pub fn known(&self, raw: &str) -> Option<&'a str> {
        self.position(raw).and_then(|p| self.name(p))
    }

    /// A label for reading: `Light-sheet` for `light-sheet`; the name itself otherwise.
    pub fn label<'s>(&'s self, name: &'s str) -> &'s str {
        self.vocabulary.label(name)
    }

    /// The closest framework technique to an unknown one, for "did you mean".
    pub fn suggest(&self, raw: &str) -> Option<&'a str> {
        self.vocabulary.suggest(raw).map(|t| t.id.as_str())
    }
}
