//! The find bar above the reading pane: the query and its options, the hit
//! count, "code all hits" and the corpus results list.
//!
//! The bar keeps its own state (what is typed, the hits, which results are
//! ticked) and returns [`FindAction`]s for anything that changes the project
//! or the view; the workbench carries them out (`workbench/find.rs`).
//! Searching runs only when the query, its options or the documents change,
//! never per frame; the results list lays out only its visible rows.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use egui::Color32;
use egui::text::{CCursorRange, LayoutJob, TextFormat};

use super::actions::Action;
use super::colors::swatch;
use crate::model::search::{self, CorpusHits, HitAt, Mode, SearchOptions};
use crate::model::{CodeId, Document, DocumentId, Project};

/// Code points of context on each side of a hit in the results list.
const CONTEXT: usize = 40;
const RESULTS_HEIGHT: f32 = 170.0;
/// Characters of a document's title shown in a results row.
const TITLE_CHARS: usize = 28;

/// What the find bar asks the workbench to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindAction {
    /// Open the bar (or focus its field again).
    Open,
    Close,
    Next,
    Previous,
    /// Show a hit (switching document if needed) and select its text.
    GoTo(HitAt),
    /// Code the ticked hits, or all of them if none is ticked.
    CodeHits(CodeId),
}

/// The find bar's state across frames.
#[derive(Default)]
pub struct FindBar {
    pub open: bool,
    pub query: String,
    pub options: SearchOptions,
    hits: CorpusHits,
    /// Why the query gives no hits (a bad regular expression).
    pub error: Option<String>,
    /// The hit shown and selected last.
    pub current: Option<HitAt>,
    /// Ticked results by corpus-wide number: "code only these".
    ticked: Vec<bool>,
    ticked_count: usize,
    /// The code "Code all hits" applies.
    pub code: Option<CodeId>,
    show_results: bool,
    /// The field takes focus once on the next frame; `Some(true)` (Ctrl+F)
    /// also selects its text, so typing replaces the query.
    focus_pending: Option<bool>,
    /// What the hits were computed for.
    searched: Option<(String, SearchOptions, u64)>,
    /// Counts searches, so views can keep what they drew from the hits.
    generation: u64,
}

/// A document's hits for the map, with a key that changes whenever they
/// do: (the search's number, the document's place in it).
pub type MapHits<'a> = ((u64, usize), &'a [Range<usize>]);

/// What the bar reads to draw itself.
pub struct BarInput<'a> {
    pub project: &'a Project,
    /// The document shown in the reading pane.
    pub document: &'a DocumentId,
}

impl FindBar {
    /// Opens the bar with its field focused; a short one-line selection
    /// becomes the query (double-click a word, Ctrl+F, Enter).
    pub fn open_with(&mut self, selected_text: Option<&str>) {
        if let Some(text) = selected_text.filter(|t| t.chars().count() <= 80 && !t.contains('\n')) {
            self.query = text.to_owned();
        }
        self.open = true;
        self.show_results = true;
        self.focus_pending = Some(true);
    }

    pub fn close(&mut self) {
        self.open = false;
    }

    pub fn hits(&self) -> &CorpusHits {
        &self.hits
    }

    /// The current hit, if it is in document `id`: its place among the
    /// document's hits.
    pub fn current_in(&self, id: &DocumentId) -> Option<usize> {
        let d = self.hits.position(id)?;
        self.current.filter(|c| c.0 == d).map(|c| c.1)
    }

    /// The hits of document `id` and the current one among them, for
    /// highlighting in the reading pane (nothing while the bar is closed).
    pub fn view_hits(&self, id: &DocumentId) -> Option<(&[Range<usize>], Option<usize>)> {
        self.open
            .then(|| (self.hits.in_document(id), self.current_in(id)))
    }

