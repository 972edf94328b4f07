//! The corpus: every document of the project with its size and passage
//! count; click to read it; describe (title, author, date, source, kind,
//! memo), remove, or add documents. Every change is an undoable edit.

use super::actions::Action;
use crate::model::{DocumentId, DocumentInfo, Edit, PassageIndex, Project};
use crate::session::Intent;

/// The "Describe document" window's draft.
#[derive(Default)]
pub struct DocumentsPane {
    editing: Option<(DocumentId, String, DocumentInfo)>,
}

impl DocumentsPane {
    /// `ahead`: text is selected in the shown document, so its count one
    /// higher is laid out ahead for the frame that codes it.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        (project, index, ahead): (&Project, &PassageIndex, bool),
        shown: Option<&DocumentId>,
        actions: &mut Vec<Action>,
    ) {
        // The heading gives way to the button (cut with "…" in a narrow
        // pane rather than run under it).
        ui.horizontal(|ui| {
            let room = (ui.available_width() - 72.0).max(24.0);
            ui.scope(|ui| {
                ui.set_max_width(room);
                ui.add(egui::Label::new(egui::RichText::new("Documents").heading()).truncate());
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let add = ui.small_button("+ Add…").on_hover_text(
                    "Add documents: .txt, .md, .html, .docx, .pdf (or drop files on the window)",
                );
                if add.clicked() {
                    actions.push(Action::Import);
                }
            });
        });
        // Only the rows in view are built: a corpus of hundreds of documents
        // cost a row of widgets each, every frame.
        let row_h = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("documents")
            .max_height(180.0)
            .show_rows(ui, row_h, project.documents.len(), |ui, rows| {
                for i in rows {
                    let doc = &project.documents[i];
                    let passages = index.document(doc.id()).map_or(0, |d| d.passages.len());
                    let shown = Some(doc.id()) == shown;
                    if shown && ahead {
                        super::codebook_pane::count_galley(ui, passages + 1);
                    }
                    let row = DocRow {
                        i,
                        shown,
                        title: doc.title(),
                        chars: doc.char_len(),
                        passages,
                    };
                    if let Some(a) = self.row_ui(ui, project, row) {
                        actions.push(a);
                    }
                }
            });
    }

    fn row_ui(&mut self, ui: &mut egui::Ui, project: &Project, row: DocRow) -> Option<Action> {
        let doc = &project.documents[row.i];
        let mut action = None;
        // Buttons first, from the right, so a long title is cut, not them.
        let row_size = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
        let layout = egui::Layout::right_to_left(egui::Align::Center);
        ui.allocate_ui_with_layout(row_size, layout, |ui| {
            let remove = ui.small_button("x").on_hover_text(
                "Remove this document with its passages and links (undo brings them back)",
            );
            named(&remove, format!("Remove {}", row.title));
            if remove.clicked() {
                action = Some(Action::edit(
                    Edit::RemoveDocument(doc.id().clone()),
                    "Remove document",
                ));
            }
            let describe = ui
                .small_button("i")
                .on_hover_text("Describe: title, author, date, source, memo");
            named(&describe, format!("Describe {}", row.title));
            if describe.clicked() {
                self.editing = Some((doc.id().clone(), doc.title().to_owned(), doc.info().clone()));
            }
            // The count has a label of its own: coding changes it, and the
            // title beside it is not laid out again (the digits are as wide
            // as before, so the title's room stays the same).
            ui.label(super::codebook_pane::count_galley(ui, row.passages));
            let counts = format!("  ·  {}  ·", size(row.chars));
            let width = ui.available_width() - 2.0 * ui.spacing().button_padding.x;
            let style = egui::TextStyle::Button;
            let label = super::bidi_label::line(ui, ("", row.title, &counts), &style, width);
            let pick = ui.add(egui::Button::selectable(row.shown, label));
            let spoken = format!("{}{counts}  {}", row.title, row.passages);
            named(&pick, spoken);
            let hint = format!(
                "{} characters, {} passage(s); click to read",
                row.chars, row.passages
            );
            if pick.on_hover_text(hint).clicked() {
                action = Some(Action::Do(Intent::ShowDocument(doc.id().clone())));
            }
        });
        action
    }

    /// The "Describe document" window, while open.
    pub fn window(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some((id, title, info)) = self.editing.as_mut() else {
            return;
        };
        let (mut save, mut cancel) = (false, false);
        egui::Window::new("Describe document")
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("document-info")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (label, value) in [
                            ("Title", &mut *title),
                            ("Author", &mut info.author),
                            ("Date", &mut info.date),
                            ("Source (URL)", &mut info.source),
                            ("Type", &mut info.kind),
                        ] {
                            ui.label(label);
                            ui.add(egui::TextEdit::singleline(value).desired_width(300.0));
                            ui.end_row();
                        }
                    });
                ui.label("Memo");
                ui.add(
                    egui::TextEdit::multiline(&mut info.memo)
                        .desired_rows(4)
                        .desired_width(f32::INFINITY),
                );
                ui.horizontal(|ui| {
                    save = ui.button("Save").clicked();
                    cancel = ui.button("Cancel").clicked();
                });
            });
        if save {
            let edit = Edit::DescribeDocument {
                id: id.clone(),
                title: title.clone(),
                info: info.clone(),
            };
            actions.push(Action::edit(edit, "Describe document"));
        }
        if save || cancel {
            self.editing = None;
        }
    }
}

struct DocRow<'a> {
    i: usize,
    shown: bool,
    title: &'a str,
    chars: usize,
    passages: usize,
}

/// Gives an icon button a spoken name (screen readers would say "x").
fn named(button: &egui::Response, name: String) {
    button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
}

/// A document's length for the list: "13.7k chars".
fn size(chars: usize) -> String {
    match chars {
        0..1_000 => format!("{chars} chars"),
        1_000..1_000_000 => format!("{:.1}k chars", chars as f64 / 1e3),
        _ => format!("{:.1}M chars", chars as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_short() {
        assert_eq!(super::size(999), "999 chars");
        assert_eq!(super::size(13_686), "13.7k chars");
        assert_eq!(super::size(1_048_576), "1.0M chars");
    }
}
