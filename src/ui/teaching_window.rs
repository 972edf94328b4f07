//! Teaching mode: a reference coding (the open project, or a file) against
//! a folder of student codings. A table student × code of kappa, alpha and
//! passage F1, exportable to CSV, and each student's feedback report
//! (missed, extra and differently coded passages, quoting the text), shown
//! here and written as Markdown and HTML files. A class of book-length
//! codings is tabled as a job (`jobs::Deferred`), like Compare's figures.

use std::path::{Path, PathBuf};

use super::actions::Action;
use super::file_dialog::Purpose;
use super::jobs::Deferred;
use crate::analysis::agreement::{
    self, Estimate, Feedback, Options, Rater, TeachingTable, feedback_markdown,
};
use crate::model::Project;

/// File endings read as codings from a student folder.
const CODING_ENDINGS: [&str; 4] = [".ron", ".json", ".jsonl", ".qdpx"];

#[derive(Default)]
pub struct TeachingWindow {
    pub open: bool,
    /// A reference from a file; the open project when `None`.
    pub reference: Option<(PathBuf, Rater)>,
    pub students: Vec<Rater>,
    /// The files the students' codings were read from (feedback is never
    /// written over one of them).
    student_files: Vec<PathBuf>,
    pub folder: Option<PathBuf>,
    pub errors: Vec<String>,
    /// The table, for the project revision and the inputs' generation it
    /// was computed at.
    table: Deferred<(u64, u64), Result<TeachingTable, String>>,
    /// Counts changes to the reference and the students.
    generation: u64,
    /// The student whose feedback is shown, and that feedback as Markdown.
    shown: Option<(String, Result<String, String>)>,
}

impl TeachingWindow {
    /// The reference rater: the chosen file, or the open project.
    fn reference_rater(&self, project: &Project) -> Rater {
        match &self.reference {
            Some((_, r)) => r.clone(),
            None => Rater::new("reference", project.clone()),
        }
    }

    /// Takes what a file dialog chose for one of this window's purposes;
    /// `inputs` are the open work's other files (the project's own).
    pub fn chosen(
        &mut self,
        purpose: Purpose,
        paths: &[PathBuf],
        project: &Project,
        inputs: &[PathBuf],
    ) -> Option<String> {
        let first = paths.first()?;
        match purpose {
            Purpose::Reference => self.set_reference(first),
            Purpose::StudentFolder => self.load_folder(first),
            Purpose::FeedbackFolder => return Some(self.write_feedback(first, project, inputs)),
            _ => {}
        }
        self.generation += 1;
        None
    }

    fn set_reference(&mut self, path: &Path) {
        match crate::io::load_project_any(path) {
            Ok(p) => {
                self.reference = Some((
                    path.to_path_buf(),
                    Rater::new(crate::io::file_label(path), p),
                ))
            }
            Err(e) => self.errors.push(e.to_string()),
        }
    }

    /// Loads every coding in `dir` (not its subfolders), in name order.
    pub fn load_folder(&mut self, dir: &Path) {
        self.errors.clear();
        self.students.clear();
        self.student_files.clear();
        self.folder = Some(dir.to_path_buf());
        let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                self.errors
                    .push(format!("cannot read {}: {e}", dir.display()));
                return;
            }
        };
        files.retain(|f| {
            let name = f.to_string_lossy();
            CODING_ENDINGS.iter().any(|e| name.ends_with(e)) && !name.ends_with(".bak")
        });
        files.sort();
        for f in files {
            match crate::io::load_project_any(&f) {
                // The assignment itself, as handed out, is nobody's coding.
                Ok(p) if p.is_blank_assignment() => {}
                // A student's copy, even one with nothing coded in it.
                Ok(p) => {
                    self.students.push(Rater::new(crate::io::file_label(&f), p));
                    self.student_files.push(f);
                }
                Err(e) => self.errors.push(e.to_string()),
            }
        }
    }

    /// Computes the table when the inputs or the project changed.
    fn refresh_table(&mut self, project: &Project, revision: u64) {
        let key = (revision, self.generation);
        if !self.table.is_for(&key) && !self.table.computing() {
            self.shown = None;
        }
        let mut table = std::mem::take(&mut self.table);
        let prepare = || {
            let reference = self.reference_rater(project);
            let students = self.students.clone();
            let size = (std::iter::once(&reference).chain(&students))
                .flat_map(|r| &r.project.documents)
                .map(|d| d.char_len())
                .sum();
            (size, move || {
                agreement::teaching_table(&reference, &students, &Options::default())
                    .map_err(|e| e.to_string())
            })
        };
        let label = |size| format!("Tabling the class ({size} code points)");
        table.refresh(&key, prepare, label, not_had);
        self.table = table;
    }

    fn feedback(&self, project: &Project, student: &Rater) -> Result<Feedback, String> {
        let reference = self.reference_rater(project);
        agreement::feedback(&reference, student, &Options::default()).map_err(|e| e.to_string())
    }

    /// Writes every student's feedback (Markdown and HTML) into `dir`.
    fn write_feedback(&self, dir: &Path, project: &Project, inputs: &[PathBuf]) -> String {
        let reference = self.reference_rater(project);
        let options = Options::default();
        let inputs: Vec<&Path> = (inputs.iter().chain(&self.student_files))
            .map(PathBuf::as_path)
            .collect();
        let students = &self.students;
        match crate::io::feedback::write_feedback(dir, &reference, students, &options, &inputs) {
            Ok(n) => format!("Wrote {n} feedback report(s) to {}", dir.display()),
            Err(e) => format!("Feedback reports not all written: {e}"),
        }
    }
}

