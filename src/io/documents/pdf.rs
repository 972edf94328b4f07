//! PDF (`.pdf`): the text layer, through `pdf-extract` (on `lopdf`), which
//! decodes fonts and hands over each character with its position. This
//! file gathers characters into lines; `pdf_layout` drops running heads,
//! footers and page numbers, rebuilds paragraphs and mends hyphenation.
//! No character styles: a PDF's text layer does not say which text is
//! emphasised. The document information dictionary gives title, author
//! and creation date.
//!
//! `pdf-extract` trusts its input (it unwraps and recurses freely), so it
//! runs one page at a time under `catch_unwind`, and before it runs, the
//! page tree and the forms drawn by forms are checked for cycles and depth
//! (endless recursion would overflow the stack, which no catch survives).

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::content::Content;
use pdf_extract::{
    Dictionary, Document as Pdf, MediaBox, Object, ObjectId, OutputDev, OutputError, Stream,
    Transform,
};

use super::build::{Builder, non_empty};
use super::pdf_layout::{self, Line, Page};
use super::{DocumentError, Imported, Kind, Metadata, Problem};
use crate::model::DocumentId;

/// Deepest page tree and deepest nesting of forms read.
const MAX_NESTING: usize = 32;
/// Most forms drawn in all, as a form may draw another many times.
const MAX_FORMS: usize = 100_000;

/// Reads a PDF's bytes.
pub(super) fn read(bytes: &[u8], id: DocumentId, file: &str) -> Result<Imported, DocumentError> {
    let pdf = load(bytes, file)?;
    let mut warnings = Vec::new();
    let mut pages = text_pages(&pdf, file, &mut warnings)?;
    let dropped = pdf_layout::remove_furniture(&mut pages);
    if dropped > 0 {
        warnings.push(format!(
            "{file}: {dropped} line(s) of running heads, footers and page numbers left out"
        ));
    }
    let mut builder = Builder::default();
    for paragraph in pdf_layout::paragraphs(&pages) {
        builder.block(paragraph.kind);
        builder.text(&paragraph.text);
    }
    super::finish(builder, id, info(&pdf), warnings, file)
}

fn load(bytes: &[u8], file: &str) -> Result<Pdf, DocumentError> {
    let damaged = |why: String| DocumentError::damaged(file, Kind::Pdf, why);
    // The header may follow some junk, but within the first kilobyte.
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        let found = super::looks_like(bytes).to_owned();
        return Err(DocumentError::new(
            file,
            Problem::WrongFormat {
                kind: Kind::Pdf,
                found,
            },
        ));
    }
    let pdf = match catch_unwind(|| Pdf::load_mem(bytes)) {
        Ok(Ok(pdf)) => pdf,
        Ok(Err(pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword)) => {
            return Err(DocumentError::new(file, Problem::Encrypted));
        }
        Ok(Err(e)) => return Err(damaged(e.to_string())),
        Err(_) => return Err(damaged("its structure cannot be parsed".into())),
    };
    // `lopdf` opens files encrypted without a user password itself; one
    // still encrypted after loading needs a password.
    if pdf.is_encrypted() {
        return Err(DocumentError::new(file, Problem::Encrypted));
    }
    if pdf.get_pages().is_empty() {
        return Err(damaged("it has no pages".into()));
    }
    Guard {
        pdf: &pdf,
        forms: 0,
    }
    .check()
    .map_err(|why| damaged(why.into()))?;
    Ok(pdf)
}

