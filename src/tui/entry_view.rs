//! Drawing the guided entry: a step bar, then the step.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::App;
use super::entry_form::{EntryForm, KindRow, Step};
use super::journal_tab::detail_lines;
use super::theme;
use crate::assess::learning_category;
use crate::model::known_technique;

/// Draw the form.
pub fn render(app: &App, form: &EntryForm, frame: &mut Frame, area: Rect) {
    let [steps, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(4)]).areas(area);
    let mut spans = vec![Span::styled(
        if form.editing.is_some() {
            " Edit entry: "
        } else {
            " New entry: "
        },
        theme::heading(),
    )];
    for (i, step) in Step::ALL.iter().enumerate() {
        let style = if *step == form.step {
            theme::selected()
        } else {
            theme::dim()
        };
        spans.push(Span::styled(format!(" {} {} ", i + 1, step.title()), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), steps);
    match form.step {
        Step::Kind => render_kinds(app, form, frame, body),
        Step::Details => {
            let kind = form.kind.as_deref().and_then(|k| app.framework.kind(k));
            let title = format!(
                " {} — the questions for this kind ",
                kind.map_or("", |k| k.label.as_str())
            );
            let block = Block::default().borders(Borders::ALL).title(title);
            let inner = block.inner(body);
            frame.render_widget(block, body);
            form.details.render(inner, frame.buffer_mut());
        }
        Step::Metrics => render_metrics(app, form, frame, body),
        Step::Reflection => {
            let nudge = if form.is_cpd_kind(&app.framework) {
                " Reflection — this is CPD: a line on your practice and on your users makes the record count "
            } else {
                " Reflection (optional) "
            };
            let block = Block::default().borders(Borders::ALL).title(nudge);
            let inner = block.inner(body);
            frame.render_widget(block, body);
            form.reflection.render(inner, frame.buffer_mut());
        }
        Step::Review => {
            let entry = form.current_values(&app.framework, app.today);
            let mut lines = detail_lines(app, &entry);
            let category = match learning_category(&app.framework, &entry) {
                Some(id) => app
                    .framework
                    .cpd
                    .categories
                    .iter()
                    .find(|c| c.id == id)
                    .map_or(id.to_string(), |c| c.label.clone()),
                None => "not CPD until you reflect on what it taught you".to_string(),
            };
            lines.push(Line::styled(
                format!("CPD category: {category}"),
                theme::dim(),
            ));
            let own = app
                .journal_data()
                .map(|j| j.profile.techniques.as_slice())
                .unwrap_or_default();
            for t in &entry.techniques {
                if known_technique(&app.framework, own, t).is_none() {
                    let hint = app.framework.techniques.did_you_mean(t);
                    lines.push(Line::styled(
                        format!(
                            "Technique {t}? is not in the vocabulary, so it is not counted{hint}"
                        ),
                        theme::warning(),
                    ));
                }
            }
            if entry.date > app.today {
                lines.push(Line::styled(
                    format!(
                        "Planned: dated after today ({}), so it is listed apart and counted from its day.",
                        app.today
                    ),
                    theme::warning(),
                ));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "Enter saves it to your journal; Esc goes back to change something.",
                theme::good(),
            ));
            let block = Block::default()
                .borders(Borders::ALL)
                .title(" Review — nothing is saved until you press Enter ");
            frame.render_widget(
                Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
                body,
            );
        }
    }
}

fn render_kinds(app: &App, form: &EntryForm, frame: &mut Frame, area: Rect) {
    let [filter, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let typed = form.kind_filter.lines().join("");
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" What did you do? ", theme::heading()),
            Span::styled("type to filter: ", theme::dim()),
            Span::styled(typed, theme::value()),
            Span::styled("▏", theme::key()),
        ])),
        filter,
    );
    let height = list.height.saturating_sub(2) as usize;
    let offset = form.kind_cursor.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = form
        .kind_rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, r)| match r {
            KindRow::Area(a) => {
                let area = &app.framework.work_areas[*a];
                Line::styled(
                    format!(" {} — {}", area.label, area.description),
                    theme::heading(),
                )
            }
            KindRow::Kind(k) => {
                let kind = &app.framework.kinds[*k];
                let selected = row == form.kind_cursor;
                Line::from(vec![
                    Span::raw(if selected { " ▸ " } else { "   " }),
                    Span::styled(
                        format!("{:<24}", kind.label),
                        if selected {
                            theme::selected()
                        } else {
                            theme::value()
                        },
                    ),
                    Span::styled(format!(" {}", kind.help), theme::dim()),
                ])
            }
        })
        .collect();
    let empty = form.kind_rows.is_empty();
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(" 1 Pick the kind (grouped by area of work) ");
    if empty {
        block = block.title_bottom(Line::styled(
            " no kind matches: Backspace to widen ",
            theme::error(),
        ));
    } else if let Some(kind) = form.kind_under_cursor(&app.framework) {
        block = block.title_bottom(Line::styled(format!(" {} ", kind.help), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines).block(block), list);
}

fn render_metrics(app: &App, form: &EntryForm, frame: &mut Frame, area: Rect) {
    let kind = form.kind.as_deref().and_then(|k| app.framework.kind(k));
    let [list, about] = Layout::vertical([Constraint::Min(4), Constraint::Length(3)]).areas(area);
    let height = list.height.saturating_sub(2) as usize;
    let offset = form.metric_cursor.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = app
        .framework
        .metrics
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, m)| {
            let on = form.metrics.get(i).copied().unwrap_or(false);
            let default = kind.is_some_and(|k| k.metrics.contains(&m.id));
            let selected = i == form.metric_cursor;
            Line::from(vec![
                Span::raw(if selected { " ▸ " } else { "   " }),
                Span::styled(
                    if on { "[x] " } else { "[ ] " },
                    if on { theme::good() } else { theme::dim() },
                ),
                Span::styled(format!("{:<8}", m.code), theme::dim()),
                Span::styled(
                    m.label.clone(),
                    if selected {
                        theme::selected()
                    } else {
                        theme::value()
                    },
                ),
                Span::styled(
                    if default {
                        "  (the kind's default)"
                    } else {
                        ""
                    },
                    theme::dim(),
                ),
            ])
        })
        .collect();
    let count = form.metrics.iter().filter(|m| **m).count();
    let block = Block::default().borders(Borders::ALL).title(format!(
        " 3 Which metrics does it count toward? ({count} ticked) "
    ));
    frame.render_widget(Paragraph::new(lines).block(block), list);
    let description = app
        .framework
        .metrics
        .get(form.metric_cursor)
        .map(|m| m.description.clone())
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(Line::styled(format!(" {description}"), theme::dim()))
            .wrap(Wrap { trim: true }),
        about,
    );
}
