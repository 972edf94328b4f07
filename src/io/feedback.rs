//! Writing each student's feedback report (Markdown and HTML) into a
//! folder: `briefmark agree --feedback DIR` and the Teaching window.

use std::path::Path;

use super::atomic::write_atomic;
use crate::analysis::agreement::{
    self, AgreementError, Options, Rater, feedback_html, feedback_markdown,
};

#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    #[error(transparent)]
    Agreement(#[from] AgreementError),
    /// A report would go over one of the codings it is made from (a
    /// `feedback-NAME.md` that is a link to one), or over a folder.
    #[error(transparent)]
    Output(#[from] super::output::OutputError),
    #[error("cannot write {path}: {error}")]
    Write { path: String, error: std::io::Error },
}

/// The reports' formats: their endings are the report exports' (`io::formats`).
const REPORT_ENDINGS: [super::export::Format; 2] =
    [super::export::Format::Md, super::export::Format::Html];

/// Writes `feedback-NAME.md` and `.html` for every student; returns how
/// many students got one. Each file is written atomically; none is
/// written if any of them would go over one of `inputs` (the codings
/// read) or over something that is not a file.
pub fn write_feedback(
    dir: &Path,
    reference: &Rater,
    students: &[Rater],
    options: &Options,
    inputs: &[&Path],
) -> Result<usize, FeedbackError> {
    write_feedback_with(dir, reference, students, options, inputs, |_| true)
}

/// [`write_feedback`], calling `go_on(done)` before each student (`done`
/// students written so far); when it answers false, stops there and
/// returns how many were written (the Teaching window's job reports
/// progress and Cancel through it).
pub fn write_feedback_with(
    dir: &Path,
    reference: &Rater,
    students: &[Rater],
    options: &Options,
    inputs: &[&Path],
    mut go_on: impl FnMut(usize) -> bool,
) -> Result<usize, FeedbackError> {
    std::fs::create_dir_all(dir).map_err(|error| FeedbackError::Write {
        path: dir.display().to_string(),
        error,
    })?;
    for student in students {
        let base = dir.join(file_name(&student.name));
        for ext in REPORT_ENDINGS.map(super::formats::export_extension) {
            super::output::check_output(&base.with_extension(ext), inputs)?;
        }
    }
    for (done, student) in students.iter().enumerate() {
        if !go_on(done) {
            return Ok(done);
        }
        let f = agreement::feedback(reference, student, options)?;
        let base = dir.join(file_name(&student.name));
        let [md, html] = REPORT_ENDINGS.map(super::formats::export_extension);
        for (ext, text) in [(md, feedback_markdown(&f)), (html, feedback_html(&f))] {
            let path = base.with_extension(ext);
            write_atomic(&path, text.as_bytes()).map_err(|error| FeedbackError::Write {
                path: path.display().to_string(),
                error,
            })?;
        }
    }
    Ok(students.len())
}

/// A student's name as a file name: odd characters (path separators
/// included) become `_`.
pub fn file_name(student: &str) -> String {
    let cleaned: String = student
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("feedback-{}", cleaned.trim())
}

#[cfg(test)]
mod tests {
    #[test]
    fn student_names_become_safe_file_names() {
        assert_eq!(super::file_name("Ana María"), "feedback-Ana María");
        assert_eq!(super::file_name("../x/y.ron"), "feedback-___x_y_ron");
    }
}
