//! The Analysis window: code frequencies (table and chart), co-occurrence
//! as heat maps with the codebook's headline 2×2 first, and retrieval of
//! the passages of a code or a code combination. It reads
//! `analysis::stats`, recomputed only when the project changed.

use egui::{Color32, RichText};

use super::actions::Action;
use super::colors::color;
use crate::analysis::stats::{self, Crosstab, Frequency, Query, Stats};
use crate::model::{CodeId, Project};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Frequencies,
    Cooccurrence,
    Retrieve,
}

/// Whether a retrieval needs all the chosen codes or any of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Combine {
    #[default]
    All,
    Any,
}

#[derive(Default)]
pub struct AnalysisWindow {
    pub open: bool,
    pub tab: Tab,
    /// Overlapping passages instead of the same passage in the matrix.
    overlapping: bool,
    /// Codes chosen for retrieval, and those excluded.
    pub chosen: Vec<CodeId>,
    pub excluded: Vec<CodeId>,
    pub combine: Combine,
    cached: Option<(u64, Stats)>,
    /// Indexes of the passages retrieved, for the revision and query.
    hits: Option<(u64, Query, Vec<usize>)>,
}

impl AnalysisWindow {
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        revision: u64,
        actions: &mut Vec<Action>,
    ) {
        if self.cached.as_ref().is_none_or(|(r, _)| *r != revision) {
            self.cached = Some((revision, stats::compute(project)));
        }
        let mut open = self.open;
        egui::Window::new("Analysis")
            .open(&mut open)
            .default_size([620.0, 560.0])
            .vscroll(true)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.tab, Tab::Frequencies, "Frequencies");
                    ui.selectable_value(&mut self.tab, Tab::Cooccurrence, "Co-occurrence");
                    ui.selectable_value(&mut self.tab, Tab::Retrieve, "Retrieve");
                });
                ui.separator();
                self.tab_ui(ui, project, actions);
            });
        self.open = open;
    }

    fn tab_ui(&mut self, ui: &mut egui::Ui, project: &Project, actions: &mut Vec<Action>) {
        // Taken out for the frame so the tabs may change `self`.
        let Some((revision, stats)) = self.cached.take() else {
            return;
        };
        match self.tab {
            Tab::Frequencies => frequencies_ui(ui, project, &stats),
            Tab::Cooccurrence => self.cooccurrence_ui(ui, project, &stats),
            Tab::Retrieve => self.retrieve_ui(ui, project, revision, actions),
        }
        self.cached = Some((revision, stats));
    }

    /// Shows the passages carrying both codes (a click on a matrix cell).
    fn retrieve_pair(&mut self, a: &CodeId, b: &CodeId) {
        self.chosen = if a == b {
            vec![a.clone()]
        } else {
            vec![a.clone(), b.clone()]
        };
        self.excluded.clear();
        self.combine = Combine::All;
        self.tab = Tab::Retrieve;
    }
}

// ---------------------------------------------------------------------------
// Frequencies

fn frequencies_ui(ui: &mut egui::Ui, project: &Project, stats: &Stats) {
    ui.weak(format!(
        "{} passages over {} code points of text; characters count overlaps once.",
        stats.frequencies.any_code.passages, stats.total_characters
    ));
    egui::Grid::new("frequencies")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in ["Code", "Dimension", "Passages", "Characters", "Share"] {
                ui.strong(h);
            }
            ui.end_row();
            for (label, f) in stats.codes.iter().zip(&stats.frequencies.codes) {
                super::bidi_label::label(ui, &label.name);
                ui.weak(&label.dimension);
                frequency_cells(ui, f);
                ui.end_row();
            }
            ui.strong("Any code");
            ui.label("");
            frequency_cells(ui, &stats.frequencies.any_code);
            ui.end_row();
        });
    ui.add_space(8.0);
    frequency_chart(ui, project, stats);
    per_coder_ui(ui, stats);
}

fn frequency_cells(ui: &mut egui::Ui, f: &Frequency) {
    ui.label(f.passages.to_string());
    ui.label(f.characters.to_string());
    ui.label(format!("{:.1} %", f.share * 100.0));
}

