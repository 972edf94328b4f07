//! Writing a [`Report`]: an aligned plain-text table for a terminal, CSV
//! (one row per figure group, for spreadsheets, R and pandas) and JSON
//! (the `Report` itself, serialised); and the pairwise figures of every
//! pair of raters the same three ways.
//!
//! Undefined figures are `n/a` in the table (with a legend of the reasons
//! that occurred), empty cells in CSV and `null` in JSON. Agreement is a
//! percentage in the table and a fraction (0 to 1) in CSV and JSON.

use std::collections::BTreeSet;

use csv::{Terminator, WriterBuilder};

use super::estimate::{Estimate, Figures, Undefined};
use super::pairwise::Pairwise;
use super::passages::PassageFigures;
use super::report::{ALL_CODES, Report, Scopes};

/// The output formats of `briefmark agree` (shared with `stats`).
pub use crate::analysis::format::{TextFormat as OutputFormat, UnknownFormat};

/// The report in `format`; every format ends with a newline.
pub fn render(report: &Report, format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => table(report),
        OutputFormat::Csv => csv(report),
        OutputFormat::Json => {
            // Plain structs of strings, numbers and options always serialise.
            let json = serde_json::to_string_pretty(report).expect("a report serialises");
            json + "\n"
        }
    }
}

/// The pairwise figures ([`Pairwise`]) in a format: in a table, a raters ×
/// raters matrix of Cohen's kappa for all codes pooled, then one per code;
/// in CSV, [`pairwise_csv`](super::pairwise_csv)'s row per pair and code;
/// in JSON, every figure.
pub fn render_pairwise(p: &Pairwise, format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => {
            let codes = std::iter::once(ALL_CODES).chain(p.codes.iter().map(String::as_str));
            pairwise_table(p, &codes.collect::<Vec<_>>())
        }
        OutputFormat::Csv => super::pairwise_csv(p),
        OutputFormat::Json => {
            let json = serde_json::to_string_pretty(p).expect("pairwise figures serialise");
            json + "\n"
        }
    }
}

/// Cohen's kappa of every pair of raters, a raters × raters matrix for
/// each of `codes` (a code's name or [`ALL_CODES`]): the Compare window's
/// coders × coders table, as text.
pub fn pairwise_table(p: &Pairwise, codes: &[&str]) -> String {
    let mut cells = Cells::default();
    let mut out = format!(
        "Cohen's kappa for each pair of the {} raters (all text; rows and columns are raters):\n",
        p.raters.len()
    );
    let mut header = vec![""];
    header.extend(p.raters.iter().map(String::as_str));
    for &code in codes {
        let rows: Vec<Vec<String>> = (p.raters.iter())
            .map(|row| {
                let kappas = p.raters.iter().map(|column| {
                    (p.figures(row, column, code))
                        .map_or("–".to_owned(), |f| cells.number(&f.kappa))
                });
                std::iter::once(row.clone()).chain(kappas).collect()
            })
            .collect();
        out += &format!("\n{code}\n{}", aligned(&header, &rows, 1));
    }
    out + &cells.legend()
}

// ---- Table ----

/// Formats estimates for the table and remembers why any was `n/a`.
#[derive(Default)]
struct Cells {
    reasons: BTreeSet<Undefined>,
}

impl Cells {
    fn number(&mut self, e: &Estimate) -> String {
        self.cell(e, |v| format!("{v:.3}"))
    }

    fn percent(&mut self, e: &Estimate) -> String {
        self.cell(e, |v| format!("{:.1}%", v * 100.0))
    }

    fn cell(&mut self, e: &Estimate, show: impl Fn(f64) -> String) -> String {
        match (e.value, e.undefined) {
            (Some(v), _) => show(v),
            (None, reason) => {
                self.reasons.extend(reason);
                "n/a".to_owned()
            }
        }
    }

    fn figures(&mut self, label: &str, f: &Figures) -> Vec<String> {
        vec![
            label.to_owned(),
            f.units.to_string(),
            self.percent(&f.observed_agreement),
            self.number(&f.kappa),
            self.number(&f.alpha),
        ]
    }

    fn passages(&mut self, f: &PassageFigures) -> Vec<String> {
        vec![
            f.passages.to_string(),
            f.reference_passages.to_string(),
            f.matched.to_string(),
            self.number(&f.precision),
            self.number(&f.recall),
            self.number(&f.f1),
        ]
    }

    /// The legend: one line per reason that occurred.
    fn legend(&self) -> String {
        let mut out = String::new();
        if !self.reasons.is_empty() {
            out += "\nn/a means the figure is undefined:\n";
        }
        for reason in Undefined::ALL.iter().filter(|r| self.reasons.contains(r)) {
            out += &format!("  {}: {reason}\n", reason.label().replace('_', " "));
        }
        out
    }
}

