//! Importing files into a project: whole projects (ours, JSON, JSONL,
//! REFI-QDA `.qdpx`), codebooks (`.qdc`) and text documents (`.txt`).
//! Several paths import into one project; nothing is written here, so a
//! failed import changes nothing.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::formats::{self, Reader, Role};
use super::import::{ImportError, MAX_ENTRY_BYTES};
use super::{documents, json_file, project_file, refi_qda, text_document};
use crate::model::{Codebook, ConflictPolicy, DocumentInfo, MergeReport, Project};

/// The result of an import: the merged project and what happened.
pub struct Imported {
    pub project: Project,
    pub report: MergeReport,
    /// Markup warnings of imported text documents, what a `.qdpx` held
    /// that was skipped or whose positions are unconfirmed, and a `.jsonl`
    /// that declares no record counts.
    pub warnings: Vec<String>,
}

/// One file's contribution.
enum Piece {
    /// A project, and warnings about what of its file was skipped.
    Project(Project, Vec<String>),
    Codebook(Codebook),
    Text(text_document::TextImport),
}

/// Imports `paths` in order into `into`.
pub fn import_paths(
    paths: &[PathBuf],
    into: Project,
    policy: ConflictPolicy,
) -> Result<Imported, ImportError> {
    import_paths_with(paths, into, policy, |_| true)
}

/// [`import_paths`], calling `go_on(i)` before the `i`-th file: it reports
/// progress, and returning false stops with [`ImportError::Cancelled`].
pub fn import_paths_with(
    paths: &[PathBuf],
    into: Project,
    policy: ConflictPolicy,
    mut go_on: impl FnMut(usize) -> bool,
) -> Result<Imported, ImportError> {
    let mut imported = Imported {
        project: into,
        report: MergeReport::default(),
        warnings: Vec::new(),
    };
    for (i, path) in paths.iter().enumerate() {
        if !go_on(i) {
            return Err(ImportError::Cancelled);
        }
        let bytes = read_limited(path)?;
        add_piece(&mut imported, path, piece_from_bytes(path, &bytes)?, policy)?;
    }
    Ok(imported)
}

/// Imports one file's contents into `into`, as `import_paths` does with a
/// file on disk: `path` gives its kind (by extension) and its name in
/// messages. For callers that already hold the bytes (and the fuzz targets).
pub fn import_bytes(
    path: &Path,
    bytes: &[u8],
    into: Project,
    policy: ConflictPolicy,
) -> Result<Imported, ImportError> {
    let mut imported = Imported {
        project: into,
        report: MergeReport::default(),
        warnings: Vec::new(),
    };
    add_piece(&mut imported, path, piece_from_bytes(path, bytes)?, policy)?;
    Ok(imported)
}

fn add_piece(
    imported: &mut Imported,
    path: &Path,
    piece: Piece,
    policy: ConflictPolicy,
) -> Result<(), ImportError> {
    match piece {
        Piece::Project(p, warnings) => {
            imported.warnings.extend(warnings);
            merge_report(&mut imported.report, imported.project.merge(p, policy));
        }
        Piece::Codebook(c) => {
            let mut report = MergeReport::default();
            (imported.project).merge_codebook(c, policy, &mut report);
            // A codebook brings nothing but codes: one the lock refuses
            // makes the whole file refused, not imported in part.
            if !report.locked_out_codes.is_empty() {
                return Err(ImportError::CodebookLocked {
                    file: path.display().to_string(),
                    codes: report.locked_out_codes,
                });
            }
            merge_report(&mut imported.report, report);
        }
        Piece::Text(t) => {
            imported.warnings.extend(t.warnings);
            imported
                .project
                .add_document(t.document, &mut imported.report);
        }
    }
    Ok(())
}

fn merge_report(total: &mut MergeReport, one: MergeReport) {
    total.documents_added += one.documents_added;
    total.documents_matched += one.documents_matched;
    total.codes_added += one.codes_added;
    total.codes_matched += one.codes_matched;
    total.conflicts.extend(one.conflicts);
    total.passages_added += one.passages_added;
    total.passages_already_present += one.passages_already_present;
    total.orphans_added += one.orphans_added;
    total.locked_out_codes.extend(one.locked_out_codes);
    total.passages_locked_out += one.passages_locked_out;
    total.relations_added += one.relations_added;
    total.links_added += one.links_added;
    total.links_already_present += one.links_already_present;
}

