//! First run: the profile, asked for step by step.

use chrono::NaiveDate;

use super::checks;
use super::form::{Choice, Field, Form};
use crate::framework::Framework;
use crate::model::{
    InputError, Journal, Profile, parse_date, parse_orcid, parse_years, validate_profile,
};

/// The onboarding form.
pub fn form(framework: &Framework, today: NaiveDate) -> Form {
    let tiers = framework
        .tiers
        .iter()
        .map(|t| Choice {
            id: t.id.clone(),
            label: format!("{} ({})", t.title, t.stage.label()),
        })
        .collect();
    let default_tier = framework.tiers.get(1).map_or("", |t| t.id.as_str());
    let qualifications = framework
        .qualifications
        .iter()
        .map(|q| Choice {
            id: q.id.clone(),
            label: q.label.clone(),
        })
        .collect();
    Form::new(vec![
        Field::text(
            "name",
            "Your name",
            "Your full name, as it should appear in your appraisal summary.",
            "",
        )
        .required(),
        Field::choice(
            "tier",
            "Current tier",
            "Where you stand on the job family ladder (←/→ to choose).",
            tiers,
            default_tier,
        ),
        Field::text("since", "In this tier since", "YYYY-MM-DD (optional).", "")
            .checked(checks::date),
        Field::choice(
            "qualification",
            "Qualification",
            "Your highest qualification (←/→).",
            qualifications,
            "postgraduate",
        ),
        Field::text(
            "experience",
            "Years of experience",
            "Years of relevant experience, e.g. 6 (optional).",
            "",
        )
        .checked(checks::years),
        Field::text(
            "orcid",
            "ORCID iD",
            "e.g. 0000-0002-1825-0097 (optional; the check digit is verified).",
            "",
        )
        .checked(checks::orcid),
        Field::text(
            "next_appraisal",
            "Next appraisal",
            &format!(
                "The date of your next appraisal meeting, YYYY-MM-DD (optional), e.g. {}.",
                today + chrono::Days::new(120)
            ),
            "",
        )
        .checked(checks::date),
    ])
}

/// The new journal the form describes, checked as `corepath init` checks it.
pub fn journal(framework: &Framework, form: &mut Form) -> Result<Journal, InputError> {
    form.validate_all()?;
    let optional = |name: &str| Some(form.value(name)).filter(|v| !v.is_empty());
    let mut profile = Profile::new(&form.value("name"), &form.value("tier"));
    profile.tier_since = optional("since")
        .map(|d| parse_date("since", &d))
        .transpose()?;
    profile.qualification = optional("qualification");
    profile.experience_years = optional("experience")
        .map(|y| parse_years("experience", &y))
        .transpose()?;
    profile.orcid = optional("orcid")
        .map(|o| parse_orcid("orcid", &o))
        .transpose()?;
    profile.next_appraisal = optional("next_appraisal")
        .map(|d| parse_date("next appraisal", &d))
        .transpose()?;
    validate_profile(framework, &profile)?;
    Ok(Journal::new(profile))
}
