//! The document map: a narrow strip beside the reading pane showing where
//! each code falls along the whole document (one column per code, in code
//! colours), with the visible part outlined. A click scrolls there.
//!
//! Drawn from the passage index's stripes (sorted by start, each with its
//! code's column), quantised to pixel rows and built into one mesh when the
//! index changes: coding a passage costs one pass over the stripes, and an
//! idle frame adds the mesh as it is. While the find bar is open, its hits
//! are marked across the strip, so where they fall shows at a glance.

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
    bars: Kept<u64>,
    /// The find bar's hits as marks across the strip, for the (hits' key,
    /// rect) they were made for.
    marks: Kept<(u64, usize)>,
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
    /// are drawn over the old ones (bars are opaque, so the picture is the
    /// one a fresh build gives); else built again.
    fn bars_for(
        &mut self,
        project: &Project,
        index: &DocumentIndex,
        rect: Rect,
        scale: f32,
    ) -> Arc<egui::Mesh> {
        let key = (index.generation, rect);
        match (&mut self.bars, &index.grown) {
            (Some((k, mesh)), _) if *k == key => return mesh.clone(),
            (Some((k, mesh)), Some(grown)) if *k == (grown.from, rect) => {
                let colors = code_colors(project);
                let added = (grown.stripes.iter())
                    .filter_map(|&(start, end, code)| Some((code?, start..end)));
                let m = Arc::make_mut(mesh);
                for (column, r) in added {
                    add_bar(m, rect, column, rows(&r, scale), &colors);
                }
                *k = key;
                return mesh.clone();
            }
            _ => {}
        }
        let mesh = Arc::new(bars(project, index, rect, scale));
        self.bars = Some((key, mesh.clone()));
        mesh
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
        let bars = index.map_or_else(Arc::default, |index| {
            self.bars_for(project, index, rect, scale)
        });
        let marks = hits.map(|hits| self.marks_for(hits, rect, scale));
        paint(
            ui,
            rect,
            [Some(bars), marks],
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

/// One mesh of pixel-row bars, a column per code: thousands of thin ranges
/// in a long text become a few bars per column, drawn as one shape.
fn bars(project: &Project, index: &DocumentIndex, rect: Rect, scale: f32) -> egui::Mesh {
    let colors = code_colors(project);
    let ranges = (index.stripes.iter())
        .filter_map(|(start, end, stripe)| Some((stripe.code_index?, start..end)));
    let mut mesh = egui::Mesh::default();
    for (column, rows) in pixel_runs(colors.len(), ranges, scale) {
        add_bar(&mut mesh, rect, column, rows, &colors);
    }
    mesh
}

/// Each code's colour, in codebook order (a column each).
fn code_colors(project: &Project) -> Vec<egui::Color32> {
    (project.codebook.codes())
        .map(|(_, c)| color(c.color))
        .collect()
}

/// One bar: pixel rows `rows` of column `column`.
fn add_bar(
    mesh: &mut egui::Mesh,
    rect: Rect,
    column: usize,
    rows: Range<u32>,
    colors: &[egui::Color32],
) {
    let Some(&fill) = colors.get(column) else {
        return;
    };
    let x = rect.left() + PAD + column as f32 * COLUMN_W;
    let (y0, y1) = (rect.top() + rows.start as f32, rect.top() + rows.end as f32);
    let bar = Rect::from_min_max(pos2(x, y0), pos2(x + COLUMN_W - 1.0, y1));
    mesh.add_colored_rect(bar, fill);
}

/// The strip's ground, its meshes (the bars, then the hits' marks), and
/// the visible part (`shown`, in pixels from the top) outlined.
fn paint(
    ui: &egui::Ui,
    rect: Rect,
    meshes: [Option<Arc<egui::Mesh>>; 2],
    shown: Option<Range<f32>>,
) {
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
    for mesh in meshes.into_iter().flatten() {
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
        let strip = bars(&project, index.document(doc).unwrap(), rect, scale);
        let map = crate::analysis::stats::document_map(&project, doc).unwrap();
        let colors = code_colors(&project);
        let mut expected = egui::Mesh::default();
        for (column, code) in map.codes.iter().enumerate() {
            for r in &code.ranges {
                add_bar(&mut expected, rect, column, rows(r, scale), &colors);
            }
        }
        assert!(!covered(&strip).is_empty());
        assert_eq!(covered(&strip), covered(&expected));
    }

    #[test]
    fn coding_a_passage_draws_its_bar_over_the_map_as_a_rebuild_would() {
        let mut project = crate::assets::example_project();
        let mut index = PassageIndex::build(&project);
        let doc = project.documents[0].clone();
        let rect = Rect::from_min_size(pos2(10.0, 20.0), egui::vec2(30.0, 400.0));
        let scale = rect.height() / doc.char_len() as f32;
        let mut strip = MapStrip::default();
        let before = strip.bars_for(&project, index.document(doc.id()).unwrap(), rect, scale);

        // A passage with two codes, in a stretch no other passage covers.
        let mut p = Passage::new(&doc, 30, 60, "T", chrono::Utc::now());
        p.codes = vec![CodeId("pretext".into()), CodeId("regional".into())];
        let change = IndexChange::of(&Edit::AddPassage(p.clone()), &project);
        Edit::AddPassage(p).apply(&mut project).unwrap();
        index.update(&project, &change);
        let d = index.document(doc.id()).unwrap();
        assert!(d.grown.is_some());
        let grown = strip.bars_for(&project, d, rect, scale);
        assert_eq!(
            grown.vertices.len(),
            before.vertices.len() + 2 * 4,
            "two bars added, nothing rebuilt"
        );
        let fresh = bars(&project, d, rect, scale);
        assert_ne!(covered(&before), covered(&fresh));
        assert_eq!(covered(&grown), covered(&fresh));

        // Anything else (here: removing it again) builds the map anew.
        let id = project.passages.last().unwrap().id.clone();
        let change = IndexChange::of(&Edit::RemovePassage(id.clone()), &project);
        Edit::RemovePassage(id).apply(&mut project).unwrap();
        index.update(&project, &change);
        let again = strip.bars_for(&project, index.document(doc.id()).unwrap(), rect, scale);
        assert_eq!(covered(&again), covered(&before));
        assert_eq!(again.vertices.len(), before.vertices.len());
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
