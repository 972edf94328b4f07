//! The desk as coders expect it (issue 13), through real clicks and keys:
//! context menus, the palette, dragging a code onto the text, panes that
//! give way in narrow windows, Escape, messages that expire, the find bar
//! leaving no stray selection, drags taken as words, keyboard moves into a
//! selected paragraph, zoom keeping the place.

use crate::common::ui::{SENTENCE, coder, drag, harness, harness_sized, range_of, wait_for_jobs};

use briefmark::model::CodeId;
use briefmark::ui::Workbench;
use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn point_at(h: &Harness<'static, Workbench>, offset: usize) -> Pos2 {
    let doc = h.state().session.project().documents[0].clone();
    h.state().view.char_pos(&doc, offset).expect("laid out") + vec2(1.0, 8.0)
}

/// The brief with SENTENCE selected by a drag.
fn sentence_selected() -> Harness<'static, Workbench> {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    let (start, end) = range_of(h.state(), SENTENCE);
    h.state_mut().view.scroll_to = Some(start);
    h.run_steps(3);
    let (from, to) = (point_at(&h, start), point_at(&h, end));
    drag(&mut h, from, to);
    assert_eq!(h.state().session.selected_range(), Some(start..end));
    h
}

fn right_click(h: &mut Harness<'static, Workbench>, pos: Pos2) {
    h.hover_at(pos);
    h.run_steps(1);
    for pressed in [true, false] {
        h.input_mut().events.push(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(2);
}

/// The last node whose label holds `text`: a popup's item comes after the
/// panels' (the codebook pane's "2 Cause" before the menu's "Cause").
fn menu_item<'a>(h: &'a Harness<'static, Workbench>, text: &'a str) -> egui_kittest::Node<'a> {
    h.get_all_by_label_contains(text)
        .last()
        .expect("a menu item")
}

fn text_width(h: &Harness<'static, Workbench>) -> f32 {
    h.get_by_label_contains("document text:").rect().width()
}

#[test]
fn right_click_on_the_selection_codes_it_with_the_code_chosen() {
    let mut h = sentence_selected();
    let (start, end) = range_of(h.state(), SENTENCE);
    let at = point_at(&h, start + 10);
    right_click(&mut h, at);
    menu_item(&h, "Code with").click();
    h.run_steps(2);
    menu_item(&h, "Cause").click();
    h.run_steps(2);
    let ps = &h.state().session.project().passages;
    assert_eq!(ps.len(), 1);
    assert_eq!((ps[0].start, ps[0].end), (start, end));
    assert_eq!(ps[0].codes, [CodeId("cause".into())]);
}

#[test]
fn a_new_code_is_made_from_the_selected_words() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    let (start, end) = range_of(h.state(), "uncomfortable interdependencies");
    h.state_mut().view.scroll_to = Some(start);
    h.run_steps(3);
    let (from, to) = (point_at(&h, start), point_at(&h, end));
    drag(&mut h, from, to);
    let at = point_at(&h, start + 3);
    right_click(&mut h, at);
    menu_item(&h, "New code from the selection").click();
    h.run_steps(2);
    let wb = h.state();
    let (dim, code) = wb
        .session
        .project()
        .codebook
        .codes()
        .last()
        .expect("a code");
    assert_eq!(code.name, "uncomfortable interdependencies");
    assert_eq!(dim.name, "In vivo");
    let p = &wb.session.project().passages[0];
    assert_eq!(
        (p.start, p.end, &p.codes[..]),
        (start, end, &[code.id.clone()][..])
    );
}

#[test]
fn right_click_on_a_passage_deletes_it() {
    let mut h = sentence_selected();
    h.key_press(Key::Num1);
    h.run_steps(2);
    let (start, _) = range_of(h.state(), SENTENCE);
    let at = point_at(&h, start + 10);
    right_click(&mut h, at);
    menu_item(&h, "Delete passage").click();
    h.run_steps(2);
    assert!(h.state().session.project().passages.is_empty());
}

