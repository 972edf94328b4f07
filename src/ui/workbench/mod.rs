//! The coding workbench: panels around the document, keyboard shortcuts,
//! and the one place where actions become edits, file operations and undo.

use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers};
use serde::{Deserialize, Serialize};

use super::actions::Action;
mod background;
mod classroom;
mod desk;
mod showcase;
pub use desk::Theme;
pub use showcase::View;
mod find;
mod keyboard;

use super::analysis_window::AnalysisWindow;
use super::assignment::{self, AssignmentDialog};
use super::compare_window::CompareWindow;
use super::document_map::{MapInput, MapStrip};
use super::document_view::{DocumentView, ViewInput};
use super::documents_pane::DocumentsPane;
use super::export_window::ExportWindow;
use super::file_dialog::{FileDialogs, Purpose};
use super::links_panel::Linking;
use super::passage_list::{ListInput, PassageList};
use super::teaching_window::TeachingWindow;
use super::{codebook_editor, codebook_pane, fonts, inspector};
use crate::assets;
use crate::io::recovery::{self, Autosaver, Recovery};
use crate::io::{self, project_file};
use crate::model::{
    CodeId, DocumentId, Edit, History, IndexChange, Passage, PassageId, PassageIndex, Project,
};

/// What the app remembers between runs.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The coder's name, stamped on new passages.
    pub coder: String,
    pub theme: desk::Theme,
    /// The reading text's size in points, once zoomed.
    pub font_size: Option<f32>,
    /// Recently opened or saved projects, latest first.
    pub recent: Vec<PathBuf>,
    /// The first-run hint was dismissed.
    pub hint_dismissed: bool,
}

/// A question the user must answer before the app goes on.
enum Confirm {
    /// Unsaved changes would be lost by `then`.
    Discard { then: Box<Action> },
    /// A recovery file from a session that ended without saving.
    Restore(Box<Recovery>),
    /// An import would change codes already in the codebook.
    ImportConflicts {
        paths: Vec<PathBuf>,
        names: Vec<String>,
    },
    /// A deletion that takes codes off passages; `delete` does it.
    Delete {
        heading: String,
        detail: String,
        delete: Box<Action>,
    },
}

/// The inspector's height until the user drags its border: room for a
/// passage with a few links and a memo.
const INSPECTOR_HEIGHT: f32 = 380.0;

pub struct Workbench {
    pub project: Project,
    pub history: History,
    /// Where the project is saved; `None` until the first Save As.
    pub path: Option<PathBuf>,
    /// Where the shown document is in `Project::documents`; kept on the
    /// same document (`shown`) when documents are added, removed or
    /// reordered.
    pub document: usize,
    /// The shown document, by id: what `document` is kept pointing at.
    shown: Option<DocumentId>,
    pub view: DocumentView,
    pub selected: Option<PassageId>,
    /// Last known index of `selected` in `Project::passages`.
    selected_at: Option<usize>,
    pub settings: Settings,
    pub files: FileDialogs,
    /// Set when the window may close (no unsaved changes, or the user agreed).
    pub close_confirmed: bool,
    pub quit: bool,
    pub status: String,
    /// Follows every edit as it is applied, so the frame after an edit
    /// (the same frame, for a key) paints it.
    index: PassageIndex,
    /// Counts changes to the passages, for views that cache what they derive.
    revision: u64,
    list: PassageList,
    editor_open: bool,
    export: ExportWindow,
    shortcuts_open: bool,
    confirm: Option<Confirm>,
    /// The coder-name question, open with its draft answer.
    coder_prompt: Option<String>,
    fonts_requested: bool,
    /// Crash recovery: set by `enable_recovery` (the app does; tests may).
    autosave: Option<Autosaver>,
    data_dir: Option<PathBuf>,
    pub linking: Linking,
    pub analysis: AnalysisWindow,
    jobs: background::Background,
    pub compare: CompareWindow,
    pub teaching: TeachingWindow,
    pub assignment: AssignmentDialog,
    /// A table a window asked to save, until its path is chosen.
    pending_table: Option<String>,
    map: MapStrip,
    /// The find bar above the reading pane (Ctrl+F).
    pub find: super::find_bar::FindBar,
    documents: DocumentsPane,
}

