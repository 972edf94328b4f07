//! Writing `.qdpx`: `project.qde` (`urn:QDA-XML:project:1.0`), the plain
//! text of each document under `sources/`, and `briefmark.json`.
//!
//! Links between passages are `<Link>`s from one `<PlainTextSelection>` to
//! the other, named by their relation. A `<Link>` has no `<Description>`,
//! only `<NoteRef>`s, so a link's memo is a `<Note>` it refers to (passage
//! memos stay `<Description>`s, where the selection schema puts them).
//!
//! Nothing depends on the clock: timestamps come from the passages and
//! GUIDs from ids, so the same project always gives the same bytes.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};

use super::codes::{self, ExportNames};
use super::sidecar::{self, DocumentExtra, LinkExtra, PassageExtra, Sidecar};
use super::{archive, guid, xml::XmlOut};
use crate::model::{Document, DocumentId, Link, Passage, Project};

pub(crate) const NAMESPACE: &str = "urn:QDA-XML:project:1.0";
/// The project XML's entry in the zip.
pub(crate) const PROJECT_ENTRY: &str = "project.qde";
/// Longest passage name (a short quote), in code points.
const NAME_CHARS: usize = 40;

/// What every part of the export needs to agree on.
struct Export<'a> {
    project: &'a Project,
    names: ExportNames,
    /// Everyone who coded: the project's coders, then any passage's coder
    /// missing from them.
    users: Vec<&'a str>,
    /// GUIDs derived once (a SHA-1 each) rather than per passage: users'
    /// by name, codes' by id.
    user_guids: HashMap<&'a str, String>,
    code_guids: HashMap<&'a str, String>,
    /// All passages in position order.
    passages: Vec<&'a Passage>,
    created: Option<DateTime<Utc>>,
    modified: Option<DateTime<Utc>>,
}

pub(crate) fn write(project: &Project) -> Vec<u8> {
    let export = Export::new(project);
    let mut entries = vec![(PROJECT_ENTRY.to_owned(), export.project_xml().into_bytes())];
    for doc in &project.documents {
        // UTF-8 without a byte-order mark: positions count from the first
        // character of the text.
        entries.push((source_entry(doc), doc.text().as_bytes().to_vec()));
    }
    entries.push((sidecar::ENTRY.to_owned(), export.sidecar().to_json()));
    archive::write_zip(&entries)
}

fn source_entry(doc: &Document) -> String {
    format!("sources/{}.txt", guid::document(&doc.id().0))
}

/// An xsd:dateTime in UTC, e.g. `2026-11-20T09:00:00Z`.
fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

impl<'a> Export<'a> {
    fn new(project: &'a Project) -> Self {
        let passages = project.passages_in_order();
        let mut users: Vec<&str> = Vec::new();
        let passage_coders = passages.iter().map(|p| &*p.coder);
        for name in project
            .coders
            .iter()
            .map(String::as_str)
            .chain(passage_coders)
        {
            if !name.is_empty() && !users.contains(&name) {
                users.push(name);
            }
        }
        let user_guids = users.iter().map(|u| (*u, guid::user(u))).collect();
        let code_guids = (project.codebook.codes())
            .map(|(_, c)| (c.id.0.as_str(), guid::code(&c.id.0)))
            .collect();
        Self {
            project,
            names: ExportNames::new(&project.codebook),
            users,
            user_guids,
            code_guids,
            passages,
            created: project.passages.iter().map(|p| p.created).min(),
            modified: project.passages.iter().map(|p| p.modified).max(),
        }
    }

