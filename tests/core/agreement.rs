//! Inter-coder agreement (`briefmark::analysis::agreement`): published
//! examples, hand-computed character-level cases, the bundled example
//! against a perturbed copy checked by a naive per-character
//! implementation, passage F1 and teaching feedback.
//!
//! Where the expected numbers come from is said at each test. The
//! hand-computed cases were also run through scikit-learn's
//! `cohen_kappa_score` and the `krippendorff` package (nominal), which are
//! the contract; `scripts/check_agreement.py` repeats that cross-check on
//! a dump of this file's studies (`dump_for_python`, ignored by default).

use std::collections::HashMap;
use std::path::Path;

use briefmark::analysis::agreement::{
    ALL_CODES, AgreementError, Estimate, Options, OutputFormat, Rater, Report, Undefined, agree,
    feedback, feedback_html, feedback_markdown, nominal_alpha, nominal_figures, pairwise,
    pairwise_csv, render, split_by_coder, teaching_csv, teaching_table, unit_values,
    unitizing_alpha,
};
use briefmark::io::project_file;
use briefmark::model::document::DocumentRepr;
use briefmark::model::{
    Block, BlockKind, Code, CodeId, Codebook, Dimension, DimensionId, Document, DocumentId,
    Passage, Project, Rgb,
};
use chrono::{DateTime, Utc};

// ---- Building projects ----

pub(crate) fn document(id: &str, text: &str) -> Document {
    let end = text.chars().count();
    Document::new(DocumentRepr {
        info: Default::default(),
        id: DocumentId(id.into()),
        title: format!("Title of {id}"),
        text: text.into(),
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end,
        }],
        spans: vec![],
    })
    .expect("test document is valid")
}

fn code(prefix: &str, name: &str) -> Code {
    Code {
        id: CodeId(format!("{prefix}-{}", name.to_lowercase())),
        name: name.into(),
        color: Rgb(0, 0, 0),
        definition: String::new(),
        when_to_use: String::new(),
        when_not_to_use: String::new(),
        example: String::new(),
        key: None,
        memo: String::new(),
    }
}

/// A codebook whose code ids start with `prefix`, so that raters'
/// ids differ and only names can match them. `role` is an exclusive
/// dimension of its own.
fn codebook(prefix: &str, codes: &[&str], role: &[&str]) -> Codebook {
    let dim = |id: &str, name: &str, exclusive: bool, codes: &[&str]| Dimension {
        id: DimensionId(format!("{prefix}-{id}")),
        name: name.into(),
        description: String::new(),
        exclusive,
        codes: codes.iter().map(|c| code(prefix, c)).collect(),
    };
    let mut dimensions = vec![dim("topics", "Topics", false, codes)];
    if !role.is_empty() {
        dimensions.push(dim("role", "Role", true, role));
    }
    Codebook { dimensions }
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .expect("fixed time")
        .with_timezone(&Utc)
}

/// A passage of `doc` over `start..end` with codes (names) of `prefix`.
fn passage(doc: &Document, start: usize, end: usize, codes: &[&str], prefix: &str) -> Passage {
    let mut p = Passage::new(doc, start, end, "", now());
    p.codes = codes.iter().map(|c| code(prefix, c).id).collect();
    p
}

/// A rater coding `docs` with `(document index, start, end, codes)`.
pub(crate) fn rater(
    name: &str,
    docs: &[Document],
    book: &[&str],
    role: &[&str],
    coded: &[(usize, usize, usize, &[&str])],
) -> Rater {
    let prefix = name.to_lowercase();
    let mut project = Project::new(docs.to_vec(), codebook(&prefix, book, role));
    for &(d, start, end, codes) in coded {
        project
            .passages
            .push(passage(&docs[d], start, end, codes, &prefix));
    }
    Rater::new(name, project)
}

const TEXT: &str = "aaaa bbbb";

fn two(a: &[(usize, usize, usize, &[&str])], b: &[(usize, usize, usize, &[&str])]) -> Report {
    let docs = [document("d", TEXT)];
    let raters = [
        rater("A", &docs, &["X", "Y"], &[], a),
        rater("B", &docs, &["X", "Y"], &[], b),
    ];
    agree(&raters, &Options::default()).expect("agreement")
}

fn close(e: Estimate, expected: f64) {
    let v = e
        .value
        .unwrap_or_else(|| panic!("expected {expected}, got {e:?}"));
    assert!((v - expected).abs() < 1e-12, "expected {expected}, got {v}");
}

fn undefined(e: Estimate, reason: Undefined) {
    assert_eq!(e, Estimate::undefined(reason));
}

// ---- Krippendorff (2011) ----

/// "Computing Krippendorff's Alpha-Reliability" (Krippendorff 2011),
/// section C, nominal data, 4 observers × 12 units with missing values:
/// alpha = 0.743. Exactly: n = 40 pairable values, sum of off-diagonal
/// coincidences 8, sum_{c != k} n_c n_k = 1216, so
/// alpha = 1 - 39 · 8 / 1216 = 113/152.
#[test]
fn krippendorff_2011_nominal_example() {
    let n = None;
    let s = Some;
    let observers: [[Option<u8>; 12]; 4] = [
        [
            s(1),
            s(2),
            s(3),
            s(3),
            s(2),
            s(1),
            s(4),
            s(1),
            s(2),
            n,
            n,
            n,
        ],
        [
            s(1),
            s(2),
            s(3),
            s(3),
            s(2),
            s(2),
            s(4),
            s(1),
            s(2),
            s(5),
            n,
            s(3),
        ],
        [
            n,
            s(3),
            s(3),
            s(3),
            s(2),
            s(3),
            s(4),
            s(2),
            s(2),
            s(5),
            s(1),
            n,
        ],
        [
            s(1),
            s(2),
            s(3),
            s(3),
            s(2),
            s(4),
            s(4),
            s(1),
            s(2),
            s(5),
            s(1),
            n,
        ],
    ];
    let units: Vec<Vec<Option<u8>>> = (0..12)
        .map(|u| observers.iter().map(|o| o[u]).collect())
        .collect();
    let alpha = nominal_alpha(&units);
    close(alpha, 113.0 / 152.0);
    assert_eq!(format!("{:.3}", alpha.value.unwrap_or_default()), "0.743");
    let figures = nominal_figures(&units);
    assert_eq!(figures.units, 11, "unit 12 has one value and drops out");
    undefined(figures.kappa, Undefined::NotTwoRaters);
}

// ---- Hand-computed character-level cases (text "aaaa bbbb") ----

#[test]
fn perfect_agreement_is_one() {
    let r = two(&[(0, 0, 4, &["X"])], &[(0, 0, 4, &["X"])]);
    let x = &r.codes[0].scopes.all_text;
    assert_eq!(x.units, 9);
    close(x.observed_agreement, 1.0);
    close(x.kappa, 1.0);
    close(x.alpha, 1.0);
    close(r.codes[0].unitizing_alpha, 1.0);
}

