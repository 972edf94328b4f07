//! PDF (`.pdf`): the text layer, through `pdf-extract` (on `lopdf`), which
//! decodes fonts and hands over each character with its position. This
//! file gathers characters into lines; `pdf_layout` drops running heads,
//! footers and page numbers, rebuilds paragraphs and mends hyphenation.
//! No character styles: a PDF's text layer does not say which text is
//! emphasised. The document information dictionary gives title, author
//! and creation date.
//!
//! `pdf-extract` trusts its input (it unwraps and recurses freely), so:
//! streams are decoded once within a budget before it reads them
//! (`pdf_streams`); it runs one page at a time, its panics caught without a
//! word (`recovery::catch_quietly`), a page that panics left out with a
//! warning; and before it runs, the page tree and the forms drawn by forms
//! are checked for cycles and depth (endless recursion would overflow the
//! stack, which no catch survives), and what each page would run is
//! counted: a page past [`MAX_PAGE_CONTENT`] is left out, a PDF past
//! [`MAX_CONTENT`] refused.

use std::collections::{HashMap, HashSet};
use std::ops::AddAssign;
use std::panic::AssertUnwindSafe;

use pdf_extract::content::Content;
use pdf_extract::{
    Dictionary, Document as Pdf, MediaBox, Object, ObjectId, OutputDev, OutputError, Stream,
    Transform,
};

use super::build::{Builder, non_empty};
use super::pdf_layout::{self, Line, Page};
use super::pdf_streams::{self, MAX_DECODED};
use super::{DocumentError, Imported, Kind, Limit, Metadata, Problem};
use crate::io::recovery::catch_quietly;
use crate::model::DocumentId;

/// Deepest page tree and deepest nesting of forms read.
const MAX_NESTING: usize = 32;
/// Most forms drawn in all, as a form may draw another many times.
const MAX_FORMS: u64 = 100_000;
/// Content one page may run, each form counted each time it is drawn:
/// `pdf-extract` holds a page's parsed operators, some 40 bytes for each
/// byte of content. Pages this large are drawings (maps, charts), not text.
const MAX_PAGE_CONTENT: u64 = 8 * 1024 * 1024;
/// Content all pages may run together: `pdf-extract` reads some 7 MB a
/// second, so this takes it under ten seconds; a 600-page report runs
/// some 50 MB.
const MAX_CONTENT: u64 = 64 * 1024 * 1024;
/// `pdf-extract` loads a page's fonts again on every page, parsing their
/// ToUnicode and encoding maps and Type 1 clear text at some 2 MB a second
/// (a quarter of its speed on content): they count four times their size.
const MAP_WEIGHT: u64 = 4;
/// A CFF font program, only copied and glanced at on every page, counts
/// this share of its size.
const PROGRAM_SHARE: u64 = 256;

/// Reads a PDF's bytes.
pub(super) fn read(bytes: &[u8], id: DocumentId, file: &str) -> Result<Imported, DocumentError> {
    // Anything else in `lopdf` or `pdf-extract` that panics refuses the
    // file, quietly, rather than ending briefmark.
    match catch_quietly(|| read_pdf(bytes, id, file)) {
        Ok(result) => result,
        Err(_) => Err(DocumentError::damaged(
            file,
            Kind::Pdf,
            "its structure cannot be parsed",
        )),
    }
}

