//! Finding and keyboard-only coding, driven headless through egui_kittest:
//! Ctrl+F and the find bar, coding all hits, sentence and paragraph moves,
//! passage jumps.

use crate::common::ui::{coder, harness};

use briefmark::model::{CodeId, Passage};
use briefmark::ui::Workbench;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const SENTENCE: &str = "It could therefore be argued that the downing of the Azerbaijani aircraft was not the real cause but a pretext for relations to deteriorate.";
const NEXT: &str = "The causes may lie elsewhere.";

/// Code-point ranges of every occurrence of `needle` in the shown document.
fn occurrences(wb: &Workbench, needle: &str) -> Vec<std::ops::Range<usize>> {
    let text = wb.session.project().documents[0].text();
    text.match_indices(needle)
        .map(|(byte, _)| {
            let start = text[..byte].chars().count();
            start..start + needle.chars().count()
        })
        .collect()
}

fn range_of(wb: &Workbench, needle: &str) -> std::ops::Range<usize> {
    occurrences(wb, needle).remove(0)
}

/// Opens the find bar and types a query into its field.
fn find(h: &mut Harness<'static, Workbench>, query: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.event(egui::Event::Text(query.into()));
    h.run_steps(3);
}

fn selected(h: &Harness<'static, Workbench>) -> Option<std::ops::Range<usize>> {
    h.state().session.selected_range()
}

#[test]
fn ctrl_f_typing_and_enter_step_through_the_hits() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    find(&mut h, "Moscow");
    let hits = occurrences(h.state(), "Moscow");
    assert!(hits.len() > 5);
    assert_eq!(
        selected(&h),
        Some(hits[0].clone()),
        "typing shows the first hit"
    );
    h.get_by_label_contains(&format!("1 of {} in this document", hits.len()));

    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(
        selected(&h),
        Some(hits[1].clone()),
        "Enter goes to the second"
    );
    h.get_by_label_contains(&format!("2 of {} in this document", hits.len()));

    // The field keeps its focus, so Enter goes on; Shift+Enter and F3 too.
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(selected(&h), Some(hits[2].clone()));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run_steps(2);
    assert_eq!(selected(&h), Some(hits[1].clone()));
    h.key_press(Key::F3);
    h.run_steps(2);
    assert_eq!(selected(&h), Some(hits[2].clone()));

    // Shift+F3 from the first hit goes round to the last.
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run_steps(2);
    assert_eq!(selected(&h), hits.last().cloned());

    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().find.open, "Esc closes the bar");
    assert!(h.query_by_label_contains("in this document").is_none());
}

#[test]
fn whole_word_and_case_options_narrow_the_hits() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    find(&mut h, "russia");
    let all = h.state().find.hits().total();
    assert_eq!(all, occurrences(h.state(), "Russia").len());
    h.get_by_label("Word").click();
    h.run_steps(2);
    let words = h.state().find.hits().total();
    assert!(
        words < all,
        "Russian and Russia's… are fewer: {words} of {all}"
    );
    h.get_by_label("Aa").click();
    h.run_steps(2);
    assert_eq!(h.state().find.hits().total(), 0, "no lower-case russia");
}

#[test]
fn coding_all_hits_is_one_undo_step() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    find(&mut h, "Nakhijevan");
    let hits = occurrences(h.state(), "Nakhijevan");
    assert_eq!(hits.len(), 3);
    h.get_by_role(egui::accesskit::Role::ComboBox).click();
    h.run_steps(2);
    h.get_by_label("Regional").click();
    h.run_steps(2);
    h.get_by_label("Code all 3 hit(s)").click();
    h.run_steps(2);
    let wb = h.state();
    assert_eq!(wb.session.project().passages.len(), 3, "{}", wb.status);
    for (p, hit) in wb.session.project().passages_in_order().iter().zip(&hits) {
        assert_eq!(p.start..p.end, hit.clone());
        assert_eq!(p.quote, "Nakhijevan");
        assert_eq!(p.codes, [CodeId("regional".into())]);
    }

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        h.state().session.project().passages.is_empty(),
        "one undo takes all three back: {}",
        h.state().status
    );
}

