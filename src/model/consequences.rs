//! What deleting a code or a dimension does to the coding, counted before
//! the user answers, and the question's sentence saying it.
//!
//! Deleting a code (`Edit::RemoveCode`, `Edit::RemoveDimension`) takes the
//! code off every passage and orphan that carries it, and nothing else: a
//! passage whose last code it was stays, as an uncoded passage, with its
//! range, memo and links. Undo puts the code back on each.

use super::codebook::{CodeId, DimensionId};
use super::passage::PassageId;
use super::project::Project;

/// The counts behind the delete question.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeleteConsequences {
    /// Placed passages carrying the code (for a dimension: any of its codes).
    pub passages: usize,
    /// Of those, the ones with no other code: they stay, uncoded.
    pub left_uncoded: usize,
    /// Links with an end at a passage left uncoded (kept, as they are).
    pub links_of_uncoded: usize,
    /// Passages awaiting re-placing (orphans) that lose the code too.
    pub orphans: usize,
    /// Whether this is about a dimension's codes rather than one code.
    pub dimension: bool,
}

impl Project {
    /// What deleting the code `id` would do.
    pub fn delete_code_consequences(&self, id: &CodeId) -> DeleteConsequences {
        self.delete_consequences(std::slice::from_ref(id), false)
    }

    /// What deleting the dimension `id` (and so all its codes) would do;
    /// all zero for a dimension the codebook lacks.
    pub fn delete_dimension_consequences(&self, id: &DimensionId) -> DeleteConsequences {
        let codes: Vec<CodeId> = (self.codebook.dimension(id).into_iter())
            .flat_map(|d| d.codes.iter().map(|c| c.id.clone()))
            .collect();
        self.delete_consequences(&codes, true)
    }

    fn delete_consequences(&self, gone: &[CodeId], dimension: bool) -> DeleteConsequences {
        let mut out = DeleteConsequences {
            dimension,
            ..DeleteConsequences::default()
        };
        let mut uncoded: Vec<&PassageId> = Vec::new();
        for p in self.passages.iter() {
            if p.codes.iter().any(|c| gone.contains(c)) {
                out.passages += 1;
                if p.codes.iter().all(|c| gone.contains(c)) {
                    uncoded.push(&p.id);
                }
            }
        }
        out.left_uncoded = uncoded.len();
        let uncoded: std::collections::HashSet<&PassageId> = uncoded.into_iter().collect();
        out.links_of_uncoded = (self.links.iter())
            .filter(|l| uncoded.contains(&l.from) || uncoded.contains(&l.to))
            .count();
        out.orphans = (self.orphans.iter())
            .filter(|o| o.codes.iter().any(|c| gone.contains(c)))
            .count();
        out
    }
}

