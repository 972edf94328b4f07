//! Merging one project (or codebook) into another: imports of several files
//! into one project, `.qdc` codebooks into the open one.
//!
//! Codes and dimensions are matched by name (as QualCoder and the REFI-QDA
//! tools do), documents by their text; passages keep their ids unless one is
//! taken by a different passage. Relation types merge by name, like codes;
//! links follow their passages (re-pointed when a passage got a new id) and
//! are added once.
//!
//! A locked codebook (a student's assignment) is respected here, the one
//! place every import, drop and merge goes through
//! ([`Project::merge_codebook`]): it takes no new code and no changed
//! definition. Incoming codes match its codes by name; codes it lacks are
//! left off the incoming passages, and a passage left with none of its codes
//! is left out. Documents still come in. The report says what was refused.

use std::collections::HashMap;

use super::codebook::{Code, CodeId, Codebook, DimensionId};
use super::document::{Document, DocumentId, DocumentRepr};
use super::link::{Link, LinkId, Relation, RelationId};
use super::orphan::Orphan;
use super::passage::{Passage, PassageId};
use super::project::Project;

/// A code present on both sides under one name, with different content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeConflict {
    pub name: String,
    pub ours: Code,
    pub theirs: Code,
}

/// What to do with a code both sides define differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ConflictPolicy {
    /// Keep the definition, colour and rules already in the project.
    #[default]
    KeepOurs,
    /// Take the incoming definition, colour and rules (the id stays ours).
    TakeTheirs,
}

/// What a merge did, for the status line and the CLI.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub documents_added: usize,
    pub documents_matched: usize,
    pub codes_added: usize,
    pub codes_matched: usize,
    pub conflicts: Vec<CodeConflict>,
    pub passages_added: usize,
    /// Passages that need re-placing (orphans), brought in as they are.
    pub orphans_added: usize,
    /// Passages already present (same id, same content).
    pub passages_already_present: usize,
    /// Names of incoming codes a locked codebook did not take.
    pub locked_out_codes: Vec<String>,
    /// Incoming passages left out: none of their codes is in the locked
    /// codebook.
    pub passages_locked_out: usize,
    pub relations_added: usize,
    pub links_added: usize,
    /// Links already present (same ends, relation and memo).
    pub links_already_present: usize,
}

impl std::fmt::Display for MergeReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} document(s) added, {} matched; {} code(s) added, {} matched ({} conflict(s)); {} passage(s) added",
            self.documents_added,
            self.documents_matched,
            self.codes_added,
            self.codes_matched,
            self.conflicts.len(),
            self.passages_added
        )?;
        if self.passages_already_present > 0 {
            write!(f, ", {} already present", self.passages_already_present)?;
        }
        if self.orphans_added > 0 {
            write!(f, ", {} needing re-placing", self.orphans_added)?;
        }
        if !self.locked_out_codes.is_empty() {
            write!(
                f,
                "; the codebook is locked, so {} code(s) were not added ({})",
                self.locked_out_codes.len(),
                self.locked_out_codes.join(", ")
            )?;
            if self.passages_locked_out > 0 {
                write!(
                    f,
                    " and {} passage(s) coded only with them were left out",
                    self.passages_locked_out
                )?;
            }
        }
        // Only when links were involved, so that link-less imports read as before.
        if self.links_added + self.links_already_present > 0 {
            write!(f, "; {} link(s) added", self.links_added)?;
            if self.links_already_present > 0 {
                write!(f, ", {} already present", self.links_already_present)?;
            }
        }
        Ok(())
    }
}

impl Codebook {
    /// Merges `other` into this codebook by dimension and code name.
    /// Returns how `other`'s code ids map to ids in this codebook.
    pub fn merge(
        &mut self,
        other: Codebook,
        policy: ConflictPolicy,
        report: &mut MergeReport,
    ) -> HashMap<CodeId, CodeId> {
        let mut map = HashMap::new();
        for dim in other.dimensions {
            let di = self.dimension_slot(&dim.name, &dim.id, &dim.description, dim.exclusive);
            for code in dim.codes {
                let theirs = code.id.clone();
                let ours = self.merge_code(di, code, policy, report);
                map.insert(theirs, ours);
            }
        }
        map
    }

