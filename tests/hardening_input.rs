//! Untrusted text and numbers (issue 9, items 9 to 12): hostile titles never reach the terminal
//! raw, single-line fields refuse control characters, roll-up sums never wrap, and `-0` hours read
//! as 0.

mod common;

use common::Sandbox;

/// Whether `text` shows a negative zero: `-0` not inside a date or a longer number.
fn shows_minus_zero(text: &str) -> bool {
    text.match_indices("-0").any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + 2..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_digit() || c == '.')
    })
}

#[test]
fn minus_zero_hours_are_stored_and_shown_as_zero() {
    let s = Sandbox::with_profile();
    let id = s.add(&[
        "--kind",
        "user-training",
        "--title",
        "Confocal 1:1",
        "--hours=-0",
    ]);
    let journal = s.journal_json();
    let hours = &journal["entries"][0]["hours"];
    assert_eq!(hours.to_string(), "0.0", "stored as 0, not -0.0");
    let shown = s.ok(&["show", &id]);
    assert!(!shows_minus_zero(&shown), "{shown}");

    // A journal written elsewhere with -0.0 hours still reads as 0.
    let mut edited = journal.clone();
    edited["entries"][0]["hours"] = serde_json::json!(-0.0);
    s.write_journal(&edited);
    for args in [&["show", id.as_str()][..], &["list"], &["cpd"], &["time"]] {
        let out = s.ok(args);
        assert!(!shows_minus_zero(&out), "corepath {args:?}:\n{out}");
    }
}

/// Three people's JSON evidence summaries in a sandbox (`ada.json`, `ben.json`, `cleo.json`),
/// each first changed by `edit` (called with the file's name).
fn summaries(edit: impl Fn(&str, &mut serde_json::Value)) -> (Sandbox, Vec<String>) {
    let s = Sandbox::with_profile();
    s.add(&[
        "--kind",
        "user-training",
        "--title",
        "Confocal 1:1",
        "--hours",
        "3",
    ]);
    let exported = s.path("summary.json");
    s.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        exported.to_str().expect("UTF-8"),
    ]);
    let base = common::read_json(&exported);
    let mut paths = Vec::new();
    for name in ["ada", "ben", "cleo"] {
        let mut summary = base.clone();
        summary["person"]["name"] = name.into();
        summary["person"]["orcid"] = serde_json::Value::Null;
        edit(name, &mut summary);
        let path = s.path(&format!("{name}.json"));
        common::write_json(&path, &summary);
        paths.push(path.to_str().expect("UTF-8").to_string());
    }
    (s, paths)
}

fn rollup_refused(edit: impl Fn(&str, &mut serde_json::Value), fragments: &[&str]) {
    let (s, paths) = summaries(edit);
    let args: Vec<&str> = ["rollup"]
        .into_iter()
        .chain(paths.iter().map(String::as_str))
        .collect();
    s.refused(&args, fragments);
}

#[test]
fn rollup_refuses_figures_that_would_wrap_or_overflow() {
    // Two summaries of 2^63 entries and one of 12 once added up to "12 entries".
    rollup_refused(
        |name, s| {
            s["headline"]["entries"] = if name == "cleo" {
                12.into()
            } else {
                (1u64 << 63).into()
            }
        },
        &[
            "ada.json: headline.entries 9223372036854775808 is out of range",
            "expected a count from 0 to 1000000000",
        ],
    );
    // 1e308 hours twice once printed inf (and null in JSON).
    rollup_refused(
        |_, s| s["headline"]["hours"] = serde_json::json!(1e308),
        &[
            "ada.json: headline.hours",
            "out of range",
            "expected hours from 0 to",
        ],
    );
    rollup_refused(
        |name, s| {
            if name == "ben" {
                s["metrics"][0]["hours"] = serde_json::json!(-4.0);
            }
        },
        &["ben.json: metrics[0].hours -4 is out of range"],
    );
    rollup_refused(
        |name, s| {
            if name == "ben" {
                s["headline"]["people"] = serde_json::json!(-1);
            }
        },
        &["ben.json", "headline.people", "invalid value: integer `-1`"],
    );
}