/// Each page's lines; pages that cannot be read are left out with a
/// warning, and a PDF without any text is refused.
fn text_pages(
    pdf: &Pdf,
    file: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<Page>, DocumentError> {
    let mut collector = Collector::default();
    for &number in pdf.get_pages().keys() {
        let before = collector.pages.len();
        let run = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(pdf, &mut collector, number)
        }));
        if !matches!(run, Ok(Ok(()))) {
            collector.pages.truncate(before);
            warnings.push(format!(
                "{file}: page {number} cannot be read; it is left out"
            ));
        }
    }
    let mut pages = collector.pages;
    if pages.is_empty() {
        let why = "none of its pages can be read";
        return Err(DocumentError::damaged(file, Kind::Pdf, why));
    }
    for page in &mut pages {
        page.lines.retain_mut(|l| {
            l.text.truncate(l.text.trim_end().len());
            !l.text.is_empty()
        });
    }
    let blank: Vec<String> = (pages.iter().enumerate())
        .filter(|(_, p)| p.lines.is_empty())
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if blank.len() == pages.len() {
        return Err(DocumentError::new(file, Problem::NoTextLayer));
    }
    if !blank.is_empty() {
        warnings.push(format!(
            "{file}: page(s) {} have no text layer (scanned images?); run OCR to include them",
            blank.join(", ")
        ));
    }
    Ok(pages)
}

/// Gathers `pdf-extract`'s characters into lines as they are drawn.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    /// The top of the current page in PDF coordinates (y grows upwards).
    top: f64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _number: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        self.pages.push(Page {
            height: (media_box.ury - media_box.lly).abs(),
            lines: Vec::new(),
        });
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The text matrix scales the font: its area factor gives the size
        // on the page whatever the rotation or mirroring.
        let size = font_size.abs() * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let (x, y) = (trm.m31, self.top - trm.m32);
        if [x, y, size, width].iter().all(|v| v.is_finite()) {
            self.glyph(x, y, size, x + width * size, text);
        }
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

impl Collector {
    /// Adds a character to the current line, or starts a new line where
    /// it is off the baseline or back to the left. A gap wider than a
    /// sixth of the font size is a space (many PDFs draw no space glyphs).
    fn glyph(&mut self, x: f64, y: f64, size: f64, end: f64, text: &str) {
        let Some(page) = self.pages.last_mut() else {
            return;
        };
        let text = expand_ligature(text);
        match page.lines.last_mut() {
            Some(line) if on_line(line, x, y, size) => {
                let gap = x - line.end > line.size.max(size) / 6.0;
                if gap && !line.text.ends_with(' ') && !text.starts_with(' ') {
                    line.text.push(' ');
                }
                line.text.push_str(text);
                line.end = line.end.max(end);
            }
            _ if text.trim().is_empty() => {}
            _ => page.lines.push(Line {
                text: text.to_owned(),
                x,
                y,
                end,
                size,
            }),
        }
    }
}

fn on_line(line: &Line, x: f64, y: f64, size: f64) -> bool {
    let size = line.size.max(size);
    (y - line.y).abs() <= 0.5 * size && x >= line.end - size
}

/// Typographic ligatures as their letters, so words read and search whole.
fn expand_ligature(text: &str) -> &str {
    match text {
        "\u{fb00}" => "ff",
        "\u{fb01}" => "fi",
        "\u{fb02}" => "fl",
        "\u{fb03}" => "ffi",
        "\u{fb04}" => "ffl",
        "\u{fb05}" | "\u{fb06}" => "st",
        other => other,
    }
}

/// Checks what `pdf-extract` would follow recursively.
struct Guard<'a> {
    pdf: &'a Pdf,
    forms: usize,
}

