//! The codebook editor window: add, rename, recolour, describe and delete
//! codes and dimensions, and give codes their number keys. Every change is
//! an undoable edit.

use super::actions::Action;
use super::relations_editor;
use crate::model::codebook::{KEYS, PALETTE};
use crate::model::{
    Code, CodeId, Codebook, Dimension, DimensionHeader, DimensionId, Edit, Project, Rgb,
};
use crate::session::Intent;

pub fn ui(ctx: &egui::Context, open: &mut bool, project: &Project, actions: &mut Vec<Action>) {
    let codebook = &project.codebook;
    egui::Window::new("Codebook")
        .open(open)
        .default_size([520.0, 560.0])
        .vscroll(true)
        .show(ctx, |ui| {
            let locked = project.codebook_locked();
            if locked {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "This assignment's codebook is locked: code with it as it is.",
                );
            }
            ui.add_enabled_ui(!locked, |ui| {
                for dim in &codebook.dimensions {
                    dimension_ui(ui, codebook, dim, actions);
                    ui.separator();
                }
                if ui.button("+ Add dimension").clicked() {
                    actions.push(Action::edit(new_dimension(codebook), "Add dimension"));
                }
            });
            ui.separator();
            relations_editor::ui(ui, project, actions);
        });
}

fn new_dimension(codebook: &Codebook) -> Edit {
    Edit::AddDimension {
        index: codebook.dimensions.len(),
        dimension: Dimension {
            id: DimensionId(codebook.fresh_id("New dimension")),
            name: "New dimension".into(),
            description: String::new(),
            exclusive: false,
            codes: Vec::new(),
        },
    }
}

fn new_code(codebook: &Codebook, dim: &Dimension) -> Edit {
    Edit::AddCode {
        dimension: dim.id.clone(),
        index: dim.codes.len(),
        code: Code {
            memo: String::new(),
            id: CodeId(codebook.fresh_id("New code")),
            name: "New code".into(),
            color: codebook.next_color(),
            definition: String::new(),
            when_to_use: String::new(),
            when_not_to_use: String::new(),
            example: String::new(),
            key: codebook.free_key(),
        },
    }
}

fn dimension_ui(
    ui: &mut egui::Ui,
    codebook: &Codebook,
    dim: &Dimension,
    actions: &mut Vec<Action>,
) {
    let mut header = DimensionHeader {
        name: dim.name.clone(),
        description: dim.description.clone(),
        exclusive: dim.exclusive,
    };
    ui.horizontal(|ui| {
        ui.label("Dimension");
        ui.add(egui::TextEdit::singleline(&mut header.name).desired_width(200.0));
        ui.checkbox(&mut header.exclusive, "exclusive")
            .on_hover_text("A passage holds at most one code of this dimension");
        if ui
            .small_button("Delete")
            .on_hover_text("Delete this dimension and its codes")
            .clicked()
        {
            actions.push(Action::Do(Intent::DeleteDimension {
                id: dim.id.clone(),
                confirmed: false,
            }));
        }
    });
    ui.add(
        egui::TextEdit::multiline(&mut header.description)
            .desired_rows(1)
            .desired_width(f32::INFINITY)
            .hint_text("What this dimension captures"),
    );
    if header.name != dim.name
        || header.description != dim.description
        || header.exclusive != dim.exclusive
    {
        let key = format!("dimension:{}", dim.id.0);
        let edit = Edit::UpdateDimension {
            id: dim.id.clone(),
            header,
        };
        actions.push(Action::typing(edit, "Edit dimension", key));
    }
    ui.indent(&dim.id.0, |ui| {
        for code in &dim.codes {
            code_ui(ui, codebook, code, actions);
        }
        if ui.button("+ Add code").clicked() {
            actions.push(Action::edit(new_code(codebook, dim), "Add code"));
        }
    });
}

fn code_ui(ui: &mut egui::Ui, codebook: &Codebook, code: &Code, actions: &mut Vec<Action>) {
    let mut edited = code.clone();
    let id = ui.make_persistent_id(("code-details", &code.id.0));
    egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, false)
        .show_header(ui, |ui| {
            colour_ui(ui, code, &mut edited.color);
            key_ui(ui, codebook, code, actions);
            ui.add(egui::TextEdit::singleline(&mut edited.name).desired_width(180.0));
            if ui
                .small_button("Delete")
                .on_hover_text("Delete this code")
                .clicked()
            {
                actions.push(Action::Do(Intent::DeleteCode {
                    id: code.id.clone(),
                    confirmed: false,
                }));
            }
        })
        .body(|ui| {
            for (label, text) in [
                ("Definition", &mut edited.definition),
                ("When to use", &mut edited.when_to_use),
                ("When not to use", &mut edited.when_not_to_use),
                ("Example quote", &mut edited.example),
                ("Memo (your notes on the code)", &mut edited.memo),
            ] {
                ui.label(egui::RichText::new(label).small());
                ui.add(
                    egui::TextEdit::multiline(text)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                );
            }
        });
    if &edited != code {
        let key = format!("code:{}", code.id.0);
        actions.push(Action::typing(Edit::UpdateCode(edited), "Edit code", key));
    }
}

