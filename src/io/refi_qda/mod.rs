//! REFI-QDA 1.0, the exchange format of QDA tools (QualCoder, MAXQDA,
//! ATLAS.ti, NVivo): `.qdc` holds a codebook, `.qdpx` a whole project (a zip
//! of `project.qde` and the sources' plain text).
//!
//! Exports are reproducible (GUIDs derived from ids, no clock) and valid
//! against the official schemas. A `.qdpx` from briefmark also carries
//! `briefmark.json`, with what REFI cannot hold, so a project comes back
//! unchanged; files from other tools are imported by deriving those parts.
//! Offsets are Unicode code points, as everywhere in briefmark.
//!
//! `xml` and `archive` do the untrusted-input plumbing, `codes` maps the
//! codebook both ways, `qdc`, `qde_write` and `qde_read` the files.

pub(crate) mod archive;
mod codes;
mod guid;
mod ids;
mod positions;
mod qdc;
mod qde_read;
mod qde_write;
mod sidecar;
pub(crate) mod xml;

use std::collections::HashSet;

use crate::io::import::{ImportError, MAX_ENTRY_BYTES};
use crate::model::{Codebook, Project};

/// The codebook as `.qdc` XML (`urn:QDA-XML:codebook:1.0`).
pub fn to_qdc(codebook: &Codebook) -> String {
    qdc::write(codebook)
}

/// The project as `.qdpx` zip bytes: `project.qde`, `sources/<GUID>.txt`
/// for each document, and `briefmark.json`.
pub fn to_qdpx(project: &Project) -> Vec<u8> {
    qde_write::write(project)
}

/// Reads a `.qdc` codebook; `file` names it in errors. Dimensions are the
/// non-codable top-level codes, ids are slugs of the names.
pub fn from_qdc(bytes: &[u8], file: &str) -> Result<Codebook, ImportError> {
    qdc::read(bytes, file)
}

/// Reads a `.qdpx` project; `file` names it in errors. The project is
/// checked (`validated`) before it is returned.
pub fn from_qdpx(bytes: &[u8], file: &str) -> Result<Project, ImportError> {
    from_qdpx_with_warnings(bytes, file).map(|(project, _)| project)
}

/// As [`from_qdpx`], with warnings about what was skipped (links that do
/// not join two text passages), for the person importing.
pub fn from_qdpx_with_warnings(
    bytes: &[u8],
    file: &str,
) -> Result<(Project, Vec<String>), ImportError> {
    qde_read::read(bytes, file, MAX_ENTRY_BYTES)
}

/// The `origin` attribute (QualCoder 4 needs it on `<Project>`).
fn origin() -> String {
    format!("briefmark {}", env!("CARGO_PKG_VERSION"))
}

/// Refuses a file in which two elements share a GUID (compared as
/// `guid::normalized`): references to it would be ambiguous.
fn check_unique_guids(root: &xml::Element, file: &str) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    let mut duplicate = None;
    root.walk(&mut |el| {
        if let Some(g) = el.attr("guid")
            && !seen.insert(guid::normalized(g))
            && duplicate.is_none()
        {
            duplicate = Some(format!("GUID {g} is used twice (again on a <{}>)", el.name));
        }
    });
    match duplicate {
        Some(message) => Err(ImportError::Malformed {
            file: file.to_owned(),
            message,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_limit_refuses_a_large_source() {
        let project = crate::assets::example_project();
        let bytes = to_qdpx(&project);
        assert!(qde_read::read(&bytes, "x.qdpx", MAX_ENTRY_BYTES).is_ok());
        let err = qde_read::read(&bytes, "x.qdpx", 1000).unwrap_err();
        assert!(
            matches!(err, ImportError::TooLarge { limit: 1000, .. }),
            "{err}"
        );
    }
}
