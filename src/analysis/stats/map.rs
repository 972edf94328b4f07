//! Where each code falls along one document, for a strip the UI draws.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::frequency::measure_codes;
use super::intervals::Span;
use super::prepared::Prepared;
use crate::model::{CodeId, DocumentId, Project};

/// The covered ranges of every code in one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMap {
    pub document: DocumentId,
    /// Length of the text in code points (the strip's full width).
    pub characters: usize,
    /// One strip per codebook code, in display order (empty if unused here).
    pub codes: Vec<CodeStrip>,
    /// Ranges covered by any code.
    pub any_code: Vec<Range<usize>>,
}

/// One code's merged ranges: sorted, disjoint, not touching, non-empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeStrip {
    pub code: CodeId,
    pub ranges: Vec<Range<usize>>,
}

/// The map of `document`, or `None` if it is not in the project.
pub fn document_map(project: &Project, document: &DocumentId) -> Option<DocumentMap> {
    let prep = Prepared::select(project, |p| &p.document == document);
    let doc = prep.document_index(document)?;
    let measures = measure_codes(&prep, &prep.entries);
    let ranges = |covered: &[Span]| covered.iter().map(|s| s.start..s.end).collect();
    Some(DocumentMap {
        document: document.clone(),
        characters: prep.doc_len[doc],
        codes: (prep.codes.iter().zip(&measures.per_code))
            .map(|((_, code), m)| CodeStrip {
                code: code.id.clone(),
                ranges: ranges(&m.covered),
            })
            .collect(),
        any_code: ranges(&measures.any.covered),
    })
}
