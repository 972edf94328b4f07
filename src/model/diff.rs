//! The edit between two projects ([`Edit::between`]): what an import, a
//! revision or a restored copy changed, by id, so that undo keeps the
//! difference and not two whole projects. Also the bulk edits it is made
//! of, which keep every list's order exactly both ways.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use super::document::{Document, DocumentId};
use super::edit::{Edit, EditError};
use super::link::{Link, LinkId, Relation, RelationId};
use super::orphan::Orphan;
use super::passage::{Passage, PassageId};
use super::project::Project;

/// Ids are ours, not an attacker's: the fast hasher (as `Project::check`).
type FastHash = foldhash::fast::RandomState;
type Set<'a, K> = HashSet<&'a K, FastHash>;

/// How one list changed, by id: what to take out, what changed in place,
/// what to put in (at its position in the new list, ascending).
struct ListDiff<'a, T> {
    removed: Vec<&'a T>,
    changed: Vec<&'a T>,
    added: Vec<(usize, &'a T)>,
}

/// Compares two lists by `key`. An item stays in place when it is in both,
/// in the same order as those kept before it, and `keepable(old, new)`;
/// every other old item is removed and every other new item added. `None`
/// when a list repeats a key (only a whole replacement is then exact).
fn diff_list<'a, T: PartialEq, K: Hash + Eq>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> &K,
    keepable: impl Fn(&T, &T) -> bool,
) -> Option<ListDiff<'a, T>> {
    let positions: HashMap<&K, usize, FastHash> =
        old.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
    if positions.len() != old.len() {
        return None;
    }
    let mut kept: Set<K> = HashSet::with_capacity_and_hasher(new.len(), FastHash::default());
    let mut diff = ListDiff {
        removed: Vec::new(),
        changed: Vec::new(),
        added: Vec::new(),
    };
    let mut last = None;
    for (i, item) in new.iter().enumerate() {
        let at = positions.get(key(item)).copied();
        let stays = at.filter(|&p| last.is_none_or(|l| p > l) && keepable(&old[p], item));
        match stays {
            Some(p) => {
                last = Some(p);
                kept.insert(key(item));
                if old[p] != *item {
                    diff.changed.push(item);
                }
            }
            None => diff.added.push((i, item)),
        }
    }
    let seen: Set<K> = new.iter().map(&key).collect();
    if seen.len() != new.len() {
        return None;
    }
    diff.removed = old.iter().filter(|t| !kept.contains(key(t))).collect();
    Some(diff)
}

impl Edit {
    /// The edit that turns `old` into `new`, by id: documents, relation
    /// types, passages, orphans and links removed, changed and added, the
    /// codebook, coders and assignment replaced when they differ. Applied
    /// to `old` it gives `new` exactly, and its inverse gives `old` back
    /// exactly; what both have in common is not copied. Where the lists
    /// cannot be matched by id (a repeated id, orphans out of their order,
    /// another format version) it is a whole [`Edit::ReplaceProject`].
    pub fn between(old: &Project, new: &Project) -> Edit {
        by_id(old, new).unwrap_or_else(|| Edit::ReplaceProject(Box::new(new.clone())))
    }
}

/// [`Edit::between`] by id, `None` where that cannot be exact.
fn by_id(old: &Project, new: &Project) -> Option<Edit> {
    let sorted = |p: &Project| (p.orphans.windows(2)).all(|w| w[0].order_key() < w[1].order_key());
    if old.version != new.version || !sorted(old) || !sorted(new) {
        return None;
    }
    let lists = Lists::of(old, new)?;
    let mut edits = Vec::new();
    // Taken out first, dependants before what they depend on, so no
    // removal takes anything else with it; then changed and put in, what
    // is depended on first.
    lists.push_removals(&mut edits);
    push_documents(&mut edits, old, &lists.documents);
    push_relations(&mut edits, &lists.relations);
    if old.codebook != new.codebook {
        edits.push(Edit::SetCodebook(Box::new(new.codebook.clone())));
    }
    lists.push_additions(&mut edits);
    if old.coders != new.coders {
        edits.push(Edit::SetCoders(new.coders.clone()));
    }
    if old.assignment != new.assignment {
        // Last: a lock it brings must not refuse the codebook above.
        edits.push(Edit::SetAssignment(new.assignment.clone()));
    }
    Some(Edit::Batch(edits))
}