/// Columns aligned by width; the first column left, the rest right.
fn aligned(header: &[&str], rows: &[Vec<String>], left_columns: usize) -> String {
    let width = |i: usize| {
        let cells = rows
            .iter()
            .filter_map(|r| r.get(i))
            .map(|c| c.chars().count());
        cells.chain([header[i].chars().count()]).max().unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = (cells.iter().enumerate())
            .map(|(i, c)| match i < left_columns {
                true => format!("{c:<w$}", w = widths[i]),
                false => format!("{c:>w$}", w = widths[i]),
            })
            .collect();
        padded.join("  ").trim_end().to_owned() + "\n"
    };
    let mut out = line(header.to_vec());
    for row in rows {
        out += &line(row.iter().map(String::as_str).collect());
    }
    out
}

fn table(report: &Report) -> String {
    let mut cells = Cells::default();
    let mut out = table_head(report);
    out += "\nAll text: every unit. Units = units with values from at least two raters.\n\
            Unitizing alpha compares where passages begin and end, over documents every rater coded.\n";
    out += &aligned(
        &[
            "code",
            "units",
            "agreement",
            "kappa",
            "alpha",
            "unitizing alpha",
        ],
        &scope_rows(report, &mut cells, |s| &s.all_text, true),
        1,
    );
    out += "\nRestricted to coded text: per code, only the units at least one rater gave that code\n\
            (overall: those units pooled). Uncoded text is left out, so these figures are lower\n\
            and stricter; for two raters, agreement here is the overlap of their coverage\n\
            divided by its union.\n";
    out += &aligned(
        &["code", "units", "agreement", "kappa", "alpha"],
        &scope_rows(report, &mut cells, |s| &s.coded_text, false),
        1,
    );
    out += &dimension_table(report, &mut cells);
    out += &passage_table(report, &mut cells);
    out + &cells.legend()
}

fn table_head(report: &Report) -> String {
    let mut out = format!(
        "Agreement between {} raters: {}\n",
        report.raters.len(),
        report.raters.join(", ")
    );
    out += if report.exclude_whitespace {
        "Units: every character of the text except whitespace.\n"
    } else {
        "Units: every character of the text, whitespace included.\n"
    };
    out +=
        "Documents (a rater who did not code a document is missing there, not a rater of zeros):\n";
    for (i, d) in report.documents.iter().enumerate() {
        let coded = if d.coded_by.is_empty() {
            "nobody".to_owned()
        } else {
            d.coded_by.join(", ")
        };
        out += &format!(
            "  {}. {} ({} characters, {} units), coded by {coded}\n",
            i + 1,
            d.title,
            d.characters,
            d.units
        );
    }
    out
}

/// One row per code, then the overall row.
fn scope_rows(
    report: &Report,
    cells: &mut Cells,
    scope: impl Fn(&Scopes) -> &Figures,
    unitizing: bool,
) -> Vec<Vec<String>> {
    let mut rows = Vec::with_capacity(report.codes.len() + 1);
    for c in &report.codes {
        let mut row = cells.figures(&c.code, scope(&c.scopes));
        if unitizing {
            row.push(cells.number(&c.unitizing_alpha));
        }
        rows.push(row);
    }
    rows.push(cells.figures(ALL_CODES, scope(&report.overall)));
    rows
}

fn dimension_table(report: &Report, cells: &mut Cells) -> String {
    if report.dimensions.is_empty() {
        return String::new();
    }
    let mut rows = Vec::new();
    for d in &report.dimensions {
        for (scope, f) in [
            ("all text", &d.scopes.all_text),
            ("coded text", &d.scopes.coded_text),
        ] {
            let mut row = cells.figures(&d.dimension, f);
            row.insert(1, scope.to_owned());
            rows.push(row);
        }
    }
    "\nExclusive dimensions: a unit's value is the dimension's code covering it, \"none\",\n\
     or \"several\" (overlapping passages of one rater with different codes of the dimension).\n\
     Coded text: units where at least one rater gave a code of the dimension.\n"
        .to_owned()
        + &aligned(
            &["dimension", "scope", "units", "agreement", "kappa", "alpha"],
            &rows,
            2,
        )
}

fn passage_table(report: &Report, cells: &mut Cells) -> String {
    let Some(reference) = &report.reference else {
        return String::new();
    };
    let mut rows = Vec::new();
    for cmp in &report.passages {
        let named = |code: &str, f: &PassageFigures, cells: &mut Cells| {
            [vec![cmp.rater.clone(), code.to_owned()], cells.passages(f)].concat()
        };
        for c in &cmp.codes {
            rows.push(named(&c.code, &c.figures, cells));
        }
        rows.push(named(ALL_CODES, &cmp.overall, cells));
    }
    let header = [
        "rater",
        "code",
        "passages",
        "reference",
        "matched",
        "precision",
        "recall",
        "F1",
    ];
    format!(
        "\nPassages against the reference {reference:?}: one-to-one greedy matching of passages \
         with the code,\noverlap/union at least {:.2}, over documents both coded.\n",
        report.match_threshold
    ) + &aligned(&header, &rows, 2)
}

