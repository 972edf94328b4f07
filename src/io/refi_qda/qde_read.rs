//! Reading `.qdpx` from briefmark or any other REFI-QDA tool.
//!
//! With briefmark's own `briefmark.json` the project comes back exactly;
//! without it (QualCoder, MAXQDA, ATLAS.ti, NVivo) ids are slugs, documents
//! are split into paragraphs at blank lines and codes are grouped into
//! dimensions by their top-level parents (see `codes::build`). Only text
//! sources are read; picture, PDF, audio and video sources, notes (other
//! than link memos), sets and codings of a whole source have no place in
//! briefmark and are skipped.
//!
//! A `<Link>` between two imported text selections becomes a link, its
//! `name` the relation (matched by name, else a new relation type) and the
//! notes it refers to its memo. Links with any other end (codes, sources,
//! selections of skipped sources, GUIDs of nothing; ATLAS.ti links codes
//! with relations, too) are skipped with one warning rather than refusing
//! the file: they are legitimate REFI data briefmark has no place for.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDateTime, Utc};

use super::archive::{self, Archive};
use super::codes;
use super::guid;
use super::ids::Ids;
use super::positions::{Counting, Placed, SourceText, Written};
use super::qde_write::PROJECT_ENTRY;
use super::sidecar::{self, Sidecar};
use super::xml::{self, Element};
use crate::io::import::{ImportError, validated};
use crate::model::document::DocumentRepr;
use crate::model::text::CharMap;
use crate::model::{
    Block, BlockKind, CodeId, Codebook, Document, DocumentId, FORMAT_VERSION, Link, LinkId,
    Passage, PassageId, Project, Relation, RelationId, default_relations,
};

/// The relation of a `<Link>` without a name.
const UNNAMED_RELATION: &str = "is linked to";

/// Imports a `.qdpx` reading no entry past `limit` bytes; also returns
/// warnings about what was skipped.
pub(crate) fn read(
    bytes: &[u8],
    file: &str,
    limit: u64,
) -> Result<(Project, Vec<String>), ImportError> {
    let mut archive = Archive::open(bytes, file, limit)?;
    let qde = archive.read(PROJECT_ENTRY)?.ok_or_else(|| {
        malformed(
            file,
            format!("no {PROJECT_ENTRY} in the archive, so it is not a REFI-QDA project"),
        )
    })?;
    let root = xml::parse(&qde, PROJECT_ENTRY, file)?;
    if root.name != "Project" {
        return Err(malformed(
            file,
            format!(
                "{PROJECT_ENTRY}: the root element is <{}>, not <Project>",
                root.name
            ),
        ));
    }
    super::check_unique_guids(&root, file)?;
    let sidecar = archive
        .read(sidecar::ENTRY)?
        .and_then(|b| Sidecar::parse(&b));
    let mut importer = Importer::new(&root, archive, sidecar, file)?;
    let sources: Vec<&Element> = root
        .child("Sources")
        .map(|s| s.children_named("TextSource").collect())
        .unwrap_or_default();
    importer.reserve_document_ids(&sources);
    for source in sources {
        importer.source(source)?;
    }
    importer.links(&root)?;
    let (project, warnings) = importer.finish();
    Ok((validated(project, file)?, warnings))
}

fn malformed(file: &str, message: String) -> ImportError {
    ImportError::Malformed {
        file: file.to_owned(),
        message,
    }
}

struct Importer<'a> {
    file: &'a str,
    archive: Archive<'a>,
    sidecar: Option<Sidecar>,
    /// User GUID (normalised) to name.
    users: HashMap<String, String>,
    coders: Vec<String>,
    codebook: Codebook,
    /// Code GUID (normalised) to the code it became.
    codes: HashMap<String, CodeId>,
    /// For selections without a creation time.
    fallback_time: DateTime<Utc>,
    doc_ids: Ids,
    documents: Vec<Document>,
    passages: Vec<Passage>,
    /// Selection GUID (normalised) to the passage it became.
    selections: HashMap<String, PassageId>,
    /// The sidecar's relation types (else the defaults), then new ones.
    relations: Vec<Relation>,
    relation_ids: Ids,
    links: Vec<Link>,
    /// Note GUID (normalised) to its text, each note read once.
    note_texts: HashMap<String, String>,
    /// `<Project origin>`, and how that tool usually counts positions.
    origin: String,
    usual: Counting,
    warnings: Vec<String>,
}

