//! Limits for hostile BibTeX. `biblatex` expands `@string` macros and follows `crossref` and
//! `xdata` links by recursion, with no memory of what it expanded: a macro that names itself, or
//! a record that is its own cross-reference, overflows the stack, and 27 doubling macros in a
//! kilobyte expand to gigabytes. So corepath expands the macros itself, measuring them first
//! (nesting depth, cycles, expanded size), and checks the link graph before `biblatex` follows
//! it: a file either stays within these limits or is refused, naming the record and the reason.

use std::collections::HashMap;

use biblatex::{Bibliography, Field, Pair, RawBibliography, RawChunk, RawEntry, Spanned};

/// How deep `@string` macros may refer to one another.
pub const MACRO_DEPTH: usize = 32;

/// How many bytes of field text the macros of one file may expand to.
pub const EXPANDED_BYTES: usize = 128 << 20;

/// How many pieces (text and macro references) the fields of one file may expand to.
pub const EXPANDED_PIECES: usize = 1 << 20;

/// How many records (`@` signs) one file may hold: a person's publications, or a facility's,
/// are thousands; each record costs a few kilobytes on its way into the journal.
pub const RECORDS: usize = 45_000;

/// How many fields (`=` signs) one file may hold.
pub const FIELDS: usize = 1 << 20;

/// How many `#` concatenations one file may hold.
pub const CONCATENATIONS: usize = 1 << 20;

/// How many brace groups the name lists of one file may hold after rewriting (each costs
/// `biblatex` a chunk; other fields keep none).
pub const GROUPS: usize = 1 << 20;

/// How long a chain of `crossref` / `xdata` links may be.
pub const LINK_DEPTH: usize = 16;

/// How many bytes of field text records may inherit through their links, all together.
pub const INHERITED_BYTES: usize = 64 << 20;

/// The field names renamed for the link check, so that `biblatex` reads them but does not
/// follow them.
const LINKS: [(&str, &str); 2] = [
    ("crossref", "corepath-crossref"),
    ("xdata", "corepath-xdata"),
];

/// A file refused by a limit: where (a byte offset in the file), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The byte offset of the field or record at fault.
    pub offset: usize,
    /// Why, in words.
    pub reason: String,
}

impl Refusal {
    fn at(offset: usize, reason: String) -> Refusal {
        Refusal { offset, reason }
    }
}

