//! Colours and emphasis, in one place. Meaning is never carried by colour alone: every status
//! also has a word or a glyph.

use ratatui::style::{Color, Modifier, Style};

use crate::assess::Status;

/// Plain text.
pub fn text() -> Style {
    Style::default()
}

/// Secondary text.
pub fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}

/// A heading.
pub fn heading() -> Style {
    Style::default()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

/// A field label.
pub fn label() -> Style {
    Style::default().fg(Color::Gray)
}

/// The label of the field in focus.
pub fn focused_label() -> Style {
    Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

/// A value the user entered.
pub fn value() -> Style {
    Style::default().fg(Color::White)
}

/// The selected row or option.
pub fn selected() -> Style {
    Style::default()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

/// A row or option: highlighted when selected, plain otherwise.
pub fn row(selected: bool) -> Style {
    if selected { self::selected() } else { text() }
}

/// An error.
pub fn error() -> Style {
    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
}

/// Good news.
pub fn good() -> Style {
    Style::default().fg(Color::Green)
}

/// A warning or a banner.
pub fn warning() -> Style {
    Style::default().fg(Color::Black).bg(Color::Yellow)
}

/// A key in the footer.
pub fn key() -> Style {
    Style::default()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

/// A highlight star.
pub fn star() -> Style {
    Style::default().fg(Color::Yellow)
}

/// The style of an expectation status.
pub fn status(status: Status) -> Style {
    match status {
        Status::Met => Style::default()
            .fg(Color::Green)
            .add_modifier(Modifier::BOLD),
        Status::Partial => Style::default().fg(Color::Yellow),
        Status::Missing => Style::default().fg(Color::Red),
        Status::SelfAssessed => Style::default().fg(Color::Magenta),
    }
}
