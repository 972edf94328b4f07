//! What fuzzing found, kept: each input that once made a parser or importer
//! panic, hang or misbehave, with the clear error (or correct result) it now
//! gives. The targets are in `fuzz/` (cargo-fuzz, nightly); see
//! `docs/reliability.md`, "Fuzzing". The ignored test `write_fuzz_seeds`
//! regenerates the committed seed inputs in `fuzz/seeds/`.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use briefmark::io::json_file::{from_json, to_jsonl};
use briefmark::io::project_file;
use briefmark::io::refi_qda::{to_qdc, to_qdpx};
use briefmark::model::Project;

fn manifest_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(manifest_path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The export tests' fixture project (two documents, awkward text).
fn fixture() -> Project {
    let json = String::from_utf8(read("tests/golden/exports/fixture.json")).expect("UTF-8");
    from_json(&json, "fixture.json").expect("the golden JSON imports")
}
