//! Inter-coder agreement between codings of the same documents.
//!
//! Each input is one [`Rater`]: a name and a [`Project`](crate::model::Project)
//! (or use [`split_by_coder`] on a project holding several coders).
//! [`agree`] aligns the raters (documents by plain text, codes by name; see
//! `raters`), then computes for every code and for all codes pooled:
//! observed agreement, Cohen's kappa (two raters) and Krippendorff's
//! nominal alpha over character units, once over all text and once over
//! the text somebody gave the code; Krippendorff's unitizing alpha per
//! code; nominal figures per exclusive dimension; and, against a
//! reference rater, passage-level precision, recall and F1. [`render`]
//! writes the [`Report`] as a table, CSV or JSON. [`pairwise`] gives
//! kappa and passage F1 for every pair of raters (Cohen's kappa compares
//! two). `teaching` compares many students with one reference.
//!
//! The numbers are those scikit-learn's `cohen_kappa_score` and the
//! `krippendorff` package (nominal) give on the per-unit 0/1 vectors
//! ([`unit_values`]); `scripts/check_agreement.py` cross-checks them.
//! Every formula, its source and every degenerate case are described in
//! `docs/agreement.md`. Undefined figures are [`Estimate`]s without a
//! value, never NaN.

mod estimate;
mod pairwise;
mod passages;
mod raters;
mod render;
mod report;
mod tally;
mod teaching;
mod unitizing;
mod units;

pub use estimate::{Estimate, Figures, Undefined};
pub use pairwise::{Pair, Pairwise, pairwise, pairwise_csv};
pub use passages::{CodePassages, PassageComparison, PassageFigures};
pub use raters::{Rater, UNNAMED_CODER, coder_names, split_by_coder};
pub use render::{
    CSV_COLUMNS, OutputFormat, UnknownFormat, pairwise_table, render, render_pairwise,
};
pub use report::{
    ALL_CODES, CodeAgreement, DimensionAgreement, DocumentInfo, NONE_CATEGORY, Report,
    SEVERAL_CATEGORY, Scopes,
};
pub use tally::{nominal_alpha, nominal_figures};
pub use teaching::{
    CodeDisagreement, Feedback, FeedbackPassage, TeachingRow, TeachingTable, feedback,
    feedback_html, feedback_markdown, teaching_csv, teaching_table,
};
pub use unitizing::{UnitizingAlpha, unitizing_alpha};
pub use units::{UnitValues, unit_values};

use serde::Serialize;

use raters::Study;

/// Default overlap/union a passage needs to match a reference passage.
pub const DEFAULT_MATCH_THRESHOLD: f64 = 0.5;

/// What to compute.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Options {
    /// Leave whitespace (`char::is_whitespace`) out of the units.
    pub exclude_whitespace: bool,
    /// Name of the rater the others are compared with passage by passage.
    pub reference: Option<String>,
    /// Overlap/union two passages need to match, in `(0, 1]`.
    pub match_threshold: f64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            exclude_whitespace: false,
            reference: None,
            match_threshold: DEFAULT_MATCH_THRESHOLD,
        }
    }
}

/// Why agreement could not be computed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AgreementError {
    #[error("agreement needs at least two raters, got {0}")]
    TooFewRaters(usize),
    #[error("two raters are both called {0:?}; give each a distinct name")]
    DuplicateRater(String),
    #[error("the reference {0:?} is not one of the raters")]
    UnknownReference(String),
    #[error("the match threshold must be greater than 0 and at most 1, not {0}")]
    InvalidThreshold(f64),
    #[error(
        "rater {rater:?}: passage {passage} is in document {document:?}, which is not in the project"
    )]
    UnknownDocument {
        rater: String,
        passage: String,
        document: String,
    },
    #[error(
        "rater {rater:?}: passage {passage} has range {start}..{end}, outside its document of {len} characters"
    )]
    OutOfRange {
        rater: String,
        passage: String,
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("rater {rater:?}: passage {passage} has code {code:?}, which is not in the codebook")]
    UnknownCode {
        rater: String,
        passage: String,
        code: String,
    },
    #[error("no rater has a document with that text")]
    UnknownText,
    #[error("no rater's codebook has a code named {0:?}")]
    UnknownCodeName(String),
    #[error(
        "unitizing: rater {rater}'s unit {start}..{end} lies outside the continuum of length {len}"
    )]
    OutsideContinuum {
        rater: usize,
        start: usize,
        end: usize,
        len: usize,
    },
}

/// Agreement between `raters` (two or more); see the module documentation.
pub fn agree(raters: &[Rater], options: &Options) -> Result<Report, AgreementError> {
    let refs: Vec<&Rater> = raters.iter().collect();
    agree_refs(&refs, options)
}

/// [`agree`] on borrowed raters (teaching compares pairs without cloning).
fn agree_refs(raters: &[&Rater], options: &Options) -> Result<Report, AgreementError> {
    checked_threshold(options)?;
    let study = Study::new(raters)?;
    let reference = match &options.reference {
        None => None,
        Some(name) => Some(
            (study.names.iter().position(|n| n == name))
                .ok_or_else(|| AgreementError::UnknownReference(name.clone()))?,
        ),
    };
    Ok(report::build(&study, options, reference))
}

/// The match threshold, if it lies in `(0, 1]`.
fn checked_threshold(options: &Options) -> Result<f64, AgreementError> {
    let t = options.match_threshold;
    if t > 0.0 && t <= 1.0 {
        Ok(t)
    } else {
        Err(AgreementError::InvalidThreshold(t))
    }
}
