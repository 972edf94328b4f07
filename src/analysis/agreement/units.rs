//! Units of a document and the sweep that counts them without
//! materialising per-unit vectors.
//!
//! A unit is one code point of the document's plain text (whitespace
//! included unless excluded). A rater's value at a unit is a category:
//! for a code, 1 if a passage of theirs with that code covers it, else 0;
//! for an exclusive dimension, the dimension's code covering it (its
//! category), 0 for none, or a "several" category when overlapping
//! passages of the rater give it different codes of the dimension. A
//! rater who has not coded the document has no value (missing).
//!
//! The sweep sorts the passages' start and end points and walks the
//! segments between consecutive points, inside which every rater's value
//! is constant; each segment is added to the tallies once, weighted by
//! the number of units in it. The cost is `O(p log p)` in passages, not in
//! characters. [`unit_values`] materialises the vectors for tests and the
//! Python cross-check (`scripts/check_agreement.py`).

use serde::Serialize;

use crate::model::Document;

use super::raters::{Rater, Study};
use super::tally::Tally;
use super::{AgreementError, Options};

/// A half-open code-point range where `rater` gives `category`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub rater: usize,
    pub start: usize,
    pub end: usize,
    pub category: u32,
}

/// Calls `f(start, end, values)` for the maximal segments tiling `0..len`
/// inside which every rater's value is constant. Raters not `present` get
/// `None`; present raters get the category of the spans covering the
/// segment, 0 if none does, `several` if spans of different categories do.
/// Overlapping spans of one rater and category count once.
pub(crate) fn sweep(
    len: usize,
    present: &[bool],
    spans: &[Span],
    several: u32,
    mut f: impl FnMut(usize, usize, &[Option<u32>]),
) {
    let mut events: Vec<(usize, bool, usize, u32)> = Vec::with_capacity(2 * spans.len());
    for s in spans.iter().filter(|s| s.start < s.end && present[s.rater]) {
        events.push((s.start, true, s.rater, s.category));
        events.push((s.end, false, s.rater, s.category));
    }
    events.sort_unstable_by_key(|e| e.0);
    // Per rater: categories covering the current position, with multiplicity.
    let mut active: Vec<Vec<(u32, u32)>> = vec![Vec::new(); present.len()];
    let mut values: Vec<Option<u32>> = present.iter().map(|&p| p.then_some(0)).collect();
    // The values of the segment that began at `from`, not yet reported.
    let (mut from, mut current) = (0, values.clone());
    let mut i = 0;
    while let Some(&(pos, ..)) = events.get(i) {
        while let Some(&(at, opens, rater, category)) = events.get(i) {
            if at != pos {
                break;
            }
            toggle(&mut active[rater], category, opens);
            values[rater] = Some(value_of(&active[rater], several));
            i += 1;
        }
        // Report a segment only where some value changes.
        if values != current {
            if pos > from {
                f(from, pos, &current);
            }
            (from, current) = (pos, values.clone());
        }
    }
    if len > from {
        f(from, len, &current);
    }
}

/// Opens or closes one span of `category` in a rater's active list.
fn toggle(active: &mut Vec<(u32, u32)>, category: u32, opens: bool) {
    match active.iter().position(|(c, _)| *c == category) {
        Some(at) if opens => active[at].1 += 1,
        Some(at) => {
            active[at].1 -= 1;
            if active[at].1 == 0 {
                active.swap_remove(at);
            }
        }
        None => active.push((category, 1)),
    }
}

fn value_of(active: &[(u32, u32)], several: u32) -> u32 {
    match active {
        [] => 0,
        [(c, _)] => *c,
        _ => several,
    }
}

/// Counts the units of a range of one document.
#[derive(Clone, Debug)]
pub(crate) struct Units {
    /// Code-point offsets of whitespace, when whitespace is excluded.
    whitespace: Option<Vec<usize>>,
}

impl Units {
    pub fn new(doc: &Document, exclude_whitespace: bool) -> Self {
        let whitespace = exclude_whitespace.then(|| {
            (doc.text().chars().enumerate())
                .filter(|(_, c)| c.is_whitespace())
                .map(|(i, _)| i)
                .collect()
        });
        Self { whitespace }
    }

    /// Units in `start..end`.
    pub fn count(&self, start: usize, end: usize) -> u64 {
        let skipped = self.whitespace.as_ref().map_or(0, |ws| {
            ws.partition_point(|&i| i < end) - ws.partition_point(|&i| i < start)
        });
        (end - start - skipped) as u64
    }
}

/// "All text" and "coded text only" tallies of one code or dimension.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tallies {
    pub all: Tally,
    /// Units where at least one rater gave a non-zero category.
    pub coded: Tally,
}

impl Tallies {
    pub fn new(categories: usize, raters: usize) -> Self {
        Self {
            all: Tally::new(categories, raters),
            coded: Tally::new(categories, raters),
        }
    }

    pub fn merge(&mut self, other: &Tallies) {
        self.all.merge(&other.all);
        self.coded.merge(&other.coded);
    }

    /// Sweeps document `d` of `study` with `spans` into the tallies.
    fn add(&mut self, study: &Study, d: usize, spans: &[Span], several: u32, units: &Units) {
        let present = study.present(d);
        sweep(
            study.documents[d].char_len(),
            &present,
            spans,
            several,
            |s, e, values| {
                let weight = units.count(s, e);
                self.all.add(values, weight);
                if values.iter().flatten().any(|&v| v != 0) {
                    self.coded.add(values, weight);
                }
            },
        );
    }
}

