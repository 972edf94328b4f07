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

// ------------------------------------------------------------------ seeds

/// Every entry of a zip, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("an entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("readable");
            (entry.name().expect("a UTF-8 name").into_owned(), data)
        })
        .collect()
}

fn zip_entries(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        zip.start_file(name.as_str(), options).expect("zip");
        zip.write_all(data).expect("zip");
    }
    zip.finish().expect("zip").into_inner()
}

/// The fixture's first document with its passages, alone.
fn one_document_fixture() -> Project {
    let mut project = fixture();
    project.documents.truncate(1);
    let id = project.documents[0].id().clone();
    project.passages.retain(|p| p.document == id);
    project
}

/// `fuzz/seeds/qde_import` input: the XML with its one source pointing at
/// `sources/source.txt`, a NUL, and the source's text.
fn qde_seed(project: &Project) -> Vec<u8> {
    let entries = unzip(&to_qdpx(project));
    let qde = entries
        .iter()
        .find(|(n, _)| n == "project.qde")
        .expect("qde");
    let (source_name, text) = entries
        .iter()
        .find(|(n, _)| n.starts_with("sources/"))
        .expect("a source");
    let guid_txt = source_name.trim_start_matches("sources/");
    let xml = String::from_utf8(qde.1.clone()).expect("UTF-8");
    let xml = xml.replace(&format!("internal://{guid_txt}"), "internal://source.txt");
    [xml.as_bytes(), b"\0", text].concat()
}

/// The first paragraphs of the brief, up to about `chars` characters.
fn brief_head(chars: usize) -> String {
    let brief = String::from_utf8(read("assets/azerbaijan-russia-brief.txt")).expect("UTF-8");
    let mut out = String::new();
    for para in brief.split("\n\n") {
        if out.chars().count() > chars {
            break;
        }
        out.push_str(para);
        out.push_str("\n\n");
    }
    out
}

fn seeds() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let fixture = fixture();
    let small_markup = "Title\n\nBy A. Writer\n\nA <u>nested <b>bold</b> span</u> and <x>odd</x> tags, \
                        a < b.\n\nat the residence,\n\n\n\nwere all.\n\n<i>open";
    let utf16 = |be: bool| {
        let mut out = if be {
            vec![0xfe, 0xff]
        } else {
            vec![0xff, 0xfe]
        };
        for unit in "T\n\nd\u{e9}tente \u{201c}x\u{201d}".encode_utf16() {
            out.extend(if be {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    };
    let other_tool = {
        let entries = unzip(&to_qdpx(&fixture));
        let without: Vec<_> = entries
            .into_iter()
            .filter(|(n, _)| n != "briefmark.json")
            .collect();
        zip_entries(&without)
    };
    let mut minimal = one_document_fixture();
    minimal.passages.truncate(1);
    vec![
        ("markup", "brief-head.txt", brief_head(1500).into_bytes()),
        ("markup", "small.txt", small_markup.as_bytes().to_vec()),
        ("text_decode", "small.txt", small_markup.as_bytes().to_vec()),
        (
            "text_decode",
            "utf8-bom.txt",
            [b"\xef\xbb\xbf", small_markup.as_bytes()].concat(),
        ),
        ("text_decode", "utf16le.txt", utf16(false)),
        ("text_decode", "utf16be.txt", utf16(true)),
        (
            "text_decode",
            "cp1252.txt",
            b"T\n\nd\xe9tente \x96 \x93x\x94".to_vec(),
        ),
        (
            "project_ron",
            "fixture.briefmark.ron",
            project_file::to_string(&fixture).into_bytes(),
        ),
        (
            "project_ron",
            "minimal.briefmark.ron",
            project_file::to_string(&minimal).into_bytes(),
        ),
        (
            "json_import",
            "fixture.json",
            read("tests/golden/exports/fixture.json"),
        ),
        (
            "json_import",
            "fixture.jsonl",
            read("tests/golden/exports/fixture.jsonl"),
        ),
        (
            "json_import",
            "minimal.jsonl",
            to_jsonl(&minimal).into_bytes(),
        ),
        ("qdpx_import", "fixture.qdpx", to_qdpx(&fixture)),
        ("qdpx_import", "other-tool.qdpx", other_tool),
        (
            "qde_import",
            "one-document.qde",
            qde_seed(&one_document_fixture()),
        ),
        (
            "qde_import",
            "small.qde",
            read("tests/golden/refi_qda/small.project.qde"),
        ),
        (
            "qdc_import",
            "small.qdc",
            read("tests/golden/refi_qda/small.qdc"),
        ),
        (
            "qdc_import",
            "fixture.qdc",
            to_qdc(&fixture.codebook).into_bytes(),
        ),
    ]
}

/// Writes the seed inputs of the fuzz targets into `fuzz/seeds/<target>/`.
/// Run by hand after a format change:
/// `cargo test --test fuzz_regressions -- --ignored write_fuzz_seeds`.
#[test]
#[ignore = "writes fuzz/seeds/; run by hand"]
fn write_fuzz_seeds() {
    for (target, name, bytes) in seeds() {
        let dir = manifest_path(&format!("fuzz/seeds/{target}"));
        std::fs::create_dir_all(&dir).expect("seed dir");
        std::fs::write(dir.join(name), bytes).expect("seed written");
    }
}
