//! REFI-QDA export and import: schema validity, lossless round trips,
//! code-point positions, golden files, files from other tools, and hostile
//! input refused with the right error.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use briefmark::assets;
use briefmark::io::import::ImportError;
use briefmark::io::refi_qda::{from_qdc, from_qdpx, from_qdpx_with_warnings, to_qdc, to_qdpx};
use briefmark::model::document::DocumentRepr;
use briefmark::model::{
    Block, BlockKind, Code, CodeId, Codebook, Dimension, DimensionId, Document, DocumentId, Link,
    LinkId, Passage, PassageId, Problem, Project, Relation, RelationId, Rgb, Span, Style,
};
use chrono::{DateTime, Utc};
use quick_xml::events::Event;

// ---------------------------------------------------------------- helpers

fn manifest_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Every entry of a zip, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.insert(entry.name().unwrap().into_owned(), data);
    }
    out
}

fn project_qde(project: &Project) -> String {
    String::from_utf8(unzip(&to_qdpx(project))["project.qde"].clone()).unwrap()
}

/// Zips entries as another tool would (deflated, in the given order).
fn zip_entries(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Validates `xml` against a schema in tests/schemas with xmllint. Without
/// xmllint the check is skipped loudly, or fails when
/// `BRIEFMARK_REQUIRE_XMLLINT` is set (CI sets it).
fn assert_valid(xml: &str, schema: &str, label: &str) {
    let available = Command::new("xmllint").arg("--version").output().is_ok();
    if !available {
        if std::env::var_os("BRIEFMARK_REQUIRE_XMLLINT").is_some() {
            panic!("xmllint is not on PATH but BRIEFMARK_REQUIRE_XMLLINT is set");
        }
        eprintln!(
            "\n*** WARNING: xmllint not found (Debian: libxml2-utils); \
             {label} was NOT validated against {schema} ***\n"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(manifest_path(&format!("tests/schemas/{schema}")))
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{label} does not validate against {schema}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn time(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// Code-point range of the first `needle` in `text` (as Python's `str.find`).
fn find(text: &str, needle: &str) -> (usize, usize) {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// Text of a code-point range, exactly `text[start:end]` in Python.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn sorted(mut p: Project) -> Project {
    p.sort_passages();
    p
}

// --------------------------------------------------------- small fixture

const SMALL_TEXT: &str = "Détente — “a pause” \u{1F54A} at last\n\n\
Russia’s view of Baku changed. The downing was a pretext & not a cause.\n\n\
A second <paragraph> with é and \"quotes\".";

fn code(id: &str, name: &str, color: Rgb) -> Code {
    Code {
        memo: String::new(),
        id: CodeId(id.into()),
        name: name.into(),
        color,
        definition: String::new(),
        when_to_use: String::new(),
        when_not_to_use: String::new(),
        example: String::new(),
        key: None,
    }
}

fn small_codebook() -> Codebook {
    let pretext = Code {
        memo: String::new(),
        definition: "A trigger, not a driver.\n\nSecond paragraph of the definition.".into(),
        when_to_use: "The brief calls it the occasion.".into(),
        when_not_to_use: "Durable interests & ambitions.".into(),
        example: "“not the real cause but a pretext”".into(),
        ..code("pretext", "Pretext", Rgb(0xd9, 0x82, 0x2b))
    };
    let cause = Code {
        memo: String::new(),
        definition: "An underlying driver.".into(),
        ..code("cause", "Cause", Rgb(0x2f, 0x7f, 0xc1))
    };
    Codebook {
        dimensions: vec![
            Dimension {
                id: DimensionId("causal-role".into()),
                name: "Causal role".into(),
                description: "Why relations changed <per the brief>.".into(),
                exclusive: true,
                codes: vec![pretext, cause],
            },
            Dimension {
                id: DimensionId("level".into()),
                name: "Level".into(),
                description: String::new(),
                exclusive: false,
                codes: vec![
                    code("bilateral", "Bilateral", Rgb(0x3a, 0x9d, 0x5d)),
                    // Same name as a code of the first dimension: exported
                    // as "Pretext (2)", imported back as "Pretext".
                    code("level-pretext", "Pretext", Rgb(0x8e, 0x5b, 0xb5)),
                    code("empty", "Empty", Rgb(0, 0, 0)),
                ],
            },
        ],
    }
}

fn small_document() -> Document {
    let len = SMALL_TEXT.chars().count();
    let (p1, _) = find(SMALL_TEXT, "Russia’s");
    let (p2, _) = find(SMALL_TEXT, "A second");
    let block = |kind, start, end| Block { kind, start, end };
    let (italic_start, italic_end) = find(SMALL_TEXT, "a pause");
    let (under_start, under_end) = find(SMALL_TEXT, "Russia’s view");
    Document::new(DocumentRepr {
        info: Default::default(),
        id: DocumentId("small-brief".into()),
        title: "Détente — a small brief".into(),
        text: SMALL_TEXT.into(),
        blocks: vec![
            block(BlockKind::Title, 0, p1 - 2),
            block(BlockKind::Paragraph, p1, p2 - 2),
            block(BlockKind::Paragraph, p2, len),
        ],
        spans: vec![
            Span {
                style: Style::Italic,
                start: italic_start,
                end: italic_end,
            },
            Span {
                style: Style::Underline,
                start: under_start,
                end: under_end,
            },
        ],
    })
    .unwrap()
}

fn passage(
    doc: &Document,
    id: &str,
    quote: &str,
    codes: &[&str],
    coder: &str,
    memo: &str,
) -> Passage {
    let (start, end) = find(doc.text(), quote);
    let mut p = Passage::new(doc, start, end, coder, time("2026-11-20T09:00:00Z"));
    p.id = PassageId(id.into());
    p.codes = codes.iter().map(|c| CodeId((*c).into())).collect();
    p.memo = memo.into();
    p.modified = time("2026-11-20T09:30:00.5Z");
    p
}

/// A memo full of markup characters and both kinds of line end.
const LINK_MEMO: &str = "Occasion & <trigger> \"only\"\nsee p. 2\r\nand p. 3";

fn link(id: &str, from: &str, relation: &str, to: &str, memo: &str, coder: &str) -> Link {
    Link {
        id: LinkId(id.into()),
        from: PassageId(from.into()),
        relation: RelationId(relation.into()),
        to: PassageId(to.into()),
        memo: memo.into(),
        coder: coder.into(),
        created: time("2026-11-21T08:00:00Z"),
    }
}

/// Non-ASCII text (é, —, “ ”, an emoji outside the BMP), overlapping and
/// nested passages, a memo full of markup characters, a passage without
/// codes, one whose id is not a UUID, and two coders. Two links: one with a
/// memo and an id that is not a UUID, from the passage whose id is not
/// one either; one of a relation type added to the defaults.
fn small_project() -> Project {
    let doc = small_document();
    let passages = vec![
        passage(
            &doc,
            "00000000-0000-4000-8000-000000000001",
            "Détente — “a pause” \u{1F54A}",
            &["pretext", "bilateral"],
            "Ana",
            "Memo with & < > \"quotes\"\nand a second line\r\nand a CRLF.",
        ),
        passage(
            &doc,
            "00000000-0000-4000-8000-000000000002",
            "“a pause” \u{1F54A} at last",
            &["level-pretext"],
            "Bob",
            "",
        ),
        passage(
            &doc,
            "p-legacy",
            "The downing was a pretext",
            &["cause"],
            "Ana",
            "Nested in the paragraph.",
        ),
        passage(
            &doc,
            "00000000-0000-4000-8000-000000000004",
            "Russia’s view of Baku changed. The downing was a pretext & not a cause.",
            &["cause", "bilateral"],
            "Ana",
            "",
        ),
        passage(
            &doc,
            "00000000-0000-4000-8000-000000000005",
            "A second <paragraph> with é and \"quotes\".",
            &[],
            "Bob",
            "No codes yet.",
        ),
    ];
    let mut project = Project::new(vec![doc], small_codebook());
    project.coders = vec!["Ana".into(), "Bob".into()];
    project.passages = passages.into();
    project.relations.push(Relation {
        id: RelationId("echoes".into()),
        name: "echoes".into(),
        description: "Repeats the other's wording.".into(),
        inverse: String::new(),
    });
    project.links = vec![
        link(
            "l-legacy",
            "p-legacy",
            "pretext-for",
            "00000000-0000-4000-8000-000000000004",
            LINK_MEMO,
            "Ana",
        ),
        link(
            "00000000-0000-4000-9000-000000000002",
            "00000000-0000-4000-8000-000000000005",
            "echoes",
            "00000000-0000-4000-8000-000000000001",
            "",
            "Bob",
        ),
    ];
    project.check().expect("fixture is sound");
    project
}

// ----------------------------------------------------------- 1. schemas

#[test]
fn example_exports_validate_against_the_schemas() {
    let example = assets::example_project();
    assert_valid(
        &project_qde(&example),
        "Project-mrt2019.xsd",
        "example project.qde",
    );
    assert_valid(
        &to_qdc(&example.codebook),
        "Codebook-mrt2019.xsd",
        "example .qdc",
    );
}

#[test]
fn small_fixture_exports_validate_against_the_schemas() {
    let small = small_project();
    assert_valid(
        &project_qde(&small),
        "Project-mrt2019.xsd",
        "small project.qde",
    );
    assert_valid(
        &to_qdc(&small.codebook),
        "Codebook-mrt2019.xsd",
        "small .qdc",
    );
}

#[test]
fn the_schema_check_catches_an_invalid_document() {
    // Guards against a validation helper that passes everything.
    if Command::new("xmllint").arg("--version").output().is_err() {
        eprintln!("*** WARNING: xmllint not found; schema check not exercised ***");
        return;
    }
    let empty_codes = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes/></CodeBook>";
    let result = std::panic::catch_unwind(|| {
        assert_valid(empty_codes, "Codebook-mrt2019.xsd", "an empty <Codes>")
    });
    assert!(result.is_err(), "an empty <Codes> must not validate");
}

// -------------------------------------------------------- 2. round trip

#[test]
fn example_round_trips_unchanged() {
    let example = assets::example_project();
    let back = from_qdpx(&to_qdpx(&example), "example.qdpx").unwrap();
    assert_eq!(sorted(back), sorted(example));
}

#[test]
fn small_fixture_round_trips_unchanged() {
    let small = small_project();
    let back = from_qdpx(&to_qdpx(&small), "small.qdpx").unwrap();
    assert_eq!(back.passages.len(), 5);
    assert_eq!(
        back.codebook
            .code(&CodeId("level-pretext".into()))
            .unwrap()
            .name,
        "Pretext"
    );
    assert!(back.passage(&PassageId("p-legacy".into())).is_some());
    assert_eq!(sorted(back), sorted(small));
}

#[test]
fn a_document_starting_with_a_bom_round_trips_unchanged() {
    // Sources from other tools lose a leading BOM; briefmark's own keep it.
    let text = "\u{FEFF}Hello world";
    let doc = Document::new(DocumentRepr {
        info: Default::default(),
        id: DocumentId("bom".into()),
        title: "BOM".into(),
        text: text.into(),
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            start: 1,
            end: 12,
        }],
        spans: vec![],
    })
    .unwrap();
    let mut project = Project::new(vec![doc.clone()], small_codebook());
    project.passages = vec![passage(
        &doc,
        "00000000-0000-4000-8000-0000000000bb",
        "Hello",
        &["cause"],
        "",
        "",
    )]
    .into();
    let back = from_qdpx(&to_qdpx(&project), "bom.qdpx").unwrap();
    assert_eq!(back, project);
    assert_eq!((back.passages[0].start, back.passages[0].end), (1, 6));
}

#[test]
fn qdc_round_trip_keeps_names_descriptions_and_colours() {
    let small = small_codebook();
    let back = from_qdc(to_qdc(&small).as_bytes(), "small.qdc").unwrap();
    // A .qdc has no room for ids or exclusivity: ids are slugs of names.
    let ids: Vec<&str> = back.codes().map(|(_, c)| c.id.0.as_str()).collect();
    assert_eq!(ids, ["pretext", "cause", "bilateral", "pretext-2", "empty"]);
    assert!(back.dimensions.iter().all(|d| !d.exclusive));
    for ((d0, c0), (d1, c1)) in small.codes().zip(back.codes()) {
        assert_eq!(d0.name, d1.name);
        assert_eq!(d0.description, d1.description);
        assert_eq!(c0.color, c1.color);
        assert_eq!(c0.definition, c1.definition);
        assert_eq!(c0.when_to_use, c1.when_to_use);
        assert_eq!(c0.when_not_to_use, c1.when_not_to_use);
        assert_eq!(c0.example, c1.example);
    }
    // Names were made unique for other tools.
    assert_eq!(back.codes().nth(3).unwrap().1.name, "Pretext (2)");
}

// --------------------------------------------------------- 3. positions

/// (plainTextPath, [(guid, start, end)]) for each TextSource.
type Selections = Vec<(String, Vec<(String, usize, usize)>)>;

fn selections(qde: &str) -> Selections {
    let mut reader = quick_xml::Reader::from_str(qde);
    let mut out: Selections = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name).unwrap().map(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned()
                    })
                };
                match e.name().as_ref() {
                    "TextSource" => out.push((attr("plainTextPath").unwrap(), Vec::new())),
                    "PlainTextSelection" => out.last_mut().unwrap().1.push((
                        attr("guid").unwrap(),
                        attr("startPosition").unwrap().parse().unwrap(),
                        attr("endPosition").unwrap().parse().unwrap(),
                    )),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn assert_positions_are_code_points(project: &Project) {
    let files = unzip(&to_qdpx(project));
    let qde = String::from_utf8(files["project.qde"].clone()).unwrap();
    let mut checked = 0;
    for (path, sels) in selections(&qde) {
        let entry = format!("sources/{}", path.strip_prefix("internal://").unwrap());
        let bytes = &files[&entry];
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM in {entry}");
        let text = std::str::from_utf8(bytes).unwrap();
        for (guid, start, end) in sels {
            // "p-legacy" is not a UUID, so its GUID is derived from it.
            let p = project
                .passages
                .iter()
                .filter(|p| p.start == start && p.end == end)
                .find(|p| p.id.0 == guid || p.id.0 == "p-legacy")
                .unwrap_or_else(|| panic!("selection {guid} {start}..{end} has no passage"));
            assert_eq!(slice(text, start, end), p.quote, "selection {guid}");
            checked += 1;
        }
    }
    assert_eq!(checked, project.passages.len());
}

#[test]
fn selection_positions_slice_the_exported_text_to_the_quote() {
    assert_positions_are_code_points(&assets::example_project());
    assert_positions_are_code_points(&small_project());
}

#[test]
fn the_emoji_counts_as_one_position() {
    let qde = project_qde(&small_project());
    let sels = selections(&qde);
    let first = &sels[0].1[0];
    assert_eq!(first.0, "00000000-0000-4000-8000-000000000001");
    // "Détente — “a pause” 🕊" is 21 code points (22 UTF-16 units, 31 bytes).
    assert_eq!((first.1, first.2), (0, 21));
}

// ------------------------------------------------------------ 4. golden

/// Compares with tests/golden/refi_qda/<name>, or rewrites it when
/// UPDATE_GOLDEN=1. The version in `origin` is masked so a version bump
/// does not invalidate the files.
fn assert_golden(name: &str, actual: &str) {
    let actual = actual.replace(
        &format!("briefmark {}", env!("CARGO_PKG_VERSION")),
        "briefmark VERSION",
    );
    let path = manifest_path(&format!("tests/golden/refi_qda/{name}"));
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1", path.display()));
    assert!(
        expected == actual,
        "{name} differs from the golden file; if the change is intended, \
         regenerate with UPDATE_GOLDEN=1.\n--- actual ---\n{actual}"
    );
}

#[test]
fn small_fixture_matches_the_golden_files() {
    let small = small_project();
    assert_golden("small.qdc", &to_qdc(&small.codebook));
    let files = unzip(&to_qdpx(&small));
    assert_golden(
        "small.project.qde",
        std::str::from_utf8(&files["project.qde"]).unwrap(),
    );
    assert_golden(
        "small.briefmark.json",
        std::str::from_utf8(&files["briefmark.json"]).unwrap(),
    );
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"briefmark.json"));
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("sources/") && n.ends_with(".txt"))
    );
}

