//! The workbench driven headless through egui_kittest: real drags, clicks
//! and keys on the bundled brief.

use briefmark::model::CodeId;
use briefmark::ui::{Settings, Workbench};
use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const SENTENCE: &str = "It could therefore be argued that the downing of the Azerbaijani aircraft was not the real cause but a pretext for relations to deteriorate.";

fn harness(workbench: Workbench) -> Harness<'static, Workbench> {
    let mut h = Harness::builder()
        .with_size(vec2(1360.0, 860.0))
        .with_step_dt(0.05)
        .build_ui_state(|ui, wb: &mut Workbench| wb.ui(ui), workbench);
    h.run_steps(4);
    h
}

fn coder() -> Settings {
    Settings {
        coder: "Tester".into(),
    }
}

/// Code-point range of a unique string in the open document.
fn range_of(wb: &Workbench, needle: &str) -> (usize, usize) {
    let text = wb.project.documents[0].text();
    let byte = text.find(needle).expect("needle in the brief");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// Scrolls a character into view and returns a point inside its left half.
fn point_at(h: &mut Harness<'static, Workbench>, offset: usize) -> Pos2 {
    let doc = h.state().project.documents[0].clone();
    let pos = h
        .state()
        .view
        .char_pos(&doc, offset)
        .expect("char laid out");
    pos + vec2(1.0, 8.0)
}

fn reveal(h: &mut Harness<'static, Workbench>, offset: usize) {
    h.state_mut().view.scroll_to = Some(offset);
    h.run_steps(3);
}

fn drag(h: &mut Harness<'static, Workbench>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    h.hover_at(from.lerp(to, 0.5));
    h.run_steps(1);
    h.hover_at(to);
    h.run_steps(1);
    h.drop_at(to);
    h.run_steps(2);
}

fn select_sentence(h: &mut Harness<'static, Workbench>) -> (usize, usize) {
    let (start, end) = range_of(h.state(), SENTENCE);
    reveal(h, start);
    let from = point_at(h, start);
    let to = point_at(h, end);
    drag(h, from, to);
    (start, end)
}

#[test]
fn drag_select_press_1_then_undo_redo() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    let (start, end) = select_sentence(&mut h);
    assert_eq!(h.state().view.selected_range(), Some(start..end));

    h.key_press(Key::Num1);
    h.run_steps(2);
    let wb = h.state();
    assert_eq!(wb.project.passages.len(), 1);
    let p = &wb.project.passages[0];
    assert_eq!((p.start, p.end), (start, end));
    assert_eq!(p.quote, SENTENCE);
    assert_eq!(p.codes, [CodeId("pretext".into())]);
    assert_eq!(p.coder, "Tester");
    assert!(wb.history.is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        h.state().project.passages.is_empty(),
        "undo removes the passage"
    );

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    let p = &h.state().project.passages[0];
    assert_eq!((p.start, p.end, p.quote.as_str()), (start, end, SENTENCE));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(h.state().project.passages.len(), 1, "Ctrl+Y redoes too");
}

#[test]
fn clicking_a_code_button_adds_a_second_code_and_respects_exclusivity() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    select_sentence(&mut h);
    h.key_press(Key::Num1);
    h.run_steps(2);
    h.get_by_label("3 Bilateral").click();
    h.run_steps(2);
    let codes = h.state().project.passages[0].codes.clone();
    assert_eq!(
        codes,
        [CodeId("pretext".into()), CodeId("bilateral".into())]
    );
    h.get_by_label("2 Cause").click();
    h.run_steps(2);
    let codes = h.state().project.passages[0].codes.clone();
    assert_eq!(
        codes,
        [CodeId("bilateral".into()), CodeId("cause".into())],
        "Cause replaces Pretext"
    );
    h.get_by_label("3 Bilateral").click();
    h.run_steps(2);
    assert_eq!(
        h.state().project.passages[0].codes,
        [CodeId("cause".into())],
        "a second click toggles off"
    );
}

#[test]
fn selection_crosses_paragraphs_and_shift_click_extends() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    let (start, _) = range_of(h.state(), "The causes may lie elsewhere.");
    let (heading, _) = range_of(h.state(), "Possible causes of the crisis");
    let (_, para_end) = range_of(h.state(), "In Azerbaijan's case");
    reveal(&mut h, start);
    let from = point_at(&mut h, start);
    let to = point_at(&mut h, para_end);
    drag(&mut h, from, to);
    assert_eq!(h.state().view.selected_range(), Some(start..para_end));
    assert!(heading > start && heading < para_end);

    let (extend, _) = range_of(h.state(), "there were a number");
    let at = point_at(&mut h, extend);
    h.event_modifiers(
        egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    h.event_modifiers(
        egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    h.run_steps(2);
    assert_eq!(h.state().view.selected_range(), Some(start..extend));
}

#[test]
fn double_click_selects_a_word_and_click_selects_a_passage() {
    let mut project = briefmark::assets::default_project();
    let text = project.documents[0].text();
    let word = text[..text.find("détente began").unwrap()].chars().count();
    let mut passage = briefmark::model::Passage::new(
        &project.documents[0],
        word - 20,
        word + 30,
        "x",
        chrono::Utc::now(),
    );
    passage.codes.push(CodeId("cause".into()));
    let id = passage.id.clone();
    project.passages.push(passage);
    let mut h = harness(Workbench::new(project, None, coder()));
    h.run_steps(2);
    reveal(&mut h, word);
    let at = point_at(&mut h, word + 2);
    h.hover_at(at);
    h.run_steps(1);
    h.get_by_label_contains("document text").hover();
    h.hover_at(at);
    h.run_steps(1);
    for _ in 0..2 {
        h.drag_at(at);
        h.run_steps(1);
        h.drop_at(at);
        h.run_steps(1);
    }
    assert_eq!(h.state().view.selected_range(), Some(word..word + 7));
    let text = &h.state().project.documents[0];
    assert_eq!(text.slice(word, word + 7), "détente");

    h.key_press(Key::Escape);
    h.run_steps(12); // past the multi-click window

    h.drag_at(at);
    h.run_steps(1);
    h.drop_at(at);
    h.run_steps(2);
    assert_eq!(
        h.state().selected,
        Some(id),
        "a click on coded text selects its passage"
    );
}

#[test]
fn saving_through_the_path_field_clears_the_unsaved_marker() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.briefmark.ron");
    let mut wb = Workbench::with_bundled_brief(coder());
    wb.files.native = false;
    let mut h = harness(wb);
    select_sentence(&mut h);
    h.key_press(Key::Num2);
    h.run_steps(2);
    assert!(h.state().title().starts_with('•'));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text(path.to_str().unwrap());
    h.run_steps(1);
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(!h.state().history.is_dirty(), "{}", h.state().status);
    assert_eq!(h.state().title(), "mine.briefmark.ron — briefmark");
    let saved = briefmark::io::project_file::load(&path).unwrap();
    assert_eq!(saved.passages.len(), 1);
    assert_eq!(saved.passages[0].codes, [CodeId("cause".into())]);
}

#[test]
fn first_start_asks_the_coder_name_once() {
    let mut h = harness(Workbench::with_bundled_brief(Settings::default()));
    h.get_by_label("Start coding").hover();
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text("Maria");
    h.run_steps(1);
    h.get_by_label("Start coding").click();
    h.run_steps(2);
    assert_eq!(h.state().settings.coder, "Maria");
    assert!(h.query_by_label("Start coding").is_none());
}
