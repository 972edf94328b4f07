//! Edits: every change to a project, as a value that can be applied and that
//! returns its own inverse. The UI sends edits; [`super::History`] keeps them
//! for undo and redo.

use chrono::{DateTime, Utc};

use super::assignment::Assignment;
use super::codebook::{Code, CodeId, Codebook, Dimension, DimensionHeader, DimensionId};
use super::document::{Document, DocumentId, DocumentInfo};
use super::link::{Link, LinkId, Relation, RelationId};
use super::orphan::Orphan;
use super::passage::{Passage, PassageId};
use super::project::Project;

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    AddPassage(Passage),
    /// Removes a passage (placed or orphaned) and the links that touch it.
    RemovePassage(PassageId),
    /// Puts back an orphan (the inverse of removing one).
    AddOrphan(Box<Orphan>),
    /// Re-places an orphan: the orphan with this passage's id becomes this
    /// passage (its links stay).
    PlaceOrphan(Box<Passage>),
    /// The inverse of [`Edit::PlaceOrphan`]: the passage with this id goes
    /// back to being this orphan.
    OrphanPassage(Box<Orphan>),
    /// Replaces a passage (same id) wholesale: re-placing an orphan by hand
    /// changes its range, quote and context at once.
    UpdatePassage(Box<Passage>),
    /// Replaces a passage's codes and stamps its modification time.
    SetCodes {
        passage: PassageId,
        codes: Vec<crate::model::CodeId>,
        modified: DateTime<Utc>,
    },
    SetMemo {
        passage: PassageId,
        memo: String,
        modified: DateTime<Utc>,
    },
    AddDimension {
        index: usize,
        dimension: Dimension,
    },
    RemoveDimension(DimensionId),
    UpdateDimension {
        id: DimensionId,
        header: DimensionHeader,
    },
    AddCode {
        dimension: DimensionId,
        index: usize,
        code: Code,
    },
    /// Removes a code from the codebook and from every passage.
    RemoveCode(CodeId),
    /// Replaces a code's fields (its id stays).
    UpdateCode(Code),
    /// Adds a document to the corpus at `index`.
    AddDocument {
        index: usize,
        document: Box<Document>,
    },
    /// Removes a document with its passages and their links.
    RemoveDocument(DocumentId),
    /// Replaces a document's title and info (author, date, source, kind, memo).
    DescribeDocument {
        id: DocumentId,
        title: String,
        info: DocumentInfo,
    },
    AddLink(Link),
    RemoveLink(LinkId),
    /// Replaces a link's relation and memo (same id and ends).
    UpdateLink(Link),
    AddRelation {
        index: usize,
        relation: Relation,
    },
    /// Removes a relation type and every link of that type.
    RemoveRelation(RelationId),
    UpdateRelation(Relation),
    SetAssignment(Option<Assignment>),
    /// Removes these placed passages at once; no link may touch them
    /// ([`Edit::between`] removes their links first). The inverse puts each
    /// back at its place.
    RemovePassages(Vec<PassageId>),
    /// Puts passages at these positions, ascending, each counted in the
    /// list as it is once the earlier ones are in.
    InsertPassages(Vec<(usize, Passage)>),
    /// Removes these links at once; the inverse puts each back at its place.
    RemoveLinks(Vec<LinkId>),
    /// Puts links at these positions, ascending, as `InsertPassages` does.
    InsertLinks(Vec<(usize, Link)>),
    /// Replaces a document (same id) wholesale: a revised text.
    UpdateDocument(Box<Document>),
    /// Replaces the codebook wholesale (refused while it is locked).
    SetCodebook(Box<Codebook>),
    /// Replaces the list of everyone who has coded.
    SetCoders(Vec<String>),
    /// Several edits undone and redone as one.
    Batch(Vec<Edit>),
    /// Replaces the whole project (an import merged into it); undo puts the
    /// old one back.
    ReplaceProject(Box<Project>),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("no passage {0:?}")]
    NoPassage(String),
    #[error("a passage with id {0:?} already exists")]
    DuplicatePassage(String),
    #[error("no code {0:?}")]
    NoCode(String),
    #[error("a code or dimension with id {0:?} already exists")]
    DuplicateCode(String),
    #[error("no dimension {0:?}")]
    NoDimension(String),
    #[error("no document {0:?}")]
    NoDocument(String),
    #[error("a document with id {0:?} already exists")]
    DuplicateDocument(String),
    #[error("no link {0:?}")]
    NoLink(String),
    #[error("a link or relation with id {0:?} already exists")]
    DuplicateLink(String),
    #[error("no relation type {0:?}")]
    NoRelation(String),
    #[error("a link needs two different passages of the project")]
    BadLinkEnds,
    #[error("the codebook of this assignment is locked; ask the teacher for a change")]
    CodebookLocked,
    #[error("passage {0:?} still has links")]
    StillLinked(String),
    #[error("position {0} lies past the end of the list")]
    BadPosition(usize),
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error the
    /// project is unchanged.
    pub fn apply(self, project: &mut Project) -> Result<Edit, EditError> {
        if project.codebook_locked() && self.changes_codebook(project) {
            return Err(EditError::CodebookLocked);
        }
        match self {
            Edit::AddPassage(p) => add_passage(project, p),
            Edit::RemovePassage(id) => remove_passage(project, &id),
            Edit::AddOrphan(o) => add_orphan(project, *o),
            Edit::PlaceOrphan(p) => place_orphan(project, *p),
            Edit::OrphanPassage(o) => orphan_passage(project, *o),
            Edit::UpdatePassage(p) => {
                let id = p.id.clone();
                let old = change_passage(project, &id, |slot| std::mem::replace(slot, *p))?;
                Ok(Edit::UpdatePassage(Box::new(old)))
            }
            Edit::AddDocument { index, document } => add_document(project, index, *document),
            Edit::RemoveDocument(id) => remove_document(project, &id),
            Edit::DescribeDocument { id, title, info } => {
                let doc = (project.documents.iter_mut().find(|d| d.id() == &id))
                    .ok_or_else(|| EditError::NoDocument(id.0.clone()))?;
                let (title, info) = doc.set_description(title, info);
                Ok(Edit::DescribeDocument { id, title, info })
            }
            Edit::AddLink(link) => add_link(project, link),
            Edit::RemoveLink(id) => remove_link(project, &id),
            Edit::UpdateLink(link) => update_link(project, link),
            Edit::AddRelation { index, relation } => add_relation(project, index, relation),
            Edit::RemoveRelation(id) => remove_relation(project, &id),
            Edit::UpdateRelation(relation) => update_relation(project, relation),
            Edit::SetAssignment(a) => Ok(Edit::SetAssignment(std::mem::replace(
                &mut project.assignment,
                a,
            ))),
            Edit::SetCodes {
                passage,
                codes,
                modified,
            } => {
                let (old, old_time) = change_coding(project, &passage, |c| {
                    let old = std::mem::replace(c.codes, codes);
                    (old, std::mem::replace(c.modified, modified))
                })?;
                Ok(Edit::SetCodes {
                    passage,
                    codes: old,
                    modified: old_time,
                })
            }
            Edit::SetMemo {
                passage,
                memo,
                modified,
            } => {
                let (old, old_time) = change_coding(project, &passage, |c| {
                    let old = std::mem::replace(c.memo, memo);
                    (old, std::mem::replace(c.modified, modified))
                })?;
                Ok(Edit::SetMemo {
                    passage,
                    memo: old,
                    modified: old_time,
                })
            }
            Edit::AddDimension { index, dimension } => add_dimension(project, index, dimension),
            Edit::RemoveDimension(id) => remove_dimension(project, &id),
            Edit::UpdateDimension { id, header } => update_dimension(project, id, header),
            Edit::AddCode {
                dimension,
                index,
                code,
            } => add_code(project, &dimension, index, code),
            Edit::RemoveCode(id) => remove_code(project, &id),
            Edit::UpdateCode(code) => update_code(project, code),
            Edit::RemovePassages(ids) => super::diff::remove_passages(project, &ids),
            Edit::InsertPassages(items) => super::diff::insert_passages(project, items),
            Edit::RemoveLinks(ids) => super::diff::remove_links(project, &ids),
            Edit::InsertLinks(items) => super::diff::insert_links(project, items),
            Edit::UpdateDocument(document) => super::diff::update_document(project, *document),
            Edit::SetCodebook(codebook) => Ok(Edit::SetCodebook(Box::new(std::mem::replace(
                &mut project.codebook,
                *codebook,
            )))),
            Edit::SetCoders(coders) => Ok(Edit::SetCoders(std::mem::replace(
                &mut project.coders,
                coders,
            ))),
            Edit::Batch(edits) => apply_batch(project, edits),
            Edit::ReplaceProject(new) => Ok(Edit::ReplaceProject(Box::new(std::mem::replace(
                project, *new,
            )))),
        }
    }
}

