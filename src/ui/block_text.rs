//! Laid-out text, left to right or bidirectional, behind the four
//! questions the reading pane asks of a block: where is a character, which
//! character is under a point, which rectangles cover a range, and paint.
//!
//! Blocks without right-to-left text are one egui galley, as before: the
//! fast path, which English never leaves. A block with right-to-left text
//! is cut into atoms (`model::bidi`), each shaped by egui on its own (one
//! word of one direction, which egui shapes correctly), broken into lines
//! in logical order and placed in visual order; a right-to-left paragraph
//! is aligned right. Its atoms' rows are gathered into one galley, so it
//! paints as one shape, like a left-to-right block.

use std::ops::Range;
use std::sync::Arc;

use egui::epaint::text::ByteIndex;
use egui::text::{CCursor, LayoutJob, LayoutSection};
use egui::{Galley, Pos2, Rect, Vec2, pos2, vec2};

use crate::model::bidi::{self, Atom, AtomKind};

/// A block's text as laid out.
#[derive(Clone)]
pub enum BlockText {
    Plain(Arc<Galley>),
    Bidi(Arc<BidiText>),
}

impl BlockText {
    /// Lays out `job` (whose text has one char per code point of
    /// `source`, the document's own text: its direction controls count).
    pub fn lay_out(fonts: &mut egui::epaint::FontsView<'_>, job: LayoutJob, source: &str) -> Self {
        if bidi::has_rtl(source)
            && let Some(t) = BidiText::lay_out(fonts, &job, source)
        {
            return Self::Bidi(Arc::new(t));
        }
        Self::Plain(fonts.layout_job(job))
    }

    /// [`Self::lay_out`], kept as egui keeps a galley: a block laid out
    /// again while it was in use the frame before (another view of the same
    /// text, a view made anew) is not laid out twice. Left-to-right blocks
    /// are egui's galleys, which egui's own cache keeps.
    pub fn lay_out_in(ctx: &egui::Context, job: LayoutJob, source: &str) -> Self {
        if !bidi::has_rtl(source) {
            return Self::Plain(ctx.fonts_mut(|f| f.layout_job(job)));
        }
        cached(ctx, (&job, source), || {
            ctx.fonts_mut(|f| Self::lay_out(f, job.clone(), source))
        })
    }

    pub fn size(&self) -> Vec2 {
        match self {
            Self::Plain(g) => g.size(),
            Self::Bidi(t) => t.galley.size(),
        }
    }

    /// The caret before code point `local` (of the block), as a zero-width
    /// rectangle the height of its line.
    pub fn caret(&self, local: usize) -> Rect {
        match self {
            Self::Plain(g) => g.pos_from_cursor(CCursor::new(local)),
            Self::Bidi(t) => t.caret(local),
        }
    }

    /// The code point boundary nearest to `p` (block coordinates).
    pub fn offset_at(&self, p: Vec2) -> usize {
        match self {
            Self::Plain(g) => g.cursor_from_pos(p).index.0,
            Self::Bidi(t) => t.offset_at(p),
        }
    }

    /// Rectangles covering code points `range` (of the block), in block
    /// coordinates: one per row, or more where a row's visual order
    /// splits the range.
    pub fn range_rects(&self, range: Range<usize>) -> Vec<Rect> {
        match self {
            Self::Plain(g) => plain_range_rects(g, range),
            Self::Bidi(t) => t.range_rects(range),
        }
    }

    /// What to paint: one galley either way.
    pub fn galley(&self) -> &Arc<Galley> {
        match self {
            Self::Plain(g) => g,
            Self::Bidi(t) => &t.galley,
        }
    }
}

/// What was made this frame and the one before, by what it was made from
/// (hashed); older entries are dropped, as egui drops galleys.
struct Cache<T> {
    pass: u64,
    made: std::collections::HashMap<u64, (T, u64)>,
}

/// `make()`, or what it made for the same `key` this frame or the frame
/// before (kept in `ctx`, one cache per type).
pub fn cached<T: Clone + Send + Sync + 'static>(
    ctx: &egui::Context,
    key: impl std::hash::Hash,
    make: impl FnOnce() -> T,
) -> T {
    use std::hash::BuildHasher;
    use std::sync::Mutex;
    // A whole block's text is hashed: foldhash is several times SipHash.
    // Galleys from before a clear of the glyph atlas are void.
    let atlas = super::fonts::atlas_epoch(ctx);
    let ppp = ctx.pixels_per_point().to_bits();
    let key = foldhash::fast::FixedState::default().hash_one((key, ppp, atlas));
    let pass = ctx.cumulative_pass_nr();
    let id = egui::Id::unique(std::any::type_name::<Cache<T>>());
    let new = || {
        Arc::new(Mutex::new(Cache::<T> {
            pass,
            made: Default::default(),
        }))
    };
    let cache = ctx.data_mut(|d| d.get_temp_mut_or_insert_with(id, new).clone());
    let mut cache = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if cache.pass != pass {
        cache.made.retain(|_, (_, used)| *used + 1 >= pass);
        cache.pass = pass;
    }
    if let Some((value, used)) = cache.made.get_mut(&key) {
        *used = pass;
        return value.clone();
    }
    let value = make();
    cache.made.insert(key, (value.clone(), pass));
    value
}

