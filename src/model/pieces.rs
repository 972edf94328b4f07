//! The stretches of a document that never share a line on screen: each
//! block whole, or a block longer than [`PIECE`] cut into pieces. The
//! reading pane lays out one galley per piece, and the stripe lanes
//! (`index`) are packed per piece, so two stripes that could be painted
//! beside the same line never share a lane, whatever the window's width.

use super::document::{Block, Document};

/// Longest stretch of a block laid out as one galley. Longer blocks are
/// laid out in pieces of about this length, cut after a sentence or a
/// space; a piece starts a new line, which a paragraph this long (a file
/// without paragraph breaks) can spare.
pub const PIECE: usize = 4_096;

/// A stretch of one block laid out as one galley: the whole block, or one
/// piece of a block longer than [`PIECE`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Piece {
    /// Its code points and its block's kind.
    pub span: Block,
    /// Whether it begins its block (the gap between blocks goes before it).
    pub first: bool,
}

/// The document's blocks as pieces: whole, or cut every [`PIECE`] code
/// points or a little less, after a sentence's end or else a space.
pub fn pieces(doc: &Document) -> Vec<Piece> {
    let mut out = Vec::with_capacity(doc.blocks().len());
    for &block in doc.blocks() {
        let mut start = block.start;
        while block.end - start > PIECE {
            let end = piece_end(doc, start);
            out.push(Piece {
                span: Block {
                    start,
                    end,
                    ..block
                },
                first: start == block.start,
            });
            start = end;
        }
        out.push(Piece {
            span: Block { start, ..block },
            first: start == block.start,
        });
    }
    out
}

/// Where a piece starting at `start` ends: after the last sentence end
/// (`.`, `!`, `?`, `…` or `。` before a space) in its last quarter, else
/// after its last space there, else at `start + PIECE` (text without
/// spaces, such as Chinese, breaks anywhere).
fn piece_end(doc: &Document, start: usize) -> usize {
    let from = start + PIECE * 3 / 4;
    let (mut sentence, mut space) = (None, None);
    let mut before = None;
    for (k, c) in doc.slice(from, start + PIECE).chars().enumerate() {
        if c.is_whitespace() {
            space = Some(from + k + 1);
            if matches!(before, Some('.' | '!' | '?' | '…' | '。')) {
                sentence = Some(from + k + 1);
            }
        }
        before = Some(c);
    }
    sentence.or(space).unwrap_or(start + PIECE)
}
