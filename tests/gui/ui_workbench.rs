//! The workbench driven headless through egui_kittest: real drags, clicks
//! and keys on the bundled brief.

use crate::common::ui::{SENTENCE, coder, drag, harness, harness_sized, range_of, wait_for_jobs};

use briefmark::model::CodeId;
use briefmark::ui::{Settings, Workbench};
use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Scrolls a character into view and returns a point inside its left half.
fn point_at(h: &mut Harness<'static, Workbench>, offset: usize) -> Pos2 {
    let doc = h.state().session.project().documents[0].clone();
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

/// The bundled brief with SENTENCE coded Pretext (key 1) and selected.
fn one_coded_sentence() -> Harness<'static, Workbench> {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    select_sentence(&mut h);
    h.key_press(Key::Num1);
    h.run_steps(2);
    h
}

fn select_sentence(h: &mut Harness<'static, Workbench>) -> (usize, usize) {
    let (start, end) = range_of(h.state(), SENTENCE);
    reveal(h, start);
    let from = point_at(h, start);
    let to = point_at(h, end);
    drag(h, from, to);
    (start, end)
}

/// A key pressed and released within one frame, which is then run
/// (`Harness::key_press` gives each event a frame of its own).
fn key_in_one_frame(h: &mut Harness<'static, Workbench>, key: Key, modifiers: Modifiers) {
    for pressed in [true, false] {
        h.input_mut().events.push(egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers,
        });
    }
    h.step();
}

#[test]
fn a_code_key_paints_the_new_passage_in_the_frame_that_receives_it() {
    // One passage coded and shown in the inspector, so the next one changes
    // no layout egui would need a second pass for: one frame, one pass.
    let mut h = one_coded_sentence();
    let (start, _) = range_of(h.state(), SENTENCE);
    h.state_mut().select_text(start, start + 20);
    h.run_steps(2);
    key_in_one_frame(&mut h, Key::Num2, Modifiers::NONE);
    let wb = h.state();
    assert_eq!(
        wb.session.project().passages.len(),
        2,
        "the key coded the selection"
    );
    let doc = wb.session.project().documents[0].id().clone();
    let index = wb.session.index().document(&doc).expect("indexed");
    assert_eq!(index.passages.len(), 2);
    assert_eq!(
        wb.view.painted_generation(),
        Some(index.generation),
        "that frame painted the passage's tint and stripe"
    );
    // Undo is a key too: the same frame paints the text without it.
    key_in_one_frame(&mut h, Key::Z, Modifiers::COMMAND);
    let wb = h.state();
    assert_eq!(wb.session.project().passages.len(), 1);
    let generation = wb.session.index().document(&doc).map(|d| d.generation);
    assert_eq!(wb.view.painted_generation(), generation);
}

#[test]
fn drag_select_press_1_then_undo_redo() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    let (start, end) = select_sentence(&mut h);
    assert_eq!(h.state().session.selected_range(), Some(start..end));

    h.key_press(Key::Num1);
    h.run_steps(2);
    let wb = h.state();
    assert_eq!(wb.session.project().passages.len(), 1);
    let p = &wb.session.project().passages[0];
    assert_eq!((p.start, p.end), (start, end));
    assert_eq!(p.quote, SENTENCE);
    assert_eq!(p.codes, [CodeId("pretext".into())]);
    assert_eq!(p.coder, "Tester");
    assert!(wb.session.history().is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        h.state().session.project().passages.is_empty(),
        "undo removes the passage"
    );

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    let p = &h.state().session.project().passages[0];
    assert_eq!((p.start, p.end, p.quote.as_str()), (start, end, SENTENCE));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(
        h.state().session.project().passages.len(),
        1,
        "Ctrl+Y redoes too"
    );
}

