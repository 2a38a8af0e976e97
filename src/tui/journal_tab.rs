//! The Journal tab: entries newest first with a detail pane; filters over the top.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::app::App;
use super::theme;
use super::ui::field;
use crate::model::{Entry, known_technique};
use crate::text::truncate;

/// Columns of the kind and the metric codes (cut with `…`, never to another valid code).
const KIND_WIDTH: usize = 16;
const CODES_WIDTH: usize = 11;

/// The metric codes of an entry, e.g. `A.a F.c`.
pub fn codes(app: &App, entry: &Entry) -> String {
    entry
        .metrics
        .iter()
        .map(|m| {
            app.framework
                .metric(m)
                .map_or(m.as_str(), |m| m.code.as_str())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn filter_line(app: &App) -> Line<'static> {
    let view = &app.journal;
    let Some(journal) = app.journal_data() else {
        return Line::raw("");
    };
    let mut spans = Vec::new();
    if view.typing || !view.query.is_empty() {
        spans.push(Span::styled(" / ", theme::key()));
        spans.push(Span::styled(view.query.clone(), theme::value()));
        if view.typing {
            spans.push(Span::styled("▏", theme::key()));
        }
        spans.push(Span::raw("  "));
    }
    let mut chip = |label: &str, value: String| {
        spans.push(Span::styled(format!(" {label}: "), theme::dim()));
        spans.push(Span::styled(value, theme::value()));
    };
    if let Some(k) = &view.kind {
        chip("kind", k.clone());
    }
    if let Some(m) = &view.metric {
        chip(
            "metric",
            app.framework
                .metric(m)
                .map_or(m.clone(), |x| format!("{} {}", x.code, x.label)),
        );
    }
    if let Some(t) = &view.tag {
        chip("tag", t.clone());
    }
    if view.period != super::views::PeriodChoice::All {
        chip("period", view.period.label(&journal.profile, app.today));
    }
    let total = journal.entries.len();
    let shown = view.rows.len();
    let count = if view.filtered() {
        format!("  {shown} of {total} entries")
    } else {
        format!(" {total} entries")
    };
    spans.push(Span::styled(count, theme::dim()));
    if !view.filtered() && !view.typing {
        spans.push(Span::styled(
            "   / filter · t kind · m metric · g tag · p period",
            theme::dim(),
        ));
    }
    Line::from(spans)
}

/// Draw the tab.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(journal) = app.journal_data() else {
        return;
    };
    let [filters, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    frame.render_widget(Paragraph::new(filter_line(app)), filters);
    let wide = main.width >= 110;
    let [list_area, detail_area] = if wide {
        Layout::horizontal([Constraint::Percentage(64), Constraint::Percentage(36)]).areas(main)
    } else {
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(main)
    };
    let view = &app.journal;
    if journal.entries.is_empty() {
        let text = vec![
            Line::raw(""),
            Line::styled("  Your journal is empty.", theme::heading()),
            Line::raw(
                "  Press a to log your first entry: training you gave, a paper you contributed to, a QC run, \
                 an SOP, a course you attended… corepath asks the right questions.",
            ),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), main);
        return;
    }
    let height = list_area.height.saturating_sub(3) as usize;
    let rows: Vec<Row> = view
        .cursor
        .visible(&view.rows, height)
        .map(|(selected, &i)| {
            let e = &journal.entries[i];
            // An entry still to come is planned: marked, and dim, as nothing counts it yet.
            let planned = e.date > app.today;
            let style = if planned && !selected {
                theme::dim()
            } else {
                theme::row(selected)
            };
            let title = if planned {
                format!("planned · {}", e.title)
            } else {
                e.title.clone()
            };
            Row::new(vec![
                Cell::from(e.date.to_string()),
                Cell::from(truncate(&e.kind, KIND_WIDTH)),
                Cell::from(title),
                Cell::from(truncate(&codes(app, e), CODES_WIDTH)),
                Cell::from(if e.highlight { "★" } else { "" }),
            ])
            .style(style)
        })
        .collect();
    let title = format!(
        " Entries {}/{} ",
        if view.rows.is_empty() {
            0
        } else {
            view.cursor.selected + 1
        },
        view.rows.len()
    );
    let table = Table::new(
        rows,
        [
            Constraint::Length(10),
            Constraint::Length(KIND_WIDTH as u16),
            Constraint::Min(12),
            Constraint::Length(CODES_WIDTH as u16),
            Constraint::Length(1),
        ],
    )
    .header(Row::new(vec!["date", "kind", "title", "metrics", "★"]).style(theme::heading()))
    .block(Block::default().borders(Borders::ALL).title(title));
    frame.render_widget(table, list_area);
    if view.rows.is_empty() {
        let inner = Rect::new(
            list_area.x + 2,
            list_area.y + 2,
            list_area.width.saturating_sub(4),
            1,
        );
        frame.render_widget(
            Paragraph::new(Line::styled(
                "No entry matches these filters — c clears them.",
                theme::dim(),
            )),
            inner,
        );
    }
    let detail = view
        .selected()
        .map(|i| detail_lines(app, &journal.entries[i]))
        .unwrap_or_default();
    let block = Block::default().borders(Borders::ALL).title(" Detail ");
    frame.render_widget(
        Paragraph::new(detail)
            .block(block)
            .wrap(Wrap { trim: true }),
        detail_area,
    );
}

