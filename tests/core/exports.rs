//! The export formats (CSV long and wide, JSON, JSON Lines, W3C Web
//! Annotation, Markdown and HTML reports) and the JSON imports: golden
//! files on a small fixture, offsets that slice the text, round trips, and
//! refused input.
//!
//! Regenerate the golden files in `tests/golden/exports/` with
//! `UPDATE_GOLDEN=1 cargo test --test core exports::`, then review the diff.

use std::path::PathBuf;

use briefmark::assets;
use briefmark::io::import::ImportError;
use briefmark::io::{csv_links, csv_table, json_file, report, w3c};
use briefmark::model::document::DocumentRepr;
use briefmark::model::{
    Block, BlockKind, Code, CodeId, Codebook, ConflictPolicy, Dimension, DimensionId, Document,
    DocumentId, Link, LinkId, Passage, PassageId, Problem, Project, RelationId, Rgb, Span, Style,
};
use chrono::{DateTime, Utc};
use serde_json::Value;

// ---- The fixture ----

/// A document from its blocks, separated by `"\n\n"` as markup gives them.
fn document(id: &str, title: &str, blocks: &[(BlockKind, &str)], italic: &str) -> Document {
    let mut text = String::new();
    let mut ranges = Vec::new();
    for (kind, block) in blocks {
        if !text.is_empty() {
            text += "\n\n";
        }
        let start = text.chars().count();
        text += block;
        ranges.push(Block {
            kind: *kind,
            start,
            end: text.chars().count(),
        });
    }
    let (start, end) = char_range(&text, italic);
    Document::new(DocumentRepr {
        info: Default::default(),
        id: DocumentId(id.into()),
        title: title.into(),
        text,
        blocks: ranges,
        spans: vec![Span {
            style: Style::Italic,
            start,
            end,
        }],
    })
    .expect("fixture document is valid")
}

/// Code-point range of the first occurrence of `needle` in `text`.
fn char_range(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).expect("needle in text");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn code(id: &str, name: &str, color: Rgb, definition: &str) -> Code {
    Code {
        memo: String::new(),
        id: CodeId(id.into()),
        name: name.into(),
        color,
        definition: definition.into(),
        when_to_use: format!("When the passage is about {}.", name.to_lowercase()),
        when_not_to_use: "When in doubt | unsure.".into(),
        example: String::new(),
        key: None,
    }
}

fn codebook() -> Codebook {
    Codebook {
        dimensions: vec![
            Dimension {
                id: DimensionId("causal-role".into()),
                name: "Causal role".into(),
                description: "What the passage makes of the tension.\nOne code at most.".into(),
                exclusive: true,
                codes: vec![
                    code(
                        "pretext",
                        "Pretext",
                        Rgb(0xd9, 0x82, 0x2b),
                        "A stated reason that covers another.",
                    ),
                    code(
                        "cause",
                        "Cause",
                        Rgb(0x2f, 0x7f, 0xc1),
                        "A reason given as the real one.",
                    ),
                ],
            },
            Dimension {
                id: DimensionId("level".into()),
                name: "Level".into(),
                description: String::new(),
                exclusive: false,
                codes: vec![
                    code(
                        "bilateral",
                        "Bilateral",
                        Rgb(0x3a, 0x9d, 0x5d),
                        "Between the two states.",
                    ),
                    code(
                        "trade-energy",
                        "Trade & energy",
                        Rgb(0x8e, 0x5b, 0xb5),
                        "Trade, pipelines, <b>tariffs</b>.",
                    ),
                    code("unused", "Unused", Rgb(0xc0, 0x39, 0x2b), ""),
                ],
            },
        ],
    }
}

fn time(s: &str) -> DateTime<Utc> {
    s.parse().expect("fixture timestamp")
}

/// A passage over the first `quote` in `doc`, with fixed id and times.
fn passage(
    doc: &Document,
    n: u32,
    quote: &str,
    codes: &[&str],
    memo: &str,
    coder: &str,
) -> Passage {
    let (start, end) = char_range(doc.text(), quote);
    let mut p = Passage::new(doc, start, end, coder, time("2026-11-20T09:00:00Z"));
    p.id = passage_id(n);
    p.codes = codes.iter().map(|c| CodeId((*c).into())).collect();
    p.memo = memo.into();
    p.modified = time("2026-11-21T10:30:00Z");
    p
}

const MEMO_P1: &str = "Pretext, or \"cover\"?\nSee the summit.";
const MEMO_P2: &str = "=HYPERLINK(\"x\")";
const MEMO_P3: &str = "<script>alert(1)</script>";
/// Starts with `-` (a formula start) and holds a comma, quotes and a newline.
const MEMO_LINK: &str = "-3% twice, from \"the ministry\".\nSame year?";

/// The fixture's passage `n` (its id ends in `n`).
fn passage_id(n: u32) -> PassageId {
    PassageId(format!("00000000-0000-4000-8000-{n:012}"))
}

/// A link with a fixed id (ending in `n`) and time.
fn link(n: u32, from: u32, relation: &str, to: u32, memo: &str, coder: &str) -> Link {
    Link {
        id: LinkId(format!("00000000-0000-4000-9000-{n:012}")),
        from: passage_id(from),
        relation: RelationId(relation.into()),
        to: passage_id(to),
        memo: memo.into(),
        coder: coder.into(),
        created: time("2026-11-23T14:00:00Z"),
    }
}

