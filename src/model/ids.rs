//! Persistent identifiers: ORCID, DOI, RRID, ROR and web links, checked as design §2 says.

use super::InputError;

/// Check an ORCID iD (`0000-0002-1825-0097`, also with an `https://orcid.org/` prefix) and
/// return it in its bare hyphenated form. The last character is an ISO 7064 MOD 11-2 check digit.
pub fn parse_orcid(field: &str, raw: &str) -> Result<String, InputError> {
    let expected = "an ORCID iD such as 0000-0002-1825-0097 (16 digits, the last a check digit)";
    let value = strip_prefixes(
        raw.trim(),
        &["https://orcid.org/", "http://orcid.org/", "orcid.org/"],
    );
    let chars: Vec<char> = value.chars().filter(|c| *c != '-').collect();
    let grouped = value.len() == 19 && value.split('-').all(|g| g.len() == 4);
    if chars.len() != 16 || (!grouped && value.contains('-')) {
        return Err(InputError::new(field, raw, expected));
    }
    let (body, check) = chars.split_at(15);
    let mut total: u32 = 0;
    for c in body {
        let d = c
            .to_digit(10)
            .ok_or_else(|| InputError::new(field, raw, expected))?;
        total = (total + d) * 2;
    }
    let result = (12 - total % 11) % 11;
    let want = if result == 10 {
        'X'
    } else {
        char::from_digit(result, 10).unwrap_or('?')
    };
    if check[0].to_ascii_uppercase() != want {
        return Err(InputError::new(
            field,
            raw,
            "an ORCID iD whose check digit matches (this one has a typing error)",
        ));
    }
    let all: String = chars.iter().map(|c| c.to_ascii_uppercase()).collect();
    Ok(format!(
        "{}-{}-{}-{}",
        &all[0..4],
        &all[4..8],
        &all[8..12],
        &all[12..16]
    ))
}

/// Check a DOI (`10.1038/s41592-021-01162-y`, a `https://doi.org/` or `doi:` prefix is stripped).
/// DOIs have no checksum: this checks the `10.` + registrant + `/` + suffix syntax.
pub fn parse_doi(field: &str, raw: &str) -> Result<String, InputError> {
    let value = strip_prefixes(
        raw.trim(),
        &[
            "https://doi.org/",
            "http://doi.org/",
            "https://dx.doi.org/",
            "http://dx.doi.org/",
            "doi.org/",
            "doi:",
        ],
    );
    let ok = value
        .strip_prefix("10.")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(registrant, suffix)| {
            !registrant.is_empty()
                && registrant.chars().all(|c| c.is_ascii_digit() || c == '.')
                && registrant
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
                && !suffix.is_empty()
                && !suffix.chars().any(char::is_whitespace)
        });
    if ok {
        Ok(value.to_string())
    } else {
        Err(InputError::new(
            field,
            raw,
            "a DOI such as 10.1038/s41592-021-01162-y (10., a registrant number, /, a suffix)",
        ))
    }
}

/// Check a PubMed id (`PMID: 12345678`, `12345678`): 1 to 8 digits, no leading zero.
pub fn parse_pmid(field: &str, raw: &str) -> Result<String, InputError> {
    let trimmed = raw.trim();
    let value = trimmed
        .strip_prefix("PMID:")
        .or_else(|| trimmed.strip_prefix("pmid:"))
        .unwrap_or(trimmed)
        .trim();
    let ok = (1..=8).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_digit())
        && !value.starts_with('0');
    if ok {
        Ok(value.to_string())
    } else {
        Err(InputError::new(
            field,
            raw,
            "a PubMed id such as 31235986 (1 to 8 digits)",
        ))
    }
}

/// Check an RRID (`RRID:SCR_017105`, `RRID:AB_2298772`): a prefix, `_`, an accession.
pub fn parse_rrid(field: &str, raw: &str) -> Result<String, InputError> {
    let trimmed = raw.trim();
    let value = trimmed
        .strip_prefix("RRID:")
        .or_else(|| trimmed.strip_prefix("rrid:"))
        .unwrap_or(trimmed);
    let ok = value.split_once('_').is_some_and(|(prefix, accession)| {
        !prefix.is_empty()
            && prefix.chars().all(|c| c.is_ascii_alphanumeric())
            && !accession.is_empty()
            && accession
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
    });
    if ok {
        Ok(format!("RRID:{value}"))
    } else {
        Err(InputError::new(
            field,
            raw,
            "an RRID such as RRID:SCR_017105 (a prefix, _, an accession)",
        ))
    }
}

const CROCKFORD: &str = "0123456789abcdefghjkmnpqrstvwxyz";

