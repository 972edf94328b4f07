//! Documents in every format briefmark reads, through `briefmark import`
//! and `io::open`: the same plain text whatever the format, metadata kept
//! as the document's info, clear errors for files it cannot read.

use crate::common::briefmark;
use briefmark::io::project_file;

const FIXTURES: &str = "tests/fixtures/documents";

fn import(file: &str, dir: &std::path::Path) -> (i32, String, briefmark::model::Project) {
    let out = dir.join(format!("{file}.briefmark.ron"));
    let input = format!("{FIXTURES}/{file}");
    let (code, _, stderr) = briefmark(&["import", &input, "--out", out.to_str().unwrap()]);
    let project = project_file::load(&out).unwrap_or_else(|e| panic!("{e}\n{stderr}"));
    (code, stderr, project)
}

#[test]
fn every_format_gives_the_same_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let expected = std::fs::read_to_string(format!("{FIXTURES}/brief.expected.txt")).unwrap();
    for file in ["brief.md", "brief.html", "brief.docx", "brief.pdf"] {
        let (code, stderr, project) = import(file, dir.path());
        assert_eq!(code, 0, "{file}: {stderr}");
        assert_eq!(project.documents.len(), 1);
        assert_eq!(project.documents[0].text(), expected.trim_end(), "{file}");
        assert_eq!(
            project.codebook,
            briefmark::assets::default_codebook(),
            "{file}"
        );
    }
}

#[test]
fn word_metadata_becomes_the_document_info() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, project) = import("brief.docx", dir.path());
    let info = project.documents[0].info();
    assert_eq!(info.author, "Sergei Melkonian");
    assert_eq!(info.date, "2025-11-20T09:00:00Z");
}

#[test]
fn a_pdf_without_a_text_layer_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.briefmark.ron");
    let input = format!("{FIXTURES}/scanned.pdf");
    let (code, _, stderr) = briefmark(&["import", &input, "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("OCR"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn opening_a_word_file_starts_a_new_project_with_the_default_codebook() {
    let opened =
        briefmark::io::open(std::path::Path::new(&format!("{FIXTURES}/brief.docx"))).unwrap();
    assert!(opened.is_new);
    assert_eq!(opened.project.documents.len(), 1);
    assert_eq!(
        opened.project.codebook,
        briefmark::assets::default_codebook()
    );
}
