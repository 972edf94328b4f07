//! Markdown (`.md`) through `pulldown-cmark` (CommonMark): the first `#`
//! heading is the title, other headings are headings; paragraphs, list
//! items and code blocks are paragraphs; `*emphasis*` is italic,
//! `**strong**` bold, and the inline tags `<u>`/`<ins>`, `<b>`/`<strong>`,
//! `<i>`/`<em>` style as in `.txt` files. Links keep their text (the URL
//! goes to the metadata), images and HTML blocks are dropped. YAML front
//! matter gives title, author, date and source URL: only at the very start
//! of the file, as Jekyll, Hugo and Pandoc read it; a `---` block further
//! down is Markdown (a rule, a heading), so its text stays in the document.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::build::{Builder, non_empty};
use super::{DocumentError, Imported, Metadata};
use crate::model::{BlockKind, DocumentId, Style};

/// Reads decoded Markdown (`note` says when it was not UTF-8).
pub(super) fn read(
    (source, note): &(String, Option<String>),
    id: DocumentId,
    file: &str,
) -> Result<Imported, DocumentError> {
    // pulldown-cmark would take a `---` block anywhere for metadata, so
    // front matter is split off here and the rest parsed without it.
    let (yaml, body) = split_front_matter(source);
    let mut reader = Reader::default();
    for event in Parser::new_ext(body, Options::ENABLE_STRIKETHROUGH) {
        reader.event(event);
    }
    let mut warnings: Vec<String> = note.iter().cloned().collect();
    if reader.html_blocks > 0 {
        let n = reader.html_blocks;
        warnings.push(format!("{file}: {n} HTML block(s) dropped"));
    }
    if !reader.unknown_tags.is_empty() {
        let tags = reader
            .unknown_tags
            .into_iter()
            .collect::<Vec<_>>()
            .join(", ");
        warnings.push(format!("{file}: inline HTML tags dropped: {tags}"));
    }
    let metadata = front_matter(yaml);
    super::finish(reader.builder, id, metadata, warnings, file)
}

/// The front matter (between a first line `---` and the next line `---` or
/// `...`) and the Markdown after it; no front matter when the file does not
/// start so, when it is never closed, or when its first line is blank (the
/// rule pulldown-cmark applies).
fn split_front_matter(source: &str) -> (&str, &str) {
    let first = source.split_inclusive('\n').next().unwrap_or_default();
    if first.trim_end() != "---" {
        return ("", source);
    }
    let start = first.len();
    let mut at = start;
    for line in source[start..].split_inclusive('\n') {
        let closing = matches!(line.trim_end(), "---" | "...");
        if at == start && (closing || line.trim().is_empty()) {
            break;
        }
        if closing {
            return (&source[start..at], &source[at + line.len()..]);
        }
        at += line.len();
    }
    ("", source)
}

#[derive(Default)]
struct Reader {
    builder: Builder,
    /// Inside an image: its alt text is not part of the document.
    in_image: usize,
    html_blocks: usize,
    unknown_tags: BTreeSet<String>,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        let b = &mut self.builder;
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) if self.in_image == 0 => b.text(&t),
            Event::SoftBreak | Event::HardBreak => b.text(" "),
            Event::InlineHtml(tag) => self.inline_html(&tag),
            // Inside an HTML block, which is counted at its start.
            Event::Html(_) => {}
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let b = &mut self.builder;
        match tag {
            Tag::Heading {
                level: HeadingLevel::H1,
                ..
            } => b.block(BlockKind::Title),
            Tag::Heading { .. } => b.block(BlockKind::Heading),
            Tag::Paragraph | Tag::Item | Tag::CodeBlock(_) => b.block(BlockKind::Paragraph),
            Tag::Emphasis => b.open(Style::Italic),
            Tag::Strong => b.open(Style::Bold),
            Tag::Link { dest_url, .. } => b.open_link(&dest_url),
            Tag::Image { .. } => self.in_image += 1,
            Tag::HtmlBlock => {
                b.end_block();
                self.html_blocks += 1;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let b = &mut self.builder;
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock => {
                b.end_block();
            }
            TagEnd::Emphasis => b.close(Style::Italic),
            TagEnd::Strong => b.close(Style::Bold),
            TagEnd::Link => b.close_link(),
            TagEnd::Image => self.in_image = self.in_image.saturating_sub(1),
            _ => {}
        }
    }

    /// `<u>`, `</em>`, `<br>` and the like inside a paragraph.
    fn inline_html(&mut self, tag: &str) {
        let inner = tag.trim().trim_start_matches('<').trim_end_matches('>');
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let name = inner
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let b = &mut self.builder;
        match (Style::from_tag(&name), closing) {
            (Some(style), false) => b.open(style),
            (Some(style), true) => b.close(style),
            (None, _) if name == "br" => b.text(" "),
            // Comments and the like are not tags anyone meant to see.
            (None, _) if name.is_empty() || name.starts_with('!') => {}
            (None, _) => {
                self.unknown_tags.insert(format!("<{name}>"));
            }
        }
    }
}

