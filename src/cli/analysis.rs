//! `briefmark stats` and `briefmark agree`: the analysis pane and the
//! Compare window's figures, without the GUI.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::analysis::agreement::{self, Options, OutputFormat, Rater};
use crate::analysis::stats::{self, StatsFormat};
use crate::io::atomic::write_atomic;

#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// The project (.briefmark.ron; also .json, .jsonl, .qdpx)
    pub file: PathBuf,
    /// table (for reading), csv (one tidy table for R and pandas) or json
    #[arg(long, short, default_value = "table")]
    pub format: StatsFormat,
    /// Write here instead of standard output
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct AgreeArgs {
    /// Codings of the same document(s), one coder each (.briefmark.ron,
    /// .json, .jsonl, .qdpx); a file holding several coders counts as one
    /// coder per name. Documents are matched by their text, codes by name.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The reference coding: adds passage-level precision, recall and F1
    /// of every other coder against it
    #[arg(long, short, value_name = "R")]
    pub reference: Option<PathBuf>,
    /// table (for reading), csv or json
    #[arg(long, short, default_value = "table")]
    pub format: OutputFormat,
    /// Leave whitespace characters out of the units
    #[arg(long)]
    pub exclude_whitespace: bool,
    /// Overlap / union two passages need to match (passage-level figures)
    #[arg(long, default_value_t = agreement::DEFAULT_MATCH_THRESHOLD, value_name = "0..1")]
    pub match_threshold: f64,
    /// With --reference: write each coder's feedback report (Markdown and
    /// HTML: missed, extra and differently coded passages) into this folder
    #[arg(long, value_name = "DIR", requires = "reference")]
    pub feedback: Option<PathBuf>,
    /// Print Cohen's kappa and passage F1 of every pair of raters instead
    /// of the report: a raters × raters table of kappa per code (table), a
    /// row per pair and code (csv, as the Compare window saves it) or every
    /// figure (json). A table report of 3 to 8 raters without --reference
    /// ends with the pooled matrix anyway
    #[arg(long)]
    pub pairwise: bool,
    /// Write the figures here instead of standard output
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

pub fn stats(args: &StatsArgs) -> anyhow::Result<()> {
    check_out(args.out.as_deref(), &[&args.file])?;
    let project = crate::io::load_project_any(&args.file)?;
    let text = stats::render(&stats::compute(&project), args.format);
    emit(&text, args.out.as_deref())
}

pub fn agree(args: &AgreeArgs) -> anyhow::Result<()> {
    let inputs: Vec<&Path> = (args.files.iter().chain(&args.reference))
        .map(PathBuf::as_path)
        .collect();
    check_out(args.out.as_deref(), &inputs)?;
    let reference = args.reference.as_deref().map(raters_of).transpose()?;
    let reference = match reference {
        Some(mut found) if found.len() == 1 => found.pop(),
        Some(_) => bail!("the reference file holds several coders; give one coder's file"),
        None => None,
    };
    let mut raters: Vec<Rater> = reference.iter().cloned().collect();
    for file in &args.files {
        raters.extend(raters_of(file)?);
    }
    let options = Options {
        exclude_whitespace: args.exclude_whitespace,
        reference: reference.as_ref().map(|r| r.name.clone()),
        match_threshold: args.match_threshold,
    };
    let report = agreement::agree(&raters, &options)?;
    if let (Some(dir), Some(reference)) = (&args.feedback, &reference) {
        let inputs: Vec<&Path> = (args.files.iter().map(PathBuf::as_path))
            .chain(args.reference.as_deref())
            .collect();
        let n =
            crate::io::feedback::write_feedback(dir, reference, &raters[1..], &options, &inputs)?;
        eprintln!("wrote {n} feedback report(s) to {}", dir.display());
    }
    emit(
        &agree_text(&raters, &options, &report, args)?,
        args.out.as_deref(),
    )
}

/// What `agree` prints: the report, or the pairwise figures; a table
/// report of 3 to 8 raters and no reference ends with their pooled kappa
/// matrix (the report's own kappa needs two).
fn agree_text(
    raters: &[Rater],
    options: &Options,
    report: &agreement::Report,
    args: &AgreeArgs,
) -> anyhow::Result<String> {
    if args.pairwise {
        let pairs = agreement::pairwise(raters, options)?;
        return Ok(agreement::render_pairwise(&pairs, args.format));
    }
    let mut text = agreement::render(report, args.format);
    let n = report.raters.len();
    if args.format != OutputFormat::Table || n < 3 {
        return Ok(text);
    }
    // A class against a reference reads its figures per student; a matrix
    // wider than a terminal reads as nothing: both get the hint alone.
    if args.reference.is_none() && n <= MATRIX_RATERS {
        let pairs = agreement::pairwise(raters, options)?;
        let pooled = agreement::pairwise_table(&pairs, &[agreement::ALL_CODES]);
        text += &format!("\n{pooled}(--pairwise gives the same for each code)\n");
    } else {
        text += "\nCohen's kappa for each pair of raters: --pairwise\n";
    }
    Ok(text)
}

/// The most raters whose pooled kappa matrix ends a table report.
const MATRIX_RATERS: usize = 8;

/// The raters of one file: named by the file, or by file and coder when it
/// holds several coders' passages.
fn raters_of(file: &Path) -> anyhow::Result<Vec<Rater>> {
    let project = crate::io::load_project_any(file)?;
    let stem = crate::io::file_label(file);
    let split = agreement::split_by_coder(&project);
    if split.len() <= 1 {
        return Ok(vec![Rater::new(stem, project)]);
    }
    Ok(split
        .into_iter()
        .map(|r| Rater::new(format!("{stem}:{}", r.name), r.project))
        .collect())
}

/// Refuses an `--out` that is an input or not a file; none, or `-`
/// (standard output), is fine.
fn check_out(out: Option<&Path>, inputs: &[&Path]) -> anyhow::Result<()> {
    match out {
        Some(path) if path.as_os_str() != "-" => super::check_out(path, inputs),
        _ => Ok(()),
    }
}

/// Writes `text` to `out` atomically, or to standard output.
fn emit(text: &str, out: Option<&Path>) -> anyhow::Result<()> {
    match out {
        Some(path) if path.as_os_str() != "-" => {
            write_atomic(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        _ => print!("{text}"),
    }
    Ok(())
}
