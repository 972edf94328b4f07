//! Every command of the workbench in one table: its name, shortcut,
//! tooltip, menu and when it is enabled. The menus, the keys, the F1 sheet,
//! the command palette (Ctrl+Shift+P) and the context menus are all made
//! from it, so they cannot drift apart.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::actions::Action;
use super::find_bar::FindAction;
use crate::model::navigation::{Jump, Unit};
use crate::session::Intent;

/// Where a command is listed in the menu bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Analysis,
    Help,
    /// Keys only (and the palette): moves through the text.
    Navigate,
}

/// What a command's availability depends on, read once a frame.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context {
    pub can_undo: bool,
    pub can_redo: bool,
    /// Text is selected in the shown document.
    pub has_text: bool,
    /// A passage is selected.
    pub has_passage: bool,
    /// The project has documents.
    pub has_document: bool,
    /// The codebook takes new codes (no locked assignment).
    pub codebook_open: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    OpenExample,
    Save,
    SaveAs,
    Import,
    Revise,
    Export,
    Quit,
    Undo,
    Redo,
    CodeInVivo,
    CopyQuote,
    EditMemo,
    LinkPassage,
    DeletePassage,
    ClearSelection,
    Codebook,
    CoderName,
    Find,
    FindNext,
    FindPrevious,
    Palette,
    ToggleLeftPane,
    ToggleRightPane,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    NextSentence,
    PreviousSentence,
    NextParagraph,
    PreviousParagraph,
    GrowSentence,
    GrowSentenceBack,
    GrowParagraph,
    GrowParagraphBack,
    NextPassage,
    PreviousPassage,
    NextUncoded,
    Analysis,
    Compare,
    Teaching,
    MakeAssignment,
    Shortcuts,
}

/// One row of the table.
pub struct Info {
    pub name: &'static str,
    pub keys: &'static [KeyboardShortcut],
    pub tooltip: &'static str,
    pub menu: Menu,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}
const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const ALT: Modifiers = Modifiers::ALT;
const ALT_SHIFT: Modifiers = Modifiers::ALT.plus(Modifiers::SHIFT);

impl Command {
    /// Every command, in menu order.
    pub const ALL: &[Command] = &[
        Self::New,
        Self::Open,
        Self::OpenExample,
        Self::Save,
        Self::SaveAs,
        Self::Import,
        Self::Revise,
        Self::Export,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::CodeInVivo,
        Self::CopyQuote,
        Self::EditMemo,
        Self::LinkPassage,
        Self::DeletePassage,
        Self::ClearSelection,
        Self::Find,
        Self::FindNext,
        Self::FindPrevious,
        Self::Codebook,
        Self::CoderName,
        Self::Palette,
        Self::ToggleLeftPane,
        Self::ToggleRightPane,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::NextSentence,
        Self::PreviousSentence,
        Self::NextParagraph,
        Self::PreviousParagraph,
        Self::GrowSentence,
        Self::GrowSentenceBack,
        Self::GrowParagraph,
        Self::GrowParagraphBack,
        Self::NextPassage,
        Self::PreviousPassage,
        Self::NextUncoded,
        Self::Analysis,
        Self::Compare,
        Self::Teaching,
        Self::MakeAssignment,
        Self::Shortcuts,
    ];

