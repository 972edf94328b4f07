//! Right-to-left and mixed text for layout (Unicode Bidirectional
//! Algorithm, UAX #9), with no UI types.
//!
//! A text engine that shapes words but places them left to right (egui
//! 0.37) draws a Persian paragraph mirrored. The reading pane instead cuts
//! a paragraph into *atoms* (words and spaces of one embedding level),
//! lets the engine shape each atom, fills lines with them in logical
//! order, and places each line's atoms in visual order (rules L1–L2). This
//! module holds the parts that are rules, not pixels: the levels, the
//! atoms, the line breaks and the visual order.
//!
//! Offsets are code points into the text given, as everywhere.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, bidi_class};

/// Whether `text` needs bidi layout: it has a right-to-left letter or a
/// control that starts right-to-left text. Text without one lays out left
/// to right as it is (the fast path: English never pays for this module).
pub fn has_rtl(text: &str) -> bool {
    // Asked of every list row in every frame: text below U+0580 (Latin,
    // Cyrillic, Greek: UTF-8 lead bytes under 0xD6) is answered from its
    // bytes, without the class table's search per character.
    if !text.bytes().any(|b| b >= 0xD6) {
        return false;
    }
    text.chars().any(|c| {
        c >= '\u{0590}'
            && matches!(
                bidi_class(c),
                BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI
            )
    })
}

/// Whether the first strong character of `text` is right-to-left: the
/// paragraph direction of UAX #9 (rules P2–P3), as HTML's `dir=auto`.
pub fn is_rtl_paragraph(text: &str) -> bool {
    BidiInfo::new(text, None)
        .paragraphs
        .first()
        .is_some_and(|p| p.level.is_rtl())
}

/// What an atom is, for line breaking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AtomKind {
    /// Letters, digits, punctuation: never broken inside.
    Word,
    /// Spaces and tabs: a line may break after them; they hang at a line's end.
    Space,
    /// A paragraph separator (`\n`, U+2029, NEL): the line ends here.
    Break,
}

/// A stretch of text laid out as one unit: one embedding level, one kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Atom {
    pub chars: Range<usize>,
    /// Embedding level (odd: right to left).
    pub level: u8,
    /// Level of the atom's paragraph (1 for a right-to-left paragraph).
    pub base: u8,
    pub kind: AtomKind,
}

impl Atom {
    pub fn is_rtl(&self) -> bool {
        !self.level.is_multiple_of(2)
    }
}

/// The text to shape for an atom so that it comes out in its own
/// direction, if not its own text: a shaper that takes the direction from
/// the script of the first letter (egui's harfrust: Arabic digits are
/// Arabic script, a guillemet has none) would run it the other way, so it
/// gets the atom's graphemes reversed (an emoji sequence stays whole), and
/// in a right-to-left atom mirrored (`«` is drawn `»`, rule L4).
pub fn shaping_text(text: &str, rtl: bool) -> Option<String> {
    use unicode_segmentation::UnicodeSegmentation;
    if shaper_direction_is_rtl(text) == rtl {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for grapheme in text.graphemes(true).rev() {
        out.extend(grapheme.chars().map(|c| if rtl { mirrored(c) } else { c }));
    }
    Some(out)
}

/// The character drawn for `c` in right-to-left text (Bidi_Mirroring_Glyph).
pub fn mirrored(c: char) -> char {
    unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
}

/// HarfBuzz's `guess_segment_properties`: the direction of the first
/// character's script that is not Common, Inherited or Unknown; else
/// left to right.
fn shaper_direction_is_rtl(text: &str) -> bool {
    use unicode_script::{Script, UnicodeScript};
    let first = (text.chars())
        .map(|c| c.script())
        .find(|s| !matches!(s, Script::Common | Script::Inherited | Script::Unknown));
    first.is_some_and(|s| {
        matches!(
            s,
            Script::Arabic
                | Script::Hebrew
                | Script::Syriac
                | Script::Thaana
                | Script::Nko
                | Script::Samaritan
                | Script::Mandaic
                | Script::Adlam
                | Script::Hanifi_Rohingya
                | Script::Imperial_Aramaic
                | Script::Phoenician
                | Script::Kharoshthi
                | Script::Avestan
                | Script::Old_South_Arabian
                | Script::Old_North_Arabian
                | Script::Nabataean
                | Script::Palmyrene
                | Script::Manichaean
                | Script::Mende_Kikakui
                | Script::Yezidi
        )
    })
}

/// How a character groups with its neighbours inside a right-to-left run:
/// a letter and the full stop after it are laid out apart so that the
/// stop goes to the letter's left, while marks and joiners stay with the
/// character before them (splitting them would break Arabic joining).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Strong,
    Number,
    Neutral,
    /// Marks, joiners, removed controls: the group of what precedes.
    Follows,
    Space,
    Break,
}