fn read_pdf(bytes: &[u8], id: DocumentId, file: &str) -> Result<Imported, DocumentError> {
    let mut pdf = load(bytes, file)?;
    let mut warnings = Vec::new();
    let mut pages = text_pages(&mut pdf, file, &mut warnings)?;
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
    let pdf = match catch_quietly(|| pdf_streams::load(bytes)) {
        Ok(Ok(Ok(pdf))) => pdf,
        Ok(Ok(Err(pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword))) => {
            return Err(DocumentError::new(file, Problem::Encrypted));
        }
        Ok(Ok(Err(e))) => return Err(damaged(e.to_string())),
        Ok(Err(pdf_streams::TooLarge)) => {
            let limit = Limit::PdfDecoded(MAX_DECODED);
            return Err(DocumentError::new(file, Problem::PastLimit(limit)));
        }
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
    Ok(pdf)
}

/// The pages to read: each page's content and the forms it draws are
/// checked for cycles and depth (refusing the PDF) and counted; a page past
/// [`MAX_PAGE_CONTENT`] is left out with a warning, and the PDF refused when
/// the rest run past [`MAX_CONTENT`] or draw more than [`MAX_FORMS`] forms.
fn pages_to_read(
    pdf: &Pdf,
    file: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<(u32, ObjectId)>, DocumentError> {
    let mut guard = Guard {
        pdf,
        done: HashMap::new(),
    };
    let mut total = Cost::default();
    let mut pages = Vec::new();
    for (&number, &page) in &pdf.get_pages() {
        let cost = guard
            .page(page)
            .map_err(|why| DocumentError::damaged(file, Kind::Pdf, why))?;
        if cost.bytes > MAX_PAGE_CONTENT {
            let mib = MAX_PAGE_CONTENT >> 20;
            warnings.push(format!(
                "{file}: page {number} takes more than {mib} MiB of content and fonts to read (a drawing?); it is left out"
            ));
            continue;
        }
        total += cost;
        if total.bytes > MAX_CONTENT {
            let limit = Limit::PdfContent(MAX_CONTENT);
            return Err(DocumentError::new(file, Problem::PastLimit(limit)));
        }
        if total.forms > MAX_FORMS {
            let why = "its drawings draw themselves or nest too deep";
            return Err(DocumentError::damaged(file, Kind::Pdf, why));
        }
        pages.push((number, page));
    }
    Ok(pages)
}

/// Each page's lines; pages that cannot be read are left out with a
/// warning, and a PDF without any text is refused.
///
/// `pdf-extract` finds a page by its number, walking the whole page tree
/// each time, which over all pages is quadratic (8,000 pages: minutes). So
/// each page is read through a page tree of its own: the catalog points to
/// a node whose one kid is the page (whose `Parent` chain, for inherited
/// resources, stays as it was), and afterwards back to the real tree.
fn text_pages(
    pdf: &mut Pdf,
    file: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<Page>, DocumentError> {
    let to_read = pages_to_read(pdf, file, warnings)?;
    let node = pdf.new_object_id();
    let tree = set_page_tree(pdf, Object::Reference(node));
    let mut collector = Collector::default();
    let mut numbers = Vec::new();
    for (number, page) in to_read {
        let kids = Object::Array(vec![Object::Reference(page)]);
        let one = Dictionary::from_iter([
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Kids", kids),
            ("Count", Object::Integer(1)),
        ]);
        pdf.objects.insert(node, Object::Dictionary(one));
        let before = collector.pages.len();
        let run = catch_quietly(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(pdf, &mut collector, 1)
        }));
        if matches!(run, Ok(Ok(()))) && collector.pages.len() == before + 1 {
            numbers.push(number);
        } else {
            collector.pages.truncate(before);
            warnings.push(format!(
                "{file}: page {number} cannot be read; it is left out"
            ));
        }
    }
    pdf.objects.remove(&node);
    if let Some(tree) = tree {
        set_page_tree(pdf, tree);
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
    let blank: Vec<String> = (pages.iter().zip(&numbers))
        .filter(|(p, _)| p.lines.is_empty())
        .map(|(_, number)| number.to_string())
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

/// Points the catalog's `Pages` at `tree`; returns what it pointed at.
fn set_page_tree(pdf: &mut Pdf, tree: Object) -> Option<Object> {
    let catalog = pdf.catalog_mut().ok()?;
    let old = catalog.get(b"Pages").ok().cloned();
    catalog.set("Pages", tree);
    old
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

/// What running a page or a form costs: content bytes, each form's
/// counted each time it is drawn, and the fonts loaded for it (weighted,
/// see [`MAP_WEIGHT`]); and forms drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Cost {
    bytes: u64,
    forms: u64,
}

impl AddAssign for Cost {
    fn add_assign(&mut self, other: Self) {
        self.bytes = self.bytes.saturating_add(other.bytes);
        self.forms = self.forms.saturating_add(other.forms);
    }
}

/// Checks what `pdf-extract` would follow recursively, and counts it.
struct Guard<'a> {
    pdf: &'a Pdf,
    /// What each form costs, by the form and the resources it is drawn
    /// with: a form drawn many times is looked into once.
    done: HashMap<(ObjectId, *const Dictionary), Cost>,
}

impl<'a> Guard<'a> {
    /// What a page costs, or why the PDF cannot be read.
    fn page(&mut self, page: ObjectId) -> Result<Cost, &'static str> {
        let resources = self.page_resources(page)?;
        let content = self.pdf.get_page_content(page).unwrap_or_default();
        let mut cost = Cost {
            bytes: (content.len() as u64).saturating_add(self.fonts(resources)),
            forms: 0,
        };
        cost += self.drawn(&content, resources, &mut Vec::new())?;
        Ok(cost)
    }

    /// What loading the fonts of `resources` costs, weighted.
    fn fonts(&self, resources: Option<&'a Dictionary>) -> u64 {
        let fonts = resources.and_then(|r| self.dict(r.get(b"Font").ok()));
        let fonts = fonts.into_iter().flat_map(|f| f.iter());
        fonts
            .filter_map(|(_, font)| self.dict(Some(font)))
            .map(|font| self.font(font))
            .fold(0, u64::saturating_add)
    }

    /// One font: its maps, and the programs of its descriptor and of its
    /// descendant's (a Type 0 font's).
    fn font(&self, font: &'a Dictionary) -> u64 {
        let size = |dict: &'a Dictionary, key: &[u8]| {
            let (_, object) = self.pdf.dereference(dict.get(key).ok()?).ok()?;
            Some(object.as_stream().ok()?.content.len() as u64)
        };
        let maps = size(font, b"ToUnicode").unwrap_or(0) + size(font, b"Encoding").unwrap_or(0);
        let descendant = (font.get(b"DescendantFonts").ok())
            .and_then(|d| self.pdf.dereference(d).ok())
            .and_then(|(_, d)| d.as_array().ok()?.first())
            .and_then(|d| self.dict(Some(d)));
        let descriptors = [Some(font), descendant]
            .into_iter()
            .flatten()
            .filter_map(|f| self.dict(f.get(b"FontDescriptor").ok()));
        let mut cost = maps.saturating_mul(MAP_WEIGHT);
        for descriptor in descriptors {
            let clear_text = size(descriptor, b"FontFile").unwrap_or(0);
            let program = size(descriptor, b"FontFile3").unwrap_or(0);
            cost = cost
                .saturating_add(clear_text.saturating_mul(MAP_WEIGHT))
                .saturating_add(program / PROGRAM_SHARE);
        }
        cost
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

    /// What the forms a content stream draws cost, with what they draw in
    /// turn (`path`: the forms being drawn around it).
    fn drawn(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        path: &mut Vec<ObjectId>,
    ) -> Result<Cost, &'static str> {
        let mut cost = Cost::default();
        // Most content draws no form: no need to parse it.
        if !content.windows(2).any(|w| w == b"Do") {
            return Ok(cost);
        }
        let (Some(resources), Ok(content)) = (resources, Content::decode(content)) else {
            return Ok(cost);
        };
        let xobjects = self.dict(resources.get(b"XObject").ok());
        for op in content.operations.iter().filter(|op| op.operator == "Do") {
            let name = op.operands.first().and_then(|o| o.as_name().ok());
            let target = xobjects.and_then(|x| x.get(name?).ok());
            let Some((id, stream)) = target.and_then(|t| self.stream(t)) else {
                continue;
            };
            if path.len() >= MAX_NESTING || id.is_some_and(|i| path.contains(&i)) {
                return Err("its drawings draw themselves or nest too deep");
            }
            let inner = self
                .dict(stream.dict.get(b"Resources").ok())
                .or(Some(resources));
            let key = id.map(|i| (i, inner.map_or(std::ptr::null(), std::ptr::from_ref)));
            let form = match key.and_then(|k| self.done.get(&k)) {
                Some(&known) => known,
                None => {
                    path.extend(id);
                    // Streams hold their decoded bytes (`pdf_streams`).
                    // A form with resources of its own loads its fonts.
                    let own = stream.dict.get(b"Resources").is_ok();
                    let fonts = if own { self.fonts(inner) } else { 0 };
                    let mut form = Cost {
                        bytes: (stream.content.len() as u64).saturating_add(fonts),
                        forms: 1,
                    };
                    form += self.drawn(&stream.content, inner, path)?;
                    path.truncate(path.len() - usize::from(id.is_some()));
                    if let Some(key) = key {
                        self.done.insert(key, form);
                    }
                    form
                }
            };
            cost += form;
            if cost.forms > MAX_FORMS {
                return Err("its drawings draw themselves or nest too deep");
            }
        }
        Ok(cost)
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
