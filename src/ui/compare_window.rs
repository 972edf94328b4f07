//! The Compare window: agreement between the open project's coders and
//! other codings of the same documents (added from files), per code:
//! kappa, alpha, the same on coded text only, unitizing alpha and, against
//! a reference, passage F1. It also drives the compare view, which paints
//! for one code where two coders agree and where only one coded.
//!
//! With more than two coders, kappa is read pair by pair: a coders ×
//! coders table of Cohen's kappa (one code, or all pooled), and the F1
//! column is one coder's passages against another's, the pair chosen for
//! the compare view ("F1 Ben vs Ana").
//!
//! Agreement over book-length texts takes a noticeable time, so it is
//! [`Deferred`]: a job (progress and Cancel in the window, the last figures
//! shown meanwhile) past `jobs::ON_A_WORKER` code points; small inputs,
//! like the brief, are computed at once. Codings added from files are read
//! by a job too ([`jobs::load_projects`]), never on the UI thread.

use std::path::PathBuf;

use super::actions::Action;
use super::jobs::{self, Deferred, Loaded, Poll, Task};
use crate::analysis::agreement::{
    self, ALL_CODES, Estimate, Options, OutputFormat, Pairwise, Rater, Report,
};
use crate::analysis::compare::{CompareSegment, compare_code};
use crate::model::{Document, DocumentId, Project};

/// The compare view's choice: a code and two raters, by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlay {
    pub code: String,
    pub first: String,
    pub second: String,
}

#[derive(Default)]
pub struct CompareWindow {
    pub open: bool,
    /// Codings loaded from files, with where they came from.
    pub others: Vec<(PathBuf, Rater)>,
    pub exclude_whitespace: bool,
    pub reference: Option<String>,
    /// Shown in the document pane while set.
    pub overlay: Option<Overlay>,
    /// Draft choice for the overlay.
    draft: Option<Overlay>,
    pub errors: Vec<String>,
    /// Counts changes to `others`, so caches see a removal plus an addition.
    generation: u64,
    /// The raters' names and the report, for the inputs they came from.
    figures: Deferred<Key, Computed>,
    /// Segments of the overlay for the shown document, with their key.
    segments: Option<(Key, Overlay, DocumentId, Vec<CompareSegment>)>,
    /// Codings being read from files, a job per "Add codings…" (a second
    /// choice made while the first is read does not cancel it).
    loading: Vec<Task<Loaded>>,
    /// The pairwise kappa table's code, or [`ALL_CODES`].
    pairwise_code: Option<String>,
}

/// Names and figures for one set of inputs.
struct Computed {
    names: Vec<String>,
    report: Result<Report, String>,
    /// Every pair of coders (kappa, passage F1); `None` with the report's error.
    pairwise: Option<Pairwise>,
}

impl Computed {
    fn new(raters: Vec<Rater>, options: &Options) -> Self {
        let report = agreement::agree(&raters, options).map_err(|e| e.to_string());
        // The report checked the inputs: the pairs fail only where it did.
        let pairwise = (report.is_ok())
            .then(|| agreement::pairwise(&raters, options).ok())
            .flatten();
        let names = raters.into_iter().map(|r| r.name).collect();
        Self {
            names,
            report,
            pairwise,
        }
    }

    /// No figures: the computation `what` (failed, was cancelled); the
    /// coders' names of the `last` figures stay shown.
    fn not_had(what: &str, last: Option<Self>) -> Self {
        let names = last.map_or(Vec::new(), |c| c.names);
        let report = Err(format!(
            "Agreement not computed: the computation {what}. Change an input or option to compute it again."
        ));
        Self {
            names,
            report,
            pairwise: None,
        }
    }
}

/// What a cached result depends on: the project's revision, the loaded
/// codings and the options.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    revision: u64,
    generation: u64,
    exclude_whitespace: bool,
    reference: Option<String>,
}

