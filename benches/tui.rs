//! The terminal app's costs on a generated 100k-entry journal, drawn to a 120×40 `TestBackend`:
//!
//! - `startup_to_first_frame`: what `corepath` does before its first frame — load the bundled
//!   framework and draw the "Opening … (N MB)…" frame. Target < 150 ms.
//! - `startup_to_journal_frame`: then read the journal, build the app (compute every tab's
//!   figures) and draw the journal: the time until a person sees their entries.
//! - `filter_keystroke`: in filter mode, the first letter typed (a fuzzy match over all 100k
//!   entries) and the redraw. Target < 16 ms (one frame at 60 Hz).
//! - `filter_keystroke_8th`: the last letter of "confocal" (only the matches of "confoca" are
//!   searched again) and the redraw; the same target.
//! - `switch_to_progression`: the key `3` and the redraw of the Progression tab. Target < 16 ms.
//!
//! `cargo bench --bench tui` (about two minutes on two cores).

mod support;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use corepath::framework::Framework;
use corepath::store::Store;
use corepath::tui::{App, Tab, render, render_opening};
use criterion::{Bencher, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const ENTRIES: usize = 100_000;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn clock() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 30, 0)
        .single()
        .expect("a valid time")
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|frame| render(app, frame)).expect("draw");
}

fn open(framework: Framework, path: &Path) -> App {
    App::new(framework, Store::new(path), support::today(), clock).expect("the app starts")
}

/// Time `press` and the redraw after it; then, untimed, `undo` and its redraw, so that every
/// iteration starts from the same screen. `check` sees the app after each timed key.
fn time_key(
    b: &mut Bencher<'_>,
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    (press, undo): (KeyCode, KeyCode),
    check: impl Fn(&App),
) {
    b.iter_custom(|iters| {
        let mut spent = Duration::ZERO;
        for _ in 0..iters {
            let start = Instant::now();
            app.handle_key(key(press));
            draw(terminal, app);
            spent += start.elapsed();
            check(app);
            app.handle_key(key(undo));
            draw(terminal, app);
        }
        spent
    });
}

fn tui(c: &mut Criterion) {
    let framework = Framework::bundled().expect("the bundled framework");
    let journal = support::journal(&framework, ENTRIES);
    let dir = tempfile::TempDir::new().expect("temp dir");
    let path = dir.path().join("journal.json");
    Store::new(&path)
        .create(&journal)
        .expect("write the journal");
    drop(journal);

    let mut group = c.benchmark_group("tui_100k");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6));

    group.bench_function("startup_to_first_frame", |b| {
        b.iter_with_large_drop(|| {
            let framework = Framework::bundled().expect("the bundled framework");
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            let mut terminal = terminal();
            terminal
                .draw(|frame| render_opening(&path, size, frame))
                .expect("draw");
            (framework, terminal)
        });
    });

    group.bench_function("startup_to_journal_frame", |b| {
        b.iter_with_large_drop(|| {
            let framework = Framework::bundled().expect("the bundled framework");
            let app = open(framework, &path);
            let mut terminal = terminal();
            draw(&mut terminal, &app);
            (app, terminal)
        });
    });

    let mut app = open(framework.clone(), &path);
    assert_eq!(app.journal.rows.len(), ENTRIES);
    let mut terminal = terminal();
    draw(&mut terminal, &app);

    app.handle_key(key(KeyCode::Char('/')));
    draw(&mut terminal, &app);
    // Each letter is taken back, untimed, to the empty filter.
    let letter = |c| (KeyCode::Char(c), KeyCode::Backspace);
    let matches = |app: &App| {
        black_box(app.journal.rows.len());
    };
    group.bench_function("filter_keystroke", |b| {
        time_key(b, &mut app, &mut terminal, letter('c'), matches);
    });
    // A later keystroke of a word: only the previous matches are searched again.
    for c in "confoca".chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
    draw(&mut terminal, &app);
    group.bench_function("filter_keystroke_8th", |b| {
        time_key(b, &mut app, &mut terminal, letter('l'), matches);
    });
    app.handle_key(key(KeyCode::Esc));
    assert!(app.journal.query.is_empty());

    // Back to the journal, untimed.
    let keys = (KeyCode::Char('3'), KeyCode::Char('1'));
    group.bench_function("switch_to_progression", |b| {
        time_key(b, &mut app, &mut terminal, keys, |app| {
            assert_eq!(app.tab, Tab::Progression);
        });
    });
    group.finish();
}

criterion_group!(benches, tui);
criterion_main!(benches);
