//! The analysis, compare, teaching and assignment windows driven headless
//! through egui_kittest, on the example coding.

use crate::common::ui::{coder, harness};
use briefmark::assets;
use briefmark::io::project_file;
use briefmark::model::CodeId;
use briefmark::ui::file_dialog::Purpose;
use briefmark::ui::{Action, Settings, Workbench};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

fn example() -> Workbench {
    Workbench::new(assets::example_project(), None, coder())
}

#[test]
fn the_analysis_window_shows_the_headline_crosstab_and_retrieves_a_cell() {
    let mut h = harness(example());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run_steps(2);
    assert!(h.state().windows.analysis.open);
    // Frequencies: Cause is on 20 passages of the example.
    h.get_by_label("Co-occurrence").click();
    h.run_steps(2);
    assert!(h.query_by_label("Causal role × Level").is_some());
    // Pretext × Bilateral: the 7 pretext passages are all bilateral.
    h.get_by_label_contains("7\n1350 chars").click();
    h.run_steps(2);
    let wb = h.state();
    assert_eq!(
        wb.windows.analysis.query().all,
        [CodeId("pretext".into()), CodeId("bilateral".into())]
    );
    assert!(
        h.query_by_label("7 passage(s), in document order. Click one to go to it.")
            .is_some()
    );
}

#[test]
fn clicking_a_retrieved_passage_selects_and_reveals_it() {
    let mut h = harness(example());
    h.state_mut().perform(Action::ShowAnalysis);
    h.run_steps(2);
    h.get_by_label("Retrieve").click();
    h.run_steps(1);
    h.get_by_label("Pretext").click();
    h.run_steps(2);
    let first = h
        .state()
        .session
        .project()
        .passages_in_order()
        .into_iter()
        .find(|p| p.has_code(&CodeId("pretext".into())))
        .unwrap()
        .clone();
    h.get_by_label_contains(&format!("{}–{}  A few", first.start, first.end))
        .click();
    h.run_steps(3);
    assert_eq!(h.state().session.selected_id().cloned(), Some(first.id));
}

#[test]
fn comparing_with_another_coding_gives_figures_and_a_compare_view() {
    let dir = tempfile::tempdir().unwrap();
    let student = crate::common::student_copy(dir.path());
    let mut h = harness(example());
    h.state_mut().perform(Action::ShowCompare);
    h.state_mut()
        .perform(Action::Chosen(Purpose::Compare, vec![student]));
    crate::common::ui::wait_for_jobs(&mut h);
    // The coders, named in the F1 column's header (and the pairwise table).
    assert!(h.query_by_label("F1 Reference coder vs student").is_some());
    // A row per code with figures (κ of Pretext is below 1: a passage was dropped).
    assert!(h.query_all_by_label("Pretext").count() >= 1);
    h.get_by_label("Show in the document").click();
    h.run_steps(3);
    let overlay = h
        .state()
        .windows
        .compare
        .overlay
        .clone()
        .expect("overlay on");
    assert_eq!(overlay.code, "Pretext");
    assert_eq!(
        (overlay.first.as_str(), overlay.second.as_str()),
        ("Reference coder", "student")
    );
}

#[test]
fn teaching_mode_tables_a_class_and_writes_feedback() {
    let class = tempfile::tempdir().unwrap();
    crate::common::student_copy(class.path());
    let out = tempfile::tempdir().unwrap();
    let mut h = harness(example());
    h.state_mut().perform(Action::ShowTeaching);
    h.state_mut().perform(Action::Chosen(
        Purpose::StudentFolder,
        vec![class.path().to_path_buf()],
    ));
    crate::common::ui::wait_for_jobs(&mut h);
    assert_eq!(h.state().windows.teaching.students.len(), 1);
    h.get_by_label("Feedback").click();
    h.run_steps(2);
    assert!(h.query_by_label("Feedback for student").is_some());
    assert!(
        h.query_all_by_label_contains("A few months after reaching their peak")
            .next()
            .is_some(),
        "the recoded passage is quoted in the feedback shown"
    );
    h.state_mut().perform(Action::Chosen(
        Purpose::FeedbackFolder,
        vec![out.path().to_path_buf()],
    ));
    crate::common::ui::wait_for_jobs(&mut h);
    assert!(
        h.state().status.starts_with("Wrote 1 feedback report(s)"),
        "{}",
        h.state().status
    );
    let md = std::fs::read_to_string(out.path().join("feedback-student.md")).unwrap();
    assert!(
        md.contains("A few months after reaching their peak"),
        "the missed passage is quoted"
    );
}

