//! A source document: plain text plus the structure and styles the markup gave it.
//!
//! All ranges are half-open code-point ranges into [`Document::text`].

use serde::{Deserialize, Serialize};

use super::text::{CharMap, is_word_char};

/// Stable identifier of a document within a project (a readable slug).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocumentId(pub String);

/// What a block of text is, for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    Title,
    Byline,
    Heading,
    Paragraph,
}

/// A paragraph-level block: a heading, the title, a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

/// A character style from the markup.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Style {
    Underline,
    Bold,
    Italic,
}

impl Style {
    /// The style an inline HTML-like tag gives (`u`/`ins`, `b`/`strong`,
    /// `i`/`em`, lower case), shared by the `.txt`, Markdown and HTML readers.
    pub fn from_tag(name: &str) -> Option<Self> {
        match name {
            "u" | "ins" => Some(Style::Underline),
            "b" | "strong" => Some(Style::Bold),
            "i" | "em" => Some(Style::Italic),
            _ => None,
        }
    }
}

/// A styled range. Spans of one style may nest (the brief nests one `<u>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub style: Style,
    pub start: usize,
    pub end: usize,
}

/// How a document is stored in the project file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRepr {
    pub id: DocumentId,
    pub title: String,
    /// Descriptive fields and the document memo; left out of the file
    /// when all are empty.
    #[serde(default, skip_serializing_if = "DocumentInfo::is_empty")]
    pub info: DocumentInfo,
    pub text: String,
    pub blocks: Vec<Block>,
    pub spans: Vec<Span>,
}

/// What is known about a document besides its text; editable, exported.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentInfo {
    pub author: String,
    /// As the source gives it (a year, a date); not parsed.
    pub date: String,
    /// Where it came from: a URL or a reference.
    pub source: String,
    /// What it is: "policy brief", "interview", ….
    pub kind: String,
    /// The analyst's memo about the whole document.
    pub memo: String,
}

impl DocumentInfo {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A document, immutable once built; ranges are checked at construction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DocumentRepr", into = "DocumentRepr")]
pub struct Document {
    repr: DocumentRepr,
    chars: CharMap,
}

/// A document whose structure does not fit its text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("document {id:?}: {what} {start}..{end} does not fit its text of {len} characters")]
pub struct DocumentRangeError {
    pub id: String,
    pub what: &'static str,
    pub start: usize,
    pub end: usize,
    pub len: usize,
}

impl TryFrom<DocumentRepr> for Document {
    type Error = DocumentRangeError;

    fn try_from(repr: DocumentRepr) -> Result<Self, Self::Error> {
        let chars = CharMap::new(&repr.text);
        let len = chars.char_len();
        let ranges = (repr.blocks.iter().map(|b| ("block", b.start, b.end)))
            .chain(repr.spans.iter().map(|s| ("span", s.start, s.end)));
        for (what, start, end) in ranges {
            if start > end || end > len {
                return Err(DocumentRangeError {
                    id: repr.id.0.clone(),
                    what,
                    start,
                    end,
                    len,
                });
            }
        }
        let unordered = repr.blocks.windows(2).find(|w| w[1].start < w[0].end);
        if let Some(w) = unordered {
            return Err(DocumentRangeError {
                id: repr.id.0.clone(),
                what: "block (overlapping or out of order)",
                start: w[1].start,
                end: w[1].end,
                len,
            });
        }
        Ok(Self { repr, chars })
    }
}

impl From<Document> for DocumentRepr {
    fn from(doc: Document) -> Self {
        doc.repr
    }
}

impl Document {
    pub fn new(repr: DocumentRepr) -> Result<Self, DocumentRangeError> {
        Self::try_from(repr)
    }

    pub fn id(&self) -> &DocumentId {
        &self.repr.id
    }
    pub fn title(&self) -> &str {
        &self.repr.title
    }
    pub fn info(&self) -> &DocumentInfo {
        &self.repr.info
    }
    /// Replaces the title and info (the text and its structure never change
    /// in place; a revised text is a new document, see `anchor`).
    pub fn set_description(&mut self, title: String, info: DocumentInfo) -> (String, DocumentInfo) {
        (
            std::mem::replace(&mut self.repr.title, title),
            std::mem::replace(&mut self.repr.info, info),
        )
    }
    pub fn text(&self) -> &str {
        &self.repr.text
    }
    pub fn blocks(&self) -> &[Block] {
        &self.repr.blocks
    }
    pub fn spans(&self) -> &[Span] {
        &self.repr.spans
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        self.chars.char_len()
    }

    /// Text of a code-point range (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.chars.slice(&self.repr.text, start, end)
    }

    /// Byte offset of a code point, for code that must index the `str`.
    pub fn byte_of(&self, char_offset: usize) -> usize {
        self.chars.byte_of(&self.repr.text, char_offset)
    }

