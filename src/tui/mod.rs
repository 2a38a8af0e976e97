//! The terminal app: a synchronous Elm-style loop — read a key, map it through the key table to an
//! action, update the state, draw. Every change to the journal goes through the store's locked
//! transaction; changes made by another process appear on the next refresh.

mod action;
mod app;
mod appraisal;
mod appraisal_tab;
mod checks;
mod cpd_tab;
mod entry_form;
mod entry_view;
mod form;
mod goals_tab;
mod journal_tab;
mod keymap;
mod metrics_tab;
mod onboarding;
mod popup;
mod progression_tab;
mod prompt;
mod signals;
mod theme;
mod ui;
mod views;
mod welcome;

use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};

pub use action::{Action, Tab};
pub use app::{App, Confirm, Message, Screen};
pub use entry_form::Step;
pub use keymap::Context;
pub use ui::{render, render_opening};

/// How often the loop looks for a change made by another process.
const REFRESH: Duration = Duration::from_millis(500);

/// Why the app stopped early.
#[derive(Debug)]
pub enum RunError {
    /// The terminal failed.
    Terminal(std::io::Error),
    /// The journal could not be opened.
    Journal(crate::store::StoreError),
}

/// Open the app on `store` and run it until the user quits or a termination signal (SIGTERM,
/// SIGHUP, SIGINT) arrives. A first frame says what is being opened while a large journal
/// loads; the terminal is restored on return, on a signal and on panic.
pub fn run(
    framework: crate::framework::Framework,
    store: crate::store::Store,
    today: chrono::NaiveDate,
    demo: Option<tempfile::TempDir>,
) -> Result<(), RunError> {
    // The size is read before drawing: drawing does no I/O.
    let size = std::fs::metadata(store.path()).map_or(0, |m| m.len());
    let signals = signals::Signals::watch().map_err(RunError::Terminal)?;
    ratatui::run(|terminal| {
        terminal
            .draw(|frame| ui::render_opening(store.path(), size, frame))
            .map_err(RunError::Terminal)?;
        let mut app =
            App::new(framework, store, today, chrono::Utc::now).map_err(RunError::Journal)?;
        if let Some(dir) = demo {
            app.keep_demo(dir);
        }
        event_loop(&mut app, terminal, &signals).map_err(RunError::Terminal)
    })
}

/// Read keys, update, draw, until the user quits or a termination signal arrives; look for
/// changes on disk when idle.
fn event_loop(
    app: &mut App,
    terminal: &mut DefaultTerminal,
    signals: &signals::Signals,
) -> std::io::Result<()> {
    while !app.quit && !signals.received() {
        terminal.draw(|frame| render(app, frame))?;
        if event::poll(REFRESH)? {
            match event::read()? {
                Event::Key(key) if key.is_press() => app.handle_key(key),
                _ => {}
            }
        } else if let Err(e) = app.refresh() {
            app.hint = Some(format!("Could not re-read the journal: {e}"));
        }
    }
    Ok(())
}
