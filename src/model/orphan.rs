//! Orphans: coded passages whose text a revision of their document took
//! away.
//!
//! An orphan keeps everything that was coded (quote with its context,
//! codes, memo, coder, times) but has **no position**: the type has no
//! range, so nothing can paint it over other words, count it, or export
//! offsets for it. Orphans live apart from the placed passages
//! (`Project::orphans`), so every view of `Project::passages` (the text,
//! statistics, agreement, exports) leaves them out without having to
//! remember to. They are listed for the user under "Needs re-placing";
//! re-placing one on the text where it belongs makes it a passage again,
//! with the same id, codes, memo and links.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::codebook::CodeId;
use super::document::{Document, DocumentId};
use super::passage::{Passage, PassageId};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Orphan {
    pub id: PassageId,
    pub document: DocumentId,
    /// The text it was coded on, as it read before the revision.
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
    /// This passage without its position: what is left of it when its text
    /// is gone.
    pub fn orphaned(self) -> Orphan {
        Orphan {
            id: self.id,
            document: self.document,
            quote: self.quote,
            prefix: self.prefix,
            suffix: self.suffix,
            codes: self.codes,
            memo: self.memo,
            coder: self.coder,
            created: self.created,
            modified: self.modified,
        }
    }
}

impl Orphan {
    /// The passage again, on `start..end` of `doc` (re-placed by hand): same
    /// id, codes, memo, coder and creation time; quote and context from the
    /// text it now covers.
    pub fn placed_at(
        &self,
        doc: &Document,
        start: usize,
        end: usize,
        now: DateTime<Utc>,
    ) -> Passage {
        self.clone().sought().placed_at(doc, start, end, now)
    }

    /// “quote…” (Code, Code): how a person recognises it in a message.
    pub fn describe(&self, codebook: &super::Codebook) -> String {
        let quote = format!("“{}”", super::text::one_line(&self.quote, 60));
        match self.codes.as_slice() {
            [] => quote,
            codes => format!("{quote} ({})", codebook.name_list(codes)),
        }
    }

    /// The orphan as a passage to look for in a revised text: its quote and
    /// context, at no position the search could trust (`0..0`), so only
    /// they decide where it goes.
    pub(crate) fn sought(self) -> Passage {
        Passage {
            id: self.id,
            document: self.document,
            start: 0,
            end: 0,
            quote: self.quote,
            prefix: self.prefix,
            suffix: self.suffix,
            codes: self.codes,
            memo: self.memo,
            coder: self.coder,
            created: self.created,
            modified: self.modified,
        }
    }

    pub fn has_code(&self, code: &CodeId) -> bool {
        self.codes.contains(code)
    }

    /// The order orphans are kept and saved in: by document, then in the
    /// order they were coded.
    pub fn order_key(&self) -> (&DocumentId, DateTime<Utc>, &PassageId) {
        (&self.document, self.created, &self.id)
    }
}

/// Puts `orphan` into `orphans` (kept in [`Orphan::order_key`] order) at
/// its place, so undoing a removal or a re-placing restores the list
/// exactly.
pub fn insert(orphans: &mut Vec<Orphan>, orphan: Orphan) {
    let at = orphans.partition_point(|o| o.order_key() < orphan.order_key());
    orphans.insert(at, orphan);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_orphan_placed_again_keeps_its_coding_and_takes_the_new_text() {
        let doc = crate::assets::default_project().documents.remove(0);
        let when = DateTime::UNIX_EPOCH;
        let mut p = Passage::new(&doc, 10, 20, "Ana", when);
        p.codes.push(CodeId("cause".into()));
        p.memo = "why".into();
        let orphan = p.clone().orphaned();
        assert_eq!(orphan.quote, p.quote);
        let later = when + chrono::Duration::seconds(5);
        let back = orphan.placed_at(&doc, 30, 45, later);
        assert_eq!((back.start, back.end), (30, 45));
        assert_eq!(back.quote, doc.slice(30, 45));
        assert_eq!(
            (&back.id, &back.codes, back.memo.as_str()),
            (&p.id, &p.codes, "why")
        );
        assert_eq!((back.created, back.modified), (when, later));
    }
}
