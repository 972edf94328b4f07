//! The session's rules without a window: each intent as a user's key or
//! click would send it, and the exact project that results.

use super::*;
use crate::assets;
use crate::model::navigation::{Jump, Unit};
use crate::model::{CodeId, DocumentId, Edit};

fn session() -> Session {
    Session::new(assets::default_project(), None, "ana")
}

/// The code-point range of `needle` in the shown document.
fn range_of(s: &Session, needle: &str) -> Range<usize> {
    let text = s.shown().expect("a document").text();
    let byte = text.find(needle).expect("needle in the brief");
    let start = text[..byte].chars().count();
    start..start + needle.chars().count()
}

fn other_document(id: &str) -> crate::model::Document {
    crate::model::markup::parse(
        DocumentId(id.into()),
        "Another brief. It has two sentences.",
    )
    .document
}

fn select(s: &mut Session, r: &Range<usize>) {
    s.apply(Intent::SetSelection(Some(Selection::new(r.start, r.end))));
}

fn code(n: usize, s: &Session) -> CodeId {
    s.project()
        .codebook
        .code_for_key(n)
        .expect("a code")
        .clone()
}

#[test]
fn coding_a_selection_makes_one_passage_and_selects_it() {
    let mut s = session();
    let r = range_of(&s, "The causes may lie elsewhere.");
    select(&mut s, &r);
    let out = s.apply(Intent::Code(code(1, &s)));
    assert!(out.project_changed);
    assert_eq!(s.project().passages.len(), 1);
    let p = &s.project().passages[0];
    assert_eq!((p.start, p.end), (r.start, r.end));
    assert_eq!(p.coder, "ana");
    assert_eq!(s.selected_id(), Some(&p.id));
    assert_eq!(s.selection(), None, "the selection is used up");
    assert_eq!(s.generation(), 1);
}

#[test]
fn the_same_range_selects_rather_than_duplicates() {
    let mut s = session();
    let r = range_of(&s, "The causes may lie elsewhere.");
    select(&mut s, &r);
    s.apply(Intent::Code(code(1, &s)));
    let first = s.selected_id().cloned();
    s.apply(Intent::Select {
        id: None,
        reveal: false,
    });
    select(&mut s, &r);
    s.apply(Intent::Code(code(3, &s)));
    assert_eq!(s.project().passages.len(), 1, "not made twice");
    assert_eq!(s.selected_id().cloned(), first);
    let codes = &s.project().passages[0].codes;
    assert_eq!(
        codes,
        &[code(1, &s), code(3, &s)],
        "the second code toggled on"
    );
}

#[test]
fn undo_takes_back_a_coding_and_the_index_follows() {
    let mut s = session();
    let r = range_of(&s, "The causes may lie elsewhere.");
    select(&mut s, &r);
    s.apply(Intent::Code(code(1, &s)));
    let doc = s.shown_id().cloned().expect("shown");
    assert_eq!(s.index().document(&doc).map(|d| d.passages.len()), Some(1));
    let out = s.apply(Intent::Undo);
    assert_eq!(out.status.as_deref(), Some("Undid Code as Pretext"));
    assert!(s.project().passages.is_empty());
    assert_eq!(s.selected_id(), None, "a passage undone is not selected");
    assert_eq!(s.index().document(&doc).map_or(0, |d| d.passages.len()), 0);
    let out = s.apply(Intent::Undo);
    assert_eq!(out.status.as_deref(), Some("Nothing to undo"));
}

#[test]
fn find_hits_are_coded_as_one_step_never_taking_a_code_off() {
    let mut s = session();
    let doc = s.shown_id().cloned().expect("shown");
    let a = range_of(&s, "Russia");
    let b = range_of(&s, "Armenia");
    select(&mut s, &a);
    s.apply(Intent::Code(code(2, &s)));
    let stretches = vec![(doc.clone(), a.clone()), (doc, b.clone())];
    let out = s.apply(Intent::CodeStretches(stretches.clone(), code(2, &s)));
    assert_eq!(s.project().passages.len(), 2);
    assert!(out.status.unwrap().contains("1 new passage(s), 0 existing"));
    let again = s.apply(Intent::CodeStretches(stretches, code(2, &s)));
    assert_eq!(
        again.status.as_deref(),
        Some("Every hit already carries Cause")
    );
    s.apply(Intent::Undo);
    assert_eq!(
        s.project().passages.len(),
        1,
        "one undo takes the hits back"
    );
}

#[test]
fn in_vivo_coding_names_a_code_from_the_words_as_one_step() {
    let mut s = session();
    let r = range_of(&s, "uncomfortable interdependencies");
    select(&mut s, &r);
    let codes_before = s.project().codebook.codes().count();
    s.apply(Intent::CodeInVivo(None));
    let book = &s.project().codebook;
    assert_eq!(book.codes().count(), codes_before + 1);
    let (dim, new) = book.codes().last().expect("a code");
    assert_eq!(new.name, "uncomfortable interdependencies");
    assert!(!dim.exclusive, "added where several codes may apply");
    assert_eq!(
        dim.name, "In vivo",
        "every dimension of the default book is one-of"
    );
    assert_eq!(s.project().passages[0].codes, std::slice::from_ref(&new.id));
    s.apply(Intent::Undo);
    assert_eq!(s.project().codebook.codes().count(), codes_before);
    assert!(s.project().passages.is_empty());
}

