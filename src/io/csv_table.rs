//! Coded passages as a CSV table, for spreadsheets (LibreOffice, Excel),
//! R (`read.csv`, readr), pandas and other statistics tools.
//!
//! Two shapes:
//! - [`long`]: one row per passage and code (tidy data: count, filter and
//!   cross-tabulate codes directly); a passage without codes gives one row
//!   with empty `dimension`, `code` and `code_name`.
//! - [`wide`]: one row per passage and one column per dimension (a coding
//!   sheet to read, or to compare coders side by side).
//!
//! Dialect: RFC 4180 fields (comma separated; a field holding a comma, a
//! quote or a line break is quoted, quotes doubled), UTF-8, a header row.
//! Two deliberate choices:
//! - **`\n` line ends**, not RFC 4180's CRLF: every reader above accepts
//!   them, and the files diff cleanly under git. Line breaks inside a memo
//!   stay `\n` inside its quoted field.
//! - **No byte-order mark**: tools that do not strip it (R's `read.csv`
//!   without `fileEncoding = "UTF-8-BOM"`, `cut`, `awk`) would glue it to the
//!   first column's name. Excel users import via Data → From Text/CSV and
//!   pick UTF-8.
//!
//! Offsets are code points, half-open: Python's `text[start:end] == quote`.

use chrono::{DateTime, SecondsFormat, Utc};
use csv::{Terminator, WriterBuilder};

use crate::model::{Passage, Project};

/// Columns of [`long`], in order.
pub const LONG_COLUMNS: [&str; 13] = [
    "document",
    "passage_id",
    "start",
    "end",
    "length",
    "quote",
    "dimension",
    "code",
    "code_name",
    "memo",
    "coder",
    "created",
    "modified",
];

/// Columns of [`wide`] before the dimensions.
const WIDE_HEAD: [&str; 6] = ["document", "passage_id", "start", "end", "length", "quote"];
/// Columns of [`wide`] after the dimensions.
const WIDE_TAIL: [&str; 4] = ["memo", "coder", "created", "modified"];

/// Separator between code names of one dimension in a [`wide`] cell.
pub const CODE_SEPARATOR: &str = "; ";

/// One row per (passage, code), in position order; a passage without codes
/// gives one row with empty `dimension`, `code` and `code_name`. Codes of a
/// passage keep the order in which they were applied.
///
/// `guard_formulas` protects people who open the file in a spreadsheet from
/// formula injection: a text cell starting with `=`, `+`, `-`, `@`, TAB or CR
/// gets a leading `'`. **This is lossy**: a guarded `quote` no longer equals
/// `text[start:end]` and a guarded memo gains a character, so leave it off
/// for data meant for R, pandas or a re-import. Numeric columns (`start`,
/// `end`, `length`) are never touched.
pub fn long(project: &Project, guard_formulas: bool) -> String {
    let mut table = Table::new(guard_formulas);
    table.row(LONG_COLUMNS.iter().map(|h| Cell::text(*h)));
    for p in project.passages_in_order() {
        if p.codes.is_empty() {
            table.row(long_row(p, ["", "", ""]));
        }
        for code in &p.codes {
            let book = &project.codebook;
            let dimension = book.dimension_of(code).map_or("", |d| d.name.as_str());
            let name = book.code(code).map_or("", |c| c.name.as_str());
            table.row(long_row(p, [dimension, &code.0, name]));
        }
    }
    table.finish()
}

/// One row per passage, in position order, with one column per dimension
/// (named by the dimension's name, in codebook order) holding the names of
/// the passage's codes in that dimension, in codebook order, joined by
/// [`CODE_SEPARATOR`]. Codes missing from the codebook have no column.
///
/// `guard_formulas` as in [`long`]: lossy, off for data analysis.
pub fn wide(project: &Project, guard_formulas: bool) -> String {
    let dimensions = &project.codebook.dimensions;
    let mut table = Table::new(guard_formulas);
    let header = (WIDE_HEAD.iter().copied())
        .chain(dimensions.iter().map(|d| d.name.as_str()))
        .chain(WIDE_TAIL.iter().copied());
    table.row(header.map(Cell::text));
    for p in project.passages_in_order() {
        let coded = dimensions.iter().map(|d| {
            let names: Vec<&str> = (d.codes.iter())
                .filter(|c| p.has_code(&c.id))
                .map(|c| c.name.as_str())
                .collect();
            Cell::text(names.join(CODE_SEPARATOR))
        });
        let row = (head_cells(p).into_iter())
            .chain(coded)
            .chain(tail_cells(p));
        table.row(row);
    }
    table.finish()
}