impl Edit {
    /// Whether the edit changes the codebook (refused while it is locked).
    /// A whole project put in place (an import, a restored copy) may not
    /// bring another codebook either: the lock holds on every path.
    fn changes_codebook(&self, project: &Project) -> bool {
        match self {
            Edit::ReplaceProject(new) => return new.codebook != project.codebook,
            Edit::SetCodebook(new) => return **new != project.codebook,
            _ => {}
        }
        matches!(
            self,
            Edit::AddDimension { .. }
                | Edit::RemoveDimension(_)
                | Edit::UpdateDimension { .. }
                | Edit::AddCode { .. }
                | Edit::RemoveCode(_)
                | Edit::UpdateCode(_)
        )
    }
}

fn change_passage<R>(
    project: &mut Project,
    id: &PassageId,
    change: impl FnOnce(&mut Passage) -> R,
) -> Result<R, EditError> {
    (project.passages.update(id, change)).ok_or_else(|| EditError::NoPassage(id.0.clone()))
}

/// What the coding edits change of a passage or an orphan alike.
struct CodingMut<'a> {
    codes: &'a mut Vec<CodeId>,
    memo: &'a mut String,
    modified: &'a mut DateTime<Utc>,
}

/// Changes the codes, memo or time of the passage or orphan `id`.
fn change_coding<R>(
    project: &mut Project,
    id: &PassageId,
    change: impl FnOnce(CodingMut) -> R,
) -> Result<R, EditError> {
    if project.passages.contains_id(id) {
        return change_passage(project, id, |p| {
            change(CodingMut {
                codes: &mut p.codes,
                memo: &mut p.memo,
                modified: &mut p.modified,
            })
        });
    }
    let o = (project.orphans.iter_mut().find(|o| &o.id == id))
        .ok_or_else(|| EditError::NoPassage(id.0.clone()))?;
    Ok(change(CodingMut {
        codes: &mut o.codes,
        memo: &mut o.memo,
        modified: &mut o.modified,
    }))
}

