//! The corpus in the GUI: documents added, listed, shown, described and
//! removed, each undoable; files dropped on the window are imported.

use crate::common::ui::{coder, harness, wait_for_jobs};
use briefmark::ui::{Action, Workbench};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

fn second_document(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("second-brief.txt");
    std::fs::write(&path, "Second brief\n\nA short text about détente.\n").unwrap();
    path
}

#[test]
fn documents_are_added_listed_shown_and_removed_undoably() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.state_mut()
        .perform(Action::ImportPaths(vec![second_document(dir.path())]));
    wait_for_jobs(&mut h);
    assert_eq!(h.state().project.documents.len(), 2, "{}", h.state().status);
    // The list shows each document with its size and passage count.
    let doc = &h.state().project.documents[1];
    let label = format!("{}  ·  {} chars  ·  0", doc.title(), doc.char_len());
    assert_eq!(label, "Second brief  ·  41 chars  ·  0");
    h.get_by_label(&label).click();
    h.run_steps(2);
    assert_eq!(h.state().document, 1);
    h.get_by_label("Remove Second brief").click();
    h.run_steps(2);
    assert_eq!(h.state().project.documents.len(), 1);
    assert_eq!(
        h.state().document,
        0,
        "the reading pane falls back to the first"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().project.documents.len(), 2);
}

#[test]
fn a_document_is_described_in_its_window() {
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.get_by_label_contains("Describe Azerbaijan's Calculated")
        .click();
    h.run_steps(3);
    assert!(
        h.query_by_label("Author").is_some(),
        "the describe window is open"
    );
    let fields: Vec<_> = h
        .query_all_by_role(egui::accesskit::Role::TextInput)
        .collect();
    // Title, author, date, source, type (and the memo, a multi-line field).
    assert_eq!(fields.len(), 5);
    fields[1].click();
    h.run_steps(1);
    let author = h.query_all_by_role(egui::accesskit::Role::TextInput).nth(1);
    author
        .expect("the author field")
        .type_text("Sergei Melkonian");
    h.run_steps(1);
    h.get_by_label("Save").click();
    h.run_steps(2);
    let doc = &h.state().project.documents[0];
    assert_eq!(doc.info().author, "Sergei Melkonian");
    assert!(
        doc.title()
            .starts_with("Azerbaijan's Calculated Confrontation")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().project.documents[0].info().is_empty());
}

/// A file as the windowing backend hands it over on a drop.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn files_dropped_on_the_window_are_imported() {
    let dir = tempfile::tempdir().unwrap();
    let path = second_document(dir.path());
    let mut h = harness(Workbench::with_bundled_brief(coder()));
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    wait_for_jobs(&mut h);
    assert_eq!(h.state().project.documents.len(), 2, "{}", h.state().status);
}

#[test]
fn screen_readers_see_paragraphs_and_the_passages_in_them() {
    let h = harness(Workbench::new(
        briefmark::assets::example_project(),
        None,
        coder(),
    ));
    let roles: Vec<egui::accesskit::Role> = h
        .query_all_by_label_contains("A few months after reaching their peak in August 2024")
        .map(|n| n.accesskit_node().role())
        .collect();
    assert!(
        roles.contains(&egui::accesskit::Role::Paragraph),
        "{roles:?}"
    );
    let passages: Vec<_> = h
        .query_all_by_label_contains("Passage, Pretext, Bilateral: A few months after")
        .collect();
    assert_eq!(passages.len(), 1);
    assert_eq!(
        passages[0].accesskit_node().role(),
        egui::accesskit::Role::Mark
    );
}