/// Two documents (curly quotes, dashes, é, an emoji outside the BMP), five
/// passages: two overlapping, one with two codes, one without codes, two
/// quotes starting with `-`; memos with a comma, quotes, a newline, a
/// formula and a script tag. Passages are listed out of position order.
/// Two links, listed out of position order too: passage 5 (the other
/// document) supports passage 4, with a memo; passage 3 contradicts 1.
fn fixture() -> Project {
    let a = document(
        "brief-a",
        "Détente — a test brief",
        &[
            (BlockKind::Title, "Détente — a test brief"),
            (
                BlockKind::Paragraph,
                "Baku’s “pivot” 🚀 began in 2024, after the summit. Moscow’s reply was cold.",
            ),
            (
                BlockKind::Paragraph,
                "Trade fell -3% in a year; the pipeline | stayed shut.",
            ),
        ],
        "pivot",
    );
    let b = document(
        "brief-b",
        "Trade notes",
        &[
            (BlockKind::Title, "Trade notes"),
            (BlockKind::Paragraph, "-3% in trade, said the ministry."),
        ],
        "ministry",
    );
    let mut p4 = passage(&a, 4, "-3% in a year", &["trade-energy"], "", "Bo Chen");
    p4.created = time("2026-11-22T08:15:30.250Z");
    p4.modified = p4.created;
    let passages = vec![
        p4,
        passage(
            &b,
            5,
            "-3% in trade",
            &["trade-energy", "bilateral"],
            "",
            "",
        ),
        passage(
            &a,
            2,
            "“pivot” 🚀 began in 2024, after the summit",
            &["cause"],
            MEMO_P2,
            "Bo Chen",
        ),
        passage(&a, 3, "Moscow’s reply was cold.", &[], MEMO_P3, "Ana Lima"),
        passage(
            &a,
            1,
            "Baku’s “pivot” 🚀 began",
            &["pretext", "bilateral"],
            MEMO_P1,
            "Ana Lima",
        ),
    ];
    let mut project = Project::new(vec![a, b], codebook());
    project.coders = vec!["Ana Lima".into(), "Bo Chen".into()];
    project.passages = passages.into();
    project.links = vec![
        link(1, 5, "supports", 4, MEMO_LINK, "Ana Lima"),
        link(2, 3, "contradicts", 1, "", "Bo Chen"),
    ];
    project
}

/// `text[start:end]` in Python: code points, half-open.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn sorted(mut project: Project) -> Project {
    project.sort_passages();
    project
}

// ---- Golden files ----

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/exports")
        .join(name)
}

/// Compares with the committed golden file, or rewrites it when
/// `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("golden dir")).expect("create golden dir");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1", path.display()));
    if actual != expected {
        let (a, e): (Vec<&str>, Vec<&str>) = (actual.lines().collect(), expected.lines().collect());
        let line = (0..a.len().max(e.len()))
            .find(|&i| a.get(i) != e.get(i))
            .unwrap_or(0);
        panic!(
            "{name} differs from its golden file at line {}:\n  actual:   {:?}\n  expected: {:?}\n\
             If the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff.",
            line + 1,
            a.get(line),
            e.get(line)
        );
    }
}

#[test]
fn fixture_is_sound_and_awkward() {
    let project = fixture();
    let summary = project.check().expect("fixture passes check");
    assert_eq!(project.links.len(), 2);
    assert_eq!(
        (summary.documents, summary.passages, summary.codes_used),
        (2, 5, 4)
    );
    let text = project.documents[0].text();
    assert!(text.contains('é') && text.contains('—') && text.contains('“') && text.contains('🚀'));
    let p = |n: u32| {
        project
            .passages
            .iter()
            .find(|p| p.id.0.ends_with(&format!("{n:012}")))
            .expect("fixture passage")
    };
    assert!(
        p(1).overlaps(p(2).start, p(2).end),
        "passages 1 and 2 overlap"
    );
    assert!(
        p(3).start > char_range(text, "🚀").0,
        "an offset after the emoji"
    );
}

#[test]
fn golden_files_match() {
    let project = fixture();
    golden("fixture.csv", &csv_table::long(&project, false));
    golden("fixture-wide.csv", &csv_table::wide(&project, false));
    golden("fixture-links.csv", &csv_links::links(&project, false));
    golden("fixture.json", &json_file::to_json(&project));
    golden("fixture.jsonl", &json_file::to_jsonl(&project));
    golden("fixture.w3c.jsonld", &w3c::to_w3c(&project));
    golden("fixture.md", &report::markdown(&project));
    golden("fixture.html", &report::html(&project));
}

#[test]
fn exports_are_deterministic_and_ignore_passage_order() {
    let project = fixture();
    let in_order = sorted(fixture());
    type Export = fn(&Project) -> String;
    let exports: [Export; 8] = [
        |p| csv_table::long(p, false),
        |p| csv_table::wide(p, true),
        |p| csv_links::links(p, true),
        json_file::to_json,
        json_file::to_jsonl,
        w3c::to_w3c,
        report::markdown,
        report::html,
    ];
    for export in exports {
        assert_eq!(export(&project), export(&project));
        assert_eq!(export(&project), export(&in_order));
    }
}

// ---- CSV ----

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("CSV record").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("column {name}"))
}

/// Every row's `[start, end)` slices its document's text, by code points,
/// to `quote`, and `length == end - start`.
fn assert_rows_slice(project: &Project, header: &[String], rows: &[Vec<String>]) {
    let [doc, start, end, length, quote] =
        ["document", "start", "end", "length", "quote"].map(|c| column(header, c));
    for row in rows {
        let text = project
            .document(&DocumentId(row[doc].clone()))
            .expect("row's document")
            .text();
        let (s, e, len): (usize, usize, usize) = (
            row[start].parse().unwrap(),
            row[end].parse().unwrap(),
            row[length].parse().unwrap(),
        );
        let sliced: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(sliced, row[quote], "row {row:?}");
        assert_eq!(len, e - s, "row {row:?}");
    }
}

