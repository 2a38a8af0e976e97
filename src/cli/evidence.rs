//! `corepath evidence query`: the Europe PMC searches that find a person's evidence — papers
//! whose acknowledgements name their facility or its RRID, and papers they authored by ORCID
//! iD — printed as ready-to-open addresses. corepath never goes online itself: the user opens
//! the address, saves the JSON and imports it.

use super::{CliError, Env};

/// The Europe PMC REST search; `resultType=core` brings author ORCID iDs.
const REST: &str = "https://www.ebi.ac.uk/europepmc/webservices/rest/search";

/// The Europe PMC website's search.
const SITE: &str = "https://europepmc.org/search";

/// `corepath evidence`.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Print the Europe PMC searches for papers acknowledging your facility (by name or RRID,
    /// from your profile) and for papers you authored (by ORCID iD). Offline: only addresses.
    #[command(after_help = "Example:\n  \
        corepath profile --facility \"Bioimaging Core\" --rrid RRID:SCR_017105\n  \
        corepath evidence query\n  \
        (open the address, save the JSON, then)\n  \
        corepath import acknowledgements.json --dry-run")]
    Query,
}

/// Percent-encode a query for an address (everything but unreserved characters).
fn encode(query: &str) -> String {
    let mut out = String::with_capacity(query.len() * 3);
    for b in query.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A phrase for the query: quotes and control characters dropped.
fn phrase(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c == '"' || c.is_control() { ' ' } else { c })
        .collect();
    format!(
        "\"{}\"",
        cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

fn print_query(title: &str, query: &str) {
    say!("{title}");
    say!("  query: {query}");
    say!(
        "  JSON:  {REST}?query={}&resultType=core&format=json&pageSize=1000",
        encode(query)
    );
    say!("  web:   {SITE}?query={}", encode(query));
}

/// Run `corepath evidence`.
pub fn run(env: &Env, command: &Command) -> Result<(), CliError> {
    match command {
        Command::Query => {
            let profile = env.load()?.journal.profile;
            let mut parts = Vec::new();
            let facility = profile.facility.trim();
            if !facility.is_empty() {
                parts.push(format!("ACK_FUND:{}", phrase(facility)));
            }
            if let Some(rrid) = &profile.rrid {
                let accession = rrid.strip_prefix("RRID:").unwrap_or(rrid);
                parts.push(format!("ACK_FUND:{}", phrase(accession)));
                parts.push(phrase(rrid));
            }
            if parts.is_empty() && profile.orcid.is_none() {
                return Err(CliError::Message(
                    "profile: no facility, RRID or ORCID iD to search for: set them with \
                     `corepath profile --facility NAME --rrid RRID:SCR_… --orcid ID`"
                        .into(),
                ));
            }
            if parts.is_empty() {
                say!(
                    "No facility or RRID in your profile (corepath profile --facility NAME \
                     --rrid RRID:SCR_…): no acknowledgement search."
                );
            } else {
                print_query(
                    "Papers whose acknowledgements name your facility:",
                    &parts.join(" OR "),
                );
            }
            match &profile.orcid {
                Some(orcid) => print_query(
                    "Papers you authored (by ORCID iD):",
                    &format!("AUTHORID:{}", phrase(orcid)),
                ),
                None => say!(
                    "No ORCID iD in your profile (corepath profile --orcid ID): no authored-paper \
                     search."
                ),
            }
            say!(
                "Open an address, save the JSON, then: corepath import FILE.json --dry-run \
                 (papers listing you by ORCID iD or name become co-author, the others \
                 acknowledged)"
            );
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_encoded() {
        assert_eq!(encode("ACK_FUND:\"A b\""), "ACK_FUND%3A%22A%20b%22");
        assert_eq!(encode("é"), "%C3%A9");
        assert_eq!(phrase(" Core \"x\"\n"), "\"Core x\"");
    }
}
