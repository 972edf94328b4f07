//! Open, save, import and export dialogs: the system's (through `rfd`, on a
//! worker thread so the UI never blocks), with a typed-path field as the
//! fallback where no system dialog can open (no portal, no display server)
//! or when `BRIEFMARK_NO_NATIVE_DIALOG` is set.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::io::export::Format as Export;
use crate::io::formats::{self, Role};

/// A dialog that answers faster than this cannot have been seen by a person:
/// no dialog opened, so the path field is offered instead.
const TOO_FAST: Duration = Duration::from_millis(250);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveAs,
    /// Several files at once.
    Import,
    Export,
    /// A revised version of the shown document (a text file).
    Revise,
    /// Other codings of the same documents, to compare (several files).
    Compare,
    /// The reference coding for teaching (one project file).
    Reference,
    /// A folder of student codings.
    StudentFolder,
    /// A folder to write feedback reports into.
    FeedbackFolder,
    /// Where to save a table (CSV) made in a window.
    SaveTable,
    /// Where to save an assignment made from the project.
    SaveAssignment,
}

impl Purpose {
    fn title(self) -> &'static str {
        match self {
            Purpose::Open => "Open file",
            Purpose::SaveAs => "Save project as",
            Purpose::Import => "Import files (one path per line)",
            Purpose::Export => "Export to",
            Purpose::Revise => "Revised text of this document",
            Purpose::Compare => "Codings to compare (one path per line)",
            Purpose::Reference => "Reference coding",
            Purpose::StudentFolder => "Folder of student codings",
            Purpose::FeedbackFolder => "Folder for the feedback reports",
            Purpose::SaveTable => "Save table as",
            Purpose::SaveAssignment => "Save assignment as",
        }
    }

    fn saves(self) -> bool {
        matches!(
            self,
            Purpose::SaveAs | Purpose::Export | Purpose::SaveTable | Purpose::SaveAssignment
        )
    }

    fn picks_folder(self) -> bool {
        matches!(self, Purpose::StudentFolder | Purpose::FeedbackFolder)
    }
}

struct Waiting {
    purpose: Purpose,
    answer: Receiver<Vec<PathBuf>>,
    since: Instant,
    suggested: String,
}

struct PathField {
    purpose: Purpose,
    text: String,
    note: Option<String>,
    /// The suggested text starts selected, so typing replaces it.
    fresh: bool,
}

pub struct FileDialogs {
    /// Try the system dialog first.
    pub native: bool,
    waiting: Option<Waiting>,
    field: Option<PathField>,
}

impl Default for FileDialogs {
    fn default() -> Self {
        Self {
            native: std::env::var_os("BRIEFMARK_NO_NATIVE_DIALOG").is_none(),
            waiting: None,
            field: None,
        }
    }
}

/// Runs the system dialog (blocking; called on a worker thread); its
/// filters come from `io::formats`.
fn system_dialog(purpose: Purpose, suggested: String) -> Vec<PathBuf> {
    let dialog = rfd::FileDialog::new();
    let dialog = match purpose {
        Purpose::Open => dialog
            .add_filter("briefmark project or document", &formats::open_filter())
            .add_filter("All files", &["*"]),
        Purpose::SaveAs => dialog.add_filter("briefmark project", &formats::save_filter()),
        Purpose::Import => dialog
            .add_filter(
                "Projects, codebooks, documents",
                &formats::dialog_filter(&[Role::Project, Role::Codebook, Role::Document]),
            )
            .add_filter("All files", &["*"]),
        Purpose::Export | Purpose::StudentFolder | Purpose::FeedbackFolder => dialog,
        Purpose::Revise => dialog
            .add_filter("Document", &formats::dialog_filter(&[Role::Revision]))
            .add_filter("All files", &["*"]),
        Purpose::Compare | Purpose::Reference => dialog
            .add_filter("Codings", &formats::dialog_filter(&[Role::Project]))
            .add_filter("All files", &["*"]),
        Purpose::SaveTable => {
            dialog.add_filter("CSV table", &[formats::export_extension(Export::Csv)])
        }
        Purpose::SaveAssignment => {
            dialog.add_filter("briefmark assignment", &formats::save_filter())
        }
    };
    if purpose.picks_folder() {
        return dialog.pick_folder().into_iter().collect();
    }
    match purpose {
        Purpose::Open | Purpose::Revise | Purpose::Reference => {
            dialog.pick_file().into_iter().collect()
        }
        Purpose::Import | Purpose::Compare => dialog.pick_files().unwrap_or_default(),
        _ => dialog
            .set_file_name(suggested)
            .save_file()
            .into_iter()
            .collect(),
    }
}

