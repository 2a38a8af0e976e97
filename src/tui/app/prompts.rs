//! Prompts (goals, justifications, custom periods) and the appraisal walk to a written summary.

use super::*;

impl App {
    pub(super) fn prompt_action(&mut self, action: Action) -> Result<(), Failure> {
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

    pub(super) fn submit_prompt(&mut self, prompt: &Prompt) -> Result<(), Failure> {
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

    pub(super) fn appraisal_action(&mut self, action: Action) -> Result<(), Failure> {
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

    pub(super) fn write_summary(&mut self) -> Result<(), Failure> {
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
