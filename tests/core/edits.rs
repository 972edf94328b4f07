//! Edits and undo on the domain model, without any UI.

use briefmark::assets;
use briefmark::model::{
    Assignment, Code, CodeId, DimensionHeader, DimensionId, DocumentInfo, Edit, EditError, History,
    Link, Passage, PassageId, Project, RelationId, Rgb,
};
use chrono::{TimeZone, Utc};

fn t(min: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 10, min, 0).unwrap()
}

fn project_with_passage() -> (Project, History, briefmark::model::PassageId) {
    let mut project = assets::default_project();
    let mut history = History::default();
    let doc = project.documents[0].clone();
    let mut p = Passage::new(&doc, 127, 296, "Ana", t(0));
    p.codes.push(CodeId("pretext".into()));
    let id = p.id.clone();
    history
        .apply(&mut project, Edit::AddPassage(p), "Code", None)
        .unwrap();
    (project, history, id)
}

#[test]
fn new_passage_stores_quote_and_context() {
    let (project, _, id) = project_with_passage();
    let p = project.passage(&id).unwrap();
    assert!(
        p.quote
            .starts_with("A few months after reaching their peak")
    );
    assert_eq!(p.prefix, " Research Fellow November 2025\n\n");
    assert_eq!(p.suffix.chars().count(), 32);
    assert_eq!(project.coders, ["Ana"]);
}

#[test]
fn exclusive_dimension_swaps_codes_and_undo_restores() {
    let (mut project, mut history, id) = project_with_passage();
    let edit = project
        .toggle_code_edit(&id, &CodeId("cause".into()), t(5))
        .unwrap();
    history.apply(&mut project, edit, "Toggle", None).unwrap();
    let p = project.passage(&id).unwrap();
    assert_eq!(p.codes, [CodeId("cause".into())]);
    assert_eq!(p.modified, t(5));
    let edit = project
        .toggle_code_edit(&id, &CodeId("regional".into()), t(6))
        .unwrap();
    history.apply(&mut project, edit, "Toggle", None).unwrap();
    assert_eq!(
        project.passage(&id).unwrap().codes,
        [CodeId("cause".into()), CodeId("regional".into())]
    );
    history.undo(&mut project);
    history.undo(&mut project);
    let p = project.passage(&id).unwrap();
    assert_eq!(p.codes, [CodeId("pretext".into())]);
    assert_eq!(p.modified, t(0));
    history.undo(&mut project);
    assert!(project.passages.is_empty());
    assert!(history.redo(&mut project).is_some());
    assert_eq!(
        project.passage(&id).unwrap().codes,
        [CodeId("pretext".into())]
    );
}

#[test]
fn memo_typing_is_one_undo_step() {
    let (mut project, mut history, id) = project_with_passage();
    for (i, memo) in ["T", "Th", "The"].iter().enumerate() {
        let edit = Edit::SetMemo {
            passage: id.clone(),
            memo: (*memo).into(),
            modified: t(10 + i as u32),
        };
        history
            .apply(
                &mut project,
                edit,
                "Edit memo",
                Some(format!("memo:{}", id.0)),
            )
            .unwrap();
    }
    assert_eq!(project.passage(&id).unwrap().memo, "The");
    history.undo(&mut project);
    assert_eq!(project.passage(&id).unwrap().memo, "");
    assert_eq!(project.passage(&id).unwrap().modified, t(0));
    history.redo(&mut project);
    assert_eq!(project.passage(&id).unwrap().memo, "The");
}

#[test]
fn deleting_a_code_in_use_strips_it_and_undo_restores_everything() {
    let (mut project, mut history, id) = project_with_passage();
    let before = project.clone();
    history
        .apply(
            &mut project,
            Edit::RemoveCode(CodeId("pretext".into())),
            "Delete code",
            None,
        )
        .unwrap();
    assert!(project.codebook.code(&CodeId("pretext".into())).is_none());
    assert!(project.passage(&id).unwrap().codes.is_empty());
    history.undo(&mut project);
    assert_eq!(project, before);
}

