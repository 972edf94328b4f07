//! The brief's light markup: plain-text paragraphs with HTML-like inline tags.
//!
//! Rules (documented in `docs/offsets.md`):
//! - lines are trimmed; consecutive non-empty lines form one paragraph, joined
//!   by a space; paragraphs are separated by exactly `"\n\n"` in the plain text;
//! - a gap of two or more blank lines is a page break of the source file: if
//!   the text before it does not end a sentence, or the text after it starts
//!   in lower case, the paragraph continues across it (joined by one space);
//! - `<u>`, `<b>`/`<strong>`, `<i>`/`<em>` become style spans and may nest;
//!   other tags are dropped with a warning, unbalanced tags are closed or
//!   ignored with a warning; a `<` that does not start a tag is text;
//! - the first block is the title, a short block after it the byline, and a
//!   short line without closing punctuation a heading.

use super::document::{Block, BlockKind, Document, DocumentId, DocumentRepr, Span, Style};

/// Something in the markup that was not understood and how it was handled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupWarning {
    /// 1-based line in the source file.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for MarkupWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// A parsed document and what was odd about its markup.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub document: Document,
    pub warnings: Vec<MarkupWarning>,
}

/// One source paragraph before tags are parsed.
struct RawParagraph {
    text: String,
    line: usize,
}

/// A paragraph as written into the plain text: its code-point range, its
/// bytes there, and what `classify` looks at. (Slicing the text for each
/// block instead, counting chars from the start, was quadratic.)
struct Placed {
    start: usize,
    end: usize,
    bytes: std::ops::Range<usize>,
    last: Option<char>,
    has_tag: bool,
}

/// Parses the markup of a text file into a document with the given id.
pub fn parse(id: DocumentId, source: &str) -> Parsed {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let paragraphs = join_page_breaks(split_paragraphs(source));
    let mut state = TagState::default();
    let mut text = String::with_capacity(source.len());
    let mut chars = 0usize;
    let mut placed: Vec<Placed> = Vec::new();
    for para in &paragraphs {
        let sep = if placed.is_empty() { "" } else { "\n\n" };
        let start = chars + sep.chars().count();
        let body = state.parse_inline(&para.text, para.line, start);
        if body.is_empty() {
            // Nothing written: tags seen here belong at the current end.
            state.move_positions(start, chars);
            continue;
        }
        text.push_str(sep);
        let byte_start = text.len();
        text.push_str(&body);
        chars = start + body.chars().count();
        placed.push(Placed {
            start,
            end: chars,
            bytes: byte_start..text.len(),
            last: body.chars().next_back(),
            has_tag: para.text.contains('<'),
        });
    }
    let warnings = state.finish(chars);
    let blocks = classify(&placed);
    let title = match (blocks.first(), placed.first()) {
        (Some(b), Some(p)) if b.kind == BlockKind::Title => text[p.bytes.clone()].to_owned(),
        _ => String::new(),
    };
    let repr = DocumentRepr {
        info: Default::default(),
        id,
        title,
        text,
        blocks,
        spans: state.spans,
    };
    // The parser builds ranges from the text it writes, so they always fit.
    let document = Document::new(repr).unwrap_or_else(|e| unreachable!("parser range: {e}"));
    Parsed { document, warnings }
}

/// Splits the source into paragraphs, noting the blank lines before each.
fn split_paragraphs(source: &str) -> Vec<(RawParagraph, usize)> {
    let mut out: Vec<(RawParagraph, usize)> = Vec::new();
    let mut blank_run = 0usize;
    let mut current: Option<RawParagraph> = None;
    for (n, line) in source.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            if let Some(p) = current.take() {
                out.push((p, 0));
            }
            blank_run += 1;
            continue;
        }
        match current.as_mut() {
            Some(p) => {
                p.text.push(' ');
                p.text.push_str(line);
            }
            None => {
                if let Some(last) = out.last_mut().filter(|_| blank_run > 0) {
                    last.1 = blank_run;
                }
                blank_run = 0;
                current = Some(RawParagraph {
                    text: line.to_owned(),
                    line: n + 1,
                });
            }
        }
    }
    out.extend(current.map(|p| (p, 0)));
    out
}

/// Joins paragraphs that a page break cut in two. The `usize` is the number
/// of blank lines after each paragraph.
fn join_page_breaks(paragraphs: Vec<(RawParagraph, usize)>) -> Vec<RawParagraph> {
    // Each output paragraph with how it ends, found when a page break
    // follows it and kept up to date as paragraphs are joined onto it:
    // reading the whole joined text again for each join was quadratic.
    let mut out: Vec<(RawParagraph, Option<Ends>)> = Vec::new();
    let mut gap_before = 0;
    for (para, gap_after) in paragraphs {
        let last = out.last_mut().filter(|_| gap_before >= 2);
        if let Some((prev, ends)) = last
            && continues(prev, ends, &para)
        {
            prev.text.push(' ');
            prev.text.push_str(&para.text);
            *ends = ends.map(|e| e.then(Ends::of(" ")).then(Ends::of(&para.text)));
        } else {
            out.push((para, None));
        }
        gap_before = gap_after;
    }
    out.into_iter().map(|(para, _)| para).collect()
}