#[test]
fn exports_are_byte_identical() {
    let small = small_project();
    let first = to_qdpx(&small);
    assert_eq!(to_qdpx(&small), first);
    // Passage order in memory does not matter either.
    let mut shuffled = small.clone();
    shuffled.passages.reverse();
    assert_eq!(to_qdpx(&shuffled), first);
    let example = assets::example_project();
    assert_eq!(to_qdpx(&example), to_qdpx(&example));
    assert_eq!(to_qdc(&example.codebook), to_qdc(&example.codebook));
}

// ------------------------------------------------ 5. from another tool

const ANA: &str = "A1B2C3D4-0000-4000-8000-00000000000A";
const BOB: &str = "a1b2c3d4-0000-4000-8000-00000000000b";
const BOM_TEXT: &str = "\u{FEFF}Trust was low.\n\nThen it grew — slowly.";
const CRLF_TEXT: &str = "Line one.\r\nLine two é.\r\n\r\nNext para.";

/// `CRLF_TEXT` as stored: `\n` line ends.
const CRLF_TEXT_STORED: &str = "Line one.\nLine two é.\n\nNext para.";

/// A project.qde as QualCoder might write it: braced upper-case GUIDs, a
/// BOM source, a CRLF source, inline text, top-level codable codes, nesting
/// deeper than briefmark's two levels, no briefmark.json.
fn foreign_qde() -> String {
    // Positions as QualCoder counts them (see tests/fixtures/qualcoder):
    // without the BOM, one per line end even where the file has CRLF.
    let without_bom = BOM_TEXT.strip_prefix('\u{FEFF}').unwrap();
    let (bom_s, bom_e) = find(without_bom, "Trust was low.");
    let (grew_s, grew_e) = find(without_bom, "it grew");
    let (crlf_s, crlf_e) = find(CRLF_TEXT_STORED, "one.\nLine two é.");
    format!(
        r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Interviews" origin="QualCoder 3.5" creationDateTime="2024-05-01T12:00:00Z">
  <Users>
    <User guid="{{{ANA}}}" name="Ana"/>
    <User guid="{BOB}" name="Bob"/>
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="10000000-0000-4000-8000-000000000001" name="Themes" isCodable="false">
        <Description>Recurring themes.</Description>
        <Code guid="10000000-0000-4000-8000-000000000002" name="Trust" isCodable="true" color="#ABC">
          <Description>Trust between actors.

When to use: when trust is named.</Description>
          <Code guid="10000000-0000-4000-8000-000000000003" name="Distrust" isCodable="true" color="#112233"/>
        </Code>
        <Code guid="10000000-0000-4000-8000-000000000004" name="Sub group" isCodable="false">
          <Code guid="10000000-0000-4000-8000-000000000005" name="Deep" isCodable="true"/>
        </Code>
      </Code>
      <Code guid="10000000-0000-4000-8000-000000000006" name="Misc" isCodable="true"/>
      <Code guid="10000000-0000-4000-8000-000000000007" name="Trust" isCodable="true" color="#445566"/>
    </Codes>
  </CodeBook>
  <Sources>
    <TextSource guid="20000000-0000-4000-8000-000000000001" name="Interview one.txt" plainTextPath="internal://20000000-0000-4000-8000-000000000001.txt" creatingUser="{ANA}">
      <PlainTextSelection guid="{{30000000-0000-4000-8000-00000000000A}}" name="Trust was low." startPosition="{bom_s}" endPosition="{bom_e}" creatingUser="{ANA}" creationDateTime="2024-05-02T10:00:00Z" modifiedDateTime="2024-05-03T10:00:00+02:00">
        <Description>Memo &amp; more</Description>
        <Coding guid="40000000-0000-4000-8000-000000000001" creatingUser="{ANA}">
          <CodeRef targetGUID="10000000-0000-4000-8000-000000000002"/>
        </Coding>
        <Coding guid="40000000-0000-4000-8000-000000000002" creatingUser="{ANA}">
          <CodeRef targetGUID="10000000-0000-4000-8000-000000000005"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="30000000-0000-4000-8000-00000000000b" startPosition="{grew_s}" endPosition="{grew_e}">
        <Coding guid="40000000-0000-4000-8000-000000000003" creatingUser="{BOB}">
          <CodeRef targetGUID="10000000-0000-4000-8000-000000000006"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="20000000-0000-4000-8000-000000000002" name="Field notes" plainTextPath="notes/field.txt">
      <Description>Field notes, May</Description>
      <PlainTextSelection guid="30000000-0000-4000-8000-00000000000c" name="one.&#10;Line two é." startPosition="{crlf_s}" endPosition="{crlf_e}" creatingUser="{BOB}" creationDateTime="2024-05-04T08:00:00">
        <Coding guid="40000000-0000-4000-8000-000000000004" creatingUser="{BOB}">
          <CodeRef targetGUID="10000000-0000-4000-8000-000000000007"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="20000000-0000-4000-8000-000000000003" name="Interview one.txt">
      <PlainTextContent>Inline text here.</PlainTextContent>
      <PlainTextSelection guid="30000000-0000-4000-8000-00000000000d" startPosition="0" endPosition="6"/>
    </TextSource>
    <PDFSource guid="20000000-0000-4000-8000-000000000004" name="scan.pdf" path="internal://scan.pdf"/>
  </Sources>
  <Notes>
    <Note guid="50000000-0000-4000-8000-000000000001" name="why">
      <PlainTextContent>Both say so &amp; more.</PlainTextContent>
    </Note>
    <Note guid="50000000-0000-4000-8000-000000000002" name="file note" plainTextPath="internal://50000000-0000-4000-8000-000000000002.txt"/>
  </Notes>
  <Links>
    <Link guid="60000000-0000-4000-8000-000000000001" name="Supports" direction="OneWay" originGUID="30000000-0000-4000-8000-00000000000B" targetGUID="{{30000000-0000-4000-8000-00000000000A}}">
      <NoteRef targetGUID="50000000-0000-4000-8000-000000000001"/>
      <NoteRef targetGUID="50000000-0000-4000-8000-000000000002"/>
      <NoteRef targetGUID="50000000-0000-4000-8000-000000000001"/>
      <NoteRef targetGUID="99999999-0000-4000-8000-000000000000"/>
    </Link>
    <Link guid="60000000-0000-4000-8000-000000000002" name=" is cause of " direction="Associative" originGUID="30000000-0000-4000-8000-00000000000c" targetGUID="30000000-0000-4000-8000-00000000000d"/>
    <Link guid="60000000-0000-4000-8000-000000000003" name="is associated with" originGUID="10000000-0000-4000-8000-000000000002" targetGUID="10000000-0000-4000-8000-000000000006"/>
    <Link guid="60000000-0000-4000-8000-000000000004" name="supports" originGUID="30000000-0000-4000-8000-00000000000a" targetGUID="20000000-0000-4000-8000-000000000004"/>
    <Link guid="60000000-0000-4000-8000-000000000005" originGUID="30000000-0000-4000-8000-00000000000a" targetGUID="99999999-0000-4000-8000-000000000001"/>
    <Link guid="60000000-0000-4000-8000-000000000006" originGUID="30000000-0000-4000-8000-00000000000d" targetGUID="30000000-0000-4000-8000-00000000000c"/>
  </Links>
</Project>
"##
    )
}

