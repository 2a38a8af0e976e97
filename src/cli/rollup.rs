//! `corepath rollup`: a facility view over several people's JSON evidence summaries.

use std::path::PathBuf;

use clap::ValueEnum;

use super::export::write_output;
use super::{CliError, Env};
use crate::export::json;
use crate::export::rollup::{self, Input};
use crate::text::visible::Style;

/// The formats of `corepath rollup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Markdown.
    #[default]
    #[value(alias = "markdown")]
    Md,
    /// One self-contained HTML page.
    Html,
    /// The corepath-facility-rollup JSON.
    Json,
}

/// `corepath rollup`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    corepath export --format json -o zoe.json       (each person, same --from and --to)\n  \
    corepath rollup zoe.json ama.json lin.json --format html -o facility-2026.html\n  \
    corepath rollup team/*.json --allow-mixed\n\n\
    Summaries of different periods or frameworks are refused unless --allow-mixed is given; then \
    the differences are flagged in the output.")]
pub struct Args {
    /// Evidence summaries written by `corepath export --format json`.
    #[arg(value_name = "SUMMARY.json", required = true)]
    pub summaries: Vec<PathBuf>,
    /// md, html or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Add up summaries of different periods or frameworks, flagging each difference.
    #[arg(long)]
    pub allow_mixed: bool,
}

/// The largest summary a roll-up reads (a summary holds the period's entries in full).
const SUMMARY_LIMIT: u64 = 512 << 20;

/// Read the summaries and write the roll-up.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let mut inputs = Vec::with_capacity(args.summaries.len());
    for path in &args.summaries {
        let shown = path.display();
        // Someone else's file: only a regular file, of a size a summary can have.
        let bytes = crate::store::read_small(path, SUMMARY_LIMIT)
            .map_err(|e| CliError::Message(format!("cannot read {shown}: {e}")))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| CliError::Message(format!("{shown} is refused: it is not UTF-8 text")))?;
        let summary = json::parse(&text)
            .map_err(|e| CliError::Message(format!("{shown} is refused: {e}")))?;
        let label = path
            .file_name()
            .map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned());
        inputs.push(Input { label, summary });
    }
    let framework = &env.framework;
    let r = rollup::rollup(&inputs, args.allow_mixed, |t| framework.tier_index(t))
        .map_err(CliError::Message)?;
    let text = match args.format {
        Format::Md => rollup::render_markdown(&r),
        Format::Html => rollup::render_html(&r).map_err(|e| CliError::Message(e.to_string()))?,
        Format::Json => rollup::render_json(&r).map_err(|e| CliError::Message(e.to_string()))?,
    };
    let what = format!("facility roll-up of {} summaries", inputs.len());
    let style = match args.format {
        Format::Json => Style::Json,
        Format::Md | Format::Html => Style::Text,
    };
    write_output(env, args.output.as_deref(), &text, &what, style)
}
