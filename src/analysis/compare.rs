//! Where two codings agree on one code, along one document's text: the
//! stretches both coders gave the code, those only one of them did (the
//! rest neither did). The compare view paints these over the document.
//!
//! Codes are matched by name and documents by their text, as in
//! `agreement`, so two files with different ids compare.

use std::ops::Range;

use crate::model::{CodeId, Project};

/// Who gave the code to a stretch of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Coverage {
    Both,
    OnlyFirst,
    OnlySecond,
}

/// A maximal stretch of one [`Coverage`]; half-open code-point range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareSegment {
    pub range: Range<usize>,
    pub coverage: Coverage,
}

/// The segments of `text` where `first` or `second` gave the code named
/// `code`, in order. Text neither gave the code is not listed. A coder
/// without that document or code covers nothing.
pub fn compare_code(
    first: &Project,
    second: &Project,
    code: &str,
    text: &str,
) -> Vec<CompareSegment> {
    let a = coverage(first, code, text);
    let b = coverage(second, code, text);
    segments(&a, &b)
}

/// Merged ranges of the passages carrying a code named `code` in the
/// project's document whose text is `text`.
pub fn coverage(project: &Project, code: &str, text: &str) -> Vec<Range<usize>> {
    let Some(doc) = project.documents.iter().find(|d| d.text() == text) else {
        return Vec::new();
    };
    let ids: Vec<&CodeId> = (project.codebook.codes())
        .filter(|(_, c)| c.name == code)
        .map(|(_, c)| &c.id)
        .collect();
    let len = doc.char_len();
    let mut ranges: Vec<Range<usize>> = (project.passages.iter())
        .filter(|p| &p.document == doc.id() && p.codes.iter().any(|c| ids.contains(&c)))
        .map(|p| p.start.min(len)..p.end.min(len))
        .filter(|r| r.start < r.end)
        .collect();
    ranges.sort_by_key(|r| r.start);
    merge(ranges)
}

/// Sorted ranges merged where they overlap or touch.
fn merge(sorted: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Sweeps two sorted, disjoint range lists into labelled segments.
fn segments(a: &[Range<usize>], b: &[Range<usize>]) -> Vec<CompareSegment> {
    let mut cuts: Vec<usize> = (a.iter().chain(b)).flat_map(|r| [r.start, r.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let (mut i, mut j) = (0, 0);
    let mut out: Vec<CompareSegment> = Vec::new();
    for w in cuts.windows(2) {
        let (lo, hi) = (w[0], w[1]);
        while i < a.len() && a[i].end <= lo {
            i += 1;
        }
        while j < b.len() && b[j].end <= lo {
            j += 1;
        }
        let in_a = a.get(i).is_some_and(|r| r.start <= lo);
        let in_b = b.get(j).is_some_and(|r| r.start <= lo);
        let coverage = match (in_a, in_b) {
            (true, true) => Coverage::Both,
            (true, false) => Coverage::OnlyFirst,
            (false, true) => Coverage::OnlySecond,
            (false, false) => continue,
        };
        match out.last_mut() {
            Some(last) if last.range.end == lo && last.coverage == coverage => last.range.end = hi,
            _ => out.push(CompareSegment {
                range: lo..hi,
                coverage,
            }),
        }
    }
    out
}

#[cfg(test)]
// Lists of one range are what the tests mean.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn seg(range: Range<usize>, coverage: Coverage) -> CompareSegment {
        CompareSegment { range, coverage }
    }

    #[test]
    fn two_coverages_split_into_both_and_only_one() {
        // first: 0..10 and 20..30; second: 5..25.
        let got = segments(&[0..10, 20..30], &[5..25]);
        assert_eq!(
            got,
            [
                seg(0..5, Coverage::OnlyFirst),
                seg(5..10, Coverage::Both),
                seg(10..20, Coverage::OnlySecond),
                seg(20..25, Coverage::Both),
                seg(25..30, Coverage::OnlyFirst),
            ]
        );
    }

    #[test]
    fn identical_and_disjoint_coverages() {
        assert_eq!(segments(&[3..8], &[3..8]), [seg(3..8, Coverage::Both)]);
        assert_eq!(
            segments(&[0..2], &[4..6]),
            [
                seg(0..2, Coverage::OnlyFirst),
                seg(4..6, Coverage::OnlySecond)
            ]
        );
        assert!(segments(&[], &[]).is_empty());
    }

    #[test]
    fn overlapping_and_touching_passages_merge() {
        assert_eq!(merge(vec![0..5, 3..8, 8..9, 12..14]), [0..9, 12..14]);
    }
}
