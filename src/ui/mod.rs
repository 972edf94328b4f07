//! The egui workbench. Panels read the model and return [`actions::Action`]s;
//! the [`workbench::Workbench`] turns them into edits, so the model never
//! sees an egui type.

pub mod actions;
pub mod analysis_window;
pub mod app;
pub mod assignment;
pub mod bidi_label;
pub mod block_text;
pub mod charts;
pub mod codebook_editor;
pub mod codebook_pane;
pub mod colors;
pub mod commands;
pub mod compare_window;
pub mod document_access;
pub mod document_map;
pub mod document_view;
pub mod documents_pane;
pub mod export_window;
pub mod file_dialog;
pub mod find_bar;
pub mod fonts;
pub mod inspector;
pub mod invisible;
pub mod jobs;
pub mod links_panel;
pub mod passage_list;
pub mod relations_editor;
pub mod teaching_window;
pub mod windows;
pub mod workbench;

pub use actions::Action;
pub use workbench::{Settings, Workbench};
