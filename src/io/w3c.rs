//! Passages as W3C Web Annotations (JSON-LD), the standard exchange format
//! for annotations on the web (<https://www.w3.org/TR/annotation-model/>):
//! read by Hypothesis-style clients, Recogito, annotation servers
//! (Web Annotation Protocol) and any JSON-LD / RDF tool.
//!
//! One `AnnotationCollection` whose embedded first `AnnotationPage` holds one
//! `Annotation` per passage, in position order, then one per link between
//! passages. A passage's annotation has:
//! - bodies: one `TextualBody` with purpose `tagging` per code (value = code
//!   name, `id` = `urn:briefmark:code:<code id>` so tags stay identifiable
//!   across renames; the model allows a body "exactly 1 IRI that identifies
//!   it"), plus one with purpose `commenting` for a non-empty memo;
//! - motivation `tagging` when the passage has codes, else `commenting` when
//!   it has a memo, else `highlighting`;
//! - target: the document as `urn:briefmark:document:<document id>`, with a
//!   `TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector`
//!   (start, end) selecting the same text.
//!
//! A link ("from *relation* to") is an annotation with motivation `linking`
//! whose `target` is an array of both passages, `from` first, each selected
//! exactly as its passage annotation's target is (so the link stands on its
//! own, without resolving ids); its body is one `TextualBody` with purpose
//! `tagging` naming the relation (`id` = `urn:briefmark:relation:<relation
//! id>`), plus one with purpose `commenting` for a non-empty memo. The model
//! gives multiple targets no order (JSON-LD reads `target` as a set), so the
//! direction lives in the array order, which JSON readers keep, as Recogito's
//! relation annotations do.
//!
//! Offsets: the model says "The selection of the text MUST be in terms of
//! unicode code points (the "character number"), not in terms of code units"
//! (§4.2.4). briefmark counts code points too, so `start`/`end` are the
//! passage's own offsets into the document's plain text, unchanged. (Tools
//! built on JavaScript strings count UTF-16 units and differ after any
//! character outside the Basic Multilingual Plane, such as an emoji.)
//!
//! The document texts are not part of the export; the quote selector's
//! `exact`, `prefix` and `suffix` let a consumer find each passage again.

use serde::Serialize;

use super::csv_links::{LinkEnds, links_in_order};
use super::csv_table::timestamp;
use crate::model::{Passage, Project};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
pub const COLLECTION_ID: &str = "urn:briefmark:collection";
pub const PAGE_ID: &str = "urn:briefmark:collection:page1";

/// The project's passages and links as one pretty-printed `AnnotationCollection`.
pub fn to_w3c(project: &Project) -> String {
    let passages = project.passages_in_order().into_iter();
    let items: Vec<Annotation> = passages
        .map(|p| annotation(project, p))
        .chain(links_in_order(project).into_iter().map(link_annotation))
        .collect();
    let collection = Collection {
        context: CONTEXT,
        id: COLLECTION_ID,
        kind: "AnnotationCollection",
        label: label(project),
        total: items.len(),
        // The model requires a first page when there are annotations, and
        // a page to hold at least one.
        first: (!items.is_empty()).then_some(Page {
            id: PAGE_ID,
            kind: "AnnotationPage",
            part_of: COLLECTION_ID,
            start_index: 0,
            items,
        }),
    };
    // Plain structs of strings and numbers always serialize.
    serde_json::to_string_pretty(&collection)
        .map_or_else(|e| unreachable!("annotations to JSON: {e}"), |s| s + "\n")
}

/// The collection's name: the documents it annotates.
fn label(project: &Project) -> String {
    let titles: Vec<&str> = project.documents.iter().map(|d| d.title()).collect();
    if titles.is_empty() {
        "briefmark coding".to_owned()
    } else {
        format!("briefmark coding: {}", titles.join("; "))
    }
}