impl<'a> Importer<'a> {
    fn new(
        root: &Element,
        archive: Archive<'a>,
        sidecar: Option<Sidecar>,
        file: &'a str,
    ) -> Result<Self, ImportError> {
        let (users, coders) = read_users(root);
        let imported = match root.child("CodeBook").and_then(|c| c.child("Codes")) {
            Some(codes_el) => codes::build(&codes::read_nodes(codes_el, file)?, sidecar.as_ref()),
            None => codes::build(&[], None),
        };
        // Deterministic, unlike "now": the project's own times, else 1970.
        let fallback_time = ["creationDateTime", "modifiedDateTime"]
            .iter()
            .find_map(|a| root.attr(a).and_then(parse_time))
            .unwrap_or(DateTime::UNIX_EPOCH);
        let relations = (sidecar.as_ref())
            .and_then(|s| s.relations.clone())
            .unwrap_or_else(default_relations);
        let mut relation_ids = Ids::default();
        for r in &relations {
            relation_ids.take(Some(&r.id.0), &r.name);
        }
        Ok(Self {
            file,
            archive,
            sidecar,
            users,
            coders,
            codebook: imported.codebook,
            codes: imported.by_guid,
            fallback_time,
            doc_ids: Ids::default(),
            documents: Vec::new(),
            passages: Vec::new(),
            selections: HashMap::new(),
            relations,
            relation_ids,
            links: Vec::new(),
            note_texts: HashMap::new(),
            origin: root.attr("origin").unwrap_or_default().to_owned(),
            usual: Counting::usual_for(root.attr("origin").unwrap_or_default()),
            warnings: Vec::new(),
        })
    }

    fn finish(self) -> (Project, Vec<String>) {
        let project = Project {
            version: FORMAT_VERSION,
            documents: self.documents,
            codebook: self.codebook,
            coders: self.coders,
            passages: self.passages.into(),
            orphans: Vec::new(),
            relations: self.relations,
            links: self.links,
            assignment: None,
        };
        (project, self.warnings)
    }

    /// Ids `briefmark.json` gives sources, kept from derived slugs.
    fn reserve_document_ids(&mut self, sources: &[&Element]) {
        let Some(sidecar) = &self.sidecar else { return };
        for source in sources {
            let guid = guid::normalized(source.attr("guid").unwrap_or(""));
            if let Some(extra) = sidecar.documents.get(&guid) {
                self.doc_ids.reserve(&extra.id.0);
            }
        }
    }

    /// A `<TextSource>`: its document and its selections.
    fn source(&mut self, source: &Element) -> Result<(), ImportError> {
        let label = source_label(source);
        let guid = source
            .attr("guid")
            .map(guid::normalized)
            .ok_or_else(|| malformed(self.file, format!("source {label} has no guid")))?;
        let raw = self.source_text(source, &label)?;
        let sels: Vec<&Element> = source.children_named("PlainTextSelection").collect();
        let written = (sels.iter())
            .map(|sel| self.written(sel, &label))
            .collect::<Result<Vec<_>, _>>()?;
        let (text, ranges) = self.place(raw, &guid, &label, &sels, &written);
        let doc = self.document(source, &guid, text);
        for (sel, range) in sels.into_iter().zip(ranges) {
            let passage = self.passage(sel, &doc, range)?;
            // `written` refused a selection without a guid.
            let guid = guid::normalized(sel.attr("guid").unwrap_or_default());
            self.selections.insert(guid, passage.id.clone());
            self.passages.push(passage);
        }
        self.documents.push(doc);
        Ok(())
    }

    /// The source's plain text as the file holds it.
    fn source_text(&mut self, source: &Element, label: &str) -> Result<String, ImportError> {
        match (
            source.attr("plainTextPath"),
            source.child("PlainTextContent"),
        ) {
            (Some(path), _) => self.text_file(path, label),
            (None, Some(content)) => Ok(content.text.clone()),
            (None, None) => Err(malformed(
                self.file,
                format!("source {label} has neither plainTextPath nor PlainTextContent"),
            )),
        }
    }

