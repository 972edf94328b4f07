//! What ships inside the binary: the brief, the default codebook, the
//! example coding and the fonts. The files live in `assets/`.

use crate::io::{codebook_file, project_file};
use crate::model::markup;
use crate::model::{Codebook, DocumentId, Project};

pub const BRIEF: &str = include_str!("../assets/azerbaijan-russia-brief.txt");
pub const BRIEF_ID: &str = "azerbaijan-russia-brief";
pub const CODEBOOK: &str = include_str!("../assets/codebook.ron");
pub const EXAMPLE: &str =
    include_str!("../assets/examples/azerbaijan-russia-brief.example.briefmark.ron");
pub const EXAMPLE_NAME: &str = "azerbaijan-russia-brief.example.briefmark.ron";

pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/CharisSIL-Regular.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/CharisSIL-Bold.ttf");
pub const FONT_ITALIC: &[u8] = include_bytes!("../assets/fonts/CharisSIL-Italic.ttf");

// Noto faces for the scripts Charis lacks (OFL, `assets/fonts/OFL-Noto.txt`).
// Serif, for the reading families: upright and bold (these scripts have no
// italic; docs/fonts.md).
pub const NOTO_SERIF_ARMENIAN: &[u8] =
    include_bytes!("../assets/fonts/NotoSerifArmenian-Regular.ttf");
pub const NOTO_SERIF_ARMENIAN_BOLD: &[u8] =
    include_bytes!("../assets/fonts/NotoSerifArmenian-Bold.ttf");
pub const NOTO_SERIF_GEORGIAN: &[u8] =
    include_bytes!("../assets/fonts/NotoSerifGeorgian-Regular.ttf");
pub const NOTO_SERIF_GEORGIAN_BOLD: &[u8] =
    include_bytes!("../assets/fonts/NotoSerifGeorgian-Bold.ttf");
pub const NOTO_NASKH_ARABIC: &[u8] = include_bytes!("../assets/fonts/NotoNaskhArabic-Regular.ttf");
pub const NOTO_NASKH_ARABIC_BOLD: &[u8] =
    include_bytes!("../assets/fonts/NotoNaskhArabic-Bold.ttf");
pub const NOTO_SERIF_HEBREW: &[u8] = include_bytes!("../assets/fonts/NotoSerifHebrew-Regular.ttf");
pub const NOTO_SERIF_HEBREW_BOLD: &[u8] =
    include_bytes!("../assets/fonts/NotoSerifHebrew-Bold.ttf");
pub const NOTO_SERIF_DEVANAGARI: &[u8] =
    include_bytes!("../assets/fonts/NotoSerifDevanagari-Regular.ttf");
pub const NOTO_SERIF_DEVANAGARI_BOLD: &[u8] =
    include_bytes!("../assets/fonts/NotoSerifDevanagari-Bold.ttf");
// Greek: Charis has only the two dozen letters of mathematics and phonetics,
// so a Greek word would mix two faces; these subsets of Noto Serif (Greek and
// Greek Extended only, docs/fonts.md) come before Charis and leave it Latin.
pub const NOTO_SERIF_GREEK: &[u8] = include_bytes!("../assets/fonts/NotoSerifGreek-Regular.ttf");
pub const NOTO_SERIF_GREEK_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSerifGreek-Bold.ttf");
pub const NOTO_SERIF_GREEK_ITALIC: &[u8] =
    include_bytes!("../assets/fonts/NotoSerifGreek-Italic.ttf");
// Sans, upright only, for the UI families beside egui's Ubuntu Light.
pub const NOTO_SANS_ARMENIAN: &[u8] =
    include_bytes!("../assets/fonts/NotoSansArmenian-Regular.ttf");
pub const NOTO_SANS_GEORGIAN: &[u8] =
    include_bytes!("../assets/fonts/NotoSansGeorgian-Regular.ttf");
pub const NOTO_SANS_ARABIC: &[u8] = include_bytes!("../assets/fonts/NotoSansArabic-Regular.ttf");
pub const NOTO_SANS_HEBREW: &[u8] = include_bytes!("../assets/fonts/NotoSansHebrew-Regular.ttf");
pub const NOTO_SANS_DEVANAGARI: &[u8] =
    include_bytes!("../assets/fonts/NotoSansDevanagari-Regular.ttf");

/// The bundled default codebook.
pub fn default_codebook() -> Codebook {
    // Checked by a test; a broken asset is a build defect, not user input.
    codebook_file::parse(CODEBOOK).unwrap_or_else(|e| panic!("assets/codebook.ron: {e}"))
}

/// A new project on the bundled brief with the default codebook.
pub fn default_project() -> Project {
    let doc = markup::parse(DocumentId(BRIEF_ID.to_owned()), BRIEF).document;
    Project::new(vec![doc], default_codebook())
}

/// The bundled example coding of the brief.
pub fn example_project() -> Project {
    project_file::parse(EXAMPLE, EXAMPLE_NAME).unwrap_or_else(|e| panic!("{EXAMPLE_NAME}: {e}"))
}