/// Count what costs the parser memory — records, fields, concatenations — before it reads the
/// file: one pass over its bytes.
///
/// # Errors
/// The place where a count passes its limit.
pub fn check_counts(text: &str) -> Result<(), Refusal> {
    let limits = [
        (b'@', RECORDS, "records (@ signs)"),
        (b'=', FIELDS, "fields (= signs)"),
        (b'#', CONCATENATIONS, "# concatenations"),
    ];
    let mut counts = [0usize; 3];
    for (offset, byte) in text.bytes().enumerate() {
        for (count, (sign, limit, what)) in counts.iter_mut().zip(limits) {
            if byte == sign {
                *count += 1;
                if *count > limit {
                    return Err(Refusal::at(
                        offset,
                        format!(
                            "more than {limit} {what} in one file; expected at most {limit}: \
                             split the file"
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// The brace groups counted so far, against [`GROUPS`].
#[derive(Debug, Default)]
pub struct Groups(usize);

impl Groups {
    /// Count the groups of a rewritten field.
    ///
    /// # Errors
    /// When the file's groups pass [`GROUPS`].
    pub fn add(&mut self, text: &str) -> Result<(), Refusal> {
        self.0 += text.bytes().filter(|b| *b == b'{').count();
        if self.0 > GROUPS {
            return Err(Refusal::at(
                0,
                format!("more than {GROUPS} brace groups in one file; expected at most {GROUPS}"),
            ));
        }
        Ok(())
    }
}

/// What a field expands to, counted without expanding it.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    bytes: usize,
    pieces: usize,
}

impl Size {
    fn plus(self, other: Size) -> Size {
        Size {
            bytes: self.bytes.saturating_add(other.bytes),
            pieces: self.pieces.saturating_add(other.pieces),
        }
    }
}

/// A piece of an expanded field: text from the file, or a name no `@string` defines (a month
/// such as `dec`, which `biblatex` knows, or an undefined macro, which it reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'s> {
    /// Text, as written in the file.
    Text(&'s str),
    /// A macro reference left to `biblatex`, with its place in the file.
    Undefined(&'s str, usize),
}

/// The `@string` macros of a file, expanded on demand within the limits above.
pub struct Macros<'s> {
    definitions: HashMap<&'s str, &'s Field<'s>>,
    sizes: HashMap<&'s str, Size>,
    total: Size,
}

impl<'s> Macros<'s> {
    /// The macros defined in a file (a name defined twice keeps its last value, as in biblatex).
    pub fn new(definitions: &'s [Pair<'s>]) -> Macros<'s> {
        Macros {
            definitions: definitions.iter().map(|p| (p.key.v, &p.value.v)).collect(),
            sizes: HashMap::new(),
            total: Size::default(),
        }
    }

    /// Expand one field's value into `out`.
    ///
    /// # Errors
    /// A macro that refers to itself, macros nested deeper than [`MACRO_DEPTH`], or the file's
    /// fields together expanding past [`EXPANDED_BYTES`] or [`EXPANDED_PIECES`].
    pub fn expand(
        &mut self,
        field: &'s Field<'s>,
        out: &mut Vec<Piece<'s>>,
    ) -> Result<(), Refusal> {
        let mut path = Vec::new();
        let size = self.measure(field, &mut path)?;
        self.total = self.total.plus(size);
        let offset = field.first().map_or(0, |c| c.span.start);
        let past = if self.total.bytes > EXPANDED_BYTES {
            Some(format!("{} MiB of text", EXPANDED_BYTES >> 20))
        } else if self.total.pieces > EXPANDED_PIECES {
            Some(format!("{EXPANDED_PIECES} pieces joined with #"))
        } else {
            None
        };
        if let Some(past) = past {
            return Err(Refusal::at(
                offset,
                format!(
                    "the file's @string macros expand past {past} in all; expected a \
                     bibliography's worth (are macros doubling one another?)"
                ),
            ));
        }
        // Measured: no cycle and at most MACRO_DEPTH deep, so this walk ends.
        let mut stack = vec![field.iter()];
        while let Some(chunks) = stack.last_mut() {
            let Some(chunk) = chunks.next() else {
                stack.pop();
                continue;
            };
            match chunk.v {
                RawChunk::Normal(text) => out.push(Piece::Text(text)),
                RawChunk::Abbreviation(name) => match self.definitions.get(name) {
                    Some(value) => stack.push(value.iter()),
                    None => out.push(Piece::Undefined(name, chunk.span.start)),
                },
            }
        }
        Ok(())
    }

    /// The expanded size of a value; `path` holds the macros being measured, outermost first.
    /// Recursion is bounded by [`MACRO_DEPTH`].
    fn measure(&mut self, value: &'s Field<'s>, path: &mut Vec<&'s str>) -> Result<Size, Refusal> {
        let mut size = Size::default();
        for chunk in value {
            let part = match chunk.v {
                RawChunk::Normal(text) => Size {
                    bytes: text.len(),
                    pieces: 1,
                },
                RawChunk::Abbreviation(name) => self.measure_macro(name, chunk.span.start, path)?,
            };
            size = size.plus(part);
        }
        Ok(size)
    }

    fn measure_macro(
        &mut self,
        name: &'s str,
        offset: usize,
        path: &mut Vec<&'s str>,
    ) -> Result<Size, Refusal> {
        if let Some(size) = self.sizes.get(name) {
            return Ok(*size);
        }
        let Some(value) = self.definitions.get(name).copied() else {
            return Ok(Size {
                bytes: name.len(),
                pieces: 1,
            });
        };
        if let Some(start) = path.iter().position(|n| *n == name) {
            let mut cycle = path[start..].to_vec();
            cycle.push(name);
            return Err(Refusal::at(
                offset,
                format!(
                    "the @string macro `{name}` refers to itself ({}); give it a value that \
                     does not",
                    cycle.join(" → ")
                ),
            ));
        }
        if path.len() >= MACRO_DEPTH {
            return Err(Refusal::at(
                offset,
                format!(
                    "@string macros nested more than {MACRO_DEPTH} deep ({} → …); expected at \
                     most {MACRO_DEPTH}",
                    path[..3].join(" → ")
                ),
            ));
        }
        path.push(name);
        let size = self.measure(value, path);
        path.pop();
        let size = size?;
        self.sizes.insert(name, size);
        Ok(size)
    }
}

/// Check the `crossref` and `xdata` links of the records (after macro expansion) before
/// `biblatex` follows them: no record may lead back to itself, no chain may be longer than
/// [`LINK_DEPTH`], and all together records may inherit at most [`INHERITED_BYTES`].
///
/// The links are read by `biblatex` itself, from a copy of the records holding only their keys,
/// `ids` and links (renamed, so that it does not follow them), so that a key matches exactly as
/// it will when the records are resolved.
///
/// # Errors
/// The first record at fault, or a `biblatex` error reading the links.
pub fn check_links(raw: &RawBibliography<'_>) -> Result<(), LinkError> {
    let is_link = |key: &str| LINKS.iter().any(|(name, _)| key.eq_ignore_ascii_case(name));
    if !raw
        .entries
        .iter()
        .any(|e| e.v.fields.iter().any(|p| is_link(p.key.v)))
    {
        return Ok(());
    }
    let links_only = RawBibliography {
        preamble: String::new(),
        abbreviations: Vec::new(),
        entries: raw
            .entries
            .iter()
            .map(|e| {
                let fields =
                    e.v.fields
                        .iter()
                        .filter_map(|p| {
                            let renamed = LINKS
                                .iter()
                                .find(|(name, _)| p.key.v.eq_ignore_ascii_case(name))
                                .map(|(_, renamed)| *renamed);
                            let key =
                                renamed.or(p.key.v.eq_ignore_ascii_case("ids").then_some("ids"))?;
                            Some(Pair::new(
                                Spanned::new(key, p.key.span.clone()),
                                p.value.clone(),
                            ))
                        })
                        .collect();
                super::expand::with_fields(e, fields)
            })
            .collect(),
    };
    let links = Bibliography::from_raw(links_only).map_err(LinkError::Parse)?;
    let index: HashMap<&str, usize> = links
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.as_str(), i))
        .collect();
    let find = |key: &str| {
        links
            .get(key.trim())
            .and_then(|e| index.get(e.key.as_str()).copied())
    };
    let parents: Vec<Vec<usize>> = links
        .iter()
        .map(|e| {
            let crossref = e.get_as::<String>(LINKS[0].1).ok();
            let xdata = e.get_as::<Vec<String>>(LINKS[1].1).unwrap_or_default();
            crossref
                .iter()
                .chain(&xdata)
                .filter_map(|k| find(k))
                .collect()
        })
        .collect();
    let sizes: Vec<usize> = raw.entries.iter().map(|e| record_bytes(&e.v)).collect();
    let keys: Vec<&str> = links.iter().map(|e| e.key.as_str()).collect();
    let mut graph = Graph {
        parents: &parents,
        sizes: &sizes,
        keys: &keys,
        inherited: vec![None; parents.len()],
    };
    let mut total: usize = 0;
    for i in 0..parents.len() {
        let mut path = Vec::new();
        let inherited = graph
            .inherited(i, &mut path)
            .map_err(|reason| LinkError::Record {
                offset: raw.entries[i].v.key.span.start,
                reason,
            })?;
        total = total.saturating_add(inherited);
        if total > INHERITED_BYTES {
            return Err(LinkError::Record {
                offset: raw.entries[i].v.key.span.start,
                reason: format!(
                    "records inherit more than {} MiB through crossref and xdata links in all; \
                     expected a bibliography whose links share a few fields",
                    INHERITED_BYTES >> 20
                ),
            });
        }
    }
    Ok(())
}

/// Why the links of a file are refused.
#[derive(Debug)]
pub enum LinkError {
    /// `biblatex` could not read them.
    Parse(biblatex::ParseError),
    /// A record leads back to itself, through too long a chain, or inherits too much.
    Record {
        /// The byte offset of the record.
        offset: usize,
        /// Why, in words.
        reason: String,
    },
}

fn record_bytes(entry: &RawEntry<'_>) -> usize {
    entry
        .fields
        .iter()
        .flat_map(|p| &p.value.v)
        .map(|c| match c.v {
            RawChunk::Normal(text) => text.len(),
            RawChunk::Abbreviation(name) => name.len(),
        })
        .sum()
}

/// The link graph: each record's parents, its own size, and what it inherits (once known).
struct Graph<'a> {
    parents: &'a [Vec<usize>],
    sizes: &'a [usize],
    keys: &'a [&'a str],
    inherited: Vec<Option<usize>>,
}

impl Graph<'_> {
    /// The bytes record `i` inherits, as `biblatex` copies them: each parent whole, with what the
    /// parent inherits. Recursion is bounded by [`LINK_DEPTH`].
    fn inherited(&mut self, i: usize, path: &mut Vec<usize>) -> Result<usize, String> {
        if let Some(known) = self.inherited[i] {
            return Ok(known);
        }
        if let Some(start) = path.iter().position(|p| *p == i) {
            let mut cycle: Vec<&str> = path[start..].iter().map(|p| self.keys[*p]).collect();
            cycle.push(self.keys[i]);
            return Err(format!(
                "its crossref or xdata links go round in a circle ({}); expected links that \
                 end at a record without any",
                cycle.join(" → ")
            ));
        }
        if path.len() >= LINK_DEPTH {
            return Err(format!(
                "a chain of crossref or xdata links longer than {LINK_DEPTH} records starts \
                 here; expected at most {LINK_DEPTH}"
            ));
        }
        path.push(i);
        let mut total: usize = 0;
        for p in self.parents[i].clone() {
            let above = self.inherited(p, path);
            let above = match above {
                Ok(above) => above,
                Err(e) => {
                    path.pop();
                    return Err(e);
                }
            };
            total = total.saturating_add(self.sizes[p]).saturating_add(above);
        }
        path.pop();
        self.inherited[i] = Some(total);
        Ok(total)
    }
}
