//! Re-anchoring coded passages when a document's text changes.
//!
//! A passage stores its quote with up to [`CONTEXT_CHARS`] of prefix and
//! suffix, as a W3C `TextQuoteSelector` does. When a revised text replaces a
//! document, offsets alone are meaningless, so each passage is found again
//! by its quote, the way Hypothesis re-attaches web annotations:
//!
//! 1. the same quote at the same range, with its context intact: unchanged;
//! 2. otherwise every exact occurrence of the quote is a candidate; the one
//!    whose surroundings best match the stored prefix and suffix wins, and the
//!    one nearest the predicted position breaks ties;
//! 3. with no exact occurrence, an approximate substring search (Sellers'
//!    dynamic programming with Ukkonen's cut-off, over code points) looks for
//!    the quote within an edit distance of a quarter of its length, first in a
//!    window around the predicted position, widening only if nothing is found;
//! 4. a passage that cannot be placed becomes an orphan
//!    ([`super::orphan`]): reported, never dropped, kept with its quote,
//!    codes and memo but no position, until the user re-places it.
//!
//! The predicted position maps the old start through the change: offsets
//! before the first difference stay, offsets after the last one shift by the
//! change in length, offsets between are scaled; the stored prefix (or
//! suffix), found exactly near there, sharpens the guess.
//!
//! Everything counts code points, as the rest of the model does. The search
//! is bounded (see [`MAX_SEARCH_CELLS`]) so a 1 MB document stays fast.

use std::fmt;

use super::document::Document;
use super::passage::{CONTEXT_CHARS, Passage, PassageId};

/// Lowest similarity (`1 - edit distance / quote length`) a fuzzy match needs.
pub const MIN_SIMILARITY: f32 = 0.75;

/// Quotes shorter than this are too ambiguous to place by their own
/// approximate match: they are placed exactly, or fuzzily only when the
/// surrounding context confirms the spot.
pub const MIN_FUZZY_QUOTE_CHARS: usize = 12;

/// Mean prefix/suffix similarity that confirms a short quote's fuzzy match.
pub const MIN_CONTEXT_CONFIRMATION: f32 = 0.75;

/// Upper bound on dynamic-programming cells (window length × quote length)
/// spent on the fuzzy search of one passage; beyond it the passage is an
/// orphan rather than a stall.
pub const MAX_SEARCH_CELLS: usize = 100_000_000;

/// Smallest half-width of the first fuzzy search window, in code points.
const BASE_RADIUS: usize = 1024;

/// Each widening multiplies the window's half-width by this.
const WIDEN_FACTOR: usize = 8;

/// How far from the diff-based prediction the stored prefix is looked for.
const ANCHOR_RADIUS: usize = 16 * 1024;

/// A stored context shorter than this (a lone "\n\n") is too common to anchor.
const MIN_ANCHOR_CHARS: usize = 8;

/// Exact occurrences considered per passage, nearest the prediction first;
/// bounds the work for a very common short quote.
const MAX_EXACT_CANDIDATES: usize = 4096;

/// Relative weights of quote and context when ranking fuzzy candidates
/// (Hypothesis weighs them alike).
const QUOTE_WEIGHT: f32 = 50.0;
const CONTEXT_WEIGHT: f32 = 20.0;

/// Where a passage went.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Placement {
    /// Same range, same quote.
    Unchanged,
    /// The exact quote found elsewhere (context decides between repeats;
    /// nearest to the expected position breaks ties).
    Moved {
        from: (usize, usize),
        to: (usize, usize),
    },
    /// Only an approximate match; `similarity` in 0.0..=1.0.
    Fuzzy {
        from: (usize, usize),
        to: (usize, usize),
        similarity: f32,
    },
    /// No acceptable match: the passage becomes an orphan for the user to
    /// re-place (its range in the result is the old one, meaningless in
    /// the new text, and `Project::revise_document` drops it).
    Orphan,
}

/// The placement of one passage.
#[derive(Clone, Debug, PartialEq)]
pub struct Reanchored {
    pub passage: PassageId,
    pub placement: Placement,
}

/// What happened to all passages, in their input order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReanchorReport {
    pub unchanged: usize,
    pub moved: usize,
    pub fuzzy: usize,
    pub orphans: usize,
    pub results: Vec<Reanchored>,
}

