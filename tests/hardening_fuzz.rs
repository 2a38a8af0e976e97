//! Fuzz-style properties of the importers (issue 9): whatever bytes a file holds, the BibTeX and
//! CSV parsers answer with entries or a refusal — never a panic, never a hang — and the BibTeX
//! guard refuses macros that double one another before expanding them.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use corepath::framework::Framework;
use corepath::import::{self, ImportFormat, Options};
use proptest::prelude::*;

/// Time one parse may take here (an unoptimised build, on a busy machine).
const BOUND: Duration = Duration::from_secs(3);

fn now() -> DateTime<Utc> {
    "2026-11-25T09:00:00Z".parse().expect("a time")
}

/// Parse `text` as `format`: Ok or a refusal, within [`BOUND`]; the refusal, if any.
fn parses_in_bounded_time(format: ImportFormat, text: &str) -> Option<String> {
    let framework = Framework::bundled().expect("the bundled framework");
    let options = Options {
        framework: &framework,
        now: now(),
        role: None,
        person: Default::default(),
    };
    let started = Instant::now();
    let result = import::parse(format, text, &options);
    let took = started.elapsed();
    assert!(took < BOUND, "{} took {took:?}", format.name());
    result.err().map(|e| e.to_string())
}

/// Up to 2 KB of arbitrary bytes.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..2048)
}

/// Text made of the pieces BibTeX files are made of, and of control characters.
fn bibtex_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "@article{",
        "@string{",
        "@xdata{",
        "@comment{",
        "@preamble{\"",
        "k,",
        "a",
        "b",
        " = ",
        "=",
        "{",
        "}",
        "\"",
        "#",
        ",",
        "title",
        "year",
        "2024",
        "crossref",
        "xdata",
        "ids",
        "author",
        " and ",
        "doi",
        "10.1000/x",
        "\\",
        "\\'",
        "\\emph",
        "\\ss",
        "$",
        "^",
        "_",
        "~",
        "--",
        "%",
        "\n",
        "\t",
        "\u{0}",
        "\u{1b}[2J",
        "\u{202e}",
        "é",
        "month = dec",
        "jan",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn bibtex_from_arbitrary_bytes_is_read_or_refused(bytes in bytes()) {
        parses_in_bounded_time(ImportFormat::Bibtex, &String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn bibtex_from_its_own_pieces_is_read_or_refused(text in bibtex_like()) {
        parses_in_bounded_time(ImportFormat::Bibtex, &text);
    }

    #[test]
    fn csv_from_arbitrary_bytes_is_read_or_refused(bytes in bytes()) {
        let text = String::from_utf8_lossy(&bytes);
        parses_in_bounded_time(ImportFormat::Csv, &text);
        // With a valid header, the rows are what varies.
        parses_in_bounded_time(ImportFormat::Csv, &format!("date,kind,title,hours,tags\n{text}"));
    }

    #[test]
    fn doubling_macros_are_refused_before_they_expand(
        depth in 24usize..64,
        names in prop::collection::vec("[a-z]{1,6}", 64),
        joins in 2usize..4,
    ) {
        let name = |i: usize| format!("{}{i}", names[i]);
        let mut bib = format!("@string{{{} = \"xxxx\"}}\n", name(0));
        for i in 1..=depth {
            let refs = vec![name(i - 1); joins].join(" # ");
            bib.push_str(&format!("@string{{{} = {refs}}}\n", name(i)));
        }
        bib.push_str(&format!("@article{{k, title = {}, year = 2024}}\n", name(depth)));
        let refusal = parses_in_bounded_time(ImportFormat::Bibtex, &bib);
        let refusal = refusal.unwrap_or_default();
        prop_assert!(
            refusal.contains("expand past") || refusal.contains("nested more than"),
            "{refusal}"
        );
    }
}