fn piece_from_bytes(path: &Path, bytes: &[u8]) -> Result<Piece, ImportError> {
    let name = path.display().to_string();
    let text = || {
        simdutf8::basic::from_utf8(bytes).map_err(|_| ImportError::Malformed {
            file: name.clone(),
            message: "not UTF-8 text".into(),
        })
    };
    let Some(reader) = formats::reader_of(path) else {
        return Err(ImportError::Malformed {
            message: format!(
                "unknown kind of file; briefmark imports {}",
                formats::import_kinds()
            ),
            file: name,
        });
    };
    Ok(match reader {
        Reader::Qdpx => {
            let (project, warnings) = refi_qda::from_qdpx_with_warnings(bytes, &name)?;
            Piece::Project(project, warnings)
        }
        Reader::Qdc => Piece::Codebook(refi_qda::from_qdc(bytes, &name)?),
        Reader::Jsonl => {
            let (project, warnings) = json_file::from_jsonl_with_warnings(text()?, &name)?;
            Piece::Project(project, warnings)
        }
        Reader::Json => Piece::Project(json_file::from_json(text()?, &name)?, Vec::new()),
        Reader::ProjectFile => Piece::Project(
            project_file::parse(text()?, &name).map_err(|e| ImportError::Malformed {
                file: name.clone(),
                message: e.to_string(),
            })?,
            Vec::new(),
        ),
        Reader::Document(_) | Reader::OldWord => Piece::Text(read_document_bytes(path, bytes)?),
    })
}

/// Reads a document file (`.txt`, `.md`, `.html`, `.docx`, `.pdf`) exactly as
/// importing it would: a revision of a document is read by the importer
/// for its file type, so it gives the text an import gives.
pub fn read_document(path: &Path) -> Result<text_document::TextImport, ImportError> {
    let bytes = read_limited(path)?;
    let is_document = matches!(
        formats::reader_of(path),
        Some(Reader::Document(_) | Reader::OldWord)
    );
    if !is_document {
        return Err(ImportError::Malformed {
            file: path.display().to_string(),
            message: format!(
                "not a document briefmark reads; documents are {}",
                formats::kinds(Role::Revision)
            ),
        });
    }
    read_document_bytes(path, &bytes)
}

/// The document in `bytes`, read by the importer for `path`'s ending
/// (one of the table's documents, or an old `.doc` to refuse with advice).
fn read_document_bytes(
    path: &Path,
    bytes: &[u8],
) -> Result<text_document::TextImport, ImportError> {
    match formats::reader_of(path) {
        Some(Reader::Document(documents::Kind::Text)) => {
            text_document::from_bytes(path, bytes).map_err(ImportError::from)
        }
        _ => rich_document(path, bytes),
    }
}

/// A Markdown, HTML, Word or PDF document, its metadata kept as the
/// document's info (author, date, source).
fn rich_document(path: &Path, bytes: &[u8]) -> Result<text_document::TextImport, ImportError> {
    let imported = documents::from_path_bytes(path, bytes, text_document::id_from_path(path))?;
    let mut document = imported.document;
    let meta = imported.metadata;
    let title = meta.title.unwrap_or_else(|| document.title().to_owned());
    let info = DocumentInfo {
        author: meta.author.unwrap_or_default(),
        date: meta.date.unwrap_or_default(),
        source: meta.source_url.unwrap_or_default(),
        ..document.info().clone()
    };
    document.set_description(title, info);
    // Each warning names the file already.
    let warnings = imported.warnings;
    Ok(text_document::TextImport { document, warnings })
}

/// Reads a whole file, refusing one larger than any real input.
fn read_limited(path: &Path) -> Result<Vec<u8>, ImportError> {
    let io = |e| ImportError::Read(super::ReadError::io(path, e));
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_ENTRY_BYTES {
        // Not `TooLarge`, whose message speaks of an archive entry.
        return Err(ImportError::Malformed {
            file: path.display().to_string(),
            message: format!(
                "the file is larger than {} MB, more than any document or project; refusing it",
                MAX_ENTRY_BYTES >> 20
            ),
        });
    }
    Ok(bytes)
}