/// The detail pane of an entry: notes, reflections and evidence as links.
/// Techniques as the entry names them, an unknown one marked `?` (kept, not counted).
fn marked_techniques(app: &App, own: &[String], techniques: &[String]) -> Vec<String> {
    techniques
        .iter()
        .map(|t| match known_technique(&app.framework, own, t) {
            Some(_) => t.clone(),
            None => format!("{t}?"),
        })
        .collect()
}

pub fn detail_lines(app: &App, e: &Entry) -> Vec<Line<'static>> {
    let kind = app
        .framework
        .kind(&e.kind)
        .map_or(e.kind.clone(), |k| k.label.clone());
    let mut lines = vec![Line::from(vec![
        Span::styled(e.title.clone(), theme::heading()),
        Span::styled(
            if e.highlight { "  ★ highlight" } else { "" },
            theme::star(),
        ),
    ])];
    let mut facts = vec![e.date.to_string(), kind];
    if let Some(h) = e.hours {
        facts.push(format!("{h} h"));
    }
    if let Some(p) = e.people {
        facts.push(format!("{p} people"));
    }
    if let Some(r) = &e.role {
        facts.push(app.framework.role_label(&e.kind, r));
    }
    if let Some(s) = &e.scope {
        facts.push(app.framework.scope_label(s).to_string());
    }
    lines.push(Line::styled(facts.join(" · "), theme::dim()));
    let metrics: Vec<String> = e
        .metrics
        .iter()
        .map(|m| {
            app.framework
                .metric(m)
                .map_or(m.clone(), |x| format!("{} {}", x.code, x.label))
        })
        .collect();
    if !metrics.is_empty() {
        lines.push(field("metrics", metrics.join("; ")));
    }
    let optional = |label: &str, values: &[String]| {
        (!values.is_empty()).then(|| field(label, values.join(", ")))
    };
    lines.extend(optional("CRediT", &e.credit));
    let own = app
        .journal_data()
        .map(|j| j.profile.techniques.as_slice())
        .unwrap_or_default();
    lines.extend(optional(
        "techniques",
        &marked_techniques(app, own, &e.techniques),
    ));
    lines.extend(optional("areas", &e.areas));
    lines.extend(optional("tags", &e.tags));
    for ev in &e.evidence {
        lines.push(field(
            ev.kind.id(),
            ev.link().unwrap_or_else(|| ev.value.clone()),
        ));
    }
    if !e.notes.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::raw(e.notes.clone()));
    }
    let r = &e.reflection;
    for (label, text) in [
        ("practice", &r.practice),
        ("users", &r.users),
        ("next", &r.next),
    ] {
        if !text.is_empty() {
            lines.push(field(label, text.clone()));
        }
    }
    lines
}
