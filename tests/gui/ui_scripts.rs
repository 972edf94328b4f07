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

/// One paragraph per script, and one mixing English and Persian.
const SCRIPTS: &str = "Scripts\n\n\
Հայաստանի վարչապետ Նիկոլ Փաշինյանը հայտարարեց։\n\n\
ნინო ბერიძე, თბილისის უნივერსიტეტის მკვლევარი.\n\n\
پژوهشگران در تهران می‌گویند که ایران گذرگاه را «خط قرمز» می‌داند.\n\n\
מומחים בירושלים עוקבים אחר היחסים בין ישראל.\n\n\
In Yerevan, officials said that ایران سیاست خارجی sees the corridor as a red line since 2021.\n";

fn scripts_workbench(passages: Vec<Passage>) -> Workbench {
    let mut project = briefmark::assets::default_project();
    let doc = markup::parse(DocumentId("scripts".into()), SCRIPTS).document;
    project.passages = passages.into();
    project.documents = vec![doc];
    Workbench::new(project, None, coder())
}

/// Code points of the `n`-th occurrence of `word` in the document's text.
fn range_of(doc: &briefmark::model::Document, word: &str) -> std::ops::Range<usize> {
    let text = doc.text();
    let at = text.find(word).expect("in the document");
    let start = text[..at].chars().count();
    start..start + word.chars().count()
}

#[test]
fn a_drag_over_a_word_selects_its_code_points_in_every_script() {
    let mut h = harness(scripts_workbench(Vec::new()));
    h.run_steps(3);
    let doc = h.state().session.project().documents[0].clone();
    let words = [
        ("Փաշինյանը", false),
        ("ბერიძე", false),
        ("تهران", true),
        ("ایران", true),
        ("ירושלים", true),
        ("سیاست", true),
        ("officials", false),
    ];
    for (word, rtl) in words {
        let range = range_of(&doc, word);
        let pos = |o: usize| h.state().view.char_pos(&doc, o).expect("laid out");
        // Inside the first character near where it starts, inside the last
        // near where it ends (right to left: their right and left edges).
        let near = |o: usize, to: usize| pos(o).lerp(pos(to), 0.2) + egui::vec2(0.0, 8.0);
        let (first, last) = (
            near(range.start, range.start + 1),
            near(range.end, range.end - 1),
        );
        // Right to left, the first character is right of the last.
        assert_eq!(first.x > last.x, rtl, "{word}: {first:?} {last:?}");
        drag(&mut h, first, last);
        assert_eq!(
            h.state().session.selected_range(),
            Some(range.clone()),
            "{word}"
        );
        // Python's text[start:end] is the word.
        let quote: String = (doc.text().chars())
            .skip(range.start)
            .take(range.len())
            .collect();
        assert_eq!(quote, word);
    }
}

#[test]
fn a_persian_paragraph_is_aligned_right() {
    let mut h = harness(scripts_workbench(Vec::new()));
    h.run_steps(3);
    let doc = h.state().session.project().documents[0].clone();
    let pos = |o: usize| h.state().view.char_pos(&doc, o).expect("laid out");
    let persian = range_of(&doc, "پژوهشگران");
    let english = range_of(&doc, "In Yerevan");
    // The Persian paragraph starts at the right end of the column, where
    // the English one ends its first line.
    let (p, e) = (pos(persian.start), pos(english.start));
    assert!(p.x > e.x + 300.0, "{p:?} {e:?}");
}

#[test]
fn a_passage_across_a_change_of_direction_paints_as_two_rectangles() {
    let doc = markup::parse(DocumentId("scripts".into()), SCRIPTS).document;
    // "that ایران": English, then the first Persian word, which is painted
    // at the far (right) end of the Persian run "ایران سیاست خارجی".
    let range = range_of(&doc, "that ایران");
    let mut p = Passage::new(&doc, range.start, range.end, "x", chrono::Utc::now());
    p.codes.push(briefmark::model::CodeId("pretext".into()));
    let mut h = harness(scripts_workbench(vec![p]));
    h.run_steps(3);
    let rects = h.state().view.range_rects(&doc, range.clone());
    assert_eq!(rects.len(), 2, "{rects:?}");
    // "سیاست خارجی" lies between them, uncovered.
    let between = h
        .state()
        .view
        .range_rects(&doc, range_of(&doc, "سیاست خارجی"));
    assert_eq!(between.len(), 1);
    assert!(
        rects[0].max.x <= between[0].min.x + 0.5,
        "{rects:?} {between:?}"
    );
    assert!(
        between[0].max.x <= rects[1].min.x + 0.5,
        "{rects:?} {between:?}"
    );
}

#[test]
fn a_persian_memo_reads_in_order_and_opens_for_editing_on_a_click() {
    let doc = markup::parse(DocumentId("scripts".into()), SCRIPTS).document;
    let range = range_of(&doc, "تهران");
    let mut p = Passage::new(&doc, range.start, range.end, "x", chrono::Utc::now());
    p.codes.push(briefmark::model::CodeId("pretext".into()));
    p.memo = "بهانه است".into();
    let id = p.id.clone();
    let mut h = harness(scripts_workbench(vec![p]));
    h.state_mut()
        .perform(briefmark::ui::Action::select(Some(id.clone()), false));
    h.run_steps(3);
    // Shown read-only, in reading order (no text field yet).
    assert!(
        h.query_by_role(egui::accesskit::Role::MultilineTextInput)
            .is_none()
    );
    h.get_by_label("بهانه است").click();
    h.run_steps(3);
    // Now the field, with the focus: typing goes into the memo.
    let memo_id = briefmark::ui::inspector::memo_id();
    assert!(
        h.ctx.memory(|m| m.has_focus(memo_id)),
        "the field has the focus"
    );
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text(" نیست");
    h.run_steps(2);
    let memo = &h.state().session.project().passage(&id).expect("kept").memo;
    assert!(memo.contains("نیست"), "{memo}");
}
