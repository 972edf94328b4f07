//! Teaching support: many students against one reference coding.
//!
//! - [`teaching_table`]: student × code, with Cohen's kappa and
//!   Krippendorff's alpha over all text (each student paired with the
//!   reference) and passage F1 against the reference; [`teaching_csv`]
//!   writes it.
//! - [`feedback`]: for one student, their kappa, alpha and F1 (the class
//!   table's pooled row: both come from one two-rater report), the
//!   passages they *missed* (in the reference, no passage of theirs
//!   matching), their *extra* passages (matching no reference passage) and
//!   *code disagreements* (matching passages whose codes differ), with
//!   quotes, positions and the reference's memos; [`feedback_markdown`] and
//!   [`feedback_html`] write it for the student.
//!
//! Feedback matches passages by span alone (the same greedy overlap/union
//! rule as the F1 figures, which match per code), so a passage given the
//! wrong code is one disagreement, not a miss plus an extra.

use serde::Serialize;

use super::estimate::Estimate;
use super::passages::{PassageComparison, PassageFigures, greedy_match};
use super::raters::{Aligned, Rater, Study};
use super::render::{csv_cell, write_csv};
use super::report::{ALL_CODES, Report};
use super::{AgreementError, Options, agree_refs, checked_threshold};
use crate::io::escape::{html, md_line, md_quote};

/// One student's figures for one code (or [`ALL_CODES`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeachingRow {
    pub student: String,
    pub code: String,
    pub kappa: Estimate,
    pub alpha: Estimate,
    pub f1: Estimate,
    /// Of the student's passages, the share matching a reference passage.
    pub precision: Estimate,
    /// Of the reference passages, the share the student matched.
    pub recall: Estimate,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeachingTable {
    pub reference: String,
    pub rows: Vec<TeachingRow>,
}

/// Each student against `reference`: a row per code and a pooled row.
/// Students need names distinct from the reference's.
pub fn teaching_table(
    reference: &Rater,
    students: &[Rater],
    options: &Options,
) -> Result<TeachingTable, AgreementError> {
    let mut rows = Vec::new();
    for student in students {
        let report = student_report(reference, student, options)?;
        let pooled = pooled_row(&student.name, &report);
        rows.extend(code_rows(&student.name, &report));
        rows.push(pooled);
    }
    Ok(TeachingTable {
        reference: reference.name.clone(),
        rows,
    })
}

/// One student and the reference as a study with that reference: the one
/// computation behind the class table and the student's feedback, so the
/// two always show the same figures.
fn student_report(
    reference: &Rater,
    student: &Rater,
    options: &Options,
) -> Result<Report, AgreementError> {
    let options = Options {
        reference: Some(reference.name.clone()),
        ..options.clone()
    };
    agree_refs(&[reference, student], &options)
}

/// The student's passages against the reference (with a reference, the
/// report's `passages` holds exactly the one other rater).
fn student_passages(report: &Report) -> Option<&PassageComparison> {
    report.passages.first()
}

fn code_rows(student: &str, report: &Report) -> Vec<TeachingRow> {
    let Some(passages) = student_passages(report) else {
        return Vec::new();
    };
    (report.codes.iter().zip(&passages.codes))
        .map(|(code, p)| TeachingRow {
            student: student.to_owned(),
            code: code.code.clone(),
            kappa: code.scopes.all_text.kappa,
            alpha: code.scopes.all_text.alpha,
            f1: p.figures.f1,
            precision: p.figures.precision,
            recall: p.figures.recall,
        })
        .collect()
}

/// The row of all codes pooled.
fn pooled_row(student: &str, report: &Report) -> TeachingRow {
    let p = pooled_passages(report);
    TeachingRow {
        student: student.to_owned(),
        code: ALL_CODES.to_owned(),
        kappa: report.overall.all_text.kappa,
        alpha: report.overall.all_text.alpha,
        f1: p.f1,
        precision: p.precision,
        recall: p.recall,
    }
}

fn pooled_passages(report: &Report) -> PassageFigures {
    student_passages(report).map_or(PassageFigures::new(0, 0, 0), |p| p.overall)
}

/// The table as CSV: `student,code,kappa,alpha,f1,precision,recall`
/// (the last two added after the others, so scripts reading the first five
/// by position still work); undefined is empty.
pub fn teaching_csv(table: &TeachingTable) -> String {
    let rows: Vec<Vec<String>> = (table.rows.iter())
        .map(|r| {
            let figures = [&r.kappa, &r.alpha, &r.f1, &r.precision, &r.recall].map(csv_cell);
            [vec![r.student.clone(), r.code.clone()], figures.to_vec()].concat()
        })
        .collect();
    let header = [
        "student",
        "code",
        "kappa",
        "alpha",
        "f1",
        "precision",
        "recall",
    ];
    write_csv(&header, &rows)
}

