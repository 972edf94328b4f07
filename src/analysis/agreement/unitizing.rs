//! Krippendorff's unitizing alpha (uα) for one category, where coders
//! choose their own boundaries on a continuum.
//!
//! Source: Krippendorff (1995), "On the reliability of unitizing
//! continuous data", Sociological Methodology 25: 47–76, in the discrete
//! form of Krippendorff (2004), *Content Analysis*, 2nd ed., section 11.6
//! (as DKPro Statistics' `KrippendorffAlphaUnitizingAgreement` computes
//! it). Each rater's continuum of length `L` is cut into segments: units
//! (the rater's passages) and gaps (everything else). With `m` raters,
//! segment `g` of rater `i` starting at `b_ig` with length `l_ig`:
//!
//! - observed: `D_o = sum_{i != j} sum_{g,h} d(ig, jh) / (m (m - 1) L²)`,
//!   where for two overlapping units `d = (b_ig - b_jh)² + (e_ig - e_jh)²`
//!   (squared differences of starts and ends), for a unit lying inside the
//!   other rater's gap `d = l²` (its squared length), and `d = 0` otherwise;
//! - expected: `D_e = (2 / L) sum_units [ (N - 1)/3 (2l³ - 3l² + l)
//!   + l² sum_{gaps g >= l} (g - l + 1) ] / [ mL (mL - 1) - sum_units l (l - 1) ]`
//!   over all raters' units (`N` of them) and gaps;
//! - `uα = 1 - D_o / D_e`, undefined when `D_e = 0` (no unit marked).
//!
//! Positions are integers (code points). A rater's overlapping units join
//! into one (a rater cannot disagree with themselves); touching units stay
//! two, since where one unit ends and the next begins is a unitizing
//! decision. Empty units carry no length and are dropped. Section ends
//! (document boundaries) cut every rater's gaps.

use serde::Serialize;

use super::AgreementError;
use super::estimate::{Estimate, Undefined};
use super::raters::Study;

/// Observed and expected disagreement and the resulting uα.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct UnitizingAlpha {
    pub observed: f64,
    pub expected: f64,
    pub alpha: Estimate,
}

/// A unit or a gap of one rater's continuum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    start: usize,
    end: usize,
    unit: bool,
}

impl Segment {
    fn len(&self) -> u128 {
        (self.end - self.start) as u128
    }
}

/// uα of one category on a continuum made of `sections` (their lengths,
/// laid end to end), with each rater's units as half-open `(start, end)`
/// ranges of that continuum.
pub fn unitizing_alpha(
    sections: &[usize],
    raters: &[Vec<(usize, usize)>],
) -> Result<UnitizingAlpha, AgreementError> {
    if raters.len() < 2 {
        return Err(AgreementError::TooFewRaters(raters.len()));
    }
    let len: usize = sections.iter().sum();
    let mut continua = Vec::with_capacity(raters.len());
    for (rater, units) in raters.iter().enumerate() {
        if let Some(&(start, end)) = units.iter().find(|(s, e)| s > e || *e > len) {
            return Err(AgreementError::OutsideContinuum {
                rater,
                start,
                end,
                len,
            });
        }
        continua.push(segments(&normalised(units), sections));
    }
    Ok(alpha_of(&continua, len))
}

fn alpha_of(continua: &[Vec<Segment>], len: usize) -> UnitizingAlpha {
    if len == 0 {
        let alpha = Estimate::undefined(Undefined::NoPairableUnits);
        return UnitizingAlpha {
            observed: 0.0,
            expected: 0.0,
            alpha,
        };
    }
    let observed = observed(continua, len);
    let expected = expected(continua, len);
    let alpha = match Estimate::ratio(observed, expected, Undefined::NoVariation) {
        Estimate {
            value: Some(ratio), ..
        } => Estimate::of(1.0 - ratio),
        undefined => undefined,
    };
    UnitizingAlpha {
        observed,
        expected,
        alpha,
    }
}

/// Sorted, non-empty units with overlaps joined (touching ones kept apart).
fn normalised(units: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut sorted: Vec<(usize, usize)> = units.iter().copied().filter(|(s, e)| s < e).collect();
    sorted.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(sorted.len());
    for (s, e) in sorted {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The rater's continuum as units and gaps; gaps end at section ends.
fn segments(units: &[(usize, usize)], sections: &[usize]) -> Vec<Segment> {
    let ends: Vec<usize> = (sections.iter())
        .scan(0, |at, l| {
            *at += l;
            Some(*at)
        })
        .collect();
    let mut out = Vec::with_capacity(2 * units.len() + ends.len());
    let mut pos = 0;
    let gap_to = |out: &mut Vec<Segment>, from: usize, to: usize| {
        let cuts = ends.iter().copied().filter(|&c| from < c && c < to);
        let mut start = from;
        for cut in cuts.chain([to]).filter(|&c| c > from) {
            out.push(Segment {
                start,
                end: cut,
                unit: false,
            });
            start = cut;
        }
    };
    for &(start, end) in units {
        gap_to(&mut out, pos, start);
        out.push(Segment {
            start,
            end,
            unit: true,
        });
        pos = end;
    }
    gap_to(&mut out, pos, ends.last().copied().unwrap_or(0));
    out
}

/// `D_o`: each unordered pair of raters, both orders (the distance is
/// symmetric), over the total `m (m - 1) L²`.
fn observed(continua: &[Vec<Segment>], len: usize) -> f64 {
    let mut sum: u128 = 0;
    for (i, a) in continua.iter().enumerate() {
        for b in &continua[i + 1..] {
            sum += pair_distance(a, b);
        }
    }
    let m = continua.len() as f64;
    2.0 * sum as f64 / (m * (m - 1.0) * (len as f64).powi(2))
}

/// Sum of `d` over every overlapping pair of segments of two raters. Both
/// tile the same continuum, so walking them together meets each
/// overlapping pair once; other pairs have `d = 0`.
fn pair_distance(a: &[Segment], b: &[Segment]) -> u128 {
    let (mut i, mut j, mut sum) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        sum += distance(x, y);
        match x.end.cmp(&y.end) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => (i, j) = (i + 1, j + 1),
        }
    }
    sum
}

