//! The fonts every family draws with: the reading families (Charis SIL, with
//! Noto Serif's Greek before it and Noto Serif faces for Armenian, Georgian,
//! Arabic script, Hebrew and Devanagari after it), the UI families (egui's, then Noto Sans faces for the same
//! scripts), egui's emoji fonts behind all of them, and the system's fonts
//! for what nothing bundled has (CJK). What ships, and why: docs/fonts.md.

use std::sync::{Arc, OnceLock};

use egui::{FontData, FontDefinitions, FontFamily, FontProvider};

use crate::assets;

pub const READING: &str = "reading";
pub const READING_BOLD: &str = "reading-bold";
pub const READING_ITALIC: &str = "reading-italic";

/// The reading families, as the reading pane names them.
pub const READING_FAMILIES: [&str; 3] = [READING, READING_BOLD, READING_ITALIC];

/// A bundled face: its name in egui's font data and its bytes.
type Face = (&'static str, &'static [u8]);

/// Greek before Charis (which has only the Greek letters of mathematics and
/// phonetics, so a word would mix faces), in the reading families' order:
/// Noto Serif cut down to Greek, so Latin still comes from Charis.
const GREEK: [Face; 3] = [
    ("noto-serif-greek", assets::NOTO_SERIF_GREEK),
    ("noto-serif-greek-bold", assets::NOTO_SERIF_GREEK_BOLD),
    ("noto-serif-greek-italic", assets::NOTO_SERIF_GREEK_ITALIC),
];

/// Serif faces behind Charis in the reading family, one per script.
const SERIF: [Face; 5] = [
    ("noto-serif-armenian", assets::NOTO_SERIF_ARMENIAN),
    ("noto-serif-georgian", assets::NOTO_SERIF_GEORGIAN),
    ("noto-naskh-arabic", assets::NOTO_NASKH_ARABIC),
    ("noto-serif-hebrew", assets::NOTO_SERIF_HEBREW),
    ("noto-serif-devanagari", assets::NOTO_SERIF_DEVANAGARI),
];

/// The same scripts in bold, behind Charis Bold.
const SERIF_BOLD: [Face; 5] = [
    ("noto-serif-armenian-bold", assets::NOTO_SERIF_ARMENIAN_BOLD),
    ("noto-serif-georgian-bold", assets::NOTO_SERIF_GEORGIAN_BOLD),
    ("noto-naskh-arabic-bold", assets::NOTO_NASKH_ARABIC_BOLD),
    ("noto-serif-hebrew-bold", assets::NOTO_SERIF_HEBREW_BOLD),
    (
        "noto-serif-devanagari-bold",
        assets::NOTO_SERIF_DEVANAGARI_BOLD,
    ),
];

/// Sans faces for the UI families: they sit beside Ubuntu Light (a sans) in
/// lists, labels and tables, and are more compact vertically than the serif
/// faces (Naskh's tall marks would crowd a single-line row).
const SANS: [Face; 5] = [
    ("noto-sans-armenian", assets::NOTO_SANS_ARMENIAN),
    ("noto-sans-georgian", assets::NOTO_SANS_GEORGIAN),
    ("noto-sans-arabic", assets::NOTO_SANS_ARABIC),
    ("noto-sans-hebrew", assets::NOTO_SANS_HEBREW),
    ("noto-sans-devanagari", assets::NOTO_SANS_DEVANAGARI),
];

/// egui's last resorts in its default families (icons and emoji): kept at
/// the end of every chain, after any script face.
const EGUI_LAST_RESORTS: [&str; 3] = ["egui-icons", "NotoEmoji-Regular", "emoji-icon-font"];

pub fn family(name: &str) -> FontFamily {
    FontFamily::Name(name.into())
}

/// The bundled fonts and every family's fallback chain, as `install` sets
/// them (without the system fonts, which are found on demand).
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let egui_proportional = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    for (name, bytes) in [
        (READING, assets::FONT_REGULAR),
        (READING_BOLD, assets::FONT_BOLD),
        (READING_ITALIC, assets::FONT_ITALIC),
    ]
    .into_iter()
    .chain(GREEK)
    .chain(SERIF)
    .chain(SERIF_BOLD)
    .chain(SANS)
    {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
    }
    // Armenian, Georgian, Arabic and Hebrew have no true italic (a slanted
    // Armenian or Naskh would be a fake), so the italic family falls back to
    // the upright script faces, as a book would set them.
    for ((name, scripts), (greek, _)) in [
        (READING, &SERIF),
        (READING_BOLD, &SERIF_BOLD),
        (READING_ITALIC, &SERIF),
    ]
    .into_iter()
    .zip(GREEK)
    {
        let chain = [greek, name]
            .into_iter()
            .chain(scripts.iter().map(|(face, _)| *face))
            .map(str::to_owned)
            .chain(egui_proportional.iter().cloned())
            .collect();
        fonts.families.insert(family(name), chain);
    }
    for ui_family in [FontFamily::Proportional, FontFamily::Monospace] {
        if let Some(chain) = fonts.families.get_mut(&ui_family) {
            let at = chain
                .iter()
                .position(|f| EGUI_LAST_RESORTS.contains(&f.as_str()))
                .unwrap_or(chain.len());
            chain.splice(at..at, SANS.iter().map(|(face, _)| (*face).to_owned()));
            // The UI font lacks some punctuation and symbols the reading
            // font has; last, so it never changes what egui's fonts draw.
            chain.push(READING.to_owned());
        }
    }
    fonts
}

