//! The reading pane: the document laid out paragraph by paragraph, coded
//! passages tinted in the text and drawn as stripes in the margin, and mouse
//! selection with exact code-point offsets.
//!
//! Built for book-length text: each block is laid out once into its own
//! galley and cached (until the width, zoom or theme changes); a block
//! longer than [`PIECE`] (a whole book in one paragraph) is laid out in
//! pieces, so only the pieces near the view cost layout and memory; heights
//! of pieces not yet laid out are estimated; only visible ones are painted;
//! passages are found through the [`DocumentIndex`], never by a scan.
//! Tints and stripes are plain rectangles painted under the text, so a change
//! to the coding re-lays out nothing; they are kept as one mesh until the
//! coding, layout or scroll position changes (`marks`).

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Pos2, Rect, Sense, Stroke, pos2, vec2};

mod marks;

use super::block_text::BlockText;

use super::colors::{color, relation_color, swatch};
use super::document_access::{self, VisibleBlock};
use super::fonts;
use crate::analysis::compare::CompareSegment;
use crate::model::pieces::{Piece, pieces};
use crate::model::{
    Block, BlockKind, CodeId, Document, DocumentIndex, PassageId, Project, Rgb, Selection, Style,
};

/// Width of one coding stripe and the gap after it, in points.
const STRIPE_W: f32 = 4.0;
const STRIPE_GAP: f32 = 2.0;
const MIN_LANES: usize = 6;
/// Budget for laying out text in one frame (visible blocks first, then
/// their neighbours while it lasts).
const LAYOUT_BUDGET: std::time::Duration = std::time::Duration::from_millis(4);
/// Code points laid out ahead of the view each way, so scrolling finds
/// them ready; the rest of the document has estimated heights.
const NEAR: usize = 60_000;
/// Code points kept laid out at most (about 200 bytes each): past this the
/// blocks farthest from the view give their galleys back, keeping heights.
const KEEP: usize = 400_000;
/// Re-exported for the tests and benchmarks that name it here.
pub use crate::model::pieces::PIECE;
/// Two presses closer than this (seconds, points) count as a multi-click.
const MULTI_CLICK_TIME: f64 = 0.4;
const MULTI_CLICK_DIST: f32 = 6.0;

/// What the user did in the view this frame.
#[derive(Default)]
pub struct ViewEvents {
    /// A click (without drag) on a coded passage.
    pub clicked_passage: Option<PassageId>,
    /// A click on uncoded text: clear the passage selection.
    pub clicked_empty: bool,
    /// The text selection as the pointer left it this frame, if it changed
    /// (`Some(None)`: cleared).
    pub selection: Option<Option<Selection>>,
    /// A code dragged from the codebook and dropped on the text.
    pub dropped_code: Option<CodeId>,
}

/// What a right-click in the text is about.
#[derive(Clone, Debug, PartialEq)]
pub enum ContextTarget {
    /// The selected text (the click was inside it).
    Selection(Range<usize>),
    /// The passage under the pointer.
    Passage(PassageId),
}

/// Layout of one document at one width and zoom.
#[derive(Default)]
struct Layout {
    key: Option<LayoutKey>,
    /// The document's blocks, long ones cut into pieces; the vectors below
    /// are indexed like it.
    pieces: Vec<Piece>,
    galleys: Vec<Option<BlockText>>,
    heights: Vec<f32>,
    /// `tops[i]` is the y of block `i`; `tops[n]` the total height.
    tops: Vec<f32>,
    /// Pieces to keep laid out: the visible ones and their neighbours.
    wanted: Range<usize>,
    /// Whether every wanted block is laid out.
    settled: bool,
    /// Code points in laid-out blocks.
    laid: usize,
}

#[derive(Clone, PartialEq)]
struct LayoutKey {
    document: String,
    chars: usize,
    blocks: usize,
    width: u32,
    size: u32,
    dark: bool,
    /// `fonts::atlas_epoch`: galleys from before an atlas clear are void.
    atlas: u64,
}

/// Reading-pane state that lives across frames.
#[derive(Default)]
pub struct DocumentView {
    layout: Layout,
    /// Set to bring a code-point offset into view on the next frame.
    pub scroll_to: Option<usize>,
    dragging: bool,
    last_press: Option<(f64, Pos2, u32)>,
    /// Base font size of the text, in points.
    pub font_size: f32,
    last_geometry: Option<Geometry>,
    /// Code points of the blocks painted last frame (for the document map).
    last_visible: Option<Range<usize>>,
    /// Blocks laid out since the view was made (read by the benchmarks).
    layouts: u64,
    /// Scroll offset painted last frame, and how far to move it so that the
    /// text in view stays put while blocks above it change height.
    last_offset: f32,
    scroll_shift: f32,
    /// Tints and stripes as last painted.
    marks: marks::Marks,
    /// What the open context menu is about, fixed when it opened.
    context: Option<ContextTarget>,
    /// The code point at the top of the view before a relayout (zoom, a
    /// narrower or wider column): the view keeps it at the top after.
    /// (With how far the view's top was below that character's line.)
    keep_top: Option<(usize, f32)>,
}

