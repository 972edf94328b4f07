//! A coded passage: a code-point range of a document, its codes and memo.
//!
//! Besides the range, a passage keeps its exact quote with a short prefix and
//! suffix (as a W3C TextQuoteSelector does), so it can be found again when the
//! document's text changes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::codebook::CodeId;
use super::document::{Document, DocumentId};

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// Globally unique passage id (a UUID), so that projects merge without clashes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PassageId(pub String);

impl PassageId {
    pub fn random() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    pub id: PassageId,
    pub document: DocumentId,
    /// First code point of the passage.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    pub quote: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    #[serde(default)]
    pub codes: Vec<CodeId>,
    #[serde(default)]
    pub memo: String,
    #[serde(default)]
    pub coder: String,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
}

impl Passage {
    /// A new passage over `start..end` of `doc`, quote and context filled in.
    pub fn new(doc: &Document, start: usize, end: usize, coder: &str, now: DateTime<Utc>) -> Self {
        let (start, end) = (start.min(end), start.max(end).min(doc.char_len()));
        Self {
            id: PassageId::random(),
            document: doc.id().clone(),
            start,
            end,
            quote: doc.slice(start, end).to_owned(),
            prefix: doc
                .slice(start.saturating_sub(CONTEXT_CHARS), start)
                .to_owned(),
            suffix: doc.slice(end, end + CONTEXT_CHARS).to_owned(),
            codes: Vec::new(),
            memo: String::new(),
            coder: coder.to_owned(),
            created: now,
            modified: now,
        }
    }

    /// The same passage (id, codes, memo, coder, creation time) over another
    /// range: re-placing an orphan by hand.
    pub fn placed_at(&self, doc: &Document, start: usize, end: usize, now: DateTime<Utc>) -> Self {
        let fresh = Self::new(doc, start, end, &self.coder, now);
        Self {
            id: self.id.clone(),
            codes: self.codes.clone(),
            memo: self.memo.clone(),
            created: self.created,
            ..fresh
        }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn has_code(&self, code: &CodeId) -> bool {
        self.codes.contains(code)
    }

    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }

    /// Sort key giving the file's and the list's position order.
    pub fn position_key(&self) -> (&DocumentId, usize, std::cmp::Reverse<usize>, &PassageId) {
        (
            &self.document,
            self.start,
            std::cmp::Reverse(self.end),
            &self.id,
        )
    }
}
