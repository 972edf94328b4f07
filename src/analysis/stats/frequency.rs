//! Code frequencies: passages, coded characters and shares, over all
//! passages, per coder and per document, and of any [`Query`].

use std::collections::HashMap;

use super::intervals::{Figure, Measured};
use super::prepared::{Entry, Prepared};
use super::{CoderTally, DocumentTally, Frequency, Query, Tally};
use crate::model::Project;

/// Every code's measured figure (codebook order) and that of "any code".
pub(super) struct CodeMeasures {
    pub per_code: Vec<Measured>,
    pub any: Measured,
}

impl CodeMeasures {
    /// Over all documents, shares of `total` code points.
    pub fn tally(&self, total: usize) -> Tally {
        Tally {
            codes: self.per_code.iter().map(|m| m.frequency(total)).collect(),
            any_code: self.any.frequency(total),
        }
    }

    /// In document `doc` of `len` code points.
    fn tally_in(&self, doc: usize, len: usize) -> Tally {
        Tally {
            codes: (self.per_code.iter())
                .map(|m| m.frequency_in(doc, len))
                .collect(),
            any_code: self.any.frequency_in(doc, len),
        }
    }
}

/// Measures every code over `entries`.
pub(super) fn measure_codes<'e>(
    prep: &Prepared,
    entries: impl IntoIterator<Item = &'e Entry>,
) -> CodeMeasures {
    let mut per_code = vec![Figure::default(); prep.codes.len()];
    let mut any = Figure::default();
    for e in entries {
        for &c in &e.codes {
            per_code[c].add(e);
        }
        if !e.codes.is_empty() {
            any.add(e);
        }
    }
    let docs = prep.documents();
    CodeMeasures {
        per_code: per_code.into_iter().map(|f| f.measure(docs)).collect(),
        any: any.measure(docs),
    }
}

/// One tally per document, in project order, from the all-passage measures.
pub(super) fn per_document(prep: &Prepared, measures: &CodeMeasures) -> Vec<DocumentTally> {
    (prep.project.documents.iter().enumerate())
        .map(|(i, d)| DocumentTally {
            document: d.id().clone(),
            tally: measures.tally_in(i, d.char_len()),
        })
        .collect()
}

/// One tally per coder: the project's coders, then others in position order.
pub(super) fn per_coder(prep: &Prepared) -> Vec<CoderTally> {
    let mut order: Vec<&str> = Vec::new();
    let mut groups: HashMap<&str, Vec<&Entry>> = HashMap::new();
    for coder in &prep.project.coders {
        if groups.insert(coder, Vec::new()).is_none() {
            order.push(coder);
        }
    }
    for e in &prep.entries {
        let coder = prep.passage(e).coder.as_str();
        groups
            .entry(coder)
            .or_insert_with(|| {
                order.push(coder);
                Vec::new()
            })
            .push(e);
    }
    let total = prep.total_characters();
    order
        .into_iter()
        .map(|coder| CoderTally {
            coder: coder.to_owned(),
            tally: measure_codes(prep, groups.remove(coder).unwrap_or_default()).tally(total),
        })
        .collect()
}

/// Passages matching `query`, the code points they cover and the share of
/// all the project's text that makes.
pub fn frequency(project: &Project, query: &Query) -> Frequency {
    let prep = Prepared::select(project, |p| query.matches(p));
    query_figure(&prep)
        .measure(prep.documents())
        .frequency(prep.total_characters())
}

/// All entries of `prep` as one figure.
pub(super) fn query_figure(prep: &Prepared) -> Figure {
    let mut figure = Figure::default();
    for e in &prep.entries {
        figure.add(e);
    }
    figure
}
