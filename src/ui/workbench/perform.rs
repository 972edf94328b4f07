//! Carrying out actions: domain intents go to the session, whose outcome
//! the views follow (a fresh view for another document, a scroll, a
//! question, a message); the app's own commands are done here.

use std::path::Path;

use super::Workbench;
use crate::assets;
use crate::io::formats::with_project_extension;
use crate::io::recovery;
use crate::session::{Intent, Outcome, Session};
use crate::ui::actions::Action;
use crate::ui::document_view::DocumentView;
use crate::ui::file_dialog::Purpose;

/// A save being written on the autosaver's worker.
pub(super) struct Saving {
    path: std::path::PathBuf,
    ticket: crate::session::SaveTicket,
    /// Actions that wait for the file to be written (quit, open another
    /// project, another save).
    then: Vec<Action>,
}

impl Workbench {
    /// Carries out one action.
    pub fn perform(&mut self, action: Action) {
        if let Some(saving) = self.saving.as_mut()
            && action.waits_for_save()
        {
            // Quitting or opening another project goes on once the file is
            // written (or not, if it could not be).
            saving.then.push(action);
            return;
        }
        if action.replaces_project() && self.session.is_dirty() {
            self.confirm = Some(super::Confirm::Discard {
                then: Box::new(action),
            });
            return;
        }
        let Some(action) = self.perform_classroom(action) else {
            return;
        };
        match action {
            Action::Do(intent) => self.apply(intent),
            Action::DeleteSelectedPassage => {
                if let Some(id) = self.session.selected_id().cloned() {
                    self.apply(Intent::DeletePassage(id));
                }
            }
            Action::CopyQuote => {
                if let Some(ctx) = self.ctx.clone() {
                    self.copy_quote(&ctx);
                }
            }
            Action::Escape => self.escape(),
            Action::Say(message) => self.say(message),
            Action::Restore(project) => {
                let outcome = self.session.restore(&project);
                self.follow(outcome, Vec::new());
            }
            Action::StartLink => {
                self.linking.pending_from = self.session.selected_id().cloned();
            }
            Action::EditMemo => {
                if let Some(ctx) = &self.ctx {
                    crate::ui::inspector::open_memo(ctx);
                }
            }
            Action::New => self.replace(
                Session::new(assets::default_project(), None, &self.settings.coder),
                "New project on the bundled brief",
            ),
            Action::OpenExample => self.replace(
                Session::new(assets::example_project(), None, &self.settings.coder),
                "Opened the example coding (a copy: Save as… to keep changes)",
            ),
            Action::Open => self.files.request(Purpose::Open, String::new()),
            Action::OpenPath(path) => self.start_open(path),
            Action::Save => match self.session.path().map(Path::to_path_buf) {
                Some(path) => self.save_to(&path),
                None => self.perform(Action::SaveAs),
            },
            Action::SaveAs => {
                let name = crate::session::suggested_file_name(
                    self.session.project(),
                    &format!(".{}", crate::io::project_file::EXTENSION),
                );
                self.files.request(Purpose::SaveAs, name);
            }
            Action::SavePath(path) => self.save_to(&with_project_extension(path)),
            Action::ToggleCodebookEditor => {
                self.windows.codebook.open = !self.windows.codebook.open
            }
            Action::ShowShortcuts => self.windows.shortcuts.open = true,
            Action::Palette => self.palette = Some(Default::default()),
            Action::TogglePane(pane) => self.toggle_pane(pane),
            Action::Zoom(step) => self.zoom_step(step),
            Action::DiscardRecovery => {
                if let Some(saver) = self.autosave.as_mut() {
                    saver.clear();
                }
            }
            Action::Export => self.windows.export.open = true,
            Action::ChooseExportPath => {
                let name = format!(
                    "{}.{}",
                    self.session.file_stem(),
                    self.windows.export.format.extension()
                );
                self.files.request(Purpose::Export, name);
            }
            Action::ExportTo(path) => self.start_export(&path),
            Action::Import => self.files.request(Purpose::Import, String::new()),
            Action::Revise => self.files.request(Purpose::Revise, String::new()),
            Action::ReviseFrom(path) => self.start_revise(path),
            Action::ImportPaths(paths) => self.start_import(paths, None),
            Action::ImportWith(paths, policy) => self.start_import(paths, Some(policy)),
            Action::ChangeCoder => self.coder_prompt = Some(self.settings.coder.clone()),
            Action::Find(find) => self.perform_find(find),
            Action::Navigate(jump) => {
                let top = self.view.visible_chars().map_or(0, |r| r.start);
                self.apply(Intent::Navigate { jump, top });
            }
            Action::Quit => {
                self.close_confirmed = true;
                self.quit = true;
            }
            // Carried out by `perform_classroom` above.
            Action::ShowAnalysis
            | Action::ShowCompare
            | Action::ShowTeaching
            | Action::MakeAssignment
            | Action::Choose(_)
            | Action::Chosen(..)
            | Action::SaveTable(..) => {}
        }
    }

