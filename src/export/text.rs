//! Text helpers of the renderers only: escaping for XML/HTML and Markdown, Markdown links, month
//! labels. Figures (`number`, `hours`, `count`, `plural`) come from [`crate::text`].

use chrono::NaiveDate;

/// `text` with each character that `replace` names written as what it gives instead.
fn replace_chars(text: &str, replace: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match replace(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    out
}

/// Escape text for XML or HTML (used for SVG built in Rust).
pub(crate) fn xml(text: &str) -> String {
    replace_chars(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    })
}

/// Text as one line of Markdown: newlines become spaces, and the characters that Markdown would
/// read as formatting or HTML are escaped with a backslash, so a title shows as typed.
pub(crate) fn md(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous_space = false;
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        match c {
            '\r' | '\n' | '\t' => {
                if !previous_space {
                    out.push(' ');
                }
                previous_space = true;
                continue;
            }
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                let inside_word = before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric);
                if !inside_word {
                    out.push('\\');
                }
                out.push(c);
            }
            '&' if after.is_some_and(|a| a.is_ascii_alphanumeric() || a == '#') => {
                out.push_str("\\&");
            }
            '#' | '+' | '-' | '=' if out.trim().is_empty() => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        previous_space = c == ' ';
    }
    out.trim().to_string()
}

/// A link target for Markdown: characters that would end the link are percent-encoded.
pub(crate) fn md_url(url: &str) -> String {
    replace_chars(url, |c| match c {
        ' ' => Some("%20"),
        '(' => Some("%28"),
        ')' => Some("%29"),
        '<' => Some("%3C"),
        '>' => Some("%3E"),
        _ => None,
    })
}

/// `Dec 2025`.
pub(crate) fn month_label(month: &str) -> String {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
        .map(|d| d.format("%b %Y").to_string())
        .unwrap_or_else(|_| month.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_what_markdown_would_read() {
        assert_eq!(
            md("<script>alert(1)</script> & \"x\""),
            "\\<script\\>alert(1)\\</script\\> & \"x\""
        );
        assert_eq!(md("RRID:SCR_020921"), "RRID:SCR_020921");
        assert_eq!(md("a *b* _c_ | d"), "a \\*b\\* \\_c\\_ \\| d");
        assert_eq!(md("line\nbreak"), "line break");
        assert_eq!(md("# not a heading"), "\\# not a heading");
        assert_eq!(md("&amp; stays"), "\\&amp; stays");
    }

    #[test]
    fn months_read_well() {
        assert_eq!(month_label("2026-03"), "Mar 2026");
    }
}
