//! The Compare and Teaching windows with more than two coders, rendered
//! feedback, and their file work as jobs, driven through real clicks.

use std::path::Path;

use crate::common::ui::{coder, harness, wait_for_jobs};
use briefmark::analysis::agreement::{self, ALL_CODES, Options, Rater};
use briefmark::io::project_file;
use briefmark::model::document::DocumentRepr;
use briefmark::model::{
    Block, BlockKind, Code, CodeId, Codebook, Dimension, DimensionId, Document, DocumentId,
    Passage, Project, Rgb,
};
use briefmark::ui::compare_window::PAIRS_CORNER;
use briefmark::ui::file_dialog::Purpose;
use briefmark::ui::{Action, Workbench};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};

const TEXT_LEN: usize = 80;

fn document() -> Document {
    Document::new(DocumentRepr {
        info: Default::default(),
        id: DocumentId("d".into()),
        title: "Lesson".into(),
        text: "x".repeat(TEXT_LEN),
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: TEXT_LEN,
        }],
        spans: vec![],
    })
    .expect("valid document")
}

fn code(name: &str) -> Code {
    Code::named(CodeId(name.to_lowercase()), name, Rgb(0, 0, 0))
}

/// One document, codes X and Y, and `coded`: (coder, start, end, code, memo).
fn project(coded: &[(&str, usize, usize, &str, &str)]) -> Project {
    let doc = document();
    let codebook = Codebook {
        dimensions: vec![Dimension {
            id: DimensionId("topics".into()),
            name: "Topics".into(),
            description: String::new(),
            exclusive: false,
            codes: vec![code("X"), code("Y")],
        }],
    };
    let mut p = Project::new(vec![doc.clone()], codebook);
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .expect("time")
        .to_utc();
    for &(who, start, end, c, memo) in coded {
        let mut passage = Passage::new(&doc, start, end, who, now);
        passage.codes = vec![CodeId(c.to_lowercase())];
        passage.memo = memo.into();
        p.passages.push(passage);
        if !p.coders.iter().any(|n| n == who) {
            p.coders.push(who.into());
        }
    }
    p
}

/// Ana, Ben and Cy in one project. X: Ana 0..10 and 20..30, Ben 0..9 and
/// 40..50, Cy 20..30; Y: Ana and Ben 60..70, Cy none.
fn three_coders() -> Project {
    project(&[
        ("Ana", 0, 10, "X", ""),
        ("Ana", 20, 30, "X", ""),
        ("Ana", 60, 70, "Y", ""),
        ("Ben", 0, 9, "X", ""),
        ("Ben", 40, 50, "X", ""),
        ("Ben", 60, 70, "Y", ""),
        ("Cy", 20, 30, "X", ""),
    ])
}

/// The texts of the labels whose left edge is at `x` and whose middle is
/// at `y` (a grid cell).
fn texts_at(h: &Harness<'static, Workbench>, x: f32, y: f32) -> Vec<String> {
    let found = h.query_all(By::new().predicate(move |n| {
        n.role() == Role::Label
            && n.bounding_box().is_some_and(|b| {
                let (min_x, mid_y) = (b.x0 as f32, (b.y0 + b.y1) as f32 / 2.0);
                (min_x - x).abs() < 1.0 && (mid_y - y).abs() < 2.0
            })
    }));
    found.filter_map(|n| n.value()).collect()
}

/// The text of the cell in the column headed `column` and the row whose
/// first cell reads `row`, as laid out on screen.
fn cell(h: &Harness<'static, Workbench>, column: &str, first_column: &str, row: &str) -> String {
    let x = h.get_by_label(column).rect().min.x;
    let row_x = h.get_by_label(first_column).rect().min.x;
    let y = (h.query_all_by_label(row))
        .map(|n| n.rect())
        .find(|r| (r.min.x - row_x).abs() < 1.0)
        .unwrap_or_else(|| panic!("no row {row}"))
        .center()
        .y;
    let labels = texts_at(h, x, y);
    assert_eq!(labels.len(), 1, "cell ({column}, {row}): {labels:?}");
    labels[0].clone()
}

/// Picks `option` in the combo box now showing `showing`, by clicks.
fn choose(h: &mut Harness<'static, Workbench>, showing: &str, nth: usize, option: &str) {
    let combos: Vec<_> = (h.query_all_by_role(Role::ComboBox))
        .filter(|n| n.value().as_deref() == Some(showing))
        .collect();
    combos[nth].click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, option).click();
    h.run_steps(3);
}