impl ReanchorReport {
    fn record(&mut self, passage: PassageId, placement: Placement) {
        match placement {
            Placement::Unchanged => self.unchanged += 1,
            Placement::Moved { .. } => self.moved += 1,
            Placement::Fuzzy { .. } => self.fuzzy += 1,
            Placement::Orphan => self.orphans += 1,
        }
        self.results.push(Reanchored { passage, placement });
    }
}

impl fmt::Display for ReanchorReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.orphans == 1 { "needs" } else { "need" };
        write!(
            f,
            "{} unchanged, {} moved, {} re-placed fuzzily, {} {verb} re-placing",
            self.unchanged, self.moved, self.fuzzy, self.orphans
        )
    }
}

/// Re-places `passages` (all of `old`'s document) on the `new` document.
/// Returns the updated passages (range, quote, prefix, suffix recomputed from
/// `new` for placed ones; orphans returned unchanged) and the report.
///
/// Ids, codes, memo, document id and times are kept: stamping `modified` and
/// swapping the document are the caller's edit.
pub fn reanchor(
    passages: &[Passage],
    old: &Document,
    new: &Document,
) -> (Vec<Passage>, ReanchorReport) {
    let target = Target::new(new);
    let predictor = Predictor::new(old, new);
    let mut report = ReanchorReport::default();
    let mut out = Vec::with_capacity(passages.len());
    for passage in passages {
        let placement = place(passage, &target, &predictor);
        let mut updated = passage.clone();
        match placement {
            Placement::Unchanged => target.rebase(&mut updated, (passage.start, passage.end)),
            Placement::Moved { to, .. } | Placement::Fuzzy { to, .. } => {
                target.rebase(&mut updated, to);
            }
            Placement::Orphan => {}
        }
        report.record(passage.id.clone(), placement);
        out.push(updated);
    }
    (out, report)
}

/// The new document with its text as code points, for the searches.
struct Target<'d> {
    doc: &'d Document,
    chars: Vec<char>,
}

impl<'d> Target<'d> {
    fn new(doc: &'d Document) -> Self {
        Self {
            doc,
            chars: doc.text().chars().collect(),
        }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    /// Code points `start..end`, clamped to the text.
    fn chars(&self, start: usize, end: usize) -> &[char] {
        let end = end.min(self.len());
        &self.chars[start.min(end)..end]
    }

    fn before(&self, at: usize) -> &[char] {
        self.chars(at.saturating_sub(CONTEXT_CHARS), at)
    }

    fn after(&self, at: usize) -> &[char] {
        self.chars(at, at.saturating_add(CONTEXT_CHARS))
    }

    /// Sets the passage's range, quote and context from this text.
    fn rebase(&self, passage: &mut Passage, (start, end): (usize, usize)) {
        passage.start = start;
        passage.end = end;
        passage.quote = self.doc.slice(start, end).to_owned();
        passage.prefix = self.before(start).iter().collect();
        passage.suffix = self.after(end).iter().collect();
    }

    /// Code-point starts of every (also overlapping) occurrence of a
    /// non-empty `needle` lying wholly inside `lo..hi`.
    fn occurrences(&self, needle: &str, lo: usize, hi: usize) -> Vec<usize> {
        let text = self.doc.text();
        let (lo_byte, hi_byte) = (self.doc.byte_of(lo), self.doc.byte_of(hi));
        let window = &text[lo_byte..hi_byte];
        let mut found = Vec::new();
        let mut from = 0;
        // `str::find` is a fast two-way search; restarting one char after
        // each hit also finds overlapping repeats ("aa" in "aaa").
        while let Some(i) = window[from..].find(needle) {
            let at = from + i;
            found.push(self.doc.char_of(lo_byte + at));
            let step = window[at..].chars().next().map_or(1, char::len_utf8);
            from = at + step;
        }
        found
    }
}

/// Predicts where an old offset lands in the new text.
struct Predictor {
    /// Code points equal at the start of both texts.
    common_head: usize,
    /// Code points equal at the end of both texts (not overlapping the head).
    common_tail: usize,
    old_len: usize,
    new_len: usize,
}

impl Predictor {
    fn new(old: &Document, new: &Document) -> Self {
        let (a, b) = (old.text(), new.text());
        let common_head = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let (old_len, new_len) = (old.char_len(), new.char_len());
        let room = old_len.min(new_len) - common_head;
        let common_tail = (a.chars().rev().zip(b.chars().rev()))
            .take(room)
            .take_while(|(x, y)| x == y)
            .count();
        Self {
            common_head,
            common_tail,
            old_len,
            new_len,
        }
    }

