//! Statistics (`analysis::stats`): exact figures on a hand-built project,
//! the bundled example against naive per-character counts, and the sweep
//! for overlapping passages against an O(n²) count (proptest).
//!
//! The fixture (documents of 40 and 20 code points; codes P = pretext,
//! C = cause, B = bilateral, R = regional, X = x):
//!
//! ```text
//! d1  p1  0..10  P B   A        d2  p7   0..8   P R X  B
//!     p2  5..15  P     B            p8   4..12  C B    A
//!     p11 8..9   B P   B            p10 15..18  X X ?  ""
//!     p3 12..20  C R   A        ghost p9  0..5  P      A  (unknown document)
//!     p4 14..18  B     A
//!     p6 25..25  C     B  (empty)
//!     p5 30..35  -     A  (uncoded)
//! ```

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use briefmark::analysis::stats::{
    self, CSV_COLUMNS, Frequency, Query, Stats, StatsError, StatsFormat,
};
use briefmark::model::document::DocumentRepr;
use briefmark::model::{
    Block, BlockKind, Code, CodeId, Codebook, Dimension, DimensionId, Document, DocumentId,
    Passage, PassageId, Project, Rgb,
};
use chrono::{DateTime, Utc};
use proptest::prelude::*;

// ---- Fixture ----

fn document(id: &str, text: &str) -> Document {
    Document::new(DocumentRepr {
        info: Default::default(),
        id: DocumentId(id.into()),
        title: format!("Title of {id}"),
        text: text.into(),
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.chars().count(),
        }],
        spans: vec![],
    })
    .expect("fixture document")
}

fn code(id: &str) -> Code {
    Code {
        memo: String::new(),
        id: CodeId(id.into()),
        name: id.to_uppercase(),
        color: Rgb(0, 0, 0),
        definition: String::new(),
        when_to_use: String::new(),
        when_not_to_use: String::new(),
        example: String::new(),
        key: None,
    }
}

fn dimension(id: &str, name: &str, exclusive: bool, codes: &[&str]) -> Dimension {
    Dimension {
        id: DimensionId(id.into()),
        name: name.into(),
        description: String::new(),
        exclusive,
        codes: codes.iter().map(|c| code(c)).collect(),
    }
}

fn codebook() -> Codebook {
    Codebook {
        dimensions: vec![
            dimension("role", "Role", true, &["pretext", "cause"]),
            dimension("level", "Level", true, &["bilateral", "regional"]),
            dimension("misc", "Misc", false, &["x"]),
        ],
    }
}

fn passage(
    project: &Project,
    id: &str,
    doc: &str,
    (start, end): (usize, usize),
    codes: &[&str],
    coder: &str,
) -> Passage {
    let t: DateTime<Utc> = "2026-01-01T00:00:00Z".parse().expect("time");
    let quote = project
        .document(&DocumentId(doc.into()))
        .map_or(String::new(), |d| d.slice(start, end).to_owned());
    Passage {
        id: PassageId(id.into()),
        document: DocumentId(doc.into()),
        start,
        end,
        quote,
        prefix: String::new(),
        suffix: String::new(),
        codes: codes.iter().map(|c| CodeId((*c).into())).collect(),
        memo: String::new(),
        coder: coder.into(),
        created: t,
        modified: t,
    }
}

/// id, document, range, codes, coder.
type Spec<'a> = (&'a str, &'a str, (usize, usize), &'a [&'a str], &'a str);

fn fixture() -> Project {
    // Non-ASCII letters make bytes and code points differ.
    let d1 = document("d1", &"abcdéfghij".repeat(4));
    let d2 = document("d2", &"klmnöpqrst".repeat(2));
    let mut project = Project::new(vec![d1, d2], codebook());
    project.coders = vec!["A".into(), "B".into()];
    let specs: [Spec; 11] = [
        ("p01", "d1", (0, 10), &["pretext", "bilateral"], "A"),
        ("p02", "d1", (5, 15), &["pretext"], "B"),
        ("p03", "d1", (12, 20), &["cause", "regional"], "A"),
        ("p04", "d1", (14, 18), &["bilateral"], "A"),
        ("p05", "d1", (30, 35), &[], "A"),
        ("p06", "d1", (25, 25), &["cause"], "B"),
        ("p07", "d2", (0, 8), &["pretext", "regional", "x"], "B"),
        ("p08", "d2", (4, 12), &["cause", "bilateral"], "A"),
        ("p09", "ghost", (0, 5), &["pretext"], "A"),
        ("p10", "d2", (15, 18), &["x", "x", "unknown"], ""),
        ("p11", "d1", (8, 9), &["bilateral", "pretext"], "B"),
    ];
    // Stored out of position order on purpose.
    for (id, doc, range, codes, coder) in specs.into_iter().rev() {
        let p = passage(&project, id, doc, range, codes, coder);
        project.passages.push(p);
    }
    project
}

