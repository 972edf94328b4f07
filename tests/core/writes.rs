//! Files are written where the user meant, and only there: through
//! symbolic links to their targets, never over folders, special files or
//! inputs, no temporary files left behind, no export of a broken project.
//! See `docs/reliability.md`, "Where files are written".

use std::path::{Path, PathBuf};

use briefmark::io::project_file;

use crate::common::{EXAMPLE, briefmark};

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A copy of the example coding in `dir`.
fn example_in(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(EXAMPLE, &path).unwrap();
    path
}

#[cfg(unix)]
mod links {
    use std::os::unix::fs::symlink;

    use super::*;

    /// `work/p.briefmark.ron -> ../real/p.briefmark.ron`, holding `old`.
    fn linked(dir: &Path, old: &str) -> (PathBuf, PathBuf) {
        std::fs::create_dir(dir.join("real")).unwrap();
        std::fs::create_dir(dir.join("work")).unwrap();
        let real = dir.join("real").join("p.briefmark.ron");
        std::fs::write(&real, old).unwrap();
        let link = dir.join("work").join("p.briefmark.ron");
        symlink("../real/p.briefmark.ron", &link).unwrap();
        (link, real)
    }

    fn assert_still_a_link(link: &Path) {
        let meta = std::fs::symlink_metadata(link).unwrap();
        assert!(meta.file_type().is_symlink(), "the link was replaced");
        assert_eq!(
            std::fs::read_link(link).unwrap(),
            Path::new("../real/p.briefmark.ron")
        );
    }

    #[test]
    fn saving_through_a_link_writes_its_target_keeps_the_link_and_backs_up_beside_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let (link, real) = linked(dir.path(), "old version");
        let project = briefmark::assets::example_project();
        project_file::save(&project, &link).unwrap();
        assert_still_a_link(&link);
        assert_eq!(
            std::fs::read_to_string(&real).unwrap(),
            project_file::to_string(&project)
        );
        assert_eq!(
            names_in(&dir.path().join("real")),
            ["p.briefmark.ron", "p.briefmark.ron.bak"]
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("real/p.briefmark.ron.bak")).unwrap(),
            "old version"
        );
        assert_eq!(names_in(&dir.path().join("work")), ["p.briefmark.ron"]);
    }

    #[test]
    fn exporting_through_a_link_writes_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let (link, real) = linked(dir.path(), "old export");
        let (code, _, stderr) = briefmark(&["export", EXAMPLE, "-f", "csv", "-o", s(&link)]);
        assert_eq!(code, 0, "{stderr}");
        assert_still_a_link(&link);
        let csv = std::fs::read_to_string(&real).unwrap();
        assert!(csv.starts_with("document,passage_id,"), "{csv}");
        assert_eq!(names_in(&dir.path().join("real")), ["p.briefmark.ron"]);
    }

    #[test]
    fn revising_through_a_link_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let original = std::fs::read_to_string(EXAMPLE).unwrap();
        let (link, real) = linked(dir.path(), &original);
        let (code, _, stderr) = briefmark(&[
            "revise",
            s(&link),
            "--text",
            "tests/fixtures/reanchor/revised-brief.txt",
        ]);
        assert_eq!(code, 0, "{stderr}");
        assert_still_a_link(&link);
        assert_ne!(std::fs::read_to_string(&real).unwrap(), original);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("real/p.briefmark.ron.bak")).unwrap(),
            original
        );
    }

    /// A feedback report named like a link to one of the codings it is
    /// made from is refused, and no report is written.
    #[test]
    fn feedback_is_never_written_over_a_coding_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let student = crate::common::student_copy(dir.path());
        let before = std::fs::read(&student).unwrap();
        let out = dir.path().join("feedback");
        std::fs::create_dir(&out).unwrap();
        symlink(&student, out.join("feedback-student.md")).unwrap();
        let (code, _, stderr) = briefmark(&[
            "agree",
            s(&student),
            "--reference",
            EXAMPLE,
            "--feedback",
            s(&out),
        ]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("is the input"), "{stderr}");
        assert_eq!(std::fs::read(&student).unwrap(), before);
        assert_eq!(names_in(&out), ["feedback-student.md"], "nothing written");
    }

    #[test]
    fn a_dangling_link_gets_its_target_created() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let link = dir.path().join("p.briefmark.ron");
        symlink("real/new.briefmark.ron", &link).unwrap();
        let project = briefmark::assets::example_project();
        project_file::save(&project, &link).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            project_file::load(&dir.path().join("real/new.briefmark.ron")).unwrap(),
            project_file::load(&link).unwrap()
        );
        assert_eq!(names_in(&dir.path().join("real")), ["new.briefmark.ron"]);
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_as_out_is_refused_and_stays_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let (code, stdout, stderr) = briefmark(&["export", EXAMPLE, "-f", "csv", "-o", s(&fifo)]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "error: {} is a named pipe (FIFO), not a file; give the name of a file to write, \
             or `--out -` to write to standard output\n",
            fifo.display()
        )
    );
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "{kind:?}");
    assert_eq!(names_in(dir.path()), ["pipe"]);
}

