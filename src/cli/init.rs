//! `corepath init`: create the profile and an empty journal.

use super::{CliError, Env};
use crate::model::{Journal, Profile, parse_date, parse_orcid, parse_years, validate_profile};

/// `corepath init`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  corepath init --name \"Ada Lovelace\" --tier support-scientist --qualification postgraduate --orcid 0000-0002-1825-0097"
)]
pub struct Args {
    /// Your full name.
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// Your current tier: scientific-officer, support-scientist, scientist, senior-scientist,
    /// facility-manager, facility-director, core-administrator.
    #[arg(long, value_name = "TIER")]
    pub tier: String,
    /// Your highest qualification: secondary, graduate, postgraduate, phd.
    #[arg(long, value_name = "Q")]
    pub qualification: Option<String>,
    /// Your ORCID iD.
    #[arg(long, value_name = "ORCID")]
    pub orcid: Option<String>,
    /// In this tier since, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Years of relevant experience.
    #[arg(long, value_name = "YEARS")]
    pub experience: Option<String>,
    /// Your core facility.
    #[arg(long, value_name = "TEXT")]
    pub facility: Option<String>,
    /// Your institution.
    #[arg(long, value_name = "TEXT")]
    pub institution: Option<String>,
}

/// Create the journal.
pub fn run(env: &Env, args: &Args) -> Result<(), CliError> {
    let mut profile = Profile::new(args.name.trim(), args.tier.trim());
    profile.qualification = args.qualification.as_ref().map(|q| q.trim().to_string());
    profile.orcid = args
        .orcid
        .as_deref()
        .map(|o| parse_orcid("orcid", o))
        .transpose()
        .map_err(CliError::flag)?;
    profile.tier_since = args
        .since
        .as_deref()
        .map(|d| parse_date("since", d))
        .transpose()
        .map_err(CliError::flag)?;
    profile.experience_years = args
        .experience
        .as_deref()
        .map(|y| parse_years("experience", y))
        .transpose()
        .map_err(CliError::flag)?;
    profile.facility = args.facility.clone().unwrap_or_default();
    profile.institution = args.institution.clone().unwrap_or_default();
    validate_profile(&env.framework, &profile).map_err(CliError::flag)?;
    env.store.create(&Journal::new(profile))?;
    let tier = env
        .framework
        .tier(args.tier.trim())
        .map_or(args.tier.as_str(), |t| t.title.as_str());
    say!(
        "Created {} for {} ({tier}).",
        env.store.path().display(),
        args.name.trim()
    );
    say!(
        "Next: log what you did with `corepath add --kind KIND --title TITLE`, then see `corepath progress`."
    );
    Ok(())
}
