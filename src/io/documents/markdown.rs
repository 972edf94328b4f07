//! Markdown (`.md`) through `pulldown-cmark` (CommonMark): the first `#`
//! heading is the title, other headings are headings; paragraphs, list
//! items and code blocks are paragraphs; `*emphasis*` is italic,
//! `**strong**` bold, and the inline tags `<u>`/`<ins>`, `<b>`/`<strong>`,
//! `<i>`/`<em>` style as in `.txt` files. Links keep their text (the URL
//! goes to the metadata), images and HTML blocks are dropped. YAML front
//! matter gives title, author, date and source URL.

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
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_STRIKETHROUGH;
    let mut reader = Reader::default();
    for event in Parser::new_ext(source, options) {
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
    let metadata = front_matter(&reader.front_matter);
    super::finish(reader.builder, id, metadata, warnings, file)
}

#[derive(Default)]
struct Reader {
    builder: Builder,
    /// Inside an image: its alt text is not part of the document.
    in_image: usize,
    in_front_matter: bool,
    front_matter: String,
    html_blocks: usize,
    unknown_tags: BTreeSet<String>,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        let b = &mut self.builder;
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.in_front_matter => self.front_matter.push_str(&t),
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
            Tag::MetadataBlock(_) => self.in_front_matter = true,
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
            TagEnd::MetadataBlock(_) => self.in_front_matter = false,
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
    fn html_blocks_and_unknown_tags_are_dropped_with_a_warning() {
        let i = read_md("<div>\nx\n</div>\n\nA <span>b</span> c\n");
        assert_eq!(i.document.text(), "A b c");
        assert_eq!(i.warnings.len(), 2, "{:?}", i.warnings);
        assert!(i.warnings[1].contains("<span>"), "{:?}", i.warnings);
    }
}