    /// Gives an intent to the session and follows its outcome.
    pub(super) fn apply(&mut self, intent: Intent) {
        let completes_link = match &intent {
            Intent::Select { id: Some(to), .. } => Some(to.clone()),
            _ => None,
        };
        let outcome = self.session.apply(intent);
        self.follow(outcome, Vec::new());
        if let Some(to) = completes_link {
            self.complete_link(&to);
        }
    }

    /// Follows what the session changed: the views, autosave, a question.
    pub(super) fn follow(&mut self, outcome: Outcome, paths: Vec<std::path::PathBuf>) {
        if let Some(saver) = self.autosave.as_mut() {
            // The autosaver's mirror takes the edits, so it never copies the
            // project on this thread.
            for edit in outcome.applied {
                saver.follow(edit);
            }
            if outcome.project_changed {
                saver.edited(std::time::Instant::now());
            }
        }
        if outcome.document_switched {
            // A new view: no layout, scroll or drag of the other document.
            let font_size = self.view.font_size;
            self.view = DocumentView::new();
            self.view.font_size = font_size;
        }
        if let Some(at) = outcome.reveal {
            self.view.scroll_to = Some(at);
        }
        if let Some(question) = outcome.question {
            self.ask(question, paths);
        }
        if let Some(status) = outcome.status {
            self.say(status);
        }
    }

    /// A passage clicked while linking is the other end of the link.
    fn complete_link(&mut self, to: &crate::model::PassageId) {
        let project = self.session.project();
        let Some(link) = self.linking.complete(project, to, &self.settings.coder) else {
            return;
        };
        let name = (project.relation(&link.relation)).map_or(String::new(), |r| r.name.clone());
        let edit = crate::model::Edit::AddLink(link);
        self.apply(Intent::Edit {
            edit: Box::new(edit),
            label: "Link passages".into(),
            coalesce: None,
        });
        self.say(format!("Linked: {name}"));
    }

    /// Escape closes what is open over the text first: a menu or popup,
    /// the F1 sheet, linking; only then clears the selection.
    fn escape(&mut self) {
        if let Some(ctx) = &self.ctx
            && egui::Popup::is_any_open(ctx)
        {
            egui::Popup::close_all(ctx);
            return;
        }
        if self.windows.close_sheet() {
            return;
        }
        if self.linking.pending_from.take().is_some() {
            self.say("Linking cancelled");
            return;
        }
        self.apply(Intent::SetSelection(None));
        self.apply(Intent::Select {
            id: None,
            reveal: false,
        });
    }

    /// Replaces the open session (after any unsaved-changes question).
    /// A project just made (bundled brief, example, text file) counts as
    /// unchanged: closing it loses nothing.
    pub fn replace(&mut self, session: Session, status: &str) {
        // The old project's changes were saved or discarded by now.
        if let Some(saver) = self.autosave.as_mut() {
            saver.clear();
        }
        let data_dir = self.data_dir.take();
        let ctx = self.ctx.take();
        let font_size = self.view.font_size;
        *self = Self::of(session, std::mem::take(&mut self.settings));
        self.fonts_requested = true;
        self.ctx = ctx;
        self.view.font_size = font_size;
        self.say(status);
        if let Some(dir) = data_dir {
            self.enable_recovery(dir);
        }
    }

