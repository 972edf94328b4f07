//! `briefmark assign`: make an assignment from a project, for a class.

use std::path::PathBuf;

use anyhow::bail;

use crate::io::project_file;

#[derive(clap::Args, Debug)]
pub struct AssignArgs {
    /// The project whose documents and codebook the students get (its
    /// passages, links and coders are left out); a .txt document works too
    pub file: PathBuf,
    /// The assignment file to write (.briefmark.ron)
    #[arg(long, short)]
    pub out: PathBuf,
    /// Instructions shown to the students above the document
    #[arg(long, short, default_value = "")]
    pub instructions: String,
    /// Let students edit the codebook (by default it is locked, so every
    /// student codes with the same codes)
    #[arg(long)]
    pub unlocked: bool,
    /// Replace --out if it exists
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &AssignArgs) -> anyhow::Result<()> {
    // Not even with --force: the assignment would replace its own source.
    crate::io::output::check_output(&args.out, &[&args.file])?;
    if args.out.exists() && !args.force {
        bail!("{} exists; pass --force to replace it", args.out.display());
    }
    let opened = crate::io::open(&args.file)?;
    let assignment = opened
        .project
        .to_assignment(&args.instructions, !args.unlocked);
    project_file::save(&assignment, &args.out)?;
    let state = if args.unlocked { "editable" } else { "locked" };
    println!(
        "{}: assignment with {} document(s), {} codes ({state})",
        args.out.display(),
        assignment.documents.len(),
        assignment.codebook.codes().count()
    );
    Ok(())
}