#[test]
fn ticked_hits_alone_are_coded_and_a_passage_on_a_hit_gains_the_code() {
    let mut project = briefmark::assets::default_project();
    let doc = project.documents[0].clone();
    let hits = {
        let wb = Workbench::new(project.clone(), None, coder());
        occurrences(&wb, "Nakhijevan")
    };
    // The third hit already is a passage, coded Bilateral (a rival of Regional).
    let mut p = Passage::new(&doc, hits[2].start, hits[2].end, "x", chrono::Utc::now());
    p.codes.push(CodeId("bilateral".into()));
    let existing = p.id.clone();
    project.passages.push(p);
    let mut h = harness(Workbench::new(project, None, coder()));
    find(&mut h, "Nakhijevan");
    h.state_mut().find.code = Some(CodeId("regional".into()));
    h.run_steps(1);
    let boxes = h.get_all_by_role(egui::accesskit::Role::CheckBox).count();
    assert_eq!(boxes, 3);
    for i in [0, 2] {
        h.get_all_by_role(egui::accesskit::Role::CheckBox)
            .nth(i)
            .expect("a tick box")
            .click();
        h.run_steps(2);
    }
    h.get_by_label("Code ticked 2 hit(s)").click();
    h.run_steps(2);
    let wb = h.state();
    assert_eq!(
        wb.session.project().passages.len(),
        2,
        "one new, one existing"
    );
    let new = wb
        .session
        .project()
        .passages
        .iter()
        .find(|p| p.id != existing)
        .unwrap();
    assert_eq!(new.start..new.end, hits[0]);
    let old = wb.session.project().passage(&existing).unwrap();
    assert_eq!(
        old.codes,
        [CodeId("regional".into())],
        "the exclusive rival made way"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let wb = h.state();
    assert_eq!(wb.session.project().passages.len(), 1);
    assert_eq!(
        wb.session.project().passage(&existing).unwrap().codes,
        [CodeId("bilateral".into())]
    );
}

#[test]
fn a_bad_regex_shows_its_error() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_label(".*").click();
    h.run_steps(2);
    // The field has its focus back after the click on an option.
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text("(Baku|Moscow");
    h.run_steps(2);
    h.get_by_label_contains("Not a valid regular expression");
    assert_eq!(h.state().find.hits().total(), 0);
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text(")");
    h.run_steps(2);
    assert!(h.query_by_label_contains("Not a valid").is_none());
    assert!(h.state().find.hits().total() > 20);
}

/// Clicks at a character of the brief, leaving a caret there.
fn click_at(h: &mut Harness<'static, Workbench>, offset: usize) {
    h.state_mut().view.scroll_to = Some(offset);
    h.run_steps(3);
    let doc = h.state().session.project().documents[0].clone();
    let at = h.state().view.char_pos(&doc, offset).expect("laid out") + vec2(1.0, 8.0);
    h.hover_at(at);
    h.run_steps(1);
    h.drag_at(at);
    h.run_steps(1);
    h.drop_at(at);
    h.run_steps(2);
}

