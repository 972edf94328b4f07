//! Escaping user text for Markdown and HTML output: the report, the
//! students' feedback. Text stays literal whatever it contains. Also the
//! fast test of whether text needs escaping at all (CSV, XML).

/// Characters with a meaning anywhere in a Markdown line, escaped with a
/// backslash (CommonMark lets any ASCII punctuation be escaped so).
const MD_ANYWHERE: &str = "\\`*_[]<|~";
/// Characters that start a heading, quote, list or underline only at the
/// start of a line.
const MD_LINE_START: &str = "#>-+=";

/// One line of user text as literal Markdown: specials escaped, block
/// markers at its start neutralised, outer whitespace trimmed (leading
/// spaces would make an indented code block, trailing ones a hard break).
pub fn md_line(line: &str) -> String {
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    // `1.` and `1)` start an ordered list.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (i, (at, c)) in line.char_indices().enumerate() {
        let escaped = MD_ANYWHERE.contains(c)
            || (i == 0 && MD_LINE_START.contains(c))
            || (i == digits && digits > 0 && matches!(c, '.' | ')'))
            || (c == '&' && is_entity(&line[at + 1..]));
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether text after a `&` would make an entity (`&amp;`, `&#39;`), which
/// Markdown would decode; a lone `&` (`Trade & energy`) stays as it is.
fn is_entity(after: &str) -> bool {
    let name = after.strip_prefix('#').unwrap_or(after);
    let len = name.chars().take_while(char::is_ascii_alphanumeric).count();
    len > 0 && name[len..].starts_with(';')
}

/// Multi-line user text as one Markdown paragraph per paragraph: lines of
/// a paragraph end with a hard break (`\`), blank lines stay paragraph breaks.
pub fn md_block(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(md_line).collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out += line;
        if let Some(next) = lines.get(i + 1) {
            if !line.is_empty() && !next.is_empty() {
                out.push('\\');
            }
            out.push('\n');
        }
    }
    out
}

/// User text in a table cell: a `|` would end the cell and a line break
/// the row, so `|` is escaped (by [`md_line`]) and lines join with `<br>`.
pub fn md_cell(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(md_line).collect();
    lines.join("<br>")
}

/// A quote as a Markdown block quote, line breaks kept.
pub fn md_quote(text: &str) -> String {
    let lines: Vec<String> = (text.lines())
        .map(|l| match md_line(l) {
            l if l.is_empty() => ">".to_owned(),
            l => format!("> {l}"),
        })
        .collect();
    if lines.is_empty() {
        ">".to_owned()
    } else {
        lines.join("\n")
    }
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out += "&amp;",
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '"' => out += "&quot;",
            '\'' => out += "&#39;",
            c => out.push(c),
        }
    }
    out
}

/// Whether any byte of `bytes` is `special`. Large exports ask this of
/// every field, and most have no such byte: chunks are tested without an
/// early exit inside one, which the compiler vectorises.
pub(crate) fn any_byte(bytes: &[u8], special: impl Fn(u8) -> bool) -> bool {
    (bytes.chunks(32)).any(|chunk| chunk.iter().fold(false, |any, &b| any | special(b)))
}
