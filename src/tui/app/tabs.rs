//! The Metrics, Progression, CPD and Goals tabs: their keys and what they change.

use super::*;

impl App {
    pub(super) fn metrics_action(&mut self, action: Action) -> Result<(), Failure> {
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

    pub(super) fn progression_action(&mut self, action: Action) -> Result<(), Failure> {
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

    pub(super) fn selected_expectation(&self) -> Option<crate::assess::ExpectationStatus> {
        let view = &self.figures.progression;
        view.progress
            .as_ref()
            .and_then(|p| p.expectations.get(view.cursor.selected))
            .cloned()
    }

    pub(super) fn cpd_action(&mut self, action: Action) {
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

    pub(super) fn goals_action(&mut self, action: Action) -> Result<(), Failure> {
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
}
