//! Which file is which: the one table of file endings, the format each
//! names, what briefmark does with it (its [`Role`]s) and which module reads
//! or writes it. Opening, importing, revising, exporting, the CLI and the
//! file dialogs all ask this table, so an ending is decided in one place.
//!
//! Endings compare without regard to case and may hold a dot
//! (`briefmark.ron`, `wide.csv`): the longest ending that fits wins.

use std::path::{Path, PathBuf};

use super::documents::Kind;
use super::export::Format as Export;

/// What briefmark does with a file of a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// A whole project read (opened, imported, compared).
    Project,
    /// A document read into a project (opened or imported).
    Document,
    /// A codebook read into a project (imported).
    Codebook,
    /// A revised text of a document (`revise`).
    Revision,
    /// Written by File → Export… and `briefmark export`.
    Export,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Project,
        Role::Document,
        Role::Codebook,
        Role::Revision,
        Role::Export,
    ];
}

/// How a file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reader {
    /// `io::project_file`: briefmark's own project file.
    ProjectFile,
    /// `io::json_file`, the JSON export read back.
    Json,
    /// `io::json_file`, the JSON Lines export read back.
    Jsonl,
    /// `io::refi_qda`, a REFI-QDA project.
    Qdpx,
    /// `io::refi_qda`, a REFI-QDA codebook.
    Qdc,
    /// `io::text_document` (`Kind::Text`) or `io::documents`.
    Document(Kind),
    /// The old binary Word format: recognised only to say what to do.
    OldWord,
}

/// One format: its endings (the usual one first), what it is for, and who
/// reads and writes it.
#[derive(Debug, PartialEq, Eq)]
pub struct Format {
    /// What a person calls it.
    pub name: &'static str,
    /// Lower case, without the leading dot; the first is the one written.
    pub extensions: &'static [&'static str],
    pub roles: &'static [Role],
    pub reader: Option<Reader>,
    pub export: Option<Export>,
    /// The module that reads or writes it, for the docs.
    pub module: &'static str,
}

impl Format {
    /// The usual ending, without the dot.
    pub fn extension(&self) -> &'static str {
        self.extensions.first().copied().unwrap_or_default()
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Whether this is briefmark's own project file.
    pub fn is_project_file(&self) -> bool {
        self.reader == Some(Reader::ProjectFile)
    }
}

const READ_DOCUMENT: &[Role] = &[Role::Document, Role::Revision];

/// Every format briefmark reads or writes. Read formats come before
/// written ones, so an ending both read and written (`.md`, `.json`) finds
/// its reader first.
pub static FORMATS: [Format; 17] = [
    Format {
        name: "briefmark project",
        extensions: &["briefmark.ron", "ron"],
        roles: &[Role::Project],
        reader: Some(Reader::ProjectFile),
        export: None,
        module: "io::project_file",
    },
    Format {
        name: "JSON",
        extensions: &["json"],
        roles: &[Role::Project, Role::Export],
        reader: Some(Reader::Json),
        export: Some(Export::Json),
        module: "io::json_file",
    },
    Format {
        name: "JSON Lines",
        extensions: &["jsonl"],
        roles: &[Role::Project, Role::Export],
        reader: Some(Reader::Jsonl),
        export: Some(Export::Jsonl),
        module: "io::json_file",
    },
    Format {
        name: "REFI-QDA project",
        extensions: &["qdpx"],
        roles: &[Role::Project, Role::Export],
        reader: Some(Reader::Qdpx),
        export: Some(Export::Qdpx),
        module: "io::refi_qda",
    },
    Format {
        name: "REFI-QDA codebook",
        extensions: &["qdc"],
        roles: &[Role::Codebook, Role::Export],
        reader: Some(Reader::Qdc),
        export: Some(Export::Qdc),
        module: "io::refi_qda",
    },
    Format {
        name: "text (light markup)",
        extensions: &["txt"],
        roles: READ_DOCUMENT,
        reader: Some(Reader::Document(Kind::Text)),
        export: None,
        module: "io::text_document",
    },
    Format {
        name: "Markdown",
        extensions: &["md", "markdown"],
        roles: READ_DOCUMENT,
        reader: Some(Reader::Document(Kind::Markdown)),
        export: None,
        module: "io::documents",
    },
    Format {
        name: "HTML",
        extensions: &["html", "htm", "xhtml"],
        roles: READ_DOCUMENT,
        reader: Some(Reader::Document(Kind::Html)),
        export: None,
        module: "io::documents",
    },
    Format {
        name: "Word",
        extensions: &["docx"],
        roles: READ_DOCUMENT,
        reader: Some(Reader::Document(Kind::Docx)),
        export: None,
        module: "io::documents",
    },
    Format {
        name: "PDF",
        extensions: &["pdf"],
        roles: READ_DOCUMENT,
        reader: Some(Reader::Document(Kind::Pdf)),
        export: None,
        module: "io::documents",
    },
    Format {
        name: "old binary Word (refused with advice)",
        extensions: &["doc"],
        roles: &[],
        reader: Some(Reader::OldWord),
        export: None,
        module: "io::documents",
    },
    Format {
        name: "CSV, one row per passage and code",
        extensions: &["csv"],
        roles: &[Role::Export],
        reader: None,
        export: Some(Export::Csv),
        module: "io::csv_table",
    },
    Format {
        name: "CSV, one row per passage",
        extensions: &["wide.csv"],
        roles: &[Role::Export],
        reader: None,
        export: Some(Export::CsvWide),
        module: "io::csv_table",
    },
    Format {
        name: "CSV of links",
        extensions: &["links.csv"],
        roles: &[Role::Export],
        reader: None,
        export: Some(Export::CsvLinks),
        module: "io::csv_links",
    },
    Format {
        name: "W3C Web Annotation",
        extensions: &["jsonld"],
        roles: &[Role::Export],
        reader: None,
        export: Some(Export::W3c),
        module: "io::w3c",
    },
    Format {
        name: "Markdown report",
        extensions: &["md"],
        roles: &[Role::Export],
        reader: None,
        export: Some(Export::Md),
        module: "io::report",
    },
    Format {
        name: "HTML report",
        extensions: &["html"],
        roles: &[Role::Export],
        reader: None,
        export: Some(Export::Html),
        module: "io::report",
    },
];

