//! From a PDF's positioned lines to paragraphs, without the page furniture
//! (pure functions over [`Page`]s, so each rule is tested on its own):
//!
//! - **running heads and page numbers**: of the two top-most lines in the
//!   top 12% of a page and the two bottom-most in the bottom 12%, a line
//!   that is a page number (`7`, `Page 7 of 9`, `- vii -`) is dropped, and
//!   so is one whose text (digits aside) recurs there on at least half of
//!   the pages and at least two;
//! - **paragraphs**: a new one starts where the font size changes, where
//!   the gap to the next line is well above the usual line spacing, or
//!   where a line ending a sentence fills under three quarters of the
//!   column or the next is indented; a page or column break ends a
//!   paragraph only where a sentence ends and the next line does not start
//!   in lower case (the `.txt` rule);
//! - **lines of a paragraph** are joined with a space, except after a
//!   hyphen right after a letter or digit: before a lower-case letter the
//!   hyphen goes ("geo-" / "political" → "geopolitical"), otherwise it
//!   stays and the lines join without a space ("Russian-" / "Azerbaijani");
//!   a soft hyphen at a line end always joins;
//! - **headings**: paragraphs of up to 200 characters set in a font over
//!   15% larger than the body's; the first paragraph is the title when it
//!   is in the largest size.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::model::BlockKind;

/// Share of the page height, at the top and at the bottom, searched for
/// running heads and page numbers.
const ZONE: f64 = 0.12;
/// Lines looked at in each zone.
const ZONE_LINES: usize = 2;
/// Characters at the end of a line that end a sentence (as in `.txt`).
const SENTENCE_END: &str = ".!?:\"”’)]";

/// A line of text as drawn: `y` grows down from the top of the page, `x`
/// and `end` are where it starts and ends, `size` its font size.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Line {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub end: f64,
    pub size: f64,
}

/// A page's lines in the order they were drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Page {
    pub height: f64,
    pub lines: Vec<Line>,
}

/// A rebuilt paragraph.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Paragraph {
    pub kind: BlockKind,
    pub text: String,
}

/// Drops running heads, footers and page numbers; returns how many lines.
pub(super) fn remove_furniture(pages: &mut [Page]) -> usize {
    let zones: Vec<BTreeSet<usize>> = pages.iter().map(zone_lines).collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (page, zone) in pages.iter().zip(&zones) {
        let keys: HashSet<String> = zone.iter().map(|&i| key(&page.lines[i].text)).collect();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    let needed = pages.len().div_ceil(2).max(2);
    let mut dropped = 0;
    for (page, zone) in pages.iter_mut().zip(zones) {
        let furniture = |i: &usize| {
            let text = &page.lines[*i].text;
            is_page_number(text) || counts.get(&key(text)).is_some_and(|&n| n >= needed)
        };
        let drop: HashSet<usize> = zone.iter().copied().filter(furniture).collect();
        dropped += drop.len();
        let mut index = 0;
        page.lines.retain(|_| {
            index += 1;
            !drop.contains(&(index - 1))
        });
    }
    dropped
}

/// The top-most and bottom-most lines of a page that lie in its zones.
fn zone_lines(page: &Page) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..page.lines.len()).collect();
    order.sort_by(|&a, &b| page.lines[a].y.total_cmp(&page.lines[b].y));
    let y = |i: &&usize| page.lines[**i].y;
    let top = (order.iter().take(ZONE_LINES)).filter(|i| y(i) <= page.height * ZONE);
    let bottom =
        (order.iter().rev().take(ZONE_LINES)).filter(|i| y(i) >= page.height * (1.0 - ZONE));
    top.chain(bottom).copied().collect()
}

/// A line's text with digits and case aside, so "Page 1" matches "Page 2".
fn key(text: &str) -> String {
    let words = text.split_whitespace().map(|w| {
        w.chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .flat_map(char::to_lowercase)
            .collect::<String>()
    });
    words.collect::<Vec<_>>().join(" ")
}

/// `7`, `- 7 -`, `Page 7`, `7 of 9`, `7/9`, `vii`.
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let decoration = |c: char| c.is_whitespace() || "-–—|[]()".contains(c);
    let bare = lower.trim_matches(decoration);
    let bare = bare.strip_prefix("page").unwrap_or(bare);
    let parts: Vec<&str> = (bare.split(|c: char| c == '/' || c.is_whitespace()))
        .filter(|p| !p.is_empty() && *p != "of")
        .collect();
    let number = |p: &&str| {
        p.chars().all(|c| c.is_ascii_digit())
            || (p.len() <= 6 && p.chars().all(|c| "ivxlcdm".contains(c)))
    };
    (1..=2).contains(&parts.len()) && parts.iter().all(number)
}

