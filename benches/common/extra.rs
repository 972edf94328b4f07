//! Figures criterion does not keep (worst frames, memory, corpus sizes),
//! written beside its results for `scripts/perf_table.py`; small helpers.
//! No egui here: `model_io` includes this file on its own.

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

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