/// How each list changed. Found all before any edit is built, since they
/// depend on each other: a removed document removes its passages, a
/// removed passage or relation type its links, so those are removed (and
/// put back, if they stay) explicitly.
struct Lists<'a> {
    documents: ListDiff<'a, Document>,
    relations: ListDiff<'a, Relation>,
    passages: ListDiff<'a, Passage>,
    orphans: ListDiff<'a, Orphan>,
    links: ListDiff<'a, Link>,
}

impl<'a> Lists<'a> {
    fn of(old: &'a Project, new: &'a Project) -> Option<Self> {
        let documents = diff_list(&old.documents, &new.documents, Document::id, |_, _| true)?;
        let gone_docs: Set<DocumentId> = documents.removed.iter().map(|d| d.id()).collect();
        let relations = diff_list(&old.relations, &new.relations, |r| &r.id, |_, _| true)?;
        let stays = |d: &DocumentId| !gone_docs.contains(d);
        let passages = diff_list(
            &old.passages,
            &new.passages,
            |p| &p.id,
            |o, _| stays(&o.document),
        )?;
        // Orphans have no edit that changes them: a changed one is replaced.
        let orphans = diff_list(
            &old.orphans,
            &new.orphans,
            |o| &o.id,
            |o, n| o == n && stays(&o.document),
        )?;
        let links = links_diff(old, new, &relations, &passages, &orphans)?;
        Some(Self {
            documents,
            relations,
            passages,
            orphans,
            links,
        })
    }

    fn push_removals(&self, edits: &mut Vec<Edit>) {
        if !self.links.removed.is_empty() {
            edits.push(Edit::RemoveLinks(ids(&self.links.removed, |l| &l.id)));
        }
        let orphans = self.orphans.removed.iter();
        edits.extend(orphans.map(|o| Edit::RemovePassage(o.id.clone())));
        if !self.passages.removed.is_empty() {
            edits.push(Edit::RemovePassages(ids(&self.passages.removed, |p| &p.id)));
        }
        let documents = self.documents.removed.iter();
        edits.extend(documents.map(|d| Edit::RemoveDocument(d.id().clone())));
        let relations = self.relations.removed.iter();
        edits.extend(relations.map(|r| Edit::RemoveRelation(r.id.clone())));
    }

    fn push_additions(&self, edits: &mut Vec<Edit>) {
        let (passages, links) = (&self.passages, &self.links);
        edits
            .extend((passages.changed.iter()).map(|p| Edit::UpdatePassage(Box::new((*p).clone()))));
        if !passages.added.is_empty() {
            edits.push(Edit::InsertPassages(owned(&passages.added)));
        }
        // Each orphan goes to its place in order (`orphan::insert`).
        let orphans = self.orphans.added.iter();
        edits.extend(orphans.map(|(_, o)| Edit::AddOrphan(Box::new((*o).clone()))));
        edits.extend(links.changed.iter().map(|l| Edit::UpdateLink((*l).clone())));
        if !links.added.is_empty() {
            edits.push(Edit::InsertLinks(owned(&links.added)));
        }
    }
}

/// The links' differences: a link stays only with the same ends, both
/// staying, and a relation type that stays.
fn links_diff<'a>(
    old: &'a Project,
    new: &'a Project,
    relations: &ListDiff<Relation>,
    passages: &ListDiff<Passage>,
    orphans: &ListDiff<Orphan>,
) -> Option<ListDiff<'a, Link>> {
    let gone_relations: Set<RelationId> = relations.removed.iter().map(|r| &r.id).collect();
    let gone_passages: Set<PassageId> = (passages.removed.iter().map(|p| &p.id))
        .chain(orphans.removed.iter().map(|o| &o.id))
        .collect();
    let stays = |o: &Link, n: &Link| {
        (&o.from, &o.to) == (&n.from, &n.to)
            && !gone_passages.contains(&o.from)
            && !gone_passages.contains(&o.to)
            && !gone_relations.contains(&o.relation)
    };
    diff_list(&old.links, &new.links, |l| &l.id, stays)
}