/// A link memo kept in a file, with a byte-order mark.
const NOTE_FILE: (&str, &str) = (
    "sources/50000000-0000-4000-8000-000000000002.txt",
    "\u{FEFF}From a file.",
);

fn foreign_qdpx() -> Vec<u8> {
    qdpx_with_qde(&foreign_qde())
}

#[test]
fn a_project_from_another_tool_comes_in_as_specified() {
    let p = from_qdpx(&foreign_qdpx(), "other.qdpx").unwrap();
    assert_eq!(p.coders, ["Ana", "Bob"]);

    // Documents: ids are unique slugs of the source names, titles the
    // descriptions (else the names), paragraphs split at blank lines.
    let ids: Vec<&str> = p.documents.iter().map(|d| d.id().0.as_str()).collect();
    assert_eq!(
        ids,
        ["interview-one-txt", "field-notes", "interview-one-txt-2"]
    );
    let titles: Vec<&str> = p.documents.iter().map(|d| d.title()).collect();
    assert_eq!(
        titles,
        ["Interview one.txt", "Field notes, May", "Interview one.txt"]
    );
    let (bom_doc, crlf_doc, inline_doc) = (&p.documents[0], &p.documents[1], &p.documents[2]);
    assert_eq!(bom_doc.text(), BOM_TEXT.strip_prefix('\u{FEFF}').unwrap());
    assert_eq!(crlf_doc.text(), CRLF_TEXT_STORED, "line ends stored as \\n");
    assert_eq!(inline_doc.text(), "Inline text here.");
    let blocks = |d: &Document| {
        d.blocks()
            .iter()
            .map(|b| (b.kind, b.start, b.end))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        blocks(bom_doc),
        [
            (BlockKind::Paragraph, 0, 14),
            (BlockKind::Paragraph, 16, 38)
        ]
    );
    assert_eq!(
        blocks(crlf_doc),
        [
            (BlockKind::Paragraph, 0, 21),
            (BlockKind::Paragraph, 23, 33)
        ]
    );
    assert!(p.documents.iter().all(|d| d.spans().is_empty()));

    // Codebook: the non-codable top-level code is a dimension holding every
    // codable code below it, flattened; top-level codable codes go to "Codes".
    let dims: Vec<(&str, &str, bool)> = p
        .codebook
        .dimensions
        .iter()
        .map(|d| (d.id.0.as_str(), d.name.as_str(), d.exclusive))
        .collect();
    assert_eq!(
        dims,
        [("themes", "Themes", false), ("codes", "Codes", false)]
    );
    assert_eq!(p.codebook.dimensions[0].description, "Recurring themes.");
    let codes: Vec<(&str, &str, &str)> = p
        .codebook
        .codes()
        .map(|(d, c)| (d.id.0.as_str(), c.id.0.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("themes", "trust", "Trust"),
            ("themes", "distrust", "Distrust"),
            ("themes", "deep", "Deep"),
            ("codes", "misc", "Misc"),
            ("codes", "trust-2", "Trust"),
        ]
    );
    let trust = p.codebook.code(&CodeId("trust".into())).unwrap();
    assert_eq!(trust.color, Rgb(0xaa, 0xbb, 0xcc));
    assert_eq!(trust.definition, "Trust between actors.");
    assert_eq!(trust.when_to_use, "when trust is named.");
    let deep = p.codebook.code(&CodeId("deep".into())).unwrap();
    assert!(briefmark::model::codebook::PALETTE.contains(&deep.color));

    // Passages: positions counted without the BOM and with one per line
    // end, on the same words in the stored text; memos, coders from <Users> (GUIDs matched whatever their case and braces).
    assert_eq!(p.passages.len(), 4);
    let first = &p.passages[0];
    assert_eq!(first.id.0, "30000000-0000-4000-8000-00000000000a");
    assert_eq!((first.start, first.end), (0, 14));
    assert_eq!(first.quote, "Trust was low.");
    assert_eq!(first.suffix, "\n\nThen it grew — slowly.");
    assert_eq!(first.memo, "Memo & more");
    assert_eq!(first.coder, "Ana");
    assert_eq!(first.codes, [CodeId("trust".into()), CodeId("deep".into())]);
    assert_eq!(first.created, time("2024-05-02T10:00:00Z"));
    assert_eq!(first.modified, time("2024-05-03T08:00:00Z"));
    let second = &p.passages[1];
    assert_eq!(second.quote, "it grew");
    assert_eq!(second.coder, "Bob", "from the coding's creatingUser");
    assert_eq!(second.codes, [CodeId("misc".into())]);
    assert_eq!(
        second.created,
        time("2024-05-01T12:00:00Z"),
        "the project's time"
    );
    assert_eq!(second.modified, second.created);
    let third = &p.passages[2];
    assert_eq!(third.quote, "one.\nLine two é.");
    assert_eq!(third.codes, [CodeId("trust-2".into())]);
    assert_eq!(
        third.created,
        time("2024-05-04T08:00:00Z"),
        "no zone is UTC"
    );
    let fourth = &p.passages[3];
    assert_eq!(
        (fourth.quote.as_str(), fourth.coder.as_str()),
        ("Inline", "")
    );
    assert!(fourth.codes.is_empty());
    p.check().unwrap();
}

