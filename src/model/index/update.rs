//! Keeping the index up to date one edit at a time.
//!
//! Coding is adding a passage or changing one; rebuilding the index of a
//! document with ten thousand passages for that costs milliseconds, felt as
//! lag on every key press. The edits that touch one passage update only its
//! entries; anything else (documents, codebook, links, batches) rebuilds.
//! A new stripe takes the lowest lane free over its pieces, so the stripes
//! already drawn stay where they are.

use super::{
    DocumentIndex, Grown, PassageIndex, Stripe, connectors, next_generation, stripe_codes,
};
use crate::model::{Edit, Passage, PassageId, Project};

/// What an edit is about to change, as far as the index is concerned.
/// Found before the edit is applied: a removal must know where the passage
/// was, a change what it was.
#[derive(Clone, Debug)]
pub enum IndexChange {
    /// A passage is appended to `Project::passages`.
    Appended,
    /// The passage at this index changes in place (same id).
    Changed(usize, Box<Passage>),
    /// The passage at this index goes; the ones after it move down one.
    Removed(usize, Box<Passage>),
    /// Nothing the index holds (a memo: typing one must cost nothing).
    Nothing,
    /// Anything else: build the index again.
    All,
}

impl IndexChange {
    /// The change `edit` will make to `project`.
    pub fn of(edit: &Edit, project: &Project) -> Self {
        let at = |id: &PassageId| {
            let i = project.passages.position(id)?;
            Some((i, Box::new(project.passages[i].clone())))
        };
        let changed = |id: &PassageId| at(id).map_or(Self::All, |(i, p)| Self::Changed(i, p));
        let linked = |id: &PassageId| project.links.iter().any(|l| l.touches(id));
        match edit {
            // Orphans have no place in the text: the index holds none.
            Edit::AddOrphan(_) => Self::Nothing,
            Edit::RemovePassage(id) | Edit::SetCodes { passage: id, .. }
                if project.orphan(id).is_some() && !linked(id) =>
            {
                Self::Nothing
            }
            Edit::AddPassage(_) => Self::Appended,
            // A re-placed orphan's links get drawn: connectors change.
            Edit::PlaceOrphan(p) if !linked(&p.id) => Self::Appended,
            // Removing a linked passage removes links too: connectors change.
            Edit::RemovePassage(id) if !linked(id) => {
                at(id).map_or(Self::All, |(i, p)| Self::Removed(i, p))
            }
            Edit::OrphanPassage(o) if !linked(&o.id) => {
                at(&o.id).map_or(Self::All, |(i, p)| Self::Removed(i, p))
            }
            Edit::UpdatePassage(p) => changed(&p.id),
            Edit::SetCodes { passage, .. } => changed(passage),
            Edit::SetMemo { .. } => Self::Nothing,
            _ => Self::All,
        }
    }
}

impl PassageIndex {
    /// Brings the index up to date with `project` after the edit whose
    /// change is `change` was applied.
    pub fn update(&mut self, project: &Project, change: &IndexChange) {
        let n = project.passages.len();
        match change {
            IndexChange::Nothing => {}
            IndexChange::Appended if n > 0 => self.add(project, n - 1),
            IndexChange::Changed(i, old)
                if project.passages.get(*i).is_some_and(|p| p.id == old.id) =>
            {
                let from = self.docs.get(&old.document).map(|d| d.generation);
                self.forget(*i, old);
                self.add(project, *i);
                self.note_gained_codes(project, *i, old, from);
                if project.links.iter().any(|l| l.touches(&old.id)) {
                    self.refresh_connectors(project);
                }
            }
            IndexChange::Removed(i, old) if *i <= n => {
                self.forget(*i, old);
                self.shift_down(*i);
            }
            _ => *self = Self::build(project),
        }
    }

    /// Indexes passage `i`, which is not indexed yet.
    fn add(&mut self, project: &Project, i: usize) {
        let p = &project.passages[i];
        let doc = (self.docs.entry(p.document.clone()))
            .or_insert_with(|| DocumentIndex::empty(project, &p.document));
        doc.passages.insert(p.start, p.end, i);
        let mut grown = Grown {
            from: doc.generation,
            stripes: Vec::new(),
        };
        for code_index in stripe_codes(project, i) {
            let lane = doc.free_lane(p.start, p.end);
            doc.lanes = doc.lanes.max(lane + 1);
            let stripe = Stripe {
                passage: i,
                code_index,
                lane,
            };
            doc.stripes.insert(p.start, p.end, stripe);
            grown.stripes.push((p.start, p.end, code_index));
        }
        let ps = &project.passages;
        let at = (doc.in_order).partition_point(|&q| ps[q].position_key() < p.position_key());
        doc.in_order.insert(at, i);
        doc.generation = next_generation();
        doc.grown = Some(grown);
        for code in &p.codes {
            *self.uses.entry(code.clone()).or_insert(0) += 1;
        }
        let problems = project.passage_problems(p);
        if !problems.is_empty() {
            self.problems.insert(i, problems);
        }
    }

