//! Hostile documents are refused within limits or read as far as they can
//! be, never left to run for minutes, take gigabytes or print a panic
//! (docs/reliability.md, "Hostile inputs"). The inputs are built here;
//! `scripts/hostile_inputs.py` builds the large ones and measures time and
//! memory. Each test names the limit it meets.

use std::io::Write;

use briefmark::io::documents::{DocumentError, Imported, Kind, from_bytes};
use briefmark::model::{BlockKind, DocumentId};
use flate2::Compression;
use flate2::write::ZlibEncoder;

use crate::common::briefmark;

fn import(kind: Kind, bytes: &[u8]) -> Result<Imported, DocumentError> {
    from_bytes(kind, bytes, DocumentId("d".into()))
}

fn refusal(kind: Kind, bytes: &[u8]) -> String {
    import(kind, bytes).expect_err("refused").to_string()
}

const TOO_DEEP: &str = "d.html: refused: its elements nest more than 512 deep (browsers flatten them past 512); if it is a real page, open it in a browser and save it again, or save it as PDF";

#[test]
fn deeply_nested_html_is_refused_naming_the_limit() {
    // 100,000 took minutes; 5,000 already nests past the limit.
    let deep = "<div>".repeat(5_000) + "text";
    assert_eq!(refusal(Kind::Html, deep.as_bytes()), TOO_DEEP);
    // Implied end tags and void elements do not nest.
    let flat = "<p>para<br><img src=x><li>item".repeat(20_000);
    let imported = import(Kind::Html, flat.as_bytes()).expect("a flat page reads");
    assert_eq!(imported.document.blocks().len(), 40_000);
}

#[test]
fn an_element_with_too_many_attributes_is_refused() {
    // 300,000 took minutes; anything past 256 is refused before parsing.
    let names: String = (0..10_000).map(|i| format!(" a{i}")).collect();
    let page = format!("<p>Text<div{names}>more</div>");
    assert_eq!(
        refusal(Kind::Html, page.as_bytes()),
        "d.html: refused: an element has more than 256 attributes; if it is a real page, open it in a browser and save it as PDF"
    );
    let names: String = (0..256).map(|i| format!(" a{i}")).collect();
    let page = format!("<p>Text<div{names}>more</div>");
    assert_eq!(
        import(Kind::Html, page.as_bytes())
            .expect("256 is fine")
            .document
            .text(),
        "Text\n\nmore"
    );
}

#[test]
fn a_long_ordinary_page_is_read() {
    let body = "<p>A <b>short</b> paragraph with <a href='#'>a link</a>.</p>\n".repeat(50_000);
    let page =
        format!("<html><head><title>Long</title></head><body><h1>Long</h1>{body}</body></html>");
    let imported = import(Kind::Html, page.as_bytes()).expect("reads");
    let d = &imported.document;
    assert_eq!(d.blocks().len(), 50_001);
    assert_eq!(d.blocks()[0].kind, BlockKind::Title);
    assert_eq!(d.spans().len(), 50_000);
    assert_eq!(imported.metadata.links.len(), 50_000);
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(data).expect("in memory");
    encoder.finish().expect("in memory")
}

/// `bytes` of zeros, deflated a mebibyte at a time (a thousandfold).
fn deflated_zeros(bytes: usize) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..bytes >> 20 {
        encoder.write_all(&zeros).expect("in memory");
    }
    encoder.finish().expect("in memory")
}

/// A PDF of `objects` (numbered from 1; the first is the catalog) with a
/// cross-reference table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(object);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let trailer = format!("trailer\n<< /Size {} /Root 1 0 R >>\n", objects.len() + 1);
    out.extend(trailer.as_bytes());
    out.extend(format!("startxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut object = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    object.extend(data);
    object.extend(b"\nendstream");
    object
}

/// One page per content stream, each drawn in Helvetica; `flate` deflates
/// the contents.
fn pdf_pages(contents: &[Vec<u8>], flate: bool) -> Vec<u8> {
    pdf(&page_objects(contents, flate))
}

/// The objects of [`pdf_pages`]: catalog, page tree, font, then each page
/// and its content.
fn page_objects(contents: &[Vec<u8>], flate: bool) -> Vec<Vec<u8>> {
    let kids: Vec<String> = (0..contents.len())
        .map(|i| format!("{} 0 R", 4 + 2 * i))
        .collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            contents.len()
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    for (i, content) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        objects.push(match flate {
            true => stream("/Filter /FlateDecode", content),
            false => stream("", content),
        });
    }
    objects
}