#[test]
fn long_csv_has_a_row_per_passage_and_code() {
    let project = fixture();
    let (header, rows) = csv_rows(&csv_table::long(&project, false));
    assert_eq!(header, csv_table::LONG_COLUMNS);
    assert_eq!(rows.len(), 7, "2 + 1 + 1 (uncoded) + 1 + 2 rows");
    assert_rows_slice(&project, &header, &rows);
    let ids: Vec<&str> = rows.iter().map(|r| &r[1][24..]).collect();
    assert_eq!(
        ids,
        [
            "000000000001",
            "000000000001",
            "000000000002",
            "000000000003",
            "000000000004",
            "000000000005",
            "000000000005"
        ]
    );
    assert_eq!(rows[0][6..9], ["Causal role", "pretext", "Pretext"]);
    assert_eq!(rows[1][6..9], ["Level", "bilateral", "Bilateral"]);
    assert_eq!(
        rows[3][6..9],
        ["", "", ""],
        "an uncoded passage has one row, no code"
    );
    assert_eq!(rows[5][6..9], ["Level", "trade-energy", "Trade & energy"]);
    assert_eq!(rows[0][9], MEMO_P1, "comma, quotes and newline survive");
    assert_eq!(rows[2][9], MEMO_P2, "no guard by default");
    assert_eq!(rows[4][5], "-3% in a year");
    assert_eq!(
        rows[0][10..],
        ["Ana Lima", "2026-11-20T09:00:00Z", "2026-11-21T10:30:00Z"]
    );
    assert_eq!(
        rows[4][11], "2026-11-22T08:15:30.250Z",
        "sub-second times are kept"
    );
    assert_eq!(rows[0][2..5], ["24", "46", "22"], "code points, not bytes");
}

#[test]
fn wide_csv_has_a_column_per_dimension() {
    let project = fixture();
    let (header, rows) = csv_rows(&csv_table::wide(&project, false));
    let expected = [
        "document",
        "passage_id",
        "start",
        "end",
        "length",
        "quote",
        "Causal role",
        "Level",
        "memo",
        "coder",
        "created",
        "modified",
    ];
    assert_eq!(header, expected);
    assert_eq!(rows.len(), 5);
    assert_rows_slice(&project, &header, &rows);
    let coded: Vec<[&str; 2]> = rows
        .iter()
        .map(|r| [r[6].as_str(), r[7].as_str()])
        .collect();
    assert_eq!(
        coded,
        [
            ["Pretext", "Bilateral"],
            ["Cause", ""],
            ["", ""],
            ["", "Trade & energy"],
            ["", "Bilateral; Trade & energy"],
        ],
        "codebook order within a dimension, joined by \"; \""
    );
    assert_eq!(rows[0][8], MEMO_P1);
}

#[test]
fn formula_guard_prefixes_text_cells_but_never_numbers() {
    let project = fixture();
    let (header, rows) = csv_rows(&csv_table::long(&project, true));
    let [start, end, length, quote, memo] =
        ["start", "end", "length", "quote", "memo"].map(|c| column(&header, c));
    assert_eq!(rows[2][memo], format!("'{MEMO_P2}"));
    assert_eq!(
        rows[4][quote], "'-3% in a year",
        "lossy: the quote gains a '"
    );
    assert_eq!(
        rows[4][start..=length],
        ["111", "124", "13"],
        "numbers untouched"
    );
    assert_eq!(rows[0][memo], MEMO_P1, "harmless text unchanged");
    assert_eq!(rows[4][end], "124");
    let (_, wide) = csv_rows(&csv_table::wide(&project, true));
    assert_eq!(wide[4][5], "'-3% in trade");
    assert_eq!(wide[1][8], format!("'{MEMO_P2}"));
    // Without the guard the same cells are exact.
    let (_, plain) = csv_rows(&csv_table::long(&project, false));
    assert_eq!(
        (plain[4][quote].as_str(), plain[2][memo].as_str()),
        ("-3% in a year", MEMO_P2)
    );
}

#[test]
fn csv_is_lf_utf8_without_bom() {
    let text = csv_table::long(&fixture(), false);
    assert!(text.starts_with("document,passage_id,start,end,length,quote,"));
    assert!(!text.contains('\r'));
    assert!(text.ends_with('\n'));
}

#[test]
fn csv_of_the_example_slices_its_text() {
    let project = assets::example_project();
    for table in [
        csv_table::long(&project, false),
        csv_table::wide(&project, false),
    ] {
        let (header, rows) = csv_rows(&table);
        assert!(rows.len() >= project.passages.len());
        assert_rows_slice(&project, &header, &rows);
    }
}

// ---- CSV links ----

fn id(kind: &str, n: u32) -> String {
    format!("00000000-0000-4000-{kind}-{n:012}")
}

#[test]
fn links_csv_has_a_row_per_link_with_both_ends() {
    let project = fixture();
    let (header, rows) = csv_rows(&csv_links::links(&project, false));
    assert_eq!(header, csv_links::LINK_COLUMNS);
    let row = |cells: [&str; 15]| cells.map(str::to_owned).to_vec();
    let (p, l) = (|n| id("8000", n), |n| id("9000", n));
    assert_eq!(
        rows,
        [
            // In position order of the `from` passage: 3 (brief-a), then 5 (brief-b).
            row([
                &l(2),
                "contradicts",
                &p(3),
                "brief-a",
                "74",
                "98",
                "Moscow’s reply was cold.",
                &p(1),
                "brief-a",
                "24",
                "46",
                "Baku’s “pivot” 🚀 began",
                "",
                "Bo Chen",
                "2026-11-23T14:00:00Z",
            ]),
            row([
                &l(1),
                "supports",
                &p(5),
                "brief-b",
                "13",
                "25",
                "-3% in trade",
                &p(4),
                "brief-a",
                "111",
                "124",
                "-3% in a year",
                MEMO_LINK,
                "Ana Lima",
                "2026-11-23T14:00:00Z",
            ]),
        ]
    );
    // Both ends slice their document's text to their quote, Python-style.
    for end in ["from", "to"] {
        let [doc, start, stop, quote] =
            ["document", "start", "end", "quote"].map(|c| column(&header, &format!("{end}_{c}")));
        for r in &rows {
            let text = project
                .document(&DocumentId(r[doc].clone()))
                .unwrap()
                .text();
            let (s, e): (usize, usize) = (r[start].parse().unwrap(), r[stop].parse().unwrap());
            assert_eq!(slice(text, s, e), r[quote], "{end} of {r:?}");
        }
    }
}

#[test]
fn links_csv_guards_formulas_like_the_other_tables() {
    let (header, rows) = csv_rows(&csv_links::links(&fixture(), true));
    let [from_quote, to_quote, memo, from_start, to_end] =
        ["from_quote", "to_quote", "memo", "from_start", "to_end"].map(|c| column(&header, c));
    assert_eq!(rows[1][from_quote], "'-3% in trade");
    assert_eq!(rows[1][to_quote], "'-3% in a year");
    assert_eq!(rows[1][memo], format!("'{MEMO_LINK}"));
    assert_eq!(
        (rows[1][from_start].as_str(), rows[1][to_end].as_str()),
        ("13", "124")
    );
    assert_eq!(rows[0][from_quote], "Moscow’s reply was cold.");
}

