//! Untrusted text made safe for a terminal: control characters (C0, DEL, C1), bidirectional
//! controls and line separators shown as visible stand-ins, so that no escape sequence written
//! into a title or a file reaches the terminal. Pure, apart from [`Visible`], a writer that does
//! the same to whatever passes through it.

use std::borrow::Cow;
use std::io::{self, Write};

/// How text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Text for reading: ESC as `␛`, other C0 controls and DEL as their control pictures (`␀`,
    /// `␇`, `␡`…), C1 controls, bidirectional controls and separators as `\u{202e}`. Newlines and
    /// tabs are kept, and a carriage return before a newline.
    Text,
    /// JSON: the same characters as `\u` escapes, which inside a JSON string mean exactly the
    /// characters they replace (JSON output holds them only inside strings).
    Json,
}

/// Whether `c` is a bidirectional control (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069):
/// invisible, it reorders the text shown around it.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` must not reach a terminal as it is: a control character (C0, DEL, C1), a
/// bidirectional control, or a line or paragraph separator (U+2028, U+2029).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The first character of `text` that a field may not hold, with its position (counted in
/// characters from 1): any [unsafe](is_unsafe) one in a single line, and in `multiline` text any
/// but a newline, a carriage return or a tab.
pub fn first_unsafe(text: &str, multiline: bool) -> Option<(usize, char)> {
    text.chars()
        .enumerate()
        .find(|(_, c)| is_unsafe(*c) && !(multiline && matches!(c, '\n' | '\r' | '\t')))
        .map(|(i, c)| (i + 1, c))
}

/// The visible stand-in for an unsafe character, in `style`.
fn stand_in(c: char, style: Style, out: &mut String) {
    let code = u32::from(c);
    match style {
        Style::Json => out.push_str(&format!("\\u{code:04x}")),
        Style::Text => match code {
            // The control pictures block mirrors C0 (U+2400–U+241F) and DEL (U+2421).
            0..=0x1f => out.push(char::from_u32(0x2400 + code).unwrap_or('\u{fffd}')),
            0x7f => out.push('\u{2421}'),
            _ => out.push_str(&format!("\\u{{{code:x}}}")),
        },
    }
}

/// `text` with every unsafe character shown by a stand-in (see [`Style`]); borrowed unchanged
/// when there is none.
pub fn visible(text: &str, style: Style) -> Cow<'_, str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let kept = |i: usize, c: char| match c {
        '\n' | '\t' => true,
        '\r' => chars.get(i + 1).is_some_and(|(_, next)| *next == '\n'),
        _ => !is_unsafe(c),
    };
    if chars.iter().enumerate().all(|(i, (_, c))| kept(i, *c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, (_, c)) in chars.iter().enumerate() {
        if kept(i, *c) {
            out.push(*c);
        } else {
            stand_in(*c, style, &mut out);
        }
    }
    Cow::Owned(out)
}

/// A writer that shows unsafe characters visibly (see [`visible`]) in whatever is written
/// through it: for standard output and standard error. Bytes that are not UTF-8 are shown as
/// `�`; a character split between two writes is held until its end arrives (or the writer is
/// flushed).
pub struct Visible<W: Write> {
    inner: W,
    style: Style,
    pending: Vec<u8>,
}

impl<W: Write> Visible<W> {
    /// Wrap `inner`.
    pub fn new(inner: W, style: Style) -> Visible<W> {
        Visible {
            inner,
            style,
            pending: Vec::new(),
        }
    }

    /// Write out whatever is complete in `pending`; keep an unfinished character (and a carriage
    /// return, which is only kept before a newline) unless `all`.
    fn drain(&mut self, all: bool) -> io::Result<()> {
        let mut text = String::new();
        let mut rest = &self.pending[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    text.push_str(valid);
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                    match e.error_len() {
                        Some(bad) => {
                            text.push('\u{fffd}');
                            rest = &after[bad..];
                        }
                        None if all => {
                            text.push('\u{fffd}');
                            rest = &[];
                            break;
                        }
                        None => {
                            rest = after;
                            break;
                        }
                    }
                }
            }
        }
        let mut held = rest.to_vec();
        if !all && text.ends_with('\r') {
            text.pop();
            held.insert(0, b'\r');
        }
        self.inner
            .write_all(visible(&text, self.style).as_bytes())?;
        self.pending = held;
        Ok(())
    }
}

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Visible<W> {
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            // A last write that fails has nowhere to be reported.
            let _ = self.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        let hostile = "a\u{1b}]0;pwned\u{7}b\u{1b}[2J\u{9b}31m\u{202e}c\u{7f}\0";
        assert_eq!(
            visible(hostile, Style::Text),
            "a␛]0;pwned␇b␛[2J\\u{9b}31m\\u{202e}c␡␀"
        );
        assert_eq!(
            visible(hostile, Style::Json),
            "a\\u001b]0;pwned\\u0007b\\u001b[2J\\u009b31m\\u202ec\\u007f\\u0000"
        );
        assert!(matches!(
            visible("plain\ttext\r\nok", Style::Text),
            Cow::Borrowed(_)
        ));
        assert_eq!(visible("over\rwrite", Style::Text), "over␍write");
    }

    #[test]
    fn the_writer_holds_a_split_character_until_it_is_whole() {
        let mut out = Visible::new(Vec::new(), Style::Text);
        let text = "é\u{1b}[1m\u{202e}\r\n";
        for byte in text.as_bytes() {
            out.write_all(&[*byte]).expect("a write to memory");
        }
        out.write_all(b"\xff").expect("a write to memory");
        out.flush().expect("a flush to memory");
        assert_eq!(
            String::from_utf8(out.inner.clone()).expect("UTF-8"),
            "é␛[1m\\u{202e}\r\n\u{fffd}"
        );
    }

    #[test]
    fn fields_find_their_first_unsafe_character() {
        assert_eq!(first_unsafe("fine title", false), None);
        assert_eq!(first_unsafe("two\nlines", false), Some((4, '\n')));
        assert_eq!(first_unsafe("two\nlines\tok", true), None);
        assert_eq!(first_unsafe("bell\u{7}", true), Some((5, '\u{7}')));
        assert_eq!(first_unsafe("abc\u{202e}", false), Some((4, '\u{202e}')));
    }
}