    pub fn info(self) -> Info {
        use Command as C;
        let (name, keys, tooltip, menu): (_, &'static [KeyboardShortcut], _, _) = match self {
            C::New => (
                "New project (bundled brief)",
                &[],
                "Start over on the bundled brief with the default codebook",
                Menu::File,
            ),
            C::Open => (
                "Open…",
                const { &[key(CMD, Key::O)] },
                "Open a project, or a document as a new project",
                Menu::File,
            ),
            C::OpenExample => (
                "Open example coding",
                &[],
                "A coded copy of the brief to look around in",
                Menu::File,
            ),
            C::Save => (
                "Save",
                const { &[key(CMD, Key::S)] },
                "Save the project to its file",
                Menu::File,
            ),
            C::SaveAs => (
                "Save as…",
                const { &[key(CMD_SHIFT, Key::S)] },
                "Save the project under a new name",
                Menu::File,
            ),
            C::Import => (
                "Import documents, projects…",
                &[],
                "Add documents, projects or a codebook to this project",
                Menu::File,
            ),
            C::Revise => (
                "Revise document from file…",
                &[],
                "Replace the shown document's text with a new version; passages follow",
                Menu::File,
            ),
            C::Export => (
                "Export…",
                const { &[key(CMD, Key::E)] },
                "Write the coding as CSV, JSON, REFI-QDA, a report…",
                Menu::File,
            ),
            C::Quit => (
                "Quit",
                const { &[key(CMD, Key::Q)] },
                "Close briefmark (asks about unsaved changes)",
                Menu::File,
            ),
            C::Undo => (
                "Undo",
                const { &[key(CMD, Key::Z)] },
                "Take back the last change, codebook edits included",
                Menu::Edit,
            ),
            C::Redo => (
                "Redo",
                const { &[key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)] },
                "Do again what was undone",
                Menu::Edit,
            ),
            C::CodeInVivo => (
                "New code from the selection",
                &[],
                "In-vivo coding: a code named from the selected words, applied to them",
                Menu::Edit,
            ),
            C::CopyQuote => (
                "Copy quote with reference",
                const { &[key(CMD_SHIFT, Key::C)] },
                "Copy the selected text or passage with its document and characters",
                Menu::Edit,
            ),
            C::EditMemo => (
                "Memo…",
                const { &[key(CMD, Key::M)] },
                "Write or edit the selected passage's memo",
                Menu::Edit,
            ),
            C::LinkPassage => (
                "Link to…",
                const { &[key(CMD, Key::L)] },
                "Link the selected passage to another: then click the other passage \
                 (in the text or the list); Esc cancels",
                Menu::Edit,
            ),
            C::DeletePassage => (
                "Delete passage",
                const { &[key(NONE, Key::Delete)] },
                "Delete the selected passage (undo brings it back)",
                Menu::Edit,
            ),
            C::ClearSelection => (
                "Clear the selection",
                const { &[key(NONE, Key::Escape)] },
                "Clear the selection; cancel linking; close a popup",
                Menu::Edit,
            ),
            C::Find => (
                "Find…",
                const { &[key(CMD, Key::F)] },
                "Find in this document and the corpus",
                Menu::Edit,
            ),
            C::FindNext => (
                "Find next",
                const { &[key(NONE, Key::F3)] },
                "Go to the next hit (selected, so 1 … 9 codes it)",
                Menu::Edit,
            ),
            C::FindPrevious => (
                "Find previous",
                const { &[key(Modifiers::SHIFT, Key::F3)] },
                "Go to the previous hit",
                Menu::Edit,
            ),
            C::Codebook => (
                "Codebook…",
                &[],
                "Edit codes, dimensions, keys, colours and relation types",
                Menu::Edit,
            ),
            C::CoderName => (
                "Coder name…",
                &[],
                "Change the name stamped on new passages",
                Menu::Edit,
            ),
            C::Palette => (
                "Command palette…",
                const { &[key(CMD_SHIFT, Key::P)] },
                "Find any command by name",
                Menu::View,
            ),
            C::ToggleLeftPane => (
                "Show or hide documents and codebook",
                const { &[key(CMD, Key::OpenBracket)] },
                "The left pane; the text takes its room",
                Menu::View,
            ),
            C::ToggleRightPane => (
                "Show or hide passages",
                const { &[key(CMD, Key::CloseBracket)] },
                "The right pane (inspector and list); the text takes its room",
                Menu::View,
            ),
            C::ZoomIn => (
                "Larger text",
                const { &[key(CMD, Key::Plus), key(CMD, Key::Equals)] },
                "Make the reading text larger",
                Menu::View,
            ),
            C::ZoomOut => (
                "Smaller text",
                const { &[key(CMD, Key::Minus)] },
                "Make the reading text smaller",
                Menu::View,
            ),
            C::ZoomReset => (
                "Default text size",
                const { &[key(CMD, Key::Num0)] },
                "The reading text at its default size",
                Menu::View,
            ),
            C::NextSentence => (
                "Next sentence",
                const { &[key(ALT, Key::ArrowRight)] },
                "Select the next sentence (in a selected paragraph: its last)",
                Menu::Navigate,
            ),
            C::PreviousSentence => (
                "Previous sentence",
                const { &[key(ALT, Key::ArrowLeft)] },
                "Select the previous sentence (in a selected paragraph: its first)",
                Menu::Navigate,
            ),
            C::NextParagraph => (
                "Next paragraph",
                const { &[key(ALT, Key::ArrowDown)] },
                "Select the next paragraph",
                Menu::Navigate,
            ),
            C::PreviousParagraph => (
                "Previous paragraph",
                const { &[key(ALT, Key::ArrowUp)] },
                "Select the previous paragraph",
                Menu::Navigate,
            ),
            C::GrowSentence => (
                "Grow by a sentence",
                const { &[key(ALT_SHIFT, Key::ArrowRight)] },
                "Take the next sentence into the selection",
                Menu::Navigate,
            ),
            C::GrowSentenceBack => (
                "Grow back by a sentence",
                const { &[key(ALT_SHIFT, Key::ArrowLeft)] },
                "Take the previous sentence into the selection",
                Menu::Navigate,
            ),
            C::GrowParagraph => (
                "Grow by a paragraph",
                const { &[key(ALT_SHIFT, Key::ArrowDown)] },
                "Take the next paragraph into the selection",
                Menu::Navigate,
            ),
            C::GrowParagraphBack => (
                "Grow back by a paragraph",
                const { &[key(ALT_SHIFT, Key::ArrowUp)] },
                "Take the previous paragraph into the selection",
                Menu::Navigate,
            ),
            C::NextPassage => (
                "Next passage",
                const { &[key(NONE, Key::N)] },
                "Select the next passage",
                Menu::Navigate,
            ),
            C::PreviousPassage => (
                "Previous passage",
                const { &[key(NONE, Key::P)] },
                "Select the previous passage",
                Menu::Navigate,
            ),
            C::NextUncoded => (
                "Next uncoded paragraph",
                const { &[key(NONE, Key::U)] },
                "Select the next paragraph without passages",
                Menu::Navigate,
            ),
            C::Analysis => (
                "Statistics and retrieval…",
                const { &[key(CMD_SHIFT, Key::A)] },
                "Frequencies, co-occurrence, retrieval",
                Menu::Analysis,
            ),
            C::Compare => (
                "Compare codings…",
                &[],
                "Agreement between coders, and where they differ",
                Menu::Analysis,
            ),
            C::Teaching => (
                "Teaching: compare a class…",
                &[],
                "A class's codings against a reference",
                Menu::Analysis,
            ),
            C::MakeAssignment => (
                "Save as assignment…",
                &[],
                "Hand this text and codebook out to a class",
                Menu::Analysis,
            ),
            C::Shortcuts => (
                "Keyboard shortcuts",
                const { &[key(NONE, Key::F1)] },
                "Every key and gesture",
                Menu::Help,
            ),
        };
        Info {
            name,
            keys,
            tooltip,
            menu,
        }
    }

    /// Whether the command can run now.
    pub fn enabled(self, cx: &Context) -> bool {
        use Command as C;
        match self {
            C::Undo => cx.can_undo,
            C::Redo => cx.can_redo,
            C::CodeInVivo => cx.has_text && cx.codebook_open,
            C::CopyQuote => cx.has_text || cx.has_passage,
            C::DeletePassage | C::EditMemo | C::LinkPassage => cx.has_passage,
            C::Revise
            | C::NextSentence
            | C::PreviousSentence
            | C::NextParagraph
            | C::PreviousParagraph
            | C::GrowSentence
            | C::GrowSentenceBack
            | C::GrowParagraph
            | C::GrowParagraphBack
            | C::NextPassage
            | C::PreviousPassage
            | C::NextUncoded => cx.has_document,
            _ => true,
        }
    }

    /// Keys that a text field uses (letters, Delete, Escape, arrows) act
    /// only when no field takes typing; so do Ctrl+Z and Ctrl+Y, which
    /// belong to the field. Function keys (F1, F3) act everywhere.
    pub fn yields_to_typing(self) -> bool {
        let field_key = |k: &KeyboardShortcut| {
            let function = matches!(k.logical_key, Key::F1 | Key::F3);
            !function && (k.modifiers.is_none() || k.modifiers.alt)
        };
        self.info().keys.iter().any(field_key) || matches!(self, Command::Undo | Command::Redo)
    }

    /// The keys as the user reads them ("Ctrl+Shift+S"), joined by " / ".
    pub fn keys_text(self, ctx: &egui::Context) -> String {
        // egui spells some keys by name ("OpenBracket"); people read symbols.
        const SYMBOLS: [(&str, &str); 5] = [
            ("OpenBracket", "["),
            ("CloseBracket", "]"),
            ("Plus", "+"),
            ("Minus", "−"),
            ("Equals", "="),
        ];
        let spell = |k: &KeyboardShortcut| {
            let mut text = ctx.format_shortcut(k);
            for (name, symbol) in SYMBOLS {
                if let Some(head) = text.strip_suffix(name) {
                    text = format!("{head}{symbol}");
                }
            }
            text
        };
        let keys = self.info().keys.iter().map(spell);
        keys.collect::<Vec<_>>().join(" / ")
    }

    /// What running the command asks the workbench to do.
    pub fn action(self) -> Action {
        use Command as C;
        let unit = |unit, forward, extend| {
            Action::Navigate(Jump::Unit {
                unit,
                forward,
                extend,
            })
        };
        match self {
            C::New => Action::New,
            C::Open => Action::Open,
            C::OpenExample => Action::OpenExample,
            C::Save => Action::Save,
            C::SaveAs => Action::SaveAs,
            C::Import => Action::Import,
            C::Revise => Action::Revise,
            C::Export => Action::Export,
            C::Quit => Action::Quit,
            C::Undo => Action::Do(Intent::Undo),
            C::Redo => Action::Do(Intent::Redo),
            C::CodeInVivo => Action::Do(Intent::CodeInVivo(None)),
            C::CopyQuote => Action::CopyQuote,
            C::EditMemo => Action::EditMemo,
            C::LinkPassage => Action::StartLink,
            C::DeletePassage => Action::DeleteSelectedPassage,
            C::ClearSelection => Action::Escape,
            C::Find => Action::Find(FindAction::Open),
            C::FindNext => Action::Find(FindAction::Next),
            C::FindPrevious => Action::Find(FindAction::Previous),
            C::Codebook => Action::ToggleCodebookEditor,
            C::CoderName => Action::ChangeCoder,
            C::Palette => Action::Palette,
            C::ToggleLeftPane => Action::TogglePane(super::actions::Pane::Left),
            C::ToggleRightPane => Action::TogglePane(super::actions::Pane::Right),
            C::ZoomIn => Action::Zoom(1),
            C::ZoomOut => Action::Zoom(-1),
            C::ZoomReset => Action::Zoom(0),
            C::NextSentence => unit(Unit::Sentence, true, false),
            C::PreviousSentence => unit(Unit::Sentence, false, false),
            C::NextParagraph => unit(Unit::Paragraph, true, false),
            C::PreviousParagraph => unit(Unit::Paragraph, false, false),
            C::GrowSentence => unit(Unit::Sentence, true, true),
            C::GrowSentenceBack => unit(Unit::Sentence, false, true),
            C::GrowParagraph => unit(Unit::Paragraph, true, true),
            C::GrowParagraphBack => unit(Unit::Paragraph, false, true),
            C::NextPassage => Action::Navigate(Jump::Passage { forward: true }),
            C::PreviousPassage => Action::Navigate(Jump::Passage { forward: false }),
            C::NextUncoded => Action::Navigate(Jump::Uncoded),
            C::Analysis => Action::ShowAnalysis,
            C::Compare => Action::ShowCompare,
            C::Teaching => Action::ShowTeaching,
            C::MakeAssignment => Action::MakeAssignment,
            C::Shortcuts => Action::ShowShortcuts,
        }
    }

    /// The commands of one menu, in order.
    pub fn of_menu(menu: Menu) -> impl Iterator<Item = Command> {
        Self::ALL
            .iter()
            .copied()
            .filter(move |c| c.info().menu == menu)
    }
}

