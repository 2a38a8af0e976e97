//! `corepath import`: bring entries in from corepath CSV or JSON, or from BibTeX.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::table::truncate;
use super::{CliError, Env};
use crate::import::bookings::{self, DateOrder, Mapping};
use crate::import::paper::Person;
use crate::import::text::{self, Decoded, Encoding};
use crate::import::{self, Candidate, FileRead, ImportError, ImportFormat, Options, Plan};
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
    /// RIS from a reference manager or a database: one publication entry per record.
    Ris,
    /// PubMed's MEDLINE format (.nbib): one publication entry per record.
    #[value(alias = "nbib", alias = "pubmed")]
    Medline,
}

impl From<Format> for ImportFormat {
    fn from(f: Format) -> ImportFormat {
        match f {
            Format::Csv => ImportFormat::Csv,
            Format::Json => ImportFormat::Json,
            Format::Bibtex => ImportFormat::Bibtex,
            Format::Ris => ImportFormat::Ris,
            Format::Medline => ImportFormat::Medline,
        }
    }
}

/// How booking dates such as 03/04/2026 read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateFormat {
    /// Day first: 3 April.
    Dmy,
    /// Month first: 4 March.
    Mdy,
}

/// The encodings `--encoding` forces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8 (a byte-order mark is allowed).
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// UTF-16, little-endian unless a byte-order mark says big-endian.
    #[value(name = "utf-16", alias = "utf16")]
    Utf16,
    /// ISO 8859-1.
    #[value(name = "latin-1", alias = "latin1", alias = "iso-8859-1")]
    Latin1,
    /// Windows-1252.
    #[value(name = "windows-1252", alias = "cp1252")]
    Windows1252,
}

impl From<EncodingArg> for Encoding {
    fn from(e: EncodingArg) -> Encoding {
        match e {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Utf16 => Encoding::Utf16,
            EncodingArg::Latin1 => Encoding::Latin1,
            EncodingArg::Windows1252 => Encoding::Windows1252,
        }
    }
}

/// `corepath import`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    corepath import my-papers.bib --dry-run      see what would be added, skipped and refused\n  \
    corepath import thesis.bib macros.bib        files share their @string macros\n  \
    corepath import my-papers.bib --role acknowledged\n  \
    corepath import entries.csv                  (the columns of `corepath export --format csv`)\n  \
    corepath import old-journal.json\n\n\
    Entries already in the journal (same DOI, PMID, date + kind + title, or for a publication \
    title + year) are skipped; --update gives them the DOI or PMID they lack. A bad \
    BibTeX record is refused alone and listed with its file, key, line and reason; --strict \
    refuses the whole import at the first fault instead, and nothing is written.")]
pub struct Args {
    /// The files to import (.csv, .json, .bib, .ris, .nbib).
    #[arg(value_name = "FILE", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// csv, json, bibtex, ris or medline (default: from each file's extension: .csv, .json,
    /// .bib, .ris, .nbib or .txt).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// For papers that do not list you as an author (by your profile's ORCID iD, name or
    /// aliases): acknowledged, data-contributor, not-recognised or co-author (default: co-author
    /// for BibTeX, acknowledged for RIS and MEDLINE).
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// List what would be added, skipped and refused; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Refuse everything at the first bad record of any file (nothing is written).
    #[arg(long)]
    pub strict: bool,
    /// Read the files as a booking system's export (CSV) through a column mapping: ppms,
    /// calpendo, or a TOML or JSON mapping file.
    #[arg(long, value_name = "ppms|calpendo|FILE")]
    pub mapping: Option<String>,
    /// For booking exports: how dates such as 03/04/2026 read — dmy (3 April, default) or mdy.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_format: Option<DateFormat>,
    /// Give entries already in the journal the DOI or PubMed id a duplicate record brings and
    /// they lack (nothing else of theirs changes).
    #[arg(long)]
    pub update: bool,
    /// Read the files in this encoding (default: detected — UTF-8 with or without BOM, UTF-16
    /// with BOM, Latin-1 or Windows-1252).
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub encoding: Option<EncodingArg>,
}

