//! `briefmark stats`, `agree` and `assign` from the command line.

use crate::common::{EXAMPLE, briefmark, student_copy};
use briefmark::io::project_file;
use serde_json::Value;

#[test]
fn stats_prints_frequencies_and_the_headline_crosstab() {
    let (code, stdout, stderr) = briefmark(&["stats", EXAMPLE]);
    assert_eq!(code, 0, "{stderr}");
    let line = |start: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start:?} in\n{stdout}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("Pretext    Causal role"),
        "Pretext Causal role 7 1350 9.9%"
    );
    assert_eq!(line("Any code"), "Any code 44 7719 56.4%");
    assert!(stdout.contains("Causal role × Level"));
    assert_eq!(
        line("Pretext            7"),
        "Pretext 7 (9.9%) 0 (0.0%) 7 (9.9%)"
    );
}

#[test]
fn stats_csv_is_one_tidy_table_and_json_parses() {
    let (code, csv, _) = briefmark(&["stats", EXAMPLE, "--format", "csv"]);
    assert_eq!(code, 0);
    assert_eq!(
        csv.lines().next(),
        Some("section,code,code_b,coder,document,passages,characters,share")
    );
    let (code, json, _) = briefmark(&["stats", EXAMPLE, "-f", "json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["frequencies"]["any_code"]["passages"], 44);
    assert_eq!(v["total_characters"], 13_686);
}

#[test]
fn stats_refuses_an_unknown_format() {
    let (code, stdout, stderr) = briefmark(&["stats", EXAMPLE, "--format", "xlsx"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("xlsx"), "{stderr}");
}

#[test]
fn agree_compares_a_student_with_the_reference_and_writes_feedback() {
    let dir = tempfile::tempdir().unwrap();
    let student = student_copy(dir.path());
    let feedback = dir.path().join("feedback");
    let (code, json, stderr) = briefmark(&[
        "agree",
        student.to_str().unwrap(),
        "--reference",
        EXAMPLE,
        "--format",
        "json",
        "--feedback",
        feedback.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&json).unwrap();
    let raters: Vec<&str> = (v["raters"].as_array().unwrap().iter())
        .map(|r| r.as_str().unwrap())
        .collect();
    assert_eq!(raters, ["azerbaijan-russia-brief.example", "student"]);
    // One passage of 169 characters recoded: 1 - 169/13686 observed agreement per code.
    let pretext = &v["codes"][0];
    assert_eq!(pretext["code"], "Pretext");
    let observed = pretext["all_text"]["observed_agreement"]["value"]
        .as_f64()
        .unwrap();
    assert!(
        (observed - (1.0 - 169.0 / 13_686.0)).abs() < 1e-12,
        "{observed}"
    );
    let md = std::fs::read_to_string(feedback.join("feedback-student.md")).unwrap();
    assert!(
        md.contains("A few months after reaching their peak"),
        "{md}"
    );
    assert!(feedback.join("feedback-student.html").exists());
}

#[test]
fn agree_needs_two_codings() {
    let (code, stdout, stderr) = briefmark(&["agree", EXAMPLE]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(stderr.contains("at least two raters"), "{stderr}");
}

#[test]
fn assign_writes_a_blank_locked_assignment_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("class.briefmark.ron");
    let args = [
        "assign",
        EXAMPLE,
        "--out",
        out.to_str().unwrap(),
        "--instructions",
        "Code the causes.",
    ];
    let (code, stdout, stderr) = briefmark(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("assignment with 1 document(s), 4 codes (locked)"),
        "{stdout}"
    );
    let a = project_file::load(&out).unwrap();
    assert!(a.is_blank_assignment() && a.codebook_locked());
    assert_eq!(a.assignment.unwrap().instructions, "Code the causes.");
    let (again, _, stderr) = briefmark(&args);
    assert_eq!(again, 1);
    assert!(stderr.contains("--force"), "{stderr}");
}

/// Three coders' files (the hand-worked study of `agreement.rs`): the table
/// ends with their pooled kappa matrix (κ = 4/19 for A–B and B–C, 1 for
/// A–C), not when one is the reference; `--pairwise` prints it per code, or
/// the Compare window's CSV.
#[test]
fn agree_prints_kappa_for_each_pair_of_three_coders() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = (crate::agreement::three_coders().into_iter())
        .map(|r| {
            let path = dir.path().join(format!("{}.briefmark.ron", r.name));
            project_file::save(&r.project, &path).unwrap();
            path.to_str().unwrap().to_owned()
        })
        .collect();
    let mut args: Vec<&str> = vec!["agree"];
    args.extend(files.iter().map(String::as_str));
    let (code, table, stderr) = briefmark(&args);
    assert_eq!(code, 0, "{stderr}");
    let pooled = table
        .split("Cohen's kappa for each pair of the 3 raters")
        .nth(1)
        .unwrap_or_else(|| panic!("no pairwise table in\n{table}"));
    let rows: Vec<Vec<&str>> = (pooled.lines())
        .filter(|l| ["A ", "B ", "C "].iter().any(|r| l.starts_with(r)))
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["A", "–", "0.211", "1.000"],
            ["B", "0.211", "–", "0.211"],
            ["C", "1.000", "0.211", "–"]
        ],
        "{pooled}"
    );
    assert!(pooled.contains("--pairwise"), "{pooled}");

    // Against a reference (a class), the students' figures stand alone.
    let class_args = ["agree", &files[1], &files[2], "--reference", &files[0]];
    let (code, class, stderr) = briefmark(&class_args);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !class.contains("Cohen's kappa for each pair of the"),
        "{class}"
    );
    assert!(
        class.contains("for each pair of raters: --pairwise"),
        "{class}"
    );

    args.push("--pairwise");
    let (code, per_code, stderr) = briefmark(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !per_code.contains("Restricted to coded text"),
        "the pairs alone"
    );
    let section = per_code.split("\nX\n").nth(1).expect("a matrix for code X");
    let a_row: Vec<&str> = section.lines().nth(1).unwrap().split_whitespace().collect();
    assert_eq!(a_row, ["A", "–", "0.167", "1.000"], "κ(A, B; X) = 1/6");

    args.extend(["--format", "csv"]);
    let (code, csv, stderr) = briefmark(&args);
    assert_eq!(code, 0, "{stderr}");
    let raters = crate::agreement::three_coders();
    let options = briefmark::analysis::agreement::Options::default();
    let pairs = briefmark::analysis::agreement::pairwise(&raters, &options).unwrap();
    assert_eq!(csv, briefmark::analysis::agreement::pairwise_csv(&pairs));
}
