//! Passages a revision leaves without their text ("needs re-placing"):
//! kept with their quote, codes, memo and links, but with no position, so
//! nothing paints, counts or exports them over words they never coded; a
//! saved project with them passes `check`; re-placing one (or a revision
//! that brings its text back) makes it a passage again; and `revise` reads
//! a revision with the importer for its file type.

use briefmark::analysis::stats;
use briefmark::assets;
use briefmark::io::export::{self, ExportOptions, Format};
use briefmark::io::{project_file, text_document};
use briefmark::model::{
    CodeId, Edit, Link, LinkId, Orphan, PassageIndex, Project, RelationId, markup,
};

use crate::common::{EXAMPLE, briefmark};

const REVISED: &str = "tests/fixtures/reanchor/revised-brief.txt";

/// The example coding after the revision that deletes the paragraph
/// holding two of its passages.
fn revised() -> Project {
    let mut project = assets::example_project();
    let new = text_document::read(std::path::Path::new(REVISED))
        .expect("revised brief")
        .document;
    let id = project.documents[0].id().clone();
    let report = project.revise_document(&id, new).expect("revised");
    assert_eq!(report.orphans, 2);
    project
}

#[test]
fn a_passage_whose_text_went_has_no_position_anywhere() {
    let project = revised();
    assert_eq!((project.passages.len(), project.orphans.len()), (42, 2));
    let before = assets::example_project();
    for o in &project.orphans {
        let was = before.passage(&o.id).expect("an example passage");
        assert_eq!(
            (&o.quote, &o.codes, &o.memo),
            (&was.quote, &was.codes, &was.memo)
        );
        assert!(project.passage(&o.id).is_none(), "not a placed passage");
    }
    assert_eq!(project.problems(), []);
    // Not painted: the index (what the reading pane and the map draw from)
    // holds the placed passages only.
    let index = PassageIndex::build(&project);
    let doc = index.document(project.documents[0].id()).expect("indexed");
    assert_eq!(doc.passages.len(), 42);
    // Not counted.
    let figures = stats::compute(&project);
    assert_eq!(figures.frequencies.any_code.passages, 42);
    // Every export with offsets keeps the quote rule: text[start:end] is the
    // quote, for every row.
    let csv = export::render(&project, Format::Csv, ExportOptions::default());
    let mut rows = csv::Reader::from_reader(csv.as_slice());
    let text: Vec<char> = project.documents[0].text().chars().collect();
    let mut n = 0;
    for row in rows.deserialize::<std::collections::HashMap<String, String>>() {
        let row = row.expect("csv row");
        let (start, end): (usize, usize) =
            (row["start"].parse().unwrap(), row["end"].parse().unwrap());
        assert_eq!(text[start..end].iter().collect::<String>(), row["quote"]);
        n += 1;
    }
    assert!(n >= 42);
    for o in &project.orphans {
        let csv = String::from_utf8(csv.clone()).unwrap();
        assert!(!csv.contains(&o.quote), "an orphan in the CSV");
    }
    // The report lists them, with no position.
    let md = String::from_utf8(export::render(
        &project,
        Format::Md,
        ExportOptions::default(),
    ))
    .unwrap();
    let section = md.split("## Needs re-placing").nth(1).expect("the section");
    assert!(section.starts_with("\n\n2 passages: "), "{section}");
    assert_eq!(
        section.matches("no position; codes: ").count(),
        2,
        "{section}"
    );
}

#[test]
fn a_saved_project_with_orphans_loads_the_same_and_passes_check_with_a_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.briefmark.ron");
    let project = revised();
    project_file::save(&project, &path).expect("save");
    let mut loaded = project_file::load(&path).expect("load");
    loaded.sort_passages();
    let mut expected = project.clone();
    expected.sort_passages();
    assert_eq!(loaded, expected);
    let (code, stdout, stderr) = briefmark(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "ok: 1 document, 42 passages, 4 of 4 codes used; 2 passages need re-placing after a revision\n"
    );
    assert!(stderr.starts_with("note: "), "{stderr}");
    assert_eq!(stderr.matches("…” (").count(), 2, "{stderr}");
    // And it imports again, orphans and all.
    let imported = briefmark::io::import_files::import_paths(
        &[path],
        Project::new(vec![], Default::default()),
        Default::default(),
    )
    .expect("import");
    assert_eq!(imported.project.orphans.len(), 2);
    assert_eq!(imported.report.orphans_added, 2);
}

/// A file the old `revise` wrote (version 2): the two orphans still among
/// the passages, with their old ranges over the new text. Read now, they
/// are what they always were: orphans.
#[test]
fn a_version_2_file_with_stale_passages_reads_them_as_orphans() {
    let good = revised();
    let mut stale = good.clone();
    let old = assets::example_project();
    for o in std::mem::take(&mut stale.orphans) {
        stale
            .passages
            .push(old.passage(&o.id).expect("example passage").clone());
    }
    let text = project_file::to_string(&stale).replacen("version: 3,", "version: 2,", 1);
    assert!(!text.contains("orphans:"));
    let mut read = project_file::parse(&text, "old.ron").expect("read");
    assert_eq!((read.passages.len(), read.orphans.len()), (42, 2));
    assert_eq!(read.problems(), []);
    read.sort_passages();
    let mut good = good;
    good.sort_passages();
    assert_eq!(read.passages, good.passages);
}