    /// Index of the dimension named `name`, added (with a fresh id) if absent.
    fn dimension_slot(
        &mut self,
        name: &str,
        id: &DimensionId,
        description: &str,
        exclusive: bool,
    ) -> usize {
        if let Some(i) = self.dimensions.iter().position(|d| d.name == name) {
            return i;
        }
        let id = if self.has_id(&id.0) {
            self.fresh_id(name)
        } else {
            id.0.clone()
        };
        self.dimensions.push(super::codebook::Dimension {
            id: DimensionId(id),
            name: name.to_owned(),
            description: description.to_owned(),
            exclusive,
            codes: Vec::new(),
        });
        self.dimensions.len() - 1
    }

    fn merge_code(
        &mut self,
        dim: usize,
        mut code: Code,
        policy: ConflictPolicy,
        report: &mut MergeReport,
    ) -> CodeId {
        let existing = self
            .dimensions
            .iter_mut()
            .flat_map(|d| d.codes.iter_mut())
            .find(|c| c.name == code.name);
        if let Some(ours) = existing {
            report.codes_matched += 1;
            code.id = ours.id.clone();
            // Keys are this codebook's own: an import neither moves nor
            // conflicts over them.
            code.key = ours.key;
            if *ours != code {
                report.conflicts.push(CodeConflict {
                    name: code.name.clone(),
                    ours: ours.clone(),
                    theirs: code.clone(),
                });
                if policy == ConflictPolicy::TakeTheirs {
                    *ours = code;
                }
            }
            return ours.id.clone();
        }
        report.codes_added += 1;
        if self.has_id(&code.id.0) {
            code.id = CodeId(self.fresh_id(&code.name));
        }
        // A new code keeps its key if it is free here, else takes the
        // lowest free one.
        if code.key().is_some_and(|k| self.code_for_key(k).is_some()) {
            code.key = Code::UNASSIGNED;
        }
        let id = code.id.clone();
        self.dimensions[dim].codes.push(code);
        self.assign_keys();
        id
    }
}

/// How incoming code ids map to this project's: the ids a locked codebook
/// did not take are `locked_out`.
#[derive(Debug, Default)]
pub struct CodeMap {
    to: HashMap<CodeId, CodeId>,
    locked_out: std::collections::HashSet<CodeId>,
}

impl CodeMap {
    /// The passage's codes as ids here, without those a locked codebook
    /// refused; `None` if it had codes and none is left. Ids the incoming
    /// codebook did not define stay as they are, for validation to refuse.
    fn codes(&self, codes: Vec<CodeId>) -> Option<Vec<CodeId>> {
        let had = !codes.is_empty();
        let kept: Vec<CodeId> = (codes.into_iter())
            .filter(|c| !self.locked_out.contains(c))
            .map(|c| self.to.get(&c).cloned().unwrap_or(c))
            .collect();
        (!had || !kept.is_empty()).then_some(kept)
    }
}

impl Project {
    /// Merges `other` into this project's codebook, by code name: the one
    /// place a codebook grows by import. A locked codebook takes nothing:
    /// codes of the same name map onto its codes, the others are reported
    /// in `report.locked_out_codes`.
    pub fn merge_codebook(
        &mut self,
        other: Codebook,
        policy: ConflictPolicy,
        report: &mut MergeReport,
    ) -> CodeMap {
        if !self.codebook_locked() {
            let to = self.codebook.merge(other, policy, report);
            return CodeMap {
                to,
                ..CodeMap::default()
            };
        }
        let mut map = CodeMap::default();
        for (_, code) in other.codes() {
            match self.codebook.codes().find(|(_, c)| c.name == code.name) {
                Some((_, ours)) => {
                    report.codes_matched += 1;
                    map.to.insert(code.id.clone(), ours.id.clone());
                }
                None => {
                    report.locked_out_codes.push(code.name.clone());
                    map.locked_out.insert(code.id.clone());
                }
            }
        }
        map
    }

    /// Whether nothing is here yet: an import's starting point, which takes
    /// the first project's assignment along with its codebook.
    fn is_blank(&self) -> bool {
        self.documents.is_empty()
            && self.passages.is_empty()
            && self.orphans.is_empty()
            && self.codebook.dimensions.is_empty()
            && self.assignment.is_none()
    }

