//! The document map: a narrow strip beside the reading pane showing where
//! each code falls along the whole document (one column per code, in code
//! colours), with the visible part outlined. A click scrolls there.
//!
//! Drawn from the passage index's stripes (sorted by start, each with its
//! code's column), quantised to pixel rows and painted into one small image
//! (a texture) when the index changes: coding a passage paints and uploads
//! only its own bars, and an idle frame draws one textured rectangle. (A
//! mesh of the bars, kept as it was before, cost every frame a pass over
//! its vertices: 9,000 of them for the 10,000-passage document, as much
//! again as the text on screen.) While the find bar is open, its hits are
//! marked across the strip, so where they fall shows at a glance.

use std::ops::Range;
use std::sync::Arc;

use egui::{Rect, Sense, pos2};

use super::colors::color;
use super::find_bar::MapHits;
use crate::model::{Document, DocumentIndex, Project};

/// Width of one code's column, and the strip's padding.
const COLUMN_W: f32 = 5.0;
const PAD: f32 = 4.0;

/// Pixel rows covered in each of `columns` columns by `ranges` (a column
/// and a code-point range, sorted by start) at `scale` pixels per code
/// point: every range covers at least one row, and runs that touch merge,
/// so a column has one bar per run of rows. One pass, nothing per range
/// kept: a long text has tens of thousands of ranges.
fn pixel_runs(
    columns: usize,
    ranges: impl Iterator<Item = (usize, Range<usize>)>,
    scale: f32,
) -> Vec<(usize, Range<u32>)> {
    let mut open: Vec<Option<Range<u32>>> = vec![None; columns];
    let mut runs = Vec::new();
    for (column, r) in ranges {
        let Some(slot) = open.get_mut(column) else {
            continue;
        };
        let Range {
            start: top,
            end: bottom,
        } = rows(&r, scale);
        match slot {
            Some(run) if top <= run.end => run.end = run.end.max(bottom),
            _ => runs.extend(slot.replace(top..bottom).map(|done| (column, done))),
        }
    }
    let last = open.into_iter().enumerate();
    runs.extend(last.filter_map(|(column, run)| Some((column, run?))));
    runs
}

/// The pixel rows a code-point range covers at `scale`: at least one.
fn rows(r: &Range<usize>, scale: f32) -> Range<u32> {
    // Truncation is the floor here: offsets are never negative.
    let top = (r.start as f32 * scale) as u32;
    let bottom = ((r.end as f32 * scale).ceil() as u32).max(top + 1);
    top..bottom
}

#[derive(Default)]
pub struct MapStrip {
    /// The bars as painted, for the (index generation, rect) they were made
    /// for.
    bars: Option<Bars>,
    /// The find bar's hits as marks across the strip, for the (hits' key,
    /// rect) they were made for.
    marks: Kept<(u64, usize)>,
}

/// The bars painted into an image of the strip's size (a pixel per point,
/// drawn without smoothing), and the part of it not yet uploaded.
struct Bars {
    key: (u64, Rect),
    image: egui::ColorImage,
    texture: Option<egui::TextureHandle>,
    /// Pixels changed since the last upload (x, y, width, height); the
    /// whole image when made anew.
    stale: Option<[usize; 4]>,
}

impl Bars {
    fn new(key: (u64, Rect)) -> Self {
        let rect = key.1;
        let size = [rect.width().ceil() as usize, rect.height().ceil() as usize];
        Self {
            key,
            image: egui::ColorImage::filled(size, egui::Color32::TRANSPARENT),
            texture: None,
            stale: Some([0, 0, size[0], size[1]]),
        }
    }

