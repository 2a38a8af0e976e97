//! The journal's pretty-printed JSON, exactly as `serde_json::to_vec_pretty` writes it, a little
//! faster: each line break and its indentation go out in one piece instead of two bytes at a
//! time, which on a large journal was a good part of the time a save takes.

use std::io;

use serde::Serialize;
use serde_json::ser::Formatter;

/// `,\n` and enough spaces for 64 levels of two-space indentation.
const LINE: &[u8; 130] = b",\n                                                                                                                                ";

/// `value` as `serde_json::to_vec_pretty` writes it.
pub(super) fn to_vec<T: Serialize + ?Sized>(
    value: &T,
    capacity: usize,
) -> serde_json::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(capacity);
    let mut ser = serde_json::Serializer::with_formatter(&mut bytes, Pretty::default());
    value.serialize(&mut ser)?;
    Ok(bytes)
}

/// serde_json's `PrettyFormatter` with its default two-space indent.
#[derive(Debug, Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// Open an array or object one level deeper.
    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// Close an array or object, on a line of its own when it held anything.
    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(writer, true)?;
        }
        writer.write_all(bracket)
    }

    /// A line break (after a comma unless `first`) and the indentation of the current depth.
    fn line<W: ?Sized + io::Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        let from = usize::from(first);
        let spaces = self.depth * 2;
        match LINE.get(from..2 + spaces) {
            Some(line) => writer.write_all(line),
            None => {
                writer.write_all(&LINE[from..2])?;
                for _ in 0..self.depth {
                    writer.write_all(b"  ")?;
                }
                Ok(())
            }
        }
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::Journal;
    use crate::store::DEMO_JSON;

    #[test]
    fn writes_what_serde_json_writes() {
        let demo: Journal = serde_json::from_str(DEMO_JSON).expect("the demo parses");
        assert_eq!(
            to_vec(&demo, 0).expect("serialises"),
            serde_json::to_vec_pretty(&demo).expect("serialises")
        );
        let mut deep = json!([]);
        for i in 0..80 {
            deep = json!({ "level": i, "empty": [], "nothing": {}, "inner": [deep, "x\n\"y\""] });
        }
        for value in [
            json!(null),
            json!([]),
            json!({}),
            json!([[], {}, [1, [2, {"a": []}]]]),
            deep,
        ] {
            assert_eq!(
                to_vec(&value, 16).expect("serialises"),
                serde_json::to_vec_pretty(&value).expect("serialises")
            );
        }
    }
}
