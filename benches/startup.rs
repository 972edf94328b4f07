//! Start-up and memory of the real window (issue 7): needs an X display;
//! without one it starts `Xvfb` itself (and stops it), or skips if there
//! is none. See `docs/performance.md`.
//!
//! `cargo bench --bench startup`
//!
//! - `startup/first_painted_frame_brief` (criterion): from spawning a
//!   process until its first frame is painted and swapped: the process runs
//!   `briefmark`'s own `App` (as `briefmark --screenshot` does, bundled
//!   brief, glow renderer) and reports at the start of its second frame,
//!   which eframe runs only after the first was painted.
//! - `criterion/extra/memory.json`: resident memory (VmRSS) once every
//!   block is laid out, and the peak (VmHWM), with the brief, with the
//!   1 MB project, and with 20 MB of text as one paragraph and as the same
//!   text in paragraphs (the one paragraph is laid out in pieces: it must
//!   cost what the paragraphs do); and `/usr/bin/time -v` of the release
//!   `briefmark --screenshot` (whole run: wall time, maximum RSS).

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use briefmark::bench_corpus;
use briefmark::io::{self, project_file};
use briefmark::ui::app::App;
use common::{load_average, median_p95, status_kb, workbench, write_extra};
use criterion::{Criterion, SamplingMode};
use serde_json::json;

const CHILD: &str = "BRIEFMARK_BENCH_CHILD";
const CHILD_FILE: &str = "BRIEFMARK_BENCH_FILE";
/// Runs of each memory measurement (the median is reported).
const MEMORY_RUNS: usize = 3;
/// The size of the long documents: the one issue 12 found taking 14 s and
/// 4 GB to show as one paragraph.
const TWENTY_MB: usize = 20 << 20;

fn main() {
    if let Ok(mode) = std::env::var(CHILD) {
        child(&mode, std::env::var_os(CHILD_FILE).map(PathBuf::from));
        return;
    }
    let display = match Display::get() {
        Some(d) => d,
        None => {
            eprintln!("startup: skipped (no DISPLAY and no Xvfb to start)");
            return;
        }
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("brief-1mb.briefmark.ron");
    project_file::save(&bench_corpus::one_megabyte_project(), &big).expect("saved");
    let one_paragraph = dir.path().join("one-paragraph-20mb.txt");
    std::fs::write(
        &one_paragraph,
        bench_corpus::one_paragraph_source(TWENTY_MB),
    )
    .expect("written");
    let paragraphs = dir.path().join("paragraphs-20mb.txt");
    std::fs::write(&paragraphs, bench_corpus::paragraphs_source(TWENTY_MB)).expect("written");

    let mut c = Criterion::default().configure_from_args();
    {
        let mut group = c.benchmark_group("startup");
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(10));
        group.bench_function("first_painted_frame_brief", |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| spawn_child(&display, "first-frame", None).painted)
                    .sum()
            })
        });
        group.finish();
    }

    let mut memory = serde_json::Map::new();
    let files = [
        ("brief", None),
        ("1mb_project", Some(big.as_path())),
        ("one_paragraph_20mb", Some(one_paragraph.as_path())),
        ("paragraphs_20mb", Some(paragraphs.as_path())),
    ];
    for (name, file) in files {
        let runs: Vec<ChildReport> = (0..MEMORY_RUNS)
            .map(|_| spawn_child(&display, "memory", file))
            .collect();
        let rss: Vec<f64> = runs.iter().map(|r| r.rss_mb).collect();
        let hwm: Vec<f64> = runs.iter().map(|r| r.hwm_mb).collect();
        let painted: Vec<f64> = runs.iter().map(|r| common::ms(r.painted)).collect();
        memory.insert(
            format!("memory/{name}"),
            json!({
                "rss_settled_mb": median_p95(&rss).0,
                "peak_rss_mb": median_p95(&hwm).0,
                "first_painted_frame_ms": median_p95(&painted).0,
                "runs": MEMORY_RUNS,
            }),
        );
        let screenshot = time_screenshot(&display, file, dir.path());
        memory.insert(format!("screenshot_run/{name}"), screenshot);
    }
    memory.insert("load_average".into(), json!(load_average()));
    write_extra("memory", &serde_json::Value::Object(memory));
    c.final_summary();
    drop(display);
}

// ---------------------------------------------------------------------------
// The parent side

/// An X display: the one in `DISPLAY`, or an `Xvfb` started here (and
/// stopped when dropped).
struct Display {
    name: String,
    server: Option<Child>,
}

impl Display {
    fn get() -> Option<Self> {
        if let Ok(name) = std::env::var("DISPLAY")
            && !name.is_empty()
        {
            return Some(Self { name, server: None });
        }
        // `-displayfd 1`: Xvfb picks a free display and prints its number
        // once it accepts connections; `-noreset`: it stays up between clients.
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1920x1080x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut line = String::new();
        let stdout = server.stdout.take()?;
        let read = BufReader::new(stdout).read_line(&mut line);
        let display = Self {
            name: format!(":{}", line.trim()),
            server: Some(server),
        };
        if read.is_err() || line.trim().is_empty() {
            eprintln!("startup: Xvfb did not come up");
            return None;
        }
        Some(display)
    }

    fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("DISPLAY", &self.name).env_remove("WAYLAND_DISPLAY");
        cmd
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(server) = self.server.as_mut() {
            // SIGTERM, so that it removes its lock file and socket.
            let _ = Command::new("kill").arg(server.id().to_string()).status();
            if server.wait().is_err() {
                let _ = server.kill();
            }
        }
    }
}

/// What a child process reported.
struct ChildReport {
    /// From spawn until the child's line saying its first frame was painted.
    painted: Duration,
    rss_mb: f64,
    hwm_mb: f64,
}

/// Runs this bench binary in child mode and reads its report.
fn spawn_child(display: &Display, mode: &str, file: Option<&Path>) -> ChildReport {
    let exe = std::env::current_exe().expect("own path");
    let mut cmd = display.command(exe);
    cmd.env(CHILD, mode)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(f) = file {
        cmd.env(CHILD_FILE, f);
    }
    let spawned = Instant::now();
    let mut child = cmd.spawn().expect("spawn the child");
    let stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let mut report = ChildReport {
        painted: Duration::ZERO,
        rss_mb: 0.0,
        hwm_mb: 0.0,
    };
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("child output");
        let mut words = line.split_whitespace();
        match words.next() {
            Some("painted") => report.painted = spawned.elapsed(),
            Some("memory") => {
                let mut kb = || {
                    words
                        .next()
                        .and_then(|w| w.parse::<f64>().ok())
                        .unwrap_or(0.0)
                };
                report.rss_mb = kb() / 1024.0;
                report.hwm_mb = kb() / 1024.0;
            }
            _ => {}
        }
    }
    let status = child.wait().expect("child ends");
    let errors = errors.join().unwrap_or_default();
    assert!(
        status.success(),
        "the {mode} child failed: {status}\n{errors}"
    );
    assert!(
        report.painted > Duration::ZERO,
        "the child painted no frame"
    );
    report
}

/// `/usr/bin/time -v briefmark --screenshot`: the whole run's wall time and
/// maximum resident set size (median of a few runs).
fn time_screenshot(display: &Display, file: Option<&Path>, dir: &Path) -> serde_json::Value {
    if !Path::new("/usr/bin/time").exists() {
        return json!({ "skipped": "no /usr/bin/time" });
    }
    let (mut walls, mut maxes) = (Vec::new(), Vec::new());
    for _ in 0..MEMORY_RUNS {
        let png = dir.join("screenshot.png");
        let mut cmd = display.command("/usr/bin/time");
        cmd.arg("-v")
            .arg(env!("CARGO_BIN_EXE_briefmark"))
            .arg("--screenshot")
            .arg(&png);
        if let Some(f) = file {
            cmd.arg(f);
        }
        let started = Instant::now();
        let out = cmd.output().expect("run briefmark --screenshot");
        walls.push(common::ms(started.elapsed()));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        let max_kb = stderr
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("Maximum resident set size (kbytes): ")
            })
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(0.0);
        maxes.push(max_kb / 1024.0);
    }
    json!({
        "wall_ms": median_p95(&walls).0,
        "max_rss_mb": median_p95(&maxes).0,
        "runs": MEMORY_RUNS,
    })
}

// ---------------------------------------------------------------------------
// The child side

/// `App` as `briefmark --screenshot` runs it, reporting on stdout: `painted`
/// at the start of the second frame (the first has been painted and
/// swapped by then); in `memory` mode, once the view has settled,
/// `memory <VmRSS kB> <VmHWM kB>`.
struct Timed {
    inner: App,
    mode: String,
    frames: u32,
}

impl eframe::App for Timed {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.frames += 1;
        if self.frames == 2 {
            println!("painted");
            if self.mode == "first-frame" {
                std::process::exit(0);
            }
        }
        self.inner.ui(ui, frame);
        ui.ctx().request_repaint();
        if self.frames >= 2 && self.inner.workbench.view.is_settled() {
            let rss = status_kb("VmRSS").unwrap_or(0);
            let hwm = status_kb("VmHWM").unwrap_or(0);
            println!("memory {rss} {hwm}");
            std::process::exit(0);
        }
    }
}

fn child(mode: &str, file: Option<PathBuf>) {
    let project = match &file {
        Some(path) => io::open(path).expect("opens").project,
        None => briefmark::assets::default_project(),
    };
    let wb = workbench(project);
    let png = std::env::temp_dir().join(format!("briefmark-bench-{}.png", std::process::id()));
    let options = briefmark::ui::app::native_options(false);
    let mode = mode.to_owned();
    // `Some(png)`: screenshot mode, so no recovery file and no saved settings;
    // the process exits before the screenshot is taken.
    let result = eframe::run_native(
        "briefmark-bench",
        options,
        Box::new(move |cc| {
            Ok(Box::new(Timed {
                inner: App::new(cc, wb, Some(png)),
                mode,
                frames: 0,
            }))
        }),
    );
    if let Err(e) = result {
        eprintln!("cannot open the window: {e}");
        std::process::exit(1);
    }
}
