//! The project's passages, in file order, with a lookup by id.
//!
//! Coding looks passages up by id all the time (is this id new? where is
//! the passage an edit changes?); a scan of ten thousand string ids per
//! look-up is felt on every key press. `Passages` reads like the `Vec` it
//! wraps, and keeps a table from id to position beside it. The table is
//! built on the first look-up and kept up to date by the changes that
//! coding makes (`push`, `remove`, `update`); any other mutable access
//! (through `DerefMut`: sorting, `retain`, indexing to write) drops it, to
//! be built again when next needed. So it can never be stale.

use std::hash::BuildHasher;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use hashbrown::HashTable;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::passage::{Passage, PassageId};

/// Passages in file order; reads as a `Vec<Passage>`.
#[derive(Default)]
pub struct Passages {
    list: Vec<Passage>,
    by_id: OnceLock<IdTable>,
}

/// Positions in `list`, hashed by the passage's id: the first position of
/// each id (a file may bring duplicates; `Project::check` reports them).
struct IdTable {
    table: HashTable<usize>,
    /// Whether some id occurs twice: then a removal cannot patch the table
    /// (the next occurrence would have to take over), so it drops it.
    duplicates: bool,
}

fn hash(id: &PassageId) -> u64 {
    foldhash::fast::FixedState::with_seed(0x6272_6965_666d_6b21).hash_one(id.0.as_str())
}

impl IdTable {
    fn build(list: &[Passage]) -> Self {
        let mut ids = Self {
            table: HashTable::with_capacity(list.len()),
            duplicates: false,
        };
        for i in 0..list.len() {
            ids.add(list, i);
        }
        ids
    }

    /// Records `list[i]`, unless its id is already recorded.
    fn add(&mut self, list: &[Passage], i: usize) {
        let id = &list[i].id;
        let h = hash(id);
        if self.table.find(h, |&j| &list[j].id == id).is_some() {
            self.duplicates = true;
        } else {
            self.table.insert_unique(h, i, |&j| hash(&list[j].id));
        }
    }

    fn find(&self, list: &[Passage], id: &PassageId) -> Option<usize> {
        self.table.find(hash(id), |&j| &list[j].id == id).copied()
    }
}

impl Passages {
    fn ids(&self) -> &IdTable {
        self.by_id.get_or_init(|| IdTable::build(&self.list))
    }

    /// Where the passage with this id is (its first occurrence).
    pub fn position(&self, id: &PassageId) -> Option<usize> {
        self.ids().find(&self.list, id)
    }

    /// The passage with this id.
    pub fn get_by_id(&self, id: &PassageId) -> Option<&Passage> {
        self.position(id).map(|i| &self.list[i])
    }

    /// Whether a passage has this id.
    pub fn contains_id(&self, id: &PassageId) -> bool {
        self.position(id).is_some()
    }

    /// Appends a passage, keeping the id table.
    pub fn push(&mut self, passage: Passage) {
        self.list.push(passage);
        if let Some(ids) = self.by_id.get_mut() {
            ids.add(&self.list, self.list.len() - 1);
        }
    }

    /// Removes the passage at `i`; later ones move down one, and the id
    /// table follows them.
    pub fn remove(&mut self, i: usize) -> Passage {
        let gone = self.list.remove(i);
        let patchable = self.by_id.get().is_some_and(|ids| !ids.duplicates);
        if !patchable {
            self.by_id = OnceLock::new();
        } else if let Some(ids) = self.by_id.get_mut() {
            let h = hash(&gone.id);
            if let Ok(entry) = ids.table.find_entry(h, |&j| j == i) {
                entry.remove();
            }
            for at in ids.table.iter_mut() {
                if *at > i {
                    *at -= 1;
                }
            }
        }
        gone
    }

    /// Changes the passage with this id in place; `None` if there is none.
    /// Changing its id is allowed (the table is then built again).
    pub fn update<R>(
        &mut self,
        id: &PassageId,
        change: impl FnOnce(&mut Passage) -> R,
    ) -> Option<R> {
        let i = self.position(id)?;
        let result = change(&mut self.list[i]);
        if &self.list[i].id != id {
            self.by_id = OnceLock::new();
        }
        Some(result)
    }

    /// The passages, taken out as a plain `Vec`.
    pub fn into_vec(self) -> Vec<Passage> {
        self.list
    }
}

impl Deref for Passages {
    type Target = Vec<Passage>;
    fn deref(&self) -> &Vec<Passage> {
        &self.list
    }
}

/// Any change made through the `Vec` may move or rename passages: the id
/// table is dropped, and built again on the next look-up.
impl DerefMut for Passages {
    fn deref_mut(&mut self) -> &mut Vec<Passage> {
        self.by_id = OnceLock::new();
        &mut self.list
    }
}

impl From<Vec<Passage>> for Passages {
    fn from(list: Vec<Passage>) -> Self {
        Self {
            list,
            by_id: OnceLock::new(),
        }
    }
}

