//! All passages of the document, sortable by position or by code (then
//! under a header per code: swatch, name, count); a click selects the
//! passage and scrolls the document to it. Above them, when a
//! revision left any without their text, those that need re-placing, each
//! with its one-click "Re-place on the selection".

use std::sync::Arc;

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

/// One row of the list: a passage, or (sorted by code) the header of the
/// passages under a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    /// A code's position in the codebook (`None`: no code, or one the
    /// codebook lacks) and how many passages follow under it.
    Header { code: Option<usize>, count: usize },
    /// An index into `Project::passages`.
    Passage(usize),
}

#[derive(Default)]
pub struct PassageList {
    pub sort: SortBy,
    /// Rows for the key they were sorted for; sorting thousands of passages
    /// every frame would be felt.
    rows: Vec<Item>,
    /// How many of `rows` are passages.
    passages: usize,
    key: Option<(u64, SortBy, DocumentId)>,
    texts: RowTexts,
}

/// The shown rows' text as laid out the frame before, by passage (its id
/// and range: a row's text is its start and its quote), for the width it
/// was laid out at (and the glyph atlas: `fonts::atlas_epoch`): an idle frame lays out no row and hashes no quote
/// (egui's own cache would, every frame), and coding a passage lays out
/// only its own row.
#[derive(Default)]
struct RowTexts {
    key: Option<(u32, u32, u64)>,
    shown: Vec<(RowKey, Arc<egui::Galley>)>,
    before: Vec<(RowKey, Arc<egui::Galley>)>,
}

/// A passage's id (hashed: no copy of it each frame), its range and its
/// quote's length (a revision may change the text under the same range).
type RowKey = (u64, usize, usize, usize);

impl RowTexts {
    /// Starts a frame: what was shown is what may be reused.
    fn begin(&mut self, key: (u32, u32, u64)) {
        self.before = std::mem::take(&mut self.shown);
        if self.key != Some(key) {
            self.before.clear();
            self.key = Some(key);
        }
    }

    fn get(&mut self, p: &Passage, make: impl FnOnce() -> Arc<egui::Galley>) -> Arc<egui::Galley> {
        use std::hash::BuildHasher;
        let id = foldhash::fast::FixedState::default().hash_one(&p.id.0);
        let key = (id, p.start, p.end, p.quote.len());
        let kept = (self.before.iter())
            .find(|(k, _)| *k == key)
            .map(|(_, g)| g.clone());
        let galley = kept.unwrap_or_else(make);
        self.shown.push((key, galley.clone()));
        galley
    }
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
    /// The selected text (its start and words): a coding would add its row,
    /// which is laid out ahead, as the inspector lays out its quote.
    pub selection: Option<(usize, &'a str)>,
}

impl PassageList {
    pub fn ui(&mut self, ui: &mut egui::Ui, input: &ListInput<'_>, actions: &mut Vec<Action>) {
        // By position the rows are the index's own order, read in place: an
        // edit then costs the list nothing (a copy of 10,000 rows was felt).
        let in_order: &[usize] =
            (input.index.document(input.document)).map_or(&[], |d| d.in_order.as_slice());
        let key = (input.revision, self.sort, input.document.clone());
        if self.sort == SortBy::Position {
            self.passages = in_order.len();
            self.rows.clear();
            self.key = None;
        } else if self.key.as_ref() != Some(&key) {
            let sorted = self.sorted(input);
            self.passages = sorted.len();
            self.rows = with_headers(input.project, sorted);
            self.key = Some(key);
        }
        let count = match self.sort {
            SortBy::Position => in_order.len(),
            SortBy::Code => self.rows.len(),
        };
        let rows = &self.rows;
        let texts = &mut self.texts;
        let item = |k: usize| match rows.get(k) {
            Some(&item) => item,
            None => Item::Passage(in_order[k]),
        };
        let project = input.project;
        needs_replacing(ui, input, actions);
        ui.horizontal(|ui| {
            // The heading gives way to the sort buttons in a narrow pane
            // (cut with "…", whole on hover) rather than run under them.
            let room = (ui.available_width() - 150.0).max(40.0);
            if input.selection.is_some() {
                heading(ui, self.passages + 1, room);
            }
            let shown = heading(ui, self.passages, room);
            ui.scope(|ui| {
                ui.set_max_width(room);
                ui.add(egui::Label::new(shown));
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.selectable_value(&mut self.sort, SortBy::Code, "by code");
                ui.selectable_value(&mut self.sort, SortBy::Position, "by position");
            });
        });
        egui::ScrollArea::vertical()
            .id_salt("passage-list")
            .auto_shrink([false, false])
            .show_rows(ui, ROW_H, count, |ui, shown| {
                let width = (ui.available_width() - TEXT_X).max(0.0);
                let ppp = ui.ctx().pixels_per_point();
                let atlas = super::fonts::atlas_epoch(ui.ctx());
                texts.begin((width.to_bits(), ppp.to_bits(), atlas));
                let mut swatches = Swatches::under(ui.painter());
                for item in shown.map(item) {
                    let i = match item {
                        Item::Passage(i) => i,
                        Item::Header { code, count } => {
                            header(ui, project, code, count, &mut swatches);
                            continue;
                        }
                    };
                    let p = &project.passages[i];
                    let row = Row {
                        project,
                        p,
                        problems: input.index.problems(i),
                        selected: input.selected == Some(&p.id),
                    };
                    row.ui(ui, (&mut swatches, &mut *texts), actions);
                }
                swatches.paint(ui.painter());
                if let Some((start, words)) = input.selection {
                    row_line(ui, start, words, width);
                }
            });
    }

