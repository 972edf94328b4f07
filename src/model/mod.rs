//! The domain: documents, codebook, passages, edits and undo. No UI types.

pub mod anchor;
pub mod assignment;
pub mod codebook;
pub mod diff;
pub mod document;
pub mod edit;
pub mod edit_size;
pub mod history;
pub mod index;
pub mod link;
pub mod markup;
pub mod merge;
pub mod navigation;
mod order;
pub mod orphan;
pub mod passage;
pub mod passages;
pub mod project;
pub mod search;
pub mod text;

pub use assignment::Assignment;
pub use codebook::{Code, CodeId, Codebook, Dimension, DimensionHeader, DimensionId, Rgb};
pub use document::{Block, BlockKind, Document, DocumentId, DocumentInfo, Span, Style};
pub use edit::{Edit, EditError};
pub use history::History;
pub use index::{DocumentIndex, Grown, IndexChange, PassageIndex, Stripe};
pub use link::{Link, LinkId, Relation, RelationId, default_relations};
pub use merge::{CodeConflict, ConflictPolicy, MergeReport};
pub use orphan::Orphan;
pub use passage::{Passage, PassageId};
pub use passages::Passages;
pub use project::{FORMAT_VERSION, Problem, Project, Summary};