    /// The hits of document `id` for the document map, with a key that
    /// changes whenever they do: the search's number and the document's
    /// place in it (nothing while the bar is closed).
    pub fn map_hits(&self, id: &DocumentId) -> Option<MapHits<'_>> {
        let d = self.hits.position(id).unwrap_or(usize::MAX);
        self.open
            .then(|| ((self.generation, d), self.hits.in_document(id)))
    }

    /// The hits "Code all hits" codes: the ticked ones, else all.
    pub fn chosen_hits(&self) -> Vec<(DocumentId, Range<usize>)> {
        (0..self.hits.total())
            .filter(|&k| self.ticked_count == 0 || self.ticked.get(k) == Some(&true))
            .filter_map(|k| self.hits.locate(k))
            .filter_map(|at| {
                Some((
                    self.hits.document(at.0)?.clone(),
                    self.hits.get(at)?.clone(),
                ))
            })
            .collect()
    }

    /// Searches again if the query, its options or the documents changed
    /// since last time; returns whether it did (the hits are new).
    pub fn refresh(&mut self, documents: &[Document]) -> bool {
        let corpus = corpus_key(documents);
        let same = self
            .searched
            .as_ref()
            .is_some_and(|(q, o, c)| q == &self.query && *o == self.options && *c == corpus);
        if !self.open || same {
            return false;
        }
        self.searched = Some((self.query.clone(), self.options, corpus));
        self.generation += 1;
        match search::find_in_corpus(documents, &self.query, self.options) {
            Ok(hits) => {
                self.hits = hits;
                self.error = None;
            }
            Err(e) => {
                self.hits = CorpusHits::default();
                self.error = Some(e.to_string());
            }
        }
        self.current = None;
        self.ticked = vec![false; self.hits.total()];
        self.ticked_count = 0;
        true
    }

    /// Draws the bar (and the results list) at the top of the reading pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, input: &BarInput<'_>, actions: &mut Vec<Action>) {
        let push = |actions: &mut Vec<Action>, a: FindAction| actions.push(Action::Find(a));
        ui.horizontal(|ui| {
            self.query_field(ui);
            self.option_buttons(ui);
            if ui
                .small_button("↑")
                .on_hover_text("Previous hit (Shift+Enter, Shift+F3)")
                .clicked()
            {
                push(actions, FindAction::Previous);
            }
            if ui
                .small_button("↓")
                .on_hover_text("Next hit (Enter, F3)")
                .clicked()
            {
                push(actions, FindAction::Next);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button("×").on_hover_text("Close (Esc)").clicked() {
                    push(actions, FindAction::Close);
                }
                ui.toggle_value(&mut self.show_results, "Results");
            });
        });
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, regex_message(error))
                .on_hover_text(egui::RichText::new(error).monospace());
        }
        // The count opens the second row, so a narrow pane never pushes it
        // (or Results and ×) out of sight; the hits' coding follows it.
        ui.horizontal(|ui| {
            ui.label(self.count_text(input.document));
            if self.hits.total() > 0 {
                self.code_row(ui, input.project, actions);
            }
        });
        if self.hits.total() > 0 && self.show_results {
            self.results(ui, input.project, actions);
        }
        ui.separator();
    }

    fn query_field(&mut self, ui: &mut egui::Ui) {
        let id = field_id();
        let response = ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .id(id)
                .hint_text("Find in the documents")
                .desired_width(220.0),
        );
        // Once, not every frame: a standing request repaints forever.
        if let Some(select_all) = self.focus_pending.take() {
            response.request_focus();
            if select_all && let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) {
                let all = CCursorRange::select_all_str(&self.query);
                state.cursor.set_char_range(Some(all));
                state.store(ui.ctx(), id);
            }
        }
    }

    fn option_buttons(&mut self, ui: &mut egui::Ui) {
        let modes = [
            (Mode::Plain, "Text", "The query as plain text"),
            (Mode::WholeWord, "Word", "Whole words only"),
            (Mode::Regex, ".*", "A regular expression"),
        ];
        let mut changed = false;
        for (mode, label, hover) in modes {
            let r = ui.selectable_value(&mut self.options.mode, mode, label);
            changed |= r.on_hover_text(hover).clicked();
        }
        let r = ui.toggle_value(&mut self.options.case_sensitive, "Aa");
        changed |= r.on_hover_text("Match case").clicked();
        if changed {
            // Back to the field, so typing goes on after a click on an option.
            self.focus_pending = Some(false);
        }
    }

    /// "3 of 17 in this document; 41 in the corpus".
    fn count_text(&self, id: &DocumentId) -> String {
        let here = self.hits.in_document(id).len();
        let total = self.hits.total();
        let capped = if here >= search::MAX_HITS { "+" } else { "" };
        let mut text = match self.current_in(id) {
            Some(h) => format!("{} of {here}{capped} in this document", h + 1),
            None => format!("{here}{capped} in this document"),
        };
        if total != here {
            text.push_str(&format!("; {total} in the corpus"));
        }
        text
    }

    /// The code chooser and the button that codes the hits (in a row).
    fn code_row(&mut self, ui: &mut egui::Ui, project: &Project, actions: &mut Vec<Action>) {
        let chosen = self.code.as_ref().and_then(|id| project.codebook.code(id));
        // The chosen code's colour beside the chooser, each code's in it.
        if let Some(code) = chosen {
            swatch(ui, code.color);
        }
        egui::ComboBox::from_id_salt("find-code")
            .selected_text(chosen.map_or_else(|| "Choose a code…".into(), |c| c.name.clone()))
            .show_ui(ui, |ui| {
                for (_, code) in project.codebook.codes() {
                    ui.horizontal(|ui| {
                        swatch(ui, code.color);
                        ui.selectable_value(&mut self.code, Some(code.id.clone()), &code.name);
                    });
                }
            });
        let n = if self.ticked_count > 0 {
            self.ticked_count
        } else {
            self.hits.total()
        };
        let what = if self.ticked_count > 0 {
            "ticked"
        } else {
            "all"
        };
        let code = self
            .code
            .clone()
            .filter(|c| project.codebook.code(c).is_some());
        let button = egui::Button::new(format!("Code {what} {n} hit(s)"));
        let hover = "Each hit becomes a passage with this code (one undo step); a hit that already is a passage gets the code added";
        if ui
            .add_enabled(code.is_some(), button)
            .on_hover_text(hover)
            .clicked()
            && let Some(code) = code
        {
            actions.push(Action::Find(FindAction::CodeHits(code)));
        }
        if self.ticked_count > 0 && ui.small_button("Untick all").clicked() {
            self.ticked.iter_mut().for_each(|t| *t = false);
            self.ticked_count = 0;
        }
    }

    /// Every hit of the corpus, one row each (only visible rows are laid out).
    fn results(&mut self, ui: &mut egui::Ui, project: &Project, actions: &mut Vec<Action>) {
        let row_h = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("find-results")
            .max_height(RESULTS_HEIGHT)
            .auto_shrink([false, true])
            .show_rows(ui, row_h, self.hits.total(), |ui, rows| {
                for k in rows {
                    if let Some(at) = self.hits.locate(k) {
                        self.result_row(ui, project, k, at, actions);
                    }
                }
            });
    }

    fn result_row(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        k: usize,
        at: HitAt,
        actions: &mut Vec<Action>,
    ) {
        let doc = (self.hits.document(at.0)).and_then(|id| project.document(id));
        let (Some(doc), Some(range)) = (doc, self.hits.get(at)) else {
            return;
        };
        ui.horizontal(|ui| {
            if let Some(tick) = self.ticked.get_mut(k) {
                let was = *tick;
                ui.checkbox(tick, "");
                if *tick != was {
                    self.ticked_count = if *tick {
                        self.ticked_count + 1
                    } else {
                        self.ticked_count - 1
                    };
                }
            }
            let job = result_text(ui, doc, range);
            let current = self.current == Some(at);
            let row = if crate::model::bidi::has_rtl(&job.text) {
                // In reading order, on one line cut at the panel's edge.
                let mut job = job;
                job.wrap.max_width = ui.available_width();
                job.wrap.max_rows = 1;
                let source = job.text.clone();
                egui::Button::selectable(current, super::bidi_label::galley(ui, job, &source))
            } else {
                egui::Button::selectable(current, job).truncate()
            };
            if ui.add(row).clicked() {
                actions.push(Action::Find(FindAction::GoTo(at)));
            }
        });
    }
}