fn text_page(text: &str) -> Vec<u8> {
    deflate(format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET").as_bytes())
}

const BOMB: &str = "d.pdf: refused: its compressed streams expand past 256 MiB (a PDF bomb?); if it is a real document, print it to a new PDF or split it";

#[test]
fn a_pdf_stream_expanding_past_the_limit_is_refused() {
    // 257 MiB from some 260 KB: refused once 256 MiB are counted, never held.
    let bomb = deflated_zeros(257 << 20);
    let bytes = pdf_pages(&[text_page("Fine."), bomb], true);
    assert_eq!(refusal(Kind::Pdf, &bytes), BOMB);
}

#[test]
fn pdf_streams_under_the_limit_each_are_refused_together() {
    let part = deflated_zeros(65 << 20);
    let bytes = pdf_pages(&[part.clone(), part.clone(), part.clone(), part], true);
    assert_eq!(refusal(Kind::Pdf, &bytes), BOMB);
}

#[test]
fn a_cross_reference_stream_expanding_past_the_limit_is_refused() {
    // `lopdf` decodes the cross-reference stream before any object.
    let mut bytes = pdf_pages(&[text_page("Fine.")], true);
    let at = bytes
        .windows(6)
        .position(|w| w == b"\nxref\n")
        .expect("a table");
    bytes.truncate(at + 1);
    let offset = bytes.len();
    let xref = stream(
        "/Type /XRef /Size 6 /Index [0 1] /W [1 2 1] /Root 1 0 R /Filter /FlateDecode",
        &deflated_zeros(257 << 20),
    );
    bytes.extend(b"6 0 obj\n");
    bytes.extend(xref);
    bytes.extend(format!("\nendobj\nstartxref\n{offset}\n%%EOF\n").as_bytes());
    assert_eq!(refusal(Kind::Pdf, &bytes), BOMB);
}

#[test]
fn a_page_drawing_a_form_over_and_over_is_left_out_and_the_rest_read() {
    // A 64 KiB form drawn 200 times is 12.5 MiB of content for one page.
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 10 10]",
        &b"0 0 m 1 1 l S\n".repeat(64 * 1024 / 14),
    );
    let draws = b"/X1 Do\n".repeat(200);
    let objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>".to_vec(),
        stream("/Filter /FlateDecode", &text_page("The text page.")),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X1 8 0 R >> >> /Contents 7 0 R >>".to_vec(),
        stream("", &draws),
        form,
    ];
    let imported = import(Kind::Pdf, &pdf(&objects)).expect("the text page reads");
    assert_eq!(imported.document.text(), "The text page.");
    assert_eq!(
        imported.warnings,
        [
            "d.pdf: page 2 takes more than 8 MiB of content and fonts to read (a drawing?); it is left out"
        ]
    );
}

#[test]
fn pages_under_nested_page_nodes_keep_their_inherited_resources() {
    // Each page is read through a page tree of its own (pdf-extract walks
    // the whole tree for each page it is asked for: quadratic); the fonts
    // still come from the intermediate node above the pages.
    let objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [4 0 R 7 0 R] /Count 3 /MediaBox [0 0 612 792] >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        b"<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 /Resources << /Font << /F1 3 0 R >> >> >>".to_vec(),
        b"<< /Type /Page /Parent 4 0 R /Contents 8 0 R >>".to_vec(),
        b"<< /Type /Page /Parent 4 0 R /Contents 9 0 R >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents 10 0 R >>".to_vec(),
        stream("/Filter /FlateDecode", &text_page("First page.")),
        stream("/Filter /FlateDecode", &text_page("Second page.")),
        stream("/Filter /FlateDecode", &text_page("Third page.")),
    ];
    let imported = import(Kind::Pdf, &pdf(&objects)).expect("reads");
    assert_eq!(
        imported.document.text(),
        "First page.\n\nSecond page.\n\nThird page."
    );
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn fonts_read_again_on_every_page_count_toward_the_limit() {
    // pdf-extract parses a font's ToUnicode map on each page that uses it,
    // at some 2 MB a second: a 1 MiB map on 20 pages would take 10 s.
    let mut map = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <00> <FF> endcodespacerange\n"
        .to_vec();
    while map.len() < 1 << 20 {
        map.extend(b"100 beginbfchar\n");
        map.extend(b"<41> <0041>\n".repeat(100));
        map.extend(b"endbfchar\n");
    }
    map.extend(b"endcmap end end\n");
    let pages: Vec<_> = (0..20).map(|i| text_page(&format!("Page {i}."))).collect();
    let mut objects = page_objects(&pages, true);
    objects[2] = format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode {} 0 R >>",
        objects.len() + 1
    )
    .into_bytes();
    objects.push(stream("/Filter /FlateDecode", &deflate(&map)));
    let bytes = pdf(&objects);
    assert_eq!(
        refusal(Kind::Pdf, &bytes),
        "d.pdf: refused: its pages take more than 64 MiB of content and fonts to read; if it is a real document, split it into smaller PDFs"
    );
}

