//! Booking exports (issue 13): read through a built-in or a file mapping; training sessions
//! become user-training entries, usage one utilisation entry per instrument per month with its
//! usage hours; rows are never counted twice; bad rows and unknown columns are named.

mod common;

use common::papers::{ada_without_orcid, fixture};

use corepath::model::Entry;

fn titled<'a>(entries: &'a [Entry], title: &str) -> &'a Entry {
    entries
        .iter()
        .find(|e| e.title == title)
        .unwrap_or_else(|| panic!("no entry titled {title:?}"))
}

#[test]
fn a_ppms_export_gives_sessions_and_months() {
    let sb = ada_without_orcid();
    let before = sb.bytes();
    let out = sb.ok(&[
        "import",
        &fixture("bookings-ppms.csv"),
        "--mapping",
        "ppms",
        "--dry-run",
    ]);
    assert!(
        out.starts_with("would add 4 entries from bookings-ppms.csv (utf-8): 2 training sessions, 2 months of instrument usage"),
        "{out}"
    );
    assert!(
        out.contains("! bookings-ppms.csv: line 8: Date: blank"),
        "{out}"
    );
    assert!(
        out.contains("! bookings-ppms.csv: line 9: End time: blank"),
        "{out}"
    );
    assert_eq!(sb.bytes(), before);
    sb.ok(&["import", &fixture("bookings-ppms.csv"), "--mapping", "ppms"]);
    let journal = sb.journal();
    let e = &journal.entries;
    assert_eq!(e.len(), 4);
    // Two trainees in one session: one entry, two people, the session's hours.
    let training = e
        .iter()
        .find(|x| x.kind == "user-training" && x.date.to_string() == "2026-03-05")
        .expect("the training session");
    assert_eq!(training.title, "Training on Zeiss LSM 980 confocal");
    assert_eq!((training.hours, training.people), (Some(2.0), Some(2)));
    assert_eq!(training.techniques, ["confocal"]);
    assert_eq!(
        training.notes,
        "From the booking export bookings-ppms.csv. Users: K. Lee, P. Diaz."
    );
    let assisted = e
        .iter()
        .find(|x| x.kind == "user-training" && x.date.to_string() == "2026-04-02")
        .expect("the assisted session");
    assert_eq!(assisted.people, Some(1), "n/a user still one session");
    assert_eq!(assisted.techniques, ["light-sheet"]);
    let confocal = titled(e, "Usage of Zeiss LSM 980 confocal, 2026-03");
    assert_eq!(confocal.kind, "utilisation-report");
    assert_eq!(confocal.date.to_string(), "2026-03-01");
    assert_eq!(confocal.usage_hours, Some(5.5));
    // Overnight: 22:00 to 02:00 is four hours.
    let sheet = titled(e, "Usage of Lightsheet 7, 2026-03");
    assert_eq!(sheet.usage_hours, Some(4.0));
}

#[test]
fn an_overlapping_export_is_never_counted_twice() {
    let sb = ada_without_orcid();
    sb.ok(&["import", &fixture("bookings-ppms.csv"), "--mapping", "ppms"]);
    let out = sb.ok(&["import", &fixture("bookings-ppms.csv"), "--mapping", "ppms"]);
    assert!(out.starts_with("added 0 entries"), "{out}");
    assert!(out.contains("6 rows already counted, skipped"), "{out}");
    let out = sb.ok(&[
        "import",
        &fixture("bookings-ppms-later.csv"),
        "--mapping",
        "ppms",
    ]);
    assert!(out.contains("1 rows already counted"), "{out}");
    assert!(
        out.contains("gained 1.5 usage hours from 1 new rows"),
        "{out}"
    );
    let journal = sb.journal();
    assert_eq!(journal.entries.len(), 4);
    let confocal = titled(&journal.entries, "Usage of Zeiss LSM 980 confocal, 2026-03");
    assert_eq!(confocal.usage_hours, Some(7.0));
}

#[test]
fn a_mapping_file_month_first_dates_and_minutes() {
    let sb = ada_without_orcid();
    let out = sb.ok(&[
        "import",
        &fixture("bookings-custom.csv"),
        "--mapping",
        &fixture("bookings-mapping.toml"),
        "--date-format",
        "mdy",
    ]);
    assert!(out.starts_with("added 2 entries"), "{out}");
    assert!(
        out.contains("! bookings-custom.csv: line 3: Minutes: blank"),
        "{out}"
    );
    let journal = sb.journal();
    let usage = titled(&journal.entries, "Usage of Nikon TIRF, 2026-03");
    assert_eq!(usage.usage_hours, Some(1.5));
    assert_eq!(usage.techniques, ["tirf"]);
    let induction = titled(&journal.entries, "Training on Nikon TIRF");
    assert_eq!(induction.date.to_string(), "2026-03-17");
    assert_eq!(induction.hours, Some(1.0));
    // Day first, 03/15/2026 is no date.
    let sb = ada_without_orcid();
    let out = sb.ok(&[
        "import",
        &fixture("bookings-custom.csv"),
        "--mapping",
        &fixture("bookings-mapping.toml"),
        "--dry-run",
    ]);
    assert!(out.contains("When: \"03/15/2026\" is not a date"), "{out}");
}

#[test]
fn an_unknown_column_is_refused_with_the_columns_there_are() {
    let sb = ada_without_orcid();
    sb.refused(
        &[
            "import",
            &fixture("bookings-custom.csv"),
            "--mapping",
            &fixture("bookings-mapping-bad.json"),
        ],
        &[
            "bookings-custom.csv is refused (booking export)",
            "duration column \"Hours\" is not in the export",
            "its columns are \"When\", \"Minutes\", \"Instrument\", \"Kind\", \"Who\"",
        ],
    );
    let bad = sb.path("bad.toml");
    std::fs::write(&bad, "date = \"When\"\ncolour = \"blue\"\n").expect("write");
    sb.refused(
        &[
            "import",
            &fixture("bookings-custom.csv"),
            "--mapping",
            bad.to_str().expect("path"),
        ],
        &["the mapping", "is refused", "colour"],
    );
    sb.refused(
        &[
            "import",
            &fixture("bookings-ppms.csv"),
            "--mapping",
            "ppms",
            "--strict",
        ],
        &["line 8: Date: blank", "nothing was imported"],
    );
}
