//! `Edit::between` on real imports and a real revision: applied to the
//! project before, it gives the project after exactly, and its inverse
//! gives the project before back exactly.

use std::path::PathBuf;

use briefmark::io::{import_files, project_file};
use briefmark::model::{ConflictPolicy, Edit, History, Project};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn path(rel: &str) -> PathBuf {
    PathBuf::from(ROOT).join(rel)
}

/// Both ways exact, compared as saved text too; not a whole copy.
fn exact_both_ways(old: &Project, new: &Project) {
    let edit = Edit::between(old, new);
    assert!(!matches!(edit, Edit::ReplaceProject(_)), "compact");
    let mut p = old.clone();
    let mut history = History::default();
    history
        .apply(&mut p, edit, "Import", None)
        .expect("applies");
    assert_eq!(p, *new);
    assert_eq!(project_file::to_string(&p), project_file::to_string(new));
    history.undo(&mut p).expect("undoes");
    assert_eq!(p, *old);
    history.redo(&mut p).expect("redoes");
    assert_eq!(p, *new);
}

fn import(into: &Project, files: &[&str]) -> Project {
    let paths: Vec<PathBuf> = files.iter().map(|f| path(f)).collect();
    import_files::import_paths(&paths, into.clone(), ConflictPolicy::KeepOurs)
        .expect("imports")
        .project
}

#[test]
fn imports_of_a_brief_a_qdpx_and_a_project_are_exact_both_ways() {
    let start = Project::new(Vec::new(), briefmark::assets::default_codebook());
    let steps: [&[&str]; 3] = [
        &["assets/azerbaijan-russia-brief.txt"],
        &["tests/fixtures/qualcoder/qualcoder-default.qdpx"],
        &["assets/examples/azerbaijan-russia-brief.example.briefmark.ron"],
    ];
    let mut old = start;
    for files in steps {
        let new = import(&old, files);
        assert_ne!(new, old, "{files:?} changed something");
        exact_both_ways(&old, &new);
        old = new;
    }
}

#[test]
fn a_revision_with_orphans_is_exact_both_ways() {
    let old = briefmark::assets::example_project();
    let mut new = old.clone();
    let id = new.documents[0].id().clone();
    let revised = import_files::read_document(&path("tests/fixtures/reanchor/revised-brief.txt"))
        .expect("reads");
    let report = new.revise_document(&id, revised.document).expect("revises");
    assert!(report.orphans > 0, "some passages lose their text");
    exact_both_ways(&old, &new);
}
