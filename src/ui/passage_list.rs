//! All passages of the document, sortable by position or by code; a click
//! selects the passage and scrolls the document to it.

use super::actions::Action;
use super::document_view::swatch;
use crate::model::{DocumentId, Passage, PassageId, Project};

/// Swatches shown per row; more codes show in the inspector.
const MAX_SWATCHES: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Position,
    Code,
}

#[derive(Default)]
pub struct PassageList {
    pub sort: SortBy,
}

impl PassageList {
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        document: &DocumentId,
        selected: Option<&PassageId>,
        actions: &mut Vec<Action>,
    ) {
        let passages = self.sorted(project, document);
        ui.horizontal(|ui| {
            ui.heading(format!("Passages ({})", passages.len()));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.selectable_value(&mut self.sort, SortBy::Code, "by code");
                ui.selectable_value(&mut self.sort, SortBy::Position, "by position");
            });
        });
        egui::ScrollArea::vertical()
            .id_salt("passage-list")
            .auto_shrink([false, false])
            .show_rows(ui, 20.0, passages.len(), |ui, rows| {
                for p in &passages[rows] {
                    row(ui, project, p, selected == Some(&p.id), actions);
                }
            });
    }

    fn sorted<'p>(&self, project: &'p Project, document: &DocumentId) -> Vec<&'p Passage> {
        let mut v: Vec<&Passage> = project
            .passages_in_order()
            .into_iter()
            .filter(|p| &p.document == document)
            .collect();
        if self.sort == SortBy::Code {
            let first_code = |p: &Passage| {
                p.codes
                    .iter()
                    .filter_map(|c| project.codebook.code_index(c))
                    .min()
                    .unwrap_or(usize::MAX)
            };
            v.sort_by_key(|p| first_code(p));
        }
        v
    }
}

fn row(
    ui: &mut egui::Ui,
    project: &Project,
    p: &Passage,
    selected: bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.set_height(18.0);
        // A fixed-width column of swatches keeps the quotes aligned.
        let column = ui.spacing().item_spacing.x + 12.0;
        let shown = p.codes.iter().filter_map(|c| project.codebook.code(c)).take(MAX_SWATCHES);
        let mut n = 0;
        for c in shown {
            swatch(ui, c.color);
            n += 1;
        }
        ui.add_space((MAX_SWATCHES - n) as f32 * column);
        let preview: String = p.quote.chars().take(60).collect();
        let text = format!("{}  {}", p.start, preview.replace('\n', " "));
        let r = ui.selectable_label(selected, text);
        if r.clicked() {
            actions.push(Action::SelectPassage {
                id: Some(p.id.clone()),
                reveal: true,
            });
        }
        if !p.memo.is_empty() {
            r.on_hover_text(&p.memo);
        }
    });
}
