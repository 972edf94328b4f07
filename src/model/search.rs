//! Finding text in a document and across a corpus: plain, whole-word or
//! regular-expression queries, with or without case.
//!
//! Hits are half-open code-point ranges, like every other offset in the
//! model; the `regex` crate works in bytes, so its matches are converted
//! through the document's char map. Hits are sorted and never overlap, so
//! callers can find the hits of a range by binary search.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

use super::document::{Document, DocumentId};

/// At most this many hits are kept per document: a pattern such as `.`
/// would otherwise give one hit per character of a book.
pub const MAX_HITS: usize = 100_000;

/// How the query is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The query as literal text.
    #[default]
    Plain,
    /// Literal text, only where it is not part of a longer word.
    WholeWord,
    /// A regular expression (the `regex` crate's syntax).
    Regex,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SearchOptions {
    pub mode: Mode,
    pub case_sensitive: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// The regular expression does not parse; the message says where.
    #[error("{0}")]
    BadRegex(String),
}

/// A compiled query, reusable across the documents of a corpus.
#[derive(Clone, Debug)]
pub struct Query {
    regex: Regex,
    whole_word: bool,
}

impl Query {
    /// Compiles a query; `None` for an empty one, which finds nothing.
    pub fn new(query: &str, options: SearchOptions) -> Result<Option<Self>, SearchError> {
        if query.is_empty() {
            return Ok(None);
        }
        let pattern = match options.mode {
            Mode::Regex => query.to_owned(),
            Mode::Plain | Mode::WholeWord => regex::escape(query),
        };
        let regex = RegexBuilder::new(&pattern)
            .case_insensitive(!options.case_sensitive)
            .build()
            .map_err(|e| SearchError::BadRegex(e.to_string()))?;
        Ok(Some(Self {
            regex,
            whole_word: options.mode == Mode::WholeWord,
        }))
    }

    /// The hits in one document, in order, as code-point ranges. Empty
    /// matches (a regex such as `a*`) are skipped: there is nothing to show.
    pub fn find(&self, doc: &Document) -> Vec<Range<usize>> {
        let text = doc.text();
        let mut hits = Vec::new();
        let mut at = 0;
        while hits.len() < MAX_HITS
            && let Some(m) = self.regex.find_at(text, at)
        {
            let accepted = !m.is_empty() && (!self.whole_word || is_whole_word(text, m.range()));
            if accepted {
                hits.push(doc.char_of(m.start())..doc.char_of(m.end()));
                at = m.end();
            } else {
                // Retry one char further on: "cat" in "cats cat" must not
                // skip the second one because the first was refused.
                at = next_boundary(text, m.start());
            }
            if at >= text.len() {
                break;
            }
        }
        hits
    }
}

/// The hits of `query` in one document.
pub fn find(
    doc: &Document,
    query: &str,
    options: SearchOptions,
) -> Result<Vec<Range<usize>>, SearchError> {
    Ok(Query::new(query, options)?.map_or_else(Vec::new, |q| q.find(doc)))
}

/// The hits in every document of a corpus; the query is compiled once.
pub fn find_in_corpus(
    documents: &[Document],
    query: &str,
    options: SearchOptions,
) -> Result<CorpusHits, SearchError> {
    let compiled = Query::new(query, options)?;
    let per_document = documents
        .iter()
        .map(|d| {
            let hits = compiled.as_ref().map_or_else(Vec::new, |q| q.find(d));
            (d.id().clone(), hits)
        })
        .collect();
    Ok(CorpusHits::new(per_document))
}

/// A hit's place in a search: its document's place among the documents
/// searched (in the search's own list, named by id there), then its place
/// among that document's hits.
pub type HitAt = (usize, usize);

/// The hits of a corpus, one list per document, numbered through: hit
/// `k` of the corpus is found by binary search over the running counts,
/// so results lists and next/previous need no copy of the hits. Each list
/// carries its document's id: callers name documents by id, never by
/// their place in the project.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorpusHits {
    documents: Vec<DocumentId>,
    per_document: Vec<Vec<Range<usize>>>,
    /// `starts[d]`: hits in the documents before `d`; one more at the end.
    starts: Vec<usize>,
}

impl CorpusHits {
    pub fn new(per_document: Vec<(DocumentId, Vec<Range<usize>>)>) -> Self {
        let mut starts = Vec::with_capacity(per_document.len() + 1);
        let mut total = 0;
        starts.push(0);
        for (_, hits) in &per_document {
            total += hits.len();
            starts.push(total);
        }
        let (documents, per_document) = per_document.into_iter().unzip();
        Self {
            documents,
            per_document,
            starts,
        }
    }

    /// Where document `id` is among the documents searched.
    pub fn position(&self, id: &DocumentId) -> Option<usize> {
        self.documents.iter().position(|d| d == id)
    }

