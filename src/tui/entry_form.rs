//! The guided entry: pick the kind, answer its questions, choose the metrics, reflect, review.
//! Editing an entry walks the same steps with its values filled in. Nothing is written until the
//! review is confirmed.

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::checks;
use super::form::{Choice, Field, Form};
use crate::framework::{EntryKind, Framework, QuestionField, Term};
use crate::model::{
    CREDIT_ROLES, Entry, Evidence, EvidenceType, InputError, check_line, known_technique,
    parse_date, parse_hours, parse_people, validate_entry,
};

/// The steps of the walk, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// 1. What kind of thing was it?
    Kind,
    /// 2. The kind's own questions.
    Details,
    /// 3. Which metrics it counts toward.
    Metrics,
    /// 4. Reflection and CPD category.
    Reflection,
    /// 5. Review, then save.
    Review,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 5] = [
        Step::Kind,
        Step::Details,
        Step::Metrics,
        Step::Reflection,
        Step::Review,
    ];

    /// The step's name.
    pub fn title(self) -> &'static str {
        match self {
            Step::Kind => "Kind",
            Step::Details => "Details",
            Step::Metrics => "Metrics",
            Step::Reflection => "Reflection",
            Step::Review => "Review",
        }
    }
}

/// A row of the kind picker: an area heading or a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindRow {
    /// A heading: the position of a work area.
    Area(usize),
    /// A kind: its position in the framework.
    Kind(usize),
}

/// The state of a guided entry.
#[derive(Debug, Clone)]
pub struct EntryForm {
    /// Where the walk is.
    pub step: Step,
    /// The entry being edited, if it is an edit.
    pub editing: Option<Entry>,
    /// The chosen kind.
    pub kind: Option<String>,
    /// What the user typed to filter kinds.
    pub kind_filter: TextArea<'static>,
    /// The kinds that match, with their area headings.
    pub kind_rows: Vec<KindRow>,
    /// The kind row under the cursor.
    pub kind_cursor: usize,
    /// Step 2's fields.
    pub details: Form,
    /// Step 3: which metrics are ticked, in framework order.
    pub metrics: Vec<bool>,
    /// The scope the ticks were last pre-set for.
    preset_scope: Option<String>,
    /// Step 3: the metric under the cursor.
    pub metric_cursor: usize,
    /// Step 4's fields.
    pub reflection: Form,
}

/// The field for one of a kind's questions, filled from `entry`.
/// The choices of a vocabulary, after a "—" for none.
fn terms(terms: &[Term]) -> Vec<Choice> {
    let mut options = vec![Choice::plain("—")];
    options.extend(terms.iter().map(|t| Choice {
        id: t.id.clone(),
        label: t.label.clone(),
    }));
    options
}

