//! The checks forms run when a field is left: the model's own parsers, so the TUI says exactly
//! what the command line says.

use crate::model::{
    InputError, parse_date, parse_doi, parse_hours, parse_orcid, parse_people, parse_ror,
    parse_rrid, parse_url, parse_years,
};

macro_rules! checks {
    ($($(#[$doc:meta])* $name:ident => $parse:ident($field:literal);)*) => {
        $(
            $(#[$doc])*
            pub fn $name(value: &str) -> Result<(), InputError> {
                $parse($field, value).map(|_| ())
            }
        )*
    };
}

checks! {
    /// A date, YYYY-MM-DD.
    date => parse_date("date");
    /// Hours, 0 or more.
    hours => parse_hours("hours");
    /// A whole number of people.
    people => parse_people("people");
    /// Years of experience.
    years => parse_years("experience");
    /// A DOI.
    doi => parse_doi("doi");
    /// An RRID.
    rrid => parse_rrid("rrid");
    /// A ROR id.
    ror => parse_ror("ror");
    /// An ORCID iD.
    orcid => parse_orcid("orcid");
    /// A web link.
    url => parse_url("url");
}
