//! Intervals with a payload, queryable by overlap: entries sorted by start
//! (longer first), kept in chunks of a few dozen, each chunk knowing its
//! largest end so a query skips the chunks that end before the range.
//! Adding or dropping one entry moves the entries of one chunk only, not
//! every entry after it: coding one passage in a document with tens of
//! thousands of stripes must not cost a pass over all of them.

use std::cmp::Reverse;

/// Entries per chunk: chunks split at twice this, and a build fills them
/// to this.
const CHUNK: usize = 32;

/// Intervals `start..end` with a payload, queryable by overlap.
#[derive(Clone, Debug)]
pub struct IntervalIndex<T> {
    /// Never empty chunks; in order, each entry's key at most the next's.
    chunks: Vec<Chunk<T>>,
    len: usize,
}

#[derive(Clone, Debug)]
struct Chunk<T> {
    entries: Vec<(usize, usize, T)>,
    max_end: usize,
}

impl<T> Chunk<T> {
    fn new(entries: Vec<(usize, usize, T)>) -> Self {
        let mut chunk = Self {
            entries,
            max_end: 0,
        };
        chunk.refresh();
        chunk
    }

    fn refresh(&mut self) {
        self.max_end = self.entries.iter().map(|e| e.1).max().unwrap_or(0);
    }
}

/// The sort key: by start, longer first.
fn key<T>(e: &(usize, usize, T)) -> (usize, Reverse<usize>) {
    (e.0, Reverse(e.1))
}

