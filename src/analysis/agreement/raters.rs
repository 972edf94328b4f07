//! Raters and their alignment into one study.
//!
//! Each rater brings a whole [`Project`] with its own ids. A [`Study`]
//! lines them up:
//! - documents match by plain text ([`Document::text`]), in order of first
//!   appearance (the first rater's documents, then new ones); a rater's
//!   passages on two documents with the same text pool together;
//! - codes match by name (`project.codebook.code(&id).name`): the first
//!   rater's codebook order, then names new in later codebooks, in their
//!   order;
//! - exclusive dimensions match by name and count only if every codebook
//!   that has the dimension marks it exclusive; their categories are the
//!   union of their code names, and a passage's code belongs to a
//!   dimension by the rater's own codebook;
//! - a rater has *coded* a document when they have at least one passage
//!   in it; otherwise all its units are missing data for them. A rater
//!   with no passages at all coded nothing, which is a coding too (a
//!   student who handed in an empty copy): they have coded every document
//!   their project holds, with no code anywhere.

use std::cmp::Reverse;
use std::collections::HashMap;

use crate::model::{CodeId, Document, DocumentId, Passage, Project};

use super::AgreementError;

/// One coder's coding, under a name the caller chooses (a file stem, a
/// coder name).
#[derive(Clone, Debug, PartialEq)]
pub struct Rater {
    pub name: String,
    pub project: Project,
}

impl Rater {
    pub fn new(name: impl Into<String>, project: Project) -> Self {
        Self {
            name: name.into(),
            project,
        }
    }
}

/// Name given to passages without a coder name by [`split_by_coder`].
pub const UNNAMED_CODER: &str = "(no coder name)";

/// One rater per distinct `passage.coder` of `project`, each with the whole
/// project but only that coder's passages. Order: the project's `coders`
/// list, then names in passage order; passages without a coder name go to
/// [`UNNAMED_CODER`].
pub fn split_by_coder(project: &Project) -> Vec<Rater> {
    coder_names(project)
        .into_iter()
        .map(|coder| {
            let mut own = project.clone();
            own.passages.retain(|p| coder_of(p) == coder);
            own.coders = vec![coder.clone()];
            Rater::new(coder, own)
        })
        .collect()
}

/// The names of the coders who coded passages of `project`, in
/// [`split_by_coder`]'s order (the `coders` list, then names in passage
/// order; [`UNNAMED_CODER`] for passages without one).
pub fn coder_names(project: &Project) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let listed = project
        .coders
        .iter()
        .filter(|c| project.passages.iter().any(|p| &p.coder == *c));
    for n in listed.cloned().chain(project.passages.iter().map(coder_of)) {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

fn coder_of(p: &Passage) -> String {
    if p.coder.is_empty() {
        UNNAMED_CODER.to_owned()
    } else {
        p.coder.clone()
    }
}

/// An exclusive dimension shared by the raters' codebooks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SharedDimension {
    pub name: String,
    /// Code names; category `i + 1` is `codes[i]`, category 0 is "none".
    pub codes: Vec<String>,
}

/// A code's place in an exclusive dimension: (dimension, category), the
/// category counting from 1 (0 is "none").
pub(crate) type Category = (usize, u32);

/// A rater's passage with its codes as study indices.
#[derive(Clone, Debug)]
pub(crate) struct Aligned<'a> {
    pub passage: &'a Passage,
    /// Indices into [`Study::codes`], without repeats.
    pub codes: Vec<usize>,
    /// `(dimension, category)` for codes in exclusive dimensions.
    pub categories: Vec<Category>,
}

/// Raters aligned on shared documents and code names.
#[derive(Debug)]
pub(crate) struct Study<'a> {
    pub names: Vec<&'a str>,
    /// One representative per distinct text (the first rater's).
    pub documents: Vec<&'a Document>,
    pub codes: Vec<String>,
    pub dimensions: Vec<SharedDimension>,
    /// `passages[rater][document]`, in position order (start, longest first).
    pub passages: Vec<Vec<Vec<Aligned<'a>>>>,
    /// `blank[rater][document]`: the rater coded nothing at all and their
    /// project has the document's text.
    blank: Vec<Vec<bool>>,
}

