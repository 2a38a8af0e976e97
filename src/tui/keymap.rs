//! The one key table. The footer and the `?` help overlay are drawn from it, so they can never
//! drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Tab};

/// Where the keys are being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// First run: create a profile or explore the demo.
    Welcome,
    /// A form of text fields (onboarding, goal, prompt, entry details).
    Fields,
    /// The guided entry's kind picker.
    KindPicker,
    /// The guided entry's metric checklist.
    MetricChecklist,
    /// The guided entry's review.
    Review,
    /// A question waiting for yes or no.
    Confirm,
    /// An error or the help overlay: any listed key closes it.
    Message,
    /// The journal table.
    Journal,
    /// Typing a filter over the journal.
    Filtering,
    /// The metrics tab.
    Metrics,
    /// The progression tab.
    Progression,
    /// The CPD tab.
    Cpd,
    /// The goals tab.
    Goals,
    /// The appraisal tab.
    Appraisal,
}

/// One key and what it does here.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The key.
    pub code: KeyCode,
    /// Modifiers that must be held.
    pub modifiers: KeyModifiers,
    /// How the key is written in the footer and help.
    pub label: &'static str,
    /// What it does.
    pub action: Action,
    /// A few words of help.
    pub help: &'static str,
    /// Whether the footer shows it (alternates and obvious keys stay in the help only).
    pub footer: bool,
}

const fn key(code: KeyCode, label: &'static str, action: Action, help: &'static str) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::NONE,
        label,
        action,
        help,
        footer: true,
    }
}

const fn alt(code: KeyCode, label: &'static str, action: Action, help: &'static str) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::NONE,
        label,
        action,
        help,
        footer: false,
    }
}

const fn ctrl(c: char, label: &'static str, action: Action, help: &'static str) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
        label,
        action,
        help,
        footer: true,
    }
}

/// The key tables, one binding a line.
#[rustfmt::skip]
mod tables {
    use super::{Action, Binding, KeyCode, Tab, alt, ctrl, key};

    pub(super) const MOVE: &[Binding] = &[
        alt(KeyCode::Up, "↑", Action::Up, "move up"),
        alt(KeyCode::Down, "↓", Action::Down, "move down"),
        alt(KeyCode::PageUp, "PgUp", Action::PageUp, "a page up"),
        alt(KeyCode::PageDown, "PgDn", Action::PageDown, "a page down"),
        alt(KeyCode::Home, "Home", Action::Top, "first row"),
        alt(KeyCode::End, "End", Action::Bottom, "last row"),
    ];

    pub(super) const VIM: &[Binding] = &[
        alt(KeyCode::Char('k'), "k", Action::Up, "move up"),
        alt(KeyCode::Char('j'), "j", Action::Down, "move down"),
    ];

    pub(super) const GLOBAL: &[Binding] = &[
        alt(KeyCode::Char('1'), "1", Action::Show(Tab::Journal), "Journal tab"),
        alt(KeyCode::Char('2'), "2", Action::Show(Tab::Metrics), "Metrics tab"),
        alt(KeyCode::Char('3'), "3", Action::Show(Tab::Progression), "Progression tab"),
        alt(KeyCode::Char('4'), "4", Action::Show(Tab::Cpd), "CPD tab"),
        alt(KeyCode::Char('5'), "5", Action::Show(Tab::Goals), "Goals tab"),
        alt(KeyCode::Char('6'), "6", Action::Show(Tab::Appraisal), "Appraisal tab"),
        alt(KeyCode::Tab, "Tab", Action::NextTab, "next tab"),
        alt(KeyCode::BackTab, "S-Tab", Action::PreviousTab, "previous tab"),
        key(KeyCode::Char('?'), "?", Action::Help, "help"),
        key(KeyCode::Char('q'), "q", Action::Quit, "quit"),
    ];

    pub(super) const WELCOME: &[Binding] = &[
        key(KeyCode::Char('c'), "c", Action::CreateProfile, "create my profile"),
        key(KeyCode::Char('d'), "d", Action::ExploreDemo, "explore the demo"),
        alt(KeyCode::Up, "↑", Action::Up, "previous choice"),
        alt(KeyCode::Down, "↓", Action::Down, "next choice"),
        key(KeyCode::Enter, "Enter", Action::Enter, "choose"),
        key(KeyCode::Char('q'), "q", Action::Quit, "quit"),
    ];

    pub(super) const FIELDS: &[Binding] = &[
        key(KeyCode::Enter, "Enter", Action::Enter, "next"),
        alt(KeyCode::Tab, "Tab", Action::NextField, "next field"),
        alt(KeyCode::BackTab, "S-Tab", Action::PreviousField, "previous field"),
        alt(KeyCode::Down, "↓", Action::NextField, "next field"),
        alt(KeyCode::Up, "↑", Action::PreviousField, "previous field"),
        key(KeyCode::Left, "←/→", Action::Left, "choose"),
        alt(KeyCode::Right, "→", Action::Right, "change a choice"),
        Binding { footer: false, ..ctrl(' ', "C-Space", Action::Toggle, "tick a list item (Space too)") },
        ctrl('s', "C-s", Action::Save, "finish"),
        key(KeyCode::Esc, "Esc", Action::Back, "back"),
    ];

