//! Undo and redo over [`Edit`]s, and the "unsaved changes" marker. The
//! steps kept weigh at most a ceiling ([`Edit::approx_bytes`]): past it the
//! oldest go, and the marker still knows the project is not the saved one.

use super::edit::{Edit, EditError};
use super::project::Project;

struct Entry {
    /// Applying this restores the state before the entry.
    undo: Edit,
    /// Applying this redoes the entry.
    redo: Edit,
    label: String,
    /// Consecutive edits with the same key merge into one step (typing a memo).
    coalesce: Option<String>,
    /// Identity of the state after this entry, for the dirty marker.
    state: u64,
    /// What `undo` and `redo` hold, roughly.
    bytes: usize,
}

impl Entry {
    fn weigh(&mut self) {
        self.bytes = self.undo.approx_bytes() + self.redo.approx_bytes();
    }
}

/// What the steps of a [`History::default`] may weigh together.
pub const DEFAULT_CEILING: usize = 64 << 20;

/// The undo and redo stacks of one open project.
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    next_state: u64,
    saved_state: u64,
    /// The state below the oldest undo step: 0 (as opened), or the state
    /// after the newest step dropped for weight.
    floor_state: u64,
    /// What all steps weigh, roughly, and what they may.
    bytes: usize,
    ceiling: usize,
}

impl Default for History {
    fn default() -> Self {
        Self::with_ceiling(DEFAULT_CEILING)
    }
}

