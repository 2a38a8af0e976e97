//! The evidence summary: snapshots of every format for the demo journal, escaping of hostile
//! text, machine-readable JSON and CSV, and the `corepath export` command.

mod common;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use common::{Sandbox, TODAY};
use corepath::assess::{Context, Period};
use corepath::export::{self, Summary, SummaryFormat, json};
use corepath::framework::Framework;
use corepath::model::{Entry, Evidence, EvidenceType, Journal, Profile};
use serde_json::Value;

const HOSTILE: &str = r#"<script>alert(1)</script> & "x""#;

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn now() -> DateTime<Utc> {
    "2026-11-25T09:00:00Z".parse().expect("a time")
}

fn demo() -> Journal {
    corepath::store::parse(
        Path::new("demo-journal.json"),
        corepath::store::DEMO_JSON.as_bytes(),
    )
    .expect("the demo journal parses")
}

fn period() -> Period {
    Period::new(date("2025-11-26"), date(TODAY)).expect("a period")
}

fn summary_of(framework: &Framework, journal: &Journal) -> Summary {
    let ctx = Context::new(framework, journal);
    let tier = framework
        .next_tier(&journal.profile.tier)
        .expect("a next tier");
    export::build(&ctx, period(), tier, date(TODAY))
}

fn demo_summary() -> Summary {
    let framework = Framework::bundled().expect("framework");
    summary_of(&framework, &demo())
}

fn render(summary: &Summary, format: SummaryFormat) -> String {
    export::render(summary, format).expect("renders")
}

#[test]
fn demo_markdown() {
    insta::assert_snapshot!(
        "demo_summary_md",
        render(&demo_summary(), SummaryFormat::Markdown)
    );
}

#[test]
fn demo_html() {
    insta::assert_snapshot!(
        "demo_summary_html",
        render(&demo_summary(), SummaryFormat::Html)
    );
}

#[test]
fn demo_json() {
    insta::assert_snapshot!(
        "demo_summary_json",
        render(&demo_summary(), SummaryFormat::Json)
    );
}

#[test]
fn demo_csv() {
    insta::assert_snapshot!(
        "demo_summary_csv",
        render(&demo_summary(), SummaryFormat::Csv)
    );
}

#[test]
fn summary_holds_what_an_appraisal_needs() {
    let s = demo_summary();
    assert_eq!(s.format, "corepath-evidence-summary");
    assert_eq!(s.version, 1);
    assert_eq!(s.person.name, "Zoë Okonkwo-Lindqvist");
    assert_eq!(
        s.person.orcid_url.as_deref(),
        Some("https://orcid.org/0000-0002-1825-0097")
    );
    assert_eq!(
        (s.period.from, s.period.to),
        (date("2025-11-26"), date(TODAY))
    );
    assert!(s.entries.iter().all(|e| period().contains(e.date)));
    assert_eq!(s.headline.entries, s.entries.len());
    assert_eq!(s.metrics.len(), 21);
    // The headline figures are rows of the metric table.
    let row = |id: &str| s.metrics.iter().find(|m| m.id == id).expect("row").figure;
    assert_eq!(s.headline.training, row("fac.training"));
    assert_eq!(s.headline.quality, row("fac.quality"));
    // Highlights are the starred entries of the period, in full.
    let starred = s.entries.iter().filter(|e| e.highlight).count();
    assert_eq!(s.highlights.len(), starred);
    assert!(s.highlights.iter().all(|h| !h.title.is_empty()));
    // Progression shows every expectation of the next tier.
    let framework = Framework::bundled().expect("framework");
    let scientist = framework.tier("scientist").expect("tier");
    assert_eq!(s.progression.tier, "scientist");
    assert_eq!(
        s.progression.expectations.len(),
        scientist.expectations.len()
    );
    assert_eq!(s.cpd.standards.len(), 4);
    // Every goal carries its expectation's text.
    assert!(
        s.goals
            .iter()
            .all(|g| g.expectation.is_none() || g.expectation_text.is_some())
    );
    // Talking points: never a claim without a non-zero number.
    assert!(!s.talking_points.is_empty());
    for tp in &s.talking_points {
        assert!(!tp.figures.is_empty(), "{}", tp.id);
        assert!(tp.figures.iter().all(|f| !f.figure.is_zero()), "{}", tp.id);
    }
    assert_eq!(s.source.doi, "10.5281/zenodo.10200758");
    assert!(s.thresholds.iter().any(|t| t.basis == "corepath default"));
}