fn plain_range_rects(galley: &Galley, range: Range<usize>) -> Vec<Rect> {
    let mut out = Vec::new();
    if range.start >= range.end {
        return out;
    }
    let (a, b) = (range.start, range.end);
    let mut row_start = 0usize;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let (lo, hi) = (a.max(row_start), b.min(row_start + n));
        if lo < hi {
            let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(lo - row_start));
            let x1 = row.pos.x + row.x_offset(egui::text::CharIndex(hi - row_start));
            out.push(Rect::from_min_max(
                pos2(x0, row.min_y()),
                pos2(x1, row.max_y()),
            ));
        }
        row_start += row.char_count_including_newline().0;
        if row_start >= b {
            break;
        }
    }
    out
}

/// A bidirectional block: lines in logical order, each with its atoms
/// placed in visual order.
pub struct BidiText {
    galley: Arc<Galley>,
    lines: Vec<Line>,
}

struct Line {
    top: f32,
    height: f32,
    chars: Range<usize>,
    /// Left to right as painted.
    atoms: Vec<Placed>,
}

/// An atom where it is painted.
struct Placed {
    chars: Range<usize>,
    /// x of each code point boundary of the atom, in logical order
    /// (decreasing in a right-to-left atom).
    carets: Vec<f32>,
    kind: AtomKind,
}

impl BidiText {
    fn lay_out(
        fonts: &mut egui::epaint::FontsView<'_>,
        job: &LayoutJob,
        source: &str,
    ) -> Option<Self> {
        let atoms = bidi::atoms(source);
        let bytes = char_bytes(&job.text);
        if bytes.len() != source.chars().count() + 1 {
            return None;
        }
        let galleys: Vec<Option<Arc<Galley>>> = (atoms.iter())
            .map(|a| {
                (a.kind != AtomKind::Break).then(|| {
                    let range = bytes[a.chars.start]..bytes[a.chars.end];
                    fonts.layout_job(atom_job(job, range, a.is_rtl()))
                })
            })
            .collect();
        let atom_text =
            |i: usize| &job.text[bytes[atoms[i].chars.start]..bytes[atoms[i].chars.end]];
        let widths: Vec<f32> = (galleys.iter())
            .map(|g| g.as_ref().map_or(0.0, |g| g.size().x))
            .collect();
        let width = job.wrap.max_width;
        let empty_height = (job.sections.first())
            .and_then(|s| s.format.line_height)
            .unwrap_or(16.0);
        let mut lines = Vec::new();
        let mut rows = Vec::new();
        let mut top = 0.0f32;
        // The widest line's right end (the width when nothing wraps).
        let mut right = 0.0f32;
        // A one-line label keeps its first line (`TextWrapping::max_rows`).
        let rows_wanted = job.wrap.max_rows;
        for line in bidi::break_lines(&atoms, &widths, width)
            .into_iter()
            .take(rows_wanted)
        {
            let height = (galleys[line.clone()].iter().flatten())
                .map(|g| g.size().y)
                .fold(0.0, f32::max);
            let height = if height > 0.0 { height } else { empty_height };
            let order = bidi::visual_order(&atoms, line.clone());
            let x0 = line_start_x(&atoms, &widths, &line, &order, width);
            let mut x = x0;
            let mut placed = Vec::with_capacity(order.len());
            for &i in &order {
                if let Some(g) = &galleys[i] {
                    for row in &g.rows {
                        let mut row = row.clone();
                        row.pos += vec2(x, top);
                        rows.push(row);
                    }
                }
                placed.push(Placed {
                    chars: atoms[i].chars.clone(),
                    carets: carets(&atoms[i], galleys[i].as_deref(), atom_text(i), x),
                    kind: atoms[i].kind,
                });
                x += widths[i];
            }
            let chars = atoms.get(line.start).map_or(0, |a| a.chars.start)
                ..atoms
                    .get(line.end.wrapping_sub(1))
                    .map_or(0, |a| a.chars.end);
            lines.push(Line {
                top,
                height,
                chars,
                atoms: placed,
            });
            right = right.max(x);
            top += height;
        }
        let galley = gathered(
            galleys.iter().flatten().next()?,
            job,
            rows,
            vec2(if width.is_finite() { width } else { right }, top),
        );
        Some(Self {
            galley: Arc::new(galley),
            lines,
        })
    }