/// Whether `name` (lower case) ends in `.ext` after at least one character.
fn ends_with_extension(name: &str, ext: &str) -> bool {
    name.len() > ext.len() + 1
        && name.ends_with(ext)
        && name[..name.len() - ext.len()].ends_with('.')
}

/// The format of `path`'s ending among those `wanted`, with the ending
/// that fits (the longest); formats earlier in the table win a tie.
fn lookup(
    path: &Path,
    wanted: impl Fn(&Format) -> bool,
) -> Option<(&'static Format, &'static str)> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let fitting = |f: &'static Format| {
        let ends = f.extensions.iter().copied();
        let longest = ends
            .filter(|e| ends_with_extension(&name, e))
            .max_by_key(|e| e.len());
        longest.map(|e| (f, e))
    };
    let candidates = FORMATS.iter().filter(|f| wanted(f)).filter_map(fitting);
    // `max_by_key` keeps the last of equals; the table's order must decide.
    candidates.rev().max_by_key(|(_, e)| e.len())
}

/// The format briefmark reads `path` as, by its ending; `None` when it
/// reads no such file.
pub fn for_path(path: &Path) -> Option<&'static Format> {
    lookup(path, |f| f.reader.is_some()).map(|(f, _)| f)
}

/// `path`'s file name without the ending of the project format it is read
/// as (`a.briefmark.ron` -> `a`); the whole name when it is no project.
pub fn project_label(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let ending = lookup(path, |f| f.has_role(Role::Project)).map(|(_, e)| e.len() + 1);
    let stem = ending.and_then(|len| name.get(..name.len().checked_sub(len)?));
    stem.map_or_else(|| name.clone(), str::to_owned)
}

/// What reading `path` brings: a project, a document or a codebook.
pub fn role_of(path: &Path) -> Option<Role> {
    let format = for_path(path)?;
    [Role::Project, Role::Document, Role::Codebook]
        .into_iter()
        .find(|r| format.has_role(*r))
}

/// How `path` is read, if at all.
pub fn reader_of(path: &Path) -> Option<Reader> {
    for_path(path).and_then(|f| f.reader)
}

/// Whether `path` is a briefmark project file (`.briefmark.ron`, `.ron`).
pub fn is_project_file(path: &Path) -> bool {
    for_path(path).is_some_and(Format::is_project_file)
}

/// The project file's format (`.briefmark.ron`).
pub fn project_file() -> &'static Format {
    &FORMATS[0]
}

/// `path` as a project file: kept when it already is one, otherwise with
/// `.briefmark.ron` added (a name typed without it).
pub fn with_project_extension(path: PathBuf) -> PathBuf {
    if is_project_file(&path) {
        return path;
    }
    let mut name = path.into_os_string();
    name.push(".");
    name.push(project_file().extension());
    name.into()
}

