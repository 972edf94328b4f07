//! HTML parsed within limits, so a hostile page is refused in linear time
//! instead of keeping html5ever busy for minutes or taking gigabytes:
//!
//! - **attributes**: html5ever's tokenizer checks each attribute of a tag
//!   against all before it (300,000 attributes: minutes), so a linear
//!   pre-scan ([`check_attributes`]) refuses a tag with more than
//!   [`MAX_ATTRIBUTES`] before it runs;
//! - **depth**: for most tags the tree builder looks through the elements
//!   open around it (100,000 nested `<div>`s: minutes); browsers flatten
//!   trees past 512 (Blink), and a page nesting deeper than [`MAX_DEPTH`]
//!   is refused;
//! - **elements**: misnested formatting tags are reopened in each new block,
//!   so 40 KB of `<div><b id=N></div>` made two million elements; more
//!   elements than a quarter of the page's bytes (at least 100,000) are
//!   refused, and so is an element gathering more than [`MAX_ATTRIBUTES`]
//!   from repeated `<html>`/`<body>` tags.
//!
//! Depth and elements are watched by a tree sink around scraper's
//! ([`Guarded`]) as the real tree builder builds, so they count what
//! html5ever does, implied end tags and all; the page is fed in chunks and
//! parsing stops at the first chunk past a limit.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use html5ever::driver::{ParseOpts, parse_document};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

use super::Limit;

/// Most attributes an element may have.
pub(super) const MAX_ATTRIBUTES: usize = 256;
/// Deepest nesting of elements, the document counting as 0 (`<html>` 1,
/// `<body>` 2).
pub(super) const MAX_DEPTH: usize = 512;
/// Fewest elements a page may make, however short.
const MIN_ELEMENTS: usize = 100_000;
/// Bytes fed to the parser between checks of the limits.
const CHUNK: usize = 16 * 1024;

/// Most elements a page of `len` bytes may make: a tag takes at least three
/// bytes, and some are implied or reopened, but not four per byte.
pub(super) fn max_elements(len: usize) -> usize {
    MIN_ELEMENTS.max(len / 4)
}

/// Parses a page as scraper does, refusing it past a limit.
pub(super) fn parse(source: &str) -> Result<Html, Limit> {
    check_attributes(source)?;
    let over = Rc::new(Cell::new(None));
    let sink = Guarded {
        inner: HtmlTreeSink::new(Html::new_document()),
        depths: RefCell::default(),
        elements: Cell::new(0),
        max_elements: max_elements(source.len()),
        over: over.clone(),
    };
    let mut parser = parse_document(sink, ParseOpts::default());
    let mut rest = source;
    while !rest.is_empty() && over.get().is_none() {
        // A char boundary at or past CHUNK: chars are at most 4 bytes.
        let mut cut = CHUNK.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (chunk, after) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(chunk));
        rest = after;
    }
    parser.finish()
}

/// scraper's tree sink, watching how deep elements nest and how many
/// there are. Once past a limit it notes which and carries on building
/// (the tree builder needs answers); [`parse`] stops feeding the page.
struct Guarded {
    inner: HtmlTreeSink,
    /// Each element's depth in the tree, the document's being 0.
    depths: RefCell<HashMap<Handle, usize>>,
    elements: Cell<usize>,
    max_elements: usize,
    over: Rc<Cell<Option<Limit>>>,
}

type Handle = <HtmlTreeSink as TreeSink>::Handle;

impl Guarded {
    fn refuse(&self, limit: Limit) {
        if self.over.get().is_none() {
            self.over.set(Some(limit));
        }
    }

    fn depth(&self, node: &Handle) -> usize {
        self.depths.borrow().get(node).copied().unwrap_or(0)
    }

    /// Notes where a node goes: under a parent at `depth - 1`.
    fn place(&self, child: &NodeOrText<Handle>, depth: usize) {
        if let NodeOrText::AppendNode(node) = child {
            self.depths.borrow_mut().insert(*node, depth);
            if depth > MAX_DEPTH {
                self.refuse(Limit::HtmlDepth(MAX_DEPTH));
            }
        }
    }

    fn attributes(&self, element: &Handle) -> usize {
        let html = self.inner.0.borrow();
        let node = html.tree.get(*element);
        node.and_then(|n| n.value().as_element())
            .map_or(0, |e| e.attrs().count())
    }
}

