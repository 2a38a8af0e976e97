//! The first-run screens: the welcome and the profile walk.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::App;
use super::form::Form;
use super::theme;

/// The welcome: what corepath is for, and the two ways in.
pub fn render_welcome(choice: usize, frame: &mut Frame, area: Rect) {
    let box_area = area.centered(Constraint::Max(72), Constraint::Max(16));
    let options = ["Create my profile", "Explore the demo journal"];
    let keys = ["c", "d"];
    let mut lines = vec![
        Line::styled("Welcome to corepath", theme::heading()),
        Line::raw(""),
        Line::raw(
            "corepath is your career journal as an imaging scientist in a core facility. Log what you do \
             — training, papers, QC, courses — and see it count toward the 2-tier evaluation metrics and \
             the job family of the Global BioImaging recommendation, ready for your next appraisal.",
        ),
        Line::raw(""),
    ];
    for (i, option) in options.iter().enumerate() {
        let marker = if i == choice { "▸ " } else { "  " };
        let style = theme::row(i == choice);
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(format!(" {option} "), style),
            Span::styled(format!("  ({})", keys[i]), theme::dim()),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "The demo is a temporary copy: your own journal is not touched.",
        theme::dim(),
    ));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" corepath ")
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        box_area,
    );
}

/// The profile walk, with the ladder beside it while the tier is being chosen.
pub fn render_onboarding(app: &App, form: &Form, frame: &mut Frame, area: Rect) {
    let [intro, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled("Create your profile", theme::heading()),
            Line::styled(
                "Enter goes to the next question; Esc goes back. Fields with * are needed.",
                theme::dim(),
            ),
        ]),
        intro,
    );
    let wide = rest.width >= 100;
    let [fields_area, ladder_area] = if wide {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(rest)
    } else {
        Layout::vertical([Constraint::Min(9), Constraint::Length(0)]).areas(rest)
    };
    let block = Block::default().borders(Borders::ALL).title(" Profile ");
    let inner = block.inner(fields_area);
    frame.render_widget(block, fields_area);
    form.render(inner, frame.buffer_mut());
    let chosen = form.value("tier");
    let tier_focused = form.focused().is_some_and(|f| f.name == "tier");
    let ladder: Vec<Line> = app
        .framework
        .tiers
        .iter()
        .flat_map(|t| {
            let here = t.id == chosen;
            let mut lines = vec![Line::from(vec![
                Span::raw(if here { "▸ " } else { "  " }),
                Span::styled(
                    t.title.clone(),
                    if here {
                        theme::selected()
                    } else {
                        theme::heading()
                    },
                ),
                Span::styled(format!("  {}", t.stage.label()), theme::dim()),
            ])];
            if here || wide {
                lines.push(Line::styled(
                    format!("  {}", t.summary),
                    if here { theme::text() } else { theme::dim() },
                ));
            }
            lines
        })
        .collect();
    if wide {
        let block = Block::default()
            .borders(Borders::ALL)
            .title(" The job family (Appendix B) ");
        frame.render_widget(
            Paragraph::new(ladder)
                .block(block)
                .wrap(Wrap { trim: true }),
            ladder_area,
        );
    } else if tier_focused {
        let summary = app
            .framework
            .tier(&chosen)
            .map(|t| t.summary.clone())
            .unwrap_or_default();
        let y = inner.y + inner.height.saturating_sub(4);
        let note = Rect::new(inner.x, y, inner.width, 2);
        frame.render_widget(
            Paragraph::new(Line::styled(summary, theme::dim())).wrap(Wrap { trim: true }),
            note,
        );
    }
}