    pub(super) const KIND_PICKER: &[Binding] = &[
        key(KeyCode::Enter, "Enter", Action::Enter, "choose this kind"),
        key(KeyCode::Esc, "Esc", Action::Back, "cancel"),
    ];

    pub(super) const METRIC_CHECKLIST: &[Binding] = &[
        key(KeyCode::Char(' '), "Space", Action::Toggle, "map / unmap the metric"),
        key(KeyCode::Enter, "Enter", Action::Enter, "go on"),
        key(KeyCode::Esc, "Esc", Action::Back, "back a step"),
    ];

    pub(super) const REVIEW: &[Binding] = &[
        key(KeyCode::Enter, "Enter", Action::Save, "save the entry"),
        ctrl('s', "C-s", Action::Save, "save the entry"),
        key(KeyCode::Esc, "Esc", Action::Back, "back a step"),
    ];

    pub(super) const CONFIRM: &[Binding] = &[
        key(KeyCode::Char('y'), "y", Action::Yes, "yes"),
        key(KeyCode::Enter, "Enter", Action::Yes, "yes"),
        key(KeyCode::Char('n'), "n", Action::No, "no"),
        key(KeyCode::Esc, "Esc", Action::No, "no"),
    ];

    pub(super) const MESSAGE: &[Binding] = &[
        key(KeyCode::Esc, "Esc", Action::Back, "close"),
        alt(KeyCode::Enter, "Enter", Action::Back, "close"),
        alt(KeyCode::Char('?'), "?", Action::Back, "close"),
        alt(KeyCode::Char('q'), "q", Action::Back, "close"),
        alt(KeyCode::Up, "↑", Action::Up, "scroll up"),
        alt(KeyCode::Down, "↓", Action::Down, "scroll down"),
    ];

    pub(super) const JOURNAL: &[Binding] = &[
        key(KeyCode::Char('a'), "a", Action::Add, "add an entry"),
        key(KeyCode::Char('e'), "e", Action::Edit, "edit"),
        key(KeyCode::Char('d'), "d", Action::Delete, "delete"),
        alt(KeyCode::Char('u'), "u", Action::Undo, "undo the last delete"),
        key(KeyCode::Char('s'), "s", Action::Star, "star"),
        key(KeyCode::Char('/'), "/", Action::Filter, "filter"),
        alt(KeyCode::Char('t'), "t", Action::FilterKind, "filter by kind (cycle)"),
        alt(KeyCode::Char('m'), "m", Action::FilterMetric, "filter by metric (cycle)"),
        alt(KeyCode::Char('g'), "g", Action::FilterTag, "filter by tag (cycle)"),
        alt(KeyCode::Char('p'), "p", Action::Period, "filter by period (cycle)"),
        alt(KeyCode::Char('P'), "P", Action::CustomPeriod, "set a custom period"),
        alt(KeyCode::Char('c'), "c", Action::ClearFilters, "clear all filters"),
        alt(KeyCode::Esc, "Esc", Action::ClearFilters, "clear all filters"),
    ];

    pub(super) const FILTERING: &[Binding] = &[
        key(KeyCode::Enter, "Enter", Action::Enter, "keep the filter"),
        key(KeyCode::Esc, "Esc", Action::Back, "clear it"),
        alt(KeyCode::Up, "↑", Action::Up, "move up"),
        alt(KeyCode::Down, "↓", Action::Down, "move down"),
    ];

    pub(super) const METRICS: &[Binding] = &[
        key(KeyCode::Enter, "Enter", Action::Enter, "its entries"),
    ];

    pub(super) const PERIOD: &[Binding] = &[
        key(KeyCode::Char('p'), "p", Action::Period, "period"),
        key(KeyCode::Char('P'), "P", Action::CustomPeriod, "custom period"),
    ];

    pub(super) const PROGRESSION: &[Binding] = &[
        key(KeyCode::Left, "←/→", Action::Left, "tier"),
        alt(KeyCode::Right, "→", Action::Right, "next tier"),
        alt(KeyCode::Char('h'), "h", Action::Left, "previous tier"),
        alt(KeyCode::Char('l'), "l", Action::Right, "next tier"),
        key(KeyCode::Char('g'), "g", Action::MakeGoal, "make a goal"),
        key(KeyCode::Char('m'), "m", Action::SelfAssess, "self-assess"),
    ];

