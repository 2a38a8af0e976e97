//! BibTeX and BibLaTeX from a reference manager: one `publication` entry per record.
//!
//! Parsed with the `biblatex` crate, which resolves `@string` macros, `#` concatenation, month
//! macros (`month = dec`) and most LaTeX accents. Before it sees a field, a small pass fixes what
//! it leaves as TeX: `\i`/`\j` under accents, `\o{}`-style glyphs, `~`, ``` `` ''``` quotes,
//! formatting commands such as `\emph{…}`, and simple maths (`$\alpha$`, `Ca$^{2+}$`). An undefined
//! macro fails the whole file with its record, line and column.
//!
//! Each record gives: the title (as written, braces dropped), the date from `year` + `month`
//! (+ `day`; or a BibLaTeX `date`), the journal (or book title) and the authors in the notes, the
//! DOI as evidence (checked), else a `url`, and the recognition role `co-author` unless the
//! options name another.

use biblatex::{
    Bibliography, ChunksExt, Field, Pair, ParseError, ParseErrorKind, RawBibliography, RawChunk,
    RawEntry, Spanned,
};
use chrono::NaiveDate;

use super::{Candidate, ImportError, Options, finish};
use crate::model::{Entry, Evidence, EvidenceType, parse_doi, parse_url};

/// The kind every record becomes.
pub const KIND: &str = "publication";

/// The role given when the options name none.
pub const DEFAULT_ROLE: &str = "co-author";

/// How many authors the notes name before "et al.".
const AUTHORS_LISTED: usize = 12;

/// Fields that hold identifiers, not text: left exactly as written.
fn is_verbatim(key: &str) -> bool {
    matches!(
        key.to_ascii_lowercase().as_str(),
        "doi" | "url" | "file" | "eprint" | "pdf" | "uri" | "urlraw" | "verba" | "verbb" | "verbc"
    )
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(1, |l| l.chars().count() + 1);
    (line, column)
}

/// The key of the record that contains a byte offset, if any.
fn record_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset.min(text.len()))?;
    let at = before.rfind('@')?;
    let rest = text.get(at + 1..)?;
    let open = rest.find(['{', '('])?;
    let kind = rest[..open].trim();
    if kind.eq_ignore_ascii_case("string") || kind.eq_ignore_ascii_case("preamble") {
        return None;
    }
    let after = &rest[open + 1..];
    let end = after.find([',', '\n', '}'])?;
    let key = after[..end].trim();
    (!key.is_empty()).then(|| key.to_string())
}

fn parse_error(text: &str, e: &ParseError) -> ImportError {
    let (line, column) = line_column(text, e.span.start);
    let what = match &e.kind {
        ParseErrorKind::UnknownAbbreviation(name) => format!(
            "undefined macro `{name}` (define it with @string{{{name} = \"…\"}} or put the value \
             in braces)"
        ),
        ParseErrorKind::DuplicateKey(key) => format!("the record key {key:?} is used twice"),
        ParseErrorKind::UnexpectedEof => "the file ends inside a record".to_string(),
        ParseErrorKind::MalformedCommand => "a malformed TeX command".to_string(),
        other => format!("{other}"),
    };
    let at = match record_at(text, e.span.start) {
        Some(key) => format!("record {key} (line {line}, column {column})"),
        None => format!("line {line}, column {column}"),
    };
    ImportError::new(at, what)
}

const GLYPHS: [&str; 22] = [
    "o", "O", "l", "L", "ss", "SS", "ae", "AE", "oe", "OE", "aa", "AA", "i", "j", "dh", "DH", "th",
    "TH", "ng", "NG", "dj", "DJ",
];

const FORMATTING: [&str; 24] = [
    "textit",
    "textbf",
    "textsl",
    "textsc",
    "textrm",
    "textsf",
    "texttt",
    "textup",
    "textmd",
    "textnormal",
    "emph",
    "mbox",
    "hbox",
    "text",
    "mathrm",
    "mathit",
    "mathbf",
    "mathsf",
    "mathtt",
    "textsuperscript",
    "textsubscript",
    "NoCaseChange",
    "MakeUppercase",
    "enquote",
];

const DECLARATIONS: [&str; 12] = [
    "em", "it", "bf", "sc", "rm", "sf", "tt", "sl", "itshape", "bfseries", "scshape", "upshape",
];