// ---------------------------------------------------------------------------
// Window

impl TeachingWindow {
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        revision: u64,
        actions: &mut Vec<Action>,
    ) {
        let mut open = self.open;
        egui::Window::new("Teaching: compare a class with a reference")
            .open(&mut open)
            .default_size([640.0, 560.0])
            .vscroll(true)
            .show(ctx, |ui| {
                self.inputs_ui(ui, actions);
                ui.separator();
                if !self.students.is_empty() {
                    self.refresh_table(project, revision);
                    self.table.progress_ui(ui, not_had);
                    self.table_ui(ui, project, actions);
                    self.feedback_ui(ui);
                }
            });
        self.open = open;
    }

    fn inputs_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            let reference = self
                .reference
                .as_ref()
                .map_or("the open project".into(), |(p, _)| p.display().to_string());
            ui.label(format!("Reference: {reference}"));
            if ui.button("Choose…").clicked() {
                actions.push(Action::Choose(Purpose::Reference));
            }
            if self.reference.is_some() && ui.button("Use the open project").clicked() {
                self.reference = None;
                self.generation += 1;
            }
        });
        ui.horizontal(|ui| {
            let folder = self
                .folder
                .as_ref()
                .map_or("none chosen".into(), |p| p.display().to_string());
            ui.label(format!(
                "Student codings: {folder} ({} found)",
                self.students.len()
            ));
            if ui.button("Choose folder…").clicked() {
                actions.push(Action::Choose(Purpose::StudentFolder));
            }
        });
        for e in &self.errors {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    }

    fn table_ui(&mut self, ui: &mut egui::Ui, project: &Project, actions: &mut Vec<Action>) {
        let table = match self.table.latest() {
            Some(Ok(t)) => t,
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                return;
            }
            None => return,
        };
        let mut show = None;
        egui::Grid::new("teaching").striped(true).show(ui, |ui| {
            for h in ["Student", "Code", "κ", "α", "Passage F1", "Recall", ""] {
                ui.strong(h);
            }
            ui.end_row();
            let mut previous: Option<&str> = None;
            for row in &table.rows {
                // The button on each student's first row.
                let first = previous != Some(row.student.as_str());
                previous = Some(&row.student);
                ui.label(&row.student);
                ui.label(&row.code);
                for e in [&row.kappa, &row.alpha, &row.f1, &row.recall] {
                    ui.label(cell(e));
                }
                if first && ui.small_button("Feedback").clicked() {
                    show = Some(row.student.clone());
                }
                ui.end_row();
            }
        });
        ui.horizontal(|ui| {
            if ui.button("Save table as CSV…").clicked() {
                actions.push(Action::SaveTable(
                    agreement::teaching_csv(table),
                    "class-agreement.csv".into(),
                ));
            }
            if ui.button("Write feedback reports…").clicked() {
                actions.push(Action::Choose(Purpose::FeedbackFolder));
            }
        });
        if let Some(name) = show {
            self.show_feedback(project, name);
        }
    }

    /// Computes one student's feedback once, when asked for.
    fn show_feedback(&mut self, project: &Project, name: String) {
        let Some(student) = self.students.iter().find(|r| r.name == name) else {
            return;
        };
        let text = self
            .feedback(project, student)
            .map(|f| feedback_markdown(&f));
        self.shown = Some((name, text));
    }

    fn feedback_ui(&self, ui: &mut egui::Ui) {
        let Some((student, text)) = &self.shown else {
            return;
        };
        ui.separator();
        match text {
            Ok(markdown) => {
                ui.strong(format!("Feedback for {student}"));
                egui::ScrollArea::vertical()
                    .id_salt("feedback")
                    .max_height(260.0)
                    .show(ui, |ui| ui.label(markdown));
            }
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
        }
    }
}

/// No table: the computation `what` (failed, was cancelled).
fn not_had(
    what: &str,
    _last: Option<Result<TeachingTable, String>>,
) -> Result<TeachingTable, String> {
    Err(format!(
        "Not tabled: the computation {what}. Choose the folder again to retry."
    ))
}

fn cell(e: &Estimate) -> String {
    e.value.map_or("n/a".into(), |v| format!("{v:.3}"))
}
