//! Passages in position order (`Passage::position_key`), sorted on
//! integers: exports and saves order 100,000 passages at a time.

use std::cmp::Reverse;
use std::collections::HashMap;

use super::{DocumentId, Passage, Project};

/// Passages by `position_key` (document id, start, longest first, then
/// passage id), found by ranking each document id once and
/// sorting on `(rank, start, Reverse(end))`: no string compares, and small
/// keys, unless two passages share a document and a range.
pub(super) fn passages_in_order(project: &Project) -> Vec<&Passage> {
    let mut ids: Vec<&DocumentId> = Vec::new();
    let mut seen: HashMap<&DocumentId, usize> = HashMap::new();
    // Passages come grouped by document (files are saved sorted), so
    // comparing with the previous one spares most lookups.
    let mut previous: Option<(&DocumentId, usize)> = None;
    let mut first_seen: Vec<usize> = Vec::with_capacity(project.passages.len());
    for p in &project.passages {
        let index = match previous {
            Some((id, index)) if id == &p.document => index,
            _ => *seen.entry(&p.document).or_insert_with(|| {
                ids.push(&p.document);
                ids.len() - 1
            }),
        };
        previous = Some((&p.document, index));
        first_seen.push(index);
    }
    // Rank of each document id (by first appearance) in string order.
    let mut by_name: Vec<usize> = (0..ids.len()).collect();
    by_name.sort_unstable_by_key(|&i| ids[i]);
    let mut rank = vec![0; ids.len()];
    for (r, &i) in by_name.iter().enumerate() {
        rank[i] = r;
    }
    let mut keyed: Vec<(usize, usize, Reverse<usize>, &Passage)> = (project.passages.iter())
        .zip(first_seen)
        .map(|(p, i)| (rank[i], p.start, Reverse(p.end), p))
        .collect();
    // Stable: passages equal in every key (duplicated ids) keep their order.
    keyed.sort_by(|a, b| {
        (a.0, a.1, a.2)
            .cmp(&(b.0, b.1, b.2))
            .then_with(|| a.3.id.cmp(&b.3.id))
    });
    keyed.into_iter().map(|(.., p)| p).collect()
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::model::{Codebook, PassageId, markup};

    #[test]
    fn the_same_order_as_a_sort_by_position_key() {
        let doc = markup::parse(DocumentId("b".into()), "Some text to code.").document;
        let mut passages = Vec::new();
        // Document ids whose string order differs from first appearance,
        // ties on start, equal ranges, and a repeated passage id.
        for i in 0..200 {
            let mut p = Passage::new(&doc, i % 7, i % 7 + i % 5, "x", DateTime::<Utc>::UNIX_EPOCH);
            p.document = DocumentId(["b", "a", "ab"][i % 3].to_owned());
            if i % 11 == 0 {
                p.id = PassageId("same".to_owned());
            }
            p.memo = i.to_string();
            passages.push(p);
        }
        let mut project = Project::new(vec![doc], Codebook::default());
        project.passages = passages.into();
        let memos =
            |v: Vec<&Passage>| -> Vec<String> { v.iter().map(|p| p.memo.clone()).collect() };
        let mut naive: Vec<&Passage> = project.passages.iter().collect();
        naive.sort_by(|a, b| a.position_key().cmp(&b.position_key()));
        assert_eq!(memos(passages_in_order(&project)), memos(naive));
    }
}