/// The ending an export in `format` is written with.
pub fn export_extension(format: Export) -> &'static str {
    FORMATS
        .iter()
        .find(|f| f.export == Some(format))
        // Every export format has its row (a test holds it); its name
        // would still make a readable ending.
        .map_or(format.name(), Format::extension)
}

/// Every ending of the formats with `role`, in table order, each once.
pub fn extensions(role: Role) -> Vec<&'static str> {
    let endings = FORMATS.iter().filter(|f| f.has_role(role));
    unique(endings.flat_map(|f| f.extensions.iter().copied()))
}

/// The endings a file dialog filters on for `roles`: file dialogs match
/// the last part only (`ron` for `briefmark.ron`), each once.
pub fn dialog_filter(roles: &[Role]) -> Vec<&'static str> {
    dialog_endings(roles.iter().flat_map(|r| extensions(*r)))
}

/// The filter for what [`crate::io::open`] opens: the project file and
/// documents.
pub fn open_filter() -> Vec<&'static str> {
    let project = project_file().extensions.iter().copied();
    dialog_endings(project.chain(extensions(Role::Document)))
}

/// The filter for saving a project file (`ron`).
pub fn save_filter() -> Vec<&'static str> {
    dialog_endings(project_file().extensions.iter().copied())
}

/// The last parts of `endings`, each once, in order.
fn dialog_endings(endings: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    unique(endings.map(|e| e.rsplit('.').next().unwrap_or(e)))
}

/// `items` in order, each once (the lists are a dozen long).
fn unique(items: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    let mut all: Vec<&'static str> = Vec::new();
    for item in items {
        if !all.contains(&item) {
            all.push(item);
        }
    }
    all
}

/// The usual endings of the formats with `role`, for messages:
/// `.txt, .md, .html, .docx, .pdf`.
pub fn kinds(role: Role) -> String {
    let usual = FORMATS.iter().filter(|f| f.has_role(role));
    let dotted: Vec<String> = usual.map(|f| format!(".{}", f.extension())).collect();
    dotted.join(", ")
}

/// What `import` reads, for messages.
pub fn import_kinds() -> String {
    format!(
        "{} (projects), {} (codebooks), {} (documents)",
        kinds(Role::Project),
        kinds(Role::Codebook),
        kinds(Role::Document)
    )
}

