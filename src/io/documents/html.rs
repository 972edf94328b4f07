//! HTML (`.html`, `.htm`) through `scraper` (html5ever, the HTML5 parsing
//! algorithm browsers use, so broken markup reads as a browser shows it):
//! the first `<h1>` is the title and other headings are headings; `p`,
//! `li`, `blockquote`, `div` and the other block elements are paragraphs;
//! `<u>`/`<ins>` underline, `<b>`/`<strong>` bold, `<i>`/`<em>` italic.
//! Links keep their text, unstyled (an underline would read as the
//! author's emphasis); their URLs go to the metadata. Scripts, styles,
//! navigation, forms and embedded media are dropped, entities decoded and
//! whitespace collapsed. `<head>` gives title, author, date and source URL.
//! Parsing is bounded by `html_limits`: a page nesting too deep or with too
//! many attributes or elements is refused.

use scraper::{ElementRef, Html, Node};

use super::build::{Builder, non_empty};
use super::{DocumentError, Imported, Metadata, Problem, html_limits};
use crate::model::{BlockKind, DocumentId, Style};

/// Elements whose content is not part of the document's text.
const DROPPED: &[&str] = &[
    "head", "title", "script", "style", "nav", "noscript", "template", "svg", "math", "iframe",
    "object", "embed", "canvas", "audio", "video", "button", "select", "textarea", "form",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Reads decoded HTML (`note` says when it was not UTF-8).
pub(super) fn read(
    (source, note): &(String, Option<String>),
    id: DocumentId,
    file: &str,
) -> Result<Imported, DocumentError> {
    let html = html_limits::parse(source)
        .map_err(|limit| DocumentError::new(file, Problem::PastLimit(limit)))?;
    let mut walker = Walker::default();
    walker.walk(&html);
    let warnings = note.iter().cloned().collect();
    super::finish(walker.builder, id, head_metadata(&html), warnings, file)
}

#[derive(Default)]
struct Walker {
    builder: Builder,
    /// The kinds of the block elements open around the current node.
    kinds: Vec<BlockKind>,
}

impl Walker {
    /// Visits the tree depth first with an explicit stack: documents nest
    /// deeper than a recursive walk's stack would allow.
    fn walk(&mut self, html: &Html) {
        let mut stack = vec![(html.tree.root(), false)];
        while let Some((node, closing)) = stack.pop() {
            match node.value() {
                Node::Text(text) if !closing => self.builder.text(text),
                Node::Element(e) if closing => self.close(e.name()),
                Node::Element(e) if DROPPED.contains(&e.name()) => {}
                Node::Element(e) => {
                    self.open(e.name(), e.attr("href"));
                    stack.push((node, true));
                    stack.extend(node.children().rev().map(|c| (c, false)));
                }
                Node::Document | Node::Fragment => {
                    stack.extend(node.children().rev().map(|c| (c, false)));
                }
                _ => {}
            }
        }
    }

    fn open(&mut self, name: &str, href: Option<&str>) {
        let b = &mut self.builder;
        if let Some(kind) = block_kind(name) {
            self.kinds.push(kind);
            b.block(kind);
        } else if let Some(style) = Style::from_tag(name) {
            b.open(style);
        } else if name == "a" {
            b.open_link(href.unwrap_or_default());
        } else if name == "br" {
            b.text(" ");
        }
    }

    fn close(&mut self, name: &str) {
        let b = &mut self.builder;
        if block_kind(name).is_some() {
            self.kinds.pop();
            // Text after a nested block goes on in the enclosing one's kind.
            b.block(self.kinds.last().copied().unwrap_or(BlockKind::Paragraph));
        } else if let Some(style) = Style::from_tag(name) {
            b.close(style);
        } else if name == "a" {
            b.close_link();
        }
    }
}

fn block_kind(name: &str) -> Option<BlockKind> {
    match name {
        "h1" => Some(BlockKind::Title),
        "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
        _ if BLOCKS.contains(&name) => Some(BlockKind::Paragraph),
        _ => None,
    }
}

/// `<title>`, and the `<meta>` and `<link>` tags news sites, journals
/// (Highwire `citation_*`) and Open Graph use for author, date and URL.
fn head_metadata(html: &Html) -> Metadata {
    let mut m = Metadata::default();
    let mut authors = Vec::new();
    for element in html.tree.nodes().filter_map(ElementRef::wrap) {
        let e = element.value();
        match e.name() {
            "title" if m.title.is_none() => {
                m.title = non_empty(&element.text().collect::<String>())
            }
            "link"
                if e.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                m.source_url = m.source_url.or_else(|| e.attr("href").and_then(non_empty));
            }
            "meta" => {
                let key = (e.attr("name").or(e.attr("property")))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let Some(content) = e.attr("content").and_then(non_empty) else {
                    continue;
                };
                match key.as_str() {
                    "author" | "dc.creator" | "citation_author" | "article:author" => {
                        authors.push(content);
                    }
                    "date"
                    | "dc.date"
                    | "dcterms.date"
                    | "dcterms.created"
                    | "citation_publication_date"
                    | "article:published_time" => {
                        m.date = m.date.or(Some(content));
                    }
                    "og:url" => m.source_url = m.source_url.or(Some(content)),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    m.author = non_empty(&authors.join("; "));
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_html(s: &str) -> Imported {
        read(&(s.to_owned(), None), DocumentId("h".into()), "h.html").expect("reads")
    }

    #[test]
    fn blocks_styles_and_dropped_parts() {
        let html = "<html><head><title>Page</title><style>p{}</style></head><body>\
            <nav><a href='/'>Home</a></nav><h1>The  title</h1>\
            <div>Loose <b>bold</b><p>A <a href='https://x.org/'>link</a> &amp; <u>under</u>.</p>\
            after</div><script>var x;</script><h2>Part</h2><ul><li><em>one</em><li>two <a name=n>here</a></ul></body></html>";
        let i = read_html(html);
        let d = &i.document;
        assert_eq!(
            d.text(),
            "The title\n\nLoose bold\n\nA link & under.\n\nafter\n\nPart\n\none\n\ntwo here"
        );
        let kinds: Vec<_> = d.blocks().iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [
                Title, Paragraph, Paragraph, Paragraph, Heading, Paragraph, Paragraph
            ]
        );
        assert_eq!(
            super::super::styled_text(d),
            [
                (Style::Bold, "bold"),
                (Style::Underline, "under"),
                (Style::Italic, "one")
            ]
        );
        assert_eq!(
            i.metadata.links.len(),
            1,
            "an anchor without href is no link"
        );
        assert_eq!(i.metadata.links[0].url, "https://x.org/");
        assert_eq!(i.metadata.title.as_deref(), Some("Page"));
        assert_eq!(d.title(), "The title");
    }

    #[test]
    fn head_metadata_is_read() {
        let html = "<head><meta name='author' content='Ann'><meta name=citation_author content=Bo>\
            <meta property='article:published_time' content='2025-11-20'>\
            <link rel=canonical href='https://e.org/b'></head><p>x</p>";
        let m = read_html(html).metadata;
        assert_eq!(m.author.as_deref(), Some("Ann; Bo"));
        assert_eq!(m.date.as_deref(), Some("2025-11-20"));
        assert_eq!(m.source_url.as_deref(), Some("https://e.org/b"));
        assert_eq!(m.title, None);
    }

    #[test]
    fn deep_nesting_and_broken_markup_do_not_panic() {
        let deep = "<div>".repeat(500) + "x" + &"</i>".repeat(10);
        assert_eq!(read_html(&deep).document.text(), "x");
        assert_eq!(read_html("<b><i>a</b>b</i>").document.text(), "ab");
    }
}
