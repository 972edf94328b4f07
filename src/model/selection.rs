//! A text selection in one document, as a domain value: code-point offsets,
//! not a widget's state. The session keeps one per document, so switching
//! documents and back finds the selection where it was.

use std::ops::Range;

use super::document::Document;

/// `anchor` stays where the selection began (the press of a drag), `head`
/// follows (the pointer, the growing end of Shift+Alt+arrows). Equal: a caret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Selection {
    pub anchor: usize,
    pub head: usize,
}

impl Selection {
    pub fn new(anchor: usize, head: usize) -> Self {
        Self { anchor, head }
    }

    pub fn caret(at: usize) -> Self {
        Self::new(at, at)
    }

    /// The selected code points, in logical order whichever way it was made.
    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }

    pub fn is_empty(&self) -> bool {
        self.anchor == self.head
    }

    /// The selection a drag meant, as QDA tools take it: no space, line
    /// break or punctuation-free gap kept at either end, and a word cut by
    /// either end taken whole. A drag inside one word is kept as made, so
    /// part of a word can still be coded. The direction is kept.
    pub fn snapped_to_words(self, doc: &Document) -> Self {
        let r = self.range();
        if r.is_empty() {
            return self;
        }
        let inside_one_word = {
            let (s, e) = doc.word_at(r.start);
            s <= r.start && r.end <= e && s < e
        };
        if inside_one_word {
            return self;
        }
        let text = doc.slice(r.start, r.end);
        let lead = text.chars().take_while(|c| c.is_whitespace()).count();
        let trail = text.chars().rev().take_while(|c| c.is_whitespace()).count();
        if lead + trail >= r.end - r.start {
            return self;
        }
        let (mut start, mut end) = (r.start + lead, r.end - trail);
        let (ws, _) = doc.word_at(start);
        if ws < start && is_word_char(doc, start) {
            start = ws;
        }
        let (_, we) = doc.word_at(end.saturating_sub(1));
        if we > end && is_word_char(doc, end - 1) {
            end = we;
        }
        if self.anchor <= self.head {
            Self::new(start, end)
        } else {
            Self::new(end, start)
        }
    }
}

fn is_word_char(doc: &Document, at: usize) -> bool {
    doc.slice(at, at + 1)
        .chars()
        .next()
        .is_some_and(super::text::is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::markup;

    fn doc(text: &str) -> Document {
        markup::parse(crate::model::DocumentId("d".into()), text).document
    }

    /// `[` and `]` mark a drag in the fixture; returns the snapped quote.
    fn snap(fixture: &str) -> String {
        let start = fixture.chars().position(|c| c == '[').unwrap();
        let end = fixture.chars().position(|c| c == ']').unwrap() - 1;
        let text: String = fixture
            .chars()
            .filter(|c| !matches!(c, '[' | ']'))
            .collect();
        let d = doc(&text);
        let r = Selection::new(start, end).snapped_to_words(&d).range();
        d.slice(r.start, r.end).to_owned()
    }

    #[test]
    fn a_leading_or_trailing_space_is_dropped() {
        assert_eq!(snap("Russia[ used the pretext] of"), "used the pretext");
        assert_eq!(snap("Russia [used the ]pretext of"), "used the");
    }

    #[test]
    fn a_word_cut_at_either_end_is_taken_whole() {
        assert_eq!(snap("Russia u[sed the pre]text of"), "used the pretext");
        assert_eq!(snap("Армения и Гру[зия подписали]"), "Грузия подписали");
    }

    #[test]
    fn a_drag_inside_one_word_stays_as_made() {
        assert_eq!(snap("the pre[text] of"), "text");
    }

    #[test]
    fn the_direction_is_kept_and_offsets_are_code_points() {
        let d = doc("Նիկոլ Փաշինյան said");
        let s = Selection::new(15, 5).snapped_to_words(&d);
        assert_eq!(s, Selection::new(14, 6));
        assert_eq!(d.slice(6, 14), "Փաշինյան");
    }

    #[test]
    fn only_spaces_are_left_alone() {
        let d = doc("a    b");
        assert_eq!(
            Selection::new(1, 4).snapped_to_words(&d),
            Selection::new(1, 4)
        );
    }
}
