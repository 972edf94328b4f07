//! What ships inside the binary: the brief, the default codebook, the
//! example coding and the reading fonts. The files live in `assets/`.

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