impl<T> Default for IntervalIndex<T> {
    fn default() -> Self {
        Self {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> IntervalIndex<T> {
    pub fn new(mut entries: Vec<(usize, usize, T)>) -> Self {
        entries.sort_by_key(key);
        let len = entries.len();
        let mut chunks = Vec::with_capacity(len.div_ceil(CHUNK));
        let mut rest = entries.into_iter().peekable();
        while rest.peek().is_some() {
            chunks.push(Chunk::new(rest.by_ref().take(CHUNK).collect()));
        }
        Self { chunks, len }
    }

    /// Adds one entry after those with the same range (as a stable sort would).
    pub fn insert(&mut self, start: usize, end: usize, payload: T) {
        let k = (start, Reverse(end));
        self.len += 1;
        // The first chunk whose last entry sorts after the new one; else the last.
        let c = (self.chunks)
            .partition_point(|c| c.entries.last().is_some_and(|e| key(e) <= k))
            .min(self.chunks.len().saturating_sub(1));
        let Some(chunk) = self.chunks.get_mut(c) else {
            self.chunks.push(Chunk::new(vec![(start, end, payload)]));
            return;
        };
        let at = chunk.entries.partition_point(|e| key(e) <= k);
        chunk.entries.insert(at, (start, end, payload));
        chunk.max_end = chunk.max_end.max(end);
        if chunk.entries.len() >= 2 * CHUNK {
            let tail = Chunk::new(chunk.entries.split_off(CHUNK));
            chunk.refresh();
            self.chunks.insert(c + 1, tail);
        }
    }

    /// Removes the entries with range `start..end` whose payload passes
    /// `matches`; returns how many went. Only the chunks holding that
    /// range are touched.
    pub fn remove(
        &mut self,
        start: usize,
        end: usize,
        mut matches: impl FnMut(&T) -> bool,
    ) -> usize {
        let k = (start, Reverse(end));
        let first = (self.chunks).partition_point(|c| c.entries.last().is_some_and(|e| key(e) < k));
        let mut gone = 0;
        for chunk in &mut self.chunks[first..] {
            if chunk.entries.first().is_some_and(|e| key(e) > k) {
                break;
            }
            let before = chunk.entries.len();
            chunk.entries.retain(|e| key(e) != k || !matches(&e.2));
            if chunk.entries.len() != before {
                gone += before - chunk.entries.len();
                chunk.refresh();
            }
        }
        if gone > 0 {
            self.len -= gone;
            self.chunks.retain(|c| !c.entries.is_empty());
        }
        gone
    }

    /// Keeps the entries whose payload passes `keep`, which may also rewrite it.
    pub fn retain(&mut self, mut keep: impl FnMut(&mut T) -> bool) {
        for chunk in &mut self.chunks {
            let before = chunk.entries.len();
            chunk.entries.retain_mut(|e| keep(&mut e.2));
            if chunk.entries.len() != before {
                chunk.refresh();
            }
        }
        self.chunks.retain(|c| !c.entries.is_empty());
        self.len = self.chunks.iter().map(|c| c.entries.len()).sum();
    }

    /// Every entry, in order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize, &T)> {
        (self.chunks.iter())
            .flat_map(|c| c.entries.iter())
            .map(|e| (e.0, e.1, &e.2))
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Entries overlapping `start..end`, or containing `start` if the range is empty.
    pub fn query(&self, start: usize, end: usize) -> impl Iterator<Item = (usize, usize, &T)> {
        let end = end.max(start + 1);
        // Chunks that begin at or after `end` hold nothing overlapping.
        let stop = (self.chunks).partition_point(|c| c.entries.first().is_some_and(|e| e.0 < end));
        self.chunks[..stop]
            .iter()
            .filter(move |c| c.max_end > start)
            .flat_map(|c| c.entries.iter())
            .filter(move |e| e.0 < end && e.1 > start)
            .map(|e| (e.0, e.1, &e.2))
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

    #[test]
    fn inserting_and_dropping_entries_keeps_what_a_fresh_build_gives() {
        let all: Vec<(usize, usize, usize)> = (0..300)
            .map(|i| ((i * 37) % 1_000, (i * 37) % 1_000 + (i * 13) % 90, i))
            .collect();
        let mut index = IntervalIndex::new(all[..100].to_vec());
        for &(s, e, i) in &all[100..] {
            index.insert(s, e, i);
        }
        index.retain(|&mut i| i % 3 != 0);
        let kept: Vec<_> = all.iter().copied().filter(|e| e.2 % 3 != 0).collect();
        let fresh = IntervalIndex::new(kept);
        let ranges =
            |ix: &IntervalIndex<usize>| ix.iter().map(|(s, e, _)| (s, e)).collect::<Vec<_>>();
        assert_eq!(ranges(&index), ranges(&fresh));
        assert_eq!(index.len(), fresh.len());
        for (a, b) in [(0, 5), (500, 520), (990, 1_200)] {
            let mut got: Vec<usize> = index.query(a, b).map(|e| *e.2).collect();
            let mut want: Vec<usize> = fresh.query(a, b).map(|e| *e.2).collect();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn removing_one_range_takes_only_the_matching_entries() {
        // 200 entries with one range span several chunks; 100 others around them.
        let mut entries: Vec<(usize, usize, usize)> = (0..200).map(|i| (10, 20, i)).collect();
        entries.extend((0..100).map(|i| (i, i + 5, 1_000 + i)));
        let mut index = IntervalIndex::new(entries.clone());
        assert_eq!(index.remove(10, 20, |&p| p == 150), 1);
        assert_eq!(index.remove(10, 20, |&p| p == 150), 0, "already gone");
        assert_eq!(index.remove(10, 21, |_| true), 0, "no such range");
        assert_eq!(index.remove(3, 8, |&p| p == 1_003), 1);
        assert_eq!(index.remove(10, 20, |&p| p < 40), 40);
        let kept: Vec<_> = (entries.into_iter())
            .filter(|e| e.2 >= 40 && e.2 != 150 && e.2 != 1_003)
            .collect();
        let fresh = IntervalIndex::new(kept);
        let all =
            |ix: &IntervalIndex<usize>| ix.iter().map(|(s, e, p)| (s, e, *p)).collect::<Vec<_>>();
        assert_eq!(all(&index), all(&fresh));
        assert_eq!(index.len(), 300 - 42);
        let mut got: Vec<usize> = index.query(12, 13).map(|e| *e.2).collect();
        got.sort_unstable();
        assert_eq!(got.len(), 200 - 41 + 5);
    }
}