impl CompareWindow {
    /// The raters: the open project's coders, then the loaded codings.
    pub fn raters(&self, project: &Project) -> Vec<Rater> {
        let mut raters = agreement::split_by_coder(project);
        if raters.is_empty() {
            raters.push(Rater::new("this project", project.clone()));
        }
        raters.extend(self.others.iter().map(|(_, r)| r.clone()));
        raters
    }

    /// Reads codings from files on a worker thread; a file with several
    /// coders gives several. They join when the job is done ([`Self::poll`]).
    pub fn add_files(&mut self, paths: &[PathBuf]) {
        let paths = paths.to_vec();
        let label = format!("Reading {} coding(s)", paths.len());
        let mut task = Task::default();
        task.start(jobs::load_projects(label, move || Ok(paths)));
        self.loading.push(task);
    }

    /// Takes the codings read, once their job is done; each file that
    /// could not be read is named in the window, and the others still join.
    pub fn poll(&mut self) {
        let mut tasks = std::mem::take(&mut self.loading);
        for task in &mut tasks {
            self.take_loaded(task.poll());
        }
        tasks.retain(Task::running);
        self.loading = tasks;
    }

    fn take_loaded(&mut self, polled: Poll<Loaded>) {
        match polled {
            Poll::Running => {}
            Poll::Done(Loaded::Read(loaded)) => {
                for (path, project) in loaded {
                    match project {
                        Ok(project) => self.add_project(&path, project),
                        Err(e) => self.errors.push(e),
                    }
                }
            }
            Poll::Done(Loaded::Unlisted(e)) => self.errors.push(e),
            Poll::Done(Loaded::Cancelled) => self
                .errors
                .push("Adding codings cancelled; nothing added".into()),
            Poll::Died => self
                .errors
                .push("The codings could not be read: the reading failed unexpectedly".into()),
        }
    }

    fn add_project(&mut self, path: &std::path::Path, project: Project) {
        let label = crate::io::file_label(path);
        self.generation += 1;
        let split = agreement::split_by_coder(&project);
        if split.len() <= 1 {
            self.others
                .push((path.to_path_buf(), Rater::new(label, project)));
            return;
        }
        for r in split {
            let name = format!("{label}:{}", r.name);
            self.others
                .push((path.to_path_buf(), Rater::new(name, r.project)));
        }
    }

    fn key(&self, revision: u64) -> Key {
        Key {
            revision,
            generation: self.generation,
            exclude_whitespace: self.exclude_whitespace,
            reference: self.reference.clone(),
        }
    }

    /// Names and report for the current inputs, recomputed only when they
    /// changed (the raters are whole projects: never built per frame).
    fn refresh(&mut self, project: &Project, revision: u64) {
        let key = self.key(revision);
        let mut figures = std::mem::take(&mut self.figures);
        let prepare = || {
            let raters = self.raters(project);
            let options = Options {
                exclude_whitespace: self.exclude_whitespace,
                reference: self.reference.clone(),
                ..Options::default()
            };
            let size = (raters.iter().flat_map(|r| &r.project.documents))
                .map(Document::char_len)
                .sum();
            (size, move || Computed::new(raters, &options))
        };
        figures.refresh(
            &key,
            prepare,
            |size| format!("Computing agreement ({size} code points)"),
            Computed::not_had,
        );
        self.figures = figures;
    }

    /// Whether codings are being read or agreement computed on a worker
    /// thread.
    pub fn computing(&self) -> bool {
        self.figures.computing() || self.loading.iter().any(Task::running)
    }

