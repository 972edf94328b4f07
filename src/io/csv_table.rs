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

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::{self, Write};

use chrono::{DateTime, SecondsFormat, Utc};

use super::escape::any_byte;
use crate::model::{CodeId, Passage, Project};

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
    in_memory(|out| write_long(project, guard_formulas, out))
}

/// [`long`], written to `out` as it is rendered.
pub fn write_long(project: &Project, guard_formulas: bool, out: impl Write) -> io::Result<()> {
    let mut table = Table::new(out, guard_formulas);
    table.row(LONG_COLUMNS.iter().map(|h| Cell::text(*h)))?;
    // `dimension, code, code_name` of each code, encoded once: the codebook
    // is small, the rows are many.
    let book = &project.codebook;
    let mut code_cells: HashMap<&CodeId, Vec<u8>> = HashMap::new();
    let mut uncoded = Vec::new();
    table.encode(&mut uncoded, ["", "", ""].map(Cell::text))?;
    let (mut head, mut tail) = (Vec::new(), Vec::new());
    for p in project.passages_in_order() {
        // A passage's own columns are the same in each of its rows.
        head.clear();
        table.encode(&mut head, head_cells(p))?;
        tail.clear();
        table.encode(&mut tail, tail_cells(p))?;
        if p.codes.is_empty() {
            table.row(long_row(&head, &uncoded, &tail))?;
        }
        for code in &p.codes {
            let cells = match code_cells.entry(code) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(new) => {
                    let dimension = book.dimension_of(code).map_or("", |d| d.name.as_str());
                    let name = book.code(code).map_or("", |c| c.name.as_str());
                    let mut cells = Vec::new();
                    table.encode(&mut cells, [dimension, &code.0, name].map(Cell::text))?;
                    new.insert(cells)
                }
            };
            table.row(long_row(&head, cells, &tail))?;
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
    in_memory(|out| write_wide(project, guard_formulas, out))
}

/// [`wide`], written to `out` as it is rendered.
pub fn write_wide(project: &Project, guard_formulas: bool, out: impl Write) -> io::Result<()> {
    let dimensions = &project.codebook.dimensions;
    let mut table = Table::new(out, guard_formulas);
    let header = (WIDE_HEAD.iter().copied())
        .chain(dimensions.iter().map(|d| d.name.as_str()))
        .chain(WIDE_TAIL.iter().copied());
    table.row(header.map(Cell::text))?;
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
        table.row(row)?;
    }
    table.finish()
}

/// A long row from its encoded parts: the passage's head and tail columns
/// around `dimension, code, code_name`.
fn long_row<'a>(head: &'a [u8], code: &'a [u8], tail: &'a [u8]) -> [Cell<'a>; 3] {
    [head, code, tail].map(Cell::Encoded)
}

/// `document, passage_id, start, end, length, quote`.
fn head_cells(p: &Passage) -> [Cell<'_>; 6] {
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
fn tail_cells(p: &Passage) -> [Cell<'_>; 4] {
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
pub(crate) enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(usize),
    /// Cells already encoded by [`Table::encode`] (comma separated): a run
    /// of columns that repeats across rows, written as it is.
    Encoded(&'a [u8]),
}

impl<'a> Cell<'a> {
    pub(crate) fn text(s: impl Into<Cow<'a, str>>) -> Self {
        Cell::Text(s.into())
    }
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP's
/// CSV injection list). A leading `'` makes the cell plain text.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn is_formula(s: &str) -> bool {
    s.starts_with(FORMULA_STARTS)
}

/// Whether a field must be quoted: it holds a comma, a quote or a line
/// break (`\r` too, which readers take as a line end).
fn needs_quotes(field: &[u8]) -> bool {
    any_byte(field, |b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
}

/// Writes one text field: guarded if asked, quoted when needed, quotes
/// doubled inside (the `csv` crate's "necessary" quoting).
fn write_text(out: &mut impl Write, s: &str, guard_formulas: bool) -> io::Result<()> {
    let guard: &[u8] = if guard_formulas && is_formula(s) {
        b"'"
    } else {
        b""
    };
    // The guard's `'` never needs quoting, so the text alone decides.
    if !needs_quotes(s.as_bytes()) {
        out.write_all(guard)?;
        return out.write_all(s.as_bytes());
    }
    out.write_all(b"\"")?;
    out.write_all(guard)?;
    for (i, part) in s.split('"').enumerate() {
        if i > 0 {
            out.write_all(b"\"\"")?;
        }
        out.write_all(part.as_bytes())?;
    }
    out.write_all(b"\"")
}

/// Rows in this module's dialect, written to `out` as they come (shared by
/// the links table, `csv_links`).
pub(crate) struct Table<W: Write> {
    out: W,
    guard_formulas: bool,
}

impl<W: Write> Table<W> {
    pub(crate) fn new(out: W, guard_formulas: bool) -> Self {
        Self {
            out,
            guard_formulas,
        }
    }

    pub(crate) fn row<'a>(&mut self, cells: impl IntoIterator<Item = Cell<'a>>) -> io::Result<()> {
        let guard = self.guard_formulas;
        write_cells(&mut self.out, cells, guard)?;
        self.out.write_all(b"\n")
    }

    /// Appends `cells` to `buffer` as part of a row would hold them, for
    /// [`Cell::Encoded`].
    pub(crate) fn encode<'a>(
        &self,
        buffer: &mut Vec<u8>,
        cells: impl IntoIterator<Item = Cell<'a>>,
    ) -> io::Result<()> {
        write_cells(buffer, cells, self.guard_formulas)
    }

    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// `cells`, comma separated, without a line end.
fn write_cells<'a>(
    out: &mut impl Write,
    cells: impl IntoIterator<Item = Cell<'a>>,
    guard_formulas: bool,
) -> io::Result<()> {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        match cell {
            Cell::Text(s) => write_text(out, &s, guard_formulas)?,
            Cell::Number(n) => write!(out, "{n}")?,
            Cell::Encoded(bytes) => out.write_all(bytes)?,
        }
    }
    Ok(())
}