    /// Puts an opened project in place (the job that read it is done).
    pub(super) fn finish_open(&mut self, path: &Path, result: Result<(Session, String), String>) {
        match result {
            Ok((session, status)) => {
                let remember = !session.is_new();
                let session = if session.project().is_blank_assignment() {
                    // A student's copy is saved under a new name, never over the assignment.
                    let project = session.project().clone();
                    Session::new(project, None, &self.settings.coder)
                } else {
                    session
                };
                self.replace(session, &status);
                if remember {
                    self.remember_recent(path);
                }
            }
            Err(e) => self.say(e),
        }
    }

    /// Saves to `path`: on the autosaver's worker from its mirror of the
    /// project when there is one (the app always has it), so the window
    /// goes on drawing while a big project is written; else here.
    fn save_to(&mut self, path: &Path) {
        let ticket = self.session.begin_save();
        if let Some(saver) = self.autosave.as_mut()
            && saver.save(path, ticket.noted_coder.clone())
        {
            self.say(format!("Saving {}…", path.display()));
            self.saving = Some(Saving {
                path: path.to_path_buf(),
                ticket,
                then: Vec::new(),
            });
            return;
        }
        let saved = self.session.write_save(path, &ticket);
        self.saved(path, saved);
    }

    /// Takes the worker's answer to a save under way, if it has come.
    pub(super) fn poll_save(&mut self) {
        let Some(answer) = self.saving.as_ref().and(self.autosave.as_mut()) else {
            return;
        };
        let Some(written) = answer.take_saved() else {
            return;
        };
        let Some(saving) = self.saving.take() else {
            return;
        };
        let ok = written.is_ok();
        let saved = (self.session).finish_save(&saving.path, &saving.ticket, written);
        self.saved(&saving.path, saved);
        if ok {
            self.perform_all(saving.then);
        } else if !saving.then.is_empty() {
            self.say(format!("{} (nothing else was done)", self.status));
        }
    }

    /// After a save (written or not): the recent list, the recovery file,
    /// the message.
    fn saved(&mut self, path: &Path, saved: Result<String, String>) {
        match saved {
            Ok(status) => {
                self.remember_recent(path);
                let clean = !self.session.is_dirty();
                if let (Some(saver), Some(dir)) = (self.autosave.as_mut(), &self.data_dir) {
                    saver.retarget(recovery::recovery_path(Some(path), dir));
                    // Edits made while it was written still need recovering.
                    if clean {
                        saver.clear();
                    }
                }
                self.say(status);
            }
            Err(e) => self.say(e),
        }
    }

    /// Waits for a save under way (the app is closing).
    pub fn finish_writing(&mut self) {
        if let Some(saver) = self.autosave.as_mut() {
            saver.wait();
        }
        self.poll_save();
    }

    /// Turns on autosave to a recovery file (in `data_dir` while the project
    /// has no file) and offers to restore one left by a crash.
    pub fn enable_recovery(&mut self, data_dir: PathBuf) {
        let target = recovery::recovery_path(self.session.path(), &data_dir);
        match recovery::read(&target) {
            Ok(Some(found)) => self.confirm = Some(super::Confirm::Restore(Box::new(found))),
            Ok(None) => {}
            Err(e) => self.say(e),
        }
        let mut saver = recovery::Autosaver::new(target);
        saver.install_panic_hook();
        // Its one copy of the project; from now on it follows the edits.
        saver.reset(self.session.project());
        self.session.record_edits();
        self.autosave = Some(saver);
        self.data_dir = Some(data_dir);
    }

    /// Makes the pending autosave due at once (benchmarks time the frame
    /// that hands the write to the worker).
    pub fn autosave_due_now(&mut self) {
        if let Some(saver) = self.autosave.as_mut() {
            let now = std::time::Instant::now();
            saver.edited(now.checked_sub(recovery::DELAY).unwrap_or(now));
        }
    }

    /// Writes the recovery file when due; removes it once nothing is unsaved.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(saver) = self.autosave.as_mut() else {
            return;
        };
        if self.saving.is_some() {
            // No recovery write behind the save: once saved, the window
            // would wait for it to finish before removing its file.
        } else if self.session.is_dirty() {
            let now = std::time::Instant::now();
            saver.tick(now, self.session.project(), self.session.path());
        } else if saver.has_work() {
            saver.clear();
        }
        if saver.is_saving() {
            // The answer is taken at the next frame after it comes.
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        } else if saver.is_pending() {
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        }
    }
}

use std::path::PathBuf;
