//! The codebook pane: every code as a button with its colour, number key and
//! use count. Clicking codes the selection.

use super::actions::Action;
use super::colors::Swatches;
use crate::model::{Code, PassageIndex, Project};

/// `can_code`: a code click would do something (text or a passage is
/// selected); `text_selected`: it would add a passage, so each code's
/// count one higher is laid out ahead, and the frame that codes finds it.
pub fn ui(
    ui: &mut egui::Ui,
    project: &Project,
    index: &PassageIndex,
    (can_code, text_selected): (bool, bool),
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.heading("Codebook");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Edit…")
                .on_hover_text("Edit codes and dimensions")
                .clicked()
            {
                actions.push(Action::ToggleCodebookEditor);
            }
        });
    });
    hint(ui, can_code);
    ui.add_space(4.0);
    let mut swatches = Swatches::under(ui.painter());
    for dim in &project.codebook.dimensions {
        ui.add_space(6.0);
        let label = if dim.exclusive {
            format!("{}  (one of)", dim.name)
        } else {
            dim.name.clone()
        };
        ui.label(egui::RichText::new(label).strong()).on_hover_text(
            if dim.description.is_empty() {
                "No description"
            } else {
                &dim.description
            },
        );
        for code in &dim.codes {
            let row = CodeRow {
                code,
                key: code.key(),
                uses: index.uses(&code.id),
                enabled: can_code,
            };
            if text_selected {
                count_galley(ui, row.uses + 1);
            }
            if row.ui(ui, &mut swatches).clicked() {
                actions.push(Action::code(code.id.clone()));
            }
        }
    }
    swatches.paint(ui.painter());
    if project.codebook.dimensions.is_empty() {
        ui.weak("The codebook is empty. Use Edit… to add a dimension and codes.");
    }
}

/// The hint above the codes. It stays and its words change; its height is
/// that of the longer wording at this width, so the code buttons below it
/// never move when text is selected (they jumped under the pointer).
fn hint(ui: &mut egui::Ui, can_code: bool) {
    const WORDS: [&str; 2] = [
        "Select text or a passage, then click a code or press its number.",
        "Click a code or press its number to code the selection.",
    ];
    let width = ui.available_width();
    let color = ui.visuals().weak_text_color();
    let galleys = WORDS.map(|w| {
        let text = egui::WidgetText::from(w).color(color);
        text.into_galley(
            ui,
            Some(egui::TextWrapMode::Wrap),
            width,
            egui::TextStyle::Body,
        )
    });
    let height = galleys.iter().map(|g| g.size().y).fold(0.0, f32::max);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let shown = galleys[usize::from(can_code)].clone();
    ui.painter().galley(rect.min, shown, color);
}

/// One code: its swatch, a button with its key and name, and its use count.
struct CodeRow<'a> {
    code: &'a Code,
    key: Option<usize>,
    uses: usize,
    enabled: bool,
}

/// Width of the button part of a row (at most: a narrow pane narrows it),
/// the swatch's place left of it, and the count's room right of it.
const BUTTON_W: f32 = 140.0;
const SWATCH_SLOT: f32 = 12.0;
const COUNT_ROOM: f32 = 34.0;

