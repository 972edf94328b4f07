//! Where another tool's selections fall in the text of a source.
//!
//! REFI-QDA says positions count characters of the plain text, but tools
//! disagree on what the plain text is. QualCoder writes the file with a
//! byte-order mark and counts positions without it, and counts each line
//! end as one character even when it writes CRLF (its MAXQDA option);
//! MAXQDA and NVivo count a CRLF as two (as QualCoder's importer assumes).
//! So each source is read under each way of counting that would make a
//! difference, and the one under which the selections' own text (their
//! `name`, which QualCoder fills with the selected text) is found at their
//! positions wins; without such evidence the tool's usual way is taken.
//!
//! The document keeps the text without the mark and with `\n` line ends,
//! as briefmark's other importers do, and positions are mapped into it.

use crate::model::text::CharMap;

/// How many characters a multi-character line end counted for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineEnds {
    /// One, whatever was written (QualCoder, ATLAS.ti).
    One,
    /// As many as were written: CRLF is two (MAXQDA, NVivo, briefmark).
    AsWritten,
}

/// One way of counting positions in a source's file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Counting {
    /// Whether the byte-order mark counted as the first character.
    pub bom: bool,
    pub line_ends: LineEnds,
}

impl Counting {
    /// How `<Project origin=…>`'s tool counts: ATLAS.ti and QualCoder one
    /// character per line end, everything else as written; the mark never.
    pub(crate) fn usual_for(origin: &str) -> Self {
        let origin = origin.to_lowercase();
        let one = ["atlas", "qualcoder"].iter().any(|t| origin.contains(t));
        Self {
            bom: false,
            line_ends: if one {
                LineEnds::One
            } else {
                LineEnds::AsWritten
            },
        }
    }

    /// In words, for warnings.
    pub(crate) fn describe(self) -> &'static str {
        match (self.line_ends, self.bom) {
            (LineEnds::One, false) => "each line end as one character",
            (LineEnds::AsWritten, false) => "line ends as written (CRLF as two characters)",
            (LineEnds::One, true) => {
                "each line end as one character and the byte-order mark as a character"
            }
            (LineEnds::AsWritten, true) => {
                "line ends as written (CRLF as two characters) and the byte-order mark as a character"
            }
        }
    }
}

/// A selection as the file gives it.
pub(crate) struct Written<'a> {
    pub start: usize,
    pub end: usize,
    /// Its `name`: the selected text for QualCoder, else often empty.
    pub name: &'a str,
}

/// A line end written with more than one character.
struct WideEnd {
    /// Where it starts in the stored text (where its `\n` is).
    at: usize,
    /// Where it starts in the file, counted without the mark.
    written_at: usize,
    /// Its characters in the file (2 for CRLF, 3 for CR CR LF).
    width: usize,
}

/// A source's text from another tool, and how to place positions in it.
pub(crate) struct SourceText {
    /// The text as stored: no byte-order mark, `\n` line ends.
    pub text: String,
    has_bom: bool,
    wide: Vec<WideEnd>,
}

/// Which side of a selection a position is: a position inside a written
/// line end moves out of it, forward for a start, back for an end, so no
/// selection keeps part of a line end.
#[derive(Clone, Copy)]
enum Side {
    Start,
    End,
}

/// Selections' ranges in the stored text.
type Ranges = Vec<(usize, usize)>;

/// The outcome of [`SourceText::place`].
pub(crate) struct Placed {
    pub counting: Counting,
    /// Each selection's range in the stored text.
    pub ranges: Ranges,
    /// Ways of counting that would place selections differently and that
    /// the names could not rule out: the positions are not confirmed.
    pub unconfirmed: bool,
    /// Selections whose name is not their text at their range.
    pub disagreeing: Vec<usize>,
}