const MATH: [(&str, &str); 48] = [
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("epsilon", "ε"),
    ("varepsilon", "ε"),
    ("zeta", "ζ"),
    ("eta", "η"),
    ("theta", "θ"),
    ("iota", "ι"),
    ("kappa", "κ"),
    ("lambda", "λ"),
    ("mu", "μ"),
    ("nu", "ν"),
    ("xi", "ξ"),
    ("pi", "π"),
    ("rho", "ρ"),
    ("sigma", "σ"),
    ("tau", "τ"),
    ("upsilon", "υ"),
    ("phi", "φ"),
    ("varphi", "φ"),
    ("chi", "χ"),
    ("psi", "ψ"),
    ("omega", "ω"),
    ("Gamma", "Γ"),
    ("Delta", "Δ"),
    ("Theta", "Θ"),
    ("Lambda", "Λ"),
    ("Xi", "Ξ"),
    ("Pi", "Π"),
    ("Sigma", "Σ"),
    ("Phi", "Φ"),
    ("Psi", "Ψ"),
    ("Omega", "Ω"),
    ("pm", "±"),
    ("times", "×"),
    ("cdot", "·"),
    ("sim", "∼"),
    ("approx", "≈"),
    ("leq", "≤"),
    ("le", "≤"),
    ("geq", "≥"),
    ("ge", "≥"),
    ("infty", "∞"),
    ("to", "→"),
    ("circ", "°"),
    ("degree", "°"),
];

fn superscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        '+' => '⁺',
        '-' => '⁻',
        '°' => '°',
        _ => return None,
    })
}

fn subscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '₀',
        '1' => '₁',
        '2' => '₂',
        '3' => '₃',
        '4' => '₄',
        '5' => '₅',
        '6' => '₆',
        '7' => '₇',
        '8' => '₈',
        '9' => '₉',
        '+' => '₊',
        '-' => '₋',
        _ => return None,
    })
}

/// Read a TeX command name (letters, or one other character) starting at `i`.
fn command_name(chars: &[char], i: usize) -> (String, usize) {
    let mut j = i;
    while j < chars.len() && chars[j].is_ascii_alphabetic() {
        j += 1;
    }
    if j == i {
        return (
            chars.get(i).map(|c| c.to_string()).unwrap_or_default(),
            i + 1,
        );
    }
    (chars[i..j].iter().collect(), j)
}

