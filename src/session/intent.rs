//! What the user asks of a session ([`Intent`]) and what came of it
//! ([`Outcome`]). Intents are domain requests: app commands (open a
//! window, quit, choose a file) stay in the UI.

use std::ops::Range;

use crate::io::import_files::Imported;
use crate::model::navigation::Jump;
use crate::model::{
    CodeId, ConflictPolicy, DimensionId, Document, DocumentId, Edit, PassageId, Selection,
};

pub enum Intent {
    /// Code the selected text (a new passage, or the passage with exactly
    /// that range) or toggle the code on the selected passage.
    Code(CodeId),
    /// A new code named from the selected words, in `dimension` (the first
    /// non-exclusive one if `None`), applied to the selection: in-vivo coding.
    CodeInVivo(Option<DimensionId>),
    /// Code these stretches with `code` as one undo step (find hits): a new
    /// passage each, or the code added to a passage with the same range.
    CodeStretches(Vec<(DocumentId, Range<usize>)>, CodeId),
    /// Select a passage (or none); with `reveal`, bring it into view.
    Select {
        id: Option<PassageId>,
        reveal: bool,
    },
    /// The shown document's text selection (from a drag, a key, a hit).
    SetSelection(Option<Selection>),
    Edit {
        edit: Box<Edit>,
        label: String,
        /// Consecutive edits with the same key become one undo step.
        coalesce: Option<String>,
    },
    DeletePassage(PassageId),
    /// Move a passage onto the selected text (re-placing an orphan by hand).
    PlacePassage(PassageId),
    /// Delete a code; unless `confirmed`, asks first when passages carry it.
    DeleteCode {
        id: CodeId,
        confirmed: bool,
    },
    DeleteDimension {
        id: DimensionId,
        confirmed: bool,
    },
    Undo,
    Redo,
    ShowDocument(DocumentId),
    /// A keyboard move; `top` is the first code point in view (where a
    /// move starts when nothing is selected).
    Navigate {
        jump: Jump,
        top: usize,
    },
    /// Replace a document's text with a revision, re-placing its passages.
    Revise(DocumentId, Box<Document>),
    /// Take an import's result; without a policy, conflicting codes are
    /// asked about first.
    Import {
        imported: Box<Imported>,
        policy: Option<ConflictPolicy>,
    },
}

/// A question the user must answer before an intent is carried out.
pub enum Question {
    /// A deletion that takes codes off passages: `then` does it.
    Delete {
        heading: String,
        detail: String,
        then: Box<Intent>,
    },
    /// An import would change codes already in the codebook (their names);
    /// the same import is repeated with the policy chosen.
    ImportConflicts(Vec<String>),
}

/// What an intent changed, for the views to follow.
#[derive(Default)]
pub struct Outcome {
    /// A message for the status bar.
    pub status: Option<String>,
    /// Bring this code point of the shown document into view.
    pub reveal: Option<usize>,
    pub question: Option<Question>,
    /// The project changed (an edit, undo or redo).
    pub project_changed: bool,
    /// Another document is shown now: a fresh view.
    pub document_switched: bool,
    /// The edits applied, in order, when the session records them
    /// (`Session::record_edits`): what an autosaver's mirror follows.
    pub applied: Vec<Edit>,
}
