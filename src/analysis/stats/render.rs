//! [`Stats`] as text for `briefmark stats`: an aligned table for a
//! terminal, one tidy CSV table for R and pandas, or JSON.

use csv::{Terminator, WriterBuilder};

use super::{CodeLabel, Crosstab, Frequency, Stats, Tally};

/// The output formats of [`render`] (shared with `agree`).
pub use crate::analysis::format::{TextFormat as StatsFormat, UnknownFormat};

/// Columns of the CSV format, in order (see `docs/statistics.md`).
pub const CSV_COLUMNS: [&str; 8] = [
    "section",
    "code",
    "code_b",
    "coder",
    "document",
    "passages",
    "characters",
    "share",
];

/// The statistics in `format`, ending with a line break.
pub fn render(stats: &Stats, format: StatsFormat) -> String {
    match format {
        StatsFormat::Table => table(stats),
        StatsFormat::Csv => csv(stats),
        StatsFormat::Json => {
            // Plain data with string keys and finite numbers cannot fail.
            let json = serde_json::to_string_pretty(stats)
                .unwrap_or_else(|e| unreachable!("statistics as JSON: {e}"));
            json + "\n"
        }
    }
}

// ---- Table ----

fn table(stats: &Stats) -> String {
    let mut sections = vec![frequencies(stats), per_coder(stats)];
    let co = &stats.cooccurrence;
    let matrices = [
        (
            "Co-occurrence (same passage)",
            "passages carrying both codes; diagonal: passages carrying the code",
            &co.same_passage,
        ),
        (
            "Co-occurrence (overlapping passages)",
            "pairs of distinct overlapping passages, one carrying each code; \
             diagonal: passages carrying the code",
            &co.overlapping_passages,
        ),
        (
            "Co-occurrence (shared characters)",
            "code points where both codes apply; diagonal: the code's coded characters",
            &co.shared_characters,
        ),
    ];
    for (title, note, m) in matrices {
        sections.push(format!("{title}\n{note}\n{}", matrix(&stats.codes, m)));
    }
    if let Some(x) = &stats.headline {
        sections.push(crosstab(x));
    }
    if stats.skipped_passages > 0 {
        let n = stats.skipped_passages;
        let whose = if n == 1 {
            "whose document is"
        } else {
            "whose documents are"
        };
        sections.push(format!(
            "Left out: {} {whose} not in the project.\n",
            plural(n, "passage")
        ));
    }
    sections.join("\n")
}

fn frequencies(stats: &Stats) -> String {
    let head = format!(
        "Frequencies ({}, {}; share of all text)",
        plural(stats.documents.len(), "document"),
        plural(stats.total_characters, "character"),
    );
    let mut rows = vec![cells([
        "Code",
        "Dimension",
        "Passages",
        "Characters",
        "Share",
    ])];
    let dimensions = (stats.codes.iter().map(|c| c.dimension.as_str())).chain([""]);
    rows.extend(
        (tally_rows(&stats.codes, &stats.frequencies).zip(dimensions))
            .map(|((name, f), dimension)| frequency_row([name, dimension], f)),
    );
    format!("{head}\n{}", grid(rows, 2))
}

fn per_coder(stats: &Stats) -> String {
    let mut rows = vec![cells(["Coder", "Code", "Passages", "Characters", "Share"])];
    for c in &stats.per_coder {
        let coder = if c.coder.is_empty() {
            "(no coder)"
        } else {
            &c.coder
        };
        rows.extend(
            tally_rows(&stats.codes, &c.tally).map(|(name, f)| frequency_row([coder, name], f)),
        );
    }
    format!("Per coder (share of all text)\n{}", grid(rows, 2))
}

/// `(code name, frequency)` for each code, then for "Any code".
fn tally_rows<'a>(
    codes: &'a [CodeLabel],
    tally: &'a Tally,
) -> impl Iterator<Item = (&'a str, &'a Frequency)> {
    (codes.iter().map(|c| c.name.as_str()))
        .zip(&tally.codes)
        .chain([("Any code", &tally.any_code)])
}

fn frequency_row(keys: [&str; 2], f: &Frequency) -> Vec<String> {
    let values = [
        f.passages.to_string(),
        f.characters.to_string(),
        percent(f.share),
    ];
    keys.iter().map(|k| k.to_string()).chain(values).collect()
}

fn matrix(codes: &[CodeLabel], m: &[Vec<usize>]) -> String {
    if codes.is_empty() {
        return "(no codes)\n".to_owned();
    }
    let header = std::iter::once(String::new()).chain(codes.iter().map(|c| c.name.clone()));
    let mut rows = vec![header.collect()];
    for (code, row) in codes.iter().zip(m) {
        rows.push(
            std::iter::once(code.name.clone())
                .chain(row.iter().map(usize::to_string))
                .collect(),
        );
    }
    grid(rows, 1)
}

fn crosstab(x: &Crosstab) -> String {
    let cell = |f: &Frequency| format!("{} ({})", f.passages, percent(f.share));
    let any_row = format!("Any {}", x.row_dimension);
    let any_column = format!("Any {}", x.column_dimension);
    let header = std::iter::once(String::new())
        .chain(x.columns.iter().map(|c| c.name.clone()))
        .chain([any_column]);
    let mut rows: Vec<Vec<String>> = vec![header.collect()];
    for ((code, row), total) in x.rows.iter().zip(&x.cells).zip(&x.row_totals) {
        let values = row.iter().chain([total]).map(cell);
        rows.push(std::iter::once(code.name.clone()).chain(values).collect());
    }
    let totals = x.column_totals.iter().chain([&x.total]).map(cell);
    rows.push(std::iter::once(any_row).chain(totals).collect());
    format!(
        "{} × {}\npassages carrying both codes (share of all text)\n{}",
        x.row_dimension,
        x.column_dimension,
        grid(rows, 1)
    )
}