/// Where the text column sits in the content, for coordinate conversions.
#[derive(Clone, Copy)]
struct Geometry {
    /// Screen position of content (0, 0).
    origin: Pos2,
    /// x of the text column within the content.
    column_x: f32,
    stripes_x: f32,
    /// x of the link connectors, right of the text column.
    links_x: f32,
}

/// Everything the view reads to paint one frame.
pub struct ViewInput<'a> {
    pub project: &'a Project,
    pub document: &'a Document,
    pub index: Option<&'a DocumentIndex>,
    /// The selected passage, if it is placed in this document.
    pub selected: Option<&'a PassageId>,
    /// The document's text selection (the session's).
    pub selection: Option<Selection>,
    /// The compare view: painted instead of the passages' tints.
    pub compare: Option<&'a [CompareSegment]>,
    /// Search hits (sorted, disjoint) and which of them is the current one.
    pub hits: Option<(&'a [Range<usize>], Option<usize>)>,
}

impl ViewInput<'_> {
    /// Where the selected passage is in `Project::passages` (the index
    /// names passages by position), if it is placed.
    fn selected_at(&self) -> Option<usize> {
        self.project.passages.position(self.selected?)
    }
}

impl DocumentView {
    pub fn new() -> Self {
        Self {
            font_size: 17.0,
            ..Default::default()
        }
    }

    /// Whether the visible blocks and their neighbours are laid out, so
    /// what is on screen and near it is final.
    pub fn is_settled(&self) -> bool {
        self.layout.key.is_some() && self.layout.settled && self.scroll_shift == 0.0
    }

    /// Screen position of a character's top-left, if its block is laid out
    /// and was painted last frame (for tests and scrolling).
    pub fn char_pos(&self, doc: &Document, offset: usize) -> Option<Pos2> {
        let origin = self.last_geometry?.origin;
        if self.layout.key.as_ref()?.document != doc.id().0 {
            return None;
        }
        let b = self.piece_at(offset)?;
        let galley = self.layout.galleys.get(b)?.as_ref()?;
        let local = offset.saturating_sub(self.layout.pieces[b].span.start);
        let r = galley.caret(local);
        Some(origin + vec2(self.layout_column_x(), self.layout.tops[b]) + r.min.to_vec2())
    }

