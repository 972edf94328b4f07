//! The project: documents, codebook, coders and passages, and the checks
//! that tie them together.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::assignment::Assignment;
use super::codebook::{CodeId, Codebook};
use super::document::{Document, DocumentId};
use super::link::{Link, LinkId, Relation, RelationId, default_relations};
use super::orphan::Orphan;
use super::passage::{Passage, PassageId};
use super::passages::Passages;

/// Version of the project file format this build writes. Version 2 added
/// links, relation types and assignments; version 3 keeps passages whose
/// text a revision removed apart, as orphans. `io::migrate` reads the older
/// versions.
pub const FORMAT_VERSION: u32 = 3;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub version: u32,
    pub documents: Vec<Document>,
    pub codebook: Codebook,
    /// Everyone who has coded in this project, in order of first appearance.
    #[serde(default)]
    pub coders: Vec<String>,
    #[serde(default)]
    pub passages: Passages,
    /// Passages whose text a revision of their document removed: coded,
    /// but without a position until the user re-places them. Written only
    /// when there are any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orphans: Vec<Orphan>,
    /// The relation types links may have; editable.
    #[serde(default)]
    pub relations: Vec<Relation>,
    #[serde(default)]
    pub links: Vec<Link>,
    /// Set when the project is an assignment handed out to students.
    #[serde(default)]
    pub assignment: Option<Assignment>,
}

/// The hasher of the checks' look-up tables: ids are not chosen by an
/// attacker who could profit from collisions, and SipHash was most of the
/// cost of checking 100,000 passages (every export checks first).
type FastHash = foldhash::fast::RandomState;

/// A problem `check` found with one passage or the project.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("passage {passage}: document {document:?} is not in the project")]
    UnknownDocument { passage: String, document: String },
    #[error(
        "passage {passage}: range {start}..{end} lies outside its document of {len} characters"
    )]
    OutOfRange {
        passage: String,
        start: usize,
        end: usize,
        len: usize,
    },
    #[error(
        "passage {passage}: stored quote {stored:?} differs from the text at {start}..{end}, {actual:?}"
    )]
    QuoteMismatch {
        passage: String,
        start: usize,
        end: usize,
        stored: String,
        actual: String,
    },
    #[error("passage {passage}: code {code:?} is not in the codebook")]
    UnknownCode { passage: String, code: String },
    #[error(
        "passage {passage}: codes {first:?} and {second:?} are both in the exclusive dimension {dimension:?}"
    )]
    ExclusiveViolated {
        passage: String,
        dimension: String,
        first: String,
        second: String,
    },
    #[error(
        "a passage that needs re-placing ({quote}): document {document:?} is not in the project"
    )]
    OrphanUnknownDocument { quote: String, document: String },
    #[error("a passage that needs re-placing ({quote}): code {code:?} is not in the codebook")]
    OrphanUnknownCode { quote: String, code: String },
    #[error("duplicate id {0:?}")]
    DuplicateId(String),
    #[error("link {link}: passage {passage:?} is not in the project")]
    DanglingLink { link: String, passage: String },
    #[error("link {link}: relation {relation:?} is not in the project's relation types")]
    UnknownRelation { link: String, relation: String },
}

/// What `check` reports about a project that passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub passages: usize,
    pub codes_used: usize,
    pub codes: usize,
    /// Passages a revision left without their text (not counted above).
    pub orphans: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "{}, {}, {} of {} used",
            plural(self.documents, "document"),
            plural(self.passages, "passage"),
            self.codes_used,
            plural(self.codes, "code"),
        )?;
        if self.orphans > 0 {
            let (n, verb) = match self.orphans {
                1 => ("1 passage".to_owned(), "needs"),
                n => (format!("{n} passages"), "need"),
            };
            write!(f, "; {n} {verb} re-placing after a revision")?;
        }
        Ok(())
    }
}