/// Title, author, date and source from `key: value` lines of YAML front
/// matter (a list of authors, `[a, b]` or `- a` lines, is joined by "; ").
fn front_matter(yaml: &str) -> Metadata {
    let mut fields: Vec<(String, Vec<String>)> = Vec::new();
    for line in yaml.lines() {
        if let Some(item) = line.trim().strip_prefix("- ") {
            if let Some((_, values)) = fields.last_mut() {
                values.push(unquote(item));
            }
        } else if let Some((key, value)) = line.split_once(':') {
            let value = value.trim().trim_start_matches('[').trim_end_matches(']');
            let values = value.split(',').map(unquote).filter(|v| !v.is_empty());
            fields.push((key.trim().to_ascii_lowercase(), values.collect()));
        }
    }
    let get = |keys: &[&str]| {
        let (_, values) = fields
            .iter()
            .find(|(k, v)| keys.contains(&k.as_str()) && !v.is_empty())?;
        non_empty(&values.join("; "))
    };
    Metadata {
        title: get(&["title"]),
        author: get(&["author", "authors"]),
        date: get(&["date"]),
        source_url: get(&["url", "source", "source_url"]),
        ..Metadata::default()
    }
}

fn unquote(s: &str) -> String {
    s.trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_md(s: &str) -> Imported {
        read(&(s.to_owned(), None), DocumentId("m".into()), "m.md").expect("reads")
    }

    #[test]
    fn headings_emphasis_links_and_lists() {
        let md = "# The *title*\n\nSome **bold** and [a link](https://x.org) and <u>under</u>.\n\n\
                  ## Part\n\n- one\n- two `code`\n\n![alt text](i.png)\n\n# Second\n";
        let i = read_md(md);
        let d = &i.document;
        assert_eq!(
            d.text(),
            "The title\n\nSome bold and a link and under.\n\nPart\n\none\n\ntwo code\n\nSecond"
        );
        let kinds: Vec<_> = d.blocks().iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [Title, Paragraph, Heading, Paragraph, Paragraph, Heading]
        );
        assert_eq!(
            super::super::styled_text(d),
            [
                (Style::Italic, "title"),
                (Style::Bold, "bold"),
                (Style::Underline, "under")
            ]
        );
        let link = &i.metadata.links[0];
        assert_eq!(
            (d.slice(link.start, link.end), link.url.as_str()),
            ("a link", "https://x.org")
        );
        assert_eq!(i.metadata.title.as_deref(), Some("The title"));
        assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    }

    #[test]
    fn front_matter_gives_metadata_not_text() {
        let md = "---\ntitle: \"A brief\"\nauthor:\n  - Ann\n  - Bo\ndate: 2025-11-20\nurl: https://e.org/b\n---\n\nBody\n";
        let i = read_md(md);
        assert_eq!(i.document.text(), "Body");
        let m = &i.metadata;
        assert_eq!(m.title.as_deref(), Some("A brief"));
        assert_eq!(m.author.as_deref(), Some("Ann; Bo"));
        assert_eq!(m.date.as_deref(), Some("2025-11-20"));
        assert_eq!(m.source_url.as_deref(), Some("https://e.org/b"));
        assert_eq!(
            i.document.title(),
            "A brief",
            "no heading: the front matter titles it"
        );
    }

    #[test]
    fn a_front_matter_block_further_down_is_text() {
        let md = "Intro\n\n---\ntitle: Not metadata\n---\n\nBody\n";
        let i = read_md(md);
        assert_eq!(i.document.text(), "Intro\n\ntitle: Not metadata\n\nBody");
        assert_eq!(i.metadata.title, None, "no title from a block in the text");
        let kinds: Vec<_> = i.document.blocks().iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, [Paragraph, Heading, Paragraph], "a setext heading");
    }

    #[test]
    fn front_matter_needs_its_own_first_line_and_a_closing_line() {
        assert_eq!(
            split_front_matter("---\na: 1\n...\nrest"),
            ("a: 1\n", "rest")
        );
        assert_eq!(split_front_matter("---  \na: 1\n---"), ("a: 1\n", ""));
        for text in [
            "---\na: 1\n",
            "---\n\na: 1\n---\n",
            "x\n---\na: 1\n---\n",
            " ---\na\n---\n",
            "---\n---\n",
        ] {
            assert_eq!(split_front_matter(text), ("", text), "{text:?}");
        }
    }

    #[test]
    fn html_blocks_and_unknown_tags_are_dropped_with_a_warning() {
        let i = read_md("<div>\nx\n</div>\n\nA <span>b</span> c\n");
        assert_eq!(i.document.text(), "A b c");
        assert_eq!(i.warnings.len(), 2, "{:?}", i.warnings);
        assert!(i.warnings[1].contains("<span>"), "{:?}", i.warnings);
    }
}