    /// Screen rectangles covering a code-point range as painted last frame
    /// (a range across a change of direction may take several per line).
    pub fn range_rects(&self, doc: &Document, range: Range<usize>) -> Vec<Rect> {
        let (Some(geo), Some(key)) = (self.last_geometry, self.layout.key.as_ref()) else {
            return Vec::new();
        };
        if key.document != doc.id().0 {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (b, piece) in self.layout.pieces.iter().enumerate() {
            let block = piece.span;
            if block.end <= range.start || block.start >= range.end {
                continue;
            }
            let Some(text) = &self.layout.galleys[b] else {
                continue;
            };
            let origin = geo.origin + vec2(geo.column_x, self.layout.tops[b]);
            let r = range.start.max(block.start)..range.end.min(block.end);
            out.extend(
                range_rects(text, block, r)
                    .into_iter()
                    .map(|r| r.translate(origin.to_vec2())),
            );
        }
        out
    }

    /// The code point at the top of the view as last painted.
    pub fn top_offset(&self) -> Option<usize> {
        self.top_char().map(|(offset, _)| offset)
    }

    /// Code points of the text painted last frame.
    pub fn visible_chars(&self) -> Option<Range<usize>> {
        self.last_visible.clone()
    }

    /// Code points in blocks laid out now (the rest have estimated heights).
    pub fn laid_out_chars(&self) -> usize {
        self.layout.laid
    }

    /// How many blocks this view has laid out so far: scrolling, coding and
    /// idle frames must not add to it (the benchmarks check this).
    pub fn layouts(&self) -> u64 {
        self.layouts
    }

    /// The passage index generation (`DocumentIndex::generation`) whose
    /// tints and stripes were painted last: whether a frame showed an edit.
    pub fn painted_generation(&self) -> Option<u64> {
        self.marks.generation()
    }

    fn layout_column_x(&self) -> f32 {
        self.last_geometry.map_or(0.0, |g| g.column_x)
    }

    /// Paints the document and handles the pointer; `menu` fills the
    /// context menu of a right-click in the text.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        input: &ViewInput<'_>,
        menu: &mut dyn FnMut(&mut egui::Ui, &ContextTarget),
    ) -> ViewEvents {
        let mut events = ViewEvents::default();
        if !fonts::installed(ui.ctx()) {
            ui.ctx().request_repaint();
            return events;
        }
        let lanes = input.index.map_or(0, |i| i.lanes);
        // Room for a few lanes is kept even when there are fewer, so the text
        // does not shift sideways when the first passages are coded.
        let margin = 24.0 + lanes.max(MIN_LANES) as f32 * (STRIPE_W + STRIPE_GAP);
        let avail = ui.available_width();
        // Right of the text, room for link connectors: less of it in a
        // narrow pane, where every point of the column counts.
        let links_room = (avail * 0.12).clamp(36.0, 90.0);
        let column_w = (avail - margin - links_room).clamp(200.0, self.font_size * 38.0);
        self.ensure_layout_key(ui, input.document, column_w);
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt("document")
            .auto_shrink([false, false]);
        let shift = std::mem::take(&mut self.scroll_shift);
        if let Some((offset, below)) = self.keep_top {
            scroll = scroll.vertical_scroll_offset(self.y_of(offset) + below);
        } else if let Some(offset) = self.scroll_to.take() {
            let y = self.y_of(offset);
            scroll = scroll.vertical_scroll_offset((y - ui.available_height() / 3.0).max(0.0));
        } else if shift != 0.0 {
            scroll = scroll.vertical_scroll_offset((self.last_offset + shift).max(0.0));
        }
        scroll.show_viewport(ui, |ui, viewport| {
            self.last_offset = viewport.min.y;
            self.lay_out_visible(ui, input.document, viewport);
            if let Some((offset, below)) = self.keep_top.take() {
                // Now that its block is laid out, the line itself goes back
                // to where it was at the top.
                self.scroll_shift = self.y_of(offset) + below - viewport.min.y;
            }
            // Blocks above the view that grew push it down by `scroll_shift`:
            // painted shifted back now, scrolled by it next frame, so the
            // text being read never jumps.
            let viewport = viewport.translate(vec2(0.0, self.scroll_shift));
            let extra = (avail - margin - column_w) / 2.0;
            let column_x = margin + extra.max(0.0);
            let geo = Geometry {
                origin: ui.max_rect().min - vec2(0.0, self.scroll_shift),
                column_x,
                stripes_x: column_x - margin + 8.0,
                links_x: column_x + column_w + 10.0,
            };
            self.last_geometry = Some(geo);
            let blocks = self.visible_blocks(viewport);
            let pieces = &self.layout.pieces;
            self.last_visible = pieces
                .get(blocks.start)
                .zip(pieces.get(blocks.end.saturating_sub(1)))
                .map(|(a, b)| a.span.start..b.span.end);
            let total = *self.layout.tops.last().unwrap_or(&0.0);
            let (rect, _) = ui.allocate_exact_size(vec2(avail, total + 40.0), Sense::hover());
            let id = ui.make_persistent_id("document-text");
            let response = ui.interact(rect.intersect(ui.clip_rect()), id, Sense::click_and_drag());
            let title = input.document.title().to_owned();
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Document,
                    true,
                    format!("document text: {title}"),
                )
            });
            self.handle_pointer(ui, &response, input, geo, &mut events);
            self.context_menu(&response, input, geo, menu);
            events.dropped_code = response
                .dnd_release_payload::<CodeId>()
                .map(|c| (*c).clone());
            self.paint(ui, input, geo, viewport);
            self.hover_tooltip(ui, &response, input, geo);
            if document_access::enabled(ui.ctx(), id) {
                let visible = self.visible_block_rects(geo, viewport, column_w);
                let index = input.index;
                document_access::expose(ui, id, input.project, input.document, index, &visible);
            }
        });
        events
    }
}

// ---------------------------------------------------------------------------
// Layout

impl DocumentView {
    fn ensure_layout_key(&mut self, ui: &egui::Ui, doc: &Document, width: f32) {
        let key = LayoutKey {
            document: doc.id().0.clone(),
            chars: doc.char_len(),
            blocks: doc.blocks().len(),
            width: width.round() as u32,
            size: (self.font_size * 10.0).round() as u32,
            dark: ui.visuals().dark_mode,
            atlas: fonts::atlas_epoch(ui.ctx()),
        };
        if self.layout.key.as_ref() == Some(&key) {
            return;
        }
        // The pieces depend on the text alone: kept while only the width,
        // zoom or theme changes.
        let same_text = (self.layout.key.as_ref()).is_some_and(|k| {
            (&k.document, k.chars, k.blocks) == (&key.document, key.chars, key.blocks)
        });
        if same_text && self.scroll_to.is_none() {
            self.keep_top = self.top_char();
        }
        let pieces = if same_text {
            std::mem::take(&mut self.layout.pieces)
        } else {
            pieces(doc)
        };
        let n = pieces.len();
        let line = self.font_size * 1.5;
        let chars_per_line = (width / (self.font_size * 0.48)).max(10.0);
        let heights = (pieces.iter())
            .map(|p| {
                ((p.span.end - p.span.start) as f32 / chars_per_line)
                    .ceil()
                    .max(1.0)
                    * line
            })
            .collect();
        let old = std::mem::replace(
            &mut self.layout,
            Layout {
                key: Some(key),
                pieces,
                galleys: vec![None; n],
                heights,
                ..Layout::default()
            },
        );
        // Freeing thousands of galleys takes milliseconds: not in this frame.
        if old.galleys.len() > 64 {
            std::thread::spawn(move || drop(old));
        }
        self.recompute_tops();
    }