impl Project {
    /// A project holding one document and a codebook, with nothing coded yet.
    pub fn new(documents: Vec<Document>, codebook: Codebook) -> Self {
        Self {
            version: FORMAT_VERSION,
            documents,
            codebook,
            coders: Vec::new(),
            passages: Passages::default(),
            orphans: Vec::new(),
            relations: default_relations(),
            links: Vec::new(),
            assignment: None,
        }
    }

    pub fn relation(&self, id: &RelationId) -> Option<&Relation> {
        self.relations.iter().find(|r| &r.id == id)
    }

    pub fn link(&self, id: &LinkId) -> Option<&Link> {
        self.links.iter().find(|l| &l.id == id)
    }

    /// Links with the passage at either end.
    pub fn links_of<'a>(&'a self, passage: &'a PassageId) -> impl Iterator<Item = &'a Link> {
        self.links.iter().filter(move |l| l.touches(passage))
    }

    /// Whether codebook edits are refused (a student's copy of an assignment).
    pub fn codebook_locked(&self) -> bool {
        self.assignment.as_ref().is_some_and(|a| a.codebook_locked)
    }

    pub fn document(&self, id: &DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id() == id)
    }

    pub fn passage(&self, id: &PassageId) -> Option<&Passage> {
        self.passages.get_by_id(id)
    }

    pub fn orphan(&self, id: &PassageId) -> Option<&Orphan> {
        self.orphans.iter().find(|o| &o.id == id)
    }

    /// Whether `id` names a passage, placed or orphaned (what a link may join).
    pub fn has_passage(&self, id: &PassageId) -> bool {
        self.passage(id).is_some() || self.orphan(id).is_some()
    }

    /// Passages in position order (document, start, longest first).
    pub fn passages_in_order(&self) -> Vec<&Passage> {
        super::order::passages_in_order(self)
    }

    /// Sorts passages into file order; saving calls this for stable diffs.
    pub fn sort_passages(&mut self) {
        self.passages
            .sort_by(|a, b| a.position_key().cmp(&b.position_key()));
    }

    /// Codes used by at least one passage.
    pub fn codes_used(&self) -> HashSet<&CodeId> {
        self.passages.iter().flat_map(|p| &p.codes).collect()
    }

    /// Records a coder's name once.
    pub fn note_coder(&mut self, name: &str) {
        if !name.is_empty() && !self.coders.iter().any(|c| c == name) {
            self.coders.push(name.to_owned());
        }
    }

    /// Every problem with the project: ranges, quotes, codes, ids.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = self.duplicate_ids();
        // Every export checks first: documents are looked up once, not
        // once per passage (100,000 passages in 200 documents).
        let documents: std::collections::HashMap<&DocumentId, &Document, FastHash> =
            self.documents.iter().map(|d| (d.id(), d)).collect();
        for p in &self.passages {
            problems.extend(self.problems_in(p, documents.get(&p.document).copied()));
        }
        for o in &self.orphans {
            problems.extend(self.orphan_problems(o));
        }
        for link in &self.links {
            problems.extend(self.link_problems(link));
        }
        problems
    }

    /// Checks the project; the summary if it is sound, else every problem.
    pub fn check(&self) -> Result<Summary, Vec<Problem>> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Summary {
            documents: self.documents.len(),
            passages: self.passages.len(),
            codes_used: self.codes_used().len(),
            codes: self.codebook.codes().count(),
            orphans: self.orphans.len(),
        })
    }

    fn duplicate_ids(&self) -> Vec<Problem> {
        let ids = (self.documents.iter())
            .map(|d| ("document", d.id().0.as_str()))
            .chain(self.passages.iter().map(|p| ("passage", p.id.0.as_str())))
            .chain(self.orphans.iter().map(|o| ("passage", o.id.0.as_str())))
            .chain(self.links.iter().map(|l| ("link", l.id.0.as_str())))
            .chain(self.relations.iter().map(|r| ("relation", r.id.0.as_str())))
            .chain(
                self.codebook
                    .codes()
                    .map(|(_, c)| ("code", c.id.0.as_str())),
            )
            .chain((self.codebook.dimensions.iter()).map(|d| ("dimension", d.id.0.as_str())));
        let n = self.documents.len() + self.passages.len() + self.orphans.len() + self.links.len();
        let mut seen = HashSet::with_capacity_and_hasher(n, FastHash::default());
        ids.filter(|id| !seen.insert(*id))
            .map(|(kind, id)| Problem::DuplicateId(format!("{kind} {id}")))
            .collect()
    }

    /// Problems of one passage; empty when it is sound.
    pub fn passage_problems(&self, p: &Passage) -> Vec<Problem> {
        self.problems_in(p, self.document(&p.document))
    }

    /// Problems of passage `p`, whose document is `doc` (`None`: not in
    /// the project). Nothing is allocated for a sound passage.
    fn problems_in(&self, p: &Passage, doc: Option<&Document>) -> Vec<Problem> {
        let passage = || p.id.0.clone();
        let mut out = Vec::new();
        match doc {
            None => out.push(Problem::UnknownDocument {
                passage: passage(),
                document: p.document.0.clone(),
            }),
            Some(doc) if p.start > p.end || p.end > doc.char_len() => {
                out.push(Problem::OutOfRange {
                    passage: passage(),
                    start: p.start,
                    end: p.end,
                    len: doc.char_len(),
                })
            }
            Some(doc) if doc.slice(p.start, p.end) != p.quote => out.push(Problem::QuoteMismatch {
                passage: passage(),
                start: p.start,
                end: p.end,
                stored: p.quote.clone(),
                actual: doc.slice(p.start, p.end).to_owned(),
            }),
            Some(_) => {}
        }
        for code in &p.codes {
            if self.codebook.code(code).is_none() {
                out.push(Problem::UnknownCode {
                    passage: passage(),
                    code: code.0.clone(),
                });
            }
        }
        out.extend(self.exclusivity_problems(&p.id, &p.codes));
        out
    }

    /// Problems of one orphan: it has no position to check, but its
    /// document and codes must exist and its codes respect exclusivity.
    pub fn orphan_problems(&self, o: &Orphan) -> Vec<Problem> {
        let quote = || format!("“{}”", super::text::one_line(&o.quote, 40));
        let mut out = Vec::new();
        if self.document(&o.document).is_none() {
            out.push(Problem::OrphanUnknownDocument {
                quote: quote(),
                document: o.document.0.clone(),
            });
        }
        for code in o.codes.iter().filter(|c| self.codebook.code(c).is_none()) {
            out.push(Problem::OrphanUnknownCode {
                quote: quote(),
                code: code.0.clone(),
            });
        }
        out.extend(self.exclusivity_problems(&o.id, &o.codes));
        out
    }

    /// Problems of one link: ends that are not passages, an unknown relation.
    pub fn link_problems(&self, link: &Link) -> Vec<Problem> {
        let dangling = [&link.from, &link.to]
            .into_iter()
            .filter(|p| !self.has_passage(p))
            .map(|p| Problem::DanglingLink {
                link: link.id.0.clone(),
                passage: p.0.clone(),
            });
        let unknown = self
            .relation(&link.relation)
            .is_none()
            .then(|| Problem::UnknownRelation {
                link: link.id.0.clone(),
                relation: link.relation.0.clone(),
            });
        dangling.chain(unknown).collect()
    }

    fn exclusivity_problems(&self, id: &PassageId, codes: &[CodeId]) -> Vec<Problem> {
        let mut out = Vec::new();
        if codes.len() < 2 {
            return out;
        }
        for dim in self.codebook.dimensions.iter().filter(|d| d.exclusive) {
            let mut held = codes
                .iter()
                .filter(|c| dim.codes.iter().any(|k| &k.id == *c));
            if let (Some(first), Some(second)) = (held.next(), held.next()) {
                out.push(Problem::ExclusiveViolated {
                    passage: id.0.clone(),
                    dimension: dim.name.clone(),
                    first: first.0.clone(),
                    second: second.0.clone(),
                });
            }
        }
        out
    }
}