/// `d` between two overlapping segments.
fn distance(x: &Segment, y: &Segment) -> u128 {
    let inside =
        |inner: &Segment, outer: &Segment| outer.start <= inner.start && inner.end <= outer.end;
    match (x.unit, y.unit) {
        (true, true) => {
            let sq = |p: usize, q: usize| (p.abs_diff(q) as u128).pow(2);
            sq(x.start, y.start) + sq(x.end, y.end)
        }
        (true, false) if inside(x, y) => x.len().pow(2),
        (false, true) if inside(y, x) => y.len().pow(2),
        _ => 0,
    }
}

/// `D_e` over all raters' units and gaps.
fn expected(continua: &[Vec<Segment>], len: usize) -> f64 {
    let all = continua.iter().flatten();
    let units: Vec<u128> = all.clone().filter(|s| s.unit).map(Segment::len).collect();
    let mut gaps: Vec<u128> = all.filter(|s| !s.unit).map(Segment::len).collect();
    gaps.sort_unstable();
    // Suffix sums over gaps sorted ascending: count and sum of (g + 1).
    let mut suffix = vec![(0u128, 0u128); gaps.len() + 1];
    for (k, g) in gaps.iter().enumerate().rev() {
        suffix[k] = (suffix[k + 1].0 + 1, suffix[k + 1].1 + g + 1);
    }
    let n = units.len() as u128;
    let mut numerator: u128 = 0;
    for &l in &units {
        // l (l - 1) (2l - 1) is divisible by 6, so the division is exact.
        numerator += (n - 1) * (l * (l - 1) * (2 * l - 1)) / 3;
        let (count, sum) = suffix[gaps.partition_point(|&g| g < l)];
        numerator += l * l * (sum - l * count);
    }
    let ml = (continua.len() * len) as u128;
    let within: u128 = units.iter().map(|l| l * (l - 1)).sum();
    let denominator = len as f64 * (ml * (ml - 1) - within) as f64;
    if denominator == 0.0 {
        return 0.0;
    }
    2.0 * numerator as f64 / denominator
}

/// uα of code `code` over the documents every rater coded, laid end to end.
pub(crate) fn code_unitizing(study: &Study, code: usize) -> Estimate {
    let raters = study.names.len();
    let common: Vec<usize> = (0..study.documents.len())
        .filter(|&d| (0..raters).all(|r| study.coded(r, d)))
        .collect();
    if common.is_empty() {
        return Estimate::undefined(Undefined::NoCommonDocument);
    }
    let sections: Vec<usize> = common
        .iter()
        .map(|&d| study.documents[d].char_len())
        .collect();
    let mut units = vec![Vec::new(); raters];
    let mut offset = 0;
    for (&d, &len) in common.iter().zip(&sections) {
        for (r, passages) in study.passages.iter().enumerate() {
            let with = passages[d].iter().filter(|a| a.codes.contains(&code));
            units[r].extend(with.map(|a| (offset + a.passage.start, offset + a.passage.end)));
        }
        offset += len;
    }
    // The study checked every range against its document, so this holds.
    match unitizing_alpha(&sections, &units) {
        Ok(u) => u.alpha,
        Err(_) => Estimate::undefined(Undefined::NoPairableUnits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_cut_at_section_ends() {
        let segs = segments(&[(2, 4)], &[3, 5]);
        let spans: Vec<(usize, usize, bool)> =
            segs.iter().map(|s| (s.start, s.end, s.unit)).collect();
        assert_eq!(spans, vec![(0, 2, false), (2, 4, true), (4, 8, false)]);
        let segs = segments(&[], &[3, 5]);
        assert_eq!(segs.len(), 2);
    }

    #[test]
    fn overlaps_join_but_touching_units_stay_apart() {
        assert_eq!(
            normalised(&[(5, 9), (0, 3), (2, 4), (4, 5), (7, 7)]),
            vec![(0, 4), (4, 5), (5, 9)]
        );
    }

    #[test]
    fn identical_unitizing_is_perfect_and_nothing_marked_is_undefined() {
        let same =
            unitizing_alpha(&[20], &[vec![(2, 6), (10, 15)], vec![(2, 6), (10, 15)]]).unwrap();
        assert_eq!(same.observed, 0.0);
        assert_eq!(same.alpha, Estimate::of(1.0));
        let none = unitizing_alpha(&[20], &[vec![], vec![]]).unwrap();
        assert_eq!(none.alpha, Estimate::undefined(Undefined::NoVariation));
    }

    #[test]
    fn units_outside_the_continuum_are_refused() {
        let err = unitizing_alpha(&[10], &[vec![(2, 11)], vec![]]).unwrap_err();
        assert!(matches!(
            err,
            AgreementError::OutsideContinuum { rater: 0, .. }
        ));
    }
}