#[test]
fn clicking_a_code_button_adds_a_second_code_and_respects_exclusivity() {
    let mut h = one_coded_sentence();
    h.get_by_label("3 Bilateral").click();
    h.run_steps(2);
    let codes = h.state().session.project().passages[0].codes.clone();
    assert_eq!(
        codes,
        [CodeId("pretext".into()), CodeId("bilateral".into())]
    );
    h.get_by_label("2 Cause").click();
    h.run_steps(2);
    let codes = h.state().session.project().passages[0].codes.clone();
    assert_eq!(
        codes,
        [CodeId("bilateral".into()), CodeId("cause".into())],
        "Cause replaces Pretext"
    );
    h.get_by_label("3 Bilateral").click();
    h.run_steps(2);
    assert_eq!(
        h.state().session.project().passages[0].codes,
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
    assert_eq!(h.state().session.selected_range(), Some(start..para_end));
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
    assert_eq!(h.state().session.selected_range(), Some(start..extend));
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
    assert_eq!(h.state().session.selected_range(), Some(word..word + 7));
    let text = &h.state().session.project().documents[0];
    assert_eq!(text.slice(word, word + 7), "détente");

    h.key_press(Key::Escape);
    h.run_steps(12); // past the multi-click window

    h.drag_at(at);
    h.run_steps(1);
    h.drop_at(at);
    h.run_steps(2);
    assert_eq!(
        h.state().session.selected_id().cloned(),
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
    assert!(
        !h.state().session.history().is_dirty(),
        "{}",
        h.state().status
    );
    assert_eq!(h.state().title(), "mine.briefmark.ron — briefmark");
    let saved = briefmark::io::project_file::load(&path).unwrap();
    assert_eq!(saved.passages.len(), 1);
    assert_eq!(saved.passages[0].codes, [CodeId("cause".into())]);
}

/// Replaces whatever the coder field holds with `name` and confirms.
fn enter_coder(h: &mut Harness<'static, Workbench>, name: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text(name);
    h.run_steps(1);
    h.get_by_label("Start coding").click();
    h.run_steps(2);
}

#[test]
fn first_start_asks_the_coder_name_once() {
    let mut h = harness(Workbench::with_bundled_brief(Settings::default()));
    h.get_by_label("Start coding").hover();
    enter_coder(&mut h, "Maria");
    assert_eq!(h.state().settings.coder, "Maria");
    assert!(h.query_by_label("Start coding").is_none());

    // Edit → Coder name… asks again; Cancel keeps the name, a new one replaces it.
    h.state_mut().perform(briefmark::ui::Action::ChangeCoder);
    h.run_steps(2);
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(h.state().settings.coder, "Maria");
    h.state_mut().perform(briefmark::ui::Action::ChangeCoder);
    h.run_steps(2);
    enter_coder(&mut h, "Jon");
    assert_eq!(h.state().settings.coder, "Jon");
}

/// A workbench on the example coding, the first passage selected.
fn memo_of(h: &Harness<'static, Workbench>, id: &briefmark::model::PassageId) -> String {
    let project = h.state().session.project();
    project.passage(id).expect("the passage").memo.clone()
}

fn example_with_selection() -> Harness<'static, Workbench> {
    let project = briefmark::assets::example_project();
    let mut h = harness(Workbench::new(project, None, coder()));
    let first = h.state().session.project().passages_in_order()[0]
        .id
        .clone();
    h.state_mut()
        .perform(briefmark::ui::Action::select(Some(first), true));
    h.run_steps(3);
    h
}

#[test]
fn typing_a_memo_is_one_undo_step() {
    let mut h = example_with_selection();
    let id = h.state().session.selected_id().cloned().unwrap();
    let before = memo_of(&h, &id);
    let memo = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    memo.focus();
    h.run_steps(1);
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text(" Checked.");
    h.run_steps(2);
    let after = memo_of(&h, &id);
    assert!(after.ends_with(" Checked."), "{after}");
    assert!(after.starts_with(&before[..20]));
    // Leave the field, then undo once: the whole typing goes.
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.state_mut()
        .perform(briefmark::ui::Action::Do(briefmark::session::Intent::Undo));
    h.run_steps(1);
    assert_eq!(
        h.state().session.project().passage(&id).unwrap().memo,
        before
    );
}

#[test]
fn delete_key_removes_the_selected_passage_and_undo_restores_it() {
    let mut h = example_with_selection();
    let n = h.state().session.project().passages.len();
    let id = h.state().session.selected_id().cloned().unwrap();
    h.key_press(Key::Delete);
    h.run_steps(2);
    assert_eq!(h.state().session.project().passages.len(), n - 1);
    assert!(h.state().session.project().passage(&id).is_none());
    assert_eq!(h.state().session.selected_id().cloned(), None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().session.project().passage(&id).is_some());
}

#[test]
fn clicking_a_row_of_the_passage_list_selects_and_reveals_it() {
    let project = briefmark::assets::example_project();
    // A row visible in the list whose passage lies below the first screen.
    let last = project
        .passages_in_order()
        .get(12)
        .map(|p| (p.id.clone(), p.start, p.quote.clone()))
        .unwrap();
    assert!(last.1 > 3000);
    let mut h = harness(Workbench::new(project, None, coder()));
    h.get_by_label("by position").click();
    h.run_steps(2);
    let preview: String = last.2.chars().take(30).collect();
    let doc = h.state().session.project().documents[0].clone();
    assert!(
        h.state()
            .view
            .char_pos(&doc, last.1)
            .is_none_or(|p| p.y > 860.0),
        "not in view yet"
    );
    h.get_by_label_contains(&preview).click();
    h.run_steps(4);
    assert_eq!(h.state().session.selected_id().cloned(), Some(last.0));
    let pos = h
        .state()
        .view
        .char_pos(&doc, last.1)
        .expect("the passage is laid out");
    assert!(
        pos.y > 0.0 && pos.y < 860.0,
        "the passage was scrolled into view, at {pos:?}"
    );
}

#[test]
fn selecting_passages_leaves_the_passage_list_where_it_is() {
    // The first passage has links and a memo, the third neither: the
    // inspector shows more for one than the other, and the list below it
    // must not move (a row moving under the pointer gets the next click).
    let project = briefmark::assets::example_project();
    let rows: Vec<String> = (project.passages_in_order().iter().take(3))
        .map(|p| {
            format!(
                "{}  {}",
                p.start,
                p.quote.chars().take(25).collect::<String>()
            )
        })
        .collect();
    let first = project.passages_in_order()[0].id.clone();
    assert!(project.links_of(&first).next().is_some());
    let mut h = harness(Workbench::new(project, None, coder()));
    let at = |h: &Harness<'static, Workbench>| h.get_by_label_contains(&rows[1]).rect();
    let before = at(&h);
    for row in [&rows[0], &rows[2], &rows[0]] {
        h.get_by_label_contains(row).click();
        h.run_steps(3);
        assert!(h.state().session.selected_id().is_some());
        assert_eq!(at(&h), before, "the list moved when {row:?} was selected");
    }
}

#[test]
fn codebook_editor_adds_a_code_undoably() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.get_by_label("Edit…").click();
    h.run_steps(4);
    let add = h
        .get_all_by_label("+ Add code")
        .next()
        .expect("an add button per dimension");
    add.click();
    h.run_steps(2);
    let book = &h.state().session.project().codebook;
    assert_eq!(book.dimensions[0].codes.len(), 3);
    assert_eq!(book.dimensions[0].codes[2].name, "New code");
    assert_eq!(
        book.code_for_key(5),
        Some(&CodeId("new-code".into())),
        "a new code takes the lowest free key"
    );
    assert_eq!(book.code_for_key(3), Some(&CodeId("bilateral".into())));
    h.state_mut()
        .perform(briefmark::ui::Action::Do(briefmark::session::Intent::Undo));
    h.run_steps(1);
    assert_eq!(
        h.state().session.project().codebook.dimensions[0]
            .codes
            .len(),
        2
    );
}

