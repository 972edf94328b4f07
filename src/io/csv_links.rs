//! The links between passages as a CSV table (`csv-links`), one row per
//! link, both ends spelled out so a spreadsheet, R or pandas needs no join:
//! `link_id, relation, from_passage, from_document, from_start, from_end,
//! from_quote, to_passage, to_document, to_start, to_end, to_quote, memo,
//! coder, created`. A link reads "from *relation* to".
//!
//! Same dialect and formula guard as `csv_table`; positions are code points,
//! half-open, so Python's `text[from_start:from_end] == from_quote`.
//!
//! Also home of [`links_in_order`], the one view of links every export
//! that lists them (CSV, W3C, the report) shares.

use std::io::{self, Write};

use super::csv_table::{Cell, Table, in_memory, timestamp};
use crate::model::{Link, Passage, Project};

/// Columns of [`links`], in order.
pub const LINK_COLUMNS: [&str; 15] = [
    "link_id",
    "relation",
    "from_passage",
    "from_document",
    "from_start",
    "from_end",
    "from_quote",
    "to_passage",
    "to_document",
    "to_start",
    "to_end",
    "to_quote",
    "memo",
    "coder",
    "created",
];

/// A link with both of its passages.
#[derive(Clone, Copy)]
pub(crate) struct LinkEnds<'a> {
    pub link: &'a Link,
    pub from: &'a Passage,
    pub to: &'a Passage,
    /// The relation's name; its id when the relation type is missing (as a
    /// code missing from the codebook is shown by its id).
    pub relation: &'a str,
}

/// Links whose two passages are in the project, in position order: by the
/// `from` passage, then the `to` passage (as `Passage::position_key`
/// orders them), then link id, so the same links always give the same
/// bytes. A link with a missing end has nothing to show and is left out
/// (`Project::check` reports it).
pub(crate) fn links_in_order(project: &Project) -> Vec<LinkEnds<'_>> {
    let mut out: Vec<LinkEnds> = project
        .links
        .iter()
        .filter_map(|link| {
            Some(LinkEnds {
                link,
                from: project.passage(&link.from)?,
                to: project.passage(&link.to)?,
                relation: project
                    .relation(&link.relation)
                    .map_or(&link.relation.0, |r| &r.name),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.from.position_key(), a.to.position_key(), &a.link.id).cmp(&(
            b.from.position_key(),
            b.to.position_key(),
            &b.link.id,
        ))
    });
    out
}

/// One row per link, in [`links_in_order`]'s order, under a header of
/// [`LINK_COLUMNS`]; a project without links gives the header alone.
///
/// `guard_formulas` as in `csv_table::long`: lossy, off for data analysis;
/// the numeric position columns are never touched.
pub fn links(project: &Project, guard_formulas: bool) -> String {
    in_memory(|out| write_links(project, guard_formulas, out))
}

/// [`links`], written to `out` as it is rendered.
pub fn write_links(project: &Project, guard_formulas: bool, out: impl Write) -> io::Result<()> {
    let mut table = Table::new(out, guard_formulas);
    table.row(LINK_COLUMNS.iter().map(|h| Cell::text(*h)))?;
    for ends in links_in_order(project) {
        let link = ends.link;
        let row = [Cell::text(&link.id.0), Cell::text(ends.relation)]
            .into_iter()
            .chain(end_cells(ends.from))
            .chain(end_cells(ends.to))
            .chain([
                Cell::text(&link.memo),
                Cell::text(&link.coder),
                Cell::text(timestamp(&link.created)),
            ]);
        table.row(row)?;
    }
    table.finish()
}

/// `passage, document, start, end, quote` of one end.
fn end_cells(p: &Passage) -> [Cell<'_>; 5] {
    [
        Cell::text(&p.id.0),
        Cell::text(&p.document.0),
        Cell::Number(p.start),
        Cell::Number(p.end),
        Cell::text(&p.quote),
    ]
}
