//! `briefmark revise`: replace a document's text with a revised version and
//! re-place its passages, without the GUI.

use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::io::{import_files, project_file};
use crate::model::anchor::ReanchorReport;
use crate::model::{DocumentId, Project};

#[derive(clap::Args, Debug)]
pub struct ReviseArgs {
    /// The project file (.briefmark.ron); rewritten in place (the old
    /// version kept as NAME.bak) unless --out is given
    pub file: PathBuf,
    /// The revised document (.txt, .md, .html, .docx, .pdf), read as
    /// `import` reads it, so it gives the same text an import would
    #[arg(long, value_name = "NEW")]
    pub text: PathBuf,
    /// Id of the document to revise; needed when the project has several
    #[arg(long, value_name = "ID")]
    pub document: Option<String>,
    /// Write the revised project here instead of over FILE
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// Revises, saves, and prints the report; the passages that need
/// re-placing are listed on stderr because they need the user's attention.
pub fn run(args: &ReviseArgs) -> anyhow::Result<()> {
    // FILE is rewritten by design (kept as FILE.bak); the new text never is.
    crate::io::output::check_output(args.out.as_deref().unwrap_or(&args.file), &[&args.text])?;
    let mut project = project_file::load(&args.file)?;
    let id = pick_document(&project, args.document.as_deref())?;
    let revised = import_files::read_document(&args.text)?;
    for w in &revised.warnings {
        eprintln!("warning: {w}");
    }
    let report = project
        .revise_document(&id, revised.document)
        .with_context(|| format!("cannot revise document {:?}", id.0))?;
    let out = args.out.as_deref().unwrap_or(&args.file);
    project_file::save(&project, out)?;
    println!("{}: {report}", out.display());
    list_orphans(&project, &id, &report);
    Ok(())
}

fn pick_document(project: &Project, wanted: Option<&str>) -> anyhow::Result<DocumentId> {
    let ids = || {
        project
            .documents
            .iter()
            .map(|d| d.id().0.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (wanted, project.documents.as_slice()) {
        (Some(w), docs) if docs.iter().any(|d| d.id().0 == w) => Ok(DocumentId(w.to_owned())),
        (Some(w), _) => bail!("no document {w:?} in the project; its documents: {}", ids()),
        (None, [only]) => Ok(only.id().clone()),
        (None, []) => bail!("the project has no document to revise"),
        (None, _) => bail!(
            "the project has several documents; name one with --document ({})",
            ids()
        ),
    }
}

/// The document's passages that need re-placing, one line each, in words.
fn list_orphans(project: &Project, document: &DocumentId, report: &ReanchorReport) {
    if report.orphans == 0 {
        return;
    }
    for o in project.orphans.iter().filter(|o| &o.document == document) {
        eprintln!("needs re-placing: {}", o.describe(&project.codebook));
    }
    eprintln!(
        "Their text is no longer in the document. They keep their codes and memos; open the project in briefmark, \
         select the text where each belongs and press “Re-place on the selection” (listed under “Needs re-placing”)."
    );
}
