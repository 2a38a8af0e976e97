//! The journal tab and the guided entry: moving, filtering, starring, deleting and undoing,
//! and the entry form's steps up to the save.

use super::*;

impl App {
    pub(super) fn journal_action(&mut self, action: Action) -> Result<(), Failure> {
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

    pub(super) fn undo_delete(&mut self) -> Result<(), Failure> {
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

    pub(super) fn answer(&mut self, confirm: Confirm, action: Action) -> Result<(), Failure> {
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

    pub(super) fn entry_action(&mut self, action: Action) -> Result<(), Failure> {
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

    pub(super) fn save_entry(&mut self) -> Result<(), Failure> {
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

    pub(super) fn store_entry(
        &mut self,
        mut draft: Entry,
        editing: Option<String>,
    ) -> Result<Entry, Failure> {
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
}
