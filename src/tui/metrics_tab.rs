//! The Metrics tab: the 2-tier table for a period and activity by month.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Borders, Cell, Paragraph, Row, Sparkline, Table,
};

use super::app::App;
use super::theme;
use crate::framework::MetricGroup;
use crate::text::{count, hours};

/// A right-aligned cell, for figures.
pub fn right(text: impl Into<String>) -> Cell<'static> {
    Cell::from(Line::from(text.into()).right_aligned())
}

/// Draw the tab.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let (Some(journal), Some(tally)) = (app.journal_data(), app.figures.metrics.tally.as_ref())
    else {
        return;
    };
    let view = &app.figures.metrics;
    let tall = area.height > 30;
    let [summary, main, about, chart] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(6),
        Constraint::Length(1),
        Constraint::Length(if tall { 9 } else { 2 }),
    ])
    .areas(area);
    let r = &tally.recognition;
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(format!(" Period: {}   (p to change, P custom)", view.period.label(&journal.profile, app.today)), theme::heading()),
            Line::raw(format!(
                " {} entries · {} hours · {} people reached · {} highlights · papers: {} co-authored, {} acknowledged, {} not recognised",
                tally.entries, hours(tally.hours), tally.people, tally.highlights, r.co_author, r.acknowledged, r.not_recognised
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
            let style = theme::row(index == view.cursor.selected);
            rows.push(
                Row::new(vec![
                    Cell::from(m.code.clone()),
                    Cell::from(m.label.clone()),
                    right(count(m.entries as u64)),
                    right(hours(m.hours)),
                    right(count(m.people)),
                    right(count(m.highlights as u64)),
                ])
                .style(style),
            );
        }
    }
    let height = main.height.saturating_sub(3) as usize;
    let offset = selected_row.saturating_sub(height.saturating_sub(1));
    let visible: Vec<Row> = rows.into_iter().skip(offset).take(height).collect();
    let description = app
        .framework
        .metrics
        .get(view.cursor.selected)
        .map(|m| format!(" {} {}: {}", m.code, m.label, m.description))
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(Line::styled(description, theme::dim())),
        about,
    );
    let table = Table::new(
        visible,
        [
            Constraint::Length(8),
            Constraint::Min(20),
            Constraint::Length(7),
            Constraint::Length(7),
            Constraint::Length(7),
            Constraint::Length(3),
        ],
    )
    .header(
        Row::new(vec![
            Cell::from("code"),
            Cell::from("metric"),
            right("entries"),
            right("hours"),
            right("people"),
            right("★"),
        ])
        .style(theme::heading()),
    )
    .block(
        Block::default()
            .borders(Borders::ALL)
            .title(" The 2-tier evaluation metrics (Section A) ")
            .title_bottom(Line::styled(
                " Enter lists the entries of a metric ",
                theme::dim(),
            )),
    );
    frame.render_widget(table, main);
    if !tall {
        let counts: Vec<u64> = tally.by_month.iter().map(|m| m.entries as u64).collect();
        let [label, line] =
            Layout::horizontal([Constraint::Length(18), Constraint::Min(4)]).areas(chart);
        let first = tally
            .by_month
            .first()
            .map(|m| m.month.format("%Y-%m").to_string())
            .unwrap_or_default();
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(" Entries by month", theme::dim()),
                Line::styled(format!(" from {first}"), theme::dim()),
            ]),
            label,
        );
        frame.render_widget(
            Sparkline::default().data(&counts).style(theme::good()),
            line,
        );
    } else {
        let months = &tally.by_month;
        let room = (chart.width.saturating_sub(2) / 4) as usize;
        let bars: Vec<Bar> = months
            .iter()
            .skip(months.len().saturating_sub(room))
            .map(|m| {
                Bar::default()
                    .value(m.entries as u64)
                    .label(Line::raw(m.month.format("%m").to_string()))
            })
            .collect();
        let chart_widget = BarChart::default()
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" Entries by month "),
            )
            .data(BarGroup::default().bars(&bars))
            .bar_width(3)
            .bar_gap(1);
        frame.render_widget(chart_widget, chart);
    }
}