/// Whether `para` continues `prev` across a page break: `prev` does not end
/// a sentence, or `para` starts in lower case. `ends` caches how `prev` ends.
fn continues(prev: &RawParagraph, ends: &mut Option<Ends>, para: &RawParagraph) -> bool {
    let last = ends.get_or_insert_with(|| Ends::of(&prev.text)).last[0];
    let ends_sentence = last.is_some_and(|c| ".!?:\"”’)]".contains(c));
    let starts_lower = first_visible_char(&para.text).is_some_and(char::is_lowercase);
    !ends_sentence || starts_lower
}

/// How a text ends as `visible_chars` sees it, for either state at its
/// start (index 0: outside a `<…>` run, 1: inside one): the last visible
/// char, and whether the text ends inside a run.
#[derive(Clone, Copy)]
struct Ends {
    last: [Option<char>; 2],
    inside: [bool; 2],
}

impl Ends {
    fn of(text: &str) -> Self {
        let mut ends = Self {
            last: [None; 2],
            inside: [false, true],
        };
        for c in text.chars() {
            for state in 0..2 {
                let inside = &mut ends.inside[state];
                match c {
                    '<' => *inside = true,
                    '>' if *inside => *inside = false,
                    _ if !*inside => ends.last[state] = Some(c),
                    _ => {}
                }
            }
        }
        ends
    }

    /// The ends of this text followed by `next`.
    fn then(self, next: Self) -> Self {
        let pick = |state: usize| {
            let mid = usize::from(self.inside[state]);
            (next.last[mid].or(self.last[state]), next.inside[mid])
        };
        let (outside, inside) = (pick(0), pick(1));
        Self {
            last: [outside.0, inside.0],
            inside: [outside.1, inside.1],
        }
    }
}

fn visible_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    // Good enough for a look at either end: drops `<…>` runs.
    let mut depth = false;
    text.chars().filter(move |&c| match c {
        '<' => {
            depth = true;
            false
        }
        '>' if depth => {
            depth = false;
            false
        }
        _ => !depth,
    })
}

fn first_visible_char(text: &str) -> Option<char> {
    visible_chars(text).next()
}

/// Tag stack and spans, carried across paragraphs so a tag may span them.
#[derive(Default)]
struct TagState {
    open: Vec<(Style, usize, usize)>,
    spans: Vec<Span>,
    warnings: Vec<MarkupWarning>,
}

enum Tag {
    Open(Style),
    Close(Style),
    Unknown(String),
}

/// Reads a tag at the start of `s` (which begins with `<`): its length and meaning.
fn read_tag(s: &str) -> Option<(usize, Tag)> {
    // Only letters, digits, `/` and spaces can stand between `<` and `>` in
    // a tag, so the search stops at the first other char: looking for `>`
    // through the rest of the paragraph from every `<` was quadratic.
    let tag_char = |c: char| c.is_ascii_alphanumeric() || c == '/' || c.is_whitespace();
    let end = s[1..].find(|c: char| !tag_char(c)).map(|i| i + 1)?;
    if !s[end..].starts_with('>') {
        return None;
    }
    let inner = &s[1..end];
    let (closing, name) = match inner.strip_prefix('/') {
        Some(n) => (true, n),
        None => (false, inner),
    };
    let name = name.trim_end_matches('/').trim();
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric());
    if !valid {
        return None;
    }
    let style = Style::from_tag(&name.to_ascii_lowercase());
    let tag = match (style, closing) {
        (Some(s), false) => Tag::Open(s),
        (Some(s), true) => Tag::Close(s),
        (None, _) => Tag::Unknown(s[..=end].to_owned()),
    };
    Some((end + 1, tag))
}

