//! Just enough XML for REFI-QDA: a pretty-printing writer whose escaping
//! round-trips every string exactly, and a reader into a small element tree
//! that refuses DTDs (entity expansion attacks) before parsing anything.

use std::borrow::Cow;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::{Reader, Writer, XmlVersion};

use crate::io::escape::any_byte;
use crate::io::import::ImportError;

/// Deeper nesting than this is refused: no REFI file needs it, and the tree
/// (and the code hierarchy built from it) is walked recursively.
pub(crate) const MAX_DEPTH: usize = 256;

/// Writes indented XML into memory.
pub(crate) struct XmlOut {
    writer: Writer<Vec<u8>>,
}

impl XmlOut {
    /// A document with its XML declaration written.
    pub(crate) fn new() -> Self {
        let mut out = Self {
            writer: Writer::new_with_indent(Vec::new(), b' ', 2),
        };
        out.emit(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
        out
    }

    /// Opens `name` with `attrs`; attributes whose value is `None` are left out.
    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        self.emit(Event::Start(tag(name, attrs)));
    }

    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        self.emit(Event::Empty(tag(name, attrs)));
    }

    pub(crate) fn end(&mut self, name: &str) {
        self.emit(Event::End(BytesEnd::new(name)));
    }

    /// `<name>text</name>`, left out when `text` is empty (every such
    /// element is optional in the schemas).
    pub(crate) fn text_element(&mut self, name: &str, text: &str) {
        if text.is_empty() {
            return;
        }
        self.start(name, &[]);
        self.emit(Event::Text(BytesText::from_escaped(escape_text(text))));
        self.end(name);
    }

    /// The finished document, ending with a newline.
    pub(crate) fn finish(self) -> String {
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        // Only `&str`s went in, so the bytes are UTF-8.
        String::from_utf8(bytes).unwrap_or_else(|e| unreachable!("XML from &str: {e}"))
    }

    fn emit(&mut self, event: Event<'_>) {
        // Writing into a Vec cannot fail.
        self.writer
            .write_event(event)
            .unwrap_or_else(|e| unreachable!("writing XML to memory: {e}"));
    }
}

fn tag<'a>(name: &'a str, attrs: &[(&'a str, Option<&'a str>)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attrs {
        if let Some(value) = value {
            // Pre-escaped: quick-xml's own attribute escaping leaves tabs and
            // line ends as they are, which a reader would turn into spaces.
            start.push_attribute(Attribute {
                key: QName(key),
                value: escape_attr(value),
            });
        }
    }
    start
}

/// Whether XML 1.0 can hold `c` at all (not even as a reference): other
/// control characters, and U+FFFE/U+FFFF, are dropped from what is written,
/// as a file with them would be refused by every reader.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes an attribute value so that attribute-value normalisation gives
/// the exact string back (quotes, tabs and line ends as references).
fn escape_attr(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

/// Escapes element text; `\r` becomes a reference because XML readers turn
/// a literal `\r\n` into `\n`.
fn escape_text(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// Drops characters XML 1.0 cannot hold and escapes markup; attributes also
/// need quotes, tabs and line feeds as references. Most strings need none
/// of that and are returned as they are.
fn escape(s: &str, attr: bool) -> Cow<'_, str> {
    // Bytes that may need care: controls (and tab, line ends), markup, and
    // 0xEF, which starts U+FFFE and U+FFFF. Anything else is kept.
    let special = |b: u8| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | b'"' | 0xEF);
    if !any_byte(s.as_bytes(), special) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(escape_chars(s, attr))
    }
}

/// [`escape`], character by character.
fn escape_chars(s: &str, attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| is_xml_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attr => out.push_str("&quot;"),
            '\t' if attr => out.push_str("&#9;"),
            '\n' if attr => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

/// An element with its attributes (local names, values unescaped), child
/// elements and the concatenation of its own text.
#[derive(Debug, Default)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub(crate) fn children_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Text of the child `name`, or "" when there is none.
    pub(crate) fn child_text(&self, name: &str) -> &str {
        self.child(name).map_or("", |c| c.text.as_str())
    }

    /// This element and all below it, depth first.
    pub(crate) fn walk(&self, visit: &mut dyn FnMut(&Element)) {
        visit(self);
        for c in &self.children {
            c.walk(visit);
        }
    }
}