    pub(super) const GOALS: &[Binding] = &[
        key(KeyCode::Char('a'), "a", Action::Add, "add a goal"),
        key(KeyCode::Char('e'), "e", Action::Edit, "edit"),
        key(KeyCode::Char('x'), "x", Action::Done, "done / open"),
        key(KeyCode::Char('d'), "d", Action::Delete, "delete"),
    ];

    pub(super) const APPRAISAL: &[Binding] = &[
        key(KeyCode::Enter, "Enter", Action::Enter, "next step"),
        key(KeyCode::Esc, "Esc", Action::Back, "previous step"),
        alt(KeyCode::Char('p'), "p", Action::Period, "period (step 1)"),
        alt(KeyCode::Char('P'), "P", Action::CustomPeriod, "custom period (step 1)"),
        alt(KeyCode::Left, "←", Action::Left, "previous tier (step 1)"),
        alt(KeyCode::Right, "→", Action::Right, "next tier (step 1)"),
        alt(KeyCode::Char('s'), "s", Action::Star, "star / unstar (step 2)"),
    ];
}

use tables::*;

/// The tables that apply in a context, most specific first.
pub fn tables(context: Context) -> &'static [&'static [Binding]] {
    match context {
        Context::Welcome => &[WELCOME],
        Context::Fields => &[FIELDS],
        Context::KindPicker => &[KIND_PICKER, MOVE],
        Context::MetricChecklist => &[METRIC_CHECKLIST, MOVE, VIM],
        Context::Review => &[REVIEW],
        Context::Confirm => &[CONFIRM],
        Context::Message => &[MESSAGE],
        Context::Journal => &[JOURNAL, MOVE, VIM, GLOBAL],
        Context::Filtering => &[FILTERING],
        Context::Metrics => &[METRICS, PERIOD, MOVE, VIM, GLOBAL],
        Context::Progression => &[PROGRESSION, MOVE, VIM, GLOBAL],
        Context::Cpd => &[PERIOD, MOVE, VIM, GLOBAL],
        Context::Goals => &[GOALS, MOVE, VIM, GLOBAL],
        Context::Appraisal => &[APPRAISAL, MOVE, VIM, GLOBAL],
    }
}

/// Whether typed characters that are not bound go into a text field here.
pub fn takes_text(context: Context) -> bool {
    matches!(
        context,
        Context::Fields | Context::KindPicker | Context::Filtering
    )
}

/// The action a key means in a context, if any.
pub fn lookup(context: Context, event: KeyEvent) -> Option<Action> {
    let mods = event.modifiers - KeyModifiers::SHIFT;
    tables(context)
        .iter()
        .flat_map(|t| t.iter())
        .find(|b| {
            let code_matches = b.code == event.code
                || matches!((b.code, event.code), (KeyCode::Char(a), KeyCode::Char(e)) if a == e);
            code_matches && b.modifiers == mods
        })
        .map(|b| b.action)
}

/// The keys to show in the footer for a context.
pub fn footer(context: Context) -> impl Iterator<Item = &'static Binding> {
    tables(context)
        .iter()
        .flat_map(|t| t.iter())
        .filter(|b| b.footer)
}

/// Every key of a context, for the help overlay (one line per action and label).
pub fn help(context: Context) -> Vec<&'static Binding> {
    tables(context).iter().flat_map(|t| t.iter()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_mean_what_the_footer_says() {
        assert_eq!(
            lookup(Context::Journal, press(KeyCode::Char('a'))),
            Some(Action::Add)
        );
        assert_eq!(
            lookup(Context::Journal, press(KeyCode::Char('3'))),
            Some(Action::Show(Tab::Progression))
        );
        assert_eq!(
            lookup(Context::Goals, press(KeyCode::Char('a'))),
            Some(Action::Add)
        );
        assert_eq!(
            lookup(Context::Filtering, press(KeyCode::Char('a'))),
            None,
            "typing goes to the filter"
        );
        assert_eq!(
            lookup(
                Context::Fields,
                KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)
            ),
            Some(Action::Save)
        );
        assert_eq!(
            lookup(Context::Progression, press(KeyCode::Char('P'))),
            None
        );
        let shifted = KeyEvent::new(KeyCode::Char('P'), KeyModifiers::SHIFT);
        assert_eq!(
            lookup(Context::Metrics, shifted),
            Some(Action::CustomPeriod)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in [
            Context::Welcome,
            Context::Fields,
            Context::KindPicker,
            Context::MetricChecklist,
            Context::Review,
            Context::Confirm,
            Context::Message,
            Context::Journal,
            Context::Filtering,
            Context::Metrics,
            Context::Progression,
            Context::Cpd,
            Context::Goals,
            Context::Appraisal,
        ] {
            let all = help(context);
            for (i, a) in all.iter().enumerate() {
                for b in &all[i + 1..] {
                    assert!(
                        !(a.code == b.code && a.modifiers == b.modifiers),
                        "{context:?}: {} bound twice",
                        a.label
                    );
                }
            }
        }
    }
}