#[test]
fn links_from_another_tool_join_text_passages_and_the_rest_is_skipped() {
    let (p, warnings) = from_qdpx_with_warnings(&foreign_qdpx(), "other.qdpx").unwrap();
    let sel = |n: &str| PassageId(format!("30000000-0000-4000-8000-00000000000{n}"));
    let ends: Vec<(&str, &PassageId, &str, &PassageId)> = p
        .links
        .iter()
        .map(|l| (l.id.0.as_str(), &l.from, l.relation.0.as_str(), &l.to))
        .collect();
    assert_eq!(
        ends,
        [
            // "Supports" matches the default "supports" whatever the case;
            // GUIDs match whatever their case and braces.
            (
                "60000000-0000-4000-8000-000000000001",
                &sel("b"),
                "supports",
                &sel("a")
            ),
            // A new relation type, its name trimmed; direction is not kept.
            (
                "60000000-0000-4000-8000-000000000002",
                &sel("c"),
                "is-cause-of",
                &sel("d")
            ),
            // No name: a relation type "is linked to".
            (
                "60000000-0000-4000-8000-000000000006",
                &sel("d"),
                "is-linked-to",
                &sel("c")
            ),
        ]
    );
    let names: Vec<&str> = p.relations.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "supports",
            "contradicts",
            "explains",
            "is a pretext for",
            "is cause of",
            "is linked to"
        ]
    );
    // Each note once, in order, the file's BOM dropped; a NoteRef to no
    // note is ignored.
    assert_eq!(p.links[0].memo, "Both say so & more.\n\nFrom a file.");
    assert_eq!(p.links[1].memo, "");
    assert_eq!(
        (p.links[0].coder.as_str(), p.links[0].created),
        ("", time("2024-05-01T12:00:00Z"))
    );
    // A code-code link, one to a PDF source and one to nothing: skipped,
    // with one warning naming the first.
    assert_eq!(
        warnings,
        [
            "other.qdpx: 3 of 6 link(s) skipped: they do not join two text passages \
          (first: <Link guid=\"60000000-0000-4000-8000-000000000003\">)"
        ]
    );
    p.check().unwrap();
}

