//! The coding workbench: a view of a [`Session`]. Panels around the
//! document read the session and return [`Action`]s; domain requests go to
//! the session as intents (`perform.rs`), the app's own commands (files,
//! windows, panes) are carried out here. Menus, keys, the F1 sheet, the
//! palette and the context menus come from one table (`ui::commands`).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::actions::{Action, Pane};
mod background;
mod classroom;
mod context_menu;
mod desk;
mod dialogs;
mod perform;
mod showcase;
pub use desk::Theme;
pub use showcase::View;
mod find;
mod keyboard;

use super::assignment;
use super::commands::{self, Command, Menu};
use super::document_map::{MapInput, MapStrip};
use super::document_view::{DocumentView, ViewInput};
use super::documents_pane::DocumentsPane;
use super::file_dialog::FileDialogs;
use super::links_panel::Linking;
use super::passage_list::{ListInput, PassageList};
use super::windows::Windows;
use super::{codebook_pane, fonts, inspector};
use crate::assets;
use crate::io::recovery::Autosaver;
use crate::session::{Intent, Session};
use dialogs::Confirm;

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
    /// Side panes the user hid (View menu, Ctrl+[ and Ctrl+]).
    pub hide_left: bool,
    pub hide_right: bool,
}

/// The inspector's height until the user drags its border: room for a
/// passage with a few links and a memo.
const INSPECTOR_HEIGHT: f32 = 380.0;
/// The narrowest the reading column gets while side panes are open: below
/// it, side panes give way first (narrower, then hidden).
const READING_MIN: f32 = 400.0;
/// Status messages go after this many seconds (errors stay until the next).
const STATUS_SECONDS: f64 = 8.0;

pub struct Workbench {
    /// The open project, its history, selections and caches.
    pub session: Session,
    pub view: DocumentView,
    pub settings: Settings,
    pub files: FileDialogs,
    /// Set when the window may close (no unsaved changes, or the user agreed).
    pub close_confirmed: bool,
    pub quit: bool,
    pub status: String,
    /// When `status` was set (egui time), so it can expire.
    status_since: Option<f64>,
    list: PassageList,
    palette: Option<dialogs::Palette>,
    confirm: Option<Confirm>,
    /// The coder-name question, open with its draft answer.
    coder_prompt: Option<String>,
    fonts_requested: bool,
    /// Crash recovery: set by `enable_recovery` (the app does; tests may).
    autosave: Option<Autosaver>,
    data_dir: Option<PathBuf>,
    /// A save the autosaver's worker is writing, and what waits for it.
    saving: Option<perform::Saving>,
    pub linking: Linking,
    /// Every window (Analysis, Compare, Teaching, Codebook, Export, …).
    pub windows: Windows,
    jobs: background::Background,
    /// A table a window asked to save, until its path is chosen.
    pending_table: Option<String>,
    map: MapStrip,
    /// The find bar above the reading pane (Ctrl+F).
    pub find: super::find_bar::FindBar,
    documents: DocumentsPane,
    /// The inspector's content height last frame.
    inspector_needs: f32,
    /// The right pane's height when last seen, and frames left in which
    /// the inspector is made tall enough for its content.
    inspector_room: f32,
    inspector_settling: u8,
    /// The window's width when last seen, and frames left in which the
    /// side panes are given back their usual widths.
    panes_width: f32,
    panes_settling: u8,
    /// The egui context of the last frame (copying to the clipboard,
    /// closing popups from an action).
    ctx: Option<egui::Context>,
    /// A text field had the keyboard at the end of the last frame.
    typing_before: bool,
}

impl Workbench {
    pub fn new(project: crate::model::Project, path: Option<PathBuf>, settings: Settings) -> Self {
        // A student opening an assignment says who they are, and saves their
        // copy under a new name rather than over the assignment.
        let blank_assignment = project.is_blank_assignment();
        let path = path.filter(|_| !blank_assignment);
        let session = Session::new(project, path, &settings.coder);
        Self::of(session, settings)
    }

