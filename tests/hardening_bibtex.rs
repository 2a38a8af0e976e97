//! Hostile BibTeX (issue 9, item 8): macros and links that would recurse without end, macros
//! that expand to gigabytes, and deep nesting are refused (or read) quickly, naming the record,
//! and never crash; large imports take linear time.

mod common;

use std::time::{Duration, Instant};

use common::Sandbox;

/// Import `bib` (a dry run), which must be refused: the one-line message, and how long it took.
fn refused(bib: &str) -> (String, Duration) {
    let s = Sandbox::with_profile();
    let path = s.path("hostile.bib");
    std::fs::write(&path, bib).expect("write the file");
    let started = Instant::now();
    let message = s.refused(
        &["import", path.to_str().expect("a UTF-8 path"), "--dry-run"],
        &["hostile.bib is refused (bibtex import)"],
    );
    (message, started.elapsed())
}

fn assert_names(message: &str, fragments: &[&str]) {
    for f in fragments {
        assert!(message.contains(f), "{f:?} not in {message:?}");
    }
}

#[test]
fn a_string_macro_that_names_itself_is_refused_naming_the_record() {
    let (message, _) = refused("@string{a = a}\n@article{k, title = a, year = 2024}\n");
    assert_names(
        &message,
        &["record k", "field title", "`a` refers to itself (a → a)"],
    );
    let (message, _) = refused(
        "@string{a = \"x\" # b}\n@string{b = a}\n@article{k, title = {T}, journal = a, \
         year = 2024}\n",
    );
    assert_names(&message, &["record k", "field journal", "(a → b → a)"]);
}

#[test]
fn a_record_that_crossrefs_itself_or_a_circle_is_refused() {
    let cases = [
        (
            "@article{k, title = {T}, year = 2024, crossref = {k}}\n",
            "(k → k)",
        ),
        (
            "@article{a, title = {A}, year = 2024, crossref = {b}}\n\
             @article{b, title = {B}, year = 2024, crossref = {a}}\n",
            "(a → b → a)",
        ),
        (
            "@article{k, title = {T}, year = 2024, xdata = {k}}\n",
            "(k → k)",
        ),
        (
            "@xdata{x, publisher = {P}, xdata = {y}}\n@xdata{y, xdata = {x}}\n\
             @article{k, title = {T}, year = 2024, xdata = {x}}\n",
            "(x → y → x)",
        ),
    ];
    for (bib, circle) in cases {
        let (message, _) = refused(bib);
        assert_names(&message, &["record ", "go round in a circle", circle]);
    }
}

#[test]
fn a_long_chain_of_crossrefs_is_refused() {
    let mut bib = String::new();
    for i in 0..100 {
        bib.push_str(&format!(
            "@article{{r{i}, title = {{T{i}}}, year = 2024, crossref = {{r{}}}}}\n",
            i + 1
        ));
    }
    bib.push_str("@proceedings{r100, title = {Proceedings}, year = 2024}\n");
    let (message, _) = refused(&bib);
    assert_names(&message, &["record r0", "longer than 16 records"]);
}

