//! The command line contract: `briefmark check`.

use std::process::Command;

fn briefmark(args: &[&str]) -> (i32, String, String) {
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

const EXAMPLE: &str = "assets/examples/azerbaijan-russia-brief.example.briefmark.ron";

#[test]
fn check_passes_the_example_coding() {
    let project = briefmark::assets::example_project();
    let (code, stdout, stderr) = briefmark(&["check", EXAMPLE]);
    assert_eq!(code, 0, "{stderr}");
    let want = format!(
        "ok: 1 document, {} passages, 4 of 4 codes used\n",
        project.passages.len()
    );
    assert_eq!(stdout, want);
}

#[test]
fn check_reports_a_broken_passage_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.briefmark.ron");
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    // Shift the first passage's start so its stored quote no longer matches.
    let at = text.find("passages: [").unwrap();
    let broken = format!(
        "{}{}",
        &text[..at],
        text[at..].replacen("start: 127,", "start: 128,", 1)
    );
    assert_ne!(broken, text);
    std::fs::write(&path, broken).unwrap();
    let (code, stdout, stderr) = briefmark(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("stored quote") && stderr.contains("128..296"),
        "{stderr}"
    );
    assert!(stderr.contains("1 problem(s) found"), "{stderr}");
}

#[test]
fn check_on_a_missing_or_malformed_file_exits_2() {
    let (code, _, stderr) = briefmark(&["check", "/nonexistent/x.briefmark.ron"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: cannot read /nonexistent/x.briefmark.ron"),
        "{stderr}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "(version: 1, documents: [").unwrap();
    let (code, _, stderr) = briefmark(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is not a valid project file: line 1"),
        "{stderr}"
    );
}

#[test]
fn help_documents_the_commands() {
    let (code, stdout, _) = briefmark(&["--help"]);
    assert_eq!(code, 0);
    for needle in ["check", "--screenshot", "[FILE]"] {
        assert!(stdout.contains(needle), "--help lacks {needle}:\n{stdout}");
    }
}