#[test]
fn the_palette_finds_a_command_by_name_and_runs_it() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run_steps(2);
    h.event(egui::Event::Text("statist".into()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(
        h.state().windows.analysis.open,
        "Statistics and retrieval… ran"
    );
}

#[test]
fn a_code_dragged_onto_the_selection_codes_it() {
    let mut h = sentence_selected();
    let (start, end) = range_of(h.state(), SENTENCE);
    let button = h.get_by_label("2 Cause").rect().center();
    let target = point_at(&h, start + 20);
    drag(&mut h, button, target);
    let ps = &h.state().session.project().passages;
    assert_eq!(ps.len(), 1, "{}", h.state().status);
    assert_eq!((ps[0].start, ps[0].end), (start, end));
    assert_eq!(ps[0].codes, [CodeId("cause".into())]);
}

#[test]
fn in_a_narrow_window_the_text_keeps_a_readable_width() {
    for size in [vec2(800.0, 550.0), vec2(720.0, 420.0)] {
        let h = harness_sized(Workbench::with_bundled_brief(coder()), size);
        let w = text_width(&h);
        assert!(w >= 300.0, "{size:?}: the reading pane is {w} px wide");
    }
}

#[test]
fn ctrl_bracket_hides_a_side_pane_and_the_text_takes_its_room() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    let before = text_width(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::CloseBracket);
    h.run_steps(20);
    assert!(h.state().settings.hide_right);
    let after = text_width(&h);
    assert!(after > before + 150.0, "{before} -> {after}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::CloseBracket);
    h.run_steps(20);
    assert!(!h.state().settings.hide_right);
}

#[test]
fn escape_closes_the_shortcut_sheet_before_clearing_the_selection() {
    let mut h = sentence_selected();
    h.key_press(Key::F1);
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("select a word / a paragraph")
            .is_some()
    );
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("select a word / a paragraph")
            .is_none()
    );
    assert!(h.state().session.selected_range().is_some(), "kept");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().session.selected_range().is_none());
}

#[test]
fn status_messages_expire() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run_steps(2);
    assert_eq!(h.state().status, "Text size 18.5 pt (Ctrl 0 resets)");
    h.run_steps(200);
    assert_eq!(h.state().status, "", "gone after a few seconds");
}

#[test]
fn closing_the_find_bar_leaves_no_selection_for_a_key_to_code() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.event(egui::Event::Text("pretext".into()));
    h.run_steps(3);
    assert!(
        h.state().session.selected_range().is_some(),
        "the hit is selected"
    );
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().find.open);
    assert_eq!(h.state().session.selected_range(), None);
    h.key_press(Key::Num1);
    h.run_steps(2);
    assert!(h.state().session.project().passages.is_empty());
}

#[test]
fn a_drag_from_a_space_into_a_word_takes_whole_words() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    let (start, end) = range_of(h.state(), "the downing of the Azerbaijani aircraft");
    h.state_mut().view.scroll_to = Some(start);
    h.run_steps(3);
    // From the space before "the" to the middle of "aircraft".
    let (from, to) = (point_at(&h, start - 1), point_at(&h, end - 4));
    drag(&mut h, from, to);
    assert_eq!(h.state().session.selected_range(), Some(start..end));
}

#[test]
fn after_u_alt_arrows_enter_the_paragraph() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.key_press(Key::U);
    h.run_steps(2);
    let paragraph = h.state().session.selected_range().expect("a paragraph");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run_steps(2);
    let last = h.state().session.selected_range().expect("a sentence");
    assert_eq!(last.end, paragraph.end, "its last sentence");
    assert!(last.start > paragraph.start);
    h.key_press(Key::U);
    h.run_steps(2);
    let next = h.state().session.selected_range().expect("a paragraph");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run_steps(2);
    let first = h.state().session.selected_range().expect("a sentence");
    assert_eq!(first.start, next.start, "its first sentence");
    assert!(first.end < next.end);
}

#[test]
fn zooming_out_and_back_keeps_the_place() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    let (start, _) = range_of(h.state(), SENTENCE);
    h.state_mut().view.scroll_to = Some(start);
    h.run_steps(5);
    let top = h.state().view.visible_chars().expect("painted").start;
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
        h.run_steps(4);
    }
    assert_eq!(h.state().view.font_size, 11.0);
    let seen = h.state().view.visible_chars().expect("painted");
    assert!(seen.contains(&top), "{top} not in {seen:?} at 11 pt");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run_steps(4);
    let seen = h.state().view.visible_chars().expect("painted");
    assert!(seen.contains(&top), "{top} not in {seen:?} after Ctrl+0");
}

