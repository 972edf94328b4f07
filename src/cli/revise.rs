//! `briefmark revise`: replace a document's text with a revised version and
//! re-place its passages, without the GUI.

use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::io::{project_file, text_document};
use crate::model::anchor::{Placement, ReanchorReport};
use crate::model::{DocumentId, Project};

#[derive(clap::Args, Debug)]
pub struct ReviseArgs {
    /// The project file (.briefmark.ron); rewritten in place (the old
    /// version kept as NAME.bak) unless --out is given
    pub file: PathBuf,
    /// The revised text (.txt, light markup as for import)
    #[arg(long, value_name = "NEW.txt")]
    pub text: PathBuf,
    /// Id of the document to revise; needed when the project has several
    #[arg(long, value_name = "ID")]
    pub document: Option<String>,
    /// Write the revised project here instead of over FILE
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// Revises, saves, and prints the report; orphans are listed on stderr
/// because they need the user's attention.
pub fn run(args: &ReviseArgs) -> anyhow::Result<()> {
    // FILE is rewritten by design (kept as FILE.bak); the new text never is.
    crate::io::output::check_output(args.out.as_deref().unwrap_or(&args.file), &[&args.text])?;
    let mut project = project_file::load(&args.file)?;
    let id = pick_document(&project, args.document.as_deref())?;
    let revised = text_document::read(&args.text)?;
    for w in &revised.warnings {
        eprintln!("warning: {w}");
    }
    let report = project
        .revise_document(&id, revised.document)
        .with_context(|| format!("cannot revise document {:?}", id.0))?;
    let out = args.out.as_deref().unwrap_or(&args.file);
    project_file::save(&project, out)?;
    println!("{}: {report}", out.display());
    list_orphans(&project, &report);
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

fn list_orphans(project: &Project, report: &ReanchorReport) {
    let orphans = report
        .results
        .iter()
        .filter(|r| r.placement == Placement::Orphan)
        .filter_map(|r| project.passage(&r.passage));
    for p in orphans {
        eprintln!(
            "orphan: passage {} ({}..{}) {:?}: its text is no longer in the document; \
             open the project to re-place or delete it",
            p.id.0, p.start, p.end, p.quote
        );
    }
}