    fn sorted(&self, input: &ListInput<'_>) -> Vec<usize> {
        let project = input.project;
        let mut v: Vec<usize> =
            (input.index.document(input.document)).map_or_else(Vec::new, |d| d.in_order.clone());
        if self.sort == SortBy::Code {
            v.sort_by_key(|&i| first_code(project, &project.passages[i]).unwrap_or(usize::MAX));
        }
        v
    }
}

/// The codebook position of a passage's first code (in codebook order),
/// which it is listed under when sorted by code.
fn first_code(project: &Project, p: &Passage) -> Option<usize> {
    (p.codes.iter())
        .filter_map(|c| project.codebook.code_index(c))
        .min()
}

/// Passages sorted by first code, each code's run after a header.
fn with_headers(project: &Project, sorted: Vec<usize>) -> Vec<Item> {
    let mut out = Vec::with_capacity(sorted.len() + project.codebook.codes().count() + 1);
    // The code of the run being listed, and where its header is.
    let mut run: Option<(Option<usize>, usize)> = None;
    for i in sorted {
        let code = first_code(project, &project.passages[i]);
        match run {
            Some((c, at)) if c == code => {
                if let Some(Item::Header { count, .. }) = out.get_mut(at) {
                    *count += 1;
                }
            }
            _ => {
                run = Some((code, out.len()));
                out.push(Item::Header { code, count: 1 });
            }
        }
        out.push(Item::Passage(i));
    }
    out
}

/// A header row: the code's swatch, name and count, painted like the rows
/// (grey for passages without a code the codebook knows).
fn header(
    ui: &mut egui::Ui,
    project: &Project,
    code: Option<usize>,
    count: usize,
    swatches: &mut Swatches,
) {
    let found = code
        .and_then(|k| project.codebook.codes().nth(k))
        .map(|(_, c)| c);
    let name = found.map_or("No code", |c| c.name.as_str());
    let text = format!("{name} ({count})");
    let size = egui::vec2(ui.available_width(), ROW_H);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    if !ui.is_rect_visible(rect) {
        return;
    }
    let at = egui::pos2(rect.left() + SWATCH_STEP, rect.center().y - SWATCH / 2.0);
    let square = egui::Rect::from_min_size(at, egui::Vec2::splat(SWATCH));
    match found {
        Some(c) => swatches.add(square, c.color),
        None => swatches.fill(square, ui.visuals().weak_text_color()),
    }
    let galley = egui::WidgetText::from(egui::RichText::new(text).strong()).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        (rect.right() - at.x - SWATCH_STEP).max(0.0),
        egui::TextStyle::Button,
    );
    let y = rect.center().y - galley.size().y / 2.0;
    let x = at.x + SWATCH_STEP;
    ui.painter()
        .galley(egui::pos2(x, y), galley, ui.visuals().strong_text_color());
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
/// Where a row's text starts: after the flag and the swatch column.
const TEXT_X: f32 = SWATCH_STEP + MAX_SWATCHES as f32 * SWATCH_STEP + 4.0;
/// A swatch's side, and the space a swatch takes in the row.
const SWATCH: f32 = 10.0;
const SWATCH_STEP: f32 = 14.0;

/// "Passages (n)", cut with "…" to `room`.
fn heading(ui: &egui::Ui, n: usize, room: f32) -> Arc<egui::Galley> {
    let text = egui::RichText::new(format!("Passages ({n})")).heading();
    let wrap = Some(egui::TextWrapMode::Truncate);
    egui::WidgetText::from(text).into_galley(ui, wrap, room, egui::TextStyle::Heading)
}

/// A row's text: the start, then the first 120 characters of the quote
/// on one line (characters that draw nothing shown by their code points).
fn row_text(start: usize, quote: &str) -> (String, std::borrow::Cow<'_, str>) {
    let quote = if super::invisible::is_unseen(quote) {
        super::invisible::marker(quote).into()
    } else {
        let cut = (quote.char_indices().nth(120)).map_or(quote.len(), |(b, _)| b);
        quote[..cut].into()
    };
    (format!("{start}  "), quote)
}

/// A row's text laid out `width` wide.
fn row_line(ui: &egui::Ui, start: usize, quote: &str, width: f32) -> Arc<egui::Galley> {
    let (prefix, quote) = row_text(start, quote);
    let style = egui::TextStyle::Button;
    super::bidi_label::line(ui, (&prefix, &quote, ""), &style, width)
}

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
    fn ui(
        &self,
        ui: &mut egui::Ui,
        (swatches, texts): (&mut Swatches, &mut RowTexts),
        actions: &mut Vec<Action>,
    ) {
        let p = self.p;
        let size = egui::vec2(ui.available_width(), ROW_H);
        let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
        response.widget_info(|| {
            let (prefix, quote) = row_text(p.start, &p.quote);
            let shown: String = quote.chars().map(super::invisible::for_label).collect();
            let name = format!("{prefix}{shown}");
            egui::WidgetInfo::selected(egui::Role::Button, true, self.selected, &name)
        });
        if ui.is_rect_visible(rect) {
            let line = || row_line(ui, p.start, &p.quote, (rect.width() - TEXT_X).max(0.0));
            self.paint(ui, swatches, &response, texts.get(p, line));
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
    fn paint(
        &self,
        ui: &egui::Ui,
        swatches: &mut Swatches,
        r: &egui::Response,
        galley: Arc<egui::Galley>,
    ) {
        let rect = r.rect;
        let visuals = ui.visuals();
        let ground = if self.selected {
            Some(visuals.selection.bg_fill)
        } else {
            (r.hovered() || r.has_focus()).then_some(visuals.widgets.hovered.weak_bg_fill)
        };
        let first = rect.left() + SWATCH_STEP;
        let text_x = rect.left() + TEXT_X;
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
        let color = if self.selected {
            visuals.selection.stroke.color
        } else {
            visuals.text_color()
        };
        let y = rect.center().y - galley.size().y / 2.0;
        ui.painter().galley(egui::pos2(text_x, y), galley, color);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CodeId;
    use chrono::Utc;

    #[test]
    fn sorted_by_code_each_run_of_passages_follows_its_header() {
        let mut project = crate::assets::example_project();
        project.passages = Vec::new().into();
        let doc = project.documents[0].clone();
        for (k, code) in ["cause", "pretext", "", "pretext"].iter().enumerate() {
            let mut p = Passage::new(&doc, k * 10, k * 10 + 5, "T", Utc::now());
            p.codes = (!code.is_empty())
                .then(|| CodeId((*code).into()))
                .into_iter()
                .collect();
            project.passages.push(p);
        }
        // Pretext is first in the codebook, then Cause; no code last.
        let items = with_headers(&project, vec![1, 3, 0, 2]);
        assert_eq!(
            items,
            [
                Item::Header {
                    code: Some(0),
                    count: 2
                },
                Item::Passage(1),
                Item::Passage(3),
                Item::Header {
                    code: Some(1),
                    count: 1
                },
                Item::Passage(0),
                Item::Header {
                    code: None,
                    count: 1
                },
                Item::Passage(2),
            ]
        );
    }
}
