//! Driving the terminal app in tests: an app on a sandboxed journal, keys pressed, the screen
//! drawn to a test backend and read as text or snapshotted.

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use corepath::assess::{Progress, Status};
use corepath::framework::Framework;
use corepath::model::Entry;
use corepath::store::Store;
use corepath::tui::{App, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;

use super::{Sandbox, read_json, write_json};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("a valid date")
}

/// The clock every test reads: 2026-11-25 09:30 UTC.
pub fn clock() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 30, 0)
        .single()
        .expect("a valid time")
}

/// An app on a sandbox's journal (the folder lives as long as the fixture).
pub struct Demo {
    /// The sandbox holding the journal.
    pub sandbox: Sandbox,
    /// The app under test.
    pub app: App,
}

impl Demo {
    /// An app on a temporary copy of the demo journal.
    pub fn new() -> Demo {
        Demo::on(Sandbox::demo())
    }

    /// An app where no journal exists yet: the first run.
    pub fn first_run() -> Demo {
        Demo::on(Sandbox::new())
    }

    pub fn on(sandbox: Sandbox) -> Demo {
        let app = app_on(&sandbox.journal);
        Demo { sandbox, app }
    }

    /// The journal file's path.
    pub fn path(&self) -> &Path {
        &self.sandbox.journal
    }

    /// The journal file as it is on disk now.
    pub fn file(&self) -> Value {
        read_json(self.path())
    }

    /// Rewrite the journal as a newer corepath would (version 99); the text written.
    pub fn make_newer(&self) -> String {
        let mut file = self.file();
        file["version"] = 99.into();
        write_json(self.path(), &file);
        std::fs::read_to_string(self.path()).expect("read")
    }
}

pub fn app_on(path: &Path) -> App {
    let framework = Framework::bundled().expect("the bundled framework");
    App::new(framework, Store::new(path), today(), clock).expect("the app starts")
}

pub fn entries(file: &Value) -> &Vec<Value> {
    file["entries"].as_array().expect("entries")
}

pub fn entry_by_id<'a>(file: &'a Value, id: &str) -> Option<&'a Value> {
    entries(file).iter().find(|e| e["id"] == id)
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ch(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        ch(app, c);
    }
}

pub fn enter(app: &mut App) {
    press(app, KeyCode::Enter);
}

pub fn esc(app: &mut App) {
    press(app, KeyCode::Esc);
}

/// Press `code` `times` times.
pub fn press_times(app: &mut App, code: KeyCode, times: usize) {
    for _ in 0..times {
        press(app, code);
    }
}

pub fn backspace(app: &mut App, times: usize) {
    press_times(app, KeyCode::Backspace, times);
}

/// Move the journal cursor down to the row showing the entry with `id`.
pub fn select_entry(app: &mut App, id: &str) {
    let journal = app.journal_data().expect("a journal");
    let position = journal
        .entries
        .iter()
        .position(|e| e.id == id)
        .expect("the entry exists");
    let row = app
        .journal
        .rows
        .iter()
        .position(|&r| r == position)
        .expect("the entry is listed");
    press(app, KeyCode::Home);
    press_times(app, KeyCode::Down, row);
    assert_eq!(app.journal.selected(), Some(position));
}

/// The id of the entry under the journal cursor.
pub fn selected_id(app: &App) -> String {
    let i = app.journal.selected().expect("a selected entry");
    app.journal_data().expect("a journal").entries[i].id.clone()
}

/// The progression tab's figures for its selected tier.
pub fn progression(app: &App) -> &Progress {
    app.figures
        .progression
        .progress
        .as_ref()
        .expect("a progression")
}

/// The statuses of the progression tab's selected tier.
pub fn statuses(app: &App) -> Vec<(String, Status)> {
    progression(app)
        .expectations
        .iter()
        .map(|e| (e.id.clone(), e.status))
        .collect()
}

/// Move the progression cursor to the first expectation with `status`; returns its id.
pub fn select_status(app: &mut App, status: Status) -> String {
    let all = statuses(app);
    let index = all
        .iter()
        .position(|(_, s)| *s == status)
        .unwrap_or_else(|| panic!("an expectation {status:?}"));
    press(app, KeyCode::Home);
    press_times(app, KeyCode::Down, index);
    assert_eq!(app.figures.progression.cursor.selected, index);
    all[index].0.clone()
}

/// Every row the journal tab lists is an entry for which `keep` holds.
pub fn assert_every_row(app: &App, what: &str, keep: impl Fn(&Entry) -> bool) {
    let journal = app.journal_data().expect("a journal");
    for &i in &app.journal.rows {
        let e = &journal.entries[i];
        assert!(keep(e), "{} ({}) is listed, but not {what}", e.id, e.title);
    }
}

/// The ids of the metrics ticked in the open guided entry.
pub fn ticked_metrics(app: &App) -> Vec<String> {
    let form = app.entry_form.as_ref().expect("the guided entry is open");
    app.framework
        .metrics
        .iter()
        .zip(&form.metrics)
        .filter(|(_, on)| **on)
        .map(|(m, _)| m.id.clone())
        .collect()
}

/// Open the guided entry and pick the user-training kind: the entry is at its title.
pub fn start_a_user_training(app: &mut App) {
    ch(app, 'a');
    typ(app, "user tr");
    enter(app);
}

/// The focused field's name in the open guided entry.
pub fn focused_detail(app: &App) -> &'static str {
    let form = app.entry_form.as_ref().expect("the guided entry is open");
    form.details.focused().expect("a focused field").name
}

/// Type `text` into the guided entry's focused field and press Enter: the focus moves on to
/// the field `next`.
pub fn answer(app: &mut App, text: &str, next: &str) {
    let field = focused_detail(app);
    typ(app, text);
    enter(app);
    assert_eq!(focused_detail(app), next, "{text:?} typed into {field}");
}

// ---------------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------------

pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|frame| render(app, frame)).expect("draw");
    terminal
}

/// The screen as plain text, one line per row.
pub fn screen_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut text = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}
