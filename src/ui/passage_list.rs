//! All passages of the document, sortable by position or by code; a click
//! selects the passage and scrolls the document to it.

use super::actions::Action;
use super::document_view::swatch;
use crate::model::{DocumentId, Passage, PassageId, PassageIndex, Project};

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
    /// Rows (indexes into `Project::passages`) for the key they were sorted for;
    /// sorting thousands of passages every frame would be felt.
    rows: Vec<usize>,
    key: Option<(u64, SortBy, DocumentId)>,
}

/// What the list shows from, read-only.
pub struct ListInput<'a> {
    pub project: &'a Project,
    pub index: &'a PassageIndex,
    /// Changes whenever the passages change.
    pub revision: u64,
    pub document: &'a DocumentId,
    pub selected: Option<&'a PassageId>,
}

impl PassageList {
    pub fn ui(&mut self, ui: &mut egui::Ui, input: &ListInput<'_>, actions: &mut Vec<Action>) {
        let key = (input.revision, self.sort, input.document.clone());
        if self.key.as_ref() != Some(&key) {
            self.rows = self.sorted(input);
            self.key = Some(key);
        }
        let project = input.project;
        ui.horizontal(|ui| {
            ui.heading(format!("Passages ({})", self.rows.len()));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.selectable_value(&mut self.sort, SortBy::Code, "by code");
                ui.selectable_value(&mut self.sort, SortBy::Position, "by position");
            });
        });
        egui::ScrollArea::vertical()
            .id_salt("passage-list")
            .auto_shrink([false, false])
            .show_rows(ui, 20.0, self.rows.len(), |ui, rows| {
                for &i in &self.rows[rows] {
                    let p = &project.passages[i];
                    let problems = input.index.problems(i);
                    row(
                        ui,
                        project,
                        p,
                        problems,
                        input.selected == Some(&p.id),
                        actions,
                    );
                }
            });
    }

    fn sorted(&self, input: &ListInput<'_>) -> Vec<usize> {
        let project = input.project;
        let mut v: Vec<usize> =
            (input.index.document(input.document)).map_or_else(Vec::new, |d| d.in_order.clone());
        if self.sort == SortBy::Code {
            let first_code = |p: &Passage| {
                p.codes
                    .iter()
                    .filter_map(|c| project.codebook.code_index(c))
                    .min()
                    .unwrap_or(usize::MAX)
            };
            v.sort_by_key(|&i| first_code(&project.passages[i]));
        }
        v
    }
}

fn row(
    ui: &mut egui::Ui,
    project: &Project,
    p: &Passage,
    problems: &[crate::model::Problem],
    selected: bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.set_height(18.0);
        // Passages a file brought in broken (outside the text, wrong quote,
        // unknown code) stay listed, flagged, for the user to fix.
        if !problems.is_empty() {
            let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
            ui.colored_label(ui.visuals().error_fg_color, "!")
                .on_hover_text(text.join("\n"));
        }
        // A fixed-width column of swatches keeps the quotes aligned.
        let column = ui.spacing().item_spacing.x + 12.0;
        let shown = p
            .codes
            .iter()
            .filter_map(|c| project.codebook.code(c))
            .take(MAX_SWATCHES);
        let mut n = 0;
        for c in shown {
            swatch(ui, c.color);
            n += 1;
        }
        ui.add_space((MAX_SWATCHES - n) as f32 * column);
        let preview: String = p.quote.chars().take(120).collect();
        let text = format!("{}  {}", p.start, preview.replace('\n', " "));
        // Truncated to the panel: a long quote must not widen the panel.
        let r = ui.add(egui::Button::selectable(selected, text).truncate());
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
