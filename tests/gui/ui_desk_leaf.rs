//! The codebook at the desk, driven headless through egui_kittest: number
//! keys that stay put, the colour picker (hex field, Escape, no missing
//! glyphs), swatches in the find bar's code chooser, code headers in the
//! passage list, the document map in the light theme, and link rows that
//! read as sentences in a narrow inspector.

use crate::common::ui::{coder, harness, harness_sized};

use briefmark::model::{CodeId, Link, Project, RelationId, Rgb};
use briefmark::ui::links_panel::{self, Linking};
use briefmark::ui::{Action, Workbench};
use egui::epaint::{ClippedShape, RectShape, Shape};
use egui::{Color32, Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};

/// Every filled rectangle painted in the last frame (nested shapes too).
fn rects(h: &Harness<'static, Workbench>) -> Vec<RectShape> {
    fn walk(shape: &Shape, out: &mut Vec<RectShape>) {
        match shape {
            Shape::Rect(r) => out.push(r.clone()),
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for ClippedShape { shape, .. } in &h.output().shapes {
        walk(shape, &mut out);
    }
    out
}

fn code_color(wb: &Workbench, id: &str) -> Rgb {
    wb.session
        .project()
        .codebook
        .code(&CodeId(id.into()))
        .expect("code")
        .color
}

fn open_codebook_editor(h: &mut Harness<'static, Workbench>) {
    h.get_by_label("Edit…").click();
    h.run_steps(4);
}

#[test]
fn a_new_code_takes_a_free_key_and_a_chosen_key_swaps_with_its_holder() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    open_codebook_editor(&mut h);
    let add = h.get_all_by_label("+ Add code").next().expect("add button");
    add.click();
    h.run_steps(2);
    let book = &h.state().session.project().codebook;
    assert_eq!(book.code_for_key(5), Some(&CodeId("new-code".into())));
    assert_eq!(book.code_for_key(3), Some(&CodeId("bilateral".into())));
    // The pane shows the keys the codes keep.
    h.get_by_label("3 Bilateral");
    h.get_by_label("5 New code");

    h.get(
        By::new()
            .role(egui::accesskit::Role::ComboBox)
            .value("key 1"),
    )
    .click();
    h.run_steps(2);
    h.get_by_label("3 (now Bilateral)").click();
    h.run_steps(2);
    let book = &h.state().session.project().codebook;
    assert_eq!(book.code_for_key(3), Some(&CodeId("pretext".into())));
    assert_eq!(book.code_for_key(1), Some(&CodeId("bilateral".into())));
    h.state_mut()
        .perform(Action::Do(briefmark::session::Intent::Undo));
    h.run_steps(1);
    let book = &h.state().session.project().codebook;
    assert_eq!(book.code_for_key(1), Some(&CodeId("pretext".into())));
    assert_eq!(book.code_for_key(3), Some(&CodeId("bilateral".into())));
}

#[test]
fn the_colour_picker_takes_a_hex_colour_undoably_and_escape_closes_it() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    open_codebook_editor(&mut h);
    h.get_by_label("Colour of Pretext").click();
    h.run_steps(2);
    // Every text the picker shows has glyphs in the bundled fonts.
    let font = egui::FontId::proportional(14.0);
    let ctx = h.ctx.clone();
    let boxed = |label: &str| !ctx.fonts_mut(|f| f.has_glyphs(&font, label));
    let missing = By::new().predicate(|n| n.label().is_some_and(|l| boxed(&l)));
    assert_eq!(
        h.query_all(missing).count(),
        0,
        "a text would show a missing-glyph box"
    );
    h.get_by_label("Hex").click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("#12345".into()));
    h.run_steps(2);
    assert_eq!(
        code_color(h.state(), "pretext"),
        Rgb(0xd9, 0x82, 0x2b),
        "not a colour yet"
    );
    h.event(egui::Event::Text("6".into()));
    h.run_steps(2);
    assert_eq!(code_color(h.state(), "pretext"), Rgb(0x12, 0x34, 0x56));

    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(
        h.query_by_label("Hex").is_none(),
        "Escape closes the picker"
    );
    h.state_mut()
        .perform(Action::Do(briefmark::session::Intent::Undo));
    h.run_steps(1);
    assert_eq!(code_color(h.state(), "pretext"), Rgb(0xd9, 0x82, 0x2b));
}

