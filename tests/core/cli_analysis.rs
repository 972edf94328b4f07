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
