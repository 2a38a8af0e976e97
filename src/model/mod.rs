//! The journal's data: profile, entries, goals and self-assessments, with their validation.
//!
//! Pure: nothing here touches the file system or reads the clock.

mod entry;
mod ids;
mod input;
mod unique;
mod validate;

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use entry::{Entry, Evidence, EvidenceType, Reflection};
pub use ids::{parse_doi, parse_file, parse_orcid, parse_pmid, parse_ror, parse_rrid, parse_url};
pub use input::{
    InputError, check_line, check_text, parse_date, parse_hours, parse_people, parse_percent,
    parse_years, unsigned_zero,
};
pub use validate::{
    CREDIT_ROLES, RECOGNITION_ROLES, check_expectation, check_journal, check_kind, check_metric,
    check_role, check_scope, check_tier, credit_label, known_technique, validate_entry,
    validate_goal, validate_profile,
};

/// The value of the `format` field of a journal file.
pub const FORMAT: &str = "corepath-journal";

/// The longest statement a profile holds, in characters.
pub const STATEMENT_LIMIT: usize = 4_000;

/// The newest journal `version` this build reads and writes.
pub const VERSION: u32 = 1;

/// A whole journal: one person's profile, entries, goals and self-assessments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    /// Always [`FORMAT`].
    pub format: String,
    /// The file format version.
    pub version: u32,
    /// Who keeps the journal.
    pub profile: Profile,
    /// The contribution log and CPD journal.
    #[serde(default)]
    pub entries: Vec<Entry>,
    /// Goals for the next period.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// Expectations the user marked as met with a justification.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub self_assessments: Vec<SelfAssessment>,
    /// Fields written by a newer corepath, kept as they are.
    #[serde(flatten, deserialize_with = "unique::extra")]
    pub extra: Map<String, Value>,
}

impl Journal {
    /// A new journal for this profile, with no entries.
    pub fn new(profile: Profile) -> Journal {
        Journal {
            format: FORMAT.to_string(),
            version: VERSION,
            profile,
            entries: Vec::new(),
            goals: Vec::new(),
            self_assessments: Vec::new(),
            extra: Map::new(),
        }
    }

    /// The entry with exactly this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The position of the entry with this id, or of the only entry whose id starts with it.
    pub fn find_entry(&self, id: &str) -> Result<usize, InputError> {
        find_by_id(
            self.entries.iter().map(|e| e.id.as_str()),
            id,
            "entry id",
            "corepath list",
        )
    }

    /// The position of the goal with this id, or of the only goal whose id starts with it.
    pub fn find_goal(&self, id: &str) -> Result<usize, InputError> {
        find_by_id(
            self.goals.iter().map(|g| g.id.as_str()),
            id,
            "goal id",
            "corepath goal list",
        )
    }

    /// The self-assessment of an expectation, if the user made one.
    pub fn self_assessment(&self, expectation: &str) -> Option<&SelfAssessment> {
        self.self_assessments
            .iter()
            .find(|s| s.expectation == expectation)
    }

    /// Whether `id` is already used by an entry or a goal.
    pub fn id_in_use(&self, id: &str) -> bool {
        self.entries.iter().any(|e| e.id == id) || self.goals.iter().any(|g| g.id == id)
    }

    /// Every id used by an entry or a goal: to draw many fresh ids in one go, each checked in
    /// constant time.
    pub fn ids_in_use(&self) -> HashSet<String> {
        let entries = self.entries.iter().map(|e| e.id.clone());
        entries
            .chain(self.goals.iter().map(|g| g.id.clone()))
            .collect()
    }
}

fn find_by_id<'a>(
    ids: impl Iterator<Item = &'a str>,
    wanted: &str,
    field: &str,
    listing: &str,
) -> Result<usize, InputError> {
    let wanted = wanted.trim();
    let mut found = None;
    let mut count = 0;
    for (i, id) in ids.enumerate() {
        if id == wanted {
            return Ok(i);
        }
        if !wanted.is_empty() && id.starts_with(wanted) {
            found = Some(i);
            count += 1;
        }
    }
    match (found, count) {
        (Some(i), 1) => Ok(i),
        (Some(_), _) => Err(InputError::new(
            field,
            wanted,
            "more characters: several ids start with it",
        )),
        _ => Err(InputError::new(
            field,
            wanted,
            &format!("the id of an existing one (see `{listing}`)"),
        )),
    }
}

/// Who keeps the journal, and where they stand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Full name.
    pub name: String,
    /// ORCID iD, checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orcid: Option<String>,
    /// Other spellings of the name the person publishes under (`Z. Okonkwo`), to find their
    /// papers among imported ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The core facility.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub facility: String,
    /// The facility's Research Resource Identifier (`RRID:SCR_017105`), checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rrid: Option<String>,
    /// The institution.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub institution: String,
    /// Current tier (a framework tier id).
    pub tier: String,
    /// Since when in that tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier_since: Option<NaiveDate>,
    /// Highest qualification (a framework qualification id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<String>,
    /// Years of relevant experience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience_years: Option<f64>,
    /// Whether the person has management and supervision experience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub management_experience: Option<bool>,
    /// The last appraisal meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_appraisal: Option<NaiveDate>,
    /// The next appraisal meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_appraisal: Option<NaiveDate>,
    /// Target share of time per area of work, in percent.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique::sorted"
    )]
    pub allocation: BTreeMap<String, f64>,
    /// The person's case in their own words, opening the evidence summary (at most
    /// [`STATEMENT_LIMIT`] characters; line breaks kept).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub statement: String,
    /// Techniques the person added to the framework's vocabulary: they count toward distinct
    /// techniques like the framework's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub techniques: Vec<String>,
    /// Fields written by a newer corepath, kept as they are.
    #[serde(flatten, deserialize_with = "unique::extra")]
    pub extra: Map<String, Value>,
}

impl Profile {
    /// A profile with a name and a tier and nothing else.
    pub fn new(name: &str, tier: &str) -> Profile {
        Profile {
            name: name.to_string(),
            orcid: None,
            aliases: Vec::new(),
            facility: String::new(),
            rrid: None,
            institution: String::new(),
            tier: tier.to_string(),
            tier_since: None,
            qualification: None,
            experience_years: None,
            management_experience: None,
            last_appraisal: None,
            next_appraisal: None,
            allocation: BTreeMap::new(),
            statement: String::new(),
            techniques: Vec::new(),
            extra: Map::new(),
        }
    }
}

/// A goal for the next period, linked to an expectation it works towards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    /// Stable id.
    pub id: String,
    /// What the goal is.
    pub title: String,
    /// The expectation it evidences (`tier/slug`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expectation: Option<String>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Whether it is done.
    #[serde(default)]
    pub done: bool,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// Fields written by a newer corepath, kept as they are.
    #[serde(flatten, deserialize_with = "unique::extra")]
    pub extra: Map<String, Value>,
}

/// An expectation the user marked as met without journal evidence, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessment {
    /// The expectation (`tier/slug`).
    pub expectation: String,
    /// One line saying why it is met.
    pub justification: String,
    /// When it was marked.
    pub date: NaiveDate,
    /// Fields written by a newer corepath, kept as they are.
    #[serde(flatten, deserialize_with = "unique::extra")]
    pub extra: Map<String, Value>,
}
