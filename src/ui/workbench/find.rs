//! The workbench's side of the find bar: showing it above the reading pane,
//! going to hits (switching document when a hit is elsewhere) and coding
//! every hit as one undoable step.

use std::collections::HashMap;
use std::ops::Range;

use super::Workbench;
use crate::model::search::HitAt;
use crate::model::{CodeId, Edit, Passage};
use crate::ui::actions::Action;
use crate::ui::document_view::TextSelection;
use crate::ui::find_bar::{BarInput, FindAction};

impl Workbench {
    /// The find bar, when open; new hits (a changed query) bring the first
    /// one at or after the reading position into view, as the user types.
    pub(super) fn find_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        if !self.find.open {
            return;
        }
        let input = BarInput {
            project: &self.project,
            document: self.document,
        };
        self.find.ui(ui, &input, actions);
        if self.find.refresh(&self.project.documents) {
            let from = self.reading_position();
            // Stay in this document while typing; round to its first hit.
            let hits = self.find.hits().of(self.document);
            let after = hits.partition_point(|r| r.start < from);
            if !hits.is_empty() {
                self.go_to_hit((self.document, if after < hits.len() { after } else { 0 }));
            }
        }
    }

    /// Carries out what the find bar asks for.
    pub(super) fn perform_find(&mut self, action: FindAction) {
        match action {
            FindAction::Open => {
                let selected = self.view.selected_range().and_then(|r| {
                    let doc = self.project.documents.get(self.document)?;
                    Some(doc.slice(r.start, r.end).to_owned())
                });
                self.find.open_with(selected.as_deref());
            }
            FindAction::Close => self.find.close(),
            FindAction::Next => self.step_hit(true),
            FindAction::Previous => self.step_hit(false),
            FindAction::GoTo(at) => self.go_to_hit(at),
            FindAction::CodeHits(code) => self.code_hits(&code),
        }
    }

    /// Where reading is: the selection's start, else the top of the view.
    fn reading_position(&self) -> usize {
        self.view.selection.map_or_else(
            || self.view.visible_chars().map_or(0, |r| r.start),
            |s| s.range().start,
        )
    }

    /// Next or previous hit: from the current one, else from where the
    /// reader is; past the last hit of a document on into the next.
    fn step_hit(&mut self, forward: bool) {
        let hits = self.find.hits();
        let current = self.find.current.filter(|c| c.0 == self.document);
        let target = match current {
            Some(at) => hits.step(at, forward),
            None => {
                let from = match self.view.selected_range() {
                    Some(r) if forward => r.end,
                    _ => self.reading_position(),
                };
                hits.from_offset(self.document, from, forward)
            }
        };
        match target {
            Some(at) => self.go_to_hit(at),
            None => self.status = "No hits".into(),
        }
    }

    /// Shows a hit and selects its text, so a number key codes it.
    fn go_to_hit(&mut self, at: HitAt) {
        let Some(range) = self.find.hits().get(at).cloned() else {
            return;
        };
        self.show_document(at.0);
        if self.document != at.0 {
            return;
        }
        self.find.current = Some(at);
        self.selected = None;
        self.view.selection = Some(TextSelection {
            anchor: range.start,
            head: range.end,
        });
        self.view.scroll_to = Some(range.start);
    }

    /// Codes the ticked hits (or all) with `code` in one undo step: a new
    /// passage per hit, or the code added to a passage with the same range.
    fn code_hits(&mut self, code: &CodeId) {
        let chosen = self.find.chosen_hits();
        let (edits, added, existing) = self.hit_edits(&chosen, code);
        let name = self.code_name(code);
        if edits.is_empty() {
            self.status = format!("Every hit already carries {name}");
            return;
        }
        let n = added + existing;
        self.edit(Edit::Batch(edits), format!("Code {n} hits as {name}"), None);
        self.status = format!(
            "Coded {n} hit(s) as {name}: {added} new passage(s), {existing} existing; Ctrl+Z takes it back"
        );
    }

    /// The edits that code `hits`, with how many passages are new and how
    /// many existing ones gain the code.
    fn hit_edits(
        &self,
        hits: &[(usize, Range<usize>)],
        code: &CodeId,
    ) -> (Vec<Edit>, usize, usize) {
        let by_range: HashMap<_, _> = (self.project.passages.iter())
            .map(|p| ((&p.document, p.start, p.end), p))
            .collect();
        let now = chrono::Utc::now();
        let (mut edits, mut added, mut existing) = (Vec::new(), 0, 0);
        for (d, r) in hits {
            let Some(doc) = self.project.documents.get(*d) else {
                continue;
            };
            match by_range.get(&(doc.id(), r.start, r.end)) {
                // Toggled only on: coding all hits never takes a code off.
                Some(p) if p.has_code(code) => {}
                Some(p) => {
                    if let Some(edit) = self.project.toggle_code_edit(&p.id, code, now) {
                        edits.push(edit);
                        existing += 1;
                    }
                }
                None => {
                    let mut p = Passage::new(doc, r.start, r.end, &self.settings.coder, now);
                    p.codes.push(code.clone());
                    edits.push(Edit::AddPassage(p));
                    added += 1;
                }
            }
        }
        (edits, added, existing)
    }
}
