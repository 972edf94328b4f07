//! The selected passage: quote, codes, memo, coder and times; delete.

use std::ops::Range;

use chrono::Local;

use super::actions::Action;
use super::document_view::Swatches;
use super::links_panel::{self, Linking};
use crate::model::{Edit, Passage, Problem, Project};

pub fn ui(
    ui: &mut egui::Ui,
    project: &Project,
    passage: Option<&Passage>,
    selection: Option<Range<usize>>,
    linking: &mut Linking,
    actions: &mut Vec<Action>,
) {
    ui.heading("Passage");
    let Some(p) = passage else {
        ui.weak("No passage selected. Click a coded passage or a stripe in the margin, or select text and code it.");
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("quote")
        .max_height(110.0)
        .show(ui, |ui| {
            ui.label(egui::RichText::new(format!("“{}”", p.quote)).italics());
        });
    ui.weak(format!(
        "characters {}–{} ({} long)",
        p.start,
        p.end,
        p.len()
    ));
    placement_ui(ui, project, p, selection, actions);
    ui.add_space(4.0);
    codes_ui(ui, project, p, actions);
    ui.add_space(4.0);
    links_panel::ui(ui, project, p, linking, actions);
    ui.add_space(4.0);
    ui.label("Memo");
    let mut memo = p.memo.clone();
    let memo_edit = egui::TextEdit::multiline(&mut memo)
        .desired_rows(4)
        .desired_width(f32::INFINITY)
        .hint_text("Why this coding? (saved with the passage)");
    if ui.add(memo_edit).changed() {
        let edit = Edit::SetMemo {
            passage: p.id.clone(),
            memo,
            modified: chrono::Utc::now(),
        };
        actions.push(Action::typing(
            edit,
            "Edit memo",
            format!("memo:{}", p.id.0),
        ));
    }
    egui::Grid::new("passage-meta")
        .num_columns(2)
        .show(ui, |ui| {
            ui.weak("Coder");
            ui.label(if p.coder.is_empty() { "—" } else { &p.coder });
            ui.end_row();
            ui.weak("Created");
            ui.label(
                p.created
                    .with_timezone(&Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
            );
            ui.end_row();
            ui.weak("Modified");
            ui.label(
                p.modified
                    .with_timezone(&Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
            );
            ui.end_row();
        });
    if ui
        .button("Delete passage")
        .on_hover_text("Delete (Del); undo brings it back")
        .clicked()
    {
        actions.push(Action::DeletePassage(p.id.clone()));
    }
}

/// Problems of the passage (an orphan after a revision, a stale quote), and
/// moving it onto the selected text: how an orphan is re-placed by hand, and
/// how any passage's boundaries are corrected.
fn placement_ui(
    ui: &mut egui::Ui,
    project: &Project,
    p: &Passage,
    selection: Option<Range<usize>>,
    actions: &mut Vec<Action>,
) {
    let problems = project.passage_problems(p);
    for problem in &problems {
        ui.colored_label(ui.visuals().warn_fg_color, format!("! {problem}"));
    }
    let misplaced = problems.iter().any(|e| {
        matches!(
            e,
            Problem::OutOfRange { .. } | Problem::QuoteMismatch { .. }
        )
    });
    let label = if misplaced {
        "Re-place on the selected text"
    } else {
        "Move to the selected text"
    };
    let hint = if misplaced {
        "This passage's text is not where it was. Select the text where it belongs in the document, then press this; codes, memo and links stay."
    } else {
        "Select other text in the document, then press this to give the passage those boundaries; codes, memo and links stay."
    };
    let button = ui.add_enabled(selection.is_some(), egui::Button::new(label));
    if button
        .on_hover_text(hint)
        .on_disabled_hover_text(hint)
        .clicked()
    {
        actions.push(Action::PlacePassage(p.id.clone()));
    }
}

fn codes_ui(ui: &mut egui::Ui, project: &Project, p: &Passage, actions: &mut Vec<Action>) {
    let mut swatches = Swatches::under(ui.painter());
    for dim in &project.codebook.dimensions {
        ui.horizontal_wrapped(|ui| {
            ui.weak(format!("{}:", dim.name));
            for code in &dim.codes {
                if code_toggle(ui, &mut swatches, code, p.has_code(&code.id)).clicked() {
                    actions.push(Action::ApplyCode(code.id.clone()));
                }
            }
        });
    }
    swatches.paint(ui.painter());
}

/// A code's swatch, a check box and the code's name: one widget, painted
/// directly (the inspector shows every code of the codebook, every frame,
/// and egui's check box costs several times as much). The swatch and the
/// box's ground go into `swatches`.
fn code_toggle(
    ui: &mut egui::Ui,
    swatches: &mut Swatches,
    code: &crate::model::Code,
    on: bool,
) -> egui::Response {
    const SWATCH: f32 = 10.0;
    let spacing = ui.spacing().item_spacing.x;
    let side = ui.spacing().icon_width;
    let wrap = Some(egui::TextWrapMode::Extend);
    let name = egui::WidgetText::from(code.name.as_str());
    let galley = name.into_galley(ui, wrap, f32::INFINITY, egui::TextStyle::Button);
    let width = SWATCH + spacing + side + spacing + galley.size().x;
    let size = egui::vec2(width, ui.spacing().interact_size.y);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::CheckBox, ui.is_enabled(), on, &code.name)
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let y = rect.center().y;
    let square = egui::Rect::from_center_size(
        egui::pos2(rect.left() + SWATCH / 2.0, y),
        egui::Vec2::splat(SWATCH),
    );
    swatches.add(square, code.color);
    let style = ui.style().interact(&response);
    let tick_box = egui::Rect::from_center_size(
        egui::pos2(square.right() + spacing + side / 2.0, y),
        egui::Vec2::splat(side),
    );
    swatches.fill(tick_box, style.bg_fill);
    let painter = ui.painter();
    if response.hovered() || response.has_focus() {
        painter.rect_stroke(tick_box, 2.0, style.fg_stroke, egui::StrokeKind::Inside);
    }
    if on {
        let b = tick_box.shrink(3.0);
        let tick = vec![
            egui::pos2(b.left(), b.center().y),
            egui::pos2(b.center().x - 1.0, b.bottom()),
            egui::pos2(b.right(), b.top()),
        ];
        painter.add(egui::Shape::line(tick, style.fg_stroke));
    }
    let text_at = egui::pos2(tick_box.right() + spacing, y - galley.size().y / 2.0);
    painter.galley(text_at, galley, style.text_color());
    response
}
