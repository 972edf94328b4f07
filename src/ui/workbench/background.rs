//! Opening, importing, reading a revision and exporting as background
//! jobs: the UI stays live, shows progress and can cancel. Opening, an
//! import and a revision hold a modal (their result replaces the project
//! or its document, so edits made meanwhile would be lost); an export
//! works on a copy, so the user goes on coding.

use std::path::{Path, PathBuf};

use super::Workbench;
use crate::io::import::ImportError;
use crate::io::import_files::{Imported, import_paths_with};
use crate::model::ConflictPolicy;
use crate::model::{Document, DocumentId};
use crate::session::{Intent, Session};
use crate::ui::jobs::{Job, Poll};

type ImportResult = Result<Imported, ImportError>;

/// A file read for the open project: a project to open, or a revision of
/// a document.
enum Reading {
    Open(PathBuf, Result<Box<(Session, String)>, String>),
    Revise(DocumentId, Result<Box<Document>, String>),
    /// Cancel was pressed: what was read is dropped, nothing changes.
    Cancelled,
}

/// The jobs that may be running.
#[derive(Default)]
pub(super) struct Background {
    import: Option<(Job<ImportResult>, Vec<PathBuf>, Option<ConflictPolicy>)>,
    export: Option<Job<String>>,
    reading: Option<Job<Reading>>,
}

impl Workbench {
    /// Whether a save, an import, an export or a Compare or Teaching job
    /// is running.
    pub fn busy(&self) -> bool {
        self.saving.is_some()
            || self.jobs.import.is_some()
            || self.jobs.export.is_some()
            || self.jobs.reading.is_some()
            || self.classroom_busy()
    }

    /// Whether an import, an opening or a revision runs (each holds the
    /// window until done).
    pub(super) fn busy_importing(&self) -> bool {
        self.jobs.import.is_some() || self.jobs.reading.is_some()
    }

    /// Opens a project (or a document as a new one) on a worker: a project
    /// of 100,000 passages takes half a second to read.
    pub(super) fn start_open(&mut self, path: PathBuf) {
        let coder = self.settings.coder.clone();
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let job = Job::spawn(format!("Opening {name}"), 0, move |progress| {
            let opened = Session::open(&path, &coder).map(Box::new);
            if progress.cancelled() {
                return Reading::Cancelled;
            }
            Reading::Open(path, opened)
        });
        self.jobs.reading = Some(job);
    }

    /// Reads a revised text of the shown document (by its file type) on a
    /// worker; the session then re-places its passages.
    pub(super) fn start_revise(&mut self, path: PathBuf) {
        let Some(id) = self.session.shown_id().cloned() else {
            return;
        };
        let job = Job::spawn("Reading the revised text", 0, move |progress| {
            let read = crate::io::import_files::read_document(&path);
            if progress.cancelled() {
                return Reading::Cancelled;
            }
            let read = read.map(|r| Box::new(r.document));
            Reading::Revise(id, read.map_err(|e| e.to_string()))
        });
        self.jobs.reading = Some(job);
    }

    fn poll_reading(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.jobs.reading else {
            return;
        };
        match job.poll() {
            Poll::Running => held_window(ctx, job, "reading-job"),
            Poll::Done(reading) => {
                self.jobs.reading = None;
                match reading {
                    Reading::Open(path, opened) => self.finish_open(&path, opened.map(|b| *b)),
                    Reading::Revise(id, Ok(document)) => {
                        self.apply(Intent::Revise(id, document));
                    }
                    Reading::Revise(_, Err(e)) => self.say(format!("Not revised: {e}")),
                    Reading::Cancelled => self.say("Cancelled; nothing changed"),
                }
            }
            Poll::Died => {
                self.jobs.reading = None;
                self.say("Not read: the file could not be read (the reader stopped unexpectedly)");
            }
        }
    }

