//! A journal entry: one contribution or CPD activity.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::unique::{self, Seen};

/// One thing done: training given, a paper, a QC run, a course attended…
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Stable id.
    pub id: String,
    /// When it happened.
    #[serde(serialize_with = "dates::date")]
    pub date: NaiveDate,
    /// What it is (a framework kind id).
    pub kind: String,
    /// A one-line title.
    pub title: String,
    /// Free notes.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Reflections for the CPD record.
    #[serde(skip_serializing_if = "Reflection::is_empty")]
    pub reflection: Reflection,
    /// CPD activity category, where it is CPD.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpd_category: Option<String>,
    /// Hours of effort spent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Hours of instrument use (utilisation), apart from effort hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_hours: Option<f64>,
    /// People trained, supported or reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people: Option<u32>,
    /// The person's role; for publications, how they were recognised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// How far it reached: local, institutional, national, international.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// CRediT roles, for co-authorship.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub credit: Vec<String>,
    /// Technology areas involved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    /// Techniques involved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub techniques: Vec<String>,
    /// The metrics it maps to.
    pub metrics: Vec<String>,
    /// Free tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Persistent identifiers and links.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// A highlight for the appraisal.
    pub highlight: bool,
    /// When it was logged.
    #[serde(serialize_with = "dates::timestamp")]
    pub created: DateTime<Utc>,
    /// When it was last changed.
    #[serde(serialize_with = "dates::timestamp")]
    pub updated: DateTime<Utc>,
    /// Fields written by a newer corepath, kept as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The three reflection prompts of a CPD record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reflection {
    /// What it changed in the person's practice.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub practice: String,
    /// What it gave the users of their work.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub users: String,
    /// What comes next.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next: String,
    /// Fields written by a newer corepath, kept as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Reflection {
    /// Whether all three prompts are empty and there is nothing else (whitespace is kept, so the
    /// entry round-trips).
    pub fn is_empty(&self) -> bool {
        self.practice.is_empty()
            && self.users.is_empty()
            && self.next.is_empty()
            && self.extra.is_empty()
    }
}

impl<'de> Deserialize<'de> for Reflection {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Reflection, D::Error> {
        deserializer.deserialize_map(ReflectionVisitor)
    }
}

struct ReflectionVisitor;

impl<'de> Visitor<'de> for ReflectionVisitor {
    type Value = Reflection;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a reflection (an object with practice, users and next)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Reflection, A::Error> {
        let mut r = Reflection::default();
        let mut seen = Seen::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let key = seen.insert(key)?;
            match key.as_ref() {
                "practice" => r.practice = map.next_value()?,
                "users" => r.users = map.next_value()?,
                "next" => r.next = map.next_value()?,
                _ => unique::keep(&mut map, &mut r.extra, key)?,
            }
        }
        Ok(r)
    }
}

/// The kind of a persistent identifier or link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceType {
    /// A DOI.
    Doi,
    /// A PubMed id (PMID).
    Pmid,
    /// A Research Resource Identifier.
    Rrid,
    /// An ORCID iD.
    Orcid,
    /// A Research Organization Registry id.
    Ror,
    /// A web link.
    Url,
    /// A local file.
    File,
}

impl EvidenceType {
    /// Every type, in display order.
    pub const ALL: [EvidenceType; 7] = [
        EvidenceType::Doi,
        EvidenceType::Pmid,
        EvidenceType::Rrid,
        EvidenceType::Orcid,
        EvidenceType::Ror,
        EvidenceType::Url,
        EvidenceType::File,
    ];

    /// The id used in files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            EvidenceType::Doi => "doi",
            EvidenceType::Pmid => "pmid",
            EvidenceType::Rrid => "rrid",
            EvidenceType::Orcid => "orcid",
            EvidenceType::Ror => "ror",
            EvidenceType::Url => "url",
            EvidenceType::File => "file",
        }
    }

    /// Check and normalise a value of this type.
    pub fn parse(self, field: &str, raw: &str) -> Result<String, super::InputError> {
        match self {
            EvidenceType::Doi => super::parse_doi(field, raw),
            EvidenceType::Pmid => super::parse_pmid(field, raw),
            EvidenceType::Rrid => super::parse_rrid(field, raw),
            EvidenceType::Orcid => super::parse_orcid(field, raw),
            EvidenceType::Ror => super::parse_ror(field, raw),
            EvidenceType::Url => super::parse_url(field, raw),
            EvidenceType::File => super::parse_file(field, raw),
        }
    }
}

/// A persistent identifier or link that evidences an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Which kind of identifier.
    #[serde(rename = "type")]
    pub kind: EvidenceType,
    /// The identifier, normalised (a DOI without resolver prefix…).
    pub value: String,
    /// Fields written by a newer corepath, kept as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Evidence, D::Error> {
        deserializer.deserialize_map(EvidenceVisitor)
    }
}