/// A = 111100000, B = 000011111: kappa = (0 - 40) / (81 - 40) = -40/41;
/// alpha = 1 - 17 · 18 / (18² - 9² - 9²) = -8/9 (sklearn and krippendorff
/// give -0.975609756 and -0.888888889).
#[test]
fn total_disagreement() {
    let r = two(&[(0, 0, 4, &["X"])], &[(0, 4, 9, &["X"])]);
    let x = &r.codes[0].scopes.all_text;
    close(x.observed_agreement, 0.0);
    close(x.kappa, -40.0 / 41.0);
    close(x.alpha, -8.0 / 9.0);
}

/// Code Y is in both codebooks but nobody used it: every unit is 0 for
/// both, expected agreement is 1, so kappa and alpha are undefined (not
/// NaN, as scikit-learn gives, nor an error, as krippendorff raises).
#[test]
fn a_code_nobody_used_is_defined_as_undefined() {
    let r = two(&[(0, 0, 4, &["X"])], &[(0, 0, 4, &["X"])]);
    let y = &r.codes[1];
    assert_eq!(y.code, "Y");
    close(y.scopes.all_text.observed_agreement, 1.0);
    undefined(y.scopes.all_text.kappa, Undefined::NoVariation);
    undefined(y.scopes.all_text.alpha, Undefined::NoVariation);
    assert_eq!(y.scopes.coded_text.units, 0);
    undefined(
        y.scopes.coded_text.observed_agreement,
        Undefined::NoPairableUnits,
    );
    undefined(y.scopes.coded_text.kappa, Undefined::NoPairableUnits);
    undefined(y.unitizing_alpha, Undefined::NoVariation);
    // The pool still has X's variation: 18 (unit, code) pairs, all agreeing.
    assert_eq!(r.overall.all_text.units, 18);
    close(r.overall.all_text.kappa, 1.0);
    let json = render(&r, OutputFormat::Json);
    assert!(!json.contains("NaN"));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        v["codes"][1]["all_text"]["kappa"]["value"],
        serde_json::Value::Null
    );
    assert_eq!(
        v["codes"][1]["all_text"]["kappa"]["undefined"],
        "no_variation"
    );
    let table = render(&r, OutputFormat::Table);
    assert!(
        table.contains("n/a") && table.contains("no variation"),
        "{table}"
    );
    let csv = render(&r, OutputFormat::Csv);
    assert!(
        csv.lines().any(|l| l.starts_with("code,,Y,9,1,,,0,,,,,")),
        "{csv}"
    );
}

/// Rater B's own passages 0..3 and 2..4 overlap: coverage 0..4 counts
/// once, so this is perfect agreement with A's 0..4.
#[test]
fn own_overlapping_passages_count_once() {
    let r = two(
        &[(0, 0, 4, &["X"])],
        &[(0, 0, 3, &["X"]), (0, 2, 4, &["X"])],
    );
    let x = &r.codes[0].scopes.all_text;
    close(x.kappa, 1.0);
    close(x.alpha, 1.0);
    close(r.codes[0].unitizing_alpha, 1.0);
}

/// A = 111110000 (the space included), B = 111100000: kappa = 32/41,
/// alpha = 64/81 (0.780487805 and 0.790123457 from sklearn and
/// krippendorff). Without whitespace units the two codings are identical.
#[test]
fn whitespace_exclusion() {
    let docs = [document("d", TEXT)];
    let raters = [
        rater("A", &docs, &["X"], &[], &[(0, 0, 5, &["X"])]),
        rater("B", &docs, &["X"], &[], &[(0, 0, 4, &["X"])]),
    ];
    let with = agree(&raters, &Options::default()).expect("agreement");
    close(with.codes[0].scopes.all_text.kappa, 32.0 / 41.0);
    close(with.codes[0].scopes.all_text.alpha, 64.0 / 81.0);
    let options = Options {
        exclude_whitespace: true,
        ..Options::default()
    };
    let without = agree(&raters, &options).expect("agreement");
    assert_eq!(without.documents[0].units, 8);
    assert_eq!(without.codes[0].scopes.all_text.units, 8);
    close(without.codes[0].scopes.all_text.kappa, 1.0);
    let units = unit_values(&raters, TEXT, "X", &options).expect("units");
    assert_eq!(
        units.values[0],
        vec![Some(1); 4]
            .into_iter()
            .chain(vec![Some(0); 4])
            .collect::<Vec<_>>()
    );
}

/// A = 111100000, B = 001111000. All text: kappa = 4/40 = 0.1, alpha =
/// 0.15. Restricted to units someone coded X (the first six): A' = 111100,
/// B' = 001111, agreement 2/6 (the Jaccard index), kappa = -0.5, alpha =
/// -0.375 (sklearn and krippendorff on the restricted vectors).
#[test]
fn figures_restricted_to_coded_text() {
    let r = two(&[(0, 0, 4, &["X"])], &[(0, 2, 6, &["X"])]);
    let (all, coded) = (&r.codes[0].scopes.all_text, &r.codes[0].scopes.coded_text);
    close(all.observed_agreement, 5.0 / 9.0);
    close(all.kappa, 0.1);
    close(all.alpha, 0.15);
    assert_eq!(coded.units, 6);
    close(coded.observed_agreement, 2.0 / 6.0);
    close(coded.kappa, -0.5);
    close(coded.alpha, -0.375);
    let table = render(&r, OutputFormat::Table);
    assert!(table.contains("Restricted to coded text"), "{table}");
}

/// Documents "aaaa bbbb" and "cccc". B never coded the second one, so its
/// four units are missing for B, not zeros: the figures are those of the
/// first document alone (kappa 32/41, alpha 64/81), whether B's project
/// lacks the document or holds it uncoded.
#[test]
fn a_rater_missing_on_a_document() {
    let docs = [document("d1", TEXT), document("d2", "cccc")];
    let a = rater(
        "A",
        &docs,
        &["X"],
        &[],
        &[(0, 0, 4, &["X"]), (1, 0, 2, &["X"])],
    );
    let holds = rater("B", &docs, &["X"], &[], &[(0, 0, 5, &["X"])]);
    let lacks = rater("B", &docs[..1], &["X"], &[], &[(0, 0, 5, &["X"])]);
    for b in [holds, lacks] {
        let r = agree(&[a.clone(), b], &Options::default()).expect("agreement");
        let x = &r.codes[0].scopes.all_text;
        assert_eq!(x.units, 9);
        close(x.kappa, 32.0 / 41.0);
        close(x.alpha, 64.0 / 81.0);
        assert_eq!(r.documents[1].coded_by, vec!["A".to_owned()]);
    }
}

