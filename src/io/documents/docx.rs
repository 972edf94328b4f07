//! Word documents (`.docx`): a zip archive opened with the REFI-QDA
//! importer's safety limits (entry names, declared and actual sizes), and
//! its `word/document.xml` read with the same DTD-refusing XML reader.
//!
//! Paragraphs (`w:p`, in table cells and content controls too) become
//! blocks: style `Title` the title, `Heading 1`…`Heading 9` headings (by
//! style name in `word/styles.xml`, so localised style ids work). Runs'
//! direct formatting `w:b`, `w:i`, `w:u` becomes spans; `w:t` is text,
//! `w:tab` and breaks are spaces. Deleted (tracked) and hidden text,
//! headers, footers, footnotes, comments and text boxes are not read.
//! `docProps/core.xml` gives title, author and date; hyperlink targets come
//! from `word/_rels/document.xml.rels`.

use std::collections::HashMap;

use super::build::{Builder, non_empty};
use super::{DocumentError, Imported, Kind, Metadata, Problem};
use crate::io::import::{ImportError, MAX_ENTRY_BYTES};
use crate::io::refi_qda::archive::Archive;
use crate::io::refi_qda::xml::{self, Element};
use crate::model::{BlockKind, DocumentId, Style};

const DOCUMENT: &str = "word/document.xml";
const STYLES: &str = "word/styles.xml";
const RELATIONS: &str = "word/_rels/document.xml.rels";
const CORE: &str = "docProps/core.xml";

/// Reads a `.docx` file's bytes.
pub(super) fn read(bytes: &[u8], id: DocumentId, file: &str) -> Result<Imported, DocumentError> {
    if !bytes.starts_with(b"PK") {
        let found = super::looks_like(bytes).to_owned();
        return Err(DocumentError::new(
            file,
            Problem::WrongFormat {
                kind: Kind::Docx,
                found,
            },
        ));
    }
    let mut archive = Archive::open(bytes, file, MAX_ENTRY_BYTES).map_err(|e| {
        // Every way opening fails (no central directory, two entries of
        // one name, an unreadable entry header) is a broken archive.
        match e {
            ImportError::Malformed { .. } => DocumentError::damaged(
                file,
                Kind::Docx,
                "not a complete zip archive; it may have been cut short",
            ),
            other => from_import(other, file),
        }
    })?;
    let body = part(&mut archive, DOCUMENT, file)?.ok_or_else(|| {
        DocumentError::damaged(
            file,
            Kind::Docx,
            format!("a zip archive without {DOCUMENT}"),
        )
    })?;
    let body = body.child("body").ok_or_else(|| {
        DocumentError::damaged(file, Kind::Docx, format!("{DOCUMENT} has no body"))
    })?;
    let mut reader = Reader {
        builder: Builder::default(),
        styles: part(&mut archive, STYLES, file)?
            .map(|s| style_names(&s))
            .unwrap_or_default(),
        targets: part(&mut archive, RELATIONS, file)?
            .map(|r| targets(&r))
            .unwrap_or_default(),
        current: [false; 3],
    };
    reader.blocks(body);
    let metadata = part(&mut archive, CORE, file)?
        .map(|c| core(&c))
        .unwrap_or_default();
    super::finish(reader.builder, id, metadata, Vec::new(), file)
}

/// The XML of archive entry `name`, or `None` when there is none.
fn part(
    archive: &mut Archive<'_>,
    name: &str,
    file: &str,
) -> Result<Option<Element>, DocumentError> {
    let Some(bytes) = archive.read(name).map_err(|e| from_import(e, file))? else {
        return Ok(None);
    };
    xml::parse(&bytes, name, file)
        .map(Some)
        .map_err(|e| from_import(e, file))
}

/// The shared zip and XML readers' errors, as document problems.
fn from_import(e: ImportError, file: &str) -> DocumentError {
    let problem = match e {
        ImportError::UnsafeEntry { entry, .. } => Problem::UnsafeEntry { entry },
        ImportError::TooLarge { entry, limit, .. } => Problem::EntryTooLarge { entry, limit },
        ImportError::Dtd { .. } => Problem::Dtd,
        ImportError::Malformed { message, .. } => Problem::Damaged {
            kind: Kind::Docx,
            why: message,
        },
        other => Problem::Damaged {
            kind: Kind::Docx,
            why: other.to_string(),
        },
    };
    DocumentError::new(file, problem)
}

struct Reader {
    builder: Builder,
    /// Style id → style name, lower case ("Heading1" → "heading 1").
    styles: HashMap<String, String>,
    /// Relationship id → hyperlink target.
    targets: HashMap<String, String>,
    /// Bold, italic, underline of the run written last.
    current: [bool; 3],
}

const STYLES_ORDER: [Style; 3] = [Style::Bold, Style::Italic, Style::Underline];

impl Reader {
    /// Paragraphs anywhere below `el`: the body, tables, content controls.
    fn blocks(&mut self, el: &Element) {
        for child in &el.children {
            match child.name.as_str() {
                "p" => self.paragraph(child),
                "sectPr" => {}
                _ => self.blocks(child),
            }
        }
    }

    fn paragraph(&mut self, p: &Element) {
        let style = (p.child("pPr").and_then(|pr| pr.child("pStyle")))
            .and_then(|s| s.attr("val"))
            .unwrap_or_default();
        self.builder.block(self.kind_of(style));
        self.inline(p);
        self.set_styles([false; 3]);
        self.builder.end_block();
    }