#[test]
fn links_csv_of_a_project_without_links_is_the_header() {
    let mut project = fixture();
    project.links.clear();
    let text = csv_links::links(&project, false);
    assert_eq!(text, format!("{}\n", csv_links::LINK_COLUMNS.join(",")));
}

// ---- JSON and JSON Lines ----

#[test]
fn json_round_trips() {
    for project in [fixture(), assets::example_project()] {
        let json = json_file::to_json(&project);
        let back = json_file::from_json(&json, "p.json").expect("import");
        assert_eq!(back, sorted(project));
        assert_eq!(json_file::to_json(&back), json);
    }
}

#[test]
fn jsonl_round_trips() {
    for project in [fixture(), assets::example_project()] {
        let jsonl = json_file::to_jsonl(&project);
        let back = json_file::from_jsonl(&jsonl, "p.jsonl").expect("import");
        assert_eq!(back, sorted(project));
        assert_eq!(json_file::to_jsonl(&back), jsonl);
    }
}

#[test]
fn links_and_relations_round_trip_through_json_and_jsonl() {
    let project = fixture();
    let from_json = json_file::from_json(&json_file::to_json(&project), "p.json").unwrap();
    let from_jsonl = json_file::from_jsonl(&json_file::to_jsonl(&project), "p.jsonl").unwrap();
    for back in [from_json, from_jsonl] {
        assert_eq!(back.links, project.links, "same links, same order");
        assert_eq!(back.relations, project.relations);
    }
}

#[test]
fn a_link_to_no_passage_is_invalid_on_import() {
    let mut dangling = fixture();
    dangling.links[0].to = PassageId("gone".into());
    let found = problems(json_file::from_json(
        &json_file::to_json(&dangling),
        "in.json",
    ));
    assert!(
        matches!(&found[..], [Problem::DanglingLink { passage, .. }] if passage == "gone"),
        "{found:?}"
    );
}

#[test]
fn json_has_the_marker_and_slicing_offsets() {
    let project = fixture();
    let json: Value = serde_json::from_str(&json_file::to_json(&project)).unwrap();
    assert_eq!(json["format"], "briefmark");
    assert_eq!(json["version"], 3);
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "documents",
        "codebook",
        "coders",
        "passages",
        "relations",
        "links",
    ] {
        assert!(keys.contains(&key), "{key}");
    }
    assert_eq!(
        json["codebook"]["dimensions"][1]["codes"][1]["color"],
        "#8e5bb5"
    );
    let passages = json["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 5);
    for p in passages {
        let doc = json["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == p["document"]);
        let text = doc.expect("passage's document")["text"].as_str().unwrap();
        let (s, e) = (
            p["start"].as_u64().unwrap() as usize,
            p["end"].as_u64().unwrap() as usize,
        );
        let sliced: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(sliced, p["quote"].as_str().unwrap());
    }
}

#[test]
fn jsonl_has_one_typed_record_per_line() {
    let project = fixture();
    let text = json_file::to_jsonl(&project);
    let records: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let types: Vec<&str> = records
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "project",
            "document",
            "document",
            "dimension",
            "dimension",
            "passage",
            "passage",
            "passage",
            "passage",
            "passage",
            "relation",
            "relation",
            "relation",
            "relation",
            "link",
            "link"
        ]
    );
    assert_eq!(records[0]["format"], "briefmark");
    assert_eq!(records[0]["version"], 3);
    assert_eq!(records[10]["name"], "supports");
    assert_eq!(records[14]["memo"], MEMO_LINK);
    assert_eq!(records[15]["relation"], "contradicts");
    assert_eq!(records[0]["coders"][1], "Bo Chen");
    assert_eq!(records[1]["title"], "Détente — a test brief");
    assert_eq!(records[4]["codes"][1]["name"], "Trade & energy");
    assert_eq!(records[5]["memo"], MEMO_P1);
    assert!(text.lines().all(|l| l.starts_with("{\"type\":")));
}

fn malformed_message(result: Result<Project, ImportError>) -> String {
    match result {
        Err(ImportError::Malformed { file, message }) => {
            assert_eq!(file, "in.json");
            message
        }
        other => panic!("expected Malformed, got {other:?}"),
    }
}

#[test]
fn broken_json_is_malformed_with_its_line() {
    let json = json_file::to_json(&fixture());
    let broken = json.replacen("\"coders\": [", "\"coders\": [,", 1);
    let line = broken.lines().position(|l| l.contains("[,")).unwrap() + 1;
    let message = malformed_message(json_file::from_json(&broken, "in.json"));
    assert!(
        message.contains(&format!("line {line} column")),
        "{message}"
    );
    let message = malformed_message(json_file::from_json("", "in.json"));
    assert!(message.contains("line 1"), "{message}");
    // A document whose blocks do not fit its text is broken JSON too.
    let bad_block = json.replacen("\"end\": 22", "\"end\": 999", 1);
    let message = malformed_message(json_file::from_json(&bad_block, "in.json"));
    assert!(message.contains("does not fit its text"), "{message}");
}

#[test]
fn json_of_another_format_or_a_newer_version_is_refused() {
    let json = json_file::to_json(&fixture());
    let other = json.replacen("\"format\": \"briefmark\"", "\"format\": \"atlas\"", 1);
    let message = malformed_message(json_file::from_json(&other, "in.json"));
    assert!(
        message.contains("not a briefmark export") && message.contains("\"atlas\""),
        "{message}"
    );
    let message = malformed_message(json_file::from_json("{\"version\": 1}", "in.json"));
    assert!(message.contains("found none"), "{message}");
    let newer = json.replacen("\"version\": 3", "\"version\": 4", 1);
    let message = malformed_message(json_file::from_json(&newer, "in.json"));
    assert!(
        message.contains("newer briefmark (format version 4)"),
        "{message}"
    );
    assert!(message.contains("up to 3"), "{message}");
    // The version is checked first: a newer file whose shape changed still
    // gets the clear message.
    let newer_shape = "{\"format\": \"briefmark\", \"version\": 7, \"documents\": 3}";
    let message = malformed_message(json_file::from_json(newer_shape, "in.json"));
    assert!(message.contains("version 7"), "{message}");
}

