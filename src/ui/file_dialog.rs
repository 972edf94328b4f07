//! Open and save dialogs: the system's (through `rfd`, on a worker thread so
//! the UI never blocks), with a typed-path field as the fallback where no
//! system dialog can open (no portal, no display server) or when
//! `BRIEFMARK_NO_NATIVE_DIALOG` is set.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// A dialog that answers faster than this cannot have been seen by a person:
/// no dialog opened, so the path field is offered instead.
const TOO_FAST: Duration = Duration::from_millis(250);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveAs,
}

struct Waiting {
    purpose: Purpose,
    answer: Receiver<Option<PathBuf>>,
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

impl FileDialogs {
    /// Asks the user for a path; the answer comes from a later `ui` call.
    pub fn request(&mut self, purpose: Purpose, suggested: String) {
        if !self.native {
            self.open_field(purpose, suggested, None);
            return;
        }
        let (tx, rx) = channel();
        let name = suggested.clone();
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new()
                .add_filter("briefmark project", &["ron"])
                .add_filter("Text document", &["txt"]);
            let answer = match purpose {
                Purpose::Open => dialog.pick_file(),
                Purpose::SaveAs => dialog.set_file_name(name).save_file(),
            };
            let _ = tx.send(answer);
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

    /// Polls the system dialog and shows the path field; returns a chosen path.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<(Purpose, PathBuf)> {
        if let Some(chosen) = self.poll(ctx) {
            return Some(chosen);
        }
        self.field_ui(ctx)
    }

    fn poll(&mut self, ctx: &egui::Context) -> Option<(Purpose, PathBuf)> {
        let w = self.waiting.as_ref()?;
        let answer = match w.answer.try_recv() {
            Ok(a) => a,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return None;
            }
            Err(TryRecvError::Disconnected) => None,
        };
        let w = self.waiting.take()?;
        match answer {
            Some(path) => Some((w.purpose, path)),
            None if w.since.elapsed() < TOO_FAST => {
                let note = "No system file dialog is available here; type a path instead.";
                self.open_field(w.purpose, w.suggested, Some(note.into()));
                None
            }
            None => None,
        }
    }

    fn field_ui(&mut self, ctx: &egui::Context) -> Option<(Purpose, PathBuf)> {
        let field = self.field.as_mut()?;
        let title = match field.purpose {
            Purpose::Open => "Open file",
            Purpose::SaveAs => "Save project as",
        };
        let mut chosen = None;
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("path-field")).show(ctx, |ui| {
            ui.heading(title);
            if let Some(note) = &field.note {
                ui.label(note);
            }
            ui.label("Path:");
            let output = egui::TextEdit::singleline(&mut field.text)
                .desired_width(420.0)
                .show(ui);
            let r = output.response;
            if std::mem::take(&mut field.fresh) {
                // Once: asking for focus every frame makes egui repaint without end.
                r.request_focus();
                select_all(ui.ctx(), r.id, output.state, field.text.chars().count());
            }
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("OK").clicked() || enter {
                    chosen = Some(PathBuf::from(field.text.trim()));
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
        chosen
            .filter(|p| !p.as_os_str().is_empty())
            .map(|p| (purpose, p))
    }
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
