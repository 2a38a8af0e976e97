//! `@string` macros expanded by corepath itself, within the limits of module `guard`, and the
//! records rebuilt with the expanded text for `biblatex` to read.

use super::*;

/// A field after macro expansion: TeX text rewritten for `biblatex`, and the names no `@string`
/// defines, left for it to read as months or to report.
pub(super) enum Segment<'s> {
    Text(String),
    Undefined(&'s str, usize),
}

/// Each record's fields, each field's segments (`None` for a field corepath does not read): the
/// file with its macros expanded (within the limits of [`guard`]) and its TeX rewritten through
/// [`prepare`] and [`shallow_groups`].
pub(super) fn expand_fields<'s>(
    raw: &'s RawBibliography<'s>,
) -> Result<Expanded<'s>, guard::Refusal> {
    let mut macros = guard::Macros::new(&raw.abbreviations);
    let mut groups = guard::Groups::default();
    let mut pieces = Vec::new();
    let mut records = Vec::with_capacity(raw.entries.len());
    let mut authors = HashMap::new();
    for entry in &raw.entries {
        let mut fields = Vec::with_capacity(entry.v.fields.len());
        for pair in &entry.v.fields {
            if !READ.iter().any(|k| pair.key.v.eq_ignore_ascii_case(k)) {
                fields.push(None);
                continue;
            }
            let refused = |r: guard::Refusal| guard::Refusal {
                offset: pair.key.span.start,
                reason: format!("field {}: {}", pair.key.v, r.reason),
            };
            pieces.clear();
            macros.expand(&pair.value.v, &mut pieces).map_err(refused)?;
            let braces = braces(pair.key.v);
            let mut segments = Vec::new();
            let mut text = String::new();
            let mut flush = |text: &mut String, segments: &mut Vec<Segment<'s>>| {
                if text.is_empty() {
                    return Ok(());
                }
                let shallow = shallow_groups(text, braces);
                text.clear();
                groups.add(&shallow)?;
                segments.push(Segment::Text(shallow));
                Ok(())
            };
            for piece in &pieces {
                match *piece {
                    guard::Piece::Text(t) if braces == Braces::Verbatim => text.push_str(t),
                    guard::Piece::Text(t) => text.push_str(&prepare(t)),
                    guard::Piece::Undefined(name, offset) => {
                        flush(&mut text, &mut segments).map_err(refused)?;
                        segments.push(Segment::Undefined(name, offset));
                    }
                }
            }
            flush(&mut text, &mut segments).map_err(refused)?;
            if let [Segment::Text(names)] = segments.as_mut_slice()
                && braces == Braces::Names
            {
                // Only the names the notes show go to biblatex; the count says how many more.
                let (count, kept) = name_list(names, AUTHORS_LISTED);
                if count > AUTHORS_LISTED {
                    names.truncate(kept);
                    authors.insert(entry.v.key.v.to_string(), count);
                }
            }
            fields.push(Some(segments));
        }
        records.push(fields);
    }
    Ok(Expanded { records, authors })
}

/// The file expanded: each record's fields, each read field's segments; and the number of
/// authors of each record whose list was cut to the names the notes show.
pub(super) struct Expanded<'s> {
    pub(super) records: Vec<Vec<Option<Vec<Segment<'s>>>>>,
    pub(super) authors: HashMap<String, usize>,
}

/// The raw bibliography again, each field read made of its expanded `segments` (in
/// [`expand_fields`] order), the others left out, and no `@string` left to expand.
/// The same record with other fields: its key, kind and place kept.
pub(super) fn with_fields<'a>(
    e: &Spanned<RawEntry<'a>>,
    fields: Vec<Pair<'a>>,
) -> Spanned<RawEntry<'a>> {
    Spanned::new(
        RawEntry {
            key: e.v.key.clone(),
            kind: e.v.kind.clone(),
            fields,
        },
        e.span.clone(),
    )
}

pub(super) fn rebuild<'a>(
    raw: &RawBibliography<'a>,
    segments: &'a Expanded<'a>,
) -> RawBibliography<'a> {
    let entries = raw
        .entries
        .iter()
        .zip(&segments.records)
        .map(|(e, fields)| {
            let fields = e
                .v
                .fields
                .iter()
                .zip(fields)
                .filter_map(|(pair, segments)| {
                    let span = pair.value.span.clone();
                    let value: Field<'a> = segments
                        .as_ref()?
                        .iter()
                        .map(|segment| match segment {
                            Segment::Text(text) => {
                                Spanned::new(RawChunk::Normal(text.as_str()), span.clone())
                            }
                            Segment::Undefined(name, at) => {
                                Spanned::new(RawChunk::Abbreviation(name), *at..*at + name.len())
                            }
                        })
                        .collect();
                    Some(Pair::new(pair.key.clone(), Spanned::new(value, span)))
                })
                .collect();
            with_fields(e, fields)
        })
        .collect();
    RawBibliography {
        preamble: String::new(),
        entries,
        abbreviations: Vec::new(),
    }
}