impl CodeRow<'_> {
    /// Painted directly (the pane is redrawn every frame, and a button and
    /// a layout per code cost several times as much); the swatch and the
    /// button's ground go into `swatches`, painted once for the pane.
    fn ui(&self, ui: &mut egui::Ui, swatches: &mut Swatches) -> egui::Response {
        let key = self.key.map_or("   ".to_owned(), |k| format!("{k} "));
        let text = format!("{key}{}", self.code.name);
        let height = ui.spacing().interact_size.y;
        let size = egui::vec2(ui.available_width(), height);
        // A code can also be dragged onto the selected text to apply it.
        let sense = if self.enabled {
            egui::Sense::click_and_drag()
        } else {
            egui::Sense::hover()
        };
        let (row, _) = ui.allocate_exact_size(size, egui::Sense::hover());
        // Only the button answers clicks, as a button would; the swatch
        // stands left of it and the count right of it.
        let left = row.left() + SWATCH_SLOT + ui.spacing().item_spacing.x;
        // In a narrow pane the button gives way, so the count stays in view.
        let width = (row.right() - left - COUNT_ROOM).clamp(48.0, BUTTON_W);
        let rect =
            egui::Rect::from_min_size(egui::pos2(left, row.top()), egui::vec2(width, height));
        let id = ui.scope_id().with(("code-button", &self.code.id.0));
        let response = ui.interact(rect, id, sense);
        // The use count, painted beside the button, is its value for screen readers.
        response.widget_info(|| egui::WidgetInfo {
            value: Some(self.uses as f64),
            ..egui::WidgetInfo::labeled(egui::Role::Button, self.enabled, &text)
        });
        response.dnd_set_drag_payload(self.code.id.clone());
        if response.dragged() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
            let tip = format!("Drop on the selected text to code it as {}", self.code.name);
            egui::Tooltip::always_open(
                ui.ctx().clone(),
                ui.layer_id(),
                id.with("dragging"),
                egui::PopupAnchor::Pointer,
            )
            .show(|ui| ui.label(tip));
        }
        if ui.is_rect_visible(rect) {
            self.paint(ui, swatches, &response, &key);
        }
        response.on_hover_ui(|ui| code_tooltip(ui, self.code))
    }

    fn paint(&self, ui: &egui::Ui, swatches: &mut Swatches, r: &egui::Response, key: &str) {
        let button = r.rect;
        let spacing = ui.spacing().item_spacing.x;
        let square = egui::Rect::from_center_size(
            egui::pos2(
                button.left() - spacing - SWATCH_SLOT / 2.0,
                button.center().y,
            ),
            egui::Vec2::splat(10.0),
        );
        swatches.add(square, self.code.color);
        let style = if r.is_pointer_button_down_on() {
            &ui.visuals().widgets.active
        } else if r.hovered() || r.has_focus() {
            &ui.visuals().widgets.hovered
        } else {
            &ui.visuals().widgets.inactive
        };
        // Disabled: the button faded, as egui fades disabled widgets.
        let fade = if self.enabled { 1.0 } else { 0.5 };
        swatches.fill(button, style.weak_bg_fill.gamma_multiply(fade));
        if r.has_focus() {
            let focus = ui.visuals().selection.stroke;
            ui.painter()
                .rect_stroke(button, 2.0, focus, egui::StrokeKind::Inside);
        }
        // The key stays first whatever the name's direction.
        let name = self.code.name.as_str();
        let font = egui::TextStyle::Button;
        let galley = super::bidi_label::line(ui, (key, name, ""), &font, button.width() - 8.0);
        let at = button.center() - galley.size() / 2.0;
        (ui.painter()).galley(at, galley, style.fg_stroke.color.gamma_multiply(fade));
        let count = count_galley(ui, self.uses);
        let at = egui::pos2(
            button.right() + spacing,
            button.center().y - count.size().y / 2.0,
        );
        ui.painter()
            .galley(at, count, ui.visuals().weak_text_color());
    }
}

/// A count as shown beside a code or a document: laid out the same way
/// wherever it is asked for, so one laid out ahead is found in egui's
/// cache by the frame that shows it.
pub fn count_galley(ui: &egui::Ui, n: usize) -> std::sync::Arc<egui::Galley> {
    egui::WidgetText::from(n.to_string()).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    )
}

/// A code's definition and rules, as shown on hover.
pub fn code_tooltip(ui: &mut egui::Ui, code: &Code) {
    ui.set_max_width(380.0);
    ui.strong(&code.name);
    for (title, text) in [
        ("Definition", &code.definition),
        ("When to use", &code.when_to_use),
        ("When not to use", &code.when_not_to_use),
        ("Example", &code.example),
        ("Memo", &code.memo),
    ] {
        if !text.is_empty() {
            ui.add_space(4.0);
            ui.label(egui::RichText::new(title).small().strong());
            ui.label(text);
        }
    }
}
