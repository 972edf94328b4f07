//! briefmark: qualitative coding of policy briefs.
//!
//! `model` is the pure domain, `analysis` computes statistics and agreement
//! from it, `io` reads and writes files, `ui` is the egui
//! workbench, `cli` the command line. See `docs/architecture.md`.

pub mod analysis;
pub mod assets;
pub mod bench_corpus;
pub mod cli;
pub mod io;
pub mod model;
pub mod session;
#[cfg(feature = "gui")]
pub mod ui;
