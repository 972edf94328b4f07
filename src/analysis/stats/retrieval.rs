//! Retrieval: the passages of a code or a combination of codes, in
//! position order, and the segments where two combinations both apply.

use serde::{Deserialize, Serialize};

use super::frequency::query_figure;
use super::intervals::{Span, for_each_common, touches};
use super::prepared::{Entry, Prepared};
use crate::model::{CodeId, DocumentId, Passage, PassageId, Project};

/// Which passages to retrieve, by the code ids they carry: every code of
/// `all`, at least one of `any` (unless `any` is empty) and none of `none`.
/// The empty query matches every passage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    #[serde(default)]
    pub all: Vec<CodeId>,
    #[serde(default)]
    pub any: Vec<CodeId>,
    #[serde(default)]
    pub none: Vec<CodeId>,
}

impl Query {
    /// Passages carrying `code`.
    pub fn code(code: CodeId) -> Self {
        Self::all_of([code])
    }

    /// Passages carrying every one of `codes` (AND).
    pub fn all_of(codes: impl IntoIterator<Item = CodeId>) -> Self {
        Self {
            all: codes.into_iter().collect(),
            ..Self::default()
        }
    }

    /// Passages carrying at least one of `codes` (OR).
    pub fn any_of(codes: impl IntoIterator<Item = CodeId>) -> Self {
        Self {
            any: codes.into_iter().collect(),
            ..Self::default()
        }
    }

    /// This query, less passages carrying any of `codes` ("A but not B").
    pub fn but_not(mut self, codes: impl IntoIterator<Item = CodeId>) -> Self {
        self.none.extend(codes);
        self
    }

    pub fn matches(&self, p: &Passage) -> bool {
        self.all.iter().all(|c| p.has_code(c))
            && (self.any.is_empty() || self.any.iter().any(|c| p.has_code(c)))
            && !self.none.iter().any(|c| p.has_code(c))
    }
}

/// A retrieved passage, borrowed from the project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hit<'p> {
    /// Index into `Project::passages` (what the workbench selects by).
    pub index: usize,
    pub passage: &'p PassageId,
    pub document: &'p DocumentId,
    /// The document's title.
    pub title: &'p str,
    /// The passage's range as stored, in code points.
    pub start: usize,
    pub end: usize,
    pub quote: &'p str,
    pub codes: &'p [CodeId],
    pub coder: &'p str,
}

/// A code-point range of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub document: DocumentId,
    pub start: usize,
    pub end: usize,
}

/// Passages matching `query`, in position order. Passages whose document
/// is not in the project are left out.
pub fn retrieve<'p>(project: &'p Project, query: &Query) -> Vec<Hit<'p>> {
    let prep = Prepared::select(project, |p| query.matches(p));
    prep.entries.iter().map(|e| hit(&prep, e)).collect()
}

/// Passages matching `a` that share at least one code point with a passage
/// matching `b`, in position order. A passage matching both queries counts
/// (both apply along it); add `b`'s codes to `a.none` to find only overlaps
/// between distinct passages.
pub fn retrieve_overlapping<'p>(project: &'p Project, a: &Query, b: &Query) -> Vec<Hit<'p>> {
    let covered_b = coverage(project, b);
    let prep = Prepared::select(project, |p| a.matches(p));
    (prep.entries.iter())
        .filter(|e| touches(&covered_b, e.span()))
        .map(|e| hit(&prep, e))
        .collect()
}

/// The segments where both a passage matching `a` and one matching `b`
/// apply (one passage may match both), merged, in position order.
pub fn both_apply(project: &Project, a: &Query, b: &Query) -> Vec<Segment> {
    let mut out = Vec::new();
    for_each_common(&coverage(project, a), &coverage(project, b), |s| {
        out.push(Segment {
            document: project.documents[s.doc].id().clone(),
            start: s.start,
            end: s.end,
        });
    });
    // Spans run in project document order; position order sorts by id.
    out.sort_by(|x, y| (&x.document, x.start).cmp(&(&y.document, y.start)));
    out
}

/// The merged coverage of the passages matching `query`.
fn coverage(project: &Project, query: &Query) -> Vec<Span> {
    let prep = Prepared::select(project, |p| query.matches(p));
    query_figure(&prep).measure(prep.documents()).covered
}

fn hit<'p>(prep: &Prepared<'p>, e: &Entry) -> Hit<'p> {
    let p = prep.passage(e);
    Hit {
        index: e.index,
        passage: &p.id,
        document: &p.document,
        title: prep.project.documents[e.doc].title(),
        start: p.start,
        end: p.end,
        quote: &p.quote,
        codes: &p.codes,
        coder: &p.coder,
    }
}