impl Workbench {
    pub fn new(project: Project, path: Option<PathBuf>, settings: Settings) -> Self {
        // A student opening an assignment says who they are, and saves their
        // copy under a new name rather than over the assignment.
        let blank_assignment = project.is_blank_assignment();
        let path = path.filter(|_| !blank_assignment);
        let coder_prompt = (settings.coder.is_empty() || blank_assignment).then(|| {
            Some(settings.coder.clone())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| std::env::var("USER").unwrap_or_default())
        });
        Self {
            index: PassageIndex::build(&project),
            shown: project.documents.first().map(|d| d.id().clone()),
            project,
            history: History::default(),
            path,
            document: 0,
            view: DocumentView::new(),
            selected: None,
            selected_at: None,
            settings,
            files: FileDialogs::default(),
            close_confirmed: false,
            quit: false,
            status: String::new(),
            revision: 0,
            list: PassageList::default(),
            editor_open: false,
            export: ExportWindow::default(),
            shortcuts_open: false,
            confirm: None,
            coder_prompt,
            fonts_requested: false,
            autosave: None,
            data_dir: None,
            linking: Linking::default(),
            analysis: AnalysisWindow::default(),
            jobs: background::Background::default(),
            compare: CompareWindow::default(),
            teaching: TeachingWindow::default(),
            assignment: AssignmentDialog::default(),
            pending_table: None,
            map: MapStrip::default(),
            find: Default::default(),
            documents: DocumentsPane::default(),
        }
    }

    /// Takes remembered settings; the coder is asked only if none is known.
    pub fn use_settings(&mut self, settings: Settings) {
        if !settings.coder.is_empty() {
            // A student opening an assignment still confirms who codes.
            self.coder_prompt = self
                .project
                .is_blank_assignment()
                .then(|| settings.coder.clone());
        }
        self.settings = settings;
    }

    /// Turns on autosave to a recovery file (in `data_dir` while the project
    /// has no file) and offers to restore one left by a crash.
    pub fn enable_recovery(&mut self, data_dir: PathBuf) {
        let target = recovery::recovery_path(self.path.as_deref(), &data_dir);
        match recovery::read(&target) {
            Ok(Some(found)) => self.confirm = Some(Confirm::Restore(Box::new(found))),
            Ok(None) => {}
            Err(e) => self.status = e,
        }
        let saver = Autosaver::new(target);
        saver.install_panic_hook();
        self.autosave = Some(saver);
        self.data_dir = Some(data_dir);
    }

    /// Writes the recovery file when due; removes it once nothing is unsaved.
    fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(saver) = self.autosave.as_mut() else {
            return;
        };
        if self.history.is_dirty() {
            saver.tick(
                std::time::Instant::now(),
                &self.project,
                self.path.as_deref(),
            );
        } else if saver.has_work() {
            saver.clear();
        }
        if saver.is_pending() {
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        }
    }

    /// The bundled brief with the default codebook, nothing coded.
    pub fn with_bundled_brief(settings: Settings) -> Self {
        Self::new(assets::default_project(), None, settings)
    }

    /// The project's display name for the title bar.
    pub fn title(&self) -> String {
        let name = self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "Untitled project".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let dirty = if self.history.is_dirty() { "• " } else { "" };
        format!("{dirty}{name} — briefmark")
    }

    /// The passage index as of the last edit (read-only: it follows edits).
    pub fn passage_index(&self) -> &PassageIndex {
        &self.index
    }

    pub fn selected_passage(&self) -> Option<&Passage> {
        self.selected
            .as_ref()
            .and_then(|id| self.project.passage(id))
    }

    /// Draws the whole workbench for one frame.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        if !self.fonts_requested {
            fonts::install(ui.ctx());
            self.apply_desk_settings(ui.ctx());
            self.fonts_requested = true;
        }
        // Keys act before anything is drawn, so the frame that receives a
        // code's key already paints the new passage.
        let mut actions = Vec::new();
        self.shortcuts(ui.ctx(), &mut actions);
        dropped_files(ui.ctx(), &mut actions);
        self.perform_all(actions);
        let mut actions = Vec::new();
        self.panels(ui, &mut actions);
        self.windows(ui.ctx(), &mut actions);
        self.perform_all(actions);
        self.autosave_tick(ui.ctx());
    }

    fn perform_all(&mut self, actions: Vec<Action>) {
        for action in actions {
            self.perform(action);
        }
    }

    fn panels(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui, actions));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if !self.settings.hint_dismissed {
            egui::Panel::top("first-run").show(ui, |ui| self.first_run_hint(ui));
        }
        if self.project.assignment.is_some() {
            egui::Panel::top("assignment").show(ui, |ui| assignment::banner(ui, &self.project));
        }
        if self.compare.overlay.is_some() {
            egui::Panel::top("compare-view").show(ui, |ui| self.compare.banner(ui));
        }
        let can_code = self.view.selected_range().is_some() || self.selected.is_some();
        let selected_at = self.selected_index();
        // In a narrow window the side panes give way (each at most a share
        // of the width), so the reading column keeps room for its text.
        let width = ui.ctx().content_rect().width();
        let (left_max, right_max) = (
            (width * 0.24).clamp(160.0, 420.0),
            (width * 0.30).clamp(220.0, 600.0),
        );
        egui::Panel::left("codebook")
            .default_size(230.0_f32.min(left_max))
            .size_range(160.0..=left_max)
            .show(ui, |ui| {
                let (project, index) = (&self.project, &self.index);
                self.documents
                    .ui(ui, project, index, self.document, actions);
                ui.separator();
                codebook_pane::ui(ui, project, index, can_code, actions)
            });
        egui::Panel::right("passage")
            .default_size(330.0_f32.min(right_max))
            .size_range(220.0..=right_max)
            .show(ui, |ui| self.passage_panel(ui, selected_at, actions));
        self.map_panel(ui);
        egui::CentralPanel::default().show(ui, |ui| self.document_ui(ui, actions));
    }

    /// The right pane: the inspector, in an area of its own height, and the
    /// passage list below it.
    fn passage_panel(
        &mut self,
        ui: &mut egui::Ui,
        selected_at: Option<usize>,
        actions: &mut Vec<Action>,
    ) {
        // The inspector keeps its height whatever the passage shows
        // (links, a memo, problems), so the list below does not
        // jump when the selection changes; the border between them
        // can be dragged, and a long inspector scrolls.
        // At most 60% of the pane, so that in a short window the list
        // (and what needs re-placing) keeps room below it.
        let room = ui.available_height();
        let tallest = (room - 120.0).min(room * 0.6).max(120.0);
        egui::Panel::top("inspector")
            .default_size(INSPECTOR_HEIGHT)
            .size_range(120.0..=tallest)
            .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(0, 4)))
            .show(ui, |ui| {
                let shown = match selected_at.and_then(|i| self.project.passages.get(i)) {
                    Some(p) => Some(inspector::Shown::Passage(p)),
                    None => (self.selected.as_ref())
                        .and_then(|id| self.project.orphan(id))
                        .map(inspector::Shown::Orphan),
                };
                let selection = self.view.selected_range();
                let linking = &mut self.linking;
                egui::ScrollArea::vertical()
                    .id_salt("inspector-scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        inspector::ui(ui, &self.project, shown, selection, linking, actions);
                    });
            });
        if let Some(doc) = self.project.documents.get(self.document) {
            let input = ListInput {
                project: &self.project,
                index: &self.index,
                revision: self.revision,
                document: doc.id(),
                selected: self.selected.as_ref(),
                can_place: self.view.selected_range().is_some(),
            };
            self.list.ui(ui, &input, actions);
        }
    }

    /// The document map beside the reading pane.
    fn map_panel(&mut self, ui: &mut egui::Ui) {
        let Some(doc) = self.project.documents.get(self.document) else {
            return;
        };
        egui::Panel::right("document-map")
            .resizable(false)
            .exact_size(MapStrip::width(&self.project) + 4.0)
            .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(2, 6)))
            .show(ui, |ui| {
                let input = MapInput {
                    project: &self.project,
                    document: doc,
                    index: self.index.document(doc.id()),
                    visible: self.view.visible_chars(),
                    hits: self.find.map_hits(self.document),
                };
                if let Some(at) = self.map.ui(ui, input) {
                    self.view.scroll_to = Some(at);
                }
            });
    }

    /// Where the selected passage is in `Project::passages`: remembered, and
    /// checked by id, rather than searched for every frame.
    fn selected_index(&mut self) -> Option<usize> {
        let id = self.selected.as_ref()?;
        let ps = &self.project.passages;
        if let Some(i) = self
            .selected_at
            .filter(|&i| ps.get(i).is_some_and(|p| &p.id == id))
        {
            return Some(i);
        }
        self.selected_at = ps.position(id);
        self.selected_at
    }

    fn document_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        self.find_ui(ui, actions);
        let selected_passage = self.selected_index();
        let Some(document) = self.project.documents.get(self.document) else {
            ui.centered_and_justified(|ui| ui.label("This project has no documents."));
            return;
        };
        let compare = self
            .compare
            .overlay_segments(&self.project, self.revision, document);
        let input = ViewInput {
            project: &self.project,
            document,
            index: self.index.document(document.id()),
            selected_passage,
            compare,
            hits: self.find.view_hits(self.document),
        };
        let events = self.view.show(ui, &input);
        if let Some(p) = events.clicked_passage {
            let id = self.project.passages[p].id.clone();
            actions.push(Action::SelectPassage {
                id: Some(id),
                reveal: false,
            });
        } else if events.clicked_empty {
            actions.push(Action::SelectPassage {
                id: None,
                reveal: false,
            });
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                let items = [
                    ("New project (bundled brief)", "", Action::New),
                    ("Open…", "Ctrl+O", Action::Open),
                    ("Open example coding", "", Action::OpenExample),
                    ("Save", "Ctrl+S", Action::Save),
                    ("Save as…", "Ctrl+Shift+S", Action::SaveAs),
                    ("Import documents, projects…", "", Action::Import),
                    ("Revise document from file…", "", Action::Revise),
                    ("Export…", "Ctrl+E", Action::Export),
                    ("Quit", "Ctrl+Q", Action::Quit),
                ];
                for (label, key, action) in items {
                    if ui
                        .add(egui::Button::new(label).shortcut_text(key))
                        .clicked()
                    {
                        actions.push(action);
                    }
                }
                self.recent_menu(ui, actions);
            });
            ui.menu_button("Edit", |ui| {
                let undo = self
                    .history
                    .undo_label()
                    .map_or("Undo".into(), |l| format!("Undo {l}"));
                let redo = self
                    .history
                    .redo_label()
                    .map_or("Redo".into(), |l| format!("Redo {l}"));
                if ui
                    .add_enabled(
                        self.history.can_undo(),
                        egui::Button::new(undo).shortcut_text("Ctrl+Z"),
                    )
                    .clicked()
                {
                    actions.push(Action::Undo);
                }
                if ui
                    .add_enabled(
                        self.history.can_redo(),
                        egui::Button::new(redo).shortcut_text("Ctrl+Shift+Z"),
                    )
                    .clicked()
                {
                    actions.push(Action::Redo);
                }
                let delete = egui::Button::new("Delete passage").shortcut_text("Del");
                if ui.add_enabled(self.selected.is_some(), delete).clicked()
                    && let Some(id) = self.selected.clone()
                {
                    actions.push(Action::DeletePassage(id));
                }
                if ui.button("Codebook…").clicked() {
                    actions.push(Action::ToggleCodebookEditor);
                }
                if ui.button("Coder name…").clicked() {
                    actions.push(Action::ChangeCoder);
                }
            });
            self.view_menu(ui);
            ui.menu_button("Analysis", |ui| {
                let items = [
                    (
                        "Statistics and retrieval…",
                        "Ctrl+Shift+A",
                        Action::ShowAnalysis,
                    ),
                    ("Compare codings…", "", Action::ShowCompare),
                    ("Teaching: compare a class…", "", Action::ShowTeaching),
                    ("Save as assignment…", "", Action::MakeAssignment),
                ];
                for (label, key, action) in items {
                    if ui
                        .add(egui::Button::new(label).shortcut_text(key))
                        .clicked()
                    {
                        actions.push(action);
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                if ui
                    .add(egui::Button::new("Keyboard shortcuts").shortcut_text("F1"))
                    .clicked()
                {
                    actions.push(Action::ShowShortcuts);
                }
            });
        });
    }

    fn status_bar(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if self.history.is_dirty() {
                ui.colored_label(ui.visuals().warn_fg_color, "• Unsaved changes");
            } else if self.path.is_some() {
                ui.weak("Saved");
            } else {
                ui.weak("No changes");
            }
            ui.separator();
            let path = self
                .path
                .as_ref()
                .map_or("not saved yet".into(), |p| p.display().to_string());
            ui.weak(path);
            ui.separator();
            ui.weak(format!("Coder: {}", self.settings.coder));
            if self.linking.pending_from.is_some() {
                ui.separator();
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Linking: click the other passage (Esc cancels)",
                );
            }
            if let Some(r) = self.view.selected_range() {
                ui.separator();
                ui.label(format!(
                    "Selected {}–{} ({} characters): press 1–9 to code",
                    r.start,
                    r.end,
                    r.end - r.start
                ));
            }
            if !self.status.is_empty() {
                ui.separator();
                // Cut with "…" where the window ends; the whole message on hover.
                ui.add(egui::Label::new(&self.status).truncate());
            }
        });
    }

    fn shortcuts(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let importing = self.busy_importing();
        if self.confirm.is_some()
            || self.files.is_busy()
            || self.coder_prompt.is_some()
            || importing
        {
            return;
        }
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let table = [
            (KeyboardShortcut::new(cmd_shift, Key::S), Action::SaveAs),
            (KeyboardShortcut::new(cmd, Key::S), Action::Save),
            (KeyboardShortcut::new(cmd, Key::O), Action::Open),
            (KeyboardShortcut::new(cmd, Key::E), Action::Export),
            (
                KeyboardShortcut::new(cmd_shift, Key::A),
                Action::ShowAnalysis,
            ),
            (KeyboardShortcut::new(cmd, Key::Q), Action::Quit),
            (KeyboardShortcut::new(cmd_shift, Key::Z), Action::Redo),
            (KeyboardShortcut::new(cmd, Key::Y), Action::Redo),
            (KeyboardShortcut::new(cmd, Key::Z), Action::Undo),
            (
                KeyboardShortcut::new(Modifiers::NONE, Key::F1),
                Action::ShowShortcuts,
            ),
        ];
        self.zoom_keys(ctx);
        let typing = ctx.egui_wants_keyboard_input();
        for (shortcut, action) in table {
            // Inside a text field, Ctrl+Z belongs to the field.
            let text_key = matches!(action, Action::Undo | Action::Redo);
            if !(typing && text_key) && ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                actions.push(action);
            }
        }
        self.keyboard(ctx, actions);
        if typing {
            return;
        }
        self.plain_keys(ctx, actions);
    }

    /// Number keys code, Delete deletes, Escape clears the selection.
    fn plain_keys(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        const DIGITS: [Key; 9] = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        for (n, key) in DIGITS.iter().enumerate() {
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, *key))
                && let Some(code) = self.project.codebook.code_for_key(n + 1)
            {
                actions.push(Action::ApplyCode(code.clone()));
            }
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Delete))
            && let Some(id) = self.selected.clone()
        {
            actions.push(Action::DeletePassage(id));
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            if self.linking.pending_from.take().is_some() {
                self.status = "Linking cancelled".into();
                return;
            }
            self.view.selection = None;
            actions.push(Action::SelectPassage {
                id: None,
                reveal: false,
            });
        }
    }
}