#[test]
fn a_folder_as_out_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("exports");
    std::fs::create_dir(&folder).unwrap();
    for args in [
        vec!["export", EXAMPLE, "-f", "csv", "-o", s(&folder)],
        vec!["stats", EXAMPLE, "-o", s(&folder)],
    ] {
        let (code, _, stderr) = briefmark(&args);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(
            stderr,
            format!(
                "error: {} is a folder, not a file; give the name of a file to write, \
                 or `--out -` to write to standard output\n",
                folder.display()
            )
        );
    }
    let (code, _, stderr) = briefmark(&["assign", EXAMPLE, "-o", s(&folder), "--force"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("is a folder, not a file"), "{stderr}");
    assert!(names_in(&folder).is_empty());
}

/// Runs `args` and checks it is refused, naming `input`, and that `dir`
/// holds the same files with the same bytes as before.
fn assert_refused_as_input(args: &[&str], input: &Path, dir: &Path) {
    let before: Vec<(String, Vec<u8>)> = names_in(dir)
        .into_iter()
        .map(|n| (n.clone(), std::fs::read(dir.join(&n)).unwrap()))
        .collect();
    let (code, _, stderr) = briefmark(args);
    assert_ne!(code, 0, "{args:?} was not refused");
    assert!(
        stderr.contains(&format!("is the input {}", input.display()))
            && stderr.contains("write the output to another file"),
        "{args:?}: {stderr}"
    );
    let after: Vec<(String, Vec<u8>)> = names_in(dir)
        .into_iter()
        .map(|n| (n.clone(), std::fs::read(dir.join(&n)).unwrap()))
        .collect();
    assert!(after == before, "{args:?} changed the folder");
}

#[test]
fn an_output_that_is_an_input_is_refused_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let p = example_in(dir.path(), "p.briefmark.ron");
    let student = crate::common::student_copy(dir.path());
    let txt = dir.path().join("brief.txt");
    std::fs::write(&txt, "A brief\n\nIts one paragraph.\n").unwrap();
    let (p, student, txt) = (s(&p), s(&student), s(&txt));
    let d = dir.path();
    let refused: [(&[&str], &str); 10] = [
        (&["export", p, "-f", "csv", "-o", p], p),
        (&["export", p, "-f", "json", "-o", p], p),
        (&["stats", p, "-o", p], p),
        (&["agree", p, student, "-o", student], student),
        (&["agree", student, "-r", p, "-o", p], p),
        (&["assign", p, "-o", p, "--force"], p),
        (&["import", p, txt, "-o", txt, "--force"], txt),
        (&["import", txt, p, "-o", txt, "--force"], txt),
        (&["revise", p, "--text", p], p),
        (&[p, "--screenshot", p], p),
    ];
    for (args, input) in refused {
        assert_refused_as_input(args, Path::new(input), d);
    }
}

#[cfg(unix)]
#[test]
fn an_input_is_recognised_through_links_not_by_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = example_in(dir.path(), "p.briefmark.ron");
    let hard = dir.path().join("hard.csv");
    std::fs::hard_link(&p, &hard).unwrap();
    let soft = dir.path().join("soft.csv");
    std::os::unix::fs::symlink("p.briefmark.ron", &soft).unwrap();
    for out in [&hard, &soft] {
        assert_refused_as_input(
            &["export", s(&p), "-f", "csv", "-o", s(out)],
            &p,
            dir.path(),
        );
    }
}

#[test]
fn importing_into_the_first_input_is_allowed_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let p = example_in(dir.path(), "p.briefmark.ron");
    let original = std::fs::read_to_string(&p).unwrap();
    let txt = dir.path().join("second.txt");
    std::fs::write(&txt, "Second brief\n\nA passage.\n").unwrap();
    let (code, _, stderr) = briefmark(&["import", s(&p), s(&txt), "-o", s(&p), "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(project_file::load(&p).unwrap().documents.len(), 2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.briefmark.ron.bak")).unwrap(),
        original
    );
}

#[test]
fn a_backup_that_already_is_the_file_leaves_no_temporary_link() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.briefmark.ron");
    let project = briefmark::assets::example_project();
    project_file::save(&project, &path).unwrap();
    // As after a save that failed once its backup was made.
    std::fs::hard_link(&path, dir.path().join("p.briefmark.ron.bak")).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    let mut changed = project.clone();
    changed.coders.push("Another coder".into());
    project_file::save(&changed, &path).unwrap();
    assert_eq!(
        names_in(dir.path()),
        ["p.briefmark.ron", "p.briefmark.ron.bak"]
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.briefmark.ron.bak")).unwrap(),
        before
    );
    assert_eq!(project_file::load(&path).unwrap().coders, changed.coders);
}