#[test]
fn deleting_a_code_in_use_asks_first() {
    let project = briefmark::assets::example_project();
    let uses = project.passages_with(&CodeId("pretext".into()));
    assert!(uses > 0);
    let mut h = harness(Workbench::new(project, None, coder()));
    h.state_mut().perform(briefmark::ui::Action::Do(
        briefmark::session::Intent::DeleteCode {
            id: CodeId("pretext".into()),
            confirmed: false,
        },
    ));
    h.run_steps(2);
    assert!(
        h.state()
            .session
            .project()
            .codebook
            .code(&CodeId("pretext".into()))
            .is_some(),
        "nothing happens before the answer"
    );
    h.get_by_label_contains(&format!("{uses} passages carry it"));
    h.get_by_label("Delete").click();
    h.run_steps(2);
    assert!(
        h.state()
            .session
            .project()
            .codebook
            .code(&CodeId("pretext".into()))
            .is_none()
    );
    assert_eq!(
        h.state()
            .session
            .project()
            .passages_with(&CodeId("pretext".into())),
        0
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state()
            .session
            .project()
            .passages_with(&CodeId("pretext".into())),
        uses
    );
}

#[test]
fn quitting_with_unsaved_changes_asks() {
    let mut h = one_coded_sentence();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_steps(2);
    assert!(!h.state().quit, "asks before quitting");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(!h.state().quit);
    assert_eq!(h.state().session.project().passages.len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_steps(2);
    h.get_by_label("Discard changes").click();
    h.run_steps(2);
    assert!(h.state().quit);
}

#[test]
fn opening_a_text_file_with_bad_markup_warns_and_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "My title\n\nSome <u>underlined text and a <blink>tag</blink>.\n",
    )
    .unwrap();
    let mut wb = Workbench::with_bundled_brief(coder());
    wb.files.native = false;
    let mut h = harness(wb);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text(path.to_str().unwrap());
    h.get_by_label("OK").click();
    wait_for_jobs(&mut h);
    let wb = h.state();
    assert_eq!(
        wb.session.project().documents[0].text(),
        "My title\n\nSome underlined text and a tag."
    );
    assert!(wb.status.contains("3 markup warning(s)"), "{}", wb.status);
    assert_eq!(
        wb.session.path(),
        None,
        "a project made from a text file has no file yet"
    );
    assert!(
        !wb.session.history().is_dirty(),
        "nothing of the user's is lost by closing it"
    );
}

