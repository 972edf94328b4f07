//! The workbench's side of the find bar: showing it above the reading pane,
//! going to hits (switching document when a hit is elsewhere) and coding
//! every hit as one undoable step.

use super::Workbench;
use crate::model::search::HitAt;
use crate::model::{CodeId, Selection};
use crate::session::Intent;
use crate::ui::actions::Action;
use crate::ui::find_bar::{BarInput, FindAction};

impl Workbench {
    /// The find bar, when open; new hits (a changed query) bring the first
    /// one at or after the reading position into view, as the user types.
    pub(super) fn find_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        if !self.find.open {
            return;
        }
        let Some(shown) = self.session.shown_id().cloned() else {
            return;
        };
        let input = BarInput {
            project: self.session.project(),
            document: &shown,
        };
        self.find.ui(ui, &input, actions);
        if self.find.refresh(&self.session.project().documents) {
            let from = self.reading_position();
            // Stay in this document while typing; round to its first hit.
            let hits = self.find.hits();
            let (Some(d), here) = (hits.position(&shown), hits.in_document(&shown)) else {
                return;
            };
            let after = here.partition_point(|r| r.start < from);
            if !here.is_empty() {
                self.go_to_hit((d, if after < here.len() { after } else { 0 }));
            }
        }
    }

    /// Carries out what the find bar asks for.
    pub(super) fn perform_find(&mut self, action: FindAction) {
        match action {
            FindAction::Open => {
                let selected = self.session.selected_range().and_then(|r| {
                    let doc = self.session.shown()?;
                    Some(doc.slice(r.start, r.end).to_owned())
                });
                self.find.open_with(selected.as_deref());
            }
            FindAction::Close => self.close_find(),
            FindAction::Next => self.step_hit(true),
            FindAction::Previous => self.step_hit(false),
            FindAction::GoTo(at) => self.go_to_hit(at),
            FindAction::CodeHits(code) => self.code_hits(code),
        }
    }

    /// Closes the bar; the current hit's selection goes with it, so the
    /// next number key cannot code text the user was no longer choosing.
    fn close_find(&mut self) {
        let hit = (self.find.current).and_then(|at| self.find.hits().get(at).cloned());
        if hit.is_some() && hit == self.session.selected_range() {
            self.apply(Intent::SetSelection(None));
        }
        self.find.close();
    }

    /// Where reading is: the selection's start, else the top of the view.
    fn reading_position(&self) -> usize {
        self.session.selection().map_or_else(
            || self.view.visible_chars().map_or(0, |r| r.start),
            |s| s.range().start,
        )
    }

    /// Next or previous hit: from the current one, else from where the
    /// reader is; past the last hit of a document on into the next.
    fn step_hit(&mut self, forward: bool) {
        let hits = self.find.hits();
        let shown = (self.session.shown_id()).and_then(|id| hits.position(id));
        let current = self.find.current.filter(|c| Some(c.0) == shown);
        let target = match current {
            Some(at) => hits.step(at, forward),
            None => {
                let from = match self.session.selected_range() {
                    Some(r) if forward => r.end,
                    _ => self.reading_position(),
                };
                hits.from_offset(shown.unwrap_or(0), from, forward)
            }
        };
        match target {
            Some(at) => self.go_to_hit(at),
            None => self.say("No hits"),
        }
    }

    /// Shows a hit and selects its text, so a number key codes it.
    fn go_to_hit(&mut self, at: HitAt) {
        let Some(range) = self.find.hits().get(at).cloned() else {
            return;
        };
        let Some(id) = self.find.hits().document(at.0).cloned() else {
            return;
        };
        self.apply(Intent::ShowDocument(id.clone()));
        if self.session.shown_id() != Some(&id) {
            return;
        }
        self.find.current = Some(at);
        self.apply(Intent::Select {
            id: None,
            reveal: false,
        });
        self.apply(Intent::SetSelection(Some(Selection::new(
            range.start,
            range.end,
        ))));
        self.view.scroll_to = Some(range.start);
    }

    /// Codes the ticked hits (or all) with `code` in one undo step.
    fn code_hits(&mut self, code: CodeId) {
        let stretches = self.find.chosen_hits();
        self.apply(Intent::CodeStretches(stretches, code));
    }
}