fn group(c: char) -> Group {
    use BidiClass::*;
    match bidi_class(c) {
        L | R | AL => Group::Strong,
        EN | AN => Group::Number,
        NSM | BN | LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI => Group::Follows,
        WS | S => Group::Space,
        B => Group::Break,
        ES | ET | CS | ON => Group::Neutral,
    }
}

/// The longest atom, in code points, but for the marks after its last:
/// longer than words (a cut inside a word loses its joining there), short
/// enough to fit the narrowest reading column.
const MAX_ATOM: usize = 24;

/// The atoms of `text` in logical order, covering it exactly.
pub fn atoms(text: &str) -> Vec<Atom> {
    let info = BidiInfo::new(text, None);
    let mut out: Vec<Atom> = Vec::new();
    // A mark or an isolate before any letter (a label's FSI, a stray
    // combining mark) goes with the text, never makes a line of its own.
    let mut last_group = Group::Strong;
    let mut para = 0;
    for (i, (byte, c)) in text.char_indices().enumerate() {
        while info.paragraphs[para].range.end <= byte {
            para += 1;
        }
        let base = info.paragraphs[para].level.number();
        let level = info.levels[byte].number();
        let mut g = group(c);
        if g == Group::Follows {
            g = last_group;
        }
        let kind = match g {
            Group::Space => AtomKind::Space,
            Group::Break => AtomKind::Break,
            _ => AtomKind::Word,
        };
        // A run with no space longer than MAX_ATOM (a URL, a hostile file)
        // is cut into atoms, between characters that are not marks, so
        // that a line can break inside it.
        let follows = group(c) == Group::Follows;
        let joins = out.last().is_some_and(|a: &Atom| {
            a.level == level
                && a.kind == kind
                && kind != AtomKind::Break
                && (g == last_group || level.is_multiple_of(2))
                && (a.chars.len() < MAX_ATOM || follows)
        });
        match out.last_mut() {
            Some(a) if joins => a.chars.end = i + 1,
            _ => out.push(Atom {
                chars: i..i + 1,
                level,
                base,
                kind,
            }),
        }
        last_group = g;
    }
    out
}

/// Breaks atoms into lines of at most `max_width`, given each atom's width:
/// a line ends after a `Break`, or before the word that does not fit (at the
/// last space; a word longer than a line gets a line of its own, and one
/// with no space in it is cut between atoms). Returns atom index ranges.
pub fn break_lines(atoms: &[Atom], widths: &[f32], max_width: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let (mut start, mut x) = (0, 0.0f32);
    // Where the line may break: the first atom after the latest space.
    let mut opportunity = None;
    let mut i = 0;
    while i < atoms.len() {
        match atoms[i].kind {
            AtomKind::Break => {
                lines.push(start..i + 1);
                (start, x, opportunity) = (i + 1, 0.0, None);
            }
            AtomKind::Space => {
                x += widths[i];
                opportunity = Some(i + 1);
            }
            AtomKind::Word if x + widths[i] > max_width && i > start => {
                let at = opportunity.filter(|&o| o > start && o <= i).unwrap_or(i);
                lines.push(start..at);
                (start, opportunity) = (at, None);
                x = widths[at..i].iter().sum();
                continue;
            }
            AtomKind::Word => x += widths[i],
        }
        i += 1;
    }
    if start < atoms.len() || lines.is_empty() {
        lines.push(start..atoms.len());
    }
    lines
}