#[test]
fn clicking_again_on_nested_passages_selects_the_next_one_out() {
    let mut project = briefmark::assets::default_project();
    let doc = project.documents[0].clone();
    let text = doc.text();
    let word = text[..text.find("détente began").unwrap()].chars().count();
    let now = chrono::Utc::now();
    let mut outer = briefmark::model::Passage::new(&doc, word - 20, word + 30, "x", now);
    outer.codes.push(CodeId("cause".into()));
    let mut inner = briefmark::model::Passage::new(&doc, word, word + 7, "x", now);
    inner.codes.push(CodeId("bilateral".into()));
    let (outer_id, inner_id) = (outer.id.clone(), inner.id.clone());
    project.passages.extend([outer, inner]);
    let mut h = harness(Workbench::new(project, None, coder()));
    reveal(&mut h, word);
    let at = point_at(&mut h, word + 2);
    for want in [&inner_id, &outer_id, &inner_id] {
        h.hover_at(at);
        h.run_steps(1);
        h.drag_at(at);
        h.run_steps(1);
        h.drop_at(at);
        h.run_steps(10); // past the multi-click window
        assert_eq!(h.state().session.selected_id(), Some(want));
    }
}

#[test]
fn exporting_from_the_gui_writes_the_chosen_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("coded.csv");
    let mut wb = Workbench::new(briefmark::assets::example_project(), None, coder());
    wb.files.native = false;
    let mut h = harness(wb);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    h.get_by_label_contains("CSV, one row per passage and code")
        .click();
    h.run_steps(1);
    h.get_by_label("Export…").click();
    h.run_steps(2);
    assert!(
        h.state().files.is_busy(),
        "the path field is open; status: {}",
        h.state().status
    );
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text(out.to_str().unwrap());
    h.get_by_label("OK").click();
    wait_for_jobs(&mut h);
    assert!(
        h.state().status.starts_with("Exported"),
        "{}",
        h.state().status
    );
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("document,passage_id,start,end,"));
    assert_eq!(
        csv.lines().count(),
        1 + 68,
        "a header and a row per passage and code"
    );
}