/// A title with what an attacker would put in a BibTeX file: a window title (OSC 0), a clipboard
/// write (OSC 52), a screen clear, a C1 CSI and a right-to-left override.
const HOSTILE: &str =
    "Evil \u{1b}]0;pwned\u{7} \u{1b}]52;c;cm0gLXJmIH4=\u{7} \u{1b}[2J \u{9b}31m \u{202e}txt.exe";

/// Whether `bytes` would act on a terminal: ESC, BEL, another C0 control than newline, tab or
/// carriage return, DEL, a C1 control or a bidirectional control.
fn acts_on_terminal(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .find(|c| corepath::text::visible::is_unsafe(*c) && !matches!(c, '\n' | '\t' | '\r'))
        .map(|c| format!("U+{:04X} in {text}", u32::from(c)))
}

/// A sandbox whose hand-edited journal holds the hostile title in an entry, the profile's name
/// and a goal: the entry's id.
fn hostile_journal() -> (Sandbox, String) {
    let s = Sandbox::with_profile();
    let id = s.add(&[
        "--kind",
        "user-training",
        "--title",
        "placeholder",
        "--hours",
        "2",
    ]);
    s.ok(&["goal", "add", "--title", "placeholder goal"]);
    let mut journal = s.journal_json();
    journal["entries"][0]["title"] = HOSTILE.into();
    journal["entries"][0]["notes"] = format!("notes: {HOSTILE}").into();
    journal["profile"]["name"] = format!("Ada {HOSTILE}").into();
    journal["goals"][0]["title"] = format!("Goal {HOSTILE}").into();
    s.write_journal(&journal);
    (s, id)
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let (s, id) = hostile_journal();
    let bib = s.path("evil.bib");
    std::fs::write(
        &bib,
        format!("@article{{k, title = {{{HOSTILE}}}, year = 2024}}\n"),
    )
    .expect("write the file");
    let period = ["--from", "2000-01-01", "--to", "2030-12-31"];
    let summary = s.path("summary.json");
    s.ok(&[
        &[
            "export",
            "--format",
            "json",
            "-o",
            summary.to_str().expect("UTF-8"),
        ][..],
        &period,
    ]
    .concat());
    let commands: Vec<Vec<&str>> = vec![
        vec!["import", bib.to_str().expect("UTF-8"), "--dry-run"],
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["show", &id],
        vec!["show", &id, "--format", "json"],
        vec!["progress"],
        vec!["goal", "list"],
        vec!["profile"],
        vec!["check"],
        vec!["rollup", summary.to_str().expect("UTF-8")],
        vec![
            "rollup",
            summary.to_str().expect("UTF-8"),
            "--format",
            "html",
        ],
        vec![
            "rollup",
            summary.to_str().expect("UTF-8"),
            "--format",
            "json",
        ],
        [&["export", "--format", "md"][..], &period].concat(),
        [&["export", "--format", "csv"][..], &period].concat(),
        [&["export", "--format", "html"][..], &period].concat(),
        [&["export", "--format", "json"][..], &period].concat(),
        vec!["list", "--kind", HOSTILE],
    ];
    for args in commands {
        let out = s.run(&args);
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            if let Some(found) = acts_on_terminal(bytes) {
                panic!("corepath {args:?}: {stream} has {found}");
            }
        }
    }
    // The title is shown, visibly.
    let listed = s.ok(&["list"]);
    assert!(listed.contains("Evil ␛]0;pwned␇"), "{listed}");
    // JSON on standard output means the same text: the escapes decode to the title.
    let shown = s.json(&["show", &id, "--format", "json"]);
    assert_eq!(shown["title"], HOSTILE);
    // A file written with -o keeps the text as it is.
    let md = s.path("summary.md");
    s.ok(&[
        &[
            "export",
            "--format",
            "md",
            "-o",
            md.to_str().expect("UTF-8"),
        ][..],
        &period,
    ]
    .concat());
    let written = std::fs::read_to_string(&md).expect("the Markdown file");
    assert!(
        written.contains('\u{1b}') && written.contains('\u{202e}'),
        "the file keeps the text"
    );
}