/// A passage as feedback shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FeedbackPassage {
    /// The document's title.
    pub document: String,
    /// Code-point offsets into the document's text, half-open.
    pub start: usize,
    pub end: usize,
    /// The document's text at `start..end`.
    pub quote: String,
    /// Code names in study order.
    pub codes: Vec<String>,
    /// The coder's memo on the passage (feedback shows the reference's).
    pub memo: String,
}

/// Matching passages whose codes differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeDisagreement {
    pub reference: FeedbackPassage,
    pub student: FeedbackPassage,
}

/// What a student did differently from the reference.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Feedback {
    pub student: String,
    pub reference: String,
    pub match_threshold: f64,
    /// Matching passages with the same codes.
    pub agreed: usize,
    pub missed: Vec<FeedbackPassage>,
    pub extra: Vec<FeedbackPassage>,
    pub disagreements: Vec<CodeDisagreement>,
    /// Titles of documents the reference coded and the student did not;
    /// their passages are left out of the lists.
    pub uncoded_documents: Vec<String>,
    /// Precision, recall and F1 over all codes, as in the class table.
    pub scores: PassageFigures,
    /// Cohen's kappa and Krippendorff's alpha over all text, all codes
    /// pooled: the class table's pooled row.
    pub kappa: Estimate,
    pub alpha: Estimate,
}

/// Compares `student` with `reference` passage by passage.
pub fn feedback(
    reference: &Rater,
    student: &Rater,
    options: &Options,
) -> Result<Feedback, AgreementError> {
    let t = checked_threshold(options)?;
    let report = student_report(reference, student, options)?;
    let study = Study::new(&[reference, student])?;
    let mut out = Feedback {
        student: student.name.clone(),
        reference: reference.name.clone(),
        match_threshold: t,
        agreed: 0,
        missed: Vec::new(),
        extra: Vec::new(),
        disagreements: Vec::new(),
        uncoded_documents: Vec::new(),
        scores: pooled_passages(&report),
        kappa: report.overall.all_text.kappa,
        alpha: report.overall.all_text.alpha,
    };
    for d in 0..study.documents.len() {
        match (study.coded(0, d), study.coded(1, d)) {
            (true, true) => compare_document(&study, d, t, &mut out),
            (true, false) => out
                .uncoded_documents
                .push(study.documents[d].title().to_owned()),
            _ => {}
        }
    }
    Ok(out)
}

/// Adds document `d`'s misses, extras and disagreements to `out`.
fn compare_document(study: &Study, d: usize, threshold: f64, out: &mut Feedback) {
    let non_empty = |r: usize| -> Vec<&Aligned> {
        study.passages[r][d]
            .iter()
            .filter(|a| !a.passage.is_empty())
            .collect()
    };
    let (theirs, mine) = (non_empty(0), non_empty(1));
    let range = |a: &&Aligned| (a.passage.start, a.passage.end);
    let ranges = |v: &[&Aligned]| v.iter().map(range).collect::<Vec<_>>();
    let pairs = greedy_match(&ranges(&mine), &ranges(&theirs), threshold);
    let show = |a: &Aligned| shown(study, d, a);
    // Reference passage j's match among mine, listed in position order.
    let mut partner = vec![None; theirs.len()];
    let mut taken = vec![false; mine.len()];
    for &(i, j) in &pairs {
        (partner[j], taken[i]) = (Some(i), true);
    }
    for (j, i) in partner.iter().enumerate() {
        match i {
            None => out.missed.push(show(theirs[j])),
            Some(i) if sorted(&mine[*i].codes) == sorted(&theirs[j].codes) => out.agreed += 1,
            Some(i) => out.disagreements.push(CodeDisagreement {
                reference: show(theirs[j]),
                student: show(mine[*i]),
            }),
        }
    }
    let extra = mine.iter().zip(&taken).filter(|(_, t)| !**t);
    out.extra.extend(extra.map(|(a, _)| show(a)));
}

fn sorted(codes: &[usize]) -> Vec<usize> {
    let mut v = codes.to_vec();
    v.sort_unstable();
    v
}

fn shown(study: &Study, d: usize, a: &Aligned) -> FeedbackPassage {
    let doc = study.documents[d];
    let (start, end) = (a.passage.start, a.passage.end);
    FeedbackPassage {
        document: doc.title().to_owned(),
        start,
        end,
        quote: doc.slice(start, end).to_owned(),
        codes: sorted(&a.codes)
            .iter()
            .map(|&c| study.codes[c].clone())
            .collect(),
        memo: a.passage.memo.clone(),
    }
}

// ---- Markdown ----

