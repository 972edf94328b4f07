//! A readable coding report, in Markdown (for a repository, pandoc, a wiki)
//! and as one self-contained HTML page (inline CSS, no scripts, no external
//! resources: it opens offline, prints, and can be mailed as one file).
//!
//! Contents: a title naming the documents; the summary (documents,
//! passages, codes used, coders); a table of counts per code (passages, and
//! coded characters, overlapping passages counted once); then for each
//! dimension and code its colour (HTML), definition and rules, and every
//! passage holding it (quote, document, position `start–end`, coder,
//! memo); finally the passages without codes.
//!
//! All user text is escaped: the HTML can hold any memo safely (a strict
//! Content-Security-Policy forbids scripts besides), and Markdown
//! punctuation in quotes or memos stays literal text.

use crate::model::{Code, Dimension, DocumentId, Passage, Project};

/// The report as Markdown (CommonMark with GitHub tables).
pub fn markdown(project: &Project) -> String {
    let r = Report::new(project);
    let mut out = format!("# {}\n\n", md_line(&r.title()));
    for (label, value) in r.summary() {
        out += &format!("- {label}: {}\n", md_line(&value));
    }
    out += "\n## Documents\n\n| Document | Title | Characters | Passages |\n|---|---|--:|--:|\n";
    for d in &project.documents {
        let n = r.passages.iter().filter(|p| &p.document == d.id()).count();
        let row = [md_cell(&d.id().0), md_cell(d.title())];
        out += &format!("| {} | {} | {} | {n} |\n", row[0], row[1], d.char_len());
    }
    out += "\n## Codes\n\n| Dimension | Code | Passages | Coded characters |\n|---|---|--:|--:|\n";
    for s in &r.codes {
        let (dim, code) = (md_cell(&s.dimension.name), md_cell(&s.code.name));
        let (n, chars) = (s.passages.len(), s.chars);
        out += &format!("| {dim} | {code} | {n} | {chars} |\n");
    }
    for dim in &project.codebook.dimensions {
        out += &format!("\n## {}\n", md_line(&dim.name));
        if !dim.description.is_empty() {
            out += &format!("\n{}\n", md_block(&dim.description));
        }
        for s in r.codes.iter().filter(|s| s.dimension.id == dim.id) {
            out += &format!(
                "\n### {} ({})\n",
                md_line(&s.code.name),
                md_code(&s.code.id.0)
            );
            for (label, text) in rules(s.code) {
                out += &format!("\n**{label}.** {}\n", md_block(text));
            }
            out += &format!("\n{}\n", count_line(s.passages.len()));
            for p in &s.passages {
                out += &md_passage(p);
            }
        }
    }
    out += &format!(
        "\n## Passages without codes\n\n{}\n",
        count_line(r.uncoded.len())
    );
    for p in &r.uncoded {
        out += &md_passage(p);
    }
    out
}

/// The report as one self-contained HTML page.
pub fn html(project: &Project) -> String {
    let r = Report::new(project);
    let title = escape(&r.title());
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<h1>{title}</h1>\n<dl class=\"summary\">\n"
    );
    for (label, value) in r.summary() {
        out += &format!("<dt>{label}</dt><dd>{}</dd>\n", escape(&value));
    }
    out += "</dl>\n<h2>Documents</h2>\n<table>\n<tr><th>Document</th><th>Title</th><th class=\"n\">Characters</th><th class=\"n\">Passages</th></tr>\n";
    for d in &project.documents {
        let n = r.passages.iter().filter(|p| &p.document == d.id()).count();
        let (id, t, len) = (escape(&d.id().0), escape(d.title()), d.char_len());
        out += &format!(
            "<tr><td><code>{id}</code></td><td>{t}</td><td class=\"n\">{len}</td><td class=\"n\">{n}</td></tr>\n"
        );
    }
    out += "</table>\n<h2>Codes</h2>\n<table>\n<tr><th>Dimension</th><th>Code</th><th class=\"n\">Passages</th><th class=\"n\">Coded characters</th></tr>\n";
    for s in &r.codes {
        let (dim, code) = (escape(&s.dimension.name), html_code_name(s.code));
        let (n, chars) = (s.passages.len(), s.chars);
        out += &format!(
            "<tr><td>{dim}</td><td>{code}</td><td class=\"n\">{n}</td><td class=\"n\">{chars}</td></tr>\n"
        );
    }
    out += "</table>\n";
    for dim in &project.codebook.dimensions {
        out += &format!("<section>\n<h2>{}</h2>\n", escape(&dim.name));
        if !dim.description.is_empty() {
            out += &format!("<p class=\"text\">{}</p>\n", escape(&dim.description));
        }
        for s in r.codes.iter().filter(|s| s.dimension.id == dim.id) {
            let id = escape(&s.code.id.0);
            out += &format!("<h3>{} <code>{id}</code></h3>\n", html_code_name(s.code));
            let rules = rules(s.code);
            if !rules.is_empty() {
                out += "<dl class=\"rules\">\n";
                for (label, text) in rules {
                    out += &format!("<dt>{label}</dt><dd class=\"text\">{}</dd>\n", escape(text));
                }
                out += "</dl>\n";
            }
            out += &format!("<p class=\"count\">{}</p>\n", count_line(s.passages.len()));
            for p in &s.passages {
                out += &html_passage(p);
            }
        }
        out += "</section>\n";
    }
    let uncoded = count_line(r.uncoded.len());
    out +=
        &format!("<section>\n<h2>Passages without codes</h2>\n<p class=\"count\">{uncoded}</p>\n");
    for p in &r.uncoded {
        out += &html_passage(p);
    }
    out += "</section>\n</body>\n</html>\n";
    out
}

