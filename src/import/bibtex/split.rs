//! A first pass over a BibTeX file, before any parser sees it: where each record and each
//! `@string` begins and ends, so that one bad record can be refused alone.
//!
//! The pass walks the bytes once, with a counter for brace depth and no recursion. On its way it
//! mends what reference managers write that the `biblatex` crate cannot read:
//! - a record with no key (Mendeley's `@article{,`) is given one, `line-N` after the line it
//!   starts on;
//! - escaped braces `\{`, `\}` and Mendeley's `\backslash` become stand-in characters, turned
//!   back into `{`, `}` and `\` in the text read (see [`restore`]);
//! - a record whose braces do not close before the next line that starts a record (or before the
//!   end of the file) is cut there, blanked and refused alone.
//!
//! Blanking keeps every newline and byte count, so lines and offsets still point into the file
//! as the user sees it.

use std::ops::Range;

/// Stands for `\{` until the text is read.
const OPEN: char = '\u{e000}';
/// Stands for `\}` until the text is read.
const CLOSE: char = '\u{e001}';
/// Stands for `\backslash` until the text is read.
const BACKSLASH: char = '\u{e002}';

/// A record of the file: its byte range in the scanned text, key, and first line.
#[derive(Debug, Clone)]
pub struct Record {
    /// Byte range in [`Scan::text`].
    pub range: Range<usize>,
    /// The key (generated as `line-N` when the file gave none).
    pub key: String,
    /// The 1-based line it starts on.
    pub line: usize,
}

/// A record cut short: its braces did not close.
#[derive(Debug, Clone)]
pub struct Unclosed {
    /// The key, if one was read.
    pub key: String,
    /// The 1-based line it starts on.
    pub line: usize,
}

/// The file after the first pass.
#[derive(Debug, Default)]
pub struct Scan {
    /// The text, mended and with unclosed records blanked.
    pub text: String,
    /// The records, in file order.
    pub records: Vec<Record>,
    /// The `@string` definitions, as text.
    pub strings: Vec<Range<usize>>,
    /// The records refused because their braces do not close.
    pub unclosed: Vec<Unclosed>,
}

/// Turn the stand-ins of [`scan`] back into the characters they stand for.
pub fn restore(text: &str) -> String {
    if !text.contains([OPEN, CLOSE, BACKSLASH]) {
        return text.to_string();
    }
    text.chars()
        .map(|c| match c {
            OPEN => '{',
            CLOSE => '}',
            BACKSLASH => '\\',
            c => c,
        })
        .collect()
}