    /// Maps an old offset: unchanged before the first difference, shifted
    /// after the last one, scaled in between.
    fn map(&self, old: usize) -> usize {
        let old = old.min(self.old_len);
        if old <= self.common_head {
            return old;
        }
        if old >= self.old_len - self.common_tail {
            return old + self.new_len - self.old_len;
        }
        let old_mid = self.old_len - self.common_tail - self.common_head;
        let new_mid = self.new_len - self.common_tail - self.common_head;
        let ratio = new_mid as f64 / old_mid.max(1) as f64;
        let mapped = self.common_head + ((old - self.common_head) as f64 * ratio) as usize;
        mapped.min(self.new_len)
    }
}

/// One passage's search inputs, as code points.
struct Wanted<'p> {
    passage: &'p Passage,
    quote: Vec<char>,
    prefix: Vec<char>,
    suffix: Vec<char>,
}

impl<'p> Wanted<'p> {
    fn new(passage: &'p Passage) -> Self {
        Self {
            passage,
            quote: passage.quote.chars().collect(),
            prefix: passage.prefix.chars().collect(),
            suffix: passage.suffix.chars().collect(),
        }
    }

    fn old_range(&self) -> (usize, usize) {
        (self.passage.start, self.passage.end)
    }

    /// How well the text around `start..end` matches the stored context,
    /// as (prefix, suffix) similarities.
    fn context_at(&self, target: &Target, start: usize, end: usize) -> (f32, f32) {
        (
            context_similarity(&self.prefix, target.before(start), Side::Before),
            context_similarity(&self.suffix, target.after(end), Side::After),
        )
    }

    /// Whether the quote sits at its old range with its old context around.
    fn is_in_place(&self, target: &Target) -> bool {
        let (start, end) = self.old_range();
        start.checked_add(self.quote.len()) == Some(end)
            && end <= target.len()
            && target.chars(start, end) == self.quote.as_slice()
            && target.before(start).ends_with(&self.prefix)
            && target.after(end).starts_with(&self.suffix)
    }

    /// The new position the passage's start is expected at.
    fn predict(&self, target: &Target, predictor: &Predictor) -> usize {
        let guess = predictor.map(self.passage.start);
        let lo = guess.saturating_sub(ANCHOR_RADIUS);
        let hi = guess.saturating_add(ANCHOR_RADIUS).min(target.len());
        if self.prefix.len() >= MIN_ANCHOR_CHARS {
            let hits = target.occurrences(&self.passage.prefix, lo, hi);
            if let Some(at) = nearest(&hits, guess.saturating_sub(self.prefix.len())) {
                return at + self.prefix.len();
            }
        }
        if self.suffix.len() >= MIN_ANCHOR_CHARS {
            let hits = target.occurrences(&self.passage.suffix, lo, hi);
            if let Some(at) = nearest(&hits, guess + self.quote.len()) {
                return at.saturating_sub(self.quote.len());
            }
        }
        guess
    }
}

fn nearest(hits: &[usize], to: usize) -> Option<usize> {
    hits.iter().copied().min_by_key(|&h| h.abs_diff(to))
}

/// Decides where one passage goes.
fn place(passage: &Passage, target: &Target, predictor: &Predictor) -> Placement {
    let wanted = Wanted::new(passage);
    if wanted.is_in_place(target) {
        return Placement::Unchanged;
    }
    let predicted = wanted.predict(target, predictor);
    if wanted.quote.is_empty() {
        return place_empty(&wanted, target, predicted);
    }
    if let Some(to) = best_exact(&wanted, target, predicted) {
        return exact_placement(&wanted, to);
    }
    match best_fuzzy(&wanted, target, predicted) {
        Some((to, similarity)) => Placement::Fuzzy {
            from: wanted.old_range(),
            to,
            similarity,
        },
        None => Placement::Orphan,
    }
}

fn exact_placement(wanted: &Wanted, to: (usize, usize)) -> Placement {
    if to == wanted.old_range() {
        Placement::Unchanged
    } else {
        Placement::Moved {
            from: wanted.old_range(),
            to,
        }
    }
}