/// Check a ROR id (`05dxps055`, also with `https://ror.org/`): `0`, six Crockford base-32
/// characters and a two-digit ISO 7064 MOD 97-10 checksum.
pub fn parse_ror(field: &str, raw: &str) -> Result<String, InputError> {
    let expected = "a ROR id such as 05dxps055 (0, six letters or digits, a two-digit checksum)";
    let value = strip_prefixes(
        raw.trim(),
        &["https://ror.org/", "http://ror.org/", "ror.org/"],
    )
    .to_ascii_lowercase();
    let bytes = value.as_bytes();
    if bytes.len() != 9 || bytes[0] != b'0' || !bytes[7..].iter().all(u8::is_ascii_digit) {
        return Err(InputError::new(field, raw, expected));
    }
    let mut number: u64 = 0;
    for c in value[..7].chars() {
        let digit = CROCKFORD
            .find(c)
            .ok_or_else(|| InputError::new(field, raw, expected))?;
        number = number * 32 + digit as u64;
    }
    let check: u64 = value[7..]
        .parse()
        .map_err(|_| InputError::new(field, raw, expected))?;
    if 98 - (number * 100) % 97 != check {
        return Err(InputError::new(
            field,
            raw,
            "a ROR id whose checksum matches (this one has a typing error)",
        ));
    }
    Ok(value)
}

/// Check a web link: `http://` or `https://` and a host, no spaces.
pub fn parse_url(field: &str, raw: &str) -> Result<String, InputError> {
    let value = raw.trim();
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && !rest.starts_with('/')
                && !value.chars().any(char::is_whitespace) =>
        {
            Ok(value.to_string())
        }
        _ => Err(InputError::new(
            field,
            raw,
            "a web link starting with https:// or http://",
        )),
    }
}

/// Check a file reference: any non-empty path.
pub fn parse_file(field: &str, raw: &str) -> Result<String, InputError> {
    let value = raw.trim();
    if value.is_empty() {
        Err(InputError::new(field, raw, "a path to a file"))
    } else {
        Ok(value.to_string())
    }
}

fn strip_prefixes<'a>(value: &'a str, prefixes: &[&str]) -> &'a str {
    prefixes
        .iter()
        .find_map(|p| {
            value
                .get(..p.len())
                .filter(|head| head.eq_ignore_ascii_case(p))
                .map(|_| &value[p.len()..])
        })
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orcid_check_digit() {
        assert_eq!(
            parse_orcid("orcid", "0000-0002-1825-0097").expect("a valid test value"),
            "0000-0002-1825-0097"
        );
        assert_eq!(
            parse_orcid("orcid", "https://orcid.org/0000-0001-5109-3700")
                .expect("a valid test value"),
            "0000-0001-5109-3700"
        );
        assert_eq!(
            parse_orcid("orcid", "0000-0002-1694-233x").expect("a valid test value"),
            "0000-0002-1694-233X"
        );
        let err = parse_orcid("orcid", "0000-0002-1825-0098").unwrap_err();
        assert!(err.to_string().contains("check digit"), "{err}");
        assert!(parse_orcid("orcid", "0000-0002-1825").is_err());
        assert!(parse_orcid("orcid", "00000-002-1825-0097").is_err());
    }

    #[test]
    fn doi_syntax_and_prefix() {
        assert_eq!(
            parse_doi("doi", "https://doi.org/10.1038/s41592-021-01162-y")
                .expect("a valid test value"),
            "10.1038/s41592-021-01162-y"
        );
        assert_eq!(
            parse_doi("doi", "doi:10.5281/zenodo.10200758").expect("a valid test value"),
            "10.5281/zenodo.10200758"
        );
        assert!(parse_doi("doi", "10.1038").is_err());
        assert!(parse_doi("doi", "11.1038/abc").is_err());
        assert!(parse_doi("doi", "10.abc/def").is_err());
    }

    #[test]
    fn ror_checksum() {
        assert_eq!(
            parse_ror("ror", "https://ror.org/05dxps055").expect("a valid test value"),
            "05dxps055"
        );
        assert_eq!(
            parse_ror("ror", "02mhbdp94").expect("a valid test value"),
            "02mhbdp94"
        );
        assert!(
            parse_ror("ror", "05dxps056")
                .unwrap_err()
                .to_string()
                .contains("checksum")
        );
        assert!(parse_ror("ror", "15dxps055").is_err());
        assert!(parse_ror("ror", "05dxpu055").is_err());
    }

    #[test]
    fn rrid_and_url() {
        assert_eq!(
            parse_rrid("rrid", "RRID:SCR_017105").expect("a valid test value"),
            "RRID:SCR_017105"
        );
        assert_eq!(
            parse_rrid("rrid", "AB_2298772").expect("a valid test value"),
            "RRID:AB_2298772"
        );
        assert!(parse_rrid("rrid", "RRID:SCR").is_err());
        assert_eq!(
            parse_pmid("pmid", " PMID: 31235986").expect("a valid test value"),
            "31235986"
        );
        for bad in ["", "0123", "123456789", "12a4"] {
            assert!(parse_pmid("pmid", bad).is_err(), "{bad:?}");
        }
        assert!(parse_url("url", "https://example.org/x").is_ok());
        assert!(parse_url("url", "example.org").is_err());
        assert!(parse_url("url", "https://").is_err());
    }
}
