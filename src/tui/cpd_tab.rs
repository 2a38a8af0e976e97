//! The CPD tab: the four record standards over a period, the mix of categories, hours by category.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::app::App;
use super::metrics_tab::right;
use super::theme;

/// Draw the tab.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let (Some(journal), Some(report)) = (app.journal_data(), app.figures.cpd.report.as_ref())
    else {
        return;
    };
    let view = &app.figures.cpd;
    let [header, main] = Layout::vertical([Constraint::Length(2), Constraint::Min(5)]).areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(
                format!(
                    " Period: {}   (p to change, P custom)",
                    view.period.label(&journal.profile, app.today)
                ),
                theme::heading(),
            ),
            Line::raw(format!(
                " {} of {} CPD standards met · {} CPD entries · {} hours",
                report.met(),
                report.standards.len(),
                report.entries,
                crate::text::whole(report.hours)
            )),
        ]),
        header,
    );
    let wide = main.width >= 110;
    let [standards_area, categories_area] = if wide {
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(main)
    } else {
        Layout::vertical([Constraint::Min(6), Constraint::Length(8)]).areas(main)
    };
    let mut lines = Vec::new();
    for (i, s) in report.standards.iter().enumerate() {
        let (glyph, word, style) = if s.met {
            ("✔", "met", theme::good())
        } else {
            ("✘", "not met", theme::error())
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{glyph} {word:<8}"), style),
            Span::styled(format!("{}. {}", i + 1, s.title), theme::heading()),
        ]));
        lines.push(Line::raw(format!("           {}", s.detail)));
        for m in &s.missing {
            lines.push(Line::styled(
                format!("           missing: {m}"),
                theme::dim(),
            ));
        }
    }
    let scroll = view.cursor.selected.min(lines.len().saturating_sub(1)) as u16;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" CPD record standards (Science Council) ");
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        standards_area,
    );
    let max = report
        .categories
        .iter()
        .map(|c| c.entries)
        .max()
        .unwrap_or(0)
        .max(1);
    let bar_room = 8usize;
    let rows: Vec<Row> = report
        .categories
        .iter()
        .map(|c| {
            let filled = c.entries * bar_room / max;
            Row::new(vec![
                Cell::from(c.label.clone()),
                right(c.entries.to_string()),
                right(crate::text::whole(c.hours)),
                Cell::from("█".repeat(filled)),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Min(22),
            Constraint::Length(7),
            Constraint::Length(6),
            Constraint::Length(bar_room as u16),
        ],
    )
    .header(Row::new(vec!["category", "entries", "hours", "mix"]).style(theme::heading()))
    .block(
        Block::default()
            .borders(Borders::ALL)
            .title(" Activity by category "),
    );
    frame.render_widget(table, categories_area);
}