const TOTAL: usize = 60;

fn f(passages: usize, characters: usize, of: usize) -> Frequency {
    Frequency {
        passages,
        characters,
        share: characters as f64 / of as f64,
    }
}

fn ids(hits: &[stats::Hit]) -> Vec<String> {
    hits.iter().map(|h| h.passage.0.clone()).collect()
}

fn cid(id: &str) -> CodeId {
    CodeId(id.into())
}

// ---- Frequencies ----

#[test]
fn code_frequencies_count_passages_and_union_coverage() {
    let s = stats::compute(&fixture());
    let codes: Vec<&str> = s.codes.iter().map(|c| c.id.0.as_str()).collect();
    assert_eq!(codes, ["pretext", "cause", "bilateral", "regional", "x"]);
    assert_eq!(s.codes[2].dimension, "Level");
    assert_eq!(s.total_characters, TOTAL);
    assert_eq!(s.skipped_passages, 1, "p09's document is unknown");
    assert_eq!(
        s.frequencies.codes,
        [
            f(4, 23, TOTAL),
            f(3, 16, TOTAL),
            f(4, 22, TOTAL),
            f(2, 16, TOTAL),
            f(2, 11, TOTAL),
        ]
    );
    assert_eq!(s.frequencies.any_code, f(9, 35, TOTAL));
}

#[test]
fn per_document_shares_are_of_the_document() {
    let s = stats::compute(&fixture());
    let [d1, d2] = &s.per_document[..] else {
        panic!("two documents")
    };
    assert_eq!(d1.document.0, "d1");
    assert_eq!(
        d1.tally.codes,
        [
            f(3, 15, 40),
            f(2, 8, 40),
            f(3, 14, 40),
            f(1, 8, 40),
            f(0, 0, 40)
        ]
    );
    assert_eq!(d1.tally.any_code, f(6, 20, 40));
    assert_eq!(
        d2.tally.codes,
        [
            f(1, 8, 20),
            f(1, 8, 20),
            f(1, 8, 20),
            f(1, 8, 20),
            f(2, 11, 20)
        ]
    );
    assert_eq!(d2.tally.any_code, f(3, 15, 20));
}

#[test]
fn per_coder_follows_the_project_then_first_appearance() {
    let s = stats::compute(&fixture());
    let coders: Vec<&str> = s.per_coder.iter().map(|c| c.coder.as_str()).collect();
    assert_eq!(coders, ["A", "B", ""]);
    let [a, b, none] = &s.per_coder[..] else {
        panic!("three coders")
    };
    assert_eq!(
        a.tally.codes,
        [
            f(1, 10, TOTAL),
            f(2, 16, TOTAL),
            f(3, 22, TOTAL),
            f(1, 8, TOTAL),
            f(0, 0, TOTAL),
        ]
    );
    assert_eq!(a.tally.any_code, f(4, 26, TOTAL));
    assert_eq!(
        b.tally.codes,
        [
            f(3, 18, TOTAL),
            f(1, 0, TOTAL),
            f(1, 1, TOTAL),
            f(1, 8, TOTAL),
            f(1, 8, TOTAL),
        ]
    );
    assert_eq!(b.tally.any_code, f(4, 18, TOTAL));
    assert_eq!(
        none.tally.codes[4],
        f(1, 3, TOTAL),
        "x repeated counts once"
    );
    assert_eq!(none.tally.any_code, f(1, 3, TOTAL));
}

#[test]
fn frequency_of_a_query_includes_uncoded_passages_when_asked() {
    let p = fixture();
    assert_eq!(stats::frequency(&p, &Query::default()), f(10, 40, TOTAL));
    let both = Query::all_of([cid("pretext"), cid("bilateral")]);
    assert_eq!(stats::frequency(&p, &both), f(2, 10, TOTAL));
    assert_eq!(
        stats::frequency(&p, &Query::code(cid("unknown"))),
        f(1, 3, TOTAL),
        "queries match raw code ids"
    );
}

