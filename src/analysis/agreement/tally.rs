//! Counting units into the tables the coefficients are computed from.
//!
//! A [`Tally`] receives units as the values raters gave them (a category
//! index, or `None` for missing), each with a weight (how many identical
//! units it stands for, so a sweep can add a whole segment at once). It
//! keeps:
//! - the pairable units (two or more values) and those where all values
//!   agree, for observed agreement;
//! - for studies of exactly two raters, their contingency table over units
//!   both rated (Cohen 1960):
//!   `kappa = (p_o - p_e) / (1 - p_e)`, `p_e = sum_c (row_c / n)(col_c / n)`;
//! - Krippendorff's coincidence matrix (Krippendorff 2011, "Computing
//!   Krippendorff's Alpha-Reliability", section C): each pairable unit `u`
//!   with `m_u` values adds `n_uc * n_uk / (m_u - 1)` to cell `(c, k)`
//!   (`n_uc (n_uc - 1) / (m_u - 1)` on the diagonal), and nominal
//!   `alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k`.
//!
//! Coincidences are kept as integer numerators per `m_u`, divided once at
//! the end, so sums stay exact until the last step. Tallies of the same
//! shape add ([`Tally::merge`]): that is how per-code figures pool into
//! the overall ones.

use std::collections::HashMap;
use std::hash::Hash;

use super::estimate::{Estimate, Figures, Undefined};

/// Counts of one study's units; see the module documentation.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tally {
    categories: usize,
    raters: usize,
    pairable: u64,
    agreeing: u64,
    /// Rater 0 in rows, rater 1 in columns; only for two-rater studies.
    confusion: Vec<u64>,
    /// `coincidence[m]`: numerators of units with `m` values, row-major.
    coincidence: Vec<Vec<u128>>,
    /// Values per category of the unit being added (reused buffer).
    scratch: Vec<u64>,
}

impl Tally {
    pub fn new(categories: usize, raters: usize) -> Self {
        Self {
            categories,
            raters,
            pairable: 0,
            agreeing: 0,
            confusion: vec![0; categories * categories],
            coincidence: vec![Vec::new(); raters + 1],
            scratch: vec![0; categories],
        }
    }

    /// Adds `weight` units on which the raters gave `values` (one entry per
    /// rater; category indices below `categories`).
    pub fn add(&mut self, values: &[Option<u32>], weight: u64) {
        let present = values.iter().flatten().count();
        if present < 2 || weight == 0 {
            return;
        }
        self.pairable += weight;
        let mut given = values.iter().flatten();
        let first = given.next();
        if given.all(|v| Some(v) == first) {
            self.agreeing += weight;
        }
        if let [Some(a), Some(b)] = values {
            self.confusion[*a as usize * self.categories + *b as usize] += weight;
        }
        self.add_coincidences(values, present, weight);
    }

    fn add_coincidences(&mut self, values: &[Option<u32>], present: usize, weight: u64) {
        self.scratch.fill(0);
        for v in values.iter().flatten() {
            self.scratch[*v as usize] += 1;
        }
        let c = self.categories;
        let cells = &mut self.coincidence[present];
        if cells.is_empty() {
            cells.resize(c * c, 0);
        }
        let counts = &self.scratch;
        for (i, &ni) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
            for (k, &nk) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
                let pairs = if i == k { ni * (ni - 1) } else { ni * nk };
                cells[i * c + k] += u128::from(weight) * u128::from(pairs);
            }
        }
    }

    /// Adds another tally of the same shape (pooling).
    pub fn merge(&mut self, other: &Tally) {
        debug_assert_eq!(
            (self.categories, self.raters),
            (other.categories, other.raters)
        );
        self.pairable += other.pairable;
        self.agreeing += other.agreeing;
        for (a, b) in self.confusion.iter_mut().zip(&other.confusion) {
            *a += b;
        }
        for (mine, theirs) in self.coincidence.iter_mut().zip(&other.coincidence) {
            if mine.is_empty() {
                mine.clone_from(theirs);
            } else {
                for (a, b) in mine.iter_mut().zip(theirs) {
                    *a += b;
                }
            }
        }
    }

    pub fn figures(&self) -> Figures {
        Figures {
            units: self.pairable,
            observed_agreement: self.observed_agreement(),
            kappa: self.kappa(),
            alpha: self.alpha(),
        }
    }

    /// Share of pairable units on which every value agrees.
    pub fn observed_agreement(&self) -> Estimate {
        Estimate::ratio(
            self.agreeing as f64,
            self.pairable as f64,
            Undefined::NoPairableUnits,
        )
    }

    /// Cohen's kappa over the units both raters rated.
    pub fn kappa(&self) -> Estimate {
        if self.raters != 2 {
            return Estimate::undefined(Undefined::NotTwoRaters);
        }
        let c = self.categories;
        let cell = |i: usize, k: usize| i128::from(self.confusion[i * c + k]);
        let n: i128 = (0..c)
            .flat_map(|i| (0..c).map(move |k| (i, k)))
            .map(|(i, k)| cell(i, k))
            .sum();
        if n == 0 {
            return Estimate::undefined(Undefined::NoPairableUnits);
        }
        let agree: i128 = (0..c).map(|i| cell(i, i)).sum();
        let row = |i: usize| (0..c).map(|k| cell(i, k)).sum::<i128>();
        let col = |k: usize| (0..c).map(|i| cell(i, k)).sum::<i128>();
        let chance: i128 = (0..c).map(|i| row(i) * col(i)).sum();
        // Multiplied through by n²: (n·agree − chance) / (n² − chance).
        Estimate::ratio(
            (n * agree - chance) as f64,
            (n * n - chance) as f64,
            Undefined::NoVariation,
        )
    }

    /// Krippendorff's nominal alpha from the coincidence matrix.
    pub fn alpha(&self) -> Estimate {
        let o = self.coincidence_matrix();
        let c = self.categories;
        let n_c: Vec<f64> = (0..c).map(|i| (0..c).map(|k| o[i * c + k]).sum()).collect();
        let n: f64 = n_c.iter().sum();
        if n == 0.0 {
            return Estimate::undefined(Undefined::NoPairableUnits);
        }
        let off_diagonal: f64 = (0..c)
            .flat_map(|i| (0..c).filter(move |&k| k != i).map(move |k| i * c + k))
            .map(|cell| o[cell])
            .sum();
        let expected = n * n - n_c.iter().map(|x| x * x).sum::<f64>();
        match Estimate::ratio((n - 1.0) * off_diagonal, expected, Undefined::NoVariation) {
            Estimate {
                value: Some(ratio), ..
            } => Estimate::of(1.0 - ratio),
            undefined => undefined,
        }
    }

    /// `o_ck`, row-major: each `m`'s numerators divided by `m - 1`.
    fn coincidence_matrix(&self) -> Vec<f64> {
        let mut o = vec![0.0; self.categories * self.categories];
        for (m, cells) in self.coincidence.iter().enumerate().skip(2) {
            for (out, &x) in o.iter_mut().zip(cells) {
                *out += x as f64 / (m - 1) as f64;
            }
        }
        o
    }
}

