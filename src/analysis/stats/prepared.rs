//! The project as the statistics read it: codes numbered in codebook order,
//! documents numbered in project order, passages normalised and sorted.

use std::collections::HashMap;
use std::collections::hash_map::Entry as Slot;

use super::CodeLabel;
use super::intervals::Span;
use crate::model::{Code, CodeId, Dimension, DocumentId, Passage, Project};

/// A passage reduced to what the figures need.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    /// Index into `Project::passages`.
    pub index: usize,
    /// Index into `Project::documents`.
    pub doc: usize,
    /// The range clamped to the document, `start <= end`.
    pub start: usize,
    pub end: usize,
    /// Indexes into `Prepared::codes`, ascending, without repeats; codes
    /// outside the codebook are dropped.
    pub codes: Vec<usize>,
}

impl Entry {
    pub fn span(&self) -> Span {
        Span {
            doc: self.doc,
            start: self.start,
            end: self.end,
        }
    }
}

pub(super) struct Prepared<'p> {
    pub project: &'p Project,
    /// Codebook codes in display order, each id once, with its dimension.
    pub codes: Vec<(&'p Dimension, &'p Code)>,
    code_index: HashMap<&'p CodeId, usize>,
    doc_index: HashMap<&'p DocumentId, usize>,
    /// Code points per document, by document index.
    pub doc_len: Vec<usize>,
    /// Selected passages with a known document, in position order.
    pub entries: Vec<Entry>,
    /// Selected passages whose document is not in the project.
    pub skipped: usize,
}

impl<'p> Prepared<'p> {
    pub fn new(project: &'p Project) -> Self {
        Self::select(project, |_| true)
    }

    /// Only the passages `keep` accepts.
    pub fn select(project: &'p Project, keep: impl Fn(&Passage) -> bool) -> Self {
        let mut code_index = HashMap::new();
        let mut codes = Vec::new();
        for (dim, code) in project.codebook.codes() {
            if let Slot::Vacant(slot) = code_index.entry(&code.id) {
                slot.insert(codes.len());
                codes.push((dim, code));
            }
        }
        let mut doc_index = HashMap::new();
        for (i, d) in project.documents.iter().enumerate() {
            // A repeated id (which `check` reports) means the first document.
            doc_index.entry(d.id()).or_insert(i);
        }
        let mut prep = Self {
            project,
            codes,
            code_index,
            doc_index,
            doc_len: project.documents.iter().map(|d| d.char_len()).collect(),
            entries: Vec::new(),
            skipped: 0,
        };
        for (index, p) in project.passages.iter().enumerate() {
            if !keep(p) {
                continue;
            }
            match prep.entry(index, p) {
                Some(e) => prep.entries.push(e),
                None => prep.skipped += 1,
            }
        }
        let ps = &project.passages;
        prep.entries
            .sort_by(|a, b| ps[a.index].position_key().cmp(&ps[b.index].position_key()));
        prep
    }

    fn entry(&self, index: usize, p: &Passage) -> Option<Entry> {
        let doc = self.document_index(&p.document)?;
        let end = p.end.min(self.doc_len[doc]);
        let mut codes: Vec<usize> = (p.codes.iter())
            .filter_map(|c| self.code_index(c))
            .collect();
        codes.sort_unstable();
        codes.dedup();
        Some(Entry {
            index,
            doc,
            start: p.start.min(end),
            end,
            codes,
        })
    }

    pub fn code_index(&self, id: &CodeId) -> Option<usize> {
        self.code_index.get(id).copied()
    }

    pub fn document_index(&self, id: &DocumentId) -> Option<usize> {
        self.doc_index.get(id).copied()
    }

    pub fn passage(&self, e: &Entry) -> &'p Passage {
        &self.project.passages[e.index]
    }

    pub fn documents(&self) -> usize {
        self.doc_len.len()
    }

    pub fn total_characters(&self) -> usize {
        self.doc_len.iter().sum()
    }

    /// Entries grouped by document (each group in position order).
    pub fn by_document(&self) -> impl Iterator<Item = &[Entry]> {
        self.entries.chunk_by(|a, b| a.doc == b.doc)
    }

    pub fn code_labels(&self) -> Vec<CodeLabel> {
        self.codes.iter().map(|(d, c)| label(d, c)).collect()
    }
}

pub(super) fn label(dimension: &Dimension, code: &Code) -> CodeLabel {
    CodeLabel {
        id: code.id.clone(),
        name: code.name.clone(),
        dimension: dimension.name.clone(),
    }
}