/// Three raters, C missing on the second document: units with two values
/// and units with three mix in one coincidence matrix. krippendorff gives
/// alpha = 0.2222… = 2/9; 6 of 13 pairable units have all values equal;
/// kappa is for two raters only.
#[test]
fn three_raters_with_missing_data() {
    let docs = [document("d1", TEXT), document("d2", "cccc")];
    let raters = [
        rater(
            "A",
            &docs,
            &["X"],
            &[],
            &[(0, 0, 4, &["X"]), (1, 0, 2, &["X"])],
        ),
        rater(
            "B",
            &docs,
            &["X"],
            &[],
            &[(0, 0, 5, &["X"]), (1, 1, 4, &["X"])],
        ),
        rater("C", &docs[..1], &["X"], &[], &[(0, 2, 6, &["X"])]),
    ];
    let r = agree(&raters, &Options::default()).expect("agreement");
    let x = &r.codes[0].scopes.all_text;
    assert_eq!(x.units, 13);
    close(x.alpha, 2.0 / 9.0);
    close(x.observed_agreement, 6.0 / 13.0);
    undefined(x.kappa, Undefined::NotTwoRaters);
    let units = unit_values(&raters, "cccc", "X", &Options::default()).expect("units");
    assert_eq!(units.values[2], vec![None; 4]);
    assert_eq!(units.values[1], vec![Some(0), Some(1), Some(1), Some(1)]);
}

/// Exclusive dimension Role (P, C) on "aaaa bbbb cc". A: P 0..4, C 5..9.
/// B: P 0..3 and C 2..5 (overlapping: unit 2 is "several"). Values
/// (none 0, P 1, C 2, several 3): A = 111102222000, B = 113220000000.
/// sklearn and krippendorff: kappa 0.16 = 4/25, alpha 30/191; restricted
/// to the 9 units someone coded: kappa -2/61, alpha -6/113.
#[test]
fn exclusive_dimension_nominal_figures() {
    let docs = [document("d", "aaaa bbbb cc")];
    let role = ["P", "C"];
    let raters = [
        rater(
            "A",
            &docs,
            &["X"],
            &role,
            &[(0, 0, 4, &["P"]), (0, 5, 9, &["C", "X"])],
        ),
        rater(
            "B",
            &docs,
            &["X"],
            &role,
            &[(0, 0, 3, &["P"]), (0, 2, 5, &["C"])],
        ),
    ];
    let r = agree(&raters, &Options::default()).expect("agreement");
    assert_eq!(r.dimensions.len(), 1, "Topics is not exclusive");
    let d = &r.dimensions[0];
    assert_eq!(d.categories, ["none", "P", "C", "several"]);
    close(d.scopes.all_text.observed_agreement, 5.0 / 12.0);
    close(d.scopes.all_text.kappa, 4.0 / 25.0);
    close(d.scopes.all_text.alpha, 30.0 / 191.0);
    assert_eq!(d.scopes.coded_text.units, 9);
    close(d.scopes.coded_text.kappa, -2.0 / 61.0);
    close(d.scopes.coded_text.alpha, -6.0 / 113.0);
}

#[test]
fn inputs_that_cannot_be_compared_are_refused() {
    let docs = [document("d", TEXT)];
    let a = rater("A", &docs, &["X"], &[], &[(0, 0, 4, &["X"])]);
    assert_eq!(
        agree(std::slice::from_ref(&a), &Options::default()),
        Err(AgreementError::TooFewRaters(1))
    );
    assert_eq!(
        agree(&[a.clone(), a.clone()], &Options::default()),
        Err(AgreementError::DuplicateRater("A".into()))
    );
    let mut bad = rater("B", &docs, &["X"], &[], &[(0, 0, 4, &["X"])]);
    bad.project.passages[0].end = 99;
    assert!(matches!(
        agree(&[a.clone(), bad], &Options::default()),
        Err(AgreementError::OutOfRange { .. })
    ));
    let mut unknown = rater("B", &docs, &["X"], &[], &[(0, 0, 4, &["X"])]);
    unknown.project.passages[0].codes = vec![CodeId("nope".into())];
    assert!(matches!(
        agree(&[a.clone(), unknown], &Options::default()),
        Err(AgreementError::UnknownCode { .. })
    ));
    let b = rater("B", &docs, &["X"], &[], &[]);
    let options = Options {
        reference: Some("Z".into()),
        ..Options::default()
    };
    assert_eq!(
        agree(&[a.clone(), b.clone()], &options),
        Err(AgreementError::UnknownReference("Z".into()))
    );
    let options = Options {
        match_threshold: 0.0,
        ..Options::default()
    };
    assert_eq!(
        agree(&[a, b], &options),
        Err(AgreementError::InvalidThreshold(0.0))
    );
}

#[test]
fn documents_match_by_text_and_codes_by_name() {
    let a = rater(
        "A",
        &[document("one", TEXT)],
        &["X", "Y"],
        &[],
        &[(0, 0, 4, &["Y"])],
    );
    // B's document has another id and B's codebook other ids and order.
    let b = rater(
        "B",
        &[document("other-id", TEXT)],
        &["Z", "Y"],
        &[],
        &[(0, 0, 4, &["Y"])],
    );
    let r = agree(&[a, b], &Options::default()).expect("agreement");
    let names: Vec<&str> = r.codes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(names, ["X", "Y", "Z"]);
    assert_eq!(r.documents.len(), 1);
    close(r.codes[1].scopes.all_text.kappa, 1.0);
}

#[test]
fn one_project_splits_into_one_rater_per_coder() {
    let docs = [document("d", TEXT)];
    let mut project = Project::new(docs.to_vec(), codebook("p", &["X"], &[]));
    for (coder, start) in [("ann", 0), ("bob", 2), ("ann", 6), ("", 1)] {
        let mut p = passage(&docs[0], start, start + 2, &["X"], "p");
        p.coder = coder.into();
        project.passages.push(p);
    }
    project.coders = vec!["bob".into(), "ann".into()];
    let raters = split_by_coder(&project);
    let names: Vec<&str> = raters.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["bob", "ann", "(no coder name)"]);
    assert_eq!(raters[1].project.passages.len(), 2);
    let r = agree(&raters, &Options::default()).expect("agreement");
    assert_eq!(r.raters.len(), 3);
}

// ---- Unitizing alpha: Krippendorff (1995) ----

/// The four pairs of coders of Krippendorff (1995: p. 57) on a continuum
/// of 24, as DKPro Statistics' `Krippendorff1995Test.createExample`
/// encodes them (begin, length), category by category.
fn krippendorff_1995(category: char, stretch: usize) -> Vec<Vec<(usize, usize)>> {
    let coders: [&[(usize, usize)]; 2] = match category {
        'A' => [&[(2, 8), (14, 6)], &[(4, 4), (15, 2)]],
        'B' => [
            &[(0, 18)],
            &[(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)],
        ],
        'C' => [
            &[(2, 6), (10, 2), (14, 4), (20, 2)],
            &[(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)],
        ],
        _ => [
            &[(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)],
            &[(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)],
        ],
    };
    coders
        .iter()
        .map(|units| {
            units
                .iter()
                .map(|&(b, l)| (b * stretch, (b + l) * stretch))
                .collect()
        })
        .collect()
}

