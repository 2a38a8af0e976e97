//! TeX in field text made plain: what `biblatex` leaves as TeX is rewritten before it sees a
//! field ([`prepare`]), and what is left after it is tidied away ([`tidy`]). Linear in the text:
//! nothing here recurses deeper than a bounded maths group.

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

/// The longest `$…$` read as maths; longer spans are kept as written (maths is read by a
/// recursive walk, bounded by this length).
const MATH_LENGTH: usize = 256;

/// How deep command arguments may nest (`\textbf{\'{e}}`) before their braces are dropped.
const ARGUMENT_DEPTH: usize = 2;

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
    if !raw.contains(['\\', '$', '~', '`', '\'']) {
        return raw.to_string();
    }
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
                if len <= MATH_LENGTH {
                    out.push_str(&math_text(&tex));
                } else {
                    // Not a formula a title holds: kept as written, and never nested deeply.
                    out.push_str(&tex);
                }
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
    if !text.contains(['\\', '{', '}']) {
        return text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
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

/// How a field's braces are read: see [`shallow_groups`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Braces {
    /// Identifiers (DOIs, links): a backslash is text; no group is needed.
    Verbatim,
    /// Text: only a group around a command is needed (the plain text drops the others), and
    /// command arguments.
    Text,
    /// A list of names: one level of grouping keeps `{World Health Organization}` one author.
    Names,
}

/// Braces as `biblatex` should see them: grouping only where it changes the result (one level,
/// in [`Braces::Names`], or around a command: `{\ss}`), command arguments up to
/// [`ARGUMENT_DEPTH`] deep; other braces dropped with their text kept (a control word losing its
/// closing brace gets the space that ends it instead). `biblatex` makes a chunk of every group
/// and merges neighbouring chunks one at a time, and reads each command argument with a new
/// parser: groups would cost memory and time squared, nesting stack without bound.
pub fn shallow_groups(text: &str, braces: Braces) -> String {
    if !text.contains(['\\', '{', '}']) {
        return text.to_string();
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Kept {
        Group,
        Argument,
    }
    let mut out = String::with_capacity(text.len());
    // Every open brace: whether it was kept. The kept ones, innermost last (at most
    // 2 × ARGUMENT_DEPTH + 1 of them: a group only ever opens outside any or inside an argument).
    let mut open: Vec<bool> = Vec::new();
    let mut kept: Vec<Kept> = Vec::new();
    let mut after_command = false;
    let mut after_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let (command, word) = match c {
            '\\' if braces != Braces::Verbatim => {
                out.push(c);
                let first = chars.next();
                if let Some(first) = first {
                    out.push(first);
                }
                let word = first.is_some_and(|f| f.is_ascii_alphabetic());
                if word {
                    while let Some(l) = chars.next_if(char::is_ascii_alphabetic) {
                        out.push(l);
                    }
                }
                let command = first.is_some_and(|f| {
                    !f.is_whitespace()
                        && !matches!(f, '{' | '}' | '\\' | '$' | '&' | '%' | '#' | '_' | ':')
                });
                (command, word)
            }
            '{' => {
                let arguments = kept.iter().filter(|k| **k == Kept::Argument).count();
                let kind = if after_command && arguments < ARGUMENT_DEPTH {
                    Some(Kept::Argument)
                } else if kept.last() != Some(&Kept::Group)
                    && (braces == Braces::Names
                        || (braces == Braces::Text && chars.peek() == Some(&'\\')))
                {
                    Some(Kept::Group)
                } else {
                    None
                };
                match kind {
                    Some(kind) => {
                        out.push('{');
                        kept.push(kind);
                    }
                    None if after_word => out.push(' '),
                    None => {}
                }
                open.push(kind.is_some());
                (false, false)
            }
            '}' => {
                match open.pop() {
                    Some(false) if after_word => out.push(' '),
                    Some(false) => {}
                    Some(true) => {
                        kept.pop();
                        out.push('}');
                    }
                    // Unbalanced: kept for biblatex to report.
                    None => out.push('}'),
                }
                (false, false)
            }
            _ => {
                out.push(c);
                (false, false)
            }
        };
        after_command = command;
        after_word = word;
    }
    out
}

/// How many names a name list holds (`A and B and {C and D}`: three), and how many bytes its
/// first `keep` names take (the whole text when it holds no more). Names are separated by `and`
/// between white space outside braces, as `biblatex` separates them.
pub fn name_list(text: &str, keep: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut names = usize::from(!text.trim().is_empty());
    let mut kept = text.len();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b if depth == 0 && b.is_ascii_whitespace() && bytes[i + 1..].starts_with(b"and") => {
                let after = bytes.get(i + 4);
                if after.is_some_and(u8::is_ascii_whitespace) {
                    if names == keep {
                        kept = i;
                    }
                    names += 1;
                    i += 4;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (names, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces_are_kept_only_where_they_change_the_result() {
        assert_eq!(
            shallow_groups("{{DNA}} {\\ss}e", Braces::Text),
            "DNA {\\ss}e"
        );
        assert_eq!(
            shallow_groups("{World {Health}} and Ruiz, A.", Braces::Names),
            "{World Health} and Ruiz, A."
        );
        assert_eq!(
            shallow_groups("\\'{e}\\v{\\'{\\c{s}}}", Braces::Text),
            "\\'{e}\\v{\\'{\\c s}}"
        );
        assert_eq!(
            shallow_groups("10.1000/{a}\\b", Braces::Verbatim),
            "10.1000/a\\b"
        );
        let deep = format!("{}x{}", "{".repeat(100_000), "}".repeat(100_000));
        assert_eq!(shallow_groups(&deep, Braces::Names), "{x}");
    }

    #[test]
    fn name_lists_are_counted_and_cut() {
        let list = "Ruiz, A. and {Smith and Sons} and Li, W.\nand Okafor, C.";
        assert_eq!(name_list(list, 10), (4, list.len()));
        let (names, kept) = name_list(list, 2);
        assert_eq!((names, &list[..kept]), (4, "Ruiz, A. and {Smith and Sons}"));
        assert_eq!(name_list("  ", 2), (0, 2));
        assert_eq!(name_list("Anderson, B. and Band, C.", 1), (2, 12));
    }
}