#[test]
fn the_find_bars_code_chooser_shows_each_codes_colour() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.event(egui::Event::Text("Moscow".into()));
    h.run_steps(3);
    h.get(
        By::new()
            .role(egui::accesskit::Role::ComboBox)
            .value("Choose a code…"),
    )
    .click();
    h.run_steps(2);
    let painted = rects(&h);
    for id in ["pretext", "cause", "bilateral", "regional"] {
        let Rgb(r, g, b) = code_color(h.state(), id);
        let fill = Color32::from_rgb(r, g, b);
        assert!(
            painted
                .iter()
                .any(|s| s.fill == fill && s.rect.width() == 12.0),
            "no swatch for {id}"
        );
    }
}

#[test]
fn the_passage_list_by_code_has_a_header_per_code_with_its_count() {
    let project = briefmark::assets::example_project();
    let first_code = |id: &str| {
        (project.passages.iter())
            .filter(|p| {
                (p.codes.iter())
                    .filter_map(|c| project.codebook.code_index(c))
                    .min()
                    == project.codebook.code_index(&CodeId(id.into()))
            })
            .count()
    };
    let (pretext, regional) = (first_code("pretext"), first_code("regional"));
    assert!(pretext > 0 && regional > 0);
    // Tall enough for every row: the list lays out only the visible ones.
    let mut h = harness_sized(Workbench::new(project, None, coder()), vec2(1360.0, 1800.0));
    assert!(h.query_by_label(&format!("Pretext ({pretext})")).is_none());
    h.get_by_label("by code").click();
    h.run_steps(3);
    h.get_by_label(&format!("Pretext ({pretext})"));
    h.get_by_label(&format!("Regional ({regional})"));
}

#[test]
fn the_document_map_stands_on_the_light_themes_ground() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Light theme").click();
    h.run_steps(3);
    let ground = h.ctx.global_style().visuals.panel_fill;
    let strip = briefmark::ui::document_map::MapStrip::width(h.state().session.project());
    let map_ground = rects(&h)
        .into_iter()
        .any(|r| r.fill == ground && r.rect.width() <= strip + 4.0 && r.rect.height() > 400.0);
    assert!(
        map_ground,
        "the map's panel is painted in the theme's ground"
    );
}

/// The links panel alone, as the inspector shows it in a 220-px pane.
fn links_in_a_narrow_pane(project: Project, shown: usize) -> Harness<'static, (Project, Linking)> {
    // The relation chooser has no accessible name (not this test's matter).
    let mut h = Harness::builder()
        .with_size(vec2(220.0, 400.0))
        .with_accessibility_check(false)
        .build_ui_state(
            move |ui, (project, linking): &mut (Project, Linking)| {
                let p = project.passages[shown].clone();
                links_panel::ui(ui, project, &p, linking, &mut Vec::new());
            },
            (project, Linking::default()),
        );
    h.run_steps(2);
    h
}

#[test]
fn an_incoming_link_reads_as_a_sentence_and_wraps_in_a_narrow_pane() {
    let mut project = briefmark::assets::example_project();
    project.links.clear();
    let (a, b) = (
        project.passages[0].id.clone(),
        project.passages[1].id.clone(),
    );
    let relation = RelationId("pretext-for".into());
    project
        .links
        .push(Link::new(a, relation, b, "T", chrono::Utc::now()));
    let quote: String = project.passages[0].quote.chars().take(40).collect();
    let h = links_in_a_narrow_pane(project, 1);
    let words = h.get_by_label("is a pretext for this passage");
    let shown = format!("“{quote}…”");
    let other = h.get_by_label(&shown);
    for node in [&words, &other] {
        assert!(node.rect().right() <= 220.0, "cut off: {:?}", node.rect());
    }
    assert!(
        other.rect().top() <= words.rect().top(),
        "the quote comes first"
    );
}