/// A menu item for `command`: its name, keys and tooltip, greyed out when
/// it cannot run. Returns the action when clicked.
pub fn menu_item(ui: &mut egui::Ui, command: Command, cx: &Context) -> Option<Action> {
    let info = command.info();
    let button = egui::Button::new(info.name).shortcut_text(command.keys_text(ui.ctx()));
    let clicked = ui
        .add_enabled(command.enabled(cx), button)
        .on_hover_text(info.tooltip)
        .clicked();
    clicked.then(|| command.action())
}

/// A menu item for Undo or Redo, named with the step it takes back.
pub fn menu_item_named(
    ui: &mut egui::Ui,
    command: Command,
    cx: &Context,
    step: &str,
) -> Option<Action> {
    let info = command.info();
    let name = format!("{} {step}", info.name);
    let button = egui::Button::new(name).shortcut_text(command.keys_text(ui.ctx()));
    let clicked = ui
        .add_enabled(command.enabled(cx), button)
        .on_hover_text(info.tooltip)
        .clicked();
    clicked.then(|| command.action())
}

/// The commands whose keys were pressed this frame (each key consumed).
/// Nothing is looked at in a frame without key events (most frames).
pub fn pressed(ctx: &egui::Context, cx: &Context, typing: bool) -> Vec<Command> {
    ctx.input_mut(|i| {
        if !i
            .events
            .iter()
            .any(|e| matches!(e, egui::Event::Key { .. }))
        {
            return Vec::new();
        }
        (key_table().iter())
            .filter(|(_, c)| !(typing && c.yields_to_typing()) && c.enabled(cx))
            .filter(|(k, _)| i.consume_shortcut(k))
            .map(|&(_, c)| c)
            .collect()
    })
}

