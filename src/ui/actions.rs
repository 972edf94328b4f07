//! What the panels ask the workbench to do. Domain requests are session
//! [`Intent`]s (`Action::Do`), carried out by the session, so every change
//! goes through one place (and through undo); the rest are the app's own
//! commands: files, windows, panes, quitting.

use std::path::PathBuf;

use crate::model::navigation::Jump;
use crate::model::{CodeId, Edit, PassageId};
use crate::session::Intent;

/// A side pane that can be hidden, so the text keeps its room.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// Documents and the codebook.
    Left,
    /// The inspector and the passage list.
    Right,
}

pub enum Action {
    /// A domain request for the session.
    Do(Intent),
    /// Delete the selected passage, if any.
    DeleteSelectedPassage,
    /// Copy the selected text (or passage) with its reference.
    CopyQuote,
    /// Escape: close a popup, cancel linking, else clear the selection.
    Escape,
    /// A message for the status bar.
    Say(String),
    /// Start a link from the selected passage; the next passage clicked
    /// ends it.
    StartLink,
    /// Open the selected passage's memo field, focused.
    EditMemo,
    New,
    Open,
    OpenExample,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    SavePath(PathBuf),
    ToggleCodebookEditor,
    /// Delete the recovery file offered at start.
    DiscardRecovery,
    /// Take the recovered work in place of the project (one undo step).
    Restore(Box<crate::model::Project>),
    /// Open the export window.
    Export,
    /// Ask where to write the export chosen in the export window.
    ChooseExportPath,
    ExportTo(PathBuf),
    /// Ask for a revised text of the shown document.
    Revise,
    /// Replace the shown document's text and re-anchor its passages.
    ReviseFrom(PathBuf),
    /// Ask which files to import into the open project.
    Import,
    /// Import files into the open project (asking about code conflicts).
    ImportPaths(Vec<PathBuf>),
    /// Import with a decided conflict policy.
    ImportWith(Vec<PathBuf>, crate::model::ConflictPolicy),
    ShowShortcuts,
    /// Open the command palette.
    Palette,
    TogglePane(Pane),
    /// Step the reading text's size: up (1), down (-1), back to default (0).
    Zoom(i8),
    /// Open the Analysis window (statistics, co-occurrence, retrieval).
    ShowAnalysis,
    /// Open the Compare codings window (agreement, compare view).
    ShowCompare,
    /// Open the Teaching window (a class's codings against a reference).
    ShowTeaching,
    /// Open the dialog that saves the project as an assignment.
    MakeAssignment,
    /// Ask for paths for a window's purpose.
    Choose(crate::ui::file_dialog::Purpose),
    /// Paths chosen for a window's purpose.
    Chosen(crate::ui::file_dialog::Purpose, Vec<PathBuf>),
    /// Ask where to save a table (CSV text, suggested file name).
    SaveTable(String, String),
    /// Ask the coder's name again (e.g. another student at the same computer).
    ChangeCoder,
    /// The find bar: open, close, next/previous hit, go to a hit, code hits.
    Find(crate::ui::find_bar::FindAction),
    /// A keyboard move: by sentence or paragraph, to a passage, to uncoded text.
    Navigate(Jump),
    Quit,
}

impl Action {
    pub fn edit(edit: Edit, label: impl Into<String>) -> Self {
        Action::Do(Intent::Edit {
            edit: Box::new(edit),
            label: label.into(),
            coalesce: None,
        })
    }

    /// An edit that merges with the previous one of the same key (typing).
    pub fn typing(edit: Edit, label: impl Into<String>, key: String) -> Self {
        Action::Do(Intent::Edit {
            edit: Box::new(edit),
            label: label.into(),
            coalesce: Some(key),
        })
    }

    /// Code the selection, or toggle the code on the selected passage.
    pub fn code(code: CodeId) -> Self {
        Action::Do(Intent::Code(code))
    }

    /// Select a passage (or none); `reveal` scrolls the document to it.
    pub fn select(id: Option<PassageId>, reveal: bool) -> Self {
        Action::Do(Intent::Select { id, reveal })
    }

    /// Whether this action would throw away the open project.
    pub fn replaces_project(&self) -> bool {
        matches!(
            self,
            Action::New | Action::Open | Action::OpenExample | Action::OpenPath(_) | Action::Quit
        )
    }

    /// Whether it must wait for a save being written: it ends the project
    /// or writes it again.
    pub fn waits_for_save(&self) -> bool {
        self.replaces_project()
            || matches!(
                self,
                Action::Save | Action::SaveAs | Action::SavePath(_) | Action::Restore(_)
            )
    }
}
