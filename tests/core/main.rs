//! The integration tests of the domain, the formats and the command line,
//! one test binary (one module per file) so a build links the crate once,
//! not once per file: the UI tests are the other binary, `tests/gui/`.

#[path = "../common/mod.rs"]
mod common;

mod agreement;
mod assets;
mod brief_markup;
mod cli;
mod cli_analysis;
mod cli_documents;
mod cli_revise;
mod document_import;
mod edit_between;
mod edits;
mod export_positions;
mod exports;
mod fuzz_proptest;
mod fuzz_regressions;
mod hostile_inputs;
mod kill_during_save;
mod large_document;
mod locked_codebook;
mod orphans;
mod project_file;
mod properties;
mod reanchor;
mod refi_qda;
mod stats;
mod writes;
