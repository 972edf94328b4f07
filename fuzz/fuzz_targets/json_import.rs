//! The JSON and JSON Lines importers (`io::json_file::from_json`,
//! `from_jsonl`, and `io::import_files::import_bytes`, which merges the
//! result into a project) on any bytes: a typed `ImportError` or a sound
//! project, never a panic. A project either accepts is exported again and
//! must import to the same project.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use briefmark::io::import_files::import_bytes;
use briefmark::io::json_file::{from_json, from_jsonl, to_json, to_jsonl};
use briefmark::model::{ConflictPolicy, FORMAT_VERSION, Project};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(project) = from_json(text, "fuzz.json") {
            let back = from_json(&to_json(&project), "again.json").expect("own JSON imports");
            assert_eq!(normalized(project), normalized(back));
        }
        if let Ok(project) = from_jsonl(text, "fuzz.jsonl") {
            let back = from_jsonl(&to_jsonl(&project), "again.jsonl").expect("own JSONL imports");
            assert_eq!(normalized(project), normalized(back));
        }
    }
    for name in ["fuzz.json", "fuzz.jsonl"] {
        let into = base().clone();
        let _ = import_bytes(Path::new(name), data, into, ConflictPolicy::TakeTheirs);
    }
});

/// What imports merge into: the example project (parsed once).
fn base() -> &'static Project {
    static BASE: OnceLock<Project> = OnceLock::new();
    BASE.get_or_init(briefmark::assets::example_project)
}

fn normalized(mut project: Project) -> Project {
    project.version = FORMAT_VERSION;
    project.sort_passages();
    project
}
