//! Figures that may be undefined, and the reason when they are.
//!
//! Agreement coefficients divide by quantities that can be zero (no units
//! to compare, or no variation to correct for chance). Such a figure is
//! never NaN here: it is an [`Estimate`] without a value and with an
//! [`Undefined`] reason, which the table renders `n/a`, JSON `null` and CSV
//! an empty cell.

use serde::Serialize;

/// Why a figure has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Undefined {
    /// No unit has values from two raters, so nothing can be compared.
    NoPairableUnits,
    /// Every value is the same (expected agreement is 1; for unitizing
    /// alpha: nobody marked a unit), so chance correction divides by zero.
    NoVariation,
    /// Cohen's kappa compares exactly two raters.
    NotTwoRaters,
    /// The rater (precision) or both sides (F1) have no passages to match.
    NoPassages,
    /// Unitizing alpha needs documents that every rater coded.
    NoCommonDocument,
}

impl Undefined {
    /// Every reason, in the order a legend lists them.
    pub const ALL: [Undefined; 5] = [
        Undefined::NoPairableUnits,
        Undefined::NoVariation,
        Undefined::NotTwoRaters,
        Undefined::NoPassages,
        Undefined::NoCommonDocument,
    ];

    /// Short label, as in JSON.
    pub fn label(self) -> &'static str {
        match self {
            Undefined::NoPairableUnits => "no_pairable_units",
            Undefined::NoVariation => "no_variation",
            Undefined::NotTwoRaters => "not_two_raters",
            Undefined::NoPassages => "no_passages",
            Undefined::NoCommonDocument => "no_common_document",
        }
    }
}

impl std::fmt::Display for Undefined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Undefined::NoPairableUnits => "no unit has values from two raters",
            Undefined::NoVariation => {
                "every value is the same (expected agreement is 1), so chance correction is undefined"
            }
            Undefined::NotTwoRaters => "Cohen's kappa needs exactly two raters; use alpha",
            Undefined::NoPassages => "there are no passages to match",
            Undefined::NoCommonDocument => "no document was coded by every rater",
        })
    }
}

/// A figure, or the reason it is undefined. Serialises as
/// `{"value": 0.81}` or `{"value": null, "undefined": "no_variation"}`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Estimate {
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<Undefined>,
}

impl Estimate {
    /// A defined figure. Callers divide only by checked non-zero
    /// denominators, so `value` is finite.
    pub fn of(value: f64) -> Self {
        debug_assert!(value.is_finite(), "agreement figures are finite");
        Self {
            value: Some(value),
            undefined: None,
        }
    }

    pub fn undefined(reason: Undefined) -> Self {
        Self {
            value: None,
            undefined: Some(reason),
        }
    }

    /// `numerator / denominator`, undefined for `reason` when the
    /// denominator is zero.
    pub fn ratio(numerator: f64, denominator: f64, reason: Undefined) -> Self {
        if denominator == 0.0 {
            Self::undefined(reason)
        } else {
            Self::of(numerator / denominator)
        }
    }
}

/// Unit-level figures of one code (or dimension, or the pool of codes).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Figures {
    /// Units with values from at least two raters (the pairable units).
    pub units: u64,
    /// Share of pairable units on which all raters present agree (0 to 1).
    pub observed_agreement: Estimate,
    /// Cohen's kappa; defined for exactly two raters.
    pub kappa: Estimate,
    /// Krippendorff's alpha, nominal.
    pub alpha: Estimate,
}