fn line(c: &Candidate, width: usize) -> String {
    let text = format!("{}  {:<14} {}", c.entry.date, c.entry.kind, c.entry.title);
    truncate(&text, width)
}

/// A file read: its name as shown, format and encoding, and what it gave.
struct Source {
    name: String,
    format: ImportFormat,
    encoding: String,
    read: Result<FileRead, ImportError>,
    /// How many entries it gave (counted before they go to the plan).
    count: usize,
}

fn print_plan(plan: &Plan, filled: &[(String, Vec<String>)], sources: &[Source], dry_run: bool) {
    let width = super::table::width().saturating_sub(4);
    let verb = if dry_run { "would add" } else { "added" };
    let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    say!(
        "{verb} {} {} from {}",
        plan.add.len(),
        if plan.add.len() == 1 {
            "entry"
        } else {
            "entries"
        },
        names.join(", ")
    );
    for s in sources {
        match &s.read {
            Ok(read) => say!(
                "{}: {}{}, {}: {} read, {} refused",
                s.name,
                s.format.name(),
                read.source.map(|k| format!(" ({k})")).unwrap_or_default(),
                s.encoding,
                s.count,
                read.refused.len()
            ),
            Err(_) => say!(
                "{}: {}, {}: refused whole",
                s.name,
                s.format.name(),
                s.encoding
            ),
        }
    }
    if dry_run {
        for c in &plan.add {
            say!("  + {}", line(c, width));
            if !c.rule.is_empty() {
                say!(
                    "      role {}: {}",
                    c.entry.role.as_deref().unwrap_or(""),
                    c.rule
                );
            }
        }
    }
    if !plan.skipped.is_empty() {
        say!(
            "{} {} already in the journal or repeated in the files:",
            if dry_run { "would skip" } else { "skipped" },
            plan.skipped.len()
        );
        for s in &plan.skipped {
            say!("  = {}", line(&s.candidate, width));
            say!("      {} ({})", s.reason, s.candidate.at);
        }
    }
    if !filled.is_empty() {
        say!(
            "{} {} with identifiers they lacked:",
            if dry_run { "would update" } else { "updated" },
            filled.len()
        );
        for (id, given) in filled {
            say!("  ~ entry {id}: {}", given.join(", "));
        }
    }
    let refused: Vec<String> = sources
        .iter()
        .flat_map(|s| match &s.read {
            Ok(read) => read
                .refused
                .iter()
                .map(|e| format!("{}: {e}", s.name))
                .collect::<Vec<_>>(),
            Err(e) => vec![format!("{}: the whole file: {e}", s.name)],
        })
        .collect();
    if !refused.is_empty() {
        say!("refused {}:", refused.len());
        for r in &refused {
            say!("  ! {r}");
        }
    }
    if dry_run {
        say!("dry run: the journal is unchanged");
    }
}

/// Read a file's bytes and decode them; the format from the flag or the extension.
fn load(
    path: &Path,
    format: Option<Format>,
    encoding: Option<Encoding>,
) -> Result<(String, ImportFormat, Result<Decoded, String>), CliError> {
    let shown = path.display().to_string();
    let format: ImportFormat = match format {
        Some(f) => f.into(),
        None => ImportFormat::from_path(path).ok_or_else(|| {
            CliError::Message(format!(
                "cannot tell the format of {shown} from its extension: pass --format csv, json, bibtex, ris or medline"
            ))
        })?,
    };
    // Only a regular file, and no larger than an import reads: a pipe or a device can neither
    // hang the import nor fill memory.
    let bytes = crate::store::read_small(path, import::MAX_FILE_BYTES)
        .map_err(|e| CliError::Message(format!("{shown} is refused: {e}")))?;
    let decoded = text::decode(&bytes, encoding).map_err(|e| e.to_string());
    let name = path
        .file_name()
        .map_or(shown, |n| n.to_string_lossy().into_owned());
    Ok((name, format, decoded))
}

/// The largest mapping file read: a few dozen lines are all a mapping needs.
const MAPPING_LIMIT: u64 = 1 << 20;

