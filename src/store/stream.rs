//! Reading a journal without holding the whole file in memory.
//!
//! A large journal is mostly its `entries`: held as text beside the parsed entries, the file
//! would be about a third of the peak memory of any command. So the file is read in chunks: each
//! entry is parsed as soon as its text is in the buffer, and the other top-level fields are copied
//! into a small document (with `"entries": []`) that is parsed as a [`Journal`] as usual. Every
//! value goes through the same deserializers as [`super::parse`], so a file that reads here reads
//! the same there. Anything out of the ordinary (a syntax error, a duplicate `entries`, entries
//! that are not an array) gives up, and the caller reads the whole file with [`super::parse`],
//! which reports the fault with its line and column. (Entries are parsed two levels nearer the
//! top than in the whole file, so a field a newer corepath nests 127 deep would read here and not
//! there: nothing writes such a file.)

use std::io::{self, Read};

use serde::de::{DeserializeOwned, IgnoredAny};

use crate::model::{Entry, Journal};

/// The first size of the read buffer; it grows for a value longer than this.
const CHUNK: usize = 1 << 20;

/// Why reading in chunks gave up.
#[derive(Debug)]
pub(super) enum Stop {
    /// The file could not be read.
    Io(io::Error),
    /// The text is not a journal this reader handles: read it whole instead.
    Unusual,
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Stop {
        Stop::Io(e)
    }
}

/// Read a journal from `reader`, or say why not.
pub(super) fn read(reader: impl Read) -> Result<Journal, Stop> {
    read_in(reader, CHUNK)
}

fn read_in(reader: impl Read, chunk: usize) -> Result<Journal, Stop> {
    let mut r = Chunks::new(reader, chunk);
    r.expect(b'{')?;
    let mut skeleton = b"{".to_vec();
    let mut entries: Option<Vec<Entry>> = None;
    let mut first = true;
    loop {
        match r.peek()? {
            Some(b'}') => {
                r.pos += 1;
                break;
            }
            Some(b',') if !first => r.pos += 1,
            _ if first => {}
            _ => return Err(Stop::Unusual),
        }
        let key: String = r.value()?;
        r.expect(b':')?;
        if !first {
            skeleton.push(b',');
        }
        skeleton.extend_from_slice(
            serde_json::to_string(&key)
                .map_err(|_| Stop::Unusual)?
                .as_bytes(),
        );
        skeleton.push(b':');
        if key == "entries" {
            if entries.is_some() {
                return Err(Stop::Unusual);
            }
            entries = Some(r.entries()?);
            skeleton.extend_from_slice(b"[]");
        } else {
            skeleton.extend_from_slice(r.raw_value()?);
        }
        first = false;
    }
    if r.peek()?.is_some() {
        return Err(Stop::Unusual);
    }
    skeleton.push(b'}');
    let mut journal: Journal = serde_json::from_slice(&skeleton).map_err(|_| Stop::Unusual)?;
    if let Some(entries) = entries {
        journal.entries = entries;
    }
    Ok(journal)
}

/// The file's text, a buffer at a time.
struct Chunks<R> {
    reader: R,
    buf: Vec<u8>,
    /// The next byte to read.
    pos: usize,
    /// The end of the bytes read so far.
    end: usize,
    /// Whether the reader has no more.
    eof: bool,
}

impl<R: Read> Chunks<R> {
    fn new(reader: R, chunk: usize) -> Chunks<R> {
        Chunks {
            reader,
            buf: vec![0; chunk.max(1)],
            pos: 0,
            end: 0,
            eof: false,
        }
    }