    /// Runs inside a paragraph, also within hyperlinks, tracked insertions,
    /// fields and content controls; tracked deletions are not text.
    fn inline(&mut self, el: &Element) {
        for child in &el.children {
            match child.name.as_str() {
                "r" => self.run(child),
                "pPr" | "rPr" | "del" | "moveFrom" => {}
                "hyperlink" => {
                    let url = child
                        .attr("id")
                        .and_then(|id| self.targets.get(id))
                        .cloned();
                    url.iter().for_each(|u| self.builder.open_link(u));
                    self.inline(child);
                    url.iter().for_each(|_| self.builder.close_link());
                }
                _ => self.inline(child),
            }
        }
    }

    fn run(&mut self, r: &Element) {
        let props = r.child("rPr");
        if props.is_some_and(|p| is_on(p.child("vanish"))) {
            return;
        }
        let on = |name| props.is_some_and(|p| is_on(p.child(name)));
        self.set_styles([on("b"), on("i"), on("u")]);
        for child in &r.children {
            match child.name.as_str() {
                "t" => self.builder.text(&child.text),
                "tab" | "br" | "cr" => self.builder.text(" "),
                "noBreakHyphen" => self.builder.text("\u{2011}"),
                _ => {}
            }
        }
    }

    /// Opens and closes spans where a run's formatting differs from the
    /// last one's, so adjacent runs of one style make one span.
    fn set_styles(&mut self, next: [bool; 3]) {
        for (i, style) in STYLES_ORDER.into_iter().enumerate() {
            match (self.current[i], next[i]) {
                (false, true) => self.builder.open(style),
                (true, false) => self.builder.close(style),
                _ => {}
            }
        }
        self.current = next;
    }

    fn kind_of(&self, style_id: &str) -> BlockKind {
        let name = self.styles.get(style_id).map_or(style_id, String::as_str);
        let compact = name.to_ascii_lowercase().replace(' ', "");
        let level = compact
            .strip_prefix("heading")
            .and_then(|l| l.parse::<u8>().ok());
        match (compact.as_str(), level) {
            ("title", _) => BlockKind::Title,
            (_, Some(1..=9)) => BlockKind::Heading,
            _ => BlockKind::Paragraph,
        }
    }
}

/// Whether a toggle property (`<w:b/>`, `<w:u w:val="single"/>`) is on.
fn is_on(prop: Option<&Element>) -> bool {
    prop.is_some_and(|p| !matches!(p.attr("val"), Some("0" | "false" | "off" | "none")))
}

fn style_names(styles: &Element) -> HashMap<String, String> {
    let named = styles.children_named("style").filter_map(|s| {
        let name = s.child("name")?.attr("val")?;
        Some((s.attr("styleId")?.to_owned(), name.to_ascii_lowercase()))
    });
    named.collect()
}

fn targets(relations: &Element) -> HashMap<String, String> {
    let links = relations
        .children_named("Relationship")
        .filter(|r| r.attr("Type").is_some_and(|t| t.ends_with("/hyperlink")));
    links
        .filter_map(|r| Some((r.attr("Id")?.to_owned(), r.attr("Target")?.to_owned())))
        .collect()
}

/// `dc:title`, `dc:creator`, `dcterms:created` of `docProps/core.xml`.
fn core(props: &Element) -> Metadata {
    Metadata {
        title: non_empty(props.child_text("title")),
        author: non_empty(props.child_text("creator")),
        date: non_empty(props.child_text("created")),
        ..Metadata::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::refi_qda::archive::write_zip;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn docx(body: &str) -> Vec<u8> {
        let document = format!("<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>");
        let styles = format!(
            "<w:styles {W}><w:style w:styleId=\"berschrift1\"><w:name w:val=\"heading 1\"/></w:style></w:styles>"
        );
        write_zip(&[
            (DOCUMENT.to_owned(), document.into_bytes()),
            (STYLES.to_owned(), styles.into_bytes()),
        ])
    }

    fn read_docx(bytes: &[u8]) -> Result<Imported, DocumentError> {
        read(bytes, DocumentId("w".into()), "w.docx")
    }

    #[test]
    fn styles_runs_and_localised_headings() {
        let body = "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Tit</w:t></w:r><w:r><w:t>le</w:t></w:r></w:p>\
            <w:p><w:pPr><w:pStyle w:val=\"berschrift1\"/></w:pPr><w:r><w:t>Part</w:t></w:r></w:p>\
            <w:p><w:r><w:t xml:space=\"preserve\">A </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>bo</w:t></w:r>\
            <w:r><w:rPr><w:b w:val=\"1\"/></w:rPr><w:t>ld</w:t></w:r><w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:tab/><w:t>x</w:t></w:r>\
            <w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>hid</w:t></w:r></w:p>";
        let i = read_docx(&docx(body)).expect("reads");
        let d = &i.document;
        assert_eq!(d.text(), "Title\n\nPart\n\nA bold x");
        let kinds: Vec<_> = d.blocks().iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [BlockKind::Title, BlockKind::Heading, BlockKind::Paragraph]
        );
        let s = d.spans()[0];
        assert_eq!((s.style, d.slice(s.start, s.end)), (Style::Bold, "bold"));
        assert_eq!(d.spans().len(), 1);
    }

    #[test]
    fn broken_archives_say_so() {
        let err = read_docx(b"plain words").unwrap_err().to_string();
        assert!(
            err.contains("not a Word (.docx) file: it is plain text"),
            "{err}"
        );
        let whole = docx("<w:p/>");
        let err = read_docx(&whole[..whole.len() / 2])
            .unwrap_err()
            .to_string();
        assert!(err.contains("cut short"), "{err}");
        let other = write_zip(&[("a.txt".to_owned(), b"x".to_vec())]);
        let err = read_docx(&other).unwrap_err().to_string();
        assert!(err.contains("without word/document.xml"), "{err}");
    }
}
