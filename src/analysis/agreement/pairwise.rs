//! Every pair of raters on its own: Cohen's kappa per code and pooled over
//! all text, and passage F1 of each rater against the other.
//!
//! With more than two raters the report's kappa is undefined
//! (`not_two_raters`: Cohen's kappa compares two), so a study of three or
//! more coders reads kappa pair by pair: the Compare window shows a coders ×
//! coders table of it, and its F1 column is one rater against another
//! (not only against the reference). Each pair is counted exactly as
//! [`agree`](super::agree) counts a study of those two raters alone (the
//! same tallies, `report::code_tallies`), on the whole study's documents and
//! codes: a document neither of the two coded is missing for both, so it
//! adds nothing, and a code only a third rater used is all 0 for the pair.

use serde::Serialize;

use super::estimate::{Estimate, Figures};
use super::passages::{PassageComparison, compare};
use super::raters::{Rater, Study};
use super::render::{csv_cell, write_csv};
use super::report::{ALL_CODES, code_tallies};
use super::units::Units;
use super::{AgreementError, Options, checked_threshold};

/// Two raters' figures; `first` comes before `second` in the study.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pair {
    pub first: String,
    pub second: String,
    /// Per code (in [`Pairwise::codes`] order), over all text.
    pub codes: Vec<Figures>,
    /// All codes pooled.
    pub overall: Figures,
    /// `first`'s passages matched against `second`'s, and the reverse
    /// (precision and recall swap; F1 is the same unless ties in the
    /// greedy matching fall differently).
    pub first_against_second: PassageComparison,
    pub second_against_first: PassageComparison,
}

/// Every pair of a study's raters.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pairwise {
    pub raters: Vec<String>,
    pub codes: Vec<String>,
    /// `(0, 1), (0, 2), …, (1, 2), …` in rater order.
    pub pairs: Vec<Pair>,
}

impl Pairwise {
    fn pair(&self, a: &str, b: &str) -> Option<(&Pair, bool)> {
        self.pairs.iter().find_map(|p| {
            if (p.first.as_str(), p.second.as_str()) == (a, b) {
                Some((p, false))
            } else if (p.first.as_str(), p.second.as_str()) == (b, a) {
                Some((p, true))
            } else {
                None
            }
        })
    }

    /// The figures of raters `a` and `b` for code `code` (a name, or
    /// [`ALL_CODES`] for the pool); `None` for one rater with themself or
    /// an unknown name.
    pub fn figures(&self, a: &str, b: &str, code: &str) -> Option<Figures> {
        let (pair, _) = self.pair(a, b)?;
        if code == ALL_CODES {
            return Some(pair.overall);
        }
        let c = self.codes.iter().position(|n| n == code)?;
        pair.codes.get(c).copied()
    }

    /// `rater`'s passages against `other`'s.
    pub fn passages(&self, rater: &str, other: &str) -> Option<&PassageComparison> {
        let (pair, swapped) = self.pair(rater, other)?;
        Some(match swapped {
            false => &pair.first_against_second,
            true => &pair.second_against_first,
        })
    }
}

/// Every pair of `raters` (two or more, distinct names).
pub fn pairwise(raters: &[Rater], options: &Options) -> Result<Pairwise, AgreementError> {
    let threshold = checked_threshold(options)?;
    let refs: Vec<&Rater> = raters.iter().collect();
    let study = Study::new(&refs)?;
    let units: Vec<Units> = (study.documents.iter())
        .map(|d| Units::new(d, options.exclude_whitespace))
        .collect();
    let n = study.names.len();
    let mut pairs = Vec::with_capacity(n * (n - 1) / 2);
    for a in 0..n {
        for b in a + 1..n {
            pairs.push(pair(&study, a, b, &units, threshold));
        }
    }
    Ok(Pairwise {
        raters: study.names.iter().map(|n| n.to_string()).collect(),
        codes: study.codes.clone(),
        pairs,
    })
}

fn pair(study: &Study, a: usize, b: usize, units: &[Units], threshold: f64) -> Pair {
    let two = study.pair(a, b);
    let (codes, overall) = code_tallies(&two, units);
    Pair {
        first: study.names[a].to_owned(),
        second: study.names[b].to_owned(),
        codes: codes.iter().map(|t| t.all.figures()).collect(),
        overall: overall.all.figures(),
        first_against_second: compare(&two, 0, 1, threshold),
        second_against_first: compare(&two, 1, 0, threshold),
    }
}

/// The pairs as CSV, one row per pair and code, then per pair pooled:
/// `code,first,second,units,observed_agreement,kappa,f1` (F1: `first`'s
/// passages against `second`'s); undefined is empty.
pub fn pairwise_csv(p: &Pairwise) -> String {
    let mut rows = Vec::new();
    for pair in &p.pairs {
        let f1 = &pair.first_against_second;
        let codes = p.codes.iter().zip(&pair.codes).zip(&f1.codes);
        for ((code, figures), passages) in codes {
            rows.push(row(code, pair, figures, &passages.figures.f1));
        }
        rows.push(row(ALL_CODES, pair, &pair.overall, &f1.overall.f1));
    }
    let header = [
        "code",
        "first",
        "second",
        "units",
        "observed_agreement",
        "kappa",
        "f1",
    ];
    write_csv(&header, &rows)
}

fn row(code: &str, pair: &Pair, f: &Figures, f1: &Estimate) -> Vec<String> {
    vec![
        code.to_owned(),
        pair.first.clone(),
        pair.second.clone(),
        f.units.to_string(),
        csv_cell(&f.observed_agreement),
        csv_cell(&f.kappa),
        csv_cell(f1),
    ]
}
