//! Plain-text documents with the brief's light markup (`.txt`).

use std::path::Path;

use crate::model::markup::{self, Parsed};
use crate::model::{Codebook, DocumentId, Project};

/// Reading a text document fails only when reading the file does.
pub type TextError = super::ReadError;

/// A document id from a file name: `briefs/My Brief.txt` → `my-brief`.
pub fn id_from_path(path: &Path) -> DocumentId {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = Codebook::default().fresh_id(&stem);
    DocumentId(if slug == "code" {
        "document".into()
    } else {
        slug
    })
}

pub fn read(path: &Path) -> Result<Parsed, TextError> {
    let text = super::read_text(path)?;
    Ok(markup::parse(id_from_path(path), &text))
}

/// A new project on one text document with the given codebook.
pub fn new_project(path: &Path, codebook: Codebook) -> Result<(Project, Vec<String>), TextError> {
    let parsed = read(path)?;
    let warnings = parsed
        .warnings
        .iter()
        .map(|w| format!("{}: {w}", path.display()))
        .collect();
    Ok((Project::new(vec![parsed.document], codebook), warnings))
}
