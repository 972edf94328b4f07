//! The open project as the workbench works on it, without any egui: the
//! project, its history, the passage index, the file it came from, the
//! shown document, a text selection per document and the selected passage,
//! all named by id.
//!
//! Everything that changes a session goes through [`Session::apply`]: it
//! takes an [`Intent`], carries out the rules of coding (the same range
//! selects rather than duplicates, all find hits as one step, a locked
//! codebook, imports with conflicts, revisions) and reports what changed in
//! an [`Outcome`]. The caches (the passage index) follow each edit inside
//! that one path, so no view keeps counters of its own. The workbench
//! (`ui::workbench`) is a view of a session.

mod coding;
mod files;
mod intent;
mod navigate;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use files::{SaveTicket, suggested_file_name};
pub use intent::{Intent, Outcome, Question};

use crate::model::{
    DocumentId, Edit, History, IndexChange, Passage, PassageId, PassageIndex, Project, Selection,
};

/// One open project and where the user is in it.
pub struct Session {
    project: Project,
    history: History,
    /// Follows every edit as it is applied (`apply_edit`), so the frame
    /// after an edit paints it.
    index: PassageIndex,
    /// Where the project is saved; `None` until the first Save As.
    path: Option<PathBuf>,
    shown: Option<DocumentId>,
    /// Where `shown` last was in `Project::documents`: if it goes, the
    /// document that takes its place is shown.
    shown_at: usize,
    /// The text selection of each document that has one.
    selections: HashMap<DocumentId, Selection>,
    selected: Option<PassageId>,
    /// Stamped on new passages.
    coder: String,
    /// Counts changes to the project, for views that cache what they derive.
    generation: u64,
    /// Whether outcomes carry the edits applied (for the autosaver's mirror).
    record: bool,
}

impl Session {
    /// A session on `project`; `path` is where it is saved (`None`: nowhere yet).
    pub fn new(project: Project, path: Option<PathBuf>, coder: &str) -> Self {
        Self {
            index: PassageIndex::build(&project),
            shown: project.documents.first().map(|d| d.id().clone()),
            shown_at: 0,
            project,
            history: History::default(),
            path,
            selections: HashMap::new(),
            selected: None,
            coder: coder.to_owned(),
            generation: 0,
            record: false,
        }
    }

    pub fn project(&self) -> &Project {
        &self.project
    }
    pub fn history(&self) -> &History {
        &self.history
    }
    /// The passage index as of the last edit (read-only: it follows edits).
    pub fn index(&self) -> &PassageIndex {
        &self.index
    }
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
    pub fn coder(&self) -> &str {
        &self.coder
    }
    pub fn set_coder(&mut self, coder: &str) {
        coder.clone_into(&mut self.coder);
    }
    /// Changes with every edit, undo and redo: a key for derived caches.
    pub fn generation(&self) -> u64 {
        self.generation
    }
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The shown document's id.
    pub fn shown_id(&self) -> Option<&DocumentId> {
        self.shown.as_ref()
    }
    pub fn shown(&self) -> Option<&crate::model::Document> {
        self.project.document(self.shown.as_ref()?)
    }

    /// The shown document's text selection (a caret when empty).
    pub fn selection(&self) -> Option<Selection> {
        self.selections.get(self.shown.as_ref()?).copied()
    }
    /// The selected code points of the shown document, if any.
    pub fn selected_range(&self) -> Option<Range<usize>> {
        self.selection()
            .filter(|s| !s.is_empty())
            .map(|s| s.range())
    }

    /// The selected passage (placed or needing re-placing), by id.
    pub fn selected_id(&self) -> Option<&PassageId> {
        self.selected.as_ref()
    }
    pub fn selected_passage(&self) -> Option<&Passage> {
        self.project.passage(self.selected.as_ref()?)
    }

    fn set_selection(&mut self, selection: Option<Selection>) {
        let Some(doc) = self.shown.clone() else {
            return;
        };
        match selection {
            Some(s) => self.selections.insert(doc, s),
            None => self.selections.remove(&doc),
        };
    }