    /// Paints one bar (pixel rows `rows` of column `column`) and marks its
    /// pixels for upload.
    fn add(&mut self, column: usize, rows: Range<u32>, colors: &[egui::Color32]) {
        let Some(&fill) = colors.get(column) else {
            return;
        };
        let [width, height] = self.image.size;
        let x0 = ((PAD + column as f32 * COLUMN_W) as usize).min(width);
        let x1 = (x0 + COLUMN_W as usize - 1).min(width);
        let (y0, y1) = (
            (rows.start as usize).min(height),
            (rows.end as usize).min(height),
        );
        for y in y0..y1 {
            self.image.pixels[y * width + x0..y * width + x1].fill(fill);
        }
        if x1 > x0 && y1 > y0 {
            self.stale = Some(match self.stale {
                None => [x0, y0, x1 - x0, y1 - y0],
                Some([x, y, w, h]) => {
                    let (left, top) = (x.min(x0), y.min(y0));
                    let (right, bottom) = ((x + w).max(x1), (y + h).max(y1));
                    [left, top, right - left, bottom - top]
                }
            });
        }
    }

    /// The texture with every painted bar in it: made once, then only the
    /// changed pixels are sent.
    fn texture(&mut self, ctx: &egui::Context) -> egui::TextureId {
        let options = egui::TextureOptions::NEAREST;
        let stale = self.stale.take();
        match (&mut self.texture, stale) {
            (Some(texture), Some([x, y, w, h])) if texture.size() == self.image.size => {
                let part = self.image.region_by_pixels([x, y], [w, h]);
                texture.set_partial([x, y], part, options);
            }
            (Some(texture), None) => return texture.id(),
            _ => {
                let image = self.image.clone();
                self.texture = Some(ctx.load_texture("document-map", image, options));
            }
        }
        self.texture
            .as_ref()
            .map_or_else(Default::default, egui::TextureHandle::id)
    }
}

/// Search hits over the map: a document can have 100,000 of them, so they
/// are quantised to pixel rows like the bars, at least this tall to be seen.
const HIT_MARK_H: u32 = 2;
const HIT_MARK: egui::Color32 = egui::Color32::from_rgb(255, 170, 0);

/// One mesh of marks across the strip where the hits fall.
fn hit_marks(hits: &[Range<usize>], rect: Rect, scale: f32) -> egui::Mesh {
    let mut mesh = egui::Mesh::default();
    let ranges = hits.iter().map(|h| (0, h.clone()));
    for (_, rows) in pixel_runs(1, ranges, scale) {
        let top = rect.top() + rows.start as f32;
        let height = rows.len().max(HIT_MARK_H as usize) as f32;
        let mark = Rect::from_min_max(
            pos2(rect.left() + 1.0, top),
            pos2(rect.right() - 1.0, (top + height).min(rect.bottom())),
        );
        mesh.add_colored_rect(mark, HIT_MARK);
    }
    mesh
}

impl MapStrip {
    /// The bars for `index` in `rect`: kept while nothing changed; when the
    /// index only grew from the generation drawn, the new stripes' bars
    /// are painted over the old ones (bars are opaque, so the picture is
    /// the one a fresh build gives); else painted again.
    fn bars_for(
        &mut self,
        project: &Project,
        index: &DocumentIndex,
        rect: Rect,
        scale: f32,
    ) -> &mut Bars {
        let key = (index.generation, rect);
        let kept = match (&self.bars, &index.grown) {
            (Some(bars), _) if bars.key == key => true,
            (Some(bars), Some(grown)) if bars.key == (grown.from, rect) => {
                let bars = self.bars.as_mut().expect("matched");
                let colors = code_colors(project);
                let added = (grown.stripes.iter())
                    .filter_map(|&(start, end, code)| Some((code?, start..end)));
                for (column, r) in added {
                    bars.add(column, rows(&r, scale), &colors);
                }
                bars.key = key;
                true
            }
            _ => false,
        };
        if !kept {
            let texture = self.bars.take().and_then(|b| b.texture);
            let mut fresh = bars(project, index, key, scale);
            // The texture stays; the whole image is sent to it.
            fresh.texture = texture;
            self.bars = Some(fresh);
        }
        self.bars.as_mut().expect("kept or made")
    }
}

/// What the strip is drawn from.
pub struct MapInput<'a> {
    pub project: &'a Project,
    pub document: &'a Document,
    pub index: Option<&'a DocumentIndex>,
    /// The code points in view, outlined.
    pub visible: Option<Range<usize>>,
    /// The find bar's hits in this document (`FindBar::map_hits`), marked
    /// across the strip.
    pub hits: Option<MapHits<'a>>,
}

