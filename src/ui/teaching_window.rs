//! Teaching mode: a reference coding (the open project, or a file) against
//! a folder of student codings. A table student × code of kappa, alpha and
//! passage F1, exportable to CSV, and each student's feedback report
//! (their kappa, alpha and F1; missed, extra and differently coded
//! passages, quoting the text, with the reference's memos), rendered here
//! from its Markdown and written as Markdown and HTML files. A class of
//! book-length codings is tabled as a job (`jobs::Deferred`), like
//! Compare's figures; reading the reference and the class and writing the
//! reports are jobs too ([`Task`]), so no file is touched on the UI thread.

use std::path::{Path, PathBuf};

use super::actions::Action;
use super::file_dialog::Purpose;
use super::jobs::{self, Deferred, Job, Loaded, Poll, Task};
use crate::analysis::agreement::{
    self, Estimate, Feedback, Options, Rater, TeachingTable, UNNAMED_CODER, feedback_markdown,
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
    /// The reference file being read.
    reading_reference: Task<Loaded>,
    /// The class folder being read, and the folder.
    reading_class: Task<Loaded>,
    class_folder: PathBuf,
    /// Feedback reports being written; the result is a status line.
    writing: Task<String>,
    /// The feedback cache for the markdown viewer.
    markdown: egui_commonmark::CommonMarkCache,
}

impl TeachingWindow {
    /// The reference rater: the chosen file, or the open project.
    fn reference_rater(&self, project: &Project) -> Rater {
        let (fallback, project) = match &self.reference {
            Some((_, r)) => (r.name.as_str(), &r.project),
            None => ("the open project", project),
        };
        Rater::new(self.reference_name(project, fallback), project.clone())
    }

    /// What feedback calls the reference: its coders by name, else
    /// `fallback` (the file's name); never a student's name, which the
    /// comparison would refuse.
    fn reference_name(&self, project: &Project, fallback: &str) -> String {
        let coders: Vec<String> = (agreement::coder_names(project).into_iter())
            .filter(|n| n != UNNAMED_CODER)
            .collect();
        let name = match coders.is_empty() {
            true => fallback.to_owned(),
            false => coders.join(" and "),
        };
        match self.students.iter().any(|s| s.name == name) {
            true => format!("{name} (reference)"),
            false => name,
        }
    }

    /// Takes what a file dialog chose for one of this window's purposes;
    /// `inputs` are the open work's other files (the project's own). Each
    /// starts a job; [`Self::poll`] takes its result.
    pub fn chosen(
        &mut self,
        purpose: Purpose,
        paths: &[PathBuf],
        project: &Project,
        inputs: &[PathBuf],
    ) {
        let Some(first) = paths.first() else { return };
        match purpose {
            Purpose::Reference => self.read_reference(first),
            Purpose::StudentFolder => self.load_folder(first),
            Purpose::FeedbackFolder => self.write_feedback(first, project, inputs),
            _ => {}
        }
    }

    /// Whether a file is being read or written, or the class tabled.
    pub fn busy(&self) -> bool {
        self.reading_reference.running()
            || self.reading_class.running()
            || self.writing.running()
            || self.table.computing()
    }

    /// Takes the results of finished jobs; a status line for the workbench
    /// when feedback reports were written.
    pub fn poll(&mut self) -> Option<String> {
        if let Some(loaded) = finished(self.reading_reference.poll()) {
            self.reference_read(loaded);
        }
        if let Some(loaded) = finished(self.reading_class.poll()) {
            self.class_read(loaded);
        }
        match self.writing.poll() {
            Poll::Running => None,
            Poll::Done(status) => Some(status),
            Poll::Died => {
                Some("Feedback reports not all written: the writing failed unexpectedly".into())
            }
        }
    }

    fn read_reference(&mut self, path: &Path) {
        let path = path.to_path_buf();
        let label = format!("Reading the reference {}", path.display());
        (self.reading_reference).start(jobs::load_projects(label, move || Ok(vec![path])));
    }

    fn reference_read(&mut self, loaded: Loaded) {
        match loaded {
            Loaded::Read(files) => {
                for (path, project) in files {
                    match project {
                        Ok(p) => {
                            let rater = Rater::new(crate::io::file_label(&path), p);
                            self.reference = Some((path, rater));
                            self.generation += 1;
                        }
                        Err(e) => self.errors.push(e),
                    }
                }
            }
            Loaded::Unlisted(e) => self.errors.push(e),
            Loaded::Cancelled => {}
        }
    }

