//! A student's assignment with a locked codebook stays locked on every
//! path that could change the codebook: importing a codebook (`.qdc`) or a
//! project in the GUI's way (`import_files`), the CLI's `import` with the
//! assignment as its base, and a whole project put in place by an edit.
//! Documents and passages still come in when their codes are the
//! codebook's.

use std::path::{Path, PathBuf};

use briefmark::assets;
use briefmark::io::export::{self, ExportOptions, Format};
use briefmark::io::import::ImportError;
use briefmark::io::import_files::import_paths;
use briefmark::io::project_file;
use briefmark::model::{
    Code, CodeId, Codebook, ConflictPolicy, Dimension, DimensionId, Edit, EditError, Passage,
    Project, Rgb,
};

use crate::common::briefmark;

/// A student's copy of a locked assignment on the bundled brief.
fn assignment() -> Project {
    assets::example_project().to_assignment("Code causes and pretexts.", true)
}

fn economy() -> Code {
    Code {
        id: CodeId("economy".into()),
        name: "Economy".into(),
        color: Rgb(10, 120, 40),
        definition: "Trade, energy, money.".into(),
        when_to_use: String::new(),
        when_not_to_use: String::new(),
        example: String::new(),
        key: None,
        memo: String::new(),
    }
}

/// The default codebook with one more dimension holding "Economy".
fn bigger_codebook() -> Codebook {
    let mut book = assets::default_codebook();
    book.dimensions.push(Dimension {
        id: DimensionId("topic".into()),
        name: "Topic".into(),
        description: String::new(),
        exclusive: false,
        codes: vec![economy()],
    });
    book
}

/// Writes `bytes` into `dir` as `name`; returns the path.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// A colleague's coding of the same brief with the bigger codebook: one
/// passage coded Cause, one coded only Economy, one coded Cause and Economy.
fn colleague() -> Project {
    let mut p = assets::default_project();
    p.codebook = bigger_codebook();
    let doc = p.documents[0].clone();
    let when = chrono::DateTime::UNIX_EPOCH;
    let coded = |start, end, codes: &[&str]| {
        let mut passage = Passage::new(&doc, start, end, "Colleague", when);
        passage.codes = codes.iter().map(|c| CodeId((*c).into())).collect();
        passage
    };
    p.passages.push(coded(127, 296, &["cause"]));
    p.passages.push(coded(400, 450, &["economy"]));
    p.passages.push(coded(500, 560, &["cause", "economy"]));
    p
}

#[test]
fn a_codebook_import_into_a_locked_assignment_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut source = assets::default_project();
    source.codebook = bigger_codebook();
    let qdc = export::render(&source, Format::Qdc, ExportOptions::default());
    let path = write(dir.path(), "more.qdc", &qdc);
    let student = assignment();
    let keys: Vec<Option<CodeId>> = (1..=9)
        .map(|n| student.codebook.code_for_key(n).cloned())
        .collect();

    let err = import_paths(
        std::slice::from_ref(&path),
        student.clone(),
        ConflictPolicy::TakeTheirs,
    )
    .err()
    .expect("refused");
    assert!(
        matches!(&err, ImportError::CodebookLocked { codes, .. } if codes == &["Economy".to_owned()]),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("locked") && message.contains("Economy"),
        "{message}"
    );
    // Nothing changed: the caller still holds the student's project as it was.
    let again: Vec<Option<CodeId>> = (1..=9)
        .map(|n| student.codebook.code_for_key(n).cloned())
        .collect();
    assert_eq!(keys, again);

    // The same codebook into an unlocked project adds the code.
    let open = assets::default_project();
    let imported = import_paths(&[path], open, ConflictPolicy::KeepOurs).expect("import");
    assert!(
        imported
            .project
            .codebook
            .code(&CodeId("economy".into()))
            .is_some()
    );
}

#[test]
fn a_project_import_into_a_locked_assignment_brings_passages_but_no_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("colleague.briefmark.ron");
    project_file::save(&colleague(), &path).expect("save");
    let student = assignment();

    let imported =
        import_paths(&[path], student.clone(), ConflictPolicy::TakeTheirs).expect("import");
    let project = imported.project;
    assert_eq!(
        project.codebook, student.codebook,
        "the locked codebook is untouched"
    );
    assert!(project.codebook_locked());
    // The Cause passage and the Cause+Economy one (without Economy) came
    // in; the one coded only Economy did not.
    let coded: Vec<(usize, Vec<&str>)> = (project.passages.iter())
        .map(|p| (p.start, p.codes.iter().map(|c| c.0.as_str()).collect()))
        .collect();
    assert_eq!(coded, [(127, vec!["cause"]), (500, vec!["cause"])]);
    let report = &imported.report;
    assert_eq!(report.locked_out_codes, ["Economy"]);
    assert_eq!((report.passages_added, report.passages_locked_out), (2, 1));
    assert!(
        report.to_string().contains(
            "the codebook is locked, so 1 code(s) were not added (Economy) and 1 passage(s) coded only with them were left out"
        ),
        "{report}"
    );
    assert!(project.check().is_ok());
}

#[test]
fn the_command_line_import_keeps_its_base_assignment_locked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = dir.path().join("student.briefmark.ron");
    project_file::save(&assignment(), &base).expect("save");
    let mut source = assets::default_project();
    source.codebook = bigger_codebook();
    let qdc = write(
        dir.path(),
        "more.qdc",
        &export::render(&source, Format::Qdc, ExportOptions::default()),
    );
    let out = dir.path().join("out.briefmark.ron");
    let arg = |p: &Path| p.to_str().expect("utf-8 path").to_owned();

    let (code, _, stderr) = briefmark(&["import", &arg(&base), &arg(&qdc), "--out", &arg(&out)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("locked") && stderr.contains("Economy"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");

    let other = dir.path().join("colleague.briefmark.ron");
    project_file::save(&colleague(), &other).expect("save");
    let (code, stdout, stderr) =
        briefmark(&["import", &arg(&base), &arg(&other), "--out", &arg(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("the codebook is locked"), "{stdout}");
    let merged = project_file::load(&out).expect("load");
    assert!(merged.codebook_locked(), "the assignment came along");
    assert_eq!(merged.codebook, assignment().codebook);
}

#[test]
fn no_edit_puts_another_codebook_in_place_while_locked() {
    let mut student = assignment();
    let mut other = student.clone();
    other.codebook = bigger_codebook();
    let err = Edit::ReplaceProject(Box::new(other))
        .apply(&mut student)
        .unwrap_err();
    assert_eq!(err, EditError::CodebookLocked);
    assert_eq!(student, assignment());
    // A whole project with the same codebook (an import of passages, a
    // restored copy) still goes in.
    let mut coded = student.clone();
    let doc = coded.documents[0].clone();
    coded.passages.push(Passage::new(
        &doc,
        0,
        10,
        "Ana",
        chrono::DateTime::UNIX_EPOCH,
    ));
    Edit::ReplaceProject(Box::new(coded))
        .apply(&mut student)
        .expect("same codebook");
    assert_eq!(student.passages.len(), 1);
}
