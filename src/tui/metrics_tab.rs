//! The Metrics tab: the 2-tier table for a period and activity by month.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Row, Table};

use super::app::App;
use super::theme;
use crate::framework::MetricGroup;

fn fmt_hours(h: f64) -> String {
    if h == 0.0 { "–".into() } else if h.fract() == 0.0 { format!("{h:.0}") } else { format!("{h:.1}") }
}

fn fmt_count(n: u64) -> String {
    if n == 0 { "–".into() } else { n.to_string() }
}

/// Draw the tab.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let (Some(journal), Some(tally)) = (app.journal_data(), app.figures.metrics.tally.as_ref()) else { return };
    let view = &app.figures.metrics;
    let [summary, main, chart] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(6), Constraint::Length(if area.height > 30 { 9 } else { 0 })])
            .areas(area);
    let r = &tally.recognition;
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(format!(" Period: {}   (p to change, P custom)", view.period.label(&journal.profile, app.today)), theme::heading()),
            Line::raw(format!(
                " {} entries · {} hours · {} people reached · {} highlights · papers: {} co-authored, {} acknowledged, {} not recognised",
                tally.entries, fmt_hours(tally.hours), tally.people, tally.highlights, r.co_author, r.acknowledged, r.not_recognised
            )),
        ]),
        summary,
    );
    let mut rows = Vec::new();
    let mut selected_row = 0;
    for group in [MetricGroup::Academic, MetricGroup::Facility] {
        rows.push(Row::new(vec![String::new(), group.label().to_string()]).style(theme::heading()));
        for m in tally.group(group) {
            let index = app.framework.metric_index(&m.id).unwrap_or(0);
            if index == view.cursor.selected {
                selected_row = rows.len();
            }
            let style = if index == view.cursor.selected { theme::selected() } else { theme::text() };
            rows.push(
                Row::new(vec![
                    m.code.clone(),
                    m.label.clone(),
                    fmt_count(m.entries as u64),
                    fmt_hours(m.hours),
                    fmt_count(m.people),
                    fmt_count(m.highlights as u64),
                ])
                .style(style),
            );
        }
    }
    let height = main.height.saturating_sub(3) as usize;
    let offset = selected_row.saturating_sub(height.saturating_sub(1));
    let visible: Vec<Row> = rows.into_iter().skip(offset).take(height).collect();
    let description = app.framework.metrics.get(view.cursor.selected).map(|m| format!(" {} — Enter lists its entries ", m.description)).unwrap_or_default();
    let table = Table::new(
        visible,
        [Constraint::Length(8), Constraint::Min(20), Constraint::Length(7), Constraint::Length(7), Constraint::Length(7), Constraint::Length(3)],
    )
    .header(Row::new(vec!["code", "metric", "entries", "hours", "people", "★"]).style(theme::heading()))
    .block(Block::default().borders(Borders::ALL).title(" The 2-tier evaluation metrics (Section A) ").title_bottom(Line::styled(description, theme::dim())));
    frame.render_widget(table, main);
    if chart.height > 0 {
        let months = &tally.by_month;
        let room = (chart.width.saturating_sub(2) / 4) as usize;
        let bars: Vec<Bar> = months
            .iter()
            .skip(months.len().saturating_sub(room))
            .map(|m| Bar::default().value(m.entries as u64).label(Line::raw(m.month.format("%m").to_string())))
            .collect();
        let chart_widget = BarChart::default()
            .block(Block::default().borders(Borders::ALL).title(" Entries by month "))
            .data(BarGroup::default().bars(&bars))
            .bar_width(3)
            .bar_gap(1);
        frame.render_widget(chart_widget, chart);
    }
}
