//! A process killed in the middle of saving leaves a loadable project file:
//! the old version or the new one, never a torn mix.

use std::process::Command;
use std::time::Duration;

use briefmark::io::project_file;

const CHILD: &str = "BRIEFMARK_SAVE_LOOP";

/// In the child process: save a growing project to the same file forever.
/// Ignored: it runs only when the test below starts it.
#[test]
#[ignore = "the child process of killing_a_saving_process_leaves_a_loadable_file"]
fn save_loop_child() {
    let path = std::env::var_os(CHILD).expect("started by the parent test");
    let mut project = briefmark::assets::example_project();
    let template = project.passages[0].clone();
    loop {
        let mut p = template.clone();
        p.id = briefmark::model::PassageId::random();
        project.passages.push(p);
        project_file::save(&project, std::path::Path::new(&path)).expect("save");
    }
}

#[test]
fn killing_a_saving_process_leaves_a_loadable_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.briefmark.ron");
    project_file::save(&briefmark::assets::example_project(), &path).unwrap();
    let mut most = 0;
    for wait in [150, 350, 700] {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "kill_during_save::save_loop_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, &path)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait));
        child.kill().unwrap();
        child.wait().unwrap();
        let project = project_file::load(&path).expect("a complete file after the kill");
        assert!(project.check().is_ok());
        assert!(project.passages.len() >= 44);
        most = most.max(project.passages.len());
    }
    assert!(most > 44, "the child saved at least once before a kill");
}
