//! Undo and redo over [`Edit`]s, and the "unsaved changes" marker.

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
}

/// The undo and redo stacks of one open project.
#[derive(Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    next_state: u64,
    saved_state: u64,
}

impl History {
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
        self.redo.clear();
        let state = self.next_state;
        match self.undo.last_mut() {
            Some(top) if coalesce.is_some() && top.coalesce == coalesce => {
                top.redo = edit;
                top.state = state;
            }
            _ => self.undo.push(Entry {
                undo,
                redo: edit,
                label: label.into(),
                coalesce,
                state,
            }),
        }
        Ok(())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self, project: &mut Project) -> Option<String> {
        let mut entry = self.undo.pop()?;
        entry.undo.clone().apply(project).ok()?;
        entry.coalesce = None;
        let label = entry.label.clone();
        self.redo.push(entry);
        Some(label)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, project: &mut Project) -> Option<String> {
        let entry = self.redo.pop()?;
        entry.redo.clone().apply(project).ok()?;
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
        self.undo.last().map_or(0, |e| e.state)
    }

    /// Whether the project differs from what was last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.state() != self.saved_state
    }

    pub fn mark_saved(&mut self) {
        self.saved_state = self.state();
        self.seal();
    }
}
