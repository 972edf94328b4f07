//! The light-markup parser (`model::markup::parse`) on any text: it must not
//! panic, and the document it builds must hold together: blocks inside the
//! text, in order, covering it with exactly `"\n\n"` between them and no line
//! break inside; spans inside the text and not empty; the title the first
//! block's text; no more characters out than came in.

#![no_main]

use briefmark::model::markup::parse;
use briefmark::model::{BlockKind, DocumentId};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let parsed = parse(DocumentId("fuzz".into()), &source);
    let doc = &parsed.document;
    let len = doc.char_len();
    assert_eq!(len, doc.text().chars().count(), "char count");
    assert!(len <= source.chars().count(), "more text out than in");
    let blocks = doc.blocks();
    for b in blocks {
        assert!(b.start < b.end && b.end <= len, "block {b:?} of {len}");
        assert!(!doc.slice(b.start, b.end).contains('\n'), "break in {b:?}");
    }
    for w in blocks.windows(2) {
        assert_eq!(doc.slice(w[0].end, w[1].start), "\n\n", "gap {w:?}");
    }
    match (blocks.first(), blocks.last()) {
        (Some(first), Some(last)) => assert_eq!((first.start, last.end), (0, len)),
        _ => assert_eq!(len, 0, "text without blocks"),
    }
    for s in doc.spans() {
        assert!(s.start < s.end && s.end <= len, "span {s:?} of {len}");
    }
    let spans = doc.spans();
    assert!(
        spans.windows(2).all(|w| w[0].start <= w[1].start),
        "spans sorted"
    );
    if let Some(first) = blocks.first().filter(|b| b.kind == BlockKind::Title) {
        assert_eq!(doc.title(), doc.slice(first.start, first.end));
    }
    for w in &parsed.warnings {
        assert!(
            w.line >= 1 && w.line <= source.lines().count().max(1),
            "{w}"
        );
    }
});
