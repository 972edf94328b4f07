//! The reading pane for screen readers. The text is custom-painted, which
//! AccessKit cannot see; so each visible paragraph gets a node (role
//! Paragraph, its text as the label) and each passage in it a child node
//! (role Mark: "Passage, Pretext, Bilateral: quote"). Built only while an
//! accessibility client is connected, so sighted use pays nothing.

use egui::accesskit::Role;
use egui::{Rect, UiBuilder};

use crate::model::{Document, DocumentIndex, Project};

/// A visible block (or a piece of a very long one: only the visible text
/// is exposed) and where it is on screen.
pub struct VisibleBlock {
    /// Its place among the laid-out pieces, naming its node.
    pub index: usize,
    /// Its code points.
    pub start: usize,
    pub end: usize,
    pub rect: Rect,
}

/// Whether an accessibility client is listening (the document's node
/// `doc_node` is being built this frame).
pub fn enabled(ctx: &egui::Context, doc_node: egui::Id) -> bool {
    ctx.accesskit_node_builder(doc_node, |_| ()).is_some()
}

/// Adds the nodes for `blocks` under the document's node `doc_node`.
pub fn expose(
    ui: &mut egui::Ui,
    doc_node: egui::Id,
    project: &Project,
    doc: &Document,
    index: Option<&DocumentIndex>,
    blocks: &[VisibleBlock],
) {
    for vb in blocks {
        let block = vb;
        let text = doc.slice(block.start, block.end);
        let mut para = ui.new_child(
            UiBuilder::new()
                .id_salt(("paragraph", vb.index))
                .max_rect(vb.rect)
                .accessibility_parent(doc_node)
                .accessibility_role(Role::Paragraph)
                .accessibility_label(text),
        );
        let Some(index) = index else { continue };
        for (_, _, &p) in index.passages.query(block.start, block.end) {
            let passage = &project.passages[p];
            let codes = project.codebook.name_list(&passage.codes);
            let label = format!("Passage, {codes}: {}", passage.quote);
            para.new_child(
                UiBuilder::new()
                    .id_salt(("passage", p))
                    .max_rect(vb.rect)
                    .accessibility_role(Role::Mark)
                    .accessibility_label(label),
            );
        }
    }
}
