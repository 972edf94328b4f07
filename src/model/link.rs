//! Typed links between passages: how a brief's claims rest on what it cites.
//!
//! A link reads "`from` *relation* `to`", e.g. "the cited passage *supports*
//! the claim". The relation types are an editable list kept in the project;
//! [`default_relations`] are the ones a new project starts with.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::passage::PassageId;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RelationId(pub String);

/// A kind of link, e.g. "supports".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub id: RelationId,
    /// A verb phrase that reads between the two passages.
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LinkId(pub String);

impl LinkId {
    pub fn random() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub id: LinkId,
    /// The passage the relation starts from (evidence, for "supports").
    pub from: PassageId,
    pub relation: RelationId,
    /// The passage it points to (the claim, for "supports").
    pub to: PassageId,
    #[serde(default)]
    pub memo: String,
    #[serde(default)]
    pub coder: String,
    pub created: DateTime<Utc>,
}

impl Link {
    pub fn new(
        from: PassageId,
        relation: RelationId,
        to: PassageId,
        coder: &str,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id: LinkId::random(),
            from,
            relation,
            to,
            memo: String::new(),
            coder: coder.to_owned(),
            created: now,
        }
    }

    pub fn touches(&self, passage: &PassageId) -> bool {
        &self.from == passage || &self.to == passage
    }

    /// The passage at the other end, if `passage` is one end.
    pub fn other_end(&self, passage: &PassageId) -> Option<&PassageId> {
        if &self.from == passage {
            Some(&self.to)
        } else if &self.to == passage {
            Some(&self.from)
        } else {
            None
        }
    }
}

/// The relation types of source analysis a new project starts with.
pub fn default_relations() -> Vec<Relation> {
    [
        (
            "supports",
            "supports",
            "The passage gives evidence for the other.",
        ),
        (
            "contradicts",
            "contradicts",
            "The passage speaks against the other.",
        ),
        (
            "explains",
            "explains",
            "The passage gives the reason or mechanism behind the other.",
        ),
        (
            "pretext-for",
            "is a pretext for",
            "The passage names an occasion the other presents as a cause.",
        ),
    ]
    .into_iter()
    .map(|(id, name, description)| Relation {
        id: RelationId(id.into()),
        name: name.into(),
        description: description.into(),
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_end_of_a_link() {
        let (a, b, c) = (
            PassageId("a".into()),
            PassageId("b".into()),
            PassageId("c".into()),
        );
        let link = Link::new(
            a.clone(),
            RelationId("supports".into()),
            b.clone(),
            "x",
            Utc::now(),
        );
        assert_eq!(link.other_end(&a), Some(&b));
        assert_eq!(link.other_end(&b), Some(&a));
        assert_eq!(link.other_end(&c), None);
        assert!(link.touches(&a) && !link.touches(&c));
    }

    #[test]
    fn default_relations_are_the_four_of_the_issue() {
        let names: Vec<String> = default_relations().into_iter().map(|r| r.name).collect();
        assert_eq!(
            names,
            ["supports", "contradicts", "explains", "is a pretext for"]
        );
    }
}