    /// The document's text and each selection's range in it. A source
    /// briefmark wrote (it has an entry in `briefmark.json`) is the
    /// document's text exactly, positions and all. Another tool's is read
    /// as `positions` explains (no byte-order mark, `\n` line ends, the
    /// way of counting the selections' names confirm), with a warning when
    /// the positions could not be confirmed or names disagree with them.
    fn place(
        &mut self,
        raw: String,
        guid: &str,
        label: &str,
        sels: &[&Element],
        written: &[Written<'_>],
    ) -> (String, Vec<(usize, usize)>) {
        let ours = (self.sidecar.as_ref()).is_some_and(|s| s.documents.contains_key(guid));
        if ours {
            return (raw, written.iter().map(|w| (w.start, w.end)).collect());
        }
        let source = SourceText::new(&raw);
        let placed = source.place(written, self.usual);
        self.warn_about_placing(&source, &placed, label, sels, written);
        (source.text, placed.ranges)
    }

    /// Warns when no name confirmed how the positions were counted, and
    /// about selections whose name is not the text at their range.
    fn warn_about_placing(
        &mut self,
        source: &SourceText,
        placed: &Placed,
        label: &str,
        sels: &[&Element],
        written: &[Written<'_>],
    ) {
        let counted = placed.counting.describe();
        if placed.unconfirmed {
            let usual = if placed.counting == self.usual {
                format!(" (usual for \"{}\")", self.origin)
            } else {
                String::new()
            };
            self.warnings.push(format!(
                "{}: source {label}: no selection's name confirms how its positions were \
                 counted; taken as {counted}{usual}",
                self.file
            ));
        }
        if let Some(&first) = placed.disagreeing.first() {
            let (start, end) = placed.ranges[first];
            let text = CharMap::new(&source.text).slice(&source.text, start, end);
            self.warnings.push(format!(
                "{}: source {label}: {} of {} selection(s) have a name that is not the text at \
                 their positions, counted as {counted} (first: <PlainTextSelection guid=\"{}\"> \
                 named {:?}, text {text:?})",
                self.file,
                placed.disagreeing.len(),
                written.len(),
                sels[first].attr("guid").unwrap_or_default(),
                written[first].name,
            ));
        }
    }

    /// A `<PlainTextSelection>`'s positions and name, as written.
    fn written<'e>(&self, sel: &'e Element, label: &str) -> Result<Written<'e>, ImportError> {
        let guid = sel.attr("guid").ok_or_else(|| {
            malformed(
                self.file,
                format!("a selection in source {label} has no guid"),
            )
        })?;
        Ok(Written {
            start: self.position(sel, "startPosition", guid)?,
            end: self.position(sel, "endPosition", guid)?,
            name: sel.attr("name").unwrap_or_default(),
        })
    }

    fn text_file(&mut self, path: &str, label: &str) -> Result<String, ImportError> {
        let mut bytes = None;
        for entry in entry_candidates(path, self.file)? {
            bytes = self.archive.read(&entry)?;
            if bytes.is_some() {
                break;
            }
        }
        let bytes = bytes.ok_or_else(|| {
            malformed(
                self.file,
                format!("source {label}: its text {path:?} is not in the archive"),
            )
        })?;
        String::from_utf8(bytes).map_err(|_| {
            malformed(
                self.file,
                format!("source {label}: its text {path:?} is not UTF-8"),
            )
        })
    }

    /// The document: id and title as `briefmark.json` recorded them, and
    /// blocks and spans too when they fit the text (another tool may have
    /// changed it); else derived from the source.
    fn document(&mut self, source: &Element, guid: &str, text: String) -> Document {
        let name = source.attr("name").unwrap_or("");
        let description = source.child_text("Description");
        let slug_of = [name, description]
            .into_iter()
            .find(|s| !s.trim().is_empty())
            .unwrap_or("document");
        let extra = self.sidecar.as_ref().and_then(|s| s.documents.get(guid));
        let id = DocumentId(self.doc_ids.take(extra.map(|e| e.id.0.as_str()), slug_of));
        let title = match extra {
            Some(e) => e.title.clone(),
            None if description.is_empty() => name.to_owned(),
            None => description.to_owned(),
        };
        let recorded = extra.and_then(|e| {
            Document::new(DocumentRepr {
                info: e.info.clone(),
                id: id.clone(),
                title: title.clone(),
                text: text.clone(),
                blocks: e.blocks.clone(),
                spans: e.spans.clone(),
            })
            .ok()
        });
        recorded.unwrap_or_else(|| derived_document(id, title, text))
    }