impl TagState {
    /// Strips the tags of one paragraph whose plain text starts at char `start`.
    fn parse_inline(&mut self, raw: &str, line: usize, start: usize) -> String {
        let mut out = String::with_capacity(raw.len());
        let mut pos = start;
        let mut rest = raw;
        // Text up to each `<` is copied whole, not char by char.
        while let Some(at) = rest.find('<') {
            let (plain, from_lt) = rest.split_at(at);
            out.push_str(plain);
            pos += plain.chars().count();
            match read_tag(from_lt) {
                Some((len, tag)) => {
                    self.apply(tag, line, pos);
                    rest = &from_lt[len..];
                }
                None => {
                    out.push('<');
                    pos += 1;
                    rest = &from_lt[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn apply(&mut self, tag: Tag, line: usize, pos: usize) {
        match tag {
            Tag::Open(style) => self.open.push((style, pos, line)),
            Tag::Close(style) => match self.open.iter().rposition(|(s, ..)| *s == style) {
                Some(i) => {
                    let (style, start, _) = self.open.remove(i);
                    self.push_span(style, start, pos);
                }
                None => self.warn(
                    line,
                    format!("closing tag for {style:?} without an opening tag; ignored"),
                ),
            },
            Tag::Unknown(tag) => self.warn(line, format!("unknown tag {tag} dropped")),
        }
    }

    /// Moves what an empty paragraph at `from` opened or closed back to
    /// `to`, the end of the text so far. Positions only grow, so that is
    /// the tail of each list; the rest is not looked at (which kept a run
    /// of empty paragraphs from being quadratic).
    fn move_positions(&mut self, from: usize, to: usize) {
        let opened = self.open.iter().rposition(|(_, p, _)| *p != from);
        for (_, pos, _) in &mut self.open[opened.map_or(0, |i| i + 1)..] {
            *pos = to;
        }
        let closed = self.spans.iter().rposition(|s| s.end != from);
        let mut here = self.spans.split_off(closed.map_or(0, |i| i + 1));
        for span in &mut here {
            span.end = to;
        }
        here.retain(|s| s.start < s.end);
        self.spans.append(&mut here);
    }

    fn push_span(&mut self, style: Style, start: usize, end: usize) {
        if end > start {
            self.spans.push(Span { style, start, end });
        }
    }

    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(MarkupWarning { line, message });
    }

    /// Closes what is still open at the end of the text.
    fn finish(&mut self, end: usize) -> Vec<MarkupWarning> {
        for (style, start, line) in std::mem::take(&mut self.open) {
            self.warn(
                line,
                format!("{style:?} tag never closed; closed at the end of the text"),
            );
            self.push_span(style, start, end);
        }
        self.spans
            .sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.style));
        std::mem::take(&mut self.warnings)
    }
}

/// Decides which paragraphs are the title, byline and headings.
fn classify(placed: &[Placed]) -> Vec<Block> {
    placed
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (start, end) = (p.start, p.end);
            let short = end - start <= 120 && !p.has_tag;
            let closes = p.last.is_some_and(|c| ".,;:\"”".contains(c));
            let kind = match i {
                0 if short => BlockKind::Title,
                1 if short && !closes && placed.len() > 2 => BlockKind::Byline,
                _ if short && !closes && end - start <= 100 => BlockKind::Heading,
                _ => BlockKind::Paragraph,
            };
            Block { kind, start, end }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Parsed {
        parse(DocumentId("t".into()), s)
    }

    #[test]
    fn strips_tags_into_spans_with_code_point_offsets() {
        let p = parse_str("A title\n\nThe political <u>détente — “real”</u> end.");
        let d = &p.document;
        assert_eq!(d.text(), "A title\n\nThe political détente — “real” end.");
        assert_eq!(d.spans().len(), 1);
        let s = d.spans()[0];
        assert_eq!((s.start, s.end), (23, 39));
        assert_eq!(d.slice(s.start, s.end), "détente — “real”");
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn nested_tags_give_nested_spans() {
        let p = parse_str("T\n\nx <u>a <u>b</u> c</u> y");
        let spans: Vec<_> = p
            .document
            .spans()
            .iter()
            .map(|s| (s.start, s.end))
            .collect();
        // "T\n\nx a b c y": a is at 5, b at 7, c ends at 10.
        assert_eq!(spans, vec![(5, 10), (7, 8)]);
    }

    #[test]
    fn page_break_gap_inside_a_sentence_is_joined() {
        let p = parse_str("T\n\nat the residence,\n\n\n\n\nwere all.\n\n\n\nNext para.");
        let d = &p.document;
        assert_eq!(d.text(), "T\n\nat the residence, were all.\n\nNext para.");
        assert_eq!(d.blocks().len(), 3);
    }

    #[test]
    fn malformed_markup_loads_with_warnings() {
        let p = parse_str("T\n\nstray </u> and <foo>x</foo> and <u>open a < b\n\nmore");
        assert_eq!(
            p.document.text(),
            "T\n\nstray  and x and open a < b\n\nmore"
        );
        assert_eq!(p.warnings.len(), 4, "{:?}", p.warnings);
        let span = p.document.spans()[0];
        assert_eq!(p.document.slice(span.start, span.end), "open a < b\n\nmore");
        assert!(p.warnings[3].message.contains("never closed"));
        assert_eq!(p.warnings[0].line, 3);
    }

    #[test]
    fn empty_and_odd_input_does_not_panic() {
        for s in [
            "",
            "\n\n\n",
            "<u>",
            "</u>",
            "<",
            "<>",
            "<u></u>",
            "\u{feff}x",
            "a\r\nb",
            // Found by the property test: a tag closed in an empty paragraph.
            "<u><\n\n</u>",
        ] {
            let p = parse_str(s);
            assert!(p.document.char_len() <= s.chars().count());
        }
        assert_eq!(parse_str("a\r\nb").document.text(), "a b");
        let p = parse_str("<u><\n\n</u>");
        assert_eq!(p.document.text(), "<");
        assert_eq!(p.document.spans().len(), 1);
        assert_eq!(
            (p.document.spans()[0].start, p.document.spans()[0].end),
            (0, 1)
        );
    }
}
