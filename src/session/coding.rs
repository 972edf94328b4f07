//! The rules of coding: a code on the selection, in-vivo codes, many
//! stretches at once, moving a passage, selecting one, deleting codes, and
//! undo.

use std::collections::HashMap;
use std::ops::Range;

use super::{Intent, Outcome, Question, Session};
use crate::model::{
    Code, CodeId, Dimension, DimensionId, DocumentId, Edit, IndexChange, Passage, PassageId, text,
};

/// The longest in-vivo code name, in characters (cut at a word end).
const IN_VIVO_NAME: usize = 48;
/// The dimension in-vivo codes go to when every other one is one-of.
const IN_VIVO_DIMENSION: &str = "In vivo";

impl Session {
    /// Codes the selected text as a new passage (or selects the passage
    /// with exactly that range), else toggles the code on the selected passage.
    pub(super) fn code(&mut self, code: &CodeId, out: &mut Outcome) {
        if let Some(range) = self.selected_range() {
            self.set_selection(None);
            match self.passage_over(&range) {
                Some(id) => self.selected = Some(id),
                None => return self.add_passage(range, vec![code.clone()], None, out),
            }
        }
        let Some(id) = self.selected.clone() else {
            out.status = Some("Select some text or a passage first, then pick a code.".into());
            return;
        };
        let now = chrono::Utc::now();
        if let Some(edit) = self.project.toggle_code_edit(&id, code, now) {
            let label = format!("Toggle {}", self.code_name(code));
            self.apply_edit(edit, label, None, out);
        } else if self.project.orphan(&id).is_some() {
            out.status = Some("This passage needs re-placing first: select its text, then press Re-place on the selection.".into());
        }
    }

    /// The passage of the shown document over exactly `range` (asked of the
    /// index: a scan of every passage is felt on each key).
    fn passage_over(&self, range: &Range<usize>) -> Option<PassageId> {
        let doc = self.shown.as_ref()?;
        let here =
            |p: &&Passage| p.start == range.start && p.end == range.end && &p.document == doc;
        (self.index.document(doc).into_iter())
            .flat_map(|d| d.passages.query(range.start, range.start + 1))
            .filter_map(|(_, _, &i)| self.project.passages.get(i))
            .find(here)
            .map(|p| p.id.clone())
    }

    /// A new passage over `range` of the shown document, selected; `first`
    /// is an edit that goes before it in the same undo step (a new code).
    fn add_passage(
        &mut self,
        range: Range<usize>,
        codes: Vec<CodeId>,
        first: Option<Edit>,
        out: &mut Outcome,
    ) {
        let Some(doc) = self.shown() else { return };
        let now = chrono::Utc::now();
        let mut p = Passage::new(doc, range.start, range.end, &self.coder, now);
        let names = self.project.codebook.name_list(&codes);
        p.codes = codes;
        self.selected = Some(p.id.clone());
        let (edit, label) = match first {
            Some(first) => (
                Edit::Batch(vec![first, Edit::AddPassage(p)]),
                format!("New code {names}"),
            ),
            None => (Edit::AddPassage(p), format!("Code as {names}")),
        };
        self.apply_edit(edit, label, None, out);
    }

