//! The appraisal pack at scale: every export format over a 100k-entry journal (the summary drawn
//! up and rendered, everything but the final write), and importing 10k CSV rows (parse, check
//! every entry, and plan against the journal).
//!
//! Targets on two cores: each format < 1 s at 100k entries; 10k CSV rows imported < 0.5 s.
//! `cargo bench --bench export` (about a minute).

mod support;

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Utc};
use corepath::assess::{Context, Period};
use corepath::export::{self, SummaryFormat};
use corepath::framework::Framework;
use corepath::import::{self, ImportFormat, Options};
use corepath::model::Journal;
use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main,
};

fn whole_span() -> Period {
    let today = support::today();
    Period::new(today - chrono::Duration::days(support::SPAN_DAYS), today).expect("a period")
}

/// A group of ten samples over `elements` items, measured for `seconds` after a second's warm-up.
fn bench_group<'a>(
    c: &'a mut Criterion,
    name: &str,
    seconds: u64,
    elements: usize,
) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(seconds));
    group.throughput(Throughput::Elements(elements as u64));
    group
}

fn benches(c: &mut Criterion) {
    let framework = Framework::bundled().expect("the bundled framework");
    let today = support::today();

    let journal = support::journal(&framework, 100_000);
    let tier = framework
        .next_tier(&journal.profile.tier)
        .expect("a next tier");
    let mut group = bench_group(c, "export", 5, journal.entries.len());
    group.bench_function(BenchmarkId::new("build", 100_000), |b| {
        b.iter(|| {
            let ctx = Context::new(&framework, black_box(&journal));
            export::build(&ctx, whole_span(), tier, today)
        });
    });
    for (name, format) in [
        ("md", SummaryFormat::Markdown),
        ("html", SummaryFormat::Html),
        ("json", SummaryFormat::Json),
        ("csv", SummaryFormat::Csv),
    ] {
        group.bench_function(BenchmarkId::new(name, 100_000), |b| {
            b.iter(|| {
                let ctx = Context::new(&framework, black_box(&journal));
                let summary = export::build(&ctx, whole_span(), tier, today);
                export::render(&summary, format).expect("renders")
            });
        });
    }
    group.finish();

    let rows = support::journal(&framework, 10_000);
    let csv = export::csv::render(&rows.entries).expect("csv");
    let now: DateTime<Utc> = "2026-11-25T12:00:00Z".parse().expect("a time");
    let options = Options {
        framework: &framework,
        now,
        role: None,
        person: Default::default(),
    };
    let target = Journal::new(support::profile());
    let mut group = bench_group(c, "import", 3, rows.entries.len());
    group.bench_function(BenchmarkId::new("csv", 10_000), |b| {
        b.iter(|| {
            let candidates =
                import::parse(ImportFormat::Csv, black_box(&csv), &options).expect("parses");
            import::plan(&target, candidates)
        });
    });
    group.finish();
}

criterion_group!(export_benches, benches);
criterion_main!(export_benches);