/// Import booking exports through a mapping.
fn run_bookings(env: &Env, args: &Args, mapping: &str) -> Result<(), CliError> {
    let mapping = match mapping {
        "ppms" => Mapping::ppms(),
        "calpendo" => Mapping::calpendo(),
        path => {
            let bytes = crate::store::read_small(Path::new(path), MAPPING_LIMIT)
                .map_err(|e| CliError::Message(format!("cannot read the mapping {path}: {e}")))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                CliError::Message(format!(
                    "the mapping {path} is refused: it is not UTF-8 text"
                ))
            })?;
            Mapping::parse(&text)
                .map_err(|e| CliError::Message(format!("the mapping {path} is refused: {e}")))?
        }
    };
    let order = match args.date_format {
        Some(DateFormat::Mdy) => DateOrder::MonthFirst,
        _ => DateOrder::DayFirst,
    };
    let mut texts = Vec::new();
    for path in &args.files {
        let (name, _, decoded) = load(path, Some(Format::Csv), args.encoding.map(Encoding::from))?;
        let decoded = decoded.map_err(|e| {
            CliError::Message(format!("{name} is refused: {e}; nothing was imported"))
        })?;
        texts.push((name, decoded));
    }
    let apply = |journal: &mut crate::model::Journal| -> Result<Vec<(String, String, bookings::Plan)>, CliError> {
        let mut plans = Vec::new();
        for (name, decoded) in &texts {
            let plan = bookings::plan(
                &decoded.text,
                &mapping,
                order,
                &env.framework,
                journal,
                name,
                env.now,
            )
            .map_err(|e| {
                CliError::Message(format!("{name} is refused (booking export): {e}; nothing was imported"))
            })?;
            if args.strict && let Some(e) = plan.refused.first() {
                return Err(CliError::Message(format!(
                    "{name} is refused (booking export): {e}; nothing was imported"
                )));
            }
            let mut taken = journal.ids_in_use();
            for e in &plan.add {
                let mut e = e.clone();
                e.id = fresh_id(|id| taken.contains(id));
                taken.insert(e.id.clone());
                journal.entries.push(e);
            }
            bookings::extend(journal, &plan.extend, env.now);
            plans.push((name.clone(), decoded.encoding.clone(), plan));
        }
        Ok(plans)
    };
    let plans = if args.dry_run {
        let mut journal = env.load()?.journal;
        apply(&mut journal)?
    } else {
        env.change(apply)?
    };
    let verb = if args.dry_run { "would add" } else { "added" };
    for (name, encoding, plan) in &plans {
        let training = plan
            .add
            .iter()
            .filter(|e| e.kind == bookings::TRAINING_KIND)
            .count();
        say!(
            "{verb} {} entries from {name} ({encoding}): {training} training sessions, {} months of \
             instrument usage",
            plan.add.len(),
            plan.add.len() - training
        );
        for e in &plan.add {
            let what = match (e.hours, e.usage_hours) {
                (_, Some(u)) => format!("{u} usage hours"),
                (Some(h), _) => format!("{h} h, {} people", e.people.unwrap_or(0)),
                _ => String::new(),
            };
            say!("  + {}  {:<18} {}  ({what})", e.date, e.kind, e.title);
        }
        for (id, hours, keys) in &plan.extend {
            say!(
                "  ~ entry {id}: {} {hours} usage hours from {} new rows",
                if args.dry_run { "would gain" } else { "gained" },
                keys.len()
            );
        }
        if plan.counted > 0 {
            say!("{} rows already counted, skipped", plan.counted);
        }
        if !plan.refused.is_empty() {
            say!("refused {}:", plan.refused.len());
            for e in &plan.refused {
                say!("  ! {name}: {e}");
            }
        }
    }
    if args.dry_run {
        say!("dry run: the journal is unchanged");
    }
    Ok(())
}