impl FromIterator<Passage> for Passages {
    fn from_iter<I: IntoIterator<Item = Passage>>(iter: I) -> Self {
        Vec::from_iter(iter).into()
    }
}

impl<'a> IntoIterator for &'a Passages {
    type Item = &'a Passage;
    type IntoIter = std::slice::Iter<'a, Passage>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl<'a> IntoIterator for &'a mut Passages {
    type Item = &'a mut Passage;
    type IntoIter = std::slice::IterMut<'a, Passage>;
    fn into_iter(self) -> Self::IntoIter {
        self.deref_mut().iter_mut()
    }
}

impl IntoIterator for Passages {
    type Item = Passage;
    type IntoIter = std::vec::IntoIter<Passage>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

/// A clone starts without the table (clones are made for saving and for
/// worker threads, which seldom look passages up by id).
impl Clone for Passages {
    fn clone(&self) -> Self {
        self.list.clone().into()
    }
}

impl PartialEq for Passages {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
    }
}

impl Eq for Passages {}

impl PartialEq<Vec<Passage>> for Passages {
    fn eq(&self, other: &Vec<Passage>) -> bool {
        &self.list == other
    }
}

impl PartialEq<Passages> for Vec<Passage> {
    fn eq(&self, other: &Passages) -> bool {
        self == &other.list
    }
}

impl std::fmt::Debug for Passages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.list.fmt(f)
    }
}

impl Serialize for Passages {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.list.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Passages {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets;
    use chrono::Utc;

    fn passages(n: usize) -> Passages {
        let doc = assets::default_project().documents[0].clone();
        (0..n)
            .map(|i| Passage::new(&doc, i, i + 5, "T", Utc::now()))
            .collect()
    }

    /// Every id is found where a scan finds it.
    fn assert_lookups_match_a_scan(ps: &Passages) {
        for p in ps.iter() {
            let scan = ps.iter().position(|q| q.id == p.id);
            assert_eq!(ps.position(&p.id), scan, "{}", p.id.0);
        }
        assert_eq!(ps.position(&PassageId("no-such-id".into())), None);
    }

    #[test]
    fn push_and_remove_keep_the_table_in_step() {
        let mut ps = passages(50);
        assert_lookups_match_a_scan(&ps);
        let doc = assets::default_project().documents[0].clone();
        let extra = Passage::new(&doc, 3, 9, "T", Utc::now());
        let extra_id = extra.id.clone();
        ps.push(extra);
        assert!(ps.by_id.get().is_some(), "push kept the table");
        assert_eq!(ps.position(&extra_id), Some(50));
        let gone = ps.remove(10);
        assert!(ps.by_id.get().is_some(), "remove kept the table");
        assert_eq!(ps.position(&gone.id), None);
        assert_eq!(ps.position(&extra_id), Some(49));
        assert_lookups_match_a_scan(&ps);
    }

    #[test]
    fn a_change_through_the_vec_drops_the_table_and_lookups_stay_right() {
        let mut ps = passages(20);
        let last = ps[19].id.clone();
        assert_eq!(ps.position(&last), Some(19));
        ps.reverse();
        assert!(ps.by_id.get().is_none(), "the table was dropped");
        assert_eq!(ps.position(&last), Some(0));
        ps[0].id = PassageId("renamed".into());
        assert_eq!(ps.position(&last), None);
        assert_eq!(ps.position(&PassageId("renamed".into())), Some(0));
        assert_lookups_match_a_scan(&ps);
    }

    #[test]
    fn update_in_place_keeps_the_table_unless_the_id_changes() {
        let mut ps = passages(10);
        let id = ps[4].id.clone();
        assert_eq!(ps.update(&id, |p| p.memo = "why".into()), Some(()));
        assert!(ps.by_id.get().is_some());
        assert_eq!(ps[4].memo, "why");
        ps.update(&id, |p| p.id = PassageId("new".into()));
        assert_eq!(ps.position(&PassageId("new".into())), Some(4));
        assert_eq!(ps.position(&id), None);
        assert_eq!(ps.update(&id, |_| ()), None);
    }

    #[test]
    fn duplicates_find_the_first_and_a_removal_lets_the_next_take_over() {
        let mut ps = passages(6);
        let dup = ps[1].clone();
        ps.push(dup.clone());
        assert_eq!(ps.position(&dup.id), Some(1));
        ps.remove(1);
        assert_eq!(ps.position(&dup.id), Some(5));
        assert_lookups_match_a_scan(&ps);
    }

    #[test]
    fn serialises_as_a_plain_list() {
        let ps = passages(2);
        let as_vec = ron::to_string(&*ps).expect("serialises");
        assert_eq!(ron::to_string(&ps).expect("serialises"), as_vec);
        let back: Passages = ron::from_str(&as_vec).expect("parses");
        assert_eq!(back, ps);
    }
}