impl TreeSink for Guarded {
    type Handle = Handle;
    type Output = Result<Html, Limit>;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Self::Output {
        match self.over.get() {
            Some(limit) => Err(limit),
            None => Ok(self.inner.finish()),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        self.elements.set(self.elements.get() + 1);
        if self.elements.get() > self.max_elements {
            self.refuse(Limit::HtmlElements(self.max_elements));
        }
        if attrs.len() > MAX_ATTRIBUTES {
            self.refuse(Limit::HtmlAttributes(MAX_ATTRIBUTES));
        }
        self.inner.create_element(name, attrs, flags)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.place(&child, self.depth(parent) + 1);
        self.inner.append(parent, child);
    }

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.place(&new_node, self.depth(sibling));
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        // As scraper does, through this sink's own `append`s.
        let html = self.inner.0.borrow();
        let has_parent = html.tree.get(*element).and_then(|n| n.parent()).is_some();
        drop(html);
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        // Repeated `<html>` and `<body>` tags add theirs to the one element.
        if self.attributes(target) + attrs.len() > MAX_ATTRIBUTES {
            self.refuse(Limit::HtmlAttributes(MAX_ATTRIBUTES));
            return;
        }
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg);
    }
    fn get_document(&self) -> Handle {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a Handle) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }
    fn create_comment(&self, text: StrTendril) -> Handle {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.inner.create_pi(target, data)
    }
    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }
    fn mark_script_already_started(&self, node: &Handle) {
        self.inner.mark_script_already_started(node);
    }
    fn pop(&self, node: &Handle) {
        self.inner.pop(node);
    }
    fn get_template_contents(&self, target: &Handle) -> Handle {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        self.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }
    fn associate_with_form(
        &self,
        target: &Handle,
        form: &Handle,
        nodes: (&Handle, Option<&Handle>),
    ) {
        self.inner.associate_with_form(target, form, nodes);
    }
    fn remove_from_parent(&self, target: &Handle) {
        self.inner.remove_from_parent(target);
    }
    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.inner.reparent_children(node, new_parent);
    }
    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }
    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number);
    }
    fn allow_declarative_shadow_roots(&self, intended_parent: &Handle) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }
    fn attach_declarative_shadow(
        &self,
        location: &Handle,
        template: &Handle,
        attrs: &[Attribute],
    ) -> bool {
        self.inner
            .attach_declarative_shadow(location, template, attrs)
    }
    fn maybe_clone_an_option_into_selectedcontent(&self, option: &Handle) {
        self.inner
            .maybe_clone_an_option_into_selectedcontent(option);
    }
}

/// Elements whose content the tokenizer reads as text up to their end tag
/// (in HTML, not inside `<svg>` or `<math>`).
const RAW_TEXT: [&[u8]; 10] = [
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
    b"plaintext",
];

/// Refuses a page with a tag of more than [`MAX_ATTRIBUTES`] attributes, in
/// one linear pass of the HTML tokenizer's rules for tags, comments and
/// text. It may count more than the tokenizer, never fewer: it reads the
/// text of `<script>`, `<style>` and the like as text only where it is sure
/// the tokenizer will, elsewhere as markup. Not sure: inside `<svg>` and
/// `<math>` (counted open until their end tags), and for good after a
/// `<frameset>`, or after a `<col>` once a `<template>` was seen: there
/// the tree builder ignores those tags and the tokenizer reads on.
pub(super) fn check_attributes(html: &str) -> Result<(), Limit> {
    let b = html.as_bytes();
    let (mut svg, mut math) = (0usize, 0usize);
    let (mut template_seen, mut raw_text_sure) = (false, true);
    let mut i = 0;
    while let Some(found) = b[i..].iter().position(|&c| c == b'<') {
        i += found + 1;
        let next = b.get(i).copied().unwrap_or(0);
        let after = b.get(i + 1).copied().unwrap_or(0);
        if next == b'!' {
            i = skip_declaration(b, i + 1);
        } else if next == b'?' || (next == b'/' && !after.is_ascii_alphabetic()) {
            // A bogus comment (`</>` too, which ends at once).
            i = skip_past(b, i, b">");
        } else if next.is_ascii_alphabetic() || next == b'/' {
            let closing = next == b'/';
            let tag = read_tag(b, i + usize::from(closing));
            if tag.attributes > MAX_ATTRIBUTES {
                return Err(Limit::HtmlAttributes(MAX_ATTRIBUTES));
            }
            i = tag.end;
            let name = tag.name.as_str();
            let count = match name {
                "svg" => Some(&mut svg),
                "math" => Some(&mut math),
                _ => None,
            };
            match (count, closing) {
                (Some(n), false) if !tag.self_closing => *n += 1,
                (Some(n), true) => *n = n.saturating_sub(1),
                _ => {}
            }
            template_seen |= name == "template";
            if name == "frameset" || (name == "col" && template_seen) {
                raw_text_sure = false;
            }
            let raw = RAW_TEXT.contains(&name.as_bytes());
            if raw && !closing && raw_text_sure && svg == 0 && math == 0 {
                i = skip_raw_text(b, i, name.as_bytes());
            }
        }
    }
    Ok(())
}

