//! The command line contract: `briefmark check`.

use crate::common::{EXAMPLE, briefmark};

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
    // As this build writes it: in a version-2 file such a passage is read
    // as one a revision left behind (see `orphans.rs`).
    let text = briefmark::io::project_file::to_string(&briefmark::assets::example_project());
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

#[test]
fn export_writes_every_format_and_csv_has_a_row_per_passage_and_code() {
    let dir = tempfile::tempdir().unwrap();
    for format in briefmark::io::export::Format::ALL {
        let out = dir.path().join(format!("out.{}", format.extension()));
        let (code, _, stderr) = briefmark(&[
            "export",
            EXAMPLE,
            "--format",
            format.name(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(
            std::fs::metadata(&out).unwrap().len() > 500,
            "{format} wrote little"
        );
    }
    let project = briefmark::assets::example_project();
    let rows: usize = project.passages.iter().map(|p| p.codes.len().max(1)).sum();
    let csv = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().count(), rows);
    let (code, stdout, _) = briefmark(&["export", EXAMPLE, "--format", "csv", "--out", "-"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, csv, "--out - writes the same to stdout");
}

#[test]
fn a_failed_export_leaves_an_existing_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("keep.csv");
    std::fs::write(&out, "precious").unwrap();
    let (code, _, stderr) = briefmark(&[
        "export",
        "/nonexistent.briefmark.ron",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("error: cannot read /nonexistent"),
        "{stderr}"
    );
    // The cause is said once, not repeated by the error chain.
    assert_eq!(stderr.matches("(os error 2)").count(), 1, "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
}

#[test]
fn import_merges_documents_and_codebooks_into_one_project() {
    let dir = tempfile::tempdir().unwrap();
    let qdc = dir.path().join("book.qdc");
    briefmark(&[
        "export",
        EXAMPLE,
        "--format",
        "qdc",
        "--out",
        qdc.to_str().unwrap(),
    ]);
    let txt = dir.path().join("second brief.txt");
    std::fs::write(&txt, "Second brief\n\nA <u>cited</u> passage.\n").unwrap();
    let out = dir.path().join("merged.briefmark.ron");
    let args = [
        "import",
        EXAMPLE,
        qdc.to_str().unwrap(),
        txt.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let (code, stdout, stderr) = briefmark(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.ends_with(": 2 document(s) added, 0 matched; 4 code(s) added, 4 matched (0 conflict(s)); 44 passage(s) added; 7 link(s) added\n"),
        "{stdout}"
    );
    let project = briefmark::io::project_file::load(&out).unwrap();
    assert_eq!(project.documents.len(), 2);
    assert_eq!(project.documents[1].id().0, "second-brief");
    assert_eq!(
        project.documents[1].text(),
        "Second brief\n\nA cited passage."
    );
    assert_eq!(
        project.codebook.codes().count(),
        4,
        "the .qdc merged by name into the same four codes"
    );
    assert_eq!(
        project.passages.len(),
        briefmark::assets::example_project().passages.len()
    );
    let (code, _, stderr) = briefmark(&args);
    assert_eq!(code, 1, "an existing --out is not replaced without --force");
    assert!(stderr.contains("--force"), "{stderr}");
}

#[test]
fn a_hostile_import_writes_nothing() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("slip.qdpx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
    zip.start_file("../../evil.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"x").unwrap();
    zip.finish().unwrap();
    let out = dir.path().join("out.briefmark.ron");
    let (code, _, stderr) = briefmark(&[
        "import",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("outside the archive"), "{stderr}");
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing but the input"
    );
}

#[test]
fn a_qdc_of_an_empty_codebook_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("empty.briefmark.ron");
    let mut project = briefmark::assets::default_project();
    project.codebook.dimensions.clear();
    briefmark::io::project_file::save(&project, &file).unwrap();
    let out = dir.path().join("book.qdc");
    let (code, _, stderr) = briefmark(&[
        "export",
        file.to_str().unwrap(),
        "--format",
        "qdc",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("must hold at least one"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn broken_imports_say_why_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let example = briefmark::assets::example_project();
    let json = briefmark::io::json_file::to_json(&example);
    let first_id = example.passages_in_order()[0].id.0.clone();
    let second_id = example.passages_in_order()[1].id.0.clone();
    let cases = [
        (
            "dtd.qdc",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><CodeBook/>".to_owned(),
            "DTD",
        ),
        (
            "range.json",
            json.replacen("\"end\": 296", "\"end\": 99999", 1),
            "outside",
        ),
        (
            "unknown.json",
            json.replacen("\"bilateral\"\n", "\"no-such-code\"\n", 1),
            "not in the codebook",
        ),
        ("dup.json", json.replace(&second_id, &first_id), "duplicate"),
        (
            "notes.docx",
            "x".to_owned(),
            "not a Word (.docx) file: it is plain text",
        ),
        ("notes.odt", "x".to_owned(), "unknown kind of file"),
    ];
    for (name, content, why) in cases {
        let input = dir.path().join(name);
        std::fs::write(&input, &content).unwrap();
        let out = dir.path().join("out.briefmark.ron");
        let (code, _, stderr) = briefmark(&[
            "import",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 1, "{name}");
        assert!(stderr.contains(why), "{name}: {stderr}");
        assert!(!out.exists(), "{name}: nothing written");
    }
}

#[test]
fn text_documents_in_other_encodings_are_decoded_and_binary_refused() {
    let dir = tempfile::tempdir().unwrap();
    let utf16 = dir.path().join("utf16.txt");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(
        "Title\n\nPolitical détente — “real”."
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    std::fs::write(&utf16, bytes).unwrap();
    let out = dir.path().join("out.briefmark.ron");
    let (code, _, stderr) = briefmark(&[
        "import",
        utf16.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("utf16.txt: decoded from UTF-16LE"),
        "{stderr}"
    );
    let project = briefmark::io::project_file::load(&out).unwrap();
    assert_eq!(
        project.documents[0].text(),
        "Title\n\nPolitical détente — “real”."
    );

    let binary = dir.path().join("image.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let out2 = dir.path().join("out2.briefmark.ron");
    let (code, _, stderr) = briefmark(&[
        "import",
        binary.to_str().unwrap(),
        "--out",
        out2.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("binary data, not a text document"),
        "{stderr}"
    );
    assert!(!out2.exists());
}