struct EvidenceVisitor;

impl<'de> Visitor<'de> for EvidenceVisitor {
    type Value = Evidence;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("evidence (an object with type and value)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Evidence, A::Error> {
        let mut kind = None;
        let mut value = None;
        let mut extra = Map::new();
        let mut seen = Seen::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let key = seen.insert(key)?;
            match key.as_ref() {
                "type" => kind = Some(map.next_value()?),
                "value" => value = Some(map.next_value()?),
                _ => unique::keep(&mut map, &mut extra, key)?,
            }
        }
        let kind = kind.ok_or_else(|| de::Error::missing_field("type"))?;
        let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
        Ok(Evidence { kind, value, extra })
    }
}

impl Evidence {
    /// Evidence of this kind with this (already normalised) value.
    pub fn new(kind: EvidenceType, value: String) -> Evidence {
        Evidence {
            kind,
            value,
            extra: Map::new(),
        }
    }

    /// A link a reader can open, where the identifier resolves to one. Decided when the link is
    /// written, whatever the journal holds: only a well-formed identifier or an `https:`/`http:`
    /// address becomes a link (a hand-edited `javascript:` or `data:` value never does).
    pub fn link(&self) -> Option<String> {
        let checked = self.kind.parse(self.kind.id(), &self.value).ok()?;
        if checked != self.value {
            return None;
        }
        match self.kind {
            EvidenceType::Doi => Some(format!("https://doi.org/{}", self.value)),
            EvidenceType::Pmid => Some(format!("https://pubmed.ncbi.nlm.nih.gov/{}/", self.value)),
            EvidenceType::Orcid => Some(format!("https://orcid.org/{}", self.value)),
            EvidenceType::Ror => Some(format!("https://ror.org/{}", self.value)),
            EvidenceType::Rrid => Some(format!("https://scicrunch.org/resolver/{}", self.value)),
            EvidenceType::Url => Some(self.value.clone()),
            EvidenceType::File => None,
        }
    }
}

impl Entry {
    /// A new entry with the fields every entry has; the rest empty.
    pub fn new(id: String, date: NaiveDate, kind: &str, title: &str, now: DateTime<Utc>) -> Entry {
        Entry {
            id,
            date,
            kind: kind.to_string(),
            title: title.to_string(),
            notes: String::new(),
            reflection: Reflection::default(),
            cpd_category: None,
            hours: None,
            usage_hours: None,
            people: None,
            role: None,
            scope: None,
            credit: Vec::new(),
            areas: Vec::new(),
            techniques: Vec::new(),
            metrics: Vec::new(),
            tags: Vec::new(),
            evidence: Vec::new(),
            highlight: false,
            created: now,
            updated: now,
            extra: Map::new(),
        }
    }

    /// The PubMed id of the entry, if it has one.
    pub fn pmid(&self) -> Option<&str> {
        self.evidence
            .iter()
            .find(|e| e.kind == EvidenceType::Pmid)
            .map(|e| e.value.as_str())
    }

    /// The DOI of the entry, if it has one.
    pub fn doi(&self) -> Option<&str> {
        self.evidence
            .iter()
            .find(|e| e.kind == EvidenceType::Doi)
            .map(|e| e.value.as_str())
    }
}

/// Entries are most of a journal, so they are read field by field without buffering: unknown
/// fields go to `extra`, and loading stays close to the speed of parsing the JSON at all.
impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Entry, D::Error> {
        deserializer.deserialize_map(EntryVisitor)
    }
}

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a journal entry (an object with id, date, kind and title)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
        let mut id = None;
        let mut date = None;
        let mut kind = None;
        let mut title = None;
        let mut created = None;
        let mut updated = None;
        let mut e = Entry::new(
            String::new(),
            NaiveDate::MIN,
            "",
            "",
            DateTime::<Utc>::MIN_UTC,
        );
        let mut seen = Seen::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let key = seen.insert(key)?;
            match key.as_ref() {
                "id" => id = Some(map.next_value()?),
                "date" => date = Some(map.next_value()?),
                "kind" => kind = Some(map.next_value()?),
                "title" => title = Some(map.next_value()?),
                "notes" => e.notes = map.next_value()?,
                "reflection" => e.reflection = map.next_value()?,
                "cpd_category" => e.cpd_category = map.next_value()?,
                "hours" => e.hours = map.next_value()?,
                "usage_hours" => e.usage_hours = map.next_value()?,
                "scope" => e.scope = map.next_value()?,
                "people" => e.people = map.next_value()?,
                "role" => e.role = map.next_value()?,
                "credit" => e.credit = exact(map.next_value()?),
                "areas" => e.areas = exact(map.next_value()?),
                "techniques" => e.techniques = exact(map.next_value()?),
                "metrics" => e.metrics = exact(map.next_value()?),
                "tags" => e.tags = exact(map.next_value()?),
                "evidence" => e.evidence = exact(map.next_value()?),
                "highlight" => e.highlight = map.next_value()?,
                "created" => created = Some(map.next_value()?),
                "updated" => updated = Some(map.next_value()?),
                _ => unique::keep(&mut map, &mut e.extra, key)?,
            }
        }
        e.id = id.ok_or_else(|| de::Error::missing_field("id"))?;
        e.date = date.ok_or_else(|| de::Error::missing_field("date"))?;
        e.kind = kind.ok_or_else(|| de::Error::missing_field("kind"))?;
        e.title = title.ok_or_else(|| de::Error::missing_field("title"))?;
        e.created = created.ok_or_else(|| de::Error::missing_field("created"))?;
        e.updated = updated.unwrap_or(e.created);
        Ok(e)
    }
}

