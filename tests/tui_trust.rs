//! The terminal app's side of trustworthy verdicts: the reach of an activity decides its metric
//! in the guided entry, a future date is saved as planned and shown apart, and the Progression
//! tab counts met, self-assessed, partial and missing apart, against the last appraisal too.

mod common;

use common::tui::*;
use corepath::tui::{Step, Tab};
use ratatui::crossterm::event::KeyCode;

/// Press Enter until the guided entry leaves its details (at most `limit` presses).
fn through_details(app: &mut corepath::tui::App, limit: usize) {
    for _ in 0..limit {
        let form = app.entry_form.as_ref().expect("the guided entry is open");
        if form.step != Step::Details {
            return;
        }
        enter(app);
    }
    panic!("the details step did not end after {limit} presses");
}

#[test]
fn an_international_committee_is_ticked_as_a_strategy_committee() {
    let mut d = Demo::new();
    let app = &mut d.app;
    ch(app, 'a');
    typ(app, "committee");
    enter(app);
    answer(app, "Euro-BioImaging user board", "date");
    enter(app);
    assert_eq!(focused_detail(app), "role");
    press(app, KeyCode::Right); // chair
    enter(app);
    assert_eq!(focused_detail(app), "scope");
    press_times(app, KeyCode::Right, 4); // —, local, institutional, national, international
    through_details(app, 12);
    assert_eq!(ticked_metrics(app), ["acad.committees"]);

    // Back to a local scope: the ticks follow, as the person had not changed them.
    esc(app);
    assert_eq!(app.entry_form.as_ref().expect("form").step, Step::Details);
    while focused_detail(app) != "scope" {
        press(app, KeyCode::Up);
    }
    press_times(app, KeyCode::Left, 3); // international → local
    ctrl(app, 's'); // straight to the review
    assert_eq!(
        ticked_metrics(app),
        ["fac.user-base"],
        "a local committee serves users"
    );
}

#[test]
fn a_future_entry_is_saved_as_planned_and_listed_apart() {
    let mut d = Demo::new();
    let app = &mut d.app;
    start_a_user_training(app);
    answer(app, "Light-sheet course for the new students", "date");
    backspace(app, 10);
    typ(app, "2027-01-15");
    through_details(app, 12);
    // Metrics, then the reflection, then the review.
    enter(app);
    let form = app.entry_form.as_ref().expect("form");
    if form.step == Step::Reflection {
        ctrl(app, 's');
    }
    let text = screen_text(draw(app, 120, 40).backend().buffer());
    assert!(text.contains("Planned: dated after today"), "{text}");
    enter(app);
    assert!(app.entry_form.is_none(), "saved");
    let text = screen_text(draw(app, 120, 40).backend().buffer());
    assert!(text.contains("planned · Light-sheet course"), "{text}");
}

#[test]
fn the_progression_tab_counts_four_things_apart_and_shows_the_last_appraisal() {
    let mut d = Demo::new();
    let app = &mut d.app;
    ch(app, '3');
    assert_eq!(app.tab, Tab::Progression);
    for (width, height) in [(80, 24), (120, 40)] {
        let text = screen_text(draw(app, width, height).backend().buffer());
        assert!(
            text.contains("self-assessed") && text.contains("partial") && text.contains("missing"),
            "{text}"
        );
        assert!(text.contains("last appraisal 2026-03-10"), "{text}");
    }
}

#[test]
fn the_progression_detail_names_the_entries_that_changed_an_expectation() {
    let mut d = Demo::new();
    let app = &mut d.app;
    ch(app, '3');
    // Scientist: the qualification first, then running courses, met since the last appraisal.
    press(app, KeyCode::Down);
    let text = screen_text(draw(app, 120, 40).backend().buffer());
    assert!(text.contains("partial at your last appraisal"), "{text}");
    assert!(
        text.contains("since: 2026-06-09 Light-sheet workshop"),
        "{text}"
    );
}