    /// The overlay's segments for the shown document, cached (a document's
    /// text changes only with the revision).
    pub fn overlay_segments(
        &mut self,
        project: &Project,
        revision: u64,
        document: &Document,
    ) -> Option<&[CompareSegment]> {
        let overlay = self.overlay.clone()?;
        let key = self.key(revision);
        let id = document.id();
        let fresh = (self.segments.as_ref())
            .is_some_and(|(k, o, d, _)| k == &key && o == &overlay && d == id);
        if !fresh {
            let raters = self.raters(project);
            let find = |name: &str| raters.iter().find(|r| r.name == name).map(|r| &r.project);
            let segs = match (find(&overlay.first), find(&overlay.second)) {
                (Some(a), Some(b)) => compare_code(a, b, &overlay.code, document.text()),
                _ => Vec::new(),
            };
            self.segments = Some((key, overlay, id.clone(), segs));
        }
        self.segments.as_ref().map(|(_, _, _, s)| s.as_slice())
    }
}

// ---------------------------------------------------------------------------
// Window

impl CompareWindow {
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        revision: u64,
        actions: &mut Vec<Action>,
    ) {
        let mut open = self.open;
        egui::Window::new("Compare codings")
            .open(&mut open)
            .default_size([640.0, 520.0])
            .vscroll(true)
            .show(ctx, |ui| {
                self.refresh(project, revision);
                self.inputs_ui(ui, actions);
                self.loading.iter().for_each(|task| task.ui(ui));
                ui.separator();
                self.figures.progress_ui(ui, Computed::not_had);
                self.results_ui(ui, actions);
            });
        self.open = open;
    }

    /// Above the document while the compare view is on: what it shows, the
    /// legend, and a way out.
    pub fn banner(&mut self, ui: &mut egui::Ui) {
        let Some(o) = &self.overlay else { return };
        let title = format!("Compare view: {}, {} vs {}", o.code, o.first, o.second);
        let hide = ui
            .horizontal_wrapped(|ui| {
                ui.strong(title);
                legend(ui);
                ui.button("Hide").clicked()
            })
            .inner;
        if hide {
            self.overlay = None;
        }
    }

    fn inputs_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        ui.label("Codings of the same document(s), matched by their text; codes matched by name.");
        let names: &[String] = self.figures.latest().map_or(&[], |c| &c.names);
        ui.horizontal_wrapped(|ui| {
            ui.weak("Coders:");
            for name in names {
                super::bidi_label::label(ui, name);
            }
        });
        let mut remove = None;
        for (i, (path, rater)) in self.others.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.weak(format!("{}: {}", rater.name, path.display()));
                if ui.small_button("Remove").clicked() {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            self.others.remove(i);
            self.generation += 1;
        }
        for e in &self.errors {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.horizontal(|ui| {
            if ui.button("Add codings…").clicked() {
                self.errors.clear();
                actions.push(Action::Choose(super::file_dialog::Purpose::Compare));
            }
            ui.checkbox(&mut self.exclude_whitespace, "Leave out whitespace");
            if reference_combo(ui, names, &mut self.reference)
                && let (Some(draft), Some(r)) = (&mut self.draft, &self.reference)
            {
                // The F1 column then reads the chosen pair against it.
                draft.second.clone_from(r);
            }
        });
    }

    fn results_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        // Taken out for the frame, so the overlay choice may change `self`.
        let Some((key, computed)) = self.figures.take() else {
            return;
        };
        match &computed.report {
            _ if computed.names.len() < 2 => {
                ui.weak("Add another coding of this document (Add codings…) to compare it with this project's.");
            }
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            Ok(report) => self.report_ui(ui, report, computed.pairwise.as_ref(), actions),
        }
        self.figures.restore((key, computed));
    }

    fn report_ui(
        &mut self,
        ui: &mut egui::Ui,
        report: &Report,
        pairwise: Option<&Pairwise>,
        actions: &mut Vec<Action>,
    ) {
        self.overlay_ui(ui, report);
        ui.separator();
        let pair = (self.draft.as_ref()).map(|d| (d.first.as_str(), d.second.as_str()));
        figures_table(ui, report, pairwise.zip(pair));
        if ui.button("Save figures as CSV…").clicked() {
            let csv = agreement::render(report, OutputFormat::Csv);
            actions.push(Action::SaveTable(csv, "agreement.csv".into()));
        }
        if let Some(pairwise) = pairwise {
            ui.separator();
            self.pairwise_ui(ui, pairwise, actions);
        }
        agreement_chart(ui, report);
    }

    /// Cohen's kappa of every pair of coders for one code or all pooled.
    fn pairwise_ui(&mut self, ui: &mut egui::Ui, pairwise: &Pairwise, actions: &mut Vec<Action>) {
        let code = self
            .pairwise_code
            .get_or_insert_with(|| ALL_CODES.to_owned());
        ui.horizontal(|ui| {
            ui.strong("Cohen's κ of each pair of coders, over all text, for");
            let codes: Vec<String> = std::iter::once(ALL_CODES.to_owned())
                .chain(pairwise.codes.iter().cloned())
                .collect();
            pick(ui, "pairwise-code", &codes, code);
        });
        pairwise_table(ui, pairwise, code);
        if ui.button("Save pairwise κ as CSV…").clicked() {
            let csv = agreement::pairwise_csv(pairwise);
            actions.push(Action::SaveTable(csv, "pairwise-kappa.csv".into()));
        }
    }

    /// Choice of code and two coders for the compare view, and its legend.
    fn overlay_ui(&mut self, ui: &mut egui::Ui, report: &Report) {
        ui.strong("Compare view");
        let draft = self.draft.get_or_insert_with(|| Overlay {
            code: report
                .codes
                .first()
                .map_or(String::new(), |c| c.code.clone()),
            first: report.raters.first().cloned().unwrap_or_default(),
            second: report.raters.get(1).cloned().unwrap_or_default(),
        });
        ui.horizontal(|ui| {
            let codes: Vec<String> = report.codes.iter().map(|c| c.code.clone()).collect();
            pick(ui, "overlay-code", &codes, &mut draft.code);
            pick(ui, "overlay-first", &report.raters, &mut draft.first);
            ui.label("vs");
            pick(ui, "overlay-second", &report.raters, &mut draft.second);
        });
        ui.horizontal(|ui| {
            if ui.button("Show in the document").clicked() {
                self.overlay = self.draft.clone();
            }
            if self.overlay.is_some() && ui.button("Hide").clicked() {
                self.overlay = None;
            }
        });
        legend(ui);
    }
}

