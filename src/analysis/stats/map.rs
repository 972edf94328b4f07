//! Where each code falls along one document, for a strip the UI draws.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::frequency::measure_codes;
use super::intervals::Span;
use super::prepared::Prepared;
use crate::model::{CodeId, DocumentId, Passage, Project};

/// The covered ranges of every code in one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMap {
    pub document: DocumentId,
    /// Length of the text in code points (the strip's full width).
    pub characters: usize,
    /// One strip per codebook code, in display order (empty if unused here).
    pub codes: Vec<CodeStrip>,
    /// Ranges covered by any code.
    pub any_code: Vec<Range<usize>>,
}

/// One code's merged ranges: sorted, disjoint, not touching, non-empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeStrip {
    pub code: CodeId,
    pub ranges: Vec<Range<usize>>,
}

/// The map of `document`, or `None` if it is not in the project.
pub fn document_map(project: &Project, document: &DocumentId) -> Option<DocumentMap> {
    let prep = Prepared::select(project, |p| &p.document == document);
    let doc = prep.document_index(document)?;
    let measures = measure_codes(&prep, &prep.entries);
    let ranges = |covered: &[Span]| covered.iter().map(|s| s.start..s.end).collect();
    Some(DocumentMap {
        document: document.clone(),
        characters: prep.doc_len[doc],
        codes: (prep.codes.iter().zip(&measures.per_code))
            .map(|((_, code), m)| CodeStrip {
                code: code.id.clone(),
                ranges: ranges(&m.covered),
            })
            .collect(),
        any_code: ranges(&measures.any.covered),
    })
}

impl DocumentMap {
    /// Follows one passage changing from `old` (`None`: it is new) to `new`
    /// without a recount, when coverage can only have grown: a new passage,
    /// or one whose range and codes now include what they were. Returns
    /// `false` (map untouched) when it must be computed again.
    pub fn follow(&mut self, old: Option<&Passage>, new: &Passage) -> bool {
        let grown = old.is_none_or(|old| {
            old.document == new.document
                && new.start <= old.start
                && old.end <= new.end
                && old.codes.iter().all(|c| new.codes.contains(c))
        });
        if grown && new.document == self.document {
            self.cover(new);
        }
        grown
    }

    /// Adds a passage's range to the strips of its codes and to `any_code`.
    fn cover(&mut self, p: &Passage) {
        let end = p.end.min(self.characters);
        let range = p.start.min(end)..end;
        if range.is_empty() {
            return;
        }
        let mut coded = false;
        for strip in self.codes.iter_mut().filter(|s| p.codes.contains(&s.code)) {
            union_into(&mut strip.ranges, range.clone());
            coded = true;
        }
        if coded {
            union_into(&mut self.any_code, range);
        }
    }
}

/// Adds `r` to sorted, disjoint, non-touching `ranges`, merging what it
/// touches.
fn union_into(ranges: &mut Vec<Range<usize>>, r: Range<usize>) {
    let lo = ranges.partition_point(|x| x.end < r.start);
    let hi = ranges.partition_point(|x| x.start <= r.end);
    if lo == hi {
        ranges.insert(lo, r);
        return;
    }
    let merged = ranges[lo].start.min(r.start)..ranges[hi - 1].end.max(r.end);
    ranges.splice(lo..hi, [merged]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets;
    use crate::model::Edit;

    #[test]
    fn union_merges_what_touches_and_keeps_the_rest() {
        let mut r = vec![0..5, 10..20, 30..40];
        union_into(&mut r, 5..7);
        assert_eq!(r, [0..7, 10..20, 30..40]);
        union_into(&mut r, 15..31);
        assert_eq!(r, [0..7, 10..40]);
        union_into(&mut r, 50..60);
        union_into(&mut r, 8..9);
        assert_eq!(r, [0..7, 8..9, 10..40, 50..60]);
    }

    #[test]
    fn following_grown_passages_gives_the_recounted_map() {
        let mut project = assets::example_project();
        let doc = project.documents[0].clone();
        let mut map = document_map(&project, doc.id()).expect("the brief");
        let now = chrono::Utc::now();
        // New: across two coded passages and an uncoded gap.
        let mut p = Passage::new(&doc, 250, 2_400, "T", now);
        p.codes.push(CodeId("regional".into()));
        assert!(map.follow(None, &p));
        Edit::AddPassage(p.clone())
            .apply(&mut project)
            .expect("added");
        assert_eq!(map, document_map(&project, doc.id()).expect("the brief"));
        // Grown: wider, one code more.
        let mut wider = p.placed_at(&doc, 200, 2_500, now);
        wider.codes.push(CodeId("cause".into()));
        assert!(map.follow(Some(&p), &wider));
        Edit::UpdatePassage(Box::new(wider.clone()))
            .apply(&mut project)
            .expect("moved");
        assert_eq!(map, document_map(&project, doc.id()).expect("the brief"));
        // Shrunk or a code dropped: the map asks for a recount.
        assert!(!map.follow(Some(&wider), &p));
        assert_eq!(map, document_map(&project, doc.id()).expect("untouched"));
    }
}