fn annotation<'a>(project: &'a Project, p: &'a Passage) -> Annotation<'a> {
    let mut body: Vec<TextualBody> = p
        .codes
        .iter()
        .map(|code| TextualBody {
            id: Some(format!("urn:briefmark:code:{}", iri_segment(&code.0))),
            kind: "TextualBody",
            purpose: "tagging",
            // A code missing from the codebook still tags, by its id.
            value: project.codebook.code(code).map_or(&code.0, |c| &c.name),
            format: None,
        })
        .collect();
    if !p.memo.is_empty() {
        body.push(memo_body(&p.memo));
    }
    let motivation = match (p.codes.is_empty(), p.memo.is_empty()) {
        (false, _) => "tagging",
        (true, false) => "commenting",
        (true, true) => "highlighting",
    };
    Annotation {
        id: iri("passage", &p.id.0),
        kind: "Annotation",
        motivation,
        creator: creator(&p.coder),
        created: timestamp(&p.created),
        modified: Some(timestamp(&p.modified)),
        body,
        target: Targets::One(target(p)),
    }
}

/// A link as a `linking` annotation on both passages, `from` first.
fn link_annotation(ends: LinkEnds<'_>) -> Annotation<'_> {
    let link = ends.link;
    let mut body = vec![TextualBody {
        id: Some(format!(
            "urn:briefmark:relation:{}",
            iri_segment(&link.relation.0)
        )),
        kind: "TextualBody",
        purpose: "tagging",
        value: ends.relation,
        format: None,
    }];
    if !link.memo.is_empty() {
        body.push(memo_body(&link.memo));
    }
    Annotation {
        id: iri("link", &link.id.0),
        kind: "Annotation",
        motivation: "linking",
        creator: creator(&link.coder),
        created: timestamp(&link.created),
        // A link keeps no modification time.
        modified: None,
        body,
        target: Targets::Both([target(ends.from), target(ends.to)]),
    }
}

fn creator(coder: &str) -> Option<Agent<'_>> {
    (!coder.is_empty()).then_some(Agent {
        kind: "Person",
        name: coder,
    })
}

fn memo_body(memo: &str) -> TextualBody<'_> {
    TextualBody {
        id: None,
        kind: "TextualBody",
        purpose: "commenting",
        value: memo,
        format: Some("text/plain"),
    }
}

/// The passage's text in its document, by quote and by position.
fn target(p: &Passage) -> Target<'_> {
    Target {
        source: format!("urn:briefmark:document:{}", iri_segment(&p.document.0)),
        selector: (
            QuoteSelector {
                kind: "TextQuoteSelector",
                exact: &p.quote,
                prefix: &p.prefix,
                suffix: &p.suffix,
            },
            PositionSelector {
                kind: "TextPositionSelector",
                start: p.start,
                end: p.end,
            },
        ),
    }
}

/// `urn:uuid:…` for a UUID id (all ids briefmark makes); an imported id of
/// another shape gets a briefmark URN of its `kind` instead.
fn iri(kind: &str, id: &str) -> String {
    match uuid::Uuid::parse_str(id) {
        Ok(u) => format!("urn:uuid:{}", u.hyphenated()),
        Err(_) => format!("urn:briefmark:{kind}:{}", iri_segment(id)),
    }
}

/// An id as one IRI segment: ASCII outside RFC 3986's unreserved and
/// sub-delimiter characters (space, `/`, `?`, `#`, `%`, quotes…) is
/// percent-encoded; other letters stay as they are, as IRIs allow.
fn iri_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        let keep = !c.is_ascii() || c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c);
        if keep && !c.is_control() {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out += &format!("%{b:02X}");
            }
        }
    }
    out
}

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<Page<'a>>,
}

/// Embedded in the collection, so without its own `@context` (the model:
/// "If it is embedded, then it SHOULD NOT have an @context property").
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page<'a> {
    id: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    part_of: &'static str,
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Agent<'a>>,
    created: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    body: Vec<TextualBody<'a>>,
    target: Targets<'a>,
}

/// A passage's one target, or a link's two (an array, `from` first).
#[derive(Serialize)]
#[serde(untagged)]
enum Targets<'a> {
    One(Target<'a>),
    Both([Target<'a>; 2]),
}

#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct TextualBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
}

#[derive(Serialize)]
struct Target<'a> {
    source: String,
    /// Two selectors for the same text; a tuple serializes as a JSON array.
    selector: (QuoteSelector<'a>, PositionSelector),
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iri_segments_encode_only_what_iris_forbid() {
        assert_eq!(iri_segment("causal-role"), "causal-role");
        assert_eq!(iri_segment("économie-trade"), "économie-trade");
        assert_eq!(iri_segment("a b/c?d#e%"), "a%20b%2Fc%3Fd%23e%25");
        assert_eq!(iri_segment("x\"<y>"), "x%22%3Cy%3E");
    }
}
