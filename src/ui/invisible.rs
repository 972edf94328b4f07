//! Characters that draw nothing. Line and paragraph separators (U+2028,
//! U+2029, NEL) break lines; the other default-ignorable characters
//! (zero-width space, direction marks and controls, word joiner, the
//! byte-order mark, …) are invisible, though a font without them draws a
//! box. Text is shown with each replaced one for one, so a character's
//! offset in what is drawn is its offset in the document.

use std::borrow::Cow;

/// What an invisible character is drawn as: a zero-width space, which
/// every family has (checked in `tests/gui/fonts.rs`).
const NOTHING: char = '\u{200B}';

/// Characters that end a line where they stand.
fn breaks_line(c: char) -> bool {
    matches!(c, '\u{0085}' | '\u{2028}' | '\u{2029}')
}

/// Unicode's Default_Ignorable_Code_Point, less the characters shaping
/// needs as they are: the zero-width (non-)joiner (Persian and Arabic
/// words, emoji sequences) and the variation selectors (emoji and text
/// presentation).
fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}' | '\u{200E}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E00FF}'
        | '\u{E01F0}'..='\u{E0FFF}')
}

/// The text as the reading pane lays it out: separators become line
/// breaks, ignorable characters nothing. Borrowed when there are none
/// (nearly always).
pub fn for_reading(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| breaks_line(c) || is_ignorable(c)) {
        return Cow::Borrowed(text);
    }
    let shown = text.chars().map(|c| match c {
        c if breaks_line(c) => '\n',
        c if is_ignorable(c) => NOTHING,
        c => c,
    });
    Cow::Owned(shown.collect())
}

/// A character as a one-line label (a list row, a quote in a table)
/// shows it: any line break a space, ignorable characters nothing.
pub fn for_label(c: char) -> char {
    match c {
        '\n' | '\r' => ' ',
        c if breaks_line(c) => ' ',
        c if is_ignorable(c) => NOTHING,
        c => c,
    }
}

/// Whether nothing of `text` would be seen: it is empty, or only spaces,
/// line breaks and ignorable characters (a passage over a zero-width
/// space). Lists mark such a passage so it can still be found.
pub fn is_unseen(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || breaks_line(c) || is_ignorable(c))
}

/// How a list names a passage nothing of which would be seen: its
/// characters' code points ("U+200B U+200E").
pub fn marker(text: &str) -> String {
    let points: Vec<String> = (text.chars().take(4))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    let more = if text.chars().count() > 4 { " …" } else { "" };
    format!("[invisible: {}{more}]", points.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_break_lines_and_ignorables_vanish_one_for_one() {
        let text = "a\u{2028}b\u{2029}c\u{85}d\u{200E}e\u{FEFF}f\u{200C}g";
        let shown = for_reading(text);
        assert_eq!(shown, "a\nb\nc\nd\u{200B}e\u{200B}f\u{200C}g");
        assert_eq!(shown.chars().count(), text.chars().count());
        assert!(matches!(for_reading("plain text\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn labels_keep_one_line_and_joiners() {
        let shown: String = "a\nb\u{2028}c\u{200D}d\u{202B}"
            .chars()
            .map(for_label)
            .collect();
        assert_eq!(shown, "a b c\u{200D}d\u{200B}");
    }

    #[test]
    fn a_passage_of_invisible_characters_is_named_by_its_code_points() {
        assert!(is_unseen("\u{200B}\u{200E} "));
        assert!(!is_unseen("\u{200B}x"));
        assert_eq!(marker("\u{200B}\u{200E}"), "[invisible: U+200B U+200E]");
        assert_eq!(
            marker("\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}"),
            "[invisible: U+200B U+200B U+200B U+200B …]"
        );
    }
}
