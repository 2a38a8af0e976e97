//! The Goals tab: goals with their linked expectation, due date and state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Wrap};

use super::app::{App, goal_order};
use super::theme;
use super::ui::field;

/// Draw the tab.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(journal) = app.journal_data() else {
        return;
    };
    if journal.goals.is_empty() {
        let text = vec![
            Line::raw(""),
            Line::styled("  No goals yet.", theme::heading()),
            Line::raw(
                "  Press a to add one, or g on a missing expectation in the Progression tab (3)",
            ),
            Line::raw("  to turn it into a goal for the next period."),
        ];
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(6)]).areas(area);
    let order = goal_order(journal);
    let height = list_area.height.saturating_sub(3) as usize;
    let rows: Vec<Row> = app
        .goal_cursor
        .visible(&order, height)
        .map(|(selected, &i)| {
            let g = &journal.goals[i];
            let overdue = !g.done && g.due.is_some_and(|d| d < app.today);
            let state = if g.done {
                "✔ done"
            } else if overdue {
                "! overdue"
            } else {
                "○ open"
            };
            let style = theme::row(selected);
            Row::new(vec![
                state.to_string(),
                g.due.map(|d| d.to_string()).unwrap_or_else(|| "–".into()),
                g.title.clone(),
                g.expectation.clone().unwrap_or_default(),
            ])
            .style(style)
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(9),
            Constraint::Length(10),
            Constraint::Min(16),
            Constraint::Length(30),
        ],
    )
    .header(Row::new(vec!["state", "due", "goal", "toward"]).style(theme::heading()))
    .block(Block::default().borders(Borders::ALL).title(format!(
        " Goals ({} open) ",
        journal.goals.iter().filter(|g| !g.done).count()
    )));
    frame.render_widget(table, list_area);
    let Some(goal) = order
        .get(app.goal_cursor.selected)
        .map(|&i| &journal.goals[i])
    else {
        return;
    };
    let mut lines = vec![Line::styled(goal.title.clone(), theme::heading())];
    if let Some((tier, exp)) = goal
        .expectation
        .as_deref()
        .and_then(|e| app.framework.expectation(e))
    {
        lines.push(field("toward", format!("{} — {}", tier.title, exp.text)));
        lines.push(field("suggestion", exp.suggestion.clone()));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::default().borders(Borders::ALL).title(" Detail "))
            .wrap(Wrap { trim: true }),
        detail_area,
    );
}
