//! The codebook pane: every code as a button with its colour, number key and
//! use count. Clicking codes the selection.

use super::actions::Action;
use super::document_view::swatch;
use crate::model::{Code, PassageIndex, Project};

pub fn ui(
    ui: &mut egui::Ui,
    project: &Project,
    index: &PassageIndex,
    can_code: bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.heading("Codebook");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Edit…")
                .on_hover_text("Edit codes and dimensions")
                .clicked()
            {
                actions.push(Action::ToggleCodebookEditor);
            }
        });
    });
    if !can_code {
        ui.weak("Select text or a passage, then click a code or press its number.");
    }
    ui.add_space(4.0);
    let mut key = 0;
    for dim in &project.codebook.dimensions {
        ui.add_space(6.0);
        let label = if dim.exclusive {
            format!("{}  (one of)", dim.name)
        } else {
            dim.name.clone()
        };
        ui.label(egui::RichText::new(label).strong()).on_hover_text(
            if dim.description.is_empty() {
                "No description"
            } else {
                &dim.description
            },
        );
        for code in &dim.codes {
            key += 1;
            let uses = index.uses(&code.id);
            if code_button(ui, code, (key <= 9).then_some(key), uses, can_code).clicked() {
                actions.push(Action::ApplyCode(code.id.clone()));
            }
        }
    }
    if project.codebook.dimensions.is_empty() {
        ui.weak("The codebook is empty. Use Edit… to add a dimension and codes.");
    }
}

fn code_button(
    ui: &mut egui::Ui,
    code: &Code,
    key: Option<usize>,
    uses: usize,
    enabled: bool,
) -> egui::Response {
    let response = ui
        .horizontal(|ui| {
            swatch(ui, code.color);
            let key = key.map_or("   ".to_owned(), |k| format!("{k} "));
            let text = format!("{key}{}", code.name);
            let b = ui.add_enabled(
                enabled,
                egui::Button::new(text).min_size(egui::vec2(140.0, 0.0)),
            );
            ui.weak(uses.to_string());
            b
        })
        .inner;
    response.on_hover_ui(|ui| code_tooltip(ui, code))
}

/// A code's definition and rules, as shown on hover.
pub fn code_tooltip(ui: &mut egui::Ui, code: &Code) {
    ui.set_max_width(380.0);
    ui.strong(&code.name);
    for (title, text) in [
        ("Definition", &code.definition),
        ("When to use", &code.when_to_use),
        ("When not to use", &code.when_not_to_use),
        ("Example", &code.example),
        ("Memo", &code.memo),
    ] {
        if !text.is_empty() {
            ui.add_space(4.0);
            ui.label(egui::RichText::new(title).small().strong());
            ui.label(text);
        }
    }
}
