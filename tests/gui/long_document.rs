//! A book-length document (the 1 MB benchmark text): the text near the view
//! is laid out and the rest estimated, reading it all keeps a bounded amount
//! laid out, and the text being read stays put while the blocks above it
//! are laid out.

use crate::common::ui::{coder, drag, harness};
use briefmark::bench_corpus;
use briefmark::ui::Workbench;
use egui_kittest::Harness;

fn long_document() -> Harness<'static, Workbench> {
    let mut project = briefmark::assets::default_project();
    project.documents = vec![bench_corpus::one_megabyte_document()];
    harness(Workbench::new(project, None, coder()))
}

/// Runs frames until the view has settled.
fn settle(h: &mut Harness<'static, Workbench>) {
    for _ in 0..2_000 {
        h.run_steps(1);
        if h.state().view.is_settled() {
            return;
        }
    }
    panic!("the view did not settle");
}

#[test]
fn only_the_text_near_the_view_is_laid_out_and_reading_it_all_stays_bounded() {
    let mut h = long_document();
    settle(&mut h);
    let len = h.state().session.project().documents[0].char_len();
    let laid = h.state().view.laid_out_chars();
    assert!(len > 1_000_000);
    assert!(
        (60_000..=200_000).contains(&laid),
        "{laid} code points laid out on opening"
    );
    let mut most = 0;
    for at in (0..len).step_by(100_000).chain([len - 1]) {
        h.state_mut().view.scroll_to = Some(at);
        settle(&mut h);
        let visible = h.state().view.visible_chars().expect("painted");
        assert!(
            visible.start <= at && at < visible.end + 2_000,
            "{at} in {visible:?}"
        );
        most = most.max(h.state().view.laid_out_chars());
    }
    assert!(
        most <= 400_000,
        "at most 400,000 code points kept, saw {most}"
    );
}

#[test]
fn the_text_in_view_stays_put_while_the_blocks_above_it_are_laid_out() {
    let mut h = long_document();
    settle(&mut h);
    let middle = h.state().session.project().documents[0].char_len() / 2;
    h.state_mut().view.scroll_to = Some(middle);
    h.run_steps(1);
    let doc = h.state().session.project().documents[0].clone();
    let before = h.state().view.char_pos(&doc, middle).expect("in view");
    settle(&mut h);
    let after = h
        .state()
        .view
        .char_pos(&doc, middle)
        .expect("still in view");
    assert!(
        (before.y - after.y).abs() < 1.0,
        "the line moved from {before:?} to {after:?}"
    );
}

/// A document of one 4 MB paragraph (a file with no paragraph breaks) is
/// laid out in pieces near the view: what is laid out stays bounded as for
/// a book of many paragraphs (before, the one paragraph was laid out
/// whole: 14 s and 4 GB for 20 MB), and a drag across a piece boundary
/// selects exact code points.
#[test]
fn one_huge_paragraph_is_laid_out_in_pieces_near_the_view() {
    let mut project = briefmark::assets::default_project();
    project.documents = vec![bench_corpus::one_paragraph_document(4 << 20)];
    let mut h = harness(Workbench::new(project, None, coder()));
    settle(&mut h);
    let doc = h.state().session.project().documents[0].clone();
    assert_eq!(doc.blocks().len(), 1);
    let len = doc.char_len();
    assert!(len > 4_000_000);
    let laid = h.state().view.laid_out_chars();
    assert!(laid <= 200_000, "{laid} code points laid out on opening");
    let middle = len / 2;
    h.state_mut().view.scroll_to = Some(middle);
    settle(&mut h);
    let visible = h.state().view.visible_chars().expect("painted");
    assert!(visible.contains(&middle), "{middle} in {visible:?}");
    assert!(h.state().view.laid_out_chars() <= 400_000);
    // A drag from a few characters before a cut between two pieces to a few
    // after it selects exactly that range.
    let cuts = briefmark::ui::document_view::piece_cuts(&doc);
    assert!(cuts.len() > 1_000, "{} cuts", cuts.len());
    let cut = cuts[cuts.len() / 2];
    assert_eq!(doc.slice(cut - 1, cut), " ", "cut after a space");
    h.state_mut().view.scroll_to = Some(cut);
    settle(&mut h);
    // Whole words, as a drag is taken (a drag ending inside a word takes it whole).
    let word = |mut at: usize| loop {
        let (s, e) = doc.word_at(at);
        if s < e {
            break (s, e);
        }
        at -= 1;
    };
    let (start, end) = (word(cut - 5).0, word(cut + 5).1);
    let at = |h: &Harness<'static, Workbench>, o| {
        h.state().view.char_pos(&doc, o).expect("laid out") + egui::vec2(1.0, 8.0)
    };
    let (from, to) = (at(&h, start), at(&h, end));
    drag(&mut h, from, to);
    assert_eq!(h.state().session.selected_range(), Some(start..end));
}
