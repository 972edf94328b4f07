//! The find bar's keys, which depend on where focus is: Enter and
//! Shift+Enter in its field go to the next / previous hit, Esc closes it.
//! Every other key is a command of the table (`ui::commands`): Ctrl+F,
//! F3, Alt+arrows, N / P / U and the rest.

use egui::{Key, Modifiers};

use super::Workbench;
use crate::ui::actions::Action;
use crate::ui::find_bar::{FindAction, field_id};

impl Workbench {
    /// While the bar is open: Enter in its field, and Esc (before the
    /// table's Esc, which would clear the selection instead).
    pub(super) fn find_keys(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if !self.find.open {
            return;
        }
        // Keys are consumed before the field sees them, so Enter does not
        // take its focus away; Shift first, since plain matching ignores Shift.
        if ctx.memory(|m| m.has_focus(field_id())) {
            if ctx.input_mut(|i| i.consume_key(Modifiers::SHIFT, Key::Enter)) {
                actions.push(Action::Find(FindAction::Previous));
            } else if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter)) {
                actions.push(Action::Find(FindAction::Next));
            }
        }
        if !egui::Popup::is_any_open(ctx)
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            actions.push(Action::Find(FindAction::Close));
        }
    }
}