impl SourceText {
    /// Drops one leading byte-order mark (an encoding signature, not text)
    /// and writes every line end as `\n`: CRLF, CR alone, and CR CR LF,
    /// which Python on Windows writes for CRLF in text mode (QualCoder's
    /// MAXQDA option there).
    pub(crate) fn new(raw: &str) -> Self {
        let (has_bom, rest) = match raw.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        let mut text = String::with_capacity(rest.len());
        let mut wide = Vec::new();
        let (mut at, mut written_at) = (0, 0);
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            let width = match c {
                '\r' => line_end_width(&mut chars),
                _ => 1,
            };
            text.push(if c == '\r' { '\n' } else { c });
            if width > 1 {
                wide.push(WideEnd {
                    at,
                    written_at,
                    width,
                });
            }
            at += 1;
            written_at += width;
        }
        Self {
            text,
            has_bom,
            wide,
        }
    }

    /// Places the selections under the way of counting their names agree
    /// with best; on a tie, `usual` (the tool's way) if it is among the best.
    pub(crate) fn place(&self, selections: &[Written<'_>], usual: Counting) -> Placed {
        let map = CharMap::new(&self.text);
        let mut best: Option<(Score, Counting, Ranges)> = None;
        let mut tied_differently = false;
        for counting in self.candidates(usual) {
            let ranges: Ranges = (selections.iter())
                .map(|s| self.range(s, counting))
                .collect();
            let score = score(&self.text, &map, selections, &ranges);
            match &best {
                Some((top, _, _)) if score < *top => {}
                Some((top, _, top_ranges)) if score == *top => {
                    tied_differently |= ranges != *top_ranges;
                }
                _ => {
                    tied_differently = false;
                    best = Some((score, counting, ranges));
                }
            }
        }
        let (_, counting, ranges) = best.unwrap_or_else(|| (Score::default(), usual, Vec::new()));
        let disagreeing = (selections.iter().zip(&ranges).enumerate())
            .filter(|(_, (s, r))| agreement(s.name, map.slice(&self.text, r.0, r.1)) == Some(0))
            .map(|(i, _)| i)
            .collect();
        Placed {
            counting,
            ranges,
            unconfirmed: tied_differently,
            disagreeing,
        }
    }

    /// The ways of counting that can differ for this text, `usual` first.
    fn candidates(&self, usual: Counting) -> Vec<Counting> {
        let boms: &[bool] = if self.has_bom {
            &[false, true]
        } else {
            &[false]
        };
        let ends: &[LineEnds] = if self.wide.is_empty() {
            &[LineEnds::One]
        } else {
            &[LineEnds::One, LineEnds::AsWritten]
        };
        let mut all = vec![usual];
        for &bom in boms {
            for &line_ends in ends {
                let c = Counting { bom, line_ends };
                if !all.contains(&c) {
                    all.push(c);
                }
            }
        }
        all
    }

    /// A selection's range in the stored text. One that lay inside a
    /// single line end becomes empty; one written backwards stays so, for
    /// the project check to refuse.
    fn range(&self, s: &Written<'_>, counting: Counting) -> (usize, usize) {
        let start = self.position(s.start, counting, Side::Start);
        let end = self.position(s.end, counting, Side::End);
        if s.start <= s.end {
            (start, end.max(start))
        } else {
            (start, end)
        }
    }

    /// A position as the tool counted it, in the stored text. Positions
    /// past the end stay past it, so that the project check refuses them.
    fn position(&self, p: usize, counting: Counting, side: Side) -> usize {
        // A selection starting on the mark starts at the text's start.
        let p = if counting.bom { p.saturating_sub(1) } else { p };
        if counting.line_ends == LineEnds::One {
            return p;
        }
        let before = self.wide.partition_point(|w| w.written_at < p);
        let Some(w) = before.checked_sub(1).map(|i| &self.wide[i]) else {
            return p;
        };
        let inside = p - w.written_at;
        if inside >= w.width {
            // Past this line end: it counted `width` for one stored `\n`.
            return w.at + 1 + (p - w.written_at - w.width);
        }
        match side {
            Side::Start => w.at + 1,
            Side::End => w.at,
        }
    }
}

