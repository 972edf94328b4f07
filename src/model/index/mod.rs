//! Finding passages by position without scanning them all.
//!
//! Built when a project is opened, kept up to date edit by edit (see
//! `update`: coding one passage touches only that passage's entries), and
//! queried every frame by the document view: which passages (and which
//! coding stripes) touch the visible range.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use super::codebook::CodeId;
use super::document::DocumentId;
use super::pieces::pieces;
use super::project::Project;

mod interval;
mod update;

pub use interval::IntervalIndex;
pub use update::IndexChange;

/// One coding stripe in the margin: a passage's code, in a lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stripe {
    /// Index into `Project::passages`.
    pub passage: usize,
    /// The code's position in the codebook (`Codebook::codes`); `None` for
    /// a passage without codes, or a code the codebook lacks (drawn grey).
    pub code_index: Option<usize>,
    pub lane: usize,
}

/// Passages and stripes of one document.
#[derive(Clone, Debug, Default)]
pub struct DocumentIndex {
    /// Payload: index into `Project::passages`.
    pub passages: IntervalIndex<usize>,
    pub stripes: IntervalIndex<Stripe>,
    /// Number of stripe lanes needed so no two stripes that could be
    /// painted beside one line share one (see [`DocumentIndex::lane_extent`]).
    pub lanes: usize,
    /// Where each of the document's pieces (`pieces::pieces`) starts: the
    /// stretches that never share a line, over which lanes are packed.
    piece_starts: Vec<usize>,
    /// Links with both ends in this document, for the margin connectors.
    pub connectors: Vec<Connector>,
    /// Indexes into `Project::passages` in position order (`position_key`).
    pub in_order: Vec<usize>,
    /// Changes whenever this document's passages or stripes change, so views
    /// can keep what they drew from them until then.
    pub generation: u64,
    /// When the last change only added stripes: what they are, and the
    /// generation they were added to. A view that drew that generation can
    /// draw the new stripes over it instead of starting again.
    pub grown: Option<Grown>,
}

/// Stripes added to an index at generation `from`, which made it the
/// current generation.
#[derive(Clone, Debug, Default)]
pub struct Grown {
    pub from: u64,
    /// Each stripe's range and code position (`Stripe::code_index`).
    pub stripes: Vec<(usize, usize, Option<usize>)>,
}

/// A number no other index state has had, for [`DocumentIndex::generation`].
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A link drawn in the margin between two passages of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connector {
    /// Index into `Project::links`.
    pub link: usize,
    /// Index into `Project::passages` of each end.
    pub from: usize,
    pub to: usize,
    /// Index into `Project::relations` (for its colour), if known.
    pub relation: Option<usize>,
    /// Nesting depth: connectors spanning others are drawn further out.
    pub lane: usize,
}

/// Index of every document's passages.
#[derive(Clone, Debug, Default)]
pub struct PassageIndex {
    docs: HashMap<DocumentId, DocumentIndex>,
    uses: HashMap<CodeId, usize>,
    /// What is wrong with passages that a file brought in broken, by index
    /// into `Project::passages` (computed here, not per frame).
    problems: HashMap<usize, Vec<super::Problem>>,
}

impl PassageIndex {
    pub fn build(project: &Project) -> Self {
        let mut by_doc: HashMap<DocumentId, Vec<usize>> = HashMap::new();
        for (i, p) in project.passages.iter().enumerate() {
            by_doc.entry(p.document.clone()).or_default().push(i);
        }
        let mut docs: HashMap<DocumentId, DocumentIndex> = by_doc
            .into_iter()
            .map(|(doc, idx)| {
                let built = DocumentIndex::build(project, &doc, idx);
                (doc, built)
            })
            .collect();
        for (doc, connectors) in connectors(project) {
            if let Some(d) = docs.get_mut(&doc) {
                d.connectors = connectors;
            }
        }
        let mut uses = HashMap::new();
        for code in project.passages.iter().flat_map(|p| &p.codes) {
            *uses.entry(code.clone()).or_insert(0) += 1;
        }
        Self {
            docs,
            uses,
            problems: (project.passages.iter().enumerate())
                .map(|(i, p)| (i, project.passage_problems(p)))
                .filter(|(_, found)| !found.is_empty())
                .collect(),
        }
    }

    /// Problems of passage `i` (empty when it is sound).
    pub fn problems(&self, i: usize) -> &[super::Problem] {
        self.problems.get(&i).map_or(&[], Vec::as_slice)
    }

    /// How many passages carry a code.
    pub fn uses(&self, code: &CodeId) -> usize {
        self.uses.get(code).copied().unwrap_or(0)
    }

    pub fn document(&self, id: &DocumentId) -> Option<&DocumentIndex> {
        self.docs.get(id)
    }
}

/// Same-document links by document, each with a lane: greedy interval
/// colouring over the spans from one end to the other, so crossing
/// connectors do not share a lane.
fn connectors(project: &Project) -> HashMap<DocumentId, Vec<Connector>> {
    let at: HashMap<&super::PassageId, usize> = (project.passages.iter().enumerate())
        .map(|(i, p)| (&p.id, i))
        .collect();
    let ps = &project.passages;
    let mut by_doc: HashMap<DocumentId, Vec<(usize, usize, Connector)>> = HashMap::new();
    for (link, l) in project.links.iter().enumerate() {
        let (Some(&from), Some(&to)) = (at.get(&l.from), at.get(&l.to)) else {
            continue;
        };
        if ps[from].document != ps[to].document {
            continue;
        }
        let span = (
            ps[from].start.min(ps[to].start),
            ps[from].end.max(ps[to].end),
        );
        let relation = project.relations.iter().position(|r| r.id == l.relation);
        let c = Connector {
            link,
            from,
            to,
            relation,
            lane: 0,
        };
        by_doc
            .entry(ps[from].document.clone())
            .or_default()
            .push((span.0, span.1, c));
    }
    by_doc
        .into_iter()
        .map(|(doc, mut spans)| {
            spans.sort_by_key(|s| (s.0, Reverse(s.1)));
            let lanes: Vec<(usize, usize)> = spans.iter().map(|s| (s.0, s.1)).collect();
            let assigned = greedy_lanes(&lanes);
            let list = spans
                .into_iter()
                .zip(assigned)
                .map(|((_, _, c), lane)| Connector { lane, ..c })
                .collect();
            (doc, list)
        })
        .collect()
}