/// "Title · ¶12 · …before **hit** after…" for one results row.
fn result_text(ui: &egui::Ui, doc: &Document, range: &Range<usize>) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let plain = |color: Color32| TextFormat {
        font_id: font.clone(),
        color,
        ..Default::default()
    };
    let paragraph = doc.block_at(range.start).map_or(0, |b| b + 1);
    let title = if doc.title().is_empty() {
        &doc.id().0
    } else {
        doc.title()
    };
    let s = search::snippet(doc, range, CONTEXT);
    let mut job = LayoutJob::default();
    let short: String = title.chars().take(TITLE_CHARS).collect();
    let ellipsis = if short.len() < title.len() { "…" } else { "" };
    job.append(
        &format!("{short}{ellipsis} · ¶{paragraph} · "),
        0.0,
        plain(weak),
    );
    job.append(&s.before, 0.0, plain(color));
    let strong = TextFormat {
        background: super::colors::hit_color(ui.visuals().dark_mode, true),
        ..plain(ui.visuals().strong_text_color())
    };
    job.append(&s.hit, 0.0, strong);
    job.append(&s.after, 0.0, plain(color));
    job
}

/// The id of the query field (the workbench asks whether it has focus).
pub fn field_id() -> egui::Id {
    egui::Id::unique("find-query")
}

/// The last line of a regex error ("error: unclosed group"), for one row;
/// the whole message with its pointer shows on hover.
fn regex_message(error: &str) -> String {
    let line = error
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(error);
    format!(
        "Not a valid regular expression: {}",
        line.trim().trim_start_matches("error: ")
    )
}

/// A cheap fingerprint of the documents, to notice when they change (an
/// import or revision replaces them; coding does not).
fn corpus_key(documents: &[Document]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for d in documents {
        d.id().hash(&mut h);
        d.char_len().hash(&mut h);
        (d.text().as_ptr() as usize).hash(&mut h);
    }
    h.finish()
}
