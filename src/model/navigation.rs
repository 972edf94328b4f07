//! Moving through a document without the mouse: by sentence, by paragraph,
//! from passage to passage, and to the next paragraph nobody has coded.
//!
//! Pure functions over a [`Document`]; offsets are code points. Sentences
//! are found per block and only for the blocks a move passes over, so a
//! move costs a paragraph or two, not the whole text.

use std::ops::Range;

use super::document::{BlockKind, Document, DocumentId};
use super::index::DocumentIndex;
use super::project::Project;

/// A stretch of text the keyboard moves by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Sentence,
    /// A block: a paragraph, heading, title or byline.
    Paragraph,
}

/// What a navigation key asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jump {
    /// Select the next (or previous) unit; with `extend`, grow the
    /// selection by it instead.
    Unit {
        unit: Unit,
        forward: bool,
        extend: bool,
    },
    /// Select the next (or previous) passage.
    Passage { forward: bool },
    /// Select the next paragraph that no passage touches.
    Uncoded,
}

/// Where a passage step starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A selected passage: its index in `Project::passages`.
    Passage(usize),
    /// A place in the text (a selection's start, the top of the view).
    Offset(usize),
}

/// Words that end in a full stop without ending the sentence (compared
/// without case). Initials ("J.") and dotted forms ("U.S.", "e.g.") are
/// recognised by shape, so they need no entry.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "gen", "col", "lt", "capt", "sgt", "gov", "sen",
    "rep", "pres", "rev", "hon", "jr", "sr", "vs", "cf", "approx", "ca", "no", "nos", "vol", "fig",
    "pp", "art", "sec", "ch", "inc", "ltd", "co", "corp", "dept", "est", "govt",
];

