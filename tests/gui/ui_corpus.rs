//! The corpus in the GUI: documents added, listed, shown, described and
//! removed, each undoable; files dropped on the window are imported.

use crate::common::ui::{coder, drag, harness, wait_for_jobs};
use briefmark::ui::{Action, Workbench};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
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
    assert_eq!(
        h.state().session.project().documents.len(),
        2,
        "{}",
        h.state().status
    );
    // The list shows each document with its size and passage count.
    let doc = &h.state().session.project().documents[1];
    let label = format!("{}  ·  {} chars  ·  0", doc.title(), doc.char_len());
    assert_eq!(label, "Second brief  ·  41 chars  ·  0");
    h.get_by_label(&label).click();
    h.run_steps(2);
    assert_eq!(h.state().shown_position(), 1);
    h.get_by_label("Remove Second brief").click();
    h.run_steps(2);
    assert_eq!(h.state().session.project().documents.len(), 1);
    assert_eq!(
        h.state().shown_position(),
        0,
        "the reading pane falls back to the first"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().session.project().documents.len(), 2);
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
    let doc = &h.state().session.project().documents[0];
    assert_eq!(doc.info().author, "Sergei Melkonian");
    assert!(
        doc.title()
            .starts_with("Azerbaijan's Calculated Confrontation")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().session.project().documents[0].info().is_empty());
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
    assert_eq!(
        h.state().session.project().documents.len(),
        2,
        "{}",
        h.state().status
    );
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

/// Three short documents; the second is shown.
fn three_documents() -> Harness<'static, Workbench> {
    use briefmark::model::{DocumentId, Project, markup};
    let doc = |id: &str, text: &str| markup::parse(DocumentId(id.into()), text).document;
    let project = Project::new(
        vec![
            doc(
                "alpha",
                "Alpha\n\nThe first brief, about the summit in Baku.",
            ),
            doc(
                "beta",
                "Beta\n\nThe second brief, about trade with Tbilisi.",
            ),
            doc("gamma", "Gamma\n\nThe third brief, about talks in Yerevan."),
        ],
        briefmark::assets::default_codebook(),
    );
    let mut h = harness(Workbench::new(project, None, coder()));
    h.get_by_label_contains("Beta  ·").click();
    h.run_steps(2);
    assert_eq!(shown(&h), "beta");
    h
}

fn shown(h: &Harness<'static, Workbench>) -> String {
    let wb = h.state();
    wb.session.shown_id().expect("shown").0.clone()
}

/// Drags across `needle` in the shown document.
fn drag_select(h: &mut Harness<'static, Workbench>, needle: &str) -> (usize, usize) {
    let doc = h.state().session.project().documents[h.state().shown_position()].clone();
    let byte = doc.text().find(needle).expect("needle");
    let start = doc.text()[..byte].chars().count();
    let end = start + needle.chars().count();
    let at = |h: &Harness<'static, Workbench>, o| {
        h.state().view.char_pos(&doc, o).expect("laid out") + egui::vec2(1.0, 8.0)
    };
    let (from, to) = (at(h, start), at(h, end));
    drag(h, from, to);
    assert_eq!(h.state().session.selected_range(), Some(start..end));
    (start, end)
}

/// Removing a document listed above the shown one keeps the shown one
/// shown, with its selection; a code key then codes the text the user
/// sees. (Before, the view slid to the next document with the old
/// selection's offsets live, and the key coded text in a document the user
/// was not looking at.) Undo puts the removed one back and the shown one
/// stays.
#[test]
fn the_shown_document_stays_shown_when_others_come_and_go() {
    let mut h = three_documents();
    let (start, end) = drag_select(&mut h, "trade with Tbilisi");
    h.get_by_label("Remove Alpha").click();
    h.run_steps(2);
    assert_eq!(h.state().session.project().documents.len(), 2);
    assert_eq!(shown(&h), "beta");
    assert_eq!(h.state().session.selected_range(), Some(start..end));
    h.key_press(Key::Num1);
    h.run_steps(2);
    let p = &h.state().session.project().passages[0];
    assert_eq!(
        (p.document.0.as_str(), p.start, p.end, p.quote.as_str()),
        ("beta", start, end, "trade with Tbilisi")
    );
    // Undo the coding, then the removal: Alpha is back above, Beta shown.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().session.project().documents.len(), 3);
    assert_eq!(
        (shown(&h), h.state().shown_position()),
        ("beta".to_owned(), 1)
    );
}

/// Removing the shown document shows another afresh: no selection is left
/// for a key to code.
#[test]
fn removing_the_shown_document_leaves_no_live_selection() {
    let mut h = three_documents();
    drag_select(&mut h, "trade with Tbilisi");
    h.get_by_label("Remove Beta").click();
    h.run_steps(2);
    assert_eq!(shown(&h), "gamma", "the one now in its place");
    assert_eq!(h.state().session.selected_range(), None);
    h.key_press(Key::Num1);
    h.run_steps(2);
    assert!(h.state().session.project().passages.is_empty());
}
