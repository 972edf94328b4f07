//! The region's scripts in the reading pane and the lists (issue 14):
//! characters that draw nothing, line separators.

use crate::common::ui::{coder, drag, harness};

use briefmark::model::markup;
use briefmark::model::{DocumentId, Passage};
use briefmark::ui::Workbench;
use egui_kittest::kittest::Queryable;

/// A paragraph whose second line starts after a LINE SEPARATOR, with a
/// left-to-right mark and a byte-order mark after it.
const TEXT: &str =
    "First line of the paragraph\u{2028}Second line here.\u{200E}\u{FEFF} Then \u{200B} more.";

fn workbench(passages: Vec<Passage>) -> Workbench {
    let mut project = briefmark::assets::default_project();
    let doc = markup::parse(DocumentId("scripts".into()), TEXT).document;
    project.passages = passages.into();
    project.documents = vec![doc];
    Workbench::new(project, None, coder())
}

fn offset_of(needle: &str) -> usize {
    TEXT[..TEXT.find(needle).expect("in the text")]
        .chars()
        .count()
}

#[test]
fn a_line_separator_breaks_the_line_and_offsets_stay_exact() {
    let mut h = harness(workbench(Vec::new()));
    h.run_steps(3);
    let doc = h.state().session.project().documents[0].clone();
    let pos = |o: usize| h.state().view.char_pos(&doc, o).expect("laid out");
    let (first, second) = (pos(0), pos(offset_of("Second")));
    assert!((second.x - first.x).abs() < 1.0, "{first:?} {second:?}");
    assert!(
        second.y > first.y + 10.0,
        "a line lower: {first:?} {second:?}"
    );
    // A drag over "Second" selects exactly its code points.
    let start = offset_of("Second");
    let end = start + "Second".len();
    let (from, to) = (pos(start), pos(end));
    drag(
        &mut h,
        from + egui::vec2(1.0, 8.0),
        to + egui::vec2(1.0, 8.0),
    );
    assert_eq!(h.state().session.selected_range(), Some(start..end));
}

#[test]
fn a_passage_of_invisible_characters_is_marked_in_the_list() {
    let doc = markup::parse(DocumentId("scripts".into()), TEXT).document;
    let at = offset_of("\u{200B}");
    let mut p = Passage::new(&doc, at, at + 1, "x", chrono::Utc::now());
    p.codes.push(briefmark::model::CodeId("pretext".into()));
    let mut h = harness(workbench(vec![p]));
    h.run_steps(3);
    let row = format!("{at}  [invisible: U+200B]");
    assert!(h.query_by_label(&row).is_some(), "a row named {row}");
}
