//! The core's costs on generated journals of 1k, 10k and 100k entries: load (next to a plain
//! `serde_json::Value` parse of the same bytes), save (the real locked transaction: serialise,
//! write, fsync, backup, rename), and the assessments (tally, progress, cpd, and all three with
//! the `Context` they share).
//!
//! `cargo bench --bench core` (about three minutes on two cores). With `COREPATH_WRITE_SAMPLE` set,
//! the 100k journal is also written to `/tmp/corepath-100k.json` (or to the variable's value when
//! it is a path), for timing whole commands such as `corepath metrics`.

mod support;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use corepath::assess::{Context, Period, cpd, progress, tally};
use corepath::framework::Framework;
use corepath::model::Journal;
use corepath::store::{self, Store, StoreError};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

struct Sample {
    n: usize,
    journal: Journal,
    bytes: Vec<u8>,
}

fn samples(framework: &Framework) -> Vec<Sample> {
    SIZES
        .iter()
        .map(|&n| {
            let journal = support::journal(framework, n);
            if n == SIZES[0] {
                support::assert_sound(framework, &journal);
            }
            let bytes = support::to_bytes(&journal);
            if n == 100_000
                && let Some(target) = std::env::var_os("COREPATH_WRITE_SAMPLE")
            {
                let target = if target.is_empty() || target == "1" {
                    "/tmp/corepath-100k.json".into()
                } else {
                    target
                };
                std::fs::write(&target, &bytes).expect("write the sample journal");
                eprintln!(
                    "wrote {} ({} bytes)",
                    Path::new(&target).display(),
                    bytes.len()
                );
            }
            Sample { n, journal, bytes }
        })
        .collect()
}

fn metrics_period() -> Period {
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
    Period::new(d(2022, 1, 1), d(2026, 12, 31)).expect("a valid period")
}

fn cpd_period() -> Period {
    Period::last_months(support::today(), 12)
}

fn benches(c: &mut Criterion) {
    let framework = Framework::bundled().expect("the bundled framework");
    let samples = samples(&framework);
    let path = Path::new("journal.json");

    for s in &samples {
        let mut group = c.benchmark_group("load");
        group.throughput(Throughput::Bytes(s.bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("store::parse", s.n),
            &s.bytes,
            |b, bytes| {
                b.iter(|| store::parse(path, black_box(bytes)).expect("parses"));
            },
        );
        group.bench_with_input(
            BenchmarkId::new("serde_json::Value", s.n),
            &s.bytes,
            |b, bytes| {
                b.iter(|| {
                    serde_json::from_slice::<serde_json::Value>(black_box(bytes)).expect("parses")
                });
            },
        );
        group.finish();
    }

    let tmp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temp dir");
    for s in &samples {
        let mut group = c.benchmark_group("save");
        group.throughput(Throughput::Bytes(s.bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("serialise", s.n), &s.journal, |b, j| {
            b.iter(|| support::to_bytes(black_box(j)));
        });
        let store = Store::new(tmp.path().join(format!("journal-{}.json", s.n)));
        store.create(&s.journal).expect("create the journal");
        let loaded = store.load().expect("load it back");
        let mut journal = loaded.journal;
        let mut stamp = loaded.stamp.expect("a stamp");
        // The real path of every change: lock, use the cached journal (the file is unchanged),
        // apply the change, compare, serialise, write + fsync a temp file, keep the backup,
        // rename over, fsync the folder.
        group.bench_function(BenchmarkId::new("transact(star)", s.n), |b| {
            b.iter(|| {
                let (_, saved) = store
                    .transact(Some((&journal, stamp)), |j| {
                        let e = &mut j.entries[0];
                        e.highlight = !e.highlight;
                        Ok::<_, StoreError>(())
                    })
                    .expect("saves");
                journal = saved.journal;
                stamp = saved.stamp.expect("a stamp");
            });
        });
        group.finish();
    }
    drop(tmp);

    let today = support::today();
    for s in &samples {
        let mut group = c.benchmark_group("assess");
        let tier = framework
            .next_tier(&s.journal.profile.tier)
            .expect("a next tier");
        let ctx = Context::new(&framework, &s.journal);
        group.bench_function(BenchmarkId::new("context", s.n), |b| {
            b.iter(|| Context::new(&framework, black_box(&s.journal)));
        });
        group.bench_function(BenchmarkId::new("tally", s.n), |b| {
            b.iter(|| tally(black_box(&ctx), metrics_period()));
        });
        group.bench_function(BenchmarkId::new("progress", s.n), |b| {
            b.iter(|| progress(black_box(&ctx), tier, today));
        });
        group.bench_function(BenchmarkId::new("cpd", s.n), |b| {
            b.iter(|| cpd(black_box(&ctx), cpd_period()));
        });
        group.bench_function(BenchmarkId::new("context+tally+progress+cpd", s.n), |b| {
            b.iter(|| {
                let ctx = Context::new(&framework, black_box(&s.journal));
                (
                    tally(&ctx, metrics_period()),
                    progress(&ctx, tier, today),
                    cpd(&ctx, cpd_period()),
                )
            });
        });
        group.finish();
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
        .without_plots()
}

criterion_group! {
    name = core;
    config = config();
    targets = benches
}
criterion_main!(core);
