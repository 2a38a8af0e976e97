//! The terminal app without a terminal: key presses in, state and the journal file out, and every
//! screen drawn to a `TestBackend` and kept as an `insta` snapshot at 80×24 and 120×40.
//!
//! Each test runs on its own temporary copy of the demo journal, with a fixed "today" and a fixed
//! clock, so the snapshots only change when the screens do.

mod common;

use chrono::NaiveDate;
use common::{find, read_json};
use corepath::assess::Status;
use corepath::model::Entry;
use corepath::store::{Store, StoreError};
use corepath::tui::{App, Confirm, Screen, Step, Tab};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

use common::tui::*;

/// Snapshot the screen at 80×24 and at 120×40, as `<name>_80x24` and `<name>_120x40`. The state is
/// built afresh for each size: drawing keeps scroll offsets, and a snapshot must not depend on the
/// size drawn before it.
fn snap(name: &str, setup: impl Fn() -> Demo) {
    for (width, height) in [(80, 24), (120, 40)] {
        let d = setup();
        let terminal = draw(&d.app, width, height);
        // A refusal names the journal's file, which lives in a fresh temporary folder.
        insta::with_settings!({filters => vec![(r#"/[^ "│]*/\.tmp[A-Za-z0-9]+"#, "[TEMP]")]}, {
            insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Update logic: key → state
// ---------------------------------------------------------------------------------------------

#[test]
fn the_demo_opens_on_the_journal_with_the_next_tier_selected() {
    let d = Demo::new();
    assert!(matches!(d.app.screen, Screen::Main));
    assert_eq!(d.app.tab, Tab::Journal);
    let total = d.app.journal_data().expect("a journal").entries.len();
    assert_eq!(
        d.app.journal.rows.len(),
        total,
        "no filter: every entry is listed"
    );
    // Newest first.
    let journal = d.app.journal_data().expect("a journal");
    let dates: Vec<NaiveDate> = d
        .app
        .journal
        .rows
        .iter()
        .map(|&i| journal.entries[i].date)
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "rows are newest first"
    );
    // support-scientist is index 1 of the ladder: the next tier (scientist) is selected.
    let tier = &d.app.framework.tiers[d.app.figures.progression.tier];
    assert_eq!(tier.id, "scientist");
}

#[test]
fn number_keys_and_tab_switch_tabs() {
    let mut d = Demo::new();
    let app = &mut d.app;
    for (c, tab) in [
        ('2', Tab::Metrics),
        ('3', Tab::Progression),
        ('4', Tab::Cpd),
        ('5', Tab::Goals),
        ('1', Tab::Journal),
    ] {
        ch(app, c);
        assert_eq!(app.tab, tab, "key {c}");
    }
    press(app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Metrics);
    press(app, KeyCode::BackTab);
    assert_eq!(app.tab, Tab::Journal);
    press(app, KeyCode::BackTab);
    let last = *Tab::ALL.last().expect("tabs");
    assert_eq!(app.tab, last, "S-Tab wraps round");
    ch(app, '?');
    assert!(app.help);
    ch(app, '2');
    assert_eq!(app.tab, last, "the help overlay takes the keys while open");
    esc(app);
    assert!(!app.help);
    ch(app, 'q');
    assert!(app.quit);
}

#[test]
fn typing_a_filter_narrows_the_rows_and_esc_restores_them() {
    let mut d = Demo::new();
    let app = &mut d.app;
    let all = app.journal.rows.clone();
    ch(app, '/');
    assert!(app.journal.typing);
    typ(app, "confocal");
    assert_eq!(app.journal.query, "confocal");
    let narrowed = app.journal.rows.clone();
    assert!(
        !narrowed.is_empty() && narrowed.len() < all.len(),
        "{} of {}",
        narrowed.len(),
        all.len()
    );
    let journal = app.journal_data().expect("a journal");
    for &i in &narrowed {
        let e = &journal.entries[i];
        let text = format!(
            "{} {} {} {}",
            e.title,
            e.tags.join(" "),
            e.techniques.join(" "),
            e.notes
        )
        .to_lowercase();
        // Fuzzy: the letters of the query appear in order.
        let mut rest = text.chars();
        assert!(
            "confocal".chars().all(|c| rest.any(|t| t == c)),
            "{:?} matches \"confocal\"",
            e.title
        );
    }
    let titled = narrowed
        .iter()
        .filter(|&&i| journal.entries[i].title.to_lowercase().contains("confocal"))
        .count();
    let all_titled = journal
        .entries
        .iter()
        .filter(|e| e.title.to_lowercase().contains("confocal"))
        .count();
    assert_eq!(
        titled, all_titled,
        "every entry with \"confocal\" in its title is kept"
    );
    assert!(narrowed.iter().all(|r| all.contains(r)));
    // `q` while typing is a letter of the filter, not quit.
    ch(app, 'q');
    assert!(!app.quit);
    assert_eq!(app.journal.query, "confocalq");
    backspace(app, 1);
    assert_eq!(app.journal.rows, narrowed, "Backspace widens again");
    esc(app);
    assert!(!app.journal.typing);
    assert!(app.journal.query.is_empty());
    assert_eq!(app.journal.rows, all, "Esc clears the filter");

    // Enter keeps the filter and gives the keys back to the table.
    ch(app, '/');
    typ(app, "confocal");
    enter(app);
    assert!(!app.journal.typing);
    assert_eq!(app.journal.rows, narrowed);
    ch(app, 'c');
    assert_eq!(app.journal.rows, all, "c clears every filter");
}

#[test]
fn kind_metric_and_period_filters_cycle() {
    let mut d = Demo::new();
    let app = &mut d.app;
    let all = app.journal.rows.len();
    ch(app, 't');
    let kind = app.journal.kind.clone().expect("a kind filter");
    assert_every_row(app, &format!("a {kind}"), |e| e.kind == kind);
    ch(app, 'c');
    ch(app, 'm');
    let metric = app.journal.metric.clone().expect("a metric filter");
    assert_every_row(app, &format!("counted in {metric}"), |e| {
        e.metrics.contains(&metric)
    });
    ch(app, 'c');
    ch(app, 'p');
    assert!(
        app.journal.rows.len() < all,
        "since the last appraisal is fewer than all"
    );
    let last = app
        .journal_data()
        .expect("a journal")
        .profile
        .last_appraisal
        .expect("the demo has a last appraisal");
    assert_every_row(app, "since the last appraisal", |e| e.date >= last);
    ch(app, 'c');
    assert_eq!(app.journal.rows.len(), all);
}

#[test]
fn star_toggles_the_highlight_in_the_saved_file() {
    let mut d = Demo::new();
    let id = selected_id(&d.app);
    assert_eq!(
        entry_by_id(&d.file(), &id).expect("in the file")["highlight"],
        false
    );
    ch(&mut d.app, 's');
    let file = d.file();
    let saved = entry_by_id(&file, &id).expect("in the file");
    assert_eq!(saved["highlight"], true);
    assert_eq!(
        saved["updated"], "2026-11-25T09:30:00Z",
        "the fixed clock stamps the change"
    );
    assert_eq!(selected_id(&d.app), id, "the cursor stays on the entry");
    ch(&mut d.app, 's');
    assert_eq!(
        entry_by_id(&d.file(), &id).expect("in the file")["highlight"],
        false
    );
}

#[test]
fn delete_asks_first_and_u_restores_the_entry_where_it_was() {
    let mut d = Demo::new();
    select_entry(&mut d.app, "5zy11xgg");
    let before = d.file();
    let position = entries(&before)
        .iter()
        .position(|e| e["id"] == "5zy11xgg")
        .expect("in the file");

    ch(&mut d.app, 'd');
    assert!(matches!(d.app.confirm, Some(Confirm::DeleteEntry(_))));
    ch(&mut d.app, 'n');
    assert!(d.app.confirm.is_none());
    assert!(entry_by_id(&d.file(), "5zy11xgg").is_some(), "n keeps it");

    ch(&mut d.app, 'd');
    ch(&mut d.app, 'y');
    assert!(d.app.confirm.is_none());
    let after = d.file();
    assert!(
        entry_by_id(&after, "5zy11xgg").is_none(),
        "y deletes it from the file"
    );
    assert_eq!(entries(&after).len(), entries(&before).len() - 1);
    assert!(
        d.app
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("u to undo")),
        "{:?}",
        d.app.hint
    );

    ch(&mut d.app, 'u');
    let restored = d.file();
    assert_eq!(
        restored, before,
        "u puts back exactly what was deleted, where it was"
    );
    assert_eq!(entries(&restored)[position]["id"], "5zy11xgg");
    ch(&mut d.app, 'u');
    assert_eq!(d.app.hint.as_deref(), Some("Nothing to undo."));
}

#[test]
fn the_guided_entry_checks_each_field_and_saves_only_after_the_review() {
    let mut d = Demo::new();
    let before = entries(&d.file()).len();
    let app = &mut d.app;

    ch(app, 'a');
    let form = app.entry_form.as_ref().expect("the guided entry opens");
    assert_eq!(form.step, Step::Kind);
    typ(app, "user tr");
    let kind = app
        .entry_form
        .as_ref()
        .and_then(|f| f.kind_under_cursor(&app.framework))
        .expect("a kind");
    assert_eq!(
        kind.id, "user-training",
        "typing filters the kinds and lands on the best match"
    );
    enter(app);
    assert_eq!(app.entry_form.as_ref().expect("open").step, Step::Details);
    assert_eq!(focused_detail(app), "title");

    answer(app, "1:1 confocal training — Ruiz lab", "date");
    let form = app.entry_form.as_ref().expect("open");
    assert_eq!(
        form.details.value("date"),
        "2026-11-25",
        "the date starts as today"
    );
    answer(app, "", "hours");

    // A refused value: the error is shown inline and the focus stays on the field.
    typ(app, "-2");
    enter(app);
    assert_eq!(
        focused_detail(app),
        "hours",
        "the form stays on a refused field"
    );
    let form = app.entry_form.as_ref().expect("open");
    let error = form
        .details
        .field("hours")
        .and_then(|f| f.error.clone())
        .expect("an inline error");
    assert!(error.contains("hours"), "{error}");
    assert!(app.message.is_none(), "an inline error, not a popup");
    // Typing clears the complaint; a good value moves on.
    backspace(app, 2);
    assert!(
        app.entry_form
            .as_ref()
            .expect("open")
            .details
            .field("hours")
            .expect("hours")
            .error
            .is_none()
    );
    answer(app, "1.5", "people");
    answer(app, "2", "techniques");
    answer(app, "confocal, airyscan", "areas");
    ch(app, ' '); // tick the first technology area
    let areas = app
        .entry_form
        .as_ref()
        .expect("open")
        .details
        .values("areas");
    assert_eq!(areas.len(), 1, "Space ticks one area: {areas:?}");
    answer(app, "", "tags");
    answer(app, "onboarding", "notes");
    typ(app, "First session on the LSM 980.");
    enter(app);

    // Metrics: pre-set from the kind.
    assert_eq!(app.entry_form.as_ref().expect("open").step, Step::Metrics);
    assert_eq!(
        ticked_metrics(app),
        ["fac.training"],
        "the kind's metrics are ticked"
    );
    enter(app);
    assert_eq!(
        app.entry_form.as_ref().expect("open").step,
        Step::Reflection
    );
    typ(app, "I now start with the pinhole.");
    ctrl(app, 's');
    assert_eq!(app.entry_form.as_ref().expect("open").step, Step::Review);

    // Esc goes back a step, and nothing is written before the review is confirmed.
    esc(app);
    assert_eq!(
        app.entry_form.as_ref().expect("open").step,
        Step::Reflection
    );
    ctrl(app, 's');
    assert_eq!(
        entries(&d.file()).len(),
        before,
        "nothing is written before the review"
    );
    enter(&mut d.app);
    assert!(d.app.entry_form.is_none(), "saving closes the form");
    assert_eq!(d.app.tab, Tab::Journal);

    let file = d.file();
    assert_eq!(entries(&file).len(), before + 1);
    let saved = find(
        &file["entries"],
        "title",
        "1:1 confocal training — Ruiz lab",
    );
    assert_eq!(saved["kind"], "user-training");
    assert_eq!(saved["date"], "2026-11-25");
    assert_eq!(saved["hours"], 1.5);
    assert_eq!(saved["people"], 2);
    assert_eq!(
        saved["techniques"],
        serde_json::json!(["confocal", "airyscan"])
    );
    assert_eq!(saved["areas"], serde_json::json!(areas));
    assert_eq!(saved["tags"], serde_json::json!(["onboarding"]));
    assert_eq!(saved["notes"], "First session on the LSM 980.");
    assert_eq!(saved["metrics"], serde_json::json!(["fac.training"]));
    assert_eq!(
        saved["reflection"]["practice"],
        "I now start with the pinhole."
    );
    assert_eq!(saved["created"], "2026-11-25T09:30:00Z");
    let id = saved["id"].as_str().expect("an id").to_string();
    assert_eq!(
        selected_id(&d.app),
        id,
        "the journal shows the new entry selected"
    );
}

#[test]
fn esc_from_the_kind_picker_asks_before_dropping_the_entry() {
    let mut d = Demo::new();
    let app = &mut d.app;
    start_a_user_training(app);
    typ(app, "Half-typed");
    press(app, KeyCode::Home); // a text-editing key stays in the field
    assert_eq!(focused_detail(app), "title");
    esc(app);
    assert_eq!(
        app.entry_form.as_ref().expect("open").step,
        Step::Kind,
        "Esc on the first field goes back a step"
    );
    esc(app);
    assert_eq!(app.confirm, Some(Confirm::DiscardEntry));
    ch(app, 'n');
    assert!(app.entry_form.is_some());
    esc(app);
    ch(app, 'y');
    assert!(app.entry_form.is_none());
}

#[test]
fn editing_reuses_the_form_with_the_values_filled_in() {
    let mut d = Demo::new();
    select_entry(&mut d.app, "1vvm978t");
    let original = entry_by_id(&d.file(), "1vvm978t")
        .expect("in the file")
        .clone();
    let count = entries(&d.file()).len();
    let app = &mut d.app;
    ch(app, 'e');
    let form = app.entry_form.as_ref().expect("the form opens");
    assert_eq!(form.step, Step::Details, "editing starts at the details");
    assert!(form.editing.is_some());
    assert_eq!(form.kind.as_deref(), Some("user-training"));
    assert_eq!(
        form.details.value("title"),
        original["title"].as_str().expect("a title")
    );
    assert_eq!(
        form.details.value("date"),
        original["date"].as_str().expect("a date")
    );
    if let Some(hours) = original["hours"].as_f64() {
        assert_eq!(form.details.value("hours").parse::<f64>().ok(), Some(hours));
    }
    let techniques: Vec<String> = original["techniques"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(form.details.values("techniques"), techniques);
    assert_eq!(serde_json::json!(ticked_metrics(app)), original["metrics"]);

    typ(app, " (revised)");
    ctrl(app, 's');
    assert_eq!(
        app.entry_form.as_ref().expect("open").step,
        Step::Review,
        "C-s jumps to the review"
    );
    enter(app);
    assert!(app.entry_form.is_none());
    let file = d.file();
    let edited = entry_by_id(&file, "1vvm978t").expect("the same id");
    assert_eq!(
        edited["title"],
        format!("{} (revised)", original["title"].as_str().expect("a title"))
    );
    assert_eq!(
        edited["created"], original["created"],
        "an edit keeps the creation time"
    );
    assert_eq!(edited["techniques"], original["techniques"]);
    assert_eq!(edited["metrics"], original["metrics"]);
    assert_eq!(entries(&file).len(), count, "an edit adds no entry");
}

#[test]
fn arrows_move_along_the_ladder() {
    let mut d = Demo::new();
    let app = &mut d.app;
    ch(app, '3');
    assert_eq!(app.figures.progression.tier, 2);
    press(app, KeyCode::Right);
    assert_eq!(app.figures.progression.tier, 3);
    let tier = &app.framework.tiers[3];
    let progress = progression(app);
    assert_eq!(
        progress.expectations.len(),
        tier.expectations.len(),
        "the figures follow the tier"
    );
    assert_eq!(progress.expectations[0].id, tier.expectations[0].id);
    press(app, KeyCode::Left);
    press(app, KeyCode::Left);
    assert_eq!(app.figures.progression.tier, 1, "the current tier");
    press_times(app, KeyCode::Left, 5);
    assert_eq!(
        app.figures.progression.tier, 0,
        "the ladder stops at its foot"
    );
    let top = app.framework.tiers.len() - 1;
    for _ in 0..20 {
        ch(app, 'l');
    }
    assert_eq!(app.figures.progression.tier, top, "and at its top");
}

#[test]
fn g_on_a_missing_expectation_saves_a_goal_linked_to_it() {
    let mut d = Demo::new();
    let goals_before = d.file()["goals"].as_array().expect("goals").len();
    let app = &mut d.app;
    ch(app, '3');
    press(app, KeyCode::Right); // senior-scientist: the demo has a missing expectation there
    let id = select_status(app, Status::Missing);
    ch(app, 'g');
    let prompt = app.prompt.as_ref().expect("a goal prompt opens");
    assert_eq!(
        prompt.form.value("expectation"),
        id,
        "the goal is linked to the expectation"
    );
    assert_eq!(
        prompt.form.value("due"),
        "2027-03-15",
        "due by the next appraisal"
    );
    // Replace the suggested title with our own words.
    let title_len = prompt.form.value("title").chars().count();
    backspace(app, title_len + 2);
    typ(app, "Write two technical reports");
    enter(app);
    enter(app);
    enter(app);
    assert!(
        app.prompt.is_none(),
        "the prompt closes on save: {:?}",
        app.message
    );
    let file = d.file();
    let goals = file["goals"].as_array().expect("goals");
    assert_eq!(goals.len(), goals_before + 1);
    let goal = find(&file["goals"], "title", "Write two technical reports");
    assert_eq!(goal["expectation"], id.as_str());
    assert_eq!(goal["due"], "2027-03-15");
    assert_eq!(goal["done"], false);
}

#[test]
fn g_on_a_met_expectation_only_says_so() {
    let mut d = Demo::new();
    let app = &mut d.app;
    ch(app, '3');
    select_status(app, Status::Met);
    ch(app, 'g');
    assert!(app.prompt.is_none());
    assert_eq!(
        app.hint.as_deref(),
        Some("That expectation is already met.")
    );
}

#[test]
fn m_on_a_self_assessed_expectation_saves_the_justification() {
    let mut d = Demo::new();
    let app = &mut d.app;
    ch(app, '3');
    press(app, KeyCode::Right);
    assert_eq!(
        app.framework.tiers[app.figures.progression.tier].id,
        "senior-scientist"
    );
    let all = statuses(app);
    let index = all
        .iter()
        .position(|(id, _)| id == "senior-scientist/leadership-skills")
        .expect("the self-assessed one");
    assert_eq!(all[index].1, Status::Missing, "not assessed yet");
    press(app, KeyCode::End);
    press_times(app, KeyCode::Up, all.len() - 1 - index);
    ch(app, 'm');
    assert!(app.prompt.is_some(), "a justification prompt opens");
    typ(app, "I lead the facility's weekly staff meeting.");
    enter(app);
    assert!(app.prompt.is_none(), "{:?}", app.message);
    let file = d.file();
    let sa = file["self_assessments"]
        .as_array()
        .expect("self-assessments are saved");
    assert_eq!(sa.len(), 1);
    assert_eq!(sa[0]["expectation"], "senior-scientist/leadership-skills");
    assert_eq!(
        sa[0]["justification"],
        "I lead the facility's weekly staff meeting."
    );
    assert_eq!(sa[0]["date"], "2026-11-25");
    let now = statuses(&d.app);
    assert_eq!(
        now[index].1,
        Status::SelfAssessed,
        "the tab shows it as self-assessed at once"
    );

    // m on an expectation an entry can show is refused with a hint.
    press(&mut d.app, KeyCode::Home);
    ch(&mut d.app, 'm');
    assert!(d.app.prompt.is_none());
    assert!(
        d.app
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("self-assessed"))
    );
}

#[test]
fn a_change_made_by_another_process_appears_after_refresh() {
    let mut d = Demo::new();
    let before = d.app.journal.rows.len();
    let other = Store::new(d.path());
    let at = clock();
    other
        .transact(None, |j| {
            let mut e = Entry::new(
                "clitest1".into(),
                today(),
                "consultation",
                "Added from the command line",
                at,
            );
            e.metrics = vec!["fac.user-base".into()];
            j.entries.push(e);
            Ok::<_, StoreError>(())
        })
        .expect("the other process saves");
    assert_eq!(d.app.journal.rows.len(), before, "not before the refresh");
    d.app.refresh().expect("refresh");
    assert_eq!(d.app.journal.rows.len(), before + 1);
    let journal = d.app.journal_data().expect("a journal");
    let newest = journal.entries[d.app.journal.rows[0]].title.clone();
    assert_eq!(
        newest, "Added from the command line",
        "the newest row is the new entry"
    );
    let text = screen_text(draw(&d.app, 120, 40).backend().buffer());
    assert!(text.contains("Added from the command line"));

    // And a change made by the app on top of it keeps the other's entry.
    ch(&mut d.app, 's');
    assert!(entry_by_id(&d.file(), "clitest1").is_some());
}

#[test]
fn a_newer_journal_opens_read_only_with_a_banner_and_refuses_changes() {
    let d = Demo::new();
    d.make_newer();
    let bytes = std::fs::read(d.path()).expect("read");
    let mut app = app_on(d.path());
    let why = app.read_only().expect("read-only").to_string();
    assert!(why.contains("newer corepath"), "{why}");
    let text = screen_text(draw(&app, 120, 40).backend().buffer());
    assert!(text.contains("READ-ONLY"), "a banner says so:\n{text}");

    ch(&mut app, 'a');
    assert!(app.entry_form.is_none(), "a is refused");
    let message = app.message.clone().expect("an error message");
    assert!(message.error);
    assert!(message.text.contains("read-only"), "{}", message.text);
    esc(&mut app);
    assert!(app.message.is_none());
    for c in ['s', 'd', 'e'] {
        ch(&mut app, c);
        assert!(
            app.message.take().is_some_and(|m| m.error),
            "{c} is refused"
        );
    }
    ch(&mut app, '3');
    ch(&mut app, 'g');
    assert!(app.message.take().is_some(), "g is refused");
    assert!(app.prompt.is_none());
    assert_eq!(
        std::fs::read(d.path()).expect("read"),
        bytes,
        "the file is untouched"
    );
}

#[test]
fn a_refused_period_is_shown_beside_the_field_and_keeps_the_input() {
    let mut d = Demo::new();
    let app = &mut d.app;
    ch(app, 'P');
    let prompt = app.prompt.as_ref().expect("a custom period prompt");
    assert_eq!(
        prompt.form.value("from"),
        "2025-11-26",
        "the last 12 months by default"
    );
    // From after To: each date is fine alone, the pair is refused on submit.
    backspace(app, 10);
    typ(app, "2026-12-31");
    enter(app);
    enter(app);
    assert!(app.message.is_none(), "no popup: the refusal is inline");
    let prompt = app.prompt.as_ref().expect("the prompt is still open");
    let to = prompt.form.field("to").expect("a to field");
    let error = to.error.clone().expect("an error beside the field");
    assert!(error.contains("2026-12-31"), "{error}");
    assert_eq!(prompt.form.focused().map(|f| f.name), Some("to"));
    let prompt = app.prompt.as_ref().expect("the prompt is still open");
    assert_eq!(prompt.form.value("from"), "2026-12-31");
    // Fix it and the filter applies.
    press(app, KeyCode::Up);
    backspace(app, 10);
    typ(app, "2026-01-01");
    enter(app);
    enter(app);
    assert!(app.prompt.is_none(), "{:?}", app.message);
    assert!(!app.journal.rows.is_empty());
    assert_every_row(app, "in 2026", |e| e.date.to_string().starts_with("2026"));
}

#[test]
fn a_failed_save_keeps_the_guided_entry_as_typed() {
    let mut d = Demo::new();
    let app = &mut d.app;
    start_a_user_training(app);
    typ(app, "Kept through a failure");
    ctrl(app, 's');
    assert_eq!(app.entry_form.as_ref().expect("open").step, Step::Review);
    // Meanwhile a newer corepath rewrites the journal: this one must not write over it.
    let newer = d.make_newer();
    let app = &mut d.app;
    enter(app);
    let message = app.message.clone().expect("an error popup");
    assert!(message.error);
    assert!(message.text.contains("read-only"), "{}", message.text);
    let form = app.entry_form.as_ref().expect("the form is still open");
    assert_eq!(form.step, Step::Review);
    assert_eq!(form.details.value("title"), "Kept through a failure");
    assert_eq!(
        std::fs::read_to_string(&d.sandbox.journal).expect("read"),
        newer,
        "nothing written"
    );
    esc(app);
    assert!(app.message.is_none());
    let form = app
        .entry_form
        .as_ref()
        .expect("still open after the popup closes");
    assert_eq!(form.details.value("title"), "Kept through a failure");
}

#[test]
fn goals_can_be_added_marked_done_and_deleted() {
    let mut d = Demo::new();
    let app = &mut d.app;
    ch(app, '5');
    ch(app, 'a');
    assert!(app.prompt.is_some());
    typ(app, "Give a talk at ELMI 2027");
    enter(app);
    press(app, KeyCode::Right); // toward the first expectation offered
    enter(app);
    backspace(app, 10);
    typ(app, "2027-06-01");
    enter(app);
    assert!(app.prompt.is_none(), "{:?}", app.message);
    let file = d.file();
    let goal = find(&file["goals"], "title", "Give a talk at ELMI 2027");
    assert_eq!(goal["due"], "2027-06-01");
    assert!(goal["expectation"].is_string(), "{goal}");
    let id = goal["id"].clone();

    // Open goals come first, soonest due first: the new one (June 2027) is after the two of March.
    let app = &mut d.app;
    press(app, KeyCode::Home);
    let find_row = |app: &App| {
        let journal = app.journal_data().expect("a journal");
        corepath_goal_rows(journal)
            .iter()
            .position(|g| *g == id)
            .expect("listed")
    };
    let row = find_row(app);
    press_times(app, KeyCode::Down, row);
    ch(app, 'x');
    let done = |d: &Demo| {
        d.file()["goals"]
            .as_array()
            .expect("goals")
            .iter()
            .find(|g| g["id"] == id)
            .map(|g| g["done"].clone())
    };
    assert_eq!(done(&d), Some(Value::Bool(true)));
    let app = &mut d.app;
    let row = find_row(app);
    press(app, KeyCode::Home);
    press_times(app, KeyCode::Down, row);
    ch(app, 'd');
    assert!(matches!(app.confirm, Some(Confirm::DeleteGoal(_))));
    ch(app, 'y');
    assert_eq!(done(&d), None, "deleted");
}

/// The goal ids in the order the Goals tab lists them: open first, soonest due first.
fn corepath_goal_rows(journal: &corepath::model::Journal) -> Vec<Value> {
    let mut goals: Vec<&corepath::model::Goal> = journal.goals.iter().collect();
    goals.sort_by_key(|g| (g.done, g.due.is_none(), g.due));
    goals.iter().map(|g| Value::String(g.id.clone())).collect()
}

#[test]
fn metrics_enter_lists_the_entries_of_a_metric() {
    let mut d = Demo::new();
    let app = &mut d.app;
    ch(app, '2');
    let metric = app.framework.metrics[0].id.clone();
    enter(app);
    assert_eq!(app.tab, Tab::Journal);
    assert_eq!(app.journal.metric.as_deref(), Some(metric.as_str()));
    assert_every_row(app, &format!("counted in {metric}"), |e| {
        e.metrics.contains(&metric)
    });
}

#[test]
fn first_run_creates_the_profile_and_lands_on_the_journal() {
    let Demo { sandbox, mut app } = Demo::first_run();
    let path = &sandbox.journal;
    assert!(matches!(app.screen, Screen::Welcome { choice: 0 }));
    press(&mut app, KeyCode::Down);
    assert!(matches!(app.screen, Screen::Welcome { choice: 1 }));
    press(&mut app, KeyCode::Up);
    ch(&mut app, 'c');
    assert!(matches!(app.screen, Screen::Onboarding(_)));

    // An empty name is refused inline.
    enter(&mut app);
    let Screen::Onboarding(form) = &app.screen else {
        panic!("still onboarding")
    };
    assert_eq!(form.focused().expect("focus").name, "name");
    assert!(form.field("name").and_then(|f| f.error.clone()).is_some());

    typ(&mut app, "Ada Lovelace");
    enter(&mut app);
    press(&mut app, KeyCode::Right); // scientist
    enter(&mut app);
    typ(&mut app, "2025-01-01");
    enter(&mut app);
    enter(&mut app); // qualification: postgraduate
    typ(&mut app, "7");
    enter(&mut app);
    typ(&mut app, "0000-0002-1825-0097");
    enter(&mut app);
    assert!(
        !path.exists(),
        "nothing is written before the last question"
    );
    typ(&mut app, "2027-02-01");
    enter(&mut app);
    assert!(app.message.is_none(), "{:?}", app.message);
    assert!(matches!(app.screen, Screen::Main));
    assert!(
        app.hint.as_deref().is_some_and(|h| h.contains("Press a")),
        "{:?}",
        app.hint
    );
    let file = read_json(path);
    let profile = &file["profile"];
    assert_eq!(profile["name"], "Ada Lovelace");
    assert_eq!(profile["tier"], "scientist");
    assert_eq!(profile["tier_since"], "2025-01-01");
    assert_eq!(profile["qualification"], "postgraduate");
    assert_eq!(profile["experience_years"], 7.0);
    assert_eq!(profile["orcid"], "0000-0002-1825-0097");
    assert_eq!(profile["next_appraisal"], "2027-02-01");
    assert!(entries(&file).is_empty());
    assert_eq!(
        app.framework.tiers[app.figures.progression.tier].id, "senior-scientist",
        "the next tier"
    );
}

#[test]
fn a_wrong_orcid_is_refused_where_it_is_typed() {
    let Demo { sandbox, mut app } = Demo::first_run();
    enter(&mut app);
    typ(&mut app, "Ada");
    press_times(&mut app, KeyCode::Enter, 5);
    let Screen::Onboarding(form) = &app.screen else {
        panic!("onboarding")
    };
    assert_eq!(form.focused().expect("focus").name, "orcid");
    typ(&mut app, "0000-0002-1825-0098");
    enter(&mut app);
    let Screen::Onboarding(form) = &app.screen else {
        panic!("onboarding")
    };
    assert_eq!(
        form.focused().expect("focus").name,
        "orcid",
        "a bad check digit holds the form"
    );
    assert!(form.field("orcid").and_then(|f| f.error.clone()).is_some());
    press_times(&mut app, KeyCode::Esc, 6);
    assert!(
        matches!(app.screen, Screen::Welcome { .. }),
        "Esc walks back to the welcome"
    );
    assert!(!sandbox.journal.exists());
}

#[test]
fn the_appraisal_walk_stars_previews_and_writes_the_summary() {
    let mut d = Demo::new();
    let out = d.sandbox.path("summary");
    let app = &mut d.app;
    ch(app, '6');
    assert_eq!(app.tab, Tab::Appraisal);
    enter(app); // period: since the last appraisal
    // Highlights: s stars the entry under the cursor, in the file.
    let first = app.appraisal.entries[0];
    let id = app.journal_data().expect("a journal").entries[first]
        .id
        .clone();
    let was = app.journal_data().expect("a journal").entries[first].highlight;
    ch(app, 's');
    assert_eq!(
        entry_by_id(&d.file(), &id).expect("in the file")["highlight"],
        !was
    );
    let app = &mut d.app;
    enter(app); // preview
    assert!(
        app.appraisal
            .preview
            .iter()
            .any(|l| l.contains("Zoë Okonkwo-Lindqvist"))
    );
    enter(app); // export
    press(app, KeyCode::Down); // to the path
    let typed = app.appraisal.export.value("path").chars().count();
    backspace(app, typed);
    typ(app, out.to_str().expect("a UTF-8 path"));
    enter(app);
    assert!(app.message.is_none(), "{:?}", app.message);
    let written = out.with_extension("html");
    let html = std::fs::read_to_string(&written).expect("the summary is written");
    assert!(html.contains("Zoë Okonkwo-Lindqvist"));
    assert!(
        app.hint
            .as_deref()
            .is_some_and(|h| h.contains("Wrote the evidence summary")),
        "{:?}",
        app.hint
    );
}

// ---------------------------------------------------------------------------------------------
// Colour carries meaning, but never alone
// ---------------------------------------------------------------------------------------------

/// The cell holding `glyph` on the row that also says `word`, in the expectations list.
fn status_cell(buffer: &Buffer, glyph: &str, word: &str) -> (u16, u16) {
    let area = buffer.area;
    for y in 0..area.height {
        let line: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        if !line.contains(&format!("{glyph} {word} ")) {
            continue;
        }
        for x in 0..area.width {
            if buffer[(x, y)].symbol() == glyph {
                return (x, y);
            }
        }
    }
    panic!("no \"{glyph} {word}\" on screen:\n{}", screen_text(buffer));
}

#[test]
fn statuses_are_a_colour_and_a_glyph_and_a_word() {
    let mut d = on_senior_scientist();
    press(&mut d.app, KeyCode::End); // the missing one is last: scroll it into view
    let all = statuses(&d.app);
    for status in [Status::Met, Status::Partial, Status::Missing] {
        assert!(
            all.iter().any(|(_, s)| *s == status),
            "the demo has a {status:?} expectation"
        );
    }
    for (width, height) in [(80, 24), (120, 40)] {
        let terminal = draw(&d.app, width, height);
        let buffer = terminal.backend().buffer();
        for (glyph, word, colour) in [
            ("✔", "met", Color::Green),
            ("✘", "missing", Color::Red),
            ("◐", "partial", Color::Yellow),
        ] {
            let (x, y) = status_cell(buffer, glyph, word);
            assert_eq!(
                buffer[(x, y)].fg,
                colour,
                "{word} is {colour:?} at {width}x{height}"
            );
        }
    }
    // A self-assessment is its own colour and word.
    ch(&mut d.app, 'm');
    typ(&mut d.app, "I chair the staff meeting.");
    enter(&mut d.app);
    let terminal = draw(&d.app, 120, 40);
    let buffer = terminal.backend().buffer();
    let (x, y) = status_cell(buffer, "✎", "self-assessed");
    assert_eq!(buffer[(x, y)].fg, Color::Magenta);
}

// ---------------------------------------------------------------------------------------------
// Snapshots of every screen
// ---------------------------------------------------------------------------------------------

/// The demo after one key: a tab, or an overlay.
fn on_tab(key: char) -> impl Fn() -> Demo {
    move || {
        let mut d = Demo::new();
        ch(&mut d.app, key);
        d
    }
}

/// The Progression tab moved on to senior-scientist (the demo has met, partial and missing
/// expectations there).
fn on_senior_scientist() -> Demo {
    let mut d = on_tab('3')();
    press(&mut d.app, KeyCode::Right);
    d
}

/// One test per row: the test, the snapshot's name, and the fixture that sets the screen up.
macro_rules! snapshots {
    ($($test:ident: $name:literal, $setup:expr;)+) => {
        $(
            #[test]
            fn $test() {
                snap($name, $setup);
            }
        )+
    };
}

snapshots! {
    snapshot_welcome: "welcome", Demo::first_run;
    snapshot_journal: "journal", Demo::new;
    snapshot_metrics: "metrics", on_tab('2');
    snapshot_progression_next_tier: "progression_next_tier", on_tab('3');
    snapshot_cpd: "cpd", on_tab('4');
    snapshot_goals: "goals", on_tab('5');
    snapshot_help: "help_journal", on_tab('?');
    snapshot_delete_confirmation: "delete_confirm", on_tab('d');
}

#[test]
fn snapshot_onboarding_with_the_tier_focused() {
    snap("onboarding_tier", || {
        let mut d = Demo::first_run();
        ch(&mut d.app, 'c');
        typ(&mut d.app, "Ada Lovelace");
        enter(&mut d.app);
        let Screen::Onboarding(form) = &d.app.screen else {
            panic!("onboarding")
        };
        assert_eq!(form.focused().expect("focus").name, "tier");
        d
    });
}

#[test]
fn snapshot_journal_filtered() {
    let typed = || {
        let mut d = Demo::new();
        ch(&mut d.app, '/');
        typ(&mut d.app, "confocal");
        d
    };
    snap("journal_filter_typing", typed);
    snap("journal_filtered", || {
        let mut d = typed();
        enter(&mut d.app);
        d
    });
}

#[test]
fn snapshot_journal_detail_of_a_starred_entry() {
    snap("journal_starred_detail", || {
        let mut d = Demo::new();
        select_entry(&mut d.app, "5zy11xgg");
        assert!(
            d.app
                .journal_data()
                .expect("a journal")
                .entry("5zy11xgg")
                .expect("entry")
                .highlight
        );
        d
    });
}

#[test]
fn snapshot_progression_other_tier() {
    snap("progression_senior_scientist", || {
        let mut d = on_senior_scientist();
        press(&mut d.app, KeyCode::End);
        d
    });
}

#[test]
fn snapshot_goal_prompt() {
    snap("goal_prompt", || {
        let mut d = on_senior_scientist();
        select_status(&mut d.app, Status::Missing);
        ch(&mut d.app, 'g');
        d
    });
}

#[test]
fn snapshot_error_popup() {
    snap("error_popup", || {
        let mut d = Demo::new();
        d.make_newer();
        d.app = app_on(d.path());
        ch(&mut d.app, 'a');
        assert!(
            d.app.message.is_some(),
            "a read-only journal refuses a new entry"
        );
        d
    });
}

#[test]
fn snapshot_entry_kind_picker() {
    snap("entry_1_kind", on_tab('a'));
    snap("entry_1_kind_filtered", || {
        let mut d = on_tab('a')();
        typ(&mut d.app, "user tr");
        d
    });
}

#[test]
fn snapshot_appraisal_steps() {
    let at_step = |n: usize| {
        move || {
            let mut d = on_tab('6')();
            press_times(&mut d.app, KeyCode::Enter, n);
            d
        }
    };
    snap("appraisal_1_period", at_step(0));
    snap("appraisal_2_highlights", at_step(1));
    snap("appraisal_3_preview", at_step(2));
    snap("appraisal_4_export", at_step(3));
}

/// A guided entry for a user training, open at the hours with the title typed.
fn entry_at_hours() -> Demo {
    let mut d = Demo::new();
    start_a_user_training(&mut d.app);
    typ(&mut d.app, "1:1 confocal training — Ruiz lab");
    enter(&mut d.app);
    enter(&mut d.app);
    assert_eq!(focused_detail(&d.app), "hours");
    d
}

#[test]
fn snapshot_entry_details_with_an_inline_error() {
    snap("entry_2_details_error", || {
        let mut d = entry_at_hours();
        typ(&mut d.app, "-2");
        enter(&mut d.app);
        assert_eq!(focused_detail(&d.app), "hours");
        d
    });
}

/// The guided entry filled in up to the metrics.
fn entry_at_metrics() -> Demo {
    let mut d = entry_at_hours();
    typ(&mut d.app, "1.5");
    enter(&mut d.app);
    typ(&mut d.app, "2");
    enter(&mut d.app);
    typ(&mut d.app, "confocal");
    press_times(&mut d.app, KeyCode::Enter, 4);
    assert_eq!(d.app.entry_form.as_ref().expect("open").step, Step::Metrics);
    d
}

#[test]
fn snapshot_entry_metrics_checklist() {
    snap("entry_3_metrics", || {
        let mut d = entry_at_metrics();
        press(&mut d.app, KeyCode::Down);
        ch(&mut d.app, ' ');
        d
    });
}

/// The guided entry at the reflection, one line written.
fn entry_at_reflection() -> Demo {
    let mut d = entry_at_metrics();
    enter(&mut d.app);
    assert_eq!(
        d.app.entry_form.as_ref().expect("open").step,
        Step::Reflection
    );
    typ(&mut d.app, "I now start with the pinhole.");
    enter(&mut d.app);
    d
}

#[test]
fn snapshot_entry_reflection_and_review() {
    snap("entry_4_reflection", entry_at_reflection);
    snap("entry_5_review", || {
        let mut d = entry_at_reflection();
        ctrl(&mut d.app, 's');
        assert_eq!(d.app.entry_form.as_ref().expect("open").step, Step::Review);
        d
    });
}

#[test]
fn growing_the_terminal_shows_the_whole_list_again() {
    let mut d = on_senior_scientist();
    press(&mut d.app, KeyCode::End);
    draw(&d.app, 80, 24); // the list scrolls to keep the last expectation in view
    let text = screen_text(draw(&d.app, 120, 40).backend().buffer());
    let first = &progression(&d.app).expectations[0];
    let start: String = first.text.chars().take(30).collect();
    assert!(
        text.contains(&start),
        "at 120x40 every expectation fits, the first too:\n{text}"
    );
}