#[test]
fn deleting_a_dimension_and_undo() {
    let (mut project, mut history, _) = project_with_passage();
    let before = project.clone();
    history
        .apply(
            &mut project,
            Edit::RemoveDimension(DimensionId("causal-role".into())),
            "Delete",
            None,
        )
        .unwrap();
    assert_eq!(project.codebook.dimensions.len(), 1);
    // Codes keep their keys: the deleted dimension's keys are free.
    assert_eq!(
        project.codebook.code_for_key(3),
        Some(&CodeId("bilateral".into()))
    );
    assert_eq!(project.codebook.code_for_key(1), None);
    history.undo(&mut project);
    assert_eq!(project, before);
}

#[test]
fn codebook_edits_are_undoable() {
    let mut project = assets::default_project();
    let mut history = History::default();
    let before = project.clone();
    let code = Code {
        memo: String::new(),
        id: CodeId("economy".into()),
        name: "Economy".into(),
        color: Rgb(1, 2, 3),
        definition: "Trade, energy, sanctions.".into(),
        when_to_use: String::new(),
        when_not_to_use: String::new(),
        example: String::new(),
        key: Some(5),
    };
    let add = Edit::AddCode {
        dimension: DimensionId("level".into()),
        index: 9,
        code: code.clone(),
    };
    history.apply(&mut project, add, "Add code", None).unwrap();
    assert_eq!(
        project.codebook.code_for_key(5),
        Some(&CodeId("economy".into()))
    );
    let renamed = Code {
        memo: String::new(),
        name: "Economics".into(),
        color: Rgb(9, 9, 9),
        ..code
    };
    history
        .apply(&mut project, Edit::UpdateCode(renamed), "Rename", None)
        .unwrap();
    let header = DimensionHeader {
        name: "Scale".into(),
        description: "d".into(),
        exclusive: false,
    };
    history
        .apply(
            &mut project,
            Edit::UpdateDimension {
                id: DimensionId("level".into()),
                header,
            },
            "Dim",
            None,
        )
        .unwrap();
    assert_eq!(
        project
            .codebook
            .code(&CodeId("economy".into()))
            .unwrap()
            .name,
        "Economics"
    );
    assert_eq!(project.codebook.dimensions[1].name, "Scale");
    while history.undo(&mut project).is_some() {}
    assert_eq!(project, before);
}

#[test]
fn duplicate_ids_are_refused_and_change_nothing() {
    let (mut project, mut history, id) = project_with_passage();
    let copy = project.passage(&id).unwrap().clone();
    let before = project.clone();
    assert!(
        history
            .apply(&mut project, Edit::AddPassage(copy), "dup", None)
            .is_err()
    );
    let batch = Edit::Batch(vec![
        Edit::RemovePassage(id.clone()),
        Edit::RemovePassage(id.clone()),
    ]);
    assert!(
        history
            .apply(&mut project, batch, "bad batch", None)
            .is_err()
    );
    assert_eq!(project, before, "a failed batch is rolled back");
}

#[test]
fn dirty_marker_follows_save_undo_and_redo() {
    let (mut project, mut history, id) = project_with_passage();
    assert!(history.is_dirty());
    history.mark_saved();
    assert!(!history.is_dirty());
    let edit = Edit::SetMemo {
        passage: id.clone(),
        memo: "m".into(),
        modified: t(1),
    };
    history
        .apply(&mut project, edit, "memo", Some("k".into()))
        .unwrap();
    assert!(history.is_dirty());
    history.undo(&mut project);
    assert!(!history.is_dirty(), "back at the saved state");
    history.redo(&mut project);
    assert!(history.is_dirty());
}