#[test]
fn an_empty_project_has_zero_shares_not_nan() {
    let s = stats::compute(&Project::new(vec![], codebook()));
    assert_eq!(s.frequencies.any_code, Frequency::default());
    assert!(s.render_all_formats_ok());
}

/// Rendering never panics and JSON stays valid.
trait RenderAll {
    fn render_all_formats_ok(&self) -> bool;
}

impl RenderAll for Stats {
    fn render_all_formats_ok(&self) -> bool {
        let json = stats::render(self, StatsFormat::Json);
        serde_json::from_str::<serde_json::Value>(&json).is_ok()
            && !stats::render(self, StatsFormat::Table).is_empty()
            && stats::render(self, StatsFormat::Csv).starts_with("section,")
    }
}

// ---- Co-occurrence ----

#[test]
fn same_passage_matrix() {
    let s = stats::compute(&fixture());
    assert_eq!(
        s.cooccurrence.same_passage,
        [
            [4, 0, 2, 1, 1],
            [0, 3, 1, 1, 0],
            [2, 1, 4, 0, 0],
            [1, 1, 0, 2, 1],
            [1, 0, 0, 1, 2],
        ]
    );
}

#[test]
fn overlapping_passages_count_each_pair_once_per_code_pair() {
    // P–B: p01–p02, p02–p04, p07–p08, p01–p11 (both carry P and B: once),
    // p02–p11. C–B: only p03–p04 (p08 carries both, but p07 neither).
    // Adjacent or empty passages never overlap.
    let s = stats::compute(&fixture());
    assert_eq!(
        s.cooccurrence.overlapping_passages,
        [
            [4, 2, 5, 1, 0],
            [2, 3, 1, 1, 1],
            [5, 1, 4, 2, 1],
            [1, 1, 2, 2, 0],
            [0, 1, 1, 0, 2],
        ]
    );
}

#[test]
fn shared_characters_intersect_coverages() {
    let s = stats::compute(&fixture());
    assert_eq!(
        s.cooccurrence.shared_characters,
        [
            [23, 7, 15, 11, 8],
            [7, 16, 12, 12, 4],
            [15, 12, 22, 8, 4],
            [11, 12, 8, 16, 8],
            [8, 4, 4, 8, 11],
        ]
    );
}

#[test]
fn crosstab_of_two_dimensions_with_totals() {
    let p = fixture();
    let x = stats::crosstab(
        &p,
        &DimensionId("role".into()),
        &DimensionId("level".into()),
    )
    .expect("known dimensions");
    assert_eq!(
        (x.row_dimension.as_str(), x.column_dimension.as_str()),
        ("Role", "Level")
    );
    assert_eq!(x.rows[0].id.0, "pretext");
    assert_eq!(x.columns[1].id.0, "regional");
    assert_eq!(
        x.cells,
        [
            [f(2, 10, TOTAL), f(1, 8, TOTAL)],
            [f(1, 8, TOTAL), f(1, 8, TOTAL)]
        ]
    );
    assert_eq!(x.row_totals, [f(3, 18, TOTAL), f(2, 16, TOTAL)]);
    assert_eq!(x.column_totals, [f(3, 18, TOTAL), f(2, 16, TOTAL)]);
    assert_eq!(x.total, f(5, 30, TOTAL));
    assert_eq!(
        stats::compute(&p).headline,
        Some(x),
        "two exclusive dimensions"
    );
    assert_eq!(
        stats::crosstab(&p, &DimensionId("role".into()), &DimensionId("nope".into())),
        Err(StatsError::UnknownDimension("nope".into()))
    );
}

#[test]
fn no_headline_without_two_exclusive_dimensions() {
    let mut p = fixture();
    p.codebook.dimensions[1].exclusive = false;
    assert_eq!(stats::compute(&p).headline, None);
}

// ---- Retrieval ----