/// A long row: the passage's columns around `[dimension, code, code_name]`.
fn long_row(p: &Passage, code: [&str; 3]) -> impl Iterator<Item = Cell> {
    (head_cells(p).into_iter())
        .chain(code.map(Cell::text))
        .chain(tail_cells(p))
}

/// `document, passage_id, start, end, length, quote`.
fn head_cells(p: &Passage) -> [Cell; 6] {
    [
        Cell::text(&p.document.0),
        Cell::text(&p.id.0),
        Cell::Number(p.start),
        Cell::Number(p.end),
        Cell::Number(p.len()),
        Cell::text(&p.quote),
    ]
}

/// `memo, coder, created, modified`.
fn tail_cells(p: &Passage) -> [Cell; 4] {
    [
        Cell::text(&p.memo),
        Cell::text(&p.coder),
        Cell::text(timestamp(&p.created)),
        Cell::text(timestamp(&p.modified)),
    ]
}

/// RFC 3339 in UTC with `Z`, fractional seconds only when there are any
/// (the same text the project file holds), e.g. `2026-11-20T09:00:00Z`.
pub(crate) fn timestamp(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// A cell: text may be guarded against formulas, numbers never are.
pub(crate) enum Cell {
    Text(String),
    Number(usize),
}

impl Cell {
    pub(crate) fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    fn into_field(self, guard_formulas: bool) -> String {
        match self {
            Cell::Number(n) => n.to_string(),
            Cell::Text(s) if guard_formulas => guarded(s),
            Cell::Text(s) => s,
        }
    }
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP's
/// CSV injection list). A leading `'` makes the cell plain text.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn guarded(s: String) -> String {
    if s.starts_with(FORMULA_STARTS) {
        format!("'{s}")
    } else {
        s
    }
}

/// A CSV writer into memory with this module's dialect (shared by the
/// links table, `csv_links`).
pub(crate) struct Table {
    writer: csv::Writer<Vec<u8>>,
    guard_formulas: bool,
}

impl Table {
    pub(crate) fn new(guard_formulas: bool) -> Self {
        let writer = WriterBuilder::new()
            .terminator(Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        Self {
            writer,
            guard_formulas,
        }
    }

    pub(crate) fn row(&mut self, cells: impl IntoIterator<Item = Cell>) {
        let fields = cells.into_iter().map(|c| c.into_field(self.guard_formulas));
        // Writing to a Vec cannot fail, and every row of a table has the
        // header's length by construction (the writer's only other error).
        self.writer
            .write_record(fields)
            .unwrap_or_else(|e| unreachable!("CSV row into memory: {e}"));
    }

    pub(crate) fn finish(self) -> String {
        // Flushing into a Vec cannot fail.
        let bytes = self
            .writer
            .into_inner()
            .unwrap_or_else(|e| unreachable!("CSV flush into memory: {e}"));
        // Every field is a &str and the writer adds only ASCII.
        String::from_utf8(bytes).unwrap_or_else(|e| unreachable!("CSV is UTF-8: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_prefixes_formula_starts_only() {
        for s in ["=1+1", "+1", "-x", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guarded(s.into()), format!("'{s}"));
        }
        for s in ["", "a=b", " =x", "'quoted", "é"] {
            assert_eq!(guarded(s.into()), s);
        }
    }

    #[test]
    fn numbers_are_never_guarded() {
        assert_eq!(Cell::Number(12).into_field(true), "12");
        assert_eq!(Cell::text("-12").into_field(true), "'-12");
        assert_eq!(Cell::text("-12").into_field(false), "-12");
    }

    #[test]
    fn fields_with_commas_quotes_and_newlines_are_quoted_with_lf_rows() {
        let mut t = Table::new(false);
        t.row([
            Cell::text("a,b"),
            Cell::text("say \"hi\""),
            Cell::text("x\ny"),
        ]);
        t.row([Cell::text("plain"), Cell::Number(3), Cell::text("")]);
        assert_eq!(
            t.finish(),
            "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\nplain,3,\n"
        );
    }
}