/// "1 passage" or "3 passages".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl DeleteConsequences {
    /// The question's body, e.g. "12 passages carry it: 9 keep their other
    /// codes; 3 have no other code and stay as uncoded passages (their
    /// memos and 2 links kept). Undo brings it back."
    pub fn sentence(&self) -> String {
        let it = if self.dimension { "its codes" } else { "it" };
        let mut out = if self.passages == 0 {
            format!("No passage carries {it}.")
        } else {
            let carry = if self.passages == 1 {
                "carries"
            } else {
                "carry"
            };
            let head = format!(
                "{} {carry} {it}",
                count(self.passages, "passage", "passages")
            );
            format!("{head}: {}.", self.split())
        };
        if self.orphans > 0 {
            let orphans = count(self.orphans, "passage", "passages");
            out.push_str(&format!(" {orphans} awaiting re-placing lose {it} too."));
        }
        out.push_str(" Undo brings it back.");
        out
    }

    /// What becomes of the passages carrying the code.
    fn split(&self) -> String {
        let keep = self.passages - self.left_uncoded;
        let kept = (keep > 0).then(|| {
            let all = if self.left_uncoded == 0 && keep > 1 {
                "all "
            } else {
                ""
            };
            let verb = if keep == 1 { "keeps its" } else { "keep their" };
            format!("{all}{keep} {verb} other codes")
        });
        let bare = (self.left_uncoded > 0).then(|| {
            let (have, stay, their) = match self.left_uncoded {
                1 => ("has", "stays as an uncoded passage", "its memo"),
                _ => ("have", "stay as uncoded passages", "their memos"),
            };
            let links = match self.links_of_uncoded {
                0 => String::new(),
                n => format!(" and {}", count(n, "link", "links")),
            };
            format!(
                "{} {have} no other code and {stay} ({their}{links} kept)",
                self.left_uncoded
            )
        });
        match (kept, bare) {
            (Some(k), Some(b)) => format!("{k}; {b}"),
            (Some(k), None) => k,
            (None, Some(b)) => b,
            (None, None) => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets;
    use crate::model::{Edit, Link, Passage, RelationId};
    use chrono::Utc;

    /// The bundled brief with five passages: three Pretext only, one
    /// Pretext and Bilateral, one Cause only; a link from the first
    /// Pretext-only passage to the Cause passage.
    fn project() -> Project {
        let mut project = assets::example_project();
        project.passages = Vec::new().into();
        project.links.clear();
        project.orphans.clear();
        let doc = project.documents[0].clone();
        let codes: [&[&str]; 5] = [
            &["pretext"],
            &["pretext"],
            &["pretext"],
            &["pretext", "bilateral"],
            &["cause"],
        ];
        for (k, codes) in codes.iter().enumerate() {
            let mut p = Passage::new(&doc, k * 10, k * 10 + 5, "T", Utc::now());
            p.codes = codes.iter().map(|c| CodeId((*c).into())).collect();
            project.passages.push(p);
        }
        let (a, b) = (
            project.passages[0].id.clone(),
            project.passages[4].id.clone(),
        );
        let relation = RelationId("supports".into());
        project
            .links
            .push(Link::new(a, relation, b, "T", Utc::now()));
        project
    }

    #[test]
    fn a_code_counts_its_passages_those_left_uncoded_and_their_links() {
        let project = project();
        let got = project.delete_code_consequences(&CodeId("pretext".into()));
        let want = DeleteConsequences {
            passages: 4,
            left_uncoded: 3,
            links_of_uncoded: 1,
            orphans: 0,
            dimension: false,
        };
        assert_eq!(got, want);
        assert_eq!(
            got.sentence(),
            "4 passages carry it: 1 keeps its other codes; 3 have no other code and \
             stay as uncoded passages (their memos and 1 link kept). Undo brings it back."
        );
    }

    #[test]
    fn the_counts_say_what_removing_the_code_really_does() {
        let mut project = project();
        let id = CodeId("pretext".into());
        let said = project.delete_code_consequences(&id);
        let before = project.passages.len();
        Edit::RemoveCode(id).apply(&mut project).expect("removed");
        let uncoded = project
            .passages
            .iter()
            .filter(|p| p.codes.is_empty())
            .count();
        assert_eq!(project.passages.len(), before, "no passage is removed");
        assert_eq!(uncoded, said.left_uncoded);
        assert_eq!(project.links.len(), 1, "links are kept");
    }

    #[test]
    fn a_dimension_counts_passages_carrying_any_of_its_codes() {
        let project = project();
        let got = project.delete_dimension_consequences(&DimensionId("level".into()));
        assert_eq!(
            (got.passages, got.left_uncoded, got.links_of_uncoded),
            (1, 0, 0)
        );
        assert_eq!(
            got.sentence(),
            "1 passage carries its codes: 1 keeps its other codes. Undo brings it back."
        );
        let none = project.delete_dimension_consequences(&DimensionId("nope".into()));
        assert_eq!(
            none.sentence(),
            "No passage carries its codes. Undo brings it back."
        );
    }

    #[test]
    fn one_passage_left_uncoded_reads_in_the_singular() {
        let c = DeleteConsequences {
            passages: 1,
            left_uncoded: 1,
            orphans: 2,
            ..DeleteConsequences::default()
        };
        assert_eq!(
            c.sentence(),
            "1 passage carries it: 1 has no other code and stays as an uncoded passage \
             (its memo kept). 2 passages awaiting re-placing lose it too. Undo brings it back."
        );
    }
}
