//! Views a `--screenshot` run can open first (`--show`), so the pictures in
//! the user guide are made by the app itself and stay current.

use super::Workbench;
use crate::ui::actions::Action;
use crate::ui::analysis_window::Tab;
use crate::ui::find_bar::FindAction;

/// What `--show` opens before the screenshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    /// The first passage selected: the inspector and its links
    Passage,
    /// Analysis window: frequencies and the chart
    Analysis,
    /// Analysis window: the co-occurrence heat maps
    Cooccurrence,
    /// Analysis window: passages of Pretext and Bilateral
    Retrieve,
    /// The codebook editor with its relation types
    Codebook,
    /// The find bar searching "pretext"
    Find,
    /// The keyboard shortcut sheet (F1)
    Shortcuts,
    /// The command palette (Ctrl+Shift+P) with "code" typed
    Palette,
}

impl Workbench {
    /// Opens `view` as a user would.
    pub fn show_view(&mut self, view: View) {
        match view {
            View::Passage => self.select_first_linked(),
            View::Analysis => self.windows.analysis.open = true,
            View::Cooccurrence => self.open_analysis(Tab::Cooccurrence),
            View::Retrieve => {
                let codes = ["pretext", "bilateral"].map(|c| crate::model::CodeId(c.into()));
                self.windows.analysis.chosen = codes.to_vec();
                self.open_analysis(Tab::Retrieve);
            }
            View::Codebook => self.windows.codebook.open = true,
            View::Find => {
                self.perform(Action::Find(FindAction::Open));
                self.find.query = "pretext".into();
            }
            View::Shortcuts => self.windows.shortcuts.open = true,
            View::Palette => self.palette = Some(super::dialogs::Palette::with_query("code")),
        }
    }

    fn open_analysis(&mut self, tab: Tab) {
        self.windows.analysis.open = true;
        self.windows.analysis.tab = tab;
    }

    /// Selects the first passage with links (else the first passage).
    fn select_first_linked(&mut self) {
        let project = self.session.project();
        let ordered = project.passages_in_order();
        let linked = ordered
            .iter()
            .find(|p| project.links_of(&p.id).next().is_some())
            .or(ordered.first());
        let id = linked.map(|p| p.id.clone());
        self.perform(Action::select(id, true));
    }
}