#[test]
fn a_link_without_a_guid_is_malformed() {
    let qde = foreign_qde().replace(
        "<Link guid=\"60000000-0000-4000-8000-000000000002\"",
        "<Link",
    );
    assert_malformed(import_err(&qdpx_with_qde(&qde)), "a <Link> has no guid");
}

#[test]
fn a_note_file_outside_the_archive_is_refused() {
    let qde = foreign_qde().replace(
        "internal://50000000-0000-4000-8000-000000000002.txt",
        "../memo.txt",
    );
    let err = import_err(&qdpx_with_qde(&qde));
    assert!(
        matches!(&err, ImportError::UnsafeEntry { entry, .. } if entry == "../memo.txt"),
        "{err}"
    );
}

#[test]
fn links_round_trip_with_ids_relations_and_memos() {
    let small = small_project();
    let files = unzip(&to_qdpx(&small));
    let qde = std::str::from_utf8(&files["project.qde"]).unwrap();
    // REFI's own shape: a note for the memo, links between the selections.
    assert!(qde.contains("<Links>") && qde.contains("direction=\"OneWay\""));
    assert!(qde.contains("name=\"is a pretext for\""));
    assert!(qde.contains("originGUID=\"00000000-0000-4000-8000-000000000005\" targetGUID=\"00000000-0000-4000-8000-000000000001\""));
    assert_eq!(qde.matches("<Note ").count(), 1, "one memo, one note");
    assert!(qde.find("</Notes>").unwrap() < qde.find("<Links>").unwrap());
    let back = from_qdpx(&to_qdpx(&small), "small.qdpx").unwrap();
    assert_eq!(back.links, small.links);
    assert_eq!(back.relations, small.relations);
    assert_eq!(back.links[0].memo, LINK_MEMO);
}

#[test]
fn without_briefmark_json_links_come_back_by_name_and_guid() {
    // What another tool sees: the XML alone.
    let small = small_project();
    let files = unzip(&to_qdpx(&small));
    let entries: Vec<(&str, &[u8])> = files
        .iter()
        .filter(|(name, _)| name.as_str() != "briefmark.json")
        .map(|(name, data)| (name.as_str(), data.as_slice()))
        .collect();
    let back = from_qdpx(&zip_entries(&entries), "bare.qdpx").unwrap();
    let relations: Vec<&str> = back.links.iter().map(|l| l.relation.0.as_str()).collect();
    assert_eq!(relations, ["pretext-for", "echoes"]);
    assert_eq!(
        back.relation(&RelationId("echoes".into()))
            .unwrap()
            .description,
        ""
    );
    assert_eq!(back.links[0].memo, LINK_MEMO);
    back.check().unwrap();
}

#[test]
fn a_foreign_project_survives_a_briefmark_round_trip() {
    let p = from_qdpx(&foreign_qdpx(), "other.qdpx").unwrap();
    let back = from_qdpx(&to_qdpx(&p), "again.qdpx").unwrap();
    assert_eq!(sorted(back), sorted(p));
}