/// The contents of a `{…}` group starting at `i` (which must be `{`), and the index after it.
fn group(chars: &[char], i: usize) -> Option<(String, usize)> {
    if chars.get(i) != Some(&'{') {
        return None;
    }
    let mut depth = 0;
    for (j, &c) in chars.iter().enumerate().skip(i) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((chars[i + 1..j].iter().collect(), j + 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// Walk TeX text once. At each position `step` writes what it reads there to the output and
/// returns the position after it, or `None` to copy the character as it is.
fn rewrite(
    text: &str,
    mut step: impl FnMut(&mut String, &[char], usize) -> Option<usize>,
) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match step(&mut out, &chars, i) {
            Some(next) => i = next,
            None => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Maths as plain text: Greek letters and a few symbols, super- and subscripts.
fn math_text(tex: &str) -> String {
    rewrite(tex, |out, chars, i| {
        let c = chars[i];
        match c {
            '\\' => {
                let (name, next) = command_name(chars, i + 1);
                if let Some((_, text)) = MATH.iter().find(|(n, _)| *n == name) {
                    out.push_str(text);
                } else if FORMATTING.contains(&name.as_str()) {
                    // The group that follows is read as ordinary maths.
                } else if matches!(name.as_str(), "," | ";" | "!" | ":" | " ") {
                    out.push(' ');
                } else {
                    out.push_str(&name);
                }
                Some(next)
            }
            '^' | '_' => {
                let (body, next) = match group(chars, i + 1) {
                    Some(g) => g,
                    None => (
                        chars.get(i + 1).map(|c| c.to_string()).unwrap_or_default(),
                        i + 2,
                    ),
                };
                let body = math_text(&body);
                let map = if c == '^' { superscript } else { subscript };
                let mapped: Option<String> = body.chars().map(map).collect();
                out.push_str(&mapped.unwrap_or(body));
                Some(next)
            }
            '{' | '}' => Some(i + 1),
            '~' => {
                out.push(' ');
                Some(i + 1)
            }
            _ => None,
        }
    })
}

/// Rewrite the TeX of a text field so that `biblatex` resolves it to plain Unicode.
pub fn prepare(raw: &str) -> String {
    rewrite(raw, |out, chars, i| match chars[i] {
        '\\' => {
            let (name, next) = command_name(chars, i + 1);
            let letters = name.chars().all(|c| c.is_ascii_alphabetic()) && !name.is_empty();
            if !letters {
                // An accent or an escaped character: kept for biblatex, with its argument.
                out.push('\\');
                out.push_str(&name);
                return Some(next);
            }
            let empty_group = chars.get(next) == Some(&'{') && chars.get(next + 1) == Some(&'}');
            if GLYPHS.contains(&name.as_str()) {
                // `\i` and `\j` are only ever written under an accent: the plain letter.
                if name == "i" || name == "j" {
                    out.push_str(&name);
                } else {
                    out.push_str("{\\");
                    out.push_str(&name);
                    out.push('}');
                }
                // A control word ends at the space after it (`\ss e` is "ße").
                let mut j = if empty_group { next + 2 } else { next };
                while !empty_group && chars.get(j).is_some_and(|c| *c == ' ') {
                    j += 1;
                }
                Some(j)
            } else if FORMATTING.contains(&name.as_str()) || DECLARATIONS.contains(&name.as_str()) {
                // The command goes, with the space after it; its group stays.
                let mut j = next;
                while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                    j += 1;
                }
                Some(j)
            } else if let Some((_, text)) = MATH.iter().find(|(n, _)| *n == name) {
                out.push_str(text);
                Some(next)
            } else {
                out.push('\\');
                out.push_str(&name);
                Some(next)
            }
        }
        '$' => match chars[i + 1..].iter().position(|&c| c == '$') {
            Some(len) => {
                let tex: String = chars[i + 1..i + 1 + len].iter().collect();
                out.push_str(&math_text(&tex));
                Some(i + len + 2)
            }
            None => {
                out.push_str("\\$");
                Some(i + 1)
            }
        },
        '~' => {
            out.push(' ');
            Some(i + 1)
        }
        '`' if chars.get(i + 1) == Some(&'`') => {
            out.push('“');
            Some(i + 2)
        }
        '\'' if chars.get(i + 1) == Some(&'\'') => {
            out.push('”');
            Some(i + 2)
        }
        _ => None,
    })
}

/// Plain text from a resolved field: leftover commands dropped (their argument kept), braces
/// removed, spaces collapsed.
pub fn tidy(text: &str) -> String {
    let plain = rewrite(text, |out, chars, i| match chars[i] {
        '\\' => {
            let (name, next) = command_name(chars, i + 1);
            if name.chars().all(|c| c.is_ascii_alphabetic()) {
                // A command biblatex did not know: dropped, its argument (in braces) kept.
                Some(if chars.get(next) == Some(&' ') {
                    next + 1
                } else {
                    next
                })
            } else {
                out.push_str(&name);
                Some(next)
            }
        }
        '{' | '}' => Some(i + 1),
        _ => None,
    });
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Rewrite every text field of a raw bibliography through [`prepare`].
fn prepared_fields<'s>(raw: &RawBibliography<'s>) -> Vec<String> {
    let mut texts = Vec::new();
    let mut visit = |pairs: &[Pair<'s>]| {
        for pair in pairs {
            let verbatim = is_verbatim(pair.key.v);
            for chunk in &pair.value.v {
                if let RawChunk::Normal(s) = chunk.v {
                    texts.push(if verbatim { s.to_string() } else { prepare(s) });
                }
            }
        }
    };
    visit(&raw.abbreviations);
    for entry in &raw.entries {
        visit(&entry.v.fields);
    }
    texts
}

/// The raw bibliography again, its text fields replaced by `texts` (in [`prepared_fields`] order).
fn rebuild<'a>(raw: &RawBibliography<'a>, texts: &'a [String]) -> RawBibliography<'a> {
    let mut next = texts.iter();
    let mut pair = |p: &Pair<'a>| -> Pair<'a> {
        let value: Field<'a> = p
            .value
            .v
            .iter()
            .map(|chunk| {
                let v = match chunk.v {
                    RawChunk::Normal(_) => RawChunk::Normal(next.next().map_or("", String::as_str)),
                    RawChunk::Abbreviation(name) => RawChunk::Abbreviation(name),
                };
                Spanned::new(v, chunk.span.clone())
            })
            .collect();
        Pair::new(p.key.clone(), Spanned::new(value, p.value.span.clone()))
    };
    let abbreviations = raw.abbreviations.iter().map(&mut pair).collect();
    let entries = raw
        .entries
        .iter()
        .map(|e| {
            Spanned::new(
                RawEntry {
                    key: e.v.key.clone(),
                    kind: e.v.kind.clone(),
                    fields: e.v.fields.iter().map(&mut pair).collect(),
                },
                e.span.clone(),
            )
        })
        .collect();
    RawBibliography {
        preamble: raw.preamble.clone(),
        entries,
        abbreviations,
    }
}

fn month_number(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches('.').to_lowercase();
    if let Ok(n) = t.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix: String = t.chars().take(3).collect();
    NAMES
        .iter()
        .position(|n| *n == prefix)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn field_text(entry: &biblatex::Entry, key: &str) -> Option<String> {
    entry
        .get(key)
        .map(|chunks| tidy(&chunks.format_verbatim()))
        .filter(|t| !t.is_empty())
}

fn date_of(entry: &biblatex::Entry) -> Result<NaiveDate, String> {
    if let Some(year) = field_text(entry, "year") {
        let digits: String = year.chars().filter(char::is_ascii_digit).take(4).collect();
        let year: i32 = digits
            .parse()
            .ok()
            .filter(|_| digits.len() == 4)
            .ok_or_else(|| format!("year {year:?} is not a four-digit year"))?;
        let month = match field_text(entry, "month") {
            Some(m) => month_number(&m)
                .ok_or_else(|| format!("month {m:?} is not a month (jan…dec or 1…12)"))?,
            None => 1,
        };
        let day = match field_text(entry, "day") {
            Some(d) => d
                .trim()
                .parse::<u32>()
                .map_err(|_| format!("day {d:?} is not a day of the month"))?,
            None => 1,
        };
        return NaiveDate::from_ymd_opt(year, month, day)
            .ok_or_else(|| format!("{year}-{month:02}-{day:02} is not a real date"));
    }
    if let Some(date) = field_text(entry, "date") {
        let first = date.split('/').next().unwrap_or("").trim().to_string();
        let parts: Vec<&str> = first.split('-').collect();
        let number = |i: usize, default: u32| -> Option<u32> {
            parts.get(i).map_or(Some(default), |p| p.parse().ok())
        };
        let parsed = match (
            parts.first().and_then(|y| y.parse::<i32>().ok()),
            number(1, 1),
            number(2, 1),
        ) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
            _ => None,
        };
        return parsed.ok_or_else(|| format!("date {date:?} is not a date such as 2024-05-03"));
    }
    Err("no year (or date) field".to_string())
}

fn authors(entry: &biblatex::Entry) -> Vec<String> {
    let Ok(people) = entry.author() else {
        return field_text(entry, "author").into_iter().collect();
    };
    people
        .iter()
        .map(|p| {
            let parts = [&p.given_name, &p.prefix, &p.name, &p.suffix];
            tidy(
                &parts
                    .iter()
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .filter(|a| !a.is_empty())
        .collect()
}

fn notes(entry: &biblatex::Entry) -> String {
    let mut parts = Vec::new();
    let venue = field_text(entry, "journal")
        .or_else(|| field_text(entry, "journaltitle"))
        .or_else(|| field_text(entry, "booktitle"))
        .or_else(|| field_text(entry, "publisher"));
    if let Some(venue) = venue {
        parts.push(format!("{venue}."));
    }
    let names = authors(entry);
    if !names.is_empty() {
        let listed = names.len().min(AUTHORS_LISTED);
        let mut line = names[..listed].join(", ");
        if names.len() > listed {
            line.push_str(&format!(" et al. ({} authors)", names.len()));
        }
        parts.push(format!("Authors: {line}."));
    }
    parts.join(" ")
}

fn record(entry: &biblatex::Entry, options: &Options) -> Result<Entry, String> {
    let title = field_text(entry, "title").ok_or("no title")?;
    let date = date_of(entry)?;
    let mut e = Entry::new(
        super::PENDING_ID.to_string(),
        date,
        KIND,
        &title,
        options.now,
    );
    e.metrics = options
        .framework
        .kind(KIND)
        .map(|k| k.metrics.clone())
        .unwrap_or_default();
    e.role = Some(
        options
            .role
            .clone()
            .unwrap_or_else(|| DEFAULT_ROLE.to_string()),
    );
    e.notes = notes(entry);
    if let Some(doi) = entry.get("doi").map(|c| c.format_verbatim()) {
        let doi = doi.trim();
        let doi = doi
            .strip_prefix("doi:")
            .or_else(|| doi.strip_prefix("DOI:"))
            .unwrap_or(doi);
        let value = parse_doi("doi", doi).map_err(|e| e.to_string())?;
        e.evidence.push(Evidence::new(EvidenceType::Doi, value));
    } else if let Some(url) = entry.get("url").map(|c| c.format_verbatim()) {
        let value = parse_url("url", &url).map_err(|e| e.to_string())?;
        e.evidence.push(Evidence::new(EvidenceType::Url, value));
    }
    Ok(e)
}

/// Read BibTeX text: every record, or nothing.
///
/// # Errors
/// The first fault: a syntax error or undefined macro (with its record, line and column), or a
/// record without a title or year, with a bad month or day, an invalid DOI or URL.
pub fn parse(text: &str, options: &Options) -> Result<Vec<Candidate>, ImportError> {
    let raw = RawBibliography::parse(text).map_err(|e| parse_error(text, &e))?;
    let texts = prepared_fields(&raw);
    let bibliography =
        Bibliography::from_raw(rebuild(&raw, &texts)).map_err(|e| parse_error(text, &e))?;
    let mut out = Vec::with_capacity(bibliography.len());
    for entry in bibliography.iter() {
        let at = format!("record {}", entry.key);
        let e = record(entry, options).map_err(|reason| ImportError::new(at.clone(), reason))?;
        out.push(finish(e, &at, options)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tex_becomes_plain_text() {
        let cases = [
            (r"\'el\`eve", "élève"),
            (r#"Schr\"odinger"#, "Schrödinger"),
            (r"{\ss}tra\ss e", "ßtraße"),
            (r"\c{c}a", "ça"),
            (r"\v{s}koda", "škoda"),
            (r"{\'\i}", "í"),
            (r"\o{} and \O", "ø and Ø"),
            (r"{\L}ukasz", "Łukasz"),
            (r"pages 1--2~x", "pages 1–2 x"),
            (r"\emph{in vivo} and {\em ex vivo}", "in vivo and ex vivo"),
            (r"``quoted''", "“quoted”"),
            (r"Ca$^{2+}$ and $\alpha$-actinin", "Ca²⁺ and α-actinin"),
            (r"A \& B, 50\%", "A & B, 50%"),
            (r"{DNA} {{Nested}}", "DNA Nested"),
        ];
        for (tex, plain) in cases {
            let src = format!("@article{{k, title = {{{tex}}}, year = 2024}}");
            let raw = RawBibliography::parse(&src).expect("a valid test value");
            let texts = prepared_fields(&raw);
            let bib = Bibliography::from_raw(rebuild(&raw, &texts)).expect("a valid test value");
            let entry = bib.get("k").expect("a valid test value");
            assert_eq!(
                field_text(entry, "title").expect("a valid test value"),
                plain,
                "from {tex}"
            );
        }
    }

    #[test]
    fn months() {
        assert_eq!(month_number("December"), Some(12));
        assert_eq!(month_number("dec."), Some(12));
        assert_eq!(month_number("6"), Some(6));
        assert_eq!(month_number("13"), None);
        assert_eq!(month_number("Sept"), Some(9));
    }

    #[test]
    fn positions() {
        let text = "@article{a,\n  title = {x},\n  journal = jcb,\n}";
        let err = RawBibliography::parse(text)
            .and_then(|raw| {
                let texts = prepared_fields(&raw);
                Bibliography::from_raw(rebuild(&raw, &texts)).map(|_| ())
            })
            .unwrap_err();
        let e = parse_error(text, &err);
        assert_eq!(e.at, "record a (line 3, column 13)");
        assert!(e.reason.contains("undefined macro `jcb`"), "{e}");
    }
}
