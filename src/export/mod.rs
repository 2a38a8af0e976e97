//! The appraisal pack: the evidence summary and its four renderings, and the facility roll-up.
//!
//! [`summary::build`] draws up a [`Summary`] from the framework and the journal (pure, the date
//! passed in); [`markdown`], [`html`], [`json`] and [`csv`] turn it into text. [`rollup`] adds up
//! several people's JSON summaries into a facility view. Nothing here touches the file system:
//! the command line writes the text where it is asked to.

pub mod contributions;
pub mod csv;
pub mod highlights;
pub mod html;
pub mod json;
pub mod markdown;
mod phrases;
mod points;
pub mod progression;
pub mod rollup;
pub mod since;
pub mod summary;
mod text;

pub use summary::{Summary, build};

/// The formats an evidence summary is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    /// Markdown, readable as plain text and on GitHub/GitLab.
    Markdown,
    /// One self-contained HTML page, printable to A4.
    Html,
    /// The `corepath-evidence-summary` JSON.
    Json,
    /// One row per entry of the period.
    Csv,
}

/// Why a summary could not be rendered (only a broken template or serialiser can cause it).
#[derive(Debug, thiserror::Error)]
#[error("cannot render the summary: {0}")]
pub struct RenderError(pub String);

/// Render a summary in a format.
///
/// # Errors
/// Only a broken template or serialiser: see [`RenderError`].
pub fn render(summary: &Summary, format: SummaryFormat) -> Result<String, RenderError> {
    match format {
        SummaryFormat::Markdown => Ok(markdown::render(summary)),
        SummaryFormat::Html => html::render(summary),
        SummaryFormat::Json => json::render(summary),
        SummaryFormat::Csv => csv::render(&summary.entries),
    }
}
