//! Deterministic GUIDs for what briefmark exports, so that exporting the
//! same project twice gives the same file (and a re-export updates, rather
//! than duplicates, what another tool imported before).
//!
//! GUIDs are written in lower case: the schemas' `GUIDType` pattern accepts
//! `[0-9a-fA-F]` (with or without braces), and lower case is what briefmark's
//! own passage ids already use, so a passage id survives the round trip
//! unchanged. On import, GUIDs are compared case-insensitively.

use uuid::Uuid;

/// Namespace of every name-based (v5) GUID briefmark derives. Never change
/// it: the GUIDs of earlier exports would no longer match.
pub(crate) const NAMESPACE: Uuid = Uuid::from_u128(0x6b1f_0c4e_9a5d_4e2b_8f3a_2d7c_1e90_b5a4);

fn derived(name: &str) -> String {
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
        .hyphenated()
        .to_string()
}

pub(crate) fn code(id: &str) -> String {
    derived(&format!("code:{id}"))
}

pub(crate) fn dimension(id: &str) -> String {
    derived(&format!("dimension:{id}"))
}

pub(crate) fn user(name: &str) -> String {
    derived(&format!("user:{name}"))
}

pub(crate) fn document(id: &str) -> String {
    derived(&format!("document:{id}"))
}

pub(crate) fn coding(passage: &str, code: &str) -> String {
    derived(&format!("coding:{passage}:{code}"))
}

/// Always derived, never the link's own id: a link and a passage may share
/// an id (they are different kinds), and their GUIDs must not.
pub(crate) fn link(id: &str) -> String {
    derived(&format!("link:{id}"))
}

/// The `<Note>` holding a link's memo.
pub(crate) fn link_memo(id: &str) -> String {
    derived(&format!("link-memo:{id}"))
}

/// The passage's own id when it is a UUID (as every id briefmark makes is),
/// written in the canonical lower-case hyphenated form; else a derived GUID.
pub(crate) fn passage(id: &str) -> String {
    match Uuid::parse_str(id) {
        Ok(uuid) => uuid.hyphenated().to_string(),
        Err(_) => derived(&format!("passage:{id}")),
    }
}

/// A GUID as read from a file, in the form GUIDs are compared in: braces
/// dropped, lower case. Anything that is not a UUID is kept as written
/// (lower-cased), so a sloppy tool's identifiers still match each other.
pub(crate) fn normalized(guid: &str) -> String {
    let trimmed = guid.trim();
    match Uuid::parse_str(trimmed) {
        Ok(uuid) => uuid.hyphenated().to_string(),
        Err(_) => trimmed.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_guids_are_stable_and_distinct() {
        assert_eq!(code("pretext"), code("pretext"));
        assert_ne!(code("pretext"), dimension("pretext"));
        assert_eq!(code("x").len(), 36);
        assert_eq!(code("x"), code("x").to_lowercase());
    }

    #[test]
    fn passage_ids_that_are_uuids_are_kept() {
        let id = "4dc70bc7-8b10-4b48-a18f-1a74729a3977";
        assert_eq!(passage(id), id);
        assert_eq!(passage(&id.to_uppercase()), id);
        assert_ne!(passage("p1"), "p1");
        assert_eq!(normalized(&format!("{{{}}}", id.to_uppercase())), id);
    }
}
