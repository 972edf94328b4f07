//! The reading font (Charis SIL, OFL, in `assets/fonts/`), installed beside
//! egui's UI fonts as named families.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::assets;

pub const READING: &str = "reading";
pub const READING_BOLD: &str = "reading-bold";
pub const READING_ITALIC: &str = "reading-italic";

pub fn family(name: &str) -> FontFamily {
    FontFamily::Name(name.into())
}

/// Adds the reading families; egui's own fonts stay the fallback for glyphs
/// Charis lacks.
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    let fallback = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    for (name, bytes) in [
        (READING, assets::FONT_REGULAR),
        (READING_BOLD, assets::FONT_BOLD),
        (READING_ITALIC, assets::FONT_ITALIC),
    ] {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
        let mut chain = vec![name.to_owned()];
        chain.extend(fallback.iter().cloned());
        fonts.families.insert(family(name), chain);
    }
    // The UI font lacks some punctuation and symbols the reading font has.
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        if let Some(chain) = fonts.families.get_mut(&family) {
            chain.push(READING.to_owned());
        }
    }
    ctx.set_fonts(fonts);
}

/// Whether `install` has taken effect (fonts apply from the next frame on).
pub fn installed(ctx: &egui::Context) -> bool {
    ctx.fonts(|f| f.families().contains(&family(READING)))
}
