//! A session's files: opening, saving, revising a document from a file,
//! and taking in an import's result.

use std::path::Path;

use super::{Outcome, Question, Session};
use crate::io::import_files::Imported;
use crate::io::{self, project_file};
use crate::model::{ConflictPolicy, Document, DocumentId, Edit};

/// A save begun ([`Session::begin_save`]) and not yet written.
#[derive(Clone, Debug)]
pub struct SaveTicket {
    /// The history's state the save writes.
    state: u64,
    /// The coder's name added to the project's coders for this save.
    pub noted_coder: Option<String>,
}

impl Session {
    /// Opens a project, or a document as a new project; says what was
    /// found (problems, markup warnings) in the returned message.
    pub fn open(path: &Path, coder: &str) -> Result<(Session, String), String> {
        let opened = io::open(path).map_err(|e| format!("Could not open: {e}"))?;
        let saved_at = (!opened.is_new).then(|| path.to_path_buf());
        let mut status = format!("Opened {}", path.display());
        if let Err(problems) = opened.project.check() {
            status = format!(
                "{status}. {} problem(s) found: {} (`briefmark check` lists them all)",
                problems.len(),
                problems[0]
            );
        }
        if !opened.warnings.is_empty() {
            status = format!(
                "{status} with {} markup warning(s): {}",
                opened.warnings.len(),
                opened.warnings.join("; ")
            );
        }
        Ok((Session::new(opened.project, saved_at, coder), status))
    }

    /// Whether the project came from a file the user may save over.
    pub fn is_new(&self) -> bool {
        self.path.is_none()
    }

    /// Saves to `path` (atomically) and makes it the project's file.
    pub fn save_to(&mut self, path: &Path) -> Result<String, String> {
        let ticket = self.begin_save();
        self.write_save(path, &ticket)
    }

    /// Writes a save begun with `ticket` here, on this thread.
    pub fn write_save(&mut self, path: &Path, ticket: &SaveTicket) -> Result<String, String> {
        let written = project_file::save(&self.project, path).map_err(|e| e.to_string());
        self.finish_save(path, ticket, written)
    }

    /// Readies the project for a save that may be written elsewhere (the
    /// app writes a mirror of the project on a worker). What the ticket
    /// says was done to the project, the mirror must do too.
    pub fn begin_save(&mut self) -> SaveTicket {
        // A student's copy of an assignment carries their name even before
        // they code anything: an empty copy handed in is theirs, not the
        // assignment again (the Teaching window scores it).
        let noted = (self.project.assignment.is_some() && self.project.coders.is_empty())
            .then(|| self.coder.clone())
            .filter(|c| !c.is_empty());
        if let Some(coder) = &noted {
            self.project.note_coder(coder);
        }
        SaveTicket {
            state: self.history.saving(),
            noted_coder: noted,
        }
    }

    /// A save begun with `ticket` was written (or failed): on success the
    /// project is saved as it was then (edits made since stay unsaved) and
    /// `path` becomes its file. Returns the message for the status bar.
    pub fn finish_save(
        &mut self,
        path: &Path,
        ticket: &SaveTicket,
        written: Result<(), String>,
    ) -> Result<String, String> {
        written.map_err(|e| format!("Not saved: {e}"))?;
        self.history.mark_saved_at(ticket.state);
        self.path = Some(path.to_path_buf());
        Ok(format!("Saved {}", path.display()))
    }

    /// The project's file name without its ending, for suggested names.
    pub fn file_stem(&self) -> String {
        let from_path = self.path.as_deref().map(io::formats::project_label);
        from_path.unwrap_or_else(|| suggested_file_name(&self.project, ""))
    }

    /// Replaces the project with a recovered copy, as one undoable step.
    pub fn restore(&mut self, recovered: &crate::model::Project) -> Outcome {
        let mut out = Outcome::default();
        let edit = Edit::between(&self.project, recovered);
        self.apply_edit(edit, "Restore recovered work".into(), None, &mut out);
        out
    }

    /// Replaces a document's text with a revision and re-places its
    /// passages (one undoable step); orphans stay, listed to re-place.
    pub(super) fn revise(&mut self, id: &DocumentId, revised: Document, out: &mut Outcome) {
        let mut project = self.project.clone();
        let Some(report) = project.revise_document(id, revised) else {
            return;
        };
        // A compact edit by id (the document, the passages that moved): undo
        // keeps that, not two copies of the project.
        let edit = Edit::between(&self.project, &project);
        self.apply_edit(edit, "Revise document".into(), None, out);
        let title = (self.project.document(id)).map_or(String::new(), |d| {
            crate::model::text::one_line(d.title(), 40)
        });
        let mut status = format!("Revised “{title}”: {report}");
        if report.orphans > 0 {
            status += " (listed under “Needs re-placing”)";
        }
        out.status = Some(status);
    }

    /// Takes an import's result: asks first when codes conflict (unless a
    /// policy was chosen), refuses an unsound project, else replaces the
    /// project as one undo step.
    pub(super) fn import(
        &mut self,
        imported: Imported,
        policy: Option<ConflictPolicy>,
        out: &mut Outcome,
    ) {
        if policy.is_none() && !imported.report.conflicts.is_empty() {
            let names = imported.report.conflicts.iter();
            out.question = Some(Question::ImportConflicts(
                names.map(|c| c.name.clone()).collect(),
            ));
            return;
        }
        if let Err(e) = io::import::validated(imported.project.clone(), "the imported project") {
            out.status = Some(format!("Nothing imported: {e}"));
            return;
        }
        let mut status = format!("Imported: {}", imported.report);
        if !imported.warnings.is_empty() {
            status = format!(
                "{status}. {} markup warning(s): {}",
                imported.warnings.len(),
                imported.warnings.join("; ")
            );
        }
        let edit = Edit::between(&self.project, &imported.project);
        self.apply_edit(edit, "Import".into(), None, out);
        out.status = Some(status);
    }
}

/// A file name for a project: its first document's id, then `ending`.
pub fn suggested_file_name(project: &crate::model::Project, ending: &str) -> String {
    let doc = (project.documents.first()).map_or("project".into(), |d| d.id().0.clone());
    format!("{doc}{ending}")
}