/// A zero-length passage has only its context: it goes where prefix and
/// suffix meet again, nearest the prediction.
fn place_empty(wanted: &Wanted, target: &Target, predicted: usize) -> Placement {
    let joined = format!("{}{}", wanted.passage.prefix, wanted.passage.suffix);
    let at = if joined.is_empty() {
        // No context at all: only a position inside the text can be kept.
        Some(predicted.min(target.len()))
    } else {
        let hits = target.occurrences(&joined, 0, target.len());
        nearest(&hits, predicted.saturating_sub(wanted.prefix.len()))
            .map(|h| h + wanted.prefix.len())
    };
    match at {
        Some(at) => exact_placement(wanted, (at, at)),
        None => Placement::Orphan,
    }
}

/// The exact occurrence with the best context, nearest `predicted` on ties.
fn best_exact(wanted: &Wanted, target: &Target, predicted: usize) -> Option<(usize, usize)> {
    let mut hits = target.occurrences(&wanted.passage.quote, 0, target.len());
    if hits.len() > MAX_EXACT_CANDIDATES {
        hits.sort_by_key(|&h| h.abs_diff(predicted));
        hits.truncate(MAX_EXACT_CANDIDATES);
    }
    let len = wanted.quote.len();
    let ranked: Vec<(f32, usize)> = hits
        .into_iter()
        .map(|start| {
            let (p, s) = wanted.context_at(target, start, start + len);
            (p + s, start)
        })
        .collect();
    best_by(&ranked, predicted).map(|i| (ranked[i].1, ranked[i].1 + len))
}

/// Index of the highest `(score, start)`, the start nearest `predicted`
/// breaking ties (then the earlier candidate, so the choice is stable).
fn best_by(candidates: &[(f32, usize)], predicted: usize) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &(score, start)) in candidates.iter().enumerate() {
        let better = best.is_none_or(|b| {
            let (best_score, best_start) = candidates[b];
            score
                .total_cmp(&best_score)
                .then_with(|| {
                    best_start
                        .abs_diff(predicted)
                        .cmp(&start.abs_diff(predicted))
                })
                .is_gt()
        });
        if better {
            best = Some(i);
        }
    }
    best
}

/// The best approximate match of the quote, searching a window around
/// `predicted` and widening it only while nothing acceptable is found.
fn best_fuzzy(wanted: &Wanted, target: &Target, predicted: usize) -> Option<((usize, usize), f32)> {
    let m = wanted.quote.len();
    // Similarity ≥ MIN_SIMILARITY means at most this many edits.
    let max_edits = ((1.0 - MIN_SIMILARITY) * m as f32).floor() as usize;
    let mut radius = BASE_RADIUS.max(2 * m);
    let mut budget = MAX_SEARCH_CELLS;
    let mut searched = (0, 0);
    loop {
        let lo = predicted.saturating_sub(radius);
        let hi = predicted
            .saturating_add(m)
            .saturating_add(radius)
            .min(target.len());
        let cells = (hi - lo).saturating_mul(m);
        if cells > budget || hi - lo < m.saturating_sub(max_edits) {
            return None;
        }
        budget -= cells;
        if (lo, hi) != searched {
            searched = (lo, hi);
            let hits = approximate_matches(&wanted.quote, target.chars(lo, hi), max_edits);
            if let Some(best) = rank_fuzzy(wanted, target, predicted, lo, &hits) {
                return Some(best);
            }
        }
        if lo == 0 && hi == target.len() {
            return None;
        }
        radius = radius.saturating_mul(WIDEN_FACTOR);
    }
}

/// Scores fuzzy hits (offsets relative to `lo`) by quote and context
/// similarity, drops unconfirmed short quotes, returns the best.
fn rank_fuzzy(
    wanted: &Wanted,
    target: &Target,
    predicted: usize,
    lo: usize,
    hits: &[Hit],
) -> Option<((usize, usize), f32)> {
    let m = wanted.quote.len() as f32;
    let short = wanted.quote.len() < MIN_FUZZY_QUOTE_CHARS;
    let mut ranked = Vec::with_capacity(hits.len());
    let mut found = Vec::with_capacity(hits.len());
    for hit in hits {
        let (start, end) = (lo + hit.start, lo + hit.end);
        let quote_sim = (1.0 - hit.edits as f32 / m).clamp(0.0, 1.0);
        let (p, s) = wanted.context_at(target, start, end);
        if short && (p + s) / 2.0 < MIN_CONTEXT_CONFIRMATION {
            continue;
        }
        ranked.push((QUOTE_WEIGHT * quote_sim + CONTEXT_WEIGHT * (p + s), start));
        found.push(((start, end), quote_sim));
    }
    best_by(&ranked, predicted).map(|i| found[i])
}

