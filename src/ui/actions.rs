//! What the panels ask the workbench to do. Panels read the project and
//! return actions; only the workbench changes state, so every change goes
//! through one place (and through undo).

use std::path::PathBuf;

use crate::model::{CodeId, DimensionId, Edit, PassageId};

#[derive(Clone, Debug)]
pub enum Action {
    /// Code the selected text (a new passage) or toggle the code on the selected passage.
    ApplyCode(CodeId),
    /// Select a passage (or none); `reveal` scrolls the document to it.
    SelectPassage {
        id: Option<PassageId>,
        reveal: bool,
    },
    Edit {
        edit: Box<Edit>,
        label: String,
        /// Consecutive edits with the same key become one undo step.
        coalesce: Option<String>,
    },
    DeletePassage(PassageId),
    /// Move a passage onto the selected text (re-placing an orphan by hand).
    PlacePassage(PassageId),
    /// Delete a code, asking first if passages use it.
    DeleteCode(CodeId),
    DeleteDimension(DimensionId),
    Undo,
    Redo,
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
    /// Show document `i` of the project in the reading pane.
    ShowDocument(usize),
    /// Ask the coder's name again (e.g. another student at the same computer).
    ChangeCoder,
    /// The find bar: open, close, next/previous hit, go to a hit, code hits.
    Find(crate::ui::find_bar::FindAction),
    /// A keyboard move: by sentence or paragraph, to a passage, to uncoded text.
    Navigate(crate::model::navigation::Jump),
    Quit,
}

impl Action {
    pub fn edit(edit: Edit, label: impl Into<String>) -> Self {
        Action::Edit {
            edit: Box::new(edit),
            label: label.into(),
            coalesce: None,
        }
    }

    /// An edit that merges with the previous one of the same key (typing).
    pub fn typing(edit: Edit, label: impl Into<String>, key: String) -> Self {
        Action::Edit {
            edit: Box::new(edit),
            label: label.into(),
            coalesce: Some(key),
        }
    }

    /// Whether this action would throw away the open project.
    pub fn replaces_project(&self) -> bool {
        matches!(
            self,
            Action::New | Action::Open | Action::OpenExample | Action::OpenPath(_) | Action::Quit
        )
    }
}