#[test]
fn a_codebook_from_another_tool() {
    let qdc = r##"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA">
  <Codes>
    <Code guid="10000000-0000-4000-8000-000000000001" name="Actors" isCodable="false">
      <Code guid="10000000-0000-4000-8000-000000000002" name="State" isCodable="true" color="#ff0000">
        <Code guid="10000000-0000-4000-8000-000000000003" name="Ministry" isCodable="true"/>
      </Code>
    </Code>
    <Code guid="10000000-0000-4000-8000-000000000004" name="Loose" isCodable="true">
      <Description>Just a memo.</Description>
    </Code>
  </Codes>
</CodeBook>"##;
    let book = from_qdc(qdc.as_bytes(), "tool.qdc").unwrap();
    let codes: Vec<(&str, &str, &str)> = book
        .codes()
        .map(|(d, c)| (d.name.as_str(), c.id.0.as_str(), c.definition.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("Actors", "state", ""),
            ("Actors", "ministry", ""),
            ("Codes", "loose", "Just a memo."),
        ]
    );
    assert_eq!(book.codes().next().unwrap().1.color, Rgb(0xff, 0, 0));
}

// ------------------------------------- 5b. positions in other tools' files

/// The texts of tests/fixtures/qualcoder (see its README), as stored.
const QC_INTERVIEW: &str = "Interview 1 — Baku\n\
Նիկոլ Փաշինյան spoke first; ნინო ბერიძე answered.\n\
Россия наблюдала за переговорами.\n\
گفتگو در باکو ادامه یافت.\n\
\n\
The second paragraph — after a blank line.\n";
const QC_FIELD_NOTES: &str = "Field notes — Tbilisi, May\n\
ნინო ბერიძე: «Мы ждём».\n\
Նիկոլ Փաշինյան did not reply.\n\
سپس همه رفتند.\n";

/// Every selection of the fixtures: document, start, end, text (in
/// position order, documents by id).
const QC_SELECTIONS: [(&str, usize, usize, &str); 10] = [
    ("field-notes-txt", 14, 21, "Tbilisi"),
    ("field-notes-txt", 40, 49, "«Мы ждём»"),
    ("field-notes-txt", 51, 65, "Նիկոլ Փաշինյան"),
    ("field-notes-txt", 66, 95, "did not reply.\nسپس همه رفتند."),
    ("interview-1-txt", 0, 18, "Interview 1 — Baku"),
    ("interview-1-txt", 19, 33, "Նիկոլ Փաշինյան"),
    ("interview-1-txt", 47, 58, "ნინო ბერიძე"),
    ("interview-1-txt", 59, 85, "answered.\nРоссия наблюдала"),
    ("interview-1-txt", 103, 116, "گفتگو در باکو"),
    (
        "interview-1-txt",
        117,
        150,
        "ادامه یافت.\n\nThe second paragraph",
    ),
];

/// Selection GUID (lower case) to its `name`, read from a project.qde.
fn selection_names(qde: &str) -> BTreeMap<String, String> {
    let mut reader = quick_xml::Reader::from_str(qde);
    let mut names = BTreeMap::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "PlainTextSelection" => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .unwrap()
                        .unwrap()
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned()
                };
                names.insert(attr("guid").to_lowercase(), attr("name"));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    names
}

/// Imports a QualCoder fixture and checks every selection: the exact
/// range, the text there, and that QualCoder's own `name` for it is that
/// text (Qt's selected text, U+2029 at line ends). Returns the source
/// files' bytes, for the caller to check how they were written.
fn assert_qualcoder_fixture(file: &str) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(manifest_path(&format!("tests/fixtures/qualcoder/{file}"))).unwrap();
    let (p, warnings) = from_qdpx_with_warnings(&bytes, file).unwrap();
    assert_eq!(warnings, Vec::<String>::new());
    let texts: Vec<(&str, &str)> = (p.documents.iter())
        .map(|d| (d.id().0.as_str(), d.text()))
        .collect();
    assert_eq!(
        texts,
        [
            ("interview-1-txt", QC_INTERVIEW),
            ("field-notes-txt", QC_FIELD_NOTES)
        ]
    );
    let files = unzip(&bytes);
    let names = selection_names(std::str::from_utf8(&files["project.qde"]).unwrap());
    let sorted = sorted(p.clone());
    let got: Vec<(&str, usize, usize, &str)> = (sorted.passages.iter())
        .map(|s| (s.document.0.as_str(), s.start, s.end, s.quote.as_str()))
        .collect();
    assert_eq!(got, QC_SELECTIONS);
    for s in sorted.passages.iter() {
        let doc = p.documents.iter().find(|d| d.id() == &s.document).unwrap();
        assert_eq!(slice(doc.text(), s.start, s.end), s.quote);
        assert_eq!(
            names[&s.id.0],
            s.quote.replace('\n', "\u{2029}"),
            "{}",
            s.id.0
        );
    }
    assert_eq!(names.len(), QC_SELECTIONS.len());
    let memo = |quote: &str| {
        &sorted
            .passages
            .iter()
            .find(|s| s.quote == quote)
            .unwrap()
            .memo
    };
    assert_eq!(memo("ნინო ბერიძე"), "Named twice.\nSee field notes.");
    assert_eq!(memo("«Мы ждём»"), "A quote in a quote.");
    assert_eq!(p.coders, ["Ana", "Bob"]);
    p.check().unwrap();
    let project = std::str::from_utf8(&files["project.qde"]).unwrap();
    (selections(project).into_iter())
        .map(|(path, _)| files[&format!("sources/{}", &path["internal://".len()..])].clone())
        .collect()
}

#[test]
fn a_qualcoder_export_is_read_on_the_same_words() {
    // QualCoder writes the mark and LF; positions count neither the mark
    // nor more than one per line end: "Interview 1 — Baku" is 0..18.
    for source in assert_qualcoder_fixture("qualcoder-default.qdpx") {
        assert!(
            source.starts_with(b"\xEF\xBB\xBFInterview 1")
                || source.starts_with(b"\xEF\xBB\xBFField")
        );
        assert!(!source.contains(&b'\r'));
    }
}

#[test]
fn a_qualcoder_export_for_maxqda_is_read_on_the_same_words() {
    // Its MAXQDA option writes CRLF, yet still counts one per line end.
    for source in assert_qualcoder_fixture("qualcoder-maxqda-crlf.qdpx") {
        assert!(source.starts_with(b"\xEF\xBB\xBF"));
        let text = std::str::from_utf8(&source).unwrap();
        assert_eq!(text.matches("\r\n").count(), text.matches('\n').count());
        assert!(text.contains("\r\n"));
    }
}

/// A CRLF source from `origin`, its selections at `positions`, each
/// named `names[i]`; returns the passages' (start, end, quote) and the
/// warnings.
type Placed = (Vec<(usize, usize, String)>, Vec<String>);