/// A tag as the tokenizer reads it.
struct Tag {
    /// Lower case.
    name: String,
    /// Attributes started, repeated names included.
    attributes: usize,
    self_closing: bool,
    /// Just past its `>`, or the end of the page.
    end: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Reads a tag whose name starts at `i`: the tokenizer's tag name,
/// attribute name and value states.
fn read_tag(b: &[u8], mut i: usize) -> Tag {
    let len = b.len();
    let start = i;
    while i < len && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = String::from_utf8_lossy(&b[start..i]).to_ascii_lowercase();
    let mut tag = Tag {
        name,
        attributes: 0,
        self_closing: false,
        end: len,
    };
    loop {
        // Before an attribute name.
        while i < len && is_space(b[i]) {
            i += 1;
        }
        match b.get(i) {
            None => return tag,
            Some(b'>') => {
                tag.end = i + 1;
                return tag;
            }
            Some(b'/') => {
                tag.self_closing = b.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            // The name; a leading `=` is part of it.
            Some(_) => i += 1,
        }
        tag.attributes += 1;
        while i < len && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while i < len && is_space(b[i]) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < len && is_space(b[i]) {
            i += 1;
        }
        match b.get(i) {
            Some(&quote @ (b'"' | b'\'')) => i = skip_past(b, i + 1, &[quote]),
            // `=>`: no value; the `>` ends the tag next time round.
            Some(b'>') | None => {}
            Some(_) => {
                while i < len && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

/// Just past the first `pattern` at or after `i`, or the end.
fn skip_past(b: &[u8], i: usize, pattern: &[u8]) -> usize {
    let rest = b.get(i..).unwrap_or_default();
    (rest.windows(pattern.len()).position(|w| w == pattern))
        .map_or(b.len(), |p| i + p + pattern.len())
}

/// Past `<!…`: a comment (`<!--`, ended by `-->` or `--!>`, or at once
/// by `<!-->` and `<!--->`), else a doctype or bogus comment, which the
/// first `>` ends. CDATA is read so too: it ends later, if at all.
fn skip_declaration(b: &[u8], i: usize) -> usize {
    let rest = b.get(i..).unwrap_or_default();
    let Some(body) = rest.strip_prefix(b"--") else {
        return skip_past(b, i, b">");
    };
    let at = i + 2;
    if body.starts_with(b">") {
        return at + 1;
    }
    if body.starts_with(b"->") {
        return at + 2;
    }
    skip_past(b, at, b"-->").min(skip_past(b, at, b"--!>"))
}

/// Past the text of a raw-text element named `name` that starts at `i`:
/// to the start of its end tag (`</name` then space, `/` or `>`, in any
/// case), or the end of the page (`<plaintext>` has no end).
fn skip_raw_text(b: &[u8], mut i: usize, name: &[u8]) -> usize {
    if name == b"plaintext" {
        return b.len();
    }
    while let Some(found) = b[i..].windows(2).position(|w| w == b"</") {
        let start = i + found;
        let name_end = start + 2 + name.len();
        let matches = b
            .get(start + 2..name_end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        let ends = b
            .get(name_end)
            .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>');
        if matches && ends {
            return start;
        }
        i = start + 2;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attributes(html: &str) -> Vec<usize> {
        let b = html.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(at) = b[i..].iter().position(|&c| c == b'<') {
            let tag = read_tag(b, i + at + 1);
            out.push(tag.attributes);
            i = tag.end;
        }
        out
    }

    #[test]
    fn attributes_are_counted_as_the_tokenizer_reads_them() {
        assert_eq!(attributes("<a>"), [0]);
        assert_eq!(attributes("<a b c=1 d='x>y' e=\"z w\" f/>"), [5]);
        assert_eq!(attributes("<a b=c/d =e g= >"), [3]);
        assert_eq!(attributes("<a b c"), [2], "cut off by the end");
        assert_eq!(attributes("<a b=> <c d>"), [1, 1]);
    }

    #[test]
    fn too_many_attributes_are_refused_but_not_in_comments_or_scripts() {
        let many = |n: usize| (0..n).map(|i| format!(" a{i}")).collect::<String>();
        let tag = format!("<div{}>", many(MAX_ATTRIBUTES + 1));
        assert_eq!(
            check_attributes(&format!("<p>x{tag}")),
            Err(Limit::HtmlAttributes(MAX_ATTRIBUTES))
        );
        assert_eq!(
            check_attributes(&format!("<div{}>", many(MAX_ATTRIBUTES))),
            Ok(())
        );
        let fake = format!("<x{}", many(1000));
        for hidden in [
            format!("<!-- {fake} -->"),
            format!("<script>if (a{fake}</script>"),
            format!("<STYLE>{fake}</style >"),
            format!("<textarea>{fake}"),
            format!("<!doctype html><title>{fake}</title>"),
            format!("<template><script>{fake}</script></template>"),
        ] {
            assert_eq!(check_attributes(&hidden), Ok(()), "{hidden:.40}");
        }
        // Where the tokenizer reads markup, so does the scan.
        for shown in [
            format!("<!-->{tag}-->"),
            format!("<script>a</script>{tag}"),
            format!("<svg><style>{tag}</style></svg>"),
            format!("<frameset><script>{tag}"),
            format!("<template><col><style>{tag}"),
            format!("<a title='<script>'>{tag}"),
        ] {
            assert!(check_attributes(&shown).is_err(), "{shown:.40}");
        }
    }

    #[test]
    fn raw_text_ends_at_its_own_end_tag() {
        let b = b"x</scripts></SCRIPT\tz";
        assert_eq!(skip_raw_text(b, 0, b"script"), 11);
        assert_eq!(skip_raw_text(b"no end", 0, b"style"), 6);
    }

    #[test]
    fn deep_nesting_and_reopened_elements_are_refused() {
        let deep = "<div>".repeat(MAX_DEPTH);
        assert!(matches!(parse(&deep), Err(Limit::HtmlDepth(MAX_DEPTH))));
        // Implied end tags do not nest: a long list of unclosed items.
        let list = format!("<ul>{}</ul>", "<li><p>item".repeat(MAX_DEPTH * 4));
        let html = parse(&list).expect("flat");
        let depth = html.tree.nodes().map(|n| n.ancestors().count()).max();
        assert_eq!(
            depth,
            Some(6),
            "document > html > body > ul > li > p > text"
        );
        let reopened: String = (0..2000)
            .map(|i| format!("<div><b id={i}></div>"))
            .collect();
        // Each `<b>` reopens all before it: 126,000 elements from 500 of them.
        assert_eq!(
            parse(&reopened).err(),
            Some(Limit::HtmlElements(MIN_ELEMENTS))
        );
        // Closed by `</div>`, the `<b>`s stay open for formatting and are
        // reopened in every later block: 300 elements for each `<div>x`.
        let bs: String = (0..300).map(|i| format!("<b id={i}>")).collect();
        let shallow = format!("<div>{bs}</div>{}", "<div>x</div>".repeat(20_000));
        let limit = max_elements(shallow.len());
        assert_eq!(parse(&shallow).err(), Some(Limit::HtmlElements(limit)));
    }

    #[test]
    fn attributes_gathered_on_body_are_limited() {
        let bodies: String = (0..=MAX_ATTRIBUTES)
            .map(|i| format!("<body a{i}>"))
            .collect();
        assert_eq!(
            parse(&bodies).err(),
            Some(Limit::HtmlAttributes(MAX_ATTRIBUTES))
        );
    }
}
