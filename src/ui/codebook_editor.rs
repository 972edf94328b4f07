//! The codebook editor window: add, rename, recolour, describe and delete
//! codes and dimensions. Every change is an undoable edit.

use super::actions::Action;
use super::relations_editor;
use crate::model::{
    Code, CodeId, Codebook, Dimension, DimensionHeader, DimensionId, Edit, Project,
};
use crate::session::Intent;

pub fn ui(ctx: &egui::Context, open: &mut bool, project: &Project, actions: &mut Vec<Action>) {
    let codebook = &project.codebook;
    egui::Window::new("Codebook")
        .open(open)
        .default_size([520.0, 560.0])
        .vscroll(true)
        .show(ctx, |ui| {
            let locked = project.codebook_locked();
            if locked {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "This assignment's codebook is locked: code with it as it is.",
                );
            }
            ui.add_enabled_ui(!locked, |ui| {
                for dim in &codebook.dimensions {
                    dimension_ui(ui, codebook, dim, actions);
                    ui.separator();
                }
                if ui.button("+ Add dimension").clicked() {
                    actions.push(Action::edit(new_dimension(codebook), "Add dimension"));
                }
            });
            ui.separator();
            relations_editor::ui(ui, project, actions);
        });
}

fn new_dimension(codebook: &Codebook) -> Edit {
    Edit::AddDimension {
        index: codebook.dimensions.len(),
        dimension: Dimension {
            id: DimensionId(codebook.fresh_id("New dimension")),
            name: "New dimension".into(),
            description: String::new(),
            exclusive: false,
            codes: Vec::new(),
        },
    }
}

fn new_code(codebook: &Codebook, dim: &Dimension) -> Edit {
    Edit::AddCode {
        dimension: dim.id.clone(),
        index: dim.codes.len(),
        code: Code {
            memo: String::new(),
            id: CodeId(codebook.fresh_id("New code")),
            name: "New code".into(),
            color: codebook.next_color(),
            definition: String::new(),
            when_to_use: String::new(),
            when_not_to_use: String::new(),
            example: String::new(),
        },
    }
}

fn dimension_ui(
    ui: &mut egui::Ui,
    codebook: &Codebook,
    dim: &Dimension,
    actions: &mut Vec<Action>,
) {
    let mut header = DimensionHeader {
        name: dim.name.clone(),
        description: dim.description.clone(),
        exclusive: dim.exclusive,
    };
    ui.horizontal(|ui| {
        ui.label("Dimension");
        ui.add(egui::TextEdit::singleline(&mut header.name).desired_width(200.0));
        ui.checkbox(&mut header.exclusive, "exclusive")
            .on_hover_text("A passage holds at most one code of this dimension");
        if ui
            .small_button("Delete")
            .on_hover_text("Delete this dimension and its codes")
            .clicked()
        {
            actions.push(Action::Do(Intent::DeleteDimension {
                id: dim.id.clone(),
                confirmed: false,
            }));
        }
    });
    ui.add(
        egui::TextEdit::multiline(&mut header.description)
            .desired_rows(1)
            .desired_width(f32::INFINITY)
            .hint_text("What this dimension captures"),
    );
    if header.name != dim.name
        || header.description != dim.description
        || header.exclusive != dim.exclusive
    {
        let key = format!("dimension:{}", dim.id.0);
        let edit = Edit::UpdateDimension {
            id: dim.id.clone(),
            header,
        };
        actions.push(Action::typing(edit, "Edit dimension", key));
    }
    ui.indent(&dim.id.0, |ui| {
        for code in &dim.codes {
            code_ui(ui, code, actions);
        }
        if ui.button("+ Add code").clicked() {
            actions.push(Action::edit(new_code(codebook, dim), "Add code"));
        }
    });
}

fn code_ui(ui: &mut egui::Ui, code: &Code, actions: &mut Vec<Action>) {
    let mut edited = code.clone();
    let id = ui.make_persistent_id(("code-details", &code.id.0));
    egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, false)
        .show_header(ui, |ui| {
            let mut rgb = [edited.color.0, edited.color.1, edited.color.2];
            ui.color_edit_button_srgb(&mut rgb)
                .on_hover_text("Colour of this code's tint and stripes");
            edited.color = crate::model::Rgb(rgb[0], rgb[1], rgb[2]);
            ui.add(egui::TextEdit::singleline(&mut edited.name).desired_width(180.0));
            if ui
                .small_button("Delete")
                .on_hover_text("Delete this code")
                .clicked()
            {
                actions.push(Action::Do(Intent::DeleteCode {
                    id: code.id.clone(),
                    confirmed: false,
                }));
            }
        })
        .body(|ui| {
            for (label, text) in [
                ("Definition", &mut edited.definition),
                ("When to use", &mut edited.when_to_use),
                ("When not to use", &mut edited.when_not_to_use),
                ("Example quote", &mut edited.example),
                ("Memo (your notes on the code)", &mut edited.memo),
            ] {
                ui.label(egui::RichText::new(label).small());
                ui.add(
                    egui::TextEdit::multiline(text)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                );
            }
        });
    if &edited != code {
        let key = format!("code:{}", code.id.0);
        actions.push(Action::typing(Edit::UpdateCode(edited), "Edit code", key));
    }
}
