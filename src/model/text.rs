//! Code-point offsets over UTF-8 text.
//!
//! Every offset the user or a file sees counts Unicode code points (what
//! Python's `str` indexes and egui's `CCursor` counts). Rust strings index
//! bytes, so this map turns one into the other without scanning the whole
//! text: it keeps the byte offset of every `STRIDE`-th char.

/// Chars between checkpoints (8 bytes each): a look-up in text that is not
/// ASCII counts at most this many (every passage's quote is looked up on
/// opening a project).
const STRIDE: usize = 64;

/// Char ↔ byte offset map for one immutable text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CharMap {
    checkpoints: Vec<usize>,
    char_len: usize,
    byte_len: usize,
}

impl CharMap {
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut byte = 0;
        while byte < text.len() {
            checkpoints.push(byte);
            byte = skip_chars(text, byte, STRIDE);
        }
        let last = checkpoints.last().copied().unwrap_or(0);
        Self {
            char_len: checkpoints.len().saturating_sub(1) * STRIDE + text[last..].chars().count(),
            checkpoints,
            byte_len: text.len(),
        }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of code point `char_offset`, clamped to the end of the text.
    pub fn byte_of(&self, text: &str, char_offset: usize) -> usize {
        if char_offset >= self.char_len {
            return self.byte_len;
        }
        let k = char_offset / STRIDE;
        let base = self.checkpoints[k];
        let rest = char_offset % STRIDE;
        // A stretch of STRIDE chars in STRIDE bytes is ASCII: no scan. Else
        // counted by the library's fast `chars().count()` (every passage's
        // quote is checked on opening: 20,000 look-ups for 10,000 passages).
        let next = self.checkpoints.get(k + 1).copied();
        if next == Some(base + STRIDE) {
            return base + rest;
        }
        skip_chars(text, base, rest)
    }

    /// Code-point offset of a byte offset (which must lie on a char boundary).
    pub fn char_of(&self, text: &str, byte_offset: usize) -> usize {
        let k = self.checkpoints.partition_point(|&b| b <= byte_offset);
        let k = k.saturating_sub(1);
        let base = self.checkpoints.get(k).copied().unwrap_or(0);
        k * STRIDE + text[base..byte_offset.min(self.byte_len)].chars().count()
    }

    /// The text between two code-point offsets (clamped to the text).
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> &'t str {
        let end = end.max(start);
        &text[self.byte_of(text, start)..self.byte_of(text, end)]
    }
}

/// The byte offset `n` chars after `byte` (or the end of the text), counted
/// a slice at a time by the library's fast `chars().count()`: a loop over
/// every char takes seconds on a 50 MB text in a debug build.
fn skip_chars(text: &str, mut byte: usize, mut n: usize) -> usize {
    while n > 0 && byte < text.len() {
        // `n` bytes hold at most `n` chars; widen to the next char boundary.
        let mut end = (byte + n).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        n -= text[byte..end].chars().count();
        byte = end;
    }
    byte
}

/// `text` on one line (runs of white space become one space) and at most
/// `max` characters, a cut marked "…" (after a whole word when one ends in
/// the last third): quotes in lists, names, messages. Only the start can
/// show, so the words past the limit are not visited.
pub fn one_line(text: &str, max: usize) -> String {
    let (mut flat, mut chars) = (String::new(), 0);
    for word in text.split_whitespace() {
        if chars > max {
            break;
        }
        if !flat.is_empty() {
            flat.push(' ');
            chars += 1;
        }
        flat.push_str(word);
        chars += word.chars().count();
    }
    cut(&flat, max)
}

/// Already flat text cut to `max` characters, as [`one_line`] says.
fn cut(flat: &str, max: usize) -> String {
    if flat.chars().count() <= max {
        return flat.to_owned();
    }
    let keep = max.saturating_sub(1);
    let kept: String = flat.chars().take(keep).collect();
    let whole_words = flat.chars().nth(keep) == Some(' ');
    let word_end = (!whole_words)
        .then(|| kept.rfind(' '))
        .flatten()
        .filter(|&at| kept[..at].chars().count() * 3 >= max * 2);
    format!(
        "{}…",
        word_end.map_or(kept.as_str(), |at| &kept[..at]).trim_end()
    )
}

/// Whether `c` belongs to a word, for double-click, snapping a drag and
/// whole-word search: letters and digits, marks, and the joiners inside
/// Persian words (ZWNJ in "می‌گویند" is not a word break).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{200C}' | '\u{200D}')
        || unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_of_is_exact_over_ascii_and_multibyte_stretches() {
        // ASCII stretches (answered without a scan) between Persian ones.
        let text = format!(
            "{}{}{}",
            "a".repeat(300),
            "ایران ".repeat(60),
            "b".repeat(200)
        );
        let map = CharMap::new(&text);
        let bytes: Vec<usize> = (text.char_indices().map(|(b, _)| b))
            .chain([text.len()])
            .collect();
        for (i, &b) in bytes.iter().enumerate() {
            assert_eq!(map.byte_of(&text, i), b, "char {i}");
        }
        assert_eq!(map.byte_of(&text, bytes.len() + 5), text.len());
    }

    #[test]
    fn maps_non_ascii_offsets_exactly() {
        let text = "détente — “quoted” ".repeat(40);
        let map = CharMap::new(&text);
        assert_eq!(map.char_len(), text.chars().count());
        for (c, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(map.byte_of(&text, c), b, "char {c}");
            assert_eq!(map.char_of(&text, b), c, "byte {b}");
        }
        assert_eq!(map.slice(&text, 1, 7), "étente");
        assert_eq!(map.slice(&text, 8, 9), "—");
        assert_eq!(map.byte_of(&text, 10_000), text.len());
    }

    #[test]
    fn empty_text_is_fine() {
        let map = CharMap::new("");
        assert_eq!(map.char_len(), 0);
        assert_eq!(map.slice("", 0, 5), "");
        assert_eq!(map.char_of("", 0), 0);
    }

    /// Flattening only the start gives what flattening all of it gives.
    #[test]
    fn one_line_reads_only_the_start_yet_cuts_as_if_it_read_all() {
        let whole =
            |text: &str, max| cut(&text.split_whitespace().collect::<Vec<_>>().join(" "), max);
        let word = "é".repeat(43);
        for n in 0..60 {
            let text = format!(" {} {}\n\t{word} end ", "ab ".repeat(n), "x".repeat(n));
            let half: String = text.chars().take(n * 2).collect();
            for t in [&text[..], &half, &word, ""] {
                for max in [1, 12, 40] {
                    assert_eq!(one_line(t, max), whole(t, max), "{t:?} {max}");
                }
            }
        }
    }

    #[test]
    fn one_line_joins_lines_and_cuts_with_an_ellipsis() {
        assert_eq!(one_line("a\nb  c", 10), "a b c");
        assert_eq!(one_line("Interview 1 — Baku", 12), "Interview 1…");
        assert_eq!(
            one_line("Russia’s view of Baku changed. The downing", 40),
            "Russia’s view of Baku changed. The…"
        );
        assert_eq!(one_line("Abcdefghijklmnopqrstuvwxyz", 10), "Abcdefghi…");
        assert_eq!(one_line("Նիկոլ Փաշինյան", 6), "Նիկոլ…");
        assert_eq!(one_line("Նիկոլ Փաշինյան", 14), "Նիկոլ Փաշինյան");
    }
}