fn crlf_source(origin: &str, positions: &[(usize, usize)], names: &[&str]) -> Placed {
    let sels: String = positions
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, ((s, e), name))| {
            format!(
                "<PlainTextSelection guid=\"30000000-0000-4000-8000-00000000000{i}\" name=\"{name}\" startPosition=\"{s}\" endPosition=\"{e}\"/>"
            )
        })
        .collect();
    let qde = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="{origin}">
  <Sources>
    <TextSource guid="20000000-0000-4000-8000-000000000001" name="Memo" plainTextPath="internal://s.txt">{sels}</TextSource>
  </Sources>
</Project>"#
    );
    let text = "\u{FEFF}Ереван — day one\r\nთბილისი, night\r\n\r\nبه باکو.";
    let zip = zip_entries(&[
        ("project.qde", qde.as_bytes()),
        ("sources/s.txt", text.as_bytes()),
    ]);
    let (p, warnings) = from_qdpx_with_warnings(&zip, "tool.qdpx").unwrap();
    assert_eq!(
        p.documents[0].text(),
        "Ереван — day one\nთბილისი, night\n\nبه باکو."
    );
    let placed = (p.passages.iter())
        .map(|s| (s.start, s.end, s.quote.clone()))
        .collect();
    (placed, warnings)
}

/// The words every variant below must land on, in the stored text.
fn crlf_expected() -> Vec<(usize, usize, String)> {
    vec![
        (9, 24, "day one\nთბილისი".into()),
        (33, 41, "به باکو.".into()),
    ]
}

#[test]
fn crlf_counted_as_two_lands_on_the_same_words() {
    // MAXQDA counts CRLF as two (and not the mark): names confirm it even
    // where the origin's usual way is one per line end.
    let two = [(9, 25), (36, 44)];
    for origin in ["MAXQDA 2022", "QualCoder 4.0"] {
        let (placed, warnings) = crlf_source(origin, &two, &["day one თბილისი", "به باکو."]);
        assert_eq!(placed, crlf_expected(), "{origin}");
        assert_eq!(warnings, Vec::<String>::new(), "{origin}");
    }
    // Without names, MAXQDA's usual way is taken, and said to be a guess.
    let (placed, warnings) = crlf_source("MAXQDA 2022", &two, &["", ""]);
    assert_eq!(placed, crlf_expected());
    assert_eq!(
        warnings,
        [
            "tool.qdpx: source \"Memo\": no selection's name confirms how its positions were \
          counted; taken as line ends as written (CRLF as two characters) (usual for \"MAXQDA 2022\")"
        ]
    );
}

#[test]
fn crlf_counted_as_one_lands_on_the_same_words() {
    let one = [(9, 24), (33, 41)];
    for origin in ["ATLAS.ti 23", "MAXQDA 2022"] {
        let (placed, warnings) = crlf_source(origin, &one, &["day one თბილისი", "به باکو."]);
        assert_eq!(placed, crlf_expected(), "{origin}");
        assert_eq!(warnings, Vec::<String>::new(), "{origin}");
    }
    // The mark counted as well (a tool that reads the file as QualCoder's
    // importer does): confirmed by the names, too.
    let (placed, warnings) =
        crlf_source("x", &[(10, 26), (37, 45)], &["day one თბილისი", "به باکو."]);
    assert_eq!(placed, crlf_expected());
    assert_eq!(warnings, Vec::<String>::new());
}

#[test]
fn a_name_that_is_not_the_text_at_its_positions_is_reported() {
    let (placed, warnings) = crlf_source(
        "QualCoder 4.0",
        &[(9, 24), (33, 41), (0, 6)],
        &["day one თბილისი", "به باکو.", "Tbilisi"],
    );
    assert_eq!(placed[..2], crlf_expected());
    assert_eq!(placed[2], (0, 6, "Ереван".into()), "kept as written");
    assert_eq!(
        warnings,
        [
            "tool.qdpx: source \"Memo\": 1 of 3 selection(s) have a name that is not the text at \
          their positions, counted as each line end as one character (first: \
          <PlainTextSelection guid=\"30000000-0000-4000-8000-000000000002\"> named \"Tbilisi\", \
          text \"Ереван\")"
        ]
    );
}

// ---------------------------------------------------- 6. hostile input

fn qdpx_with_qde(qde: &str) -> Vec<u8> {
    zip_entries(&[
        ("project.qde", qde.as_bytes()),
        (
            "sources/20000000-0000-4000-8000-000000000001.txt",
            BOM_TEXT.as_bytes(),
        ),
        ("notes/field.txt", CRLF_TEXT.as_bytes()),
        (NOTE_FILE.0, NOTE_FILE.1.as_bytes()),
    ])
}

fn import_err(bytes: &[u8]) -> ImportError {
    from_qdpx(bytes, "bad.qdpx").expect_err("refused")
}

#[test]
fn entries_leaving_the_archive_are_refused() {
    let qde = foreign_qde();
    for name in [
        "../evil.txt",
        "sources/../../evil.txt",
        "/etc/evil",
        "C:/evil.txt",
        "c:\\evil.txt",
    ] {
        let zip = zip_entries(&[("project.qde", qde.as_bytes()), (name, b"x")]);
        let err = import_err(&zip);
        assert!(
            matches!(&err, ImportError::UnsafeEntry { entry, .. } if entry == name),
            "{name}: {err}"
        );
    }
}

#[test]
fn text_paths_leaving_the_archive_are_refused() {
    for path in [
        "/etc/passwd",
        "../outside.txt",
        "internal://../outside.txt",
        "absolute:///home/me/a.txt",
        "file:///etc/passwd",
        "C:\\Users\\me\\a.txt",
    ] {
        let qde = foreign_qde().replace("notes/field.txt", &path.replace('&', "&amp;"));
        let err = import_err(&qdpx_with_qde(&qde));
        assert!(
            matches!(&err, ImportError::UnsafeEntry { entry, .. } if entry == path),
            "{path}: {err}"
        );
    }
}

#[test]
fn an_entry_declaring_a_huge_size_is_refused() {
    let mut zip = zip_entries(&[("project.qde", foreign_qde().as_bytes())]);
    // Declare ~2 GB uncompressed in the local header and central directory.
    let huge = 0x7fff_ffffu32.to_le_bytes();
    let local = zip.windows(4).position(|w| w == b"PK\x03\x04").unwrap();
    zip[local + 22..local + 26].copy_from_slice(&huge);
    let central = zip.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    zip[central + 24..central + 28].copy_from_slice(&huge);
    let err = import_err(&zip);
    assert!(
        matches!(&err, ImportError::TooLarge { entry, limit, .. }
            if entry == "project.qde" && *limit == briefmark::io::import::MAX_ENTRY_BYTES),
        "{err}"
    );
}

#[test]
fn dtds_and_entities_are_refused_before_parsing() {
    let billion_laughs = foreign_qde().replacen(
        "<Project",
        "<!DOCTYPE Project [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<Project",
        1,
    );
    assert!(matches!(
        import_err(&qdpx_with_qde(&billion_laughs)),
        ImportError::Dtd { .. }
    ));
    let qdc = "<?xml version=\"1.0\"?><!ENTITY x SYSTEM \"file:///etc/passwd\"><CodeBook/>";
    assert!(matches!(
        from_qdc(qdc.as_bytes(), "bad.qdc"),
        Err(ImportError::Dtd { .. })
    ));
}

