//! The REFI-QDA project importer past the zip layer: the input is the
//! `project.qde` XML, optionally followed by a NUL byte and the text of a
//! source, and is zipped (stored, so mutations reach the XML) as
//! `project.qde` and `sources/source.txt` before `io::refi_qda::from_qdpx`
//! reads it. A typed `ImportError` or a sound project, never a panic.

#![no_main]

use std::io::{Cursor, Write};

use briefmark::io::refi_qda::from_qdpx;
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

fuzz_target!(|data: &[u8]| {
    let (qde, source) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let mut entries = vec![("project.qde", qde)];
    entries.extend(source.map(|s| ("sources/source.txt", s)));
    if let Ok(project) = from_qdpx(&zipped(&entries), "fuzz.qdpx") {
        assert!(project.check().is_ok(), "an imported project must be sound");
    }
});

fn zipped(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        zip.start_file(*name, options).expect("zip in memory");
        zip.write_all(data).expect("zip in memory");
    }
    zip.finish().expect("zip in memory").into_inner()
}
