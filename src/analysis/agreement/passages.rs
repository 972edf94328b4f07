//! Passage-level comparison with a reference rater: precision, recall and
//! F1 of matched passages, per code and overall.
//!
//! Matching rule: a rater passage and a reference passage *match* when
//! they lie in the same document and their overlap divided by their union
//! (in code points, the Jaccard index of the two ranges) is at least the
//! threshold (default 0.5). Matching is one-to-one and greedy: candidate
//! pairs are taken in decreasing overlap/union (ties by position), each
//! passage matched at most once. Per code, only passages carrying that
//! code take part, so a passage with two codes counts once under each.
//! Empty passages (no text) never match and are not counted.
//!
//! Only documents both the rater and the reference coded count (the same
//! missing-data rule as the unit-level figures). Per code:
//! `precision = matched / rater's passages`, `recall = matched /
//! reference passages`, `F1 = 2 matched / (rater's + reference passages)`
//! (the harmonic mean of precision and recall when both are defined, 0
//! when one side has passages and the other none). Overall figures pool
//! the counts of every code (micro-average).

use std::cmp::Ordering;

use serde::Serialize;

use super::estimate::{Estimate, Undefined};
use super::raters::Study;

/// Counts and figures of one code (or of all codes pooled).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PassageFigures {
    /// The rater's passages.
    pub passages: usize,
    pub reference_passages: usize,
    pub matched: usize,
    pub precision: Estimate,
    pub recall: Estimate,
    pub f1: Estimate,
}

impl PassageFigures {
    pub fn new(passages: usize, reference_passages: usize, matched: usize) -> Self {
        let ratio = |n: usize, d: usize| Estimate::ratio(n as f64, d as f64, Undefined::NoPassages);
        Self {
            passages,
            reference_passages,
            matched,
            precision: ratio(matched, passages),
            recall: ratio(matched, reference_passages),
            f1: ratio(2 * matched, passages + reference_passages),
        }
    }
}

/// One code's passage figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodePassages {
    pub code: String,
    #[serde(flatten)]
    pub figures: PassageFigures,
}

/// One rater against the reference.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PassageComparison {
    pub rater: String,
    pub reference: String,
    pub codes: Vec<CodePassages>,
    pub overall: PassageFigures,
}

/// Index pairs `(i, j)` of ranges `a[i]` and `b[j]` matched one-to-one by
/// the greedy overlap/union rule (`threshold` in `(0, 1]`).
pub(crate) fn greedy_match(
    a: &[(usize, usize)],
    b: &[(usize, usize)],
    threshold: f64,
) -> Vec<(usize, usize)> {
    let mut candidates = candidates(a, b, threshold);
    candidates
        .sort_by(|x, y| by_overlap(x, y).then_with(|| (a[x.0], b[x.1]).cmp(&(a[y.0], b[y.1]))));
    let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
    let mut pairs = Vec::new();
    for c in candidates {
        if !used_a[c.0] && !used_b[c.1] {
            (used_a[c.0], used_b[c.1]) = (true, true);
            pairs.push((c.0, c.1));
        }
    }
    pairs
}

/// A candidate pair: indices, overlap and union lengths.
type Candidate = (usize, usize, usize, usize);

/// Larger overlap/union first, compared exactly by cross-multiplying.
fn by_overlap(x: &Candidate, y: &Candidate) -> Ordering {
    let (xo, xu, yo, yu) = (x.2 as u128, x.3 as u128, y.2 as u128, y.3 as u128);
    (yo * xu).cmp(&(xo * yu))
}

/// Every pair that overlaps with overlap/union ≥ `threshold`.
fn candidates(a: &[(usize, usize)], b: &[(usize, usize)], threshold: f64) -> Vec<Candidate> {
    let mut order: Vec<usize> = (0..b.len()).collect();
    order.sort_by_key(|&j| b[j]);
    let starts: Vec<usize> = order.iter().map(|&j| b[j].0).collect();
    let mut out = Vec::new();
    for (i, &(s, e)) in a.iter().enumerate().filter(|(_, (s, e))| s < e) {
        // A match's length is at most (e - s) / threshold, which bounds
        // how far before `s` it can start.
        let reach = ((e - s) as f64 / threshold).ceil() as usize;
        let from = starts.partition_point(|&x| x < s.saturating_sub(reach));
        let to = starts.partition_point(|&x| x < e);
        for &j in &order[from..to] {
            let (bs, be) = b[j];
            let overlap = e.min(be).saturating_sub(s.max(bs));
            let union = e.max(be) - s.min(bs);
            if overlap > 0 && overlap as f64 >= threshold * union as f64 {
                out.push((i, j, overlap, union));
            }
        }
    }
    out
}

/// Non-empty ranges of rater `r`'s passages in document `d` holding `code`.
fn ranges(study: &Study, r: usize, d: usize, code: usize) -> Vec<(usize, usize)> {
    (study.passages[r][d].iter())
        .filter(|a| a.codes.contains(&code) && !a.passage.is_empty())
        .map(|a| (a.passage.start, a.passage.end))
        .collect()
}

/// Rater `r` against rater `reference` over the documents both coded.
pub(crate) fn compare(
    study: &Study,
    r: usize,
    reference: usize,
    threshold: f64,
) -> PassageComparison {
    let docs: Vec<usize> = (0..study.documents.len())
        .filter(|&d| study.coded(r, d) && study.coded(reference, d))
        .collect();
    let mut total = (0, 0, 0);
    let mut codes = Vec::with_capacity(study.codes.len());
    for (c, name) in study.codes.iter().enumerate() {
        let mut counts = (0, 0, 0);
        for &d in &docs {
            let (mine, theirs) = (ranges(study, r, d, c), ranges(study, reference, d, c));
            let matched = greedy_match(&mine, &theirs, threshold).len();
            counts = (
                counts.0 + mine.len(),
                counts.1 + theirs.len(),
                counts.2 + matched,
            );
        }
        total = (total.0 + counts.0, total.1 + counts.1, total.2 + counts.2);
        codes.push(CodePassages {
            code: name.clone(),
            figures: PassageFigures::new(counts.0, counts.1, counts.2),
        });
    }
    PassageComparison {
        rater: study.names[r].to_owned(),
        reference: study.names[reference].to_owned(),
        codes,
        overall: PassageFigures::new(total.0, total.1, total.2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_overlaps_are_matched_first_and_once() {
        // a0 overlaps b0 by 8/12 and b1 by 10/10; a1 overlaps b0 by 8/10.
        let a = [(0, 10), (20, 28)];
        let b = [(2, 12), (0, 10), (20, 30)];
        assert_eq!(greedy_match(&a, &b, 0.5), vec![(0, 1), (1, 2)]);
        assert_eq!(greedy_match(&a, &b, 0.9), vec![(0, 1)]);
    }

    #[test]
    fn far_longer_passages_are_found_despite_the_window() {
        let a = [(90, 100)];
        let b = [(0, 100)];
        assert!(greedy_match(&a, &b, 0.5).is_empty(), "10/100 is below 0.5");
        assert_eq!(greedy_match(&a, &b, 0.1), vec![(0, 0)]);
    }

    #[test]
    fn f1_is_defined_unless_both_sides_are_empty() {
        let none = PassageFigures::new(0, 3, 0);
        assert_eq!(none.precision, Estimate::undefined(Undefined::NoPassages));
        assert_eq!(none.recall, Estimate::of(0.0));
        assert_eq!(none.f1, Estimate::of(0.0));
        let empty = PassageFigures::new(0, 0, 0);
        assert_eq!(empty.f1, Estimate::undefined(Undefined::NoPassages));
    }
}