/// Import the files.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    if let Some(mapping) = &args.mapping {
        return run_bookings(env, args, mapping);
    }
    if args.date_format.is_some() {
        return Err(CliError::Message(
            "--date-format applies to booking exports: pass --mapping ppms, calpendo or a file"
                .into(),
        ));
    }
    let mut loaded = Vec::with_capacity(args.files.len());
    for path in &args.files {
        loaded.push(load(path, args.format, args.encoding.map(Encoding::from))?);
    }
    if args.role.is_some() && loaded.iter().all(|(_, f, _)| *f == ImportFormat::Csv) {
        return Err(CliError::Message(
            "--role applies to BibTeX, RIS, MEDLINE and service JSON records; CSV entries carry their \
             own role"
                .into(),
        ));
    }
    let role = match &args.role {
        Some(role) => {
            Some(check_role(&env.framework, import::bibtex::KIND, role).map_err(CliError::flag)?)
        }
        None => None,
    };
    let profile = env.load()?.journal.profile;
    let mut names = vec![profile.name];
    names.extend(profile.aliases);
    let options = Options {
        framework: &env.framework,
        now: env.now,
        role,
        person: Person {
            orcid: profile.orcid,
            names,
        },
    };
    let mut sources: Vec<Source> = Vec::with_capacity(loaded.len());
    let mut bibtex = Vec::new();
    for (shown, format, decoded) in loaded {
        let (encoding, read) = match decoded {
            Err(reason) => (
                "unknown encoding".to_string(),
                Err(ImportError::new("", reason)),
            ),
            Ok(d) if format == ImportFormat::Bibtex => {
                bibtex.push((sources.len(), d.text));
                (d.encoding, Ok(FileRead::default()))
            }
            Ok(d) => (
                d.encoding,
                import::read(format, &d.text, &options, args.strict),
            ),
        };
        sources.push(Source {
            name: shown,
            format,
            encoding,
            read,
            count: 0,
        });
    }
    let texts: Vec<&str> = bibtex.iter().map(|(_, t)| t.as_str()).collect();
    let reads = import::bibtex::parse_files(&texts, &options, args.strict);
    for ((i, _), read) in bibtex.iter().zip(reads) {
        if let Some(s) = sources.get_mut(*i) {
            s.read = read;
        }
    }
    if args.strict
        && let Some((s, e)) = sources
            .iter()
            .find_map(|s| s.read.as_ref().err().map(|e| (s, e)))
    {
        return Err(CliError::Message(format!(
            "{} is refused ({} import): {e}; nothing was imported (read as {})",
            s.name,
            s.format.name(),
            s.encoding
        )));
    }
    let mut candidates = Vec::new();
    let first_refusal = sources.iter().find_map(|s| match &s.read {
        Ok(read) => read.refused.first().map(|e| (s, e.clone())),
        Err(e) => Some((s, e.clone())),
    });
    if let Some((s, e)) = first_refusal
        && sources
            .iter()
            .all(|s| s.read.as_ref().map_or(true, |r| r.candidates.is_empty()))
    {
        return Err(CliError::Message(format!(
            "{} is refused ({} import): {e}; nothing was imported (read as {})",
            s.name,
            s.format.name(),
            s.encoding
        )));
    }
    for s in &mut sources {
        if let Ok(read) = &mut s.read {
            s.count = read.candidates.len();
            for mut c in read.candidates.drain(..) {
                c.at = format!("{}: {}", s.name, c.at);
                candidates.push(c);
            }
        }
    }
    if args.dry_run {
        let mut journal = env.load()?.journal;
        let plan = import::plan(&journal, candidates);
        let filled = if args.update {
            import::fill_identifiers(&mut journal, &plan.skipped, env.now)
        } else {
            Vec::new()
        };
        print_plan(&plan, &filled, &sources, true);
        return Ok(());
    }
    let (plan, filled) = env.change(|journal| {
        let mut plan = import::plan(journal, candidates);
        let filled = if args.update {
            import::fill_identifiers(journal, &plan.skipped, env.now)
        } else {
            Vec::new()
        };
        let mut taken = journal.ids_in_use();
        for c in &mut plan.add {
            c.entry.id = fresh_id(|id| taken.contains(id));
            taken.insert(c.entry.id.clone());
            journal.entries.push(c.entry.clone());
        }
        Ok((plan, filled))
    })?;
    print_plan(&plan, &filled, &sources, false);
    Ok(())
}