fn push_relations(edits: &mut Vec<Edit>, relations: &ListDiff<Relation>) {
    edits.extend((relations.changed.iter()).map(|r| Edit::UpdateRelation((*r).clone())));
    edits.extend(relations.added.iter().map(|(index, r)| Edit::AddRelation {
        index: *index,
        relation: (*r).clone(),
    }));
}

fn push_documents(edits: &mut Vec<Edit>, old: &Project, documents: &ListDiff<Document>) {
    for d in &documents.changed {
        let same_text = old.document(d.id()).is_some_and(|o| {
            o.text() == d.text() && o.blocks() == d.blocks() && o.spans() == d.spans()
        });
        edits.push(if same_text {
            Edit::DescribeDocument {
                id: d.id().clone(),
                title: d.title().to_owned(),
                info: d.info().clone(),
            }
        } else {
            Edit::UpdateDocument(Box::new((*d).clone()))
        });
    }
    edits.extend(documents.added.iter().map(|(index, d)| Edit::AddDocument {
        index: *index,
        document: Box::new((*d).clone()),
    }));
}

fn ids<T, K: Clone>(items: &[&T], key: impl Fn(&T) -> &K) -> Vec<K> {
    items.iter().map(|t| key(t).clone()).collect()
}

fn owned<T: Clone>(items: &[(usize, &T)]) -> Vec<(usize, T)> {
    items.iter().map(|(i, t)| (*i, (*t).clone())).collect()
}

/// Takes the items whose key is in `gone` out of `list`; returns them with
/// the positions they had, ascending (what puts them back).
fn take_out<T, K: Hash + Eq>(
    list: Vec<T>,
    gone: &Set<K>,
    key: impl Fn(&T) -> &K,
) -> (Vec<T>, Vec<(usize, T)>) {
    let mut kept = Vec::with_capacity(list.len().saturating_sub(gone.len()));
    let mut taken = Vec::with_capacity(gone.len());
    for (i, item) in list.into_iter().enumerate() {
        if gone.contains(key(&item)) {
            taken.push((i, item));
        } else {
            kept.push(item);
        }
    }
    (kept, taken)
}

/// Whether `items`' positions ascend and each falls within the list of
/// `len` items as it grows.
fn fits<T>(len: usize, items: &[(usize, T)]) -> bool {
    let total = len + items.len();
    items.windows(2).all(|w| w[0].0 < w[1].0) && items.iter().all(|(i, _)| *i < total)
}

/// Puts `items` (positions ascending, each counted with the earlier ones
/// in; see [`fits`]) into `list` in one pass.
fn put_in<T>(list: Vec<T>, items: Vec<(usize, T)>) -> Vec<T> {
    let mut out = Vec::with_capacity(list.len() + items.len());
    let mut rest = list.into_iter();
    for (at, item) in items {
        out.extend(rest.by_ref().take(at - out.len()));
        out.push(item);
    }
    out.extend(rest);
    out
}

fn bad_position<T>(items: &[(usize, T)]) -> EditError {
    EditError::BadPosition(items.last().map_or(0, |(i, _)| *i))
}

pub(super) fn remove_passages(project: &mut Project, ids: &[PassageId]) -> Result<Edit, EditError> {
    if let Some(missing) = ids.iter().find(|id| !project.passages.contains_id(id)) {
        return Err(EditError::NoPassage(missing.0.clone()));
    }
    let gone: Set<PassageId> = ids.iter().collect();
    if let Some(l) = (project.links.iter()).find(|l| gone.contains(&l.from) || gone.contains(&l.to))
    {
        return Err(EditError::StillLinked(l.from.0.clone()));
    }
    let list = std::mem::take(&mut project.passages).into_iter().collect();
    let (kept, taken) = take_out(list, &gone, |p: &Passage| &p.id);
    project.passages = kept.into();
    Ok(Edit::InsertPassages(taken))
}