/// A table rendered into memory, as a string.
pub(crate) fn in_memory(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    let mut bytes = Vec::new();
    // Writing into a Vec cannot fail.
    write(&mut bytes).unwrap_or_else(|e| unreachable!("CSV into memory: {e}"));
    // Every field is a &str and the writer adds only ASCII.
    String::from_utf8(bytes).unwrap_or_else(|e| unreachable!("CSV is UTF-8: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: Vec<Cell>, guard_formulas: bool) -> String {
        in_memory(|out| Table::new(out, guard_formulas).row(cells))
    }

    #[test]
    fn guard_prefixes_formula_starts_only() {
        for s in ["=1+1", "+1", "-x", "@SUM(A1)", "\tx", "\rx"] {
            assert!(is_formula(s), "{s:?}");
        }
        for s in ["", "a=b", " =x", "'quoted", "é"] {
            assert!(!is_formula(s), "{s:?}");
        }
        assert_eq!(row(vec![Cell::text("=a,b")], true), "\"'=a,b\"\n");
    }

    #[test]
    fn numbers_are_never_guarded() {
        assert_eq!(row(vec![Cell::Number(12)], true), "12\n");
        assert_eq!(row(vec![Cell::text("-12")], true), "'-12\n");
        assert_eq!(row(vec![Cell::text("-12")], false), "-12\n");
    }

    #[test]
    fn fields_with_commas_quotes_and_newlines_are_quoted_with_lf_rows() {
        let mut t = Table::new(Vec::new(), false);
        t.row([
            Cell::text("a,b"),
            Cell::text("say \"hi\""),
            Cell::text("x\ny"),
        ])
        .unwrap();
        t.row([Cell::text("plain"), Cell::Number(3), Cell::text("")])
            .unwrap();
        assert_eq!(
            String::from_utf8(t.out).unwrap(),
            "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\nplain,3,\n"
        );
    }

    /// The same bytes as the `csv` crate's writer (which this module used
    /// to call) in this dialect, for fields long and short.
    #[test]
    fn quoting_matches_the_csv_crate() {
        let long = format!("{}\"{}", "x".repeat(70), "y,".repeat(20));
        let fields = [
            "", "plain", "a,b", "\"", "\"\"", "\r", "a\r\nb", "é\"ü", "#", "'", " x ", &long,
        ];
        let mut expected = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        expected.write_record(fields).unwrap();
        expected.write_record(fields.iter().rev()).unwrap();
        let expected = String::from_utf8(expected.into_inner().unwrap()).unwrap();
        let ours = in_memory(|out| {
            let mut t = Table::new(out, false);
            t.row(fields.map(Cell::text))?;
            t.row(fields.iter().rev().map(|f| Cell::text(*f)))
        });
        assert_eq!(ours, expected);
    }

    #[test]
    fn encoded_runs_are_written_as_they_are() {
        let t = Table::new(Vec::new(), true);
        let mut run = Vec::new();
        t.encode(&mut run, [Cell::text("-1"), Cell::text("a\"b")])
            .unwrap();
        assert_eq!(run, b"'-1,\"a\"\"b\"");
        let cells = vec![Cell::Encoded(&run), Cell::Number(2), Cell::Encoded(&run)];
        assert_eq!(row(cells, true), "'-1,\"a\"\"b\",2,'-1,\"a\"\"b\"\n");
    }
}
