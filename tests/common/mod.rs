//! Helpers shared by the integration tests (each test file that needs them
//! says `mod common;`).

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