    /// Code-point offset of a byte offset on a char boundary.
    pub fn char_of(&self, byte_offset: usize) -> usize {
        self.chars.char_of(&self.repr.text, byte_offset)
    }

    /// Index of the block containing `offset`, or of the block after a gap.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let blocks = self.blocks();
        let i = blocks.partition_point(|b| b.end < offset);
        (i < blocks.len()).then_some(i)
    }

    /// Word around `offset` (letters, digits and inner apostrophes/hyphens),
    /// for double-click selection. Returns an empty range between words.
    pub fn word_at(&self, offset: usize) -> (usize, usize) {
        let Some(mut block) = self.block_at(offset).map(|i| self.blocks()[i]) else {
            return (offset, offset);
        };
        // A word is far shorter than this: a block of megabytes (a file
        // without paragraph breaks) is looked at only around `offset`.
        const REACH: usize = 1024;
        block.start = block.start.max(offset.saturating_sub(REACH));
        block.end = block.end.min(offset.saturating_add(REACH));
        let chars: Vec<char> = self.slice(block.start, block.end).chars().collect();
        let local = offset.clamp(block.start, block.end) - block.start;
        let is_word = |i: usize| {
            chars.get(i).is_some_and(|&c| {
                is_word_char(c)
                    // Apostrophes, hyphens, Hebrew geresh and gershayim
                    // inside a word (Azərbaycan's, ג׳ן, צה״ל).
                    || (matches!(c, '\'' | '’' | '-' | '׳' | '״')
                        && i > 0
                        && chars.get(i + 1).is_some_and(|&n| is_word_char(n))
                        && is_word_char(chars[i - 1]))
            })
        };
        let mut start = local;
        if !is_word(start) && start > 0 && is_word(start - 1) {
            start -= 1;
        }
        if !is_word(start) {
            return (offset, offset);
        }
        while start > 0 && is_word(start - 1) {
            start -= 1;
        }
        let mut end = start;
        while is_word(end) {
            end += 1;
        }
        (block.start + start, block.start + end)
    }

    /// Whether `offset` lies inside a span of `style`.
    pub fn has_style(&self, style: Style, offset: usize) -> bool {
        self.spans()
            .iter()
            .any(|s| s.style == style && s.start <= offset && offset < s.end)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn doc(text: &str) -> Document {
        let len = text.chars().count();
        Document::new(DocumentRepr {
            info: Default::default(),
            id: DocumentId("d".into()),
            title: "T".into(),
            text: text.into(),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                start: 0,
                end: len,
            }],
            spans: vec![],
        })
        .expect("valid")
    }

    #[test]
    fn word_at_handles_non_ascii_and_apostrophes() {
        let d = doc("political détente began; Russia's view");
        assert_eq!(d.word_at(12), (10, 17));
        assert_eq!(d.slice(10, 17), "détente");
        let (s, e) = d.word_at(27);
        assert_eq!(d.slice(s, e), "Russia's");
        assert_eq!(d.word_at(23), (18, 23), "end of a word picks the word");
        assert_eq!(d.word_at(24), (24, 24), "between words is empty");
    }

    #[test]
    fn words_of_the_region_s_scripts_hold_their_joiners_marks_and_geresh() {
        // Persian with a ZWNJ, Arabic with harakat, Hebrew with a geresh.
        let d = doc("تهران می\u{200C}گویند؛ السَّلَامُ خِيَارٌ؛ לאזרבייג׳ן.");
        let word = |at: usize| {
            let (s, e) = d.word_at(at);
            d.slice(s, e).to_owned()
        };
        assert_eq!(word(8), "می\u{200C}گویند");
        assert_eq!(word(17), "السَّلَامُ");
        assert_eq!(word(38), "לאזרבייג׳ן");
    }

    #[test]
    fn ranges_outside_the_text_are_refused() {
        let err = Document::new(DocumentRepr {
            info: Default::default(),
            id: DocumentId("d".into()),
            title: String::new(),
            text: "abc".into(),
            blocks: vec![],
            spans: vec![Span {
                style: Style::Bold,
                start: 1,
                end: 9,
            }],
        })
        .unwrap_err();
        assert_eq!(err.end, 9);
        assert_eq!(err.len, 3);
    }

    #[test]
    fn overlapping_blocks_are_refused() {
        let block = |start, end| Block {
            kind: BlockKind::Paragraph,
            start,
            end,
        };
        let err = Document::new(DocumentRepr {
            info: Default::default(),
            id: DocumentId("d".into()),
            title: String::new(),
            text: "abcdef".into(),
            blocks: vec![block(0, 4), block(3, 6)],
            spans: vec![],
        })
        .unwrap_err();
        assert_eq!((err.start, err.end), (3, 6));
    }
}