/// How many characters a line end starting with `\r` took (the `\r` is
/// consumed, the rest is taken from `chars`).
fn line_end_width(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> usize {
    match chars.peek() {
        Some('\n') => {
            chars.next();
            2
        }
        Some('\r') => {
            let mut ahead = chars.clone();
            ahead.next();
            if ahead.peek() == Some(&'\n') {
                chars.next();
                chars.next();
                3
            } else {
                1
            }
        }
        _ => 1,
    }
}

/// Selections whose name is their text exactly, then those whose name is
/// the start of it (a name cut short).
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Score(usize, usize);

fn score(
    text: &str,
    map: &CharMap,
    selections: &[Written<'_>],
    ranges: &[(usize, usize)],
) -> Score {
    let mut score = Score::default();
    for (s, &(start, end)) in selections.iter().zip(ranges) {
        match agreement(s.name, map.slice(text, start, end)) {
            Some(2) => score.0 += 1,
            Some(1) => score.1 += 1,
            _ => {}
        }
    }
    score
}

/// Shortest name that counts as the start of a text without an ellipsis.
const MIN_PREFIX: usize = 12;

/// Whether a selection's name is the text at its range: 2 if it is, 1 if
/// it is the start of it (cut short, with an ellipsis or at least
/// `MIN_PREFIX` characters long), 0 if not, `None` for an empty name (no
/// evidence). Whitespace runs compare as one space and ends are trimmed:
/// XML turns line ends in attributes into spaces, QualCoder's names hold
/// U+2029 for them (Qt's selected text), and briefmark's put a line on one.
fn agreement(name: &str, text: &str) -> Option<u8> {
    let name = flat(name);
    if name.is_empty() {
        return None;
    }
    let text = flat(text);
    if name == text {
        return Some(2);
    }
    let (cut, marked) = match name.strip_suffix('…').or_else(|| name.strip_suffix("...")) {
        Some(cut) => (cut.trim_end(), true),
        None => (name.as_str(), false),
    };
    let long_enough = marked || cut.chars().count() >= MIN_PREFIX;
    Some(u8::from(
        long_enough && !cut.is_empty() && text.starts_with(cut),
    ))
}

/// Words joined by single spaces.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const AS_WRITTEN: Counting = Counting {
        bom: false,
        line_ends: LineEnds::AsWritten,
    };
    const ONE: Counting = Counting {
        bom: false,
        line_ends: LineEnds::One,
    };

    fn sel(start: usize, end: usize, name: &str) -> Written<'_> {
        Written { start, end, name }
    }

    #[test]
    fn line_ends_are_stored_as_one_newline() {
        let s = SourceText::new("\u{feff}a\r\nb\rc\r\r\nd\ne");
        assert_eq!(s.text, "a\nb\nc\nd\ne");
        assert!(s.has_bom);
        let wide: Vec<(usize, usize, usize)> = s
            .wide
            .iter()
            .map(|w| (w.at, w.written_at, w.width))
            .collect();
        assert_eq!(wide, [(1, 1, 2), (5, 6, 3)]);
    }

    #[test]
    fn positions_as_written_map_past_each_wide_line_end() {
        // "ab\r\ncd\r\nef": written 0..10, stored "ab\ncd\nef".
        let s = SourceText::new("ab\r\ncd\r\nef");
        let at = |p, side| s.position(p, AS_WRITTEN, side);
        assert_eq!(at(2, Side::End), 2, "on the \\r");
        assert_eq!(at(4, Side::Start), 3, "after CRLF");
        assert_eq!(at(8, Side::Start), 6);
        assert_eq!(at(10, Side::End), 8);
        assert_eq!(at(12, Side::End), 10, "past the end stays past it");
        // Between \r and \n: a start moves forward, an end back.
        assert_eq!(at(3, Side::Start), 3);
        assert_eq!(at(3, Side::End), 2);
        assert_eq!(s.position(4, ONE, Side::Start), 4);
    }

    #[test]
    fn the_mark_counted_moves_positions_back_but_not_below_zero() {
        let s = SourceText::new("\u{feff}abc");
        let counted = Counting { bom: true, ..ONE };
        assert_eq!(s.position(0, counted, Side::Start), 0);
        assert_eq!(s.position(3, counted, Side::End), 2);
    }

    #[test]
    fn names_choose_the_counting() {
        let s = SourceText::new("\u{feff}Baku\r\nTbilisi\r\nYerevan");
        // QualCoder: no mark, one per line end.
        let placed = s.place(&[sel(5, 12, "Tbilisi"), sel(13, 20, "Yerevan")], AS_WRITTEN);
        assert_eq!(placed.counting, ONE);
        assert_eq!(placed.ranges, [(5, 12), (13, 20)]);
        assert!(!placed.unconfirmed && placed.disagreeing.is_empty());
        // MAXQDA: CRLF as two.
        let placed = s.place(&[sel(6, 13, "Tbilisi"), sel(15, 22, "")], ONE);
        assert_eq!(placed.counting, AS_WRITTEN);
        assert_eq!(placed.ranges, [(5, 12), (13, 20)]);
        // The mark counted too.
        let placed = s.place(&[sel(7, 14, "Tbilisi")], ONE);
        assert_eq!(
            placed.counting,
            Counting {
                bom: true,
                ..AS_WRITTEN
            }
        );
        assert_eq!(placed.ranges, [(5, 12)]);
    }

    #[test]
    fn without_names_the_usual_counting_is_unconfirmed() {
        let s = SourceText::new("Baku\r\nTbilisi");
        let placed = s.place(&[sel(6, 13, "")], AS_WRITTEN);
        assert_eq!(placed.counting, AS_WRITTEN);
        assert_eq!(placed.ranges, [(5, 12)]);
        assert!(placed.unconfirmed);
        // Before the first line end every counting agrees.
        let placed = s.place(&[sel(0, 4, "")], AS_WRITTEN);
        assert!(!placed.unconfirmed);
        // A text with nothing to decide.
        let placed = SourceText::new("Baku").place(&[sel(0, 4, "Bak")], ONE);
        assert_eq!(placed.counting, ONE);
        assert_eq!(placed.disagreeing, [0]);
    }

    #[test]
    fn a_few_wrong_names_do_not_outvote_the_rest() {
        let s = SourceText::new("one\r\ntwo\r\nthree\r\nfour");
        let sels = [
            sel(4, 7, "two"),
            sel(8, 13, "three"),
            sel(14, 18, "four"),
            sel(8, 13, "renamed by the user"),
        ];
        let placed = s.place(&sels, AS_WRITTEN);
        assert_eq!(placed.counting, ONE);
        assert_eq!(placed.disagreeing, [3]);
        assert!(!placed.unconfirmed);
    }

    #[test]
    fn names_compare_by_words_and_may_be_cut_short() {
        assert_eq!(agreement("a\u{2029}b", "a\nb"), Some(2));
        assert_eq!(agreement(" a  b ", "a\r\n\nb"), Some(2));
        assert_eq!(agreement("", "a"), None);
        assert_eq!(
            agreement("Interview 1 — Baku", "Interview 1 — Bak"),
            Some(0)
        );
        assert_eq!(agreement("Interview…", "Interview 1 — Baku"), Some(1));
        assert_eq!(agreement("Interview 1 —", "Interview 1 — Baku"), Some(1));
        assert_eq!(
            agreement("Inter", "Interview 1 — Baku"),
            Some(0),
            "too short"
        );
    }

    #[test]
    fn usual_counting_by_origin() {
        assert_eq!(Counting::usual_for("QualCoder 4.0 Beta"), ONE);
        assert_eq!(Counting::usual_for("ATLAS.ti Windows 23"), ONE);
        assert_eq!(Counting::usual_for("MAXQDA 2022"), AS_WRITTEN);
        assert_eq!(Counting::usual_for(""), AS_WRITTEN);
    }
}