    /// Merges another project into this one: codebook by name, documents by
    /// text, passages by id (codes and documents remapped), relation types
    /// by name, links with their passages. Into a blank project the first
    /// project's assignment comes along, so its lock holds for what is
    /// merged after it.
    pub fn merge(&mut self, other: Project, policy: ConflictPolicy) -> MergeReport {
        let mut report = MergeReport::default();
        let blank = self.is_blank();
        let codes = self.merge_codebook(other.codebook, policy, &mut report);
        let mut docs = HashMap::new();
        for doc in other.documents {
            let theirs = doc.id().clone();
            let ours = self.add_document(doc, &mut report);
            docs.insert(theirs, ours);
        }
        for coder in &other.coders {
            self.note_coder(coder);
        }
        let mut passages = HashMap::new();
        for p in other.passages {
            let theirs = p.id.clone();
            if let Some(ours) = self.merge_one(p, &codes, &docs, &mut report) {
                passages.insert(theirs, ours);
            }
        }
        for o in other.orphans {
            let theirs = o.id.clone();
            if let Some(ours) = self.merge_one(o, &codes, &docs, &mut report) {
                passages.insert(theirs, ours);
            }
        }
        let relations = self.merge_relations(other.relations, &mut report);
        for link in other.links {
            self.merge_link(link, &passages, &relations, &mut report);
        }
        if blank {
            self.assignment = other.assignment;
        }
        report
    }

    /// Adds the relation types not here by name; returns how `theirs`' ids
    /// map to ids in this project. A type present on both sides keeps our
    /// id and description.
    fn merge_relations(
        &mut self,
        theirs: Vec<Relation>,
        report: &mut MergeReport,
    ) -> HashMap<RelationId, RelationId> {
        let mut map = HashMap::new();
        for mut relation in theirs {
            let theirs = relation.id.clone();
            if let Some(ours) = self.relations.iter().find(|r| r.name == relation.name) {
                map.insert(theirs, ours.id.clone());
                continue;
            }
            if self.relation(&relation.id).is_some() {
                let base = Codebook::default().fresh_id(&relation.name);
                relation.id = RelationId(fresh(&base, |id| {
                    self.relation(&RelationId(id.to_owned())).is_some()
                }));
            }
            report.relations_added += 1;
            map.insert(theirs, relation.id.clone());
            self.relations.push(relation);
        }
        map
    }

    /// Adds a link re-pointed at the passages its ends became here, unless
    /// an equal one (same ends, relation and memo; coder and time aside) is
    /// here already. A link whose ends were not among the merged passages
    /// cannot be re-pointed and is dropped.
    fn merge_link(
        &mut self,
        mut link: Link,
        passages: &HashMap<PassageId, PassageId>,
        relations: &HashMap<RelationId, RelationId>,
        report: &mut MergeReport,
    ) {
        let (Some(from), Some(to)) = (passages.get(&link.from), passages.get(&link.to)) else {
            return;
        };
        (link.from, link.to) = (from.clone(), to.clone());
        if let Some(ours) = relations.get(&link.relation) {
            link.relation = ours.clone();
        }
        let same = |l: &Link| {
            (&l.from, &l.to, &l.relation, &l.memo)
                == (&link.from, &link.to, &link.relation, &link.memo)
        };
        if self.links.iter().any(same) {
            report.links_already_present += 1;
            return;
        }
        if self.link(&link.id).is_some() {
            link.id = LinkId::random();
        }
        report.links_added += 1;
        self.links.push(link);
    }

    /// Adds a document unless one with the same text is there; returns the
    /// id it has in this project.
    pub fn add_document(&mut self, doc: Document, report: &mut MergeReport) -> DocumentId {
        if let Some(same) = self.documents.iter().find(|d| d.text() == doc.text()) {
            report.documents_matched += 1;
            return same.id().clone();
        }
        report.documents_added += 1;
        let mut repr = DocumentRepr::from(doc);
        if self.document(&repr.id).is_some() {
            repr.id = self.fresh_document_id(&repr.id.0);
        }
        let id = repr.id.clone();
        // Ranges were valid in the document and are unchanged, so this holds.
        match Document::new(repr) {
            Ok(doc) => self.documents.push(doc),
            Err(e) => unreachable!("a valid document stays valid when renamed: {e}"),
        }
        id
    }

    fn fresh_document_id(&self, base: &str) -> DocumentId {
        let mut n = 2;
        loop {
            let id = DocumentId(format!("{base}-{n}"));
            if self.document(&id).is_none() {
                return id;
            }
            n += 1;
        }
    }

