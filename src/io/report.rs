//! A readable coding report, in Markdown (for a repository, pandoc, a wiki)
//! and as one self-contained HTML page (inline CSS, no scripts, no external
//! resources: it opens offline, prints, and can be mailed as one file).
//!
//! Contents: a title naming the documents; the summary (documents,
//! passages, codes used, coders); a table of counts per code (passages, and
//! coded characters, overlapping passages counted once); then for each
//! dimension and code its colour (HTML), definition and rules, and every
//! passage holding it (quote, document, position `start–end`, coder,
//! memo, and its links); then the passages without codes; finally, when
//! there are links, "Claims and evidence": each passage that links point
//! to, with the passages linked to it grouped by relation; last, when a
//! revision left passages without their text, "Needs re-placing": their
//! quotes, codes and memos, with no position (they are in no count).
//!
//! All user text is escaped: the HTML can hold any memo safely (a strict
//! Content-Security-Policy forbids scripts besides), and Markdown
//! punctuation in quotes or memos stays literal text.

use super::csv_links::{LinkEnds, links_in_order};
use super::escape::{html as escape, md_block, md_cell, md_line};
use crate::model::{Code, Dimension, DocumentId, Orphan, Passage, Project};

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
    for (id, facts) in described(project) {
        out += &format!("\n`{}`: {}\n", id.replace('`', "'"), md_line(&facts));
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
                out += &md_passage(p, &r.link_notes(p));
            }
        }
    }
    out += &format!(
        "\n## Passages without codes\n\n{}\n",
        count_line(r.uncoded.len())
    );
    for p in &r.uncoded {
        out += &md_passage(p, &r.link_notes(p));
    }
    if !r.claims.is_empty() {
        out += &md_claims(&r.claims);
    }
    if !project.orphans.is_empty() {
        out += &format!(
            "\n## Needs re-placing\n\n{} {ORPHANS_NOTE}\n",
            count_line(project.orphans.len())
        );
        for o in &project.orphans {
            out += &md_orphan(project, o);
        }
    }
    out
}

/// What the "Needs re-placing" section says of its passages.
const ORPHANS_NOTE: &str = "Their text was changed or removed when their document was revised, so they have no position and are in none of the counts above; their codes and memos are kept. Open the project in briefmark to re-place them.";

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
    out += "</table>\n";
    for (id, facts) in described(project) {
        out += &format!("<p><code>{}</code>: {}</p>\n", escape(id), escape(&facts));
    }
    out += "<h2>Codes</h2>\n<table>\n<tr><th>Dimension</th><th>Code</th><th class=\"n\">Passages</th><th class=\"n\">Coded characters</th></tr>\n";
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
                out += &html_passage(p, &r.link_notes(p));
            }
        }
        out += "</section>\n";
    }
    let uncoded = count_line(r.uncoded.len());
    out +=
        &format!("<section>\n<h2>Passages without codes</h2>\n<p class=\"count\">{uncoded}</p>\n");
    for p in &r.uncoded {
        out += &html_passage(p, &r.link_notes(p));
    }
    out += "</section>\n";
    if !r.claims.is_empty() {
        out += &html_claims(&r.claims);
    }
    if !project.orphans.is_empty() {
        let n = count_line(project.orphans.len());
        out += &format!(
            "<section>\n<h2>Needs re-placing</h2>\n<p class=\"count\">{n} {ORPHANS_NOTE}</p>\n"
        );
        for o in &project.orphans {
            out += &html_orphan(project, o);
        }
        out += "</section>\n";
    }
    out += "</body>\n</html>\n";
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
    /// Links with both ends, in position order.
    links: Vec<LinkEnds<'a>>,
    /// Passages that links point to, in position order.
    claims: Vec<Claim<'a>>,
}

/// A passage at the `to` end of links, with the passages at their `from`
/// ends grouped by relation.
struct Claim<'a> {
    passage: &'a Passage,
    /// In the project's order of relation types.
    groups: Vec<Group<'a>>,
}

struct Group<'a> {
    /// The relation read from the claim's side, e.g. "supported by".
    label: String,
    /// Its links, in the position order of their `from` passages.
    links: Vec<LinkEnds<'a>>,
}