    fn line_of(&self, local: usize) -> &Line {
        let i = self.lines.partition_point(|l| l.chars.start <= local);
        &self.lines[i.saturating_sub(1)]
    }

    fn caret(&self, local: usize) -> Rect {
        let line = self.line_of(local);
        let at = |p: &Placed| p.carets[local - p.chars.start];
        let x = (line.atoms.iter())
            .find(|p| p.chars.contains(&local))
            .or_else(|| line.atoms.iter().find(|p| p.chars.end == local))
            .map_or(0.0, at);
        Rect::from_min_size(pos2(x, line.top), vec2(0.0, line.height))
    }

    fn offset_at(&self, p: Vec2) -> usize {
        let i = self
            .lines
            .partition_point(|l| l.top <= p.y)
            .saturating_sub(1);
        let Some(line) = self.lines.get(i) else {
            return 0;
        };
        let nearest = (line.atoms.iter())
            .filter(|a| a.kind != AtomKind::Break)
            .flat_map(|a| {
                (a.chars.clone())
                    .zip(a.carets.iter())
                    .chain([(a.chars.end, a.carets.last().unwrap_or(&0.0))])
            })
            .min_by(|(_, x), (_, y)| (*x - p.x).abs().total_cmp(&(*y - p.x).abs()));
        nearest.map_or(line.chars.start, |(offset, _)| offset)
    }

    fn range_rects(&self, range: Range<usize>) -> Vec<Rect> {
        let mut out: Vec<Rect> = Vec::new();
        for line in &self.lines {
            if line.chars.end <= range.start || line.chars.start >= range.end {
                continue;
            }
            let first = out.len();
            for a in &line.atoms {
                let (lo, hi) = (range.start.max(a.chars.start), range.end.min(a.chars.end));
                if lo >= hi || a.kind == AtomKind::Break {
                    continue;
                }
                let (x0, x1) = (a.carets[lo - a.chars.start], a.carets[hi - a.chars.start]);
                let r = Rect::from_min_max(
                    pos2(x0.min(x1), line.top),
                    pos2(x0.max(x1), line.top + line.height),
                );
                match out[first..].last_mut() {
                    Some(last) if (last.max.x - r.min.x).abs() < 0.5 => last.max.x = r.max.x,
                    _ => out.push(r),
                }
            }
        }
        out
    }
}

/// Where a line's first (leftmost) atom goes: 0, or for a right-to-left
/// paragraph the line's width from the right (its hanging spaces, on the
/// left after reordering, not counted).
fn line_start_x(
    atoms: &[Atom],
    widths: &[f32],
    line: &Range<usize>,
    order: &[usize],
    width: f32,
) -> f32 {
    let rtl = atoms
        .get(line.start)
        .is_some_and(|a| !a.base.is_multiple_of(2));
    if !rtl || !width.is_finite() {
        return 0.0;
    }
    let hanging: f32 = (order.iter())
        .take_while(|&&i| atoms[i].kind != AtomKind::Word)
        .map(|&i| widths[i])
        .sum();
    let total: f32 = order.iter().map(|&i| widths[i]).sum();
    (width - (total - hanging)).round() - hanging
}

/// The x of each code point boundary of an atom placed at `x`, in logical
/// order. Left to right: egui's own caret positions. Right to left: egui
/// gives the glyphs in visual order, so they are read from the right,
/// each matched with the next character of `text` (the atom's, as shown;
/// mirrored where it was shaped reversed); a ligature's second character,
/// which has no glyph of its own, gets the ligature's left edge.
fn carets(atom: &Atom, galley: Option<&Galley>, text: &str, x: f32) -> Vec<f32> {
    let n = atom.chars.len();
    let Some(g) = galley else {
        return vec![x; n + 1];
    };
    if !atom.is_rtl() {
        return (0..=n)
            .map(|i| x + g.pos_from_cursor(CCursor::new(i)).min.x)
            .collect();
    }
    let reversed = bidi::shaping_text(text, true).is_some();
    let logical = text
        .chars()
        .map(|c| if reversed { bidi::mirrored(c) } else { c });
    let glyphs: Vec<_> = (g.rows.iter().flat_map(|r| r.glyphs.iter()))
        .filter(|g| !is_filler(g))
        .rev()
        .collect();
    let (mut next, mut edge) = (0, g.size().x);
    let mut out = Vec::with_capacity(n + 1);
    for c in logical.take(n) {
        out.push(x + edge);
        // A glyph the shaper put out of order is skipped (one at most).
        let found = (next..glyphs.len().min(next + 2)).find(|&k| glyphs[k].chr == c);
        let Some(k) = found else { continue };
        // A cluster's glyphs (a letter and its marks, which take no
        // width) all carry the cluster's first character: they go with it.
        next = k + 1;
        edge = glyphs[k].pos.x;
        let mark = |g: &&&egui::epaint::text::Glyph| g.chr == c && g.advance_width == 0.0;
        while let Some(g) = glyphs.get(next).filter(mark) {
            edge = edge.min(g.pos.x);
            next += 1;
        }
    }
    out.resize(n, x + edge);
    out.push(x);
    out
}