/// The codebook positions of passage `i`'s codes, a stripe each, in
/// codebook order, unknown codes last (one grey stripe, `None`, for a
/// passage without codes).
fn stripe_codes(project: &Project, i: usize) -> Vec<Option<usize>> {
    let p = &project.passages[i];
    if p.codes.is_empty() {
        return vec![None];
    }
    let mut codes: Vec<Option<usize>> = (p.codes.iter())
        .map(|id| project.codebook.code_index(id))
        .collect();
    codes.sort_by_key(|at| at.unwrap_or(usize::MAX));
    codes
}

/// Lowest free lane for each interval, intervals sorted by start.
fn greedy_lanes(intervals: &[(usize, usize)]) -> Vec<usize> {
    let mut busy: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
    let mut free: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    let mut lanes = 0;
    let mut out = Vec::with_capacity(intervals.len());
    for &(start, end) in intervals {
        while let Some(Reverse((e, lane))) = busy.peek().copied() {
            if e > start {
                break;
            }
            busy.pop();
            free.push(Reverse(lane));
        }
        let lane = free.pop().map_or_else(
            || {
                lanes += 1;
                lanes - 1
            },
            |Reverse(l)| l,
        );
        busy.push(Reverse((end.max(start + 1), lane)));
        out.push(lane);
    }
    out
}

impl DocumentIndex {
    /// An index of no passages yet, for the document `doc`.
    fn empty(project: &Project, doc: &DocumentId) -> Self {
        let piece_starts = (project.document(doc))
            .map(|d| pieces(d).into_iter().map(|p| p.span.start).collect())
            .unwrap_or_default();
        Self {
            piece_starts,
            generation: next_generation(),
            ..Self::default()
        }
    }

    /// The stretch a stripe over `start..end` holds its lane for: from the
    /// start of the piece it begins in to the end of the piece it ends in.
    /// A stripe is painted beside whole lines, and two passages that do not
    /// overlap may still share a line (or touch in one), so lanes packed by
    /// the passages' own ranges drew one stripe over the other. Lines
    /// depend on the window's width; pieces do not, and never share a line.
    pub fn lane_extent(&self, start: usize, end: usize) -> (usize, usize) {
        let last = end.saturating_sub(1).max(start);
        let from = self.piece_starts.partition_point(|&s| s <= start);
        let to = self.piece_starts.partition_point(|&s| s <= last);
        let lo = match from.checked_sub(1) {
            Some(k) => self.piece_starts[k],
            None => start,
        };
        let hi = self.piece_starts.get(to).copied().unwrap_or(usize::MAX);
        (lo, hi.max(end).max(start + 1))
    }

    fn build(project: &Project, doc: &DocumentId, mut passages: Vec<usize>) -> Self {
        let empty = Self::empty(project, doc);
        let ps = &project.passages;
        // Integer keys: the position key's id compare only orders equal ranges.
        passages.sort_by_key(|&i| (ps[i].start, Reverse(ps[i].end), i));
        let planned: Vec<(usize, Option<usize>)> = (passages.iter())
            .flat_map(|&i| stripe_codes(project, i).into_iter().map(move |c| (i, c)))
            .collect();
        let spans: Vec<(usize, usize)> = planned
            .iter()
            .map(|&(i, _)| empty.lane_extent(ps[i].start, ps[i].end))
            .collect();
        let assigned = greedy_lanes(&spans);
        let lanes = assigned.iter().max().map_or(0, |l| l + 1);
        let stripes = planned
            .into_iter()
            .zip(assigned)
            .map(|((passage, code_index), lane)| {
                let p = &ps[passage];
                let stripe = Stripe {
                    passage,
                    code_index,
                    lane,
                };
                (p.start, p.end, stripe)
            })
            .collect();
        let entries = passages
            .iter()
            .map(|&i| (ps[i].start, ps[i].end, i))
            .collect();
        // Equal ranges apart, `passages` is in position order already.
        let mut in_order = passages;
        in_order.sort_by(|&a, &b| ps[a].position_key().cmp(&ps[b].position_key()));
        Self {
            in_order,
            passages: IntervalIndex::new(entries),
            stripes: IntervalIndex::new(stripes),
            lanes,
            ..empty
        }
    }

    /// The innermost (shortest) passage at a position, for clicks and hover.
    pub fn innermost_at(&self, project: &Project, offset: usize) -> Option<usize> {
        self.passages_at(project, offset).first().copied()
    }

    /// Passages containing a position, innermost (shortest) first.
    pub fn passages_at(&self, project: &Project, offset: usize) -> Vec<usize> {
        let mut at: Vec<(usize, usize, usize)> = (self.passages.query(offset, offset + 1))
            .filter(|(s, e, _)| *s <= offset && offset < *e)
            .map(|(s, e, i)| (e - s, project.passages[*i].start, *i))
            .collect();
        at.sort_unstable();
        at.into_iter().map(|(_, _, i)| i).collect()
    }
}