/// Where a rater's document ids and code ids land in the study.
struct Lookup<'a> {
    /// Document id to (study document, its length in code points).
    documents: HashMap<&'a DocumentId, (usize, usize)>,
    /// Code id to (study code, exclusive-dimension category if any).
    codes: HashMap<&'a CodeId, (usize, Option<Category>)>,
}

impl<'a> Study<'a> {
    pub fn new(raters: &[&'a Rater]) -> Result<Self, AgreementError> {
        if raters.len() < 2 {
            return Err(AgreementError::TooFewRaters(raters.len()));
        }
        for (i, r) in raters.iter().enumerate() {
            if raters[..i].iter().any(|o| o.name == r.name) {
                return Err(AgreementError::DuplicateRater(r.name.clone()));
            }
        }
        let mut study = Study {
            names: raters.iter().map(|r| r.name.as_str()).collect(),
            documents: shared_documents(raters),
            codes: shared_codes(raters),
            dimensions: shared_dimensions(raters),
            passages: Vec::new(),
            blank: Vec::new(),
        };
        for r in raters {
            let lookup = study.lookup(r);
            let mut blank = vec![false; study.documents.len()];
            if r.project.passages.is_empty() {
                for &(d, _) in lookup.documents.values() {
                    blank[d] = true;
                }
            }
            study.blank.push(blank);
            let aligned = study.align(r, &lookup)?;
            study.passages.push(aligned);
        }
        Ok(study)
    }

    /// The study of raters `a` and `b` alone, on the same documents and
    /// codes (so their figures line up with the whole study's).
    pub fn pair(&self, a: usize, b: usize) -> Study<'a> {
        Study {
            names: vec![self.names[a], self.names[b]],
            documents: self.documents.clone(),
            codes: self.codes.clone(),
            dimensions: self.dimensions.clone(),
            passages: vec![self.passages[a].clone(), self.passages[b].clone()],
            blank: vec![self.blank[a].clone(), self.blank[b].clone()],
        }
    }

    /// Whether rater `r` coded document `d`: has a passage there, or has
    /// no passage anywhere and was given the document (coded nothing).
    pub fn coded(&self, r: usize, d: usize) -> bool {
        !self.passages[r][d].is_empty() || self.blank[r][d]
    }

    /// Which raters coded document `d`.
    pub fn present(&self, d: usize) -> Vec<bool> {
        (0..self.names.len()).map(|r| self.coded(r, d)).collect()
    }

    /// Index of the code called `name`.
    pub fn code_index(&self, name: &str) -> Option<usize> {
        self.codes.iter().position(|c| c == name)
    }

    /// Index of the document with plain text `text`. A linear search: `==`
    /// on strings compares lengths first, so most candidates cost nothing,
    /// and equal texts are compared once instead of hashed repeatedly.
    pub fn document_index(&self, text: &str) -> Option<usize> {
        self.documents.iter().position(|d| d.text() == text)
    }