// ---- CSV ----

/// Columns of the CSV rendering, in order.
pub const CSV_COLUMNS: [&str; 18] = [
    "section",
    "rater",
    "name",
    "units",
    "observed_agreement",
    "kappa",
    "alpha",
    "coded_units",
    "coded_observed_agreement",
    "coded_kappa",
    "coded_alpha",
    "unitizing_alpha",
    "passages",
    "reference_passages",
    "matched",
    "precision",
    "recall",
    "f1",
];

/// A CSV cell of an estimate: the number, or empty when undefined.
pub(crate) fn csv_cell(e: &Estimate) -> String {
    e.value.map(|v| v.to_string()).unwrap_or_default()
}

fn figure_cells(f: &Figures) -> [String; 4] {
    [
        f.units.to_string(),
        csv_cell(&f.observed_agreement),
        csv_cell(&f.kappa),
        csv_cell(&f.alpha),
    ]
}

/// Cells from `units` to `unitizing_alpha`.
fn scope_cells(s: &Scopes, unitizing: Option<&Estimate>) -> Vec<String> {
    let mut cells = figure_cells(&s.all_text).to_vec();
    cells.extend(figure_cells(&s.coded_text));
    cells.push(unitizing.map(csv_cell).unwrap_or_default());
    cells
}

fn passage_cells(f: &PassageFigures) -> Vec<String> {
    vec![
        f.passages.to_string(),
        f.reference_passages.to_string(),
        f.matched.to_string(),
        csv_cell(&f.precision),
        csv_cell(&f.recall),
        csv_cell(&f.f1),
    ]
}

fn csv_rows(report: &Report) -> Vec<Vec<String>> {
    let head = |section: &str, rater: &str, name: &str| {
        vec![section.to_owned(), rater.to_owned(), name.to_owned()]
    };
    let no_passages = vec![String::new(); 6];
    let no_scopes = vec![String::new(); 9];
    let mut rows = Vec::new();
    for c in &report.codes {
        let cells = scope_cells(&c.scopes, Some(&c.unitizing_alpha));
        rows.push([head("code", "", &c.code), cells, no_passages.clone()].concat());
    }
    let cells = scope_cells(&report.overall, None);
    rows.push([head("overall", "", ""), cells, no_passages.clone()].concat());
    for d in &report.dimensions {
        let cells = scope_cells(&d.scopes, None);
        rows.push(
            [
                head("dimension", "", &d.dimension),
                cells,
                no_passages.clone(),
            ]
            .concat(),
        );
    }
    for cmp in &report.passages {
        for c in &cmp.codes {
            let cells = passage_cells(&c.figures);
            rows.push(
                [
                    head("passages", &cmp.rater, &c.code),
                    no_scopes.clone(),
                    cells,
                ]
                .concat(),
            );
        }
        let cells = passage_cells(&cmp.overall);
        rows.push(
            [
                head("passages_overall", &cmp.rater, ""),
                no_scopes.clone(),
                cells,
            ]
            .concat(),
        );
    }
    rows
}

/// Writes a header and rows as CSV (RFC 4180 quoting, `\n` line ends, as
/// the project's other CSV files).
pub(crate) fn write_csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut w = WriterBuilder::new()
        .terminator(Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail, and every row has the header's length.
    w.write_record(header).expect("write to memory");
    for row in rows {
        w.write_record(row).expect("write to memory");
    }
    let bytes = w.into_inner().expect("flush to memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

fn csv(report: &Report) -> String {
    write_csv(&CSV_COLUMNS, &csv_rows(report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("csv".parse(), Ok(OutputFormat::Csv));
        assert_eq!("table".parse(), Ok(OutputFormat::Table));
        assert!("yaml".parse::<OutputFormat>().is_err());
    }

    #[test]
    fn columns_align_and_undefined_is_na() {
        let mut cells = Cells::default();
        let na = cells.number(&Estimate::undefined(Undefined::NoVariation));
        let rows = vec![
            vec!["a".to_owned(), na],
            vec!["long name".to_owned(), "0.5".to_owned()],
        ];
        let t = aligned(&["code", "kappa"], &rows, 1);
        assert_eq!(t, "code       kappa\na            n/a\nlong name    0.5\n");
        assert!(cells.legend().contains("no variation"));
    }
}