/// The table as Markdown, for `docs/formats.md` ("Which file is which").
pub fn markdown_table() -> String {
    let mut out = String::from("| Endings | Format | Roles | Module |\n|---|---|---|---|\n");
    for f in &FORMATS {
        let ends: Vec<String> = f.extensions.iter().map(|e| format!("`.{e}`")).collect();
        let roles: Vec<String> = f.roles.iter().map(|r| format!("{r:?}")).collect();
        let roles = if roles.is_empty() {
            "—".to_owned()
        } else {
            roles.join(", ").to_lowercase()
        };
        let line = format!(
            "| {} | {} | {} | `{}` |\n",
            ends.join(" "),
            f.name,
            roles,
            f.module
        );
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(p: &str) -> Option<Reader> {
        reader_of(Path::new(p))
    }

    #[test]
    fn every_ending_names_its_reader_whatever_its_case() {
        let cases = [
            ("a.briefmark.ron", Some(Reader::ProjectFile)),
            ("a/B.RON", Some(Reader::ProjectFile)),
            ("c.json", Some(Reader::Json)),
            ("c.JSONL", Some(Reader::Jsonl)),
            ("p.qdpx", Some(Reader::Qdpx)),
            ("b.qdc", Some(Reader::Qdc)),
            ("t.txt", Some(Reader::Document(Kind::Text))),
            ("m.md", Some(Reader::Document(Kind::Markdown))),
            ("m.markdown", Some(Reader::Document(Kind::Markdown))),
            ("h.HTM", Some(Reader::Document(Kind::Html))),
            ("h.html", Some(Reader::Document(Kind::Html))),
            ("h.xhtml", Some(Reader::Document(Kind::Html))),
            ("w.docx", Some(Reader::Document(Kind::Docx))),
            ("p.pdf", Some(Reader::Document(Kind::Pdf))),
            ("w.doc", Some(Reader::OldWord)),
            ("t.csv", None),
            ("t.wide.csv", None),
            ("a.jsonld", None),
            ("pdf", None),
            (".pdf", None),
            ("a.rtf", None),
        ];
        for (path, expected) in cases {
            assert_eq!(reader(path), expected, "{path}");
        }
    }

    #[test]
    fn every_read_ending_has_its_role() {
        let role = |p: &str| role_of(Path::new(p));
        for p in ["a.briefmark.ron", "a.ron", "a.json", "a.jsonl", "a.qdpx"] {
            assert_eq!(role(p), Some(Role::Project), "{p}");
        }
        assert_eq!(role("a.qdc"), Some(Role::Codebook));
        for p in ["a.txt", "a.md", "a.markdown", "a.htm", "a.html"] {
            assert_eq!(role(p), Some(Role::Document), "{p}");
        }
        for p in ["a.xhtml", "a.docx", "a.pdf"] {
            assert_eq!(role(p), Some(Role::Document), "{p}");
        }
        assert_eq!(role("a.doc"), None, "read only to refuse it");
        assert_eq!(role("a.csv"), None);
    }

    #[test]
    fn every_export_format_round_trips_to_its_ending() {
        let expected = [
            (Export::Csv, "csv"),
            (Export::CsvWide, "wide.csv"),
            (Export::CsvLinks, "links.csv"),
            (Export::Json, "json"),
            (Export::Jsonl, "jsonl"),
            (Export::W3c, "jsonld"),
            (Export::Qdc, "qdc"),
            (Export::Qdpx, "qdpx"),
            (Export::Md, "md"),
            (Export::Html, "html"),
        ];
        assert_eq!(expected.len(), Export::ALL.len());
        for (format, ext) in expected {
            assert_eq!(export_extension(format), ext);
            assert_eq!(format.extension(), ext);
            let path = PathBuf::from(format!("out.{ext}"));
            let written = lookup(&path, |f| f.export.is_some()).and_then(|(f, _)| f.export);
            assert_eq!(written, Some(format), "{ext}");
        }
    }

    #[test]
    fn dialog_filters_list_exactly_the_tables_endings() {
        let filter = |roles: &[Role]| dialog_filter(roles).join(" ");
        assert_eq!(filter(&[Role::Project]), "ron json jsonl qdpx");
        assert_eq!(filter(&[Role::Codebook]), "qdc");
        assert_eq!(
            filter(&[Role::Document]),
            "txt md markdown html htm xhtml docx pdf"
        );
        assert_eq!(filter(&[Role::Revision]), filter(&[Role::Document]));
        assert_eq!(
            open_filter().join(" "),
            "ron txt md markdown html htm xhtml docx pdf"
        );
        assert_eq!(save_filter(), ["ron"]);
        assert_eq!(
            filter(&[Role::Export]),
            "json jsonl qdpx qdc csv jsonld md html"
        );
        let mut from_rows: Vec<&str> = FORMATS
            .iter()
            .filter(|f| f.has_role(Role::Document))
            .flat_map(|f| f.extensions.iter().copied())
            .collect();
        from_rows.dedup();
        assert_eq!(dialog_filter(&[Role::Document]), from_rows);
    }

    #[test]
    fn a_project_path_gets_its_ending_once() {
        let with = |p: &str| with_project_extension(PathBuf::from(p));
        assert_eq!(with("a/b"), PathBuf::from("a/b.briefmark.ron"));
        assert_eq!(with("a/b.RON"), PathBuf::from("a/b.RON"));
        assert_eq!(with("b.briefmark.ron"), PathBuf::from("b.briefmark.ron"));
        assert_eq!(with("b.txt"), PathBuf::from("b.txt.briefmark.ron"));
        assert!(is_project_file(Path::new("x.Briefmark.Ron")));
        assert!(!is_project_file(Path::new("x.json")));
    }

    #[test]
    fn a_project_label_drops_the_project_ending_only() {
        let label = |p: &str| project_label(Path::new(p));
        assert_eq!(label("d/ana.briefmark.ron"), "ana");
        assert_eq!(label("ana.RON"), "ana");
        assert_eq!(label("ana.jsonl"), "ana");
        assert_eq!(label("ana.qdpx"), "ana");
        assert_eq!(label("ana.txt"), "ana.txt");
    }

    #[test]
    fn messages_list_the_usual_endings() {
        assert_eq!(kinds(Role::Document), ".txt, .md, .html, .docx, .pdf");
        assert_eq!(
            import_kinds(),
            ".briefmark.ron, .json, .jsonl, .qdpx (projects), .qdc (codebooks), \
             .txt, .md, .html, .docx, .pdf (documents)"
        );
    }

    #[test]
    fn the_docs_show_the_table() {
        let docs = include_str!("../../docs/formats.md");
        assert!(
            docs.contains(&markdown_table()),
            "docs/formats.md must hold formats::markdown_table() as it is:\n{}",
            markdown_table()
        );
    }
}
