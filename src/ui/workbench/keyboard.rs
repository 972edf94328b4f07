//! Keys for finding and for coding without the mouse.
//!
//! - Ctrl+F opens the find bar; in its field Enter / Shift+Enter, anywhere
//!   F3 / Shift+F3, go to the next / previous hit; Esc closes it.
//! - With no text field focused: Alt+→ / Alt+← select the next / previous
//!   sentence, Alt+↓ / Alt+↑ the next / previous paragraph, and with Shift
//!   the selection grows by one instead; N / P select the next / previous
//!   passage, U the next paragraph without passages. Alt keeps the arrows
//!   free for text fields and egui's focus moves; letters act only when no
//!   field takes typing. Number keys then code the selection (`shortcuts`).

use std::ops::Range;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::Workbench;
use crate::model::navigation::{self, Jump, Origin, Unit};
use crate::ui::actions::Action;
use crate::ui::document_view::TextSelection;
use crate::ui::find_bar::{FindAction, field_id};

impl Workbench {
    /// The keys of this module; called once a frame from `shortcuts`.
    pub(super) fn keyboard(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        find_keys(ctx, self.find.open, actions);
        if !ctx.egui_wants_keyboard_input() {
            navigation_keys(ctx, actions);
        }
    }

    /// Carries out a navigation key.
    pub(super) fn navigate(&mut self, jump: Jump) {
        match jump {
            Jump::Unit {
                unit,
                forward,
                extend,
            } => self.move_by(unit, forward, extend),
            Jump::Passage { forward } => self.step_passage(forward),
            Jump::Uncoded => self.next_uncoded(),
        }
    }

    /// Selects the next or previous sentence or paragraph, or grows the
    /// selection by one.
    fn move_by(&mut self, unit: Unit, forward: bool, extend: bool) {
        let Some(doc) = self.project.documents.get(self.document) else {
            return;
        };
        let current = self.current_range();
        let grow = extend && !current.is_empty();
        match navigation::move_selection(doc, unit, current, forward, extend) {
            // Growing keeps the far end as the anchor and shows the moved end.
            Some(r) if grow && !forward => self.select_text(r.end, r.start, r.start),
            Some(r) if grow => self.select_text(r.start, r.end, r.end),
            Some(r) => self.select_text(r.start, r.end, r.start),
            None => self.status = format!("No {} {}", direction(forward), unit_name(unit)),
        }
    }

    /// Selects (and reveals) the next or previous passage of the document.
    fn step_passage(&mut self, forward: bool) {
        let Some(doc) = self.project.documents.get(self.document) else {
            return;
        };
        let from = (self.selected_passage_here()).map_or_else(
            || Origin::Offset(self.current_range().start),
            Origin::Passage,
        );
        match navigation::step_passage(&self.project, doc.id(), from, forward) {
            Some(i) => {
                let id = self.project.passages[i].id.clone();
                self.select(Some(id), true);
            }
            None => self.status = format!("No {} passage", direction(forward)),
        }
    }

    /// Selects the next paragraph that no passage touches.
    fn next_uncoded(&mut self) {
        let Some(doc) = self.project.documents.get(self.document) else {
            return;
        };
        let index = self.index.document(doc.id());
        match navigation::next_uncoded_paragraph(doc, index, self.current_range().end) {
            Some(b) => {
                let block = doc.blocks()[b];
                self.select_text(block.start, block.end, block.start);
            }
            None => self.status = "No paragraph without passages after this one".into(),
        }
    }

    /// What a move starts from: the text selection (maybe a caret), else
    /// the selected passage, else a caret at the top of the view.
    fn current_range(&self) -> Range<usize> {
        if let Some(sel) = self.view.selection {
            return sel.range();
        }
        if let Some(p) = self.selected_passage_here() {
            let p = &self.project.passages[p];
            return p.start..p.end;
        }
        let top = self.view.visible_chars().map_or(0, |r| r.start);
        top..top
    }

    /// The selected passage's index, if it belongs to the shown document.
    fn selected_passage_here(&self) -> Option<usize> {
        let doc = self.project.documents.get(self.document)?;
        let id = self.selected.as_ref()?;
        (self.project.passages.iter()).position(|p| &p.id == id && &p.document == doc.id())
    }

    /// Selects text (as a drag from `anchor` to `head` would) and scrolls
    /// `reveal` into view; the passage selection yields to it, as on a click.
    fn select_text(&mut self, anchor: usize, head: usize, reveal: usize) {
        self.view.selection = Some(TextSelection { anchor, head });
        self.view.scroll_to = Some(reveal);
        self.selected = None;
    }
}

/// Ctrl+F, and while the bar is open: F3, Enter in its field, Esc.
fn find_keys(ctx: &egui::Context, open: bool, actions: &mut Vec<Action>) {
    let mut find = |a: FindAction| actions.push(Action::Find(a));
    let ctrl_f = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
    if ctx.input_mut(|i| i.consume_shortcut(&ctrl_f)) {
        find(FindAction::Open);
    }
    if !open {
        return;
    }
    // Keys are consumed before the field sees them, so Enter does not take
    // its focus away; Shift first, since plain matching ignores Shift.
    let in_field = ctx.memory(|m| m.has_focus(field_id()));
    for (key, active) in [(Key::F3, true), (Key::Enter, in_field)] {
        if !active {
            continue;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::SHIFT, key)) {
            find(FindAction::Previous);
        } else if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
            find(FindAction::Next);
        }
    }
    if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        find(FindAction::Close);
    }
}

/// Alt+arrows move or (with Shift) grow the selection; N, P, U jump.
fn navigation_keys(ctx: &egui::Context, actions: &mut Vec<Action>) {
    let arrows = [
        (Key::ArrowRight, Unit::Sentence, true),
        (Key::ArrowLeft, Unit::Sentence, false),
        (Key::ArrowDown, Unit::Paragraph, true),
        (Key::ArrowUp, Unit::Paragraph, false),
    ];
    for (key, unit, forward) in arrows {
        // Alt+Shift before Alt: plain matching would take both.
        for (mods, extend) in [
            (Modifiers::ALT | Modifiers::SHIFT, true),
            (Modifiers::ALT, false),
        ] {
            if ctx.input_mut(|i| i.consume_key(mods, key)) {
                actions.push(Action::Navigate(Jump::Unit {
                    unit,
                    forward,
                    extend,
                }));
            }
        }
    }
    let letters = [
        (Key::N, Jump::Passage { forward: true }),
        (Key::P, Jump::Passage { forward: false }),
        (Key::U, Jump::Uncoded),
    ];
    for (key, jump) in letters {
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
            actions.push(Action::Navigate(jump));
        }
    }
}

fn direction(forward: bool) -> &'static str {
    if forward { "next" } else { "previous" }
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Sentence => "sentence",
        Unit::Paragraph => "paragraph",
    }
}