    /// A new code named from the selected words, added to `dimension` and
    /// given to the selection, as one undo step.
    pub(super) fn code_in_vivo(&mut self, dimension: Option<DimensionId>, out: &mut Outcome) {
        let (Some(range), Some(doc)) = (self.selected_range(), self.shown()) else {
            out.status = Some("Select the words to name the code after first.".into());
            return;
        };
        if self.project.codebook_locked() {
            out.status = Some("The assignment's codebook is locked: no new codes.".into());
            return;
        }
        let name = text::one_line(doc.slice(range.start, range.end), IN_VIVO_NAME);
        let book = &self.project.codebook;
        let mut code = Code::named(CodeId(book.fresh_id(&name)), &name, book.next_color());
        code.key = book.free_key();
        let id = code.id.clone();
        let chosen = match dimension {
            Some(d) => book.dimension(&d),
            None => book.dimensions.iter().find(|d| !d.exclusive),
        };
        // Every dimension is one-of (the default codebook): in-vivo codes
        // get a dimension of their own, so they never displace a code.
        let (add, dim_name) = match chosen {
            Some(dim) => (
                Edit::AddCode {
                    dimension: dim.id.clone(),
                    index: dim.codes.len(),
                    code,
                },
                dim.name.clone(),
            ),
            None => (
                Edit::AddDimension {
                    index: book.dimensions.len(),
                    dimension: Dimension {
                        id: DimensionId(book.fresh_id(IN_VIVO_DIMENSION)),
                        name: IN_VIVO_DIMENSION.into(),
                        description: "Codes named from the coded words".into(),
                        exclusive: false,
                        codes: vec![code],
                    },
                },
                IN_VIVO_DIMENSION.to_owned(),
            ),
        };
        self.set_selection(None);
        self.add_passage(range, vec![id], Some(add), out);
        out.status = Some(format!(
            "New code “{name}” (dimension “{dim_name}”) on the selection"
        ));
    }

    /// Codes `stretches` with `code` in one undo step: a new passage each,
    /// or the code added to a passage with the same range (never taken off).
    pub(super) fn code_stretches(
        &mut self,
        stretches: &[(DocumentId, Range<usize>)],
        code: &CodeId,
        out: &mut Outcome,
    ) {
        let (edits, added, existing) = self.stretch_edits(stretches, code);
        let name = self.code_name(code);
        if edits.is_empty() {
            out.status = Some(format!("Every hit already carries {name}"));
            return;
        }
        let n = added + existing;
        self.apply_edit(
            Edit::Batch(edits),
            format!("Code {n} hits as {name}"),
            None,
            out,
        );
        out.status = Some(format!(
            "Coded {n} hit(s) as {name}: {added} new passage(s), {existing} existing; Ctrl+Z takes it back"
        ));
    }

    fn stretch_edits(
        &self,
        stretches: &[(DocumentId, Range<usize>)],
        code: &CodeId,
    ) -> (Vec<Edit>, usize, usize) {
        let by_range: HashMap<_, _> = (self.project.passages.iter())
            .map(|p| ((&p.document, p.start, p.end), p))
            .collect();
        let now = chrono::Utc::now();
        let (mut edits, mut added, mut existing) = (Vec::new(), 0, 0);
        for (d, r) in stretches {
            let Some(doc) = self.project.document(d) else {
                continue;
            };
            match by_range.get(&(d, r.start, r.end)) {
                Some(p) if p.has_code(code) => {}
                Some(p) => {
                    if let Some(edit) = self.project.toggle_code_edit(&p.id, code, now) {
                        edits.push(edit);
                        existing += 1;
                    }
                }
                None => {
                    let mut p = Passage::new(doc, r.start, r.end, &self.coder, now);
                    p.codes.push(code.clone());
                    edits.push(Edit::AddPassage(p));
                    added += 1;
                }
            }
        }
        (edits, added, existing)
    }

    /// Gives passage `id` the selected text's range (same id, codes, memo):
    /// moves a placed passage, or re-places one that needs it.
    pub(super) fn place_passage(&mut self, id: &PassageId, out: &mut Outcome) {
        let (Some(range), Some(doc)) = (self.selected_range(), self.shown()) else {
            out.status = Some("Select the text where the passage belongs first.".into());
            return;
        };
        let now = chrono::Utc::now();
        let edit = if let Some(old) = self.project.passage(id) {
            Edit::UpdatePassage(Box::new(old.placed_at(doc, range.start, range.end, now)))
        } else if let Some(orphan) = self.project.orphan(id) {
            if &orphan.document != doc.id() {
                out.status =
                    Some("That passage belongs to another document: select its text there.".into());
                return;
            }
            Edit::PlaceOrphan(Box::new(orphan.placed_at(doc, range.start, range.end, now)))
        } else {
            return;
        };
        self.apply_edit(edit, "Re-place passage".into(), None, out);
        out.status = Some(format!(
            "Passage now at characters {}–{}",
            range.start, range.end
        ));
        self.set_selection(None);
    }