#[test]
fn broken_jsonl_names_the_line() {
    let jsonl = json_file::to_jsonl(&fixture());
    let mut lines: Vec<String> = jsonl.lines().map(str::to_owned).collect();
    lines[6] = lines[6].replacen("\"start\":", "\"start\":\"x\",\"s\":", 1);
    let message = malformed_message(json_file::from_jsonl(&lines.join("\n"), "in.json"));
    assert!(message.starts_with("line 7, column "), "{message}");
    assert!(message.contains("invalid type"), "{message}");

    let no_head = jsonl.lines().skip(1).collect::<Vec<_>>().join("\n");
    let message = malformed_message(json_file::from_jsonl(&no_head, "in.json"));
    assert!(
        message.starts_with("line 1: the first record must be"),
        "{message}"
    );

    let twice = format!("{}\n{jsonl}", jsonl.lines().next().unwrap());
    let message = malformed_message(json_file::from_jsonl(&twice, "in.json"));
    assert!(
        message.starts_with("line 2: a second \"project\" record"),
        "{message}"
    );

    let unknown = jsonl.replacen("{\"type\":\"document\"", "{\"type\":\"chapter\"", 1);
    let message = malformed_message(json_file::from_jsonl(&unknown, "in.json"));
    assert!(
        message.starts_with("line 2, column ") && message.contains("chapter"),
        "{message}"
    );

    let newer = jsonl.replacen("\"version\":3", "\"version\":4", 1);
    let message = malformed_message(json_file::from_jsonl(&newer, "in.json"));
    assert!(
        message.starts_with("line 1: written by a newer briefmark"),
        "{message}"
    );
    let newer_shape = "{\"type\":\"project\",\"format\":\"briefmark\",\"version\":5,\"coders\":{}}";
    let message = malformed_message(json_file::from_jsonl(newer_shape, "in.json"));
    assert!(message.contains("format version 5"), "{message}");

    let message = malformed_message(json_file::from_jsonl("\n\n", "in.json"));
    assert!(message.contains("empty"), "{message}");
}

#[test]
fn jsonl_tolerates_blank_lines_crlf_and_a_bom() {
    let jsonl = json_file::to_jsonl(&fixture());
    let windows = format!("\u{feff}{}\r\n\r\n", jsonl.replace('\n', "\r\n"));
    let back = json_file::from_jsonl(&windows, "in.jsonl").expect("import");
    assert_eq!(back, sorted(fixture()));
}

