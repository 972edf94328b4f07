//! The codebook file (`*.codebook.ron`): a [`Codebook`] on its own, as shipped
//! in `assets/codebook.ron`.

use std::path::Path;

use super::ron_text::{RonError, from_ron, to_ron};
use crate::model::Codebook;

#[derive(Debug, thiserror::Error)]
pub enum CodebookError {
    #[error(transparent)]
    Read(#[from] super::ReadError),
    #[error("codebook {path} is not valid: {error}")]
    Parse { path: String, error: RonError },
}

pub fn parse(text: &str) -> Result<Codebook, RonError> {
    from_ron(text)
}

pub fn to_string(codebook: &Codebook) -> String {
    to_ron(codebook)
}

pub fn load(path: &Path) -> Result<Codebook, CodebookError> {
    let text = super::read_text(path)?;
    parse(&text).map_err(|error| CodebookError::Parse {
        path: path.display().to_string(),
        error,
    })
}
