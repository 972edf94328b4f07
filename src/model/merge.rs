//! Merging one project (or codebook) into another: imports of several files
//! into one project, `.qdc` codebooks into the open one.
//!
//! Codes and dimensions are matched by name (as QualCoder and the REFI-QDA
//! tools do), documents by their text; passages keep their ids unless one is
//! taken by a different passage. Relation types merge by name, like codes;
//! links follow their passages (re-pointed when a passage got a new id) and
//! are added once.

use std::collections::HashMap;

use super::codebook::{Code, CodeId, Codebook, DimensionId};
use super::document::{Document, DocumentId, DocumentRepr};
use super::link::{Link, LinkId, Relation, RelationId};
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
    /// Passages already present (same id, same content).
    pub passages_already_present: usize,
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
        let id = code.id.clone();
        self.dimensions[dim].codes.push(code);
        id
    }
}

impl Project {
    /// Merges another project into this one: codebook by name, documents by
    /// text, passages by id (codes and documents remapped), relation types
    /// by name, links with their passages.
    pub fn merge(&mut self, other: Project, policy: ConflictPolicy) -> MergeReport {
        let mut report = MergeReport::default();
        let codes = self.codebook.merge(other.codebook, policy, &mut report);
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
            let ours = self.merge_passage(p, &codes, &docs, &mut report);
            passages.insert(theirs, ours);
        }
        let relations = self.merge_relations(other.relations, &mut report);
        for link in other.links {
            self.merge_link(link, &passages, &relations, &mut report);
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

    /// Adds a passage (codes and document remapped) and returns the id it
    /// has here: its own, or a new one when a different passage has it.
    fn merge_passage(
        &mut self,
        mut p: Passage,
        codes: &HashMap<CodeId, CodeId>,
        docs: &HashMap<DocumentId, DocumentId>,
        report: &mut MergeReport,
    ) -> PassageId {
        if let Some(doc) = docs.get(&p.document) {
            p.document = doc.clone();
        }
        for code in &mut p.codes {
            if let Some(ours) = codes.get(code) {
                *code = ours.clone();
            }
        }
        match self.passage(&p.id) {
            Some(same) if *same == p => {
                report.passages_already_present += 1;
                return p.id;
            }
            Some(_) => p.id = PassageId::random(),
            None => {}
        }
        self.note_coder(&p.coder);
        report.passages_added += 1;
        let id = p.id.clone();
        self.passages.push(p);
        id
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