    /// The document at place `d` of the search.
    pub fn document(&self, d: usize) -> Option<&DocumentId> {
        self.documents.get(d)
    }

    /// The hits in document `id` (none for a document not searched).
    pub fn in_document(&self, id: &DocumentId) -> &[Range<usize>] {
        self.position(id).map_or(&[], |d| self.of(d))
    }

    /// Hits in the whole corpus.
    pub fn total(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// The hits of document `d` (none for a document not searched).
    pub fn of(&self, d: usize) -> &[Range<usize>] {
        self.per_document.get(d).map_or(&[], Vec::as_slice)
    }

    /// The range of a hit, if it exists.
    pub fn get(&self, (d, h): HitAt) -> Option<&Range<usize>> {
        self.of(d).get(h)
    }

    /// The corpus-wide number of a hit.
    pub fn number(&self, (d, h): HitAt) -> usize {
        self.starts.get(d).map_or(0, |s| s + h)
    }

    /// The hit with corpus-wide number `k`.
    pub fn locate(&self, k: usize) -> Option<HitAt> {
        if k >= self.total() {
            return None;
        }
        let d = self.starts.partition_point(|&s| s <= k) - 1;
        Some((d, k - self.starts[d]))
    }

    /// The hit after (or before) `at`, going on into the next document and
    /// round from the last hit of the corpus to the first.
    pub fn step(&self, at: HitAt, forward: bool) -> Option<HitAt> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let k = self.number(at);
        self.locate(if forward {
            (k + 1) % total
        } else {
            (k + total - 1) % total
        })
    }

    /// The first hit at or after `offset` of document `d` (or, going back,
    /// the last one before it), continuing through the corpus if `d` has
    /// none there.
    pub fn from_offset(&self, d: usize, offset: usize, forward: bool) -> Option<HitAt> {
        let total = self.total();
        if total == 0 || d >= self.per_document.len() {
            return None;
        }
        let i = self.of(d).partition_point(|r| r.start < offset);
        let k = self.starts[d] + i;
        self.locate(if forward {
            k % total
        } else {
            (k + total - 1) % total
        })
    }
}

/// A hit with some text on either side, on one line, for a results list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub before: String,
    pub hit: String,
    pub after: String,
}

/// The hit and up to `context` code points around it; line breaks become
/// spaces and a long hit is shortened, so every snippet fits one row.
pub fn snippet(doc: &Document, hit: &Range<usize>, context: usize) -> Snippet {
    let one_line = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let shown_end = hit.end.min(hit.start + context * 2);
    let mut text = one_line(doc.slice(hit.start, shown_end));
    if shown_end < hit.end {
        text.push('…');
    }
    Snippet {
        before: one_line(doc.slice(hit.start.saturating_sub(context), hit.start))
            .trim_start()
            .to_owned(),
        hit: text,
        after: one_line(doc.slice(hit.end, hit.end + context))
            .trim_end()
            .to_owned(),
    }
}

/// Whether the byte range is not glued to a letter or digit on either side.
fn is_whole_word(text: &str, range: Range<usize>) -> bool {
    let word = |c: char| crate::model::text::is_word_char(c) || c == '_';
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(word) && !after.is_some_and(word)
}