    /// The workbench on an open session.
    pub fn of(session: Session, settings: Settings) -> Self {
        let blank_assignment = session.project().is_blank_assignment();
        let coder_prompt = (settings.coder.is_empty() || blank_assignment).then(|| {
            Some(settings.coder.clone())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| std::env::var("USER").unwrap_or_default())
        });
        Self {
            session,
            view: DocumentView::new(),
            settings,
            files: FileDialogs::default(),
            close_confirmed: false,
            quit: false,
            status: String::new(),
            status_since: None,
            list: PassageList::default(),
            palette: None,
            confirm: None,
            coder_prompt,
            fonts_requested: false,
            autosave: None,
            data_dir: None,
            saving: None,
            linking: Linking::default(),
            windows: Windows::default(),
            jobs: background::Background::default(),
            pending_table: None,
            map: MapStrip::default(),
            find: Default::default(),
            documents: DocumentsPane::default(),
            ctx: None,
            inspector_needs: 0.0,
            inspector_room: 0.0,
            inspector_settling: 0,
            panes_width: 0.0,
            panes_settling: 0,
            typing_before: false,
        }
    }

    /// Takes remembered settings; the coder is asked only if none is known.
    pub fn use_settings(&mut self, settings: Settings) {
        if !settings.coder.is_empty() {
            // A student opening an assignment still confirms who codes.
            self.coder_prompt =
                (self.session.project().is_blank_assignment()).then(|| settings.coder.clone());
            self.session.set_coder(&settings.coder);
        }
        self.settings = settings;
    }

    /// The bundled brief with the default codebook, nothing coded.
    pub fn with_bundled_brief(settings: Settings) -> Self {
        Self::new(assets::default_project(), None, settings)
    }

    /// The project's display name for the title bar.
    pub fn title(&self) -> String {
        let name = (self.session.path())
            .and_then(|p| p.file_name())
            .map_or_else(
                || "Untitled project".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
        let dirty = if self.session.is_dirty() { "• " } else { "" };
        format!("{dirty}{name} — briefmark")
    }

    /// Draws the whole workbench for one frame.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        if !self.fonts_requested {
            fonts::install(ui.ctx());
            self.apply_desk_settings(ui.ctx());
            self.fonts_requested = true;
        }
        self.ctx = Some(ui.ctx().clone());
        self.expire_status(ui.ctx());
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
        self.poll_save();
        self.autosave_tick(ui.ctx());
        self.typing_before = ui.ctx().egui_wants_keyboard_input();
    }

    fn perform_all(&mut self, actions: Vec<Action>) {
        for action in actions {
            self.perform(action);
        }
    }

    /// Selects text in the shown document, as a drag from `anchor` to
    /// `head` would (scripts, benchmarks and tests set up with it).
    pub fn select_text(&mut self, anchor: usize, head: usize) {
        let selection = crate::model::Selection::new(anchor, head);
        self.perform(Action::Do(Intent::SetSelection(Some(selection))));
    }

    /// Sets the status bar's message (it goes after a few seconds).
    pub fn say(&mut self, message: impl Into<String>) {
        self.status = message.into();
        self.status_since = None;
    }

    fn expire_status(&mut self, ctx: &egui::Context) {
        if self.status.is_empty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let since = *self.status_since.get_or_insert(now);
        if now - since >= STATUS_SECONDS {
            self.status.clear();
            self.status_since = None;
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                STATUS_SECONDS - (now - since),
            ));
        }
    }

    /// What the commands' availability depends on now.
    fn command_context(&self) -> commands::Context {
        let project = self.session.project();
        commands::Context {
            can_undo: self.session.history().can_undo(),
            can_redo: self.session.history().can_redo(),
            has_text: self.session.selected_range().is_some(),
            has_passage: self.session.selected_id().is_some(),
            has_document: self.session.shown().is_some(),
            codebook_open: !project.codebook_locked(),
        }
    }

    fn panels(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui, actions));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if !self.settings.hint_dismissed {
            egui::Panel::top("first-run").show(ui, |ui| self.first_run_hint(ui));
        }
        if self.session.project().assignment.is_some() {
            egui::Panel::top("assignment")
                .show(ui, |ui| assignment::banner(ui, self.session.project()));
        }
        if self.windows.compare.overlay.is_some() {
            egui::Panel::top("compare-view").show(ui, |ui| self.windows.compare.banner(ui));
        }
        self.side_panes(ui, actions);
        self.map_panel(ui);
        egui::CentralPanel::default().show(ui, |ui| self.document_ui(ui, actions));
    }

    /// The left (documents, codebook) and right (inspector, passages) panes.
    /// The reading column keeps at least `READING_MIN`: in a narrow window
    /// the panes narrow first, then the right one hides, then the left; the
    /// user can hide either (View menu, Ctrl+[ / Ctrl+]) or drag it shut.
    fn side_panes(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let width = ui.available_width();
        let map = 30.0;
        let room = (width - READING_MIN - map).max(0.0);
        let (left_min, right_min) = (150.0, 210.0);
        let mut show_right = !self.settings.hide_right && room >= left_min + right_min;
        let mut show_left = !self.settings.hide_left && room >= left_min;
        if self.settings.hide_left && !self.settings.hide_right {
            show_right = room >= right_min;
        }
        let left_room = if show_right { room - right_min } else { room };
        let left_max = (width * 0.24)
            .clamp(left_min, 420.0)
            .min(left_room.max(left_min));
        let right_room = if show_left { room - left_min } else { room };
        let right_max = (width * 0.30)
            .clamp(right_min, 600.0)
            .min(right_room.max(right_min));
        let can_code =
            self.session.selected_range().is_some() || self.session.selected_id().is_some();
        let before = (show_left, show_right);
        // A window made wider gives the panes back their usual widths (they
        // were narrowed to make room); otherwise their borders drag freely.
        if (width - self.panes_width).abs() > 0.5 {
            self.panes_settling = if width > self.panes_width { 3 } else { 0 };
            self.panes_width = width;
        }
        let (left_usual, right_usual) = (230.0_f32.min(left_max), 330.0_f32.min(right_max));
        let (left_least, right_least) = if self.panes_settling > 0 {
            self.panes_settling -= 1;
            (left_usual, right_usual)
        } else {
            (left_min, right_min)
        };
        egui::Panel::left("codebook")
            .default_size(left_usual)
            .size_range(left_least..=left_max)
            .show_collapsible(ui, &mut show_left, |ui| {
                let s = &self.session;
                let shown = s.shown_id();
                let ahead = s.selected_range().is_some();
                self.documents
                    .ui(ui, (s.project(), s.index(), ahead), shown, actions);
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("codebook-scroll")
                    .show(ui, |ui| {
                        let text_selected = s.selected_range().is_some();
                        let coding = (can_code, text_selected);
                        codebook_pane::ui(ui, s.project(), s.index(), coding, actions)
                    });
            });
        egui::Panel::right("passage")
            .default_size(right_usual)
            .size_range(right_least..=right_max)
            .show_collapsible(ui, &mut show_right, |ui| self.passage_panel(ui, actions));
        // Dragged shut by the user: remembered as hidden.
        if before.0 && !show_left {
            self.settings.hide_left = true;
        }
        if before.1 && !show_right {
            self.settings.hide_right = true;
        }
    }

    /// The right pane: the inspector, in an area of its own height, and the
    /// passage list below it.
    fn passage_panel(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        // The inspector keeps its height whatever the passage shows, so the
        // list below does not jump when the selection changes. Its lower
        // border is dragged like any panel's; it never gets so tall that the
        // list has no room, nor so short that its buttons need scrolling
        // (a size remembered from a small window is clamped to this one).
        let room = ui.available_height();
        let tallest = (room - 140.0).max(160.0);
        // When the window opens or changes height, it grows to show all it
        // holds (its Delete button included) if there is room: a size
        // remembered from a small window never hides it in a larger one.
        // Otherwise its border is dragged freely.
        if (room - self.inspector_room).abs() > 0.5 {
            self.inspector_room = room;
            self.inspector_settling = 3;
        }
        let shortest = if self.inspector_settling > 0 {
            self.inspector_settling -= 1;
            self.inspector_needs.clamp(120.0, tallest)
        } else {
            120.0_f32.min(tallest)
        };
        let needs = egui::Panel::top("inspector")
            .resizable(true)
            .default_size(INSPECTOR_HEIGHT.min(tallest))
            .size_range(shortest..=tallest)
            .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(0, 4)))
            .show(ui, |ui| {
                let s = &self.session;
                let project = s.project();
                let shown = match s.selected_passage() {
                    Some(p) => Some(inspector::Shown::Passage(p)),
                    None => (s.selected_id())
                        .and_then(|id| project.orphan(id))
                        .map(inspector::Shown::Orphan),
                };
                let selection = s.selected_range();
                let linking = &mut self.linking;
                let shown_rect = egui::ScrollArea::vertical()
                    .id_salt("inspector-scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let doc = s.shown();
                        inspector::ui(ui, project, shown, doc, selection, linking, actions);
                        ui.min_rect().height()
                    });
                shown_rect.inner + 12.0
            });
        self.inspector_needs = needs.inner;
        if let Some(doc) = self.session.shown_id() {
            let s = &self.session;
            let input = ListInput {
                project: s.project(),
                index: s.index(),
                revision: s.generation(),
                document: doc,
                selected: s.selected_id(),
                can_place: s.selected_range().is_some(),
                selection: (s.selected_range().zip(s.shown()))
                    .map(|(r, d)| (r.start, d.slice(r.start, r.end))),
            };
            self.list.ui(ui, &input, actions);
        }
    }

    /// The document map beside the reading pane.
    fn map_panel(&mut self, ui: &mut egui::Ui) {
        let Some(doc) = self.session.shown() else {
            return;
        };
        let s = &self.session;
        egui::Panel::right("document-map")
            .resizable(false)
            .exact_size(MapStrip::width(s.project()) + 4.0)
            .frame(
                egui::Frame::new()
                    .fill(ui.visuals().panel_fill)
                    .inner_margin(egui::Margin::symmetric(2, 6)),
            )
            .show(ui, |ui| {
                let input = MapInput {
                    project: s.project(),
                    document: doc,
                    index: s.index().document(doc.id()),
                    visible: self.view.visible_chars(),
                    hits: self.find.map_hits(doc.id()),
                };
                if let Some(at) = self.map.ui(ui, input) {
                    self.view.scroll_to = Some(at);
                }
            });
    }

    /// Where the shown document is in `Project::documents` (tests; the
    /// workbench names documents by id).
    pub fn shown_position(&self) -> usize {
        let docs = &self.session.project().documents;
        (self.session.shown_id())
            .and_then(|id| docs.iter().position(|d| d.id() == id))
            .unwrap_or(0)
    }

    fn document_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        self.find_ui(ui, actions);
        let cx = self.command_context();
        let s = &self.session;
        let Some(document) = s.shown() else {
            ui.centered_and_justified(|ui| ui.label("This project has no documents."));
            return;
        };
        let compare =
            (self.windows.compare).overlay_segments(s.project(), s.generation(), document);
        let input = ViewInput {
            project: s.project(),
            document,
            index: s.index().document(document.id()),
            selected: s.selected_id(),
            selection: s.selection(),
            compare,
            hits: self.find.view_hits(document.id()),
        };
        let mut menu_actions = Vec::new();
        let events = self.view.show(ui, &input, &mut |ui, target| {
            context_menu::ui(ui, s, &cx, target, &mut menu_actions);
        });
        actions.extend(menu_actions);
        if let Some(selection) = events.selection {
            actions.push(Action::Do(Intent::SetSelection(selection)));
        }
        if let Some(id) = events.clicked_passage {
            actions.push(Action::select(Some(id), false));
        } else if events.clicked_empty {
            actions.push(Action::select(None, false));
        }
        // A code dragged from the codebook codes the selection, as its key would.
        if let Some(code) = events.dropped_code {
            actions.push(Action::code(code));
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let cx = self.command_context();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_items(ui, Menu::File, &cx, actions);
                self.recent_menu(ui, actions);
            });
            ui.menu_button("Edit", |ui| self.menu_items(ui, Menu::Edit, &cx, actions));
            ui.menu_button("View", |ui| {
                self.menu_items(ui, Menu::View, &cx, actions);
                ui.separator();
                self.theme_menu(ui);
            });
            ui.menu_button("Analysis", |ui| {
                self.menu_items(ui, Menu::Analysis, &cx, actions);
            });
            ui.menu_button("Help", |ui| self.menu_items(ui, Menu::Help, &cx, actions));
        });
    }

    /// A menu's commands from the table; Undo and Redo name their step.
    fn menu_items(
        &self,
        ui: &mut egui::Ui,
        menu: Menu,
        cx: &commands::Context,
        actions: &mut Vec<Action>,
    ) {
        for command in Command::of_menu(menu) {
            let history = self.session.history();
            let step = match command {
                Command::Undo => history.undo_label(),
                Command::Redo => history.redo_label(),
                _ => None,
            };
            let action = match step {
                Some(step) => commands::menu_item_named(ui, command, cx, step),
                None => commands::menu_item(ui, command, cx),
            };
            actions.extend(action);
        }
    }

    fn status_bar(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if self.session.is_dirty() {
                ui.colored_label(ui.visuals().warn_fg_color, "• Unsaved changes");
            } else if self.session.path().is_some() {
                ui.weak("Saved");
            } else {
                ui.weak("No changes");
            }
            ui.separator();
            let path =
                (self.session.path()).map_or("not saved yet".into(), |p| p.display().to_string());
            ui.add(egui::Label::new(egui::RichText::new(path).weak()).truncate());
            ui.separator();
            ui.weak(format!("Coder: {}", self.settings.coder));
            if self.linking.pending_from.is_some() {
                ui.separator();
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Linking: click the other passage (Esc cancels)",
                );
            }
            if let Some(r) = self.session.selected_range() {
                ui.separator();
                ui.label(format!(
                    "Selected {}–{} ({} characters): press a code's number to code it",
                    r.start,
                    r.end,
                    r.end - r.start
                ));
            }
            if !self.status.is_empty() {
                ui.separator();
                status_message(ui, &self.status);
            }
        });
    }

    /// Keys: the command table's, then the number keys of the codes.
    fn shortcuts(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if self.confirm.is_some()
            || self.files.is_busy()
            || self.coder_prompt.is_some()
            || self.busy_importing()
            || self.palette.is_some()
        {
            return;
        }
        // egui takes focus from a text field on Escape before this runs: the
        // Escape that leaves the memo must not also clear the selection.
        let typing = ctx.egui_wants_keyboard_input() || self.typing_before;
        self.find_keys(ctx, actions);
        let cx = self.command_context();
        let pressed = commands::pressed(ctx, &cx, typing);
        // A key's command goes on over an open menu: the menu closes (it
        // stayed open over the Open dialog). Escape closes it by itself.
        if pressed.iter().any(|c| *c != Command::ClearSelection) {
            egui::Popup::close_all(ctx);
        }
        actions.extend(pressed.into_iter().map(Command::action));
        if !typing {
            self.code_keys(ctx, actions);
        }
    }

    /// Number keys code with the code that carries the key.
    fn code_keys(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        const DIGITS: [egui::Key; 9] = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
            egui::Key::Num5,
            egui::Key::Num6,
            egui::Key::Num7,
            egui::Key::Num8,
            egui::Key::Num9,
        ];
        let book = &self.session.project().codebook;
        for (n, key) in DIGITS.iter().enumerate() {
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, *key))
                && let Some(code) = book.code_for_key(n + 1)
            {
                actions.push(Action::code(code.clone()));
            }
        }
    }

    /// Shows or hides a side pane.
    fn toggle_pane(&mut self, pane: Pane) {
        let hidden = match pane {
            Pane::Left => &mut self.settings.hide_left,
            Pane::Right => &mut self.settings.hide_right,
        };
        *hidden = !*hidden;
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
    // What the formats table knows is imported; anything else is named.
    let (known, unknown): (Vec<PathBuf>, Vec<PathBuf>) =
        (dropped.into_iter()).partition(|p| p.is_dir() || crate::io::formats::role_of(p).is_some());
    if !known.is_empty() {
        actions.push(Action::ImportPaths(known));
    }
    if let Some(first) = unknown.first() {
        let name = first
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        actions.push(Action::Say(format!(
            "Not imported: briefmark does not read “{name}” ({})",
            crate::io::formats::import_kinds()
        )));
    }
}

/// The status message, whole where it fits: laid out at its own width, so
/// the "Selected …" hint coming and going before it (every coding) does not
/// lay it out again; cut with "…" where the window ends, whole on hover.
fn status_message(ui: &mut egui::Ui, message: &str) {
    let whole = egui::WidgetText::from(message).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    if whole.size().x <= ui.available_width() {
        ui.label(whole);
    } else {
        ui.add(egui::Label::new(message).truncate());
    }
}
