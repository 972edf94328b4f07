//! Documents from the formats briefs come in: `.txt` (the light markup),
//! `.md`, `.html`, `.docx` and `.pdf`, one importer per file. Each builds
//! its document through [`build::Builder`], so the plain text it keeps is
//! exactly what block and span offsets (code points) count, and returns
//! what the format says about the document ([`Metadata`]) beside it.
//!
//! What each importer keeps and drops: `docs/documents.md`.

mod build;
mod docx;
mod html;
mod html_limits;
mod markdown;
mod pdf;
mod pdf_layout;
mod pdf_streams;

use std::path::Path;

use crate::io::formats::{self, Reader};
use crate::io::import::{ImportError, MAX_ENTRY_BYTES};
use crate::io::{ReadError, text_document};
use crate::model::document::{DocumentRangeError, DocumentRepr};
use crate::model::{Document, DocumentId};

/// The formats read, by their usual extensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `.txt` in briefmark's light markup (`model::markup`).
    Text,
    /// `.md`, `.markdown`.
    Markdown,
    /// `.html`, `.htm`, `.xhtml`.
    Html,
    /// `.docx` (Office Open XML); not the older binary `.doc`.
    Docx,
    /// `.pdf`, its text layer.
    Pdf,
}

impl Kind {
    /// The kind a file's extension names, if briefmark reads it
    /// (`io::formats` decides).
    pub fn from_path(path: &Path) -> Option<Self> {
        match formats::reader_of(path)? {
            Reader::Document(kind) => Some(kind),
            _ => None,
        }
    }

    /// The usual extension, without the dot (`io::formats` holds it).
    pub fn extension(self) -> &'static str {
        let row = formats::FORMATS
            .iter()
            .find(|f| f.reader == Some(Reader::Document(self)));
        // Every kind has its row (formats' tests hold it).
        row.map_or("", formats::Format::extension)
    }

    /// What a person calls such a file, in messages.
    fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "Markdown",
            Self::Html => "HTML",
            Self::Docx => "Word (.docx)",
            Self::Pdf => "PDF",
        }
    }

    /// What to do with a file of this kind that cannot be read.
    fn remedy(self) -> &'static str {
        match self {
            Self::Text | Self::Markdown | Self::Html => "save it again as UTF-8 text",
            Self::Docx => "open it in Word or LibreOffice and save it again as .docx",
            Self::Pdf => "open it in a PDF viewer and print or export it to a new PDF",
        }
    }
}

/// What the file says about the document, as far as its format offers it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The format read (`None` only in a `Default` value).
    pub format: Option<Kind>,
    pub title: Option<String>,
    /// As the file names them; several are joined by "; ".
    pub author: Option<String>,
    /// ISO 8601 (`2025-11-20` or `2025-11-20T09:00:00Z`) where the format
    /// gives a machine date (docx, PDF); as written otherwise.
    pub date: Option<String>,
    /// Where the document was published (HTML canonical link or `og:url`,
    /// Markdown front matter `url`/`source`).
    pub source_url: Option<String>,
    /// Link targets, by the code-point range of the link's text: links are
    /// kept as plain text, this is where their URLs went.
    pub links: Vec<LinkTarget>,
}

/// A link's text range in the document and where it pointed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkTarget {
    pub start: usize,
    pub end: usize,
    pub url: String,
}

/// A document read from a file, what the file said about it, and what was
/// odd or dropped (each warning names the file).
#[derive(Clone, Debug)]
pub struct Imported {
    pub document: Document,
    pub metadata: Metadata,
    pub warnings: Vec<String>,
}

/// A file that could not be read as a document: which file, and why.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {problem}")]
pub struct DocumentError {
    pub file: String,
    pub problem: Problem,
}

/// Why a document could not be read; each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum Problem {
    #[error("cannot read the file ({0})")]
    Io(#[source] std::io::Error),
    #[error("the file is larger than {limit} bytes, more than any document; split it")]
    TooLarge { limit: u64 },
    #[error(
        "unknown kind of document; briefmark reads {}",
        formats::kinds(formats::Role::Document)
    )]
    UnknownKind,
    #[error(
        "an old binary Word document (.doc) is not read; open it in Word or LibreOffice and save it as .docx"
    )]
    OldWord,
    #[error("cannot be read as text ({0}); save it again as UTF-8 text")]
    NotText(String),
    #[error("not a {} file: {found}; rename it to what it is, or export it again", .kind.name())]
    WrongFormat { kind: Kind, found: String },
    #[error("cannot be read as {} ({why}); {}", .kind.name(), .kind.remedy())]
    Damaged { kind: Kind, why: String },
    #[error("no text layer: the PDF is scanned images; run OCR first")]
    NoTextLayer,
    #[error(
        "the PDF is protected by a password; open it with the password and print it to a new PDF, then import that"
    )]
    Encrypted,
    #[error("archive entry {entry:?} points outside the archive; refusing the file")]
    UnsafeEntry { entry: String },
    #[error("archive entry {entry:?} expands past {limit} bytes (a zip bomb?); refusing the file")]
    EntryTooLarge { entry: String, limit: u64 },
    #[error("XML with a DTD or entity declarations is not accepted")]
    Dtd,
    #[error("refused: {0}")]
    PastLimit(Limit),
    #[error("briefmark built an inconsistent document ({0}); please report this file")]
    Inconsistent(#[from] DocumentRangeError),
}