/// Figures for a units × raters matrix of nominal values (`None` =
/// missing). Rows may differ in length; absent entries are missing.
pub fn nominal_figures<T: Eq + Hash>(units: &[Vec<Option<T>>]) -> Figures {
    let mut categories: HashMap<&T, u32> = HashMap::new();
    for v in units.iter().flatten().flatten() {
        let next = categories.len() as u32;
        categories.entry(v).or_insert(next);
    }
    let raters = units.iter().map(Vec::len).max().unwrap_or(0);
    let mut tally = Tally::new(categories.len(), raters);
    let mut row = vec![None; raters];
    for unit in units {
        row.fill(None);
        for (slot, v) in row.iter_mut().zip(unit) {
            *slot = v.as_ref().and_then(|v| categories.get(v).copied());
        }
        tally.add(&row, 1);
    }
    tally.figures()
}

/// Krippendorff's alpha (nominal) of a units × raters matrix with missing
/// values; see [`nominal_figures`].
pub fn nominal_alpha<T: Eq + Hash>(units: &[Vec<Option<T>>]) -> Estimate {
    nominal_figures(units).alpha
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_count_like_repeated_units() {
        let mut one = Tally::new(2, 2);
        one.add(&[Some(1), Some(0)], 3);
        one.add(&[Some(1), Some(1)], 2);
        let mut many = Tally::new(2, 2);
        for _ in 0..3 {
            many.add(&[Some(1), Some(0)], 1);
        }
        for _ in 0..2 {
            many.add(&[Some(1), Some(1)], 1);
        }
        assert_eq!(one.figures(), many.figures());
    }

    #[test]
    fn merging_equals_adding_everything_to_one() {
        let (mut a, mut b, mut all) = (Tally::new(2, 3), Tally::new(2, 3), Tally::new(2, 3));
        let units = [
            [Some(0), Some(1), None],
            [Some(1), Some(1), Some(1)],
            [Some(0), None, Some(0)],
            [None, Some(1), None],
        ];
        for (i, u) in units.iter().enumerate() {
            all.add(u, 2);
            if i % 2 == 0 { a.add(u, 2) } else { b.add(u, 2) }
        }
        a.merge(&b);
        assert_eq!(a.figures(), all.figures());
    }

    #[test]
    fn single_values_are_not_pairable() {
        let f = nominal_figures(&[vec![Some('a'), None], vec![None, Some('b')]]);
        assert_eq!(f.units, 0);
        assert_eq!(f.alpha, Estimate::undefined(Undefined::NoPairableUnits));
        assert_eq!(f.kappa, Estimate::undefined(Undefined::NoPairableUnits));
    }

    #[test]
    fn kappa_needs_two_raters() {
        let f = nominal_figures(&[
            vec![Some(1), Some(1), Some(2)],
            vec![Some(2), Some(2), Some(2)],
        ]);
        assert_eq!(f.kappa, Estimate::undefined(Undefined::NotTwoRaters));
        assert!(f.alpha.value.is_some());
    }
}
