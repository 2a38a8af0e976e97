//! The entry flags shared by `add` and `edit`, and how they change an entry.

use clap::ValueEnum;

use super::{CliError, Env};
use crate::model::{
    Entry, Evidence, EvidenceType, InputError, check_kind, check_line, check_metric, check_role,
    check_scope, known_technique, parse_date, parse_hours, parse_people, validate_entry,
};

/// The fields of an entry, as flags.
#[derive(Debug, Default, clap::Args)]
pub struct EntryFields {
    /// When it happened, YYYY-MM-DD (add: default today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Hours spent (0 or more).
    #[arg(long, value_name = "H", allow_hyphen_values = true)]
    pub hours: Option<String>,
    /// People trained, supported or reached (a whole number).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub people: Option<String>,
    /// Your role; for a publication: co-author, acknowledged, data-contributor or not-recognised.
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// How far it reached: local, institutional, national or international.
    #[arg(long, value_name = "SCOPE")]
    pub scope: Option<String>,
    /// Hours of instrument use a utilisation report records (apart from --hours of effort).
    #[arg(long, value_name = "H", allow_hyphen_values = true)]
    pub usage_hours: Option<String>,
    /// Accept a date after today: the entry is planned, listed apart and never counted until
    /// its day comes.
    #[arg(long)]
    pub planned: bool,
    /// A CRediT role (repeatable), e.g. methodology, formal-analysis, visualization.
    #[arg(long, value_name = "ROLE")]
    pub credit: Vec<String>,
    /// Map to one more metric besides the kind's (repeatable), e.g. fac.user-base.
    #[arg(long, value_name = "METRIC")]
    pub metric: Vec<String>,
    /// Do not map to this metric (repeatable).
    #[arg(long, value_name = "METRIC")]
    pub no_metric: Vec<String>,
    /// A technology area (repeatable), e.g. organelle-cellular, image-analysis.
    #[arg(long, value_name = "AREA")]
    pub area: Vec<String>,
    /// A technique (repeatable), e.g. confocal, light-sheet.
    #[arg(long, value_name = "TECHNIQUE")]
    pub technique: Vec<String>,
    /// A free tag (repeatable).
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// A DOI (repeatable); a https://doi.org/ prefix is accepted.
    #[arg(long, value_name = "DOI")]
    pub doi: Vec<String>,
    /// An RRID (repeatable), e.g. RRID:SCR_017105.
    #[arg(long, value_name = "RRID")]
    pub rrid: Vec<String>,
    /// A ROR id (repeatable), e.g. 05dxps055.
    #[arg(long, value_name = "ROR")]
    pub ror: Vec<String>,
    /// An ORCID iD (repeatable), e.g. a collaborator's.
    #[arg(long, value_name = "ORCID")]
    pub orcid: Vec<String>,
    /// A web link (repeatable).
    #[arg(long, value_name = "URL")]
    pub url: Vec<String>,
    /// A file that evidences the entry (repeatable).
    #[arg(long, value_name = "PATH")]
    pub file: Vec<String>,
    /// Free notes.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Reflection: what it changed in your practice.
    #[arg(long, value_name = "TEXT")]
    pub practice: Option<String>,
    /// Reflection: what it gave the users of your work.
    #[arg(long, value_name = "TEXT")]
    pub users: Option<String>,
    /// Reflection: what next.
    #[arg(long, value_name = "TEXT")]
    pub next: Option<String>,
    /// CPD category: work-based, professional, formal, self-directed or other.
    #[arg(long, value_name = "CATEGORY")]
    pub cpd_category: Option<String>,
    /// Mark it as a highlight.
    #[arg(long)]
    pub star: bool,
}

/// `corepath add`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  corepath add --kind user-training --title \"Confocal 1:1\" --date 2026-03-02 --hours 3 --people 2 --technique confocal\n  \
    corepath add --kind publication --title \"Mitochondria in motion\" --role co-author --credit methodology --doi 10.1038/s41592-021-01162-y"
)]
pub struct AddArgs {
    /// What it is (see `corepath framework` for the kinds), e.g. user-training, publication.
    #[arg(long, value_name = "KIND")]
    pub kind: String,
    /// A one-line title.
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    /// The other fields.
    #[command(flatten)]
    pub fields: EntryFields,
}

/// Fields `edit --clear` can empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Clearable {
    /// Hours.
    Hours,
    /// Instrument usage hours.
    UsageHours,
    /// People.
    People,
    /// Role.
    Role,
    /// Scope.
    Scope,
    /// CRediT roles.
    Credit,
    /// Technology areas.
    Areas,
    /// Techniques.
    Techniques,
    /// Tags.
    Tags,
    /// All evidence.
    Evidence,
    /// Notes.
    Notes,
    /// All three reflections.
    Reflection,
    /// The CPD category (back to the kind's default).
    CpdCategory,
}

fn set_list(target: &mut Vec<String>, given: &[String], field: &str) -> Result<(), CliError> {
    if given.is_empty() {
        return Ok(());
    }
    let mut list = Vec::new();
    for value in given {
        let value = value.trim();
        if value.is_empty() {
            return Err(CliError::flag(InputError::new(
                field,
                value,
                "a non-empty value",
            )));
        }
        check_line(field, value).map_err(CliError::flag)?;
        if !list.iter().any(|v: &String| v == value) {
            list.push(value.to_string());
        }
    }
    *target = list;
    Ok(())
}

fn evidence_flags(fields: &EntryFields) -> [(EvidenceType, &[String]); 6] {
    [
        (EvidenceType::Doi, &fields.doi),
        (EvidenceType::Rrid, &fields.rrid),
        (EvidenceType::Ror, &fields.ror),
        (EvidenceType::Orcid, &fields.orcid),
        (EvidenceType::Url, &fields.url),
        (EvidenceType::File, &fields.file),
    ]
}