/// What both renderings show, computed once.
struct Report<'a> {
    project: &'a Project,
    /// All passages in position order.
    passages: Vec<&'a Passage>,
    /// Every code of the codebook, in codebook order.
    codes: Vec<CodeStats<'a>>,
    uncoded: Vec<&'a Passage>,
}

struct CodeStats<'a> {
    dimension: &'a Dimension,
    code: &'a Code,
    /// Passages holding the code, in position order.
    passages: Vec<&'a Passage>,
    /// Characters covered by those passages, overlaps counted once.
    chars: usize,
}

impl<'a> Report<'a> {
    fn new(project: &'a Project) -> Self {
        let passages = project.passages_in_order();
        let codes = project
            .codebook
            .codes()
            .map(|(dimension, code)| {
                let with: Vec<&Passage> = (passages.iter().copied())
                    .filter(|p| p.has_code(&code.id))
                    .collect();
                CodeStats {
                    dimension,
                    code,
                    chars: covered_chars(&with),
                    passages: with,
                }
            })
            .collect();
        let uncoded = (passages.iter().copied())
            .filter(|p| p.codes.is_empty())
            .collect();
        Self {
            project,
            passages,
            codes,
            uncoded,
        }
    }

    fn title(&self) -> String {
        let titles: Vec<&str> = self.project.documents.iter().map(|d| d.title()).collect();
        if titles.is_empty() {
            "Coding report".to_owned()
        } else {
            format!("Coding report: {}", titles.join("; "))
        }
    }

    /// Label and value pairs; labels are ours, values are user text.
    fn summary(&self) -> [(&'static str, String); 4] {
        let used = self.codes.iter().filter(|s| !s.passages.is_empty()).count();
        let coders = &self.project.coders;
        [
            ("Documents", self.project.documents.len().to_string()),
            ("Passages", self.passages.len().to_string()),
            ("Codes used", format!("{used} of {}", self.codes.len())),
            (
                "Coders",
                if coders.is_empty() {
                    "none".to_owned()
                } else {
                    coders.join(", ")
                },
            ),
        ]
    }
}

/// Characters covered by passages given in position order (document,
/// start, longest first): a character inside two passages counts once.
fn covered_chars(passages: &[&Passage]) -> usize {
    let mut total = 0;
    let mut reach: Option<(&DocumentId, usize)> = None;
    for p in passages {
        let covered_to = match reach {
            Some((doc, end)) if doc == &p.document => end,
            _ => 0,
        };
        total += p.end.saturating_sub(p.start.max(covered_to));
        reach = Some((&p.document, covered_to.max(p.end)));
    }
    total
}

/// The code's non-empty rules, labelled.
fn rules(code: &Code) -> Vec<(&'static str, &str)> {
    [
        ("Definition", &code.definition),
        ("When to use", &code.when_to_use),
        ("When not to use", &code.when_not_to_use),
        ("Example", &code.example),
    ]
    .into_iter()
    .filter(|(_, text)| !text.is_empty())
    .map(|(label, text)| (label, text.as_str()))
    .collect()
}

fn count_line(n: usize) -> String {
    match n {
        0 => "No passages.".to_owned(),
        1 => "1 passage:".to_owned(),
        n => format!("{n} passages:"),
    }
}

/// A passage's position, `start–end` with an en dash.
fn range(p: &Passage) -> String {
    format!("{}–{}", p.start, p.end)
}

// ---- Markdown ----

fn md_passage(p: &Passage) -> String {
    let quoted: Vec<String> = md_block(&p.quote)
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_owned()
            } else {
                format!("> {l}")
            }
        })
        .collect();
    let mut out = format!(
        "\n{}\n\n{}, {}",
        quoted.join("\n"),
        md_code(&p.document.0),
        range(p)
    );
    if !p.coder.is_empty() {
        out += &format!(", {}", md_line(&p.coder));
    }
    out.push('\n');
    if !p.memo.is_empty() {
        out += &format!("\n*Memo:* {}\n", md_block(&p.memo));
    }
    out
}