    /// A `<PlainTextSelection>` as a passage over `range` of the stored
    /// text. The range is kept even when it lies outside the text, so that
    /// `validated` refuses the file instead of the range being clamped.
    fn passage(
        &self,
        sel: &Element,
        doc: &Document,
        (start, end): (usize, usize),
    ) -> Result<Passage, ImportError> {
        let guid = sel.attr("guid").unwrap_or_default();
        let created = self
            .time(sel, "creationDateTime", guid)?
            .unwrap_or(self.fallback_time);
        let modified = self.time(sel, "modifiedDateTime", guid)?.unwrap_or(created);
        let mut p = Passage::new(doc, start, end, &self.coder(sel), created);
        (p.start, p.end) = (start, end);
        p.id = self.passage_id(guid);
        p.codes = self.codings(sel, guid)?;
        p.memo = sel.child_text("Description").to_owned();
        p.modified = modified;
        Ok(p)
    }

    fn passage_id(&self, guid: &str) -> PassageId {
        let guid = guid::normalized(guid);
        self.sidecar
            .as_ref()
            .and_then(|s| s.passages.get(&guid))
            .map_or(PassageId(guid), |e| e.id.clone())
    }

    /// The selection's creator, else the first coding's; "" when unknown.
    fn coder(&self, sel: &Element) -> String {
        let codings = sel.children_named("Coding").map(|c| c.attr("creatingUser"));
        std::iter::once(sel.attr("creatingUser"))
            .chain(codings)
            .flatten()
            .find_map(|g| self.users.get(&guid::normalized(g)))
            .cloned()
            .unwrap_or_default()
    }

