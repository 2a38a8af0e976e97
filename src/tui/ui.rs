//! Drawing the whole screen: header, tabs, the body, the status line, the footer and whatever
//! overlay is up. Drawing reads the state; it never changes the journal and does no I/O.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::Tab;
use super::app::{App, Screen};
use super::keymap;
use super::{
    appraisal_tab, cpd_tab, entry_view, goals_tab, journal_tab, metrics_tab, popup,
    progression_tab, theme, welcome,
};
use crate::text::visible::is_unsafe;

/// Draw the app.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let banner = app.read_only().is_some();
    let [header, tabs, banner_area, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(banner)),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    match &app.screen {
        Screen::Welcome { choice } => {
            welcome::render_welcome(*choice, frame, header.union(body));
        }
        Screen::Onboarding(form) => {
            render_header(app, frame, header);
            welcome::render_onboarding(app, form, frame, tabs.union(body));
        }
        Screen::Main => {
            render_header(app, frame, header);
            render_tabs(app, frame, tabs);
            if let Some(why) = app.read_only() {
                frame.render_widget(
                    Paragraph::new(format!(" READ-ONLY: {why}")).style(theme::warning()),
                    banner_area,
                );
            }
            if let Some(form) = &app.entry_form {
                entry_view::render(app, form, frame, body);
            } else {
                match app.tab {
                    Tab::Journal => journal_tab::render(app, frame, body),
                    Tab::Metrics => metrics_tab::render(app, frame, body),
                    Tab::Progression => progression_tab::render(app, frame, body),
                    Tab::Cpd => cpd_tab::render(app, frame, body),
                    Tab::Goals => goals_tab::render(app, frame, body),
                    Tab::Appraisal => appraisal_tab::render(app, frame, body),
                }
            }
        }
    }
    if let Some(hint) = &app.hint {
        frame.render_widget(
            Paragraph::new(Line::styled(format!(" {hint}"), theme::good())),
            status,
        );
    }
    render_footer(app, frame, footer);
    popup::render(app, frame, area);
    scrub(frame.buffer_mut());
}

/// Take out of every cell what must not reach the terminal. ratatui already leaves out control
/// characters (C0, DEL, C1) and graphemes of no width, but a bidirectional control joined to the
/// character before it (` \u{202e}`) would pass; a journal's text may hold one (the journal is
/// a file anyone can edit, and an older corepath accepted them).
fn scrub(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(is_unsafe) {
            let clean: String = cell.symbol().chars().filter(|c| !is_unsafe(*c)).collect();
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

/// The first frame: what is being opened (a journal of `size` bytes), while a large journal loads.
pub fn render_opening(path: &std::path::Path, size: u64, frame: &mut Frame) {
    let what = if size > 0 {
        format!(
            " Opening {} ({:.1} MB)…",
            path.display(),
            size as f64 / 1_000_000.0
        )
    } else {
        " Opening corepath…".to_string()
    };
    let [header, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(frame.area());
    frame.render_widget(
        Paragraph::new(Line::from(vec![Span::styled(
            " corepath ",
            theme::selected(),
        )])),
        header,
    );
    frame.render_widget(Paragraph::new(Line::styled(what, theme::dim())), body);
    scrub(frame.buffer_mut());
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::styled(" corepath ", theme::selected())];
    if let Some(journal) = app.journal_data() {
        let p = &journal.profile;
        let tier = app
            .framework
            .tier(&p.tier)
            .map_or(p.tier.as_str(), |t| t.title.as_str());
        spans.push(Span::styled(format!(" {} ", p.name), theme::heading()));
        spans.push(Span::raw(format!("· {tier} ")));
        match p.next_appraisal {
            Some(d) if d >= app.today => {
                let days = (d - app.today).num_days();
                spans.push(Span::raw(format!(
                    "· appraisal in {}",
                    crate::text::plural(days.unsigned_abs(), "day", "days")
                )));
            }
            Some(d) => spans.push(Span::styled(
                format!("· appraisal date {d} has passed: set the next one"),
                theme::dim(),
            )),
            None => spans.push(Span::styled("· no appraisal date set", theme::dim())),
        }
    }
    if app.is_demo() {
        spans.push(Span::styled(" DEMO ", theme::warning()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, tab.title());
        let style = if *tab == app.tab && app.entry_form.is_none() {
            theme::selected()
        } else {
            theme::dim()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    for b in keymap::footer(app.context()) {
        spans.push(Span::styled(format!(" {}", b.label), theme::key()));
        spans.push(Span::styled(format!(" {} ", b.help), theme::dim()));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).wrap(Wrap { trim: false }),
        area,
    );
}

/// A `label: value` line.
pub fn field(label: &str, value: impl Into<String>) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("{label:<12}"),
            theme::label().add_modifier(Modifier::BOLD),
        ),
        Span::raw(value.into()),
    ])
}