/// Characters with a meaning anywhere in a Markdown line, escaped with a
/// backslash (CommonMark lets any ASCII punctuation be escaped so).
const MD_ANYWHERE: &str = "\\`*_[]<|~";
/// Characters that start a heading, quote, list or underline only at the
/// start of a line.
const MD_LINE_START: &str = "#>-+=";

/// One line of user text as literal Markdown: specials escaped, block
/// markers at its start neutralised, outer whitespace trimmed (leading
/// spaces would make an indented code block, trailing ones a hard break).
fn md_line(line: &str) -> String {
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
fn md_block(text: &str) -> String {
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
fn md_cell(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(md_line).collect();
    lines.join("<br>")
}

/// An id as inline code; a backtick inside would end it, so such ids
/// fall back to escaped text.
fn md_code(id: &str) -> String {
    if id.contains('`') || id.contains('\n') {
        md_line(id)
    } else {
        format!("`{id}`")
    }
}

// ---- HTML ----

/// Escapes text for HTML element content and quoted attribute values.
fn escape(text: &str) -> String {
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

/// A code's name after its colour swatch. The colour is `#rrggbb` we
/// format ourselves, never user text.
fn html_code_name(code: &Code) -> String {
    let color = String::from(code.color);
    format!(
        "<span class=\"swatch\" style=\"background:{color}\" title=\"{color}\"></span>{}",
        escape(&code.name)
    )
}

fn html_passage(p: &Passage) -> String {
    let mut out = format!(
        "<figure class=\"passage\">\n<blockquote class=\"text\">{}</blockquote>\n<figcaption><code>{}</code>, {}",
        escape(&p.quote),
        escape(&p.document.0),
        range(p)
    );
    if !p.coder.is_empty() {
        out += &format!(", {}", escape(&p.coder));
    }
    out += "</figcaption>\n";
    if !p.memo.is_empty() {
        out += &format!(
            "<p class=\"memo text\"><em>Memo:</em> {}</p>\n",
            escape(&p.memo)
        );
    }
    out += "</figure>\n";
    out
}

/// Kept short and print-friendly; `.text` keeps the line breaks of quotes,
/// memos and rules (`pre-wrap`) without a `<br>` in user text.
const CSS: &str = "\
body { font-family: Charis SIL, Georgia, serif; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }
h1, h2, h3, table, dl, figcaption, .count { font-family: system-ui, sans-serif; }
h1 { font-size: 1.6em; }
h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
.n { text-align: right; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; }
dl.summary dd, dl.rules dd { margin: 0; }
dl.rules dt { font-weight: bold; margin-top: 0.5em; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 0.2em; margin-right: 0.4em; vertical-align: -0.1em; border: 1px solid #0003; }
.text { white-space: pre-wrap; }
figure.passage { margin: 1em 0; }
blockquote { margin: 0; padding: 0.2em 1em; border-left: 4px solid #ccc; }
figcaption { font-size: 0.9em; color: #555; }
.memo { margin: 0.3em 0 0 1em; }
.count { color: #555; }
code { font-size: 0.9em; }
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_the_five_html_specials() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("Trade & energy"), "Trade &amp; energy");
        assert_eq!(escape("\"a\" 'b'"), "&quot;a&quot; &#39;b&#39;");
        assert_eq!(escape("détente “—” 🚀"), "détente “—” 🚀");
    }

    #[test]
    fn markdown_lines_stay_literal() {
        assert_eq!(md_line("a | b"), "a \\| b");
        assert_eq!(md_line("- item"), "\\- item");
        assert_eq!(md_line("12. May"), "12\\. May");
        assert_eq!(md_line("in 2024. Then"), "in 2024. Then");
        assert_eq!(md_line("# <b>*x*</b>"), "\\# \\<b>\\*x\\*\\</b>");
        assert_eq!(md_line("> not a quote, a > b"), "\\> not a quote, a > b");
        assert_eq!(
            md_line("Trade & energy &amp; &#39;"),
            "Trade & energy \\&amp; \\&#39;"
        );
        assert_eq!(md_line("  indented  "), "indented");
    }

    #[test]
    fn markdown_cells_and_blocks_keep_line_breaks() {
        assert_eq!(md_cell("one|two\nthree"), "one\\|two<br>three");
        assert_eq!(md_block("a\nb\n\nc"), "a\\\nb\n\nc");
    }
}