#[test]
fn escape_closes_an_open_menu_and_a_command_key_closes_it_too() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.get_by_label("Analysis").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("Compare codings").is_some());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label_contains("Compare codings").is_none());
    h.get_by_label("Analysis").click();
    h.run_steps(2);
    h.key_press(Key::F1);
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("Compare codings").is_none(),
        "the menu closed when F1 opened the sheet"
    );
}

#[test]
fn the_code_buttons_stay_put_when_text_is_selected() {
    // The whole window at a few widths, as a user selects text.
    for width in [1360.0, 980.0, 800.0] {
        let mut h = harness_sized(Workbench::with_bundled_brief(coder()), vec2(width, 860.0));
        let before = h.get_by_label("2 Cause").rect();
        let (start, end) = range_of(h.state(), SENTENCE);
        h.state_mut().select_text(start, end);
        h.run_steps(3);
        assert!(h.state().session.selected_range().is_some());
        assert_eq!(h.get_by_label("2 Cause").rect(), before, "at {width} px");
    }
    // The codebook pane alone at every width a pane can have: the hint's
    // two wordings wrap to different line counts at some of them.
    let project = briefmark::assets::default_project();
    let index = briefmark::model::PassageIndex::build(&project);
    for width in (120..=320).step_by(4) {
        let place = |can_code: bool| {
            let mut h = egui_kittest::Harness::builder()
                .with_size(vec2(width as f32, 500.0))
                .build_ui(|ui| {
                    fonts_ready(ui);
                    briefmark::ui::codebook_pane::ui(
                        ui,
                        &project,
                        &index,
                        (can_code, can_code),
                        &mut Vec::new(),
                    );
                });
            h.run_steps(2);
            h.get_by_label("2 Cause").rect()
        };
        assert_eq!(place(false), place(true), "the buttons moved at {width} px");
    }
}

fn fonts_ready(ui: &mut egui::Ui) {
    briefmark::ui::fonts::install(ui.ctx());
}

#[test]
fn adding_a_code_keeps_the_reading_position() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    let (start, _) = range_of(h.state(), SENTENCE);
    h.state_mut().view.scroll_to = Some(start);
    h.run_steps(5);
    // The line at the top of the view: the text below it may reflow when
    // the column narrows (the document map widens), that line stays.
    let top = h.state().view.top_offset().expect("painted");
    let y = point_at(&h, top).y;
    let book = &h.state().session.project().codebook;
    let dim = book.dimensions[0].id.clone();
    let code = briefmark::model::Code::named(CodeId("new".into()), "New", book.next_color());
    let edit = briefmark::model::Edit::AddCode {
        dimension: dim,
        index: 2,
        code,
    };
    h.state_mut()
        .perform(briefmark::ui::Action::edit(edit, "Add code"));
    h.run_steps(5);
    let moved = (point_at(&h, top).y - y).abs();
    assert!(moved < 2.0, "the top line moved {moved} px");
    let top = h.state().view.top_offset().expect("painted");
    let y = point_at(&h, top).y;
    h.state_mut()
        .perform(briefmark::ui::Action::Do(briefmark::session::Intent::Undo));
    h.run_steps(5);
    let moved = (point_at(&h, top).y - y).abs();
    assert!(moved < 2.0, "after undo the top line moved {moved} px");
}

/// The heading of the passage list, just below the inspector's border.
fn list_heading(h: &Harness<'static, Workbench>) -> egui::Rect {
    h.get_by_label_contains("Passages (").rect()
}

#[test]
fn the_inspector_border_drags_and_a_small_window_leaves_no_small_inspector() {
    // A small window first: the inspector is short there. A passage with
    // links and a memo, so what it holds is taller than that.
    let example = briefmark::assets::example_project();
    let mut h = harness_sized(Workbench::new(example, None, coder()), vec2(800.0, 550.0));
    let project = h.state().session.project();
    let linked = (project.passages.iter())
        .max_by_key(|p| (project.links_of(&p.id).count(), p.memo.len()))
        .map(|p| p.id.clone());
    h.state_mut()
        .perform(briefmark::ui::Action::select(linked, true));
    h.run_steps(3);
    // The window grows: the inspector grows to show all it holds.
    h.set_size(vec2(1360.0, 1000.0));
    h.run_steps(6);
    let delete = h.get_by_label("Delete passage").rect();
    let heading = list_heading(&h);
    assert!(
        delete.bottom() < heading.top(),
        "Delete is above the list, not scrolled away"
    );
    // Its border (just above the list's heading) drags up.
    let border = egui::pos2(heading.center().x, heading.top() - 3.0);
    drag(&mut h, border, border - vec2(0.0, 120.0));
    let moved = heading.top() - list_heading(&h).top();
    assert!(moved > 80.0, "the border moved {moved} px");
}

