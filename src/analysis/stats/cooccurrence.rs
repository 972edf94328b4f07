//! Co-occurrence of codes: in one passage, in overlapping passages and in
//! shared characters; and the crosstab of two dimensions.

use super::frequency::CodeMeasures;
use super::intervals::{Figure, for_each_common};
use super::prepared::{Entry, Prepared, label};
use super::{Cooccurrence, Crosstab, StatsError};
use crate::model::{Dimension, DimensionId, Project};

type Matrix = Vec<Vec<usize>>;

pub(super) fn cooccurrence(prep: &Prepared, measures: &CodeMeasures) -> Cooccurrence {
    let same_passage = same_passage(prep);
    let mut overlapping_passages = overlapping_passages(prep);
    for (i, row) in overlapping_passages.iter_mut().enumerate() {
        row[i] = same_passage[i][i];
    }
    Cooccurrence {
        same_passage,
        overlapping_passages,
        shared_characters: shared_characters(measures),
    }
}

fn square(k: usize) -> Matrix {
    vec![vec![0; k]; k]
}

/// Passages carrying both codes (the diagonal: carrying the code).
fn same_passage(prep: &Prepared) -> Matrix {
    let mut m = square(prep.codes.len());
    for e in &prep.entries {
        for &a in &e.codes {
            for &b in &e.codes {
                m[a][b] += 1;
            }
        }
    }
    m
}

/// Unordered pairs of distinct overlapping passages, one carrying each code;
/// the diagonal is left at zero.
fn overlapping_passages(prep: &Prepared) -> Matrix {
    let mut m = square(prep.codes.len());
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for group in prep.by_document() {
        for_each_overlapping_pair(group, |p, q| {
            // A pair counts once per code pair, whichever passage carries
            // which code, so collect the pairs it makes and drop repeats.
            pairs.clear();
            for &a in &p.codes {
                for &b in q.codes.iter().filter(|&&b| b != a) {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
            pairs.sort_unstable();
            pairs.dedup();
            for &(a, b) in &pairs {
                m[a][b] += 1;
                m[b][a] += 1;
            }
        });
    }
    m
}

/// Calls `f` once for every unordered pair of coded entries of one document
/// (in position order) that share at least one code point.
///
/// A sweep in start order keeps the entries still open at the current
/// start; every one of them overlaps the entry arriving, so the work is
/// the number of entries plus the number of pairs.
fn for_each_overlapping_pair(group: &[Entry], mut f: impl FnMut(&Entry, &Entry)) {
    let mut active: Vec<&Entry> = Vec::new();
    // Uncoded passages count in no cell, empty ones overlap nothing.
    for q in group
        .iter()
        .filter(|e| !e.codes.is_empty() && e.start < e.end)
    {
        active.retain(|p| p.end > q.start);
        for p in &active {
            f(p, q);
        }
        active.push(q);
    }
}

/// Code points where both codes apply; the diagonal is the code's coverage.
fn shared_characters(measures: &CodeMeasures) -> Matrix {
    let covered: Vec<_> = measures.per_code.iter().map(|m| &m.covered).collect();
    let mut m = square(covered.len());
    for a in 0..covered.len() {
        for b in a..covered.len() {
            let mut shared = 0;
            for_each_common(covered[a], covered[b], |s| shared += s.len());
            m[a][b] = shared;
            m[b][a] = shared;
        }
    }
    m
}

/// The crosstab of the first two exclusive dimensions, if there are two.
pub(super) fn headline(prep: &Prepared) -> Option<Crosstab> {
    let mut exclusive = prep
        .project
        .codebook
        .dimensions
        .iter()
        .filter(|d| d.exclusive);
    Some(crosstab_of(prep, exclusive.next()?, exclusive.next()?))
}

/// Codes of dimension `rows` against codes of dimension `columns`: passages
/// carrying both, their coded characters and share of all the text.
pub fn crosstab(
    project: &Project,
    rows: &DimensionId,
    columns: &DimensionId,
) -> Result<Crosstab, StatsError> {
    let dimension = |id: &DimensionId| {
        (project.codebook.dimension(id)).ok_or_else(|| StatsError::UnknownDimension(id.0.clone()))
    };
    let (rows, columns) = (dimension(rows)?, dimension(columns)?);
    Ok(crosstab_of(&Prepared::new(project), rows, columns))
}

fn crosstab_of(prep: &Prepared, rows: &Dimension, columns: &Dimension) -> Crosstab {
    let (nr, nc) = (rows.codes.len(), columns.codes.len());
    let mut cells = vec![vec![Figure::default(); nc]; nr];
    let mut row_totals = vec![Figure::default(); nr];
    let mut column_totals = vec![Figure::default(); nc];
    let mut total = Figure::default();
    for e in &prep.entries {
        let (r, c) = (held(prep, e, rows), held(prep, e, columns));
        if r.is_empty() || c.is_empty() {
            continue;
        }
        for &i in &r {
            row_totals[i].add(e);
            for &j in &c {
                cells[i][j].add(e);
            }
        }
        for &j in &c {
            column_totals[j].add(e);
        }
        total.add(e);
    }
    let all = prep.total_characters();
    let measure = |f: Figure| f.measure(prep.documents()).frequency(all);
    let measure_all = |v: Vec<Figure>| v.into_iter().map(measure).collect::<Vec<_>>();
    Crosstab {
        row_dimension: rows.name.clone(),
        column_dimension: columns.name.clone(),
        rows: rows.codes.iter().map(|c| label(rows, c)).collect(),
        columns: columns.codes.iter().map(|c| label(columns, c)).collect(),
        cells: cells.into_iter().map(measure_all).collect(),
        row_totals: measure_all(row_totals),
        column_totals: measure_all(column_totals),
        total: measure(total),
    }
}

/// Positions within `dim` of the codes entry `e` carries.
fn held(prep: &Prepared, e: &Entry, dim: &Dimension) -> Vec<usize> {
    (dim.codes.iter().enumerate())
        .filter(|(_, c)| {
            prep.code_index(&c.id)
                .is_some_and(|k| e.codes.binary_search(&k).is_ok())
        })
        .map(|(i, _)| i)
        .collect()
}
