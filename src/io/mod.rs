//! Files in and out: the project file, the codebook file, text documents,
//! atomic writes. One file per format; nothing here knows about the UI.

pub mod atomic;
pub mod codebook_file;
pub mod csv_links;
pub mod csv_table;
pub mod decode;
pub mod documents;
pub mod escape;
pub mod export;
pub mod feedback;
pub mod formats;
pub mod import;
pub mod import_files;
pub mod json_file;
pub mod migrate;
pub mod output;
pub mod project_file;
pub mod recovery;
pub mod refi_qda;
pub mod report;
pub mod ron_text;
pub mod text_document;
pub mod w3c;

use std::path::Path;

pub use atomic::write_atomic;
pub use project_file::{LoadError, SaveError};

use crate::model::{ConflictPolicy, Project};

/// A text file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("{path} is not UTF-8 text; save it as UTF-8 and try again")]
    NotUtf8 { path: String },
    #[error("{path} cannot be read as text ({why})")]
    NotText { path: String, why: String },
}

impl ReadError {
    /// `path` could not be read.
    pub fn io(path: &Path, error: std::io::Error) -> Self {
        Self::Io {
            path: path.display().to_string(),
            error,
        }
    }
}

/// Reads a whole UTF-8 text file.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let bytes = std::fs::read(path).map_err(|e| ReadError::io(path, e))?;
    let path = path.display().to_string();
    String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8 { path })
}

/// Anything `open` can fail with.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Project(#[from] LoadError),
    #[error(transparent)]
    Text(#[from] text_document::TextError),
    #[error(transparent)]
    Document(#[from] import::ImportError),
}

/// What was opened: the project, whether it is new (from a text file, not yet
/// saved anywhere), and warnings about its markup.
pub struct Opened {
    pub project: Project,
    pub is_new: bool,
    pub warnings: Vec<String>,
}

/// Opens a project file, or a `.txt` document as a new project coded with
/// the default codebook.
pub fn open(path: &Path) -> Result<Opened, OpenError> {
    let kind = documents::Kind::from_path(path);
    if kind.is_some_and(|k| k != documents::Kind::Text) {
        // Markdown, HTML, Word, PDF: read as an import into an empty project.
        let empty = Project::new(Vec::new(), crate::assets::default_codebook());
        let imported =
            import_files::import_paths(&[path.to_path_buf()], empty, ConflictPolicy::KeepOurs)?;
        return Ok(Opened {
            project: imported.project,
            is_new: true,
            warnings: imported.warnings,
        });
    }
    if kind == Some(documents::Kind::Text) {
        let (project, warnings) =
            text_document::new_project(path, crate::assets::default_codebook())?;
        return Ok(Opened {
            project,
            is_new: true,
            warnings,
        });
    }
    let project = project_file::load(path)?;
    Ok(Opened {
        project,
        is_new: false,
        warnings: Vec::new(),
    })
}

/// A whole project from any file briefmark reads as one: a project file
/// (`.ron`), or an importable export (`.json`, `.jsonl`, `.qdpx`). For
/// `export`, `stats`, `agree` and the Compare and Teaching windows.
pub fn load_project_any(file: &Path) -> Result<Project, import::ImportError> {
    if formats::is_project_file(file) {
        return Ok(project_file::load(file)?);
    }
    let empty = Project::new(Vec::new(), crate::model::Codebook::default());
    let imported = import_files::import_paths(
        &[file.to_path_buf()],
        empty,
        crate::model::ConflictPolicy::KeepOurs,
    )?;
    Ok(imported.project)
}

/// A file's name without its briefmark extensions: how a coding read from
/// a file is labelled in agreement reports.
pub fn file_label(file: &Path) -> String {
    formats::project_label(file)
}
