//! briefmark: qualitative coding of policy briefs.
//!
//! `model` is the pure domain, `io` reads and writes files, `ui` is the egui
//! workbench, `cli` the command line. See `docs/architecture.md`.

pub mod assets;
pub mod cli;
pub mod io;
pub mod model;
pub mod ui;