/// A mesh kept for the (key, rect) it was made for.
type Kept<K> = Option<((K, Rect), Arc<egui::Mesh>)>;

impl MapStrip {
    /// The strip's width for the project's codebook.
    pub fn width(project: &Project) -> f32 {
        PAD * 2.0 + project.codebook.codes().count().max(1) as f32 * COLUMN_W
    }

    /// The hits' marks in `rect`, kept while the hits are the same.
    fn marks_for(
        &mut self,
        (hits_key, hits): MapHits<'_>,
        rect: Rect,
        scale: f32,
    ) -> Arc<egui::Mesh> {
        let key = (hits_key, rect);
        match &self.marks {
            Some((k, mesh)) if *k == key => mesh.clone(),
            _ => {
                let mesh = Arc::new(hit_marks(hits, rect, scale));
                self.marks = Some((key, mesh.clone()));
                mesh
            }
        }
    }

    /// Paints the strip; returns the code point clicked, to scroll to.
    pub fn ui(&mut self, ui: &mut egui::Ui, input: MapInput<'_>) -> Option<usize> {
        let MapInput {
            project,
            document,
            index,
            visible,
            hits,
        } = input;
        // The panel has no fill of its own, and what shows through is the
        // window's clear colour, near black: in the light theme the strip
        // stood in a dark band. So its whole panel gets the theme's ground.
        ui.painter()
            .rect_filled(ui.clip_rect(), 0.0, ui.visuals().panel_fill);
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click());
        let response =
            response.on_hover_text("Where each code falls in the document; click to go there");
        let characters = document.char_len().max(1);
        let scale = rect.height() / characters as f32;
        let bars = index.map(|index| self.bars_for(project, index, rect, scale).texture(ui.ctx()));
        let marks = hits.map(|hits| self.marks_for(hits, rect, scale));
        paint(
            ui,
            rect,
            (bars, marks),
            visible.map(|v| v.start as f32 * scale..v.end as f32 * scale),
        );
        let y = response
            .interact_pointer_pos()
            .filter(|_| response.clicked())?
            .y;
        let fraction = ((y - rect.top()) / rect.height()).clamp(0.0, 1.0);
        Some((fraction * characters as f32) as usize)
    }
}

/// The bars painted anew for the (generation, rect) `key`: thousands of
/// thin ranges in a long text become a few bars per column.
fn bars(project: &Project, index: &DocumentIndex, key: (u64, Rect), scale: f32) -> Bars {
    let colors = code_colors(project);
    let ranges = (index.stripes.iter())
        .filter_map(|(start, end, stripe)| Some((stripe.code_index?, start..end)));
    let mut bars = Bars::new(key);
    for (column, rows) in pixel_runs(colors.len(), ranges, scale) {
        bars.add(column, rows, &colors);
    }
    bars
}

/// Each code's colour, in codebook order (a column each).
fn code_colors(project: &Project) -> Vec<egui::Color32> {
    (project.codebook.codes())
        .map(|(_, c)| color(c.color))
        .collect()
}

