//! The workbench's windows behind one trait, held in one registry
//! ([`Windows`]), as egui's demo app holds its demos: each window owns its
//! state, says whether it is open and draws itself from what every window
//! is given ([`WindowInput`]). The workbench shows them all with one call
//! and opens one by [`WindowKind`].

use super::actions::Action;
use super::analysis_window::AnalysisWindow;
use super::assignment::AssignmentDialog;
use super::commands::Command;
use super::compare_window::CompareWindow;
use super::export_window::ExportWindow;
use super::teaching_window::TeachingWindow;
use crate::model::Project;

/// What a window reads to draw itself.
pub struct WindowInput<'a> {
    pub project: &'a Project,
    /// Changes with every edit: a key for what windows derive and cache.
    pub generation: u64,
}

/// A window of the workbench.
pub trait Window {
    /// Its title, which also names it in tests and screen readers.
    fn title(&self) -> &'static str;
    fn is_open(&self) -> bool;
    fn set_open(&mut self, open: bool);
    /// Draws it (when open) and collects what it asks for.
    fn show(&mut self, ctx: &egui::Context, input: &WindowInput<'_>, actions: &mut Vec<Action>);
}

/// Names the windows, so actions and commands can open one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowKind {
    Analysis,
    Compare,
    Teaching,
    Assignment,
    Export,
    Codebook,
    Shortcuts,
}

/// Every window of the workbench.
#[derive(Default)]
pub struct Windows {
    pub analysis: AnalysisWindow,
    pub compare: CompareWindow,
    pub teaching: TeachingWindow,
    pub assignment: AssignmentDialog,
    pub export: ExportWindow,
    pub codebook: CodebookWindow,
    pub shortcuts: ShortcutsWindow,
}

impl Windows {
    /// The registry as trait objects, in drawing order.
    pub fn all(&mut self) -> [&mut dyn Window; 7] {
        [
            &mut self.codebook,
            &mut self.shortcuts,
            &mut self.export,
            &mut self.analysis,
            &mut self.compare,
            &mut self.teaching,
            &mut self.assignment,
        ]
    }

    pub fn get(&mut self, kind: WindowKind) -> &mut dyn Window {
        match kind {
            WindowKind::Analysis => &mut self.analysis,
            WindowKind::Compare => &mut self.compare,
            WindowKind::Teaching => &mut self.teaching,
            WindowKind::Assignment => &mut self.assignment,
            WindowKind::Export => &mut self.export,
            WindowKind::Codebook => &mut self.codebook,
            WindowKind::Shortcuts => &mut self.shortcuts,
        }
    }

    /// Draws every open window.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        input: &WindowInput<'_>,
        actions: &mut Vec<Action>,
    ) {
        for window in self.all() {
            if window.is_open() {
                window.show(ctx, input, actions);
            }
        }
    }

    /// Closes the topmost closable sheet (Escape): the shortcut sheet.
    pub fn close_sheet(&mut self) -> bool {
        std::mem::take(&mut self.shortcuts.open)
    }
}

macro_rules! open_flag {
    () => {
        fn is_open(&self) -> bool {
            self.open
        }
        fn set_open(&mut self, open: bool) {
            self.open = open;
        }
    };
}

impl Window for AnalysisWindow {
    fn title(&self) -> &'static str {
        "Analysis"
    }
    open_flag!();
    fn show(&mut self, ctx: &egui::Context, input: &WindowInput<'_>, actions: &mut Vec<Action>) {
        self.ui(ctx, input.project, input.generation, actions);
    }
}

impl Window for CompareWindow {
    fn title(&self) -> &'static str {
        "Compare codings"
    }
    open_flag!();
    fn show(&mut self, ctx: &egui::Context, input: &WindowInput<'_>, actions: &mut Vec<Action>) {
        self.ui(ctx, input.project, input.generation, actions);
    }
}

impl Window for TeachingWindow {
    fn title(&self) -> &'static str {
        "Teaching"
    }
    open_flag!();
    fn show(&mut self, ctx: &egui::Context, input: &WindowInput<'_>, actions: &mut Vec<Action>) {
        self.ui(ctx, input.project, input.generation, actions);
    }
}

impl Window for AssignmentDialog {
    fn title(&self) -> &'static str {
        "Save as assignment"
    }
    open_flag!();
    fn show(&mut self, ctx: &egui::Context, input: &WindowInput<'_>, actions: &mut Vec<Action>) {
        self.ui(ctx, input.project, actions);
    }
}

impl Window for ExportWindow {
    fn title(&self) -> &'static str {
        "Export"
    }
    open_flag!();
    fn show(&mut self, ctx: &egui::Context, _: &WindowInput<'_>, actions: &mut Vec<Action>) {
        self.ui(ctx, actions);
    }
}

/// The codebook editor (`codebook_editor.rs`).
#[derive(Default)]
pub struct CodebookWindow {
    pub open: bool,
}

impl Window for CodebookWindow {
    fn title(&self) -> &'static str {
        "Codebook"
    }
    open_flag!();
    fn show(&mut self, ctx: &egui::Context, input: &WindowInput<'_>, actions: &mut Vec<Action>) {
        super::codebook_editor::ui(ctx, &mut self.open, input.project, actions);
    }
}

/// The F1 sheet: pointer gestures, then every command with keys, from the
/// command table.
#[derive(Default)]
pub struct ShortcutsWindow {
    pub open: bool,
}

impl Window for ShortcutsWindow {
    fn title(&self) -> &'static str {
        "Keyboard shortcuts"
    }
    open_flag!();
    fn show(&mut self, ctx: &egui::Context, _: &WindowInput<'_>, _: &mut Vec<Action>) {
        egui::Window::new(self.title())
            .open(&mut self.open)
            .vscroll(true)
            .show(ctx, shortcuts_ui);
    }
}

fn shortcuts_ui(ui: &mut egui::Ui) {
    const GESTURES: [(&str, &str); 6] = [
        (
            "drag, shift-click",
            "select text (across paragraphs too); a drag takes whole words",
        ),
        ("double-click / triple-click", "select a word / a paragraph"),
        (
            "1 … 9",
            "code the selection with the code that has this number key (shown on its button, chosen in the codebook editor); toggle it on a selected passage",
        ),
        (
            "click a passage or stripe",
            "select it (details on the right); click again for the passage around it",
        ),
        (
            "right-click",
            "on the selection: code with…, new code from it, copy; on a passage: codes, memo, link, delete",
        ),
        ("drag a code onto the text", "code the selection with it"),
    ];
    let ctx = ui.ctx().clone();
    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
        for (keys, what) in GESTURES {
            ui.strong(keys);
            ui.label(what);
            ui.end_row();
        }
        for c in Command::ALL.iter().filter(|c| !c.info().keys.is_empty()) {
            ui.strong(c.keys_text(&ctx));
            ui.label(format!("{}: {}", c.info().name, c.info().tooltip));
            ui.end_row();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_window_is_in_the_registry_once_and_opens_by_its_kind() {
        let mut w = Windows::default();
        let titles: std::collections::HashSet<_> = w.all().iter().map(|w| w.title()).collect();
        assert_eq!(titles.len(), 7);
        use WindowKind as K;
        for kind in [
            K::Analysis,
            K::Compare,
            K::Teaching,
            K::Assignment,
            K::Export,
            K::Codebook,
            K::Shortcuts,
        ] {
            w.get(kind).set_open(true);
        }
        assert!(w.all().iter().all(|w| w.is_open()));
    }
}
