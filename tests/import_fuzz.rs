//! Hostile input to the new readers (issue 13): arbitrary bytes and text made of each format's
//! own pieces are read or refused, quickly, and never crash — BibTeX read forgivingly, RIS,
//! MEDLINE, the services' JSON, booking exports, and the encoding detection.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use corepath::framework::Framework;
use corepath::import::bookings::{self, DateOrder, Mapping};
use corepath::import::{self, ImportFormat, Options, text};
use corepath::model::{Journal, Profile};
use proptest::prelude::*;

const BOUND: Duration = Duration::from_secs(5);

fn now() -> DateTime<Utc> {
    "2026-11-25T09:00:00Z".parse().expect("a time")
}

/// Read `text` as `format`, forgivingly and strictly, each within [`BOUND`].
fn reads_in_bounded_time(format: ImportFormat, text: &str) {
    let framework = Framework::bundled().expect("the bundled framework");
    let options = Options {
        framework: &framework,
        now: now(),
        role: None,
        person: Default::default(),
    };
    for strict in [false, true] {
        let started = Instant::now();
        let _ = import::read(format, text, &options, strict);
        let took = started.elapsed();
        assert!(took < BOUND, "{} took {took:?}", format.name());
    }
}

fn pieces(list: Vec<&'static str>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(list), 0..150).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_are_decoded_and_read_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(decoded) = text::decode(&bytes, None) {
            prop_assert!(!decoded.text.contains('\r'));
            for format in [ImportFormat::Bibtex, ImportFormat::Ris, ImportFormat::Medline, ImportFormat::Json] {
                reads_in_bounded_time(format, &decoded.text);
            }
        }
    }

    #[test]
    fn bibtex_pieces_are_read_forgivingly(text in pieces(vec![
        "@article{", "@article{,", "@string{", "@comment{", "k,", " = ", "{", "}", "\\{", "\\}",
        "\\backslash", "\\\\", "\"", "#", ",", "title", "year", "date", "2020-09-20T19:01:13Z",
        "2024", "doi", "10.1000/x", "undefined", "\n", "\n@misc{", "é", "\u{0}",
    ])) {
        reads_in_bounded_time(ImportFormat::Bibtex, &text);
    }

    #[test]
    fn ris_pieces_are_read_or_refused(text in pieces(vec![
        "TY  - JOUR\n", "ER  -\n", "TI  - ", "AU  - ", "PY  - ", "DA  - ", "DO  - ", "UR  - ",
        "T2  - ", "2023/01/15/", "2023///", "10.1000/x", "x", "\n", "  ", "\u{feff}", "\u{1b}",
    ])) {
        reads_in_bounded_time(ImportFormat::Ris, &text);
    }

    #[test]
    fn medline_pieces_are_read_or_refused(text in pieces(vec![
        "PMID- ", "12345", "TI  - ", "DP  - ", "2023 Jan 15", "2023 Spring", "AU  - ",
        "FAU - ", "AUID- ORCID: ", "0000-0002-1825-0097", "LID - ", " [doi]", "10.1/x",
        "\n", "      ", "x", "\u{202e}",
    ])) {
        reads_in_bounded_time(ImportFormat::Medline, &text);
    }

    #[test]
    fn service_json_pieces_are_read_or_refused(text in pieces(vec![
        "{", "}", "[", "]", ",", ":", "\"resultList\"", "\"result\"", "\"message\"",
        "\"activities-summary\"", "\"group\"", "\"work-summary\"", "\"title\"", "\"value\"",
        "\"doi\"", "\"pmid\"", "\"pubYear\"", "\"2023\"", "null", "1", "\"x\"",
    ])) {
        reads_in_bounded_time(ImportFormat::Json, &text);
    }

    #[test]
    fn booking_rows_are_read_or_refused(text in pieces(vec![
        "Ref,System,User,Group,Date,Start time,End time,Booking type\n", "1", ",", "n/a",
        "03/04/2026", "09:00", "23:59", "Training", "Autonomous", "\n", "\"", ";", "-1",
    ])) {
        let framework = Framework::bundled().expect("the bundled framework");
        let journal = Journal::new(Profile::new("Ada", "scientist"));
        let started = Instant::now();
        let _ = bookings::plan(&text, &Mapping::ppms(), DateOrder::DayFirst, &framework, &journal, "f.csv", now());
        prop_assert!(started.elapsed() < BOUND);
    }
}
