//! Assignments: what a teacher hands out to a class. The documents and the
//! codebook (usually locked, so every student codes with the same codes),
//! instructions, and nothing coded. A student opens it, enters a name,
//! codes and saves their own copy; the teacher compares the copies with a
//! reference coding (`analysis::agreement::teaching`).

use serde::{Deserialize, Serialize};

use super::project::Project;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub instructions: String,
    /// A locked codebook cannot be edited in the student's copy, so every
    /// student codes with the reference's codes.
    pub codebook_locked: bool,
}

impl Project {
    /// The assignment made from this project: its documents, codebook and
    /// relation types, without passages, links or coders.
    pub fn to_assignment(&self, instructions: &str, codebook_locked: bool) -> Project {
        Project {
            passages: Default::default(),
            orphans: Vec::new(),
            links: Vec::new(),
            coders: Vec::new(),
            assignment: Some(Assignment {
                instructions: instructions.to_owned(),
                codebook_locked,
            }),
            ..self.clone()
        }
    }

    /// Whether this is an assignment as handed out: nothing coded and no
    /// coder named yet (a student's fresh copy: it must be saved under a
    /// new name). A student's copy saved with their name in it is theirs,
    /// even with nothing coded: a coding of nothing, scored as such.
    pub fn is_blank_assignment(&self) -> bool {
        self.assignment.is_some()
            && self.passages.is_empty()
            && self.orphans.is_empty()
            && self.coders.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use crate::assets;

    #[test]
    fn an_assignment_keeps_texts_and_codes_and_drops_the_coding() {
        let example = assets::example_project();
        let a = example.to_assignment("Code causes.", true);
        assert_eq!(a.documents, example.documents);
        assert_eq!(a.codebook, example.codebook);
        assert_eq!(a.relations, example.relations);
        assert!(a.passages.is_empty() && a.links.is_empty() && a.coders.is_empty());
        assert!(a.codebook_locked() && a.is_blank_assignment());
        assert!(!example.is_blank_assignment());
        assert!(a.check().is_ok());
    }
}
