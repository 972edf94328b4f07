//! The selected passage: quote, codes, memo, coder and times; delete.

use crate::session::Intent;
use std::ops::Range;

use chrono::{DateTime, Local, Utc};

use super::actions::Action;
use super::colors::Swatches;
use super::links_panel::{self, Linking};
use crate::model::{Document, Edit, Orphan, Passage, PassageId, Problem, Project};

/// What the inspector shows: the selected passage, placed or not.
#[derive(Clone, Copy)]
pub enum Shown<'a> {
    Passage(&'a Passage),
    /// A passage a revision left without its text ("needs re-placing").
    Orphan(&'a Orphan),
}

pub fn ui(
    ui: &mut egui::Ui,
    project: &Project,
    shown: Option<Shown>,
    document: Option<&Document>,
    selection: Option<Range<usize>>,
    linking: &mut Linking,
    actions: &mut Vec<Action>,
) {
    match shown {
        None => {
            ui.heading("Passage");
            ui.weak("No passage selected. Click a coded passage or a stripe in the margin, or select text and code it.");
        }
        Some(Shown::Passage(p)) => {
            passage_ui(ui, project, p, selection.clone(), linking, actions);
        }
        Some(Shown::Orphan(o)) => orphan_ui(ui, project, o, selection.clone(), actions),
    }
    // The selected text's quote and place, laid out (not shown) as the
    // passage it may become would show them: when a code's key makes it
    // one, the frame that shows it finds them laid out (egui keeps a
    // layout used in the frame before).
    if let (Some(doc), Some(r)) = (document, selection) {
        quote_galley(ui, doc.slice(r.start, r.end));
        characters_galley(ui, r);
    }
}

/// Where the passage is, in code points, and its length.
fn characters_ui(ui: &mut egui::Ui, p: &Passage) {
    ui.label(characters_galley(ui, p.start..p.end));
}

/// `characters_ui`'s line, wrapped at the inspector's width, made here so
/// that it can be laid out ahead of time as well.
fn characters_galley(ui: &egui::Ui, r: Range<usize>) -> std::sync::Arc<egui::Galley> {
    let text = format!("characters {}–{} ({} long)", r.start, r.end, r.len());
    let text = egui::WidgetText::from(egui::RichText::new(text).weak());
    let wrap = Some(egui::TextWrapMode::Wrap);
    text.into_galley(ui, wrap, ui.available_width(), egui::TextStyle::Body)
}

fn passage_ui(
    ui: &mut egui::Ui,
    project: &Project,
    p: &Passage,
    selection: Option<Range<usize>>,
    linking: &mut Linking,
    actions: &mut Vec<Action>,
) {
    ui.heading("Passage");
    quote_ui(ui, &p.quote);
    characters_ui(ui, p);
    placement_ui(ui, project, p, selection, actions);
    ui.add_space(4.0);
    codes_ui(ui, project, p, actions);
    ui.add_space(4.0);
    links_panel::ui(ui, project, p, linking, actions);
    ui.add_space(4.0);
    details_ui(
        ui,
        &p.id,
        &p.memo,
        &p.coder,
        (p.created, p.modified),
        actions,
    );
}

/// A passage whose text a revision removed: what it was, how to put it
/// back, its codes and memo; it has no position and no links to draw.
fn orphan_ui(
    ui: &mut egui::Ui,
    project: &Project,
    o: &Orphan,
    selection: Option<Range<usize>>,
    actions: &mut Vec<Action>,
) {
    ui.heading("Passage: needs re-placing");
    quote_ui(ui, &o.quote);
    ui.colored_label(
        ui.visuals().warn_fg_color,
        "This text is no longer in the document: it was changed or removed in a revision. \
         The passage has no position until you re-place it, and is in no count or export with offsets.",
    );
    re_place_button(ui, &o.id, None, selection.is_some(), actions);
    ui.label(format!("Codes: {}", project.codebook.name_list(&o.codes)));
    ui.add_space(4.0);
    details_ui(
        ui,
        &o.id,
        &o.memo,
        &o.coder,
        (o.created, o.modified),
        actions,
    );
}

/// "Re-place on the selection": the one click that gives a passage that
/// needs re-placing the selected text. `quote`, in a list of several, names
/// the button for screen readers ("Re-place “…” on the selection").
pub fn re_place_button(
    ui: &mut egui::Ui,
    id: &PassageId,
    quote: Option<&str>,
    can: bool,
    actions: &mut Vec<Action>,
) {
    let hint = "Select the text where this passage belongs, then press this: it gets that text, and keeps its codes, memo and links.";
    let button = ui.add_enabled(can, egui::Button::new("Re-place on the selection"));
    if let Some(quote) = quote {
        let name = format!("Re-place “{quote}” on the selection");
        button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, can, &name));
    }
    if button
        .on_hover_text(hint)
        .on_disabled_hover_text(hint)
        .clicked()
    {
        actions.push(Action::Do(Intent::PlacePassage(id.clone())));
    }
}