/// Observed disagreements are the paper's exactly: A 1/32 = .03125,
/// B 653/288 = 2.26736, C 1/36 = .02777, D 223/576 = .38715 (as
/// reproduced, to 5 decimals, by DKPro's `Krippendorff1995Test`).
///
/// Expected disagreement depends on the resolution of the continuum (the
/// `l - 1` terms count positions). At the paper's own resolution of 24
/// positions this implementation gives, exactly (rationals computed with
/// Python's `fractions`): D_e = 139/2156, 12695/11652, 229/3270, 145/452,
/// so uα = 573/1112, -329383/304680, 829/1374, -4319/20880.
///
/// The paper's uα values, .553, -.926, .679 and .066 (Krippendorff 1995,
/// reproduced by DKPro's test, which uses a stretched continuum and a
/// tolerance of .02), are those of a continuum finely divided: with each
/// position split into 1000, uα_A = .553 and uα_D = .066 to all three
/// printed decimals, and their expected disagreements match the printed
/// .06990 and .41445. For B and C the printed D_e (1.17731, .08642)
/// differ from the formula's (1.17570, .09048) by less than DKPro's
/// tolerance of .005; DKPro's test notes "a small error in the
/// computation of D_E in the original reference".
#[test]
fn unitizing_alpha_on_krippendorff_1995() {
    let observed = [
        ('A', 1.0 / 32.0),
        ('B', 653.0 / 288.0),
        ('C', 1.0 / 36.0),
        ('D', 223.0 / 576.0),
    ];
    let native = [
        ('A', 139.0 / 2156.0, 573.0 / 1112.0),
        ('B', 12695.0 / 11652.0, -329383.0 / 304680.0),
        ('C', 229.0 / 3270.0, 829.0 / 1374.0),
        ('D', 145.0 / 452.0, -4319.0 / 20880.0),
    ];
    for ((c, d_o), (_, d_e, alpha)) in observed.into_iter().zip(native) {
        let u = unitizing_alpha(&[24], &krippendorff_1995(c, 1)).expect("valid units");
        assert!((u.observed - d_o).abs() < 1e-12, "{c}: D_o {}", u.observed);
        assert!((u.expected - d_e).abs() < 1e-12, "{c}: D_e {}", u.expected);
        close(u.alpha, alpha);
    }
    let paper = [
        ('A', 0.553, 0.06990),
        ('B', -0.926, 1.17731),
        ('C', 0.679, 0.08642),
        ('D', 0.066, 0.41445),
    ];
    for (c, alpha, d_e) in paper {
        let u = unitizing_alpha(&[24_000], &krippendorff_1995(c, 1000)).expect("valid units");
        let got = u.alpha.value.unwrap_or(f64::NAN);
        if c == 'A' || c == 'D' {
            assert_eq!(format!("{got:.3}"), format!("{alpha:.3}"), "{c}");
            assert_eq!(format!("{:.4}", u.expected), format!("{d_e:.4}"), "{c}");
        }
        assert!(
            (got - alpha).abs() < 0.02,
            "{c}: {got} vs the paper's {alpha}"
        );
        assert!(
            (u.expected - d_e).abs() < 0.005,
            "{c}: D_e {} vs {d_e}",
            u.expected
        );
    }
}

/// DKPro's `testVaryingLengths` at half resolution (continuum 12, units
/// truncated to integers): D_e(C) = 0.05494 to 5 decimals; exactly
/// 89/1620, so uα = 1 - (1/36)/(89/1620) = 44/89 = 0.494.
#[test]
fn unitizing_alpha_matches_dkpro_at_half_resolution() {
    let half =
        |units: &[(usize, usize)]| units.iter().map(|&(b, l)| (b / 2, b / 2 + l / 2)).collect();
    let c = [
        half(&[(2, 6), (10, 2), (14, 4), (20, 2)]),
        half(&[(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)]),
    ];
    let u = unitizing_alpha(&[12], &c).expect("valid units");
    assert!((u.observed - 1.0 / 36.0).abs() < 1e-12);
    assert!((u.expected - 89.0 / 1620.0).abs() < 1e-12);
    close(u.alpha, 44.0 / 89.0);
}

// ---- The bundled example against a perturbed copy ----

fn example() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/azerbaijan-russia-brief.example.briefmark.ron");
    project_file::load(&path).expect("bundled example loads")
}

/// Deterministic changes: every 7th passage (from the 4th) deleted, every
/// 5th (from the 2nd) shifted 12 characters right, every 4th (from the
/// 3rd) given the next code of the codebook instead of its first, every
/// 9th (from the 6th) cut to half its length; plus one new passage.
fn perturbed(original: &Project) -> Project {
    let mut p = original.clone();
    let codes: Vec<CodeId> = p.codebook.codes().map(|(_, c)| c.id.clone()).collect();
    let doc = p.documents[0].clone();
    let len = doc.char_len();
    let mut passages = Vec::new();
    for (i, old) in original.passages.iter().enumerate() {
        if i % 7 == 3 {
            continue;
        }
        let mut q = old.clone();
        if i % 5 == 1 {
            (q.start, q.end) = ((q.start + 12).min(len), (q.end + 12).min(len));
        }
        if i % 9 == 5 {
            q.end = q.start + q.len() / 2;
        }
        if i % 4 == 2 && !q.codes.is_empty() {
            let at = codes.iter().position(|c| *c == q.codes[0]).unwrap_or(0);
            q.codes[0] = codes[(at + 1) % codes.len()].clone();
            q.codes.dedup();
        }
        q.quote = doc.slice(q.start, q.end).to_owned();
        passages.push(q);
    }
    let mut extra = Passage::new(&doc, 40, 140, "Perturbed", now());
    extra.codes = vec![codes[0].clone()];
    passages.push(extra);
    p.passages = passages.into();
    p
}

/// Per-character vectors painted naively: value per unit and code name.
fn naive_vector(project: &Project, code: &str, len: usize) -> Vec<u32> {
    let mut v = vec![0; len];
    for p in &project.passages {
        let names = p.codes.iter().filter_map(|id| project.codebook.code(id));
        if names.into_iter().any(|c| c.name == code) {
            v[p.start..p.end].iter_mut().for_each(|x| *x = 1);
        }
    }
    v
}

/// Per-character category of an exclusive dimension: 0 none, i + 1 the
/// dimension's i-th code, `several` for more than one.
fn naive_dimension(project: &Project, dim: &Dimension, len: usize) -> Vec<u32> {
    let several = dim.codes.len() as u32 + 1;
    let mut sets: Vec<Vec<u32>> = vec![Vec::new(); len];
    for p in &project.passages {
        let held = dim
            .codes
            .iter()
            .enumerate()
            .filter(|(_, c)| p.codes.contains(&c.id));
        for (i, _) in held {
            for s in &mut sets[p.start..p.end] {
                if !s.contains(&(i as u32 + 1)) {
                    s.push(i as u32 + 1);
                }
            }
        }
    }
    sets.iter()
        .map(|s| {
            if s.len() > 1 {
                several
            } else {
                s.first().copied().unwrap_or(0)
            }
        })
        .collect()
}

