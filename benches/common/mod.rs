//! Shared by the benchmarks: a headless egui frame loop around the
//! workbench (as eframe drives it, plus tessellation), and where to write
//! figures criterion does not keep (worst frames, memory).

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use briefmark::model::Project;
use briefmark::ui::{Settings, Workbench};
use egui::{Pos2, Rect, Vec2, vec2};

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

/// Runs frames until the document view has laid out every block (fonts
/// install on the first frames, then the background layout runs 4 ms a
/// frame); panics after `max` frames.
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
    let visible = wb.view.visible_chars().expect("the view painted");
    assert!(
        visible.start <= offset && offset <= visible.end,
        "offset {offset} not in the visible {visible:?}"
    );
}

/// Where the benchmarks write what criterion does not keep: `criterion/extra`
/// beside criterion's own results.
pub fn extra_dir() -> PathBuf {
    let home = std::env::var_os("CRITERION_HOME")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR").map(|t| PathBuf::from(t).join("criterion"))
        })
        .or_else(|| {
            // target/release/deps/<bench> -> target
            let exe = std::env::current_exe().ok()?;
            Some(exe.parent()?.parent()?.parent()?.join("criterion"))
        })
        .unwrap_or_else(|| PathBuf::from("target/criterion"));
    let dir = home.join("extra");
    std::fs::create_dir_all(&dir).expect("create criterion/extra");
    dir
}

/// Writes `criterion/extra/<name>.json`.
pub fn write_extra(name: &str, value: &serde_json::Value) {
    let path = extra_dir().join(format!("{name}.json"));
    let text = serde_json::to_string_pretty(value).expect("json");
    std::fs::write(&path, text).expect("write extra figures");
    eprintln!("wrote {}", path.display());
}

/// Milliseconds of a duration, for the extra files.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median and 95th percentile (nearest rank) of samples, in the samples' unit.
pub fn median_p95(samples: &[f64]) -> (f64, f64) {
    let mut v = samples.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let median = if v.len() % 2 == 1 {
        v[v.len() / 2]
    } else {
        (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
    };
    let rank = ((v.len() as f64) * 0.95).ceil() as usize;
    (median, v[rank.clamp(1, v.len()) - 1])
}

/// The load average now (first three fields of /proc/loadavg).
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// A field of /proc/self/status in kB (e.g. "VmRSS", "VmHWM").
pub fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with(&format!("{field}:")))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