    /// Code ids of the selection's codings, in order, each once. A CodeRef
    /// to no code keeps its GUID as the code id, so that `validated` names
    /// it as an unknown code.
    fn codings(&self, sel: &Element, guid: &str) -> Result<Vec<CodeId>, ImportError> {
        let mut codes: Vec<CodeId> = Vec::new();
        for coding in sel.children_named("Coding") {
            let target = coding
                .child("CodeRef")
                .and_then(|r| r.attr("targetGUID"))
                .ok_or_else(|| {
                    malformed(
                        self.file,
                        format!("a <Coding> of selection {guid} has no <CodeRef targetGUID>"),
                    )
                })?;
            let code = self
                .codes
                .get(&guid::normalized(target))
                .cloned()
                .unwrap_or_else(|| CodeId(target.to_owned()));
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        Ok(codes)
    }

    /// The `<Links>` between imported selections; the others are counted
    /// in one warning.
    fn links(&mut self, root: &Element) -> Result<(), ImportError> {
        let all: Vec<&Element> = (root.child("Links").into_iter())
            .flat_map(|l| l.children_named("Link"))
            .collect();
        let notes: HashMap<String, &Element> = (root.child("Notes").into_iter())
            .flat_map(|n| n.children_named("Note"))
            .filter_map(|n| Some((guid::normalized(n.attr("guid")?), n)))
            .collect();
        let mut skipped = Vec::new();
        for el in &all {
            let guid = el
                .attr("guid")
                .map(guid::normalized)
                .ok_or_else(|| malformed(self.file, "a <Link> has no guid".to_owned()))?;
            let end = |attr: &str| {
                let g = guid::normalized(el.attr(attr)?);
                self.selections.get(&g).cloned()
            };
            let (Some(from), Some(to)) = (end("originGUID"), end("targetGUID")) else {
                skipped.push(guid);
                continue;
            };
            let memo = self.link_memo(el, &notes)?;
            let link = self.link(el, guid, from, to, memo);
            self.links.push(link);
        }
        if let Some(first) = skipped.first() {
            self.warnings.push(format!(
                "{}: {} of {} link(s) skipped: they do not join two text passages (first: <Link guid=\"{first}\">)",
                self.file,
                skipped.len(),
                all.len()
            ));
        }
        Ok(())
    }

    /// A link between two passages; ids, relation, coder and time as
    /// `briefmark.json` recorded them, else derived (the GUID as id, the
    /// relation by name, no coder, the project's time).
    fn link(
        &mut self,
        el: &Element,
        guid: String,
        from: PassageId,
        to: PassageId,
        memo: String,
    ) -> Link {
        let name = el
            .attr("name")
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(UNNAMED_RELATION);
        let extra = (self.sidecar.as_ref())
            .and_then(|s| s.links.get(&guid))
            .map(|e| (e.id.clone(), e.relation.clone(), e.coder.clone(), e.created));
        let (id, recorded, coder, created) = extra.unwrap_or((
            LinkId(guid),
            RelationId(String::new()),
            String::new(),
            self.fallback_time,
        ));
        Link {
            id,
            from,
            relation: self.relation_named(name, &recorded),
            to,
            memo,
            coder,
            created,
        }
    }

    /// The relation type `recorded` if it still has this name (another
    /// tool may have renamed the link), else the first named `name` (case
    /// and outer spaces aside), else a new one.
    fn relation_named(&mut self, name: &str, recorded: &RelationId) -> RelationId {
        let fold = |s: &str| s.trim().to_lowercase();
        let found = (self.relations.iter())
            .find(|r| &r.id == recorded && r.name == name)
            .or_else(|| self.relations.iter().find(|r| fold(&r.name) == fold(name)));
        if let Some(r) = found {
            return r.id.clone();
        }
        let name = name.trim();
        let id = RelationId(self.relation_ids.take(None, name));
        self.relations.push(Relation {
            id: id.clone(),
            name: name.to_owned(),
            description: String::new(),
            inverse: String::new(),
        });
        id
    }

    /// The texts of the notes a `<Link>` refers to, each once, joined by a
    /// blank line. A `<NoteRef>` to no note is ignored.
    fn link_memo(
        &mut self,
        link: &Element,
        notes: &HashMap<String, &Element>,
    ) -> Result<String, ImportError> {
        let mut seen = HashSet::new();
        let mut texts = Vec::new();
        for note_ref in link.children_named("NoteRef") {
            let guid = guid::normalized(note_ref.attr("targetGUID").unwrap_or_default());
            let Some(note) = notes.get(&guid) else {
                continue;
            };
            if seen.insert(guid.clone()) {
                texts.push(self.note_text(note, guid)?);
            }
        }
        Ok(texts.join("\n\n"))
    }

    /// A note's text: inline, or a file in the archive (read once per note,
    /// however many links refer to it), without a byte-order mark.
    fn note_text(&mut self, note: &Element, guid: String) -> Result<String, ImportError> {
        if let Some(text) = self.note_texts.get(&guid) {
            return Ok(text.clone());
        }
        let text = match (note.child("PlainTextContent"), note.attr("plainTextPath")) {
            (Some(content), _) => content.text.clone(),
            (None, Some(path)) => {
                let text = self.text_file(path, &format!("note {guid}"))?;
                text.strip_prefix('\u{feff}')
                    .map(str::to_owned)
                    .unwrap_or(text)
            }
            (None, None) => note.child_text("Description").to_owned(),
        };
        self.note_texts.insert(guid, text.clone());
        Ok(text)
    }

    fn position(&self, sel: &Element, attr: &str, guid: &str) -> Result<usize, ImportError> {
        let value = sel.attr(attr).unwrap_or("");
        value.trim().parse().map_err(|_| {
            malformed(
                self.file,
                format!("selection {guid}: {attr} {value:?} is not a character position"),
            )
        })
    }

    fn time(
        &self,
        sel: &Element,
        attr: &str,
        guid: &str,
    ) -> Result<Option<DateTime<Utc>>, ImportError> {
        let Some(value) = sel.attr(attr) else {
            return Ok(None);
        };
        parse_time(value).map(Some).ok_or_else(|| {
            malformed(
                self.file,
                format!("selection {guid}: {attr} {value:?} is not a date and time"),
            )
        })
    }
}

/// How a source is named in messages.
fn source_label(source: &Element) -> String {
    let name = source.attr("name").or(source.attr("guid")).unwrap_or("?");
    format!("{name:?}")
}

/// Users by GUID, and their names as the project's coders.
fn read_users(root: &Element) -> (HashMap<String, String>, Vec<String>) {
    let mut by_guid = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let users = root
        .child("Users")
        .into_iter()
        .flat_map(|u| u.children_named("User"));
    for user in users {
        let name = user
            .attr("name")
            .or(user.attr("id"))
            .unwrap_or("")
            .to_owned();
        if let Some(guid) = user.attr("guid") {
            by_guid.insert(guid::normalized(guid), name.clone());
        }
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    (by_guid, names)
}

/// The archive entries a `plainTextPath` may name. `internal://x` is
/// `sources/x`; a relative path is looked for as written, then under
/// `sources/`. Absolute paths, `..` and other schemes (`absolute://`,
/// `file://`) point outside the archive and are refused.
fn entry_candidates(path: &str, file: &str) -> Result<Vec<String>, ImportError> {
    let unsafe_entry = || ImportError::UnsafeEntry {
        file: file.to_owned(),
        entry: path.to_owned(),
    };
    if let Some(rest) = path.strip_prefix("internal://") {
        if rest.is_empty() || archive::is_unsafe_name(rest) {
            return Err(unsafe_entry());
        }
        return Ok(vec![format!("sources/{}", rest.replace('\\', "/"))]);
    }
    if path.contains("://") || path.starts_with("file:") || archive::is_unsafe_name(path) {
        return Err(unsafe_entry());
    }
    let path = path.replace('\\', "/");
    Ok(vec![format!("sources/{path}"), path])
}

/// An xsd:dateTime; one without a time zone is taken as UTC.
fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|t| t.and_utc())
        })
}

