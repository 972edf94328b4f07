//! The project file: round trips, the example coding, errors on bad input.

use briefmark::assets;
use briefmark::io::project_file::{self, LoadError};
use briefmark::model::{CodeId, Passage, Problem};

#[test]
fn example_coding_passes_check() {
    let project = assets::example_project();
    let summary = project.check().expect("example is sound");
    assert_eq!(summary.documents, 1);
    assert!(summary.passages >= 25, "{summary}");
    assert_eq!(summary.codes_used, 4);
    let with_memo = project
        .passages
        .iter()
        .filter(|p| !p.memo.is_empty())
        .count();
    assert!(
        with_memo * 2 > project.passages.len(),
        "most passages have a memo"
    );
    let overlapping = project
        .passages
        .iter()
        .filter(|a| {
            project
                .passages
                .iter()
                .any(|b| a.id != b.id && a.overlaps(b.start, b.end))
        })
        .count();
    assert!(overlapping >= 4, "several overlaps, got {overlapping}");
}

#[test]
fn example_document_is_the_bundled_brief() {
    let example = assets::example_project();
    let fresh = assets::default_project();
    assert_eq!(example.documents, fresh.documents);
    assert_eq!(example.codebook, fresh.codebook);
}

#[test]
fn save_then_open_gives_an_equal_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.briefmark.ron");
    let mut project = assets::example_project();
    // Awkward strings must survive: quotes, backslashes, raw-string hashes, newlines.
    project.passages[0].memo = "line one\nline \"two\" with \\ and \"# and r#\"x\"#\ttab".into();
    project_file::save(&project, &path).unwrap();
    let loaded = project_file::load(&path).unwrap();
    project.sort_passages();
    assert_eq!(loaded, project);
    // Deterministic: saving again gives the same bytes.
    let first = std::fs::read_to_string(&path).unwrap();
    project_file::save(&loaded, &path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first);
}