/// The quote, in a box of its own height; a very long one (a whole book's
/// paragraph coded at once) shows its start, as laying it all out every
/// frame would cost what the reading pane takes care never to.
fn quote_ui(ui: &mut egui::Ui, quote: &str) {
    let galley = quote_galley(ui, quote);
    egui::ScrollArea::vertical()
        .id_salt("quote")
        .max_height(110.0)
        .show(ui, |ui| {
            ui.label(galley);
        });
}

/// The quote as the inspector shows it: in quotation marks, italic, the
/// first 2,000 characters of a long one, wrapped at the inspector's width.
fn quote_galley(ui: &egui::Ui, quote: &str) -> std::sync::Arc<egui::Galley> {
    const SHOWN: usize = 2_000;
    let text = match quote.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("“{}…” (the first {SHOWN} characters)", &quote[..cut]),
        None => format!("“{quote}”"),
    };
    let text = egui::RichText::new(text).italics();
    super::bidi_label::wrapped(ui, text, ui.available_width(), egui::TextStyle::Body)
}

/// The memo field's id, so "Memo…" can give it focus.
pub fn memo_id() -> egui::Id {
    egui::Id::unique("passage-memo")
}

/// Gives the memo field focus ("Memo…": the command, the context menu);
/// a memo shown read-only (right-to-left text) opens its field.
pub fn open_memo(ctx: &egui::Context) {
    let memo = memo_id();
    ctx.memory_mut(|m| m.request_focus(memo));
    ctx.data_mut(|d| d.insert_temp(memo, true));
}

/// Memo, coder, times and the Delete button, alike for every passage.
fn details_ui(
    ui: &mut egui::Ui,
    id: &PassageId,
    memo: &str,
    coder: &str,
    (created, modified): (DateTime<Utc>, DateTime<Utc>),
    actions: &mut Vec<Action>,
) {
    let label = ui.label("Memo");
    if memo_read_only(ui, memo) {
        return details_after_memo(ui, id, coder, (created, modified), actions);
    }
    let mut memo = memo.to_owned();
    let memo_edit = egui::TextEdit::multiline(&mut memo)
        .id(memo_id())
        .desired_rows(4)
        .desired_width(f32::INFINITY)
        .hint_text("Why this coding? (saved with the passage)");
    let field = ui.add(memo_edit).labelled_by(label.id);
    if ui.data_mut(|d| d.remove_temp::<bool>(memo_id()).is_some()) {
        field.request_focus();
        // In a short inspector the memo may sit below what is shown.
        field.scroll_to_me(Some(egui::Align::Center));
    }
    if field.changed() {
        let edit = Edit::SetMemo {
            passage: id.clone(),
            memo,
            modified: chrono::Utc::now(),
        };
        actions.push(Action::typing(edit, "Edit memo", format!("memo:{}", id.0)));
    }
    details_after_memo(ui, id, coder, (created, modified), actions);
}

