//! Shared by the UI benchmarks: a headless egui frame loop around the
//! workbench (as eframe drives it, plus tessellation); `extra` (no egui)
//! writes the figures criterion does not keep.

#![allow(dead_code)]

pub mod extra;
pub use extra::*;

use briefmark::model::Project;
use briefmark::ui::{Settings, Workbench};
use egui::{Pos2, Rect, Vec2, vec2};

/// A criterion group for frames: 30 samples, 1 s warm-up, 3 s measured.
pub fn frame_group<'a>(
    c: &'a mut criterion::Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(30)
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    group
}

/// A headless context whose fonts are in place (as eframe's are once the
/// window is up): the bundled brief run until settled.
pub fn warm_headless() -> Headless {
    let mut h = Headless::new(WINDOW);
    let mut warm = workbench(briefmark::assets::default_project());
    settle(&mut h, &mut warm, 3_000);
    h
}

/// The window size of `briefmark` (see `ui::app::run`).
pub const WINDOW: Vec2 = vec2(1360.0, 860.0);

/// An egui context run headless: `Context::run_ui` with a screen rect and
/// a clock, then `Context::tessellate` of the shapes (the CPU side of a
/// frame; only the GPU upload and draw are missing).
pub struct Headless {
    pub ctx: egui::Context,
    pub size: Vec2,
    time: f64,
    /// Input events for the next frame.
    events: Vec<egui::Event>,
}

impl Headless {
    pub fn new(size: Vec2) -> Self {
        Self {
            ctx: egui::Context::default(),
            size,
            time: 0.0,
            events: Vec::new(),
        }
    }

    /// A key pressed and released, delivered with the next frame (as a
    /// user's key press reaches eframe's next frame).
    pub fn press(&mut self, key: egui::Key, modifiers: egui::Modifiers) {
        for pressed in [true, false] {
            self.events.push(egui::Event::Key {
                key,
                physical_key: None,
                pressed,
                repeat: false,
                modifiers,
            });
        }
    }

    /// One frame; returns the number of clipped primitives tessellated.
    pub fn frame(&mut self, mut run: impl FnMut(&mut egui::Ui)) -> usize {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, self.size)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events: std::mem::take(&mut self.events),
            ..Default::default()
        };
        let mut output = self.ctx.run_ui(input, &mut run);
        let shapes = std::mem::take(&mut output.shapes);
        let primitives = self.ctx.tessellate(shapes, output.pixels_per_point);
        // No renderer here: the font atlas updates have nowhere to go.
        output.textures_delta.clear();
        std::hint::black_box(&primitives);
        primitives.len()
    }

    /// One frame, counting what it painted: (shapes, shapes less than 6
    /// points wide or tall, vertices after tessellation).
    pub fn frame_counts(&mut self, mut run: impl FnMut(&mut egui::Ui)) -> (usize, usize, usize) {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, self.size)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            ..Default::default()
        };
        let mut output = self.ctx.run_ui(input, &mut run);
        let shapes = std::mem::take(&mut output.shapes);
        let thin = (shapes.iter())
            .filter(|s| s.shape.visual_bounding_rect().size().min_elem() < 6.0)
            .count();
        let n = shapes.len();
        let primitives = self.ctx.tessellate(shapes, output.pixels_per_point);
        output.textures_delta.clear();
        let vertices = (primitives.iter())
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum();
        (n, thin, vertices)
    }

    /// One frame of the whole workbench.
    pub fn workbench_frame(&mut self, wb: &mut Workbench) -> usize {
        self.frame(|ui| wb.ui(ui))
    }
}

/// A workbench on `project` with a coder set (so no name is asked).
pub fn workbench(project: Project) -> Workbench {
    Workbench::new(
        project,
        None,
        Settings {
            coder: "Bench".into(),
            hint_dismissed: true,
            ..Default::default()
        },
    )
}

/// Runs frames until the document view has settled: the text in and near
/// the view laid out (fonts install on the first frames, then layout runs
/// 4 ms a frame); panics after `max` frames.
pub fn settle(h: &mut Headless, wb: &mut Workbench, max: usize) -> usize {
    for n in 0..max {
        h.workbench_frame(wb);
        if wb.view.is_settled() {
            // A few more, so scroll state and panels are steady.
            for _ in 0..5 {
                h.workbench_frame(wb);
            }
            return n;
        }
    }
    panic!("the document view did not settle in {max} frames");
}

/// Scrolls the document view so that `offset` is in view, and runs
/// frames until it is painted.
pub fn scroll_to(h: &mut Headless, wb: &mut Workbench, offset: usize) {
    wb.view.scroll_to = Some(offset);
    for _ in 0..6 {
        h.workbench_frame(wb);
    }
    // The text near the new place is laid out too.
    settle(h, wb, 3_000);
    let visible = wb.view.visible_chars().expect("the view painted");
    assert!(
        visible.start <= offset && offset <= visible.end,
        "offset {offset} not in the visible {visible:?}"
    );
}

/// Leaves the project with unsaved changes, as it is while an analyst
/// codes one passage after another (the status bar says so throughout):
/// a memo on the last passage, far from the view. Without it, undoing a
/// timed coding made the project clean again, and the next coding's frame
/// laid out "• Unsaved changes" anew, which a coder's frame never does.
pub fn with_unsaved_changes(wb: &mut Workbench) {
    let last = wb.session.project().passages.last().map(|p| p.id.clone());
    let passage = last.expect("a passage");
    let memo = briefmark::model::Edit::SetMemo {
        passage,
        memo: "an earlier note".into(),
        modified: briefmark::bench_corpus::bench_time(),
    };
    wb.perform(briefmark::ui::Action::edit(memo, "Edit memo"));
    assert!(wb.session.is_dirty());
}

/// Selects `selection` and paints it (untimed, as a person sees it before
/// pressing a key), then codes it with `code` and runs the frame that
/// paints the new passage: the time of the edit alone, and of the edit
/// and that frame.
pub fn code_selection(
    h: &mut Headless,
    wb: &mut Workbench,
    selection: (usize, usize),
    code: &briefmark::model::CodeId,
) -> (std::time::Duration, std::time::Duration) {
    wb.select_text(selection.0, selection.1);
    h.workbench_frame(wb);
    let t = std::time::Instant::now();
    wb.perform(briefmark::ui::Action::code(code.clone()));
    let edit = t.elapsed();
    h.workbench_frame(wb);
    (edit, t.elapsed())
}
