//! The UI tests (egui_kittest, headless): one test binary, one module per
//! file, beside `tests/core/` for everything without a window.

#![cfg(feature = "gui")]

#[path = "../common/mod.rs"]
mod common;

mod fonts;
mod long_document;
mod recovery;
mod ui_analysis;
mod ui_classroom;
mod ui_corpus;
mod ui_desk;
mod ui_desk_leaf;
mod ui_desk_session;
mod ui_find;
mod ui_jobs;
mod ui_scripts;
mod ui_workbench;
mod ui_writes;
