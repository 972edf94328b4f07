//! Desk comforts in the GUI: text zoom, theme, the first-run hint.

use crate::common::ui::{coder, harness};
use briefmark::ui::{Settings, Workbench};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn ctrl_plus_and_minus_zoom_the_text_and_ctrl_0_resets() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run_steps(2);
    assert_eq!(h.state().view.font_size, 18.5);
    assert_eq!(h.state().settings.font_size, Some(18.5), "remembered");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run_steps(2);
    assert_eq!(h.state().view.font_size, 15.5);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run_steps(2);
    assert_eq!(h.state().view.font_size, 17.0);
}

#[test]
fn the_view_menu_switches_to_the_light_theme() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Light theme").click();
    h.run_steps(3);
    assert!(!h.ctx.global_style().visuals.dark_mode);
    assert_eq!(
        h.state().settings.theme,
        briefmark::ui::workbench::Theme::Light
    );
}

#[test]
fn a_first_start_shows_a_hint_until_dismissed() {
    let settings = Settings {
        coder: "Tester".into(),
        ..Default::default()
    };
    let mut h = harness(Workbench::with_bundled_brief(settings));
    assert!(h.query_by_label_contains("press a code's number").is_some());
    h.get_by_label("Got it").click();
    h.run_steps(2);
    assert!(h.state().settings.hint_dismissed);
    assert!(h.query_by_label_contains("press a code's number").is_none());
}