/// A limit that keeps a hostile file from taking the machine's time and
/// memory, far above what real documents need (docs/reliability.md,
/// "Hostile inputs"); each message says what to do with a real document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Limit {
    #[error(
        "its elements nest more than {0} deep (browsers flatten them past 512); if it is a real page, open it in a browser and save it again, or save it as PDF"
    )]
    HtmlDepth(usize),
    #[error(
        "an element has more than {0} attributes; if it is a real page, open it in a browser and save it as PDF"
    )]
    HtmlAttributes(usize),
    #[error(
        "its markup makes more than {0} elements (misnested tags repeated?); if it is a real page, open it in a browser and save it as PDF"
    )]
    HtmlElements(usize),
    #[error(
        "its compressed streams expand past {} MiB (a PDF bomb?); if it is a real document, print it to a new PDF or split it", .0 >> 20
    )]
    PdfDecoded(u64),
    #[error(
        "its pages take more than {} MiB of content and fonts to read; if it is a real document, split it into smaller PDFs", .0 >> 20
    )]
    PdfContent(u64),
}

impl DocumentError {
    fn new(file: &str, problem: Problem) -> Self {
        Self {
            file: file.to_owned(),
            problem,
        }
    }

    fn damaged(file: &str, kind: Kind, why: impl Into<String>) -> Self {
        Self::new(
            file,
            Problem::Damaged {
                kind,
                why: why.into(),
            },
        )
    }
}

/// So that `import_files` can report a document as it reports any file.
impl From<DocumentError> for ImportError {
    fn from(e: DocumentError) -> Self {
        ImportError::Malformed {
            file: e.file,
            message: e.problem.to_string(),
        }
    }
}

/// Reads the document at `path`, of the kind its extension names.
pub fn read_document(path: &Path, id: DocumentId) -> Result<Imported, DocumentError> {
    let file = path.display().to_string();
    let io = |e| DocumentError::new(&file, Problem::Io(e));
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_ENTRY_BYTES {
        let limit = MAX_ENTRY_BYTES;
        return Err(DocumentError::new(&file, Problem::TooLarge { limit }));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    from_path_bytes(path, &bytes, id)
}

/// Reads a document's bytes, of the kind `path`'s extension names; `path`
/// names it in messages (for callers that already hold the bytes).
pub fn from_path_bytes(
    path: &Path,
    bytes: &[u8],
    id: DocumentId,
) -> Result<Imported, DocumentError> {
    let file = path.display().to_string();
    let kind = Kind::from_path(path).ok_or_else(|| {
        let old_word = formats::reader_of(path) == Some(Reader::OldWord);
        let problem = if old_word {
            Problem::OldWord
        } else {
            Problem::UnknownKind
        };
        DocumentError::new(&file, problem)
    })?;
    parse(kind, bytes, id, &file)
}

/// Reads a document's bytes as `kind`; messages name it `ID.EXT`. For
/// tests and fuzzing.
pub fn from_bytes(kind: Kind, bytes: &[u8], id: DocumentId) -> Result<Imported, DocumentError> {
    let file = format!("{}.{}", id.0, kind.extension());
    parse(kind, bytes, id, &file)
}

fn parse(kind: Kind, bytes: &[u8], id: DocumentId, file: &str) -> Result<Imported, DocumentError> {
    let mut imported = match kind {
        Kind::Text => text(bytes, id, file)?,
        Kind::Markdown => markdown::read(&decode(bytes, file)?, id, file)?,
        Kind::Html => html::read(&decode(bytes, file)?, id, file)?,
        Kind::Docx => docx::read(bytes, id, file)?,
        Kind::Pdf => pdf::read(bytes, id, file)?,
    };
    imported.metadata.format = Some(kind);
    Ok(imported)
}

/// A `.txt` document, through the light-markup reader `open` uses.
fn text(bytes: &[u8], id: DocumentId, file: &str) -> Result<Imported, DocumentError> {
    let import =
        text_document::from_bytes(Path::new(file), bytes).map_err(|e| not_text(file, e))?;
    let repr = DocumentRepr::from(import.document);
    let document = Document::new(DocumentRepr { id, ..repr })
        .map_err(|e| DocumentError::new(file, e.into()))?;
    let title = build::non_empty(document.title());
    Ok(Imported {
        document,
        metadata: Metadata {
            title,
            ..Metadata::default()
        },
        warnings: import.warnings,
    })
}

/// Text from UTF-8, UTF-16 (with a byte-order mark) or Windows-1252, as
/// `.txt` files are read; a note says when it was not UTF-8.
fn decode(bytes: &[u8], file: &str) -> Result<(String, Option<String>), DocumentError> {
    let decoded = crate::io::decode::decode_document(bytes, Path::new(file))
        .map_err(|e| not_text(file, e))?;
    Ok((decoded.text, decoded.note))
}

/// A decoding error without the file name the decoder put in (the
/// document error names the file).
fn not_text(file: &str, e: ReadError) -> DocumentError {
    let why = match e {
        ReadError::NotText { why, .. } => why,
        other => other.to_string(),
    };
    DocumentError::new(file, Problem::NotText(why))
}

/// What a file that is not of the kind its name says seems to be, from its
/// first bytes: for [`Problem::WrongFormat`].
fn looks_like(bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head)
        .trim_start()
        .to_ascii_lowercase();
    if bytes.is_empty() {
        "the file is empty"
    } else if head.starts_with(b"%PDF-") {
        "it is a PDF"
    } else if head.starts_with(b"PK") {
        "it is a zip archive"
    } else if head.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        "it is an old Office document (.doc, .xls)"
    } else if text.starts_with("<!doctype html") || text.contains("<html") {
        "it is HTML"
    } else if text.starts_with('<') {
        "it is XML or HTML"
    } else if std::str::from_utf8(head).map_or_else(|e| e.error_len().is_none(), |_| true) {
        "it is plain text"
    } else {
        "it holds data of another kind"
    }
}