#[test]
fn replacing_the_whole_project_is_undoable() {
    let mut project = assets::default_project();
    let mut history = History::default();
    let before = project.clone();
    let example = assets::example_project();
    history
        .apply(
            &mut project,
            Edit::ReplaceProject(Box::new(example.clone())),
            "Import",
            None,
        )
        .unwrap();
    assert_eq!(project, example);
    history.undo(&mut project);
    assert_eq!(project, before);
    history.redo(&mut project);
    assert_eq!(project, example);
}

/// Two passages and a link "first supports second".
fn project_with_link() -> (Project, History, Link) {
    let (mut project, mut history, first) = project_with_passage();
    let doc = project.documents[0].clone();
    let second = Passage::new(&doc, 400, 450, "Ana", t(1));
    let second_id = second.id.clone();
    history
        .apply(&mut project, Edit::AddPassage(second), "Code", None)
        .unwrap();
    let link = Link::new(first, RelationId("supports".into()), second_id, "Ana", t(2));
    history
        .apply(&mut project, Edit::AddLink(link.clone()), "Link", None)
        .unwrap();
    (project, history, link)
}

#[test]
fn links_are_added_listed_on_both_passages_and_undone() {
    let (mut project, mut history, link) = project_with_link();
    assert_eq!(project.links, std::slice::from_ref(&link));
    assert_eq!(project.links_of(&link.from).count(), 1);
    assert_eq!(project.links_of(&link.to).count(), 1);
    assert!(project.check().is_ok());
    history.undo(&mut project);
    assert!(project.links.is_empty());
    history.redo(&mut project);
    assert_eq!(project.links, [link]);
}

#[test]
fn a_link_needs_two_existing_passages_and_a_known_relation() {
    let (mut project, _, link) = project_with_link();
    let before = project.clone();
    let to_itself = Link::new(
        link.from.clone(),
        link.relation.clone(),
        link.from.clone(),
        "",
        t(3),
    );
    let unknown = Link::new(
        link.from.clone(),
        RelationId("refutes".into()),
        link.to.clone(),
        "",
        t(3),
    );
    let dangling = Link::new(
        link.from.clone(),
        link.relation.clone(),
        PassageId("gone".into()),
        "",
        t(3),
    );
    assert_eq!(
        Edit::AddLink(to_itself).apply(&mut project),
        Err(EditError::BadLinkEnds)
    );
    assert_eq!(
        Edit::AddLink(unknown).apply(&mut project),
        Err(EditError::NoRelation("refutes".into()))
    );
    assert_eq!(
        Edit::AddLink(dangling).apply(&mut project),
        Err(EditError::BadLinkEnds)
    );
    assert_eq!(project, before);
}

#[test]
fn removing_a_passage_removes_its_links_and_undo_brings_both_back() {
    let (mut project, mut history, link) = project_with_link();
    let before = project.clone();
    history
        .apply(
            &mut project,
            Edit::RemovePassage(link.to.clone()),
            "Delete",
            None,
        )
        .unwrap();
    assert!(project.links.is_empty());
    assert!(project.check().is_ok());
    history.undo(&mut project);
    assert_eq!(project, before);
}

#[test]
fn removing_a_relation_type_removes_its_links_and_undo_restores() {
    let (mut project, mut history, link) = project_with_link();
    let before = project.clone();
    history
        .apply(
            &mut project,
            Edit::RemoveRelation(link.relation.clone()),
            "Delete",
            None,
        )
        .unwrap();
    assert!(project.links.is_empty());
    assert_eq!(project.relations.len(), 3);
    history.undo(&mut project);
    assert_eq!(project, before);
}

#[test]
fn a_link_changes_relation_but_not_its_ends() {
    let (mut project, _, link) = project_with_link();
    let mut explained = link.clone();
    explained.relation = RelationId("explains".into());
    explained.memo = "mechanism".into();
    let undo = Edit::UpdateLink(explained.clone())
        .apply(&mut project)
        .unwrap();
    assert_eq!(project.links, [explained.clone()]);
    let mut moved = explained;
    moved.to = moved.from.clone();
    assert_eq!(
        Edit::UpdateLink(moved).apply(&mut project),
        Err(EditError::BadLinkEnds)
    );
    undo.apply(&mut project).unwrap();
    assert_eq!(project.links, [link]);
}