/// Installs the fonts: the bundled ones now, the system's found on demand.
pub fn install(ctx: &egui::Context) {
    install_with(ctx, Some(system_fonts()));
}

/// `install`, with `provider` asked for the characters no bundled font has
/// (the system's fonts in the app; none, or a recording one, in tests).
/// The provider is set once per context: `install` runs both when the window
/// opens and on the workbench's first frame, and setting providers again
/// would reload the fonts and forget those already found.
pub fn install_with(ctx: &egui::Context, provider: Option<Arc<dyn FontProvider>>) {
    ctx.set_fonts(definitions());
    let id = egui::Id::unique("briefmark-font-provider");
    if !ctx.data(|d| d.get_temp::<bool>(id).unwrap_or(false)) {
        // Replaces, not adds: eframe's own provider (if enabled) would be
        // asked first and find a different font than the tests see.
        ctx.set_font_providers(provider.into_iter().collect());
        ctx.data_mut(|d| d.insert_temp(id, true));
    }
}

/// egui's system font provider (fontique: fontconfig, CoreText or
/// DirectWrite), shared by every context of the process so the system's
/// fonts are listed once. Listing starts on a worker thread now and is only
/// waited for when a character is missing from every bundled font, so the
/// first frame of a document without such characters never waits.
fn system_fonts() -> Arc<dyn FontProvider> {
    static PROVIDER: OnceLock<Arc<egui_system_font_provider::SystemFontProvider>> = OnceLock::new();
    let provider = PROVIDER.get_or_init(|| Arc::new(Default::default()));
    Arc::clone(provider) as Arc<dyn FontProvider>
}

/// How many times egui has emptied its glyph atlas, as far as this
/// context has seen: egui does when the atlas is 80% full (a long Chinese
/// text, many sizes), and a galley kept across frames then points at
/// glyphs that are gone. Whatever keeps galleys (the reading pane, the
/// lists) keys them with this and lays them out again when it moves.
/// Seen by the fill ratio falling, which only a clear does; asked every
/// frame by the reading pane.
pub fn atlas_epoch(ctx: &egui::Context) -> u64 {
    let ratio = ctx.fonts(|f| f.font_atlas_fill_ratio());
    let id = egui::Id::unique("briefmark-atlas-epoch");
    ctx.data_mut(|d| {
        let (last, epoch) = d.get_temp_mut_or_default::<(f32, u64)>(id);
        if ratio < *last {
            *epoch += 1;
        }
        *last = ratio;
        *epoch
    })
}

/// Whether `install` has taken effect (fonts apply from the next frame on).
pub fn installed(ctx: &egui::Context) -> bool {
    ctx.fonts(|f| f.families().contains(&family(READING)))
}

/// Runs `f` in one pass of a context with the app's bundled fonts (for
/// unit tests of layout).
#[cfg(test)]
pub(crate) fn with_ui<R>(f: impl FnOnce(&egui::Ui) -> R) -> R {
    let ctx = egui::Context::default();
    install_with(&ctx, None);
    let (mut f, mut out) = (Some(f), None);
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        out = f.take().map(|f| f(ui))
    });
    output.textures_delta.clear();
    out.expect("the pass ran")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atlas_cleared_by_egui_moves_the_epoch() {
        // The smallest atlas egui allows (1,024 px a side) fills after a few
        // large sizes of a few
        // alphabets; egui then clears it at the start of a pass.
        let ctx = egui::Context::default();
        install_with(&ctx, None);
        let text = "abcdefghijklmnopqrstuvwxyz ԱԲԳԴԵԶԷԸԹԺ აბგდევზთიკ АБВГДЕЖЗИЙ";
        let mut epochs = Vec::new();
        for size in (60..800).step_by(20) {
            let input = egui::RawInput {
                max_texture_side: Some(1024),
                ..Default::default()
            };
            let mut out = ctx.run_ui(input, |ui| {
                epochs.push(atlas_epoch(ui.ctx()));
                let font = egui::FontId::new(size as f32, family(READING));
                let _ = ui.fonts_mut(|f| f.layout_no_wrap(text.into(), font, egui::Color32::WHITE));
                epochs.push(atlas_epoch(ui.ctx()));
            });
            out.textures_delta.clear();
            if epochs.last() > Some(&0) {
                break;
            }
        }
        assert_eq!(epochs.first(), Some(&0));
        assert!(epochs.last() > Some(&0), "no clear seen: {epochs:?}");
    }
}
