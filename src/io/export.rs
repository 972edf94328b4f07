//! Export: one entry point for every format, shared by the GUI's
//! File → Export… and `briefmark export`. A project that fails its check
//! is not exported: its positions would not slice the text to its quotes.

use std::io::Write;
use std::path::Path;

use crate::model::{Problem, Project};

/// The export formats. `name` is what `--format` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Csv,
    CsvWide,
    CsvLinks,
    Json,
    Jsonl,
    W3c,
    Qdc,
    Qdpx,
    Md,
    Html,
}

impl Format {
    pub const ALL: [Format; 10] = [
        Format::Csv,
        Format::CsvWide,
        Format::CsvLinks,
        Format::Json,
        Format::Jsonl,
        Format::W3c,
        Format::Qdc,
        Format::Qdpx,
        Format::Md,
        Format::Html,
    ];

    /// The `--format` value.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::CsvWide => "csv-wide",
            Format::CsvLinks => "csv-links",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::W3c => "w3c",
            Format::Qdc => "qdc",
            Format::Qdpx => "qdpx",
            Format::Md => "md",
            Format::Html => "html",
        }
    }

    /// File name ending for exported files (`io::formats` holds it).
    pub fn extension(self) -> &'static str {
        super::formats::export_extension(self)
    }

    /// Whether the format is a CSV table, so the formula guard applies.
    pub fn is_csv(self) -> bool {
        matches!(self, Format::Csv | Format::CsvWide | Format::CsvLinks)
    }

    /// What the format is for, in the export dialog and `--help`.
    pub fn description(self) -> &'static str {
        match self {
            Format::Csv => "CSV, one row per passage and code (pandas, R, spreadsheets)",
            Format::CsvWide => "CSV, one row per passage, a column per dimension",
            Format::CsvLinks => "CSV, one row per link between two passages",
            Format::Json => "JSON, the whole project (importable again)",
            Format::Jsonl => "JSON Lines, one record per line (importable again)",
            Format::W3c => "W3C Web Annotation collection (JSON-LD)",
            Format::Qdc => "REFI-QDA codebook (.qdc: NVivo, ATLAS.ti, MAXQDA, QualCoder)",
            Format::Qdpx => "REFI-QDA project (.qdpx: NVivo, ATLAS.ti, MAXQDA, QualCoder)",
            Format::Md => "Report in Markdown: every code with its passages",
            Format::Html => "Report as a self-contained HTML page",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format {s:?}; choose one of {}", names.join(", "))
            })
    }
}

/// Options that change what is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// CSV only: prefix cells that a spreadsheet would run as a formula
    /// (`=`, `+`, `-`, `@`, tab, CR) with `'`. Off by default: the data
    /// stays exact; on, quotes starting with those characters change.
    pub guard_formulas: bool,
}

/// An export that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {path}: {source}; nothing was changed there")]
    Io {
        path: String,
        source: std::io::Error,
    },
    /// REFI-QDA requires at least one code in a codebook file.
    #[error("the codebook has no codes, and a .qdc codebook must hold at least one")]
    EmptyCodebook,
    /// The project fails `Project::check`; every problem is listed.
    #[error(
        "the project has {} problem(s), the first: {}; nothing was exported. Fix them first: \
         `briefmark check FILE` lists them all, the passage list flags each such passage with `!`",
        problems.len(),
        problems.first().map_or(String::new(), ToString::to_string)
    )]
    Unsound { problems: Vec<Problem> },
}

/// Refuses exports that would be invalid for their format, and any export
/// with passages of a project that fails its check (a range past its
/// text, a quote that is not the text at its range): exported, its
/// offsets would not slice the text to its quotes. The codebook alone
/// (`qdc`) holds no passages and is exported all the same.
pub fn check(project: &Project, format: Format) -> Result<(), ExportError> {
    if format == Format::Qdc {
        if project.codebook.codes().next().is_none() {
            return Err(ExportError::EmptyCodebook);
        }
        return Ok(());
    }
    match project.problems() {
        problems if problems.is_empty() => Ok(()),
        problems => Err(ExportError::Unsound { problems }),
    }
}

/// Writes an export atomically: an existing file is replaced only once the
/// new one is complete. Tables are streamed into the temporary file as they
/// are rendered.
pub fn export_to(
    project: &Project,
    format: Format,
    options: ExportOptions,
    path: &Path,
) -> Result<(), ExportError> {
    check(project, format)?;
    super::atomic::write_atomic_with(path, |out| write(project, format, options, out)).map_err(
        |source| ExportError::Io {
            path: path.display().to_string(),
            source,
        },
    )
}

/// The bytes of an export. Call [`check`] first: `render` writes what it
/// is given.
pub fn render(project: &Project, format: Format, options: ExportOptions) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing into a Vec cannot fail.
    write(project, format, options, &mut bytes)
        .unwrap_or_else(|e| unreachable!("export into memory: {e}"));
    bytes
}

/// Writes an export to `out`: the CSV tables as they are rendered (they are
/// the largest), the other formats once whole.
fn write(
    project: &Project,
    format: Format,
    options: ExportOptions,
    out: &mut impl Write,
) -> std::io::Result<()> {
    use super::{csv_links, csv_table, json_file, refi_qda, report, w3c};
    let guard = options.guard_formulas;
    let whole = match format {
        Format::Csv => return csv_table::write_long(project, guard, out),
        Format::CsvWide => return csv_table::write_wide(project, guard, out),
        Format::CsvLinks => return csv_links::write_links(project, guard, out),
        Format::Json => json_file::to_json(project).into_bytes(),
        Format::Jsonl => json_file::to_jsonl(project).into_bytes(),
        Format::W3c => w3c::to_w3c(project).into_bytes(),
        Format::Qdc => refi_qda::to_qdc(&project.codebook).into_bytes(),
        Format::Qdpx => refi_qda::to_qdpx(project),
        Format::Md => report::markdown(project).into_bytes(),
        Format::Html => report::html(project).into_bytes(),
    };
    out.write_all(&whole)
}