    /// Selects a passage, showing its document (a passage found elsewhere);
    /// with `reveal`, brings it into view in place of the text selection.
    pub(super) fn select(&mut self, id: Option<PassageId>, reveal: bool, out: &mut Outcome) {
        self.history.seal();
        let document_of = |id: &PassageId| {
            (self.project.passage(id).map(|p| &p.document))
                .or_else(|| self.project.orphan(id).map(|o| &o.document))
                .cloned()
        };
        if let Some(doc) = id.as_ref().and_then(document_of) {
            self.show_document(&doc, out);
        }
        if reveal && let Some(p) = id.as_ref().and_then(|id| self.project.passage(id)) {
            out.reveal = Some(p.start);
            self.set_selection(None);
        }
        self.selected = id;
    }

    /// Shows another document; its own selection, if any, comes back with it.
    pub(super) fn show_document(&mut self, id: &DocumentId, out: &mut Outcome) {
        let Some(at) = self.project.documents.iter().position(|d| d.id() == id) else {
            return;
        };
        if self.shown.as_ref() == Some(id) {
            return;
        }
        self.shown = Some(id.clone());
        self.shown_at = at;
        self.selected = None;
        out.document_switched = true;
    }

    pub(super) fn delete_passage(&mut self, id: PassageId, out: &mut Outcome) {
        self.apply_edit(Edit::RemovePassage(id), "Delete passage".into(), None, out);
        self.selected = None;
    }

    /// Deletes a code at once when nothing carries it, else asks first,
    /// saying what becomes of the passages.
    pub(super) fn delete_code(&mut self, id: CodeId, confirmed: bool, out: &mut Outcome) {
        let name = self.code_name(&id);
        let consequences = self.project.delete_code_consequences(&id);
        if confirmed || consequences.passages == 0 {
            let edit = Edit::RemoveCode(id);
            return self.apply_edit(edit, format!("Delete code {name}"), None, out);
        }
        out.question = Some(Question::Delete {
            heading: format!("Delete the code “{name}”?"),
            detail: consequences.sentence(),
            then: Box::new(Intent::DeleteCode {
                id,
                confirmed: true,
            }),
        });
    }

    pub(super) fn delete_dimension(&mut self, id: DimensionId, confirmed: bool, out: &mut Outcome) {
        let Some(dim) = self.project.codebook.dimension(&id) else {
            return;
        };
        let name = dim.name.clone();
        let consequences = self.project.delete_dimension_consequences(&id);
        if confirmed || consequences.passages == 0 {
            let edit = Edit::RemoveDimension(id);
            return self.apply_edit(edit, format!("Delete dimension {name}"), None, out);
        }
        out.question = Some(Question::Delete {
            heading: format!("Delete the dimension “{name}” and its codes?"),
            detail: consequences.sentence(),
            then: Box::new(Intent::DeleteDimension {
                id,
                confirmed: true,
            }),
        });
    }

    pub(super) fn undo_redo(&mut self, undo: bool, out: &mut Outcome) {
        let next = if undo {
            self.history.next_undo()
        } else {
            self.history.next_redo()
        };
        let change = next.map(|e| IndexChange::of(e, &self.project));
        let copy = next.filter(|_| self.record).cloned();
        let done = if undo {
            (self.history.undo(&mut self.project)).map(|l| format!("Undid {l}"))
        } else {
            (self.history.redo(&mut self.project)).map(|l| format!("Redid {l}"))
        };
        // A step whose edit failed to apply may have done part of it.
        if let Some(change) = change {
            let change = if done.is_some() {
                change
            } else {
                IndexChange::All
            };
            // Sent even when it failed: the mirror fails alike (or does part of it alike).
            out.applied.extend(copy);
            self.changed(&change, out);
        }
        let what = if undo { "undo" } else { "redo" };
        out.status = Some(done.unwrap_or_else(|| format!("Nothing to {what}")));
    }

    pub(super) fn code_name(&self, code: &CodeId) -> String {
        (self.project.codebook.code(code)).map_or(code.0.clone(), |c| c.name.clone())
    }
}
