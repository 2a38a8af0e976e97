//! The terminal app on tiny terminals: every screen, tab and dialog draws at every size from 1×1
//! up, without a panic (issue 9, item 13); and hostile text in the journal never reaches the
//! terminal as control characters (item 10).

mod common;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use common::Sandbox;
use corepath::framework::Framework;
use corepath::store::Store;
use corepath::tui::{App, Message, Step, Tab, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("a valid date")
}

fn clock() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 30, 0)
        .single()
        .expect("a valid time")
}

fn app_on(sandbox: &Sandbox) -> App {
    let framework = Framework::bundled().expect("the bundled framework");
    App::new(framework, Store::new(&sandbox.journal), today(), clock).expect("the app starts")
}

fn keys(app: &mut App, keys: &[KeyCode]) {
    for &code in keys {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

/// Sizes from 1×1 to 20×8, and a few odd ones (one row, one column, wide and flat, tall and thin).
fn sizes() -> Vec<(u16, u16)> {
    let mut all: Vec<(u16, u16)> = (1..=20)
        .flat_map(|w| (1..=8).map(move |h| (w, h)))
        .collect();
    all.extend([
        (80, 1),
        (80, 2),
        (80, 5),
        (1, 40),
        (2, 24),
        (200, 3),
        (33, 7),
        (47, 11),
    ]);
    all
}

/// Draw the app at every size; a panic names the state and the size.
fn draws_everywhere(name: &str, app: &App) {
    for (width, height) in sizes() {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
        let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            terminal.draw(|frame| render(app, frame)).map(|_| ())
        }));
        match drawn {
            Ok(Ok(())) => {}
            Ok(Err(e)) => panic!("{name} at {width}×{height}: {e}"),
            Err(_) => panic!("{name} panics at {width}×{height}"),
        }
    }
}

#[test]
fn every_tab_draws_at_any_size_down_to_one_cell() {
    let sandbox = Sandbox::demo();
    let mut app = app_on(&sandbox);
    for tab in Tab::ALL {
        app.tab = tab;
        draws_everywhere(&format!("the {tab:?} tab"), &app);
        app.help = true;
        draws_everywhere(&format!("the help over the {tab:?} tab"), &app);
        app.help = false;
    }
}

#[test]
fn confirm_message_and_prompt_dialogs_draw_at_any_size() {
    let sandbox = Sandbox::demo();
    let mut app = app_on(&sandbox);
    keys(&mut app, &[KeyCode::Char('d')]);
    assert!(app.confirm.is_some(), "d asks before deleting");
    draws_everywhere("the delete question", &app);
    keys(&mut app, &[KeyCode::Esc]);

    app.message = Some(Message {
        title: "Refused".into(),
        text: "The journal changed on disk.\nYour entry is kept: press Enter to try again.".into(),
        error: true,
    });
    draws_everywhere("an error message", &app);
    app.message = None;

    keys(&mut app, &[KeyCode::Char('5'), KeyCode::Char('a')]);
    assert!(app.prompt.is_some(), "a on the goals tab opens a prompt");
    draws_everywhere("the new goal prompt", &app);
}

#[test]
fn every_step_of_the_entry_form_draws_at_any_size() {
    let sandbox = Sandbox::demo();
    let mut app = app_on(&sandbox);
    keys(&mut app, &[KeyCode::Char('a')]);
    draws_everywhere("a new entry's kind step", &app);
    keys(&mut app, &[KeyCode::Esc]);
    keys(&mut app, &[KeyCode::Esc]);
    keys(&mut app, &[KeyCode::Char('e')]);
    for step in Step::ALL {
        let form = app
            .entry_form
            .as_mut()
            .expect("e opens the form on an entry");
        form.step = step;
        draws_everywhere(&format!("the {step:?} step"), &app);
    }
    keys(&mut app, &[KeyCode::Esc]);
    if app.confirm.is_some() {
        draws_everywhere("the discard question", &app);
    }
}

#[test]
fn the_welcome_and_profile_screens_draw_at_any_size() {
    let sandbox = Sandbox::new();
    let mut app = app_on(&sandbox);
    draws_everywhere("the welcome screen", &app);
    keys(&mut app, &[KeyCode::Char('c')]);
    draws_everywhere("the profile form", &app);
    keys(&mut app, &[KeyCode::Enter]);
    draws_everywhere("the profile form with a refusal", &app);
}

#[test]
fn hostile_titles_reach_no_cell_as_control_characters() {
    let sandbox = Sandbox::demo();
    let hostile = "Evil \u{1b}]0;pwned\u{7} \u{1b}[2J \u{9b}31m \u{202e}txt.exe \u{2066}x\u{2069}";
    let mut journal = common::read_json(&sandbox.journal);
    for e in journal["entries"].as_array_mut().expect("entries") {
        e["title"] = hostile.into();
        e["notes"] = hostile.into();
    }
    journal["goals"][0]["title"] = hostile.into();
    journal["profile"]["name"] = hostile.into();
    common::write_json(&sandbox.journal, &journal);
    let mut app = app_on(&sandbox);
    let mut states = Vec::new();
    for tab in Tab::ALL {
        app.tab = tab;
        states.push(format!("the {tab:?} tab"));
        assert_clean(&app, states.last().expect("a state"));
    }
    app.tab = Tab::Journal;
    keys(&mut app, &[KeyCode::Enter]);
    assert_clean(&app, "the entry opened");
    keys(&mut app, &[KeyCode::Esc, KeyCode::Char('d')]);
    assert_clean(&app, "the delete question");
    keys(&mut app, &[KeyCode::Esc, KeyCode::Char('e')]);
    assert_clean(&app, "the entry form");
}

/// No cell of the app drawn at 120×40 holds a control character or a bidirectional control.
fn assert_clean(app: &App, name: &str) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    terminal.draw(|frame| render(app, frame)).expect("draw");
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        let symbol = cell.symbol();
        assert!(
            !symbol.chars().any(corepath::text::visible::is_unsafe),
            "{name}: a cell holds {symbol:?}"
        );
    }
}