fn problems(result: Result<Project, ImportError>) -> Vec<Problem> {
    match result {
        Err(ImportError::Invalid { file, problems }) => {
            assert_eq!(file, "in.json");
            problems
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn unsound_json_projects_are_invalid() {
    let mut outside = fixture();
    outside.passages[0].end = 500;
    let found = problems(json_file::from_json(
        &json_file::to_json(&outside),
        "in.json",
    ));
    assert!(
        matches!(found[..], [Problem::OutOfRange { end: 500, .. }]),
        "{found:?}"
    );

    let mut unknown = fixture();
    unknown.passages[0].codes.push(CodeId("ghost".into()));
    let found = problems(json_file::from_jsonl(
        &json_file::to_jsonl(&unknown),
        "in.json",
    ));
    assert!(
        matches!(&found[..], [Problem::UnknownCode { code, .. }] if code == "ghost"),
        "{found:?}"
    );

    let mut twice = fixture();
    let copy = twice.passages[1].clone();
    twice.passages.push(copy);
    let found = problems(json_file::from_json(&json_file::to_json(&twice), "in.json"));
    assert!(
        found
            .iter()
            .any(|p| matches!(p, Problem::DuplicateId(id) if id.ends_with("000000000005"))),
        "{found:?}"
    );
}

// ---- W3C Web Annotation ----

#[test]
fn w3c_annotations_select_their_text() {
    for project in [fixture(), assets::example_project()] {
        let json: Value = serde_json::from_str(&w3c::to_w3c(&project)).unwrap();
        let items = json["first"]["items"].as_array().expect("items");
        assert_eq!(json["total"].as_u64(), Some(items.len() as u64));
        assert_eq!(items.len(), project.passages.len() + project.links.len());
        // A passage has one target, a link two (an array): all select text.
        let targets = items.iter().flat_map(|a| match a["target"].as_array() {
            Some(both) => both.clone(),
            None => vec![a["target"].clone()],
        });
        assert_eq!(
            targets.clone().count(),
            project.passages.len() + 2 * project.links.len()
        );
        for target in targets {
            let a = serde_json::json!({ "target": target });
            let source = a["target"]["source"].as_str().unwrap();
            let id = source
                .strip_prefix("urn:briefmark:document:")
                .expect("document urn");
            let text = project
                .document(&DocumentId(id.into()))
                .expect("target document")
                .text();
            let [quote, position] = [&a["target"]["selector"][0], &a["target"]["selector"][1]];
            assert_eq!(quote["type"], "TextQuoteSelector");
            assert_eq!(position["type"], "TextPositionSelector");
            let (s, e) = (
                position["start"].as_u64().unwrap() as usize,
                position["end"].as_u64().unwrap() as usize,
            );
            let chars: Vec<char> = text.chars().collect();
            let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
            assert_eq!(slice(s, e), quote["exact"].as_str().unwrap());
            assert_eq!(
                slice(s.saturating_sub(32), s),
                quote["prefix"].as_str().unwrap()
            );
            assert_eq!(
                slice(e, (e + 32).min(chars.len())),
                quote["suffix"].as_str().unwrap()
            );
        }
    }
}

#[test]
fn w3c_collection_follows_the_model() {
    let json: Value = serde_json::from_str(&w3c::to_w3c(&fixture())).unwrap();
    assert_eq!(json["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(json["type"], "AnnotationCollection");
    assert_eq!(json["id"], "urn:briefmark:collection");
    assert_eq!(
        json["label"],
        "briefmark coding: Détente — a test brief; Trade notes"
    );
    let page = &json["first"];
    assert_eq!(page["type"], "AnnotationPage");
    assert!(
        page.get("@context").is_none(),
        "embedded page has no @context"
    );
    assert_eq!(page["partOf"], "urn:briefmark:collection");
    assert_eq!(page["startIndex"], 0);
    let items = page["items"].as_array().unwrap();
    let first = &items[0];
    assert_eq!(first["id"], "urn:uuid:00000000-0000-4000-8000-000000000001");
    assert_eq!(first["type"], "Annotation");
    assert_eq!(first["motivation"], "tagging");
    assert_eq!(
        first["creator"],
        serde_json::json!({"type": "Person", "name": "Ana Lima"})
    );
    assert_eq!(first["created"], "2026-11-20T09:00:00Z");
    assert_eq!(first["modified"], "2026-11-21T10:30:00Z");
    assert_eq!(
        first["body"],
        serde_json::json!([
            {"id": "urn:briefmark:code:pretext", "type": "TextualBody", "purpose": "tagging", "value": "Pretext"},
            {"id": "urn:briefmark:code:bilateral", "type": "TextualBody", "purpose": "tagging", "value": "Bilateral"},
            {"type": "TextualBody", "purpose": "commenting", "value": MEMO_P1, "format": "text/plain"},
        ])
    );
    assert_eq!(
        first["target"]["selector"][1],
        serde_json::json!({"type": "TextPositionSelector", "start": 24, "end": 46})
    );
    let uncoded = &items[2];
    assert_eq!(uncoded["motivation"], "commenting");
    assert_eq!(uncoded["body"].as_array().map(Vec::len), Some(1));
    let anonymous = &items[4];
    assert!(anonymous.get("creator").is_none(), "no coder, no creator");
    assert_eq!(
        anonymous["target"]["source"],
        "urn:briefmark:document:brief-b"
    );
}

#[test]
fn w3c_links_are_linking_annotations_on_both_passages() {
    let project = fixture();
    let json: Value = serde_json::from_str(&w3c::to_w3c(&project)).unwrap();
    assert_eq!(json["total"], 7, "5 passages and 2 links");
    let items = json["first"]["items"].as_array().unwrap();
    let passage_target = |n: usize| items[n]["target"].clone();
    // Passages 1..5 are items 0..4; the links follow in position order of
    // their `from` passage: 3 contradicts 1, then 5 supports 4.
    let contradicts = &items[5];
    assert_eq!(
        *contradicts,
        serde_json::json!({
            "id": "urn:uuid:00000000-0000-4000-9000-000000000002",
            "type": "Annotation",
            "motivation": "linking",
            "creator": {"type": "Person", "name": "Bo Chen"},
            "created": "2026-11-23T14:00:00Z",
            "body": [
                {"id": "urn:briefmark:relation:contradicts", "type": "TextualBody", "purpose": "tagging", "value": "contradicts"},
            ],
            "target": [passage_target(2), passage_target(0)],
        })
    );
    let supports = &items[6];
    assert_eq!(
        supports["id"],
        "urn:uuid:00000000-0000-4000-9000-000000000001"
    );
    assert_eq!(supports["motivation"], "linking");
    assert_eq!(
        supports["body"],
        serde_json::json!([
            {"id": "urn:briefmark:relation:supports", "type": "TextualBody", "purpose": "tagging", "value": "supports"},
            {"type": "TextualBody", "purpose": "commenting", "value": MEMO_LINK, "format": "text/plain"},
        ])
    );
    let targets = supports["target"].as_array().unwrap();
    assert_eq!(targets.len(), 2, "both passages");
    assert_eq!(targets[0]["source"], "urn:briefmark:document:brief-b");
    assert_eq!(targets[0]["selector"][0]["exact"], "-3% in trade");
    assert_eq!(
        targets[1]["selector"][1],
        serde_json::json!({"type": "TextPositionSelector", "start": 111, "end": 124})
    );
    assert!(
        supports.get("modified").is_none(),
        "a link keeps no modification time"
    );
}

#[test]
fn w3c_of_an_empty_project_has_no_page() {
    let project = Project::new(Vec::new(), codebook());
    let json: Value = serde_json::from_str(&w3c::to_w3c(&project)).unwrap();
    assert_eq!(json["total"], 0);
    assert!(
        json.get("first").is_none(),
        "a page must hold at least one annotation"
    );
}

// ---- Reports ----

#[test]
fn html_report_escapes_all_user_text() {
    let html = report::html(&fixture());
    assert!(!html.contains("<script"), "memo script tag must be escaped");
    assert!(html.contains("<em>Memo:</em> &lt;script&gt;alert(1)&lt;/script&gt;</p>"));
    assert!(html.contains("</span>Trade &amp; energy</td>"));
    assert!(!html.contains("Trade & energy"));
    assert!(html.contains("Trade, pipelines, &lt;b&gt;tariffs&lt;/b&gt;."));
    assert!(html.contains("Pretext, or &quot;cover&quot;?\nSee the summit."));
    assert!(
        html.contains("style=\"background:#8e5bb5\""),
        "colour swatch"
    );
    assert!(html.contains("<code>brief-a</code>, 24–46, Ana Lima"));
    // Self-contained: nothing to fetch, nothing to run.
    for external in [
        "src=", "href=", "url(", "@import", "<link", "http:", "https:",
    ] {
        assert!(!html.contains(external), "{external}");
    }
    assert!(html.contains("default-src 'none'"));
}

#[test]
fn reports_summarise_and_count() {
    let project = fixture();
    let md = report::markdown(&project);
    assert!(md.starts_with("# Coding report: Détente — a test brief; Trade notes\n"));
    for line in [
        "- Documents: 2",
        "- Passages: 5",
        "- Codes used: 4 of 5",
        "- Coders: Ana Lima, Bo Chen",
        "| Causal role | Pretext | 1 | 22 |",
        // Passages 1 and 5 are in different documents: 22 + 12 characters.
        "| Level | Bilateral | 2 | 34 |",
        "| Level | Trade & energy | 2 | 25 |",
        "| Level | Unused | 0 | 0 |",
        "> Baku’s “pivot” 🚀 began",
        "`brief-a`, 24–46, Ana Lima",
        "*Memo:* Pretext, or \"cover\"?\\",
        "## Passages without codes",
        "*Memo:* \\<script>alert(1)\\</script>",
        "> \\-3% in a year",
        "**When not to use.** When in doubt \\| unsure.",
    ] {
        assert!(
            md.lines().any(|l| l == line),
            "missing line {line:?} in\n{md}"
        );
    }
    let uncoded = &md[md.find("## Passages without codes").unwrap()..md.find("## Claims").unwrap()];
    assert!(uncoded.contains("Moscow’s reply was cold.") && !uncoded.contains("Baku"));
    let html = report::html(&project);
    assert!(html.contains("<dt>Codes used</dt><dd>4 of 5</dd>"));
    assert!(html.contains("<td class=\"n\">2</td><td class=\"n\">34</td>"));
}

#[test]
fn reports_show_claims_with_their_evidence_by_relation() {
    let project = fixture();
    let md = report::markdown(&project);
    assert!(md.lines().any(|l| l == "- Links: 2"), "{md}");
    let claims = &md[md.find("## Claims and evidence").expect("section")..];
    let expected = "## Claims and evidence\n\n2 claims:\n\n\
        ### Claim: `brief-a`, 24–46\n\n> Baku’s “pivot” 🚀 began\n\n`brief-a`, 24–46, Ana Lima\n\n\
        *Memo:* Pretext, or \"cover\"?\\\nSee the summit.\n\n\
        **Contradicted by:**\n\n> Moscow’s reply was cold.\n\n`brief-a`, 74–98, Ana Lima\n\n\
        *Memo:* \\<script>alert(1)\\</script>\n\n\
        ### Claim: `brief-a`, 111–124\n\n> \\-3% in a year\n\n`brief-a`, 111–124, Bo Chen\n\n\
        **Supported by:**\n\n> \\-3% in trade\n\n`brief-b`, 13–25\n\n\
        *Link memo:* \\-3% twice, from \"the ministry\".\\\nSame year?\n";
    assert_eq!(claims, expected);
    // Where passages are listed, each shows its links, read from itself.
    let listed = &md[..md.find("## Claims and evidence").unwrap()];
    assert!(
        listed.contains("*Links:* is contradicted by `brief-a`, 74–98\n"),
        "{listed}"
    );
    assert!(listed.contains("*Links:* contradicts `brief-a`, 24–46\n"));
    assert!(listed.contains("*Links:* supports `brief-a`, 111–124\n"));

    let html = report::html(&project);
    assert!(html.contains("<h2>Claims and evidence</h2>\n<p class=\"count\">2 claims:</p>"));
    assert!(html.contains("<h3>Claim: <code>brief-a</code>, 111–124</h3>"));
    assert!(html.contains("<h4>Supported by</h4>"));
    assert!(html.contains(
        "<p class=\"memo text\"><em>Link memo:</em> -3% twice, from &quot;the ministry&quot;.\nSame year?</p>"
    ));
    assert!(html.contains(
        "<p class=\"links\"><em>Links:</em> is contradicted by <code>brief-a</code>, 74–98</p>"
    ));
}

#[test]
fn a_report_without_links_has_no_claims_section() {
    let mut project = fixture();
    project.links.clear();
    assert!(!report::markdown(&project).contains("Claims and evidence"));
    assert!(!report::html(&project).contains("Claims and evidence"));
    assert!(!report::markdown(&project).contains("*Links:*"));
}

#[test]
fn merging_the_fixture_adds_its_links_once() {
    // Into an empty project: every passage and link comes along.
    let mut empty = Project::new(Vec::new(), Codebook::default());
    let report = empty.merge(fixture(), ConflictPolicy::KeepOurs);
    assert_eq!(report.links_added, 2);
    assert_eq!(empty.links, fixture().links);
    empty.check().unwrap();
    // Into itself: nothing is doubled.
    let mut twice = fixture();
    let report = twice.merge(fixture(), ConflictPolicy::KeepOurs);
    assert_eq!((report.links_added, report.links_already_present), (0, 2));
    assert_eq!(twice, fixture());
}

#[test]
fn coded_characters_count_overlaps_once() {
    // Two overlapping passages with the same code: 0..10 and 5..15 cover 15.
    let mut project = fixture();
    let doc = project.documents[0].clone();
    let mut a = Passage::new(&doc, 0, 10, "A", time("2026-11-20T09:00:00Z"));
    let mut b = Passage::new(&doc, 5, 15, "A", time("2026-11-20T09:00:00Z"));
    a.codes = vec![CodeId("unused".into())];
    b.codes = vec![CodeId("unused".into())];
    project.passages.extend([a, b]);
    let md = report::markdown(&project);
    assert!(
        md.lines().any(|l| l == "| Level | Unused | 2 | 15 |"),
        "{md}"
    );
}

// ------------------------------ JSON imports: versions and lost lines

#[test]
fn version_0_is_refused_as_the_project_file_refuses_it() {
    let json = json_file::to_json(&fixture()).replacen("\"version\": 3", "\"version\": 0", 1);
    let message = malformed_message(json_file::from_json(&json, "in.json"));
    assert_eq!(
        message,
        "it says it is format version 0; versions start at 1"
    );
    let jsonl = json_file::to_jsonl(&fixture()).replacen("\"version\":3", "\"version\":0", 1);
    let message = malformed_message(json_file::from_jsonl(&jsonl, "in.json"));
    assert_eq!(
        message,
        "line 1: it says it is format version 0; versions start at 1"
    );
    // The same rule as the project file's.
    let ron =
        briefmark::io::project_file::to_string(&fixture()).replacen("version: 3", "version: 0", 1);
    let err = briefmark::io::project_file::parse(&ron, "p.briefmark.ron").unwrap_err();
    assert_eq!(
        err.to_string(),
        "p.briefmark.ron says it is project format version 0; versions start at 1"
    );
}

/// The fixture's JSON Lines without the lines for which `drop` holds.
fn jsonl_without(mut drop: impl FnMut(&str) -> bool) -> String {
    let jsonl = json_file::to_jsonl(&fixture());
    let kept: Vec<&str> = jsonl.lines().filter(|l| !drop(l)).collect();
    kept.join("\n") + "\n"
}

#[test]
fn the_project_record_declares_how_many_records_follow() {
    let jsonl = json_file::to_jsonl(&fixture());
    let head = jsonl.lines().next().unwrap();
    assert!(
        head.starts_with(
            r#"{"type":"project","format":"briefmark","version":3,"counts":{"documents":2,"dimensions":2,"passages":5,"orphans":0,"relations":4,"links":2},"coders":"#
        ),
        "{head}"
    );
    // And the round trip is still exact, with nothing to warn about.
    let (back, warnings) = json_file::from_jsonl_with_warnings(&jsonl, "p.jsonl").unwrap();
    assert_eq!(back, sorted(fixture()));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(json_file::to_jsonl(&back), jsonl);
}

#[test]
fn jsonl_that_lost_passage_lines_is_refused() {
    let mut seen = 0;
    let lost = jsonl_without(|l| {
        let passage = l.starts_with("{\"type\":\"passage\"");
        seen += usize::from(passage);
        passage && (seen == 2 || seen == 4)
    });
    let message = malformed_message(json_file::from_jsonl(&lost, "in.json"));
    assert_eq!(
        message,
        "the file is incomplete: 2 of 5 passages are missing"
    );
}

#[test]
fn jsonl_that_lost_link_lines_is_refused() {
    // The last line gone, as when a copy stops early.
    let jsonl = json_file::to_jsonl(&fixture());
    let cut = &jsonl[..jsonl.trim_end().rfind('\n').unwrap() + 1];
    let message = malformed_message(json_file::from_jsonl(cut, "in.json"));
    assert_eq!(message, "the file is incomplete: 1 of 2 links is missing");
    // Passages and links lost together: both named.
    let mut passages = 0;
    let lost = jsonl_without(|l| {
        let passage = l.starts_with("{\"type\":\"passage\"");
        passages += usize::from(passage);
        l.starts_with("{\"type\":\"link\"") || (passage && passages > 1)
    });
    let message = malformed_message(json_file::from_jsonl(&lost, "in.json"));
    assert_eq!(
        message,
        "the file is incomplete: 4 of 5 passages and 2 of 2 links are missing"
    );
}

#[test]
fn jsonl_cut_at_any_line_is_refused() {
    let jsonl = json_file::to_jsonl(&fixture());
    let lines: Vec<&str> = jsonl.lines().collect();
    for keep in 1..lines.len() {
        let cut = lines[..keep].join("\n") + "\n";
        let message = malformed_message(json_file::from_jsonl(&cut, "in.json"));
        assert!(
            message.starts_with("the file is incomplete: "),
            "{keep} lines: {message}"
        );
    }
}

#[test]
fn jsonl_with_more_records_than_declared_is_refused() {
    let jsonl = json_file::to_jsonl(&fixture());
    let relation = jsonl
        .lines()
        .find(|l| l.starts_with("{\"type\":\"relation\""))
        .unwrap();
    let more = format!("{jsonl}{relation}\n");
    let message = malformed_message(json_file::from_jsonl(&more, "in.json"));
    assert_eq!(
        message,
        "the file holds more records than its project record declares: 5 relations, not 4"
    );
}

#[test]
fn jsonl_without_counts_imports_with_a_warning() {
    // As older briefmark wrote it: no "counts" in the project record.
    let jsonl = json_file::to_jsonl(&fixture());
    let head = jsonl.lines().next().unwrap();
    let counts_at = head.find(",\"counts\":").unwrap();
    let counts_end = head[counts_at..].find('}').unwrap() + counts_at + 1;
    let old = jsonl.replacen(&head[counts_at..counts_end], "", 1);
    assert!(
        old.starts_with("{\"type\":\"project\",\"format\":\"briefmark\",\"version\":3,\"coders\":")
    );
    let (back, warnings) = json_file::from_jsonl_with_warnings(&old, "old.jsonl").unwrap();
    assert_eq!(back, sorted(fixture()));
    assert_eq!(
        warnings,
        [
            "old.jsonl: its project record declares no record counts (an older export), \
          so lines missing from it could not be detected"
        ]
    );
}

/// Passages that need re-placing travel in JSON and JSON Lines with their
/// quote and no offsets, are counted, and come back as they were.
#[test]
fn orphans_round_trip_without_offsets_and_are_counted() {
    let mut project = fixture();
    let at = (project.passages.iter())
        .position(|p| p.quote == "Moscow’s reply was cold.")
        .unwrap();
    let gone = project.passages.remove(at);
    project.orphans.push(gone.orphaned());
    let json = json_file::to_json(&project);
    let value: Value = serde_json::from_str(&json).unwrap();
    let orphan = &value["orphans"][0];
    assert_eq!(orphan["quote"], "Moscow’s reply was cold.");
    assert!(orphan.get("start").is_none() && orphan.get("end").is_none());
    assert_eq!(
        json_file::from_json(&json, "p.json").unwrap().orphans,
        project.orphans
    );
    let jsonl = json_file::to_jsonl(&project);
    assert!(jsonl.lines().next().unwrap().contains("\"orphans\":1"));
    assert_eq!(jsonl.matches("{\"type\":\"orphan\"").count(), 1);
    assert_eq!(
        json_file::from_jsonl(&jsonl, "p.jsonl").unwrap().orphans,
        project.orphans
    );
    let lost: Vec<&str> = jsonl
        .lines()
        .filter(|l| !l.starts_with("{\"type\":\"orphan\""))
        .collect();
    let message = malformed_message(json_file::from_jsonl(&(lost.join("\n") + "\n"), "in.json"));
    assert_eq!(message, "the file is incomplete: 1 of 1 orphans is missing");
}
