//! The fuzz targets' counterpart that runs in CI (stable, `cargo test`):
//! valid inputs (the golden files, the fixture project's exports) mutated
//! (bytes flipped, cut, spliced, tokens inserted) and arbitrary bytes, fed
//! to the same entry points as `fuzz/`: the markup parser, text decoding,
//! the project file, the JSON, JSON Lines, `.qdpx` and `.qdc` importers.
//! Each must give a typed error or a sound result, never panic. Also every
//! prefix of each valid input (a file cut short). The ignored test
//! `write_fuzz_seeds` writes these valid inputs to `fuzz/seeds/`.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use briefmark::io::import::ImportError;
use briefmark::io::json_file::{from_json, from_jsonl, to_jsonl};
use briefmark::io::refi_qda::{from_qdc, from_qdpx, to_qdc, to_qdpx};
use briefmark::io::{LoadError, ReadError, project_file, text_document};
use briefmark::model::markup::parse;
use briefmark::model::{DocumentId, FORMAT_VERSION, Project};
use proptest::prelude::*;

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
// ------------------------------------------------------------ valid inputs

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

/// A seed: the fuzz target it is for, its file name, its bytes.
type Seed = (&'static str, &'static str, Vec<u8>);

/// The valid inputs of every target (`fuzz/seeds/<target>/<name>`).
fn seeds() -> Vec<Seed> {
    let fixture = fixture();
    [text_seeds(), project_seeds(&fixture), refi_seeds(&fixture)].concat()
}

/// Markup and text in each encoding `io::decode` reads.
fn text_seeds() -> Vec<Seed> {
    let small = "Title\n\nBy A. Writer\n\nA <u>nested <b>bold</b> span</u> and <x>odd</x> \
                 tags, a < b.\n\nat the residence,\n\n\n\nwere all.\n\n<i>open";
    let utf16 = |be: bool| {
        let units = "T\n\nd\u{e9}tente \u{201c}x\u{201d}".encode_utf16();
        let bom: &[u8] = if be { &[0xfe, 0xff] } else { &[0xff, 0xfe] };
        let body = units.flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() });
        bom.iter().copied().chain(body).collect::<Vec<u8>>()
    };
    vec![
        ("markup", "brief-head.txt", brief_head(1500).into_bytes()),
        ("markup", "small.txt", small.as_bytes().to_vec()),
        ("text_decode", "small.txt", small.as_bytes().to_vec()),
        (
            "text_decode",
            "utf8-bom.txt",
            [b"\xef\xbb\xbf", small.as_bytes()].concat(),
        ),
        ("text_decode", "utf16le.txt", utf16(false)),
        ("text_decode", "utf16be.txt", utf16(true)),
        (
            "text_decode",
            "cp1252.txt",
            b"T\n\nd\xe9tente \x96 \x93x\x94".to_vec(),
        ),
    ]
}

/// The project file, JSON and JSON Lines.
fn project_seeds(fixture: &Project) -> Vec<Seed> {
    let mut minimal = one_document_fixture();
    minimal.passages.truncate(1);
    let ron = |p: &Project| project_file::to_string(p).into_bytes();
    vec![
        ("project_ron", "fixture.briefmark.ron", ron(fixture)),
        ("project_ron", "minimal.briefmark.ron", ron(&minimal)),
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
    ]
}

/// REFI-QDA: `.qdpx` from briefmark and as another tool writes it (no
/// `briefmark.json`), `project.qde` XML, `.qdc` codebooks.
fn refi_seeds(fixture: &Project) -> Vec<Seed> {
    let without_sidecar: Vec<_> = unzip(&to_qdpx(fixture))
        .into_iter()
        .filter(|(n, _)| n != "briefmark.json")
        .collect();
    let golden = |name: &str| read(&format!("tests/golden/refi_qda/{name}"));
    vec![
        ("qdpx_import", "fixture.qdpx", to_qdpx(fixture)),
        (
            "qdpx_import",
            "other-tool.qdpx",
            zip_entries(&without_sidecar),
        ),
        (
            "qde_import",
            "one-document.qde",
            qde_seed(&one_document_fixture()),
        ),
        ("qde_import", "small.qde", golden("small.project.qde")),
        ("qdc_import", "small.qdc", golden("small.qdc")),
        (
            "qdc_import",
            "fixture.qdc",
            to_qdc(&fixture.codebook).into_bytes(),
        ),
    ]
}

