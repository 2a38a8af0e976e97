//! The application state and `update`: every key becomes an [`Action`], every action a change of
//! state (and, for changes to the journal, one locked transaction). Drawing lives elsewhere and
//! only reads.

mod entries;
mod prompts;
mod tabs;

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::{Action, Tab};
use super::appraisal::{AppraisalStep, AppraisalView};
use super::entry_form::{EntryForm, Step};
use super::form::{Form, Outcome};
use super::keymap::{self, Context};
use super::onboarding;
use super::prompt::{Prompt, PromptKind};
use super::views::{Figures, JournalView, PeriodChoice, cycle};
use crate::assess::Context as Assessment;
use crate::framework::{Framework, Rule};
use crate::model::{Entry, Goal, InputError, Journal, SelfAssessment, check_line};
use crate::store::{FileStamp, Loaded, Store, StoreError, fresh_id};

/// A question waiting for yes or no.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// Delete the entry at this position.
    DeleteEntry(usize),
    /// Delete the goal at this position.
    DeleteGoal(usize),
    /// Leave the guided entry without saving.
    DiscardEntry,
}

/// A popup message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The title.
    pub title: String,
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
}

/// Which screen is up.
#[derive(Debug)]
pub enum Screen {
    /// First run: what corepath is, and a choice.
    Welcome {
        /// 0: create my profile; 1: explore the demo.
        choice: usize,
    },
    /// Creating the profile.
    Onboarding(Form),
    /// The tabs.
    Main,
}

/// A failure inside a handler; shown in a popup, the user's input kept.
#[derive(Debug)]
pub enum Failure {
    /// Input that was refused.
    Input(InputError),
    /// The journal could not be read or written.
    Store(StoreError),
    /// Anything else, already in words.
    Message(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Input(e) => write!(f, "{e}"),
            Failure::Store(e) => write!(f, "{e}"),
            Failure::Message(m) => write!(f, "{m}"),
        }
    }
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Failure {
        Failure::Input(e)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        Failure::Store(e)
    }
}

/// The whole state of the terminal app.
pub struct App {
    /// The framework.
    pub framework: Framework,
    store: Store,
    /// The journal as last read or saved; `None` before the profile exists.
    pub data: Option<Loaded>,
    /// Today (passed in, so tests can fix it).
    pub today: NaiveDate,
    clock: fn() -> DateTime<Utc>,
    /// The screen up.
    pub screen: Screen,
    /// The tab shown.
    pub tab: Tab,
    /// The journal tab's state.
    pub journal: JournalView,
    /// Figures for the other tabs.
    pub figures: Figures,
    /// The goals tab's cursor.
    pub goal_cursor: super::views::Cursor,
    /// The appraisal tab's walk.
    pub appraisal: AppraisalView,
    /// The guided entry, when open.
    pub entry_form: Option<EntryForm>,
    /// A small form (goal, justification, period), when open.
    pub prompt: Option<Prompt>,
    /// A question, when asked.
    pub confirm: Option<Confirm>,
    /// A popup message, when shown.
    pub message: Option<Message>,
    /// Whether the help overlay is up.
    pub help: bool,
    /// How far the help overlay is scrolled.
    pub help_scroll: usize,
    /// A line of news for the status bar.
    pub hint: Option<String>,
    undo: Option<(usize, Entry)>,
    /// Set when the user quits.
    pub quit: bool,
    demo: Option<tempfile::TempDir>,
}

impl App {
    /// The app on `store`, as of `today`; the welcome screen when there is no journal yet.
    pub fn new(
        framework: Framework,
        store: Store,
        today: NaiveDate,
        clock: fn() -> DateTime<Utc>,
    ) -> Result<App, StoreError> {
        let data = if store.exists() {
            Some(store.load()?)
        } else {
            None
        };
        let mut app = App {
            framework,
            store,
            data: None,
            today,
            clock,
            screen: Screen::Welcome { choice: 0 },
            tab: Tab::Journal,
            journal: JournalView::new(),
            figures: Figures::new(),
            goal_cursor: Default::default(),
            appraisal: AppraisalView::new(today),
            entry_form: None,
            prompt: None,
            confirm: None,
            message: None,
            help: false,
            help_scroll: 0,
            hint: None,
            undo: None,
            quit: false,
            demo: None,
        };
        if let Some(loaded) = data {
            app.open(loaded);
        }
        Ok(app)
    }

    /// Keep a demo folder alive as long as the app.
    pub fn keep_demo(&mut self, dir: tempfile::TempDir) {
        self.demo = Some(dir);
    }

    /// The journal, if there is one.
    pub fn journal_data(&self) -> Option<&Journal> {
        self.data.as_ref().map(|d| &d.journal)
    }

    /// Why the journal is read-only, if it is.
    pub fn read_only(&self) -> Option<&str> {
        self.data.as_ref().and_then(|d| d.read_only.as_deref())
    }

    /// Where the journal lives.
    pub fn path(&self) -> &std::path::Path {
        self.store.path()
    }

