//! The REFI-QDA project importer (`io::refi_qda::from_qdpx`) on any archive
//! bytes: a typed `ImportError` or a sound project, never a panic (nor an
//! allocation past the entry limit). A project it accepts is exported again
//! and must import to the same project.

#![no_main]

use briefmark::io::refi_qda::{from_qdpx, to_qdpx};
use briefmark::model::Project;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(project) = from_qdpx(data, "fuzz.qdpx") else {
        return;
    };
    assert!(project.check().is_ok(), "an imported project must be sound");
    let back = from_qdpx(&to_qdpx(&project), "again.qdpx").expect("own .qdpx imports");
    assert_eq!(
        sorted(project),
        sorted(back),
        "changed by export and import"
    );
});

fn sorted(mut project: Project) -> Project {
    project.sort_passages();
    project
}