    /// Space above a piece: a block's gap before its first piece, none
    /// between the pieces of one block.
    fn piece_gap(&self, piece: &Piece) -> f32 {
        if !piece.first {
            return 0.0;
        }
        match piece.span.kind {
            BlockKind::Title => self.font_size * 0.6,
            BlockKind::Heading => self.font_size * 1.6,
            BlockKind::Byline | BlockKind::Paragraph => self.font_size * 0.9,
        }
    }

    fn recompute_tops(&mut self) {
        let mut y = self.font_size;
        let mut tops = std::mem::take(&mut self.layout.tops);
        tops.clear();
        for (i, p) in self.layout.pieces.iter().enumerate() {
            if i > 0 {
                y += self.piece_gap(p);
            }
            tops.push(y);
            y += self.layout.heights[i];
        }
        tops.push(y + self.font_size);
        self.layout.tops = tops;
    }

    /// Index of the piece containing `offset`, or of the piece after a gap.
    fn piece_at(&self, offset: usize) -> Option<usize> {
        let pieces = &self.layout.pieces;
        let i = pieces.partition_point(|p| p.span.end < offset);
        (i < pieces.len()).then_some(i)
    }

    /// Lays out the visible blocks, then their neighbours (nearest first)
    /// while the frame's budget, counted from the start, lasts. Blocks above
    /// the view that change height move the scroll offset with them, so the
    /// text being read stays where it is.
    fn lay_out_visible(&mut self, ui: &egui::Ui, doc: &Document, viewport: Rect) {
        let started = std::time::Instant::now();
        let width = self.layout.key.as_ref().map_or(400.0, |k| k.width as f32);
        let visible = self.visible_blocks(viewport);
        let anchor = (visible.start..visible.end)
            .find(|&b| self.layout.tops[b] >= viewport.min.y)
            .unwrap_or(visible.start);
        let anchor_top = self.layout.tops.get(anchor).copied();
        let mut changed = false;
        for b in visible.clone() {
            changed |= self.lay_out_block(ui, doc, b, width);
        }
        let wanted = near(&self.layout.pieces, visible.clone());
        let ahead = (visible.end..wanted.end).chain((wanted.start..visible.start).rev());
        let mut settled = true;
        for b in ahead {
            if self.layout.galleys[b].is_some() {
                continue;
            }
            if started.elapsed() >= LAYOUT_BUDGET {
                settled = false;
                break;
            }
            changed |= self.lay_out_block(ui, doc, b, width);
        }
        if changed {
            self.recompute_tops();
            if let (Some(before), Some(&after)) = (anchor_top, self.layout.tops.get(anchor)) {
                self.scroll_shift += after - before;
            }
        }
        self.layout.wanted = wanted;
        self.layout.settled = settled;
        self.give_back_far_galleys();
        if !settled || self.scroll_shift != 0.0 {
            ui.ctx().request_repaint();
        }
    }

    /// Past `KEEP` laid-out code points, drops the galleys of the blocks
    /// farthest from the wanted ones (their heights stay, so nothing moves),
    /// freed off the UI thread.
    fn give_back_far_galleys(&mut self) {
        if self.layout.laid <= KEEP {
            return;
        }
        let wanted = self.layout.wanted.clone();
        let distance = |b: usize| b.abs_diff(wanted.start).min(b.abs_diff(wanted.end));
        let mut far: Vec<usize> = (0..self.layout.galleys.len())
            .filter(|b| !wanted.contains(b) && self.layout.galleys[*b].is_some())
            .collect();
        far.sort_by_key(|&b| std::cmp::Reverse(distance(b)));
        let mut freed = Vec::new();
        for b in far {
            if self.layout.laid <= KEEP * 3 / 4 {
                break;
            }
            freed.extend(self.layout.galleys[b].take());
            let span = self.layout.pieces[b].span;
            self.layout.laid -= span.end - span.start;
        }
        if !freed.is_empty() {
            std::thread::spawn(move || drop(freed));
        }
    }