impl<'a> Guard<'a> {
    fn check(mut self) -> Result<(), &'static str> {
        for &page in self.pdf.get_pages().values() {
            let resources = self.page_resources(page)?;
            let content = self.pdf.get_page_content(page).unwrap_or_default();
            self.content(&content, resources, &mut Vec::new())?;
        }
        Ok(())
    }

    /// The page's resources, inherited along a bounded, acyclic `Parent` chain.
    fn page_resources(&self, page: ObjectId) -> Result<Option<&'a Dictionary>, &'static str> {
        let mut seen = HashSet::new();
        let mut node = Some(page);
        let mut resources = None;
        while let Some(id) = node {
            if !seen.insert(id) || seen.len() > MAX_NESTING {
                return Err("its page tree loops or nests too deep");
            }
            let Ok(dict) = self.pdf.get_dictionary(id) else {
                break;
            };
            resources = resources.or_else(|| self.dict(dict.get(b"Resources").ok()));
            node = dict.get(b"Parent").and_then(Object::as_reference).ok();
        }
        Ok(resources)
    }

    /// The XObjects a content stream draws, and what they draw in turn.
    fn content(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        path: &mut Vec<ObjectId>,
    ) -> Result<(), &'static str> {
        let (Some(resources), Ok(content)) = (resources, Content::decode(content)) else {
            return Ok(());
        };
        let xobjects = self.dict(resources.get(b"XObject").ok());
        for op in content.operations.iter().filter(|op| op.operator == "Do") {
            let name = op.operands.first().and_then(|o| o.as_name().ok());
            let target = xobjects.and_then(|x| x.get(name?).ok());
            let Some((id, stream)) = target.and_then(|t| self.stream(t)) else {
                continue;
            };
            self.forms += 1;
            if self.forms > MAX_FORMS
                || path.len() >= MAX_NESTING
                || id.is_some_and(|i| path.contains(&i))
            {
                return Err("its drawings draw themselves or nest too deep");
            }
            let inner = self
                .dict(stream.dict.get(b"Resources").ok())
                .or(Some(resources));
            let data = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            path.extend(id);
            self.content(&data, inner, path)?;
            path.truncate(path.len() - usize::from(id.is_some()));
        }
        Ok(())
    }

    fn dict(&self, object: Option<&'a Object>) -> Option<&'a Dictionary> {
        let (_, object) = self.pdf.dereference(object?).ok()?;
        object.as_dict().ok()
    }

    fn stream(&self, object: &'a Object) -> Option<(Option<ObjectId>, &'a Stream)> {
        let (id, object) = self.pdf.dereference(object).ok()?;
        Some((id, object.as_stream().ok()?))
    }
}

