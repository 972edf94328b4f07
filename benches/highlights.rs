//! briefmark's side of the Taguette comparison (`scripts/compare_taguette.sh`):
//! import the bundled brief, then add 1,000 passages one by one as a user
//! does, each timed as the user pays it: the model edit (code the selected
//! text) plus the next frame of the whole workbench (headless, with
//! tessellation). Saves the project for `briefmark export --format csv`.
//!
//! `cargo bench --bench highlights -- --out DIR [--count N]`
//! writes `DIR/highlights.briefmark.ron` and `DIR/briefmark-highlights.json`
//! (latencies in ms). Without `--out` it prints the summary only.

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use briefmark::assets;
use briefmark::bench_corpus::Lcg;
use briefmark::io::{self, project_file};
use briefmark::ui::Action;
use common::{Headless, WINDOW, load_average, median_p95, ms, workbench};
use serde_json::json;

fn main() {
    let mut out: Option<PathBuf> = None;
    let mut count = 1000usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--count" => count = args.next().and_then(|n| n.parse().ok()).unwrap_or(count),
            _ => {} // `--bench` and filters from `cargo bench`
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let brief = dir.path().join("azerbaijan-russia-brief.txt");
    std::fs::write(&brief, assets::BRIEF).expect("write the brief");

    // Import: the .txt read and parsed, the workbench's first painted frame.
    let mut h = Headless::new(WINDOW);
    briefmark::ui::fonts::install(&h.ctx);
    h.frame(|_| {});
    let t = Instant::now();
    let opened = io::open(&brief).expect("the brief opens");
    let mut wb = workbench(opened.project);
    h.workbench_frame(&mut wb);
    let import = t.elapsed();
    for _ in 0..10 {
        h.workbench_frame(&mut wb);
    }

    let len = wb.session.project().documents[0].char_len();
    let codes: Vec<_> = (wb.session.project().codebook.codes())
        .map(|(_, c)| c.id.clone())
        .collect();
    let mut rng = Lcg::new(7);
    let mut latencies = Vec::with_capacity(count);
    let t_all = Instant::now();
    for i in 0..count {
        let start = rng.below(len - 400);
        let end = start + 20 + rng.below(300);
        // Untimed: the drag that selects the text.
        wb.select_text(start, end);
        let t = Instant::now();
        wb.perform(Action::code(codes[i % codes.len()].clone()));
        h.workbench_frame(&mut wb);
        latencies.push(ms(t.elapsed()));
    }
    let highlights = t_all.elapsed();
    assert_eq!(
        wb.session.project().passages.len(),
        count,
        "every selection became a passage"
    );

    let project_path = out
        .as_deref()
        .unwrap_or(dir.path())
        .join("highlights.briefmark.ron");
    let t = Instant::now();
    project_file::save(wb.session.project(), &project_path).expect("saved");
    let save = t.elapsed();

    let (median, p95) = median_p95(&latencies);
    let summary = json!({
        "tool": "briefmark",
        "highlights": count,
        "per_highlight_ms": { "median": median, "p95": p95,
            "mean": latencies.iter().sum::<f64>() / count as f64,
            "max": latencies.iter().copied().fold(0.0, f64::max) },
        "import_ms": ms(import),
        "highlights_total_ms": ms(highlights),
        "save_ms": ms(save),
        "project": project_path,
        "load_average": load_average(),
    });
    println!("{}", serde_json::to_string_pretty(&summary).expect("json"));
    if let Some(out) = out {
        write(&out.join("briefmark-highlights.json"), &summary);
    }
}

fn write(path: &Path, value: &serde_json::Value) {
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("create the folder");
    std::fs::write(path, serde_json::to_string_pretty(value).expect("json")).expect("write");
}