    /// Read more: keep the unread bytes, at the front, and fill the rest of the buffer (twice
    /// as large when the unread bytes already fill it).
    fn fill(&mut self) -> Result<(), Stop> {
        self.buf.copy_within(self.pos..self.end, 0);
        self.end -= self.pos;
        self.pos = 0;
        if self.end == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        loop {
            match self.reader.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// The next byte that is not JSON whitespace, not consumed; `None` at the end of the file.
    fn peek(&mut self) -> Result<Option<u8>, Stop> {
        loop {
            while self.pos < self.end && matches!(self.buf[self.pos], b' ' | b'\n' | b'\r' | b'\t')
            {
                self.pos += 1;
            }
            if self.pos < self.end {
                return Ok(Some(self.buf[self.pos]));
            }
            if self.eof {
                return Ok(None);
            }
            self.fill()?;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Stop> {
        if self.peek()? == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Stop::Unusual)
        }
    }

    /// Parse the next value; returns it with where its text started in the buffer.
    fn parse<T: DeserializeOwned>(&mut self) -> Result<(T, usize), Stop> {
        loop {
            self.peek()?;
            let start = self.pos;
            let text = &self.buf[start..self.end];
            let mut values = serde_json::Deserializer::from_slice(text).into_iter::<T>();
            match values.next() {
                // A value that runs to the end of the buffer may go on in the file (a number).
                Some(Ok(value)) if values.byte_offset() < text.len() || self.eof => {
                    self.pos = start + values.byte_offset();
                    return Ok((value, start));
                }
                // Cut short by the end of the buffer (which may also read as an invalid number),
                // or a fault: read on, and see again.
                Some(_) if !self.eof => {}
                _ => return Err(Stop::Unusual),
            }
            self.fill()?;
        }
    }

    fn value<T: DeserializeOwned>(&mut self) -> Result<T, Stop> {
        self.parse().map(|(value, _)| value)
    }

    /// The text of the next value, checked to be JSON.
    fn raw_value(&mut self) -> Result<&[u8], Stop> {
        let (IgnoredAny, start) = self.parse()?;
        Ok(&self.buf[start..self.pos])
    }

    /// An array of entries, each parsed as soon as its text is read.
    fn entries(&mut self) -> Result<Vec<Entry>, Stop> {
        self.expect(b'[')?;
        let mut entries = Vec::new();
        if self.peek()? == Some(b']') {
            self.pos += 1;
            return Ok(entries);
        }
        loop {
            entries.push(self.value::<Entry>()?);
            match self.peek()? {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(entries);
                }
                _ => return Err(Stop::Unusual),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::store::{DEMO_JSON, parse};

    /// A reader that hands out at most `step` bytes a call.
    struct Trickle<'a> {
        text: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(out.len()).min(self.text.len());
            out[..n].copy_from_slice(&self.text[..n]);
            self.text = &self.text[n..];
            Ok(n)
        }
    }

    fn both_ways(text: &str) -> (Option<Journal>, Option<Journal>) {
        let whole = parse(Path::new("journal.json"), text.as_bytes()).ok();
        let mut streamed = None;
        for (chunk, step) in [(CHUNK, usize::MAX), (1, 1), (7, 3), (64, 5), (4096, 1000)] {
            let got = read_in(
                Trickle {
                    text: text.as_bytes(),
                    step,
                },
                chunk,
            )
            .ok();
            if let Some(previous) = &streamed {
                assert_eq!(got.as_ref(), Some(previous), "chunk {chunk}, step {step}");
            }
            match got {
                Some(j) => streamed = Some(j),
                None => {
                    assert!(streamed.is_none(), "chunk {chunk}, step {step} gave up");
                    return (whole, None);
                }
            }
        }
        (whole, streamed)
    }

    #[test]
    fn the_demo_reads_as_when_parsed_whole() {
        let (whole, streamed) = both_ways(DEMO_JSON);
        let whole = whole.expect("the demo parses");
        assert!(whole.entries.len() > 50, "the demo has entries");
        assert_eq!(streamed, Some(whole));
    }

    #[test]
    fn field_order_spacing_escapes_and_unknown_fields_read_the_same() {
        let text = r#"  {"entr\u0069es" :[ {"id":"a1","date":"2026-01-02","kind":"sop","title":"Q\"uote \u00e9",
            "metrics":["fac.quality"],"hours":12.5e0,"people":120,"highlight":true,"future":{"x":[1,2.5,null]},
            "created":"2026-01-02T10:00:00Z","updated":"2026-01-02T10:00:00Z"},
            {"id":"b2","date":"2026-01-03","kind":"sop","title":"two","metrics":[],"highlight":false,
            "created":"2026-01-03T10:00:00Z"}
          ] , "newer_field": [true, false, {"deep": {"deeper": 123456789}}],
          "format":"corepath-journal","version":1,
          "profile":{"name":"Zoë","tier":"scientist"},"goals":[] }
        "#;
        let (whole, streamed) = both_ways(text);
        let whole = whole.expect("the text parses");
        assert_eq!(whole.entries.len(), 2);
        assert!(whole.extra.contains_key("newer_field"));
        assert_eq!(streamed, Some(whole));
    }

    #[test]
    fn no_entries_and_empty_entries_read_the_same() {
        for text in [
            r#"{"format":"corepath-journal","version":1,"profile":{"name":"A","tier":"scientist"}}"#,
            r#"{"format":"corepath-journal","version":1,"profile":{"name":"A","tier":"scientist"},"entries":[ ]}"#,
        ] {
            let (whole, streamed) = both_ways(text);
            assert!(whole.is_some());
            assert_eq!(streamed, whole);
        }
    }

    #[test]
    fn anything_unusual_is_left_to_the_whole_parse() {
        let head =
            r#"{"format":"corepath-journal","version":1,"profile":{"name":"A","tier":"scientist"}"#;
        for tail in [
            r#","entries":[],"entries":[]}"#,
            r#","entries":null}"#,
            r#","entries":[{"id":"a"}]}"#,
            r#","entries":[],}"#,
            r#","entries":[]} x"#,
            r#","entries":[]"#,
            r#","profile":{"name":"B","tier":"scientist"}}"#,
            r#","version":1}"#,
        ] {
            let text = format!("{head}{tail}");
            let (whole, streamed) = both_ways(&text);
            assert!(whole.is_none(), "{text} should not parse");
            assert!(
                streamed.is_none(),
                "{text} should be left to the whole parse"
            );
        }
        assert!(both_ways("").1.is_none());
        assert!(both_ways("[]").1.is_none());
    }
}
