//! Fields and forms: text, choice and multi-choice inputs, each checked as the user leaves it.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use super::action::Action;
use super::theme;
use crate::model::InputError;

/// An option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The value stored.
    pub id: String,
    /// What the user sees.
    pub label: String,
}

impl Choice {
    /// A choice whose label is its id.
    pub fn plain(id: &str) -> Choice {
        Choice {
            id: id.to_string(),
            label: id.to_string(),
        }
    }
}

/// How a field takes input.
#[derive(Debug, Clone)]
pub enum Input {
    /// One line of text.
    Text(Box<TextArea<'static>>),
    /// One of several options, cycled with ←/→.
    Choice {
        /// The options.
        options: Vec<Choice>,
        /// The one chosen.
        index: usize,
    },
    /// Any number of options: ←/→ move, Space ticks.
    Multi {
        /// The options.
        options: Vec<Choice>,
        /// Which are ticked.
        chosen: Vec<bool>,
        /// The option under the cursor.
        cursor: usize,
    },
}

/// A check run when the user leaves a field: the text value in, an error out.
pub type Check = fn(&str) -> Result<(), InputError>;

/// One field of a form.
#[derive(Debug, Clone)]
pub struct Field {
    /// The name the value is read back by.
    pub name: &'static str,
    /// The label shown.
    pub label: String,
    /// The question or hint shown while the field has focus.
    pub prompt: String,
    /// Whether an empty value is refused.
    pub required: bool,
    /// The input.
    pub input: Input,
    /// How the value is checked.
    pub check: Option<Check>,
    /// The last check's complaint.
    pub error: Option<String>,
}

fn text_area(value: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![value.to_string()]);
    area.set_cursor_line_style(Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

impl Field {
    /// A text field holding `value`.
    pub fn text(name: &'static str, label: &str, prompt: &str, value: &str) -> Field {
        Field {
            name,
            label: label.to_string(),
            prompt: prompt.to_string(),
            required: false,
            input: Input::Text(Box::new(text_area(value))),
            check: None,
            error: None,
        }
    }

    /// A choice field with `selected` chosen (the first option if it is not among them).
    pub fn choice(
        name: &'static str,
        label: &str,
        prompt: &str,
        options: Vec<Choice>,
        selected: &str,
    ) -> Field {
        let index = options.iter().position(|o| o.id == selected).unwrap_or(0);
        Field {
            input: Input::Choice { options, index },
            ..Field::text(name, label, prompt, "")
        }
    }

    /// A multi-choice field with `selected` ticked.
    pub fn multi(
        name: &'static str,
        label: &str,
        prompt: &str,
        options: Vec<Choice>,
        selected: &[String],
    ) -> Field {
        let chosen = options.iter().map(|o| selected.contains(&o.id)).collect();
        Field {
            input: Input::Multi {
                options,
                chosen,
                cursor: 0,
            },
            ..Field::text(name, label, prompt, "")
        }
    }

    /// Refuse an empty value.
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// Check the value with `check` when the user leaves the field.
    pub fn checked(mut self, check: Check) -> Field {
        self.check = Some(check);
        self
    }

    /// The text value (for choices, the chosen id; for multi, the ticked ids joined by ", ").
    pub fn value(&self) -> String {
        match &self.input {
            Input::Text(area) => area.lines().join(" ").trim().to_string(),
            Input::Choice { options, index } => options
                .get(*index)
                .map(|o| o.id.clone())
                .unwrap_or_default(),
            Input::Multi { .. } => self.values().join(", "),
        }
    }

    /// The values: ticked ids for multi, comma-separated parts for text.
    pub fn values(&self) -> Vec<String> {
        match &self.input {
            Input::Multi {
                options, chosen, ..
            } => options
                .iter()
                .zip(chosen)
                .filter(|(_, c)| **c)
                .map(|(o, _)| o.id.clone())
                .collect(),
            _ => self
                .value()
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }

    /// Whether the field takes typed text.
    pub fn is_text(&self) -> bool {
        matches!(self.input, Input::Text(_))
    }

    /// Check the value; remember and return the complaint.
    pub fn validate(&mut self) -> Result<(), InputError> {
        let value = self.value();
        let result = if value.is_empty() || value == "—" {
            if self.required {
                Err(InputError::new(
                    &self.label.to_lowercase(),
                    &value,
                    "an answer: this one is needed",
                ))
            } else {
                Ok(())
            }
        } else {
            self.check.map_or(Ok(()), |check| check(&value))
        };
        self.error = result.as_ref().err().map(ToString::to_string);
        result
    }

    fn step(&mut self, forward: bool) {
        match &mut self.input {
            Input::Choice { options, index } if !options.is_empty() => {
                let n = options.len();
                *index = if forward {
                    (*index + 1) % n
                } else {
                    (*index + n - 1) % n
                };
            }
            Input::Multi {
                options, cursor, ..
            } if !options.is_empty() => {
                let n = options.len();
                *cursor = if forward {
                    (*cursor + 1) % n
                } else {
                    (*cursor + n - 1) % n
                };
            }
            _ => {}
        }
    }

    fn toggle(&mut self) {
        if let Input::Multi { chosen, cursor, .. } = &mut self.input
            && let Some(c) = chosen.get_mut(*cursor)
        {
            *c = !*c;
        }
    }

    fn render_value(&self, focused: bool, area: Rect, buf: &mut Buffer) {
        match &self.input {
            Input::Text(text) if focused => text.render(area, buf),
            Input::Text(text) => {
                let value = text.lines().join(" ");
                Paragraph::new(value)
                    .style(theme::value())
                    .render(area, buf);
            }
            Input::Choice { options, index } => {
                let label = options.get(*index).map_or("", |o| o.label.as_str());
                let line = if focused {
                    Line::from(vec![
                        Span::raw("‹ "),
                        Span::styled(label, theme::selected()),
                        Span::raw(" ›"),
                    ])
                } else {
                    Line::styled(label, theme::value())
                };
                Paragraph::new(line).render(area, buf);
            }
            Input::Multi {
                options,
                chosen,
                cursor,
            } => {
                let ticked: Vec<&str> = options
                    .iter()
                    .zip(chosen)
                    .filter(|(_, c)| **c)
                    .map(|(o, _)| o.label.as_str())
                    .collect();
                let mut spans = Vec::new();
                if focused && let Some(o) = options.get(*cursor) {
                    let mark = if chosen.get(*cursor).copied().unwrap_or(false) {
                        "[x] "
                    } else {
                        "[ ] "
                    };
                    spans.push(Span::raw("‹ "));
                    spans.push(Span::styled(
                        format!("{mark}{}", o.label),
                        theme::selected(),
                    ));
                    spans.push(Span::raw(" ›  "));
                }
                let summary = if ticked.is_empty() {
                    "none ticked".to_string()
                } else {
                    ticked.join(", ")
                };
                spans.push(Span::styled(
                    summary,
                    if focused {
                        theme::dim()
                    } else {
                        theme::value()
                    },
                ));
                Paragraph::new(Line::from(spans)).render(area, buf);
            }
        }
    }
}

/// What a form made of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The form used it (moved, changed a choice, or refused a value inline).
    Handled,
    /// Every field is answered and valid: the owner goes on.
    Submit,
    /// The user asked to go back from the first field.
    Back,
    /// Not for the form.
    Ignored,
}

/// A list of fields with one in focus.
#[derive(Debug, Clone)]
pub struct Form {
    /// The fields, in order.
    pub fields: Vec<Field>,
    /// The field in focus.
    pub focus: usize,
}

impl Form {
    /// A form of these fields, the first in focus.
    pub fn new(fields: Vec<Field>) -> Form {
        Form { fields, focus: 0 }
    }

    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The text value of the field named `name` (empty if there is none).
    pub fn value(&self, name: &str) -> String {
        self.field(name).map(Field::value).unwrap_or_default()
    }

    /// The values of the field named `name`.
    pub fn values(&self, name: &str) -> Vec<String> {
        self.field(name).map(Field::values).unwrap_or_default()
    }

    /// The field in focus.
    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    fn focused_mut(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    /// Whether the field in focus takes typed text.
    pub fn focus_is_text(&self) -> bool {
        self.focused().is_some_and(Field::is_text)
    }

    /// Whether the field in focus is a multi-choice.
    pub fn focus_is_multi(&self) -> bool {
        self.focused()
            .is_some_and(|f| matches!(f.input, Input::Multi { .. }))
    }

    /// Check the field in focus and move to the next; `false` when it was the last or its value
    /// was refused (focus stays on a refused field).
    pub fn next(&mut self) -> bool {
        let ok = self.focused_mut().is_none_or(|f| f.validate().is_ok());
        if ok && self.focus + 1 < self.fields.len() {
            self.focus += 1;
            true
        } else {
            false
        }
    }

    /// Apply a form action: move between fields, change choices, and submit once the last field
    /// is left (or on Save) with every value valid. Refusals are shown inline, next to the field.
    pub fn apply(&mut self, action: Action) -> Outcome {
        match action {
            Action::NextField => {
                self.next();
            }
            Action::PreviousField => self.previous(),
            Action::Left => self.step(false),
            Action::Right => self.step(true),
            Action::Toggle => self.toggle(),
            Action::Back if self.focus > 0 => self.previous(),
            Action::Back => return Outcome::Back,
            Action::Enter => {
                let last = self.focus + 1 >= self.fields.len();
                if (self.next() || !last) || self.validate_all().is_err() {
                    return Outcome::Handled;
                }
                return Outcome::Submit;
            }
            Action::Save if self.validate_all().is_ok() => return Outcome::Submit,
            Action::Save => {}
            _ => return Outcome::Ignored,
        }
        Outcome::Handled
    }

    /// Move to the previous field (checking the one left, but not holding the user there).
    pub fn previous(&mut self) {
        if let Some(f) = self.focused_mut() {
            let _ = f.validate();
        }
        self.focus = self.focus.saturating_sub(1);
    }

    /// Show a refusal beside the field it names (else the field in focus), and focus it.
    pub fn refuse(&mut self, error: &InputError) {
        if let Some(i) = self.fields.iter().position(|f| f.name == error.field) {
            self.focus = i;
        }
        if let Some(f) = self.focused_mut() {
            f.error = Some(error.to_string());
        }
    }

    /// Check every field; focus the first refused one and return its error.
    pub fn validate_all(&mut self) -> Result<(), InputError> {
        let mut first = None;
        for (i, field) in self.fields.iter_mut().enumerate() {
            if let Err(e) = field.validate()
                && first.is_none()
            {
                first = Some((i, e));
            }
        }
        match first {
            Some((i, e)) => {
                self.focus = i;
                Err(e)
            }
            None => Ok(()),
        }
    }

    /// Type a key into the field in focus.
    pub fn input(&mut self, key: KeyEvent) {
        if let Some(Field {
            input: Input::Text(area),
            error,
            ..
        }) = self.focused_mut()
        {
            area.input(key);
            *error = None;
        }
    }

    /// ←/→ on a choice or multi-choice.
    pub fn step(&mut self, forward: bool) {
        if let Some(f) = self.focused_mut() {
            f.step(forward);
        }
    }

    /// Tick or untick the option under the cursor of a multi-choice.
    pub fn toggle(&mut self) {
        if let Some(f) = self.focused_mut() {
            f.toggle();
        }
    }

    /// Draw the fields, one line each (two with an error), scrolled to keep the focus visible.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let label_width = self
            .fields
            .iter()
            .map(|f| f.label.chars().count())
            .max()
            .unwrap_or(8)
            .min(22) as u16
            + 4;
        let value_width = area.width.saturating_sub(label_width).max(1) as usize;
        let error_lines = |f: &Field| {
            f.error.as_ref().map_or(0, |e| {
                (e.chars().count() + 2).div_ceil(value_width).min(3) as u16
            })
        };
        let heights: Vec<u16> = self.fields.iter().map(|f| 1 + error_lines(f)).collect();
        let prompt_height = 2;
        let room = area.height.saturating_sub(prompt_height);
        let mut start = 0;
        while start < self.focus && heights[start..=self.focus].iter().sum::<u16>() > room {
            start += 1;
        }
        let mut y = area.y;
        for (i, field) in self.fields.iter().enumerate().skip(start) {
            if y + heights[i] > area.y + room {
                break;
            }
            let focused = i == self.focus;
            let marker = if focused { "▸ " } else { "  " };
            let style = if focused {
                theme::focused_label()
            } else {
                theme::label()
            };
            let required = if field.required { "*" } else { "" };
            let label = format!("{marker}{}{required}", field.label);
            buf.set_stringn(area.x, y, &label, label_width as usize, style);
            let value_area = Rect::new(
                area.x + label_width,
                y,
                area.width.saturating_sub(label_width),
                1,
            );
            field.render_value(focused, value_area, buf);
            if let Some(error) = &field.error {
                let line = Line::styled(format!("✘ {error}"), theme::error());
                let err_area = Rect::new(
                    area.x + label_width,
                    y + 1,
                    area.width.saturating_sub(label_width),
                    heights[i] - 1,
                );
                Paragraph::new(line)
                    .wrap(Wrap { trim: true })
                    .render(err_area, buf);
            }
            y += heights[i];
        }
        if let Some(f) = self.focused() {
            // The prompt sits one line under the fields, where the eye already is.
            let top = (y + 1).min(area.y + room);
            let prompt_area = Rect::new(area.x, top, area.width, prompt_height.min(area.height));
            Paragraph::new(Line::styled(
                f.prompt.clone(),
                theme::dim().add_modifier(Modifier::ITALIC),
            ))
            .wrap(Wrap { trim: true })
            .render(prompt_area, buf);
        }
    }
}
