//! The command line: parse, load what is needed, run one subcommand, print.

/// `println!` through [`out`]: control characters in what is printed are shown visibly.
macro_rules! say {
    () => {
        $crate::cli::out::stdout(format_args!(""), true)
    };
    ($($arg:tt)*) => {
        $crate::cli::out::stdout(format_args!($($arg)*), true)
    };
}

/// `print!` through [`out`]: control characters in what is printed are shown visibly.
macro_rules! say_more {
    ($($arg:tt)*) => {
        $crate::cli::out::stdout(format_args!($($arg)*), false)
    };
}

/// `eprintln!` through [`out`]: control characters in what is printed are shown visibly.
macro_rules! say_err {
    ($($arg:tt)*) => {
        $crate::cli::out::stderr(format_args!($($arg)*), true)
    };
}

mod add;
mod check;
mod completions;
mod cpd;
mod edit;
mod entry_args;
mod error;
mod evidence;
mod export;
mod goal;
mod import;
mod init;
mod list;
mod metrics;
pub mod out;
mod period;
mod profile;
mod progress;
mod remove;
mod rollup;
mod self_assess;
mod show;
mod star;
mod table;
mod technique;
mod time;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Parser, Subcommand, ValueEnum};

use crate::framework::Framework;
use crate::model::parse_date;
use crate::store::{self, Loaded, Store};
use crate::text::visible::Style;

pub use error::CliError;

/// corepath: a career journal for imaging scientists in core facilities.
#[derive(Debug, Parser)]
#[command(
    name = "corepath",
    version,
    about = "A career journal for imaging scientists in core facilities",
    long_about = "A career journal for imaging scientists in core facilities: log contributions and CPD, \
                  see them against the 2-tier evaluation metrics and the job family of the Global \
                  BioImaging recommendation (doi:10.5281/zenodo.10200758), and prepare appraisals.",
    after_help = "Examples:\n  corepath --demo                 explore a demo journal\n  \
                  corepath init --name \"Ada Lovelace\" --tier support-scientist\n  \
                  corepath add --kind user-training --title \"Confocal 1:1\" --hours 3 --people 2\n  \
                  corepath progress               what the next tier expects, and what is missing"
)]
pub struct Cli {
    /// The journal file (default: the platform data folder's corepath/journal.json).
    #[arg(long, global = true, env = "COREPATH_JOURNAL", value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// Use an institution's own framework instead of the bundled one.
    #[arg(long, global = true, value_name = "PATH")]
    pub framework: Option<PathBuf>,
    /// Work on a temporary copy of the bundled demo journal; your own journal is not touched.
    #[arg(long, global = true)]
    pub demo: bool,
    /// What to do; without one, corepath opens on the journal.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How data is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// Stable JSON for scripts (see the README for the fields).
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create your profile and an empty journal.
    Init(init::Args),
    /// Show or change your profile.
    Profile(profile::Args),
    /// Add an entry to the journal and print its id.
    Add(entry_args::AddArgs),
    /// List entries, newest first.
    List(list::Args),
    /// Show one entry in full.
    Show(show::Args),
    /// Change an entry (the same flags as add).
    Edit(edit::Args),
    /// Delete an entry.
    Rm(remove::Args),
    /// Mark an entry as a highlight for the appraisal.
    Star(star::Args),
    /// Remove an entry's highlight mark.
    Unstar(star::Args),
    /// Goals for the next period, linked to expectations.
    #[command(subcommand)]
    Goal(goal::Command),
    /// The 2-tier metric table for a period.
    Metrics(metrics::Args),
    /// Expectations of the next (or a named) tier: status, evidence, what is missing.
    Progress(progress::Args),
    /// Mark an expectation that no entry can show as met, with a one-line justification.
    SelfAssess(self_assess::Args),
    /// Your own techniques, counted beside the framework's vocabulary.
    #[command(subcommand)]
    Technique(technique::Command),
    /// The four CPD record standards over a period (default: the last 12 months).
    Cpd(cpd::Args),
    /// Time by area of work against your profile's target.
    Time(time::Args),
    /// Validate the journal; exits non-zero with the reasons if anything is wrong.
    #[command(after_help = "Example:\n  corepath check --journal backup/journal.json")]
    Check,
    /// Print the active framework as JSON.
    #[command(
        after_help = "Example:\n  corepath framework > my-institution.json\n  corepath --framework my-institution.json progress"
    )]
    Framework,
    /// Print shell completions.
    Completions(completions::Args),
    /// The evidence summary for an appraisal: Markdown, HTML, JSON or CSV.
    Export(export::Args),
    /// Bring entries in from corepath CSV or JSON, BibTeX, RIS, PubMed MEDLINE, or ORCID,
    /// Crossref and Europe PMC JSON; duplicates are skipped.
    Import(import::Args),
    /// Where your evidence already lives: the Europe PMC searches to run and import.
    #[command(
        subcommand,
        after_help = "Example:\n  corepath evidence query      the searches, as addresses to open"
    )]
    Evidence(evidence::Command),
    /// A facility view over several people's JSON evidence summaries.
    Rollup(rollup::Args),
}