/// The code's number key: none or 1–9. Choosing a key another code has
/// swaps the two codes' keys (one undo step), so no code loses its key
/// without a new one the user can see.
fn key_ui(ui: &mut egui::Ui, codebook: &Codebook, code: &Code, actions: &mut Vec<Action>) {
    let name_of = |k: usize| {
        (codebook.code_for_key(k))
            .filter(|id| **id != code.id)
            .and_then(|id| codebook.code(id))
            .map_or(k.to_string(), |c| format!("{k} (now {})", c.name))
    };
    let shown = code
        .key()
        .map_or("no key".to_owned(), |k| format!("key {k}"));
    let mut chosen = code.key;
    egui::ComboBox::from_id_salt(("code-key", &code.id.0))
        .selected_text(shown)
        .width(64.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, "no key");
            for k in KEYS {
                let key = u8::try_from(k).ok();
                ui.selectable_value(&mut chosen, key, name_of(k));
            }
        })
        .response
        .on_hover_text("The number key that applies this code");
    if chosen != code.key {
        let edits = (codebook.with_key(code, chosen).into_iter())
            .map(Edit::UpdateCode)
            .collect();
        actions.push(Action::edit(Edit::Batch(edits), "Set code key"));
    }
}

/// The code's colour as a button opening a picker: the palette, a
/// `#rrggbb` field and red, green and blue values. Changes go into
/// `colour`, an undoable code edit like any other. The picker is ours
/// rather than egui's, whose copy button is an emoji the bundled fonts
/// lack (drawn as a box).
fn colour_ui(ui: &mut egui::Ui, code: &Code, colour: &mut Rgb) {
    let button = egui::Button::new("")
        .fill(super::colors::color(*colour))
        .min_size(egui::vec2(28.0, 18.0));
    let response = ui
        .add(button)
        .on_hover_text("Colour of this code's tint and stripes");
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Colour of {}", code.name))
    });
    let popup_id = ui.make_persistent_id(("code-colour", &code.id.0));
    // egui's popup closes on an Escape it still sees, but the workbench
    // (clearing the selection) or the hex field (leaving it) has taken the
    // key by now; the frame's raw input still has it.
    let escape = ui.input(|i| {
        (i.raw.events.iter()).any(|e| {
            matches!(
                e,
                egui::Event::Key {
                    key: egui::Key::Escape,
                    pressed: true,
                    ..
                }
            )
        })
    });
    if escape {
        egui::Popup::close_id(ui.ctx(), popup_id);
    }
    egui::Popup::menu(&response)
        .id(popup_id)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            palette_ui(ui, colour);
            hex_ui(ui, popup_id, colour);
            ui.horizontal(|ui| {
                for (label, value) in [
                    ("R ", &mut colour.0),
                    ("G ", &mut colour.1),
                    ("B ", &mut colour.2),
                ] {
                    ui.add(egui::DragValue::new(value).speed(0.5).prefix(label));
                }
            });
        });
}

/// The palette's colours, one click each.
fn palette_ui(ui: &mut egui::Ui, colour: &mut Rgb) {
    ui.horizontal_wrapped(|ui| {
        for c in PALETTE {
            let swatch = egui::Button::new("")
                .fill(super::colors::color(c))
                .min_size(egui::vec2(18.0, 18.0))
                .selected(c == *colour);
            if ui.add(swatch).on_hover_text(String::from(c)).clicked() {
                *colour = c;
            }
        }
    });
}

/// The `#rrggbb` field: what is typed is kept while it is not a colour
/// yet, and applied as soon as it is one (the `#` may be left out).
fn hex_ui(ui: &mut egui::Ui, popup_id: egui::Id, colour: &mut Rgb) {
    let id = popup_id.with("hex");
    // The text typed, and the colour it was last in step with: a colour
    // changed elsewhere (palette, R G B, undo) rewrites the field.
    let (mut text, synced) = ui
        .data(|d| d.get_temp::<(String, Rgb)>(id))
        .filter(|(_, synced)| synced == colour)
        .unwrap_or_else(|| (String::from(*colour), *colour));
    let parsed = parse_hex(&text);
    ui.horizontal(|ui| {
        let label = ui.label("Hex");
        let field = egui::TextEdit::singleline(&mut text)
            .desired_width(80.0)
            .char_limit(7)
            .id(id.with("field"));
        ui.add(field).labelled_by(label.id);
        if parsed.is_none() {
            ui.colored_label(ui.visuals().warn_fg_color, "#rrggbb");
        }
    });
    let now = parse_hex(&text).unwrap_or(synced);
    *colour = now;
    ui.data_mut(|d| d.insert_temp(id, (text, now)));
}

/// A typed colour, `#rrggbb` or `rrggbb` (spaces around ignored).
fn parse_hex(text: &str) -> Option<Rgb> {
    let t = text.trim();
    let with_hash = if t.starts_with('#') {
        t.to_owned()
    } else {
        format!("#{t}")
    };
    Rgb::try_from(with_hash).ok()
}
