//! The appraisal walk: choose the period and tier, review the highlights, preview the evidence
//! summary, pick a format and a path, write it.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::form::{Choice, Field, Form};
use super::views::{Cursor, PeriodChoice};
use crate::assess::Context;
use crate::export::{self, Summary, SummaryFormat};

/// The steps of the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppraisalStep {
    /// 1. The period and the tier to assess toward.
    Period,
    /// 2. Star or unstar the period's entries.
    Highlights,
    /// 3. The summary as a manager will read it.
    Preview,
    /// 4. Format and path.
    Export,
}

impl AppraisalStep {
    /// Every step, in order.
    pub const ALL: [AppraisalStep; 4] = [
        AppraisalStep::Period,
        AppraisalStep::Highlights,
        AppraisalStep::Preview,
        AppraisalStep::Export,
    ];

    /// The step's name.
    pub fn title(self) -> &'static str {
        match self {
            AppraisalStep::Period => "Period",
            AppraisalStep::Highlights => "Highlights",
            AppraisalStep::Preview => "Preview",
            AppraisalStep::Export => "Export",
        }
    }

    /// The step after this one.
    pub fn next(self) -> AppraisalStep {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1).min(Self::ALL.len() - 1)]
    }

    /// The step before this one.
    pub fn previous(self) -> AppraisalStep {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[i.saturating_sub(1)]
    }
}

/// The appraisal tab's state.
#[derive(Debug)]
pub struct AppraisalView {
    /// Where the walk is.
    pub step: AppraisalStep,
    /// The period.
    pub period: PeriodChoice,
    /// The tier assessed toward (a position on the ladder).
    pub tier: usize,
    /// The entry under the cursor in the highlights step.
    pub cursor: Cursor,
    /// The entries of the period, newest first (journal positions).
    pub entries: Vec<usize>,
    /// The summary for the period and tier.
    pub summary: Option<Summary>,
    /// The summary as Markdown, line by line, for the preview.
    pub preview: Vec<String>,
    /// How far the preview is scrolled.
    pub scroll: usize,
    /// Step 4's fields.
    pub export: Form,
    /// Where the last summary was written.
    pub written: Option<PathBuf>,
}

const FORMATS: [(&str, &str); 4] = [
    (
        "md",
        "Markdown — reads as plain text, renders on GitHub/GitLab",
    ),
    ("html", "HTML — one self-contained page, prints to A4"),
    (
        "json",
        "JSON — corepath-evidence-summary, for a facility roll-up",
    ),
    ("csv", "CSV — one row per entry, for a spreadsheet"),
];

/// The format chosen by its id.
pub fn format_of(id: &str) -> SummaryFormat {
    match id {
        "html" => SummaryFormat::Html,
        "json" => SummaryFormat::Json,
        "csv" => SummaryFormat::Csv,
        _ => SummaryFormat::Markdown,
    }
}

fn export_form(today: NaiveDate) -> Form {
    let formats = FORMATS
        .iter()
        .map(|(id, label)| Choice {
            id: id.to_string(),
            label: label.to_string(),
        })
        .collect();
    Form::new(vec![
        Field::choice("format", "Format", "Which format (←/→).", formats, "html"),
        Field::text(
            "path",
            "Write to",
            "A file path; the extension follows the format when you leave it as it is.",
            &format!("evidence-summary-{today}"),
        )
        .required(),
    ])
}

impl AppraisalView {
    /// A fresh walk.
    pub fn new(today: NaiveDate) -> AppraisalView {
        AppraisalView {
            step: AppraisalStep::Period,
            period: PeriodChoice::SinceAppraisal,
            tier: 0,
            cursor: Cursor::default(),
            entries: Vec::new(),
            summary: None,
            preview: Vec::new(),
            scroll: 0,
            export: export_form(today),
            written: None,
        }
    }

    /// Draw up the summary again for the current period, tier and journal.
    pub fn compute(&mut self, ctx: &Context, today: NaiveDate) {
        let (framework, journal) = (ctx.framework, ctx.journal);
        let period = self.period.period(&journal.profile, today);
        let entries = &journal.entries;
        let mut positions: Vec<usize> = (0..entries.len())
            .filter(|&i| period.contains(entries[i].date))
            .collect();
        positions.sort_by(|&a, &b| entries[b].date.cmp(&entries[a].date));
        self.entries = positions;
        self.cursor.clamp(self.entries.len());
        let Some(tier) = framework.tiers.get(self.tier) else {
            return;
        };
        let summary = export::build(ctx, period, tier, today);
        self.preview = export::markdown::render(&summary)
            .lines()
            .map(str::to_string)
            .collect();
        self.scroll = self.scroll.min(self.preview.len().saturating_sub(1));
        self.summary = Some(summary);
    }

    /// The path to write to: the typed one, with the format's extension if it has none.
    pub fn target(&self) -> (SummaryFormat, PathBuf) {
        let format_id = self.export.value("format");
        let mut path = PathBuf::from(self.export.value("path"));
        if path.extension().is_none() {
            path.set_extension(&format_id);
        }
        (format_of(&format_id), path)
    }
}