/// An approximate occurrence: `text[start..end]` is `edits` edits from the
/// pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Hit {
    start: usize,
    end: usize,
    edits: usize,
}

/// Sellers' approximate substring search with Ukkonen's cut-off: every
/// place where `pattern` occurs in `text` with at most `max_edits`
/// insertions, deletions or substitutions. Of each run of adjacent match
/// ends only the best is kept, so one occurrence gives one hit.
///
/// The table has a column per text position and a row per pattern prefix;
/// row 0 is free (a match may start anywhere). Cells above `max_edits` are
/// capped, and rows below the last one within `max_edits` are not computed,
/// which makes the search roughly O(`max_edits` × text) on prose. Each cell
/// also carries the text offset its cheapest alignment started at.
fn approximate_matches(pattern: &[char], text: &[char], max_edits: usize) -> Vec<Hit> {
    let m = pattern.len();
    if m == 0 {
        return Vec::new();
    }
    let cap = max_edits + 1;
    let mut cost: Vec<usize> = (0..=m).map(|i| i.min(cap)).collect();
    let mut origin: Vec<usize> = vec![0; m + 1];
    let mut last = max_edits.min(m);
    let mut hits = Vec::new();
    let mut run: Option<Hit> = None;
    for (j, &c) in text.iter().enumerate() {
        let (mut diag_cost, mut diag_origin) = (cost[0], origin[0]);
        origin[0] = j + 1;
        let limit = (last + 1).min(m);
        for i in 1..=limit {
            let (left_cost, left_origin) = (cost[i], origin[i]);
            // Prefer the diagonal on ties: substitutions keep the matched
            // length equal to the quote's, which is what word changes do.
            let mut best = (diag_cost + usize::from(pattern[i - 1] != c), diag_origin);
            if left_cost + 1 < best.0 {
                best = (left_cost + 1, left_origin);
            }
            if cost[i - 1] + 1 < best.0 {
                best = (cost[i - 1] + 1, origin[i - 1]);
            }
            (diag_cost, diag_origin) = (left_cost, left_origin);
            cost[i] = best.0.min(cap);
            origin[i] = best.1;
        }
        last = (0..=limit)
            .rev()
            .find(|&i| cost[i] <= max_edits)
            .unwrap_or(0);
        let here = (last == m).then(|| Hit {
            start: origin[m],
            end: j + 1,
            edits: cost[m],
        });
        run = match (run, here) {
            (Some(best), Some(hit)) => Some(better_hit(best, hit, m)),
            (None, here) => here,
            (Some(best), None) => {
                hits.push(best);
                None
            }
        };
    }
    hits.extend(run);
    hits
}

/// Of two overlapping hits, the one with fewer edits, then the one whose
/// length is closer to the pattern's.
fn better_hit(a: Hit, b: Hit, m: usize) -> Hit {
    let key = |h: Hit| (h.edits, (h.end - h.start).abs_diff(m));
    if key(b) < key(a) { b } else { a }
}

/// Which side of the quote a context lies on.
#[derive(Clone, Copy)]
enum Side {
    Before,
    After,
}

/// How alike a stored context and the text beside a candidate are, in
/// 0.0..=1.0: the mean of their edit similarity and of the share of code
/// points that agree next to the quote before the first difference. The
/// second term matters because the characters touching the quote are the
/// best evidence; the first keeps one nearby typo from zeroing the score.
fn context_similarity(stored: &[char], actual: &[char], side: Side) -> f32 {
    let longest = stored.len().max(actual.len());
    if longest == 0 {
        return 1.0;
    }
    let touching = match side {
        Side::Before => (stored.iter().rev().zip(actual.iter().rev()))
            .take_while(|(a, b)| a == b)
            .count(),
        Side::After => (stored.iter().zip(actual))
            .take_while(|(a, b)| a == b)
            .count(),
    };
    (similarity(stored, actual) + touching as f32 / longest as f32) / 2.0
}

/// `1 - levenshtein / longer length`; two empty strings are alike.
fn similarity(a: &[char], b: &[char]) -> f32 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f32 / longest as f32
}