#[test]
fn doubling_string_macros_are_refused_at_once() {
    let mut bib = String::from("@string{s0 = \"xx\"}\n");
    for i in 1..=27 {
        bib.push_str(&format!("@string{{s{i} = s{} # s{}}}\n", i - 1, i - 1));
    }
    bib.push_str("@article{k, title = s27, year = 2024}\n");
    assert!(bib.len() < 1024, "the whole attack fits in a kilobyte");
    let (message, took) = refused(&bib);
    assert_names(&message, &["record k", "expand past 128 MiB"]);
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_file_of_many_concatenations_is_refused_before_it_is_parsed() {
    let bib = format!(
        "@string{{x = \"a\"}}\n@article{{k, title = x{}, year = 2024}}\n",
        " # x".repeat(1_100_000)
    );
    let (message, took) = refused(&bib);
    assert_names(&message, &["more than 1048576 # concatenations"]);
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn a_file_past_the_record_limit_is_refused_before_it_is_parsed() {
    let bib: String = (0..45_001).map(|i| format!("@misc{{k{i},}}\n")).collect();
    let (message, took) = refused(&bib);
    assert_names(
        &message,
        &[
            "more than 45000 records (@ signs) in one file",
            "split the file",
        ],
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn deep_nesting_of_braces_commands_and_maths_imports_without_a_crash() {
    let depth = 200_000;
    let titles = [
        format!("{}x{}", "{".repeat(depth), "}".repeat(depth)),
        format!("{}x{}", "\\foo{".repeat(depth), "}".repeat(depth)),
        format!("{}x{}", "\\'{".repeat(depth), "}".repeat(depth)),
        format!("${}x{}$", "^{".repeat(depth), "}".repeat(depth)),
        format!("$^{{{}x{}}}$", "^{".repeat(100), "}".repeat(100)),
    ];
    for title in titles {
        let s = Sandbox::with_profile();
        let path = s.path("deep.bib");
        let bib = format!("@article{{k, title = {{A {title}}}, year = 2024}}\n");
        std::fs::write(&path, bib).expect("write the file");
        let started = Instant::now();
        let out = s.run(&["import", path.to_str().expect("a UTF-8 path"), "--dry-run"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.code().is_some() && !stderr.contains("panicked"),
            "{}: {stderr}",
            &title[..20]
        );
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{} took {:?}",
            &title[..20],
            started.elapsed()
        );
    }
}

#[test]
fn forty_thousand_records_import_in_linear_time_with_distinct_ids() {
    let count = 40_000;
    let bib: String = (0..count)
        .map(|i| format!("@article{{k{i}, title = {{Paper {i}}}, year = 2024}}\n"))
        .collect();
    let s = Sandbox::with_profile();
    let path = s.path("many.bib");
    std::fs::write(&path, bib).expect("write the file");
    let started = Instant::now();
    let out = s.ok(&["import", path.to_str().expect("a UTF-8 path")]);
    let took = started.elapsed();
    assert!(out.starts_with("added 40000 entries"), "{out}");
    let journal = s.journal();
    let ids: std::collections::HashSet<&str> =
        journal.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), count, "every entry has its own id");
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

#[test]
fn crossref_still_lends_a_proceedings_title_to_its_papers() {
    let s = Sandbox::with_profile();
    let path = s.path("conf.bib");
    std::fs::write(
        &path,
        "@inproceedings{talk, title = {Light-sheet at scale}, crossref = {conf}}\n\
         @proceedings{conf, title = {Proceedings of Focus on Microscopy}, year = 2025, \
         month = mar}\n",
    )
    .expect("write the file");
    s.ok(&["import", path.to_str().expect("a UTF-8 path")]);
    let journal = s.journal();
    let talk = journal
        .entries
        .iter()
        .find(|e| e.title == "Light-sheet at scale")
        .expect("the paper is imported");
    assert_eq!(
        talk.date.to_string(),
        "2025-03-01",
        "date from the proceedings"
    );
    assert!(
        talk.notes.contains("Proceedings of Focus on Microscopy"),
        "{}",
        talk.notes
    );
}

#[test]
fn a_huge_author_list_is_counted_not_kept() {
    let names = vec!["Ruiz, A."; 200_000].join(" and ");
    let s = Sandbox::with_profile();
    let path = s.path("collaboration.bib");
    std::fs::write(
        &path,
        format!("@article{{big, title = {{Big science}}, year = 2024, author = {{{names}}}}}\n"),
    )
    .expect("write the file");
    let started = Instant::now();
    s.ok(&["import", path.to_str().expect("a UTF-8 path")]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    let notes = &s.journal().entries[0].notes;
    assert!(notes.ends_with("et al. (200000 authors)."), "{notes}");
}