/// Title, author and creation date from the document information dictionary.
fn info(pdf: &Pdf) -> Metadata {
    let dict = (pdf.trailer.get(b"Info").ok())
        .and_then(|o| pdf.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    let Some(dict) = dict else {
        return Metadata::default();
    };
    let text = |key: &[u8]| {
        let (_, object) = pdf.dereference(dict.get(key).ok()?).ok()?;
        let decoded = pdf_extract::decode_text_string(object).ok()?;
        non_empty(&decoded)
    };
    Metadata {
        title: text(b"Title"),
        author: text(b"Author"),
        date: text(b"CreationDate").map(|d| iso_date(&d)),
        ..Metadata::default()
    }
}

/// A PDF date (`D:20251120093000+01'00'`) in ISO 8601
/// (`2025-11-20T09:30:00+01:00`), to the precision given; anything else as
/// written.
fn iso_date(raw: &str) -> String {
    let s = raw
        .trim()
        .trim_start_matches('\u{feff}')
        .trim_start_matches("D:");
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n < 4 {
        return raw.trim().to_owned();
    }
    let (digits, zone) = s.split_at(n);
    let mut out = digits[..4].to_owned();
    let fields = [
        (4..6, "-"),
        (6..8, "-"),
        (8..10, "T"),
        (10..12, ":"),
        (12..14, ":"),
    ];
    for (range, separator) in fields {
        let Some(field) = digits.get(range) else {
            break;
        };
        out.push_str(separator);
        out.push_str(field);
    }
    if n >= 12 {
        let zone: String = zone.chars().filter(|&c| c != '\'').collect();
        match zone.get(..1) {
            Some("Z") => out.push('Z'),
            Some("+" | "-") if zone.len() >= 5 => {
                out.push_str(&format!("{}:{}", &zone[..3], &zone[3..5]))
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_become_iso() {
        assert_eq!(
            iso_date("D:20251120093000+01'00'"),
            "2025-11-20T09:30:00+01:00"
        );
        assert_eq!(iso_date("D:20251120093000Z"), "2025-11-20T09:30:00Z");
        assert_eq!(iso_date("D:20251120"), "2025-11-20");
        assert_eq!(iso_date("yesterday"), "yesterday");
    }

    #[test]
    fn characters_gather_into_lines_and_words() {
        let mut c = Collector::default();
        c.pages.push(Page::default());
        c.glyph(10.0, 100.0, 10.0, 16.0, "a");
        c.glyph(16.0, 100.0, 10.0, 22.0, "\u{fb01}");
        c.glyph(30.0, 100.5, 10.0, 36.0, "b");
        c.glyph(10.0, 112.0, 10.0, 16.0, " ");
        c.glyph(10.0, 112.0, 10.0, 16.0, "c");
        let lines: Vec<_> = c.pages[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(lines, ["afi b", "c"]);
    }

    fn name(n: &str) -> Object {
        Object::Name(n.as_bytes().to_vec())
    }

    fn dict(entries: Vec<(&str, Object)>) -> Dictionary {
        let mut d = Dictionary::new();
        for (k, v) in entries {
            d.set(k, v);
        }
        d
    }

    /// One page drawing form X1 (`/X1 Do`), whose content is `form`; the
    /// pages node's parent is `parent`.
    fn pdf_with_form(form: &[u8], parent: bool) -> Vec<u8> {
        let mut pdf = Pdf::with_version("1.5");
        let (form_id, pages_id, page_id) = (
            pdf.new_object_id(),
            pdf.new_object_id(),
            pdf.new_object_id(),
        );
        let xobjects = dict(vec![("X1", Object::Reference(form_id))]);
        let resources = dict(vec![("XObject", Object::Dictionary(xobjects))]);
        let form_dict = dict(vec![("Type", name("XObject")), ("Subtype", name("Form"))]);
        pdf.objects.insert(
            form_id,
            Object::Stream(Stream::new(form_dict, form.to_vec())),
        );
        let content = pdf.add_object(Stream::new(Dictionary::new(), b"/X1 Do".to_vec()));
        let media_box = [0, 0, 612, 792].map(Object::Integer).to_vec();
        let page = dict(vec![
            ("Type", name("Page")),
            ("Parent", Object::Reference(pages_id)),
            ("Contents", Object::Reference(content)),
            ("Resources", Object::Dictionary(resources)),
            ("MediaBox", Object::Array(media_box)),
        ]);
        pdf.objects.insert(page_id, Object::Dictionary(page));
        let mut pages = dict(vec![
            ("Type", name("Pages")),
            ("Kids", Object::Array(vec![Object::Reference(page_id)])),
            ("Count", Object::Integer(1)),
        ]);
        if parent {
            pages.set("Parent", Object::Reference(page_id));
        }
        pdf.objects.insert(pages_id, Object::Dictionary(pages));
        let catalog = pdf.add_object(dict(vec![
            ("Type", name("Catalog")),
            ("Pages", Object::Reference(pages_id)),
        ]));
        pdf.trailer.set("Root", Object::Reference(catalog));
        let mut bytes = Vec::new();
        pdf.save_to(&mut bytes).expect("in memory");
        bytes
    }

    #[test]
    fn endless_recursion_is_refused_before_it_starts() {
        let read = |bytes: &[u8]| read(bytes, DocumentId("p".into()), "p.pdf");
        let err = read(&pdf_with_form(b"/X1 Do", false)).unwrap_err();
        assert!(err.to_string().contains("draw themselves"), "{err}");
        let err = read(&pdf_with_form(b"", true)).unwrap_err();
        assert!(err.to_string().contains("page tree loops"), "{err}");
        // A form that draws nothing is no problem (and no text).
        let err = read(&pdf_with_form(b"", false)).unwrap_err();
        assert!(matches!(err.problem, Problem::NoTextLayer), "{err}");
    }

    #[test]
    fn hostile_bytes_do_not_panic() {
        for bytes in [
            &b"%PDF-1.4\n"[..],
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
            b"%PDF-",
        ] {
            let err = read(bytes, DocumentId("p".into()), "p.pdf").unwrap_err();
            assert!(matches!(err.problem, Problem::Damaged { .. }), "{err}");
        }
    }
}