/// Writes the seed inputs of the fuzz targets into `fuzz/seeds/<target>/`.
/// Run by hand after a format change:
/// `cargo test --test core -- --ignored fuzz_proptest::write_fuzz_seeds`.
#[test]
#[ignore = "writes fuzz/seeds/; run by hand"]
fn write_fuzz_seeds() {
    for (target, name, bytes) in seeds() {
        let dir = manifest_path(&format!("fuzz/seeds/{target}"));
        std::fs::create_dir_all(&dir).expect("seed dir");
        std::fs::write(dir.join(name), bytes).expect("seed written");
    }
}

// ------------------------------------------------- the targets' assertions

/// What the markup parser builds must hold together (as in `fuzz/`).
fn check_markup(input: &[u8]) {
    let source = String::from_utf8_lossy(input);
    let doc = parse(DocumentId("fuzz".into()), &source).document;
    let len = doc.char_len();
    assert_eq!(len, doc.text().chars().count());
    assert!(len <= source.chars().count());
    for b in doc.blocks() {
        assert!(b.start < b.end && b.end <= len, "block {b:?} of {len}");
        assert!(!doc.slice(b.start, b.end).contains('\n'));
    }
    for w in doc.blocks().windows(2) {
        assert_eq!(doc.slice(w[0].end, w[1].start), "\n\n");
    }
    for s in doc.spans() {
        assert!(s.start < s.end && s.end <= len, "span {s:?} of {len}");
    }
}

fn check_text(input: &[u8]) {
    match text_document::from_bytes(Path::new("fuzz.txt"), input) {
        Ok(import) => assert_eq!(
            import.document.char_len(),
            import.document.text().chars().count()
        ),
        Err(e) => assert!(matches!(e, ReadError::NotText { .. }), "{e}"),
    }
}

fn check_project_ron(input: &[u8]) {
    let Ok(text) = std::str::from_utf8(input) else {
        return;
    };
    match project_file::parse(text, "fuzz.briefmark.ron") {
        Ok(mut project) => {
            let written = project_file::to_string(&project);
            let back = project_file::parse(&written, "again").expect("own output parses");
            project.version = FORMAT_VERSION;
            project.sort_passages();
            assert_eq!(project, back);
        }
        Err(e) => {
            assert!(!matches!(e, LoadError::Read(_)), "{e}");
            assert!(e.to_string().contains("fuzz.briefmark.ron"), "{e}");
        }
    }
}

/// An import gave a sound project or an error naming the file.
fn check_import<T>(result: Result<T, ImportError>, file: &str, sound: impl Fn(&T) -> bool) {
    match result {
        Ok(value) => assert!(sound(&value), "{file}: imported but unsound"),
        Err(e) => {
            assert!(!matches!(e, ImportError::Read(_)), "{e}");
            assert!(e.to_string().starts_with(file), "{e}");
        }
    }
}

fn is_sound(project: &Project) -> bool {
    project.check().is_ok()
}

fn check_json(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    check_import(from_json(&text, "fuzz.json"), "fuzz.json", is_sound);
    check_import(from_jsonl(&text, "fuzz.jsonl"), "fuzz.jsonl", is_sound);
}

fn check_qdpx(input: &[u8]) {
    check_import(from_qdpx(input, "fuzz.qdpx"), "fuzz.qdpx", is_sound);
}

fn check_qdc(input: &[u8]) {
    check_import(from_qdc(input, "fuzz.qdc"), "fuzz.qdc", |_| true);
}

/// As `fuzz/fuzz_targets/qde_import.rs`: XML, NUL, source text, zipped.
fn qde_archive(input: &[u8]) -> Vec<u8> {
    let (qde, source) = match input.iter().position(|&b| b == 0) {
        Some(at) => (&input[..at], Some(&input[at + 1..])),
        None => (input, None),
    };
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut entries = vec![("project.qde", qde)];
    entries.extend(source.map(|s| ("sources/source.txt", s)));
    for (name, data) in entries {
        zip.start_file(name, options).expect("zip");
        zip.write_all(data).expect("zip");
    }
    zip.finish().expect("zip").into_inner()
}

/// Feeds `input` to fuzz target `target`'s entry point, with its checks.
fn check(target: &str, input: &[u8]) {
    match target {
        "markup" => check_markup(input),
        "text_decode" => check_text(input),
        "project_ron" => check_project_ron(input),
        "json_import" => check_json(input),
        "qdpx_import" => check_qdpx(input),
        "qde_import" => check_qdpx(&qde_archive(input)),
        "qdc_import" => check_qdc(input),
        other => panic!("no fuzz target {other}"),
    }
}