pub(super) fn insert_passages(
    project: &mut Project,
    items: Vec<(usize, Passage)>,
) -> Result<Edit, EditError> {
    let mut new: Set<PassageId> =
        HashSet::with_capacity_and_hasher(items.len(), FastHash::default());
    for (_, p) in &items {
        if project.has_passage(&p.id) || !new.insert(&p.id) {
            return Err(EditError::DuplicatePassage(p.id.0.clone()));
        }
    }
    if !fits(project.passages.len(), &items) {
        return Err(bad_position(&items));
    }
    let ids: Vec<PassageId> = items.iter().map(|(_, p)| p.id.clone()).collect();
    let list = std::mem::take(&mut project.passages).into_iter().collect();
    project.passages = put_in(list, items).into();
    Ok(Edit::RemovePassages(ids))
}

/// The ids of the project's links, for look-ups in bulk.
fn link_ids(project: &Project) -> Set<'_, LinkId> {
    project.links.iter().map(|l| &l.id).collect()
}

pub(super) fn remove_links(project: &mut Project, ids: &[LinkId]) -> Result<Edit, EditError> {
    let present = link_ids(project);
    if let Some(missing) = ids.iter().find(|id| !present.contains(id)) {
        return Err(EditError::NoLink(missing.0.clone()));
    }
    let gone: Set<LinkId> = ids.iter().collect();
    let (kept, taken) = take_out(std::mem::take(&mut project.links), &gone, |l| &l.id);
    project.links = kept;
    Ok(Edit::InsertLinks(taken))
}

pub(super) fn insert_links(
    project: &mut Project,
    items: Vec<(usize, Link)>,
) -> Result<Edit, EditError> {
    let present = link_ids(project);
    if let Some((_, l)) = items.iter().find(|(_, l)| present.contains(&l.id)) {
        return Err(EditError::DuplicateLink(l.id.0.clone()));
    }
    if !fits(project.links.len(), &items) {
        return Err(bad_position(&items));
    }
    let ids: Vec<LinkId> = items.iter().map(|(_, l)| l.id.clone()).collect();
    project.links = put_in(std::mem::take(&mut project.links), items);
    Ok(Edit::RemoveLinks(ids))
}