fn add_passage(project: &mut Project, p: Passage) -> Result<Edit, EditError> {
    if project.has_passage(&p.id) {
        return Err(EditError::DuplicatePassage(p.id.0));
    }
    project.note_coder(&p.coder);
    let id = p.id.clone();
    project.passages.push(p);
    Ok(Edit::RemovePassage(id))
}

fn remove_passage(project: &mut Project, id: &PassageId) -> Result<Edit, EditError> {
    let restore = match project.passages.position(id) {
        Some(i) => Edit::AddPassage(project.passages.remove(i)),
        None => {
            let i = (project.orphans.iter().position(|o| &o.id == id))
                .ok_or_else(|| EditError::NoPassage(id.0.clone()))?;
            Edit::AddOrphan(Box::new(project.orphans.remove(i)))
        }
    };
    let gone = take_links(project, |l| l.touches(id));
    if gone.is_empty() {
        return Ok(restore);
    }
    let undo = std::iter::once(restore).chain(gone.into_iter().map(Edit::AddLink));
    Ok(Edit::Batch(undo.collect()))
}

fn add_orphan(project: &mut Project, o: Orphan) -> Result<Edit, EditError> {
    if project.has_passage(&o.id) {
        return Err(EditError::DuplicatePassage(o.id.0));
    }
    let id = o.id.clone();
    super::orphan::insert(&mut project.orphans, o);
    Ok(Edit::RemovePassage(id))
}

