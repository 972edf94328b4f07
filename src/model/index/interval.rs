//! Intervals with a payload, queryable by overlap: entries sorted by start
//! (longer first), each chunk of entries keeping its largest end so a query
//! skips the chunks that end before the range. Edits keep the order, so one
//! passage can be added or dropped without sorting everything again.

use std::cmp::Reverse;

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
        let mut index = Self {
            entries,
            chunk_max_end: Vec::new(),
        };
        index.refresh_chunks(0);
        index
    }

    /// Adds one entry after those with the same range (as a stable sort would).
    pub fn insert(&mut self, start: usize, end: usize, payload: T) {
        let key = (start, Reverse(end));
        let at = self.entries.partition_point(|e| (e.0, Reverse(e.1)) <= key);
        self.entries.insert(at, (start, end, payload));
        self.refresh_chunks(at / CHUNK);
    }

    /// Keeps the entries whose payload passes `keep`, which may also rewrite it.
    pub fn retain(&mut self, mut keep: impl FnMut(&mut T) -> bool) {
        self.entries.retain_mut(|e| keep(&mut e.2));
        self.refresh_chunks(0);
    }

    /// Every entry, in order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize, &T)> {
        self.entries.iter().map(|e| (e.0, e.1, &e.2))
    }

    /// Recomputes the largest end of chunk `from` and every later chunk.
    fn refresh_chunks(&mut self, from: usize) {
        self.chunk_max_end.truncate(from);
        let rest = self.entries[from * CHUNK..].chunks(CHUNK);
        (self.chunk_max_end).extend(rest.map(|c| c.iter().map(|e| e.1).max().unwrap_or(0)));
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
        assert_eq!(index.chunk_max_end, fresh.chunk_max_end);
        for (a, b) in [(0, 5), (500, 520), (990, 1_200)] {
            let mut got: Vec<usize> = index.query(a, b).map(|e| *e.2).collect();
            let mut want: Vec<usize> = fresh.query(a, b).map(|e| *e.2).collect();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want);
        }
    }
}
