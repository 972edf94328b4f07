//! The project file parser (`io::project_file::parse`) on any text: an error
//! or a project, never a panic; and a project it accepts must survive
//! `to_string` and `parse` again unchanged (after the version and passage
//! order that saving normalises).

#![no_main]

use briefmark::io::project_file::{parse, to_string};
use briefmark::model::{FORMAT_VERSION, Project};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(project) = parse(text, "fuzz.briefmark.ron") else {
        return;
    };
    let written = to_string(&project);
    let back = parse(&written, "written")
        .unwrap_or_else(|e| panic!("own output does not parse: {e}\n--- written:\n{written}"));
    assert_eq!(normalized(project), back, "changed by a save and a load");
    assert_eq!(to_string(&back), written, "saving is not deterministic");
});

fn normalized(mut project: Project) -> Project {
    project.version = FORMAT_VERSION;
    project.sort_passages();
    project
}
