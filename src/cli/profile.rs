//! `corepath profile`: show or change the profile.

use super::{CliError, Env, Format, print_json};
use crate::model::{
    InputError, check_line, parse_date, parse_orcid, parse_percent, parse_rrid, parse_years,
    validate_profile,
};

/// `corepath profile`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  corepath profile\n  corepath profile --next-appraisal 2027-03-15 --last-appraisal 2026-03-10\n  \
    corepath profile --allocation service=50 --allocation operations=25 --allocation development=10 \
    --allocation own-development=10 --allocation community=5"
)]
pub struct Args {
    /// Your full name.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Your current tier.
    #[arg(long, value_name = "TIER")]
    pub tier: Option<String>,
    /// In this tier since, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Your highest qualification: secondary, graduate, postgraduate, phd.
    #[arg(long, value_name = "Q")]
    pub qualification: Option<String>,
    /// Years of relevant experience.
    #[arg(long, value_name = "YEARS")]
    pub experience: Option<String>,
    /// Whether you have management and supervision experience.
    #[arg(long, value_name = "yes|no")]
    pub management: Option<String>,
    /// Your ORCID iD.
    #[arg(long, value_name = "ORCID")]
    pub orcid: Option<String>,
    /// Another spelling of your name on papers, e.g. "Z. Okonkwo" (repeat for each; an empty
    /// value clears them). Imported papers listing you become co-author.
    #[arg(long, value_name = "NAME")]
    pub alias: Vec<String>,
    /// Your core facility.
    #[arg(long, value_name = "TEXT")]
    pub facility: Option<String>,
    /// Your facility's RRID, e.g. RRID:SCR_017105 (for `corepath evidence query`).
    #[arg(long, value_name = "RRID")]
    pub rrid: Option<String>,
    /// Your institution.
    #[arg(long, value_name = "TEXT")]
    pub institution: Option<String>,
    /// The last appraisal meeting.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub last_appraisal: Option<String>,
    /// The next appraisal meeting.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub next_appraisal: Option<String>,
    /// Target share of time for an area of work, AREA=PERCENT (repeat for each; they add up to 100).
    #[arg(long, value_name = "AREA=PERCENT")]
    pub allocation: Vec<String>,
    /// Your case in your own words, read from a UTF-8 text file (at most 4,000 characters): the
    /// evidence summary opens with it. An empty file removes it.
    #[arg(long, value_name = "FILE")]
    pub statement_file: Option<std::path::PathBuf>,
    /// table or json (when showing).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

impl Args {
    fn changes_anything(&self) -> bool {
        [
            &self.name,
            &self.tier,
            &self.since,
            &self.qualification,
            &self.experience,
            &self.management,
            &self.orcid,
            &self.rrid,
        ]
        .iter()
        .any(|o| o.is_some())
            || [
                &self.facility,
                &self.institution,
                &self.last_appraisal,
                &self.next_appraisal,
            ]
            .iter()
            .any(|o| o.is_some())
            || !self.allocation.is_empty()
            || self.statement_file.is_some()
            || !self.alias.is_empty()
    }
}

/// The statement file's text: UTF-8, within the length the summary's first page allows.
fn read_statement(path: &std::path::Path) -> Result<String, CliError> {
    let shown = path.display();
    let bytes = crate::store::read_small(path, STATEMENT_FILE_LIMIT)
        .map_err(|e| CliError::Message(format!("cannot read the statement {shown}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        CliError::Message(format!(
            "the statement {shown} is not UTF-8 text (invalid byte at offset {}): save it as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let text = text.trim().replace("\r\n", "\n");
    let chars = text.chars().count();
    if chars > crate::model::STATEMENT_LIMIT {
        return Err(CliError::Message(format!(
            "the statement {shown} has {chars} characters: expected at most {}",
            crate::model::STATEMENT_LIMIT
        )));
    }
    Ok(text)
}

/// The largest statement file read: 4,000 characters of up to four bytes each.
const STATEMENT_FILE_LIMIT: u64 = 16_000;

/// Show the profile, or apply the changes given.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let statement = args
        .statement_file
        .as_deref()
        .map(read_statement)
        .transpose()?;
    let profile = if args.changes_anything() {
        env.change(|journal| {
            let p = &mut journal.profile;
            let date = |field: &str, v: &str| parse_date(field, v).map_err(CliError::flag);
            if let Some(v) = &args.name {
                p.name = v.trim().to_string();
            }
            if let Some(v) = &args.tier {
                p.tier = v.trim().to_string();
            }
            if let Some(v) = &args.since {
                p.tier_since = Some(date("since", v)?);
            }
            if let Some(v) = &args.qualification {
                p.qualification = Some(v.trim().to_string());
            }
            if let Some(v) = &args.experience {
                p.experience_years = Some(parse_years("experience", v).map_err(CliError::flag)?);
            }
            if let Some(v) = &args.management {
                p.management_experience = Some(match v.trim() {
                    "yes" | "true" => true,
                    "no" | "false" => false,
                    _ => {
                        return Err(CliError::flag(InputError::new(
                            "management",
                            v,
                            "yes or no",
                        )));
                    }
                });
            }
            if let Some(v) = &args.orcid {
                p.orcid = Some(parse_orcid("orcid", v).map_err(CliError::flag)?);
            }
            if let Some(v) = &args.facility {
                p.facility = v.trim().to_string();
            }
            if let Some(v) = &args.rrid {
                p.rrid = Some(parse_rrid("rrid", v).map_err(CliError::flag)?);
            }
            for alias in &args.alias {
                let alias = alias.trim();
                if alias.is_empty() {
                    p.aliases.clear();
                    continue;
                }
                check_line("alias", alias).map_err(CliError::flag)?;
                if !p.aliases.iter().any(|a| a == alias) {
                    p.aliases.push(alias.to_string());
                }
            }
            if let Some(v) = &args.institution {
                p.institution = v.trim().to_string();
            }
            if let Some(v) = &args.last_appraisal {
                p.last_appraisal = Some(date("last-appraisal", v)?);
            }
            if let Some(v) = &args.next_appraisal {
                p.next_appraisal = Some(date("next-appraisal", v)?);
            }
            if let Some(text) = &statement {
                p.statement = text.clone();
            }
            if !args.allocation.is_empty() {
                p.allocation.clear();
                for pair in &args.allocation {
                    let (area, share) = pair.split_once('=').ok_or_else(|| {
                        CliError::flag(InputError::new(
                            "allocation",
                            pair,
                            "AREA=PERCENT, such as service=50",
                        ))
                    })?;
                    let share = parse_percent("allocation", share).map_err(CliError::flag)?;
                    p.allocation.insert(area.trim().to_string(), share);
                }
            }
            validate_profile(&env.framework, p).map_err(CliError::flag)?;
            Ok(p.clone())
        })?
    } else {
        env.load()?.journal.profile
    };
    if args.format == Format::Json {
        return print_json(&profile);
    }
    let tier = env.framework.tier(&profile.tier);
    say!("{}", profile.name);
    let line = |label: &str, value: String| {
        if !value.is_empty() {
            say!("  {label:<16}{value}");
        }
    };
    line(
        "tier",
        tier.map_or(profile.tier.clone(), |t| {
            format!("{} ({})", t.title, t.stage.label())
        }),
    );
    line(
        "since",
        profile
            .tier_since
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    line(
        "qualification",
        profile.qualification.clone().unwrap_or_default(),
    );
    line(
        "experience",
        profile
            .experience_years
            .map(|y| format!("{y} years"))
            .unwrap_or_default(),
    );
    line(
        "management",
        profile
            .management_experience
            .map(|m| if m { "yes" } else { "no" }.to_string())
            .unwrap_or_default(),
    );
    line(
        "ORCID",
        profile
            .orcid
            .as_ref()
            .map(|o| format!("https://orcid.org/{o}"))
            .unwrap_or_default(),
    );
    line("aliases", profile.aliases.join("; "));
    line("facility", profile.facility.clone());
    line("facility RRID", profile.rrid.clone().unwrap_or_default());
    line("institution", profile.institution.clone());
    line(
        "last appraisal",
        profile
            .last_appraisal
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    line(
        "next appraisal",
        profile
            .next_appraisal
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let allocation: Vec<String> = profile
        .allocation
        .iter()
        .map(|(a, s)| format!("{a} {s}%"))
        .collect();
    line("time target", allocation.join(", "));
    Ok(())
}
