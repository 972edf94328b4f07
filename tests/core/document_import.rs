//! Document importers (`io::documents`) on the fixtures written by
//! `scripts/make_document_fixtures.py`: one short text from the brief as
//! `.md`, `.html`, `.docx` and `.pdf`, which must all give the same plain
//! text, with blocks and spans at exact code-point offsets.

use std::path::{Path, PathBuf};

use briefmark::io::documents::{
    self, DocumentError, Imported, Kind, Problem, from_bytes, read_document,
};
use briefmark::model::{BlockKind, Document, DocumentId, Style};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/documents")
        .join(name)
}

fn read(name: &str) -> Imported {
    read_document(&fixture(name), DocumentId("brief".into()))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn read_err(name: &str) -> DocumentError {
    read_document(&fixture(name), DocumentId("brief".into())).expect_err(name)
}

fn bytes_err(kind: Kind, bytes: &[u8]) -> DocumentError {
    from_bytes(kind, bytes, DocumentId("d".into())).expect_err("refused")
}

/// The text every format must give, as the fixture script wrote it.
fn expected_text() -> String {
    std::fs::read_to_string(fixture("brief.expected.txt")).expect("expected text")
}

fn blocks(d: &Document) -> Vec<(BlockKind, usize, usize)> {
    d.blocks()
        .iter()
        .map(|b| (b.kind, b.start, b.end))
        .collect()
}

fn spans(d: &Document) -> Vec<(Style, usize, usize, &str)> {
    let span = |s: &briefmark::model::Span| (s.style, s.start, s.end, d.slice(s.start, s.end));
    d.spans().iter().map(span).collect()
}

use BlockKind::{Heading, Paragraph, Title};

/// Blocks of the fixture text (code points; `’`, `—` and `–` count one).
const BLOCKS: [(BlockKind, usize, usize); 7] = [
    (Title, 0, 49),
    (Paragraph, 51, 100),
    (Heading, 102, 155),
    (Paragraph, 157, 671),
    (Heading, 673, 698),
    (Paragraph, 700, 1114),
    (Paragraph, 1116, 1268),
];

const TITLE: &str = "Azerbaijan’s Calculated Confrontation with Russia";

#[test]
fn every_format_gives_the_same_text_and_blocks() {
    let expected = expected_text();
    assert!(expected.starts_with(
        "Azerbaijan’s Calculated Confrontation with Russia\n\n\
         Sergei Melkonian, Research Fellow — November 2025\n\n\
         2022–2024: The rise of Russian-Azerbaijani friendship\n\n\
         A few months after reaching their peak in August 2024,"
    ));
    for name in ["brief.md", "brief.html", "brief.docx", "brief.pdf"] {
        let imported = read(name);
        let d = &imported.document;
        assert_eq!(d.text(), expected, "{name}");
        assert_eq!(blocks(d), BLOCKS, "{name}");
        assert_eq!(d.title(), TITLE, "{name}");
        assert_eq!(d.id().0, "brief");
        assert_eq!(d.char_len(), 1268, "{name}");
    }
}

#[test]
fn offsets_count_code_points_not_bytes() {
    let d = read("brief.md").document;
    assert_eq!(d.slice(508, 515), "détente");
    assert_eq!(d.slice(353, 370), "“aircraft crisis”");
    assert_eq!(d.slice(85, 86), "—");
    // The same places in UTF-8 bytes lie further on.
    assert_eq!(d.byte_of(508), 518);
    assert_eq!(d.byte_of(353), 359);
}

/// Italic, bold and three underlines; the link is text only.
const STYLED: [(Style, usize, usize, &str); 5] = [
    (Style::Italic, 389, 396, "pretext"),
    (Style::Bold, 451, 468, "strategic mistake"),
    (
        Style::Underline,
        719,
        752,
        "Declaration on Allied Interaction",
    ),
    (Style::Underline, 1082, 1100, "Shusha Declaration"),
    (Style::Underline, 1128, 1139, "state visit"),
];

#[test]
fn markdown_html_and_docx_keep_emphasis_and_underline() {
    for name in ["brief.md", "brief.html", "brief.docx"] {
        let imported = read(name);
        assert_eq!(spans(&imported.document), STYLED, "{name}");
    }
}

#[test]
fn links_stay_text_and_their_targets_go_to_the_metadata() {
    for name in ["brief.md", "brief.html"] {
        let imported = read(name);
        let links = &imported.metadata.links;
        assert_eq!(links.len(), 1, "{name}: {links:?}");
        assert_eq!((links[0].start, links[0].end), (1250, 1266), "{name}");
        assert_eq!(links[0].url, "https://example.org/declaration");
        assert_eq!(imported.document.slice(1250, 1266), "declaration text");
    }
}

#[test]
fn metadata_as_each_format_offers_it() {
    let md = read("brief.md").metadata;
    assert_eq!(md.format, Some(Kind::Markdown));
    assert_eq!(md.title.as_deref(), Some(TITLE));
    assert_eq!(md.author.as_deref(), Some("Sergei Melkonian"));
    assert_eq!(md.date.as_deref(), Some("2025-11-20"));
    assert_eq!(md.source_url.as_deref(), Some("https://example.org/brief"));

    let html = read("brief.html").metadata;
    assert_eq!(
        html.title.as_deref(),
        Some("Azerbaijan’s Calculated Confrontation with Russia | Policy Briefs")
    );
    assert_eq!(html.author.as_deref(), Some("Sergei Melkonian"));
    assert_eq!(html.date.as_deref(), Some("2025-11-20"));
    assert_eq!(
        html.source_url.as_deref(),
        Some("https://example.org/brief")
    );

    let docx = read("brief.docx").metadata;
    assert_eq!(docx.title.as_deref(), Some(TITLE));
    assert_eq!(docx.author.as_deref(), Some("Sergei Melkonian"));
    assert_eq!(docx.date.as_deref(), Some("2025-11-20T09:00:00Z"));

    let pdf = read("brief.pdf").metadata;
    assert_eq!(pdf.format, Some(Kind::Pdf));
    assert_eq!(pdf.title.as_deref(), Some(TITLE));
    assert_eq!(pdf.author.as_deref(), Some("Sergei Melkonian"));
    // reportlab's `invariant` mode stamps every file with this date.
    assert_eq!(pdf.date.as_deref(), Some("2000-01-01T00:00:00+00:00"));
}

#[test]
fn pdf_drops_running_heads_and_page_numbers_and_mends_hyphens() {
    let imported = read("brief.pdf");
    let text = imported.document.text();
    for furniture in ["Policy Brief", "Page 1", "Page 2", "of 2"] {
        assert!(!text.contains(furniture), "{furniture:?} left in the text");
    }
    // "geo-" ends a line in the PDF and "political" starts the next.
    assert_eq!(imported.document.slice(598, 610), "geopolitical");
    assert!(!text.contains("geo-") && !text.contains("geo political"));
    // The second paragraph runs across the page break and stays one block.
    assert_eq!(
        imported.document.blocks()[5],
        briefmark::model::Block {
            kind: Paragraph,
            start: 700,
            end: 1114
        }
    );
    // Compounds hyphenated in the source keep their hyphen.
    assert!(text.contains("Russian-Azerbaijani relations"));
    assert!(
        imported.document.spans().is_empty(),
        "a PDF's text layer has no styles"
    );
    assert_eq!(
        imported.warnings,
        [format!(
            "{}: 4 line(s) of running heads, footers and page numbers left out",
            fixture("brief.pdf").display()
        )]
    );
}

#[test]
fn html_drops_navigation_scripts_and_styles() {
    let text = read("brief.html").document.text().to_owned();
    for dropped in [
        "Home",
        "Briefs",
        "console.log",
        "font-family",
        "Policy Briefs",
    ] {
        assert!(!text.contains(dropped), "{dropped:?} left in the text");
    }
}

#[test]
fn a_truncated_docx_is_refused_with_what_to_do() {
    let whole = std::fs::read(fixture("brief.docx")).expect("fixture");
    let err = bytes_err(Kind::Docx, &whole[..whole.len() * 2 / 3]);
    assert!(
        matches!(
            err.problem,
            Problem::Damaged {
                kind: Kind::Docx,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "d.docx: cannot be read as Word (.docx) (not a complete zip archive; it may have been \
         cut short); open it in Word or LibreOffice and save it again as .docx"
    );
}

#[test]
fn a_file_that_is_not_a_pdf_says_what_it_is() {
    let md = std::fs::read(fixture("brief.md")).expect("fixture");
    let err = bytes_err(Kind::Pdf, &md);
    assert_eq!(
        err.to_string(),
        "d.pdf: not a PDF file: it is plain text; rename it to what it is, or export it again"
    );
    let docx = std::fs::read(fixture("brief.docx")).expect("fixture");
    let err = bytes_err(Kind::Pdf, &docx);
    assert!(err.to_string().contains("it is a zip archive"), "{err}");
    let err = bytes_err(Kind::Pdf, b"");
    assert!(err.to_string().contains("the file is empty"), "{err}");
}

#[test]
fn encrypted_and_scanned_pdfs_are_refused_with_what_to_do() {
    let err = read_err("encrypted.pdf");
    assert!(matches!(err.problem, Problem::Encrypted), "{err}");
    assert!(err.to_string().contains("protected by a password"), "{err}");
    let err = read_err("scanned.pdf");
    assert!(matches!(err.problem, Problem::NoTextLayer), "{err}");
    assert!(
        err.to_string()
            .ends_with("scanned.pdf: no text layer: the PDF is scanned images; run OCR first"),
        "{err}"
    );
}

#[test]
fn missing_and_unknown_files_are_named() {
    let err = read_err("missing.pdf");
    assert!(matches!(err.problem, Problem::Io(_)), "{err}");
    assert!(
        err.to_string()
            .contains("missing.pdf: cannot read the file"),
        "{err}"
    );
    let err = documents::from_path_bytes(Path::new("notes.odt"), b"x", DocumentId("d".into()))
        .expect_err("unknown");
    assert!(matches!(err.problem, Problem::UnknownKind), "{err}");
}

#[test]
fn hostile_input_is_refused_not_panicked_on() {
    let cases: [(Kind, &[u8]); 6] = [
        (Kind::Docx, b"PK\x03\x04garbage"),
        (Kind::Docx, b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"),
        (Kind::Pdf, b"%PDF-1.7\n%%EOF"),
        (Kind::Pdf, b"%PDF-1.4\n1 0 obj\n<< /Type /Pages /Kids [1 0 R] /Count 1 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n"),
        (Kind::Html, b"\0\0\0binary"),
        (Kind::Markdown, b"\xff\xfe\xff\xdb"),
    ];
    for (kind, bytes) in cases {
        let _ = from_bytes(kind, bytes, DocumentId("d".into()));
    }
    let truncated = std::fs::read(fixture("brief.pdf")).expect("fixture");
    for cut in [100, 1000, truncated.len() / 2, truncated.len() - 10] {
        let _ = from_bytes(Kind::Pdf, &truncated[..cut], DocumentId("d".into()));
    }
}
