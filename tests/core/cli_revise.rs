//! `briefmark revise`: the example coding against a revised brief, from the
//! command line, with the same counts as the library's re-anchoring test.

use crate::common::{EXAMPLE, briefmark};

const REVISED: &str = "tests/fixtures/reanchor/revised-brief.txt";

#[test]
fn revise_rewrites_the_project_keeping_a_backup_and_lists_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.briefmark.ron");
    std::fs::copy(EXAMPLE, &file).unwrap();
    let original = std::fs::read_to_string(&file).unwrap();
    let (code, stdout, stderr) = briefmark(&["revise", file.to_str().unwrap(), "--text", REVISED]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.ends_with("2 unchanged, 35 moved, 5 re-placed fuzzily, 2 need re-placing\n"),
        "{stdout}"
    );
    assert_eq!(stderr.matches("needs re-placing: “").count(), 2, "{stderr}");
    // Written for people: no ids, no escaped quotes.
    assert!(!stderr.contains("\\\""), "{stderr}");
    let backup = dir.path().join("p.briefmark.ron.bak");
    assert_eq!(std::fs::read_to_string(backup).unwrap(), original);
    let revised = briefmark::io::project_file::load(&file).unwrap();
    for p in revised
        .passages
        .iter()
        .chain(&briefmark::assets::example_project().passages)
    {
        assert!(!stderr.contains(&p.id.0), "an id in {stderr}");
    }
    // The two that lost their text have no position: not among the
    // passages, kept as orphans, and the project is sound.
    assert_eq!((revised.passages.len(), revised.orphans.len()), (42, 2));
    assert_eq!(revised.problems(), []);
    let (code, stdout, stderr) = briefmark(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.ends_with("; 2 passages need re-placing after a revision\n"),
        "{stdout}"
    );
    assert!(stderr.starts_with("note: "), "{stderr}");
}

#[test]
fn revise_with_out_leaves_the_input_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("revised.briefmark.ron");
    let (code, _, stderr) = briefmark(&[
        "revise",
        EXAMPLE,
        "--text",
        REVISED,
        "--document",
        "azerbaijan-russia-brief",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.exists());
}

#[test]
fn revise_names_the_documents_when_the_id_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("never.briefmark.ron");
    let (code, stdout, stderr) = briefmark(&[
        "revise",
        EXAMPLE,
        "--text",
        REVISED,
        "--document",
        "nope",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("no document \"nope\"") && stderr.contains("azerbaijan-russia-brief"),
        "{stderr}"
    );
    assert!(!out.exists());
}