fn question_field(
    framework: &Framework,
    kind: &EntryKind,
    field: QuestionField,
    prompt: &str,
    entry: &Entry,
) -> Field {
    let evidence = |t: EvidenceType| {
        entry
            .evidence
            .iter()
            .filter(|e| e.kind == t)
            .map(|e| e.value.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match field {
        QuestionField::Hours => Field::text(
            "hours",
            "Hours",
            prompt,
            &entry.hours.map(|h| h.to_string()).unwrap_or_default(),
        )
        .checked(checks::hours),
        QuestionField::People => Field::text(
            "people",
            "People",
            prompt,
            &entry.people.map(|p| p.to_string()).unwrap_or_default(),
        )
        .checked(checks::people),
        QuestionField::Role if !kind.roles.is_empty() => {
            let current = entry
                .role
                .as_deref()
                .and_then(|r| kind.roles.resolve(r))
                .map_or("—", |t| t.id.as_str());
            Field::choice("role", "Role", prompt, terms(kind.roles.terms()), current)
        }
        QuestionField::Scope => {
            let current = entry
                .scope
                .as_deref()
                .and_then(|s| framework.scopes.resolve(s))
                .map_or("—", |t| t.id.as_str());
            Field::choice(
                "scope",
                "Scope",
                prompt,
                terms(framework.scopes.terms()),
                current,
            )
        }
        QuestionField::UsageHours => Field::text(
            "usage_hours",
            "Instrument usage hours",
            prompt,
            &entry.usage_hours.map(|h| h.to_string()).unwrap_or_default(),
        )
        .checked(checks::hours),
        QuestionField::Role => Field::text(
            "role",
            "Role",
            prompt,
            entry.role.as_deref().unwrap_or_default(),
        ),
        QuestionField::Credit => {
            let options = CREDIT_ROLES.iter().map(|c| Choice::plain(c)).collect();
            Field::multi("credit", "CRediT roles", prompt, options, &entry.credit)
        }
        QuestionField::Areas => {
            let options = framework
                .technology_areas
                .iter()
                .map(|a| Choice {
                    id: a.id.clone(),
                    label: a.label.clone(),
                })
                .collect();
            Field::multi("areas", "Technology areas", prompt, options, &entry.areas)
        }
        QuestionField::Techniques => {
            let hint = format!(
                "{prompt} (comma-separated, e.g. {})",
                framework
                    .techniques
                    .terms()
                    .iter()
                    .take(6)
                    .map(|t| t.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            Field::text(
                "techniques",
                "Techniques",
                &hint,
                &entry.techniques.join(", "),
            )
        }
        QuestionField::Doi => {
            Field::text("doi", "DOI", prompt, &evidence(EvidenceType::Doi)).checked(checks::doi)
        }
        QuestionField::Rrid => {
            Field::text("rrid", "RRID", prompt, &evidence(EvidenceType::Rrid)).checked(checks::rrid)
        }
        QuestionField::Ror => {
            Field::text("ror", "ROR", prompt, &evidence(EvidenceType::Ror)).checked(checks::ror)
        }
        QuestionField::Orcid => {
            Field::text("orcid", "ORCID", prompt, &evidence(EvidenceType::Orcid))
                .checked(checks::orcid)
        }
        QuestionField::Url => {
            Field::text("url", "Link", prompt, &evidence(EvidenceType::Url)).checked(checks::url)
        }
    }
}

impl EntryForm {
    /// A new entry, starting at the kind picker.
    pub fn new(framework: &Framework) -> EntryForm {
        let mut form = EntryForm {
            step: Step::Kind,
            editing: None,
            kind: None,
            kind_filter: TextArea::default(),
            kind_rows: Vec::new(),
            kind_cursor: 0,
            details: Form::new(Vec::new()),
            metrics: vec![false; framework.metrics.len()],
            preset_scope: None,
            metric_cursor: 0,
            reflection: Form::new(Vec::new()),
        };
        form.filter_kinds(framework);
        form
    }

    /// An edit of `entry`, starting at its details.
    pub fn edit(framework: &Framework, entry: &Entry, today: NaiveDate) -> EntryForm {
        let mut form = EntryForm::new(framework);
        form.editing = Some(entry.clone());
        form.kind_cursor = form
            .kind_rows
            .iter()
            .position(|r| matches!(r, KindRow::Kind(k) if framework.kinds[*k].id == entry.kind))
            .unwrap_or(0);
        form.choose_kind(framework, &entry.kind, today);
        form.preset_scope = entry.scope.clone();
        form
    }

    /// Rebuild the kind rows for the current filter text.
    pub fn filter_kinds(&mut self, framework: &Framework) {
        let needle = self.kind_filter.lines().join(" ").trim().to_lowercase();
        let mut rows = Vec::new();
        for (a, area) in framework.work_areas.iter().enumerate() {
            let kinds: Vec<usize> = framework
                .kinds
                .iter()
                .enumerate()
                .filter(|(_, k)| k.area == area.id)
                .filter(|(_, k)| {
                    needle.is_empty()
                        || k.id.contains(&needle)
                        || k.label.to_lowercase().contains(&needle)
                        || k.help.to_lowercase().contains(&needle)
                })
                .map(|(i, _)| i)
                .collect();
            if !kinds.is_empty() {
                rows.push(KindRow::Area(a));
                rows.extend(kinds.into_iter().map(KindRow::Kind));
            }
        }
        self.kind_rows = rows;
        // The cursor starts on the best match: a kind whose own name matches, else the first.
        let named = |k: &EntryKind| {
            !needle.is_empty()
                && (k.id.contains(&needle) || k.label.to_lowercase().contains(&needle))
        };
        let first_kind = |want_named: bool| {
            self.kind_rows.iter().position(
                |r| matches!(r, KindRow::Kind(k) if !want_named || named(&framework.kinds[*k])),
            )
        };
        self.kind_cursor = first_kind(true).or_else(|| first_kind(false)).unwrap_or(0);
    }

    /// Type into the kind filter.
    pub fn type_filter(&mut self, framework: &Framework, key: KeyEvent) {
        self.kind_filter.input(key);
        self.filter_kinds(framework);
    }

    /// Move the kind cursor by `delta` kinds, skipping headings.
    pub fn move_kind(&mut self, delta: isize) {
        let kinds: Vec<usize> = self
            .kind_rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, KindRow::Kind(_)))
            .map(|(i, _)| i)
            .collect();
        let Some(current) = kinds.iter().position(|&i| i == self.kind_cursor) else {
            self.kind_cursor = kinds.first().copied().unwrap_or(0);
            return;
        };
        let next = (current as isize + delta).clamp(0, kinds.len() as isize - 1) as usize;
        self.kind_cursor = kinds[next];
    }

    /// The kind under the cursor.
    pub fn kind_under_cursor<'f>(&self, framework: &'f Framework) -> Option<&'f EntryKind> {
        match self.kind_rows.get(self.kind_cursor) {
            Some(KindRow::Kind(k)) => framework.kinds.get(*k),
            _ => None,
        }
    }

    /// Where the reach decides the metric (a national committee is A.g, a local one is not),
    /// re-tick the metrics for the scope chosen — unless the person changed the ticks themselves.
    pub fn follow_scope(&mut self, framework: &Framework) {
        let Some(kind) = self.kind.as_deref().and_then(|k| framework.kind(k)) else {
            return;
        };
        let scope = Some(self.details.value("scope")).filter(|v| !v.is_empty() && v != "—");
        let ticked = |ids: &[String]| -> Vec<bool> {
            framework
                .metrics
                .iter()
                .map(|m| ids.contains(&m.id))
                .collect()
        };
        let untouched =
            self.metrics == ticked(framework.default_metrics(kind, self.preset_scope.as_deref()));
        if untouched {
            self.metrics = ticked(framework.default_metrics(kind, scope.as_deref()));
            self.metric_cursor = self.metrics.iter().position(|on| *on).unwrap_or(0);
        }
        self.preset_scope = scope;
    }

    /// Choose a kind: build its questions (keeping what was typed), pre-set its metrics, go on.
    pub fn choose_kind(&mut self, framework: &Framework, kind_id: &str, today: NaiveDate) {
        let Some(kind) = framework.kind(kind_id) else {
            return;
        };
        let mut base = self.current_values(framework, today);
        if self.kind.as_deref() != Some(kind_id)
            && self.editing.as_ref().is_none_or(|e| e.kind != kind_id)
        {
            base.metrics = kind.metrics.clone();
            self.preset_scope = None;
        }
        base.kind = kind.id.clone();
        self.kind = Some(kind.id.clone());
        let mut fields = vec![
            Field::text(
                "title",
                "Title",
                "One line saying what you did, e.g. \"Confocal 1:1 for the Ruiz lab\".",
                &base.title,
            )
            .required(),
            Field::text(
                "date",
                "Date",
                "When it happened, YYYY-MM-DD.",
                &base.date.to_string(),
            )
            .required()
            .checked(checks::date),
        ];
        for q in &kind.questions {
            let field = question_field(framework, kind, q.field, &q.prompt, &base);
            fields.push(if q.required { field.required() } else { field });
        }
        fields.push(Field::text(
            "tags",
            "Tags",
            "Free words to find it again, comma-separated.",
            &base.tags.join(", "),
        ));
        fields.push(Field::text(
            "notes",
            "Notes",
            "Anything worth remembering: who, what, outcome.",
            &base.notes,
        ));
        self.details = Form::new(fields);
        self.metrics = framework
            .metrics
            .iter()
            .map(|m| base.metrics.contains(&m.id))
            .collect();
        // Start the checklist on the first metric that is ticked, so it shows.
        self.metric_cursor = self.metrics.iter().position(|on| *on).unwrap_or(0);
        let mut categories = vec![Choice {
            id: "—".into(),
            label: "— not CPD".into(),
        }];
        categories.extend(framework.cpd.categories.iter().map(|c| Choice {
            id: c.id.clone(),
            label: c.label.clone(),
        }));
        let category = base
            .cpd_category
            .clone()
            .or_else(|| kind.cpd_category.clone())
            .unwrap_or_else(|| "—".into());
        self.reflection = Form::new(vec![
            Field::text(
                "practice",
                "Your practice",
                "What did it change in how you work? (CPD standard 3)",
                &base.reflection.practice,
            ),
            Field::text(
                "users",
                "Your users",
                "What did it give the researchers and users you support? (CPD standard 4)",
                &base.reflection.users,
            ),
            Field::text(
                "next",
                "What next",
                "What will you do next because of it?",
                &base.reflection.next,
            ),
            Field::choice(
                "cpd_category",
                "CPD category",
                "Which kind of CPD activity this is (←/→).",
                categories,
                &category,
            ),
        ]);
        self.step = Step::Details;
    }

    /// The entry as the form now describes it (unchecked: fields that do not parse are left as
    /// they were).
    pub fn current_values(&self, framework: &Framework, today: NaiveDate) -> Entry {
        let mut entry = self
            .editing
            .clone()
            .unwrap_or_else(|| Entry::new(String::new(), today, "", "", DateTime::<Utc>::MIN_UTC));
        if let Some(k) = &self.kind {
            entry.kind = k.clone();
        }
        let _ = self.fill(framework, &mut entry);
        entry
    }

    /// Copy the form's values into `entry`, checking each as the command line does.
    fn fill(&self, framework: &Framework, entry: &mut Entry) -> Result<(), InputError> {
        let d = &self.details;
        if d.fields.is_empty() {
            return Ok(());
        }
        entry.title = d.value("title");
        entry.date = parse_date("date", &d.value("date"))?;
        let optional = |name: &str| Some(d.value(name)).filter(|v| !v.is_empty() && v != "—");
        entry.hours = optional("hours")
            .map(|v| parse_hours("hours", &v))
            .transpose()?;
        entry.people = optional("people")
            .map(|v| parse_people("people", &v))
            .transpose()?;
        if d.field("scope").is_some() {
            entry.scope = optional("scope");
        }
        if d.field("usage_hours").is_some() {
            entry.usage_hours = optional("usage_hours")
                .map(|v| parse_hours("usage-hours", &v))
                .transpose()?;
        }
        if d.field("role").is_some() {
            entry.role = optional("role");
        }
        if d.field("credit").is_some() {
            entry.credit = d.values("credit");
        }
        if d.field("areas").is_some() {
            entry.areas = d.values("areas");
        }
        if d.field("techniques").is_some() {
            // Spelled as the vocabulary spells them ("LSFM" → light-sheet); others kept as typed.
            let mut techniques: Vec<String> = Vec::new();
            for raw in d.values("techniques") {
                check_line("technique", &raw)?;
                let name = known_technique(framework, &[], &raw).unwrap_or(raw);
                if !techniques.contains(&name) {
                    techniques.push(name);
                }
            }
            entry.techniques = techniques;
        }
        entry.tags = d.values("tags");
        entry.notes = d.value("notes");
        for t in EvidenceType::ALL {
            if d.field(t.id()).is_none() {
                continue;
            }
            entry.evidence.retain(|e| e.kind != t);
            for raw in d.values(t.id()) {
                entry
                    .evidence
                    .push(Evidence::new(t, t.parse(t.id(), &raw)?));
            }
        }
        entry.metrics = framework
            .metrics
            .iter()
            .zip(&self.metrics)
            .filter(|(_, on)| **on)
            .map(|(m, _)| m.id.clone())
            .collect();
        let r = &self.reflection;
        if !r.fields.is_empty() {
            entry.reflection.practice = r.value("practice");
            entry.reflection.users = r.value("users");
            entry.reflection.next = r.value("next");
            let category = r.value("cpd_category");
            let kind_default = framework
                .kind(&entry.kind)
                .and_then(|k| k.cpd_category.clone());
            entry.cpd_category = match category.as_str() {
                "—" | "" => None,
                c if Some(c) == kind_default.as_deref() && entry.cpd_category.is_none() => None,
                c => Some(c.to_string()),
            };
        }
        Ok(())
    }

    /// The finished entry, checked; `id` and `now` are used for a new entry.
    pub fn build(
        &self,
        framework: &Framework,
        id: String,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<Entry, InputError> {
        let kind = self
            .kind
            .clone()
            .ok_or_else(|| InputError::new("kind", "", "a kind: pick one first"))?;
        let mut entry = match &self.editing {
            Some(e) => e.clone(),
            None => Entry::new(id, today, &kind, "", now),
        };
        entry.kind = kind;
        self.fill(framework, &mut entry)?;
        if self.editing.as_ref().is_some_and(|e| *e != entry) {
            entry.updated = now;
        }
        validate_entry(framework, &entry)?;
        Ok(entry)
    }

    /// Whether the chosen kind is CPD by default (the reflection step nudges for it).
    pub fn is_cpd_kind(&self, framework: &Framework) -> bool {
        self.kind
            .as_deref()
            .and_then(|k| framework.kind(k))
            .is_some_and(|k| k.cpd_category.is_some())
    }
}
