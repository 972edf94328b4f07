//! `.qdc`: the codebook on its own (`urn:QDA-XML:codebook:1.0`).
//!
//! The format has no room for briefmark's ids or the `exclusive` flag and a
//! `.qdc` has no zip to carry `briefmark.json`, so on import ids are slugs of
//! the names and no dimension is exclusive.

use super::codes::{self, ExportNames};
use super::xml::{self, XmlOut};
use crate::io::import::ImportError;
use crate::model::Codebook;

pub(crate) const NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";

pub(crate) fn write(codebook: &Codebook) -> String {
    let mut out = XmlOut::new();
    let origin = super::origin();
    out.start(
        "CodeBook",
        &[("xmlns", Some(NAMESPACE)), ("origin", Some(&origin))],
    );
    codes::write_codes(&mut out, codebook, &ExportNames::new(codebook));
    out.end("CodeBook");
    out.finish()
}

pub(crate) fn read(bytes: &[u8], file: &str) -> Result<Codebook, ImportError> {
    let root = xml::parse(bytes, "codebook", file)?;
    let malformed = |message: &str| ImportError::Malformed {
        file: file.to_owned(),
        message: message.to_owned(),
    };
    if root.name != "CodeBook" {
        return Err(malformed(&format!(
            "the root element is <{}>, not the <CodeBook> of a REFI-QDA codebook",
            root.name
        )));
    }
    super::check_unique_guids(&root, file)?;
    let codes = root
        .child("Codes")
        .ok_or_else(|| malformed("<CodeBook> has no <Codes>"))?;
    let nodes = codes::read_nodes(codes, file)?;
    Ok(codes::build(&nodes, None).codebook)
}