fn cells<const N: usize>(texts: [&str; N]) -> Vec<String> {
    texts.iter().map(|t| t.to_string()).collect()
}

/// Rows as aligned columns two spaces apart: the first `left` columns flush
/// left, the others (numbers) flush right. Widths count characters.
fn grid(rows: Vec<Vec<String>>, left: usize) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width = |i: usize| {
        (rows.iter())
            .filter_map(|r| r.get(i))
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns).map(width).collect();
    let mut out = String::new();
    for row in &rows {
        let line: Vec<String> = (row.iter().zip(&widths).enumerate())
            .map(|(i, (c, &w))| {
                if i < left {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect();
        out += line.join("  ").trim_end();
        out.push('\n');
    }
    out
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

// ---- CSV ----

/// The five key columns of a CSV row: section, code, code_b, coder, document.
type Keys<'a> = [&'a str; 5];

fn csv(stats: &Stats) -> String {
    let mut out = Csv::new();
    out.row(CSV_COLUMNS);
    out.tally(
        ["frequency", "", "", "", ""],
        &stats.codes,
        &stats.frequencies,
    );
    for d in &stats.per_document {
        let keys = ["frequency_by_document", "", "", "", d.document.0.as_str()];
        out.tally(keys, &stats.codes, &d.tally);
    }
    for c in &stats.per_coder {
        let keys = ["frequency_by_coder", "", "", c.coder.as_str(), ""];
        out.tally(keys, &stats.codes, &c.tally);
    }
    let co = &stats.cooccurrence;
    out.matrix("same_passage", &stats.codes, &co.same_passage, |n| {
        counted(n)
    });
    out.matrix(
        "overlapping_passages",
        &stats.codes,
        &co.overlapping_passages,
        counted,
    );
    let total = stats.total_characters;
    out.matrix(
        "shared_characters",
        &stats.codes,
        &co.shared_characters,
        |n| {
            let f = Frequency::new(0, n, total);
            [String::new(), n.to_string(), f.share.to_string()]
        },
    );
    if let Some(x) = &stats.headline {
        out.crosstab(x);
    }
    out.finish()
}

/// The value columns (passages, characters, share) of a frequency.
fn measured(f: &Frequency) -> [String; 3] {
    [
        f.passages.to_string(),
        f.characters.to_string(),
        f.share.to_string(),
    ]
}

/// The value columns of a passage count alone.
fn counted(n: usize) -> [String; 3] {
    [n.to_string(), String::new(), String::new()]
}

/// A CSV writer into memory: RFC 4180 fields, `\n` line ends, no BOM, no
/// formula guard (the table is for statistics tools, not spreadsheets).
struct Csv {
    writer: csv::Writer<Vec<u8>>,
}

impl Csv {
    fn new() -> Self {
        let writer = WriterBuilder::new()
            .terminator(Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        Self { writer }
    }

    fn row<S: AsRef<[u8]>>(&mut self, fields: impl IntoIterator<Item = S>) {
        // Writing to a Vec cannot fail, and every row has the header's
        // eight fields by construction (the writer's only other error).
        self.writer
            .write_record(fields)
            .unwrap_or_else(|e| unreachable!("CSV row into memory: {e}"));
    }

    fn values(&mut self, keys: Keys, values: [String; 3]) {
        self.row(keys.into_iter().map(str::to_owned).chain(values));
    }

    /// One row per code, then the "any code" row with an empty `code`.
    fn tally(&mut self, keys: Keys, codes: &[CodeLabel], tally: &Tally) {
        let [section, _, _, coder, document] = keys;
        for (code, f) in codes.iter().zip(&tally.codes) {
            self.values([section, &code.id.0, "", coder, document], measured(f));
        }
        self.values(
            [section, "", "", coder, document],
            measured(&tally.any_code),
        );
    }

    /// Every cell of a square matrix, row by row.
    fn matrix(
        &mut self,
        section: &str,
        codes: &[CodeLabel],
        m: &[Vec<usize>],
        values: impl Fn(usize) -> [String; 3],
    ) {
        for (a, row) in codes.iter().zip(m) {
            for (b, &n) in codes.iter().zip(row) {
                self.values([section, &a.id.0, &b.id.0, "", ""], values(n));
            }
        }
    }

    /// Cells, then row totals (empty `code_b`), then column totals (empty
    /// `code`), then the total (both empty).
    fn crosstab(&mut self, x: &Crosstab) {
        let s = "crosstab";
        for (a, row) in x.rows.iter().zip(&x.cells) {
            for (b, f) in x.columns.iter().zip(row) {
                self.values([s, &a.id.0, &b.id.0, "", ""], measured(f));
            }
        }
        for (a, f) in x.rows.iter().zip(&x.row_totals) {
            self.values([s, &a.id.0, "", "", ""], measured(f));
        }
        for (b, f) in x.columns.iter().zip(&x.column_totals) {
            self.values([s, "", &b.id.0, "", ""], measured(f));
        }
        self.values([s, "", "", "", ""], measured(&x.total));
    }

    fn finish(self) -> String {
        // Flushing into a Vec cannot fail; every field is UTF-8 text.
        let bytes = (self.writer.into_inner()).unwrap_or_else(|e| unreachable!("CSV flush: {e}"));
        String::from_utf8(bytes).unwrap_or_else(|e| unreachable!("CSV is UTF-8: {e}"))
    }
}