#[test]
fn retrieval_by_code_and_combination_in_position_order() {
    let p = fixture();
    let get = |q: &Query| ids(&stats::retrieve(&p, q));
    assert_eq!(
        get(&Query::code(cid("pretext"))),
        ["p01", "p02", "p11", "p07"]
    );
    assert_eq!(
        get(&Query::all_of([cid("pretext"), cid("bilateral")])),
        ["p01", "p11"]
    );
    assert_eq!(
        get(&Query::any_of([cid("regional"), cid("x")])),
        ["p03", "p07", "p10"]
    );
    assert_eq!(
        get(&Query::code(cid("pretext")).but_not([cid("bilateral")])),
        ["p02", "p07"]
    );
    assert_eq!(
        get(&Query::default()),
        [
            "p01", "p02", "p11", "p03", "p04", "p06", "p05", "p07", "p08", "p10"
        ]
    );
}

#[test]
fn a_hit_carries_what_a_list_shows() {
    let p = fixture();
    let hits = stats::retrieve(&p, &Query::code(cid("regional")));
    let h = &hits[1];
    assert_eq!(h.document.0, "d2");
    assert_eq!(h.title, "Title of d2");
    assert_eq!((h.start, h.end), (0, 8));
    assert_eq!(h.quote, "klmnöpqr");
    assert_eq!(h.coder, "B");
    assert_eq!(h.codes, [cid("pretext"), cid("regional"), cid("x")]);
    assert_eq!(p.passages[h.index].id.0, "p07");
}

#[test]
fn overlapping_retrieval_and_segments_where_both_apply() {
    let p = fixture();
    let (cause, bilateral) = (Query::code(cid("cause")), Query::code(cid("bilateral")));
    let get = |a: &Query, b: &Query| ids(&stats::retrieve_overlapping(&p, a, b));
    assert_eq!(get(&cause, &bilateral), ["p03", "p08"], "p08 carries both");
    let cause_only = cause.clone().but_not([cid("bilateral")]);
    assert_eq!(get(&cause_only, &bilateral), ["p03"]);
    let segments: Vec<(String, usize, usize)> =
        stats::both_apply(&p, &Query::code(cid("pretext")), &bilateral)
            .into_iter()
            .map(|s| (s.document.0, s.start, s.end))
            .collect();
    assert_eq!(
        segments,
        [
            ("d1".to_owned(), 0, 10),
            ("d1".to_owned(), 14, 15),
            ("d2".to_owned(), 4, 8)
        ]
    );
}

// ---- Document map ----

#[test]
fn document_map_merges_each_codes_ranges() {
    let p = fixture();
    let map = stats::document_map(&p, &DocumentId("d2".into())).expect("known document");
    assert_eq!(map.characters, 20);
    let strips: Vec<(&str, Vec<(usize, usize)>)> = (map.codes.iter())
        .map(|s| (s.code.0.as_str(), pairs(&s.ranges)))
        .collect();
    assert_eq!(
        strips,
        [
            ("pretext", vec![(0, 8)]),
            ("cause", vec![(4, 12)]),
            ("bilateral", vec![(4, 12)]),
            ("regional", vec![(0, 8)]),
            ("x", vec![(0, 8), (15, 18)]),
        ]
    );
    assert_eq!(pairs(&map.any_code), [(0, 12), (15, 18)]);
    let d1 = stats::document_map(&p, &DocumentId("d1".into())).expect("d1");
    assert_eq!(pairs(&d1.codes[2].ranges), [(0, 10), (14, 18)]);
    assert!(d1.codes[4].ranges.is_empty());
    assert_eq!(pairs(&d1.any_code), [(0, 20)]);
    assert_eq!(stats::document_map(&p, &DocumentId("ghost".into())), None);
}

fn pairs(ranges: &[Range<usize>]) -> Vec<(usize, usize)> {
    ranges.iter().map(|r| (r.start, r.end)).collect()
}

// ---- Rendering ----