/// Three pages; the second sets a font size with no font (`12 Tf`), which
/// makes `pdf-extract` panic.
fn pdf_with_a_panicking_page() -> Vec<u8> {
    let pages = [
        text_page("Page one."),
        deflate(b"BT 12 Tf 72 700 Td (Page two.) Tj ET"),
        text_page("Page three."),
    ];
    pdf_pages(&pages, true)
}

#[test]
fn a_page_the_pdf_library_panics_on_is_left_out() {
    let imported = import(Kind::Pdf, &pdf_with_a_panicking_page()).expect("reads");
    assert_eq!(imported.document.text(), "Page one.\n\nPage three.");
    assert_eq!(
        imported.warnings,
        ["d.pdf: page 2 cannot be read; it is left out"]
    );
}

#[test]
fn pages_without_text_are_named_by_their_numbers_after_a_page_left_out() {
    let pages = [
        text_page("Page one."),
        deflate(b"BT 12 Tf 72 700 Td (Page two.) Tj ET"),
        deflate(b"0 0 m 100 100 l S"),
    ];
    let imported = import(Kind::Pdf, &pdf_pages(&pages, true)).expect("reads");
    assert_eq!(imported.document.text(), "Page one.");
    assert_eq!(
        imported.warnings,
        [
            "d.pdf: page 2 cannot be read; it is left out",
            "d.pdf: page(s) 3 have no text layer (scanned images?); run OCR to include them"
        ]
    );
}

#[test]
fn the_pdf_library_panicking_prints_no_panic_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("tf.pdf");
    std::fs::write(&input, pdf_with_a_panicking_page()).expect("written");
    let out = dir.path().join("tf.briefmark.ron");
    let (code, _, stderr) = briefmark(&[
        "import",
        input.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "warning: {}: page 2 cannot be read; it is left out\n",
            input.display()
        )
    );
    let project = briefmark::io::project_file::load(&out).expect("written");
    assert_eq!(project.documents[0].text(), "Page one.\n\nPage three.");
}

#[test]
fn utf32_text_is_decoded_and_old_mac_line_ends_are_line_ends() {
    let text = "Title\r\rFirst line\rsecond line.\r\rThe last one, with ¶ and 🕊, ends here.";
    let mut utf32 = vec![0xff, 0xfe, 0, 0];
    utf32.extend(text.chars().flat_map(|c| u32::from(c).to_le_bytes()));
    let imported = import(Kind::Text, &utf32).expect("reads");
    assert_eq!(
        imported.document.text(),
        "Title\n\nFirst line second line.\n\nThe last one, with ¶ and 🕊, ends here."
    );
    assert_eq!(imported.warnings, ["d.txt: decoded from UTF-32LE"]);
    let blocks: Vec<_> = imported.document.blocks().iter().map(|b| b.kind).collect();
    assert_eq!(
        blocks,
        [BlockKind::Title, BlockKind::Paragraph, BlockKind::Paragraph]
    );
}

#[test]
fn markdown_front_matter_counts_only_at_the_start() {
    let md = "---\ntitle: Real\n---\n\nIntro.\n\n---\ntitle: Not metadata\n---\n\nEnd.\n";
    let imported = import(Kind::Markdown, md.as_bytes()).expect("reads");
    assert_eq!(imported.metadata.title.as_deref(), Some("Real"));
    assert_eq!(
        imported.document.text(),
        "Intro.\n\ntitle: Not metadata\n\nEnd."
    );
}