/// The feedback as Markdown (CommonMark), for the student.
pub fn feedback_markdown(f: &Feedback) -> String {
    let intro = intro(&md(&f.reference), f.match_threshold);
    let mut out = format!("# Coding feedback for {}\n\n{intro}\n\n", md(&f.student));
    for (label, n) in summary(f) {
        out += &format!("- {label}: {n}\n");
    }
    for (label, value) in scores(f) {
        out += &format!("- {label}: {value}\n");
    }
    if !f.uncoded_documents.is_empty() {
        let titles: Vec<String> = f.uncoded_documents.iter().map(|t| md(t)).collect();
        out += &format!(
            "\nDocuments you did not code (left out): {}\n",
            titles.join("; ")
        );
    }
    out += &md_section(MISSED, &f.missed, "Reference codes", true);
    out += &md_section(EXTRA, &f.extra, "Your codes", false);
    out += &format!("\n## {}\n\n{}\n", DISAGREEMENTS.0, DISAGREEMENTS.1);
    if f.disagreements.is_empty() {
        out += "\nNone.\n";
    }
    for (k, x) in f.disagreements.iter().enumerate() {
        let (r, s) = (&x.reference, &x.student);
        out += &format!("\n### {}. {}, {}\n\n", k + 1, md(&r.document), spans(r, s));
        out += &format!("{}\n\n", md_quote(&r.quote));
        if (r.start, r.end) != (s.start, s.end) {
            out += &format!("Your passage:\n\n{}\n\n", md_quote(&s.quote));
        }
        out += &format!(
            "Reference codes: {}  \nYour codes: {}\n",
            md(&codes(r)),
            md(&codes(s))
        );
        out += &md_memo(r);
    }
    out
}

/// The reference's memo on a passage, if it has one, as a paragraph.
fn md_memo(p: &FeedbackPassage) -> String {
    match p.memo.trim() {
        "" => String::new(),
        memo => format!("\n*{REFERENCE_MEMO}:* {}\n", md(memo)),
    }
}

const MISSED: (&str, &str) = (
    "Missed passages",
    "Passages of the reference coding that no passage of yours matches.",
);
const EXTRA: (&str, &str) = (
    "Extra passages",
    "Passages of yours that match no passage of the reference coding.",
);
const DISAGREEMENTS: (&str, &str) = (
    "Code disagreements",
    "Passages of yours that match a reference passage but carry different codes.",
);

/// The opening paragraph; `reference` comes escaped for the output format.
fn intro(reference: &str, threshold: f64) -> String {
    format!(
        "Compared with the reference coding by {reference}. Two passages match when their overlap is at \
         least {:.0}% of their combined extent (overlap divided by union, in characters); each \
         passage matches at most one other. Positions are character offsets into the document's \
         text (start–end).",
        threshold * 100.0
    )
}

fn summary(f: &Feedback) -> [(&'static str, usize); 4] {
    [
        ("Matching passages with the same codes", f.agreed),
        ("Missed passages", f.missed.len()),
        ("Extra passages", f.extra.len()),
        ("Code disagreements", f.disagreements.len()),
    ]
}

/// Kappa, alpha, F1, recall and precision in words a student reads, with
/// three decimals as the class table shows them; a figure that is
/// undefined says why.
fn scores(f: &Feedback) -> [(&'static str, String); 5] {
    let show = |e: &Estimate, why: &str| {
        e.value
            .map_or_else(|| why.to_owned(), |v| format!("{v:.3}"))
    };
    let s = &f.scores;
    let chance = "none: no variation to correct for chance";
    [
        (
            "Cohen's kappa (κ, agreement beyond chance, all codes, all text)",
            show(&f.kappa, chance),
        ),
        (
            "Krippendorff's alpha (α, the same judged as reliability)",
            show(&f.alpha, chance),
        ),
        (
            "F1 (passages: recall and precision together)",
            show(&s.f1, "none: nothing coded on either side"),
        ),
        (
            "Recall (share of the reference passages you found)",
            format!(
                "{} ({} of {})",
                show(&s.recall, "none to find"),
                s.matched,
                s.reference_passages
            ),
        ),
        (
            "Precision (share of your passages that match the reference)",
            format!(
                "{} ({} of {})",
                show(&s.precision, "none: you coded no passage"),
                s.matched,
                s.passages
            ),
        ),
    ]
}

/// The label of a reference memo, in feedback of both formats.
const REFERENCE_MEMO: &str = "Reference memo";

fn codes(p: &FeedbackPassage) -> String {
    if p.codes.is_empty() {
        "(none)".to_owned()
    } else {
        p.codes.join(", ")
    }
}

fn position(p: &FeedbackPassage) -> String {
    format!("characters {}–{}", p.start, p.end)
}

fn spans(r: &FeedbackPassage, s: &FeedbackPassage) -> String {
    format!(
        "reference {}–{}, yours {}–{}",
        r.start, r.end, s.start, s.end
    )
}

/// A list of passages; `memos`: they are the reference's, with its memos.
fn md_section(
    title: (&str, &str),
    passages: &[FeedbackPassage],
    label: &str,
    memos: bool,
) -> String {
    let mut out = format!("\n## {}\n\n{}\n", title.0, title.1);
    if passages.is_empty() {
        out += "\nNone.\n";
    }
    for (k, p) in passages.iter().enumerate() {
        out += &format!("\n### {}. {}, {}\n\n", k + 1, md(&p.document), position(p));
        out += &format!("{}\n\n{label}: {}\n", md_quote(&p.quote), md(&codes(p)));
        if memos {
            out += &md_memo(p);
        }
    }
    out
}

/// User text as literal Markdown on one line: line breaks become spaces.
fn md(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(md_line).collect();
    lines.join(" ")
}

// ---- HTML ----

/// The feedback as one self-contained HTML page (inline CSS, no scripts).
pub fn feedback_html(f: &Feedback) -> String {
    let title = html(&format!("Coding feedback for {}", f.student));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}</p>\n<ul>\n",
        intro(&html(&f.reference), f.match_threshold)
    );
    for (label, n) in summary(f) {
        out += &format!("<li>{label}: {n}</li>\n");
    }
    for (label, value) in scores(f) {
        out += &format!("<li>{label}: {}</li>\n", html(&value));
    }
    out += "</ul>\n";
    if !f.uncoded_documents.is_empty() {
        let titles = html(&f.uncoded_documents.join("; "));
        out += &format!("<p>Documents you did not code (left out): {titles}</p>\n");
    }
    out += &html_section(MISSED, &f.missed, "Reference codes", true);
    out += &html_section(EXTRA, &f.extra, "Your codes", false);
    out += &html_disagreements(&f.disagreements);
    out + "</body>\n</html>\n"
}

