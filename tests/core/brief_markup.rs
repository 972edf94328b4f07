//! The bundled brief parses into the structure its file holds.

use briefmark::assets;
use briefmark::model::markup::parse;
use briefmark::model::{BlockKind, DocumentId, Style};

fn brief() -> briefmark::model::markup::Parsed {
    parse(DocumentId("brief".into()), assets::BRIEF)
}

#[test]
fn brief_has_35_underlined_spans_one_nested() {
    let p = brief();
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let spans: Vec<_> = p
        .document
        .spans()
        .iter()
        .filter(|s| s.style == Style::Underline)
        .collect();
    assert_eq!(spans.len(), 35);
    let nested: Vec<_> = spans
        .iter()
        .filter(|inner| {
            spans.iter().any(|outer| {
                outer != *inner && outer.start <= inner.start && inner.end <= outer.end
            })
        })
        .collect();
    assert_eq!(nested.len(), 1);
    let inner = nested[0];
    assert_eq!(
        p.document.slice(inner.start, inner.end),
        "meeting of Caspian Sea naval commanders in St. Petersburg"
    );
}

#[test]
fn brief_title_byline_and_headings() {
    let p = brief();
    let d = &p.document;
    let of = |kind| {
        d.blocks()
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| d.slice(b.start, b.end))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        of(BlockKind::Title),
        ["Azerbaijan's Calculated Confrontation with Russia: From Tension to Advantage"]
    );
    assert_eq!(
        of(BlockKind::Byline),
        ["Sergei Melkonian, Research Fellow November 2025"]
    );
    assert_eq!(
        of(BlockKind::Heading),
        [
            "2022-2024: The rise of Russian-Azerbaijani friendship",
            "Possible causes of the crisis: A weakened Russia and uncomfortable interdependencies",
            "Reality check: Real outcomes of crisis",
            "What's next?",
            "About APRI Armenia",
        ]
    );
    assert_eq!(
        d.title(),
        "Azerbaijan's Calculated Confrontation with Russia: From Tension to Advantage"
    );
    assert_eq!(of(BlockKind::Paragraph).len(), 21);
    assert_eq!(d.char_len(), 13_686);
}

#[test]
fn page_break_gaps_are_collapsed() {
    let d = brief().document;
    assert!(
        d.text()
            .contains("at the latter's residence, were all indicators")
    );
    assert!(
        d.text()
            .contains("to Nakhijevan through Armenia—Baku did not get Yerevan")
    );
    assert!(!d.text().contains("\n\n\n"));
    assert!(!d.text().contains('<'));
}

#[test]
fn offsets_around_non_ascii_are_code_points() {
    let d = brief().document;
    let text = d.text();
    // Python: text.index("détente") on the same plain text.
    let byte = text.find("détente").expect("détente in the brief");
    let start = text[..byte].chars().count();
    assert_eq!(start, 992);
    assert_eq!(d.slice(start, start + 7), "détente");
    assert_eq!(d.char_of(byte), start);
    let dash = text.find("goal—opening").expect("em dash");
    let at = d.char_of(dash) + 4;
    assert_eq!(d.slice(at, at + 1), "—");
    assert_eq!(d.slice(at + 1, at + 8), "opening");
    assert_eq!(d.char_len(), text.chars().count());
    assert!(
        d.char_len() < text.len(),
        "the brief has multi-byte characters"
    );
}
