//! Assignments in the GUI: the dialog a teacher uses to save the project
//! as an assignment, and the banner showing a student its instructions.

use super::actions::Action;
use super::file_dialog::Purpose;
use crate::model::Project;

/// The "Save as assignment" dialog's draft.
pub struct AssignmentDialog {
    pub open: bool,
    pub instructions: String,
    pub locked: bool,
}

impl Default for AssignmentDialog {
    fn default() -> Self {
        Self {
            open: false,
            instructions: String::new(),
            locked: true,
        }
    }
}

impl AssignmentDialog {
    pub fn ui(&mut self, ctx: &egui::Context, project: &Project, actions: &mut Vec<Action>) {
        let mut open = self.open;
        egui::Window::new("Save as assignment")
            .open(&mut open)
            .default_width(460.0)
            .show(ctx, |ui| {
                ui.label(format!(
                    "Students get the {} document(s) and the codebook, nothing coded.",
                    project.documents.len()
                ));
                ui.label("Instructions for the students:");
                ui.add(
                    egui::TextEdit::multiline(&mut self.instructions)
                        .desired_rows(5)
                        .desired_width(f32::INFINITY)
                        .hint_text("e.g. Code every passage that names a cause of the crisis."),
                );
                ui.checkbox(
                    &mut self.locked,
                    "Lock the codebook (students cannot change codes)",
                );
                if ui.button("Save assignment as…").clicked() {
                    actions.push(Action::Choose(Purpose::SaveAssignment));
                }
            });
        self.open = open && self.open;
    }
}

/// The assignment's instructions above the document, if it is one.
pub fn banner(ui: &mut egui::Ui, project: &Project) {
    let Some(a) = &project.assignment else { return };
    ui.horizontal_wrapped(|ui| {
        ui.strong("Assignment:");
        ui.label(if a.instructions.is_empty() {
            "code the document with the codebook."
        } else {
            &a.instructions
        });
        if a.codebook_locked {
            ui.weak("(codebook locked)");
        }
    });
}