#[test]
fn temporary_files_a_killed_save_left_are_removed_at_the_next_save_of_that_file() {
    use std::time::{Duration, SystemTime};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.briefmark.ron");
    let project = briefmark::assets::example_project();
    project_file::save(&project, &path).unwrap();
    let two_minutes_ago = SystemTime::now() - Duration::from_secs(120);
    let stale = |name: &str| {
        let file = std::fs::File::create(dir.path().join(name)).unwrap();
        file.set_modified(two_minutes_ago).unwrap();
        file
    };
    // Left by killed saves of p: its data and its backup's link.
    stale(".p.briefmark.ron.briefmark-AbC123.tmp");
    stale(".p.briefmark.ron.bak.briefmark-xYz789.tmp");
    // Left by older briefmarks: the backup's link (kept when p.bak was
    // already p) and a data file, both long abandoned.
    let two_hours_ago = SystemTime::now() - Duration::from_secs(7200);
    for name in ["p.briefmark.ron.bak.4242.tmp", ".briefmark-Qw3rT9.tmp"] {
        stale(name).set_modified(two_hours_ago).unwrap();
    }
    // Not p's, not briefmark's, or not abandoned: kept.
    stale("q.briefmark.ron.bak.4242.tmp")
        .set_modified(two_hours_ago)
        .unwrap();
    stale("p.briefmark.ron.bak.4243.tmp");
    stale(".q.briefmark.ron.briefmark-AbC123.tmp");
    stale(".p.briefmark.ron.briefmark-mine.tmp");
    std::fs::write(dir.path().join(".p.briefmark.ron.briefmark-Fresh1.tmp"), "").unwrap();
    #[cfg(unix)]
    let held = {
        let held = stale(".p.briefmark.ron.briefmark-Held01.tmp");
        held.try_lock().unwrap();
        held
    };
    let mut changed = project.clone();
    changed.coders.push("Another coder".into());
    project_file::save(&changed, &path).unwrap();
    let mut expected = vec![
        ".p.briefmark.ron.briefmark-Fresh1.tmp",
        ".p.briefmark.ron.briefmark-mine.tmp",
        ".q.briefmark.ron.briefmark-AbC123.tmp",
        "p.briefmark.ron",
        "p.briefmark.ron.bak",
        "p.briefmark.ron.bak.4243.tmp",
        "q.briefmark.ron.bak.4242.tmp",
    ];
    #[cfg(unix)]
    {
        expected.insert(1, ".p.briefmark.ron.briefmark-Held01.tmp");
        drop(held);
    }
    assert_eq!(names_in(dir.path()), expected);
}

/// The example with one passage's range past its document's end.
fn broken_example(dir: &Path) -> PathBuf {
    let mut project = briefmark::assets::example_project();
    project.sort_passages();
    project.passages[0].end = 1_000_000;
    let path = dir.join("broken.briefmark.ron");
    project_file::save(&project, &path).unwrap();
    path
}

#[test]
fn a_project_that_fails_check_is_not_exported_and_its_problems_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let broken = broken_example(dir.path());
    let out = dir.path().join("out.csv");
    let (code, stdout, stderr) = briefmark(&["export", s(&broken), "-f", "csv", "-o", s(&out)]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    let (_, _, check) = briefmark(&["check", s(&broken)]);
    let problem = check.lines().next().unwrap();
    assert!(
        problem.starts_with("problem: passage ")
            && problem
                .ends_with("range 127..1000000 lies outside its document of 13686 characters"),
        "{check}"
    );
    assert_eq!(
        stderr,
        format!(
            "{problem}\nerror: {b}: 1 problem(s) found, so nothing was exported (its positions \
             would not match its quotes); fix them first, `briefmark check {b}` lists them again\n",
            b = broken.display()
        )
    );
    assert!(!out.exists());
    let (code, stdout, _) = briefmark(&["export", s(&broken), "-f", "json", "-o", "-"]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    // The codebook alone holds no passages: still exported.
    let qdc = dir.path().join("book.qdc");
    let (code, _, stderr) = briefmark(&["export", s(&broken), "-f", "qdc", "-o", s(&qdc)]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn the_library_refuses_the_export_with_every_problem() {
    use briefmark::io::export::{self, ExportError, ExportOptions, Format};
    let dir = tempfile::tempdir().unwrap();
    let broken = project_file::load(&broken_example(dir.path())).unwrap();
    let out = dir.path().join("out.md");
    let err = export::export_to(&broken, Format::Md, ExportOptions::default(), &out).unwrap_err();
    let ExportError::Unsound { problems } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(problems, &broken.problems());
    assert_eq!(problems.len(), 1);
    assert!(
        err.to_string().starts_with(&format!(
            "the project has 1 problem(s), the first: {}; nothing was exported.",
            problems[0]
        )),
        "{err}"
    );
    assert!(!out.exists());
}