/// Spans (category 1) of every passage with code `code` in document `d`.
pub(crate) fn code_spans(study: &Study, d: usize, code: usize) -> Vec<Span> {
    let mut spans = Vec::new();
    for (rater, passages) in study.passages.iter().enumerate() {
        for a in passages[d].iter().filter(|a| a.codes.contains(&code)) {
            let (start, end) = (a.passage.start, a.passage.end);
            spans.push(Span {
                rater,
                start,
                end,
                category: 1,
            });
        }
    }
    spans
}

/// Spans of every passage with a code of exclusive dimension `dim` in
/// document `d`, with the code's category.
fn dimension_spans(study: &Study, d: usize, dim: usize) -> Vec<Span> {
    let mut spans = Vec::new();
    for (rater, passages) in study.passages.iter().enumerate() {
        for a in &passages[d] {
            let (start, end) = (a.passage.start, a.passage.end);
            let cats = a.categories.iter().filter(|(x, _)| *x == dim);
            spans.extend(cats.map(|&(_, category)| Span {
                rater,
                start,
                end,
                category,
            }));
        }
    }
    spans
}

/// Binary tallies of code `code` in document `d`.
pub(crate) fn tally_code(study: &Study, d: usize, code: usize, units: &Units) -> Tallies {
    let mut t = Tallies::new(2, study.names.len());
    t.add(study, d, &code_spans(study, d, code), 1, units);
    t
}

/// Number of categories of a dimension: none, its codes, "several".
pub(crate) fn dimension_categories(codes: usize) -> usize {
    codes + 2
}

/// Nominal tallies of exclusive dimension `dim` in document `d`.
pub(crate) fn tally_dimension(study: &Study, d: usize, dim: usize, units: &Units) -> Tallies {
    let codes = study.dimensions[dim].codes.len();
    let mut t = Tallies::new(dimension_categories(codes), study.names.len());
    let several = codes as u32 + 1;
    t.add(study, d, &dimension_spans(study, d, dim), several, units);
    t
}

/// The per-unit values of one code in one document, rater by rater.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnitValues {
    pub raters: Vec<String>,
    /// `values[rater][unit]`: 1 coded, 0 not coded, `None` missing (the
    /// rater did not code this document). Units follow the text; excluded
    /// whitespace is left out.
    pub values: Vec<Vec<Option<u8>>>,
}

/// Materialises the per-unit 0/1/missing vectors of code `code` (a name)
/// in the document whose plain text is `document_text`. Slow by design
/// (one entry per unit): for tests and cross-checks, not for reports.
pub fn unit_values(
    raters: &[Rater],
    document_text: &str,
    code: &str,
    options: &Options,
) -> Result<UnitValues, AgreementError> {
    let refs: Vec<&Rater> = raters.iter().collect();
    let study = Study::new(&refs)?;
    let d = (study.document_index(document_text)).ok_or(AgreementError::UnknownText)?;
    let c = (study.code_index(code)).ok_or_else(|| AgreementError::UnknownCodeName(code.into()))?;
    let doc = study.documents[d];
    let keep: Vec<bool> = (doc.text().chars())
        .map(|ch| !(options.exclude_whitespace && ch.is_whitespace()))
        .collect();
    let mut values = vec![Vec::new(); raters.len()];
    let spans = code_spans(&study, d, c);
    sweep(
        doc.char_len(),
        &study.present(d),
        &spans,
        1,
        |s, e, vals| {
            for _ in (s..e).filter(|&i| keep[i]) {
                for (out, v) in values.iter_mut().zip(vals) {
                    out.push(v.map(|v| v as u8));
                }
            }
        },
    );
    Ok(UnitValues {
        raters: study.names.iter().map(|n| n.to_string()).collect(),
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(rater: usize, start: usize, end: usize, category: u32) -> Span {
        Span {
            rater,
            start,
            end,
            category,
        }
    }

    fn segments(
        len: usize,
        present: &[bool],
        spans: &[Span],
    ) -> Vec<(usize, usize, Vec<Option<u32>>)> {
        let mut out = Vec::new();
        sweep(len, present, spans, 9, |s, e, v| {
            out.push((s, e, v.to_vec()))
        });
        out
    }

    #[test]
    fn sweep_tiles_the_document_with_constant_values() {
        let got = segments(10, &[true, true], &[span(0, 2, 5, 1), span(1, 4, 8, 1)]);
        assert_eq!(
            got,
            vec![
                (0, 2, vec![Some(0), Some(0)]),
                (2, 4, vec![Some(1), Some(0)]),
                (4, 5, vec![Some(1), Some(1)]),
                (5, 8, vec![Some(0), Some(1)]),
                (8, 10, vec![Some(0), Some(0)]),
            ]
        );
    }

    #[test]
    fn own_overlaps_count_once_and_rivals_are_several() {
        let spans = [span(0, 0, 4, 1), span(0, 2, 6, 1), span(0, 5, 7, 2)];
        let got = segments(8, &[true, false], &spans);
        assert_eq!(
            got,
            vec![
                (0, 5, vec![Some(1), None]),
                (5, 6, vec![Some(9), None]),
                (6, 7, vec![Some(2), None]),
                (7, 8, vec![Some(0), None]),
            ]
        );
    }

    #[test]
    fn empty_documents_and_spans_give_nothing_odd() {
        assert!(segments(0, &[true, true], &[]).is_empty());
        let got = segments(3, &[true, true], &[span(0, 1, 1, 1)]);
        assert_eq!(got, vec![(0, 3, vec![Some(0), Some(0)])]);
    }
}