    /// The rater's ids mapped to study indices, each looked up once.
    fn lookup(&self, rater: &'a Rater) -> Lookup<'a> {
        let project = &rater.project;
        let documents = (project.documents.iter())
            .filter_map(|d| Some((d.id(), (self.document_index(d.text())?, d.char_len()))))
            .collect();
        let mut codes = HashMap::new();
        for (dim, code) in project.codebook.codes() {
            let Some(index) = self.code_index(&code.name) else {
                continue;
            };
            // The first code with an id wins, as `Codebook::code` finds it.
            codes
                .entry(&code.id)
                .or_insert((index, self.category(&dim.name, &code.name)));
        }
        Lookup { documents, codes }
    }

    /// Rater `r`'s passages by study document, codes as indices.
    fn align(
        &self,
        rater: &'a Rater,
        lookup: &Lookup,
    ) -> Result<Vec<Vec<Aligned<'a>>>, AgreementError> {
        let mut out: Vec<Vec<Aligned>> = vec![Vec::new(); self.documents.len()];
        for p in &rater.project.passages {
            let unknown = || AgreementError::UnknownDocument {
                rater: rater.name.clone(),
                passage: p.id.0.clone(),
                document: p.document.0.clone(),
            };
            let &(d, len) = lookup.documents.get(&p.document).ok_or_else(unknown)?;
            if p.start > p.end || p.end > len {
                return Err(AgreementError::OutOfRange {
                    rater: rater.name.clone(),
                    passage: p.id.0.clone(),
                    start: p.start,
                    end: p.end,
                    len,
                });
            }
            out[d].push(align_codes(rater, lookup, p)?);
        }
        for passages in &mut out {
            // Stable: passages with the same range keep the project's order.
            passages.sort_by_key(|a| (a.passage.start, Reverse(a.passage.end)));
        }
        Ok(out)
    }

    /// `(dimension, category)` of code `code` in exclusive dimension `dim`.
    fn category(&self, dim: &str, code: &str) -> Option<Category> {
        let d = self.dimensions.iter().position(|x| x.name == dim)?;
        let c = self.dimensions[d].codes.iter().position(|x| x == code)?;
        Some((d, c as u32 + 1))
    }
}

/// A passage with its code ids as study indices (repeats dropped).
fn align_codes<'a>(
    rater: &Rater,
    lookup: &Lookup,
    p: &'a Passage,
) -> Result<Aligned<'a>, AgreementError> {
    let mut aligned = Aligned {
        passage: p,
        codes: Vec::new(),
        categories: Vec::new(),
    };
    for id in &p.codes {
        let unknown = || AgreementError::UnknownCode {
            rater: rater.name.clone(),
            passage: p.id.0.clone(),
            code: id.0.clone(),
        };
        let &(index, category) = lookup.codes.get(id).ok_or_else(unknown)?;
        if !aligned.codes.contains(&index) {
            aligned.codes.push(index);
            aligned.categories.extend(category);
        }
    }
    Ok(aligned)
}

/// Distinct texts in order of first appearance.
fn shared_documents<'a>(raters: &[&'a Rater]) -> Vec<&'a Document> {
    let mut out: Vec<&Document> = Vec::new();
    for d in raters.iter().flat_map(|r| &r.project.documents) {
        if !out.iter().any(|o| o.text() == d.text()) {
            out.push(d);
        }
    }
    out
}

/// Distinct code names in order of first appearance.
fn shared_codes(raters: &[&Rater]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for r in raters {
        for (_, code) in r.project.codebook.codes() {
            if !names.contains(&code.name) {
                names.push(code.name.clone());
            }
        }
    }
    names
}

/// Dimensions exclusive in every codebook that has them, codes united.
fn shared_dimensions(raters: &[&Rater]) -> Vec<SharedDimension> {
    let mut dims: Vec<(SharedDimension, bool)> = Vec::new();
    for dim in raters.iter().flat_map(|r| &r.project.codebook.dimensions) {
        let at = match dims.iter().position(|(d, _)| d.name == dim.name) {
            Some(at) => at,
            None => {
                let fresh = SharedDimension {
                    name: dim.name.clone(),
                    codes: Vec::new(),
                };
                dims.push((fresh, true));
                dims.len() - 1
            }
        };
        let (shared, exclusive) = &mut dims[at];
        *exclusive &= dim.exclusive;
        for code in &dim.codes {
            if !shared.codes.contains(&code.name) {
                shared.codes.push(code.name.clone());
            }
        }
    }
    dims.into_iter()
        .filter(|(_, ex)| *ex)
        .map(|(d, _)| d)
        .collect()
}