#[test]
fn csv_is_one_long_table() {
    let csv = stats::render(&stats::compute(&fixture()), StatsFormat::Csv);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], CSV_COLUMNS.join(","));
    assert_eq!(
        lines[0],
        "section,code,code_b,coder,document,passages,characters,share"
    );
    assert_eq!(
        &lines[1..7],
        [
            "frequency,pretext,,,,4,23,0.38333333333333336",
            "frequency,cause,,,,3,16,0.26666666666666666",
            "frequency,bilateral,,,,4,22,0.36666666666666664",
            "frequency,regional,,,,2,16,0.26666666666666666",
            "frequency,x,,,,2,11,0.18333333333333332",
            "frequency,,,,,9,35,0.5833333333333334",
        ]
    );
    assert_eq!(lines[7], "frequency_by_document,pretext,,,d1,3,15,0.375");
    assert!(
        csv.contains("\nfrequency_by_coder,x,,,,1,3,0.05\n"),
        "coder \"\""
    );
    assert!(csv.contains("\nsame_passage,pretext,bilateral,,,2,,\n"));
    assert!(csv.contains("\noverlapping_passages,bilateral,pretext,,,5,,\n"));
    assert!(csv.contains("\nshared_characters,pretext,cause,,,,7,0.11666666666666667\n"));
    assert!(csv.contains("\ncrosstab,pretext,bilateral,,,2,10,0.16666666666666666\n"));
    assert!(csv.ends_with("crosstab,,,,,5,30,0.5\n"));
    // 1 header + 6 + 2×6 + 3×6 + 3×25 + 4 + 2 + 2 + 1.
    assert_eq!(lines.len(), 1 + 6 + 12 + 18 + 75 + 9);
    let widths: BTreeSet<usize> = lines.iter().map(|l| l.split(',').count()).collect();
    assert_eq!(widths, BTreeSet::from([8]));
}

#[test]
fn table_aligns_sections_with_percentages() {
    let table = stats::render(&stats::compute(&fixture()), StatsFormat::Table);
    let expected_frequencies = "\
Frequencies (2 documents, 60 characters; share of all text)
Code       Dimension  Passages  Characters  Share
PRETEXT    Role              4          23  38.3%
CAUSE      Role              3          16  26.7%
BILATERAL  Level             4          22  36.7%
REGIONAL   Level             2          16  26.7%
X          Misc              2          11  18.3%
Any code                     9          35  58.3%
";
    assert!(table.starts_with(expected_frequencies), "{table}");
    for heading in [
        "\nPer coder",
        "\nCo-occurrence (same passage)",
        "\nCo-occurrence (overlapping passages)",
        "\nCo-occurrence (shared characters)",
        "\nRole × Level",
        "\nLeft out: 1 passage whose document is not in the project.\n",
    ] {
        assert!(table.contains(heading), "{heading:?} in\n{table}");
    }
    assert!(table.contains("\n(no coder)  X                 1           3   5.0%\n"));
    assert!(
        table.contains("\nPRETEXT   2 (16.7%)  1 (13.3%)  3 (30.0%)\n"),
        "{table}"
    );
}

#[test]
fn json_is_the_stats_structure() {
    let s = stats::compute(&fixture());
    let json = stats::render(&s, StatsFormat::Json);
    let back: Stats = serde_json::from_str(&json).expect("JSON reads back");
    assert_eq!(back, s);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["frequencies"]["any_code"]["passages"], 9);
    assert_eq!(v["headline"]["cells"][0][0]["characters"], 10);
}

#[test]
fn format_names() {
    assert_eq!("csv".parse(), Ok(StatsFormat::Csv));
    assert_eq!("JSON".parse(), Ok(StatsFormat::Json));
    assert!("xml".parse::<StatsFormat>().is_err());
}

// ---- The bundled example against naive per-character counts ----

/// Per document, per code: which code points the code covers.
fn naive_cover(p: &Project, code: &CodeId) -> Vec<Vec<bool>> {
    (p.documents.iter())
        .map(|d| {
            let mut covered = vec![false; d.char_len()];
            for q in p
                .passages
                .iter()
                .filter(|q| &q.document == d.id() && q.has_code(code))
            {
                let end = q.end.min(d.char_len());
                for c in &mut covered[q.start.min(end)..end] {
                    *c = true;
                }
            }
            covered
        })
        .collect()
}

fn count_both(a: &[Vec<bool>], b: &[Vec<bool>]) -> usize {
    (a.iter().flatten().zip(b.iter().flatten()))
        .filter(|(x, y)| **x && **y)
        .count()
}

/// Unordered pairs of distinct passages sharing a code point, one carrying
/// `a` and the other `b`, by comparing every pair.
fn naive_overlapping(p: &Project, a: &CodeId, b: &CodeId) -> usize {
    let ps = &p.passages;
    let mut n = 0;
    for i in 0..ps.len() {
        for j in i + 1..ps.len() {
            let (x, y) = (&ps[i], &ps[j]);
            let len = p.document(&x.document).map_or(0, |d| d.char_len());
            let clamp = |q: &Passage| {
                let end = q.end.min(len);
                (q.start.min(end), end)
            };
            let ((xs, xe), (ys, ye)) = (clamp(x), clamp(y));
            let overlap = x.document == y.document && xs.max(ys) < xe.min(ye);
            let carry = (x.has_code(a) && y.has_code(b)) || (x.has_code(b) && y.has_code(a));
            n += usize::from(overlap && carry);
        }
    }
    n
}

