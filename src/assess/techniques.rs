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
    /// The person's own techniques, by folded spelling.
    own: HashMap<String, &'a str>,
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
        let own = profile
            .techniques
            .iter()
            .map(|t| (fold(t), t.as_str()))
            .filter(|(key, _)| !key.is_empty())
            .collect();
        Techniques {
            vocabulary,
            exact,
            own,
        }
    }

    /// The name a known technique is counted under (the framework's id, or the person's own
    /// spelling); `None` for a technique in neither vocabulary.
    pub fn known(&self, raw: &str) -> Option<&'a str> {
        let terms = self.vocabulary.terms();
        if let Some(i) = self.exact.get(raw) {
            return Some(terms[i].id.as_str());
        }
        if let Some(term) = self.vocabulary.resolve(raw) {
            return Some(term.id.as_str());
        }
        self.own.get(&fold(raw)).copied()
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