/// A list without the spare room it grew while being read: a large journal holds hundreds of
/// thousands of these short lists, and the spare room was a tenth of its memory.
fn exact<T>(mut list: Vec<T>) -> Vec<T> {
    list.shrink_to_fit();
    list
}

/// A map key, borrowed from the input where it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key<'de>, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Dates written as chrono writes them, without going through `Display` a character at a time:
/// with three dates an entry, that was a good part of the time a large journal takes to save.
/// Only the common case is written here (years 0 to 9999, whole seconds); chrono writes the rest.
mod dates {
    use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
    use serde::{Serialize, Serializer};

    fn digits(out: &mut [u8], value: u32) {
        let mut v = value;
        for b in out.iter_mut().rev() {
            *b = b'0' + (v % 10) as u8;
            v /= 10;
        }
    }

    /// `2026-03-02`, as `NaiveDate` serialises.
    pub(super) fn date<S: Serializer>(d: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buf = *b"0000-00-00";
        match u32::try_from(d.year()) {
            Ok(year) if year <= 9999 => {
                digits(&mut buf[0..4], year);
                digits(&mut buf[5..7], d.month());
                digits(&mut buf[8..10], d.day());
                match std::str::from_utf8(&buf) {
                    Ok(text) => serializer.serialize_str(text),
                    Err(_) => d.serialize(serializer),
                }
            }
            _ => d.serialize(serializer),
        }
    }

    /// `2026-03-02T10:11:12Z`, as `DateTime<Utc>` serialises.
    pub(super) fn timestamp<S: Serializer>(
        t: &DateTime<Utc>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let n = t.naive_utc();
        let mut buf = *b"0000-00-00T00:00:00Z";
        match u32::try_from(n.year()) {
            Ok(year) if year <= 9999 && n.nanosecond() == 0 => {
                digits(&mut buf[0..4], year);
                digits(&mut buf[5..7], n.month());
                digits(&mut buf[8..10], n.day());
                digits(&mut buf[11..13], n.hour());
                digits(&mut buf[14..16], n.minute());
                digits(&mut buf[17..19], n.second());
                match std::str::from_utf8(&buf) {
                    Ok(text) => serializer.serialize_str(text),
                    Err(_) => t.serialize(serializer),
                }
            }
            _ => t.serialize(serializer),
        }
    }

    #[cfg(test)]
    mod tests {
        use chrono::{Duration, TimeZone};

        use super::*;

        fn ours_and_chronos(t: DateTime<Utc>) {
            let mut ours = serde_json::Serializer::new(Vec::new());
            timestamp(&t, &mut ours).expect("serialises");
            assert_eq!(
                String::from_utf8(ours.into_inner()).expect("utf-8"),
                serde_json::to_string(&t).expect("serialises"),
                "{t:?}"
            );
            let d = t.date_naive();
            let mut ours = serde_json::Serializer::new(Vec::new());
            date(&d, &mut ours).expect("serialises");
            assert_eq!(
                String::from_utf8(ours.into_inner()).expect("utf-8"),
                serde_json::to_string(&d).expect("serialises"),
                "{d:?}"
            );
        }

        #[test]
        fn dates_are_written_as_chrono_writes_them() {
            let mut t = Utc
                .with_ymd_and_hms(-3, 1, 1, 0, 0, 0)
                .single()
                .expect("a valid time");
            // Every few weeks and odd seconds over the whole range chrono writes without a sign.
            while t.year() < 10_003 {
                ours_and_chronos(t);
                t += Duration::seconds(37 * 86_400 + 3_607);
            }
            for (secs, nanos) in [(0, 1), (59, 500_000_000), (1, 123_000), (7, 999_999_999)] {
                let t = Utc
                    .with_ymd_and_hms(2026, 3, 2, 10, 11, secs)
                    .single()
                    .expect("a valid time")
                    + Duration::nanoseconds(nanos);
                ours_and_chronos(t);
            }
            ours_and_chronos(DateTime::<Utc>::MIN_UTC);
            ours_and_chronos(DateTime::<Utc>::MAX_UTC);
        }
    }
}