pub(super) fn update_document(
    project: &mut Project,
    document: Document,
) -> Result<Edit, EditError> {
    let slot = (project
        .documents
        .iter_mut()
        .find(|d| d.id() == document.id()))
    .ok_or_else(|| EditError::NoDocument(document.id().0.clone()))?;
    Ok(Edit::UpdateDocument(Box::new(std::mem::replace(
        slot, document,
    ))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench_corpus::{self, Lcg as Rng};
    use crate::model::MergeReport;

    /// `Edit::between(old, new)` gives `new` from `old`, and its inverse
    /// `old` again, exactly; returns the edit.
    fn exact(old: &Project, new: &Project) -> Edit {
        let edit = Edit::between(old, new);
        let mut p = old.clone();
        let inverse = edit.clone().apply(&mut p).expect("applies");
        assert_eq!(p, *new, "forward");
        assert_eq!(
            crate::io::ron_text::to_ron(&p),
            crate::io::ron_text::to_ron(new)
        );
        inverse.apply(&mut p).expect("undoes");
        assert_eq!(p, *old, "back");
        edit
    }

    fn is_compact(edit: &Edit) -> bool {
        !matches!(edit, Edit::ReplaceProject(_))
    }

    #[test]
    fn passages_put_back_go_to_their_places_or_nowhere() {
        let mut p = crate::assets::example_project();
        let before = p.clone();
        let ids: Vec<PassageId> = [1, 3].iter().map(|&i| p.passages[i].id.clone()).collect();
        p.links.clear();
        let unlinked = p.clone();
        let back = Edit::RemovePassages(ids).apply(&mut p).unwrap();
        assert_eq!(p.passages.len(), before.passages.len() - 2);
        let Edit::InsertPassages(items) = &back else {
            panic!("{back:?}")
        };
        assert_eq!(items.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [1, 3]);
        let far = vec![(p.passages.len() + 1, before.passages[1].clone())];
        let refused = Edit::InsertPassages(far).apply(&mut p.clone());
        assert_eq!(refused, Err(EditError::BadPosition(p.passages.len() + 1)));
        back.apply(&mut p).unwrap();
        assert_eq!(p, unlinked);
    }

    #[test]
    fn no_change_is_an_empty_batch() {
        let p = crate::assets::example_project();
        assert_eq!(exact(&p, &p), Edit::Batch(Vec::new()));
    }

    #[test]
    fn an_added_document_costs_about_its_own_weight_not_two_projects() {
        // A coded 1 MB document, then another 1 MB document imported.
        let old = bench_corpus::one_megabyte_project();
        let mut new = old.clone();
        let document = bench_corpus::one_paragraph_document(1 << 20);
        let added = Edit::AddDocument {
            index: 0,
            document: Box::new(document.clone()),
        }
        .approx_bytes();
        new.add_document(document, &mut MergeReport::default());
        let edit = exact(&old, &new);
        let inverse = edit.clone().apply(&mut old.clone()).unwrap();
        let step = edit.approx_bytes() + inverse.approx_bytes();
        assert!(added > 1 << 20, "{added}");
        assert!(step * 10 < added * 12, "{step} for {added}");
        let whole = super::super::edit_size::project(&old) + super::super::edit_size::project(&new);
        assert!(step * 4 < whole, "{step} against {whole}");
    }

    #[test]
    fn a_merged_project_and_a_revision_are_exact_both_ways() {
        let old = crate::assets::default_project();
        let mut new = old.clone();
        new.merge(
            crate::assets::example_project(),
            crate::model::ConflictPolicy::KeepOurs,
        );
        assert!(is_compact(&exact(&old, &new)));
        let id = new.documents[0].id().clone();
        let text = new.documents[0].text().replacen("the", "a", 3);
        let repr = crate::model::document::DocumentRepr {
            id: id.clone(),
            title: "Revised".into(),
            info: Default::default(),
            blocks: vec![crate::model::Block {
                kind: crate::model::BlockKind::Paragraph,
                start: 0,
                end: text.chars().count(),
            }],
            text,
            spans: Vec::new(),
        };
        let document = Document::new(repr).unwrap();
        let mut after = new.clone();
        after.revise_document(&id, document).unwrap();
        assert!(is_compact(&exact(&new, &after)));
    }

    /// Random changes of every kind to the example project.
    fn mutate(p: &mut Project, rng: &mut Rng) {
        for _ in 0..1 + rng.below(6) {
            match rng.below(9) {
                0 if !p.passages.is_empty() => {
                    let i = rng.below(p.passages.len());
                    let id = p.passages[i].id.clone();
                    let _ = Edit::RemovePassage(id).apply(p);
                }
                1 if p.passages.len() > 1 => {
                    let (i, j) = (rng.below(p.passages.len()), rng.below(p.passages.len()));
                    p.passages.swap(i, j);
                }
                2 if !p.passages.is_empty() => {
                    let i = rng.below(p.passages.len());
                    p.passages[i].memo.push_str("changed");
                }
                3 if !p.passages.is_empty() => {
                    let i = rng.below(p.passages.len());
                    let o = p.passages[i].clone().orphaned();
                    let _ = Edit::OrphanPassage(Box::new(o)).apply(p);
                }
                4 if p.links.len() > 1 => p.links.reverse(),
                5 if !p.links.is_empty() => {
                    let i = rng.below(p.links.len());
                    p.links[i].memo.push('!');
                }
                6 => p.coders.push(format!("coder {}", rng.below(100))),
                7 if !p.codebook.dimensions.is_empty() => p.codebook.dimensions[0].name.push('*'),
                8 if p.documents.len() > 1 => p.documents.swap(0, 1),
                _ => {
                    let mut q = bench_corpus::one_megabyte_project();
                    q.passages.truncate(5);
                    p.merge(q, crate::model::ConflictPolicy::KeepOurs);
                }
            }
        }
    }

    #[test]
    fn random_changes_are_exact_both_ways() {
        let mut rng = Rng::new(13);
        for _ in 0..40 {
            let old = crate::assets::example_project();
            let mut new = old.clone();
            mutate(&mut new, &mut rng);
            assert!(is_compact(&exact(&old, &new)));
        }
    }
}
