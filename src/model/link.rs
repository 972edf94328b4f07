//! Typed links between passages: how a brief's claims rest on what it cites.
//!
//! A link reads "`from` *relation* `to`", e.g. "the cited passage *supports*
//! the claim". The relation types are an editable list kept in the project;
//! [`default_relations`] are the ones a new project starts with. Read from
//! the `to` end, a link needs the relation the other way round ("the claim
//! *is supported by* the cited passage"): [`Relation::inverse_phrase`].

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
    /// The phrase read from the `to` end ("is supported by"); empty to
    /// have it derived from `name` (see [`Relation::inverse_phrase`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub inverse: String,
}

impl Relation {
    /// The relation read from the `to` end: `inverse` when given, else
    /// derived from the name, so edited relation types read right too.
    /// A verb becomes passive ("supports" → "is supported by", "relies on"
    /// → "is relied on by"); "is a *noun* *preposition*" becomes "has as
    /// *noun*" ("is a pretext for" → "has as pretext"); anything else is
    /// quoted ("is linked by “see also” from").
    pub fn inverse_phrase(&self) -> String {
        let given = self.inverse.trim();
        if given.is_empty() {
            derived_inverse(self.name.trim())
        } else {
            given.to_owned()
        }
    }
}

/// Prepositions that may end a relation's name ("is a pretext *for*").
const PREPOSITIONS: [&str; 10] = [
    "for", "of", "to", "in", "on", "with", "from", "by", "against", "about",
];

/// [`Relation::inverse_phrase`] for a relation without a given inverse
/// (also for a link whose relation type is missing, by its id).
pub fn derived_inverse(name: &str) -> String {
    let quoted = || format!("is linked by “{name}” from");
    if let Some(rest) = name.strip_prefix("is ") {
        let rest = ["a ", "an ", "the "]
            .iter()
            .find_map(|article| rest.strip_prefix(article))
            .unwrap_or(rest);
        return match rest.trim().rsplit_once(' ') {
            Some((noun, prep)) if PREPOSITIONS.contains(&prep) => format!("has as {noun}"),
            _ => quoted(),
        };
    }
    let (verb, rest) = name.split_once(' ').unwrap_or((name, ""));
    match (participle(verb), rest.trim()) {
        (Some(done), "") => format!("is {done} by"),
        (Some(done), rest) => format!("is {done} {rest} by"),
        (None, _) => quoted(),
    }
}

/// Irregular verbs common in source analysis, third person to participle.
const IRREGULAR: [(&str, &str); 10] = [
    ("builds", "built"),
    ("does", "done"),
    ("gives", "given"),
    ("has", "had"),
    ("holds", "held"),
    ("leads", "led"),
    ("makes", "made"),
    ("says", "said"),
    ("shows", "shown"),
    ("undercuts", "undercut"),
];

/// The past participle of a verb in the third person singular ("supports"
/// → "supported", "denies" → "denied", "fixes" → "fixed", "causes" →
/// "caused"); `None` when `verb` is not such a form.
fn participle(verb: &str) -> Option<String> {
    if let Some((_, done)) = IRREGULAR.iter().find(|(v, _)| *v == verb) {
        return Some((*done).to_owned());
    }
    let base = verb.strip_suffix('s')?;
    if base.chars().count() < 2 || base.ends_with('s') || !verb.chars().all(char::is_alphabetic) {
        return None;
    }
    let sibilant = ["sse", "she", "che", "xe", "ze"]
        .iter()
        .any(|e| base.ends_with(e));
    Some(if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ied")
    } else if sibilant {
        format!("{}ed", &base[..base.len() - 1])
    } else if base.ends_with('e') {
        format!("{base}d")
    } else {
        format!("{base}ed")
    })
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
        inverse: String::new(),
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
    fn relations_read_the_other_way_round_from_their_target() {
        let inverses: Vec<String> = (default_relations().iter())
            .map(Relation::inverse_phrase)
            .collect();
        assert_eq!(
            inverses,
            [
                "is supported by",
                "is contradicted by",
                "is explained by",
                "has as pretext"
            ]
        );
        let relation = |name: &str, inverse: &str| Relation {
            id: RelationId("r".into()),
            name: name.into(),
            description: String::new(),
            inverse: inverse.into(),
        };
        for (name, inverse) in [
            ("relies on", "is relied on by"),
            ("denies", "is denied by"),
            ("causes", "is caused by"),
            ("fixes", "is fixed by"),
            ("leads to", "is led to by"),
            ("is an example of", "has as example"),
            ("is similar", "is linked by “is similar” from"),
            ("see also", "is linked by “see also” from"),
            ("ss", "is linked by “ss” from"),
        ] {
            assert_eq!(relation(name, "").inverse_phrase(), inverse, "{name}");
        }
        assert_eq!(relation("echoes", " answers ").inverse_phrase(), "answers");
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