/// The atoms of one line in visual order, left to right: spaces at the
/// line's end take the paragraph's level (rule L1), then every run at or
/// above each odd level is reversed, highest level first (rule L2).
pub fn visual_order(atoms: &[Atom], line: Range<usize>) -> Vec<usize> {
    let mut levels: Vec<u8> = atoms[line.clone()].iter().map(|a| a.level).collect();
    for (k, a) in atoms[line.clone()].iter().enumerate().rev() {
        if a.kind == AtomKind::Word {
            break;
        }
        levels[k] = a.base;
    }
    let mut order: Vec<usize> = line.clone().collect();
    let (Some(&max), Some(lowest_odd)) = (levels.iter().max(), levels.iter().map(|&l| l | 1).min())
    else {
        return order;
    };
    for level in (lowest_odd..=max).rev() {
        let mut k = 0;
        while k < levels.len() {
            if levels[order[k] - line.start] < level {
                k += 1;
                continue;
            }
            let run = k;
            while k < levels.len() && levels[order[k] - line.start] >= level {
                k += 1;
            }
            order[run..k].reverse();
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The atoms as (text, level, kind letter) for readable assertions.
    fn shown(text: &str) -> Vec<(String, u8, char)> {
        let chars: Vec<char> = text.chars().collect();
        atoms(text)
            .into_iter()
            .map(|a| {
                let kind = match a.kind {
                    AtomKind::Word => 'w',
                    AtomKind::Space => 's',
                    AtomKind::Break => 'b',
                };
                (chars[a.chars].iter().collect(), a.level, kind)
            })
            .collect()
    }

    fn visual(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let atoms = atoms(text);
        let mut out = String::new();
        for line in break_lines(&atoms, &vec![1.0; atoms.len()], f32::INFINITY) {
            for i in visual_order(&atoms, line) {
                let a = &atoms[i];
                out.push('[');
                out.extend(&chars[a.chars.clone()]);
                out.push(']');
            }
        }
        out
    }

    #[test]
    fn english_has_no_rtl_and_persian_does() {
        assert!(!has_rtl("Nikol Pashinyan, ə, «quotes», Ռուսաստան, ნინო"));
        assert!(has_rtl("ایران"));
        assert!(has_rtl("שלום"));
        assert!(has_rtl("a\u{202B}b"));
    }

    #[test]
    fn paragraph_direction_is_the_first_strong_character() {
        assert!(is_rtl_paragraph("«ایران» and Iran"));
        assert!(!is_rtl_paragraph("2024: Iran and ایران"));
        assert!(!is_rtl_paragraph("123 ..."));
    }

    /// A label isolated with FSI (the lists' form) or a text opening with a
    /// combining mark: one line, not an empty line before it (which drew a
    /// Persian document title in the documents pane a line too low).
    #[test]
    fn a_leading_isolate_or_mark_is_no_line_break() {
        for text in ["\u{2068}قفقاز\u{2069}", "\u{0301}abc", "\u{FEFF}ایران"] {
            let atoms = atoms(text);
            assert!(atoms.iter().all(|a| a.kind != AtomKind::Break), "{text:?}");
            let widths = vec![1.0; atoms.len()];
            assert_eq!(break_lines(&atoms, &widths, f32::INFINITY).len(), 1);
        }
        assert_eq!(shown("\u{0301}abc"), vec![("\u{0301}abc".into(), 0, 'w')]);
    }

    #[test]
    fn persian_atoms_split_the_full_stop_and_keep_joiners() {
        // "می‌خواهم." — the ZWNJ stays inside the word; the stop is apart.
        assert_eq!(
            shown("می\u{200C}خواهم. بله"),
            vec![
                ("می\u{200C}خواهم".into(), 1, 'w'),
                (".".into(), 1, 'w'),
                (" ".into(), 1, 's'),
                ("بله".into(), 1, 'w'),
            ]
        );
    }

    #[test]
    fn english_words_in_a_bidi_paragraph_keep_their_punctuation() {
        assert_eq!(
            shown("Iran's ایران"),
            vec![
                ("Iran's".into(), 0, 'w'),
                (" ".into(), 0, 's'),
                ("ایران".into(), 1, 'w'),
            ]
        );
    }

    #[test]
    fn a_persian_paragraph_reads_right_to_left_with_numbers_left_to_right() {
        // Logical: "sal 2024 bud" (year 2024 was) — visual: bud 2024 sal.
        assert_eq!(visual("سال 2024 بود"), "[بود][ ][2024][ ][سال]");
        // An English name inside stays in its own order.
        assert_eq!(
            visual("با Nikol Pashinyan دیدار"),
            "[دیدار][ ][Nikol][ ][Pashinyan][ ][با]"
        );
        // The full stop at the end goes to the left end.
        assert_eq!(visual("ایران است."), "[.][است][ ][ایران]");
    }

    #[test]
    fn an_english_paragraph_keeps_persian_words_in_persian_order() {
        assert_eq!(
            visual("The term سیاست خارجی means"),
            "[The][ ][term][ ][خارجی][ ][سیاست][ ][means]"
        );
    }

    #[test]
    fn spaces_at_a_line_end_go_to_the_paragraph_side() {
        // An English paragraph ending in Persian words then a space: the
        // space stays at the right end (L1), after the reversed run.
        assert_eq!(visual("a ب ج "), "[a][ ][ج][ ][ب][ ]");
    }

    #[test]
    fn atoms_a_shaper_would_run_the_wrong_way_are_reversed() {
        // Persian digits are Arabic script: a shaper would run them right
        // to left; as a number (level 2) they are given reversed.
        assert_eq!(shaping_text("۲۰۲۵", false).as_deref(), Some("۵۲۰۲"));
        assert_eq!(shaping_text("2025", false), None);
        // A guillemet in right-to-left text is mirrored, and a stop after
        // it goes to its left.
        assert_eq!(shaping_text("».", true).as_deref(), Some(".«"));
        assert_eq!(shaping_text("(", true).as_deref(), Some(")"));
        // A Persian word runs right to left by itself.
        assert_eq!(shaping_text("ایران", true), None);
        // An emoji sequence in Persian text stays one sequence.
        let family = "👩\u{200D}💻!";
        assert_eq!(shaping_text(family, true).as_deref(), Some("!👩\u{200D}💻"));
    }

    #[test]
    fn a_run_with_no_space_is_cut_so_that_lines_can_break_in_it() {
        // 200 letters and no space: atoms of at most MAX_ATOM, and a line
        // of 10 units breaks between them.
        let word = "ب".repeat(200);
        let atoms = atoms(&word);
        assert!(atoms.iter().all(|a| a.chars.len() <= MAX_ATOM), "{atoms:?}");
        assert_eq!(atoms.last().map(|a| a.chars.end), Some(200));
        let widths: Vec<f32> = atoms.iter().map(|a| a.chars.len() as f32 / 10.0).collect();
        let lines = break_lines(&atoms, &widths, 10.0);
        assert!(lines.len() >= 2, "{lines:?}");
        // A mark is never cut from its letter.
        let marked = "بَ".repeat(60);
        for a in super::atoms(&marked) {
            assert!(marked.chars().nth(a.chars.start) == Some('ب'), "{a:?}");
        }
    }

    #[test]
    fn lines_break_at_spaces_and_separators() {
        let text = "aa bb cc\ndd";
        let atoms = atoms(text);
        // aa, ' ', bb, ' ', cc, \n, dd: widths 2 per word, 1 per space:
        // "aa bb " fills 5 (the space hangs), cc goes on.
        let widths: Vec<f32> = (atoms.iter())
            .map(|a| if a.kind == AtomKind::Word { 2.0 } else { 1.0 })
            .collect();
        assert_eq!(break_lines(&atoms, &widths, 5.0), vec![0..4, 4..6, 6..7]);
        // A word wider than the line gets a line of its own.
        assert_eq!(break_lines(&atoms[..1], &[9.0], 5.0), vec![0..1]);
    }

    #[test]
    fn a_word_split_into_atoms_is_not_broken_at_the_split() {
        // "ab ایران." : the stop joins the word; a break comes at the space.
        let atoms = atoms("ab ایران.");
        assert_eq!(atoms.len(), 4);
        let widths = [2.0, 1.0, 4.0, 1.0];
        assert_eq!(break_lines(&atoms, &widths, 7.0), vec![0..2, 2..4]);
    }
}