/// The orphan with `p`'s id becomes `p`; links to it now join a placed
/// passage.
fn place_orphan(project: &mut Project, p: Passage) -> Result<Edit, EditError> {
    let i = (project.orphans.iter().position(|o| o.id == p.id))
        .ok_or_else(|| EditError::NoPassage(p.id.0.clone()))?;
    let orphan = project.orphans.remove(i);
    project.passages.push(p);
    Ok(Edit::OrphanPassage(Box::new(orphan)))
}

fn orphan_passage(project: &mut Project, o: Orphan) -> Result<Edit, EditError> {
    let i =
        (project.passages.position(&o.id)).ok_or_else(|| EditError::NoPassage(o.id.0.clone()))?;
    let passage = project.passages.remove(i);
    super::orphan::insert(&mut project.orphans, o);
    Ok(Edit::PlaceOrphan(Box::new(passage)))
}

fn add_document(
    project: &mut Project,
    index: usize,
    document: Document,
) -> Result<Edit, EditError> {
    if project.document(document.id()).is_some() {
        return Err(EditError::DuplicateDocument(document.id().0.clone()));
    }
    let id = document.id().clone();
    let docs = &mut project.documents;
    docs.insert(index.min(docs.len()), document);
    Ok(Edit::RemoveDocument(id))
}

/// The inverse puts the document back first, then its passages, then the
/// links (which need both ends).
fn remove_document(project: &mut Project, id: &DocumentId) -> Result<Edit, EditError> {
    let index = (project.documents.iter().position(|d| d.id() == id))
        .ok_or_else(|| EditError::NoDocument(id.0.clone()))?;
    let document = project.documents.remove(index);
    let (gone, kept): (Vec<Passage>, Vec<Passage>) = std::mem::take(&mut project.passages)
        .into_iter()
        .partition(|p| &p.document == id);
    project.passages = kept.into();
    let (orphans, kept): (Vec<Orphan>, Vec<Orphan>) = std::mem::take(&mut project.orphans)
        .into_iter()
        .partition(|o| &o.document == id);
    project.orphans = kept;
    let gone_ids: std::collections::HashSet<&PassageId> = (gone.iter().map(|p| &p.id))
        .chain(orphans.iter().map(|o| &o.id))
        .collect();
    let links = take_links(project, |l| {
        gone_ids.contains(&l.from) || gone_ids.contains(&l.to)
    });
    let undo = std::iter::once(Edit::AddDocument {
        index,
        document: Box::new(document),
    })
    .chain(gone.into_iter().map(Edit::AddPassage))
    .chain(orphans.into_iter().map(|o| Edit::AddOrphan(Box::new(o))))
    .chain(links.into_iter().map(Edit::AddLink));
    Ok(Edit::Batch(undo.collect()))
}

/// Removes and returns the links matching `pred`.
fn take_links(project: &mut Project, pred: impl Fn(&Link) -> bool) -> Vec<Link> {
    let (gone, kept) = std::mem::take(&mut project.links)
        .into_iter()
        .partition(|l| pred(l));
    project.links = kept;
    gone
}

fn add_link(project: &mut Project, link: Link) -> Result<Edit, EditError> {
    if project.link(&link.id).is_some() {
        return Err(EditError::DuplicateLink(link.id.0));
    }
    if project.relation(&link.relation).is_none() {
        return Err(EditError::NoRelation(link.relation.0));
    }
    let ends_ok =
        link.from != link.to && project.has_passage(&link.from) && project.has_passage(&link.to);
    if !ends_ok {
        return Err(EditError::BadLinkEnds);
    }
    let id = link.id.clone();
    project.links.push(link);
    Ok(Edit::RemoveLink(id))
}

fn remove_link(project: &mut Project, id: &LinkId) -> Result<Edit, EditError> {
    let i = project
        .links
        .iter()
        .position(|l| &l.id == id)
        .ok_or_else(|| EditError::NoLink(id.0.clone()))?;
    Ok(Edit::AddLink(project.links.remove(i)))
}

