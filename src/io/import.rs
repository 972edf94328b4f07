//! What every importer shares: one error type, and the check that an
//! imported project is sound before anything is written.

use crate::model::{Problem, Project};

/// Why an import was refused. Nothing is written when an import fails.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Read(#[from] super::ReadError),
    /// A project file that cannot be loaded (its errors name the file).
    #[error(transparent)]
    Project(#[from] super::project_file::LoadError),
    /// The file is not of the expected format, or is broken.
    #[error("{file}: {message}")]
    Malformed { file: String, message: String },
    /// An archive entry whose path leaves the archive (`..`, absolute paths).
    #[error("{file}: archive entry {entry:?} points outside the archive; refusing the file")]
    UnsafeEntry { file: String, entry: String },
    /// An archive entry that expands past the limit (a zip bomb, or not a project).
    #[error("{file}: archive entry {entry:?} expands past {limit} bytes; refusing the file")]
    TooLarge {
        file: String,
        entry: String,
        limit: u64,
    },
    /// XML with a DOCTYPE or entity declarations (entity expansion attacks).
    #[error("{file}: XML with a DTD or entity declarations is not accepted")]
    Dtd { file: String },
    /// A codebook whose codes a locked codebook (a student's assignment)
    /// cannot take.
    #[error(
        "{file}: the codebook of this assignment is locked, so its codes cannot be added ({}); nothing was imported. Ask the teacher for a new assignment if the codebook must change.",
        codes.join(", ")
    )]
    CodebookLocked { file: String, codes: Vec<String> },
    /// The user stopped the import; nothing was imported.
    #[error("import cancelled; nothing was imported")]
    Cancelled,
    /// The imported data does not hold together (ranges, codes, ids).
    #[error("{file}: {} problem(s), first: {}", problems.len(), problems.first().map(ToString::to_string).unwrap_or_default())]
    Invalid {
        file: String,
        problems: Vec<Problem>,
    },
}

/// Refuses an imported project with any problem (selections outside the
/// text, quotes that do not match, unknown codes, duplicate ids).
pub fn validated(project: Project, file: &str) -> Result<Project, ImportError> {
    match project.check() {
        Ok(_) => Ok(project),
        Err(problems) => Err(ImportError::Invalid {
            file: file.to_owned(),
            problems,
        }),
    }
}

/// Largest uncompressed size accepted for one archive entry (and for one
/// text file): far above any real document, far below a zip bomb.
pub const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;