/// A memo with right-to-left text, while it is not being edited, is shown
/// in reading order (egui's text field places words left to right); a
/// click on it, or focus given to the memo (the context menu's "Memo…"),
/// opens the field. Returns whether it was shown read-only.
fn memo_read_only(ui: &mut egui::Ui, memo: &str) -> bool {
    let editing = ui.memory(|m| m.has_focus(memo_id()))
        || ui.data(|d| d.get_temp::<bool>(memo_id()).is_some());
    if editing || !crate::model::bidi::has_rtl(memo) {
        return false;
    }
    let frame = egui::Frame::canvas(ui.style()).inner_margin(4.0);
    let shown = frame.show(ui, |ui| {
        let width = ui.available_width();
        let text = egui::RichText::new(memo);
        let galley = super::bidi_label::wrapped(ui, text, width, egui::TextStyle::Body);
        ui.set_min_width(width);
        ui.add(egui::Label::new(galley).sense(egui::Sense::click()))
    });
    let open = shown
        .inner
        .on_hover_text("Click to edit the memo")
        .clicked();
    if open {
        // The field is drawn from the next frame on, and takes focus there.
        ui.data_mut(|d| d.insert_temp(memo_id(), true));
        ui.ctx().request_repaint();
    }
    true
}

/// Coder, times and the Delete button.
fn details_after_memo(
    ui: &mut egui::Ui,
    id: &PassageId,
    coder: &str,
    (created, modified): (DateTime<Utc>, DateTime<Utc>),
    actions: &mut Vec<Action>,
) {
    let when = |t: DateTime<Utc>| t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string();
    egui::Grid::new("passage-meta")
        .num_columns(2)
        .show(ui, |ui| {
            ui.weak("Coder");
            ui.label(if coder.is_empty() { "—" } else { coder });
            ui.end_row();
            ui.weak("Created");
            ui.label(when(created));
            ui.end_row();
            ui.weak("Modified");
            ui.label(when(modified));
            ui.end_row();
        });
    if ui
        .button("Delete passage")
        .on_hover_text("Delete (Del); undo brings it back")
        .clicked()
    {
        actions.push(Action::Do(Intent::DeletePassage(id.clone())));
    }
}

/// Problems of the passage (a broken file's stale quote), and moving it
/// onto the selected text: how any passage's boundaries are corrected.
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
    if misplaced {
        re_place_button(ui, &p.id, None, selection.is_some(), actions);
        return;
    }
    let hint = "Select other text in the document, then press this to give the passage those boundaries; codes, memo and links stay.";
    let button = ui.add_enabled(
        selection.is_some(),
        egui::Button::new("Move to the selected text"),
    );
    if button
        .on_hover_text(hint)
        .on_disabled_hover_text(hint)
        .clicked()
    {
        actions.push(Action::Do(Intent::PlacePassage(p.id.clone())));
    }
}

fn codes_ui(ui: &mut egui::Ui, project: &Project, p: &Passage, actions: &mut Vec<Action>) {
    let mut swatches = Swatches::under(ui.painter());
    for dim in &project.codebook.dimensions {
        ui.horizontal_wrapped(|ui| {
            // Laid out at no width: the same layout wherever the row
            // starts, so the frame that codes the selection reuses it.
            let name = egui::RichText::new(format!("{}:", dim.name)).weak();
            let wrap = Some(egui::TextWrapMode::Extend);
            let name = egui::WidgetText::from(name).into_galley(
                ui,
                wrap,
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            ui.label(name);
            for code in &dim.codes {
                if code_toggle(ui, &mut swatches, code, p.has_code(&code.id)).clicked() {
                    actions.push(Action::code(code.id.clone()));
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
    let style = egui::TextStyle::Button;
    let galley = super::bidi_label::line(ui, ("", &code.name, ""), &style, f32::INFINITY);
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
