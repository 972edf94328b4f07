//! Questions and sheets over the workbench: unsaved changes, recovery,
//! import conflicts, deletions, the coder's name, the F1 sheet and the
//! command palette (Ctrl+Shift+P), the last two made from the command table.

use std::path::PathBuf;

use egui::Key;

use super::Workbench;
use crate::io::recovery::Recovery;
use crate::session::{Intent, Question};
use crate::ui::actions::Action;
use crate::ui::commands::Command;
use crate::ui::windows::WindowInput;

/// A question the user must answer before the app goes on.
pub(super) enum Confirm {
    /// Unsaved changes would be lost by `then`.
    Discard { then: Box<Action> },
    /// A recovery file from a session that ended without saving.
    Restore(Box<Recovery>),
    /// An import would change codes already in the codebook.
    ImportConflicts {
        paths: Vec<PathBuf>,
        names: Vec<String>,
    },
    /// A session's question (a deletion): `then` does it.
    Delete {
        heading: String,
        detail: String,
        then: Box<Intent>,
    },
}

/// The palette's query and the highlighted row.
#[derive(Default)]
pub(super) struct Palette {
    query: String,
    chosen: usize,
    focused: bool,
}

impl Palette {
    /// The palette with `query` typed (the user guide's picture).
    pub(super) fn with_query(query: &str) -> Self {
        Self {
            query: query.to_owned(),
            ..Self::default()
        }
    }
}

/// What a modal's buttons chose: nothing yet, cancel, or actions to run.
type Answer = Option<Option<Vec<Action>>>;

impl Workbench {
    pub(super) fn windows(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let input = WindowInput {
            project: self.session.project(),
            generation: self.session.generation(),
        };
        self.windows.show(ctx, &input, actions);
        self.poll_classroom();
        self.documents.window(ctx, actions);
        self.file_dialogs(ctx, actions);
        self.confirm_ui(ctx, actions);
        self.coder_prompt(ctx);
        self.palette_ui(ctx, actions);
        self.jobs_ui(ctx);
    }

    fn file_dialogs(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        use crate::ui::file_dialog::Purpose;
        if let Some((purpose, mut paths)) = self.files.ui(ctx) {
            actions.push(match purpose {
                Purpose::Import => Action::ImportPaths(paths),
                Purpose::Open => Action::OpenPath(paths.swap_remove(0)),
                Purpose::SaveAs => Action::SavePath(paths.swap_remove(0)),
                Purpose::Export => Action::ExportTo(paths.swap_remove(0)),
                Purpose::Revise => Action::ReviseFrom(paths.swap_remove(0)),
                other => Action::Chosen(other, paths),
            });
        }
    }

    /// Turns a session's question into a modal.
    pub(super) fn ask(&mut self, question: Question, paths: Vec<PathBuf>) {
        self.confirm = Some(match question {
            Question::Delete {
                heading,
                detail,
                then,
            } => Confirm::Delete {
                heading,
                detail,
                then,
            },
            Question::ImportConflicts(names) => Confirm::ImportConflicts { paths, names },
        });
    }