/// Replace a range of `text` by spaces, keeping its newlines and its length in bytes.
pub fn blank(text: &mut String, range: Range<usize>) {
    let Some(part) = text.get(range.clone()) else {
        return;
    };
    let spaces: String = part
        .chars()
        .map(|c| {
            if c == '\n' {
                "\n".to_string()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    text.replace_range(range, &spaces);
}

/// Whether a line (from byte `i`) starts a record: blanks, `@`, a word, blanks, `{` or `(`.
fn starts_record(bytes: &[u8], mut i: usize) -> bool {
    while bytes.get(i).is_some_and(|b| *b == b' ' || *b == b'\t') {
        i += 1;
    }
    if bytes.get(i) != Some(&b'@') {
        return false;
    }
    i += 1;
    let word = i;
    while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
    }
    if i == word {
        return false;
    }
    while bytes.get(i).is_some_and(|b| *b == b' ' || *b == b'\t') {
        i += 1;
    }
    matches!(bytes.get(i), Some(b'{' | b'('))
}

/// Walk the file once: find its records and definitions, mend what `biblatex` cannot read.
pub fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut out = Scan {
        text: String::with_capacity(text.len() + 64),
        ..Scan::default()
    };
    let mut line = 1;
    let mut i = 0;
    let mut copied = 0;
    // Copy the text up to byte `to` (on a char boundary), counting its lines.
    let flush = |out: &mut Scan, copied: &mut usize, to: usize, line: &mut usize| {
        let part = &text[*copied..to];
        *line += part.bytes().filter(|b| *b == b'\n').count();
        out.text.push_str(part);
        *copied = to;
    };
    while i < bytes.len() {
        let Some(at) = bytes[i..].iter().position(|b| *b == b'@').map(|p| p + i) else {
            break;
        };
        // The kind, and the opening delimiter.
        let mut j = at + 1;
        while bytes.get(j).is_some_and(u8::is_ascii_alphabetic) {
            j += 1;
        }
        let kind = text[at + 1..j].to_ascii_lowercase();
        while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        let Some(&delimiter) = bytes.get(j).filter(|b| matches!(b, b'{' | b'(')) else {
            i = at + 1;
            continue;
        };
        if kind.is_empty() {
            i = at + 1;
            continue;
        }
        flush(&mut out, &mut copied, j + 1, &mut line);
        let start_line = line;
        let start = out.text.len() - (j + 1 - at);
        let is_record = !matches!(kind.as_str(), "string" | "preamble" | "comment");
        // The key: up to the first comma (records only); generated when empty.
        let mut key = String::new();
        if is_record {
            let end = bytes[j + 1..]
                .iter()
                .position(|b| matches!(b, b',' | b'\n' | b'}' | b')'))
                .map_or(bytes.len(), |p| p + j + 1);
            key = text[j + 1..end].trim().to_string();
            if key.is_empty() && bytes.get(end) == Some(&b',') {
                key = format!("line-{start_line}");
                out.text.push_str(&key);
            }
        }
        // The body, to the matching close.
        let close = if delimiter == b'{' { b'}' } else { b')' };
        let mut depth = 0usize;
        let mut k = j + 1;
        let mut closed = false;
        while k < bytes.len() {
            match bytes[k] {
                b'\\' if kind != "comment" => {
                    let stand_in = match bytes.get(k + 1) {
                        Some(b'{') => Some((OPEN, 2)),
                        Some(b'}') => Some((CLOSE, 2)),
                        _ if bytes[k..].starts_with(b"\\backslash") => Some((BACKSLASH, 10)),
                        _ => None,
                    };
                    if let Some((c, len)) = stand_in {
                        flush(&mut out, &mut copied, k, &mut line);
                        out.text.push(c);
                        copied = k + len;
                        k += len;
                    } else {
                        // `\\` and other commands: the next byte is never a delimiter.
                        k += if bytes.get(k + 1) == Some(&b'\\') {
                            2
                        } else {
                            1
                        };
                    }
                    continue;
                }
                b'{' => depth += 1,
                b'}' if depth > 0 => depth -= 1,
                b if b == close && depth == 0 => {
                    closed = true;
                    k += 1;
                    break;
                }
                b'\n' if starts_record(bytes, k + 1) => break,
                _ => {}
            }
            k += 1;
        }
        flush(&mut out, &mut copied, k, &mut line);
        let range = start..out.text.len();
        if !closed {
            blank(&mut out.text, range);
            out.unclosed.push(Unclosed {
                key,
                line: start_line,
            });
        } else if kind == "string" {
            out.strings.push(range);
        } else if is_record {
            out.records.push(Record {
                range,
                key,
                line: start_line,
            });
        }
        i = k;
    }
    flush(&mut out, &mut copied, bytes.len(), &mut line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keys_and_mending() {
        let text = "% c\n@string{j = \"J\"}\n@article{,\n title = {{\\$}\\backslashsqrt{\\{}s{\\}}},\n year = 2020}\n@book{b, title = {open\n@misc{c, title = {x}}\n";
        let s = scan(text);
        assert_eq!(s.strings.len(), 1);
        let keys: Vec<_> = s.records.iter().map(|r| (r.key.as_str(), r.line)).collect();
        assert_eq!(keys, [("line-3", 3), ("c", 7)]);
        assert_eq!(s.unclosed.len(), 1);
        assert_eq!((s.unclosed[0].key.as_str(), s.unclosed[0].line), ("b", 6));
        assert_eq!(s.text.lines().count(), text.lines().count());
        assert!(s.text[s.records[0].range.clone()].starts_with("@article{line-3,"));
        assert_eq!(restore("\u{e000}\u{e002}x\u{e001}"), "{\\x}");
        assert!(s.text[s.records[1].range.clone()].ends_with("{x}}"));
    }
}