impl History {
    /// A history whose steps weigh at most `ceiling` bytes together (as
    /// [`Edit::approx_bytes`] counts), the newest step excepted: it is
    /// kept, whatever it weighs, so the last change can always be undone.
    pub fn with_ceiling(ceiling: usize) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            next_state: 0,
            saved_state: 0,
            floor_state: 0,
            bytes: 0,
            ceiling,
        }
    }

    /// What the kept steps weigh, roughly.
    pub fn approx_bytes(&self) -> usize {
        self.bytes
    }

    /// Undo steps kept.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Drops the oldest steps (undo first, then the farthest redo) until
    /// the rest weigh at most the ceiling, keeping one step.
    fn trim(&mut self) {
        while self.bytes > self.ceiling {
            let gone = if self.undo.len() > 1 {
                let gone = self.undo.remove(0);
                // Undoing everything left now ends in the dropped state.
                self.floor_state = gone.state;
                gone
            } else if !self.redo.is_empty() {
                self.redo.remove(0)
            } else {
                return;
            };
            self.bytes -= gone.bytes;
        }
    }

    /// Applies an edit and records it; `coalesce` merges it with the previous
    /// step when both carry the same key.
    pub fn apply(
        &mut self,
        project: &mut Project,
        edit: Edit,
        label: impl Into<String>,
        coalesce: Option<String>,
    ) -> Result<(), EditError> {
        let undo = edit.clone().apply(project)?;
        self.next_state += 1;
        self.bytes -= self.redo.drain(..).map(|e| e.bytes).sum::<usize>();
        let state = self.next_state;
        match self.undo.last_mut() {
            Some(top) if coalesce.is_some() && top.coalesce == coalesce => {
                self.bytes -= top.bytes;
                top.redo = edit;
                top.state = state;
                top.weigh();
                self.bytes += top.bytes;
            }
            _ => {
                let mut entry = Entry {
                    undo,
                    redo: edit,
                    label: label.into(),
                    coalesce,
                    state,
                    bytes: 0,
                };
                entry.weigh();
                self.bytes += entry.bytes;
                self.undo.push(entry);
            }
        }
        self.trim();
        Ok(())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self, project: &mut Project) -> Option<String> {
        let mut entry = self.undo.pop()?;
        if entry.undo.clone().apply(project).is_err() {
            // The step is gone (as it always was on failure), its weight too.
            self.bytes -= entry.bytes;
            return None;
        }
        entry.coalesce = None;
        let label = entry.label.clone();
        self.redo.push(entry);
        Some(label)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, project: &mut Project) -> Option<String> {
        let entry = self.redo.pop()?;
        if entry.redo.clone().apply(project).is_err() {
            self.bytes -= entry.bytes;
            return None;
        }
        let label = entry.label.clone();
        self.undo.push(entry);
        Some(label)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    /// The edit that `undo` would apply next.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last().map(|e| &e.undo)
    }
    /// The edit that `redo` would apply next.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|e| &e.redo)
    }
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Ends merging: the next edit starts a new undo step.
    pub fn seal(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.coalesce = None;
        }
    }

    fn state(&self) -> u64 {
        self.undo.last().map_or(self.floor_state, |e| e.state)
    }

    /// Whether the project differs from what was last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.state() != self.saved_state
    }

    pub fn mark_saved(&mut self) {
        let state = self.saving();
        self.mark_saved_at(state);
    }

    /// Begins a save that finishes later (on a worker): the state it
    /// writes, for [`History::mark_saved_at`] once written. The top step is
    /// sealed, so an edit made meanwhile is a step of its own and the
    /// project stays unsaved after it.
    pub fn saving(&mut self) -> u64 {
        self.seal();
        self.state()
    }

    /// A save begun at `state` (from [`History::saving`]) was written.
    pub fn mark_saved_at(&mut self, state: u64) {
        self.saved_state = state;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MergeReport, PassageId};

    fn memo(project: &Project, text: &str) -> Edit {
        Edit::SetMemo {
            passage: project.passages[0].id.clone(),
            memo: text.to_owned(),
            modified: chrono::DateTime::UNIX_EPOCH,
        }
    }

    fn first_memo(project: &Project) -> &str {
        &project.passages[0].memo
    }

    /// A history whose ceiling holds two steps of 1,000-byte memos, not three.
    fn two_step_history(project: &Project) -> History {
        let step = memo(project, &"a".repeat(1000)).approx_bytes() * 2;
        History::with_ceiling(step * 2 + step / 2)
    }

    #[test]
    fn an_import_costs_about_what_it_adds_not_two_projects() {
        let mut project = crate::assets::example_project();
        let mut new = project.clone();
        let document = crate::bench_corpus::one_megabyte_document();
        let added = document.text().len();
        new.add_document(document, &mut MergeReport::default());
        let mut history = History::default();
        let edit = Edit::between(&project, &new);
        history.apply(&mut project, edit, "Import", None).unwrap();
        assert_eq!(project, new);
        let cost = history.approx_bytes();
        assert!(cost * 10 < added * 12, "{cost} bytes for {added} added");
        history.undo(&mut project);
        assert_eq!(project, crate::assets::example_project());
    }

    #[test]
    fn past_the_ceiling_the_oldest_steps_go_and_the_rest_still_undo() {
        let mut project = crate::assets::example_project();
        let original = first_memo(&project).to_owned();
        let mut history = two_step_history(&project);
        for (i, c) in ["a", "b", "c", "d"].iter().enumerate() {
            let edit = memo(&project, &c.repeat(1000));
            history
                .apply(&mut project, edit, format!("step {i}"), None)
                .unwrap();
        }
        assert_eq!(history.undo_len(), 2, "a and b dropped");
        assert!(history.approx_bytes() <= history.ceiling);
        assert_eq!(history.undo(&mut project).as_deref(), Some("step 3"));
        assert_eq!(history.undo(&mut project).as_deref(), Some("step 2"));
        assert_eq!(history.undo(&mut project), None);
        assert_eq!(first_memo(&project), "b".repeat(1000));
        assert_ne!(first_memo(&project), original);
        assert_eq!(history.redo(&mut project).as_deref(), Some("step 2"));
        assert_eq!(first_memo(&project), "c".repeat(1000));
    }

    #[test]
    fn a_dropped_step_never_makes_an_unsaved_project_look_saved() {
        let mut project = crate::assets::example_project();
        let mut history = two_step_history(&project);
        for c in ["a", "b", "c"] {
            let edit = memo(&project, &c.repeat(1000));
            history.apply(&mut project, edit, c, None).unwrap();
        }
        while history.undo(&mut project).is_some() {}
        assert_eq!(first_memo(&project), "a".repeat(1000));
        assert!(history.is_dirty(), "the opened state is gone with step a");
        history.redo(&mut project);
        history.mark_saved();
        let edit = memo(&project, &"d".repeat(1000));
        history.apply(&mut project, edit, "d", None).unwrap();
        assert!(history.is_dirty());
        history.undo(&mut project);
        assert!(!history.is_dirty(), "back at the saved state");
    }

    #[test]
    fn a_save_written_later_leaves_edits_made_meanwhile_unsaved() {
        let mut project = crate::assets::example_project();
        let mut history = History::default();
        let typing = Some("memo".to_owned());
        let edit = memo(&project, "a");
        history
            .apply(&mut project, edit, "a", typing.clone())
            .unwrap();
        let saving = history.saving();
        // Typing on while the worker writes: the same memo, the same key.
        let edit = memo(&project, "ab");
        history.apply(&mut project, edit, "b", typing).unwrap();
        history.mark_saved_at(saving);
        assert!(history.is_dirty(), "\"ab\" is not in the file");
        assert_eq!(history.undo_len(), 2, "sealed: the later typing is a step");
        history.undo(&mut project);
        assert_eq!(first_memo(&project), "a");
        assert!(!history.is_dirty(), "back at what the file holds");
    }

    #[test]
    fn one_step_heavier_than_the_ceiling_is_kept() {
        let mut project = crate::assets::example_project();
        let mut history = History::with_ceiling(10);
        let id = PassageId("not there".into());
        let missing = Edit::RemovePassage(id);
        assert!(history.apply(&mut project, missing, "x", None).is_err());
        let edit = memo(&project, "x");
        history.apply(&mut project, edit, "x", None).unwrap();
        assert_eq!(history.undo_len(), 1);
        assert!(history.is_dirty());
    }
}