/// F1, X, Ana against Ben: 2 and 2 passages, 0..10 matches 0..9 (overlap
/// 9 of 10), 20..30 and 40..50 nothing: 2·1/(2+2) = 0.500; Y: 60..70 each,
/// 1.000. Against Cy: X 2 and 1, 20..30 matched: 2·1/(2+1) = 0.667; Y: 1
/// and 0, 0.000.
#[test]
fn the_f1_column_names_its_pair_and_follows_the_vs_choice() {
    let mut h = harness(Workbench::new(three_coders(), None, coder()));
    h.state_mut().perform(Action::ShowCompare);
    h.run_steps(4);
    let header = "F1 Ana vs Ben";
    assert_eq!(cell(&h, header, "Code", "X"), "0.500");
    assert_eq!(cell(&h, header, "Code", "Y"), "1.000");
    // The one combo box showing "Ben": the compare view's second coder.
    choose(&mut h, "Ben", 0, "Cy");
    assert!(h.query_by_label(header).is_none(), "the old header is gone");
    let header = "F1 Ana vs Cy";
    assert_eq!(cell(&h, header, "Code", "X"), "0.667");
    assert_eq!(cell(&h, header, "Code", "Y"), "0.000");
}

/// The pairwise table, all codes pooled, checked against `agree` on each
/// pair alone (the tested two-coder kappa), and saved as the CSV
/// `pairwise_csv` writes.
#[test]
fn a_pairwise_kappa_table_is_shown_and_saved() {
    let project = three_coders();
    let raters = agreement::split_by_coder(&project);
    let mut h = harness(Workbench::new(project, None, coder()));
    h.state_mut().perform(Action::ShowCompare);
    h.run_steps(4);
    // Row Ben, column Cy of the coders × coders table.
    let pair = agreement::agree(&[raters[1].clone(), raters[2].clone()], &Options::default())
        .expect("Ben and Cy");
    let want = format!("{:.3}", pair.overall.all_text.kappa.value.expect("defined"));
    let corner = h.get_by_label(PAIRS_CORNER).rect();
    let column_x = (h.query_all_by_label("Cy"))
        .map(|n| n.rect())
        .find(|r| (r.center().y - corner.center().y).abs() < 2.0)
        .expect("a Cy column")
        .min
        .x;
    let row_y = (h.query_all_by_label("Ben"))
        .map(|n| n.rect())
        .find(|r| (r.min.x - corner.min.x).abs() < 1.0 && r.min.y > corner.max.y)
        .expect("a Ben row")
        .center()
        .y;
    assert_eq!(
        texts_at(&h, column_x, row_y),
        [want],
        "κ Ben–Cy, all codes pooled"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("pairs.csv");
    h.get_by_label("Save pairwise κ as CSV…").click_accesskit();
    h.run_steps(2);
    h.state_mut()
        .perform(Action::Chosen(Purpose::SaveTable, vec![out.clone()]));
    let saved = std::fs::read_to_string(&out).expect("saved");
    let pairs = agreement::pairwise(&raters, &Options::default()).expect("pairs");
    assert_eq!(saved, agreement::pairwise_csv(&pairs));
    assert!(saved.contains(&format!("\n{ALL_CODES},Ben,Cy,")));
}

/// A class folder with one student and one unreadable file.
fn class(dir: &Path) {
    let ben = project(&[("Ben", 0, 9, "X", ""), ("Ben", 40, 50, "Y", "")]);
    project_file::save(&ben, &dir.join("ben.briefmark.ron")).expect("save");
    std::fs::write(dir.join("broken.briefmark.ron"), "(not a project").expect("write");
}

/// The reference: the open project, Ana's. X 0..10 (memo), Y 60..70.
fn reference() -> Project {
    project(&[
        ("Ana", 0, 10, "X", "Here the *cause* is named."),
        ("Ana", 60, 70, "Y", "A pretext, said plainly."),
    ])
}

/// The Teaching window on the reference, asked to read the class in `dir`.
fn teaching_on_a_class(dir: &std::path::Path) -> Harness<'static, Workbench> {
    class(dir);
    let mut h = harness(Workbench::new(reference(), None, coder()));
    h.state_mut().perform(Action::ShowTeaching);
    h.state_mut().perform(Action::Chosen(
        Purpose::StudentFolder,
        vec![dir.to_path_buf()],
    ));
    h
}

#[test]
fn the_class_is_read_as_a_job_and_a_broken_file_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = teaching_on_a_class(dir.path());
    // Nothing was read on the UI thread: a job reads the folder.
    assert!(h.state().busy());
    assert!(h.state().windows.teaching.students.is_empty());
    wait_for_jobs(&mut h);
    let names: Vec<&str> = (h.state().windows.teaching.students.iter())
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["ben"], "the readable coding is taken");
    let errors = h.state().windows.teaching.errors.clone();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("broken.briefmark.ron"), "{errors:?}");
    assert!(
        h.query_by_label(&errors[0]).is_some(),
        "shown in the window"
    );
    // A folder that cannot be read keeps the class shown.
    h.state_mut().perform(Action::Chosen(
        Purpose::StudentFolder,
        vec![dir.path().join("missing")],
    ));
    wait_for_jobs(&mut h);
    assert_eq!(h.state().windows.teaching.students.len(), 1);
    assert!(
        h.query_by_label_contains("the class shown is unchanged")
            .is_some()
    );
}