#[test]
fn opening_a_project_reads_it_on_a_worker_and_holds_the_window_meanwhile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("example.briefmark.ron");
    briefmark::io::project_file::save(&briefmark::assets::example_project(), &path).expect("saved");
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.state_mut()
        .perform(briefmark::ui::Action::OpenPath(path.clone()));
    assert!(h.state().busy(), "read by a job, not in this frame");
    assert!(h.state().session.project().passages.is_empty(), "not yet");
    wait_for_jobs(&mut h);
    assert_eq!(h.state().session.project().passages.len(), 44);
    assert_eq!(h.state().session.path(), Some(path.as_path()));
    assert!(h.state().title().starts_with("example.briefmark.ron"));
}

/// A passage's memo and link are commands of the table: in its context
/// menu (named and keyed as in the Edit menu), on Ctrl+M and Ctrl+L, and
/// in the palette; each acts on the passage right-clicked.
#[test]
fn memo_and_link_are_commands_in_the_menu_the_keys_and_the_palette() {
    let mut h = sentence_selected();
    h.key_press(Key::Num1);
    h.run_steps(2);
    let id = h.state().session.selected_id().cloned().expect("coded");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().session.selected_id(), None);
    let (start, _) = range_of(h.state(), SENTENCE);
    let at = point_at(&h, start + 10);
    right_click(&mut h, at);
    menu_item(&h, "Link to…").click();
    h.run_steps(2);
    assert_eq!(h.state().linking.pending_from.as_ref(), Some(&id));
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().linking.pending_from, None, "Esc cancels linking");

    right_click(&mut h, at);
    menu_item(&h, "Memo…").click();
    h.run_steps(3);
    let memo = briefmark::ui::inspector::memo_id();
    assert!(
        h.ctx.memory(|m| m.has_focus(memo)),
        "the memo field has focus"
    );
    h.event(egui::Event::Text("why".into()));
    h.run_steps(2);
    assert_eq!(
        h.state().session.project().passage(&id).unwrap().memo,
        "why"
    );
    h.key_press(Key::Escape); // leaves the field
    h.run_steps(2);
    assert!(!h.ctx.memory(|m| m.has_focus(memo)));
    assert_eq!(
        h.state().session.selected_id(),
        Some(&id),
        "Esc in the memo leaves the field, not the passage"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run_steps(2);
    assert_eq!(h.state().linking.pending_from.as_ref(), Some(&id), "Ctrl+L");
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run_steps(2);
    h.event(egui::Event::Text("memo".into()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(h.ctx.memory(|m| m.has_focus(memo)), "the palette's Memo…");
}

/// In a short window the inspector scrolls: Ctrl+M brings the memo field
/// into view (it sat below the links, out of sight, while typing went in).
#[test]
fn memo_is_scrolled_into_view_in_a_short_window() {
    let example = Workbench::new(briefmark::assets::example_project(), None, coder());
    // 800×550 as a window: kittest's panel keeps a margin of 8 px a side.
    let mut h = harness_sized(example, vec2(816.0, 566.0));
    let first = h.state().session.project().passages_in_order()[0]
        .id
        .clone();
    h.state_mut()
        .perform(briefmark::ui::Action::select(Some(first), false));
    h.run_steps(3);
    // Out of the inspector's view, the field is not in the tree at all.
    let hidden = |h: &Harness<'static, Workbench>| {
        let role = egui::accesskit::Role::MultilineTextInput;
        let list = h.get_by_label("by position").rect();
        h.query_by_role_and_label(role, "Memo")
            .is_none_or(|memo| memo.rect().bottom() > list.top())
    };
    assert!(hidden(&h), "the set-up: the memo starts out of sight");
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_steps(4);
    assert!(!hidden(&h), "the memo field was not brought into view");
}