    /// Reads every coding in `dir` (not its subfolders), in name order, on
    /// a worker thread; the class shown stays until the new one is in.
    pub fn load_folder(&mut self, dir: &Path) {
        self.class_folder = dir.to_path_buf();
        let dir = dir.to_path_buf();
        let label = format!("Reading the class in {}", dir.display());
        (self.reading_class).start(jobs::load_projects(label, move || codings_in(&dir)));
    }

    /// The class read: its codings replace the last class; a file that
    /// could not be read is named, and the others are all taken. A folder
    /// that could not be read, or a cancelled reading, changes nothing.
    fn class_read(&mut self, loaded: Loaded) {
        let files = match loaded {
            Loaded::Read(files) => files,
            Loaded::Unlisted(e) => return self.errors.push(e),
            Loaded::Cancelled => return,
        };
        self.errors.clear();
        self.students.clear();
        self.student_files.clear();
        self.folder = Some(self.class_folder.clone());
        self.generation += 1;
        for (f, project) in files {
            match project {
                // The assignment itself, as handed out, is nobody's coding.
                Ok(p) if p.is_blank_assignment() => {}
                // A student's copy, even one with nothing coded in it.
                Ok(p) => {
                    self.students.push(Rater::new(crate::io::file_label(&f), p));
                    self.student_files.push(f);
                }
                Err(e) => self.errors.push(e),
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

    /// Writes every student's feedback (Markdown and HTML) into `dir`, as
    /// a job with a step per student.
    fn write_feedback(&mut self, dir: &Path, project: &Project, inputs: &[PathBuf]) {
        let reference = self.reference_rater(project);
        let students = self.students.clone();
        let inputs: Vec<PathBuf> = inputs.iter().chain(&self.student_files).cloned().collect();
        let dir = dir.to_path_buf();
        let label = format!("Writing feedback reports to {}", dir.display());
        let job = Job::spawn(label, students.len(), move |progress| {
            let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
            let go_on = |done| {
                progress.set_done(done);
                !progress.cancelled()
            };
            let written = crate::io::feedback::write_feedback_with(
                &dir,
                &reference,
                &students,
                &Options::default(),
                &inputs,
                go_on,
            );
            match written {
                Ok(n) if n < students.len() => format!(
                    "Cancelled: wrote {n} of {} feedback report(s) to {}",
                    students.len(),
                    dir.display()
                ),
                Ok(n) => format!("Wrote {n} feedback report(s) to {}", dir.display()),
                Err(e) => format!("Feedback reports not all written: {e}"),
            }
        });
        self.writing.start(job);
    }
}

/// A finished job's result; a job that died reads as a cancelled one (the
/// panic hook has reported it), so nothing is replaced.
fn finished(poll: Poll<Loaded>) -> Option<Loaded> {
    match poll {
        Poll::Running => None,
        Poll::Done(loaded) => Some(loaded),
        Poll::Died => Some(Loaded::Unlisted(
            "Reading failed unexpectedly; nothing changed".into(),
        )),
    }
}

/// The codings in `dir`, not its subfolders, in name order (backups left out).
fn codings_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        format!(
            "cannot read the folder {}: {e}; the class shown is unchanged",
            dir.display()
        )
    })?;
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.retain(|f| {
        let name = f.to_string_lossy();
        CODING_ENDINGS.iter().any(|e| name.ends_with(e)) && !name.ends_with(".bak")
    });
    files.sort();
    Ok(files)
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
                self.reading_reference.ui(ui);
                self.reading_class.ui(ui);
                self.writing.ui(ui);
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
                super::bidi_label::label(ui, &row.student);
                super::bidi_label::label(ui, &row.code);
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
            // One writing at a time: a second would cancel the first.
            let idle = !self.writing.running();
            let write = egui::Button::new("Write feedback reports…");
            if ui.add_enabled(idle, write).clicked() {
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

    /// The shown feedback, rendered from its Markdown (headings, lists,
    /// emphasis, quotes), as the student reads the `.md` file.
    fn feedback_ui(&mut self, ui: &mut egui::Ui) {
        let Some((student, text)) = &self.shown else {
            return;
        };
        ui.separator();
        match text {
            Ok(markdown) => {
                ui.strong(format!("Feedback for {student}"));
                egui::ScrollArea::vertical()
                    .id_salt("feedback")
                    .max_height(320.0)
                    .show(ui, |ui| {
                        egui_commonmark::CommonMarkViewer::new().show(
                            ui,
                            &mut self.markdown,
                            markdown,
                        )
                    });
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