/// Observed agreement, kappa and alpha of two complete vectors, counted by
/// hand: kappa from the confusion table, alpha from coincidences (each
/// unit adds 1 to (a, b) and to (b, a)).
fn naive_figures(pairs: &[(u32, u32)]) -> (f64, Option<f64>, Option<f64>) {
    let n = pairs.len() as f64;
    let mut confusion: HashMap<(u32, u32), f64> = HashMap::new();
    for &p in pairs {
        *confusion.entry(p).or_default() += 1.0;
    }
    let agree: f64 = pairs.iter().filter(|(a, b)| a == b).count() as f64;
    let cats: Vec<u32> = {
        let mut c: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
        c.sort_unstable();
        c.dedup();
        c
    };
    let row = |c: u32| pairs.iter().filter(|p| p.0 == c).count() as f64;
    let col = |c: u32| pairs.iter().filter(|p| p.1 == c).count() as f64;
    let pe: f64 = cats.iter().map(|&c| row(c) / n * col(c) / n).sum();
    let kappa = (pe < 1.0).then(|| (agree / n - pe) / (1.0 - pe));
    let values = 2.0 * n;
    let n_c = |c: u32| row(c) + col(c);
    let disagree_pairs = 2.0 * (n - agree);
    let expected: f64 = values * values - cats.iter().map(|&c| n_c(c).powi(2)).sum::<f64>();
    let alpha = (expected > 0.0).then(|| 1.0 - (values - 1.0) * disagree_pairs / expected);
    (agree / n, kappa, alpha)
}