fn update_link(project: &mut Project, link: Link) -> Result<Edit, EditError> {
    if project.relation(&link.relation).is_none() {
        return Err(EditError::NoRelation(link.relation.0));
    }
    let slot = project
        .links
        .iter_mut()
        .find(|l| l.id == link.id)
        .ok_or_else(|| EditError::NoLink(link.id.0.clone()))?;
    if (&slot.from, &slot.to) != (&link.from, &link.to) {
        return Err(EditError::BadLinkEnds);
    }
    Ok(Edit::UpdateLink(std::mem::replace(slot, link)))
}

fn add_relation(
    project: &mut Project,
    index: usize,
    relation: Relation,
) -> Result<Edit, EditError> {
    if project.relation(&relation.id).is_some() {
        return Err(EditError::DuplicateLink(relation.id.0));
    }
    let id = relation.id.clone();
    let list = &mut project.relations;
    list.insert(index.min(list.len()), relation);
    Ok(Edit::RemoveRelation(id))
}

fn remove_relation(project: &mut Project, id: &RelationId) -> Result<Edit, EditError> {
    let index = project
        .relations
        .iter()
        .position(|r| &r.id == id)
        .ok_or_else(|| EditError::NoRelation(id.0.clone()))?;
    let relation = project.relations.remove(index);
    let gone = take_links(project, |l| &l.relation == id);
    let undo = std::iter::once(Edit::AddRelation { index, relation })
        .chain(gone.into_iter().map(Edit::AddLink));
    Ok(Edit::Batch(undo.collect()))
}

fn update_relation(project: &mut Project, relation: Relation) -> Result<Edit, EditError> {
    let slot = project
        .relations
        .iter_mut()
        .find(|r| r.id == relation.id)
        .ok_or_else(|| EditError::NoRelation(relation.id.0.clone()))?;
    Ok(Edit::UpdateRelation(std::mem::replace(slot, relation)))
}

fn add_dimension(
    project: &mut Project,
    index: usize,
    dimension: Dimension,
) -> Result<Edit, EditError> {
    let clash = std::iter::once(&dimension.id.0)
        .chain(dimension.codes.iter().map(|c| &c.id.0))
        .find(|id| project.codebook.has_id(id));
    if let Some(id) = clash {
        return Err(EditError::DuplicateCode(id.clone()));
    }
    let id = dimension.id.clone();
    let dims = &mut project.codebook.dimensions;
    dims.insert(index.min(dims.len()), dimension);
    Ok(Edit::RemoveDimension(id))
}

/// Strips the given codes from every passage and orphan; returns the edits
/// restoring them.
fn strip_codes(project: &mut Project, gone: &[CodeId]) -> Vec<Edit> {
    let Project {
        passages, orphans, ..
    } = project;
    let placed = (passages.iter_mut()).map(|p| (&p.id, &mut p.codes, p.modified));
    let orphaned = (orphans.iter_mut()).map(|o| (&o.id, &mut o.codes, o.modified));
    let mut restore = Vec::new();
    for (id, codes, modified) in placed.chain(orphaned) {
        if codes.iter().any(|c| gone.contains(c)) {
            restore.push(Edit::SetCodes {
                passage: id.clone(),
                codes: codes.clone(),
                modified,
            });
            codes.retain(|c| !gone.contains(c));
        }
    }
    restore
}

fn remove_dimension(project: &mut Project, id: &DimensionId) -> Result<Edit, EditError> {
    let dims = &mut project.codebook.dimensions;
    let index = dims
        .iter()
        .position(|d| &d.id == id)
        .ok_or_else(|| EditError::NoDimension(id.0.clone()))?;
    let dimension = dims.remove(index);
    let gone: Vec<CodeId> = dimension.codes.iter().map(|c| c.id.clone()).collect();
    let mut undo = vec![Edit::AddDimension { index, dimension }];
    undo.extend(strip_codes(project, &gone));
    Ok(Edit::Batch(undo))
}