/// What every subcommand can draw on: the framework, the journal's store, and today.
pub struct Env {
    /// The active framework.
    pub framework: Framework,
    /// The journal file.
    pub store: Store,
    /// Today's date (`COREPATH_TODAY` overrides the clock, for reproducible output).
    pub today: NaiveDate,
    /// Now, for timestamps.
    pub now: DateTime<Utc>,
    /// Keeps the demo's temporary copy alive.
    demo: Option<tempfile::TempDir>,
}

impl Env {
    /// Load the framework and resolve the journal path for a parsed command line.
    pub fn new(cli: &Cli) -> Result<Env, CliError> {
        let framework = load_framework(cli.framework.as_deref())?;
        let (store, demo) = if cli.demo {
            let (dir, path) = store::demo_copy().map_err(CliError::Store)?;
            (Store::new(path), Some(dir))
        } else {
            let path = match &cli.journal {
                Some(p) => p.clone(),
                None => store::default_journal_path().ok_or_else(|| {
                    CliError::Message(
                        "cannot find a data folder for the journal: pass --journal PATH".into(),
                    )
                })?,
            };
            (Store::new(path), None)
        };
        let now = Utc::now();
        let today = match std::env::var("COREPATH_TODAY") {
            Ok(s) => parse_date("COREPATH_TODAY", &s)?,
            Err(_) => chrono::Local::now().date_naive(),
        };
        Ok(Env {
            framework,
            store,
            today,
            now,
            demo,
        })
    }

    /// Read the journal.
    pub fn load(&self) -> Result<Loaded, CliError> {
        Ok(self.store.load()?)
    }

    /// Apply one change to the journal under the lock.
    pub fn change<T>(
        &self,
        change: impl FnOnce(&mut crate::model::Journal) -> Result<T, CliError>,
    ) -> Result<T, CliError> {
        self.store.transact(None, change).map(|(value, _)| value)
    }
}

/// Load the bundled framework, or a user's file.
pub fn load_framework(path: Option<&Path>) -> Result<Framework, CliError> {
    match path {
        None => Ok(Framework::bundled()?),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                CliError::Message(format!("cannot read the framework {}: {e}", path.display()))
            })?;
            let framework = Framework::from_json(&text).map_err(|e| {
                CliError::Message(format!("the framework {} is refused: {e}", path.display()))
            })?;
            for inversion in crate::framework::inversions(&framework) {
                say_err!(
                    "corepath: warning: the framework {} lets a threshold fall as the ladder climbs: {inversion}",
                    path.display()
                );
            }
            Ok(framework)
        }
    }
}

/// Run a parsed command line; `Ok(false)` means the command ran and found problems (exit 1).
pub fn run(cli: Cli) -> Result<bool, CliError> {
    let env = Env::new(&cli)?;
    let Some(command) = cli.command else {
        return open_app(env).map(|()| true);
    };
    match command {
        Command::Init(args) => init::run(&env, &args),
        Command::Profile(args) => profile::run(&env, &args),
        Command::Add(args) => add::run(&env, &args),
        Command::List(args) => list::run(&env, &args),
        Command::Show(args) => show::run(&env, &args),
        Command::Edit(args) => edit::run(&env, &args),
        Command::Rm(args) => remove::run(&env, &args),
        Command::Star(args) => star::run(&env, &args, true),
        Command::Unstar(args) => star::run(&env, &args, false),
        Command::Goal(cmd) => goal::run(&env, &cmd),
        Command::Metrics(args) => metrics::run(&env, &args),
        Command::Progress(args) => progress::run(&env, &args),
        Command::SelfAssess(args) => self_assess::run(&env, &args),
        Command::Technique(cmd) => technique::run(&env, &cmd),
        Command::Cpd(args) => cpd::run(&env, &args),
        Command::Time(args) => time::run(&env, &args),
        Command::Export(args) => export::run(&env, &args),
        Command::Import(args) => import::run(&env, &args),
        Command::Evidence(cmd) => evidence::run(&env, &cmd),
        Command::Rollup(args) => rollup::run(&env, &args),
        Command::Check => return check::run(&env),
        Command::Framework => {
            say!("{}", env.framework.to_json());
            Ok(())
        }
        Command::Completions(args) => {
            completions::run(&args);
            Ok(())
        }
    }
    .map(|()| true)
}

/// Open the terminal app on the journal (the welcome screen when there is none yet).
fn open_app(env: Env) -> Result<(), CliError> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::Message(
            "corepath opens a terminal app and needs a terminal; for scripts use a subcommand (corepath --help)".into(),
        ));
    }
    crate::tui::run(env.framework, env.store, env.today, env.demo).map_err(|e| match e {
        crate::tui::RunError::Journal(e) => CliError::Store(e),
        crate::tui::RunError::Terminal(e) => CliError::Message(format!("the terminal failed: {e}")),
    })
}

/// Print a value as pretty JSON.
fn print_json<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|e| CliError::Message(e.to_string()))?;
    text.push('\n');
    out::stdout_text(&text, Style::Json)
        .map_err(|e| CliError::Message(format!("cannot write to standard output: {e}")))
}