#[test]
fn re_placing_an_orphan_keeps_its_coding_and_links_and_undo_takes_it_back() {
    let mut project = revised();
    let orphan: Orphan = project.orphans[0].clone();
    // A link to it, as a link to the passage would have been kept.
    let link = Link {
        id: LinkId("l".into()),
        from: project.passages[0].id.clone(),
        relation: RelationId("supports".into()),
        to: orphan.id.clone(),
        memo: String::new(),
        coder: "A".into(),
        created: chrono::DateTime::UNIX_EPOCH,
    };
    Edit::AddLink(link.clone())
        .apply(&mut project)
        .expect("a link to an orphan");
    assert_eq!(project.problems(), []);
    let before = project.clone();
    let doc = project.documents[0].clone();
    let placed = orphan.placed_at(&doc, 10, 40, chrono::Utc::now());
    let undo = Edit::PlaceOrphan(Box::new(placed))
        .apply(&mut project)
        .expect("re-placed");
    let p = project.passage(&orphan.id).expect("placed again");
    assert_eq!(
        (p.start, p.end, p.quote.as_str()),
        (10, 40, doc.slice(10, 40))
    );
    assert_eq!((&p.codes, &p.memo), (&orphan.codes, &orphan.memo));
    assert!(project.orphan(&orphan.id).is_none());
    assert_eq!(project.link(&link.id), Some(&link));
    assert_eq!(project.problems(), []);
    undo.apply(&mut project).expect("undone");
    assert_eq!(project.orphans, before.orphans);
    assert_eq!(project.passages.len(), before.passages.len());
}

#[test]
fn revising_back_places_the_orphans_where_they_were() {
    let mut project = revised();
    let original = assets::example_project();
    let id = project.documents[0].id().clone();
    let report = project
        .revise_document(&id, original.documents[0].clone())
        .expect("revised back");
    assert_eq!(report.orphans, 0, "{report}");
    assert!(project.orphans.is_empty());
    let mut a = project.passages.to_vec();
    let mut b = original.passages.to_vec();
    a.sort_by(|x, y| x.id.cmp(&y.id));
    b.sort_by(|x, y| x.id.cmp(&y.id));
    let ranges = |v: &[briefmark::model::Passage]| {
        v.iter()
            .map(|p| (p.id.clone(), p.start, p.end, p.quote.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ranges(&a), ranges(&b));
}

#[test]
fn removing_a_document_or_a_code_takes_its_orphans_along_and_undo_restores_them() {
    let mut project = revised();
    let orphans = project.orphans.clone();
    let code = orphans[0].codes[0].clone();
    let undo = Edit::RemoveCode(code.clone())
        .apply(&mut project)
        .expect("removed");
    assert!(project.orphans.iter().all(|o| !o.has_code(&code)));
    assert_eq!(project.problems(), []);
    undo.apply(&mut project).expect("undone");
    assert_eq!(project.orphans, orphans);

    let id = project.documents[0].id().clone();
    let undo = Edit::RemoveDocument(id)
        .apply(&mut project)
        .expect("removed");
    assert!(project.orphans.is_empty() && project.passages.is_empty());
    undo.apply(&mut project).expect("undone");
    assert_eq!(project.orphans, orphans);
    assert_eq!(project.problems(), []);
    // A passage that needs re-placing can be deleted like any other.
    let undo = Edit::RemovePassage(orphans[1].id.clone())
        .apply(&mut project)
        .expect("deleted");
    assert_eq!(project.orphans.len(), 1);
    undo.apply(&mut project).expect("undone");
    assert_eq!(project.orphans.len(), 2);
}

/// A revision in Markdown, HTML, Word or PDF is read as importing it
/// reads it: the brief coded as plain text, revised with the same brief in
/// each format, keeps every passage where it was. (Before, a `.md` came in
/// as raw Markdown, an `.html` with its tags, a `.pdf` as bytes.)
#[test]
fn revise_reads_each_format_as_import_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let expected = std::fs::read_to_string("tests/fixtures/documents/brief.expected.txt").unwrap();
    let expected = expected.trim_end();
    let doc = markup::parse(briefmark::model::DocumentId("brief".into()), expected).document;
    assert_eq!(doc.text(), expected);
    let mut project = Project::new(vec![doc.clone()], assets::default_codebook());
    for quote in [
        "strategic mistake by Russia",
        "Declaration on Allied Interaction",
    ] {
        let byte = expected.find(quote).expect("quote");
        let start = expected[..byte].chars().count();
        let mut p = briefmark::model::Passage::new(
            &doc,
            start,
            start + quote.chars().count(),
            "A",
            chrono::DateTime::UNIX_EPOCH,
        );
        p.codes.push(CodeId("cause".into()));
        project.passages.push(p);
    }
    let file = dir.path().join("p.briefmark.ron");
    for format in ["md", "html", "docx", "pdf"] {
        project_file::save(&project, &file).expect("save");
        let new = format!("tests/fixtures/documents/brief.{format}");
        let (code, stdout, stderr) = briefmark(&["revise", file.to_str().unwrap(), "--text", &new]);
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(
            stdout.ends_with(": 2 unchanged, 0 moved, 0 re-placed fuzzily, 0 need re-placing\n"),
            "{format}: {stdout}"
        );
        let revised = project_file::load(&file).expect("load");
        assert_eq!(revised.documents[0].text(), expected, "{format}");
    }
    let (code, _, stderr) = briefmark(&[
        "revise",
        EXAMPLE,
        "--text",
        "Cargo.toml",
        "--out",
        "/tmp/never.ron",
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("not a document briefmark reads"),
        "{stderr}"
    );
}
