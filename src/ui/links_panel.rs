//! Links of the selected passage, in the inspector: list them (click to go
//! to the other end), change their relation, delete them, and start a new
//! link to the next passage the user picks.

use super::actions::Action;
use super::colors::relation_color;
use crate::model::{Edit, Link, Passage, PassageId, Project, RelationId};

/// Linking state kept between frames: the relation the next link gets, and
/// the passage a link is being drawn from (waiting for its other end).
#[derive(Default)]
pub struct Linking {
    pub relation: Option<RelationId>,
    pub pending_from: Option<PassageId>,
}

impl Linking {
    /// The chosen relation if it still exists, else the project's first.
    pub fn relation<'p>(&self, project: &'p Project) -> Option<&'p RelationId> {
        let chosen = self.relation.as_ref().and_then(|r| project.relation(r));
        chosen.or(project.relations.first()).map(|r| &r.id)
    }

    /// The link to create now that `to` was picked, if a link is pending.
    pub fn complete(&mut self, project: &Project, to: &PassageId, coder: &str) -> Option<Link> {
        let from = self.pending_from.take()?;
        if &from == to {
            return None;
        }
        let relation = self.relation(project)?.clone();
        Some(Link::new(
            from,
            relation,
            to.clone(),
            coder,
            chrono::Utc::now(),
        ))
    }
}

pub fn ui(
    ui: &mut egui::Ui,
    project: &Project,
    p: &Passage,
    linking: &mut Linking,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.label("Links");
        relation_combo(
            ui,
            project,
            ("new-link-relation", "Relation of the next link"),
            linking.relation(project).cloned(),
            |r| linking.relation = Some(r),
        );
        if linking.pending_from.as_ref() == Some(&p.id) {
            if ui.button("Cancel linking").clicked() {
                linking.pending_from = None;
            }
        } else {
            // The shown passage is the selected one, which the command links.
            let link = super::commands::Command::LinkPassage;
            let info = link.info();
            if ui.button(info.name).on_hover_text(info.tooltip).clicked() {
                actions.push(link.action());
            }
        }
    });
    for link in project.links_of(&p.id) {
        link_row(ui, project, p, link, actions);
    }
}

/// One link as a sentence read from this passage, wrapping in a narrow
/// pane: "This passage supports “…”" or "“…” is a pretext for this
/// passage" (the other passage's quote, shortened, whole on hover; a click
/// goes there); under it the relation (changeable) and Unlink.
fn link_row(
    ui: &mut egui::Ui,
    project: &Project,
    p: &Passage,
    link: &Link,
    actions: &mut Vec<Action>,
) {
    let Some(other) = link.other_end(&p.id).and_then(|id| project.passage(id)) else {
        return;
    };
    let outgoing = link.from == p.id;
    let name = project
        .relation(&link.relation)
        .map_or(link.relation.0.as_str(), |r| r.name.as_str());
    ui.horizontal_wrapped(|ui| {
        if outgoing {
            ui.label(format!("This passage {name}"));
            quote_link(ui, other, actions);
        } else {
            quote_link(ui, other, actions);
            ui.label(format!("{name} this passage"));
        }
    });
    ui.horizontal(|ui| {
        let current = Some(link.relation.clone());
        let what = "Relation of this link";
        relation_combo(ui, project, (&link.id.0, what), current, |relation| {
            let edit = Edit::UpdateLink(Link {
                relation,
                ..link.clone()
            });
            actions.push(Action::edit(edit, "Change link"));
        });
        if ui
            .small_button("Unlink")
            .on_hover_text("Delete this link")
            .clicked()
        {
            actions.push(Action::edit(
                Edit::RemoveLink(link.id.clone()),
                "Delete link",
            ));
        }
    });
    ui.add_space(4.0);
}

/// Quotes in link rows are cut to this many characters (whole on hover).
const SNIPPET: usize = 40;

/// The other passage's quote, shortened, as a link going there.
fn quote_link(ui: &mut egui::Ui, other: &Passage, actions: &mut Vec<Action>) {
    let mut snippet: String = other.quote.chars().take(SNIPPET).collect();
    if other.quote.chars().nth(SNIPPET).is_some() {
        snippet.push('…');
    }
    let go = ui.link(format!("“{snippet}”")).on_hover_text(&other.quote);
    if go.clicked() {
        actions.push(Action::select(Some(other.id.clone()), true));
    }
}

/// A combo box of the project's relation types, named for screen readers
/// (`salt` keeps it apart from the others, `label` names it); `chosen`
/// runs on a change.
fn relation_combo(
    ui: &mut egui::Ui,
    project: &Project,
    (salt, label): (&str, &str),
    current: Option<RelationId>,
    mut chosen: impl FnMut(RelationId),
) {
    let name = |id: &Option<RelationId>| {
        id.as_ref()
            .and_then(|r| project.relation(r))
            .map_or("(none)".to_owned(), |r| r.name.clone())
    };
    let shown = name(&current);
    let combo = egui::ComboBox::from_id_salt(("relation", salt))
        .selected_text(&shown)
        .show_ui(ui, |ui| {
            for (i, r) in project.relations.iter().enumerate() {
                let text = egui::RichText::new(&r.name).color(relation_color(Some(i)));
                let on = current.as_ref() == Some(&r.id);
                if ui
                    .selectable_label(on, text)
                    .on_hover_text(&r.description)
                    .clicked()
                    && !on
                {
                    chosen(r.id.clone());
                }
            }
        });
    // With no visible label, egui's combo box has no accessible name.
    combo.response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label);
        info.current_text_value = Some(shown.clone());
        info
    });
}
