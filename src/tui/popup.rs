//! Overlays: the help (drawn from the key map), errors, questions and small forms.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Confirm};
use super::keymap;
use super::theme;

/// Draw whichever overlay is up.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(prompt) = &app.prompt {
        let height = (prompt.form.fields.len() as u16 * 2 + 5).min(area.height);
        let rect = area.centered(Constraint::Percentage(90), Constraint::Length(height));
        frame.render_widget(Clear, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", prompt.title))
            .title_bottom(" Enter next/save · Esc cancel ");
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        prompt.form.render(inner, frame.buffer_mut());
    }
    if let Some(confirm) = &app.confirm {
        let question = match confirm {
            Confirm::DeleteEntry(i) => {
                let title = app
                    .journal_data()
                    .and_then(|j| j.entries.get(*i))
                    .map(|e| e.title.clone())
                    .unwrap_or_default();
                format!("Delete \"{title}\"? (u undoes it afterwards)")
            }
            Confirm::DeleteGoal(i) => {
                let title = app
                    .journal_data()
                    .and_then(|j| j.goals.get(*i))
                    .map(|g| g.title.clone())
                    .unwrap_or_default();
                format!("Delete the goal \"{title}\"?")
            }
            Confirm::DiscardEntry => "Leave this entry without saving it?".to_string(),
        };
        small(
            frame,
            area,
            " Are you sure? ",
            vec![
                Line::raw(question),
                Line::raw(""),
                keys_line(keymap::Context::Confirm),
            ],
            false,
        );
    }
    if let Some(message) = &app.message {
        let mut lines: Vec<Line> = message
            .text
            .lines()
            .map(|l| Line::raw(l.to_string()))
            .collect();
        lines.push(Line::raw(""));
        lines.push(Line::styled("Esc closes this.", theme::dim()));
        small(
            frame,
            area,
            &format!(" {} ", message.title),
            lines,
            message.error,
        );
    }
    if app.help {
        render_help(app, frame, area);
    }
}

fn keys_line(context: keymap::Context) -> Line<'static> {
    let mut spans = Vec::new();
    for b in keymap::footer(context) {
        spans.push(Span::styled(format!("{} ", b.label), theme::key()));
        spans.push(Span::styled(format!("{}   ", b.help), theme::dim()));
    }
    Line::from(spans)
}

fn small(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line<'static>>, error: bool) {
    let height = (lines.len() as u16 + 4).max(6).min(area.height);
    let rect = area.centered(Constraint::Max(70), Constraint::Length(height));
    frame.render_widget(Clear, rect);
    let style = if error {
        theme::error()
    } else {
        theme::heading()
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Line::styled(title.to_string(), style));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        rect,
    );
}

fn render_help(app: &App, frame: &mut Frame, area: Rect) {
    let mut context = app.context();
    if context == keymap::Context::Message {
        // The help describes the screen underneath.
        context = match app.tab {
            super::action::Tab::Journal => keymap::Context::Journal,
            super::action::Tab::Metrics => keymap::Context::Metrics,
            super::action::Tab::Progression => keymap::Context::Progression,
            super::action::Tab::Cpd => keymap::Context::Cpd,
            super::action::Tab::Goals => keymap::Context::Goals,
            super::action::Tab::Appraisal => keymap::Context::Appraisal,
        };
    }
    let lines: Vec<Line> = keymap::help(context)
        .into_iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {:<8}", b.label), theme::key()),
                Span::raw(b.help),
            ])
        })
        .collect();
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = area.centered(Constraint::Max(48), Constraint::Length(height));
    let room = height.saturating_sub(2) as usize;
    let scroll = app.help_scroll.min(lines.len().saturating_sub(room));
    let bottom = if lines.len() > room {
        " ↑/↓ scroll · Esc closes "
    } else {
        " Esc closes "
    };
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys here ")
        .title_bottom(bottom);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        rect,
    );
}