/// Checks every frequency and matrix cell of `p` against the naive counts.
fn assert_matches_naive(p: &Project) {
    let s = stats::compute(p);
    let covers: Vec<_> = s.codes.iter().map(|c| naive_cover(p, &c.id)).collect();
    for (i, a) in s.codes.iter().enumerate() {
        let carrying = p.passages.iter().filter(|q| q.has_code(&a.id)).count();
        let chars = count_both(&covers[i], &covers[i]);
        assert_eq!(s.frequencies.codes[i].passages, carrying, "{}", a.id.0);
        assert_eq!(s.frequencies.codes[i].characters, chars, "{}", a.id.0);
        for (j, b) in s.codes.iter().enumerate() {
            assert_eq!(
                s.cooccurrence.shared_characters[i][j],
                count_both(&covers[i], &covers[j]),
                "shared {} {}",
                a.id.0,
                b.id.0
            );
            let both = (p.passages.iter())
                .filter(|q| q.has_code(&a.id) && q.has_code(&b.id))
                .count();
            assert_eq!(s.cooccurrence.same_passage[i][j], both);
            let pairs = if i == j {
                carrying
            } else {
                naive_overlapping(p, &a.id, &b.id)
            };
            assert_eq!(
                s.cooccurrence.overlapping_passages[i][j], pairs,
                "overlapping {} {}",
                a.id.0, b.id.0
            );
        }
    }
}

#[test]
fn the_bundled_example_matches_naive_counts() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/azerbaijan-russia-brief.example.briefmark.ron");
    let p = briefmark::io::project_file::load(&path).expect("example loads");
    assert_matches_naive(&p);
    let s = stats::compute(&p);
    let x = s.headline.as_ref().expect("two exclusive dimensions");
    assert_eq!(
        (x.row_dimension.as_str(), x.column_dimension.as_str()),
        ("Causal role", "Level")
    );
    let cell_sum: usize = x.cells.iter().flatten().map(|c| c.passages).sum();
    assert_eq!(
        cell_sum, x.total.passages,
        "exclusive dimensions: one cell each"
    );
    let naive_total = (p.passages.iter())
        .filter(|q| {
            q.codes
                .iter()
                .any(|c| ["pretext", "cause"].contains(&c.0.as_str()))
        })
        .filter(|q| {
            q.codes
                .iter()
                .any(|c| ["bilateral", "regional"].contains(&c.0.as_str()))
        })
        .count();
    assert_eq!(x.total.passages, naive_total);
    let text_len = p.documents[0].char_len();
    assert_eq!(s.total_characters, text_len);
    assert!(s.render_all_formats_ok());
}

// ---- The sweep against an O(n²) count ----

const CODES: [&str; 5] = ["pretext", "cause", "bilateral", "regional", "x"];

fn arbitrary_project() -> impl Strategy<Value = Project> {
    let spec = (
        0usize..2,
        0usize..45,
        0usize..45,
        proptest::collection::vec(0usize..6, 0..4),
    );
    proptest::collection::vec(spec, 0..40).prop_map(|specs| {
        let d1 = document("d1", &"abcdéfghij".repeat(4));
        let d2 = document("d2", &"klmnö".repeat(3));
        let mut p = Project::new(vec![d1, d2], codebook());
        for (n, (doc, start, end, codes)) in specs.into_iter().enumerate() {
            // Code 5 is not in the codebook; ranges may be reversed or too long.
            let codes: Vec<&str> = codes
                .iter()
                .map(|&c| CODES.get(c).copied().unwrap_or("zz"))
                .collect();
            let doc = ["d1", "d2"][doc];
            let q = passage(&p, &format!("q{n:02}"), doc, (start, end), &codes, "C");
            p.passages.push(q);
        }
        p
    })
}

proptest! {
    #[test]
    fn sweep_matches_naive_counts(p in arbitrary_project()) {
        assert_matches_naive(&p);
    }
}
