//! Plain-text documents with the brief's light markup (`.txt`).

use std::path::Path;

use crate::model::markup;
use crate::model::{Codebook, Document, DocumentId, Project};

/// Reading a text document fails only when reading the file does.
pub type TextError = super::ReadError;

/// A document read from a text file, and what was odd about its markup.
pub struct TextImport {
    pub document: Document,
    /// Each names the file and the line.
    pub warnings: Vec<String>,
}

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

/// Parses the text of `path` (already read) into a document.
pub fn from_text(path: &Path, text: &str) -> TextImport {
    let parsed = markup::parse(id_from_path(path), text);
    let warnings = (parsed.warnings.iter())
        .map(|w| format!("{}: {w}", path.display()))
        .collect();
    TextImport {
        document: parsed.document,
        warnings,
    }
}

/// Reads a text document in UTF-8, UTF-16 (with a byte-order mark) or
/// Windows-1252; a note among the warnings says when it was not UTF-8.
pub fn read(path: &Path) -> Result<TextImport, TextError> {
    let bytes = std::fs::read(path).map_err(|e| super::ReadError::io(path, e))?;
    from_bytes(path, &bytes)
}

/// Decodes and parses a text document's bytes.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<TextImport, TextError> {
    let decoded = super::decode::decode_document(bytes, path)?;
    let mut import = from_text(path, &decoded.text);
    import.warnings.splice(0..0, decoded.note);
    Ok(import)
}

/// A new project on one text document with the given codebook.
pub fn new_project(path: &Path, codebook: Codebook) -> Result<(Project, Vec<String>), TextError> {
    let import = read(path)?;
    Ok((
        Project::new(vec![import.document], codebook),
        import.warnings,
    ))
}