// --------------------------------------------------------------- mutations

/// One change to a valid input; positions are fractions of its length.
#[derive(Clone, Debug)]
enum Mutation {
    Flip(prop::sample::Index, u8),
    Cut(prop::sample::Index),
    Delete(prop::sample::Index, usize),
    /// Copies a piece of the input over to another place.
    Splice(prop::sample::Index, usize, prop::sample::Index),
    Insert(prop::sample::Index, &'static str),
}

/// Tokens that move a parser into other states.
const TOKENS: &[&str] = &[
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    ",",
    ":",
    "<",
    ">",
    "</",
    "/>",
    "&",
    "&#0;",
    "&amp;",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE",
    "\u{feff}",
    "\0",
    "\n",
    "\r\n",
    "\n\n\n\n",
    "r#\"",
    "\"#",
    "-1",
    "4294967296",
    "18446744073709551616",
    "1e999",
    "null",
    "true",
    "\u{1F54A}",
    "é",
    "<u>",
    "</u>",
    "PK\u{3}\u{4}",
    "..",
    "/",
    "internal://",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<prop::sample::Index>;
    prop_oneof![
        (index(), 1..=255u8).prop_map(|(i, x)| Mutation::Flip(i, x)),
        index().prop_map(Mutation::Cut),
        (index(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (index(), 1..256usize, index()).prop_map(|(a, n, b)| Mutation::Splice(a, n, b)),
        (index(), prop::sample::select(TOKENS)).prop_map(|(i, t)| Mutation::Insert(i, t)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let at = |i: &prop::sample::Index| {
            if bytes.is_empty() {
                0
            } else {
                i.index(bytes.len())
            }
        };
        match m {
            Mutation::Flip(i, x) if !bytes.is_empty() => {
                let i = at(i);
                bytes[i] ^= x;
            }
            Mutation::Flip(..) => {}
            Mutation::Cut(i) => bytes.truncate(at(i)),
            Mutation::Delete(i, n) => {
                let i = at(i);
                bytes.drain(i..(i + n).min(bytes.len()));
            }
            Mutation::Splice(from, n, to) => {
                let from = at(from);
                let piece = bytes[from..(from + n).min(bytes.len())].to_vec();
                let to = at(to);
                bytes.splice(to..to, piece);
            }
            Mutation::Insert(i, token) => {
                let i = at(i);
                bytes.splice(i..i, token.bytes());
            }
        }
    }
    bytes
}

/// A valid input (a seed of the fuzz targets) and changes to it.
fn mutated_seed() -> impl Strategy<Value = (&'static str, Vec<u8>)> {
    let seeds: Vec<(&'static str, Vec<u8>)> = seeds()
        .into_iter()
        .map(|(target, _, bytes)| (target, bytes))
        .collect();
    (
        prop::sample::select(seeds),
        prop::collection::vec(mutation(), 1..5),
    )
        .prop_map(|((target, bytes), ms)| (target, mutate(bytes, &ms)))
}

const TARGETS: &[&str] = &[
    "markup",
    "text_decode",
    "project_ron",
    "json_import",
    "qdpx_import",
    "qde_import",
    "qdc_import",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mutated_valid_inputs_give_a_result_or_a_typed_error((target, input) in mutated_seed()) {
        check(target, &input);
    }

    #[test]
    fn arbitrary_bytes_give_a_result_or_a_typed_error(
        target in prop::sample::select(TARGETS),
        input in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        check(target, &input);
    }
}

/// A file cut short anywhere: every prefix of every valid input.
#[test]
fn every_prefix_of_a_valid_input_gives_a_result_or_a_typed_error() {
    for (target, name, bytes) in seeds() {
        // The large seeds at every 7th byte plus each structural one.
        let step = if bytes.len() > 3000 { 7 } else { 1 };
        for end in 0..=bytes.len() {
            let structural = bytes
                .get(end)
                .is_some_and(|b| b"{}[]()<>\":,\n".contains(b));
            if end % step == 0 || structural {
                let input = &bytes[..end];
                let outcome = std::panic::catch_unwind(|| check(target, input));
                assert!(
                    outcome.is_ok(),
                    "{target}/{name} cut at byte {end} panicked"
                );
            }
        }
    }
}