    /// Adds a passage or an orphan (codes and document remapped) and
    /// returns the id it has here: its own, or a new one when something else
    /// has it; `None` when a locked codebook left it without codes.
    fn merge_one<T: Incoming>(
        &mut self,
        mut item: T,
        codes: &CodeMap,
        docs: &HashMap<DocumentId, DocumentId>,
        report: &mut MergeReport,
    ) -> Option<PassageId> {
        let (_, document, item_codes) = item.parts();
        if let Some(doc) = docs.get(document) {
            *document = doc.clone();
        }
        let Some(kept) = codes.codes(std::mem::take(item_codes)) else {
            report.passages_locked_out += 1;
            return None;
        };
        *item_codes = kept;
        let mut id = item.parts().0.clone();
        match T::here(self, &id) {
            Some(same) if *same == item => {
                report.passages_already_present += 1;
                return Some(id);
            }
            _ if self.has_passage(&id) => {
                id = PassageId::random();
                item.parts().0.clone_from(&id);
            }
            _ => {}
        }
        item.add_to(self, report);
        Some(id)
    }
}

/// What merging does alike with placed passages and orphans.
trait Incoming: PartialEq + Sized {
    /// Id, document and codes, to be remapped.
    fn parts(&mut self) -> (&mut PassageId, &mut DocumentId, &mut Vec<CodeId>);
    /// The one of this kind with `id` in `project`.
    fn here<'p>(project: &'p Project, id: &PassageId) -> Option<&'p Self>;
    fn add_to(self, project: &mut Project, report: &mut MergeReport);
}

impl Incoming for Passage {
    fn parts(&mut self) -> (&mut PassageId, &mut DocumentId, &mut Vec<CodeId>) {
        (&mut self.id, &mut self.document, &mut self.codes)
    }

    fn here<'p>(project: &'p Project, id: &PassageId) -> Option<&'p Self> {
        project.passage(id)
    }

    fn add_to(self, project: &mut Project, report: &mut MergeReport) {
        project.note_coder(&self.coder);
        report.passages_added += 1;
        project.passages.push(self);
    }
}

impl Incoming for Orphan {
    fn parts(&mut self) -> (&mut PassageId, &mut DocumentId, &mut Vec<CodeId>) {
        (&mut self.id, &mut self.document, &mut self.codes)
    }

    fn here<'p>(project: &'p Project, id: &PassageId) -> Option<&'p Self> {
        project.orphan(id)
    }

    fn add_to(self, project: &mut Project, report: &mut MergeReport) {
        project.note_coder(&self.coder);
        report.orphans_added += 1;
        super::orphan::insert(&mut project.orphans, self);
    }
}