// ---------------------------------------------------------------------------
// Windows and dialogs

impl Workbench {
    fn windows(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let mut open = self.editor_open;
        if open {
            codebook_editor::ui(ctx, &mut open, &self.project, actions);
        }
        self.editor_open = open;
        if self.shortcuts_open {
            egui::Window::new("Keyboard shortcuts")
                .open(&mut self.shortcuts_open)
                .show(ctx, shortcuts_ui);
        }
        if self.export.open {
            self.export.ui(ctx, actions);
        }
        self.classroom_windows(ctx, actions);
        self.documents.window(ctx, actions);
        if let Some((purpose, mut paths)) = self.files.ui(ctx) {
            actions.push(match purpose {
                Purpose::Import => Action::ImportPaths(paths),
                Purpose::Open => Action::OpenPath(paths.swap_remove(0)),
                Purpose::SaveAs => Action::SavePath(paths.swap_remove(0)),
                Purpose::Export => Action::ExportTo(paths.swap_remove(0)),
                Purpose::Revise => Action::ReviseFrom(paths.swap_remove(0)),
                other => Action::Chosen(other, paths),
            });
        }
        self.confirm_ui(ctx, actions);
        self.coder_prompt(ctx);
        self.jobs_ui(ctx);
    }

    fn confirm_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(confirm) = &self.confirm else { return };
        let mut answer: Option<Option<Vec<Action>>> = None;
        egui::Modal::new(egui::Id::unique("confirm")).show(ctx, |ui| match confirm {
            Confirm::Discard { then } => {
                ui.heading("Unsaved changes");
                ui.label("The project has changes that are not saved.");
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        // With nowhere to save yet, Save as… comes first; the user then repeats `then`.
                        let after = if self.path.is_some() {
                            vec![Action::Save, (**then).clone()]
                        } else {
                            vec![Action::SaveAs]
                        };
                        answer = Some(Some(after));
                    }
                    if ui.button("Discard changes").clicked() {
                        self.history.mark_saved();
                        answer = Some(Some(vec![(**then).clone()]));
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(None);
                    }
                });
            }
            Confirm::Restore(found) => {
                answer = restore_buttons(ui, found, self.project.passages.len());
            }
            Confirm::ImportConflicts { paths, names } => {
                answer = import_conflict_buttons(ui, paths, names);
            }
            Confirm::Delete {
                heading,
                detail,
                delete,
            } => {
                ui.heading(heading);
                ui.label(detail);
                answer = delete_buttons(ui, (**delete).clone());
            }
        });
        if let Some(result) = answer {
            self.confirm = None;
            actions.extend(result.unwrap_or_default());
        }
    }

    /// Asks the coder's name (at first start, or from Edit → Coder name…);
    /// it is remembered in the settings.
    fn coder_prompt(&mut self, ctx: &egui::Context) {
        let Some(draft) = self.coder_prompt.as_mut() else {
            return;
        };
        let mut done = false;
        let can_cancel = !self.settings.coder.is_empty();
        egui::Modal::new(egui::Id::unique("coder")).show(ctx, |ui| {
            ui.heading("Who is coding?");
            ui.label("Your name is stamped on the passages you code and remembered for next time.");
            let r = ui.add(egui::TextEdit::singleline(draft).hint_text("Your name"));
            // Only when nothing has focus: asking every frame makes egui repaint without end.
            if ui.memory(|m| m.focused().is_none()) {
                r.request_focus();
            }
            let enter = ui.input(|i| i.key_pressed(Key::Enter));
            let name = draft.trim().to_owned();
            ui.horizontal(|ui| {
                let ok = ui.add_enabled(!name.is_empty(), egui::Button::new("Start coding"));
                if (ok.clicked() || enter) && !name.is_empty() {
                    self.settings.coder = name;
                    done = true;
                }
                if can_cancel && ui.button("Cancel").clicked() {
                    done = true;
                }
            });
        });
        if done {
            self.coder_prompt = None;
        }
    }
}

