//! Keyboard moves: by sentence or paragraph, from passage to passage, and
//! to the next paragraph nobody has coded (`docs/finding.md`).

use std::ops::Range;

use super::{Outcome, Session};
use crate::model::Selection;
use crate::model::navigation::{self, Jump, Origin, Unit};

impl Session {
    /// Carries out a navigation key; `top` is the first code point in view.
    pub(super) fn navigate(&mut self, jump: Jump, top: usize, out: &mut Outcome) {
        match jump {
            Jump::Unit {
                unit,
                forward,
                extend,
            } => self.move_by(unit, forward, extend, top, out),
            Jump::Passage { forward } => self.step_passage(forward, top, out),
            Jump::Uncoded => self.next_uncoded(top, out),
        }
    }

    fn move_by(&mut self, unit: Unit, forward: bool, extend: bool, top: usize, out: &mut Outcome) {
        let Some(doc) = self.shown() else { return };
        let current = self.current_range(top);
        let grow = extend && !current.is_empty();
        match navigation::move_selection(doc, unit, current, forward, extend) {
            // Growing keeps the far end as the anchor and shows the moved end.
            Some(r) if grow && !forward => {
                self.select_text(Selection::new(r.end, r.start), r.start, out);
            }
            Some(r) if grow => self.select_text(Selection::new(r.start, r.end), r.end, out),
            Some(r) => self.select_text(Selection::new(r.start, r.end), r.start, out),
            None => {
                let unit = match unit {
                    Unit::Sentence => "sentence",
                    Unit::Paragraph => "paragraph",
                };
                out.status = Some(format!("No {} {unit}", direction(forward)));
            }
        }
    }

    fn step_passage(&mut self, forward: bool, top: usize, out: &mut Outcome) {
        let Some(doc) = self.shown_id().cloned() else {
            return;
        };
        let here = self.selected_passage_here();
        let from = here.map_or_else(
            || Origin::Offset(self.current_range(top).start),
            Origin::Passage,
        );
        match navigation::step_passage(&self.project, &doc, from, forward) {
            Some(i) => {
                let id = self.project.passages[i].id.clone();
                self.select(Some(id), true, out);
            }
            None => out.status = Some(format!("No {} passage", direction(forward))),
        }
    }

    fn next_uncoded(&mut self, top: usize, out: &mut Outcome) {
        let Some(doc) = self.shown() else { return };
        let index = self.index.document(doc.id());
        match navigation::next_uncoded_paragraph(doc, index, self.current_range(top).end) {
            Some(b) => {
                let block = doc.blocks()[b];
                self.select_text(Selection::new(block.start, block.end), block.start, out);
            }
            None => out.status = Some("No paragraph without passages after this one".into()),
        }
    }

    /// What a move starts from: the text selection (maybe a caret), else
    /// the selected passage, else a caret at the top of the view.
    fn current_range(&self, top: usize) -> Range<usize> {
        if let Some(sel) = self.selection() {
            return sel.range();
        }
        if let Some(p) = self.selected_passage_here() {
            let p = &self.project.passages[p];
            return p.start..p.end;
        }
        top..top
    }

    /// The selected passage's position, if it belongs to the shown document.
    fn selected_passage_here(&self) -> Option<usize> {
        let i = self.project.passages.position(self.selected.as_ref()?)?;
        (Some(&self.project.passages[i].document) == self.shown.as_ref()).then_some(i)
    }

    /// Selects text (as a drag from anchor to head would) and shows
    /// `reveal`; the passage selection yields to it, as on a click.
    fn select_text(&mut self, selection: Selection, reveal: usize, out: &mut Outcome) {
        self.set_selection(Some(selection));
        out.reveal = Some(reveal);
        self.selected = None;
    }
}

fn direction(forward: bool) -> &'static str {
    if forward { "next" } else { "previous" }
}