fn assert_malformed(err: ImportError, needle: &str) {
    let message = err.to_string();
    assert!(matches!(err, ImportError::Malformed { .. }), "{message}");
    assert!(message.contains(needle), "{message:?} lacks {needle:?}");
}

#[test]
fn broken_archives_and_xml_are_malformed_with_a_reason() {
    assert_malformed(import_err(b"just text"), "not a zip archive");
    let no_qde = zip_entries(&[("sources/a.txt", b"text")]);
    assert_malformed(import_err(&no_qde), "no project.qde");
    let broken = foreign_qde().replace("</Users>", "</Userz>");
    assert_malformed(import_err(&qdpx_with_qde(&broken)), "malformed XML");
    let wrong_root = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes/></CodeBook>";
    assert_malformed(import_err(&qdpx_with_qde(wrong_root)), "not <Project>");
    let missing_text = zip_entries(&[("project.qde", foreign_qde().as_bytes())]);
    assert_malformed(import_err(&missing_text), "is not in the archive");
    let latin1 = zip_entries(&[
        ("project.qde", foreign_qde().as_bytes()),
        (
            "sources/20000000-0000-4000-8000-000000000001.txt",
            b"caf\xe9",
        ),
        ("notes/field.txt", b"x"),
    ]);
    assert_malformed(import_err(&latin1), "is not UTF-8");
    let bad_position = foreign_qde().replace("startPosition=\"0\"", "startPosition=\"-1\"");
    assert_malformed(
        import_err(&qdpx_with_qde(&bad_position)),
        "startPosition \"-1\"",
    );
    assert_malformed(
        from_qdc(b"<CodeBook><Codes>", "bad.qdc").unwrap_err(),
        "not closed",
    );
    assert_malformed(
        from_qdc(b"<Project name=\"x\"/>", "bad.qdc").unwrap_err(),
        "not the <CodeBook>",
    );
}

#[test]
fn a_selection_outside_its_text_is_invalid() {
    let qde = foreign_qde().replace("endPosition=\"6\"", "endPosition=\"600\"");
    let err = import_err(&qdpx_with_qde(&qde));
    let ImportError::Invalid { problems, .. } = &err else {
        panic!("{err}");
    };
    assert!(
        matches!(
            &problems[..],
            [Problem::OutOfRange {
                end: 600,
                len: 17,
                ..
            }]
        ),
        "{problems:?}"
    );
}

#[test]
fn a_coderef_to_no_code_is_invalid() {
    let qde = foreign_qde().replace(
        "targetGUID=\"10000000-0000-4000-8000-000000000006\"",
        "targetGUID=\"99999999-0000-4000-8000-000000000000\"",
    );
    let err = import_err(&qdpx_with_qde(&qde));
    let ImportError::Invalid { problems, .. } = &err else {
        panic!("{err}");
    };
    assert!(
        matches!(&problems[..], [Problem::UnknownCode { code, .. }]
            if code == "99999999-0000-4000-8000-000000000000"),
        "{problems:?}"
    );
    // A non-codable code (a dimension) cannot be applied either.
    let qde = foreign_qde().replace(
        "targetGUID=\"10000000-0000-4000-8000-000000000006\"",
        "targetGUID=\"10000000-0000-4000-8000-000000000001\"",
    );
    assert!(matches!(
        import_err(&qdpx_with_qde(&qde)),
        ImportError::Invalid { .. }
    ));
}

#[test]
fn duplicate_guids_are_refused() {
    // Same selection GUID twice, differing only in case.
    let qde = foreign_qde().replace(
        "30000000-0000-4000-8000-00000000000d",
        "30000000-0000-4000-8000-00000000000B",
    );
    assert_malformed(import_err(&qdpx_with_qde(&qde)), "used twice");
    let qdc = r#"<CodeBook><Codes>
        <Code guid="10000000-0000-4000-8000-000000000001" name="A" isCodable="true"/>
        <Code guid="10000000-0000-4000-8000-000000000001" name="B" isCodable="true"/>
    </Codes></CodeBook>"#;
    assert_malformed(
        from_qdc(qdc.as_bytes(), "dup.qdc").unwrap_err(),
        "used twice",
    );
}

#[test]
fn an_inconsistent_briefmark_json_is_not_trusted() {
    // A sidecar whose blocks do not fit the text (the text was edited by
    // another tool) gives derived blocks, not a refused file.
    let small = small_project();
    let mut files = unzip(&to_qdpx(&small));
    let source = files
        .keys()
        .find(|k| k.starts_with("sources/"))
        .unwrap()
        .clone();
    files.insert(source.clone(), "Short.".as_bytes().to_vec());
    let qde = String::from_utf8(files["project.qde"].clone()).unwrap();
    // Drop the selections, which no longer fit the shortened text.
    let start = qde.find("    <PlainTextSelection").unwrap();
    let end = qde.rfind("</PlainTextSelection>").unwrap() + "</PlainTextSelection>\n".len();
    let qde = format!("{}{}", &qde[..start], &qde[end..]);
    let zip = zip_entries(&[
        ("project.qde", qde.as_bytes()),
        (&source, b"Short."),
        ("briefmark.json", &files["briefmark.json"]),
    ]);
    let p = from_qdpx(&zip, "edited.qdpx").unwrap();
    let doc = &p.documents[0];
    assert_eq!(doc.text(), "Short.");
    assert_eq!(doc.id().0, "small-brief");
    assert_eq!(
        doc.title(),
        small.documents[0].title(),
        "title from briefmark.json"
    );
    assert_eq!(
        doc.blocks(),
        [Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: 6
        }]
    );
    assert_eq!(p.codebook, small.codebook);
}

#[test]
fn damaged_files_are_refused_without_panicking() {
    // Every truncation of the XML, and of the zip itself, gives an error or
    // a (smaller) sound project; never a panic.
    let files = unzip(&to_qdpx(&small_project()));
    let qde = &files["project.qde"];
    let others: Vec<(&str, &[u8])> = files
        .iter()
        .filter(|(name, _)| name.as_str() != "project.qde")
        .map(|(name, data)| (name.as_str(), data.as_slice()))
        .collect();
    for cut in (0..qde.len()).step_by(5) {
        let mut entries = vec![("project.qde", &qde[..cut])];
        entries.extend(others.iter().copied());
        if let Ok(p) = from_qdpx(&zip_entries(&entries), "cut.qdpx") {
            p.check().unwrap();
        }
    }
    let zip = to_qdpx(&small_project());
    for cut in (0..zip.len()).step_by(3) {
        assert!(from_qdpx(&zip[..cut], "cut.qdpx").is_err());
    }
}