/// The strip's ground, its bars (a texture), the hits' marks, and the
/// visible part (`shown`, in pixels from the top) outlined.
fn paint(
    ui: &egui::Ui,
    rect: Rect,
    (bars, marks): (Option<egui::TextureId>, Option<Arc<egui::Mesh>>),
    shown: Option<Range<f32>>,
) {
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
    if let Some(texture) = bars {
        // The image is a whole number of pixels, a little larger than a
        // rect of fractional size: drawn at its own size from the corner.
        let size = rect.size().ceil();
        let at = Rect::from_min_size(rect.min, size);
        let uv = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
        painter.image(texture, at, uv, egui::Color32::WHITE);
    }
    if let Some(mesh) = marks {
        painter.add(egui::Shape::Mesh(mesh));
    }
    let outline = ui.visuals().widgets.noninteractive.bg_stroke;
    painter.rect_stroke(rect.shrink(0.5), 2.0, outline, egui::StrokeKind::Inside);
    if let Some(v) = shown {
        let (top, bottom) = (rect.top() + v.start, rect.top() + v.end.max(v.start + 4.0));
        let shown = Rect::from_x_y_ranges(rect.x_range(), top..=bottom);
        let stroke = egui::Stroke::new(1.5, ui.visuals().text_color());
        painter.rect_stroke(shown, 1.0, stroke, egui::StrokeKind::Inside);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CodeId, Edit, IndexChange, Passage, PassageIndex};
    use std::collections::BTreeSet;

    /// The pixels a mesh of bars covers, with their colours.
    fn covered(mesh: &egui::Mesh) -> BTreeSet<(i32, i32, [u8; 4])> {
        let mut out = BTreeSet::new();
        for quad in mesh.vertices.chunks(4) {
            let min = quad.iter().fold(quad[0].pos, |m, v| m.min(v.pos));
            let max = quad.iter().fold(quad[0].pos, |m, v| m.max(v.pos));
            for y in min.y as i32..max.y as i32 {
                for x in min.x as i32..max.x as i32 {
                    out.insert((x, y, quad[0].color.to_array()));
                }
            }
        }
        out
    }

    /// The pixels painted in the bars' image, with their colours, in the
    /// strip's coordinates (as `covered` gives a mesh's).
    fn painted(bars: &Bars) -> BTreeSet<(i32, i32, [u8; 4])> {
        let (left, top) = (bars.key.1.left() as i32, bars.key.1.top() as i32);
        let width = bars.image.size[0];
        let pixels = bars.image.pixels.iter().enumerate();
        (pixels.filter(|(_, c)| **c != egui::Color32::TRANSPARENT))
            .map(|(i, c)| {
                (
                    (i % width) as i32 + left,
                    (i / width) as i32 + top,
                    c.to_array(),
                )
            })
            .collect()
    }

    #[test]
    fn hits_are_marked_across_the_strip_at_least_two_rows_tall_and_kept() {
        // 100 px for 1,000 code points: ten per pixel row.
        let rect = Rect::from_min_size(pos2(0.0, 0.0), egui::vec2(20.0, 100.0));
        let scale = 0.1;
        // Two hits in one row, one spanning rows 50..60, one in the last row.
        let hits = [3..5, 7..9, 500..600, 995..1_000];
        // Runs of covered rows (first, last) in the strip's middle column.
        let rows_of = |mesh: &egui::Mesh| -> Vec<(i32, i32)> {
            let rows = covered(mesh).into_iter().filter(|&(x, ..)| x == 10);
            rows.fold(Vec::new(), |mut runs, (_, y, _)| {
                match runs.last_mut() {
                    Some((_, end)) if *end + 1 == y => *end = y,
                    _ => runs.push((y, y)),
                }
                runs
            })
        };
        let marks = hit_marks(&hits, rect, scale);
        assert_eq!(rows_of(&marks), [(0, 1), (50, 59), (99, 99)]);
        assert!(covered(&marks).iter().all(|&(x, ..)| (1..19).contains(&x)));

        let mut strip = MapStrip::default();
        let first = strip.marks_for(((1, 0), &hits), rect, scale);
        let again = strip.marks_for(((1, 0), &[]), rect, scale);
        assert!(Arc::ptr_eq(&first, &again), "same key: kept");
        let other = strip.marks_for(((1, 1), &hits[..1]), rect, scale);
        assert_eq!(rows_of(&other), [(0, 1)], "another document: made anew");
    }

    #[test]
    fn the_strip_shows_what_the_statistics_document_map_computes() {
        // Two implementations of one picture: the strip's single pass over
        // the index's stripes, and `stats::document_map`'s merged ranges.
        let project = crate::assets::example_project();
        let index = PassageIndex::build(&project);
        let doc = project.documents[0].id();
        let rect = Rect::from_min_size(pos2(0.0, 0.0), egui::vec2(30.0, 700.0));
        let scale = rect.height() / project.documents[0].char_len() as f32;
        let strip = bars(&project, index.document(doc).unwrap(), (0, rect), scale);
        let map = crate::analysis::stats::document_map(&project, doc).unwrap();
        let colors = code_colors(&project);
        let mut expected = Bars::new((0, rect));
        for (column, code) in map.codes.iter().enumerate() {
            for r in &code.ranges {
                expected.add(column, rows(r, scale), &colors);
            }
        }
        assert!(!painted(&strip).is_empty());
        assert_eq!(painted(&strip), painted(&expected));
        // A bar is its column's width less a pixel of gap, from the pad.
        let xs: BTreeSet<i32> = painted(&strip).iter().map(|&(x, ..)| x).collect();
        assert_eq!(xs.first(), Some(&(PAD as i32)));
        assert!(
            !xs.contains(&((PAD + COLUMN_W) as i32 - 1)),
            "the gap stays empty"
        );
    }

    #[test]
    fn coding_a_passage_draws_its_bar_over_the_map_as_a_rebuild_would() {
        let mut project = crate::assets::example_project();
        let mut index = PassageIndex::build(&project);
        let doc = project.documents[0].clone();
        let rect = Rect::from_min_size(pos2(10.0, 20.0), egui::vec2(30.0, 400.0));
        let scale = rect.height() / doc.char_len() as f32;
        let mut strip = MapStrip::default();
        let first = strip.bars_for(&project, index.document(doc.id()).unwrap(), rect, scale);
        let before = painted(first);
        first.stale = None; // as once sent to the texture

        // A passage with two codes, in a stretch no other passage covers.
        let mut p = Passage::new(&doc, 30, 60, "T", chrono::Utc::now());
        p.codes = vec![CodeId("pretext".into()), CodeId("regional".into())];
        let change = IndexChange::of(&Edit::AddPassage(p.clone()), &project);
        Edit::AddPassage(p).apply(&mut project).unwrap();
        index.update(&project, &change);
        let d = index.document(doc.id()).unwrap();
        assert!(d.grown.is_some());
        let grown = strip.bars_for(&project, d, rect, scale);
        let [_, y, _, h] = grown.stale.expect("the new bars are to be sent");
        assert_eq!(
            y..y + h,
            rows(&(30..60), scale).start as usize..rows(&(30..60), scale).end as usize,
            "only the new bars' rows are sent, nothing rebuilt"
        );
        let grown = painted(grown);
        let fresh = painted(&bars(&project, d, (0, rect), scale));
        assert_ne!(before, fresh);
        assert_eq!(grown, fresh);

        // Anything else (here: removing it again) builds the map anew.
        let id = project.passages.last().unwrap().id.clone();
        let change = IndexChange::of(&Edit::RemovePassage(id.clone()), &project);
        Edit::RemovePassage(id).apply(&mut project).unwrap();
        index.update(&project, &change);
        let again = strip.bars_for(&project, index.document(doc.id()).unwrap(), rect, scale);
        assert_eq!(painted(again), before);
        assert_eq!(again.stale, Some([0, 0, 30, 400]), "sent whole");
    }

    #[test]
    fn nearby_ranges_share_a_pixel_row_and_every_range_shows() {
        // 1,000 code points per pixel: three short ranges in row 0 and 1,
        // one far away in row 50.
        let ranges = [10..20, 900..1_100, 1_500..1_600, 50_000..50_001].map(|r| (0, r));
        assert_eq!(
            pixel_runs(1, ranges.into_iter(), 0.001),
            [(0, 0..2), (0, 50..51)]
        );
    }

    #[test]
    fn columns_merge_their_own_runs_only() {
        // Interleaved columns 0 and 1 (sorted by start), and one past the end.
        let ranges = [
            (0, 0..10),
            (1, 5..50),
            (0, 10..30),
            (2, 0..10),
            (1, 90..100),
        ];
        let mut runs = pixel_runs(2, ranges.into_iter(), 0.1);
        runs.sort_by_key(|(c, r)| (*c, r.start));
        assert_eq!(runs, [(0, 0..3), (1, 0..5), (1, 9..10)]);
    }
}
