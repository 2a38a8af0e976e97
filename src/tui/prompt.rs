//! Small forms over the tabs: a goal, a self-assessment's justification, a custom period.

use chrono::NaiveDate;

use super::checks;
use super::form::{Choice, Field, Form};
use crate::assess::Period;
use crate::framework::Framework;
use crate::model::{Goal, InputError, Journal, check_line, parse_date};

/// What a prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// A goal, new or (with its id) edited.
    Goal {
        /// The goal being edited.
        editing: Option<String>,
    },
    /// The justification of a self-assessed expectation.
    Justification {
        /// The expectation.
        expectation: String,
    },
    /// A custom period for the journal filter.
    JournalPeriod,
    /// A custom period for the metrics tab.
    MetricsPeriod,
    /// A custom period for the CPD tab.
    CpdPeriod,
    /// A custom period for the appraisal summary.
    AppraisalPeriod,
}

/// A small form with a title.
#[derive(Debug, Clone)]
pub struct Prompt {
    /// What it is for.
    pub kind: PromptKind,
    /// The title shown.
    pub title: String,
    /// The fields.
    pub form: Form,
}

impl Prompt {
    /// A goal form; `expectation` pre-selects the expectation it works toward.
    pub fn goal(
        framework: &Framework,
        journal: &Journal,
        editing: Option<&Goal>,
        expectation: Option<String>,
        title: &str,
        due: Option<NaiveDate>,
    ) -> Prompt {
        let current = framework.tier_index(&journal.profile.tier).unwrap_or(0);
        let mut options = vec![Choice {
            id: "—".into(),
            label: "— none".into(),
        }];
        for tier in framework.tiers.iter().skip(current).take(2) {
            for e in &tier.expectations {
                options.push(Choice {
                    id: e.id.clone(),
                    label: format!("{}: {}", e.id, e.text),
                });
            }
        }
        if let Some(e) = &expectation
            && !options.iter().any(|o| &o.id == e)
            && let Some((_, exp)) = framework.expectation(e)
        {
            options.push(Choice {
                id: e.clone(),
                label: format!("{}: {}", e, exp.text),
            });
        }
        let selected = expectation.unwrap_or_else(|| "—".into());
        Prompt {
            kind: PromptKind::Goal {
                editing: editing.map(|g| g.id.clone()),
            },
            title: if editing.is_some() {
                "Edit goal"
            } else {
                "New goal"
            }
            .to_string(),
            form: Form::new(vec![
                Field::text(
                    "title",
                    "Goal",
                    "What you will do, e.g. \"Run a light-sheet practical course\".",
                    title,
                )
                .required(),
                Field::choice(
                    "expectation",
                    "Toward",
                    "The expectation it evidences (←/→).",
                    options,
                    &selected,
                ),
                Field::text(
                    "due",
                    "Due",
                    "When, YYYY-MM-DD (optional).",
                    &due.map(|d| d.to_string()).unwrap_or_default(),
                )
                .checked(checks::date),
            ]),
        }
    }

    /// A justification for a self-assessed expectation.
    pub fn justification(expectation: &str, text: &str, current: &str) -> Prompt {
        Prompt {
            kind: PromptKind::Justification {
                expectation: expectation.to_string(),
            },
            title: format!("Self-assess: {text}"),
            form: Form::new(vec![Field::text(
                "why",
                "Why it is met",
                "One line of evidence in your own words; leave empty to clear the self-assessment.",
                current,
            )]),
        }
    }

    /// A custom period.
    pub fn custom_period(kind: PromptKind, today: NaiveDate) -> Prompt {
        let start = Period::last_months(today, 12).from;
        Prompt {
            kind,
            title: "Custom period".to_string(),
            form: Form::new(vec![
                Field::text("from", "From", "First day, YYYY-MM-DD.", &start.to_string())
                    .required()
                    .checked(checks::date),
                Field::text("to", "To", "Last day, YYYY-MM-DD.", &today.to_string())
                    .required()
                    .checked(checks::date),
            ]),
        }
    }

    /// The period typed.
    pub fn period(&self) -> Result<Period, InputError> {
        let from = parse_date("from", &self.form.value("from"))?;
        let to = parse_date("to", &self.form.value("to"))?;
        Period::new(from, to).ok_or_else(|| {
            InputError::new("to", &to.to_string(), &format!("a day on or after {from}"))
        })
    }

    /// The goal typed: title, expectation, due date.
    pub fn goal_values(&self) -> Result<(String, Option<String>, Option<NaiveDate>), InputError> {
        let title = self.form.value("title");
        check_line("title", &title)?;
        let expectation =
            Some(self.form.value("expectation")).filter(|e| !e.is_empty() && e != "—");
        let due = Some(self.form.value("due"))
            .filter(|d| !d.is_empty())
            .map(|d| parse_date("due", &d))
            .transpose()?;
        Ok((title, expectation, due))
    }
}
