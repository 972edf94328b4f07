//! Code-point spans of documents: merging into coverage, intersecting, and
//! measuring the passages behind one figure.

use super::Frequency;
use super::prepared::Entry;

/// A half-open code-point range of one document (an index into
/// `Project::documents`). Ordered by document, then start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Span {
    pub doc: usize,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
}

/// The coverage of `spans`: sorted, disjoint and not touching; empty spans
/// vanish. Touching spans join so a map draws one block, not two.
pub(super) fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.retain(|s| s.start < s.end);
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if last.doc == s.doc && s.start <= last.end => {
                last.end = last.end.max(s.end)
            }
            _ => out.push(s),
        }
    }
    out
}

/// Calls `f` with every non-empty span covered by both `a` and `b`, in order.
/// Both must be coverages (as [`merge`] returns).
pub(super) fn for_each_common(a: &[Span], b: &[Span], mut f: impl FnMut(Span)) {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        if x.doc == y.doc {
            let (start, end) = (x.start.max(y.start), x.end.min(y.end));
            if start < end {
                f(Span {
                    doc: x.doc,
                    start,
                    end,
                });
            }
        }
        // Step past whichever span ends first; it can meet nothing further.
        if (x.doc, x.end) <= (y.doc, y.end) {
            i += 1;
        } else {
            j += 1;
        }
    }
}

/// Whether `s` shares at least one code point with the coverage `covered`.
pub(super) fn touches(covered: &[Span], s: Span) -> bool {
    // Coverage spans are disjoint, so their ends ascend too.
    let i = covered.partition_point(|c| (c.doc, c.end) <= (s.doc, s.start));
    covered
        .get(i)
        .is_some_and(|c| c.doc == s.doc && c.start < s.end && s.start < s.end)
}

/// The passages behind one figure, collected before measuring.
#[derive(Clone, Debug, Default)]
pub(super) struct Figure {
    spans: Vec<Span>,
}

impl Figure {
    pub fn add(&mut self, e: &Entry) {
        self.spans.push(e.span());
    }

    /// Passages and coverage per document (`docs` documents).
    pub fn measure(self, docs: usize) -> Measured {
        let mut passages = vec![0; docs];
        for s in &self.spans {
            // Entries carry indexes of the project's documents.
            passages[s.doc] += 1;
        }
        let covered = merge(self.spans);
        let mut characters = vec![0; docs];
        for s in &covered {
            characters[s.doc] += s.len();
        }
        Measured {
            passages,
            characters,
            covered,
        }
    }
}

/// A measured figure.
#[derive(Clone, Debug, Default)]
pub(super) struct Measured {
    /// Passages per document.
    pub passages: Vec<usize>,
    /// Covered code points per document.
    pub characters: Vec<usize>,
    /// The coverage itself.
    pub covered: Vec<Span>,
}

impl Measured {
    /// Over all documents, as a share of `total` code points.
    pub fn frequency(&self, total: usize) -> Frequency {
        let passages = self.passages.iter().sum();
        Frequency::new(passages, self.characters.iter().sum(), total)
    }

    /// In document `doc` of `len` code points.
    pub fn frequency_in(&self, doc: usize, len: usize) -> Frequency {
        let at = |v: &[usize]| v.get(doc).copied().unwrap_or(0);
        Frequency::new(at(&self.passages), at(&self.characters), len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(doc: usize, start: usize, end: usize) -> Span {
        Span { doc, start, end }
    }

    #[test]
    fn merge_joins_overlapping_and_touching_spans_per_document() {
        let merged = merge(vec![
            span(0, 5, 9),
            span(0, 0, 3),
            span(0, 3, 4),
            span(1, 2, 2),
            span(0, 6, 7),
            span(1, 0, 4),
        ]);
        assert_eq!(merged, vec![span(0, 0, 4), span(0, 5, 9), span(1, 0, 4)]);
    }

    #[test]
    fn common_spans_keep_documents_apart() {
        let a = [span(0, 0, 10), span(1, 0, 10)];
        let b = [span(0, 2, 4), span(0, 8, 12), span(2, 0, 5)];
        let mut got = Vec::new();
        for_each_common(&a, &b, |s| got.push(s));
        assert_eq!(got, vec![span(0, 2, 4), span(0, 8, 10)]);
    }

    #[test]
    fn touching_needs_a_shared_code_point() {
        let covered = [span(0, 2, 4), span(1, 0, 3)];
        assert!(touches(&covered, span(0, 3, 9)));
        assert!(
            !touches(&covered, span(0, 4, 9)),
            "adjacent is not overlapping"
        );
        assert!(!touches(&covered, span(0, 3, 3)), "empty overlaps nothing");
        assert!(touches(&covered, span(1, 2, 5)));
        assert!(!touches(&covered, span(2, 0, 9)));
    }
}