#[test]
fn file_lists_passages_in_position_order() {
    let mut project = assets::example_project();
    project.passages.reverse();
    let text = project_file::to_string(&project);
    let passages = &text[text.find("passages: [").unwrap()..];
    let starts: Vec<usize> = passages
        .lines()
        .filter_map(|l| l.trim().strip_prefix("start: "))
        .filter_map(|n| n.trim_end_matches(',').parse().ok())
        .collect();
    let passage_starts = &starts[..];
    assert_eq!(passage_starts.len(), project.passages.len());
    assert!(passage_starts.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn malformed_ron_reports_line_and_column() {
    let text = project_file::to_string(&assets::example_project());
    let broken = text.replacen("coder: \"Reference coder\"", "coder: Reference", 1);
    match project_file::parse(&broken, "broken.ron") {
        Err(LoadError::Parse { error: source, .. }) => {
            let line = broken
                .lines()
                .position(|l| l.contains("coder: Reference"))
                .unwrap()
                + 1;
            let column = broken
                .lines()
                .nth(line - 1)
                .unwrap()
                .find("Reference")
                .unwrap()
                + 1;
            // RON points at the value, or at the blank just before it.
            assert_eq!(source.line, line, "{source}");
            assert!((column - 1..=column).contains(&source.column), "{source}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
    let truncated = &text[..text.len() / 2];
    assert!(matches!(
        project_file::parse(truncated, "t.ron"),
        Err(LoadError::Parse { .. })
    ));
}

#[test]
fn newer_format_is_refused_naming_both_versions() {
    let current = format!("version: {},", briefmark::model::FORMAT_VERSION);
    let text =
        project_file::to_string(&assets::default_project()).replacen(&current, "version: 7,", 1);
    let err = project_file::parse(&text, "new.ron").unwrap_err();
    let msg = err.to_string();
    let supported = format!("up to {}", briefmark::model::FORMAT_VERSION);
    assert!(
        msg.contains("version 7") && msg.contains(&supported),
        "{msg}"
    );
    let zero = text.replacen("version: 7,", "version: 0,", 1);
    let msg = project_file::parse(&zero, "zero.ron")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("version 0; versions start at 1"), "{msg}");
}

/// A version-1 file (the example coding as version 0.1 wrote it) loads
/// through the migration: every passage kept, the default relation types
/// added, and saving writes the current version.
#[test]
fn version_1_files_are_migrated() {
    let path = std::path::Path::new("tests/fixtures/migrate/v1-example.briefmark.ron");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("version: 1,"));
    let project = project_file::load(path).unwrap();
    assert_eq!(project.version, briefmark::model::FORMAT_VERSION);
    assert_eq!(project.passages.len(), 44);
    assert_eq!(project.documents[0].char_len(), 13_686);
    let relations: Vec<&str> = project.relations.iter().map(|r| r.id.0.as_str()).collect();
    assert_eq!(
        relations,
        ["supports", "contradicts", "explains", "pretext-for"]
    );
    assert!(project.links.is_empty() && project.assignment.is_none());
    assert!(project.check().is_ok());
    let saved = project_file::to_string(&project);
    assert!(saved.contains(&format!("version: {},", briefmark::model::FORMAT_VERSION)));
    assert_eq!(project_file::parse(&saved, "again.ron").unwrap(), project);
}

#[test]
fn check_reports_bad_passages() {
    let mut project = assets::default_project();
    let doc = project.documents[0].clone();
    let now = chrono::Utc::now();
    let mut out_of_range = Passage::new(&doc, 10, 20, "t", now);
    out_of_range.end = doc.char_len() + 5;
    let mut wrong_quote = Passage::new(&doc, 10, 20, "t", now);
    wrong_quote.quote = "something else".into();
    let mut unknown = Passage::new(&doc, 30, 40, "t", now);
    unknown.codes = vec![CodeId("nope".into())];
    let mut both = Passage::new(&doc, 50, 60, "t", now);
    both.codes = vec![CodeId("pretext".into()), CodeId("cause".into())];
    project.passages = vec![out_of_range, wrong_quote, unknown, both].into();
    let problems = project.check().unwrap_err();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(matches!(problems[0], Problem::OutOfRange { end, .. } if end == doc.char_len() + 5));
    assert!(
        matches!(&problems[1], Problem::QuoteMismatch { actual, .. } if actual == doc.slice(10, 20))
    );
    assert!(matches!(&problems[2], Problem::UnknownCode { code, .. } if code == "nope"));
    assert!(
        matches!(&problems[3], Problem::ExclusiveViolated { dimension, .. } if dimension == "Causal role")
    );
}

#[test]
fn a_failed_save_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.briefmark.ron");
    std::fs::write(&path, "old contents").unwrap();
    // A directory in the way of the temp file's rename makes the save fail.
    let blocked = dir.path().join("sub");
    std::fs::create_dir(&blocked).unwrap();
    std::fs::write(blocked.join("x"), "").unwrap();
    let err = project_file::save(&assets::default_project(), &blocked).unwrap_err();
    assert!(err.to_string().contains("not changed"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old contents");
    assert!(blocked.is_dir());
}

/// `text` as git checks it out on Windows (`core.autocrlf`).
fn with_crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// The same, with the byte-order mark some editors add.
fn as_on_windows(text: &str) -> String {
    format!("\u{feff}{}", with_crlf(text))
}

#[test]
fn the_example_checked_out_with_crlf_or_a_bom_is_the_same_project() {
    let original = std::fs::read_to_string(crate::common::EXAMPLE).unwrap();
    assert!(!original.contains('\r'));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.briefmark.ron");
    let with_bom = format!("\u{feff}{original}");
    for text in [with_crlf(&original), with_bom, as_on_windows(&original)] {
        std::fs::write(&path, text).unwrap();
        let loaded = project_file::load(&path).unwrap();
        assert_eq!(loaded, assets::example_project());
        assert_eq!(loaded.check().expect("sound").passages, 44);
        // Saved again, it is the file briefmark writes: LF, no mark.
        project_file::save(&loaded, &path).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            project_file::to_string(&assets::example_project())
        );
    }
}

#[test]
fn carriage_returns_in_strings_survive_a_crlf_round_trip() {
    let mut project = assets::example_project();
    project.sort_passages();
    project.passages[0].memo = "pasted on Windows\r\nsecond line\rlone CR\n".into();
    project.passages[1].memo = "two\nlines".into();
    project.codebook.dimensions[0].description = "ends in CRLF\r\n".into();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.briefmark.ron");
    project_file::save(&project, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches('\r').count(),
        0,
        "the writer wrote a carriage return"
    );
    assert!(
        text.contains(r#"memo: "pasted on Windows\r\nsecond line\rlone CR\n","#),
        "strings with a CR are escaped"
    );
    assert!(
        text.contains("memo: \"two\nlines\","),
        "others keep their lines"
    );
    // Reading CRLF as LF would turn a literal CRLF in a memo into LF, on
    // this machine already; escaped, it is safe from both.
    assert_eq!(project_file::load(&path).unwrap(), project);
    std::fs::write(&path, with_crlf(&text)).unwrap();
    assert_eq!(project_file::load(&path).unwrap(), project);
}

#[test]
fn codebook_and_recovery_files_read_crlf_and_a_bom_as_projects_do() {
    use briefmark::io::{codebook_file, recovery};
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("assets/codebook.ron").unwrap();
    let path = dir.path().join("book.codebook.ron");
    std::fs::write(&path, as_on_windows(&text)).unwrap();
    assert_eq!(
        codebook_file::load(&path).unwrap(),
        codebook_file::parse(&text).unwrap()
    );
    let mut project = assets::example_project();
    project.passages[0].memo = "a\r\nb".into();
    let saved = recovery::Recovery {
        project_path: None,
        written: chrono::Utc::now(),
        project,
    };
    let path = dir.path().join("unsaved.briefmark.recovery.ron");
    recovery::write(&path, &saved).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, as_on_windows(&text)).unwrap();
    assert_eq!(recovery::read(&path).unwrap(), Some(saved));
}