fn update_dimension(
    project: &mut Project,
    id: DimensionId,
    header: DimensionHeader,
) -> Result<Edit, EditError> {
    let d = project
        .codebook
        .dimensions
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or_else(|| EditError::NoDimension(id.0.clone()))?;
    let old = DimensionHeader {
        name: std::mem::replace(&mut d.name, header.name),
        description: std::mem::replace(&mut d.description, header.description),
        exclusive: std::mem::replace(&mut d.exclusive, header.exclusive),
    };
    Ok(Edit::UpdateDimension { id, header: old })
}

fn add_code(
    project: &mut Project,
    dimension: &DimensionId,
    index: usize,
    code: Code,
) -> Result<Edit, EditError> {
    if project.codebook.has_id(&code.id.0) {
        return Err(EditError::DuplicateCode(code.id.0));
    }
    let d = project
        .codebook
        .dimensions
        .iter_mut()
        .find(|d| &d.id == dimension)
        .ok_or_else(|| EditError::NoDimension(dimension.0.clone()))?;
    let id = code.id.clone();
    d.codes.insert(index.min(d.codes.len()), code);
    Ok(Edit::RemoveCode(id))
}

fn remove_code(project: &mut Project, id: &CodeId) -> Result<Edit, EditError> {
    let (dim, index) = project
        .codebook
        .dimensions
        .iter()
        .find_map(|d| {
            d.codes
                .iter()
                .position(|c| &c.id == id)
                .map(|i| (d.id.clone(), i))
        })
        .ok_or_else(|| EditError::NoCode(id.0.clone()))?;
    let codes = &mut project
        .codebook
        .dimensions
        .iter_mut()
        .find(|d| d.id == dim)
        .ok_or_else(|| EditError::NoDimension(dim.0.clone()))?
        .codes;
    let code = codes.remove(index);
    let mut undo = vec![Edit::AddCode {
        dimension: dim,
        index,
        code,
    }];
    undo.extend(strip_codes(project, std::slice::from_ref(id)));
    Ok(Edit::Batch(undo))
}

fn update_code(project: &mut Project, code: Code) -> Result<Edit, EditError> {
    let slot = project
        .codebook
        .dimensions
        .iter_mut()
        .flat_map(|d| d.codes.iter_mut())
        .find(|c| c.id == code.id)
        .ok_or_else(|| EditError::NoCode(code.id.0.clone()))?;
    Ok(Edit::UpdateCode(std::mem::replace(slot, code)))
}

/// Applies edits in order; if one fails, undoes those already applied.
fn apply_batch(project: &mut Project, edits: Vec<Edit>) -> Result<Edit, EditError> {
    let mut undo = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(project) {
            Ok(inverse) => undo.push(inverse),
            Err(e) => {
                for inverse in undo.into_iter().rev() {
                    // Inverses of edits just applied cannot fail.
                    let _ = inverse.apply(project);
                }
                return Err(e);
            }
        }
    }
    undo.reverse();
    Ok(Edit::Batch(undo))
}

/// Builders for the edits the UI sends most, with the domain rules applied.
impl Project {
    /// The edit that toggles `code` on a passage, respecting exclusive
    /// dimensions (adding a code drops its rivals from the same dimension).
    pub fn toggle_code_edit(
        &self,
        passage: &PassageId,
        code: &CodeId,
        now: DateTime<Utc>,
    ) -> Option<Edit> {
        let p = self.passage(passage)?;
        let mut codes = p.codes.clone();
        if codes.contains(code) {
            codes.retain(|c| c != code);
        } else {
            let rivals = self.codebook.exclusive_rivals(code);
            codes.retain(|c| !rivals.contains(c));
            codes.push(code.clone());
        }
        Some(Edit::SetCodes {
            passage: passage.clone(),
            codes,
            modified: now,
        })
    }

    /// Passages, orphans included, that carry a code (for "delete code in
    /// use?" prompts).
    pub fn passages_with(&self, code: &CodeId) -> usize {
        let placed = self.passages.iter().filter(|p| p.has_code(code)).count();
        placed + self.orphans.iter().filter(|o| o.has_code(code)).count()
    }
}