impl EntryFields {
    /// Apply the flags given to `entry`. A kind change resets the metrics to the new kind's.
    pub fn apply(
        &self,
        env: &Env,
        own_techniques: &[String],
        entry: &mut Entry,
        kind_changed: bool,
    ) -> Result<Vec<String>, CliError> {
        let framework = &env.framework;
        check_kind(framework, &entry.kind).map_err(CliError::flag)?;
        let kind = framework
            .kind(&entry.kind)
            .ok_or_else(|| CliError::flag(InputError::new("kind", &entry.kind, "a known kind")))?;
        let had_defaults = entry.metrics == framework.default_metrics(kind, entry.scope.as_deref());
        if let Some(d) = &self.date {
            entry.date = parse_date("date", d).map_err(CliError::flag)?;
        }
        if self.date.is_some() && entry.date > env.today && !self.planned {
            return Err(CliError::flag(InputError::new(
                "date",
                &entry.date.to_string(),
                &format!(
                    "today ({}) or earlier; an entry still to come is planned: add --planned",
                    env.today
                ),
            )));
        }
        if let Some(h) = &self.usage_hours {
            let h = parse_hours("usage-hours", h).map_err(CliError::flag)?;
            entry.usage_hours = Some(h);
        }
        if let Some(s) = &self.scope {
            entry.scope = Some(check_scope(framework, s).map_err(CliError::flag)?);
        }
        if let Some(h) = &self.hours {
            entry.hours = Some(parse_hours("hours", h).map_err(CliError::flag)?);
        }
        if let Some(p) = &self.people {
            entry.people = Some(parse_people("people", p).map_err(CliError::flag)?);
        }
        if let Some(r) = &self.role {
            entry.role = Some(check_role(framework, &entry.kind, r).map_err(CliError::flag)?);
        }
        set_list(&mut entry.credit, &self.credit, "credit")?;
        set_list(&mut entry.areas, &self.area, "area")?;
        set_list(&mut entry.techniques, &self.technique, "technique")?;
        let notes = normalise_techniques(env, own_techniques, &mut entry.techniques);
        set_list(&mut entry.tags, &self.tag, "tag")?;
        if kind_changed || (self.scope.is_some() && had_defaults) {
            entry.metrics = framework
                .default_metrics(kind, entry.scope.as_deref())
                .to_vec();
        }
        for m in &self.metric {
            check_metric(framework, m).map_err(CliError::flag)?;
            if !entry.metrics.contains(m) {
                entry.metrics.push(m.clone());
            }
        }
        for m in &self.no_metric {
            check_metric(framework, m).map_err(|e| CliError::flag(e.in_field("no-metric")))?;
            entry.metrics.retain(|x| x != m);
        }
        for (kind, values) in evidence_flags(self) {
            if values.is_empty() {
                continue;
            }
            entry.evidence.retain(|e| e.kind != kind);
            for raw in values {
                let value = kind.parse(kind.id(), raw).map_err(CliError::flag)?;
                entry.evidence.push(Evidence::new(kind, value));
            }
        }
        if let Some(n) = &self.note {
            entry.notes = n.trim().to_string();
        }
        if let Some(t) = &self.practice {
            entry.reflection.practice = t.trim().to_string();
        }
        if let Some(t) = &self.users {
            entry.reflection.users = t.trim().to_string();
        }
        if let Some(t) = &self.next {
            entry.reflection.next = t.trim().to_string();
        }
        if let Some(c) = &self.cpd_category {
            entry.cpd_category = Some(c.trim().to_string());
        }
        if self.star {
            entry.highlight = true;
        }
        validate_entry(framework, entry).map_err(CliError::flag)?;
        Ok(notes)
    }
}

/// Empty the named fields of an entry.
/// Techniques spelled as the vocabulary spells them ("LSFM" → `light-sheet`); an unknown one
/// is kept, and the note returned says it is not counted and what it may have meant.
fn normalise_techniques(env: &Env, own: &[String], techniques: &mut Vec<String>) -> Vec<String> {
    let mut notes = Vec::new();
    let mut out: Vec<String> = Vec::new();
    for raw in techniques.drain(..) {
        let name = match known_technique(&env.framework, own, &raw) {
            Some(name) => name,
            None => {
                let hint = env.framework.techniques.did_you_mean(&raw);
                notes.push(format!(
                    "technique \"{raw}\" is not in the vocabulary{hint}: kept, but not counted \
                     toward distinct techniques until you run `corepath technique add \"{raw}\"`"
                ));
                raw
            }
        };
        if !out.contains(&name) {
            out.push(name);
        }
    }
    *techniques = out;
    notes
}

pub fn clear(entry: &mut Entry, fields: &[Clearable]) {
    for field in fields {
        match field {
            Clearable::Hours => entry.hours = None,
            Clearable::UsageHours => entry.usage_hours = None,
            Clearable::Scope => entry.scope = None,
            Clearable::People => entry.people = None,
            Clearable::Role => entry.role = None,
            Clearable::Credit => entry.credit.clear(),
            Clearable::Areas => entry.areas.clear(),
            Clearable::Techniques => entry.techniques.clear(),
            Clearable::Tags => entry.tags.clear(),
            Clearable::Evidence => entry.evidence.clear(),
            Clearable::Notes => entry.notes.clear(),
            Clearable::Reflection => entry.reflection = Default::default(),
            Clearable::CpdCategory => entry.cpd_category = None,
        }
    }
}
