//! The core's costs on generated journals of 1k, 10k and 100k entries: load (parsing the bytes,
//! next to a plain `serde_json::Value` parse of the same bytes, and `Store::load` from a file),
//! save (serialising; the atomic save: serialise, write, fsync, rename; and the whole locked
//! transaction of a change), and the assessments (tally, progress, cpd, and all three with the
//! `Context` they share).
//!
//! `cargo bench --bench core` (about three minutes on two cores). With `COREPATH_WRITE_SAMPLE` set,
//! the 100k journal is also written to `/tmp/corepath-100k.json` (or to the variable's value when
//! it is a path), for timing whole commands such as `corepath metrics`.

mod support;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use corepath::assess::{Context, Period, compare, cpd, progress, tally};
use corepath::framework::Framework;
use corepath::model::Journal;
use corepath::store::{self, Store, StoreError};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

struct Sample {
    n: usize,
    /// The journal as `corepath` loads it: parsed from the bytes, as every command does.
    journal: Journal,
    /// The journal as corepath writes it.
    bytes: Vec<u8>,
}

fn samples(framework: &Framework) -> Vec<Sample> {
    let generated: Vec<Journal> = SIZES
        .iter()
        .map(|&n| support::journal(framework, n))
        .collect();
    support::assert_sound(framework, &generated[0]);
    let bytes: Vec<Vec<u8>> = generated.iter().map(support::to_bytes).collect();
    if let Some(target) = std::env::var_os("COREPATH_WRITE_SAMPLE") {
        let target = if target.is_empty() || target == "1" {
            "/tmp/corepath-100k.json".into()
        } else {
            target
        };
        let last = SIZES.len() - 1;
        let n = SIZES[last];
        std::fs::write(&target, &bytes[last]).expect("write the sample journal");
        eprintln!("wrote {} ({n} entries)", Path::new(&target).display());
    }
    // Parsed while the generated journals are still held, so that the entries lie in memory as
    // in a process that has just loaded its journal, not in the holes the generator left.
    let samples = SIZES
        .iter()
        .zip(bytes)
        .map(|(&n, bytes)| Sample {
            n,
            journal: store::parse(Path::new("journal.json"), &bytes).expect("parses"),
            bytes,
        })
        .collect();
    drop(generated);
    samples
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

    let tmp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temp dir");
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
        // What every command does: read the file (from the page cache here) and parse it.
        let file = tmp.path().join(format!("load-{}.json", s.n));
        std::fs::write(&file, &s.bytes).expect("write the journal");
        let store = Store::new(&file);
        group.bench_function(BenchmarkId::new("Store::load", s.n), |b| {
            b.iter(|| store.load().expect("loads"));
        });
        group.finish();
    }

    for s in &samples {
        let mut group = c.benchmark_group("save");
        group.throughput(Throughput::Bytes(s.bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("to_bytes", s.n), &s.journal, |b, j| {
            b.iter(|| store::to_bytes(black_box(j)));
        });
        // The save itself: serialise, write a temp file, fsync, rename, fsync the folder (to a
        // new file each time, so without the backup link).
        let fresh = tmp.path().join(format!("fresh-{}.json", s.n));
        let store = Store::new(&fresh);
        group.bench_function(BenchmarkId::new("save", s.n), |b| {
            b.iter_batched(
                || {
                    let _ = std::fs::remove_file(&fresh);
                },
                |()| store.create(&s.journal).expect("saves"),
                BatchSize::PerIteration,
            );
        });
        let store = Store::new(tmp.path().join(format!("journal-{}.json", s.n)));
        store.create(&s.journal).expect("create the journal");
        let loaded = store.load().expect("load it back");
        let mut journal = loaded.journal;
        let mut stamp = loaded.stamp.expect("a stamp");
        // The real path of every change: lock, use the cached journal (the file is unchanged),
        // apply the change to a copy, compare, save (with the backup link), hand the new
        // journal back.
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
        let last_appraisal = today
            .checked_sub_months(chrono::Months::new(9))
            .expect("a date");
        group.bench_function(
            BenchmarkId::new("compare(as of last appraisal)", s.n),
            |b| {
                b.iter(|| compare(black_box(&ctx), tier, last_appraisal, today));
            },
        );
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