/// A document with paragraph blocks and no spans.
fn derived_document(id: DocumentId, title: String, text: String) -> Document {
    let blocks = paragraph_blocks(&text);
    let repr = DocumentRepr {
        info: Default::default(),
        id,
        title,
        text,
        blocks,
        spans: Vec::new(),
    };
    // Paragraph blocks lie inside the text, in order: this cannot fail,
    // but a file must never make briefmark panic, so fall back to none.
    let fallback = DocumentRepr {
        info: Default::default(),
        blocks: Vec::new(),
        ..repr.clone()
    };
    Document::new(repr)
        .or_else(|_| Document::new(fallback))
        .unwrap_or_else(|e| unreachable!("a document without ranges: {e}"))
}

/// Paragraph blocks of a text from another tool: runs of non-blank lines
/// (so both `\n\n` and `\r\n\r\n` separate paragraphs). Code-point ranges.
fn paragraph_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut pos = 0;
    for line in text.split('\n') {
        let content = line.strip_suffix('\r').unwrap_or(line);
        if content.trim().is_empty() {
            if let Some((start, end)) = open.take() {
                blocks.push(paragraph(start, end));
            }
        } else {
            let start = open.map_or(pos, |(s, _)| s);
            open = Some((start, pos + content.chars().count()));
        }
        pos += line.chars().count() + 1;
    }
    if let Some((start, end)) = open {
        blocks.push(paragraph(start, end));
    }
    blocks
}

fn paragraph(start: usize, end: usize) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        start,
        end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines_of_either_kind() {
        let ranges = |t: &str| {
            paragraph_blocks(t)
                .iter()
                .map(|b| (b.start, b.end))
                .collect::<Vec<_>>()
        };
        assert_eq!(ranges("ab\n\ncd"), [(0, 2), (4, 6)]);
        assert_eq!(ranges("ab\r\n\r\ncd\r\nef"), [(0, 2), (6, 12)]);
        assert_eq!(ranges("\n\nhé\n\n\n\n"), [(2, 4)]);
        assert_eq!(ranges(""), []);
    }

    #[test]
    fn source_paths_inside_the_archive_only() {
        assert_eq!(
            entry_candidates("internal://a.txt", "f").unwrap(),
            ["sources/a.txt"]
        );
        assert_eq!(
            entry_candidates("texts\\a.txt", "f").unwrap(),
            ["sources/texts/a.txt", "texts/a.txt"]
        );
        for bad in [
            "internal://../a.txt",
            "/etc/passwd",
            "C:\\a.txt",
            "absolute:///tmp/a.txt",
            "file:///tmp/a.txt",
            "../a.txt",
        ] {
            let err = entry_candidates(bad, "f").unwrap_err();
            assert!(
                matches!(err, ImportError::UnsafeEntry { .. }),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn times_with_and_without_zone() {
        let t = parse_time("2026-11-20T10:00:00+01:00").unwrap();
        assert_eq!(t, parse_time("2026-11-20T09:00:00Z").unwrap());
        assert_eq!(t, parse_time("2026-11-20T09:00:00").unwrap());
        assert_eq!(parse_time("yesterday"), None);
    }
}