/// The feedback panel renders the Markdown (a heading, list items, an
/// emphasised memo label, no raw `#` or `*`), names the reference coder,
/// and holds the student's κ, α and F1 as the class table shows them.
/// Written reports are a job too.
#[test]
fn feedback_is_rendered_with_the_figures_and_the_references_memos() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = teaching_on_a_class(dir.path());
    wait_for_jobs(&mut h);
    h.get_by_label("Feedback").click();
    h.run_steps(3);
    let any =
        |h: &Harness<'static, Workbench>, label: &str| h.query_all_by_label(label).next().is_some();
    let any_with = |h: &Harness<'static, Workbench>, part: &str| {
        h.query_all_by_label_contains(part).next().is_some()
    };
    assert!(any(&h, "Coding feedback for ben"), "a heading");
    assert!(any(&h, "Missed passages"));
    assert!(!any_with(&h, "# "), "no raw Markdown");
    assert!(!any_with(&h, "*Reference memo"));
    assert!(
        h.query_by_label_contains("Compared with the reference coding by Ana.")
            .is_some()
    );
    // Ana's memo on the missed Y passage 60..70 (Ben's 0..9 X matches
    // Ana's 0..10 X, so that memo is not repeated; Ben's 40..50 is extra).
    assert!(any(&h, "Reference memo:"), "emphasised, a run of its own");
    assert!(
        h.query_by_label_contains("A pretext, said plainly.")
            .is_some()
    );
    // κ, α and F1 pooled: those of the two-coder report, as the table has them.
    let ana = Rater::new("Ana", reference());
    let ben = project_file::load(&dir.path().join("ben.briefmark.ron")).expect("ben");
    let options = Options {
        reference: Some("Ana".into()),
        ..Options::default()
    };
    let pair = agreement::agree(&[ana, Rater::new("ben", ben)], &options).expect("pair");
    let three = |e: agreement::Estimate| format!("{:.3}", e.value.expect("defined"));
    for (what, value) in [
        ("Cohen's kappa", three(pair.overall.all_text.kappa)),
        ("Krippendorff's alpha", three(pair.overall.all_text.alpha)),
        ("F1 (passages", three(pair.passages[0].overall.f1)),
    ] {
        let line = h
            .query_all_by_label_contains(what)
            .filter_map(|n| n.value())
            .find(|l| l.ends_with(&value));
        assert!(line.is_some(), "{what} {value} in the feedback");
        assert!(any(&h, &value), "{value} in the class table");
    }
    // F1 pooled by hand: Ben 2 passages, Ana 2, X matched (9 of 10), Y
    // not: 2·1/(2+2) = 0.500.
    assert_eq!(three(pair.passages[0].overall.f1), "0.500");

    let out = dir.path().join("feedback");
    h.state_mut()
        .perform(Action::Chosen(Purpose::FeedbackFolder, vec![out.clone()]));
    assert!(h.state().busy(), "written by a job");
    wait_for_jobs(&mut h);
    assert!(
        h.state().status.starts_with("Wrote 1 feedback report(s)"),
        "{}",
        h.state().status
    );
    let md = std::fs::read_to_string(out.join("feedback-ben.md")).expect("written");
    assert!(
        md.contains("*Reference memo:* A pretext, said plainly."),
        "{md}"
    );
    assert!(md.contains("Compared with the reference coding by Ana."));
}

#[test]
fn compare_reads_codings_as_a_job_and_names_a_broken_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    class(dir.path());
    let mut h = harness(Workbench::new(reference(), None, coder()));
    h.state_mut().perform(Action::ShowCompare);
    h.run_steps(2);
    let files = vec![
        dir.path().join("ben.briefmark.ron"),
        dir.path().join("broken.briefmark.ron"),
    ];
    h.state_mut()
        .perform(Action::Chosen(Purpose::Compare, files));
    assert!(h.state().windows.compare.computing(), "read by a job");
    assert!(h.state().windows.compare.others.is_empty());
    wait_for_jobs(&mut h);
    let compare = &h.state().windows.compare;
    assert_eq!(compare.others.len(), 1, "the readable coding joined");
    assert_eq!(compare.errors.len(), 1, "{:?}", compare.errors);
    assert!(compare.errors[0].contains("broken.briefmark.ron"));
    assert!(h.query_by_label("F1 Ana vs ben").is_some());
}