/// `base`, or `base-2`, `base-3`… : the first that is not `taken`.
fn fresh(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut id = base.to_owned();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rgb;

    fn code(id: &str, name: &str, definition: &str) -> Code {
        Code {
            memo: String::new(),
            id: CodeId(id.into()),
            name: name.into(),
            color: Rgb(1, 2, 3),
            definition: definition.into(),
            when_to_use: String::new(),
            when_not_to_use: String::new(),
            example: String::new(),
            key: None,
        }
    }

    fn book(dim: &str, codes: Vec<Code>) -> Codebook {
        Codebook {
            dimensions: vec![crate::model::Dimension {
                id: DimensionId(dim.to_lowercase()),
                name: dim.into(),
                description: String::new(),
                exclusive: true,
                codes,
            }],
        }
    }

    #[test]
    fn codes_merge_by_name_and_conflicts_are_reported() {
        let mut ours = book("Role", vec![code("pretext", "Pretext", "a trigger")]);
        let theirs = book(
            "Role",
            vec![
                code("p1", "Pretext", "a different text"),
                code("cause", "Cause", ""),
            ],
        );
        let mut report = MergeReport::default();
        let map = ours.merge(theirs.clone(), ConflictPolicy::KeepOurs, &mut report);
        assert_eq!(map[&CodeId("p1".into())], CodeId("pretext".into()));
        assert_eq!(map[&CodeId("cause".into())], CodeId("cause".into()));
        assert_eq!(
            (
                report.codes_added,
                report.codes_matched,
                report.conflicts.len()
            ),
            (1, 1, 1)
        );
        assert_eq!(ours.dimensions.len(), 1);
        assert_eq!(
            ours.code(&CodeId("pretext".into())).unwrap().definition,
            "a trigger"
        );

        let mut ours = book("Role", vec![code("pretext", "Pretext", "a trigger")]);
        ours.merge(
            theirs,
            ConflictPolicy::TakeTheirs,
            &mut MergeReport::default(),
        );
        let taken = ours.code(&CodeId("pretext".into())).unwrap();
        assert_eq!(
            (taken.id.0.as_str(), taken.definition.as_str()),
            ("pretext", "a different text")
        );
    }

    #[test]
    fn a_clashing_id_of_a_new_code_is_renamed() {
        let mut ours = book("Role", vec![code("x", "Pretext", "")]);
        let theirs = book("Other", vec![code("x", "Economy", "")]);
        let map = ours.merge(
            theirs,
            ConflictPolicy::KeepOurs,
            &mut MergeReport::default(),
        );
        assert_eq!(map[&CodeId("x".into())], CodeId("economy".into()));
        assert_eq!(ours.dimensions[1].codes[0].id, CodeId("economy".into()));
    }

    /// The example with one link, between its first two passages.
    fn linked_example() -> Project {
        let mut p = crate::assets::example_project();
        p.links.clear();
        let link = Link {
            id: LinkId("link-1".into()),
            from: p.passages[0].id.clone(),
            relation: RelationId("supports".into()),
            to: p.passages[1].id.clone(),
            memo: "why".into(),
            coder: "A".into(),
            created: chrono::DateTime::UNIX_EPOCH,
        };
        p.links.push(link);
        p
    }

    #[test]
    fn links_come_along_once_and_follow_renamed_passages() {
        let mut ours = linked_example();
        let report = ours.merge(linked_example(), ConflictPolicy::KeepOurs);
        assert_eq!((report.links_added, report.links_already_present), (0, 1));
        assert_eq!(ours, linked_example(), "merging a copy changes nothing");

        // Their first passage differs under the same id: it comes in with a
        // new id, and their link is re-pointed to it (and gets a new id,
        // since ours holds "link-1").
        let mut theirs = linked_example();
        theirs.passages[0].memo = "edited".into();
        let report = ours.merge(theirs.clone(), ConflictPolicy::KeepOurs);
        assert_eq!((report.passages_added, report.links_added), (1, 1));
        let added = ours.links.last().unwrap();
        let renamed = ours.passages.last().unwrap();
        assert_eq!(
            (renamed.memo.as_str(), &added.from),
            ("edited", &renamed.id)
        );
        assert_eq!(added.to, theirs.passages[1].id, "the kept passage");
        assert_ne!(added.id, LinkId("link-1".into()));
        assert!(ours.check().is_ok());
        assert!(
            report.to_string().ends_with("; 1 link(s) added"),
            "{report}"
        );
    }

    #[test]
    fn relations_merge_by_name_and_new_ones_keep_free_ids() {
        let mut ours = linked_example();
        let mut theirs = linked_example();
        // Same name under another id; a new name under an id ours has.
        theirs.relations[0].id = RelationId("backs".into());
        theirs.links[0].relation = RelationId("backs".into());
        theirs.links[0].memo = "other memo".into();
        theirs.relations[1].name = "refutes".into();
        let report = ours.merge(theirs, ConflictPolicy::KeepOurs);
        assert_eq!(report.relations_added, 1);
        let names: Vec<(&str, &str)> = (ours.relations.iter())
            .map(|r| (r.id.0.as_str(), r.name.as_str()))
            .collect();
        assert_eq!(names.len(), 5);
        assert_eq!(names[4], ("refutes", "refutes"));
        let added = ours.links.last().unwrap();
        assert_eq!(
            (added.relation.0.as_str(), added.memo.as_str()),
            ("supports", "other memo"),
            "their link keeps its memo and takes our relation of that name"
        );
        assert!(ours.check().is_ok());
    }

    #[test]
    fn projects_merge_documents_by_text_and_passages_by_id() {
        let mut a = crate::assets::example_project();
        let b = crate::assets::example_project();
        let report = a.merge(b.clone(), ConflictPolicy::KeepOurs);
        assert_eq!(report.documents_matched, 1);
        assert_eq!(report.passages_already_present, b.passages.len());
        assert_eq!(
            a,
            crate::assets::example_project(),
            "merging a copy changes nothing"
        );

        let mut empty = Project::new(Vec::new(), Codebook::default());
        let report = empty.merge(b.clone(), ConflictPolicy::KeepOurs);
        assert_eq!(
            (report.documents_added, report.passages_added),
            (1, b.passages.len())
        );
        assert!(empty.check().is_ok());
    }
}