/// A paragraph being gathered: its lines and font size.
struct Draft {
    lines: Vec<String>,
    size: f64,
}

/// The pages' lines as paragraphs, in reading order.
pub(super) fn paragraphs(pages: &[Page]) -> Vec<Paragraph> {
    let spacing = line_spacing(pages);
    let mut drafts: Vec<Draft> = Vec::new();
    for page in pages {
        let left = page.lines.iter().map(|l| l.x).fold(f64::MAX, f64::min);
        let right = page.lines.iter().map(|l| l.end).fold(f64::MIN, f64::max);
        let column = Column {
            left,
            right,
            spacing,
        };
        let mut previous: Option<&Line> = None;
        for line in &page.lines {
            let new = match (previous, drafts.last()) {
                (_, None) => true,
                (None, Some(draft)) => !continues(draft, line),
                (Some(prev), Some(draft)) => {
                    column.breaks(prev, line) && !joins_column(prev, line, draft)
                }
            };
            match drafts.last_mut().filter(|_| !new) {
                Some(draft) => draft.lines.push(line.text.clone()),
                None => drafts.push(Draft {
                    lines: vec![line.text.clone()],
                    size: line.size,
                }),
            }
            previous = Some(line);
        }
    }
    classify(drafts, body_size(pages))
}

/// The usual distance between the baselines of two lines of a paragraph:
/// the lower quartile over neighbouring lines of one size (paragraph gaps
/// are the larger ones).
fn line_spacing(pages: &[Page]) -> f64 {
    let mut gaps: Vec<f64> = pages
        .iter()
        .flat_map(|p| p.lines.windows(2))
        .filter(|w| same_size(&w[0], &w[1]))
        .map(|w| (w[1].y - w[0].y, w[1].size))
        .filter(|&(dy, size)| dy > 0.0 && dy < 3.0 * size)
        .map(|(dy, _)| dy)
        .collect();
    gaps.sort_by(f64::total_cmp);
    gaps.get(gaps.len() / 4).copied().unwrap_or(14.0)
}

fn same_size(a: &Line, b: &Line) -> bool {
    (a.size - b.size).abs() <= 0.15 * a.size.max(b.size)
}

/// Where a page's text runs, and its usual line spacing.
struct Column {
    left: f64,
    right: f64,
    spacing: f64,
}

impl Column {
    /// Whether a new paragraph starts at `b`, the line after `a`.
    fn breaks(&self, a: &Line, b: &Line) -> bool {
        if !same_size(a, b) {
            return true;
        }
        let dy = b.y - a.y;
        if dy <= 0.5 * b.size {
            // Back up the page: a new column, which a sentence may run across.
            return true;
        }
        // Larger type has larger spacing than the body's.
        let usual = self.spacing.max(1.15 * b.size);
        // A line ending a sentence ends its paragraph when it fills less
        // than three quarters of the column (ragged lines fall short by
        // a word, not a quarter) or when the next line is indented.
        let short = a.end < self.right - 0.25 * (self.right - self.left);
        let indented = b.x > a.x + b.size;
        dy > 1.3 * usual || (ends_sentence(&a.text) && (short || indented))
    }
}

/// Whether `b`, starting a new column after `a`, goes on with its sentence.
fn joins_column(a: &Line, b: &Line, draft: &Draft) -> bool {
    b.y - a.y <= 0.5 * b.size && same_size(a, b) && continues(draft, b)
}

/// Whether the paragraph `draft` goes on at `line` across a page or column
/// break: it does not end a sentence, or the line starts in lower case.
fn continues(draft: &Draft, line: &Line) -> bool {
    let last = draft.lines.last().map_or("", String::as_str);
    let lower = line
        .text
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    (draft.size - line.size).abs() <= 0.15 * draft.size.max(line.size)
        && (!ends_sentence(last) || lower)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_some_and(|c| SENTENCE_END.contains(c))
}

/// The font size most of the text is set in.
fn body_size(pages: &[Page]) -> f64 {
    let mut chars: HashMap<i64, usize> = HashMap::new();
    for line in pages.iter().flat_map(|p| &p.lines) {
        // Half-point buckets: sizes differ in the last digits.
        *chars.entry((line.size * 2.0).round() as i64).or_default() += line.text.chars().count();
    }
    let most = chars.into_iter().max_by_key(|&(size, n)| (n, size));
    most.map_or(0.0, |(size, _)| size as f64 / 2.0)
}

fn classify(drafts: Vec<Draft>, body: f64) -> Vec<Paragraph> {
    let largest = drafts.iter().map(|d| d.size).fold(body, f64::max);
    let drafts = drafts.into_iter().enumerate();
    let paragraphs = drafts.map(|(i, draft)| {
        let text = join_lines(&draft.lines);
        let big = draft.size > 1.15 * body && text.chars().count() <= 200;
        let kind = match (i, big) {
            (0, true) if draft.size >= 0.99 * largest => BlockKind::Title,
            (_, true) => BlockKind::Heading,
            _ => BlockKind::Paragraph,
        };
        Paragraph { kind, text }
    });
    paragraphs.collect()
}