    /// Whether this is the demo.
    pub fn is_demo(&self) -> bool {
        self.demo.is_some()
    }

    /// Show a journal on the main screen, looking toward the tier above the profile's.
    fn open(&mut self, loaded: Loaded) {
        let current = self
            .framework
            .tier_index(&loaded.journal.profile.tier)
            .unwrap_or(0);
        let next = (current + 1).min(self.framework.tiers.len().saturating_sub(1));
        self.figures.progression.tier = next;
        self.appraisal.tier = next;
        self.screen = Screen::Main;
        self.set_data(loaded);
    }

    fn set_data(&mut self, loaded: Loaded) {
        self.data = Some(loaded);
        self.recompute();
    }

    /// Recompute everything shown from the journal.
    fn recompute(&mut self) {
        let Some(data) = &self.data else { return };
        let journal = &data.journal;
        self.journal.reindex(journal, self.today);
        let ctx = Assessment::new(&self.framework, journal);
        self.figures.compute_all(&ctx, self.today);
        self.goal_cursor.clamp(journal.goals.len());
        if self.tab == Tab::Appraisal {
            self.appraisal.compute(&ctx, self.today);
        }
    }

    /// Notice a change made by another process (the command line) and show it.
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        let Some(data) = &self.data else {
            return Ok(());
        };
        if self.store.stamp() != data.stamp {
            let loaded = self.store.load()?;
            self.set_data(loaded);
        }
        Ok(())
    }

    /// Apply one change to the journal in a locked transaction and show the result.
    fn change<T>(
        &mut self,
        change: impl FnOnce(&mut Journal) -> Result<T, Failure>,
    ) -> Result<T, Failure> {
        let cached = self
            .data
            .as_ref()
            .and_then(|d| d.stamp.map(|s| (&d.journal, s)));
        let cached: Option<(&Journal, FileStamp)> = cached;
        let (value, loaded) = self.store.transact(cached, change)?;
        self.set_data(loaded);
        Ok(value)
    }

    /// The key context right now: the topmost thing that takes keys.
    pub fn context(&self) -> Context {
        if self.message.is_some() || self.help {
            Context::Message
        } else if self.confirm.is_some() {
            Context::Confirm
        } else if self.prompt.is_some() {
            Context::Fields
        } else if let Some(form) = &self.entry_form {
            match form.step {
                Step::Kind => Context::KindPicker,
                Step::Details | Step::Reflection => Context::Fields,
                Step::Metrics => Context::MetricChecklist,
                Step::Review => Context::Review,
            }
        } else {
            match &self.screen {
                Screen::Welcome { .. } => Context::Welcome,
                Screen::Onboarding(_) => Context::Fields,
                Screen::Main => match self.tab {
                    Tab::Journal if self.journal.typing => Context::Filtering,
                    Tab::Journal => Context::Journal,
                    Tab::Metrics => Context::Metrics,
                    Tab::Progression => Context::Progression,
                    Tab::Cpd => Context::Cpd,
                    Tab::Goals => Context::Goals,
                    Tab::Appraisal if self.appraisal.step == AppraisalStep::Export => {
                        Context::Fields
                    }
                    Tab::Appraisal => Context::Appraisal,
                },
            }
        }
    }

    /// The form whose fields have the keys, if any.
    fn fields_mut(&mut self) -> Option<&mut Form> {
        if let Some(p) = &mut self.prompt {
            return Some(&mut p.form);
        }
        if let Some(f) = &mut self.entry_form {
            return match f.step {
                Step::Details => Some(&mut f.details),
                Step::Reflection => Some(&mut f.reflection),
                _ => None,
            };
        }
        match &mut self.screen {
            Screen::Onboarding(form) => Some(form),
            Screen::Main
                if self.tab == Tab::Appraisal && self.appraisal.step == AppraisalStep::Export =>
            {
                Some(&mut self.appraisal.export)
            }
            _ => None,
        }
    }

    /// Handle one key press. Failures open an error popup; the user's input stays.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.hint = None;
        let context = self.context();
        if context == Context::Fields && self.text_editing_key(key) {
            return;
        }
        match keymap::lookup(context, key) {
            Some(action) => {
                if let Err(failure) = self.update(action) {
                    self.fail(failure);
                }
            }
            None if keymap::takes_text(context) => self.type_key(context, key),
            None => {}
        }
    }

    /// Keys that edit text inside a focused text field rather than move between fields.
    fn text_editing_key(&mut self, key: KeyEvent) -> bool {
        let Some(form) = self.fields_mut() else {
            return false;
        };
        let editing = matches!(
            key.code,
            KeyCode::Left
                | KeyCode::Right
                | KeyCode::Home
                | KeyCode::End
                | KeyCode::Backspace
                | KeyCode::Delete
        );
        if form.focus_is_text() && editing {
            form.input(key);
            return true;
        }
        if form.focus_is_multi() && key.code == KeyCode::Char(' ') {
            form.toggle();
            return true;
        }
        false
    }

    fn type_key(&mut self, context: Context, key: KeyEvent) {
        match context {
            Context::Fields => {
                if let Some(form) = self.fields_mut() {
                    form.input(key);
                }
            }
            Context::KindPicker => {
                if let Some(form) = &mut self.entry_form {
                    form.type_filter(&self.framework, key);
                }
            }
            Context::Filtering => {
                match key.code {
                    KeyCode::Backspace => {
                        self.journal.query.pop();
                    }
                    KeyCode::Char(c) => self.journal.query.push(c),
                    _ => return,
                }
                if let Some(data) = &self.data {
                    self.journal.apply(&data.journal, self.today);
                }
            }
            _ => {}
        }
    }

    fn fail(&mut self, failure: Failure) {
        let title = match failure {
            Failure::Input(_) => "That value is not accepted",
            Failure::Store(_) => "The journal could not be changed",
            Failure::Message(_) => "That did not work",
        };
        let kept = self.entry_form.is_some()
            || self.prompt.is_some()
            || matches!(self.screen, Screen::Onboarding(_));
        let mut text = failure.to_string();
        if kept {
            text.push_str("\n\nWhat you typed is kept.");
        }
        self.message = Some(Message {
            title: title.to_string(),
            text,
            error: true,
        });
    }

    /// Apply one action.
    pub fn update(&mut self, action: Action) -> Result<(), Failure> {
        if self.message.is_some() || self.help {
            match action {
                Action::Back => {
                    self.message = None;
                    self.help = false;
                    self.help_scroll = 0;
                }
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::Down => self.help_scroll += 1,
                _ => {}
            }
            return Ok(());
        }
        if let Some(confirm) = self.confirm.clone() {
            return self.answer(confirm, action);
        }
        if self.prompt.is_some() {
            return self.prompt_action(action);
        }
        if self.entry_form.is_some() {
            return self.entry_action(action);
        }
        match self.screen {
            Screen::Welcome { .. } => return self.welcome_action(action),
            Screen::Onboarding(_) => return self.onboarding_action(action),
            Screen::Main => {}
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            Action::Show(tab) => self.show(tab),
            Action::NextTab => self.show(self.tab.next()),
            Action::PreviousTab => self.show(self.tab.previous()),
            _ => match self.tab {
                Tab::Journal => self.journal_action(action)?,
                Tab::Metrics => self.metrics_action(action)?,
                Tab::Progression => self.progression_action(action)?,
                Tab::Cpd => self.cpd_action(action),
                Tab::Goals => self.goals_action(action)?,
                Tab::Appraisal => self.appraisal_action(action)?,
            },
        }
        Ok(())
    }

    fn show(&mut self, tab: Tab) {
        self.tab = tab;
        if tab == Tab::Appraisal
            && let Some(data) = &self.data
        {
            self.appraisal
                .compute(&Assessment::new(&self.framework, &data.journal), self.today);
        }
    }

    fn guard_writable(&self) -> Result<(), Failure> {
        match self.read_only() {
            Some(why) => Err(Failure::Store(StoreError::ReadOnly(format!(
                "{}: {why}",
                self.path().display()
            )))),
            None => Ok(()),
        }
    }

    fn welcome_action(&mut self, action: Action) -> Result<(), Failure> {
        let Screen::Welcome { choice } = &mut self.screen else {
            return Ok(());
        };
        match action {
            Action::Up | Action::Down => *choice = 1 - *choice,
            Action::Enter if *choice == 0 => {
                self.screen = Screen::Onboarding(onboarding::form(&self.framework, self.today))
            }
            Action::CreateProfile => {
                self.screen = Screen::Onboarding(onboarding::form(&self.framework, self.today))
            }
            Action::Enter | Action::ExploreDemo => {
                let (dir, path) = crate::store::demo_copy()?;
                self.store = Store::new(path);
                self.demo = Some(dir);
                let loaded = self.store.load()?;
                self.open(loaded);
                self.hint = Some(
                    "This is the demo journal, a temporary copy: nothing you do here is kept."
                        .into(),
                );
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
        Ok(())
    }

    fn onboarding_action(&mut self, action: Action) -> Result<(), Failure> {
        let Screen::Onboarding(form) = &mut self.screen else {
            return Ok(());
        };
        match form.apply(action) {
            Outcome::Back => self.screen = Screen::Welcome { choice: 0 },
            Outcome::Submit => {
                let journal = onboarding::journal(&self.framework, form)?;
                self.store.create(&journal)?;
                let loaded = self.store.load()?;
                self.open(loaded);
                self.hint = Some("Welcome! Press a to add your first entry — training you gave, a paper, a QC run, a course…".into());
            }
            Outcome::Handled | Outcome::Ignored => {}
        }
        Ok(())
    }
}

/// Goals in the order the Goals tab lists them: open first, soonest due first.
pub fn goal_order(journal: &Journal) -> Vec<usize> {
    let mut order: Vec<usize> = (0..journal.goals.len()).collect();
    order.sort_by_key(|&i| {
        let g = &journal.goals[i];
        (g.done, g.due.is_none(), g.due)
    });
    order
}