impl FileDialogs {
    /// Asks the user for paths; the answer comes from a later `ui` call.
    pub fn request(&mut self, purpose: Purpose, suggested: String) {
        if !self.native {
            self.open_field(purpose, suggested, None);
            return;
        }
        let (tx, rx) = channel();
        let name = suggested.clone();
        std::thread::spawn(move || {
            let _ = tx.send(system_dialog(purpose, name));
        });
        self.waiting = Some(Waiting {
            purpose,
            answer: rx,
            since: Instant::now(),
            suggested,
        });
    }

    fn open_field(&mut self, purpose: Purpose, suggested: String, note: Option<String>) {
        self.field = Some(PathField {
            purpose,
            text: suggested,
            note,
            fresh: true,
        });
    }

    pub fn is_busy(&self) -> bool {
        self.waiting.is_some() || self.field.is_some()
    }

    /// Polls the system dialog and shows the path field; returns chosen paths.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<(Purpose, Vec<PathBuf>)> {
        if let Some(chosen) = self.poll(ctx) {
            return Some(chosen);
        }
        self.field_ui(ctx)
    }

    fn poll(&mut self, ctx: &egui::Context) -> Option<(Purpose, Vec<PathBuf>)> {
        let w = self.waiting.as_ref()?;
        let answer = match w.answer.try_recv() {
            Ok(a) => a,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return None;
            }
            Err(TryRecvError::Disconnected) => Vec::new(),
        };
        let w = self.waiting.take()?;
        if !answer.is_empty() {
            return Some((w.purpose, answer));
        }
        if w.since.elapsed() < TOO_FAST {
            let note = "No system file dialog is available here; type a path instead.";
            self.open_field(w.purpose, w.suggested, Some(note.into()));
        }
        None
    }

    fn field_ui(&mut self, ctx: &egui::Context) -> Option<(Purpose, Vec<PathBuf>)> {
        let field = self.field.as_mut()?;
        let mut chosen = None;
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("path-field")).show(ctx, |ui| {
            ui.heading(field.purpose.title());
            if let Some(note) = &field.note {
                ui.label(note);
            }
            let enter = path_input(ui, field);
            ui.horizontal(|ui| {
                if ui.button("OK").clicked() || enter {
                    chosen = Some(parse_paths(&field.text));
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    cancel = true;
                }
            });
        });
        let purpose = field.purpose;
        if cancel || chosen.is_some() {
            self.field = None;
        }
        chosen.filter(|p| !p.is_empty()).map(|p| (purpose, p))
    }
}

/// The path text field; Enter confirms a single-line field.
fn path_input(ui: &mut egui::Ui, field: &mut PathField) -> bool {
    let multi = matches!(field.purpose, Purpose::Import | Purpose::Compare);
    let edit = if multi {
        egui::TextEdit::multiline(&mut field.text).desired_rows(4)
    } else {
        egui::TextEdit::singleline(&mut field.text)
    };
    let output = edit.desired_width(460.0).show(ui);
    let r = output.response;
    if std::mem::take(&mut field.fresh) {
        // Once: asking for focus every frame makes egui repaint without end.
        r.request_focus();
        select_all(ui.ctx(), r.id, output.state, field.text.chars().count());
    }
    let enter = !multi && r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if field.purpose.saves() {
        ui.weak("An existing file is replaced only once the new one is written in full.");
    }
    enter
}

/// One path per line; blank lines ignored.
fn parse_paths(text: &str) -> Vec<PathBuf> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect()
}

fn select_all(
    ctx: &egui::Context,
    id: egui::Id,
    mut state: egui::text_edit::TextEditState,
    len: usize,
) {
    use egui::text::{CCursor, CCursorRange};
    state
        .cursor
        .set_char_range(Some(CCursorRange::two(CCursor::new(0), CCursor::new(len))));
    state.store(ctx, id);
}