/// The sentences of one paragraph's text, as code-point ranges into it
/// without surrounding spaces. A sentence ends at `.`, `!`, `?` or `…`
/// (with any closing quotes or brackets after it) followed by a space or
/// the end of the text, unless the next word starts in lower case or the
/// full stop ends an abbreviation, an initial or a dotted form like "U.S.".
/// Decimals ("3.5") never end one: no space follows their point.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        if start.is_none() && !chars[i].is_whitespace() {
            start = Some(i);
        }
        if let Some(s) = start
            && is_terminator(chars[i])
        {
            let end = end_of_run(&chars, i);
            if ends_sentence(&chars, i, end) {
                out.push(s..end);
                start = None;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    if let Some(s) = start {
        let end = chars
            .iter()
            .rposition(|c| !c.is_whitespace())
            .map_or(s, |e| e + 1);
        out.push(s..end);
    }
    out
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[')
}

/// Past a run of terminators and closing quotes starting at `i`.
fn end_of_run(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() && (is_terminator(chars[j]) || is_closer(chars[j])) {
        j += 1;
    }
    j
}

/// Whether the terminator at `i`, whose run ends at `end`, ends a sentence.
fn ends_sentence(chars: &[char], i: usize, end: usize) -> bool {
    if chars.get(end).is_some_and(|c| !c.is_whitespace()) {
        return false;
    }
    let next_word = chars[end..].iter().find(|c| !c.is_whitespace());
    if next_word.is_some_and(|c| c.is_lowercase()) {
        return false;
    }
    !(chars[i] == '.' && is_abbreviation(word_before(chars, i)))
}

/// The word that ends at `i`, without opening quotes or brackets.
fn word_before(chars: &[char], i: usize) -> &[char] {
    let start = chars[..i]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let word = &chars[start..i];
    let skip = word.iter().take_while(|c| is_opener(**c)).count();
    &word[skip..]
}

fn is_abbreviation(word: &[char]) -> bool {
    if word.is_empty() {
        return false;
    }
    let initial = word.len() == 1 && word[0].is_uppercase();
    // "U.S", "e.g", "Ph.D": short letter groups joined by full stops.
    let dotted = word.contains(&'.')
        && word
            .split(|c| *c == '.')
            .all(|part| (1..=2).contains(&part.len()) && part.iter().all(|c| c.is_alphabetic()));
    let listed = || {
        let lower: String = word.iter().flat_map(|c| c.to_lowercase()).collect();
        ABBREVIATIONS.contains(&lower.as_str())
    };
    initial || dotted || listed()
}

/// The units of one block, as document offsets.
fn units_in_block(doc: &Document, unit: Unit, b: usize) -> Vec<Range<usize>> {
    let Some(block) = doc.blocks().get(b) else {
        return Vec::new();
    };
    match unit {
        Unit::Paragraph => std::iter::once(block.start..block.end)
            .filter(|r| !r.is_empty())
            .collect(),
        Unit::Sentence => sentences(doc.slice(block.start, block.end))
            .into_iter()
            .map(|r| block.start + r.start..block.start + r.end)
            .collect(),
    }
}

/// Units from the block holding `offset` onwards, computed block by block.
fn units_from(doc: &Document, unit: Unit, offset: usize) -> impl Iterator<Item = Range<usize>> {
    let first = doc.block_at(offset).unwrap_or(doc.blocks().len());
    (first..doc.blocks().len()).flat_map(move |b| units_in_block(doc, unit, b))
}

/// Units from the last block starting before `offset` backwards.
fn units_before(doc: &Document, unit: Unit, offset: usize) -> impl Iterator<Item = Range<usize>> {
    let last = doc.blocks().partition_point(|b| b.start < offset);
    (0..last)
        .rev()
        .flat_map(move |b| units_in_block(doc, unit, b).into_iter().rev())
}

/// The unit holding `offset`, else the next one.
pub fn unit_at(doc: &Document, unit: Unit, offset: usize) -> Option<Range<usize>> {
    units_from(doc, unit, offset).find(|u| u.end > offset)
}

/// The first unit starting at or after `offset`.
pub fn next_unit(doc: &Document, unit: Unit, offset: usize) -> Option<Range<usize>> {
    units_from(doc, unit, offset).find(|u| u.start >= offset)
}

/// The last unit ending at or before `offset`.
pub fn previous_unit(doc: &Document, unit: Unit, offset: usize) -> Option<Range<usize>> {
    units_before(doc, unit, offset).find(|u| u.end <= offset)
}

/// The selection after a unit move from `current` (empty for a caret).
/// A caret selects the unit around it; a selection moves to the unit after
/// (or before) it, or with `extend` grows to take that unit in.
pub fn move_selection(
    doc: &Document,
    unit: Unit,
    current: Range<usize>,
    forward: bool,
    extend: bool,
) -> Option<Range<usize>> {
    if current.is_empty() {
        return unit_at(doc, unit, current.start);
    }
    if !extend && let Some(inner) = end_unit_within(doc, unit, &current, forward) {
        return Some(inner);
    }
    match (forward, extend) {
        (true, false) => next_unit(doc, unit, current.end),
        (false, false) => previous_unit(doc, unit, current.start),
        (true, true) => next_unit(doc, unit, current.end).map(|u| current.start..u.end),
        (false, true) => previous_unit(doc, unit, current.start).map(|u| u.start..current.end),
    }
}

/// A selection holding more than one unit (a paragraph that U selected,
/// moved by sentence) steps into itself first: forward to its last unit,
/// back to its first, as a reader entering it from that side would.
fn end_unit_within(
    doc: &Document,
    unit: Unit,
    current: &Range<usize>,
    forward: bool,
) -> Option<Range<usize>> {
    let first = unit_at(doc, unit, current.start).filter(|u| u.start >= current.start)?;
    let last = previous_unit(doc, unit, current.end).filter(|u| u.start >= current.start)?;
    if first == last {
        return None;
    }
    Some(if forward { last } else { first })
}

/// The passage of `document` after (or before) `from` in position order:
/// by start, the longer first at equal starts. A linear pass, no sorting:
/// it runs once per key press.
pub fn step_passage(
    project: &Project,
    document: &DocumentId,
    from: Origin,
    forward: bool,
) -> Option<usize> {
    let ps = &project.passages;
    let key = |i: usize| (ps[i].start, std::cmp::Reverse(ps[i].end), &ps[i].id);
    let in_doc = (0..ps.len()).filter(|&i| &ps[i].document == document);
    match (from, forward) {
        (Origin::Passage(p), _) if p >= ps.len() => None,
        (Origin::Passage(p), true) => in_doc.filter(|&i| key(i) > key(p)).min_by_key(|&i| key(i)),
        (Origin::Passage(p), false) => in_doc.filter(|&i| key(i) < key(p)).max_by_key(|&i| key(i)),
        (Origin::Offset(o), true) => in_doc.filter(|&i| ps[i].start >= o).min_by_key(|&i| key(i)),
        (Origin::Offset(o), false) => in_doc.filter(|&i| ps[i].start < o).max_by_key(|&i| key(i)),
    }
}

/// The first paragraph starting at or after `offset` that no passage
/// touches, as a block index. `index` is the document's passage index
/// (`None` when it has no passages).
pub fn next_uncoded_paragraph(
    doc: &Document,
    index: Option<&DocumentIndex>,
    offset: usize,
) -> Option<usize> {
    let first = doc.blocks().partition_point(|b| b.start < offset);
    (first..doc.blocks().len()).find(|&b| {
        let block = doc.blocks()[b];
        block.kind == BlockKind::Paragraph
            && block.start < block.end
            && index.is_none_or(|ix| ix.passages.query(block.start, block.end).next().is_none())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Passage, PassageIndex};

    fn texts(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        sentences(text)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    fn brief() -> Project {
        crate::assets::default_project()
    }

    /// Code-point range of a unique string in the brief.
    fn range_of(doc: &Document, needle: &str) -> Range<usize> {
        let byte = doc.text().find(needle).expect("in the brief");
        let start = doc.char_of(byte);
        start..start + needle.chars().count()
    }

    #[test]
    fn sentences_end_at_stops_followed_by_space() {
        assert_eq!(
            texts("One. Two! Three? Four"),
            ["One.", "Two!", "Three?", "Four"]
        );
        assert_eq!(texts("  Padded.   "), ["Padded."]);
        assert_eq!(texts(""), Vec::<String>::new());
    }

    #[test]
    fn closing_quotes_belong_to_the_sentence() {
        let t = "He said that \"Armenia is sabotaging it.\" Obviously not. (See above.) Next";
        assert_eq!(
            texts(t),
            [
                "He said that \"Armenia is sabotaging it.\"",
                "Obviously not.",
                "(See above.)",
                "Next"
            ]
        );
        assert_eq!(texts("“Why?” She left."), ["“Why?”", "She left."]);
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_end_sentences() {
        assert_eq!(
            texts("Talks, e.g. in Baku, went on. The U.S. Congress met J. R. Smith."),
            [
                "Talks, e.g. in Baku, went on.",
                "The U.S. Congress met J. R. Smith."
            ]
        );
        assert_eq!(
            texts("Growth was 3.5 percent. Mr. Aliyev met Dr. Lee in St. Petersburg. Done."),
            [
                "Growth was 3.5 percent.",
                "Mr. Aliyev met Dr. Lee in St. Petersburg.",
                "Done."
            ]
        );
        assert_eq!(texts("Wait... and see. Yes"), ["Wait... and see.", "Yes"]);
    }

    #[test]
    fn the_briefs_sentences() {
        let project = brief();
        let doc = &project.documents[0];
        let para = range_of(doc, "Given the closeness between Putin");
        let b = doc.block_at(para.start).expect("a block");
        let block = doc.blocks()[b];
        let found: Vec<&str> = units_in_block(doc, Unit::Sentence, b)
            .into_iter()
            .map(|r| doc.slice(r.start, r.end))
            .collect();
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].starts_with("Given the closeness") && found[0].ends_with("same vein."));
        assert_eq!(found[2], "The causes may lie elsewhere.");
        assert_eq!(block.end, range_of(doc, "lie elsewhere.").end);

        // "St. Petersburg" and the quoted statement do not cut sentences.
        let long = range_of(doc, "A number of positive signals");
        let s = unit_at(doc, Unit::Sentence, long.start).expect("a sentence");
        assert!(
            doc.slice(s.start, s.end)
                .ends_with("(CIS) in Tajikistan in October.")
        );
        let quote = range_of(doc, "During the same visit in 2024");
        let s = unit_at(doc, Unit::Sentence, quote.start).expect("a sentence");
        assert!(
            doc.slice(s.start, s.end)
                .ends_with("opening of transport communications.\"")
        );
    }

    #[test]
    fn moves_step_and_extend_by_sentence_across_paragraphs() {
        let project = brief();
        let doc = &project.documents[0];
        let argued = range_of(doc, "It could therefore be argued that");
        let s1 = unit_at(doc, Unit::Sentence, argued.start + 3).expect("sentence");
        assert_eq!(s1.start, argued.start);
        let s2 = move_selection(doc, Unit::Sentence, s1.clone(), true, false).expect("next");
        assert_eq!(s2, range_of(doc, "The causes may lie elsewhere."));
        // The next one is the heading's (a block is always a sentence end).
        let s3 = move_selection(doc, Unit::Sentence, s2.clone(), true, false).expect("next");
        assert_eq!(
            doc.slice(s3.start, s3.end),
            "Possible causes of the crisis: A weakened Russia and uncomfortable interdependencies"
        );
        let back = move_selection(doc, Unit::Sentence, s3.clone(), false, false);
        assert_eq!(back, Some(s2.clone()));
        let grown = move_selection(doc, Unit::Sentence, s1.clone(), true, true);
        assert_eq!(grown, Some(s1.start..s2.end));
        let grown_back = move_selection(doc, Unit::Sentence, s2.clone(), false, true);
        assert_eq!(grown_back, Some(s1.start..s2.end));
    }

    #[test]
    fn a_selected_paragraph_is_entered_at_its_first_or_last_sentence() {
        let project = brief();
        let doc = &project.documents[0];
        let argued = range_of(doc, "It could therefore be argued that");
        let b = doc.blocks()[doc.block_at(argued.start).expect("block")];
        let paragraph = b.start..b.end;
        let sentences = sentences(doc.slice(b.start, b.end));
        assert!(
            sentences.len() > 2,
            "the fixture paragraph has several sentences"
        );
        let at = |r: &Range<usize>| b.start + r.start..b.start + r.end;
        let last = move_selection(doc, Unit::Sentence, paragraph.clone(), true, false);
        assert_eq!(last, Some(at(&sentences[sentences.len() - 1])));
        let first = move_selection(doc, Unit::Sentence, paragraph, false, false);
        assert_eq!(first, Some(at(&sentences[0])));
        assert_eq!(first.map(|r| r.start), Some(b.start));
        assert_eq!(last.map(|r| r.end), Some(b.end));
    }

    #[test]
    fn paragraph_moves_select_whole_blocks() {
        let project = brief();
        let doc = &project.documents[0];
        let blocks = doc.blocks();
        let first = move_selection(doc, Unit::Paragraph, 0..0, true, false).expect("block");
        assert_eq!(first, blocks[0].start..blocks[0].end);
        let second = move_selection(doc, Unit::Paragraph, first.clone(), true, false);
        assert_eq!(second, Some(blocks[1].start..blocks[1].end));
        let last = blocks[blocks.len() - 1];
        assert_eq!(
            move_selection(doc, Unit::Paragraph, last.start..last.end, true, false),
            None
        );
        assert_eq!(
            move_selection(doc, Unit::Paragraph, first, false, false),
            None
        );
    }

    #[test]
    fn passages_step_in_position_order_and_uncoded_paragraphs_are_found() {
        let mut project = brief();
        let doc = project.documents[0].clone();
        let now = chrono::Utc::now();
        let blocks = doc.blocks().to_vec();
        let para = |n: usize| {
            *blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Paragraph)
                .nth(n)
                .expect("paragraph")
        };
        let (p0, p1) = (para(0), para(1));
        // Inserted out of order: the step follows positions, not the list.
        project
            .passages
            .push(Passage::new(&doc, p1.start, p1.start + 10, "t", now));
        project
            .passages
            .push(Passage::new(&doc, p0.start, p0.start + 10, "t", now));
        let id = doc.id();
        assert_eq!(step_passage(&project, id, Origin::Offset(0), true), Some(1));
        assert_eq!(
            step_passage(&project, id, Origin::Passage(1), true),
            Some(0)
        );
        assert_eq!(step_passage(&project, id, Origin::Passage(0), true), None);
        assert_eq!(
            step_passage(&project, id, Origin::Passage(0), false),
            Some(1)
        );
        let end = doc.char_len();
        assert_eq!(
            step_passage(&project, id, Origin::Offset(end), false),
            Some(0)
        );

        let index = PassageIndex::build(&project);
        let ix = index.document(id);
        let free = next_uncoded_paragraph(&doc, ix, 0).expect("a free paragraph");
        assert_eq!(doc.blocks()[free], para(2), "the first two are coded");
        assert_eq!(
            next_uncoded_paragraph(&doc, None, 0).map(|b| blocks[b]),
            Some(p0)
        );
    }
}
