//! Code frequencies, co-occurrence, retrieval and document maps of a coded
//! project, and their rendering for `briefmark stats`. See
//! `docs/statistics.md` for what every figure means.
//!
//! Units: *passages* count [`Passage`](crate::model::Passage)s; *characters*
//! are Unicode code points of the documents' text, counted as the union of
//! the ranges concerned, so text inside several passages counts once.
//!
//! How the data is read:
//! - Codes are the codebook's, in display order (a repeated code id counts
//!   once, at its first place). Codes a passage holds that are not in the
//!   codebook are left out of every figure, as are repeats of a code within
//!   one passage; [`Query`] alone matches on a passage's raw code ids.
//! - Passages whose document is not in the project are left out of every
//!   figure ([`Stats::skipped_passages`] counts them).
//! - Ranges are clamped to their document; a reversed range counts as empty.
//!   Two ranges overlap when they share at least one code point, so an
//!   empty passage overlaps nothing.
//! - Position order is the project's: document id, start, longest first.
//!
//! Everything is computed by sorting and sweeping, so the cost is
//! `O(n log n)` in the number of passages plus the number of overlapping
//! passage pairs (for [`Cooccurrence::overlapping_passages`]).

mod cooccurrence;
mod frequency;
mod intervals;
mod map;
mod prepared;
mod render;
mod retrieval;

use serde::{Deserialize, Serialize};

use crate::model::{CodeId, DocumentId, Project};

pub use cooccurrence::crosstab;
pub use frequency::frequency;
pub use map::{CodeStrip, DocumentMap, document_map};
pub use render::{CSV_COLUMNS, StatsFormat, UnknownFormat, render};
pub use retrieval::{Hit, Query, Segment, both_apply, retrieve, retrieve_overlapping};

use prepared::Prepared;

/// Passages, their coded characters and the share of the text those make.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Frequency {
    /// Passages counted.
    pub passages: usize,
    /// Code points covered by those passages (overlaps counted once).
    pub characters: usize,
    /// `characters` as a fraction (0..=1) of the text in scope; 0 when the
    /// text is empty.
    pub share: f64,
}

impl Frequency {
    /// `characters` out of `of` code points of text.
    pub fn new(passages: usize, characters: usize, of: usize) -> Self {
        let share = if of == 0 {
            0.0
        } else {
            characters as f64 / of as f64
        };
        Self {
            passages,
            characters,
            share,
        }
    }
}

/// Frequencies of every code and of "any code" over some passages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// One per code of [`Stats::codes`], in that order.
    pub codes: Vec<Frequency>,
    /// Passages carrying at least one code; characters covered by any code.
    pub any_code: Frequency,
}

/// A code as the tables name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeLabel {
    pub id: CodeId,
    pub name: String,
    /// Name of the code's dimension.
    pub dimension: String,
}

/// A document and its length.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentLabel {
    pub id: DocumentId,
    pub title: String,
    /// Length of the text in code points.
    pub characters: usize,
}

/// One coder's frequencies; shares are of all the project's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoderTally {
    pub coder: String,
    pub tally: Tally,
}

/// One document's frequencies; shares are of that document's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentTally {
    pub document: DocumentId,
    pub tally: Tally,
}

/// Square matrices over [`Stats::codes`] (row and column in that order),
/// all symmetric.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cooccurrence {
    /// Passages carrying both codes; diagonal: passages carrying the code.
    pub same_passage: Vec<Vec<usize>>,
    /// Unordered pairs of distinct passages of one document that overlap,
    /// one carrying each code (a pair counts once per code pair, whichever
    /// passage carries which); diagonal: passages carrying the code.
    pub overlapping_passages: Vec<Vec<usize>>,
    /// Code points where both codes apply, through one passage or two;
    /// diagonal: the code's coded characters.
    pub shared_characters: Vec<Vec<usize>>,
}

/// Codes of one dimension (rows) against codes of another (columns).
///
/// A cell counts the passages carrying both codes and the code points they
/// cover, i.e. the [`frequency`] of [`Query::all_of`] the two codes. The
/// totals count passages carrying the row's code and any code of the column
/// dimension (and the transpose); `total`, passages carrying a code of each.
/// Shares are of all the project's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Crosstab {
    pub row_dimension: String,
    pub column_dimension: String,
    pub rows: Vec<CodeLabel>,
    pub columns: Vec<CodeLabel>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Frequency>>,
    pub row_totals: Vec<Frequency>,
    pub column_totals: Vec<Frequency>,
    pub total: Frequency,
}

/// Everything `briefmark stats` reports about a project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// The codebook's codes; every per-code vector and matrix follows this order.
    pub codes: Vec<CodeLabel>,
    /// In project order.
    pub documents: Vec<DocumentLabel>,
    /// Code points of all documents.
    pub total_characters: usize,
    /// Passages left out because their document is not in the project.
    pub skipped_passages: usize,
    /// Over all passages; shares are of all the text.
    pub frequencies: Tally,
    /// The project's coders in order, then any other coder of a passage;
    /// a passage without a coder name counts under `""`.
    pub per_coder: Vec<CoderTally>,
    /// In project order.
    pub per_document: Vec<DocumentTally>,
    pub cooccurrence: Cooccurrence,
    /// The first two exclusive dimensions crossed, if the codebook has two.
    pub headline: Option<Crosstab>,
}

/// A statistics request that does not fit the project.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StatsError {
    #[error("dimension {0:?} is not in the codebook")]
    UnknownDimension(String),
}

/// All statistics of a project.
pub fn compute(project: &Project) -> Stats {
    let prep = Prepared::new(project);
    let measures = frequency::measure_codes(&prep, &prep.entries);
    let total = prep.total_characters();
    Stats {
        codes: prep.code_labels(),
        documents: project
            .documents
            .iter()
            .map(|d| DocumentLabel {
                id: d.id().clone(),
                title: d.title().to_owned(),
                characters: d.char_len(),
            })
            .collect(),
        total_characters: total,
        skipped_passages: prep.skipped,
        frequencies: measures.tally(total),
        per_coder: frequency::per_coder(&prep),
        per_document: frequency::per_document(&prep, &measures),
        cooccurrence: cooccurrence::cooccurrence(&prep, &measures),
        headline: cooccurrence::headline(&prep),
    }
}
