//! The reading pane's right-click menus and the codes dropped on the text.
//! On a selection: code with…, a new code from the words (in-vivo), copy
//! the quote with its reference. On a passage: its codes, memo, link,
//! copy, delete. The entries that are commands come from the table.

use super::Workbench;
use crate::model::{CodeId, PassageId};
use crate::session::Session;
use crate::ui::actions::Action;
use crate::ui::colors::swatch;
use crate::ui::commands::{self, Command};
use crate::ui::document_view::ContextTarget;

/// The entries of a right-click on `target`.
pub(super) fn ui(
    ui: &mut egui::Ui,
    session: &Session,
    cx: &commands::Context,
    target: &ContextTarget,
    actions: &mut Vec<Action>,
) {
    match target {
        ContextTarget::Selection(_) => selection_menu(ui, session, cx, actions),
        ContextTarget::Passage(id) => passage_menu(ui, session, cx, id, actions),
    }
}

fn selection_menu(
    ui: &mut egui::Ui,
    session: &Session,
    cx: &commands::Context,
    actions: &mut Vec<Action>,
) {
    ui.menu_button("Code with", |ui| {
        for code in code_entries(ui, session, None) {
            actions.push(Action::code(code));
            ui.close();
        }
    });
    for command in [Command::CodeInVivo, Command::CopyQuote] {
        if let Some(a) = commands::menu_item(ui, command, cx) {
            actions.push(a);
            ui.close();
        }
    }
}

fn passage_menu(
    ui: &mut egui::Ui,
    session: &Session,
    cx: &commands::Context,
    id: &PassageId,
    actions: &mut Vec<Action>,
) {
    let select = || Action::select(Some(id.clone()), false);
    ui.label(egui::RichText::new("Codes").weak());
    for code in code_entries(ui, session, Some(id)) {
        // Toggled on the passage: selected first, as a click would.
        actions.extend([select(), Action::code(code)]);
        ui.close();
    }
    ui.separator();
    // The passage's commands act on the selected passage: this one, once
    // selected first (as it is before they run).
    let cx = commands::Context {
        has_passage: true,
        ..*cx
    };
    for command in [
        Command::EditMemo,
        Command::LinkPassage,
        Command::CopyQuote,
        Command::DeletePassage,
    ] {
        if let Some(a) = commands::menu_item(ui, command, &cx) {
            actions.extend([select(), a]);
            ui.close();
        }
    }
}

/// One button per code with its swatch, key and (for a passage) a tick
/// when the passage carries it; returns the codes clicked.
fn code_entries(ui: &mut egui::Ui, session: &Session, passage: Option<&PassageId>) -> Vec<CodeId> {
    {
        let project = session.project();
        let carried = passage.and_then(|id| project.passage(id));
        let mut clicked = Vec::new();
        for (n, (_, code)) in project.codebook.codes().enumerate() {
            let has = carried.is_some_and(|p| p.has_code(&code.id));
            let keys = if n < 9 {
                format!("{}", n + 1)
            } else {
                String::new()
            };
            let r = ui.horizontal(|ui| {
                swatch(ui, code.color);
                // Shown selected when the passage carries it.
                ui.add(egui::Button::selectable(has, &code.name).shortcut_text(keys))
            });
            if r.inner.clicked() {
                clicked.push(code.id.clone());
            }
        }
        clicked
    }
}

impl Workbench {
    /// Copies the selected text, or the selected passage's quote, with
    /// where it is: “quote” (Title, characters a–b).
    pub(super) fn copy_quote(&mut self, ctx: &egui::Context) {
        let s = &self.session;
        let project = s.project();
        let (doc, range) = match (s.selected_range(), s.selected_passage()) {
            (Some(r), _) => (s.shown(), r),
            (None, Some(p)) => (project.document(&p.document), p.start..p.end),
            (None, None) => return,
        };
        let Some(doc) = doc else { return };
        let quote = doc.slice(range.start, range.end);
        let text = format!(
            "“{quote}” ({}, characters {}–{})",
            doc.title(),
            range.start,
            range.end
        );
        ctx.copy_text(text);
        self.say(format!(
            "Copied the quote of characters {}–{} with its reference",
            range.start, range.end
        ));
    }
}