/// One link of a listed passage, read from that passage: it "supports"
/// the other end, or "is supported by" it.
struct LinkNote<'a> {
    /// The relation read from the listed passage: its name when that is
    /// the `from` end, else its inverse phrase.
    relation: String,
    other: &'a Passage,
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
        let links = links_in_order(project);
        Self {
            project,
            passages,
            codes,
            uncoded,
            claims: claims(project, &links),
            links,
        }
    }

    /// The links of `p`, in position order.
    fn link_notes(&self, p: &Passage) -> Vec<LinkNote<'a>> {
        (self.links.iter())
            .filter_map(|l| {
                let outgoing = l.from.id == p.id;
                (outgoing || l.to.id == p.id).then(|| LinkNote {
                    relation: if outgoing {
                        l.relation.to_owned()
                    } else {
                        inverse_of(self.project, l.link)
                    },
                    other: if outgoing { l.to } else { l.from },
                })
            })
            .collect()
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
    fn summary(&self) -> [(&'static str, String); 5] {
        let used = self.codes.iter().filter(|s| !s.passages.is_empty()).count();
        let coders = &self.project.coders;
        [
            ("Documents", self.project.documents.len().to_string()),
            ("Passages", self.passages.len().to_string()),
            ("Codes used", format!("{used} of {}", self.codes.len())),
            ("Links", self.links.len().to_string()),
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

/// The passages that links point to, in position order, each with its
/// links grouped by relation (in the project's order of relation types).
fn claims<'a>(project: &Project, links: &[LinkEnds<'a>]) -> Vec<Claim<'a>> {
    let mut targets: Vec<&Passage> = links.iter().map(|l| l.to).collect();
    targets.sort_by(|a, b| a.position_key().cmp(&b.position_key()));
    targets.dedup_by(|a, b| a.id == b.id);
    let rank = |l: &LinkEnds| {
        let index = project
            .relations
            .iter()
            .position(|r| r.id == l.link.relation);
        (index.unwrap_or(usize::MAX), l.link.relation.clone())
    };
    let claim = |passage: &'a Passage| {
        let mut mine: Vec<LinkEnds<'a>> = (links.iter().copied())
            .filter(|l| l.to.id == passage.id)
            .collect();
        // Stable: within a relation, links keep their `from` position order.
        mine.sort_by_key(|l| rank(l));
        let groups = mine
            .chunk_by(|a, b| a.link.relation == b.link.relation)
            .map(|same| Group {
                label: claim_label(&inverse_of(project, same[0].link)),
                links: same.to_vec(),
            })
            .collect();
        Claim { passage, groups }
    };
    targets.into_iter().map(claim).collect()
}

/// The heading over a claim's linked passages: the relation read from the
/// claim, without its leading "is" ("Supported by", "Has as pretext").
fn claim_label(inverse: &str) -> String {
    inverse.strip_prefix("is ").unwrap_or(inverse).to_owned()
}

/// The relation of `link` read from its `to` end (the model's one rule).
fn inverse_of(project: &Project, link: &crate::model::Link) -> String {
    project.relation(&link.relation).map_or_else(
        || crate::model::link::derived_inverse(&link.relation.0),
        crate::model::Relation::inverse_phrase,
    )
}

/// `label` with its first letter upper case, for a heading.
fn capitalized(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Characters covered by passages given in position order (document,
/// start, longest first): a character inside two passages counts once.
/// Documents with author, date, kind, source or memo, as one line each.
fn described(project: &Project) -> Vec<(&str, String)> {
    let line = |d: &crate::model::Document| {
        let i = d.info();
        let facts: Vec<&str> = [&i.author, &i.date, &i.kind, &i.source]
            .into_iter()
            .map(String::as_str)
            .filter(|f| !f.is_empty())
            .collect();
        let mut out = facts.join(", ");
        if !facts.is_empty() {
            out.push('.');
        }
        if !i.memo.is_empty() {
            out += &format!(" Memo: {}", i.memo.replace('\n', " "));
        }
        out.trim_start().to_owned()
    };
    (project.documents.iter())
        .filter(|d| !d.info().is_empty())
        .map(|d| (d.id().0.as_str(), line(d)))
        .collect()
}

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
    count_of(n, "passage")
}

/// "No things.", "1 thing:" or "n things:".
fn count_of(n: usize, thing: &str) -> String {
    match n {
        0 => format!("No {thing}s."),
        1 => format!("1 {thing}:"),
        n => format!("{n} {thing}s:"),
    }
}

/// A passage's position, `start–end` with an en dash.
fn range(p: &Passage) -> String {
    format!("{}–{}", p.start, p.end)
}

// ---- Markdown ----

/// User text as a Markdown block quote.
fn md_quoted(text: &str) -> String {
    let quoted: Vec<String> = md_block(text)
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_owned()
            } else {
                format!("> {l}")
            }
        })
        .collect();
    quoted.join("\n")
}