    /// A passage that kept its place and only gained codes (a second code
    /// pressed): its document's coverage only grew, by the new codes'
    /// stripes, from generation `from`. Anything else leaves `grown` unset.
    fn note_gained_codes(&mut self, project: &Project, i: usize, old: &Passage, from: Option<u64>) {
        let p = &project.passages[i];
        let Some(doc) = self.docs.get_mut(&p.document) else {
            return;
        };
        let kept_place = p.document == old.document && p.start == old.start && p.end == old.end;
        let only_gained = old.codes.iter().all(|c| p.codes.contains(c)) && !old.codes.is_empty();
        doc.grown = match from {
            Some(from) if kept_place && only_gained => {
                let gained = (p.codes.iter())
                    .filter(|c| !old.codes.contains(c))
                    .map(|c| (p.start, p.end, project.codebook.code_index(c)));
                Some(Grown {
                    from,
                    stripes: gained.collect(),
                })
            }
            _ => None,
        };
    }

    /// Drops passage `i` (as it was: `old`) from the index: only the
    /// entries with its range are looked at.
    fn forget(&mut self, i: usize, old: &Passage) {
        if let Some(doc) = self.docs.get_mut(&old.document) {
            doc.passages.remove(old.start, old.end, |p| *p == i);
            let mut top_lane_freed = false;
            doc.stripes.remove(old.start, old.end, |s| {
                top_lane_freed |= s.passage == i && s.lane + 1 == doc.lanes;
                s.passage == i
            });
            // The margin narrows only when the widest lane may be empty now.
            if top_lane_freed {
                doc.lanes = (doc.stripes.iter().map(|(_, _, s)| s.lane + 1))
                    .max()
                    .unwrap_or(0);
            }
            doc.in_order.retain(|&p| p != i);
            doc.generation = next_generation();
            doc.grown = None;
        }
        for code in &old.codes {
            if let Some(n) = self.uses.get_mut(code) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    self.uses.remove(code);
                }
            }
        }
        self.problems.remove(&i);
    }

    /// Passage `i` is gone from `Project::passages`: later indexes move down.
    fn shift_down(&mut self, i: usize) {
        let down = |p: &mut usize| {
            if *p > i {
                *p -= 1;
            }
        };
        for doc in self.docs.values_mut() {
            doc.passages.retain(|p| {
                down(p);
                true
            });
            doc.stripes.retain(|s| {
                down(&mut s.passage);
                true
            });
            doc.in_order.iter_mut().for_each(down);
            for c in &mut doc.connectors {
                down(&mut c.from);
                down(&mut c.to);
            }
            doc.generation = next_generation();
            doc.grown = None;
        }
        self.problems = std::mem::take(&mut self.problems)
            .into_iter()
            .map(|(mut p, found)| {
                down(&mut p);
                (p, found)
            })
            .collect();
    }

    fn refresh_connectors(&mut self, project: &Project) {
        let mut fresh = connectors(project);
        for (id, doc) in &mut self.docs {
            doc.connectors = fresh.remove(id).unwrap_or_default();
        }
    }
}

