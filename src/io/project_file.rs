//! The project file, `*.briefmark.ron`: pretty RON with a `version` field.
//!
//! Output is deterministic (passages in position order, one entry each) so a
//! project kept under git diffs and merges readably. See `docs/project-file.md`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::atomic::write_atomic_with_backup_by;
use super::migrate::UnreadableVersion;
use super::ron_text::{RonError, from_ron, to_ron, write_ron};
use crate::model::{
    Assignment, Codebook, Document, FORMAT_VERSION, Link, Orphan, Passage, Project, Relation,
};

/// File name ending of project files.
pub const EXTENSION: &str = "briefmark.ron";

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Read(#[from] super::ReadError),
    #[error("{path} is not a valid project file: {error}")]
    Parse { path: String, error: RonError },
    #[error("{path} says it is project format version 0; versions start at 1")]
    NoSuchVersion { path: String },
    #[error(
        "{path} was written by a newer briefmark (project format version {found}); this build reads versions up to {supported}. Update briefmark to open it."
    )]
    TooNew {
        path: String,
        found: u32,
        supported: u32,
    },
}

#[derive(Debug, thiserror::Error)]
#[error("cannot save {path}: {error}; the file on disk was not changed")]
pub struct SaveError {
    pub path: String,
    pub error: std::io::Error,
}

#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// Parses a project from RON text; `path` names it in errors.
pub fn parse(text: &str, path: &str) -> Result<Project, LoadError> {
    let parse_err = |error| LoadError::Parse {
        path: path.to_owned(),
        error,
    };
    // The version is the first field briefmark writes: read it from the
    // head, not by parsing a large file twice; anything unusual falls back
    // to the full probe, which also gives the error's line and column.
    let probe = match version_in_head(text) {
        Some(version) => VersionProbe { version },
        None => from_ron(text).map_err(parse_err)?,
    };
    match super::migrate::check_version(probe.version) {
        Ok(()) => {}
        Err(UnreadableVersion::NoSuchVersion) => {
            return Err(LoadError::NoSuchVersion {
                path: path.to_owned(),
            });
        }
        Err(UnreadableVersion::TooNew) => {
            return Err(LoadError::TooNew {
                path: path.to_owned(),
                found: probe.version,
                supported: FORMAT_VERSION,
            });
        }
    }
    super::migrate::read(text, probe.version).map_err(parse_err)
}

/// `version: N` as the first field of the top-level tuple, if the text
/// starts so (optional BOM, whitespace, comments aside: not handled).
fn version_in_head(text: &str) -> Option<u32> {
    let rest = text.trim_start_matches('\u{feff}').trim_start();
    let rest = rest.strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("version")?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let digits: &str = &rest[..rest.find(|c: char| !c.is_ascii_digit())?];
    let after = rest[digits.len()..].trim_start();
    (after.starts_with(',') || after.starts_with(')')).then(|| digits.parse().ok())?
}

/// The file's text for a project: passages sorted, pretty RON.
pub fn to_string(project: &Project) -> String {
    to_ron(&InFile::of(project))
}

/// What the file holds: the project's fields, in its order, borrowed, with
/// the passages in position order. Saving 100,000 passages need not clone
/// them all to sort them.
#[derive(Serialize)]
struct InFile<'a> {
    version: u32,
    documents: &'a [Document],
    codebook: &'a Codebook,
    coders: &'a [String],
    passages: Vec<&'a Passage>,
    /// Written only when there are any, so a project without orphans reads
    /// as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    orphans: Vec<&'a Orphan>,
    relations: &'a [Relation],
    links: &'a [Link],
    assignment: &'a Option<Assignment>,
}

impl<'a> InFile<'a> {
    fn of(project: &'a Project) -> Self {
        // Every field named: a field added to `Project` fails to compile
        // here rather than go missing from the file.
        let Project {
            version: _,
            documents,
            codebook,
            coders,
            passages: _,
            orphans,
            relations,
            links,
            assignment,
        } = project;
        Self {
            version: FORMAT_VERSION,
            documents,
            codebook,
            coders,
            passages: project.passages_in_order(),
            orphans: orphans_in_order(orphans),
            relations,
            links,
            assignment,
        }
    }
}

/// Orphans in their order ([`Orphan::order_key`]), however they were
/// gathered: the same project always gives the same file.
fn orphans_in_order(orphans: &[Orphan]) -> Vec<&Orphan> {
    let mut out: Vec<&Orphan> = orphans.iter().collect();
    out.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    out
}

pub fn load(path: &Path) -> Result<Project, LoadError> {
    let text = super::read_text(path)?;
    parse(&text, &path.display().to_string())
}

/// Saves atomically: the old file stays intact if anything fails, and the
/// version it replaces is kept as `NAME.bak`.
pub fn save(project: &Project, path: &Path) -> Result<(), SaveError> {
    let text = |out: &mut _| write_ron(out, &InFile::of(project));
    write_atomic_with_backup_by(path, text).map_err(|error| SaveError {
        path: path.display().to_string(),
        error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_the_project_sorted_without_a_clone_of_it() {
        let mut project = crate::assets::example_project();
        project.passages.reverse();
        project.version = 1;
        let mut sorted = project.clone();
        sorted.version = FORMAT_VERSION;
        sorted.sort_passages();
        let text = to_string(&project);
        assert_eq!(text, to_ron(&sorted));
        assert_eq!(parse(&text, "x").expect("parses"), sorted);
    }

    #[test]
    fn the_version_is_read_from_the_head() {
        assert_eq!(
            version_in_head("(\n    version: 2,\n    documents: []"),
            Some(2)
        );
        assert_eq!(version_in_head("\u{feff}( version : 17 )"), Some(17));
        assert_eq!(version_in_head("(documents: [], version: 2)"), None);
        assert_eq!(version_in_head("(version: 2x,"), None);
        assert_eq!(version_in_head("(version: 99999999999,"), None);
    }
}
