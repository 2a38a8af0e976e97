//! Bytes to text: the encodings reference managers and spreadsheets write.
//!
//! A byte-order mark decides (UTF-8, UTF-16 little- or big-endian); without one, text that is
//! valid UTF-8 is UTF-8, and anything else is read as a single-byte Western encoding: Windows-1252
//! when it holds a byte in 0x80–0x9F (curly quotes, dashes, the euro sign: C1 controls in
//! Latin-1, never written on purpose), else Latin-1 (ISO 8859-1). The user may force one with
//! [`Encoding`]. Line ends (CRLF, CR, LF) all become LF.

use std::borrow::Cow;
use std::fmt;

/// A text encoding `corepath import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian unless a byte-order mark says big-endian.
    Utf16,
    /// ISO 8859-1.
    Latin1,
    /// Windows-1252 (Latin-1 with printable characters in 0x80–0x9F).
    Windows1252,
}

/// Text read from bytes, and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, line ends made LF, no byte-order mark.
    pub text: String,
    /// The encoding used, as shown to the user: `utf-8`, `utf-8 (BOM)`, `utf-16le (BOM)`,
    /// `latin-1`, `windows-1252`…
    pub encoding: String,
}

/// Bytes that are not text in the encoding given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The encoding tried.
    pub encoding: &'static str,
    /// The byte offset of the first bad byte.
    pub offset: usize,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "encoding: the bytes at offset {} are not {} text (expected utf-8, utf-16, latin-1 \
             or windows-1252; pass --encoding to choose)",
            self.offset, self.encoding
        )
    }
}

impl std::error::Error for DecodeError {}

impl Encoding {
    /// The encoding's name, as `--encoding` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Latin1 => "latin-1",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// CRLF and CR line ends made LF.
fn lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn utf16(bytes: &[u8], big_endian: bool, shown: &str) -> Result<Decoded, DecodeError> {
    let encoding = if big_endian {
        encoding_rs::UTF_16BE
    } else {
        encoding_rs::UTF_16LE
    };
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or(DecodeError {
            encoding: "utf-16",
            offset: 0,
        })?;
    Ok(Decoded {
        text: lf(text.into_owned()),
        encoding: shown.to_string(),
    })
}

fn single_byte(bytes: &[u8], encoding: Encoding) -> Decoded {
    let text: String = match encoding {
        Encoding::Windows1252 => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            text.into_owned()
        }
        _ => bytes.iter().map(|b| char::from(*b)).collect(),
    };
    Decoded {
        text: lf(text),
        encoding: encoding.name().to_string(),
    }
}

fn utf8(bytes: &[u8], shown: &str) -> Result<Decoded, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: lf(text.to_string()),
            encoding: shown.to_string(),
        }),
        Err(e) => Err(DecodeError {
            encoding: "utf-8",
            offset: e.valid_up_to() + if shown.contains("BOM") { 3 } else { 0 },
        }),
    }
}

/// Read bytes as text: in the encoding forced, else the one the bytes show.
///
/// # Errors
/// Bytes that are not valid in the encoding forced or marked (UTF-8, UTF-16).
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<Decoded, DecodeError> {
    let bom: Option<(&[u8], Cow<'static, str>)> =
        if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
            Some((rest, "utf-8 (BOM)".into()))
        } else if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
            Some((rest, "utf-16le (BOM)".into()))
        } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
            Some((rest, "utf-16be (BOM)".into()))
        } else {
            None
        };
    match (forced, bom) {
        (None | Some(Encoding::Utf8), Some((rest, shown))) if shown.starts_with("utf-8") => {
            utf8(rest, &shown)
        }
        (None | Some(Encoding::Utf16), Some((rest, shown))) if shown.starts_with("utf-16") => {
            utf16(rest, shown.starts_with("utf-16be"), &shown)
        }
        (Some(Encoding::Utf16), _) => utf16(bytes, false, "utf-16le"),
        (Some(Encoding::Utf8), _) => utf8(bytes, "utf-8"),
        (Some(single), _) => Ok(single_byte(bytes, single)),
        (None, _) => utf8(bytes, "utf-8").or_else(|_| {
            let windows = bytes.iter().any(|b| (0x80..=0x9f).contains(b));
            Ok(single_byte(
                bytes,
                if windows {
                    Encoding::Windows1252
                } else {
                    Encoding::Latin1
                },
            ))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> (String, String) {
        let d = decode(bytes, None).expect("decodes");
        (d.text, d.encoding)
    }

    #[test]
    fn encodings_are_told_apart() {
        assert_eq!(read(b"caf\xc3\xa9\r\n"), ("café\n".into(), "utf-8".into()));
        assert_eq!(
            read(b"\xef\xbb\xbfcaf\xc3\xa9"),
            ("café".into(), "utf-8 (BOM)".into())
        );
        assert_eq!(
            read(b"\xff\xfec\x00a\x00\r\x00\n\x00"),
            ("ca\n".into(), "utf-16le (BOM)".into())
        );
        assert_eq!(
            read(b"\xfe\xff\x00c\x00\xe9"),
            ("cé".into(), "utf-16be (BOM)".into())
        );
        assert_eq!(read(b"caf\xe9\rx"), ("café\nx".into(), "latin-1".into()));
        assert_eq!(
            read(b"\x93quoted\x94"),
            ("\u{201c}quoted\u{201d}".into(), "windows-1252".into())
        );
        assert_eq!(
            decode(b"caf\xe9", Some(Encoding::Utf8)).map_err(|e| e.offset),
            Err(3)
        );
        assert_eq!(
            decode(b"\x93", Some(Encoding::Latin1)).map(|d| d.text),
            Ok("\u{93}".into())
        );
    }
}
