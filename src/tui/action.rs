//! What a key press means, independent of which key it was.

/// The tabs of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    /// The contribution log and CPD journal.
    Journal,
    /// The 2-tier metric table.
    Metrics,
    /// The job-family ladder and the next tier's expectations.
    Progression,
    /// The CPD record standards.
    Cpd,
    /// Goals for the next period.
    Goals,
    /// Preparing the appraisal: period, highlights, preview, export.
    Appraisal,
}

impl Tab {
    /// Every tab, in order.
    pub const ALL: [Tab; 6] = [
        Tab::Journal,
        Tab::Metrics,
        Tab::Progression,
        Tab::Cpd,
        Tab::Goals,
        Tab::Appraisal,
    ];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Journal => "Journal",
            Tab::Metrics => "Metrics",
            Tab::Progression => "Progression",
            Tab::Cpd => "CPD",
            Tab::Goals => "Goals",
            Tab::Appraisal => "Appraisal",
        }
    }

    /// The tab after this one, wrapping.
    pub fn next(self) -> Tab {
        let i = Tab::ALL.iter().position(|t| *t == self).unwrap_or(0);
        Tab::ALL[(i + 1) % Tab::ALL.len()]
    }

    /// The tab before this one, wrapping.
    pub fn previous(self) -> Tab {
        let i = Tab::ALL.iter().position(|t| *t == self).unwrap_or(0);
        Tab::ALL[(i + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }
}

/// Everything the user can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave corepath.
    Quit,
    /// Show or hide the key help.
    Help,
    /// Go to a tab.
    Show(Tab),
    /// The next tab.
    NextTab,
    /// The previous tab.
    PreviousTab,
    /// Move up a row.
    Up,
    /// Move down a row.
    Down,
    /// Move up a page.
    PageUp,
    /// Move down a page.
    PageDown,
    /// Go to the first row.
    Top,
    /// Go to the last row.
    Bottom,
    /// Move left (tiers, choices).
    Left,
    /// Move right (tiers, choices).
    Right,
    /// Open, choose or go on.
    Enter,
    /// Go back a step, close, or clear.
    Back,
    /// The next field.
    NextField,
    /// The previous field.
    PreviousField,
    /// Toggle the item under the cursor.
    Toggle,
    /// Add an entry (or a goal on the Goals tab).
    Add,
    /// Edit the selected item.
    Edit,
    /// Delete the selected item.
    Delete,
    /// Undo the last delete.
    Undo,
    /// Star or unstar the selected entry.
    Star,
    /// Start typing a filter.
    Filter,
    /// Cycle the kind filter.
    FilterKind,
    /// Cycle the metric filter.
    FilterMetric,
    /// Cycle the tag filter.
    FilterTag,
    /// Cycle the period.
    Period,
    /// Set a custom period.
    CustomPeriod,
    /// Clear every filter.
    ClearFilters,
    /// Make a goal of the selected expectation.
    MakeGoal,
    /// Mark the selected expectation as self-assessed.
    SelfAssess,
    /// Mark the selected goal done (or open again).
    Done,
    /// Answer yes to a question.
    Yes,
    /// Answer no to a question.
    No,
    /// Save the form now.
    Save,
    /// Choose "create my profile" on the welcome screen.
    CreateProfile,
    /// Choose "explore the demo" on the welcome screen.
    ExploreDemo,
}