    fn lay_out_block(&mut self, ui: &egui::Ui, doc: &Document, b: usize, width: f32) -> bool {
        if self.layout.galleys[b].is_some() {
            return false;
        }
        let span = self.layout.pieces[b].span;
        let job = self.layout_job(ui, doc, &span, width);
        let source = doc.slice(span.start, span.end);
        let galley = BlockText::lay_out_in(ui.ctx(), job, source);
        let height = galley.size().y;
        self.layout.galleys[b] = Some(galley);
        self.layout.laid += span.end - span.start;
        self.layouts += 1;
        let changed = (self.layout.heights[b] - height).abs() > 0.01;
        self.layout.heights[b] = height;
        changed
    }

    /// The visible pieces with their screen rectangles (for AccessKit).
    fn visible_block_rects(&self, geo: Geometry, viewport: Rect, width: f32) -> Vec<VisibleBlock> {
        (self.visible_blocks(viewport))
            .map(|b| {
                let (top, bottom) = (self.layout.tops[b], self.layout.tops[b + 1]);
                let min = geo.origin + vec2(geo.column_x, top);
                let rect = Rect::from_min_size(min, vec2(width, bottom - top));
                let span = self.layout.pieces[b].span;
                VisibleBlock {
                    index: b,
                    start: span.start,
                    end: span.end,
                    rect,
                }
            })
            .collect()
    }

    fn visible_blocks(&self, viewport: Rect) -> Range<usize> {
        let tops = &self.layout.tops;
        let n = tops.len().saturating_sub(1);
        let first = tops[..n]
            .partition_point(|&t| t < viewport.min.y)
            .saturating_sub(1);
        let last = tops[..n].partition_point(|&t| t < viewport.max.y);
        first..last.min(n)
    }

    /// The text format for a block kind, with the styles of the markup.
    fn layout_job(&self, ui: &egui::Ui, doc: &Document, block: &Block, width: f32) -> LayoutJob {
        let color = reading_color(ui.visuals());
        let size = self.font_size;
        let (family, scale) = match block.kind {
            BlockKind::Title => (fonts::READING_BOLD, 1.55),
            BlockKind::Heading => (fonts::READING_BOLD, 1.2),
            BlockKind::Byline => (fonts::READING_ITALIC, 0.95),
            BlockKind::Paragraph => (fonts::READING, 1.0),
        };
        let base = TextFormat {
            font_id: FontId::new(size * scale, fonts::family(family)),
            line_height: Some(size * scale * 1.5),
            color: if block.kind == BlockKind::Byline {
                ui.visuals().weak_text_color()
            } else {
                color
            },
            ..Default::default()
        };
        let mut job = LayoutJob {
            wrap: egui::text::TextWrapping {
                max_width: width,
                ..Default::default()
            },
            ..Default::default()
        };
        for (range, styles) in style_runs(doc, block) {
            let mut format = base.clone();
            if styles.contains(&Style::Underline) {
                format.underline = Stroke::new(1.0, color);
            }
            if styles.contains(&Style::Bold) && block.kind == BlockKind::Paragraph {
                format.font_id.family = fonts::family(fonts::READING_BOLD);
            }
            if styles.contains(&Style::Italic) {
                format.font_id.family = fonts::family(fonts::READING_ITALIC);
            }
            let text = super::invisible::for_reading(doc.slice(range.start, range.end));
            job.append(&text, 0.0, format);
        }
        job
    }

    /// Content y of a code-point offset (estimated if its piece is not laid out).
    /// The code point at the top of the view as last painted, and how far
    /// the view's top is below the top of its line.
    fn top_char(&self) -> Option<(usize, f32)> {
        let g = self.last_geometry?;
        let y = self.last_offset + self.scroll_shift;
        let top = g.origin + vec2(g.column_x + 1.0, y + 1.0);
        let offset = self.offset_at(g, top);
        Some((offset, y - self.y_of(offset)))
    }

    fn y_of(&self, offset: usize) -> f32 {
        let Some(b) = self.piece_at(offset) else {
            return 0.0;
        };
        let top = self.layout.tops.get(b).copied().unwrap_or(0.0);
        match &self.layout.galleys.get(b) {
            Some(Some(g)) => {
                let local = offset.saturating_sub(self.layout.pieces[b].span.start);
                top + g.caret(local).min.y
            }
            _ => top,
        }
    }
}

/// The pieces within `NEAR` code points of the visible ones.
fn near(pieces: &[Piece], visible: Range<usize>) -> Range<usize> {
    let (Some(first), Some(last)) = (
        pieces.get(visible.start),
        visible.end.checked_sub(1).and_then(|b| pieces.get(b)),
    ) else {
        return visible;
    };
    let from = pieces.partition_point(|p| p.span.end + NEAR <= first.span.start);
    let to = pieces.partition_point(|p| p.span.start < last.span.end + NEAR);
    from.min(visible.start)..to.max(visible.end)
}

/// Where the reading pane starts a piece inside a block (a block longer
/// than [`PIECE`] is laid out in pieces): for tests and the benchmarks.
pub fn piece_cuts(doc: &Document) -> Vec<usize> {
    (pieces(doc).into_iter())
        .filter(|p| !p.first)
        .map(|p| p.span.start)
        .collect()
}