#[test]
fn single_line_fields_refuse_control_characters_naming_the_field() {
    let s = Sandbox::with_profile();
    let entry = ["add", "--kind", "user-training", "--title"];
    let cases: [(&[&str], &[&str]); 6] = [
        (
            &[&entry[..], &["two\nlines"]].concat(),
            &[
                "--title \"two\\nlines\"",
                "one line of text without control characters",
                "U+000A",
            ],
        ),
        (
            &[&entry[..], &["T", "--tag", "a\tb"]].concat(),
            &["--tag", "U+0009"],
        ),
        (
            &[&entry[..], &["T", "--technique", "confocal\u{202e}"]].concat(),
            &["--technique", "U+202E"],
        ),
        (
            &[&entry[..], &["T", "--note", "bell\u{7}"]].concat(),
            &["--note", "U+0007", "newlines and tabs"],
        ),
        (
            &["init", "--name", "Ada\u{1b}[2J", "--tier", "scientist"],
            &["--name", "U+001B"],
        ),
        (
            &["goal", "add", "--title", "del\u{7f}"],
            &["--title", "U+007F"],
        ),
    ];
    for (args, fragments) in cases {
        let message = s.refused(args, fragments);
        assert!(acts_on_terminal(message.as_bytes()).is_none(), "{message}");
    }
    // Notes and reflections may hold newlines and tabs.
    s.ok(&[
        &entry[..],
        &[
            "T",
            "--note",
            "line one\nline two\tindented",
            "--practice",
            "a\nb",
        ],
    ]
    .concat());
}

#[test]
fn imports_refuse_control_characters_and_bibtex_unwraps_long_titles() {
    let s = Sandbox::with_profile();
    let csv = s.path("nul.csv");
    std::fs::write(
        &csv,
        "date,kind,title\n2026-01-05,sop,\"Null \u{0} title\"\n",
    )
    .expect("write the file");
    s.refused(
        &["import", csv.to_str().expect("UTF-8")],
        &["line 2", "title", "U+0000"],
    );
    let bib = s.path("nul.bib");
    std::fs::write(
        &bib,
        "@article{nul, title = {Null \u{0} title}, year = 2024}\n",
    )
    .expect("write the file");
    s.refused(
        &["import", bib.to_str().expect("UTF-8")],
        &["record nul", "title", "U+0000"],
    );
    let wrapped = s.path("wrapped.bib");
    std::fs::write(
        &wrapped,
        "@article{w, title = {Imaging the\n\tliving cell\r\n  at speed}, year = 2024}\n",
    )
    .expect("write the file");
    s.ok(&["import", wrapped.to_str().expect("UTF-8")]);
    assert_eq!(
        s.journal().entries[0].title,
        "Imaging the living cell at speed"
    );
}

#[test]
fn a_journal_holding_control_characters_still_loads_and_check_lists_them() {
    let (s, _) = hostile_journal();
    let listed = s.ok(&["list"]);
    assert!(listed.contains("Evil"), "{listed}");
    let out = s.run(&["check"]);
    assert!(!out.status.success(), "check fails on such a journal");
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    for fragment in ["profile: name", "entries[0]", "goals[0]", "U+001B"] {
        assert!(report.contains(fragment), "{fragment:?} not in {report}");
    }
}

#[test]
fn every_command_prints_through_the_visible_writer() {
    // A `println!` added to a command later would print hostile text raw: the command line
    // prints with `say!`, `say_more!` and `say_err!` (src/cli/out.rs) only.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join("main.rs")];
    for dir in [root.join("cli"), root.join("export"), root.join("import")] {
        for file in std::fs::read_dir(dir).expect("a source folder") {
            files.push(file.expect("a source file").path());
        }
    }
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
    {
        let source = std::fs::read_to_string(file).expect("a source file");
        for (n, line) in source.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for raw in [
                "println!(",
                "print!(",
                "eprintln!(",
                "eprint!(",
                "io::stdout()",
            ] {
                let allowed = raw == "io::stdout()"
                    && (file.ends_with("out.rs") || code.contains("is_terminal()"));
                assert!(
                    allowed || !code.contains(raw),
                    "{}:{}: {raw} bypasses the visible writer",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}
