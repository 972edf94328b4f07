//! The workbench's analysis, comparison, teaching and assignment windows:
//! showing them, and carrying out what they ask for.

use std::path::PathBuf;

use super::Workbench;
use crate::io::project_file;
use crate::ui::actions::Action;
use crate::ui::file_dialog::Purpose;

impl Workbench {
    /// Takes the classroom windows' jobs' results, even while their
    /// window is closed.
    pub(super) fn poll_classroom(&mut self) {
        self.windows.compare.poll();
        if let Some(status) = self.windows.teaching.poll() {
            self.say(status);
        }
    }

    /// Carries out the actions of this module; gives back any other.
    pub(super) fn perform_classroom(&mut self, action: Action) -> Option<Action> {
        match action {
            Action::ShowAnalysis => self.windows.analysis.open = true,
            Action::ShowCompare => self.windows.compare.open = true,
            Action::ShowTeaching => self.windows.teaching.open = true,
            Action::MakeAssignment => self.windows.assignment.open = true,
            Action::Choose(purpose) => self.files.request(purpose, suggested_name(purpose)),
            Action::SaveTable(text, name) => {
                self.pending_table = Some(text);
                self.files.request(Purpose::SaveTable, name);
            }
            Action::Chosen(purpose, paths) => self.chosen(purpose, paths),
            other => return Some(other),
        }
        None
    }

    fn chosen(&mut self, purpose: Purpose, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match purpose {
            Purpose::Compare => self.windows.compare.add_files(&paths),
            Purpose::SaveTable => self.save_table(&first),
            Purpose::SaveAssignment => self.save_assignment(&first),
            _ => {
                let inputs: Vec<PathBuf> = (self.inputs().into_iter())
                    .map(std::path::Path::to_path_buf)
                    .collect();
                (self.windows.teaching).chosen(purpose, &paths, self.session.project(), &inputs);
            }
        }
    }

    fn save_table(&mut self, path: &std::path::Path) {
        let Some(text) = self.pending_table.take() else {
            return;
        };
        if let Err(e) = self.may_write(path) {
            self.say(format!("Not saved: {e}"));
            return;
        }
        self.say(
            match crate::io::atomic::write_atomic(path, text.as_bytes()) {
                Ok(()) => format!("Saved {}", path.display()),
                Err(e) => format!("Not saved: cannot write {}: {e}", path.display()),
            },
        );
    }

    fn save_assignment(&mut self, path: &std::path::Path) {
        if let Err(e) = self.may_write(path) {
            self.say(format!("Assignment not saved: {e}"));
            return;
        }
        let draft = &self.windows.assignment;
        let assignment = (self.session.project()).to_assignment(&draft.instructions, draft.locked);
        let status = match project_file::save(&assignment, path) {
            Ok(()) => {
                self.windows.assignment.open = false;
                format!(
                    "Saved the assignment {}; hand it out to the class",
                    path.display()
                )
            }
            Err(e) => format!("Assignment not saved: {e}"),
        };
        self.say(status);
    }
}

impl Workbench {
    /// Whether the Compare or Teaching window has a job running (reading
    /// codings, computing agreement, writing feedback).
    pub(super) fn classroom_busy(&self) -> bool {
        self.windows.compare.computing() || self.windows.teaching.busy()
    }

    /// The files the open work was read from: the project's own file, and
    /// the codings the Compare and Teaching windows loaded.
    fn inputs(&self) -> Vec<&std::path::Path> {
        let compared = self.windows.compare.others.iter().map(|(p, _)| p.as_path());
        let reference = self
            .windows
            .teaching
            .reference
            .iter()
            .map(|(p, _)| p.as_path());
        (self.session.path().into_iter())
            .chain(compared)
            .chain(reference)
            .collect()
    }

    /// Whether an export, a table or an assignment may be written to
    /// `out`: not over one of the inputs, nor over a folder or special
    /// file (the same rule as the command line's).
    pub(super) fn may_write(
        &self,
        out: &std::path::Path,
    ) -> Result<(), crate::io::output::OutputError> {
        crate::io::output::check_output(out, &self.inputs())
    }
}

fn suggested_name(purpose: Purpose) -> String {
    match purpose {
        Purpose::SaveAssignment => "assignment.briefmark.ron".into(),
        _ => String::new(),
    }
}