/// Passages per code as a bar chart, each bar in its code's colour.
fn frequency_chart(ui: &mut egui::Ui, project: &Project, stats: &Stats) {
    use egui_plot::{Bar, BarChart};
    let bars: Vec<Bar> = (stats.codes.iter().zip(&stats.frequencies.codes).enumerate())
        .map(|(i, (label, f))| {
            let fill = project
                .codebook
                .code(&label.id)
                .map_or(Color32::GRAY, |c| color(c.color));
            Bar::new(i as f64, f.passages as f64)
                .name(&label.name)
                .fill(fill)
                .width(0.7)
        })
        .collect();
    let names: Vec<String> = stats.codes.iter().map(|c| c.name.clone()).collect();
    super::charts::category_plot("frequency-chart", names, 180.0)
        .y_axis_label("passages")
        .show(ui, |plot| plot.bar_chart(BarChart::new("passages", bars)));
}

fn per_coder_ui(ui: &mut egui::Ui, stats: &Stats) {
    if stats.per_coder.len() < 2 {
        return;
    }
    ui.add_space(8.0);
    ui.strong("Passages per coder");
    egui::Grid::new("per-coder").striped(true).show(ui, |ui| {
        ui.label("Coder");
        for c in &stats.codes {
            super::bidi_label::label(ui, &c.name);
        }
        ui.end_row();
        for coder in &stats.per_coder {
            ui.label(if coder.coder.is_empty() {
                "(none)"
            } else {
                &coder.coder
            });
            for f in &coder.tally.codes {
                ui.label(f.passages.to_string());
            }
            ui.end_row();
        }
    });
}

// ---------------------------------------------------------------------------
// Co-occurrence

impl AnalysisWindow {
    fn cooccurrence_ui(&mut self, ui: &mut egui::Ui, project: &Project, stats: &Stats) {
        if let Some(headline) = &stats.headline {
            ui.strong(format!(
                "{} × {}",
                headline.row_dimension, headline.column_dimension
            ));
            ui.weak("Passages carrying both codes (and their code points). Click a cell for its passages.");
            self.crosstab_ui(ui, project, headline);
            ui.add_space(10.0);
        }
        ui.horizontal(|ui| {
            ui.strong("All codes");
            ui.selectable_value(&mut self.overlapping, false, "same passage");
            ui.selectable_value(&mut self.overlapping, true, "overlapping passages");
        });
        let matrix = if self.overlapping {
            &stats.cooccurrence.overlapping_passages
        } else {
            &stats.cooccurrence.same_passage
        };
        let names: Vec<(CodeId, String)> = stats
            .codes
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect();
        if let Some((a, b)) = heat_map(ui, project, &names, &names, |r, c| (matrix[r][c], None)) {
            self.retrieve_pair(&a, &b);
        }
    }

    fn crosstab_ui(&mut self, ui: &mut egui::Ui, project: &Project, t: &Crosstab) {
        let rows: Vec<(CodeId, String)> = t
            .rows
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect();
        let cols: Vec<(CodeId, String)> = t
            .columns
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect();
        let cell = |r: usize, c: usize| (t.cells[r][c].passages, Some(t.cells[r][c].characters));
        if let Some((a, b)) = heat_map(ui, project, &rows, &cols, cell) {
            self.retrieve_pair(&a, &b);
        }
    }
}

/// A table whose cells are shaded by their count; returns the clicked
/// cell's row and column codes.
fn heat_map(
    ui: &mut egui::Ui,
    project: &Project,
    rows: &[(CodeId, String)],
    cols: &[(CodeId, String)],
    cell: impl Fn(usize, usize) -> (usize, Option<usize>),
) -> Option<(CodeId, CodeId)> {
    let max = (0..rows.len())
        .flat_map(|r| (0..cols.len()).map(move |c| (r, c)))
        .map(|(r, c)| cell(r, c).0)
        .max()
        .unwrap_or(0)
        .max(1);
    let mut clicked = None;
    let base = ui.visuals().selection.bg_fill;
    egui::Grid::new(ui.next_auto_id())
        .spacing([4.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            for (_, name) in cols {
                ui.strong(name);
            }
            ui.end_row();
            for (r, (row_id, row_name)) in rows.iter().enumerate() {
                code_label(ui, project, row_id, row_name);
                for (c, (col_id, col_name)) in cols.iter().enumerate() {
                    let (n, chars) = cell(r, c);
                    let text = chars.map_or(n.to_string(), |k| format!("{n}\n{k} chars"));
                    let fill = base.gamma_multiply(0.15 + 0.85 * n as f32 / max as f32);
                    let button = egui::Button::new(RichText::new(text).strong())
                        .fill(fill)
                        .min_size(egui::vec2(72.0, 36.0));
                    let hint =
                        format!("{row_name} and {col_name}: {n} passage(s); click to list them");
                    if ui.add(button).on_hover_text(hint).clicked() {
                        clicked = Some((row_id.clone(), col_id.clone()));
                    }
                }
                ui.end_row();
            }
        });
    clicked
}