    pub(super) fn start_import(&mut self, paths: Vec<PathBuf>, policy: Option<ConflictPolicy>) {
        let (files, project) = (paths.clone(), self.session.project().clone());
        let chosen = policy.unwrap_or_default();
        let label = format!("Importing {} file(s)", paths.len());
        let job = Job::spawn(label, paths.len(), move |progress| {
            import_paths_with(&files, project, chosen, |i| {
                progress.set_done(i);
                !progress.cancelled()
            })
        });
        self.jobs.import = Some((job, paths, policy));
    }

    pub(super) fn start_export(&mut self, path: &Path) {
        if let Err(e) = self.may_write(path) {
            self.say(format!("Not exported: {e}"));
            return;
        }
        let (project, format, options) = (
            self.session.project().clone(),
            self.windows.export.format,
            self.windows.export.options,
        );
        let path = path.to_path_buf();
        let job = Job::spawn(format!("Exporting {format}"), 0, move |progress| {
            if let Err(e) = crate::io::export::check(&project, format) {
                return format!("Not exported: {e}");
            }
            let bytes = crate::io::export::render(&project, format, options);
            // The last moment to stop: nothing has been written yet.
            if progress.cancelled() {
                return "Export cancelled; nothing was written".into();
            }
            match crate::io::atomic::write_atomic(&path, &bytes) {
                Ok(()) => format!("Exported {} as {format}", path.display()),
                Err(e) => format!("Not exported: cannot write {}: {e}", path.display()),
            }
        });
        self.jobs.export = Some(job);
    }

    /// Hands an import's result to the session (which may ask about
    /// conflicting codes: the same files are then imported again).
    fn finish_import(
        &mut self,
        paths: Vec<PathBuf>,
        policy: Option<ConflictPolicy>,
        result: ImportResult,
    ) {
        match result {
            Ok(imported) => {
                let intent = Intent::Import {
                    imported: Box::new(imported),
                    policy,
                };
                let outcome = self.session.apply(intent);
                self.follow(outcome, paths);
            }
            Err(e) => self.say(format!("Nothing imported: {e}")),
        }
    }

    /// Polls the jobs and shows them: a modal for an import, a line in the
    /// status bar's place for an export.
    pub(super) fn jobs_ui(&mut self, ctx: &egui::Context) {
        self.poll_reading(ctx);
        self.poll_import(ctx);
        self.poll_export(ctx);
    }

    fn poll_import(&mut self, ctx: &egui::Context) {
        let Some((job, _, _)) = &self.jobs.import else {
            return;
        };
        match job.poll() {
            Poll::Running => held_window(ctx, job, "import-job"),
            Poll::Done(result) => {
                if let Some((_, paths, policy)) = self.jobs.import.take() {
                    self.finish_import(paths, policy, result);
                }
            }
            Poll::Died => {
                self.jobs.import = None;
                self.say("Nothing imported: the import failed unexpectedly");
            }
        }
    }

    fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.jobs.export else { return };
        match job.poll() {
            Poll::Running => {
                let cancel = egui::Area::new(egui::Id::unique("export-job"))
                    .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -32.0))
                    .show(ctx, |ui| {
                        egui::Frame::popup(ui.style())
                            .show(ui, |ui| job.ui(ui))
                            .inner
                    })
                    .inner;
                if cancel {
                    job.cancel();
                }
            }
            Poll::Done(status) => {
                self.say(status);
                self.jobs.export = None;
            }
            Poll::Died => {
                self.say("Not exported: the export failed unexpectedly");
                self.jobs.export = None;
            }
        }
    }
}

/// A job that holds the window: its progress in a modal, Cancel in it.
fn held_window<T: Send + 'static>(ctx: &egui::Context, job: &Job<T>, id: &str) {
    let cancel = egui::Modal::new(egui::Id::unique(id))
        .show(ctx, |ui| job.ui(ui))
        .inner;
    if cancel {
        job.cancel();
    }
}
