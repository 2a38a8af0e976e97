//! The application state and `update`: every key becomes an [`Action`], every action a change of
//! state (and, for changes to the journal, one locked transaction). Drawing lives elsewhere and
//! only reads.

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

    fn journal_action(&mut self, action: Action) -> Result<(), Failure> {
        let len = self.journal.rows.len();
        let Some(data) = &self.data else {
            return Ok(());
        };
        let journal = &data.journal;
        if self.journal.cursor.follow(action, len) {
            return Ok(());
        }
        match action {
            Action::Filter => self.journal.typing = true,
            Action::Enter => self.journal.typing = false,
            Action::Back if self.journal.typing => {
                self.journal.typing = false;
                self.journal.query.clear();
                self.journal.apply(journal, self.today);
            }
            Action::FilterKind => {
                let kinds: Vec<String> =
                    self.framework.kinds.iter().map(|k| k.id.clone()).collect();
                self.journal.kind = cycle(&self.journal.kind, &kinds);
                self.journal.apply(journal, self.today);
            }
            Action::FilterMetric => {
                let metrics: Vec<String> = self
                    .framework
                    .metrics
                    .iter()
                    .map(|m| m.id.clone())
                    .collect();
                self.journal.metric = cycle(&self.journal.metric, &metrics);
                self.journal.apply(journal, self.today);
            }
            Action::FilterTag => {
                let mut tags: Vec<String> = journal
                    .entries
                    .iter()
                    .flat_map(|e| e.tags.iter().cloned())
                    .collect();
                tags.sort();
                tags.dedup();
                self.journal.tag = cycle(&self.journal.tag, &tags);
                self.journal.apply(journal, self.today);
            }
            Action::Period => {
                self.journal.period = self.journal.period.next(true);
                self.journal.apply(journal, self.today);
            }
            Action::CustomPeriod => {
                self.prompt = Some(Prompt::custom_period(PromptKind::JournalPeriod, self.today))
            }
            Action::ClearFilters | Action::Back => {
                self.journal.query.clear();
                self.journal.kind = None;
                self.journal.metric = None;
                self.journal.tag = None;
                self.journal.period = PeriodChoice::All;
                self.journal.apply(journal, self.today);
            }
            Action::Add => {
                self.guard_writable()?;
                self.entry_form = Some(EntryForm::new(&self.framework));
            }
            Action::Edit => {
                self.guard_writable()?;
                if let Some(i) = self.journal.selected() {
                    self.entry_form = Some(EntryForm::edit(
                        &self.framework,
                        &journal.entries[i],
                        self.today,
                    ));
                }
            }
            Action::Delete => {
                self.guard_writable()?;
                if let Some(i) = self.journal.selected() {
                    self.confirm = Some(Confirm::DeleteEntry(i));
                }
            }
            Action::Undo => self.undo_delete()?,
            Action::Star => {
                self.guard_writable()?;
                if let Some(i) = self.journal.selected() {
                    let id = journal.entries[i].id.clone();
                    let now = (self.clock)();
                    let on = self.change(|j| {
                        let index = j.find_entry(&id)?;
                        let e = &mut j.entries[index];
                        e.highlight = !e.highlight;
                        e.updated = now;
                        Ok(e.highlight)
                    })?;
                    self.hint = Some(
                        if on {
                            "★ Starred: it will stand out in the appraisal summary."
                        } else {
                            "Unstarred."
                        }
                        .into(),
                    );
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn undo_delete(&mut self) -> Result<(), Failure> {
        self.guard_writable()?;
        let Some((position, entry)) = self.undo.take() else {
            self.hint = Some("Nothing to undo.".into());
            return Ok(());
        };
        let title = entry.title.clone();
        self.change(|j| {
            if j.id_in_use(&entry.id) {
                return Ok(());
            }
            let at = position.min(j.entries.len());
            j.entries.insert(at, entry);
            Ok(())
        })?;
        self.hint = Some(format!("Restored \"{title}\"."));
        Ok(())
    }

    fn answer(&mut self, confirm: Confirm, action: Action) -> Result<(), Failure> {
        match action {
            Action::Yes => {
                self.confirm = None;
                match confirm {
                    Confirm::DeleteEntry(i) => {
                        let Some(id) = self
                            .journal_data()
                            .and_then(|j| j.entries.get(i))
                            .map(|e| e.id.clone())
                        else {
                            return Ok(());
                        };
                        let removed = self.change(|j| {
                            let index = j.find_entry(&id)?;
                            Ok((index, j.entries.remove(index)))
                        })?;
                        self.hint =
                            Some(format!("Deleted \"{}\". Press u to undo.", removed.1.title));
                        self.undo = Some(removed);
                    }
                    Confirm::DeleteGoal(i) => {
                        let Some(id) = self
                            .journal_data()
                            .and_then(|j| j.goals.get(i))
                            .map(|g| g.id.clone())
                        else {
                            return Ok(());
                        };
                        self.change(|j| {
                            let index = j.find_goal(&id)?;
                            j.goals.remove(index);
                            Ok(())
                        })?;
                        self.hint = Some("Goal deleted.".into());
                    }
                    Confirm::DiscardEntry => self.entry_form = None,
                }
            }
            Action::No => self.confirm = None,
            _ => {}
        }
        Ok(())
    }

    fn entry_action(&mut self, action: Action) -> Result<(), Failure> {
        let Some(form) = &mut self.entry_form else {
            return Ok(());
        };
        let framework = &self.framework;
        match form.step {
            Step::Kind => match action {
                Action::Up => form.move_kind(-1),
                Action::Down => form.move_kind(1),
                Action::PageUp => form.move_kind(-8),
                Action::PageDown => form.move_kind(8),
                Action::Enter => {
                    if let Some(kind) = form.kind_under_cursor(framework).map(|k| k.id.clone()) {
                        form.choose_kind(framework, &kind, self.today);
                    }
                }
                Action::Back => self.confirm = Some(Confirm::DiscardEntry),
                _ => {}
            },
            Step::Details | Step::Reflection => {
                let details = form.step == Step::Details;
                let fields = if details {
                    &mut form.details
                } else {
                    &mut form.reflection
                };
                match fields.apply(action) {
                    Outcome::Submit if details && action == Action::Save => {
                        form.follow_scope(framework);
                        form.step = Step::Review
                    }
                    Outcome::Submit => {
                        if details {
                            form.follow_scope(framework);
                        }
                        form.step = if details { Step::Metrics } else { Step::Review }
                    }
                    Outcome::Back => form.step = if details { Step::Kind } else { Step::Metrics },
                    Outcome::Handled | Outcome::Ignored => {}
                }
            }
            Step::Metrics => {
                let n = form.metrics.len();
                match action {
                    Action::Up => form.metric_cursor = form.metric_cursor.saturating_sub(1),
                    Action::Down => {
                        form.metric_cursor = (form.metric_cursor + 1).min(n.saturating_sub(1))
                    }
                    Action::Toggle => {
                        if let Some(m) = form.metrics.get_mut(form.metric_cursor) {
                            *m = !*m;
                        }
                    }
                    Action::Enter => form.step = Step::Reflection,
                    Action::Back => form.step = Step::Details,
                    _ => {}
                }
            }
            Step::Review => match action {
                Action::Save => self.save_entry()?,
                Action::Back => form.step = Step::Reflection,
                _ => {}
            },
        }
        Ok(())
    }

    fn save_entry(&mut self) -> Result<(), Failure> {
        self.guard_writable()?;
        let Some(form) = &self.entry_form else {
            return Ok(());
        };
        let now = (self.clock)();
        let framework = &self.framework;
        let editing = form.editing.as_ref().map(|e| e.id.clone());
        let id = fresh_id(|id| self.journal_data().is_some_and(|j| j.id_in_use(id)));
        let draft = form.build(framework, id, now, self.today)?;
        let saved = self.store_entry(draft, editing)?;
        self.entry_form = None;
        self.hint = Some(format!("Saved \"{}\".", saved.title));
        let position = self
            .journal_data()
            .and_then(|j| j.entries.iter().position(|e| e.id == saved.id));
        if let Some(row) = position.and_then(|pos| self.journal.rows.iter().position(|&r| r == pos))
        {
            self.journal.cursor.selected = row;
        }
        self.tab = Tab::Journal;
        Ok(())
    }

    fn store_entry(&mut self, mut draft: Entry, editing: Option<String>) -> Result<Entry, Failure> {
        self.change(move |j| {
            match &editing {
                Some(id) => {
                    let index = j.find_entry(id)?;
                    j.entries[index] = draft.clone();
                }
                None => {
                    if j.id_in_use(&draft.id) {
                        draft.id = fresh_id(|id| j.id_in_use(id));
                    }
                    j.entries.push(draft.clone());
                }
            }
            Ok(draft)
        })
    }

    fn metrics_action(&mut self, action: Action) -> Result<(), Failure> {
        let Some(data) = &self.data else {
            return Ok(());
        };
        let len = self.framework.metrics.len();
        let view = &mut self.figures.metrics;
        if view.cursor.follow(action, len) {
            return Ok(());
        }
        match action {
            Action::Period => {
                view.period = view.period.next(false);
                self.figures
                    .compute_metrics(&Assessment::new(&self.framework, &data.journal), self.today);
            }
            Action::CustomPeriod => {
                self.prompt = Some(Prompt::custom_period(PromptKind::MetricsPeriod, self.today))
            }
            Action::Enter => {
                if let Some(metric) = self.framework.metrics.get(view.cursor.selected) {
                    let period = view.period;
                    self.journal.metric = Some(metric.id.clone());
                    self.journal.period = period;
                    self.journal.query.clear();
                    self.journal.kind = None;
                    self.journal.tag = None;
                    self.journal.apply(&data.journal, self.today);
                    self.tab = Tab::Journal;
                    self.hint = Some(format!(
                        "Entries for {} {} — c clears the filter.",
                        metric.code, metric.label
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn progression_action(&mut self, action: Action) -> Result<(), Failure> {
        let Some(data) = &self.data else {
            return Ok(());
        };
        let view = &mut self.figures.progression;
        let len = view.progress.as_ref().map_or(0, |p| p.expectations.len());
        let tiers = self.framework.tiers.len();
        if view.cursor.follow(action, len) {
            return Ok(());
        }
        match action {
            Action::Left | Action::Right => {
                let next = if action == Action::Left {
                    view.tier.saturating_sub(1)
                } else {
                    (view.tier + 1).min(tiers.saturating_sub(1))
                };
                if next != view.tier {
                    view.tier = next;
                    view.cursor = Default::default();
                    self.figures.compute_progression(
                        &Assessment::new(&self.framework, &data.journal),
                        self.today,
                    );
                }
            }
            Action::MakeGoal => {
                self.guard_writable()?;
                let Some(exp) = self.selected_expectation() else {
                    return Ok(());
                };
                if exp.status.is_met() {
                    self.hint = Some("That expectation is already met.".into());
                    return Ok(());
                }
                let due = data.journal.profile.next_appraisal;
                let self_assessed = self
                    .framework
                    .expectation(&exp.id)
                    .is_some_and(|(_, e)| e.rule == Rule::SelfAssessed);
                let title = if self_assessed {
                    &exp.text
                } else {
                    &exp.suggestion
                };
                self.prompt = Some(Prompt::goal(
                    &self.framework,
                    &data.journal,
                    None,
                    Some(exp.id.clone()),
                    title,
                    due,
                ));
            }
            Action::SelfAssess => {
                self.guard_writable()?;
                let Some(exp) = self.selected_expectation() else {
                    return Ok(());
                };
                let is_self = self
                    .framework
                    .expectation(&exp.id)
                    .is_some_and(|(_, e)| e.rule == Rule::SelfAssessed);
                if !is_self {
                    self.hint = Some("Only expectations no entry can show are self-assessed; log entries for this one.".into());
                    return Ok(());
                }
                let current = data
                    .journal
                    .self_assessment(&exp.id)
                    .map(|s| s.justification.clone())
                    .unwrap_or_default();
                self.prompt = Some(Prompt::justification(&exp.id, &exp.text, &current));
            }
            _ => {}
        }
        Ok(())
    }

    fn selected_expectation(&self) -> Option<crate::assess::ExpectationStatus> {
        let view = &self.figures.progression;
        view.progress
            .as_ref()
            .and_then(|p| p.expectations.get(view.cursor.selected))
            .cloned()
    }

    fn cpd_action(&mut self, action: Action) {
        let Some(data) = &self.data else { return };
        match action {
            Action::Period => {
                self.figures.cpd.period = self.figures.cpd.period.next(false);
                self.figures
                    .compute_cpd(&Assessment::new(&self.framework, &data.journal), self.today);
            }
            Action::CustomPeriod => {
                self.prompt = Some(Prompt::custom_period(PromptKind::CpdPeriod, self.today))
            }
            Action::Up => {
                self.figures.cpd.cursor.selected =
                    self.figures.cpd.cursor.selected.saturating_sub(1)
            }
            Action::Down => self.figures.cpd.cursor.selected += 1,
            _ => {}
        }
    }

    fn goals_action(&mut self, action: Action) -> Result<(), Failure> {
        let Some(data) = &self.data else {
            return Ok(());
        };
        let journal = &data.journal;
        let len = journal.goals.len();
        let order = goal_order(journal);
        let selected = order.get(self.goal_cursor.selected).copied();
        if self.goal_cursor.follow(action, len) {
            return Ok(());
        }
        match action {
            Action::Add => {
                self.guard_writable()?;
                let due = journal.profile.next_appraisal;
                self.prompt = Some(Prompt::goal(&self.framework, journal, None, None, "", due));
            }
            Action::Edit => {
                self.guard_writable()?;
                if let Some(i) = selected {
                    let g = &journal.goals[i];
                    self.prompt = Some(Prompt::goal(
                        &self.framework,
                        journal,
                        Some(g),
                        g.expectation.clone(),
                        &g.title,
                        g.due,
                    ));
                }
            }
            Action::Done => {
                self.guard_writable()?;
                if let Some(i) = selected {
                    let id = journal.goals[i].id.clone();
                    let done = self.change(|j| {
                        let index = j.find_goal(&id)?;
                        j.goals[index].done = !j.goals[index].done;
                        Ok(j.goals[index].done)
                    })?;
                    self.hint = Some(
                        if done {
                            "Goal done — well done."
                        } else {
                            "Goal open again."
                        }
                        .into(),
                    );
                }
            }
            Action::Delete => {
                self.guard_writable()?;
                if let Some(i) = selected {
                    self.confirm = Some(Confirm::DeleteGoal(i));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn prompt_action(&mut self, action: Action) -> Result<(), Failure> {
        let Some(prompt) = &mut self.prompt else {
            return Ok(());
        };
        match prompt.form.apply(action) {
            Outcome::Back => self.prompt = None,
            Outcome::Submit => {
                let Some(mut prompt) = self.prompt.take() else {
                    return Ok(());
                };
                match self.submit_prompt(&prompt) {
                    Ok(()) => {}
                    // A value refused as a whole (a period that ends before it starts) is shown
                    // beside the field, like any other refusal.
                    Err(Failure::Input(e)) => {
                        prompt.form.refuse(&e);
                        self.prompt = Some(prompt);
                    }
                    Err(other) => {
                        self.prompt = Some(prompt);
                        return Err(other);
                    }
                }
            }
            Outcome::Handled | Outcome::Ignored => {}
        }
        Ok(())
    }

    fn submit_prompt(&mut self, prompt: &Prompt) -> Result<(), Failure> {
        let today = self.today;
        match &prompt.kind {
            PromptKind::JournalPeriod
            | PromptKind::MetricsPeriod
            | PromptKind::CpdPeriod
            | PromptKind::AppraisalPeriod => {
                let period = PeriodChoice::Custom(prompt.period()?);
                let Some(data) = &self.data else {
                    return Ok(());
                };
                match prompt.kind {
                    PromptKind::JournalPeriod => {
                        self.journal.period = period;
                        self.journal.apply(&data.journal, today);
                    }
                    PromptKind::MetricsPeriod => {
                        self.figures.metrics.period = period;
                        self.figures.compute_metrics(
                            &Assessment::new(&self.framework, &data.journal),
                            today,
                        );
                    }
                    PromptKind::AppraisalPeriod => {
                        self.appraisal.period = period;
                        self.appraisal
                            .compute(&Assessment::new(&self.framework, &data.journal), today);
                    }
                    _ => {
                        self.figures.cpd.period = period;
                        self.figures
                            .compute_cpd(&Assessment::new(&self.framework, &data.journal), today);
                    }
                }
            }
            PromptKind::Goal { editing } => {
                let (title, expectation, due) = prompt.goal_values()?;
                let now = (self.clock)();
                let editing = editing.clone();
                self.change(|j| {
                    match &editing {
                        Some(id) => {
                            let index = j.find_goal(id)?;
                            let g = &mut j.goals[index];
                            g.title = title;
                            g.expectation = expectation;
                            g.due = due;
                        }
                        None => {
                            let id = fresh_id(|id| j.id_in_use(id));
                            j.goals.push(Goal {
                                id,
                                title,
                                expectation,
                                due,
                                done: false,
                                created: now,
                                extra: Default::default(),
                            });
                        }
                    }
                    Ok(())
                })?;
                self.hint = Some("Goal saved — see the Goals tab (5).".into());
            }
            PromptKind::Justification { expectation } => {
                let why = prompt.form.value("why");
                check_line("why", &why)?;
                let expectation = expectation.clone();
                self.change(|j| {
                    j.self_assessments.retain(|s| s.expectation != expectation);
                    if !why.is_empty() {
                        j.self_assessments.push(SelfAssessment {
                            expectation,
                            justification: why,
                            date: today,
                            extra: Default::default(),
                        });
                    }
                    Ok(())
                })?;
                self.hint = Some(
                    "Self-assessment saved: it is reported as self-assessed, never as evidenced."
                        .into(),
                );
            }
        }
        Ok(())
    }
}

impl App {
    fn appraisal_action(&mut self, action: Action) -> Result<(), Failure> {
        let Some(data) = &self.data else {
            return Ok(());
        };
        let today = self.today;
        let view = &mut self.appraisal;
        let tiers = self.framework.tiers.len();
        let recompute = match (view.step, action) {
            (AppraisalStep::Export, _) => {
                match view.export.apply(action) {
                    Outcome::Back => view.step = AppraisalStep::Preview,
                    Outcome::Submit => self.write_summary()?,
                    Outcome::Handled | Outcome::Ignored => {}
                }
                return Ok(());
            }
            (_, Action::Enter) => {
                view.step = view.step.next();
                false
            }
            (_, Action::Back) => {
                view.step = view.step.previous();
                false
            }
            (AppraisalStep::Period, Action::Period) => {
                view.period = view.period.next(false);
                true
            }
            (AppraisalStep::Period, Action::CustomPeriod) => {
                self.prompt = Some(Prompt::custom_period(PromptKind::AppraisalPeriod, today));
                false
            }
            (AppraisalStep::Period, Action::Left) => {
                view.tier = view.tier.saturating_sub(1);
                true
            }
            (AppraisalStep::Period, Action::Right) => {
                view.tier = (view.tier + 1).min(tiers.saturating_sub(1));
                true
            }
            (AppraisalStep::Highlights, Action::Star) => {
                let Some(id) = view
                    .entries
                    .get(view.cursor.selected)
                    .map(|&i| data.journal.entries[i].id.clone())
                else {
                    return Ok(());
                };
                self.guard_writable()?;
                let now = (self.clock)();
                self.change(|j| {
                    let index = j.find_entry(&id)?;
                    let e = &mut j.entries[index];
                    e.highlight = !e.highlight;
                    e.updated = now;
                    Ok(())
                })?;
                false
            }
            (AppraisalStep::Highlights, movement) => {
                view.cursor.follow(movement, view.entries.len());
                false
            }
            (AppraisalStep::Preview, movement) => {
                let last = view.preview.len().saturating_sub(1);
                view.scroll = match movement {
                    Action::Up => view.scroll.saturating_sub(1),
                    Action::Down => (view.scroll + 1).min(last),
                    Action::PageUp => view.scroll.saturating_sub(10),
                    Action::PageDown => (view.scroll + 10).min(last),
                    Action::Top => 0,
                    Action::Bottom => last,
                    _ => view.scroll,
                };
                false
            }
            _ => false,
        };
        if recompute && let Some(data) = &self.data {
            self.appraisal
                .compute(&Assessment::new(&self.framework, &data.journal), today);
        }
        Ok(())
    }

    fn write_summary(&mut self) -> Result<(), Failure> {
        let Some(summary) = &self.appraisal.summary else {
            return Ok(());
        };
        let (format, path) = self.appraisal.target();
        let text =
            crate::export::render(summary, format).map_err(|e| Failure::Message(e.to_string()))?;
        self.store.write_output(&path, text.as_bytes())?;
        let shown = std::path::absolute(&path).unwrap_or(path);
        self.hint = Some(format!("Wrote the evidence summary to {}", shown.display()));
        self.appraisal.written = Some(shown);
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