fn entry(id: &str, day: &str, kind: &str, title: &str) -> Entry {
    let framework = Framework::bundled().expect("framework");
    let mut e = Entry::new(id.to_string(), date(day), kind, title, now());
    e.metrics = framework.kind(kind).expect("kind").metrics.clone();
    e
}

fn hostile_journal() -> Journal {
    let mut profile = Profile::new("Ada <b>Lovelace</b> & co", "support-scientist");
    profile.facility = "Imaging \"Core\" <i>".into();
    let mut journal = Journal::new(profile);
    let mut e = entry("hostile1", "2026-05-02", "user-training", HOSTILE);
    e.highlight = true;
    e.hours = Some(2.0);
    e.people = Some(3);
    e.notes = "</style><script>alert(2)</script>; a | pipe; *stars*".into();
    e.tags = vec!["semi;colon".into(), r"back\slash".into()];
    e.evidence = vec![Evidence::new(
        EvidenceType::Url,
        r#"https://example.org/?a=1&b="x"<y>"#.into(),
    )];
    journal.entries.push(e);
    journal
}

#[test]
fn hostile_text_is_escaped_in_html_and_markdown_and_intact_in_json_and_csv() {
    let framework = Framework::bundled().expect("framework");
    let journal = hostile_journal();
    let s = summary_of(&framework, &journal);

    let html = render(&s, SummaryFormat::Html);
    assert!(!html.contains("<script"), "a script tag got through");
    assert!(!html.contains("<b>Lovelace"));
    assert!(!html.contains("</style><"));
    // askama writes numeric character references.
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;x&#34;"));
    assert!(html.contains("Ada &#60;b&#62;Lovelace&#60;/b&#62; &#38; co"));
    assert!(html.contains(r#"href="https://example.org/?a=1&#38;b=&#34;x&#34;&#60;y&#62;""#));
    // Self-contained: nothing fetched, nothing run.
    for needle in ["<script", "<link", "src=\"http", "@import", "url("] {
        assert!(!html.contains(needle), "found {needle}");
    }

    let md = render(&s, SummaryFormat::Markdown);
    assert!(md.contains(r#"\<script\>alert(1)\</script\> & "x""#));
    assert!(!md.contains("<script>"));

    let text = render(&s, SummaryFormat::Json);
    let value: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["entries"][0]["title"], HOSTILE);
    assert_eq!(value["highlights"][0]["title"], HOSTILE);
    assert_eq!(value["person"]["name"], "Ada <b>Lovelace</b> & co");
    // The JSON reads back into the same summary.
    assert_eq!(json::parse(&text).expect("parses back"), s);

    let csv = render(&s, SummaryFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, export::csv::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(rows.len(), 1);
    let cell = |name: &str| {
        let i = header.iter().position(|h| h == name).expect("column");
        rows[0][i].to_string()
    };
    assert_eq!(cell("title"), HOSTILE);
    assert_eq!(cell("notes"), journal.entries[0].notes);
    assert_eq!(cell("tags"), r"semi\;colon;back\\slash");
    assert_eq!(cell("evidence"), r#"url:https://example.org/?a=1&b="x"<y>"#);
    assert_eq!(cell("hours"), "2");
    assert_eq!(cell("highlight"), "true");
}

#[test]
fn demo_json_and_csv_parse_with_standard_readers() {
    let s = demo_summary();
    let value: Value = serde_json::from_str(&render(&s, SummaryFormat::Json)).expect("valid JSON");
    assert_eq!(value["format"], "corepath-evidence-summary");
    assert_eq!(value["framework"]["version"], 1);
    assert_eq!(
        value["entries"].as_array().expect("entries").len(),
        s.entries.len()
    );
    let csv = render(&s, SummaryFormat::Csv);
    assert!(csv.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(records.len(), s.entries.len());
    assert!(
        records
            .iter()
            .all(|r| r.len() == export::csv::COLUMNS.len())
    );
}

#[test]
fn talking_points_without_figures_are_left_out() {
    let framework = Framework::bundled().expect("framework");
    let mut journal = Journal::new(Profile::new("Ada Lovelace", "support-scientist"));
    let mut e = entry("train001", "2026-05-02", "user-training", "Confocal 1:1");
    e.hours = Some(3.0);
    e.people = Some(2);
    journal.entries.push(e);
    let s = summary_of(&framework, &journal);
    let ids: Vec<&str> = s.talking_points.iter().map(|t| t.id.as_str()).collect();
    // One point carries the training figure; a point whose main metric has nothing is out, and
    // no figure backs two points.
    assert_eq!(ids, ["broadened-metrics"], "{ids:?}");
    let tp = &s.talking_points[0];
    assert_eq!(tp.figures.len(), 1, "{}", tp.id);
    assert_eq!(tp.figures[0].metric, "fac.training");
    assert_eq!(tp.figures[0].figure.hours, 3.0);
    assert_eq!(tp.entries.len(), 1, "the point cites the entry behind it");
    assert_eq!(tp.entries[0].title, "Confocal 1:1");
    // An empty journal still renders every format.
    let empty = Journal::new(Profile::new("Nobody Yet", "scientific-officer"));
    let s = summary_of(&framework, &empty);
    assert!(s.talking_points.is_empty());
    for format in [
        SummaryFormat::Markdown,
        SummaryFormat::Html,
        SummaryFormat::Json,
        SummaryFormat::Csv,
    ] {
        assert!(!render(&s, format).is_empty());
    }
}

// The command line.

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn cli_writes_a_file_atomically_and_says_where() {
    let sb = Sandbox::demo();
    let before = std::fs::read(&sb.journal).expect("journal");
    let out = sb.run(&["export", "--format", "html", "-o", "summary.html"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("wrote the evidence summary"), "{stderr}");
    assert!(stderr.contains("summary.html"), "{stderr}");
    let html = std::fs::read_to_string(sb.path("summary.html")).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    // No temporary file is left behind, and the journal is untouched.
    let mut names: Vec<String> = std::fs::read_dir(sb.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["journal.json", "summary.html"]);
    assert_eq!(std::fs::read(&sb.journal).expect("journal"), before);
}

#[test]
fn cli_default_period_is_since_the_last_appraisal() {
    let md = Sandbox::demo().ok(&["export"]);
    assert!(md.starts_with("# Evidence summary: Zoë Okonkwo-Lindqvist"));
    assert!(md.contains("Period: **2026-03-10 to 2026-11-25**"), "{md}");
}

#[test]
fn cli_format_from_extension_tier_and_period() {
    let sb = Sandbox::demo();
    sb.ok(&common::words(
        "export --tier senior-scientist --from 2026-01-01 --to 2026-06-30 -o s.json",
    ));
    let value = common::read_json(&sb.path("s.json"));
    assert_eq!(value["progression"]["tier"], "senior-scientist");
    assert_eq!(value["period"]["from"], "2026-01-01");
    assert_eq!(value["period"]["to"], "2026-06-30");

    let csv = sb.ok(&["export", "--format", "csv", "--from", "2026-01-01"]);
    assert!(csv.starts_with("id,date,kind,title,"));
}

#[test]
fn cli_refuses_bad_input_in_one_line() {
    let sb = Sandbox::demo();
    sb.refuses_each(&[
        ("export --tier wizard", &["--tier \"wizard\""]),
        ("export --from 2026-12-01 --to 2026-01-01", &["--to"]),
        (
            "export -o journal.json/s.md",
            &["cannot write journal.json/s.md"],
        ),
        ("export -o .", &["it is a folder"]),
    ]);
    assert!(sb.ok(&["export", "--help"]).contains("Examples:"));
}