/// Every key of the table with its command, keys with more modifiers
/// first: plain matching ignores Shift, so Shift+F3 must be tried before
/// F3. Built once.
fn key_table() -> &'static [(KeyboardShortcut, Command)] {
    static TABLE: std::sync::OnceLock<Vec<(KeyboardShortcut, Command)>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<_> = (Command::ALL.iter())
            .flat_map(|&c| c.info().keys.iter().map(move |&k| (k, c)))
            .collect();
        table.sort_by_key(|(k, _)| std::cmp::Reverse(modifier_count(k.modifiers)));
        table
    })
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.command || m.ctrl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_key() {
        let mut seen = std::collections::HashMap::new();
        for &c in Command::ALL {
            for k in c.info().keys {
                if let Some(other) = seen.insert(
                    (
                        k.modifiers.alt,
                        k.modifiers.shift,
                        k.modifiers.command,
                        k.logical_key,
                    ),
                    c,
                ) {
                    panic!("{c:?} and {other:?} share a key");
                }
            }
        }
    }

    #[test]
    fn every_command_is_listed_once() {
        let n = Command::ALL.len();
        let unique: std::collections::HashSet<_> =
            Command::ALL.iter().map(|c| format!("{c:?}")).collect();
        assert_eq!(unique.len(), n);
        let names: std::collections::HashSet<_> =
            Command::ALL.iter().map(|c| c.info().name).collect();
        assert_eq!(names.len(), n, "names tell commands apart in the palette");
    }
}