/// Body text colour: more contrast than egui's UI text, for long reading.
fn reading_color(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_gray(218)
    } else {
        Color32::from_gray(24)
    }
}

/// Splits a block into runs of equal style, as code-point ranges.
fn style_runs(doc: &Document, block: &Block) -> Vec<(Range<usize>, Vec<Style>)> {
    let spans: Vec<_> = doc
        .spans()
        .iter()
        .filter(|s| s.start < block.end && s.end > block.start)
        .collect();
    let mut cuts = vec![block.start, block.end];
    for s in &spans {
        cuts.extend([s.start.max(block.start), s.end.min(block.end)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let styles = spans
                .iter()
                .filter(|s| s.start <= w[0] && w[0] < s.end)
                .map(|s| s.style)
                .collect();
            (w[0]..w[1], styles)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Pointer

impl DocumentView {
    /// The code-point offset under a screen position.
    fn offset_at(&self, geo: Geometry, pos: Pos2) -> usize {
        let local = pos - geo.origin;
        let tops = &self.layout.tops;
        let n = self.layout.pieces.len();
        if n == 0 || tops.len() <= n {
            return 0;
        }
        let b = tops[..n]
            .partition_point(|&t| t <= local.y)
            .saturating_sub(1);
        let block = self.layout.pieces[b].span;
        let in_block = vec2(local.x - geo.column_x, local.y - tops[b]);
        if in_block.y > self.layout.heights[b] {
            // In the gap below a block: the end of that block.
            return block.end;
        }
        match &self.layout.galleys[b] {
            Some(g) => block.start + g.offset_at(in_block).min(block.end - block.start),
            None => block.start,
        }
    }

    fn handle_pointer(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        input: &ViewInput<'_>,
        geo: Geometry,
        events: &mut ViewEvents,
    ) {
        let doc = input.document;
        let Some(pos) = response.interact_pointer_pos() else {
            self.dragging = false;
            return;
        };
        let offset = self.offset_at(geo, pos);
        let (pressed, shift, time) =
            ui.input(|i| (i.pointer.primary_pressed(), i.modifiers.shift, i.time));
        let mut selection = input.selection;
        if pressed {
            let clicks = self.count_clicks(time, pos);
            selection = Some(self.press(doc, input.selection, offset, shift, clicks));
        } else if response.dragged() && self.dragging {
            if let Some(sel) = selection.as_mut() {
                sel.head = offset;
            }
            auto_scroll(ui, pos);
        }
        if response.clicked() && !shift && selection.is_none_or(|s| s.is_empty()) {
            match self.stripe_or_passage_at(input, geo, pos, offset, true) {
                Some(p) => events.clicked_passage = Some(input.project.passages[p].id.clone()),
                None => events.clicked_empty = true,
            }
        }
        if response.drag_stopped() {
            // A drag is taken as the words it covers: no stray space at
            // either end, no word cut in half (QDA tools do the same).
            if self.dragging {
                selection = selection.map(|s| s.snapped_to_words(doc));
            }
            self.dragging = false;
        }
        if selection != input.selection {
            events.selection = Some(selection);
        }
    }

    /// A right-click inside the selection is about it, elsewhere about the
    /// passage under the pointer (stripes included); on uncoded text
    /// outside the selection there is no menu.
    fn context_menu(
        &mut self,
        response: &egui::Response,
        input: &ViewInput<'_>,
        geo: Geometry,
        menu: &mut dyn FnMut(&mut egui::Ui, &ContextTarget),
    ) {
        if response.secondary_clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            let offset = self.offset_at(geo, pos);
            let selected = input.selection.filter(|s| !s.is_empty()).map(|s| s.range());
            self.context = match selected {
                Some(r) if r.contains(&offset) || r.end == offset => {
                    Some(ContextTarget::Selection(r))
                }
                _ => self
                    .stripe_or_passage_at(input, geo, pos, offset, false)
                    .map(|p| ContextTarget::Passage(input.project.passages[p].id.clone())),
            };
        }
        let Some(target) = self.context.clone() else {
            return;
        };
        if response.context_menu(|ui| menu(ui, &target)).is_none() {
            self.context = None;
        }
    }

    fn count_clicks(&mut self, time: f64, pos: Pos2) -> u32 {
        let clicks = match self.last_press {
            Some((t, p, n))
                if time - t < MULTI_CLICK_TIME && p.distance(pos) < MULTI_CLICK_DIST =>
            {
                n + 1
            }
            _ => 1,
        };
        self.last_press = Some((time, pos, clicks));
        clicks
    }

    /// The selection a press makes: a caret, a word (double click), a
    /// paragraph (triple click), or with Shift the old one stretched.
    fn press(
        &mut self,
        doc: &Document,
        old: Option<Selection>,
        offset: usize,
        shift: bool,
        clicks: u32,
    ) -> Selection {
        self.dragging = clicks == 1;
        match (clicks, shift, old) {
            (1, true, Some(sel)) => Selection::new(sel.anchor, offset),
            (2, ..) => {
                let (s, e) = doc.word_at(offset);
                Selection::new(s, e)
            }
            (3.., ..) => match doc.block_at(offset).map(|b| doc.blocks()[b]) {
                Some(b) => Selection::new(b.start, b.end),
                None => Selection::caret(offset),
            },
            _ => Selection::caret(offset),
        }
    }

    /// The passage of a stripe under the pointer, else the innermost passage
    /// in the text under it. With `cycle`, a click on the selected passage
    /// goes to the next one out, so nested passages can all be reached.
    fn stripe_or_passage_at(
        &self,
        input: &ViewInput<'_>,
        geo: Geometry,
        pos: Pos2,
        offset: usize,
        cycle: bool,
    ) -> Option<usize> {
        let index = input.index?;
        let lane_x = pos.x - geo.origin.x - geo.stripes_x;
        if lane_x >= 0.0 && pos.x - geo.origin.x < geo.column_x - 4.0 {
            let lane = (lane_x / (STRIPE_W + STRIPE_GAP)) as usize;
            let y = pos.y - geo.origin.y;
            // Only stripes touching the text row beside the pointer can be under it.
            let row_end = self.offset_at(geo, pos2(geo.origin.x + geo.column_x + 1e5, pos.y));
            return index
                .stripes
                .query(offset.min(row_end), row_end + 1)
                .filter(|(_, _, s)| s.lane == lane)
                .find(|(s, e, _)| {
                    let (y0, y1) = self.span_y(*s, *e);
                    y0 <= y && y <= y1
                })
                .map(|(_, _, s)| s.passage);
        }
        if pos.x - geo.origin.x < geo.column_x {
            return None;
        }
        let at = index.passages_at(input.project, offset);
        let selected = input.selected_at();
        let current = at.iter().position(|&p| Some(p) == selected);
        match current {
            Some(k) if cycle => Some(at[(k + 1) % at.len()]),
            Some(k) => Some(at[k]),
            None => at.first().copied(),
        }
    }

    fn hover_tooltip(
        &self,
        ui: &egui::Ui,
        response: &egui::Response,
        input: &ViewInput<'_>,
        geo: Geometry,
    ) {
        if self.dragging {
            return;
        }
        let Some(pos) = response.hover_pos() else {
            return;
        };
        let offset = self.offset_at(geo, pos);
        let Some(p) = self.stripe_or_passage_at(input, geo, pos, offset, false) else {
            return;
        };
        let passage = &input.project.passages[p];
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.set_max_width(360.0);
            for code in &passage.codes {
                if let Some(c) = input.project.codebook.code(code) {
                    ui.horizontal(|ui| {
                        swatch(ui, c.color);
                        ui.strong(&c.name);
                    });
                }
            }
            if passage.codes.is_empty() {
                ui.weak("No codes");
            }
            if !passage.memo.is_empty() {
                ui.separator();
                super::bidi_label::label(ui, &passage.memo);
            }
            ui.weak("Click to select");
        });
        let _ = ui;
    }
}

/// Scrolls while a drag is held near the top or bottom edge.
fn auto_scroll(ui: &egui::Ui, pos: Pos2) {
    let clip = ui.clip_rect();
    let edge = 24.0;
    let delta = if pos.y < clip.top() + edge {
        clip.top() + edge - pos.y
    } else if pos.y > clip.bottom() - edge {
        clip.bottom() - edge - pos.y
    } else {
        return;
    };
    ui.scroll_with_delta(vec2(0.0, delta.clamp(-30.0, 30.0)));
    ui.ctx().request_repaint();
}

// ---------------------------------------------------------------------------
// Painting

const UNCODED: Rgb = Rgb(0x90, 0x90, 0x90);

impl DocumentView {
    fn paint(&mut self, ui: &egui::Ui, input: &ViewInput<'_>, geo: Geometry, viewport: Rect) {
        let painter = ui.painter();
        let blocks = self.visible_blocks(viewport);
        if blocks.is_empty() || blocks.end > self.layout.pieces.len() {
            return;
        }
        let dark = ui.visuals().dark_mode;
        self.paint_marks(painter, input, geo, blocks.clone());
        for b in blocks.clone() {
            let Some(galley) = &self.layout.galleys[b] else {
                continue;
            };
            let block = self.layout.pieces[b].span;
            let origin = geo.origin + vec2(geo.column_x, self.layout.tops[b]);
            if let Some(segments) = input.compare {
                paint_compare(painter, galley, block, origin, segments);
            }
            if let Some(hits) = input.hits {
                paint_hits(painter, galley, block, origin, hits, dark);
            }
            if let Some(sel) = input.selection.filter(|s| !s.is_empty()).map(|s| s.range()) {
                let fill = ui.visuals().selection.bg_fill.linear_multiply(0.8);
                for r in range_rects(
                    galley,
                    block,
                    sel.start.max(block.start)..sel.end.min(block.end),
                ) {
                    painter.rect_filled(r.translate(origin.to_vec2()), 0.0, fill);
                }
            }
            painter.galley(origin, galley.galley().clone(), ui.visuals().text_color());
        }
        self.paint_connectors(painter, input, geo, viewport);
    }

    /// Links between passages of this document as arrows in the right
    /// margin, from the `from` passage to the `to` passage; the selected
    /// passage's links drawn bolder.
    fn paint_connectors(
        &self,
        painter: &egui::Painter,
        input: &ViewInput<'_>,
        geo: Geometry,
        viewport: Rect,
    ) {
        let Some(index) = input.index else { return };
        let ps = &input.project.passages;
        let selected = input.selected_at();
        let mid = |p: usize| {
            let (a, b) = self.span_y(ps[p].start, ps[p].end);
            (a + b) / 2.0
        };
        for c in &index.connectors {
            let (ya, yb) = (mid(c.from), mid(c.to));
            if ya.max(yb) < viewport.min.y || ya.min(yb) > viewport.max.y {
                continue;
            }
            let bold = [c.from, c.to].iter().any(|&p| selected == Some(p));
            let stroke = Stroke::new(if bold { 2.5 } else { 1.2 }, relation_color(c.relation));
            let x = geo.origin.x + geo.links_x;
            let bulge = 14.0 + c.lane as f32 * 9.0;
            let (a, b) = (pos2(x, geo.origin.y + ya), pos2(x, geo.origin.y + yb));
            let curve = egui::epaint::CubicBezierShape::from_points_stroke(
                [a, a + vec2(bulge, 0.0), b + vec2(bulge, 0.0), b],
                false,
                Color32::TRANSPARENT,
                stroke,
            );
            painter.add(curve);
            painter.line_segment([b, b + vec2(5.0, -4.0)], stroke);
            painter.line_segment([b, b + vec2(5.0, 4.0)], stroke);
        }
    }

    /// Content y-extent of a code-point range: top of its first row to the
    /// bottom of its last.
    fn span_y(&self, start: usize, end: usize) -> (f32, f32) {
        let row_h = self.font_size * 1.5;
        let y0 = self.y_of(start);
        let y1 = self.y_of(end.saturating_sub(1).max(start)) + row_h;
        (y0, y1.max(y0 + 2.0))
    }
}

/// The compare view's tints over one block: segments are sorted and
/// disjoint, so the first one that may touch the block is found by search.
fn paint_compare(
    painter: &egui::Painter,
    galley: &BlockText,
    block: Block,
    origin: Pos2,
    segments: &[CompareSegment],
) {
    let first = segments.partition_point(|s| s.range.end <= block.start);
    for seg in segments[first..]
        .iter()
        .take_while(|s| s.range.start < block.end)
    {
        let fill = super::colors::coverage_color(seg.coverage);
        let range = seg.range.start.max(block.start)..seg.range.end.min(block.end);
        for r in range_rects(galley, block, range) {
            painter.rect_filled(r.translate(origin.to_vec2()), 0.0, fill);
        }
    }
}

/// Search hits over one block, the current one stronger and outlined. Hits
/// are sorted and disjoint, so the block's first is found by binary search
/// and only the hits of visible blocks are touched.
fn paint_hits(
    painter: &egui::Painter,
    galley: &BlockText,
    block: Block,
    origin: Pos2,
    (hits, current): (&[Range<usize>], Option<usize>),
    dark: bool,
) {
    let first = hits.partition_point(|h| h.end <= block.start);
    let in_block = hits[first..].iter().take_while(|h| h.start < block.end);
    for (i, hit) in (first..).zip(in_block) {
        let is_current = current == Some(i);
        let fill = super::colors::hit_color(dark, is_current);
        let range = hit.start.max(block.start)..hit.end.min(block.end);
        for r in range_rects(galley, block, range) {
            let r = r.translate(origin.to_vec2());
            painter.rect_filled(r, 2.0, fill);
            if is_current {
                let stroke = Stroke::new(1.5, Color32::from_rgb(0xe0, 0x78, 0x00));
                painter.rect_stroke(r.expand(1.0), 2.0, stroke, egui::StrokeKind::Outside);
            }
        }
    }
}

/// Rectangles covering a code-point range within one block, in the
/// block's coordinates.
fn range_rects(text: &BlockText, block: Block, range: Range<usize>) -> Vec<Rect> {
    if range.start >= range.end {
        return Vec::new();
    }
    text.range_rects(range.start - block.start..range.end - block.start)
}