fn near(got: Estimate, want: Option<f64>, what: &str) {
    match (got.value, want) {
        (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{what}: {g} vs naive {w}"),
        (None, None) => {}
        _ => panic!("{what}: {got:?} vs naive {want:?}"),
    }
}

fn check_naive(report: &Report, a: &Project, b: &Project, exclude_whitespace: bool) {
    let doc = &a.documents[0];
    let keep: Vec<bool> = doc
        .text()
        .chars()
        .map(|c| !(exclude_whitespace && c.is_whitespace()))
        .collect();
    let len = doc.char_len();
    let (mut pooled, mut pooled_coded) = (Vec::new(), Vec::new());
    for c in &report.codes {
        let (va, vb) = (naive_vector(a, &c.code, len), naive_vector(b, &c.code, len));
        let pairs: Vec<(u32, u32)> = (0..len)
            .filter(|&i| keep[i])
            .map(|i| (va[i], vb[i]))
            .collect();
        let coded: Vec<(u32, u32)> = pairs.iter().copied().filter(|&(x, y)| x + y > 0).collect();
        for (scope, pairs, f) in [
            ("all", &pairs, &c.scopes.all_text),
            ("coded", &coded, &c.scopes.coded_text),
        ] {
            assert_eq!(f.units, pairs.len() as u64, "{} {scope}", c.code);
            if !pairs.is_empty() {
                let (po, kappa, alpha) = naive_figures(pairs);
                near(
                    f.observed_agreement,
                    Some(po),
                    &format!("{} {scope} agreement", c.code),
                );
                near(f.kappa, kappa, &format!("{} {scope} kappa", c.code));
                near(f.alpha, alpha, &format!("{} {scope} alpha", c.code));
            }
        }
        pooled.extend(pairs);
        pooled_coded.extend(coded);
    }
    for (pairs, f) in [
        (&pooled, &report.overall.all_text),
        (&pooled_coded, &report.overall.coded_text),
    ] {
        let (po, kappa, alpha) = naive_figures(pairs);
        assert_eq!(f.units, pairs.len() as u64);
        near(f.observed_agreement, Some(po), "overall agreement");
        near(f.kappa, kappa, "overall kappa");
        near(f.alpha, alpha, "overall alpha");
    }
    for (dim, got) in a
        .codebook
        .dimensions
        .iter()
        .filter(|d| d.exclusive)
        .zip(&report.dimensions)
    {
        let (va, vb) = (naive_dimension(a, dim, len), naive_dimension(b, dim, len));
        let pairs: Vec<(u32, u32)> = (0..len)
            .filter(|&i| keep[i])
            .map(|i| (va[i], vb[i]))
            .collect();
        let (po, kappa, alpha) = naive_figures(&pairs);
        near(got.scopes.all_text.observed_agreement, Some(po), &dim.name);
        near(got.scopes.all_text.kappa, kappa, &dim.name);
        near(got.scopes.all_text.alpha, alpha, &dim.name);
    }
}

#[test]
fn bundled_example_against_a_perturbed_copy() {
    let original = example();
    let copy = perturbed(&original);
    assert_ne!(original.passages, copy.passages);
    let raters = [
        Rater::new("reference", original.clone()),
        Rater::new("perturbed", copy.clone()),
    ];
    for exclude_whitespace in [false, true] {
        let options = Options {
            exclude_whitespace,
            reference: Some("reference".into()),
            ..Options::default()
        };
        let report = agree(&raters, &options).expect("agreement");
        assert!(
            !report.dimensions.is_empty(),
            "the example has exclusive dimensions"
        );
        check_naive(&report, &original, &copy, exclude_whitespace);
        check_passages(&report, &original, &copy);
        let some_kappa = report.overall.all_text.kappa.value.unwrap_or(f64::NAN);
        assert!(some_kappa > 0.0 && some_kappa < 1.0, "{some_kappa}");
    }
    let len = original.documents[0].char_len();
    let name = &original.codebook.dimensions[0].codes[0].name;
    let units = unit_values(
        &raters,
        original.documents[0].text(),
        name,
        &Options::default(),
    )
    .expect("units");
    let naive: Vec<Option<u8>> = naive_vector(&copy, name, len)
        .iter()
        .map(|&v| Some(v as u8))
        .collect();
    assert_eq!(units.values[1], naive);
}

/// Greedy one-to-one matching counted naively: every pair, sorted by
/// overlap/union (as f64: equal ratios round alike) then position.
fn naive_matched(a: &[(usize, usize)], b: &[(usize, usize)], threshold: f64) -> usize {
    let mut pairs = Vec::new();
    for (i, &(s, e)) in a.iter().enumerate() {
        for (j, &(bs, be)) in b.iter().enumerate() {
            let overlap = e.min(be).saturating_sub(s.max(bs)) as f64;
            let union = (e.max(be) - s.min(bs)) as f64;
            if overlap > 0.0 && overlap / union >= threshold {
                pairs.push((overlap / union, a[i], b[j], i, j));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let (mut ua, mut ub, mut n) = (vec![false; a.len()], vec![false; b.len()], 0);
    for (_, _, _, i, j) in pairs {
        if !ua[i] && !ub[j] {
            (ua[i], ub[j], n) = (true, true, n + 1);
        }
    }
    n
}

fn check_passages(report: &Report, reference: &Project, rater: &Project) {
    let ranges = |p: &Project, code: &str| -> Vec<(usize, usize)> {
        (p.passages.iter())
            .filter(|x| {
                !x.is_empty()
                    && x.codes
                        .iter()
                        .filter_map(|id| p.codebook.code(id))
                        .any(|c| c.name == code)
            })
            .map(|x| (x.start, x.end))
            .collect()
    };
    let cmp = &report.passages[0];
    assert_eq!(cmp.rater, "perturbed");
    let mut total = 0;
    for c in &cmp.codes {
        let (mine, theirs) = (ranges(rater, &c.code), ranges(reference, &c.code));
        let matched = naive_matched(&mine, &theirs, 0.5);
        assert_eq!(
            (
                c.figures.passages,
                c.figures.reference_passages,
                c.figures.matched
            ),
            (mine.len(), theirs.len(), matched),
            "{}",
            c.code
        );
        total += matched;
    }
    assert_eq!(cmp.overall.matched, total);
    assert!(total > 0);
}

// ---- Passage F1 and teaching ----

/// Reference X: 0..10, 20..30, 40..50. Rater X: 0..9 (overlap/union 0.9),
/// 22..27 (0.5), 60..70 (none). At 0.5: 2 matched of 3 and 3, so
/// precision = recall = F1 = 2/3. At 0.6: 1 matched, all 1/3. Code Y:
/// the rater's one passage 40..50 matches nothing (the reference has no
/// Y), so precision 0, recall undefined, F1 0.
#[test]
fn passage_f1_by_hand() {
    let docs = [document("d", &"x".repeat(80))];
    let reference = rater(
        "R",
        &docs,
        &["X", "Y"],
        &[],
        &[(0, 0, 10, &["X"]), (0, 20, 30, &["X"]), (0, 40, 50, &["X"])],
    );
    let student = rater(
        "S",
        &docs,
        &["X", "Y"],
        &[],
        &[
            (0, 0, 9, &["X"]),
            (0, 22, 27, &["X"]),
            (0, 60, 70, &["X", "Y"]),
        ],
    );
    let raters = [reference, student];
    let at = |threshold: f64| {
        let options = Options {
            reference: Some("R".into()),
            match_threshold: threshold,
            ..Options::default()
        };
        agree(&raters, &options)
            .expect("agreement")
            .passages
            .remove(0)
    };
    let half = at(0.5);
    let x = &half.codes[0].figures;
    assert_eq!((x.passages, x.reference_passages, x.matched), (3, 3, 2));
    close(x.precision, 2.0 / 3.0);
    close(x.recall, 2.0 / 3.0);
    close(x.f1, 2.0 / 3.0);
    let y = &half.codes[1].figures;
    close(y.precision, 0.0);
    undefined(y.recall, Undefined::NoPassages);
    close(y.f1, 0.0);
    // Pooled: 2 matched of 4 rater and 3 reference (code, passage) pairs.
    close(half.overall.precision, 0.5);
    close(half.overall.f1, 4.0 / 7.0);
    let strict = at(0.6);
    close(strict.codes[0].figures.f1, 1.0 / 3.0);
}

const LESSON: &str =
    "Baku quarrelled with Moscow. The plane fell. Trade grew. Talks <b>&</b> stalled.";

fn lesson() -> (Rater, Rater) {
    let docs = [document("lesson", LESSON)];
    let span = |needle: &str| {
        let byte = LESSON.find(needle).expect("needle");
        let start = LESSON[..byte].chars().count();
        (start, start + needle.chars().count())
    };
    let (quarrel, plane, trade, talks) = (
        span("Baku quarrelled with Moscow."),
        span("The plane fell."),
        span("Trade grew."),
        span("Talks <b>&</b> stalled."),
    );
    let codes = ["Cause", "Pretext", "Trade"];
    let reference = rater(
        "Teacher",
        &docs,
        &codes,
        &[],
        &[
            (0, quarrel.0, quarrel.1, &["Cause"]),
            (0, plane.0, plane.1, &["Pretext"]),
            (0, talks.0, talks.1, &["Cause"]),
        ],
    );
    let student = rater(
        "Student",
        &docs,
        &codes,
        &[],
        &[
            (0, quarrel.0, quarrel.1, &["Cause"]),
            (0, plane.0, plane.1 - 1, &["Cause"]),
            (0, trade.0, trade.1, &["Trade"]),
        ],
    );
    (reference, student)
}

#[test]
fn teaching_feedback_lists_missed_extra_and_disagreements() {
    let (reference, student) = lesson();
    let f = feedback(&reference, &student, &Options::default()).expect("feedback");
    assert_eq!(f.agreed, 1);
    assert_eq!(f.missed.len(), 1);
    assert_eq!(f.missed[0].quote, "Talks <b>&</b> stalled.");
    assert_eq!(f.extra.len(), 1);
    assert_eq!(f.extra[0].quote, "Trade grew.");
    assert_eq!(f.disagreements.len(), 1);
    let d = &f.disagreements[0];
    assert_eq!(
        (d.reference.quote.as_str(), d.student.quote.as_str()),
        ("The plane fell.", "The plane fell")
    );
    assert_eq!(
        (d.reference.codes.clone(), d.student.codes.clone()),
        (vec!["Pretext".to_owned()], vec!["Cause".to_owned()])
    );
    let (talks, plane) = (&f.missed[0], &d.reference);
    let md = feedback_markdown(&f);
    for needed in [
        "## Missed passages",
        "> Talks \\<b>&\\</b> stalled.",
        &format!("characters {}–{}", talks.start, talks.end),
        "> Trade grew.",
        "Your codes: Trade",
        &format!(
            "reference {}–{}, yours {}–{}",
            plane.start, plane.end, d.student.start, d.student.end
        ),
        "Reference codes: Pretext",
    ] {
        assert!(md.contains(needed), "{needed:?} not in\n{md}");
    }
    let html = feedback_html(&f);
    for needed in [
        "<blockquote>Talks &lt;b&gt;&amp;&lt;/b&gt; stalled.</blockquote>",
        "<blockquote>Trade grew.</blockquote>",
        "Reference codes: Pretext. Your codes: Cause.",
    ] {
        assert!(html.contains(needed), "{needed:?} not in\n{html}");
    }
    assert!(
        html.contains("Baku &lt;b&gt;&amp;&lt;/b&gt; Moscow") || !html.contains("<b>&"),
        "user text is escaped"
    );
    assert!(!html.contains("<b>&</b>"));
}

#[test]
fn teaching_table_has_a_row_per_student_and_code() {
    let (reference, student) = lesson();
    let mut perfect = reference.clone();
    perfect.name = "Copy".into();
    let table =
        teaching_table(&reference, &[student, perfect], &Options::default()).expect("table");
    assert_eq!(
        table.rows.len(),
        8,
        "3 codes and the pool, for two students"
    );
    let copy_all = table
        .rows
        .iter()
        .find(|r| r.student == "Copy" && r.code == "(all codes pooled)")
        .expect("row");
    close(copy_all.kappa, 1.0);
    close(copy_all.alpha, 1.0);
    close(copy_all.f1, 1.0);
    let csv = teaching_csv(&table);
    assert!(csv.starts_with("student,code,kappa,alpha,f1,precision,recall\n"));
    assert!(csv.contains("Copy,(all codes pooled),1,1,1,1,1\n"), "{csv}");
    // Nobody used Trade but the student: the copy's Trade row is undefined.
    assert!(csv.contains("Copy,Trade,,,,,\n"), "{csv}");
}

/// A student who hands in their copy without coding anything coded nothing,
/// and is scored so: every reference passage missed, recall 0 and F1 0
/// (precision has no passage to count: undefined), kappa 0 (they said "no
/// code" everywhere), in the class table, the feedback and the CLI. Before,
/// their document counted as not coded at all, and every figure was n/a.
#[test]
fn a_student_who_coded_nothing_scores_zero() {
    let (reference, student) = lesson();
    let blank = Rater::new("Blank", {
        let mut p = student.project.clone();
        p.passages.clear();
        p
    });
    let table = teaching_table(
        &reference,
        std::slice::from_ref(&blank),
        &Options::default(),
    )
    .expect("table");
    let pooled = (table.rows.iter())
        .find(|r| r.code == "(all codes pooled)")
        .expect("pooled row");
    close(pooled.recall, 0.0);
    close(pooled.f1, 0.0);
    close(pooled.kappa, 0.0);
    undefined(pooled.precision, Undefined::NoPassages);
    let cause = table
        .rows
        .iter()
        .find(|r| r.code == "Cause")
        .expect("Cause");
    close(cause.recall, 0.0);
    close(cause.f1, 0.0);
    assert!(teaching_csv(&table).contains("Blank,(all codes pooled),0,"));

    let f = feedback(&reference, &blank, &Options::default()).expect("feedback");
    assert_eq!((f.missed.len(), f.extra.len(), f.agreed), (3, 0, 0));
    assert!(f.uncoded_documents.is_empty());
    close(f.scores.recall, 0.0);
    let md = feedback_markdown(&f);
    assert!(
        md.contains("- Recall (share of the reference passages you found): 0.000 (0 of 3)"),
        "{md}"
    );
    assert!(
        md.contains("- F1 (passages: recall and precision together): 0.000"),
        "{md}"
    );
    assert!(
        feedback_html(&f).contains(
            "<li>Recall (share of the reference passages you found): 0.000 (0 of 3)</li>"
        )
    );

    // The command line: `agree --reference` on the two files.
    let dir = tempfile::tempdir().expect("tempdir");
    let (r, b) = (
        dir.path().join("teacher.briefmark.ron"),
        dir.path().join("blank.briefmark.ron"),
    );
    project_file::save(&reference.project, &r).expect("save");
    project_file::save(&blank.project, &b).expect("save");
    let (code, stdout, stderr) = crate::common::briefmark(&[
        "agree",
        b.to_str().unwrap(),
        "--reference",
        r.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("\npassages_overall,blank,,,,,,,,,,,0,3,0,,0,0\n"),
        "{stdout}"
    );
}

/// The reference's memos on the passages concerned, and the student's
/// kappa, alpha and F1 as the class table shows them (the table's pooled
/// row, itself the two-rater report's overall figures: checked against
/// `agree` on the pair, the tested kappa and alpha).
#[test]
fn feedback_holds_the_figures_of_the_table_and_the_references_memos() {
    let (mut reference, student) = lesson();
    let memo = |p: &mut Passage, text: &str| p.memo = text.into();
    let talks = reference.project.passages.len() - 1;
    memo(
        &mut reference.project.passages[talks],
        "Talks *stalled*: a cause.",
    );
    memo(
        &mut reference.project.passages[1],
        "A pretext,\nnot a cause.",
    );
    let f = feedback(&reference, &student, &Options::default()).expect("feedback");
    assert_eq!(f.missed[0].memo, "Talks *stalled*: a cause.");
    assert_eq!(
        f.disagreements[0].reference.memo,
        "A pretext,\nnot a cause."
    );

    let options = Options {
        reference: Some("Teacher".into()),
        ..Options::default()
    };
    let pair = agree(&[reference.clone(), student.clone()], &options).expect("pair");
    let (kappa, alpha) = (pair.overall.all_text.kappa, pair.overall.all_text.alpha);
    let f1 = pair.passages[0].overall.f1;
    assert_eq!((f.kappa, f.alpha, f.scores.f1), (kappa, alpha, f1));
    let table = teaching_table(&reference, &[student], &Options::default()).expect("table");
    let pooled = (table.rows.iter())
        .find(|r| r.code == ALL_CODES)
        .expect("pooled row");
    assert_eq!((pooled.kappa, pooled.alpha, pooled.f1), (kappa, alpha, f1));
    // 1 of 3 passages matched with 3 each side (span and codes per code:
    // Cause quarrel only): F1 = 2·1/(3 + 3).
    close(f1, 1.0 / 3.0);

    let three = |e: Estimate| format!("{:.3}", e.value.expect("defined"));
    let md = feedback_markdown(&f);
    for needed in [
        "Compared with the reference coding by Teacher.".to_owned(),
        format!(
            "- Cohen's kappa (κ, agreement beyond chance, all codes, all text): {}",
            three(kappa)
        ),
        format!(
            "- Krippendorff's alpha (α, the same judged as reliability): {}",
            three(alpha)
        ),
        "- F1 (passages: recall and precision together): 0.333".to_owned(),
        "*Reference memo:* Talks \\*stalled\\*: a cause.".to_owned(),
        "*Reference memo:* A pretext, not a cause.".to_owned(),
    ] {
        assert!(md.contains(&needed), "{needed:?} not in\n{md}");
    }
    // The student's own extra passage has no reference memo to show.
    assert_eq!(md.matches("Reference memo").count(), 2, "{md}");
    let html = feedback_html(&f);
    assert!(
        html.contains("<p><em>Reference memo:</em> Talks *stalled*: a cause.</p>"),
        "{html}"
    );
}

/// Three coders of one 10-character text. Code X: A 0..4, B 2..6, C 0..4;
/// code Y: A and C 6..8, B nothing. By hand (units = characters):
/// - A–B, X: both 1 on 2..4 (2), only A 0..2 (2), only B 4..6 (2), both 0
///   (4): p_o = 0.6, p_e = 0.4·0.4 + 0.6·0.6 = 0.52, κ = 0.08/0.48 = 1/6.
/// - A–B, Y: A 1 on 2 units, B never: p_o = 0.8 = p_e, κ = 0.
/// - A–B pooled (20 units): both 1: 2, only A: 4, only B: 2, both 0: 12;
///   p_o = 0.7, p_e = 0.3·0.2 + 0.7·0.8 = 0.62, κ = 0.08/0.38 = 4/19.
/// - A–C: identical, κ = 1 for X, Y and pooled; B–C as A–B.
///
/// Passage F1, X: A 0..4 against B 2..6 overlap 2 of 6 (< 0.5): F1 0; A
/// against C: 1. And each pair's figures are those of `agree` on that
/// pair alone (the tested two-rater kappa).
pub(crate) fn three_coders() -> [Rater; 3] {
    let docs = [document("d", &"x".repeat(10))];
    let codes = ["X", "Y"];
    [
        rater(
            "A",
            &docs,
            &codes,
            &[],
            &[(0, 0, 4, &["X"]), (0, 6, 8, &["Y"])],
        ),
        rater("B", &docs, &codes, &[], &[(0, 2, 6, &["X"])]),
        rater(
            "C",
            &docs,
            &codes,
            &[],
            &[(0, 0, 4, &["X"]), (0, 6, 8, &["Y"])],
        ),
    ]
}

#[test]
fn pairwise_kappa_of_three_coders_by_hand() {
    let raters = three_coders();
    let all = agree(&raters, &Options::default()).expect("three");
    undefined(all.codes[0].scopes.all_text.kappa, Undefined::NotTwoRaters);
    let p = pairwise(&raters, &Options::default()).expect("pairs");
    let kappa = |a: &str, b: &str, code: &str| p.figures(a, b, code).expect("pair").kappa;
    close(kappa("A", "B", "X"), 1.0 / 6.0);
    close(kappa("B", "A", "X"), 1.0 / 6.0);
    close(kappa("A", "B", "Y"), 0.0);
    close(kappa("A", "B", ALL_CODES), 4.0 / 19.0);
    close(kappa("B", "C", ALL_CODES), 4.0 / 19.0);
    for code in ["X", "Y", ALL_CODES] {
        close(kappa("A", "C", code), 1.0);
    }
    assert_eq!(p.figures("A", "A", "X"), None, "a coder with themself");
    let f1 = |a: &str, b: &str| p.passages(a, b).expect("pair").codes[0].figures.f1;
    close(f1("A", "B"), 0.0);
    close(f1("A", "C"), 1.0);
    for (i, j) in [(0, 1), (0, 2), (1, 2)] {
        let alone = agree(&[raters[i].clone(), raters[j].clone()], &Options::default())
            .expect("pair alone");
        let (a, b) = (&alone.raters[0], &alone.raters[1]);
        for c in &alone.codes {
            assert_eq!(kappa(a, b, &c.code), c.scopes.all_text.kappa);
        }
        assert_eq!(kappa(a, b, ALL_CODES), alone.overall.all_text.kappa);
    }
    let csv = pairwise_csv(&p);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "code,first,second,units,observed_agreement,kappa,f1"
    );
    assert_eq!(
        lines.len(),
        1 + 3 * 3,
        "a row per pair and code, and pooled"
    );
    let cells = |line: &str| -> Vec<String> { line.split(',').map(str::to_owned).collect() };
    let number = |cell: &str| Estimate::of(cell.parse().expect("a number"));
    let x = cells(lines[1]);
    assert_eq!(x[..5], ["X", "A", "B", "10", "0.6"]);
    close(number(&x[5]), 1.0 / 6.0);
    assert_eq!(x[6], "0", "F1 of A against B");
    let pooled = cells(lines[3]);
    assert_eq!(pooled[..5], [ALL_CODES, "A", "B", "20", "0.7"]);
    close(number(&pooled[5]), 4.0 / 19.0);
}

// ---- Cross-check dump ----

/// Writes every study of this file as JSON for `scripts/check_agreement.py`:
/// per code, the unit vectors and this crate's figures. Run with
/// `AGREEMENT_DUMP=/tmp/agreement.json cargo test --test core -- --ignored agreement::dump_for_python`.
#[test]
#[ignore]
fn dump_for_python() {
    let Ok(path) = std::env::var("AGREEMENT_DUMP") else {
        panic!("set AGREEMENT_DUMP to the output path");
    };
    let original = example();
    let docs = [document("d1", TEXT), document("d2", "cccc")];
    let studies: Vec<(&str, Vec<Rater>, bool)> = vec![
        (
            "example-vs-perturbed",
            vec![
                Rater::new("reference", original.clone()),
                Rater::new("perturbed", perturbed(&original)),
            ],
            false,
        ),
        (
            "example-vs-perturbed-no-whitespace",
            vec![
                Rater::new("reference", original.clone()),
                Rater::new("perturbed", perturbed(&original)),
            ],
            true,
        ),
        (
            "three-raters-missing",
            vec![
                rater(
                    "A",
                    &docs,
                    &["X", "Y"],
                    &[],
                    &[(0, 0, 4, &["X"]), (1, 0, 2, &["X"])],
                ),
                rater(
                    "B",
                    &docs,
                    &["X", "Y"],
                    &[],
                    &[(0, 0, 5, &["X"]), (1, 1, 4, &["X", "Y"])],
                ),
                rater("C", &docs[..1], &["X", "Y"], &[], &[(0, 2, 6, &["X"])]),
            ],
            false,
        ),
        (
            "two-raters-missing",
            vec![
                rater(
                    "A",
                    &docs,
                    &["X"],
                    &[],
                    &[(0, 0, 4, &["X"]), (1, 0, 2, &["X"])],
                ),
                rater("B", &docs[..1], &["X"], &[], &[(0, 0, 5, &["X"])]),
            ],
            false,
        ),
    ];
    let mut out = Vec::new();
    for (name, raters, exclude_whitespace) in studies {
        let options = Options {
            exclude_whitespace,
            ..Options::default()
        };
        let report = agree(&raters, &options).expect("agreement");
        let mut codes = Vec::new();
        for c in &report.codes {
            let mut documents = Vec::new();
            for d in raters[0]
                .project
                .documents
                .iter()
                .chain(raters.iter().flat_map(|r| &r.project.documents))
            {
                let units = unit_values(&raters, d.text(), &c.code, &options).expect("units");
                if !documents.iter().any(|(t, _): &(String, _)| t == d.text()) {
                    documents.push((d.text().to_owned(), units.values));
                }
            }
            let vectors: Vec<_> = documents.into_iter().map(|(_, v)| v).collect();
            codes.push(
                serde_json::json!({ "code": c.code, "documents": vectors, "figures": c.scopes }),
            );
        }
        out.push(serde_json::json!({ "study": name, "raters": report.raters, "codes": codes, "overall": report.overall }));
    }
    let json = serde_json::to_string(&out).expect("JSON");
    std::fs::write(&path, json).expect("write dump");
}
