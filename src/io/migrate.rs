//! Explicit migrations of older project files to the current format.
//!
//! Each format version has its own reader here; an older file is read with
//! its version's types and converted step by step, so what a migration
//! changes is written down once instead of hidden in `#[serde(default)]`s.
//! The history of the format is in `docs/project-file.md`.

use serde::Deserialize;

use super::ron_text::{RonError, from_ron};
use crate::model::{Codebook, Document, FORMAT_VERSION, Passage, Project, default_relations};

/// Why a format version cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnreadableVersion {
    /// Version 0: versions start at 1.
    NoSuchVersion,
    /// Newer than this build reads.
    TooNew,
}

/// The one version rule for briefmark's own files (the project file, JSON
/// and JSON Lines): versions 1 to [`FORMAT_VERSION`] are read, older ones
/// migrated; 0 never existed; a newer one needs a newer build.
pub fn check_version(version: u32) -> Result<(), UnreadableVersion> {
    match version {
        0 => Err(UnreadableVersion::NoSuchVersion),
        v if v > FORMAT_VERSION => Err(UnreadableVersion::TooNew),
        _ => Ok(()),
    }
}

/// Reads project text of `version` (at most [`FORMAT_VERSION`]) and brings
/// it to the current version.
pub fn read(text: &str, version: u32) -> Result<Project, RonError> {
    match version {
        1 => from_ron::<V1>(text).map(v1_to_v2).map(v2_to_v3),
        2 => from_ron::<Project>(text).map(v2_to_v3),
        _ => from_ron(text),
    }
}

/// Version 1: documents, codebook, coders, passages.
#[derive(Deserialize)]
struct V1 {
    documents: Vec<Document>,
    codebook: Codebook,
    #[serde(default)]
    coders: Vec<String>,
    #[serde(default)]
    passages: Vec<Passage>,
}

/// Version 2 added links between passages with their relation types, and
/// assignments. A version-1 project gets the default relation types and no
/// links.
fn v1_to_v2(old: V1) -> Project {
    Project {
        version: FORMAT_VERSION,
        documents: old.documents,
        codebook: old.codebook,
        coders: old.coders,
        passages: old.passages.into(),
        orphans: Vec::new(),
        relations: default_relations(),
        links: Vec::new(),
        assignment: None,
    }
}

/// Version 3 keeps passages that lost their text in a revision apart, as
/// orphans with no position. Before it they stayed among the passages with
/// their old range, over words they never coded (and failed `check`): such
/// a passage, whose quote is no longer the text at its range, becomes the
/// orphan it always was. A passage of a document not in the project stays,
/// for `check` to report.
fn v2_to_v3(mut project: Project) -> Project {
    let (stray, placed): (Vec<Passage>, Vec<Passage>) = std::mem::take(&mut project.passages)
        .into_iter()
        .partition(|p| {
            project.document(&p.document).is_some_and(|d| {
                p.start > p.end || p.end > d.char_len() || d.slice(p.start, p.end) != p.quote
            })
        });
    project.passages = placed.into();
    for p in stray {
        crate::model::orphan::insert(&mut project.orphans, p.orphaned());
    }
    project.version = FORMAT_VERSION;
    project
}
