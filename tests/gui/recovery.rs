//! Crash recovery end to end: edits, a simulated crash (the session ends
//! without saving), a restart that offers the recovery copy, restore, and an
//! equal project.

use crate::common::ui::harness;

use briefmark::io::project_file;
use briefmark::io::recovery;
use briefmark::model::CodeId;
use briefmark::ui::{Action, Settings, Workbench};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn open(path: &std::path::Path, data: &std::path::Path) -> Workbench {
    let project = project_file::load(path).unwrap();
    let mut wb = Workbench::new(
        project,
        Some(path.to_path_buf()),
        Settings {
            coder: "Ana".into(),
            ..Default::default()
        },
    );
    wb.enable_recovery(data.to_path_buf());
    wb
}

/// Waits (in real time) until the autosave has written the recovery file.
fn wait_for(h: &mut Harness<'static, Workbench>, file: &std::path::Path) {
    let start = std::time::Instant::now();
    while !file.exists() {
        assert!(
            start.elapsed() < recovery::DELAY * 4,
            "no recovery file after {:?}",
            start.elapsed()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
        h.run_steps(1);
    }
}

#[test]
fn edits_survive_a_crash_and_restore_to_an_equal_project() {
    let dir = tempfile::tempdir().unwrap();
    let (path, data) = (dir.path().join("p.briefmark.ron"), dir.path().join("data"));
    project_file::save(&briefmark::assets::example_project(), &path).unwrap();
    let recovery_file = recovery::recovery_path(Some(&path), &data);

    let mut h = harness(open(&path, &data));
    let id = h.state().session.project().passages_in_order()[0]
        .id
        .clone();
    h.state_mut()
        .perform(Action::select(Some(id.clone()), false));
    h.state_mut().perform(Action::code(CodeId("cause".into())));
    h.run_steps(1);
    wait_for(&mut h, &recovery_file);
    let edited = h.state().session.project().clone();
    drop(h); // the crash: nothing saved

    assert_ne!(
        project_file::load(&path).unwrap(),
        edited,
        "the project file was not saved"
    );
    let mut h = harness(open(&path, &data));
    h.get_by_label("Recover unsaved work?");
    h.get_by_label("Restore").click();
    h.run_steps(2);
    assert_eq!(*h.state().session.project(), edited);
    assert!(
        h.state().session.history().is_dirty(),
        "restored work still needs saving"
    );
    assert!(
        h.state()
            .session
            .project()
            .passage(&id)
            .unwrap()
            .has_code(&CodeId("cause".into()))
    );

    h.state_mut().perform(Action::Save);
    crate::common::ui::wait_for_jobs(&mut h);
    assert!(!recovery_file.exists(), "saving removes the recovery file");
    assert_eq!(project_file::load(&path).unwrap(), {
        let mut p = edited.clone();
        p.sort_passages();
        p
    });
}

#[test]
fn discarding_the_recovery_copy_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, data) = (dir.path().join("p.briefmark.ron"), dir.path().join("data"));
    project_file::save(&briefmark::assets::example_project(), &path).unwrap();
    let recovery_file = recovery::recovery_path(Some(&path), &data);
    let mut h = harness(open(&path, &data));
    let id = h.state().session.project().passages[0].id.clone();
    h.state_mut()
        .perform(Action::Do(briefmark::session::Intent::DeletePassage(
            id.clone(),
        )));
    wait_for(&mut h, &recovery_file);
    drop(h);

    let mut h = harness(open(&path, &data));
    h.get_by_label("Discard it").click();
    h.run_steps(2);
    assert!(!recovery_file.exists());
    assert_eq!(
        *h.state().session.project(),
        project_file::load(&path).unwrap()
    );
}

#[test]
fn an_unsaved_project_recovers_from_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut wb = Workbench::with_bundled_brief(Settings {
        coder: "Ana".into(),
        ..Default::default()
    });
    wb.enable_recovery(data.clone());
    let mut h = harness(wb);
    let doc = h.state().session.project().documents[0].clone();
    let mut p = briefmark::model::Passage::new(&doc, 127, 296, "Ana", chrono::Utc::now());
    p.codes.push(CodeId("pretext".into()));
    h.state_mut()
        .perform(Action::edit(briefmark::model::Edit::AddPassage(p), "Code"));
    let file = recovery::recovery_path(None, &data);
    wait_for(&mut h, &file);
    let edited = h.state().session.project().clone();
    drop(h);

    let mut wb = Workbench::with_bundled_brief(Settings {
        coder: "Ana".into(),
        ..Default::default()
    });
    wb.enable_recovery(data);
    let mut h = harness(wb);
    h.get_by_label("Restore").click();
    h.run_steps(2);
    assert_eq!(*h.state().session.project(), edited);
}

/// File → Save writes on the autosaver's worker: the frame that asks does
/// not wait, an edit made meanwhile stays unsaved, and quitting waits for
/// the file.
#[test]
fn saving_is_written_on_the_worker_and_quitting_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, data) = (dir.path().join("p.briefmark.ron"), dir.path().join("data"));
    project_file::save(&briefmark::assets::example_project(), &path).unwrap();
    let mut h = harness(open(&path, &data));
    let ids: Vec<_> = (h.state().session.project().passages_in_order().iter())
        .map(|p| p.id.clone())
        .take(2)
        .collect();
    let code = |h: &mut Harness<'static, Workbench>, id: &briefmark::model::PassageId| {
        h.state_mut()
            .perform(Action::select(Some(id.clone()), false));
        h.state_mut()
            .perform(Action::code(CodeId("regional".into())));
    };
    code(&mut h, &ids[0]);
    let saved = h.state().session.project().clone();
    h.state_mut().perform(Action::Save);
    assert!(
        h.state().busy(),
        "the save is under way, not done in the call"
    );
    assert!(
        h.state().status.starts_with("Saving "),
        "{}",
        h.state().status
    );
    code(&mut h, &ids[1]);
    crate::common::ui::wait_for_jobs(&mut h);
    assert!(
        h.state().status.starts_with("Saved "),
        "{}",
        h.state().status
    );
    let mut sorted = saved.clone();
    sorted.sort_passages();
    assert_eq!(
        project_file::load(&path).unwrap(),
        sorted,
        "as it was asked"
    );
    assert!(
        h.state().session.is_dirty(),
        "the edit made while it was written is not in the file"
    );
    assert!(h.state().title().starts_with("• "));

    h.state_mut().perform(Action::Save);
    h.state_mut().perform(Action::Quit);
    assert!(!h.state().quit, "quitting waits for the file");
    crate::common::ui::wait_for_jobs(&mut h);
    assert!(h.state().quit, "written, clean: the app quits");
    assert!(!h.state().session.is_dirty());
    let mut now = h.state().session.project().clone();
    now.sort_passages();
    assert_eq!(project_file::load(&path).unwrap(), now);
}
