//! Colours and swatches shared by every panel and window: a code's colour,
//! its swatch (one at a time, or many as one mesh), a relation's colour.
//! Kept here, so no window reaches into another's module for a colour.

use egui::{Color32, Rect, Sense, vec2};

use crate::model::Rgb;

/// A colour from the codebook, as egui wants it.
pub fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// A small filled square in a code's colour.
pub fn swatch(ui: &mut egui::Ui, c: Rgb) {
    let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color(c));
}

/// Code swatches gathered into one mesh of plain squares and painted as
/// one shape, under what is painted after `Swatches::under`: panels show
/// dozens every frame, and a rounded rectangle each costs a path to
/// tessellate.
pub struct Swatches {
    mesh: egui::Mesh,
    slot: egui::layers::ShapeIdx,
}

impl Swatches {
    /// Reserves their place in `painter`'s layer, under what comes next.
    pub fn under(painter: &egui::Painter) -> Self {
        Self {
            mesh: egui::Mesh::default(),
            slot: painter.add(egui::Shape::Noop),
        }
    }

    /// A swatch filling `rect`.
    pub fn add(&mut self, rect: Rect, c: Rgb) {
        self.fill(rect, color(c));
    }

    /// Any plain square-cornered fill, painted with the swatches.
    pub fn fill(&mut self, rect: Rect, fill: Color32) {
        self.mesh.add_colored_rect(rect, fill);
    }

    /// Puts them in their place (`painter` is the one they were made with).
    pub fn paint(self, painter: &egui::Painter) {
        painter.set(self.slot, egui::Shape::mesh(self.mesh));
    }
}

/// Colour of a relation type by its place in the list: supports green,
/// contradicts red, explains blue, is a pretext for orange, then repeats.
pub fn relation_color(relation: Option<usize>) -> Color32 {
    const PALETTE: [Color32; 6] = [
        Color32::from_rgb(0x2e, 0x8b, 0x57),
        Color32::from_rgb(0xc0, 0x39, 0x2b),
        Color32::from_rgb(0x2f, 0x6f, 0xb5),
        Color32::from_rgb(0xd9, 0x82, 0x2b),
        Color32::from_rgb(0x8e, 0x5b, 0xb5),
        Color32::from_rgb(0x6b, 0x6b, 0x6b),
    ];
    relation.map_or(PALETTE[5], |i| PALETTE[i % PALETTE.len()])
}

/// Colours of the compare view: both coders, only the first, only the second.
pub fn coverage_color(c: crate::analysis::compare::Coverage) -> egui::Color32 {
    use crate::analysis::compare::Coverage;
    match c {
        Coverage::Both => egui::Color32::from_rgba_unmultiplied(0x2e, 0x8b, 0x57, 90),
        Coverage::OnlyFirst => egui::Color32::from_rgba_unmultiplied(0x2f, 0x6f, 0xb5, 90),
        Coverage::OnlySecond => egui::Color32::from_rgba_unmultiplied(0xd9, 0x82, 0x2b, 90),
    }
}

/// The fill of a hit in the reading pane and the results: amber, stronger
/// for the current hit, so it differs from selection blue and code colours.
pub fn hit_color(dark: bool, current: bool) -> Color32 {
    match (current, dark) {
        (true, _) => Color32::from_rgba_unmultiplied(255, 150, 0, 150),
        (false, true) => Color32::from_rgba_unmultiplied(255, 200, 40, 70),
        (false, false) => Color32::from_rgba_unmultiplied(255, 205, 40, 110),
    }
}