/// Builds the document, mapping a range error (a bug) to a typed error.
fn finish(
    builder: build::Builder,
    id: DocumentId,
    mut metadata: Metadata,
    warnings: Vec<String>,
    file: &str,
) -> Result<Imported, DocumentError> {
    let (document, links) = builder
        .finish(id, metadata.title.as_deref())
        .map_err(|e| DocumentError::new(file, e.into()))?;
    metadata.links = links;
    metadata.title = metadata
        .title
        .or_else(|| build::non_empty(document.title()));
    Ok(Imported {
        document,
        metadata,
        warnings,
    })
}

/// Each span's style and text, for the importers' tests.
#[cfg(test)]
fn styled_text(d: &Document) -> Vec<(crate::model::Style, &str)> {
    d.spans()
        .iter()
        .map(|s| (s.style, d.slice(s.start, s.end)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        let kind = |p: &str| Kind::from_path(Path::new(p));
        assert_eq!(kind("a/B.HTM"), Some(Kind::Html));
        assert_eq!(kind("x.markdown"), Some(Kind::Markdown));
        assert_eq!(kind("x.pdf"), Some(Kind::Pdf));
        assert_eq!(kind("x.doc"), None);
        assert_eq!(kind("pdf"), None);
    }

    #[test]
    fn unknown_and_old_word_files_say_what_to_do() {
        let id = || DocumentId("d".into());
        let err = from_path_bytes(Path::new("a.doc"), b"", id()).unwrap_err();
        assert!(
            err.to_string().starts_with("a.doc: an old binary Word"),
            "{err}"
        );
        let err = from_path_bytes(Path::new("a.rtf"), b"", id()).unwrap_err();
        assert!(
            err.to_string().contains("briefmark reads .txt, .md"),
            "{err}"
        );
    }

    #[test]
    fn binary_text_is_refused_naming_the_file_once() {
        let err = from_bytes(Kind::Html, b"\0\0\x01binary", DocumentId("d".into()));
        let err = err.expect_err("binary").to_string();
        assert_eq!(
            err,
            "d.html: cannot be read as text (binary data, not a text document); save it again as UTF-8 text"
        );
    }

    #[test]
    fn text_documents_take_the_given_id() {
        let imported = from_bytes(
            Kind::Text,
            "Title\n\nBody.".as_bytes(),
            DocumentId("x".into()),
        );
        let imported = imported.expect("text reads");
        assert_eq!(imported.document.id().0, "x");
        assert_eq!(imported.metadata.title.as_deref(), Some("Title"));
        assert_eq!(imported.metadata.format, Some(Kind::Text));
    }
}