/// Parses the XML of archive entry (or file) `what` into its root element.
pub(crate) fn parse(bytes: &[u8], what: &str, file: &str) -> Result<Element, ImportError> {
    let malformed = |message: String| ImportError::Malformed {
        file: file.to_owned(),
        message: format!("{what}: {message}"),
    };
    if has_dtd(bytes) {
        return Err(ImportError::Dtd {
            file: file.to_owned(),
        });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(malformed("the XML is UTF-16; only UTF-8 is read".into()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text =
        std::str::from_utf8(bytes).map_err(|e| malformed(format!("the XML is not UTF-8 ({e})")))?;
    TreeBuilder::default()
        .run(text)
        .map_err(|m| malformed(m.0))?
        .ok_or_else(|| malformed("no root element".into()))
}

/// Whether the text declares a DTD or entities. Checked on the raw bytes so
/// nothing of such a file is parsed; a comment that merely mentions
/// `<!DOCTYPE` is refused too, which costs nothing real.
fn has_dtd(bytes: &[u8]) -> bool {
    let upper = |n: &[u8]| bytes.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    upper(b"<!DOCTYPE") || upper(b"<!ENTITY")
}

/// A message for `Malformed`.
struct Msg(String);

#[derive(Default)]
struct TreeBuilder {
    stack: Vec<Element>,
    root: Option<Element>,
}

impl TreeBuilder {
    fn run(mut self, text: &str) -> Result<Option<Element>, Msg> {
        let mut reader = Reader::from_str(text);
        loop {
            let event = reader.read_event().map_err(|e| {
                Msg(format!(
                    "malformed XML at byte {}: {e}",
                    reader.error_position()
                ))
            })?;
            match event {
                Event::Start(e) => self.open(&e)?,
                Event::Empty(e) => {
                    self.open(&e)?;
                    self.close()?;
                }
                Event::End(_) => self.close()?,
                Event::Text(t) => self.text(&t.xml10_content())?,
                Event::CData(c) => {
                    // Line ends are normalised in CDATA too (XML 1.0, 2.11).
                    let raw = c.into_inner();
                    self.text(&raw.replace("\r\n", "\n").replace('\r', "\n"))?;
                }
                Event::GeneralRef(r) => self.text(&resolve_ref(&r)?)?,
                Event::DocType(_) => return Err(Msg("a DTD is not accepted".into())),
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        if let Some(open) = self.stack.last() {
            return Err(Msg(format!("element <{}> is not closed", open.name)));
        }
        Ok(self.root)
    }

    fn open(&mut self, start: &BytesStart<'_>) -> Result<(), Msg> {
        if self.root.is_some() {
            return Err(Msg("content after the root element".into()));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(Msg(format!("elements nested more than {MAX_DEPTH} deep")));
        }
        let name = local(start.name().as_ref());
        let mut attrs = Vec::new();
        for attr in start.attributes() {
            let attr = attr.map_err(|e| Msg(format!("attribute of <{name}>: {e}")))?;
            let key = attr.key.as_ref();
            if key == "xmlns" || key.starts_with("xmlns:") {
                continue;
            }
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| Msg(format!("attribute {key} of <{name}>: {e}")))?;
            attrs.push((local(key), xml_chars(&value)));
        }
        self.stack.push(Element {
            name,
            attrs,
            ..Element::default()
        });
        Ok(())
    }

    fn close(&mut self) -> Result<(), Msg> {
        let done = self
            .stack
            .pop()
            .ok_or_else(|| Msg("closing tag without an opening one".into()))?;
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(done),
            None => self.root = Some(done),
        }
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<(), Msg> {
        match self.stack.last_mut() {
            Some(open) => open.text.push_str(&xml_chars(text)),
            None if text.trim().is_empty() => {}
            None => return Err(Msg("text outside the root element".into())),
        }
        Ok(())
    }
}

/// `s` without the characters XML 1.0 cannot hold (control characters,
/// U+FFFE, U+FFFF), which some tools write anyway, literally or as `&#1;`:
/// dropped as the writer drops them, so that what is read is what a write
/// of it gives back (found by fuzzing: a literal U+0001 in a `.qdc`).
fn xml_chars(s: &str) -> String {
    s.chars().filter(|&c| is_xml_char(c)).collect()
}

/// `&lt;`, `&#233;` and friends; any other entity is undeclared (no DTD).
fn resolve_ref(r: &quick_xml::events::BytesRef<'_>) -> Result<String, Msg> {
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(c.to_string()),
            _ => Err(Msg(format!("bad character reference &{};", &**r))),
        };
    }
    quick_xml::escape::resolve_xml_entity(r)
        .map(str::to_owned)
        .ok_or_else(|| Msg(format!("undeclared entity &{};", &**r)))
}

/// The local part of a possibly prefixed name.
fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Element, ImportError> {
        parse(s.as_bytes(), "t.xml", "f")
    }

    #[test]
    fn escaping_round_trips_exactly() {
        let nasty = "a & b < c > d \"q\" 'a'\tx\ny\r\nz  ";
        let mut out = XmlOut::new();
        out.start("R", &[("v", Some(nasty))]);
        out.text_element("T", nasty);
        out.end("R");
        let root = parse_str(&out.finish()).unwrap();
        assert_eq!(root.attr("v"), Some(nasty));
        assert_eq!(root.child_text("T"), nasty);
    }

    #[test]
    fn strings_returned_as_they_are_need_no_escaping() {
        for s in [
            "",
            "plain",
            "é \u{FFFD} \u{E000} \u{1F54A} '",
            "a\u{FFFE}",
            "\t",
            "x\"",
            "\u{7F}",
        ] {
            for attr in [false, true] {
                assert_eq!(escape(s, attr), escape_chars(s, attr), "{s:?}");
            }
        }
        assert!(matches!(
            escape("2026-11-20T09:00:00Z", true),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn characters_xml_cannot_hold_are_dropped() {
        let mut out = XmlOut::new();
        out.start("R", &[("v", Some("a\u{1}b\u{FFFF}"))]);
        out.text_element("T", "c\u{0}d\u{B}e \u{1F54A}");
        out.end("R");
        let root = parse_str(&out.finish()).unwrap();
        assert_eq!(root.attr("v"), Some("ab"));
        assert_eq!(root.child_text("T"), "cde \u{1F54A}");
    }

    #[test]
    fn dtd_and_entities_are_refused() {
        let doc = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"b\">]><r>&a;</r>";
        assert!(matches!(parse_str(doc), Err(ImportError::Dtd { .. })));
        let undeclared = parse_str("<r>&a;</r>").unwrap_err().to_string();
        assert!(undeclared.contains("undeclared entity &a;"), "{undeclared}");
    }

    #[test]
    fn malformed_xml_names_the_problem() {
        let err = parse_str("<r><a></r>").unwrap_err();
        assert!(matches!(err, ImportError::Malformed { .. }), "{err}");
        let err = parse_str("<r>").unwrap_err().to_string();
        assert!(err.contains("<r> is not closed"), "{err}");
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        let err = parse_str(&deep).unwrap_err().to_string();
        assert!(err.contains("nested more than"), "{err}");
    }

    #[test]
    fn prefixed_names_and_char_refs() {
        let root =
            parse_str("<q:R xmlns:q=\"u\" q:a=\"1\">x&#233;&amp;<![CDATA[<y>]]></q:R>").unwrap();
        assert_eq!(root.name, "R");
        assert_eq!(root.attr("a"), Some("1"));
        assert_eq!(root.text, "xé&<y>");
    }
}
