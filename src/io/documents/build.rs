//! The one way every importer writes a document: blocks, text and styles go
//! in as the source gives them, and the plain text, block ranges and span
//! ranges come out counted in code points from the text actually written.
//!
//! Rules shared by all formats (see `docs/documents.md`):
//! - whitespace runs become one space; a block never starts or ends with
//!   one, and blocks hold no line ends: they are separated by `"\n\n"`;
//! - control characters, soft hyphens and byte-order marks are dropped;
//! - a block or span is opened lazily, at its first written character, so
//!   empty paragraphs vanish and spans never start on a space;
//! - only the first `Title` block stays a title; later ones are headings.

use crate::model::document::{DocumentRangeError, DocumentRepr};
use crate::model::{Block, BlockKind, Document, DocumentId, Span, Style};

use super::LinkTarget;

/// Writes a document as an importer walks its source.
#[derive(Default)]
pub(super) struct Builder {
    text: String,
    chars: usize,
    blocks: Vec<Block>,
    spans: Vec<Span>,
    /// Open styles; the start is set when their first character is written.
    open: Vec<(Style, Option<usize>)>,
    /// Open links, as styles are.
    links_open: Vec<(String, Option<usize>)>,
    links: Vec<LinkTarget>,
    /// The kind of the block the next character starts, or of the block
    /// being written (whose start is `current`).
    kind: Option<BlockKind>,
    current: Option<usize>,
    /// Whitespace seen since the last character written in this block.
    space: bool,
    has_title: bool,
}

impl Builder {
    /// Ends the current block; the next text starts a block of `kind`.
    pub(super) fn block(&mut self, kind: BlockKind) {
        self.end_block();
        self.kind = Some(kind);
    }

    /// Ends the current block; text after it starts a paragraph.
    pub(super) fn end_block(&mut self) {
        if let Some(start) = self.current.take() {
            self.blocks.push(Block {
                kind: self.kind.unwrap_or(BlockKind::Paragraph),
                start,
                end: self.chars,
            });
        }
        self.kind = None;
        self.space = false;
    }

    /// Writes source text, collapsing whitespace.
    pub(super) fn text(&mut self, s: &str) {
        for c in s.chars() {
            if is_collapsible_space(c) {
                self.space = self.current.is_some();
            } else if !is_dropped(c) {
                self.push_char(c);
            }
        }
    }

    pub(super) fn open(&mut self, style: Style) {
        self.open.push((style, None));
    }

    /// Closes the innermost open `style`; a close without an open is ignored.
    pub(super) fn close(&mut self, style: Style) {
        if let Some(i) = self.open.iter().rposition(|(s, _)| *s == style) {
            let (style, start) = self.open.remove(i);
            if let Some(start) = start.filter(|&s| s < self.chars) {
                self.spans.push(Span {
                    style,
                    start,
                    end: self.chars,
                });
            }
        }
    }

    /// Closes every open style (a docx paragraph ends its runs' styles).
    pub(super) fn close_all(&mut self) {
        while let Some(&(style, _)) = self.open.last() {
            self.close(style);
        }
    }

    pub(super) fn open_link(&mut self, url: &str) {
        self.links_open.push((url.to_owned(), None));
    }

    pub(super) fn close_link(&mut self) {
        // An anchor without a target (`<a name=…>`) is no link.
        if let Some((url, Some(start))) = self.links_open.pop()
            && start < self.chars
            && !url.is_empty()
        {
            self.links.push(LinkTarget {
                start,
                end: self.chars,
                url,
            });
        }
    }

    fn push_char(&mut self, c: char) {
        match self.current {
            None => {
                if !self.blocks.is_empty() {
                    self.text.push_str("\n\n");
                    self.chars += 2;
                }
                self.current = Some(self.chars);
                if self.kind == Some(BlockKind::Title) && self.has_title {
                    self.kind = Some(BlockKind::Heading);
                }
                self.has_title |= self.kind == Some(BlockKind::Title);
            }
            Some(_) if self.space => {
                self.text.push(' ');
                self.chars += 1;
            }
            Some(_) => {}
        }
        self.space = false;
        let here = self.chars;
        let starts = (self.open.iter_mut().map(|(_, s)| s))
            .chain(self.links_open.iter_mut().map(|(_, s)| s));
        for start in starts.filter(|s| s.is_none()) {
            *start = Some(here);
        }
        self.text.push(c);
        self.chars += 1;
    }