    /// Carries out an intent: the one way a session changes.
    pub fn apply(&mut self, intent: Intent) -> Outcome {
        let mut out = Outcome::default();
        match intent {
            Intent::Code(code) => self.code(&code, &mut out),
            Intent::CodeInVivo(dimension) => self.code_in_vivo(dimension, &mut out),
            Intent::CodeStretches(stretches, code) => {
                self.code_stretches(&stretches, &code, &mut out);
            }
            Intent::Select { id, reveal } => self.select(id, reveal, &mut out),
            Intent::SetSelection(selection) => self.set_selection(selection),
            Intent::Edit {
                edit,
                label,
                coalesce,
            } => self.apply_edit(*edit, label, coalesce, &mut out),
            Intent::DeletePassage(id) => self.delete_passage(id, &mut out),
            Intent::PlacePassage(id) => self.place_passage(&id, &mut out),
            Intent::DeleteCode { id, confirmed } => self.delete_code(id, confirmed, &mut out),
            Intent::DeleteDimension { id, confirmed } => {
                self.delete_dimension(id, confirmed, &mut out);
            }
            Intent::Undo => self.undo_redo(true, &mut out),
            Intent::Redo => self.undo_redo(false, &mut out),
            Intent::ShowDocument(id) => self.show_document(&id, &mut out),
            Intent::Navigate { jump, top } => self.navigate(jump, top, &mut out),
            Intent::Revise(id, document) => self.revise(&id, *document, &mut out),
            Intent::Import { imported, policy } => self.import(*imported, policy, &mut out),
        }
        out
    }

    /// Outcomes carry the edits applied from now on (`Outcome::applied`),
    /// so an autosaver can follow them.
    pub fn record_edits(&mut self) {
        self.record = true;
    }

    /// Applies an edit through the history, keeping the index with it.
    fn apply_edit(
        &mut self,
        edit: Edit,
        label: String,
        coalesce: Option<String>,
        out: &mut Outcome,
    ) {
        let change = IndexChange::of(&edit, &self.project);
        let copy = self.record.then(|| edit.clone());
        match self.history.apply(&mut self.project, edit, label, coalesce) {
            Ok(()) => {
                out.applied.extend(copy);
                self.changed(&change, out);
            }
            Err(e) => out.status = Some(format!("Not done: {e}")),
        }
    }

    /// Brings the caches up to date with a change just made.
    fn changed(&mut self, change: &IndexChange, out: &mut Outcome) {
        self.index.update(&self.project, change);
        self.generation += 1;
        out.project_changed = true;
        self.follow_shown_document(out);
        self.forget_what_is_gone();
    }

    /// After documents were added, removed or reordered the shown document
    /// stays shown; if it is gone, the one now at its place is.
    fn follow_shown_document(&mut self, out: &mut Outcome) {
        let docs = &self.project.documents;
        let now_at = (self.shown.as_ref()).and_then(|id| docs.iter().position(|d| d.id() == id));
        if let Some(i) = now_at {
            self.shown_at = i;
            return;
        }
        let at = self.shown_at.min(docs.len().saturating_sub(1));
        let fallback = docs.get(at).map(|d| d.id().clone());
        if self.shown != fallback {
            self.shown = fallback;
            self.shown_at = at;
            self.selected = None;
            out.document_switched = true;
        }
    }

    /// Selections of documents no longer there, and a passage deleted.
    fn forget_what_is_gone(&mut self) {
        let project = &self.project;
        self.selections.retain(|d, _| project.document(d).is_some());
        if self
            .selected
            .as_ref()
            .is_some_and(|id| !project.has_passage(id))
        {
            self.selected = None;
        }
    }

    /// Forgets the unsaved changes (the user chose to discard them).
    pub fn discard_changes(&mut self) {
        self.history.mark_saved();
    }

    /// Ends typing's merging into one undo step (focus moved elsewhere).
    pub fn seal_history(&mut self) {
        self.history.seal();
    }
}