    fn confirm_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(confirm) = &self.confirm else { return };
        let saved = self.session.path().is_some();
        let passages_now = self.session.project().passages.len();
        let mut answer: Answer = None;
        let mut discard = false;
        egui::Modal::new(egui::Id::unique("confirm")).show(ctx, |ui| match confirm {
            Confirm::Discard { .. } => {
                ui.heading("Unsaved changes");
                ui.label("The project has changes that are not saved.");
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(Some(vec![if saved {
                            Action::Save
                        } else {
                            Action::SaveAs
                        }]));
                    }
                    if ui.button("Discard changes").clicked() {
                        discard = true;
                        answer = Some(Some(Vec::new()));
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                        answer = Some(None);
                    }
                });
            }
            Confirm::Restore(found) => answer = restore_buttons(ui, found, passages_now),
            Confirm::ImportConflicts { paths, names } => {
                answer = import_conflict_buttons(ui, paths, names);
            }
            Confirm::Delete {
                heading, detail, ..
            } => {
                ui.heading(heading);
                ui.label(detail);
                answer = yes_no(ui, "Delete");
            }
        });
        let Some(result) = answer else { return };
        let Some(confirm) = self.confirm.take() else {
            return;
        };
        let Some(mut next) = result else { return };
        match confirm {
            // After Save (with a file to save to), the action goes on; with
            // nowhere to save yet, Save as… comes first and the user repeats it.
            Confirm::Discard { then } if discard || saved => {
                if discard {
                    self.session.discard_changes();
                }
                next.push(*then);
            }
            Confirm::Delete { then, .. } if next.is_empty() => {
                next.push(Action::Do(*then));
            }
            Confirm::Restore(found) if next.is_empty() => {
                next.push(Action::Restore(Box::new(found.project)));
            }
            _ => {}
        }
        actions.extend(next);
    }

    /// Asks the coder's name (at first start, or from Edit → Coder name…);
    /// it is remembered in the settings.
    fn coder_prompt(&mut self, ctx: &egui::Context) {
        let Some(draft) = self.coder_prompt.as_mut() else {
            return;
        };
        let mut done = false;
        let can_cancel = !self.settings.coder.is_empty();
        egui::Modal::new(egui::Id::unique("coder")).show(ctx, |ui| {
            ui.heading("Who is coding?");
            ui.label("Your name is stamped on the passages you code and remembered for next time.");
            let r = ui.add(egui::TextEdit::singleline(draft).hint_text("Your name"));
            // Only when nothing has focus: asking every frame makes egui repaint without end.
            if ui.memory(|m| m.focused().is_none()) {
                r.request_focus();
            }
            let enter = ui.input(|i| i.key_pressed(Key::Enter));
            let name = draft.trim().to_owned();
            ui.horizontal(|ui| {
                let ok = ui.add_enabled(!name.is_empty(), egui::Button::new("Start coding"));
                if (ok.clicked() || enter) && !name.is_empty() {
                    self.settings.coder = name;
                    done = true;
                }
                if can_cancel && ui.button("Cancel").clicked() {
                    done = true;
                }
            });
        });
        if done {
            self.coder_prompt = None;
            self.session.set_coder(&self.settings.coder);
        }
    }

    /// The command palette: type to filter the table's commands by name,
    /// ↑/↓ to choose, Enter to run, Esc to close.
    fn palette_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let cx = self.command_context();
        let Some(palette) = self.palette.as_mut() else {
            return;
        };
        let found: Vec<Command> = (Command::ALL.iter().copied())
            .filter(|c| c.enabled(&cx) && matches_query(c.info().name, &palette.query))
            .collect();
        let (up, down, enter, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, Key::Enter),
                i.consume_key(egui::Modifiers::NONE, Key::Escape),
            )
        });
        palette.chosen = step(palette.chosen, up, down, found.len());
        let mut run = enter.then(|| found.get(palette.chosen).copied()).flatten();
        egui::Modal::new(egui::Id::unique("palette")).show(ctx, |ui| {
            ui.set_width(420.0_f32.min(ctx.content_rect().width() - 60.0));
            let field = ui.add(
                egui::TextEdit::singleline(&mut palette.query)
                    .hint_text("Type a command…")
                    .desired_width(f32::INFINITY),
            );
            if !palette.focused {
                field.request_focus();
                palette.focused = true;
            }
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for (i, c) in found.iter().enumerate() {
                        let row = egui::Button::selectable(i == palette.chosen, c.info().name)
                            .shortcut_text(c.keys_text(ui.ctx()));
                        let r = ui.add_sized([ui.available_width(), 22.0], row);
                        if r.on_hover_text(c.info().tooltip).clicked() {
                            run = Some(*c);
                        }
                    }
                    if found.is_empty() {
                        ui.weak("No command by that name");
                    }
                });
        });
        if escape || run.is_some() {
            self.palette = None;
        }
        if let Some(c) = run {
            actions.push(c.action());
        }
    }
}

/// Every word of the query starts a word of the name, or is inside it.
fn matches_query(name: &str, query: &str) -> bool {
    let name = name.to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|w| name.contains(w))
}

fn step(at: usize, up: bool, down: bool, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let at = at.min(n - 1);
    match (up, down) {
        (true, false) => at.saturating_sub(1),
        (false, true) => (at + 1).min(n - 1),
        _ => at,
    }
}

/// Offers work recovered from a session that ended without saving.
fn restore_buttons(ui: &mut egui::Ui, found: &Recovery, passages_now: usize) -> Answer {
    ui.heading("Recover unsaved work?");
    let when = (found.written.with_timezone(&chrono::Local)).format("%Y-%m-%d %H:%M:%S");
    let orphans = match found.project.orphans.len() {
        0 => String::new(),
        n => format!(" (and {n} to re-place)"),
    };
    ui.label(format!(
        "briefmark ended without saving. A recovery copy from {when} holds {} passage(s){orphans} in {} document(s); the project as opened holds {passages_now}.",
        found.project.passages.len(),
        found.project.documents.len(),
    ));
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.button("Restore").clicked() {
            // The recovered project is taken from the question below.
            answer = Some(Some(Vec::new()));
        }
        if ui.button("Discard it").clicked() {
            answer = Some(Some(vec![Action::DiscardRecovery]));
        }
    });
    answer
}

/// Asks which side wins for codes that differ between project and import.
fn import_conflict_buttons(ui: &mut egui::Ui, paths: &[PathBuf], names: &[String]) -> Answer {
    use crate::model::ConflictPolicy;
    ui.heading("Codes differ");
    ui.label(format!(
        "These codes are in the project and in the import with different definitions or colours: {}.",
        names.join(", ")
    ));
    let mut answer = None;
    ui.horizontal(|ui| {
        for (label, policy) in [
            ("Keep the project's", ConflictPolicy::KeepOurs),
            ("Use the imported", ConflictPolicy::TakeTheirs),
        ] {
            if ui.button(label).clicked() {
                answer = Some(Some(vec![Action::ImportWith(paths.to_vec(), policy)]));
            }
        }
        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
            answer = Some(None);
        }
    });
    answer
}

/// A yes button (its action is the question's own) and Cancel (or Esc).
fn yes_no(ui: &mut egui::Ui, yes: &str) -> Answer {
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.button(yes).clicked() {
            answer = Some(Some(Vec::new()));
        }
        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
            answer = Some(None);
        }
    });
    answer
}