    /// The text of the first title block, if any.
    fn title(&self) -> Option<String> {
        let block = self.blocks.iter().find(|b| b.kind == BlockKind::Title)?;
        Some(
            self.text
                .chars()
                .skip(block.start)
                .take(block.end - block.start)
                .collect(),
        )
    }

    /// The finished document. Styles still open end at the end of the
    /// text. `title` is used when no block is a title.
    pub(super) fn finish(
        mut self,
        id: DocumentId,
        title: Option<&str>,
    ) -> Result<(Document, Vec<LinkTarget>), DocumentRangeError> {
        self.end_block();
        self.close_all();
        while !self.links_open.is_empty() {
            self.close_link();
        }
        self.spans
            .sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.style));
        self.links.sort_by_key(|l| l.start);
        let title = (self.title())
            .or_else(|| title.map(collapse))
            .unwrap_or_default();
        let repr = DocumentRepr {
            info: Default::default(),
            id,
            title,
            text: self.text,
            blocks: self.blocks,
            spans: self.spans,
        };
        Ok((Document::new(repr)?, self.links))
    }
}

/// Whitespace that collapses to one space. No-break spaces are kept: an
/// author put them there on purpose.
fn is_collapsible_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// Characters that take no room on the page and would only trip searches.
fn is_dropped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{ad}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// `s` with whitespace collapsed and invisible characters dropped, as the
/// builder writes text: for titles and metadata.
pub(super) fn collapse(s: &str) -> String {
    let words = s.split(is_collapsible_space).filter(|w| !w.is_empty());
    let joined = words.collect::<Vec<_>>().join(" ");
    joined.chars().filter(|&c| !is_dropped(c)).collect()
}

/// `Some(collapsed)` unless it is empty.
pub(super) fn non_empty(s: &str) -> Option<String> {
    Some(collapse(s)).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(f: impl FnOnce(&mut Builder)) -> Document {
        let mut b = Builder::default();
        f(&mut b);
        b.finish(DocumentId("t".into()), None).expect("valid").0
    }

    #[test]
    fn whitespace_collapses_and_spans_skip_it() {
        let d = build(|b| {
            b.block(BlockKind::Title);
            b.text("  A  title \n");
            b.block(BlockKind::Paragraph);
            b.text("the ");
            b.open(Style::Bold);
            b.text(" détente — “x” ");
            b.close(Style::Bold);
            b.text(" end ");
        });
        assert_eq!(d.text(), "A title\n\nthe détente — “x” end");
        assert_eq!(d.title(), "A title");
        let s = d.spans()[0];
        assert_eq!(d.slice(s.start, s.end), "détente — “x”");
        assert_eq!((s.start, s.end), (13, 26));
        assert_eq!(d.blocks()[1].start, 9);
    }

    #[test]
    fn empty_blocks_and_spans_vanish_and_one_title_stays() {
        let d = build(|b| {
            b.block(BlockKind::Paragraph);
            b.open(Style::Italic);
            b.close(Style::Italic);
            b.text(" \t ");
            b.block(BlockKind::Title);
            b.text("One");
            b.block(BlockKind::Title);
            b.text("Two\u{ad}\u{0}");
            b.close(Style::Underline);
        });
        assert_eq!(d.text(), "One\n\nTwo");
        let kinds: Vec<_> = d.blocks().iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [BlockKind::Title, BlockKind::Heading]);
        assert!(d.spans().is_empty());
    }

    #[test]
    fn collapse_matches_the_builder() {
        assert_eq!(collapse(" a \n b\u{ad}\u{a0}c "), "a b\u{a0}c");
        assert_eq!(non_empty(" \n "), None);
    }
}
