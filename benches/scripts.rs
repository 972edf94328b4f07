//! The region's scripts against English (issue 14): the whole app on a
//! 1 MiB document (UTF-8 bytes, as the file) with 10,000 passages, in English, in
//! Persian (right to left: every paragraph goes through the bidi layout)
//! and in the region's scripts mixed, in the same run, so that the ratios
//! hold on this noisy machine. See `docs/performance.md`.
//!
//! `cargo bench --bench scripts`: criterion times opening the document as
//! a `.txt` (bytes to the first frame), the first frame of the project, an idle
//! frame in the middle and the frame that codes a selection; the heap the
//! app holds (counted by this binary's allocator, exact and free of the
//! machine's noise) goes to `criterion/extra/scripts_memory.json`.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use std::path::Path;

use briefmark::bench_corpus::{Script, one_megabyte_script_project, one_megabyte_script_source};
use briefmark::io::text_document;
use briefmark::model::CodeId;
use briefmark::model::Project;
use briefmark::ui::Action;
use common::{frame_group, scroll_to, settle, warm_headless, workbench, write_extra};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Key, Modifiers};
use serde_json::json;

/// Bytes allocated and not yet freed.
static LIVE: AtomicUsize = AtomicUsize::new(0);

struct Counting;

// SAFETY: every call is passed to the system allocator unchanged; the
// counter only follows the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's layout, as the contract requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as `dealloc` and `alloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn scripts(c: &mut Criterion) {
    let mut group = frame_group(c, "scripts");
    let mut memory = serde_json::Map::new();
    // One context for all: its fonts are in place, as eframe's are.
    let mut h = warm_headless();
    // Opening first, for all three: a view scrolled to the middle leaves
    // its scroll offset in the context, and a document opened after it
    // would open there, laying out twice the text (both ways of the view).
    for script in Script::ALL {
        let name = script.name();
        let project = one_megabyte_script_project(script);

        // Opening the document as a `.txt`: bytes → first frame painted
        // (no passages: the script's own cost).
        let txt = one_megabyte_script_source(script).into_bytes();
        group.bench_function(format!("{name}/open_txt"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    let import = text_document::from_bytes(Path::new("brief.txt"), &txt)
                        .expect("the text decodes");
                    let codebook = briefmark::assets::default_codebook();
                    let mut wb = workbench(Project::new(vec![import.document], codebook));
                    h.workbench_frame(&mut wb);
                    total += t.elapsed();
                    assert!(wb.view.visible_chars().is_some(), "nothing painted");
                }
                total
            })
        });

        // From the project in memory to the first frame painted.
        group.bench_function(format!("{name}/first_frame"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let copy = project.clone();
                    let t = Instant::now();
                    let mut wb = workbench(copy);
                    h.workbench_frame(&mut wb);
                    total += t.elapsed();
                    assert!(wb.view.visible_chars().is_some(), "nothing painted");
                }
                total
            })
        });
    }
    for script in Script::ALL {
        let name = script.name();
        let base = LIVE.load(Ordering::Relaxed);
        let project = one_megabyte_script_project(script);
        let built = LIVE.load(Ordering::Relaxed).saturating_sub(base);
        let middle = project.documents[0].char_len() / 2;
        let mut wb = workbench(project);
        settle(&mut h, &mut wb, 3_000);
        scroll_to(&mut h, &mut wb, middle);
        let settled = LIVE.load(Ordering::Relaxed).saturating_sub(base);
        memory.insert(
            name.into(),
            json!({ "project_mib": mib(built), "app_settled_mib": mib(settled) }),
        );

        let layouts = wb.view.layouts();
        group.bench_function(format!("{name}/frame_middle_idle"), |b| {
            b.iter(|| h.workbench_frame(&mut wb))
        });
        assert_eq!(wb.view.layouts(), layouts, "an idle frame laid out text");

        // Coding a selection in the middle of the view, then the frame
        // that paints it; undone (untimed) so every round codes the same.
        let visible = wb.view.visible_chars().expect("painted");
        let start = visible.start + (visible.end - visible.start) / 2;
        let selection = (start, (start + 120).min(visible.end));
        let code = CodeId("code-00".into());
        let before = wb.session.project().passages.len();
        group.bench_function(format!("{name}/create_passage"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    wb.select_text(selection.0, selection.1);
                    h.workbench_frame(&mut wb);
                    let t = Instant::now();
                    wb.perform(Action::code(code.clone()));
                    h.workbench_frame(&mut wb);
                    total += t.elapsed();
                    assert_eq!(wb.session.project().passages.len(), before + 1);
                    h.press(Key::Z, Modifiers::COMMAND);
                    h.workbench_frame(&mut wb);
                    assert_eq!(wb.session.project().passages.len(), before);
                    h.workbench_frame(&mut wb);
                }
                total
            })
        });
        assert_eq!(wb.view.layouts(), layouts, "coding laid out text");
    }
    group.finish();
    write_extra("scripts_memory", &serde_json::Value::Object(memory));
}

/// One paragraph laid out cold, as when it first comes into view: a text
/// colour never used before, so egui's galley cache has none of it (the
/// glyphs are rasterized already). English goes through egui alone, a
/// Persian paragraph through the bidi layout; 600 px wide at 17 px, as in
/// the spike of parley and cosmic-text in `docs/architecture.md`. Each
/// iteration lays out every long paragraph of the sample once (English:
/// the brief's, Persian: `persian.txt`'s five).
fn paragraphs(c: &mut Criterion) {
    use briefmark::ui::block_text::BlockText;
    use briefmark::ui::fonts;
    let mut group = frame_group(c, "scripts");
    let h = warm_headless();
    for script in [Script::English, Script::Persian] {
        let long: Vec<String> = (script.paragraphs().into_iter())
            .filter(|p| p.chars().count() > 150)
            .collect();
        let mut n = 0u32;
        let name = format!("{}/paragraphs_cold_{}", script.name(), long.len());
        group.bench_function(name, |b| {
            b.iter(|| {
                n += 1;
                let [_, r, g, b] = n.to_be_bytes();
                let format = egui::TextFormat {
                    font_id: egui::FontId::new(17.0, fonts::family(fonts::READING)),
                    line_height: Some(25.5),
                    color: egui::Color32::from_rgb(r, g, b),
                    ..Default::default()
                };
                for p in &long {
                    let mut job = egui::text::LayoutJob::single_section(p.clone(), format.clone());
                    job.wrap.max_width = 600.0;
                    let laid = h.ctx.fonts_mut(|f| BlockText::lay_out(f, job, p));
                    assert!(laid.size().y > 0.0);
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, scripts, paragraphs);
criterion_main!(benches);