/// Files dropped on the window are imported (documents, projects,
/// codebooks); while files hover, the window says so.
fn dropped_files(ctx: &egui::Context, actions: &mut Vec<Action>) {
    let (hovering, dropped): (bool, Vec<PathBuf>) = ctx.input(|i| {
        let paths = i.raw.dropped_files.iter().map(|f| f.path().to_path_buf());
        (!i.raw.hovered_files.is_empty(), paths.collect())
    });
    if hovering {
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop-overlay"),
        ));
        let rect = ctx.content_rect();
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
        let font = egui::FontId::proportional(24.0);
        let text = "Drop to import: documents, projects, codebooks";
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            text,
            font,
            egui::Color32::WHITE,
        );
    }
    if !dropped.is_empty() {
        actions.push(Action::ImportPaths(dropped));
    }
}

/// Offers work recovered from a session that ended without saving.
fn restore_buttons(
    ui: &mut egui::Ui,
    found: &Recovery,
    passages_now: usize,
) -> Option<Option<Vec<Action>>> {
    ui.heading("Recover unsaved work?");
    let when = found
        .written
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M:%S");
    let orphans = match found.project.orphans.len() {
        0 => String::new(),
        n => format!(" (and {n} to re-place)"),
    };
    ui.label(format!(
        "briefmark ended without saving. A recovery copy from {when} holds {} passage(s){orphans} in {} document(s); the project as opened holds {passages_now}.",
        found.project.passages.len(),
        found.project.documents.len(),
    ));
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.button("Restore").clicked() {
            let edit = Edit::ReplaceProject(Box::new(found.project.clone()));
            answer = Some(Some(vec![Action::edit(edit, "Restore recovered work")]));
        }
        if ui.button("Discard it").clicked() {
            answer = Some(Some(vec![Action::DiscardRecovery]));
        }
    });
    answer
}