#[test]
fn alt_arrows_select_sentences_and_paragraphs() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    let sentence = range_of(h.state(), SENTENCE);
    let next = range_of(h.state(), NEXT);
    click_at(&mut h, sentence.start + 10);

    let press = |h: &mut Harness<'static, Workbench>, mods: Modifiers, key: Key| {
        h.key_press_modifiers(mods, key);
        h.run_steps(2);
        selected(h)
    };
    assert_eq!(
        press(&mut h, Modifiers::ALT, Key::ArrowRight),
        Some(sentence.clone()),
        "a caret selects its sentence"
    );
    assert_eq!(
        press(&mut h, Modifiers::ALT, Key::ArrowRight),
        Some(next.clone())
    );
    assert_eq!(
        press(&mut h, Modifiers::ALT, Key::ArrowLeft),
        Some(sentence.clone())
    );
    let grow = Modifiers::ALT | Modifiers::SHIFT;
    assert_eq!(
        press(&mut h, grow, Key::ArrowRight),
        Some(sentence.start..next.end)
    );
    // The next paragraph is the heading after it.
    let heading = range_of(
        h.state(),
        "Possible causes of the crisis: A weakened Russia and uncomfortable interdependencies",
    );
    assert_eq!(
        press(&mut h, Modifiers::ALT, Key::ArrowDown),
        Some(heading.clone())
    );
    let doc = h.state().session.project().documents[0].clone();
    let para = doc.blocks()[doc.block_at(sentence.start).unwrap()];
    assert_eq!(
        press(&mut h, Modifiers::ALT, Key::ArrowUp),
        Some(para.start..para.end)
    );

    // The selection codes with a number key, as a dragged one does.
    h.key_press(Key::Num2);
    h.run_steps(2);
    let p = &h.state().session.project().passages[0];
    assert_eq!((p.start, p.end), (para.start, para.end));
}

#[test]
fn n_and_p_jump_between_passages_and_u_finds_an_uncoded_paragraph() {
    let project = briefmark::assets::example_project();
    let mut h = harness(Workbench::new(project, None, coder()));
    let order: Vec<_> = (h.state().session.project().passages_in_order().iter())
        .map(|p| (p.id.clone(), p.start, p.end))
        .collect();
    assert!(order.len() > 2);

    h.key_press(Key::N);
    h.run_steps(2);
    assert_eq!(
        h.state().session.selected_id().cloned(),
        Some(order[0].0.clone())
    );
    h.key_press(Key::N);
    h.run_steps(2);
    assert_eq!(
        h.state().session.selected_id().cloned(),
        Some(order[1].0.clone())
    );
    h.key_press(Key::P);
    h.run_steps(2);
    assert_eq!(
        h.state().session.selected_id().cloned(),
        Some(order[0].0.clone())
    );

    h.key_press(Key::U);
    h.run_steps(2);
    let wb = h.state();
    let doc = &wb.session.project().documents[0];
    let expected = doc
        .blocks()
        .iter()
        .find(|b| {
            b.kind == briefmark::model::BlockKind::Paragraph
                && b.start >= order[0].2
                && !wb
                    .session
                    .project()
                    .passages
                    .iter()
                    .any(|p| p.overlaps(b.start, b.end))
        })
        .expect("an uncoded paragraph in the example");
    assert_eq!(selected(&h), Some(expected.start..expected.end));
    assert_eq!(
        h.state().session.selected_id().cloned(),
        None,
        "the text selection replaces the passage"
    );
}

#[test]
fn corpus_hits_are_listed_and_a_click_switches_document() {
    use briefmark::model::{DocumentId, markup};
    let mut project = briefmark::assets::default_project();
    let second = "A second brief\n\nTalks in Nakhijevan went on.\n\nNakhijevan again, and “Nakhijevan” once more.";
    project
        .documents
        .push(markup::parse(DocumentId("second".into()), second).document);
    let mut h = harness(Workbench::new(project, None, coder()));
    find(&mut h, "Nakhijevan");
    h.get_by_label_contains("1 of 3 in this document; 6 in the corpus");

    // Past the last hit of the brief, F3 goes on into the second document.
    for _ in 0..3 {
        h.key_press(Key::F3);
        h.run_steps(2);
    }
    assert_eq!(h.state().shown_position(), 1);
    let doc = h.state().session.project().documents[1].clone();
    let first = doc
        .text()
        .find("Nakhijevan")
        .map(|b| doc.char_of(b))
        .unwrap();
    assert_eq!(selected(&h), Some(first..first + 10));
    h.get_by_label_contains("1 of 3 in this document; 6 in the corpus");

    // A click on a result of the brief goes back there.
    h.get_by_label_contains("exclave, Nakhijevan").click();
    h.run_steps(2);
    assert_eq!(h.state().shown_position(), 0);
    assert_eq!(
        selected(&h),
        Some(occurrences(h.state(), "Nakhijevan")[1].clone())
    );
}
