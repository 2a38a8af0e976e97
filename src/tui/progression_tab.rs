//! The Progression tab: the ladder, and for the selected tier every expectation with its status
//! (a word and a glyph, not colour alone), its evidence, what is missing and what to do.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::App;
use super::theme;
use super::ui::field;
use crate::text::{amount, number};

/// Draw the tab.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let (Some(journal), Some(progress)) = (
        app.journal_data(),
        app.figures.progression.progress.as_ref(),
    ) else {
        return;
    };
    let view = &app.figures.progression;
    let current = app.framework.tier_index(&journal.profile.tier);
    let [ladder, readiness, main] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if view.then.is_some() { 2 } else { 1 }),
        Constraint::Min(5),
    ])
    .areas(area);
    let mut spans = vec![Span::raw(" ")];
    for (i, tier) in app.framework.tiers.iter().enumerate() {
        let here = Some(i) == current;
        let label = format!("{}{}", if here { "● " } else { "" }, tier.title);
        let style = if i == view.tier {
            theme::selected()
        } else if here {
            theme::heading()
        } else {
            theme::dim()
        };
        spans.push(Span::styled(format!(" {label} "), style));
        if i + 1 < app.framework.tiers.len() {
            spans.push(Span::styled("›", theme::dim()));
        }
    }
    // Keep the selected tier in view on narrow screens.
    let width: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    let line = if width > ladder.width as usize {
        let start = view.tier.saturating_sub(1) * 2 + 1;
        let mut shown = vec![Span::styled(" …", theme::dim())];
        shown.extend(spans.into_iter().skip(start));
        Line::from(shown)
    } else {
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), ladder);
    let tier = &app.framework.tiers[view.tier.min(app.framework.tiers.len().saturating_sub(1))];
    let relation = match current {
        Some(c) if c == view.tier => "your current tier",
        Some(c) if c + 1 == view.tier => "the next tier",
        Some(c) if c > view.tier => "below your tier",
        _ => "further up",
    };
    // Narrow screens get the same four counts in fewer words, so that none is cut.
    let narrow = readiness.width < 100;
    let heading = if narrow {
        format!(" {}: ", tier.title)
    } else {
        format!(" {} ({relation}, {}): ", tier.title, tier.stage.label())
    };
    let counts = if narrow {
        format!(
            "{}/{} met · {} self-assessed · {} partial · {} missing",
            progress.met,
            progress.total,
            progress.self_assessed,
            progress.partial,
            progress.missing
        )
    } else {
        progress.readiness()
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(heading, theme::heading()),
        Span::styled(counts, theme::good()),
    ])];
    if let Some(then) = &view.then {
        let changed = then
            .expectations
            .iter()
            .zip(&progress.expectations)
            .filter(|(a, b)| a.status != b.status)
            .count();
        lines.push(Line::styled(
            format!(
                " last appraisal {}: {}/{} met → today {}/{} met; {} changed",
                then.as_of, then.met, then.total, progress.met, progress.total, changed
            ),
            theme::dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), readiness);
    let wide = main.width >= 110;
    let [list_area, detail_area] = if wide {
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(main)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(main)
    };
    let height = list_area.height.saturating_sub(2) as usize;
    let items: Vec<Line> = view
        .cursor
        .visible(&progress.expectations, height)
        .map(|(selected, e)| {
            let text_style = theme::row(selected);
            Line::from(vec![
                Span::styled(
                    format!(" {} {:<13} ", e.status.glyph(), e.status.word()),
                    theme::status(e.status),
                ),
                Span::styled(e.text.clone(), text_style),
            ])
        })
        .collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" Expectations of {} (Appendix B) ", tier.title));
    frame.render_widget(Paragraph::new(items).block(block), list_area);

    let Some(e) = progress.expectations.get(view.cursor.selected) else {
        return;
    };
    let mut lines = vec![
        Line::from(vec![Span::styled(
            format!("{} {}", e.status.glyph(), e.status.word()),
            theme::status(e.status),
        )]),
        Line::styled(e.text.clone(), theme::heading()),
        field("rule", e.rule.clone()),
    ];
    if let (Some(m), Some(unit)) = (e.measured, e.unit) {
        lines.push(field("measured", amount(m, unit)));
    }
    for part in &e.parts {
        lines.push(field(
            if part.met { "✔ part" } else { "· part" },
            format!(
                "{} of {} needed: {}",
                amount(part.measured, part.unit),
                number(part.needed),
                part.rule
            ),
        ));
    }
    if !e.measured_names.is_empty() {
        lines.push(field("techniques", e.measured_names.join(", ")));
    }
    if let Some(j) = &e.justification {
        lines.push(field("why", j.clone()));
    }
    let before = view
        .then
        .as_ref()
        .and_then(|t| t.status_of(&e.id))
        .filter(|b| b.status != e.status);
    if let (Some(b), Some(then)) = (before, &view.then) {
        lines.push(field(
            "since",
            format!(
                "{} at your last appraisal ({}), {} today",
                b.status.word(),
                then.as_of,
                e.status.word()
            ),
        ));
        // The entries since then that count toward it now: what changed it.
        for &i in e.entry_indices.iter().take(3) {
            let entry = &journal.entries[i];
            if entry.date > then.as_of {
                lines.push(Line::raw(format!(
                    "  since: {} {}",
                    entry.date, entry.title
                )));
            }
        }
    }
    if !e.missing.is_empty() {
        lines.push(field("missing", e.missing.clone()));
        lines.push(field("suggestion", e.suggestion.clone()));
    }
    if !e.entry_indices.is_empty() {
        lines.push(Line::styled(
            format!("evidence ({} entries)", e.entry_indices.len()),
            theme::label(),
        ));
        for &i in e.entry_indices.iter().take(8) {
            let entry = &journal.entries[i];
            lines.push(Line::raw(format!("  {} {}", entry.date, entry.title)));
        }
        if e.entry_indices.len() > 8 {
            lines.push(Line::styled(
                format!("  … and {} more", e.entry_indices.len() - 8),
                theme::dim(),
            ));
        }
    }
    let hint = if e.status.is_met() {
        ""
    } else if e.rule.starts_with("self-assessed") {
        " m mark it with a justification · g make a goal "
    } else {
        " g make it a goal "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Detail ")
        .title_bottom(Line::styled(hint, theme::dim()));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        detail_area,
    );
}