/// Asks which side wins for codes that differ between project and import.
fn import_conflict_buttons(
    ui: &mut egui::Ui,
    paths: &[PathBuf],
    names: &[String],
) -> Option<Option<Vec<Action>>> {
    use crate::model::ConflictPolicy;
    ui.heading("Codes differ");
    ui.label(format!(
        "These codes are in the project and in the import with different definitions or colours: {}.",
        names.join(", ")
    ));
    let mut answer = None;
    ui.horizontal(|ui| {
        for (label, policy) in [
            ("Keep the project's", ConflictPolicy::KeepOurs),
            ("Use the imported", ConflictPolicy::TakeTheirs),
        ] {
            if ui.button(label).clicked() {
                answer = Some(Some(vec![Action::ImportWith(paths.to_vec(), policy)]));
            }
        }
        if ui.button("Cancel").clicked() {
            answer = Some(None);
        }
    });
    answer
}

fn delete_buttons(ui: &mut egui::Ui, delete: Action) -> Option<Option<Vec<Action>>> {
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.button("Delete").clicked() {
            answer = Some(Some(vec![delete]));
        }
        if ui.button("Cancel").clicked() {
            answer = Some(None);
        }
    });
    answer
}

fn shortcuts_ui(ui: &mut egui::Ui) {
    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
        for (keys, what) in [
            ("drag, shift-click", "select text (across paragraphs too)"),
            ("double-click / triple-click", "select a word / a paragraph"),
            (
                "1 … 9",
                "code the selection with the numbered code (toggle on a selected passage)",
            ),
            (
                "click a passage or stripe",
                "select it (details on the right); click again for the passage around it",
            ),
            ("Del", "delete the selected passage"),
            ("Esc", "clear the selection; cancel linking"),
            (
                "Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y",
                "undo / redo, codebook edits included",
            ),
            ("Ctrl+S / Ctrl+Shift+S / Ctrl+O", "save / save as / open"),
            ("Ctrl+E", "export"),
            (
                "Ctrl+Shift+A",
                "analysis: frequencies, co-occurrence, retrieval",
            ),
            (
                "Ctrl+F",
                "find in this document and the corpus (docs/finding.md)",
            ),
            (
                "Enter / Shift+Enter, F3 / Shift+F3",
                "next / previous hit (selected, so 1 … 9 codes it); Esc closes the bar",
            ),
            (
                "Alt+→ / Alt+←",
                "select the next / previous sentence (with Shift: grow the selection)",
            ),
            (
                "Alt+↓ / Alt+↑",
                "select the next / previous paragraph (with Shift: grow the selection)",
            ),
            ("N / P", "select the next / previous passage"),
            ("U", "select the next paragraph without passages"),
        ] {
            ui.strong(keys);
            ui.label(what);
            ui.end_row();
        }
    });
}

// ---------------------------------------------------------------------------
// Actions

