//! For random documents (non-ASCII included) and random passages, every
//! export's positions slice the plain text to exactly the exported quote.

use std::io::Read;

use briefmark::io::export::{ExportOptions, Format, render};
use briefmark::model::{
    Block, BlockKind, CodeId, Document, DocumentId, Passage, PassageId, Project,
};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

/// Python's `text[start:end]`.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

fn project(text: String, ranges: Vec<(usize, usize, usize)>) -> Project {
    let len = text.chars().count();
    let doc = Document::new(briefmark::model::document::DocumentRepr {
        info: Default::default(),
        id: DocumentId("doc".into()),
        title: "Random".into(),
        text,
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: len,
        }],
        spans: vec![],
    })
    .expect("one block over the whole text");
    let mut project = Project::new(vec![doc.clone()], briefmark::assets::default_codebook());
    let codes = ["pretext", "cause", "bilateral", "regional"];
    let when = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
    for (i, (a, b, c)) in ranges.into_iter().enumerate() {
        let (start, end) = (a % (len + 1), b % (len + 1));
        let mut p = Passage::new(&doc, start.min(end), start.max(end), "Coder", when);
        p.id = PassageId(format!("00000000-0000-4000-8000-{i:012}"));
        p.codes = vec![CodeId(codes[c % 4].into())];
        p.memo = format!("memo {i}, with \"quotes\"");
        project.note_coder("Coder");
        project.passages.push(p);
    }
    project
}

fn text_strategy() -> impl Strategy<Value = String> {
    // Letters, accents, dashes, curly quotes, CJK, an emoji beyond the BMP, newlines.
    proptest::string::string_regex("[a-zé—“”中 😀\n,.=+-]{1,120}").expect("valid regex")
}

fn ranges() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
    prop::collection::vec((0usize..200, 0usize..200, 0usize..4), 1..8)
}

fn check_rows(text: &str, rows: &[(usize, usize, String)]) -> Result<(), TestCaseError> {
    prop_assert!(!rows.is_empty());
    for (start, end, quote) in rows {
        prop_assert_eq!(&slice(text, *start, *end), quote);
    }
    Ok(())
}

fn csv_rows(bytes: &[u8]) -> Vec<(usize, usize, String)> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().expect("header row").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let (s, e, q) = (col("start"), col("end"), col("quote"));
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            (
                r[s].parse().expect("start"),
                r[e].parse().expect("end"),
                r[q].to_owned(),
            )
        })
        .collect()
}

fn json_rows(value: &serde_json::Value) -> Vec<(usize, usize, String)> {
    let passages = value["passages"].as_array().expect("passages");
    passages.iter().map(passage_row).collect()
}

fn passage_row(p: &serde_json::Value) -> (usize, usize, String) {
    let n = |k: &str| p[k].as_u64().expect("number") as usize;
    (
        n("start"),
        n("end"),
        p["quote"].as_str().expect("quote").to_owned(),
    )
}

fn w3c_rows(value: &serde_json::Value) -> Vec<(usize, usize, String)> {
    let items = value["first"]["items"].as_array().expect("items");
    items
        .iter()
        .map(|a| {
            let selectors = a["target"]["selector"].as_array().expect("selectors");
            let of = |t: &str| {
                selectors
                    .iter()
                    .find(|s| s["type"] == t)
                    .expect("selector")
                    .clone()
            };
            let (q, pos) = (of("TextQuoteSelector"), of("TextPositionSelector"));
            let n = |k: &str| pos[k].as_u64().expect("number") as usize;
            (
                n("start"),
                n("end"),
                q["exact"].as_str().expect("exact").to_owned(),
            )
        })
        .collect()
}

/// Selections of a `.qdpx`, checked against its own source text file.
fn qdpx_rows(bytes: &[u8], project: &Project) -> Vec<(usize, usize, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut qde = String::new();
    zip.by_name("project.qde")
        .expect("project.qde")
        .read_to_string(&mut qde)
        .expect("utf-8");
    let source = (0..zip.len())
        .map(|i| {
            zip.by_index(i)
                .expect("entry")
                .name()
                .expect("entry name")
                .into_owned()
        })
        .find(|n| n.starts_with("sources/") && n.ends_with(".txt"))
        .expect("a source text");
    let mut text = String::new();
    zip.by_name(&source)
        .expect("source")
        .read_to_string(&mut text)
        .expect("utf-8");
    assert_eq!(
        text,
        project.documents[0].text(),
        "the source is the plain text, no BOM"
    );
    let attr = |tag: &str, name: &str| {
        let at = tag.find(&format!(" {name}=\"")).expect("attribute") + name.len() + 3;
        tag[at..at + tag[at..].find('"').expect("closing quote")].to_owned()
    };
    qde.split("<PlainTextSelection")
        .skip(1)
        .map(|tag| {
            let guid = attr(tag, "guid").to_lowercase();
            let p = project
                .passages
                .iter()
                .find(|p| p.id.0 == guid)
                .expect("selection of a passage");
            let (s, e) = (attr(tag, "startPosition"), attr(tag, "endPosition"));
            (
                s.parse().expect("start"),
                e.parse().expect("end"),
                p.quote.clone(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_export_slices_to_its_quotes(text in text_strategy(), ranges in ranges()) {
        let project = project(text.clone(), ranges);
        let exact = ExportOptions::default();
        for format in [Format::Csv, Format::CsvWide] {
            check_rows(&text, &csv_rows(&render(&project, format, exact)))?;
        }
        let json: serde_json::Value = serde_json::from_slice(&render(&project, Format::Json, exact)).expect("json");
        check_rows(&text, &json_rows(&json))?;
        let jsonl = String::from_utf8(render(&project, Format::Jsonl, exact)).expect("utf-8");
        let rows: Vec<_> = jsonl
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json line"))
            .filter(|v| v["type"] == "passage")
            .map(|v| passage_row(&v))
            .collect();
        check_rows(&text, &rows)?;
        let w3c: serde_json::Value = serde_json::from_slice(&render(&project, Format::W3c, exact)).expect("json-ld");
        check_rows(&text, &w3c_rows(&w3c))?;
        check_rows(&text, &qdpx_rows(&render(&project, Format::Qdpx, exact), &project))?;
    }
}