/// The byte offset of the char after the one at `byte`.
fn next_boundary(text: &str, byte: usize) -> usize {
    text[byte..]
        .chars()
        .next()
        .map_or(text.len(), |c| byte + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::tests::doc;

    fn opts(mode: Mode, case_sensitive: bool) -> SearchOptions {
        SearchOptions {
            mode,
            case_sensitive,
        }
    }

    #[test]
    fn plain_hits_are_code_point_ranges_in_non_ascii_text() {
        let d = doc("Détente — “détente” and DÉTENTE; détentes.");
        let hits = find(&d, "détente", opts(Mode::Plain, false)).unwrap();
        assert_eq!(hits, [0..7, 11..18, 24..31, 33..40]);
        for h in &hits {
            assert_eq!(d.slice(h.start, h.end).to_lowercase(), "détente");
        }
        let exact = find(&d, "détente", opts(Mode::Plain, true)).unwrap();
        assert_eq!(exact, [11..18, 33..40]);
    }

    #[test]
    fn whole_word_skips_parts_of_longer_words() {
        let d = doc("Russia, Russian, Russia's; pro-Russia Russias russia_x Russia");
        let hits = find(&d, "Russia", opts(Mode::WholeWord, true)).unwrap();
        let found: Vec<_> = hits.iter().map(|h| h.start).collect();
        // "Russia's" and "pro-Russia" count: an apostrophe or hyphen ends a word.
        assert_eq!(found, [0, 17, 31, 55]);
        let plain = find(&d, "Russia", opts(Mode::Plain, true)).unwrap();
        assert_eq!(plain.len(), 6);
    }

    #[test]
    fn a_refused_whole_word_match_does_not_hide_the_next_one() {
        let d = doc("aaa aa");
        let hits = find(&d, "aa", opts(Mode::WholeWord, true)).unwrap();
        assert_eq!((hits.len(), hits[0].clone()), (1, 4..6));
    }

    #[test]
    fn regex_hits_convert_byte_offsets_to_code_points() {
        let d = doc("Año 2024 — mañana 2025.");
        let hits = find(&d, r"\d{4}", opts(Mode::Regex, true)).unwrap();
        assert_eq!(hits, [4..8, 18..22]);
        assert_eq!(d.slice(18, 22), "2025");
        let words = find(&d, r"\bma\w+", opts(Mode::Regex, true)).unwrap();
        assert_eq!((words.len(), words[0].clone()), (1, 11..17));
    }

    #[test]
    fn a_bad_regex_is_an_error_not_a_panic() {
        let d = doc("text");
        let err = find(&d, "(unclosed", opts(Mode::Regex, false)).unwrap_err();
        let SearchError::BadRegex(message) = err;
        assert!(message.contains("unclosed"), "{message}");
        // The same text as plain search is just text.
        assert_eq!(find(&d, "(unclosed", opts(Mode::Plain, false)), Ok(vec![]));
    }

    #[test]
    fn empty_query_and_empty_matches_find_nothing() {
        let d = doc("abc");
        assert_eq!(find(&d, "", opts(Mode::Plain, false)), Ok(vec![]));
        assert_eq!(find(&d, "", opts(Mode::Regex, false)), Ok(vec![]));
        assert_eq!(find(&d, "x*", opts(Mode::Regex, false)), Ok(vec![]));
        assert_eq!(find(&doc(""), "a", opts(Mode::Plain, false)), Ok(vec![]));
    }

    #[test]
    fn corpus_search_gives_one_list_per_document() {
        let docs = [doc("one cat"), doc("no dogs"), doc("cat, cat")];
        let hits = find_in_corpus(&docs, "cat", SearchOptions::default()).unwrap();
        assert_eq!(hits.of(0).first(), Some(&(4..7)));
        assert!(hits.of(1).is_empty());
        assert_eq!(hits.of(2), [0..3, 5..8]);
        assert_eq!(hits.total(), 3);
        assert!(find_in_corpus(&docs, "[", opts(Mode::Regex, false)).is_err());
    }

    #[test]
    fn corpus_hits_step_through_documents_and_wrap() {
        let last = std::iter::once(3..4).collect();
        let lists = [vec![], vec![1..2, 5..6, 9..10], vec![], last];
        let named = lists.into_iter().enumerate();
        let hits = CorpusHits::new(
            named
                .map(|(d, h)| (DocumentId(format!("d{d}")), h))
                .collect(),
        );
        assert_eq!(
            hits.in_document(&DocumentId("d1".into())),
            [1..2, 5..6, 9..10]
        );
        assert_eq!(hits.position(&DocumentId("d3".into())), Some(3));
        assert_eq!(hits.document(3), Some(&DocumentId("d3".into())));
        assert!(hits.in_document(&DocumentId("gone".into())).is_empty());
        assert_eq!(hits.total(), 4);
        assert_eq!(hits.locate(0), Some((1, 0)));
        assert_eq!(hits.locate(3), Some((3, 0)));
        assert_eq!(hits.locate(4), None);
        assert_eq!(
            hits.step((1, 2), true),
            Some((3, 0)),
            "on into the next document"
        );
        assert_eq!(hits.step((3, 0), true), Some((1, 0)), "round to the first");
        assert_eq!(hits.step((1, 0), false), Some((3, 0)));
        assert_eq!(
            hits.from_offset(1, 5, true),
            Some((1, 1)),
            "a hit at the offset"
        );
        assert_eq!(hits.from_offset(1, 6, false), Some((1, 1)));
        assert_eq!(hits.from_offset(1, 20, true), Some((3, 0)));
        assert_eq!(
            hits.from_offset(0, 0, false),
            Some((3, 0)),
            "back round the end"
        );
        assert_eq!(hits.from_offset(2, 0, true), Some((3, 0)));
        assert_eq!(CorpusHits::default().step((0, 0), true), None);
    }

    #[test]
    fn hits_stop_at_the_limit() {
        let d = doc(&"ab".repeat(MAX_HITS + 10));
        let hits = find(&d, "a", SearchOptions::default()).unwrap();
        assert_eq!(hits.len(), MAX_HITS);
    }

    #[test]
    fn snippets_are_one_line_with_context() {
        let d = doc("first line\nthe détente began\nlast");
        let hits = find(&d, "détente", SearchOptions::default()).unwrap();
        let s = snippet(&d, &hits[0], 8);
        assert_eq!(s.before, "ine the ");
        assert_eq!(s.hit, "détente");
        assert_eq!(s.after, " began l");
    }
}
