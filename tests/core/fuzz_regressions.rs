//! What fuzzing and the 50 MB test found, kept: each input that once made a
//! parser or importer misbehave or take quadratic time, with the result it
//! now gives. The fuzz targets are in `fuzz/` (cargo-fuzz, nightly), their
//! CI counterpart in `tests/fuzz_proptest.rs`; see `docs/reliability.md`,
//! "Fuzzing". No timing assertions: an input that was quadratic is sized so
//! that a regression makes this file take minutes instead of milliseconds.

use std::path::{Path, PathBuf};

use briefmark::io::refi_qda::{from_qdc, to_qdc};
use briefmark::model::markup::parse;
use briefmark::model::{BlockKind, DocumentId, Style};

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Found by `qdc_import`: a literal U+0001 in a code's description (XML
/// 1.0 cannot hold it). It was kept on import, dropped on export, so a
/// codebook changed on its way out and back in (here: the dropped char
/// had hidden a "When not to use:" label). Such characters are now
/// dropped on reading too.
#[test]
fn a_control_character_in_a_qdc_is_dropped_on_import() {
    let bytes = fixture("qdc-control-character.qdc");
    assert!(bytes.contains(&0x01), "the fixture holds the character");
    let codebook = from_qdc(&bytes, "control.qdc").expect("imports");
    let bilateral = codebook
        .codes()
        .map(|(_, c)| c)
        .find(|c| c.name == "Bilateral")
        .expect("the code");
    assert_eq!(
        bilateral.when_to_use,
        "When the passage is about bilateral.\nWhen not to use: When in doubt | unsure."
    );
    let again = from_qdc(to_qdc(&codebook).as_bytes(), "again.qdc").expect("own .qdc imports");
    assert_eq!(again, codebook);
}

/// The same for character references and attributes: `&#1;` and a
/// literal U+0002 in a name are dropped, not kept.
#[test]
fn control_character_references_and_attributes_are_dropped() {
    let qdc = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
        <CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\
        <Code guid=\"b454cded-1a87-5c59-aa4f-552c8a837d83\" name=\"Le\u{2}vel\" isCodable=\"false\">\
        <Code guid=\"42a5a940-9572-5e99-84d6-4555722d681d\" name=\"Pre&#1;text\" isCodable=\"true\">\
        <Description>A&#1;B\u{1}C</Description></Code></Code></Codes></CodeBook>";
    let codebook = from_qdc(qdc.as_bytes(), "refs.qdc").expect("imports");
    assert_eq!(codebook.dimensions[0].name, "Level");
    let code = &codebook.dimensions[0].codes[0];
    assert_eq!(
        (code.name.as_str(), code.definition.as_str()),
        ("Pretext", "ABC")
    );
}

/// Found with the 50 MB document: every block's text was found by counting
/// chars from the start of the text, quadratic in the number of blocks
/// (a 4 MB document took 137 s in a release build, 50 MB would take hours).
#[test]
fn many_blocks_are_classified() {
    let source: String = (0..20_000)
        .map(|i| format!("Paragraph {i} ends here.\n\n"))
        .collect();
    let doc = parse(DocumentId("d".into()), &source).document;
    assert_eq!(doc.blocks().len(), 20_000);
    assert_eq!(doc.title(), "Paragraph 0 ends here.");
    let last = doc.blocks()[19_999];
    assert_eq!(last.kind, BlockKind::Paragraph);
    assert_eq!(
        doc.slice(last.start, last.end),
        "Paragraph 19999 ends here."
    );
}

/// Found in review for the 50 MB work: each `<` that starts no tag
/// searched the rest of its paragraph for a `>`.
#[test]
fn many_lone_angle_brackets_in_one_paragraph_are_text() {
    let source = "a <".repeat(100_000);
    let parsed = parse(DocumentId("d".into()), &source);
    assert_eq!(parsed.document.text(), source);
    assert!(parsed.document.spans().is_empty() && parsed.warnings.is_empty());
}

/// Each join across a page break looked at the whole paragraph joined so
/// far: quadratic in a run of page breaks inside one sentence.
#[test]
fn a_long_run_of_page_break_joins_is_one_paragraph() {
    let source = "a line without a full stop\n\n\n\n".repeat(20_000);
    let doc = parse(DocumentId("d".into()), &source).document;
    assert_eq!(doc.blocks().len(), 1);
    let expected = vec!["a line without a full stop"; 20_000].join(" ");
    assert_eq!(doc.text(), expected);
}

/// Each paragraph left empty by its tags scanned every span and open tag
/// so far.
#[test]
fn many_empty_tag_only_paragraphs_keep_their_spans() {
    let source = "<u>x</u><i>\n\n<x>\n\n".repeat(20_000);
    let parsed = parse(DocumentId("d".into()), &source);
    let doc = &parsed.document;
    assert_eq!(doc.blocks().len(), 20_000, "one block per `x`");
    let underlined = doc.spans().iter().filter(|s| s.style == Style::Underline);
    assert_eq!(underlined.count(), 20_000);
    // Every `<i>` stays open to the end of the text, each warned about; the
    // last opens at the very end, and an empty span is not kept.
    let italic = doc
        .spans()
        .iter()
        .filter(|s| s.style == Style::Italic)
        .count();
    assert_eq!(italic, 19_999);
    let never_closed = parsed
        .warnings
        .iter()
        .filter(|w| w.message.contains("never closed"));
    assert_eq!(never_closed.count(), 20_000);
}

/// Found by `qdc_import` (a finding about the target's check, not the
/// importer): codes without a `name` import with the name "", twice; the
/// export numbers duplicate names (" (2)", as documented for QualCoder),
/// so the codebook changes once on its way out and in, then stays.
#[test]
fn codes_without_names_are_numbered_once_by_the_export() {
    let bytes = fixture("qdc-codes-without-names.qdc");
    let codebook = from_qdc(&bytes, "nameless.qdc").expect("imports");
    let names: Vec<&str> = codebook.codes().map(|(_, c)| c.name.as_str()).collect();
    assert_eq!(
        names.iter().filter(|n| n.is_empty()).count(),
        2,
        "{names:?}"
    );
    let once = from_qdc(to_qdc(&codebook).as_bytes(), "once.qdc").expect("imports");
    let renamed: Vec<&str> = once.codes().map(|(_, c)| c.name.as_str()).collect();
    assert_eq!(renamed[..2], ["", " (2)"], "{renamed:?}");
    let twice = from_qdc(to_qdc(&once).as_bytes(), "twice.qdc").expect("imports");
    assert_eq!(twice, once);
}
