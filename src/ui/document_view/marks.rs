//! The coding drawn over the visible text: passage tints under the text and
//! stripes in the margin. They are built into one mesh when the coding, the
//! layout, the scroll position or the selected passage changes, and added
//! as they are on every other frame, so an idle frame with thousands of
//! passages costs about what one without them does.

use std::ops::Range;
use std::sync::Arc;

use egui::{Color32, Mesh, Pos2, Rect, Stroke, pos2, vec2};

use super::{DocumentView, Geometry, STRIPE_GAP, STRIPE_W, UNCODED, ViewInput, color, range_rects};
use crate::model::{DocumentIndex, Rgb};

/// What the marks were built from; any change builds them again.
#[derive(Clone, PartialEq)]
struct MarksKey {
    /// `DocumentIndex::generation`: the passages and stripes.
    generation: u64,
    /// `DocumentView::layouts`: galleys and block positions.
    layouts: u64,
    blocks: Range<usize>,
    origin: Pos2,
    column_x: f32,
    stripes_x: f32,
    selected: Option<usize>,
    dark: bool,
    /// The compare view paints its own tints instead of the passages'.
    compare: bool,
}

/// The built marks, in screen coordinates.
#[derive(Default)]
pub(super) struct Marks {
    key: Option<MarksKey>,
    mesh: Arc<Mesh>,
    /// The selected passage's stripes, outlined.
    outlines: Vec<Rect>,
}

impl Marks {
    pub(super) fn generation(&self) -> Option<u64> {
        self.key.as_ref().map(|k| k.generation)
    }
}

impl DocumentView {
    /// Paints the tints and stripes of the visible blocks `blocks`.
    pub(super) fn paint_marks(
        &mut self,
        painter: &egui::Painter,
        input: &ViewInput<'_>,
        geo: Geometry,
        blocks: Range<usize>,
    ) {
        let Some(index) = input.index else { return };
        let key = MarksKey {
            generation: index.generation,
            layouts: self.layouts,
            blocks,
            origin: geo.origin,
            column_x: geo.column_x,
            stripes_x: geo.stripes_x,
            selected: input
                .selected
                .and_then(|id| input.project.passages.position(id)),
            dark: painter.ctx().global_style().visuals.dark_mode,
            compare: input.compare.is_some(),
        };
        if self.marks.key.as_ref() != Some(&key) {
            let colors = (input.project.codebook.codes())
                .map(|(_, c)| c.color)
                .collect();
            let build = Build {
                view: self,
                input,
                index,
                key: &key,
                geo,
                colors,
            };
            let mut mesh = Mesh::default();
            if !key.compare {
                build.tints(&mut mesh);
            }
            let outlines = build.stripes(&mut mesh);
            self.marks = Marks {
                key: Some(key),
                mesh: Arc::new(mesh),
                outlines,
            };
        }
        painter.add(egui::Shape::Mesh(self.marks.mesh.clone()));
        let outline = Stroke::new(1.0, painter.ctx().global_style().visuals.text_color());
        for r in &self.marks.outlines {
            painter.rect_stroke(*r, 1.0, outline, egui::StrokeKind::Outside);
        }
    }
}

/// What the marks are built from, for one build.
struct Build<'a> {
    view: &'a DocumentView,
    input: &'a ViewInput<'a>,
    index: &'a DocumentIndex,
    key: &'a MarksKey,
    geo: Geometry,
    /// Each code's colour, in codebook order (`Stripe::code_index`).
    colors: Vec<Rgb>,
}

impl Build<'_> {
    fn color_of(&self, code_index: Option<usize>) -> Rgb {
        code_index
            .and_then(|i| self.colors.get(i))
            .copied()
            .unwrap_or(UNCODED)
    }

    /// Each passage's tint over the visible text, in its first code's colour.
    fn tints(&self, mesh: &mut Mesh) {
        let (project, layout) = (self.input.project, &self.view.layout);
        for b in self.key.blocks.clone() {
            let Some(galley) = &layout.galleys[b] else {
                continue;
            };
            let block = layout.pieces[b].span;
            let offset = (self.geo.origin + vec2(self.geo.column_x, layout.tops[b])).to_vec2();
            for (s, e, &p) in self.index.passages.query(block.start, block.end) {
                let first = (project.passages[p].codes.iter())
                    .filter_map(|c| project.codebook.code_index(c))
                    .min();
                let rgb = self.color_of(first);
                let alpha = match (self.key.selected == Some(p), self.key.dark) {
                    (true, _) => 110,
                    (false, true) => 55,
                    (false, false) => 45,
                };
                let fill = Color32::from_rgba_unmultiplied(rgb.0, rgb.1, rgb.2, alpha);
                for r in range_rects(galley, block, s.max(block.start)..e.min(block.end)) {
                    mesh.add_colored_rect(r.translate(offset), fill);
                }
            }
        }
    }

    /// The stripes beside the visible text; returns the selected passage's.
    fn stripes(&self, mesh: &mut Mesh) -> Vec<Rect> {
        let geo = self.geo;
        let pieces = &self.view.layout.pieces;
        let (Some(first), Some(last)) = (
            pieces.get(self.key.blocks.start),
            pieces.get(self.key.blocks.end.saturating_sub(1)),
        ) else {
            return Vec::new();
        };
        let mut outlines = Vec::new();
        for (s, e, stripe) in self.index.stripes.query(first.span.start, last.span.end) {
            let (y0, y1) = self.view.span_y(s, e);
            let x = geo.origin.x + geo.stripes_x + stripe.lane as f32 * (STRIPE_W + STRIPE_GAP);
            let rect = Rect::from_min_max(
                pos2(x, geo.origin.y + y0),
                pos2(x + STRIPE_W, geo.origin.y + y1),
            );
            mesh.add_colored_rect(rect, color(self.color_of(stripe.code_index)));
            if self.key.selected == Some(stripe.passage) {
                outlines.push(rect.expand(1.0));
            }
        }
        outlines
    }
}