/// Plain two-row edit distance; only used on short context strings.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = diag + usize::from(ca != cb);
            diag = row[j + 1];
            row[j + 1] = sub.min(row[j + 1] + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}

impl super::Project {
    /// Replaces document `id`'s text with a revised version (keeping the id)
    /// and re-anchors its passages. Those that cannot be placed become
    /// orphans: kept with their quote, codes, memo and links, but with no
    /// position (see [`super::orphan`]). The document's orphans from earlier
    /// revisions are looked for again, so a passage whose text comes back
    /// is placed again. `None` if there is no such document.
    pub fn revise_document(
        &mut self,
        id: &super::DocumentId,
        revised: Document,
    ) -> Option<ReanchorReport> {
        let index = self.documents.iter().position(|d| d.id() == id)?;
        let mut repr = super::document::DocumentRepr::from(revised);
        repr.id = id.clone();
        // Author, source and memo describe the work, not this version's text.
        repr.info = self.documents[index].info().clone();
        // Renaming keeps every range of a valid document valid.
        let new = Document::new(repr).ok()?;
        let mut mine: Vec<Passage> = self
            .passages
            .iter()
            .filter(|p| &p.document == id)
            .cloned()
            .collect();
        let (orphans, others): (Vec<_>, Vec<_>) = std::mem::take(&mut self.orphans)
            .into_iter()
            .partition(|o| &o.document == id);
        self.orphans = others;
        mine.extend(orphans.into_iter().map(super::Orphan::sought));
        let (placed, report) = reanchor(&mine, &self.documents[index], &new);
        self.passages.retain(|p| &p.document != id);
        for (p, r) in placed.into_iter().zip(&report.results) {
            match r.placement {
                Placement::Orphan => super::orphan::insert(&mut self.orphans, p.orphaned()),
                _ => self.passages.push(p),
            }
        }
        self.documents[index] = new;
        Some(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
        assert_eq!(levenshtein(&chars("détente"), &chars("detente")), 1);
    }

    #[test]
    fn approximate_search_finds_exact_and_typo() {
        let hits = approximate_matches(&chars("world"), &chars("hello wrld and world"), 1);
        assert_eq!(
            hits,
            vec![
                Hit {
                    start: 6,
                    end: 10,
                    edits: 1
                },
                Hit {
                    start: 15,
                    end: 20,
                    edits: 0
                }
            ]
        );
    }

    #[test]
    fn approximate_search_keeps_substitutions_in_length() {
        let text = chars("The freezing of relations allowed Baku.");
        let hits = approximate_matches(&chars("The frosting of relations allowed Baku."), &text, 9);
        assert_eq!(hits.len(), 1);
        assert_eq!(
            (hits[0].start, hits[0].end, hits[0].edits),
            (0, text.len(), 3)
        );
    }

    #[test]
    fn approximate_search_respects_the_cut_off() {
        assert!(approximate_matches(&chars("abcdefgh"), &chars("xxxxxxxxxxxx"), 2).is_empty());
        assert!(approximate_matches(&chars("abc"), &chars(""), 1).is_empty());
    }

    #[test]
    fn predictor_keeps_shifts_and_scales() {
        let d = |t: &str| {
            Document::new(crate::model::document::DocumentRepr {
                info: Default::default(),
                id: crate::model::DocumentId("d".into()),
                title: String::new(),
                text: t.into(),
                blocks: vec![],
                spans: vec![],
            })
            .unwrap_or_else(|e| panic!("{e}"))
        };
        // "cd" (2..4) became "XYZW" (2..6).
        let p = Predictor::new(&d("abcdefgh"), &d("abXYZWefgh"));
        assert_eq!((p.common_head, p.common_tail), (2, 4));
        assert_eq!(p.map(1), 1, "before the change");
        assert_eq!(p.map(5), 7, "after the change");
        assert_eq!(p.map(3), 4, "inside: scaled");
        assert_eq!(p.map(99), 10, "clamped");
        let empty = Predictor::new(&d("abc"), &d(""));
        assert_eq!(empty.map(2), 0);
    }

    #[test]
    fn report_reads_naturally() {
        let report = ReanchorReport {
            unchanged: 40,
            moved: 3,
            fuzzy: 1,
            orphans: 0,
            results: vec![],
        };
        assert_eq!(
            report.to_string(),
            "40 unchanged, 3 moved, 1 re-placed fuzzily, 0 need re-placing"
        );
    }
}
