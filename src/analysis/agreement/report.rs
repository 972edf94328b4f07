//! The agreement report: every figure of a study, computed once, ready to
//! render as a table, CSV or JSON (see `render`).

use serde::Serialize;

use super::Options;
use super::estimate::{Estimate, Figures};
use super::passages::{PassageComparison, compare};
use super::raters::Study;
use super::unitizing::code_unitizing;
use super::units::{Tallies, Units, dimension_categories, tally_code, tally_dimension};

/// Everything `agree` computed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub raters: Vec<String>,
    pub reference: Option<String>,
    pub exclude_whitespace: bool,
    pub match_threshold: f64,
    pub documents: Vec<DocumentInfo>,
    pub codes: Vec<CodeAgreement>,
    /// All codes pooled: the concatenation of the per-code binary vectors.
    pub overall: Scopes,
    pub dimensions: Vec<DimensionAgreement>,
    /// One entry per rater other than the reference (empty without one).
    pub passages: Vec<PassageComparison>,
}

/// A document of the study.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentInfo {
    pub title: String,
    pub characters: usize,
    /// Units after the whitespace option.
    pub units: u64,
    /// Raters with at least one passage in it; the others are missing.
    pub coded_by: Vec<String>,
}

/// Figures over all text and over coded text only.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scopes {
    /// Every unit.
    pub all_text: Figures,
    /// Only units at least one rater gave this code (for a dimension: any
    /// of its codes; overall: the pool of each code's coded units).
    pub coded_text: Figures,
}

impl From<&Tallies> for Scopes {
    fn from(t: &Tallies) -> Self {
        Self {
            all_text: t.all.figures(),
            coded_text: t.coded.figures(),
        }
    }
}

/// One code's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeAgreement {
    pub code: String,
    #[serde(flatten)]
    pub scopes: Scopes,
    /// Krippendorff's uα over the documents every rater coded.
    pub unitizing_alpha: Estimate,
}

/// One exclusive dimension's nominal figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DimensionAgreement {
    pub dimension: String,
    /// Values a unit can take: "none", the codes, "several".
    pub categories: Vec<String>,
    #[serde(flatten)]
    pub scopes: Scopes,
}

/// Label of the dimension category "no code of the dimension".
pub const NONE_CATEGORY: &str = "none";
/// Label of rows pooling all codes (tables, teaching CSV).
pub const ALL_CODES: &str = "(all codes pooled)";
/// Label of the category "overlapping passages give different codes".
pub const SEVERAL_CATEGORY: &str = "several";

/// Builds the report; `reference` is the study index of the reference.
pub(crate) fn build(study: &Study, options: &Options, reference: Option<usize>) -> Report {
    let units: Vec<Units> = (study.documents.iter())
        .map(|d| Units::new(d, options.exclude_whitespace))
        .collect();
    let raters = study.names.len();
    let (codes, overall) = code_agreements(study, &units);
    let passages = reference.map_or_else(Vec::new, |reference| {
        (0..raters)
            .filter(|&r| r != reference)
            .map(|r| compare(study, r, reference, options.match_threshold))
            .collect()
    });
    Report {
        raters: study.names.iter().map(|n| n.to_string()).collect(),
        reference: reference.map(|r| study.names[r].to_owned()),
        exclude_whitespace: options.exclude_whitespace,
        match_threshold: options.match_threshold,
        documents: document_infos(study, &units),
        codes,
        overall: Scopes::from(&overall),
        dimensions: dimensions(study, &units),
        passages,
    }
}

/// Each code's figures, and the tallies of all codes pooled.
fn code_agreements(study: &Study, units: &[Units]) -> (Vec<CodeAgreement>, Tallies) {
    let (tallies, overall) = code_tallies(study, units);
    let codes = (study.codes.iter().zip(&tallies).enumerate())
        .map(|(c, (name, t))| CodeAgreement {
            code: name.clone(),
            scopes: Scopes::from(t),
            unitizing_alpha: code_unitizing(study, c),
        })
        .collect();
    (codes, overall)
}

/// Each code's binary tallies over every document, and their pool (the
/// one count behind the report's and the pairwise table's kappas).
pub(crate) fn code_tallies(study: &Study, units: &[Units]) -> (Vec<Tallies>, Tallies) {
    let raters = study.names.len();
    let mut overall = Tallies::new(2, raters);
    let mut codes = Vec::with_capacity(study.codes.len());
    for c in 0..study.codes.len() {
        let mut t = Tallies::new(2, raters);
        for (d, u) in units.iter().enumerate() {
            t.merge(&tally_code(study, d, c, u));
        }
        overall.merge(&t);
        codes.push(t);
    }
    (codes, overall)
}

fn document_infos(study: &Study, units: &[Units]) -> Vec<DocumentInfo> {
    (study.documents.iter().zip(units).enumerate())
        .map(|(d, (doc, u))| DocumentInfo {
            title: doc.title().to_owned(),
            characters: doc.char_len(),
            units: u.count(0, doc.char_len()),
            coded_by: (0..study.names.len())
                .filter(|&r| study.coded(r, d))
                .map(|r| study.names[r].to_owned())
                .collect(),
        })
        .collect()
}

fn dimensions(study: &Study, units: &[Units]) -> Vec<DimensionAgreement> {
    let raters = study.names.len();
    (study.dimensions.iter().enumerate())
        .map(|(x, dim)| {
            let mut t = Tallies::new(dimension_categories(dim.codes.len()), raters);
            for (d, u) in units.iter().enumerate() {
                t.merge(&tally_dimension(study, d, x, u));
            }
            let names = dim.codes.iter().map(String::as_str);
            let categories = std::iter::once(NONE_CATEGORY)
                .chain(names)
                .chain([SEVERAL_CATEGORY])
                .map(str::to_owned)
                .collect();
            DimensionAgreement {
                dimension: dim.name.clone(),
                categories,
                scopes: Scopes::from(&t),
            }
        })
        .collect()
}
