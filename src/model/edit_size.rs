//! How much memory an [`Edit`] holds, roughly: what [`super::History`]
//! counts to keep undo within a ceiling. An estimate (heap text, lists and
//! their records), never a measurement; it need only rank a typed memo far
//! below an imported book.

use std::mem::{size_of, size_of_val};

use super::codebook::{Code, Codebook};
use super::document::{Document, DocumentInfo};
use super::edit::Edit;
use super::link::{Link, Relation};
use super::orphan::Orphan;
use super::passage::{Passage, PassageId};
use super::project::Project;

/// The bytes of a string on the heap, with its handle.
fn text(s: &str) -> usize {
    size_of::<String>() + s.len()
}

fn texts<'a>(all: impl IntoIterator<Item = &'a String>) -> usize {
    all.into_iter().map(|s| text(s)).sum()
}

fn passage(p: &Passage) -> usize {
    let strings = [&p.id.0, &p.document.0, &p.quote, &p.prefix, &p.suffix];
    let more = [&p.memo, &p.coder];
    size_of::<Passage>() + texts(strings) + texts(more) + texts(p.codes.iter().map(|c| &c.0))
}

fn orphan(o: &Orphan) -> usize {
    let strings = [&o.id.0, &o.document.0, &o.quote, &o.prefix, &o.suffix];
    let more = [&o.memo, &o.coder];
    size_of::<Orphan>() + texts(strings) + texts(more) + texts(o.codes.iter().map(|c| &c.0))
}

/// A document: its text twice over at most (the text and its character
/// map's checkpoints are far smaller), blocks and spans.
fn document(d: &Document) -> usize {
    size_of::<Document>()
        + text(d.text())
        + text(d.title())
        + info(d.info())
        + size_of_val(d.blocks())
        + size_of_val(d.spans())
        + d.text().len() / 32
}

fn info(i: &DocumentInfo) -> usize {
    texts([&i.author, &i.date, &i.source, &i.kind, &i.memo])
}

fn code(c: &Code) -> usize {
    let strings = [&c.id.0, &c.name, &c.definition, &c.when_to_use];
    size_of::<Code>() + texts(strings) + texts([&c.when_not_to_use, &c.example, &c.memo])
}

fn codebook(c: &Codebook) -> usize {
    let dims = c.dimensions.iter();
    dims.map(|d| {
        text(&d.id.0)
            + text(&d.name)
            + text(&d.description)
            + d.codes.iter().map(code).sum::<usize>()
    })
    .sum()
}

fn link(l: &Link) -> usize {
    size_of::<Link>()
        + texts([
            &l.id.0,
            &l.from.0,
            &l.to.0,
            &l.relation.0,
            &l.memo,
            &l.coder,
        ])
}

fn relation(r: &Relation) -> usize {
    size_of::<Relation>() + texts([&r.id.0, &r.name, &r.description])
}

fn ids(all: &[PassageId]) -> usize {
    texts(all.iter().map(|id| &id.0))
}

/// A whole project, as [`Edit::ReplaceProject`] holds it.
pub fn project(p: &Project) -> usize {
    size_of::<Project>()
        + p.documents.iter().map(document).sum::<usize>()
        + codebook(&p.codebook)
        + texts(&p.coders)
        + p.passages.iter().map(passage).sum::<usize>()
        + p.orphans.iter().map(orphan).sum::<usize>()
        + p.relations.iter().map(relation).sum::<usize>()
        + p.links.iter().map(link).sum::<usize>()
}

impl Edit {
    /// Roughly the bytes this edit holds (its own and its heap data).
    pub fn approx_bytes(&self) -> usize {
        size_of::<Edit>() + self.heap_bytes()
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Edit::AddPassage(p) => passage(p),
            Edit::UpdatePassage(p) | Edit::PlaceOrphan(p) => passage(p),
            Edit::AddOrphan(o) | Edit::OrphanPassage(o) => orphan(o),
            Edit::RemovePassage(id) => text(&id.0),
            Edit::SetCodes { passage, codes, .. } => {
                text(&passage.0) + texts(codes.iter().map(|c| &c.0))
            }
            Edit::SetMemo { passage, memo, .. } => text(&passage.0) + text(memo),
            Edit::AddDimension { dimension, .. } => {
                text(&dimension.name)
                    + text(&dimension.description)
                    + dimension.codes.iter().map(code).sum::<usize>()
            }
            Edit::RemoveDimension(id) => text(&id.0),
            Edit::UpdateDimension { id, header } => {
                text(&id.0) + text(&header.name) + text(&header.description)
            }
            Edit::AddCode { code: c, .. } | Edit::UpdateCode(c) => code(c),
            Edit::RemoveCode(id) => text(&id.0),
            Edit::AddDocument { document: d, .. } | Edit::UpdateDocument(d) => document(d),
            Edit::RemoveDocument(id) => text(&id.0),
            Edit::DescribeDocument { id, title, info } => {
                text(&id.0) + text(title) + self::info(info)
            }
            Edit::AddLink(l) | Edit::UpdateLink(l) => link(l),
            Edit::RemoveLink(id) => text(&id.0),
            Edit::AddRelation { relation: r, .. } | Edit::UpdateRelation(r) => relation(r),
            Edit::RemoveRelation(id) => text(&id.0),
            Edit::SetAssignment(a) => a.as_ref().map_or(0, |a| text(&a.instructions)),
            Edit::RemovePassages(all) => ids(all),
            Edit::InsertPassages(all) => all
                .iter()
                .map(|(_, p)| size_of::<usize>() + passage(p))
                .sum(),
            Edit::RemoveLinks(all) => texts(all.iter().map(|id| &id.0)),
            Edit::InsertLinks(all) => all.iter().map(|(_, l)| size_of::<usize>() + link(l)).sum(),
            Edit::SetCodebook(c) => codebook(c),
            Edit::SetCoders(all) => texts(all),
            Edit::Batch(all) => all.iter().map(Edit::approx_bytes).sum(),
            Edit::ReplaceProject(p) => project(p),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_weighs_its_text_and_a_project_its_documents() {
        let memo = Edit::SetMemo {
            passage: PassageId("p1".into()),
            memo: "x".repeat(1000),
            modified: chrono::DateTime::UNIX_EPOCH,
        };
        let expected = size_of::<Edit>() + 2 * size_of::<String>() + 2 + 1000;
        assert_eq!(memo.approx_bytes(), expected);
        let p = crate::assets::default_project();
        let text: usize = p.documents.iter().map(|d| d.text().len()).sum();
        let whole = Edit::ReplaceProject(Box::new(p)).approx_bytes();
        assert!(whole > text && whole < 3 * text, "{whole} for {text}");
    }
}
