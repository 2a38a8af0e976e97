//! The Appraisal tab: the walk from period to a written evidence summary.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::App;
use super::appraisal::AppraisalStep;
use super::theme;
use crate::text::truncate;

/// Draw the tab.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(journal) = app.journal_data() else {
        return;
    };
    let view = &app.appraisal;
    let [steps, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(4)]).areas(area);
    let mut spans = vec![Span::styled(" Appraisal: ", theme::heading())];
    for (i, step) in AppraisalStep::ALL.iter().enumerate() {
        let style = if *step == view.step {
            theme::selected()
        } else {
            theme::dim()
        };
        spans.push(Span::styled(format!(" {} {} ", i + 1, step.title()), style));
    }
    spans.push(Span::styled("  Enter next · Esc back", theme::dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), steps);
    let Some(summary) = &view.summary else { return };
    match view.step {
        AppraisalStep::Period => {
            let tier = app
                .framework
                .tiers
                .get(view.tier)
                .map_or("", |t| t.title.as_str());
            let h = &summary.headline;
            let lines = vec![
                Line::from(vec![
                    Span::styled("Period   ", theme::label()),
                    Span::styled(
                        view.period.label(&journal.profile, app.today),
                        theme::value(),
                    ),
                    Span::styled("   p to change, P custom", theme::dim()),
                ]),
                Line::from(vec![
                    Span::styled("Toward   ", theme::label()),
                    Span::styled(tier.to_string(), theme::value()),
                    Span::styled("   ←/→ to change", theme::dim()),
                ]),
                Line::raw(""),
                Line::styled("What the summary will say", theme::heading()),
                Line::raw(format!(
                    "{} entries · {} hours · {} people reached · {} highlights",
                    h.entries,
                    crate::text::whole(h.hours),
                    h.people,
                    h.highlights
                )),
                Line::raw(format!(
                    "Progression toward {tier}: {} of {} met, {} self-assessed, {} partial, {} missing",
                    summary.progression.met,
                    summary.progression.total,
                    summary.progression.self_assessed,
                    summary.progression.partial,
                    summary.progression.missing
                )),
                Line::raw(format!(
                    "CPD standards: {} of {} met",
                    summary.cpd.standards.iter().filter(|s| s.met).count(),
                    summary.cpd.standards.len()
                )),
                Line::raw(format!(
                    "Talking points backed by your figures: {}",
                    summary.talking_points.len()
                )),
            ];
            let block = Block::default()
                .borders(Borders::ALL)
                .title(" 1 Choose the period and the tier ");
            frame.render_widget(
                Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
                body,
            );
        }
        AppraisalStep::Highlights => {
            let height = body.height.saturating_sub(2) as usize;
            let lines: Vec<Line> = view
                .cursor
                .visible(&view.entries, height)
                .map(|(selected, &i)| {
                    let e = &journal.entries[i];
                    let style = theme::row(selected);
                    Line::from(vec![
                        Span::styled(if e.highlight { " ★ " } else { "   " }, theme::star()),
                        Span::styled(
                            format!("{} {:<16} {}", e.date, truncate(&e.kind, 16), e.title),
                            style,
                        ),
                    ])
                })
                .collect();
            let starred = view
                .entries
                .iter()
                .filter(|&&i| journal.entries[i].highlight)
                .count();
            let title = format!(
                " 2 Review the highlights: {starred} starred of {} entries — s stars or unstars ",
                view.entries.len()
            );
            frame.render_widget(
                Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)),
                body,
            );
        }
        AppraisalStep::Preview => {
            let lines: Vec<Line> = view
                .preview
                .iter()
                .skip(view.scroll)
                .map(|l| Line::raw(l.clone()))
                .collect();
            let title = format!(
                " 3 Preview (Markdown), line {} of {} — ↑/↓ PgUp/PgDn scroll ",
                view.scroll + 1,
                view.preview.len()
            );
            frame.render_widget(
                Paragraph::new(lines)
                    .block(Block::default().borders(Borders::ALL).title(title))
                    .wrap(Wrap { trim: false }),
                body,
            );
        }
        AppraisalStep::Export => {
            let [form_area, note] =
                Layout::vertical([Constraint::Length(6), Constraint::Min(1)]).areas(body);
            let block = Block::default()
                .borders(Borders::ALL)
                .title(" 4 Pick a format and a path — Enter writes ");
            let inner = block.inner(form_area);
            frame.render_widget(block, form_area);
            view.export.render(inner, frame.buffer_mut());
            let (_, target) = view.target();
            let place = if target.is_absolute() {
                ""
            } else {
                " (in the folder corepath was started from)"
            };
            let mut lines = vec![Line::styled(
                format!(" Will write {}{place}", target.display()),
                theme::dim(),
            )];
            if let Some(written) = &view.written {
                lines.push(Line::styled(
                    format!(" Last written: {}", written.display()),
                    theme::good(),
                ));
            }
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), note);
        }
    }
}