#[test]
fn selections_are_kept_per_document() {
    let mut project = assets::default_project();
    project.documents.push(other_document("second"));
    let mut s = Session::new(project, None, "ana");
    let first = s.shown_id().cloned().expect("shown");
    select(&mut s, &(3..9));
    let out = s.apply(Intent::ShowDocument(DocumentId("second".into())));
    assert!(out.document_switched);
    assert_eq!(s.selection(), None, "the other document has none");
    s.apply(Intent::ShowDocument(first));
    assert_eq!(s.selection(), Some(Selection::new(3, 9)));
}

#[test]
fn deleting_a_code_in_use_asks_first_and_one_not_in_use_goes_at_once() {
    let mut s = session();
    let r = range_of(&s, "The causes may lie elsewhere.");
    select(&mut s, &r);
    let used = code(1, &s);
    s.apply(Intent::Code(used.clone()));
    let out = s.apply(Intent::DeleteCode {
        id: used.clone(),
        confirmed: false,
    });
    let Some(Question::Delete { then, .. }) = out.question else {
        panic!("a question");
    };
    assert!(
        s.project().codebook.code(&used).is_some(),
        "nothing deleted yet"
    );
    s.apply(*then);
    assert!(s.project().codebook.code(&used).is_none());
    let unused = code(2, &s);
    let out = s.apply(Intent::DeleteCode {
        id: unused.clone(),
        confirmed: false,
    });
    assert!(out.question.is_none());
    assert!(s.project().codebook.code(&unused).is_none());
}

#[test]
fn navigation_enters_a_selected_paragraph_at_its_sentences() {
    let mut s = session();
    s.apply(Intent::Navigate {
        jump: Jump::Uncoded,
        top: range_of(&s, "It could therefore be argued").start,
    });
    let paragraph = s.selected_range().expect("a paragraph");
    s.apply(Intent::Navigate {
        jump: Jump::Unit {
            unit: Unit::Sentence,
            forward: false,
            extend: false,
        },
        top: 0,
    });
    let first = s.selected_range().expect("a sentence");
    assert_eq!(first.start, paragraph.start);
    assert!(first.end < paragraph.end);
}

#[test]
fn an_import_with_conflicting_codes_asks_and_a_chosen_policy_imports() {
    use crate::io::import_files::Imported;
    use crate::model::{CodeConflict, MergeReport};
    let mut s = session();
    let ours = assets::default_project();
    let theirs = crate::model::Project::new(vec![other_document("other")], ours.codebook.clone());
    let pretext = ours.codebook.code(&code(1, &s)).expect("pretext").clone();
    let report = MergeReport {
        conflicts: vec![CodeConflict {
            name: "Pretext".into(),
            ours: pretext.clone(),
            theirs: pretext,
        }],
        ..Default::default()
    };
    let imported = || Imported {
        project: theirs.clone(),
        report: MergeReport {
            conflicts: report.conflicts.clone(),
            ..Default::default()
        },
        warnings: Vec::new(),
    };
    let out = s.apply(Intent::Import {
        imported: Box::new(imported()),
        policy: None,
    });
    assert!(matches!(out.question, Some(Question::ImportConflicts(ref n)) if n == &["Pretext"]));
    assert_eq!(
        s.project().documents[0].id().0,
        assets::BRIEF_ID,
        "nothing taken yet"
    );
    let out = s.apply(Intent::Import {
        imported: Box::new(imported()),
        policy: Some(crate::model::ConflictPolicy::KeepOurs),
    });
    assert!(out.project_changed);
    assert_eq!(s.project().documents[0].id().0, "other");
    assert!(
        out.document_switched,
        "the shown document went: the first is shown"
    );
}

#[test]
fn recorded_outcomes_carry_the_edits_an_autosaver_follows() {
    let mut s = session();
    s.record_edits();
    let r = range_of(&s, "The causes may lie elsewhere.");
    select(&mut s, &r);
    let out = s.apply(Intent::Code(code(1, &s)));
    assert!(matches!(out.applied[..], [Edit::AddPassage(_)]));
    let out = s.apply(Intent::Undo);
    assert!(
        matches!(out.applied[..], [Edit::RemovePassage(_)]),
        "the inverse that undo applied"
    );
    let mut mirror = assets::default_project();
    let mut replay = session();
    replay.record_edits();
    select(&mut replay, &r);
    for edit in replay.apply(Intent::Code(code(1, &replay))).applied {
        edit.apply(&mut mirror).expect("applies to the mirror");
    }
    assert_eq!(&mirror, replay.project(), "the mirror is the live project");
}

#[test]
fn an_import_is_one_small_undo_step_not_copies_of_the_project() {
    use crate::io::import_files::Imported;
    let mut s = session();
    let mut theirs = s.project().clone();
    theirs.documents.push(other_document("other"));
    let whole = Edit::ReplaceProject(Box::new(theirs.clone())).approx_bytes();
    let imported = Imported {
        project: theirs,
        report: Default::default(),
        warnings: Vec::new(),
    };
    let out = s.apply(Intent::Import {
        imported: Box::new(imported),
        policy: None,
    });
    assert!(out.project_changed);
    assert_eq!(s.project().documents.len(), 2);
    let kept = s.history().approx_bytes();
    assert!(
        kept * 10 < whole,
        "history keeps {kept} bytes; a whole project is {whole}"
    );
    s.apply(Intent::Undo);
    assert_eq!(s.project(), &assets::default_project());
}