impl DocumentIndex {
    /// The lowest lane no stripe sharing a piece with `start..end` is in
    /// (a stripe's range meets every piece between its first and last, so
    /// the stripes meeting the new one's extent are those).
    fn free_lane(&self, start: usize, end: usize) -> usize {
        let (from, to) = self.lane_extent(start, end);
        let mut used = vec![false; self.lanes + 1];
        for (_, _, s) in self.stripes.query(from, to) {
            used[s.lane] = true;
        }
        used.iter().position(|u| !u).unwrap_or(self.lanes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets;
    use crate::model::{CodeId, Edit};
    use chrono::Utc;

    /// What a query shows of a document's index: ranges and passages, and
    /// each stripe's passage and code, without lanes (those may differ from
    /// a fresh build's, by design).
    fn shown(index: &PassageIndex, project: &Project) -> Vec<String> {
        let doc = project.documents[0].id();
        let Some(d) = index.document(doc) else {
            return Vec::new();
        };
        let mut out: Vec<String> = (d.passages.iter())
            .map(|(s, e, p)| format!("passage {s}..{e} {}", project.passages[*p].id.0))
            .chain(d.stripes.iter().map(|(s, e, st)| {
                let p = &project.passages[st.passage];
                format!("stripe {s}..{e} {} {:?}", p.id.0, st.code_index)
            }))
            .collect();
        out.sort();
        let order: Vec<&str> = (d.in_order.iter())
            .map(|&i| project.passages[i].id.0.as_str())
            .collect();
        out.push(format!("order {order:?}"));
        let mut uses: Vec<_> = project
            .codebook
            .codes()
            .map(|(_, c)| index.uses(&c.id))
            .collect();
        uses.push(index.problems.len());
        out.push(format!("uses {uses:?}"));
        out
    }

    /// No two stripes whose extents (pieces) overlap share a lane, and
    /// `lanes` covers them all.
    fn assert_lanes_sound(index: &PassageIndex, project: &Project) {
        let d = index.document(project.documents[0].id()).expect("indexed");
        let stripes: Vec<_> = d.stripes.iter().collect();
        for (k, a) in stripes.iter().enumerate() {
            assert!(a.2.lane < d.lanes);
            let (a0, a1) = d.lane_extent(a.0, a.1);
            for b in &stripes[k + 1..] {
                let (b0, b1) = d.lane_extent(b.0, b.1);
                let overlap = a0 < b1 && b0 < a1;
                assert!(
                    !(overlap && a.2.lane == b.2.lane),
                    "{a:?} and {b:?} share a lane"
                );
            }
        }
    }

    /// Applies `edit` and updates the index by its change; checks the result
    /// against a fresh build.
    fn apply(project: &mut Project, index: &mut PassageIndex, edit: Edit) -> IndexChange {
        let change = IndexChange::of(&edit, project);
        edit.apply(project).expect("edit applies");
        index.update(project, &change);
        assert_eq!(
            shown(index, project),
            shown(&PassageIndex::build(project), project)
        );
        assert_lanes_sound(index, project);
        change
    }

    #[test]
    fn coding_edits_update_the_index_to_what_a_rebuild_gives() {
        let mut project = assets::example_project();
        let mut index = PassageIndex::build(&project);
        let doc = project.documents[0].clone();
        let first = project.passages_in_order()[0].clone();
        let when = Utc::now();

        let mut p = Passage::new(&doc, first.start + 5, first.end + 40, "T", when);
        p.codes.push(CodeId("cause".into()));
        let id = p.id.clone();
        let change = apply(&mut project, &mut index, Edit::AddPassage(p));
        assert!(matches!(change, IndexChange::Appended));

        let codes = vec![CodeId("cause".into()), CodeId("regional".into())];
        let edit = Edit::SetCodes {
            passage: id.clone(),
            codes,
            modified: when,
        };
        assert!(matches!(
            apply(&mut project, &mut index, edit),
            IndexChange::Changed(..)
        ));
        let memo = Edit::SetMemo {
            passage: id.clone(),
            memo: "why".into(),
            modified: when,
        };
        let change = apply(&mut project, &mut index, memo);
        assert!(matches!(change, IndexChange::Nothing));

        let mut moved = project.passage(&id).expect("added").clone();
        moved = moved.placed_at(&doc, 10, 60, when);
        apply(
            &mut project,
            &mut index,
            Edit::UpdatePassage(Box::new(moved)),
        );

        // A passage from the middle of the list: every later index shifts.
        let middle = project.passages[project.passages.len() / 2].id.clone();
        let unlinked = !project.links.iter().any(|l| l.touches(&middle));
        let change = apply(&mut project, &mut index, Edit::RemovePassage(middle));
        assert_eq!(matches!(change, IndexChange::Removed(..)), unlinked);
        apply(&mut project, &mut index, Edit::RemovePassage(id));
    }

    #[test]
    fn adding_a_passage_or_a_code_notes_what_grew_and_anything_else_does_not() {
        let mut project = assets::example_project();
        let mut index = PassageIndex::build(&project);
        let doc = project.documents[0].clone();
        let generation = |index: &PassageIndex| index.document(doc.id()).unwrap().generation;
        let grown = |index: &PassageIndex| {
            let g = index.document(doc.id()).unwrap().grown.clone();
            g.map(|g| (g.from, g.stripes))
        };
        let code_at = |project: &Project, id: &str| project.codebook.code_index(&CodeId(id.into()));
        let when = Utc::now();

        let g0 = generation(&index);
        let mut p = Passage::new(&doc, 100, 140, "T", when);
        p.codes.push(CodeId("cause".into()));
        let id = p.id.clone();
        apply(&mut project, &mut index, Edit::AddPassage(p));
        let cause = code_at(&project, "cause");
        assert_eq!(grown(&index), Some((g0, vec![(100, 140, cause)])));

        let g1 = generation(&index);
        let codes = vec![CodeId("cause".into()), CodeId("regional".into())];
        let gain = Edit::SetCodes {
            passage: id.clone(),
            codes,
            modified: when,
        };
        apply(&mut project, &mut index, gain);
        let regional = code_at(&project, "regional");
        assert_eq!(grown(&index), Some((g1, vec![(100, 140, regional)])));

        let lose = Edit::SetCodes {
            passage: id.clone(),
            codes: vec![CodeId("regional".into())],
            modified: when,
        };
        apply(&mut project, &mut index, lose);
        assert_eq!(grown(&index), None, "a code taken off shrinks the coverage");
        apply(&mut project, &mut index, Edit::RemovePassage(id));
        assert_eq!(grown(&index), None);
    }

    #[test]
    fn an_unknown_code_is_flagged_and_a_removed_linked_passage_rebuilds() {
        let mut project = assets::example_project();
        let mut index = PassageIndex::build(&project);
        let doc = project.documents[0].clone();
        let mut p = Passage::new(&doc, 3, 9, "T", Utc::now());
        p.codes.push(CodeId("no-such-code".into()));
        apply(&mut project, &mut index, Edit::AddPassage(p));
        let i = project.passages.len() - 1;
        assert_eq!(index.problems(i).len(), 1, "{:?}", index.problems(i));

        let linked = project.links[0].from.clone();
        let edit = Edit::RemovePassage(linked);
        assert!(matches!(IndexChange::of(&edit, &project), IndexChange::All));
        apply(&mut project, &mut index, edit);
    }

    #[test]
    fn a_new_stripe_takes_the_lowest_free_lane_and_others_stay() {
        let mut project = assets::example_project();
        project.passages.clear();
        project.links.clear();
        let doc = project.documents[0].clone();
        let mut index = PassageIndex::build(&project);
        let lanes_now = |index: &PassageIndex, project: &Project| -> Vec<(usize, usize)> {
            let d = index.document(project.documents[0].id()).expect("indexed");
            d.stripes.iter().map(|(s, _, st)| (s, st.lane)).collect()
        };
        let b = |k: usize| doc.blocks()[k];
        let (two, three, four) = (b(2), b(3), b(4));
        let spans = [
            (two.start, two.start + 20),
            (two.start + 10, three.start + 5),
            (four.start, four.start + 5),
        ];
        for (s, e) in spans {
            let p = Passage::new(&doc, s, e, "T", Utc::now());
            apply(&mut project, &mut index, Edit::AddPassage(p));
        }
        // Lane 0, lane 1 (overlapping), lane 0 again (a paragraph neither shares).
        let at = |k: usize, lane: usize| (spans[k].0, lane);
        assert_eq!(lanes_now(&index, &project), [at(0, 0), at(1, 1), at(2, 0)]);
        let first = project.passages[0].id.clone();
        apply(&mut project, &mut index, Edit::RemovePassage(first));
        assert_eq!(lanes_now(&index, &project), [at(1, 1), at(2, 0)]);
        let p = Passage::new(&doc, two.start + 30, two.start + 40, "T", Utc::now());
        apply(&mut project, &mut index, Edit::AddPassage(p));
        let added = (two.start + 30, 0);
        assert_eq!(lanes_now(&index, &project), [at(1, 1), added, at(2, 0)]);
        assert_eq!(index.document(doc.id()).expect("indexed").lanes, 2);
    }

    #[test]
    fn passages_sharing_a_paragraph_never_share_a_lane() {
        let mut project = assets::example_project();
        project.passages.clear();
        project.links.clear();
        let doc = project.documents[0].clone();
        let (two, four) = (doc.blocks()[2], doc.blocks()[4]);
        let spans = [
            // Apart, and touching: they may stand beside one line.
            (two.start, two.start + 5),
            (two.start + 10, two.start + 15),
            (two.start + 15, two.start + 25),
            // Another paragraph: lane 0 again.
            (four.start, four.start + 5),
        ];
        let mut index = PassageIndex::build(&project);
        for &(s, e) in &spans {
            let p = Passage::new(&doc, s, e, "T", Utc::now());
            apply(&mut project, &mut index, Edit::AddPassage(p));
        }
        let lanes = |index: &PassageIndex| -> Vec<(usize, usize)> {
            let d = index.document(doc.id()).expect("indexed");
            d.stripes.iter().map(|(s, _, st)| (s, st.lane)).collect()
        };
        let want: Vec<(usize, usize)> = spans.iter().map(|s| s.0).zip([0, 1, 2, 0]).collect();
        assert_eq!(lanes(&index), want, "added one by one");
        assert_eq!(lanes(&PassageIndex::build(&project)), want, "built at once");
    }
}