#[test]
fn an_assignment_is_saved_opened_by_a_student_and_its_codebook_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("assignment.briefmark.ron");
    let mut h = harness(example());
    h.state_mut().perform(Action::MakeAssignment);
    h.run_steps(2);
    h.state_mut().windows.assignment.instructions = "Code the causes of the crisis.".into();
    h.state_mut()
        .perform(Action::Chosen(Purpose::SaveAssignment, vec![path.clone()]));
    h.run_steps(1);
    let saved = project_file::load(&path).unwrap();
    assert!(saved.is_blank_assignment() && saved.codebook_locked());

    // The student opens it: asked for a name, no path (Save asks where).
    let settings = Settings {
        coder: "Teacher".into(),
        ..Default::default()
    };
    let mut s = harness(Workbench::new(saved, Some(path.clone()), settings));
    s.run_steps(2);
    assert!(s.query_by_label("Who is coding?").is_some());
    assert_eq!(s.state().session.path(), None);
    assert!(s.query_by_label("Code the causes of the crisis.").is_some());
    let before = s.state().session.project().codebook.clone();
    s.state_mut()
        .perform(Action::Do(briefmark::session::Intent::DeleteCode {
            id: CodeId("cause".into()),
            confirmed: false,
        }));
    s.run_steps(2);
    assert_eq!(
        s.state().session.project().codebook,
        before,
        "locked: {}",
        s.state().status
    );
}

#[test]
fn agreement_on_a_book_length_text_is_computed_off_the_ui_thread() {
    let [a, b] = briefmark::bench_corpus::agreement_raters();
    let mut h = harness(Workbench::new(a.project, None, coder()));
    h.state_mut()
        .windows
        .compare
        .others
        .push(("ben.briefmark.ron".into(), b));
    h.state_mut().perform(Action::ShowCompare);
    // (A window's first frame only sizes it.)
    h.run_steps(2);
    // The frame that asked for the figures did not compute them: a job does,
    // shown with its progress and a Cancel button.
    assert!(h.state().windows.compare.computing());
    assert!(h.query_by_label_contains("Computing agreement").is_some());
    assert!(h.query_by_label("Cancel").is_some());
    crate::common::ui::wait_for_jobs(&mut h);
    assert!(!h.state().windows.compare.computing());
    assert!(h.query_by_label_contains("Computing agreement").is_none());
    assert!(
        h.query_by_label("Save figures as CSV…").is_some(),
        "figures shown"
    );
}

/// A student who opens the assignment, gives their name and saves without
/// coding hands in a coding of nothing: the Teaching window lists them
/// (the assignment itself, in the same folder, it does not) with recall
/// 0 and F1 0, not n/a.
#[test]
fn a_student_who_coded_nothing_is_in_the_class_table_with_zeros() {
    let class = tempfile::tempdir().unwrap();
    let handout = class.path().join("assignment.briefmark.ron");
    project_file::save(
        &assets::example_project().to_assignment("Code.", true),
        &handout,
    )
    .unwrap();
    // The student: opens it, names themselves, saves their copy at once.
    let settings = Settings {
        coder: "Dana".into(),
        hint_dismissed: true,
        ..Default::default()
    };
    let handed = project_file::load(&handout).unwrap();
    let mut s = harness(Workbench::new(handed, Some(handout.clone()), settings));
    s.get_by_label("Start coding").click();
    s.run_steps(2);
    let copy = class.path().join("dana.briefmark.ron");
    s.state_mut().perform(Action::SavePath(copy.clone()));
    s.run_steps(1);
    let saved = project_file::load(&copy).unwrap();
    assert!(saved.passages.is_empty() && !saved.is_blank_assignment());
    assert_eq!(saved.coders, ["Dana"]);

    let mut h = harness(example());
    h.state_mut().perform(Action::ShowTeaching);
    h.state_mut().perform(Action::Chosen(
        Purpose::StudentFolder,
        vec![class.path().to_path_buf()],
    ));
    crate::common::ui::wait_for_jobs(&mut h);
    h.run_steps(3);
    let names: Vec<&str> = (h.state().windows.teaching.students.iter())
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["dana"], "the assignment itself is nobody's coding");
    // Each row shows κ, α, F1 and recall; the pooled row's κ, F1 and
    // recall are 0.000, and so are the Cause and Pretext rows' F1 and recall.
    let zeros = h.query_all_by_label("0.000").count();
    assert!(zeros >= 7, "{zeros} cells read 0.000");
    assert!(h.query_all_by_label("n/a").count() < zeros);
}