fn code_label(ui: &mut egui::Ui, project: &Project, id: &CodeId, name: &str) {
    ui.horizontal(|ui| {
        if let Some(code) = project.codebook.code(id) {
            super::colors::swatch(ui, code.color);
        }
        ui.strong(name);
    });
}

// ---------------------------------------------------------------------------
// Retrieval

impl AnalysisWindow {
    fn retrieve_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        revision: u64,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal(|ui| {
            ui.label("Passages with");
            ui.selectable_value(&mut self.combine, Combine::All, "all of");
            ui.selectable_value(&mut self.combine, Combine::Any, "any of");
            ui.label("the ticked codes, none of the crossed ones:");
        });
        ui.horizontal_wrapped(|ui| {
            for (_, code) in project.codebook.codes() {
                self.code_toggle(ui, code);
            }
        });
        ui.separator();
        let query = self.query();
        if query.all.is_empty() && query.any.is_empty() {
            ui.weak("Tick a code to list its passages.");
            return;
        }
        let stale = (self.hits.as_ref()).is_none_or(|(r, q, _)| *r != revision || q != &query);
        if stale {
            let found = stats::retrieve(project, &query)
                .iter()
                .map(|h| h.index)
                .collect();
            self.hits = Some((revision, query, found));
        }
        let Some((_, _, hits)) = &self.hits else {
            return;
        };
        ui.weak(format!(
            "{} passage(s), in document order. Click one to go to it.",
            hits.len()
        ));
        // Only the rows in view are laid out: a code may have thousands.
        let row_height = ui.text_style_height(&egui::TextStyle::Body);
        egui::ScrollArea::vertical()
            .id_salt("retrieved")
            .max_height(320.0)
            .show_rows(ui, row_height, hits.len(), |ui, rows| {
                for &i in &hits[rows] {
                    retrieved_row(ui, project, i, actions);
                }
            });
    }

    /// A code's tick (include) and cross (exclude) toggles.
    fn code_toggle(&mut self, ui: &mut egui::Ui, code: &crate::model::Code) {
        super::colors::swatch(ui, code.color);
        let mut on = self.chosen.contains(&code.id);
        if ui.checkbox(&mut on, &code.name).changed() {
            toggle(&mut self.chosen, &code.id, on);
        }
        let mut off = self.excluded.contains(&code.id);
        let cross = ui
            .toggle_value(&mut off, "not")
            .on_hover_text("Leave out passages with this code");
        if cross.changed() {
            toggle(&mut self.excluded, &code.id, off);
        }
        ui.add_space(8.0);
    }

    pub fn query(&self) -> Query {
        let query = match self.combine {
            Combine::All => Query::all_of(self.chosen.iter().cloned()),
            Combine::Any => Query::any_of(self.chosen.iter().cloned()),
        };
        query.but_not(self.excluded.iter().cloned())
    }
}

/// One retrieved passage: document, position and quote; a click goes there.
fn retrieved_row(ui: &mut egui::Ui, project: &Project, i: usize, actions: &mut Vec<Action>) {
    let Some(p) = project.passages.get(i) else {
        return;
    };
    // The quote first; the document's title only matters in a corpus.
    let mut place = format!("{}–{}  ", p.start, p.end);
    if project.documents.len() > 1 {
        let title = project.document(&p.document).map_or("", |d| d.title());
        place = format!("{title} · {place}");
    }
    let style = egui::TextStyle::Body;
    let width = ui.available_width();
    let text = super::bidi_label::line(ui, (&place, &p.quote, ""), &style, width);
    let row = ui.add(egui::Label::new(text).sense(egui::Sense::click()));
    if row.on_hover_text(&p.quote).clicked() {
        actions.push(Action::select(Some(p.id.clone()), true));
    }
}

fn toggle(list: &mut Vec<CodeId>, id: &CodeId, on: bool) {
    list.retain(|c| c != id);
    if on {
        list.push(id.clone());
    }
}