/// The reference choice; true when it changed.
fn reference_combo(ui: &mut egui::Ui, names: &[String], reference: &mut Option<String>) -> bool {
    let mut changed = false;
    egui::ComboBox::from_label("reference")
        .selected_text(reference.as_deref().unwrap_or("(none)"))
        .show_ui(ui, |ui| {
            changed |= ui.selectable_value(reference, None, "(none)").changed();
            for n in names {
                changed |= (ui.selectable_value(reference, Some(n.clone()), n)).changed();
            }
        });
    changed
}

fn pick(ui: &mut egui::Ui, salt: &str, options: &[String], value: &mut String) {
    egui::ComboBox::from_id_salt(salt)
        .selected_text(value.as_str())
        .show_ui(ui, |ui| {
            for o in options {
                ui.selectable_value(value, o.clone(), o);
            }
        });
}

fn legend(ui: &mut egui::Ui) {
    use crate::analysis::compare::Coverage;
    ui.horizontal(|ui| {
        for (c, label) in [
            (Coverage::Both, "both coded it"),
            (Coverage::OnlyFirst, "only the first"),
            (Coverage::OnlySecond, "only the second"),
        ] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, super::colors::coverage_color(c));
            ui.label(label);
        }
        ui.weak("plain text: neither");
    });
}

