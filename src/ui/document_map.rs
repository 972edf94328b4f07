//! The document map: a narrow strip beside the reading pane showing where
//! each code falls along the whole document (one column per code, in code
//! colours), with the visible part outlined. A click scrolls there.

use std::ops::Range;

use egui::{Rect, Sense, pos2};

use super::document_view::color;
use crate::analysis::stats::{DocumentMap, document_map};
use crate::model::{DocumentId, IndexChange, Project};

/// Width of one code's column, and the strip's padding.
const COLUMN_W: f32 = 5.0;
const PAD: f32 = 4.0;

/// Pixel rows covered by `ranges` (sorted, disjoint code-point ranges) at
/// `scale` pixels per code point: each range covers at least one row, and
/// runs that touch merge, so a column has one bar per run of rows.
fn pixel_runs(ranges: &[Range<usize>], scale: f32) -> Vec<Range<u32>> {
    let mut runs: Vec<Range<u32>> = Vec::new();
    for r in ranges {
        let top = (r.start as f32 * scale).floor() as u32;
        let bottom = ((r.end as f32 * scale).ceil() as u32).max(top + 1);
        match runs.last_mut() {
            Some(last) if top <= last.end => last.end = last.end.max(bottom),
            _ => runs.push(top..bottom),
        }
    }
    runs
}

#[derive(Default)]
pub struct MapStrip {
    /// The map and the (revision, document) it was computed for.
    cached: Option<((u64, DocumentId), DocumentMap)>,
    /// The bars of `cached` as painted, for the (revision, rect) they were
    /// made for: an idle frame adds them without counting a pixel.
    bars: Option<((u64, Rect), std::sync::Arc<egui::Mesh>)>,
}

impl MapStrip {
    /// The strip's width for the project's codebook.
    pub fn width(project: &Project) -> f32 {
        PAD * 2.0 + project.codebook.codes().count().max(1) as f32 * COLUMN_W
    }

    /// Follows an edit (`change`, the project now at revision `to`) without
    /// computing the map again when its coverage only grew: coding a new
    /// passage costs a few range merges, not a pass over every passage.
    pub fn follow(&mut self, project: &Project, change: &IndexChange, from: u64, to: u64) {
        let Some(((revision, _), map)) = self.cached.as_mut() else {
            return;
        };
        let ps = &project.passages;
        let followed = *revision == from
            && match change {
                IndexChange::Appended => ps.last().is_some_and(|p| map.follow(None, p)),
                IndexChange::Changed(i, old) => ps
                    .get(*i)
                    .is_some_and(|p| map.follow(Some(old.as_ref()), p)),
                _ => false,
            };
        if followed {
            *revision = to;
        }
    }

    /// Paints the strip; returns the code point clicked, to scroll to.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        document: &DocumentId,
        revision: u64,
        visible: Option<Range<usize>>,
    ) -> Option<usize> {
        let key = (revision, document.clone());
        if self.cached.as_ref().is_none_or(|(k, _)| k != &key) {
            self.cached = document_map(project, document).map(|m| (key, m));
        }
        let ((revision, _), map) = self.cached.as_ref()?;
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click());
        let response =
            response.on_hover_text("Where each code falls in the document; click to go there");
        let key = (*revision, rect);
        let bars = match &self.bars {
            Some((k, mesh)) if *k == key => mesh.clone(),
            _ => {
                let mesh = std::sync::Arc::new(bars(project, map, rect));
                self.bars = Some((key, mesh.clone()));
                mesh
            }
        };
        paint(ui, map, rect, bars, visible);
        let y = response
            .interact_pointer_pos()
            .filter(|_| response.clicked())?
            .y;
        let fraction = ((y - rect.top()) / rect.height()).clamp(0.0, 1.0);
        Some((fraction * map.characters as f32) as usize)
    }
}

/// One mesh of pixel-row bars: thousands of thin ranges in a long text
/// become a few bars per column, drawn as one shape.
fn bars(project: &Project, map: &DocumentMap, rect: Rect) -> egui::Mesh {
    let scale = rect.height() / map.characters.max(1) as f32;
    let mut mesh = egui::Mesh::default();
    for (i, strip) in map.codes.iter().enumerate() {
        let Some(code) = project.codebook.code(&strip.code) else {
            continue;
        };
        let x = rect.left() + PAD + i as f32 * COLUMN_W;
        for rows in pixel_runs(&strip.ranges, scale) {
            let (y0, y1) = (rect.top() + rows.start as f32, rect.top() + rows.end as f32);
            let bar = Rect::from_min_max(pos2(x, y0), pos2(x + COLUMN_W - 1.0, y1));
            mesh.add_colored_rect(bar, color(code.color));
        }
    }
    mesh
}

fn paint(
    ui: &egui::Ui,
    map: &DocumentMap,
    rect: Rect,
    bars: std::sync::Arc<egui::Mesh>,
    visible: Option<Range<usize>>,
) {
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
    let scale = rect.height() / map.characters.max(1) as f32;
    painter.add(egui::Shape::Mesh(bars));
    let outline = ui.visuals().widgets.noninteractive.bg_stroke;
    painter.rect_stroke(rect.shrink(0.5), 2.0, outline, egui::StrokeKind::Inside);
    if let Some(v) = visible {
        let y = |c: usize| rect.top() + c as f32 * scale;
        let shown =
            Rect::from_x_y_ranges(rect.x_range(), y(v.start)..=y(v.end).max(y(v.start) + 4.0));
        let stroke = egui::Stroke::new(1.5, ui.visuals().text_color());
        painter.rect_stroke(shown, 1.0, stroke, egui::StrokeKind::Inside);
    }
}

#[cfg(test)]
mod tests {
    use super::pixel_runs;

    #[test]
    fn nearby_ranges_share_a_pixel_row_and_every_range_shows() {
        // 1,000 code points per pixel: three short ranges in row 0 and 1,
        // one far away in row 50.
        let runs = pixel_runs(&[10..20, 900..1_100, 1_500..1_600, 50_000..50_001], 0.001);
        assert_eq!(runs, [0..2, 50..51]);
    }
}