#[test]
fn a_locked_codebook_refuses_codebook_edits_but_not_coding() {
    let (mut project, _, id) = project_with_passage();
    Edit::SetAssignment(Some(Assignment {
        instructions: "Code the causes.".into(),
        codebook_locked: true,
    }))
    .apply(&mut project)
    .unwrap();
    let before = project.clone();
    assert_eq!(
        Edit::RemoveCode(CodeId("cause".into())).apply(&mut project),
        Err(EditError::CodebookLocked)
    );
    assert_eq!(project, before);
    let toggle = project
        .toggle_code_edit(&id, &CodeId("cause".into()), t(5))
        .unwrap();
    toggle.apply(&mut project).unwrap();
    assert_eq!(
        project.passage(&id).unwrap().codes,
        [CodeId("cause".into())]
    );
}

#[test]
fn re_placing_a_passage_is_one_undoable_edit() {
    let (mut project, _, id) = project_with_passage();
    let doc = project.documents[0].clone();
    let old = project.passage(&id).unwrap().clone();
    let mut moved = Passage::new(&doc, 500, 540, "Ana", t(9));
    moved.id = id.clone();
    moved.codes = old.codes.clone();
    let undo = Edit::UpdatePassage(Box::new(moved.clone()))
        .apply(&mut project)
        .unwrap();
    assert_eq!(project.passage(&id), Some(&moved));
    assert_eq!(moved.quote, doc.slice(500, 540));
    undo.apply(&mut project).unwrap();
    assert_eq!(project.passage(&id), Some(&old));
}

#[test]
fn removing_a_document_takes_its_passages_and_links_and_undo_restores_all() {
    let (mut project, mut history, link) = project_with_link();
    let second = briefmark::io::text_document::from_text(
        std::path::Path::new("second.txt"),
        "Second brief\n\nAnother text.",
    )
    .document;
    history
        .apply(
            &mut project,
            Edit::AddDocument {
                index: 1,
                document: Box::new(second),
            },
            "Add document",
            None,
        )
        .unwrap();
    let before = project.clone();
    let id = project.documents[0].id().clone();
    history
        .apply(
            &mut project,
            Edit::RemoveDocument(id),
            "Remove document",
            None,
        )
        .unwrap();
    assert_eq!(project.documents.len(), 1);
    assert!(project.passages.is_empty() && project.links.is_empty());
    assert!(project.check().is_ok());
    history.undo(&mut project);
    assert_eq!(project, before);
    assert_eq!(project.links, [link]);
}

#[test]
fn describing_a_document_is_undoable_and_kept_in_the_file() {
    let (mut project, mut history, _) = project_with_passage();
    let id = project.documents[0].id().clone();
    let info = DocumentInfo {
        author: "Sergei Melkonian".into(),
        date: "2025-11".into(),
        source: "https://apri.institute".into(),
        kind: "policy brief".into(),
        memo: "Argues pretext over cause.".into(),
    };
    let edit = Edit::DescribeDocument {
        id,
        title: "Brief".into(),
        info: info.clone(),
    };
    history.apply(&mut project, edit, "Describe", None).unwrap();
    assert_eq!(
        (project.documents[0].title(), project.documents[0].info()),
        ("Brief", &info)
    );
    let text = briefmark::io::project_file::to_string(&project);
    assert!(text.contains("author: \"Sergei Melkonian\""), "{text}");
    assert_eq!(
        briefmark::io::project_file::parse(&text, "p").unwrap(),
        project
    );
    history.undo(&mut project);
    assert!(project.documents[0].info().is_empty());
}
