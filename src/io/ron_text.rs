//! RON reading and writing shared by the project and codebook files.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A RON text that could not be read, with where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct RonError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

pub fn from_ron<T: DeserializeOwned>(text: &str) -> Result<T, RonError> {
    ron::from_str(text).map_err(|e: ron::error::SpannedError| RonError {
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })
}

/// Pretty, deterministic RON: the same value always gives the same text.
pub fn to_ron<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_owned())
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        // Raw strings keep the document's paragraphs on their own lines, so
        // a diff of a project shows which paragraph or memo changed.
        .escape_strings(false);
    // Our types serialize to RON without failing (no maps with non-string keys).
    ron::ser::to_string_pretty(value, config)
        .unwrap_or_else(|e| unreachable!("RON serialization: {e}"))
}
