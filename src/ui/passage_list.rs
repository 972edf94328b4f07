//! All passages of the document, sortable by position or by code; a click
//! selects the passage and scrolls the document to it. Above them, when a
//! revision left any without their text, those that need re-placing, each
//! with its one-click "Re-place on the selection".

use super::actions::Action;
use super::colors::Swatches;
use crate::model::text::one_line;
use crate::model::{DocumentId, Orphan, Passage, PassageId, PassageIndex, Project};

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
    /// Text is selected, so a passage can be re-placed on it.
    pub can_place: bool,
}

impl PassageList {
    pub fn ui(&mut self, ui: &mut egui::Ui, input: &ListInput<'_>, actions: &mut Vec<Action>) {
        let key = (input.revision, self.sort, input.document.clone());
        if self.key.as_ref() != Some(&key) {
            self.rows = self.sorted(input);
            self.key = Some(key);
        }
        let project = input.project;
        needs_replacing(ui, input, actions);
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
            .show_rows(ui, ROW_H, self.rows.len(), |ui, rows| {
                let mut swatches = Swatches::under(ui.painter());
                for &i in &self.rows[rows] {
                    let p = &project.passages[i];
                    let row = Row {
                        project,
                        p,
                        problems: input.index.problems(i),
                        selected: input.selected == Some(&p.id),
                    };
                    row.ui(ui, &mut swatches, actions);
                }
                swatches.paint(ui.painter());
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

/// The document's passages that need re-placing: each quote (a click
/// selects it, for the inspector) and its "Re-place on the selection".
fn needs_replacing(ui: &mut egui::Ui, input: &ListInput<'_>, actions: &mut Vec<Action>) {
    let orphans: Vec<&Orphan> = (input.project.orphans.iter())
        .filter(|o| &o.document == input.document)
        .collect();
    if orphans.is_empty() {
        return;
    }
    let heading = egui::RichText::new(format!("Needs re-placing ({})", orphans.len()))
        .color(ui.visuals().warn_fg_color)
        .strong();
    egui::CollapsingHeader::new(heading)
        .id_salt("needs-re-placing")
        .default_open(true)
        .show(ui, |ui| {
            ui.weak(
                "Their text changed in a revision. Select where each belongs, then re-place it.",
            );
            // A third of the room at most: the passages below stay in view.
            let most = (ui.available_height() / 3.0).clamp(48.0, 160.0);
            egui::ScrollArea::vertical()
                .id_salt("orphans")
                .max_height(most)
                .show(ui, |ui| {
                    for o in orphans {
                        orphan_row(ui, o, input, actions);
                    }
                });
        });
    ui.separator();
}

/// The quote on a line of its own (as much as the pane's width shows), its
/// button below it, so a narrow pane cuts neither.
fn orphan_row(ui: &mut egui::Ui, o: &Orphan, input: &ListInput<'_>, actions: &mut Vec<Action>) {
    let short = one_line(&o.quote, 80);
    let selected = input.selected == Some(&o.id);
    let label = egui::Button::selectable(selected, format!("“{short}”")).truncate();
    let width = ui.available_width();
    if ui
        .add_sized([width, 18.0], label)
        .on_hover_text(&o.quote)
        .clicked()
    {
        actions.push(Action::select(Some(o.id.clone()), false));
    }
    super::inspector::re_place_button(ui, &o.id, Some(&short), input.can_place, actions);
    ui.add_space(4.0);
}

/// Height of a row (without the spacing between rows).
const ROW_H: f32 = 20.0;
/// A swatch's side, and the space a swatch takes in the row.
const SWATCH: f32 = 10.0;
const SWATCH_STEP: f32 = 14.0;

/// One row: a flag if the passage has problems, up to three code swatches
/// (a fixed-width column, so the quotes line up), then the start offset and
/// the quote, cut to the panel. Painted directly rather than built from a
/// button and a layout per row: the list is redrawn every frame and a
/// button's machinery cost several times as much.
struct Row<'a> {
    project: &'a Project,
    p: &'a Passage,
    problems: &'a [crate::model::Problem],
    selected: bool,
}

impl Row<'_> {
    fn ui(&self, ui: &mut egui::Ui, swatches: &mut Swatches, actions: &mut Vec<Action>) {
        let p = self.p;
        let size = egui::vec2(ui.available_width(), ROW_H);
        let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
        // The start, then the first 120 characters of the quote on one line.
        let mut text = format!("{}  ", p.start);
        let line = |c: char| if c == '\n' { ' ' } else { c };
        text.extend(p.quote.chars().take(120).map(line));
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, self.selected, &text)
        });
        if ui.is_rect_visible(rect) {
            self.paint(ui, swatches, &response, text);
        }
        // Passages a file brought in broken (outside the text, wrong quote,
        // unknown code) stay listed, flagged, for the user to fix.
        if !self.problems.is_empty() {
            let flag = egui::Rect::from_min_size(rect.min, egui::vec2(SWATCH_STEP, ROW_H));
            let text: Vec<String> = self.problems.iter().map(ToString::to_string).collect();
            let label = egui::RichText::new("!").color(ui.visuals().error_fg_color);
            ui.put(flag, egui::Label::new(label))
                .on_hover_text(text.join("\n"));
        }
        if response.clicked() {
            actions.push(Action::select(Some(p.id.clone()), true));
        }
        if !p.memo.is_empty() {
            response.on_hover_text(&p.memo);
        }
    }

    /// The row's ground (selected, hovered, focused), swatches and text.
    fn paint(&self, ui: &egui::Ui, swatches: &mut Swatches, r: &egui::Response, text: String) {
        let rect = r.rect;
        let visuals = ui.visuals();
        let ground = if self.selected {
            Some(visuals.selection.bg_fill)
        } else {
            (r.hovered() || r.has_focus()).then_some(visuals.widgets.hovered.weak_bg_fill)
        };
        let first = rect.left() + SWATCH_STEP;
        let text_x = first + MAX_SWATCHES as f32 * SWATCH_STEP + 4.0;
        if let Some(fill) = ground {
            swatches.fill(rect.with_min_x(text_x - 4.0), fill);
        }
        if r.has_focus() {
            let focus = visuals.selection.stroke;
            ui.painter()
                .rect_stroke(rect, 2.0, focus, egui::StrokeKind::Inside);
        }
        let codes = (self.p.codes.iter())
            .filter_map(|c| self.project.codebook.code(c))
            .take(MAX_SWATCHES);
        for (k, code) in codes.enumerate() {
            let at = egui::pos2(
                first + k as f32 * SWATCH_STEP,
                rect.center().y - SWATCH / 2.0,
            );
            swatches.add(
                egui::Rect::from_min_size(at, egui::Vec2::splat(SWATCH)),
                code.color,
            );
        }
        let width = (rect.right() - text_x).max(0.0);
        let galley = egui::WidgetText::from(text).into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            width,
            egui::TextStyle::Button,
        );
        let color = if self.selected {
            visuals.selection.stroke.color
        } else {
            visuals.text_color()
        };
        let y = rect.center().y - galley.size().y / 2.0;
        ui.painter().galley(egui::pos2(text_x, y), galley, color);
    }
}