/// The per-code figures; the F1 column is `(first, second)`'s: the
/// first coder's passages against the second's.
fn figures_table(ui: &mut egui::Ui, report: &Report, f1: Option<(&Pairwise, (&str, &str))>) {
    let f1_header = match f1 {
        Some((_, (first, second))) => format!("F1 {first} vs {second}"),
        None => "F1".to_owned(),
    };
    let passages = f1.and_then(|(p, (first, second))| p.passages(first, second));
    let f1_of = |code: &str| -> Option<Estimate> {
        let found = passages?.codes.iter().find(|c| c.code == code);
        found.map(|c| c.figures.f1)
    };
    egui::Grid::new("agreement").striped(true).show(ui, |ui| {
        for h in ["Code", "Agreement", "κ", "α", "κ coded", "α coded", "uα"] {
            ui.strong(h);
        }
        ui.strong(f1_header);
        ui.end_row();
        for c in &report.codes {
            super::bidi_label::label(ui, &c.code);
            let all = &c.scopes.all_text;
            let coded = &c.scopes.coded_text;
            ui.label(percent(&all.observed_agreement));
            for e in [
                &all.kappa,
                &all.alpha,
                &coded.kappa,
                &coded.alpha,
                &c.unitizing_alpha,
            ] {
                estimate_cell(ui, e);
            }
            match f1_of(&c.code) {
                Some(e) => estimate_cell(ui, &e),
                None => ui.weak("–"),
            };
            ui.end_row();
        }
    });
    ui.weak("κ: Cohen's kappa (two coders; for more, see the pairs below); α: Krippendorff's alpha; “coded”: only text at least one coder gave the code; uα: unitizing alpha; F1 A vs B: A's passages matched against B's (the two coders chosen above). See docs/agreement.md.");
}

/// The pairwise table's corner cell.
pub const PAIRS_CORNER: &str = "coder × coder";

/// Coders × coders, Cohen's kappa of each pair for `code`; a coder with
/// themself is a dash.
fn pairwise_table(ui: &mut egui::Ui, pairwise: &Pairwise, code: &str) {
    egui::Grid::new("pairwise-kappa")
        .striped(true)
        .show(ui, |ui| {
            ui.weak(PAIRS_CORNER);
            for name in &pairwise.raters {
                ui.strong(name);
            }
            ui.end_row();
            for row in &pairwise.raters {
                ui.strong(row);
                for column in &pairwise.raters {
                    match pairwise.figures(row, column, code) {
                        Some(f) => estimate_cell(ui, &f.kappa),
                        None => ui.weak("–"),
                    };
                }
                ui.end_row();
            }
        });
}

/// κ and α per code side by side, on the −1…1 scale agreement lives on;
/// an undefined figure has no bar.
fn agreement_chart(ui: &mut egui::Ui, report: &Report) {
    use egui_plot::{Bar, BarChart, Legend};
    let bars = |offset: f64, pick: fn(&agreement::CodeAgreement) -> Estimate| -> Vec<Bar> {
        (report.codes.iter().enumerate())
            .filter_map(|(i, c)| {
                pick(c)
                    .value
                    .map(|v| Bar::new(i as f64 + offset, v).width(0.35))
            })
            .collect()
    };
    let kappa = BarChart::new("κ (all text)", bars(-0.2, |c| c.scopes.all_text.kappa));
    let alpha = BarChart::new("α (all text)", bars(0.2, |c| c.scopes.all_text.alpha));
    let names: Vec<String> = report.codes.iter().map(|c| c.code.clone()).collect();
    super::charts::category_plot("agreement-chart", names, 150.0)
        .legend(Legend::default())
        .include_y(0.0)
        .include_y(1.0)
        .show(ui, |plot| {
            plot.bar_chart(kappa);
            plot.bar_chart(alpha);
        });
}

fn estimate_cell(ui: &mut egui::Ui, e: &Estimate) -> egui::Response {
    match (e.value, e.undefined) {
        (Some(v), _) => ui.label(format!("{v:.3}")),
        (None, Some(why)) => ui.weak("n/a").on_hover_text(why.label()),
        (None, None) => ui.weak("n/a"),
    }
}

fn percent(e: &Estimate) -> String {
    e.value
        .map_or("n/a".into(), |v| format!("{:.1} %", v * 100.0))
}