/// egui keeps one glyph per character by adding empty glyphs after a
/// cluster that has fewer glyphs than characters; in a right-to-left run
/// it adds them for the whole word. They show nothing and take no room.
fn is_filler(g: &egui::epaint::text::Glyph) -> bool {
    g.advance_width == 0.0 && g.uv_rect.is_nothing()
}

/// Byte offset of each char of `text`, and its length at the end.
fn char_bytes(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect()
}

/// The part of `job` over `bytes`, on one line, to be shaped in the
/// atom's direction: as it is, or reversed in one format (the first
/// character's) where the shaper would run it the other way.
fn atom_job(job: &LayoutJob, bytes: Range<usize>, rtl: bool) -> LayoutJob {
    let text = &job.text[bytes.clone()];
    let mut out = LayoutJob {
        text: text.to_owned(),
        break_on_newline: false,
        ..Default::default()
    };
    if let Some(reversed) = bidi::shaping_text(text, rtl) {
        let first = (job.sections.iter()).find(|s| s.byte_range.end.0 > bytes.start);
        if let Some(s) = first {
            out.sections.push(LayoutSection {
                leading_space: 0.0,
                byte_range: ByteIndex(0)..ByteIndex(reversed.len()),
                format: s.format.clone(),
            });
        }
        out.text = reversed;
        return out;
    }
    for s in &job.sections {
        let (lo, hi) = (
            s.byte_range.start.0.max(bytes.start),
            s.byte_range.end.0.min(bytes.end),
        );
        if lo < hi {
            out.sections.push(LayoutSection {
                leading_space: 0.0,
                byte_range: ByteIndex(lo - bytes.start)..ByteIndex(hi - bytes.start),
                format: s.format.clone(),
            });
        }
    }
    out
}

