//! The relation types links may have (supports, contradicts, …): rename,
//! describe, give the phrase read from the other end, add and delete them,
//! each an undoable edit. Shown in the codebook window.

use super::actions::Action;
use super::colors::relation_color;
use crate::model::{Edit, Project, Relation, RelationId};

pub fn ui(ui: &mut egui::Ui, project: &Project, actions: &mut Vec<Action>) {
    ui.heading("Link relations");
    ui.weak("A link reads “passage A <relation> passage B”.");
    for (i, r) in project.relations.iter().enumerate() {
        relation_ui(ui, project, i, r, actions);
    }
    if ui.button("+ Add relation").clicked() {
        actions.push(Action::edit(new_relation(project), "Add relation"));
    }
}

fn relation_ui(
    ui: &mut egui::Ui,
    project: &Project,
    i: usize,
    r: &Relation,
    actions: &mut Vec<Action>,
) {
    let in_use = project.links.iter().filter(|l| l.relation == r.id).count();
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter().rect_filled(rect, 2.0, relation_color(Some(i)));
        let mut edited = r.clone();
        let name = ui.add(egui::TextEdit::singleline(&mut edited.name).desired_width(130.0));
        let description = ui.add(
            egui::TextEdit::singleline(&mut edited.description)
                .hint_text("what it means")
                .desired_width(200.0),
        );
        let derived = crate::model::link::derived_inverse(edited.name.trim());
        let inverse = ui
            .add(
                egui::TextEdit::singleline(&mut edited.inverse)
                    .hint_text(derived)
                    .desired_width(130.0),
            )
            .on_hover_text("Read from the other end (“B … A”); empty: the greyed phrase");
        if name.changed() || description.changed() || inverse.changed() {
            let key = format!("relation:{}", r.id.0);
            actions.push(Action::typing(
                Edit::UpdateRelation(edited),
                "Edit relation",
                key,
            ));
        }
        let hint = format!("Delete; its {in_use} link(s) go too (undo brings them back)");
        if ui.small_button("Delete").on_hover_text(hint).clicked() {
            actions.push(Action::edit(
                Edit::RemoveRelation(r.id.clone()),
                "Delete relation",
            ));
        }
    });
}

fn new_relation(project: &Project) -> Edit {
    let id = (1..)
        .map(|n| format!("relation-{n}"))
        .find(|id| project.relation(&RelationId(id.clone())).is_none())
        .unwrap_or_default();
    Edit::AddRelation {
        index: project.relations.len(),
        relation: Relation {
            id: RelationId(id),
            name: "relates to".into(),
            description: String::new(),
            inverse: String::new(),
        },
    }
}