impl Workbench {
    /// Carries out one action.
    pub fn perform(&mut self, action: Action) {
        if action.replaces_project() && self.history.is_dirty() {
            self.confirm = Some(Confirm::Discard {
                then: Box::new(action),
            });
            return;
        }
        let Some(action) = self.perform_classroom(action) else {
            return;
        };
        match action {
            // Carried out by `perform_classroom` above.
            Action::ShowAnalysis
            | Action::ShowCompare
            | Action::ShowTeaching
            | Action::MakeAssignment
            | Action::Choose(_)
            | Action::Chosen(..)
            | Action::SaveTable(..) => {}
            Action::ApplyCode(code) => self.apply_code(code),
            Action::SelectPassage { id, reveal } => self.select(id, reveal),
            Action::Edit {
                edit,
                label,
                coalesce,
            } => self.edit(*edit, label, coalesce),
            Action::PlacePassage(id) => self.place_passage(&id),
            Action::DeletePassage(id) => {
                self.edit(Edit::RemovePassage(id), "Delete passage".into(), None);
                self.selected = None;
            }
            Action::DeleteCode(id) => self.ask_delete_code(id),
            Action::DeleteDimension(id) => self.ask_delete_dimension(id),
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::New => self.replace(
                assets::default_project(),
                None,
                "New project on the bundled brief",
            ),
            Action::OpenExample => self.replace(
                assets::example_project(),
                None,
                "Opened the example coding (a copy: Save as… to keep changes)",
            ),
            Action::Open => self.files.request(Purpose::Open, String::new()),
            Action::OpenPath(path) => self.open_path(&path),
            Action::Save => match self.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.perform(Action::SaveAs),
            },
            Action::SaveAs => self.files.request(Purpose::SaveAs, self.suggested_name()),
            Action::SavePath(path) => self.save_to(&with_extension(path)),
            Action::ToggleCodebookEditor => self.editor_open = !self.editor_open,
            Action::ShowShortcuts => self.shortcuts_open = true,
            Action::ShowDocument(i) => self.show_document(i),
            Action::DiscardRecovery => {
                if let Some(saver) = self.autosave.as_mut() {
                    saver.clear();
                }
            }
            Action::Export => self.export.open = true,
            Action::ChooseExportPath => {
                let name = format!("{}.{}", self.file_stem(), self.export.format.extension());
                self.files.request(Purpose::Export, name);
            }
            Action::ExportTo(path) => self.start_export(&path),
            Action::Import => self.files.request(Purpose::Import, String::new()),
            Action::Revise => self.files.request(Purpose::Revise, String::new()),
            Action::ReviseFrom(path) => self.revise_from(&path),
            Action::ImportPaths(paths) => self.start_import(paths, None),
            Action::ImportWith(paths, policy) => self.start_import(paths, Some(policy)),
            Action::ChangeCoder => self.coder_prompt = Some(self.settings.coder.clone()),
            Action::Find(find) => self.perform_find(find),
            Action::Navigate(jump) => self.navigate(jump),
            Action::Quit => {
                self.close_confirmed = true;
                self.quit = true;
            }
        }
    }

    fn show_document(&mut self, index: usize) {
        if index < self.project.documents.len() && index != self.document {
            self.switch_document(index);
        }
    }

    /// Shows document `index` afresh: a new view (no text selected, so no
    /// key can code text the user is not looking at), nothing selected.
    fn switch_document(&mut self, index: usize) {
        self.document = index;
        self.shown = self.project.documents.get(index).map(|d| d.id().clone());
        let font_size = self.view.font_size;
        self.view = DocumentView::new();
        self.view.font_size = font_size;
        self.selected = None;
    }

    /// After documents were added, removed or reordered: the shown document
    /// stays shown, wherever it now is; if it is gone, the one now at its
    /// place (or the last) is shown afresh.
    fn follow_shown_document(&mut self) {
        let docs = &self.project.documents;
        let now_at = (self.shown.as_ref()).and_then(|id| docs.iter().position(|d| d.id() == id));
        match now_at {
            Some(i) => self.document = i,
            None if self.shown.is_none() && docs.is_empty() => {}
            None => self.switch_document(self.document.min(docs.len().saturating_sub(1))),
        }
    }

    fn edit(&mut self, edit: Edit, label: String, coalesce: Option<String>) {
        let change = IndexChange::of(&edit, &self.project);
        match self.history.apply(&mut self.project, edit, label, coalesce) {
            Ok(()) => {
                self.index_changed(&change);
                self.note_edit();
            }
            Err(e) => self.status = format!("Not done: {e}"),
        }
    }

    fn note_edit(&mut self) {
        if let Some(saver) = self.autosave.as_mut() {
            saver.edited(std::time::Instant::now());
        }
    }

    /// Brings the index and the views' revision up to date with an edit
    /// just applied.
    fn index_changed(&mut self, change: &IndexChange) {
        self.follow_shown_document();
        self.index.update(&self.project, change);
        self.revision += 1;
    }

    fn undo_redo(&mut self, undo: bool) {
        self.note_edit();
        let next = if undo {
            self.history.next_undo()
        } else {
            self.history.next_redo()
        };
        let change = next.map(|e| IndexChange::of(e, &self.project));
        let done = if undo {
            self.history
                .undo(&mut self.project)
                .map(|l| format!("Undid {l}"))
        } else {
            self.history
                .redo(&mut self.project)
                .map(|l| format!("Redid {l}"))
        };
        // A step whose edit failed to apply may have done part of it.
        if let Some(change) = change {
            self.index_changed(&if done.is_some() {
                change
            } else {
                IndexChange::All
            });
        }
        self.status =
            done.unwrap_or_else(|| format!("Nothing to {}", if undo { "undo" } else { "redo" }));
        if self
            .selected
            .as_ref()
            .is_some_and(|id| !self.project.has_passage(id))
        {
            self.selected = None;
        }
    }

    /// Gives passage `id` the selected text's range (same id, codes, memo):
    /// moves a placed passage, or re-places one that needs it.
    fn place_passage(&mut self, id: &PassageId) {
        let (Some(range), Some(doc)) = (
            self.view.selected_range(),
            self.project.documents.get(self.document),
        ) else {
            self.status = "Select the text where the passage belongs first.".into();
            return;
        };
        let now = chrono::Utc::now();
        let edit = if let Some(old) = self.project.passage(id) {
            Edit::UpdatePassage(Box::new(old.placed_at(doc, range.start, range.end, now)))
        } else if let Some(orphan) = self.project.orphan(id) {
            if &orphan.document != doc.id() {
                self.status =
                    "That passage belongs to another document: select its text there.".into();
                return;
            }
            Edit::PlaceOrphan(Box::new(orphan.placed_at(doc, range.start, range.end, now)))
        } else {
            return;
        };
        self.status = format!("Passage now at characters {}–{}", range.start, range.end);
        self.edit(edit, "Re-place passage".into(), None);
        self.view.selection = None;
    }

    fn select(&mut self, id: Option<PassageId>, reveal: bool) {
        self.history.seal();
        // A passage of another document (from retrieval, or one that needs
        // re-placing there): show that one.
        let document_of = |id: &PassageId| {
            (self.project.passage(id).map(|p| &p.document))
                .or_else(|| self.project.orphan(id).map(|o| &o.document))
                .cloned()
        };
        if let Some(doc) = id.as_ref().and_then(document_of)
            && let Some(i) = self.project.documents.iter().position(|d| d.id() == &doc)
        {
            self.show_document(i);
        }
        if reveal && let Some(p) = id.as_ref().and_then(|id| self.project.passage(id)) {
            self.view.scroll_to = Some(p.start);
            self.view.selection = None;
        }
        if let Some(to) = &id
            && let Some(link) = self
                .linking
                .complete(&self.project, to, &self.settings.coder)
        {
            let name = self
                .project
                .relation(&link.relation)
                .map_or(String::new(), |r| r.name.clone());
            self.status = format!("Linked: {name}");
            self.edit(Edit::AddLink(link), "Link passages".into(), None);
        }
        self.selected = id;
    }

    /// Codes the selected text as a new passage (or the passage with exactly
    /// that range), else toggles the code on the selected passage.
    fn apply_code(&mut self, code: CodeId) {
        let Some(doc) = self.project.documents.get(self.document) else {
            return;
        };
        if let Some(range) = self.view.selected_range() {
            // A passage over exactly this text is selected, not made twice
            // (asked of the index: a scan of every passage is felt). The
            // index may lag an edit made this frame: what it finds is checked.
            let here = |p: &&Passage| {
                p.start == range.start && p.end == range.end && &p.document == doc.id()
            };
            let same = (self.index.document(doc.id()))
                .into_iter()
                .flat_map(|d| d.passages.query(range.start, range.start + 1))
                .filter_map(|(_, _, &i)| self.project.passages.get(i))
                .find(here);
            if let Some(p) = same {
                self.selected = Some(p.id.clone());
            } else {
                let mut p = Passage::new(
                    doc,
                    range.start,
                    range.end,
                    &self.settings.coder,
                    chrono::Utc::now(),
                );
                p.codes.push(code.clone());
                let name = self.code_name(&code);
                self.selected = Some(p.id.clone());
                // Appended: where it will be, so no search finds it again.
                self.selected_at = Some(self.project.passages.len());
                self.edit(Edit::AddPassage(p), format!("Code as {name}"), None);
                self.view.selection = None;
                return;
            }
            self.view.selection = None;
        }
        let Some(id) = self.selected.clone() else {
            self.status = "Select some text or a passage first, then pick a code.".into();
            return;
        };
        if let Some(edit) = self
            .project
            .toggle_code_edit(&id, &code, chrono::Utc::now())
        {
            let label = format!("Toggle {}", self.code_name(&code));
            self.edit(edit, label, None);
        } else if self.project.orphan(&id).is_some() {
            self.status = "This passage needs re-placing first: select its text, then press Re-place on the selection.".into();
        }
    }

    fn code_name(&self, code: &CodeId) -> String {
        self.project
            .codebook
            .code(code)
            .map_or(code.0.clone(), |c| c.name.clone())
    }

    fn ask_delete_code(&mut self, id: CodeId) {
        let name = self.code_name(&id);
        let uses = self.project.passages_with(&id);
        let delete = Action::edit(Edit::RemoveCode(id), format!("Delete code {name}"));
        self.ask_delete(
            uses,
            format!("Delete the code “{name}”?"),
            format!(
                "{uses} passage(s) carry it; they keep their other codes. Undo brings it back."
            ),
            delete,
        );
    }

    fn ask_delete_dimension(&mut self, id: crate::model::DimensionId) {
        let Some(dim) = self.project.codebook.dimension(&id) else {
            return;
        };
        let name = dim.name.clone();
        let uses = (self.project.passages.iter())
            .filter(|p| p.codes.iter().any(|c| dim.codes.iter().any(|k| &k.id == c)))
            .count();
        let delete = Action::edit(
            Edit::RemoveDimension(id),
            format!("Delete dimension {name}"),
        );
        self.ask_delete(
            uses,
            format!("Delete the dimension “{name}” and its codes?"),
            format!("{uses} passage(s) carry its codes. Undo brings it back."),
            delete,
        );
    }

    /// Deletes at once when nothing is coded with it, else asks first.
    fn ask_delete(&mut self, uses: usize, heading: String, detail: String, delete: Action) {
        if uses == 0 {
            self.perform(delete);
        } else {
            let delete = Box::new(delete);
            self.confirm = Some(Confirm::Delete {
                heading,
                detail,
                delete,
            });
        }
    }

    /// Replaces the open project (after any unsaved-changes question).
    /// A project just made (bundled brief, example, text file) counts as
    /// unchanged: closing it loses nothing.
    pub fn replace(&mut self, project: Project, path: Option<PathBuf>, status: &str) {
        // The old project's changes were saved or discarded by now.
        if let Some(saver) = self.autosave.as_mut() {
            saver.clear();
        }
        let data_dir = self.data_dir.take();
        *self = Self::new(project, path, std::mem::take(&mut self.settings));
        self.status = status.to_owned();
        if let Some(dir) = data_dir {
            self.enable_recovery(dir);
        }
    }

    fn open_path(&mut self, path: &Path) {
        match io::open(path) {
            Ok(opened) => {
                let saved_at = (!opened.is_new).then(|| path.to_path_buf());
                let mut status = format!("Opened {}", path.display());
                if let Err(problems) = opened.project.check() {
                    status = format!(
                        "{status}. {} problem(s) found: {} (`briefmark check` lists them all)",
                        problems.len(),
                        problems[0]
                    );
                }
                if !opened.warnings.is_empty() {
                    status = format!(
                        "{status} with {} markup warning(s): {}",
                        opened.warnings.len(),
                        opened.warnings.join("; ")
                    );
                }
                self.replace(opened.project, saved_at, &status);
                if !opened.is_new {
                    self.remember_recent(path);
                }
            }
            Err(e) => self.status = format!("Could not open: {e}"),
        }
    }

    fn save_to(&mut self, path: &Path) {
        // A student's copy of an assignment carries their name even before
        // they code anything: an empty copy handed in is theirs, not the
        // assignment again (the Teaching window scores it).
        if self.project.assignment.is_some() && self.project.coders.is_empty() {
            self.project.note_coder(&self.settings.coder);
        }
        match project_file::save(&self.project, path) {
            Ok(()) => {
                self.history.mark_saved();
                self.path = Some(path.to_path_buf());
                self.remember_recent(path);
                if let (Some(saver), Some(dir)) = (self.autosave.as_mut(), &self.data_dir) {
                    saver.retarget(recovery::recovery_path(Some(path), dir));
                    saver.clear();
                }
                self.status = format!("Saved {}", path.display());
            }
            Err(e) => self.status = format!("Not saved: {e}"),
        }
    }

    /// The project's file name without its ending, for suggested names.
    fn file_stem(&self) -> String {
        let from_path = self.path.as_ref().and_then(|p| p.file_name()).map(|n| {
            let n = n.to_string_lossy();
            n.strip_suffix(&format!(".{}", project_file::EXTENSION))
                .unwrap_or(&n)
                .to_owned()
        });
        from_path.unwrap_or_else(|| {
            self.project
                .documents
                .first()
                .map_or("project".into(), |d| d.id().0.clone())
        })
    }

    /// Replaces the shown document's text with a revised file and re-places
    /// its passages (one undoable step); orphans stay, flagged in the list.
    fn revise_from(&mut self, path: &Path) {
        let Some(id) = self
            .project
            .documents
            .get(self.document)
            .map(|d| d.id().clone())
        else {
            return;
        };
        let revised = match crate::io::import_files::read_document(path) {
            Ok(r) => r,
            Err(e) => {
                self.status = format!("Not revised: {e}");
                return;
            }
        };
        let mut project = self.project.clone();
        let Some(report) = project.revise_document(&id, revised.document) else {
            return;
        };
        self.edit(
            Edit::ReplaceProject(Box::new(project)),
            "Revise document".into(),
            None,
        );
        let title = self.project.document(&id).map_or(String::new(), |d| {
            crate::model::text::one_line(d.title(), 40)
        });
        self.status = format!("Revised “{title}”: {report}");
        if report.orphans > 0 {
            self.status += " (listed under “Needs re-placing”)";
        }
    }

    /// Imports files into the open project as one undoable step. Without a
    /// policy, code conflicts are asked about first.
    /// Applies an import's result: asks first when codes conflict, refuses
    /// an unsound project, else replaces the project (one undo step).
    fn finish_import(
        &mut self,
        paths: Vec<PathBuf>,
        policy: Option<crate::model::ConflictPolicy>,
        result: Result<crate::io::import_files::Imported, crate::io::import::ImportError>,
    ) {
        let imported = match result {
            Ok(i) => i,
            Err(e) => {
                self.status = format!("Nothing imported: {e}");
                return;
            }
        };
        if policy.is_none() && !imported.report.conflicts.is_empty() {
            self.confirm = Some(Confirm::ImportConflicts {
                paths,
                names: imported
                    .report
                    .conflicts
                    .iter()
                    .map(|c| c.name.clone())
                    .collect(),
            });
            return;
        }
        if let Err(e) =
            crate::io::import::validated(imported.project.clone(), "the imported project")
        {
            self.status = format!("Nothing imported: {e}");
            return;
        }
        let mut status = format!("Imported: {}", imported.report);
        if !imported.warnings.is_empty() {
            status = format!(
                "{status}. {} markup warning(s): {}",
                imported.warnings.len(),
                imported.warnings.join("; ")
            );
        }
        self.edit(
            Edit::ReplaceProject(Box::new(imported.project)),
            "Import".into(),
            None,
        );
        self.status = status;
    }

    fn suggested_name(&self) -> String {
        let doc = self
            .project
            .documents
            .first()
            .map_or("project".into(), |d| d.id().0.clone());
        format!("{doc}.{}", project_file::EXTENSION)
    }
}

/// Adds `.briefmark.ron` to a path typed without it.
fn with_extension(path: PathBuf) -> PathBuf {
    if path.to_string_lossy().ends_with(".ron") {
        path
    } else {
        PathBuf::from(format!("{}.{}", path.display(), project_file::EXTENSION))
    }
}