/// One galley holding every atom's rows where they were placed, so the
/// block paints as one shape; the galley of an atom gives what the
/// painter needs besides (its pixels per point).
fn gathered(
    like: &Galley,
    job: &LayoutJob,
    rows: Vec<egui::epaint::text::PlacedRow>,
    size: Vec2,
) -> Galley {
    let mut g = like.clone();
    let rect = Rect::from_min_size(Pos2::ZERO, size);
    g.mesh_bounds = (rows.iter())
        .map(|r| r.visuals.mesh_bounds.translate(r.pos.to_vec2()))
        .fold(Rect::NOTHING, |a, b| a.union(b));
    g.num_vertices = rows.iter().map(|r| r.visuals.mesh.vertices.len()).sum();
    g.num_indices = rows.iter().map(|r| r.visuals.mesh.indices.len()).sum();
    g.rows = rows;
    g.rect = rect;
    g.job = Arc::new(job.clone());
    g
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use egui::{FontId, TextFormat};

    /// `text` laid out as the reading pane does, `width` wide, 16 pt.
    fn lay_out(text: &str, width: f32) -> BlockText {
        crate::ui::fonts::with_ui(|ui| {
            let format = TextFormat {
                font_id: FontId::new(16.0, crate::ui::fonts::family(crate::ui::fonts::READING)),
                line_height: Some(24.0),
                ..Default::default()
            };
            let mut job = LayoutJob::single_section(text.to_owned(), format);
            job.wrap.max_width = width;
            ui.ctx().fonts_mut(|f| BlockText::lay_out(f, job, text))
        })
    }

    /// Each line's characters as painted, left to right (a glyph carries
    /// its character; these samples have no marks or ligatures).
    pub(crate) fn painted(g: &Galley) -> Vec<String> {
        let mut lines: Vec<(f32, String)> = Vec::new();
        for row in &g.rows {
            let glyphs = row.glyphs.iter().filter(|g| !is_filler(g));
            let chars: String = glyphs.map(|g| g.chr).collect();
            match lines.last_mut() {
                Some((y, s)) if *y == row.pos.y => s.push_str(&chars),
                _ => lines.push((row.pos.y, chars)),
            }
        }
        lines.into_iter().map(|(_, s)| s).collect()
    }

    fn rev(s: &str) -> String {
        s.chars().rev().collect()
    }

    #[test]
    fn english_stays_one_galley() {
        assert!(matches!(
            lay_out("Nikol Pashinyan, 2025", 400.0),
            BlockText::Plain(_)
        ));
    }

    #[test]
    fn a_persian_line_is_painted_right_to_left_with_its_number_left_to_right() {
        let t = lay_out("سال ۲۰۲۵ بود", 400.0);
        let want = format!("{} ۲۰۲۵ {}", rev("بود"), rev("سال"));
        assert_eq!(painted(t.galley()), vec![want]);
        // Aligned right: the first character's caret is at the right edge.
        assert!((t.caret(0).min.x - 400.0).abs() < 1.0, "{:?}", t.caret(0));
        // The number reads left to right: "۲" left of "۵".
        assert!(t.caret(4).min.x < t.caret(7).min.x);
    }

    #[test]
    fn guillemets_in_persian_are_mirrored() {
        let t = lay_out("«خط قرمز»", 400.0);
        let want = format!("«{} {}»", rev("قرمز"), rev("خط"));
        assert_eq!(painted(t.galley()), vec![want]);
    }

    #[test]
    fn a_long_word_with_no_space_wraps_inside_the_column() {
        // A hostile paragraph: 300 Persian letters and no space, 200 px wide.
        let word = "بپت".repeat(100);
        let t = lay_out(&word, 200.0);
        assert!(painted(t.galley()).len() >= 3, "it wraps");
        for i in 0..=300 {
            let x = t.caret(i).min.x;
            assert!(
                (-0.5..=200.5).contains(&x),
                "caret {i} at {x}: outside the column"
            );
        }
    }

    #[test]
    fn an_emoji_sequence_in_persian_stays_in_its_order() {
        // "👩‍💻" (woman, ZWJ, laptop) after a Persian word: the sequence is
        // not reversed with the run around it.
        // egui gives each glyph of a cluster the cluster's first character:
        // reversed character by character, the sequence would start with 💻.
        let t = lay_out("سلام 👩\u{200D}💻", 400.0);
        let line = &painted(t.galley())[0];
        assert!(line.starts_with('👩') && !line.contains('💻'), "{line}");
        assert!(line.ends_with(&rev("سلام")), "{line}");
    }

    #[test]
    fn an_english_line_keeps_persian_words_in_persian_order() {
        let t = lay_out("The term سیاست خارجی means", 600.0);
        let want = format!("The term {} {} means", rev("خارجی"), rev("سیاست"));
        assert_eq!(painted(t.galley()), vec![want]);
        // "term سیاست" crosses the direction change: two rectangles, with
        // "خارجی " between them.
        let rects = t.range_rects(4..14);
        assert_eq!(rects.len(), 2, "{rects:?}");
        let gap = t.range_rects(15..20)[0];
        assert!(rects[0].max.x <= gap.min.x + 0.5 && gap.max.x <= rects[1].min.x + 0.5);
    }

    #[test]
    fn a_point_over_a_persian_letter_gives_its_offset() {
        // "ایران است": ی (offset 1) is right of ر (offset 2).
        let t = lay_out("ایران است", 400.0);
        let (a, b) = (t.caret(1).min.x, t.caret(2).min.x);
        assert!(a > b, "right to left: {a} > {b}");
        assert_eq!(t.offset_at(vec2(a - 0.4, 5.0)), 1);
        assert_eq!(t.offset_at(vec2(b + 0.4, 5.0)), 2);
        // Every boundary maps back to itself.
        for i in 0..=9 {
            let x = t.caret(i).min.x;
            assert_eq!(t.offset_at(vec2(x, 5.0)), i, "boundary {i} at {x}");
        }
    }

    #[test]
    fn a_persian_paragraph_wraps_in_reading_order() {
        // Ten words, each on the line after the one before in logical order.
        let words = [
            "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده",
        ];
        let t = lay_out(&words.join(" "), 90.0);
        let lines = painted(t.galley());
        assert!(lines.len() >= 3, "{lines:?}");
        // The first line holds the first words, right to left.
        let first: Vec<String> = lines[0]
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(rev)
            .collect();
        let n = first.len();
        let mut want: Vec<String> = words[..n].iter().map(|w| w.to_string()).collect();
        want.reverse();
        assert_eq!(first, want);
    }
}
