//! Importing at scale: 50,000 RIS records and 40,000 BibTeX records (read, checked, planned
//! against an empty journal), and a 100,000-row booking export (read through the PPMS mapping
//! and grouped into sessions and months).
//!
//! Targets on two cores: 50k RIS records < 2 s; 100k booking rows < 2 s.
//! `cargo bench --bench import` (about a minute).

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Utc};
use corepath::framework::Framework;
use corepath::import::bookings::{self, DateOrder, Mapping};
use corepath::import::{self, ImportFormat, Options};
use corepath::model::Journal;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn ris(records: usize) -> String {
    (0..records)
        .map(|i| {
            format!(
                "TY  - JOUR\r\nTI  - Imaging paper number {i} on light-sheet\r\n  microscopy of organoids\r\n\
                 AU  - Okonkwo, Zoë\r\nAU  - Ferreira, Ana\r\nAU  - Author {i}\r\nT2  - Journal of Microscopy\r\n\
                 PY  - 2024\r\nDA  - 2024/03/{:02}/\r\nDO  - 10.1000/bench.{i}\r\nER  - \r\n\r\n",
                i % 28 + 1
            )
        })
        .collect()
}

fn bibtex(records: usize) -> String {
    (0..records)
        .map(|i| {
            format!(
                "@article{{k{i},\n  title = {{Imaging paper number {i} on {{DNA}} $\\alpha$-actinin}},\n  \
                 author = {{Okonkwo, Zo{{\\\"e}} and Ferreira, Ana}},\n  journal = {{J. Microsc.}},\n  \
                 year = 2024,\n  month = mar,\n  doi = {{10.1000/bench.{i}}},\n}}\n"
            )
        })
        .collect()
}

fn bookings_csv(rows: usize) -> String {
    let mut out = String::from("Ref,System,User,Group,Date,Start time,End time,Booking type\n");
    for i in 0..rows {
        let kind = if i % 10 == 0 {
            "Training"
        } else {
            "Autonomous"
        };
        out.push_str(&format!(
            "{i},Instrument {},User {},Lab,{:02}/{:02}/2025,09:00,11:30,{kind}\n",
            i % 12,
            i % 300,
            i % 28 + 1,
            i % 12 + 1
        ));
    }
    out
}

fn benches(c: &mut Criterion) {
    let framework = Framework::bundled().expect("the bundled framework");
    let now: DateTime<Utc> = "2026-11-25T12:00:00Z".parse().expect("a time");
    let options = Options {
        framework: &framework,
        now,
        role: None,
        person: Default::default(),
    };
    let empty = Journal::new(corepath::model::Profile::new("Ada Lovelace", "scientist"));
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(8));

    let text = ris(50_000);
    group.throughput(Throughput::Elements(50_000));
    group.bench_function(BenchmarkId::new("ris", 50_000), |b| {
        b.iter(|| {
            let read =
                import::read(ImportFormat::Ris, black_box(&text), &options, false).expect("reads");
            import::plan(&empty, read.candidates)
        });
    });

    let text = bibtex(40_000);
    group.throughput(Throughput::Elements(40_000));
    group.bench_function(BenchmarkId::new("bibtex", 40_000), |b| {
        b.iter(|| {
            let read = import::read(ImportFormat::Bibtex, black_box(&text), &options, false)
                .expect("reads");
            import::plan(&empty, read.candidates)
        });
    });

    let text = bookings_csv(100_000);
    let mapping = Mapping::ppms();
    group.throughput(Throughput::Elements(100_000));
    group.bench_function(BenchmarkId::new("bookings", 100_000), |b| {
        b.iter(|| {
            bookings::plan(
                black_box(&text),
                &mapping,
                DateOrder::DayFirst,
                &framework,
                &empty,
                "bookings.csv",
                now,
            )
            .expect("plans")
        });
    });
    group.finish();
}

criterion_group!(import_benches, benches);
criterion_main!(import_benches);
