//! Helpers shared by the two test binaries, `tests/core/` and `tests/gui/`
//! (each says `#[path = "../common/mod.rs"] mod common;`).

#![allow(dead_code)]

use std::process::Command;

/// The bundled example coding.
pub const EXAMPLE: &str = "assets/examples/azerbaijan-russia-brief.example.briefmark.ron";

/// Runs the built `briefmark` binary: exit code, stdout, stderr.
pub fn briefmark(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_briefmark"))
        .args(args)
        .output()
        .expect("run briefmark");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(feature = "gui")]
pub mod ui;

/// A copy of the example coding by another coder ("Student") with its first
/// passage (127..296, 169 characters) recoded Cause/Regional, saved in
/// `dir` as `student.briefmark.ron`; returns its path.
pub fn student_copy(dir: &std::path::Path) -> std::path::PathBuf {
    use briefmark::model::CodeId;
    let mut p = briefmark::io::project_file::load(std::path::Path::new(EXAMPLE)).unwrap();
    p.sort_passages();
    p.passages[0].codes = vec![CodeId("cause".into()), CodeId("regional".into())];
    for x in &mut p.passages {
        x.coder = "Student".into();
    }
    p.coders = vec!["Student".into()];
    let path = dir.join("student.briefmark.ron");
    briefmark::io::project_file::save(&p, &path).unwrap();
    path
}
