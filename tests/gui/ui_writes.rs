//! The GUI writes only where the user meant: an export, a table or an
//! assignment is never written over the project it came from (the same
//! file by identity, whatever its name), as the command line refuses it.

use crate::common::ui::{coder, harness, wait_for_jobs};
use briefmark::io::project_file;
use briefmark::ui::{Action, Workbench};

#[test]
fn an_export_over_the_open_project_is_refused_under_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.briefmark.ron");
    let project = briefmark::assets::example_project();
    project_file::save(&project, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let other_name = dir.path().join("same-file.csv");
    std::fs::hard_link(&path, &other_name).unwrap();
    let mut h = harness(Workbench::new(project, Some(path.clone()), coder()));
    for out in [&path, &other_name] {
        h.state_mut().perform(Action::ExportTo(out.clone()));
        wait_for_jobs(&mut h);
        let status = &h.state().status;
        assert!(
            status.starts_with("Not exported: ") && status.contains("is the input"),
            "{status}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the project is untouched"
        );
    }
    // Elsewhere, it is written.
    let csv = dir.path().join("p.csv");
    h.state_mut().perform(Action::ExportTo(csv.clone()));
    wait_for_jobs(&mut h);
    assert!(
        h.state().status.starts_with("Exported"),
        "{}",
        h.state().status
    );
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("document,")
    );
}
