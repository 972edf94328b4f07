//! `briefmark.json`: what REFI-QDA cannot hold, keyed by GUID, so that a
//! project survives export and import unchanged. Other tools ignore the
//! entry; when it is missing (a file from another tool) or does not fit the
//! XML, the importer derives these fields instead.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};

use crate::model::{
    Block, CodeId, DimensionId, DocumentId, DocumentInfo, LinkId, PassageId, Relation, RelationId,
    Span,
};

/// Name of the entry in the `.qdpx` zip.
pub(crate) const ENTRY: &str = "briefmark.json";
/// Value of `format`, so a foreign `briefmark.json` is not mistaken for ours.
const FORMAT: &str = "briefmark-refi-qda";
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Sidecar {
    pub format: String,
    pub version: u32,
    /// By source GUID.
    pub documents: BTreeMap<String, DocumentExtra>,
    /// By GUID of the non-codable parent code.
    pub dimensions: BTreeMap<String, DimensionExtra>,
    /// By code GUID.
    pub codes: BTreeMap<String, CodeExtra>,
    /// By selection GUID, only for passages whose id is not that GUID.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub passages: BTreeMap<String, PassageExtra>,
    /// The project's relation types, all of them and in order (a `<Link>`
    /// has only a name). Absent in files from before links: the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relations: Option<Vec<Relation>>,
    /// By link GUID.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub links: BTreeMap<String, LinkExtra>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct DocumentExtra {
    pub id: DocumentId,
    pub title: String,
    /// Author, date, source, kind and the document memo.
    #[serde(default, skip_serializing_if = "DocumentInfo::is_empty")]
    pub info: DocumentInfo,
    pub blocks: Vec<Block>,
    pub spans: Vec<Span>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct DimensionExtra {
    pub id: DimensionId,
    pub exclusive: bool,
    /// The real name, when the export had to make it unique.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct CodeExtra {
    pub id: CodeId,
    /// The real name, when the export had to make it unique.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its number key (briefmark's own; absent in older exports).
    #[serde(default = "crate::model::Code::unassigned")]
    pub key: Option<u8>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct PassageExtra {
    pub id: PassageId,
}

/// What a `<Link>` cannot hold: ids, who made it and when.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct LinkExtra {
    pub id: LinkId,
    /// Names may repeat; the id says which relation type it was.
    pub relation: RelationId,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub coder: String,
    pub created: DateTime<Utc>,
}

impl Default for Sidecar {
    fn default() -> Self {
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            documents: BTreeMap::new(),
            dimensions: BTreeMap::new(),
            codes: BTreeMap::new(),
            passages: BTreeMap::new(),
            relations: None,
            links: BTreeMap::new(),
        }
    }
}

impl Sidecar {
    /// Pretty JSON, keys sorted (BTreeMap), so exports are reproducible.
    pub(crate) fn to_json(&self) -> Vec<u8> {
        let mut json = serde_json::to_vec_pretty(self)
            .unwrap_or_else(|e| unreachable!("plain data serialises: {e}"));
        json.push(b'\n');
        json
    }

    /// Ours and readable, or `None`: a broken or foreign entry is ignored
    /// and the importer derives what it would have given.
    pub(crate) fn parse(bytes: &[u8]) -> Option<Self> {
        serde_json::from_slice::<Self>(bytes)
            .ok()
            .filter(|s| s.format == FORMAT && s.version == VERSION)
    }
}