/// Joins a paragraph's lines: with a space, or without one where a word
/// runs on across the line end.
pub(super) fn join_lines(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        match line_end(&out, line) {
            LineEnd::Hyphenated(at) => out.truncate(at),
            LineEnd::Compound => {}
            LineEnd::Space if !out.is_empty() => out.push(' '),
            LineEnd::Space => {}
        }
        out.push_str(line);
    }
    out
}

/// How a line ending meets the next line.
enum LineEnd {
    /// A word broken by hyphenation; the hyphen starts at this byte.
    Hyphenated(usize),
    /// A compound broken at its own hyphen ("Russian-" / "Azerbaijani",
    /// "2022-" / "2024"): joined, hyphen kept.
    Compound,
    Space,
}

/// A hyphen right after a letter or digit carries the word on to the next
/// line (a dash would follow a space); before a lower-case letter it is
/// hyphenation, which the text did not have. A soft hyphen always is.
fn line_end(text: &str, next: &str) -> LineEnd {
    let mut back = text.char_indices().rev();
    let Some((at, hyphen)) = back.next() else {
        return LineEnd::Space;
    };
    let before = back.next().map(|(_, c)| c);
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    match (hyphen, before) {
        ('\u{ad}', _) => LineEnd::Hyphenated(at),
        ('-' | '\u{2010}', Some(c)) if c.is_alphabetic() && next_lower => LineEnd::Hyphenated(at),
        ('-' | '\u{2010}', Some(c)) if c.is_alphanumeric() => LineEnd::Compound,
        _ => LineEnd::Space,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f64, size: f64) -> Line {
        Line {
            text: text.into(),
            x: 72.0,
            y,
            end: 500.0,
            size,
        }
    }

    fn page(lines: Vec<Line>) -> Page {
        Page {
            height: 800.0,
            lines,
        }
    }

    #[test]
    fn hyphens_join_only_broken_words() {
        let j = |a: &str, b: &str| join_lines(&[a.into(), b.into()]);
        assert_eq!(
            j("the geo-", "political balance"),
            "the geopolitical balance"
        );
        assert_eq!(j("Russian-", "Azerbaijani"), "Russian-Azerbaijani");
        assert_eq!(j("in 2022-", "2024"), "in 2022-2024");
        assert_eq!(j("a —", "b"), "a — b");
        assert_eq!(j("a -", "b"), "a - b");
        assert_eq!(j("dé\u{ad}", "Tente"), "déTente");
        assert_eq!(j(" a ", "  "), "a");
    }

    #[test]
    fn page_numbers() {
        for yes in ["7", "- 7 -", "Page 7", "page 7 of 9", "7/9", "vii", "[12]"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["2024 budget", "Page seven", "The end", "", "7 8 9"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn running_heads_and_numbers_go_body_lines_stay() {
        let mut pages = vec![
            page(vec![
                line("Brief — Nov 2025", 40.0, 9.0),
                line("Body one", 100.0, 10.0),
                line("1", 780.0, 9.0),
            ]),
            page(vec![
                line("Body two", 100.0, 10.0),
                line("Brief — Nov 2025", 40.0, 9.0),
                line("Page 2", 780.0, 9.0),
            ]),
        ];
        assert_eq!(remove_furniture(&mut pages), 4);
        assert_eq!(pages[0].lines, [line("Body one", 100.0, 10.0)]);
        assert_eq!(pages[1].lines, [line("Body two", 100.0, 10.0)]);
        let mut one = vec![page(vec![line("Alone at the top", 40.0, 9.0)])];
        assert_eq!(
            remove_furniture(&mut one),
            0,
            "one page shows no repetition"
        );
    }

    #[test]
    fn paragraphs_from_gaps_sizes_and_page_breaks() {
        let pages = vec![
            page(vec![
                line("A Title", 60.0, 18.0),
                line("First para line one", 100.0, 10.0),
                line("goes on.", 112.0, 10.0),
                line("Second para", 130.0, 10.0),
                line("ends mid", 142.0, 10.0),
            ]),
            page(vec![
                line("sentence. Done.", 60.0, 10.0),
                line("Next.", 78.0, 10.0),
            ]),
        ];
        let paras = paragraphs(&pages);
        let got: Vec<_> = paras.iter().map(|p| (p.kind, p.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (BlockKind::Title, "A Title"),
                (BlockKind::Paragraph, "First para line one goes on."),
                (BlockKind::Paragraph, "Second para ends mid sentence. Done."),
                (BlockKind::Paragraph, "Next."),
            ]
        );
    }
}