#[test]
fn importing_a_codebook_that_differs_asks_and_is_undoable() {
    let dir = tempfile::tempdir().unwrap();
    let mut theirs = briefmark::assets::default_codebook();
    theirs.dimensions[0].codes[0].definition = "A different definition.".into();
    let qdc = dir.path().join("theirs.qdc");
    std::fs::write(&qdc, briefmark::io::refi_qda::to_qdc(&theirs)).unwrap();
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.state_mut()
        .perform(briefmark::ui::Action::ImportPaths(vec![qdc]));
    wait_for_jobs(&mut h);
    h.get_by_label("Codes differ");
    h.get_by_label("Use the imported").click();
    wait_for_jobs(&mut h);
    let pretext = CodeId("pretext".into());
    assert_eq!(
        h.state()
            .session
            .project()
            .codebook
            .code(&pretext)
            .unwrap()
            .definition,
        "A different definition."
    );
    assert!(
        h.state().status.starts_with("Imported"),
        "{}",
        h.state().status
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().session.project().codebook,
        briefmark::assets::default_codebook()
    );
}

#[test]
fn a_remembered_coder_is_not_asked_again() {
    let mut wb = Workbench::with_bundled_brief(Settings::default());
    wb.use_settings(Settings {
        coder: "Remembered".into(),
        ..Default::default()
    });
    let h = harness(wb);
    assert!(h.query_by_label("Start coding").is_none());
    assert_eq!(h.state().settings.coder, "Remembered");
}

#[test]
fn an_empty_document_opens_without_trouble() {
    let doc =
        briefmark::model::markup::parse(briefmark::model::DocumentId("empty".into()), "").document;
    let project = briefmark::model::Project::new(vec![doc], briefmark::assets::default_codebook());
    let mut h = harness(Workbench::new(project, None, coder()));
    h.key_press(Key::Num1);
    h.run_steps(3);
    assert!(h.state().session.project().passages.is_empty());
    assert_eq!(
        h.state().status,
        "Select some text or a passage first, then pick a code."
    );
}

#[test]
fn passages_with_problems_are_kept_and_flagged_in_the_list() {
    let mut project = briefmark::assets::example_project();
    let first = project.passages_in_order()[0].id.clone();
    project
        .passages
        .update(&first, |p| p.codes.push(CodeId("vanished".into())))
        .unwrap();
    let mut h = harness(Workbench::new(project, None, coder()));
    h.run_steps(2);
    assert_eq!(
        h.state().session.project().passages.len(),
        44,
        "nothing dropped"
    );
    let flags: Vec<_> = h.query_all_by_label("!").collect();
    assert_eq!(flags.len(), 1, "one flagged row");
}

/// The example coding with File → Revise applied to the revised brief;
/// also the revised file's path.
fn revised_example() -> (Harness<'static, Workbench>, std::path::PathBuf) {
    let revised = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reanchor/revised-brief.txt");
    let example = briefmark::assets::example_project();
    // Tall enough for the passage list to show all 44 rows.
    let size = egui::vec2(1360.0, 1500.0);
    let mut h = harness_sized(Workbench::new(example, None, coder()), size);
    h.state_mut()
        .perform(briefmark::ui::Action::ReviseFrom(revised.clone()));
    wait_for_jobs(&mut h);
    (h, revised)
}

#[test]
fn revising_the_document_re_anchors_passages_and_lists_those_to_re_place() {
    let (mut h, revised) = revised_example();
    let wb = h.state();
    assert_eq!(
        wb.status,
        "Revised “Azerbaijan's Calculated Confrontation…”: 2 unchanged, 35 moved, 5 re-placed fuzzily, 2 need re-placing (listed under “Needs re-placing”)"
    );
    // The two whose text went have no position: kept apart, not painted,
    // not among the passages; the project checks clean.
    assert_eq!(
        (
            wb.session.project().passages.len(),
            wb.session.project().orphans.len()
        ),
        (42, 2)
    );
    assert_eq!(wb.session.project().problems(), []);
    let doc = wb.session.project().documents[0].id().clone();
    assert_eq!(
        wb.session.index().document(&doc).map(|d| d.passages.len()),
        Some(42)
    );
    let text = std::fs::read_to_string(&revised).unwrap();
    let plain =
        briefmark::model::markup::parse(briefmark::model::DocumentId("x".into()), &text).document;
    assert_eq!(wb.session.project().documents[0].text(), plain.text());
    assert!(h.query_by_label_contains("Needs re-placing (2)").is_some());
    for o in h.state().session.project().orphans.clone() {
        let name = format!(
            "Re-place “{}” on the selection",
            briefmark::model::text::one_line(&o.quote, 80)
        );
        assert!(h.query_by_label(&name).is_some(), "{name}");
    }
    assert_eq!(
        h.query_all_by_label("!").count(),
        0,
        "nothing flagged broken"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        *h.state().session.project(),
        briefmark::assets::example_project(),
        "undo restores the old text and places"
    );
}

