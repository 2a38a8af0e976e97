//! `corepath export`: the evidence summary for an appraisal, in Markdown, HTML, JSON or CSV.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::period::{DefaultPeriod, PeriodArgs};
use super::progress::target_tier;
use super::{CliError, Env};
use crate::assess::Context;
use crate::export::{self, SummaryFormat};
use crate::text::visible::Style;

/// The formats of `corepath export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown: reads as plain text, renders on GitHub and GitLab.
    #[value(alias = "markdown")]
    Md,
    /// One self-contained HTML page (inline CSS and charts, no scripts), printable to A4.
    #[value(alias = "htm")]
    Html,
    /// The corepath-evidence-summary JSON (what `corepath rollup` reads).
    Json,
    /// One row per entry of the period, for spreadsheets.
    Csv,
}

impl Format {
    fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::from_str(&ext, true).ok()
    }

    fn summary_format(self) -> SummaryFormat {
        match self {
            Format::Md => SummaryFormat::Markdown,
            Format::Html => SummaryFormat::Html,
            Format::Json => SummaryFormat::Json,
            Format::Csv => SummaryFormat::Csv,
        }
    }
}

/// `corepath export`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    corepath export --format html -o appraisal-2027.html\n  \
    corepath export --format md --from 2026-03-10 --to 2027-03-09\n  \
    corepath export --format json -o zoe.json            (for `corepath rollup`)\n  \
    corepath export --format csv > entries.csv\n\n\
    Without --from the period starts at your last appraisal (else 12 months back); without \
    --format the extension of -o decides, else Markdown.")]
pub struct Args {
    /// md, html, json or csv (default: from the extension of -o, else md).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// The period.
    #[command(flatten)]
    pub period: PeriodArgs,
    /// The tier to show progression toward (default: the one above yours).
    #[arg(long, value_name = "TIER")]
    pub tier: Option<String>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Start a CSV with a UTF-8 byte order mark, which Excel needs to read accented names.
    #[arg(long)]
    pub bom: bool,
}

/// Write `text` to `path` atomically (a temporary file in the same folder, then a rename; the
/// same path as the TUI's exports), as it is; or to standard output when there is no path, with
/// control characters shown visibly in `style` (the text's format). Never over the journal, its
/// backup or lock, nor over anything but a regular file. Says on standard error where it wrote.
pub(super) fn write_output(
    env: &Env,
    path: Option<&Path>,
    text: &str,
    what: &str,
    style: Style,
) -> Result<(), CliError> {
    let Some(path) = path else {
        return super::out::stdout_text(text, style)
            .map_err(|e| CliError::Message(format!("cannot write the {what}: {e}")));
    };
    env.store
        .write_output(path, text.as_bytes())
        .map_err(|e| match e {
            crate::store::StoreError::Write { source, .. } => {
                CliError::Message(format!("cannot write {}: {source}", path.display()))
            }
            other => CliError::Store(other),
        })?;
    say_err!("corepath: wrote the {what} to {}", path.display());
    Ok(())
}

/// Draw up and write the summary.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Md);
    let journal = env.load()?.journal;
    let period = args
        .period
        .resolve(env, &journal.profile, DefaultPeriod::SinceAppraisal)?;
    let tier = target_tier(env, &journal.profile.tier, args.tier.as_deref())?;
    let ctx = Context::new(&env.framework, &journal);
    let mut summary = export::build(&ctx, period, tier, env.today);
    // A period asked to run past today was cut there: the summary says so.
    summary.requested_to = args
        .period
        .to
        .as_deref()
        .and_then(|d| crate::model::parse_date("to", d).ok())
        .filter(|&asked| asked > env.today);
    if args.bom && format != Format::Csv {
        return Err(CliError::Message(
            "--bom applies to CSV only: add --format csv or drop --bom".into(),
        ));
    }
    let mut text = export::render(&summary, format.summary_format())
        .map_err(|e| CliError::Message(e.to_string()))?;
    if args.bom {
        text.insert_str(0, export::csv::BOM);
    }
    let what = match format {
        Format::Csv => format!("{} entries of {period} (CSV)", summary.entries.len()),
        Format::Md => format!("evidence summary for {period} (Markdown)"),
        Format::Html => format!("evidence summary for {period} (HTML)"),
        Format::Json => format!("evidence summary for {period} (JSON)"),
    };
    let style = match format {
        Format::Json => Style::Json,
        Format::Md | Format::Html | Format::Csv => Style::Text,
    };
    write_output(env, args.output.as_deref(), &text, &what, style)
}