fn html_section(
    title: (&str, &str),
    passages: &[FeedbackPassage],
    label: &str,
    memos: bool,
) -> String {
    let mut out = format!("<section>\n<h2>{}</h2>\n<p>{}</p>\n", title.0, title.1);
    if passages.is_empty() {
        out += "<p>None.</p>\n";
    }
    for p in passages {
        out += &format!(
            "<figure>\n<blockquote>{}</blockquote>\n<figcaption>{}, {}. {label}: {}</figcaption>\n{}</figure>\n",
            html(&p.quote),
            html(&p.document),
            position(p),
            html(&codes(p)),
            if memos { html_memo(p) } else { String::new() }
        );
    }
    out + "</section>\n"
}

fn html_disagreements(list: &[CodeDisagreement]) -> String {
    let mut out = format!(
        "<section>\n<h2>{}</h2>\n<p>{}</p>\n",
        DISAGREEMENTS.0, DISAGREEMENTS.1
    );
    if list.is_empty() {
        out += "<p>None.</p>\n";
    }
    for x in list {
        let (r, s) = (&x.reference, &x.student);
        out += &format!("<figure>\n<blockquote>{}</blockquote>\n", html(&r.quote));
        if (r.start, r.end) != (s.start, s.end) {
            out += &format!(
                "<p>Your passage:</p>\n<blockquote>{}</blockquote>\n",
                html(&s.quote)
            );
        }
        out += &format!(
            "<figcaption>{}, {}. Reference codes: {}. Your codes: {}.</figcaption>\n{}</figure>\n",
            html(&r.document),
            spans(r, s),
            html(&codes(r)),
            html(&codes(s)),
            html_memo(r)
        );
    }
    out + "</section>\n"
}

fn html_memo(p: &FeedbackPassage) -> String {
    match p.memo.trim() {
        "" => String::new(),
        memo => format!("<p><em>{REFERENCE_MEMO}:</em> {}</p>\n", html(memo)),
    }
}

const CSS: &str = "\
body { font-family: Charis SIL, Georgia, serif; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }
h1, h2, figcaption { font-family: system-ui, sans-serif; }
blockquote { margin: 0; padding: 0.2em 1em; border-left: 4px solid #ccc; white-space: pre-wrap; }
figure { margin: 1em 0; }
figcaption { font-size: 0.9em; color: #555; }
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_stays_literal() {
        assert_eq!(md("# *x* [a](b)"), "\\# \\*x\\* \\[a\\](b)");
        assert_eq!(md("Russia's view, 2024. Yes"), "Russia's view, 2024. Yes");
        assert_eq!(md("12. May"), "12\\. May");
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(
            md_quote("  one\n\n<two>\n---"),
            "> one\n>\n> \\<two>\n> \\---"
        );
    }

    #[test]
    fn html_escapes_the_five_specials() {
        assert_eq!(
            html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