fn md_passage(p: &Passage, links: &[LinkNote]) -> String {
    let mut out = format!(
        "\n{}\n\n{}, {}",
        md_quoted(&p.quote),
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
    if !links.is_empty() {
        let notes: Vec<String> = links.iter().map(md_link_note).collect();
        out += &format!("\n*Links:* {}\n", notes.join("; "));
    }
    out
}

/// An orphan: its old quote, document, codes, coder and memo; no position.
fn md_orphan(project: &Project, o: &Orphan) -> String {
    let mut out = format!(
        "\n{}\n\n{}, no position; codes: {}",
        md_quoted(&o.quote),
        md_code(&o.document.0),
        md_line(&project.codebook.name_list(&o.codes))
    );
    if !o.coder.is_empty() {
        out += &format!(", {}", md_line(&o.coder));
    }
    out.push('\n');
    if !o.memo.is_empty() {
        out += &format!("\n*Memo:* {}\n", md_block(&o.memo));
    }
    out
}

/// "supports `doc`, 3–9", or, from the other end, "is supported by `doc`,
/// 3–9".
fn md_link_note(note: &LinkNote) -> String {
    let other = format!("{}, {}", md_code(&note.other.document.0), range(note.other));
    format!("{} {other}", md_line(&note.relation))
}

/// The "Claims and evidence" section.
fn md_claims(claims: &[Claim]) -> String {
    let mut out = format!(
        "\n## Claims and evidence\n\n{}\n",
        count_of(claims.len(), "claim")
    );
    for claim in claims {
        let p = claim.passage;
        out += &format!(
            "\n### Claim: {}, {}\n{}",
            md_code(&p.document.0),
            range(p),
            md_passage(p, &[])
        );
        for group in &claim.groups {
            out += &format!("\n**{}:**\n", md_line(&capitalized(&group.label)));
            for ends in &group.links {
                out += &md_passage(ends.from, &[]);
                if !ends.link.memo.is_empty() {
                    out += &format!("\n*Link memo:* {}\n", md_block(&ends.link.memo));
                }
            }
        }
    }
    out
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

fn html_orphan(project: &Project, o: &Orphan) -> String {
    let mut out = format!(
        "<figure class=\"passage\">\n<blockquote class=\"text\">{}</blockquote>\n<figcaption><code>{}</code>, no position; codes: {}",
        escape(&o.quote),
        escape(&o.document.0),
        escape(&project.codebook.name_list(&o.codes))
    );
    if !o.coder.is_empty() {
        out += &format!(", {}", escape(&o.coder));
    }
    out += "</figcaption>\n";
    if !o.memo.is_empty() {
        out += &format!(
            "<p class=\"memo text\"><em>Memo:</em> {}</p>\n",
            escape(&o.memo)
        );
    }
    out + "</figure>\n"
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

fn html_passage(p: &Passage, links: &[LinkNote]) -> String {
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
    if !links.is_empty() {
        let notes: Vec<String> = links.iter().map(html_link_note).collect();
        out += &format!(
            "<p class=\"links\"><em>Links:</em> {}</p>\n",
            notes.join("; ")
        );
    }
    out += "</figure>\n";
    out
}

/// As `md_link_note`, in HTML.
fn html_link_note(note: &LinkNote) -> String {
    let other = format!(
        "<code>{}</code>, {}",
        escape(&note.other.document.0),
        range(note.other)
    );
    format!("{} {other}", escape(&note.relation))
}

/// The "Claims and evidence" section.
fn html_claims(claims: &[Claim]) -> String {
    let count = count_of(claims.len(), "claim");
    let mut out =
        format!("<section>\n<h2>Claims and evidence</h2>\n<p class=\"count\">{count}</p>\n");
    for claim in claims {
        let p = claim.passage;
        out += &format!(
            "<h3>Claim: <code>{}</code>, {}</h3>\n{}",
            escape(&p.document.0),
            range(p),
            html_passage(p, &[])
        );
        for group in &claim.groups {
            out += &format!("<h4>{}</h4>\n", escape(&capitalized(&group.label)));
            for ends in &group.links {
                out += &html_passage(ends.from, &[]);
                if !ends.link.memo.is_empty() {
                    out += &format!(
                        "<p class=\"memo text\"><em>Link memo:</em> {}</p>\n",
                        escape(&ends.link.memo)
                    );
                }
            }
        }
    }
    out += "</section>\n";
    out
}

/// Kept short and print-friendly; `.text` keeps the line breaks of quotes,
/// memos and rules (`pre-wrap`) without a `<br>` in user text.
const CSS: &str = "\
body { font-family: Charis SIL, Georgia, serif; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }
h1, h2, h3, h4, table, dl, figcaption, .count, .links { font-family: system-ui, sans-serif; }
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
.memo, .links { margin: 0.3em 0 0 1em; }
.links { font-size: 0.9em; color: #555; }
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
    fn claims_are_headed_by_the_relation_read_from_the_claim() {
        let labels: Vec<String> = (crate::model::default_relations().iter())
            .map(|r| capitalized(&claim_label(&r.inverse_phrase())))
            .collect();
        assert_eq!(
            labels,
            [
                "Supported by",
                "Contradicted by",
                "Explained by",
                "Has as pretext"
            ]
        );
        assert_eq!(capitalized("échoed by"), "Échoed by");
    }

    #[test]
    fn markdown_cells_and_blocks_keep_line_breaks() {
        assert_eq!(md_cell("one|two\nthree"), "one\\|two<br>three");
        assert_eq!(md_block("a\nb\n\nc"), "a\\\nb\n\nc");
    }
}
