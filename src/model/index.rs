//! Finding passages by position without scanning them all.
//!
//! Built once per change of the passages, queried every frame by the
//! document view: which passages (and which coding stripes) touch the
//! visible range. Entries are sorted by start; each chunk of entries keeps its
//! largest end, so a query skips chunks that end before the range.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use super::codebook::CodeId;
use super::document::DocumentId;
use super::project::Project;

const CHUNK: usize = 32;

/// Intervals `start..end` with a payload, queryable by overlap.
#[derive(Clone, Debug)]
pub struct IntervalIndex<T> {
    entries: Vec<(usize, usize, T)>,
    chunk_max_end: Vec<usize>,
}

impl<T> Default for IntervalIndex<T> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            chunk_max_end: Vec::new(),
        }
    }
}

impl<T> IntervalIndex<T> {
    pub fn new(mut entries: Vec<(usize, usize, T)>) -> Self {
        entries.sort_by_key(|e| (e.0, Reverse(e.1)));
        let chunk_max_end = entries
            .chunks(CHUNK)
            .map(|c| c.iter().map(|e| e.1).max().unwrap_or(0))
            .collect();
        Self {
            entries,
            chunk_max_end,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries overlapping `start..end`, or containing `start` if the range is empty.
    pub fn query(&self, start: usize, end: usize) -> impl Iterator<Item = (usize, usize, &T)> {
        let end = end.max(start + 1);
        let stop = self.entries.partition_point(|e| e.0 < end);
        self.chunk_max_end
            .iter()
            .enumerate()
            .take(stop.div_ceil(CHUNK))
            .filter(move |(_, max_end)| **max_end > start)
            .flat_map(move |(i, _)| {
                let lo = i * CHUNK;
                self.entries[lo..(lo + CHUNK).min(stop)].iter()
            })
            .filter(move |e| e.1 > start)
            .map(|e| (e.0, e.1, &e.2))
    }
}

/// One coding stripe in the margin: a passage's code, in a lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stripe {
    /// Index into `Project::passages`.
    pub passage: usize,
    /// `None` for a passage without codes (drawn grey).
    pub code: Option<CodeId>,
    pub lane: usize,
}

/// Passages and stripes of one document.
#[derive(Clone, Debug, Default)]
pub struct DocumentIndex {
    /// Payload: index into `Project::passages`.
    pub passages: IntervalIndex<usize>,
    pub stripes: IntervalIndex<Stripe>,
    /// Number of stripe lanes needed so no two overlapping stripes share one.
    pub lanes: usize,
    /// Links with both ends in this document, for the margin connectors.
    pub connectors: Vec<Connector>,
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
    /// Indexes into `Project::passages` in position order.
    in_order: Vec<usize>,
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
            .map(|(doc, idx)| (doc, DocumentIndex::build(project, idx)))
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
        let ps = &project.passages;
        let mut in_order: Vec<usize> = (0..ps.len()).collect();
        in_order.sort_by(|&a, &b| ps[a].position_key().cmp(&ps[b].position_key()));
        Self {
            docs,
            uses,
            in_order,
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

    /// Indexes into `Project::passages`, in position order.
    pub fn in_order(&self) -> &[usize] {
        &self.in_order
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
    fn build(project: &Project, mut passages: Vec<usize>) -> Self {
        let ps = &project.passages;
        passages.sort_by(|&a, &b| ps[a].position_key().cmp(&ps[b].position_key()));
        // One stripe per code of each passage (a grey one when it has none).
        let mut planned: Vec<(usize, Option<CodeId>)> = Vec::new();
        for &i in &passages {
            let p = &ps[i];
            if p.codes.is_empty() {
                planned.push((i, None));
                continue;
            }
            let mut c: Vec<&CodeId> = p.codes.iter().collect();
            c.sort_by_key(|id| project.codebook.code_index(id).unwrap_or(usize::MAX));
            planned.extend(c.into_iter().map(|code| (i, Some(code.clone()))));
        }
        let spans: Vec<(usize, usize)> = planned
            .iter()
            .map(|&(i, _)| (ps[i].start, ps[i].end))
            .collect();
        let assigned = greedy_lanes(&spans);
        let lanes = assigned.iter().max().map_or(0, |l| l + 1);
        let stripes = planned
            .into_iter()
            .zip(assigned)
            .map(|((passage, code), lane)| {
                let p = &ps[passage];
                (
                    p.start,
                    p.end,
                    Stripe {
                        passage,
                        code,
                        lane,
                    },
                )
            })
            .collect();
        let entries = passages
            .iter()
            .map(|&i| (ps[i].start, ps[i].end, i))
            .collect();
        Self {
            passages: IntervalIndex::new(entries),
            stripes: IntervalIndex::new(stripes),
            lanes,
            connectors: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_finds_exactly_the_overlapping_intervals() {
        // Deterministic pseudo-random intervals, checked against a scan.
        let mut x: u64 = 7;
        let mut next = |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % m) as usize
        };
        let entries: Vec<(usize, usize, usize)> = (0..500)
            .map(|i| {
                let s = next(10_000);
                (s, s + next(400), i)
            })
            .collect();
        let index = IntervalIndex::new(entries.clone());
        for _ in 0..200 {
            let a = next(10_500);
            let b = a + next(300);
            let mut got: Vec<usize> = index.query(a, b).map(|e| *e.2).collect();
            let mut want: Vec<usize> = entries
                .iter()
                .filter(|e| e.0 < b.max(a + 1) && e.1 > a)
                .map(|e| e.2)
                .collect();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "query {a}..{b}");
        }
    }
}