/// One click in the "Needs re-placing" list puts a passage whose text went
/// on the selected text: same id, codes and memo; undo takes it back.
#[test]
fn a_passage_is_re_placed_with_one_click_on_the_selection() {
    let (mut h, _) = revised_example();
    let orphan = h.state().session.project().orphans[0].clone();
    let short = briefmark::model::text::one_line(&orphan.quote, 80);
    // Its row selects it: the inspector says what it is.
    h.get_by_label(&format!("“{short}”")).click();
    h.run_steps(2);
    assert_eq!(
        h.state().session.selected_id().cloned(),
        Some(orphan.id.clone())
    );
    assert!(h.query_by_label("Passage: needs re-placing").is_some());
    let (start, end) = select_sentence(&mut h);
    h.get_by_label(&format!("Re-place “{short}” on the selection"))
        .click();
    h.run_steps(2);
    let placed = h
        .state()
        .session
        .project()
        .passage(&orphan.id)
        .unwrap()
        .clone();
    assert_eq!((placed.start, placed.end), (start, end));
    assert_eq!(placed.quote, SENTENCE);
    assert_eq!((&placed.codes, &placed.memo), (&orphan.codes, &orphan.memo));
    assert_eq!(
        h.state().session.project().orphans.len(),
        1,
        "one left to re-place"
    );
    assert!(h.query_by_label_contains("Needs re-placing (1)").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().session.project().orphan(&orphan.id),
        Some(&orphan)
    );
    assert!(h.state().session.project().passage(&orphan.id).is_none());
}

#[test]
fn linking_two_passages_from_the_inspector_is_undoable() {
    let mut h = one_coded_sentence();
    let first = h
        .state()
        .session
        .selected_id()
        .cloned()
        .expect("the new passage is selected");
    // A second passage: the sentence before SENTENCE's paragraph start.
    let (start, _) = range_of(h.state(), SENTENCE);
    let doc = h.state().session.project().documents[0].clone();
    let other = briefmark::model::Passage::new(
        &doc,
        start - 200,
        start - 120,
        "Tester",
        chrono::Utc::now(),
    );
    let other_id = other.id.clone();
    h.state_mut().perform(briefmark::ui::Action::edit(
        briefmark::model::Edit::AddPassage(other),
        "Code",
    ));
    h.state_mut()
        .perform(briefmark::ui::Action::select(Some(first.clone()), false));
    h.run_steps(2);
    h.get_by_label("Link to…").click();
    h.run_steps(2);
    assert_eq!(h.state().linking.pending_from, Some(first.clone()));
    // Pick the other end by clicking its text in the document.
    reveal(&mut h, start - 160);
    let at = point_at(&mut h, start - 160);
    h.hover_at(at);
    h.run_steps(12); // past the multi-click window of the Link button
    h.drag_at(at);
    h.run_steps(1);
    h.drop_at(at);
    h.run_steps(3);
    let links = &h.state().session.project().links;
    assert_eq!(links.len(), 1, "{}", h.state().status);
    assert_eq!((&links[0].from, &links[0].to), (&first, &other_id));
    assert_eq!(links[0].relation.0, "supports");
    assert_eq!(
        h.state().session.selected_id().cloned(),
        Some(other_id.clone())
    );
    assert!(h.query_by_label("Unlink").is_some());
    // The relation choosers are named for screen readers, and change it.
    assert!(h.query_by_label("Relation of the next link").is_some());
    h.get_by_label("Relation of this link").click();
    h.run_steps(2);
    h.get_by_label("contradicts").click();
    h.run_steps(2);
    let links = &h.state().session.project().links;
    assert_eq!(links[0].relation.0, "contradicts");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().session.project().links[0].relation.0, "supports");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().session.project().links.is_empty());
}
