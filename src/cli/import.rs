//! `corepath import`: bring entries in from corepath CSV or JSON, or from BibTeX.

use std::path::PathBuf;

use clap::ValueEnum;

use super::table::truncate;
use super::{CliError, Env};
use crate::import::{self, Candidate, ImportFormat, Options, Plan};
use crate::model::check_role;
use crate::store::fresh_id;

/// The formats `corepath import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// corepath CSV (the columns of `corepath export --format csv`).
    Csv,
    /// A corepath journal, or a JSON evidence summary (its entries).
    Json,
    /// BibTeX or BibLaTeX from a reference manager: one publication entry per record.
    #[value(alias = "bib", alias = "biblatex")]
    Bibtex,
}

impl From<Format> for ImportFormat {
    fn from(f: Format) -> ImportFormat {
        match f {
            Format::Csv => ImportFormat::Csv,
            Format::Json => ImportFormat::Json,
            Format::Bibtex => ImportFormat::Bibtex,
        }
    }
}

/// `corepath import`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    corepath import my-papers.bib --dry-run      see what would be added\n  \
    corepath import my-papers.bib --role acknowledged\n  \
    corepath import entries.csv                  (the columns of `corepath export --format csv`)\n  \
    corepath import old-journal.json\n\n\
    Entries already in the journal (same DOI, or same date, kind and title) are skipped. A bad \
    file is refused whole, naming the CSV line, BibTeX record or JSON entry, and nothing is written.")]
pub struct Args {
    /// The file to import (.csv, .json or .bib).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// csv, json or bibtex (default: from the file's extension).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// For BibTeX: how you were recognised — co-author (default), acknowledged, data-contributor
    /// or not-recognised.
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// List what would be added and skipped; change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

fn line(c: &Candidate, width: usize) -> String {
    let text = format!("{}  {:<14} {}", c.entry.date, c.entry.kind, c.entry.title);
    truncate(&text, width)
}

fn print_plan(plan: &Plan, file: &str, dry_run: bool) {
    let width = super::table::width().saturating_sub(4);
    let verb = if dry_run { "would add" } else { "added" };
    say!(
        "{verb} {} {} from {file}",
        plan.add.len(),
        if plan.add.len() == 1 {
            "entry"
        } else {
            "entries"
        }
    );
    if dry_run {
        for c in &plan.add {
            say!("  + {}", line(c, width));
        }
    }
    if !plan.skipped.is_empty() {
        say!(
            "{} {} already in the journal or repeated in the file:",
            if dry_run { "would skip" } else { "skipped" },
            plan.skipped.len()
        );
        for s in &plan.skipped {
            say!("  = {}", line(&s.candidate, width));
            say!("      {} ({})", s.reason, s.candidate.at);
        }
    }
    if dry_run {
        say!("dry run: the journal is unchanged");
    }
}

/// Import the file.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let path = &args.file;
    let shown = path.display().to_string();
    let format: ImportFormat = match args.format {
        Some(f) => f.into(),
        None => ImportFormat::from_path(path).ok_or_else(|| {
            CliError::Message(format!(
                "cannot tell the format of {shown} from its extension: pass --format csv, json or bibtex"
            ))
        })?,
    };
    if args.role.is_some() && format != ImportFormat::Bibtex {
        return Err(CliError::Message(
            "--role applies to BibTeX records; CSV and JSON entries carry their own role".into(),
        ));
    }
    let role = match &args.role {
        Some(role) => {
            Some(check_role(&env.framework, import::bibtex::KIND, role).map_err(CliError::flag)?)
        }
        None => None,
    };
    let bytes =
        std::fs::read(path).map_err(|e| CliError::Message(format!("cannot read {shown}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        CliError::Message(format!(
            "{shown} is not UTF-8 text (invalid byte at offset {}): save it as UTF-8 and try again",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let options = Options {
        framework: &env.framework,
        now: env.now,
        role,
    };
    let candidates = import::parse(format, &text, &options).map_err(|e| {
        CliError::Message(format!(
            "{shown} is refused ({} import): {e}; nothing was imported",
            format.name()
        ))
    })?;
    let name = path
        .file_name()
        .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
    if args.dry_run {
        let journal = env.load()?.journal;
        print_plan(&import::plan(&journal, candidates), &name, true);
        return Ok(());
    }
    let plan = env.change(|journal| {
        let mut plan = import::plan(journal, candidates);
        let mut taken = journal.ids_in_use();
        for c in &mut plan.add {
            c.entry.id = fresh_id(|id| taken.contains(id));
            taken.insert(c.entry.id.clone());
            journal.entries.push(c.entry.clone());
        }
        Ok(plan)
    })?;
    print_plan(&plan, &name, false);
    Ok(())
}