    /// The project's owner for REFI's purposes: the first coder.
    fn owner(&self) -> Option<Cow<'_, str>> {
        self.users.first().map(|u| self.user_guid(u))
    }

    fn user_guid(&self, name: &str) -> Cow<'_, str> {
        cached(&self.user_guids, name, guid::user)
    }

    fn code_guid(&self, id: &str) -> Cow<'_, str> {
        cached(&self.code_guids, id, guid::code)
    }

    fn project_xml(&self) -> String {
        let mut out = XmlOut::new();
        let name = self
            .project
            .documents
            .first()
            .map_or("briefmark project", |d| d.title());
        let origin = super::origin();
        let (owner, created, modified) = (
            self.owner(),
            self.created.map(stamp),
            self.modified.map(stamp),
        );
        out.start(
            "Project",
            &[
                ("xmlns", Some(NAMESPACE)),
                ("name", Some(name)),
                ("origin", Some(&origin)),
                ("creatingUserGUID", owner.as_deref()),
                ("creationDateTime", created.as_deref()),
                ("modifiedDateTime", modified.as_deref()),
            ],
        );
        self.write_users(&mut out);
        if !self.project.codebook.dimensions.is_empty() {
            out.start("CodeBook", &[]);
            codes::write_codes(&mut out, &self.project.codebook, &self.names);
            out.end("CodeBook");
        }
        self.write_sources(&mut out);
        // The schema's order: Sources, Notes, Links.
        self.write_notes(&mut out);
        self.write_links(&mut out);
        out.end("Project");
        out.finish()
    }

    fn write_users(&self, out: &mut XmlOut) {
        // `<Users>` needs at least one `<User>`.
        if self.users.is_empty() {
            return;
        }
        out.start("Users", &[]);
        for user in &self.users {
            let guid = self.user_guid(user);
            out.empty("User", &[("guid", Some(&guid)), ("name", Some(user))]);
        }
        out.end("Users");
    }

    fn write_sources(&self, out: &mut XmlOut) {
        if self.project.documents.is_empty() {
            return;
        }
        out.start("Sources", &[]);
        // In position order each document's passages are one run.
        let by_document: HashMap<&DocumentId, &[&Passage]> = (self.passages)
            .chunk_by(|a, b| a.document == b.document)
            .filter_map(|run| Some((&run.first()?.document, run)))
            .collect();
        for doc in &self.project.documents {
            let mine = by_document.get(doc.id()).copied().unwrap_or_default();
            self.write_source(out, doc, mine);
        }
        out.end("Sources");
    }

    fn write_source(&self, out: &mut XmlOut, doc: &Document, passages: &[&Passage]) {
        let guid = guid::document(&doc.id().0);
        let path = format!("internal://{guid}.txt");
        let (owner, created, modified) = (
            self.owner(),
            self.created.map(stamp),
            self.modified.map(stamp),
        );
        let attrs = [
            ("guid", Some(guid.as_str())),
            ("name", Some(doc.id().0.as_str())),
            ("plainTextPath", Some(path.as_str())),
            ("creatingUser", owner.as_deref()),
            ("creationDateTime", created.as_deref()),
            ("modifyingUser", owner.as_deref()),
            ("modifiedDateTime", modified.as_deref()),
        ];
        if doc.title().is_empty() && passages.is_empty() {
            out.empty("TextSource", &attrs);
            return;
        }
        out.start("TextSource", &attrs);
        out.text_element("Description", doc.title());
        for p in passages {
            self.write_selection(out, p);
        }
        out.end("TextSource");
    }

    /// Links whose two passages are exported, in the project's order (so
    /// an import gives the same list back). Other links would point at
    /// nothing; `Project::check` reports them.
    fn links(&self) -> Vec<&'a Link> {
        let project = self.project;
        let exported =
            |l: &Link| project.passage(&l.from).is_some() && project.passage(&l.to).is_some();
        project.links.iter().filter(|l| exported(l)).collect()
    }

    /// A `<Note>` per link memo, with the link's creator and time.
    fn write_notes(&self, out: &mut XmlOut) {
        let with_memo: Vec<&Link> = (self.links().into_iter())
            .filter(|l| !l.memo.is_empty())
            .collect();
        if with_memo.is_empty() {
            return;
        }
        out.start("Notes", &[]);
        for link in with_memo {
            let guid = guid::link_memo(&link.id.0);
            let name = short_name(&link.memo);
            // Only users listed in <Users>, which are the project's coders.
            let user =
                (self.users.contains(&link.coder.as_str())).then(|| self.user_guid(&link.coder));
            let created = stamp(link.created);
            out.start(
                "Note",
                &[
                    ("guid", Some(&guid)),
                    ("name", Some(&name)),
                    ("creatingUser", user.as_deref()),
                    ("creationDateTime", Some(&created)),
                ],
            );
            out.text_element("PlainTextContent", &link.memo);
            out.end("Note");
        }
        out.end("Notes");
    }

    /// A `<Link>` per link: `originGUID` is the `from` passage's selection,
    /// `targetGUID` the `to` passage's, `name` the relation's name.
    fn write_links(&self, out: &mut XmlOut) {
        let links = self.links();
        if links.is_empty() {
            return;
        }
        out.start("Links", &[]);
        for link in links {
            let guid = guid::link(&link.id.0);
            let (origin, target) = (guid::passage(&link.from.0), guid::passage(&link.to.0));
            let name = self.relation_name(link);
            let attrs = [
                ("guid", Some(guid.as_str())),
                ("name", Some(name)),
                ("direction", Some("OneWay")),
                ("originGUID", Some(origin.as_str())),
                ("targetGUID", Some(target.as_str())),
            ];
            if link.memo.is_empty() {
                out.empty("Link", &attrs);
                continue;
            }
            out.start("Link", &attrs);
            let note = guid::link_memo(&link.id.0);
            out.empty("NoteRef", &[("targetGUID", Some(&note))]);
            out.end("Link");
        }
        out.end("Links");
    }

    /// The relation's name, or its id when it is not a relation type here.
    fn relation_name(&self, link: &'a Link) -> &'a str {
        self.project
            .relation(&link.relation)
            .map_or(&link.relation.0, |r| &r.name)
    }

    /// A passage as `<PlainTextSelection>` with one `<Coding>` per code.
    /// Positions are code points, as everywhere in briefmark.
    fn write_selection(&self, out: &mut XmlOut, p: &Passage) {
        let guid = guid::passage(&p.id.0);
        let user = (!p.coder.is_empty()).then(|| self.user_guid(&p.coder));
        let (start, end) = (p.start.to_string(), p.end.to_string());
        let (created, modified) = (stamp(p.created), stamp(p.modified));
        let name = short_name(&p.quote);
        out.start(
            "PlainTextSelection",
            &[
                ("guid", Some(&guid)),
                ("name", Some(&name)),
                ("startPosition", Some(&start)),
                ("endPosition", Some(&end)),
                ("creatingUser", user.as_deref()),
                ("creationDateTime", Some(&created)),
                ("modifyingUser", user.as_deref()),
                ("modifiedDateTime", Some(&modified)),
            ],
        );
        out.text_element("Description", &p.memo);
        for code in &p.codes {
            let coding = guid::coding(&p.id.0, &code.0);
            let target = self.code_guid(&code.0);
            // briefmark keeps one time per passage; the coding gets its creation.
            out.start(
                "Coding",
                &[
                    ("guid", Some(&coding)),
                    ("creatingUser", user.as_deref()),
                    ("creationDateTime", Some(&created)),
                ],
            );
            out.empty("CodeRef", &[("targetGUID", Some(&target))]);
            out.end("Coding");
        }
        out.end("PlainTextSelection");
    }

    /// What REFI cannot hold, for a lossless round trip.
    fn sidecar(&self) -> Sidecar {
        let mut sidecar = Sidecar::default();
        for doc in &self.project.documents {
            sidecar.documents.insert(
                guid::document(&doc.id().0),
                DocumentExtra {
                    id: doc.id().clone(),
                    title: doc.title().to_owned(),
                    info: doc.info().clone(),
                    blocks: doc.blocks().to_vec(),
                    spans: doc.spans().to_vec(),
                },
            );
        }
        codes::fill_sidecar(&mut sidecar, &self.project.codebook, &self.names);
        for p in &self.project.passages {
            let guid = guid::passage(&p.id.0);
            if guid != p.id.0 {
                sidecar
                    .passages
                    .insert(guid, PassageExtra { id: p.id.clone() });
            }
        }
        sidecar.relations = Some(self.project.relations.clone());
        for link in self.links() {
            sidecar.links.insert(
                guid::link(&link.id.0),
                LinkExtra {
                    id: link.id.clone(),
                    relation: link.relation.clone(),
                    coder: link.coder.clone(),
                    created: link.created,
                },
            );
        }
        sidecar
    }
}

/// The GUID `cache` holds for `key`, else one derived now.
fn cached<'c>(
    cache: &'c HashMap<&str, String>,
    key: &str,
    derive: fn(&str) -> String,
) -> Cow<'c, str> {
    cache.get(key).map_or_else(
        || Cow::Owned(derive(key)),
        |guid| Cow::Borrowed(guid.as_str()),
    )
}

/// The quote on one line, cut to `NAME_CHARS` with an ellipsis.
fn short_name(quote: &str) -> String {
    crate::model::text::one_line(quote, NAME_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_short_one_line_quotes() {
        assert_eq!(short_name("  a\n\nb "), "a b");
        let long = "x".repeat(60);
        let name = short_name(&long);
        assert_eq!(name.chars().count(), NAME_CHARS);
        assert!(name.ends_with('…'));
    }

    #[test]
    fn stamps_are_utc_xsd_date_times() {
        let t: DateTime<Utc> = "2026-11-20T09:00:00Z".parse().unwrap();
        assert_eq!(stamp(t), "2026-11-20T09:00:00Z");
        let t: DateTime<Utc> = "2026-11-20T09:00:00.25Z".parse().unwrap();
        assert_eq!(stamp(t), "2026-11-20T09:00:00.250Z");
    }
}
