//! The command line: `briefmark [FILE]` opens the GUI; subcommands work
//! without it. Results go to stdout, errors to stderr with a non-zero exit.

mod analysis;
mod assign;
mod revise;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::export::{ExportError, ExportOptions, Format};
use crate::io::output::{self, OutputError};
use crate::io::{self, import_files, project_file};
use crate::model::{Codebook, ConflictPolicy, Project};
#[cfg(feature = "gui")]
use crate::ui::{Settings, Workbench, app};

#[derive(Parser, Debug)]
#[command(
    name = "briefmark",
    version,
    about = "Qualitative coding of policy briefs and other source texts.",
    long_about = "Qualitative coding of policy briefs and other source texts.\n\n\
        Without a subcommand, opens the coding workbench on FILE (a .briefmark.ron \
        project, or a document to start a new project: .txt, .md, .html, .docx, .pdf) \
        or on the bundled brief.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Project (.briefmark.ron) or document (.txt, .md, .html, .docx, .pdf) to open;
    /// default: the bundled brief
    pub file: Option<PathBuf>,

    /// Open the window, write a PNG of it once the layout has settled, and exit
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,

    /// With --screenshot: open this view first (the user guide's pictures)
    #[cfg(feature = "gui")]
    #[arg(long, value_enum, requires = "screenshot")]
    pub show: Option<crate::ui::workbench::View>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load a project without the GUI and verify every passage: its range lies
    /// inside its document, its stored quote equals the text there, its codes
    /// exist and exclusive dimensions hold. Prints a summary; exits 1 on problems.
    Check {
        /// The project file (.briefmark.ron)
        file: PathBuf,
    },
    /// Export a project's coded data. Positions are Unicode code points into
    /// each document's plain text (Python's text[start:end] is the quote).
    Export {
        /// The project to export (.briefmark.ron; also .json, .jsonl, .qdpx)
        file: PathBuf,
        /// csv (a row per passage and code), csv-wide (a row per passage),
        /// csv-links (a row per link), json, jsonl, w3c (Web Annotation JSON-LD), qdc (REFI-QDA codebook),
        /// qdpx (REFI-QDA project), md or html (report)
        #[arg(long, short)]
        format: Format,
        /// Where to write; `-` writes to standard output. An existing file is
        /// replaced only once the export is complete.
        #[arg(long, short)]
        out: PathBuf,
        /// CSV: prefix cells starting with = + - @ tab or CR with ' so
        /// spreadsheets do not run them as formulas (changes those cells)
        #[arg(long)]
        guard_formulas: bool,
    },
    /// Import projects, codebooks and documents into one new project file.
    /// Codes merge by name, documents by their text.
    Import {
        /// Files to import, in order: .briefmark.ron, .json, .jsonl, .qdpx
        /// (projects), .qdc (codebooks), .txt (light markup), .md, .html, .docx,
        /// .pdf (documents; a PDF needs a text layer)
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The project file to write (.briefmark.ron)
        #[arg(long, short)]
        out: PathBuf,
        /// Replace --out if it exists
        #[arg(long)]
        force: bool,
        /// When a code exists in two inputs with different definitions, take
        /// the later one's (default: keep the first)
        #[arg(long)]
        theirs: bool,
    },
    /// Replace a document's text with a revised version (sentences added,
    /// typos fixed, a paragraph cut) and re-place every passage by its quote
    /// and context: exact match first, then the best fuzzy match near the old
    /// position. The revision is read by the importer for its file type
    /// (.txt, .md, .html, .docx, .pdf). Passages that cannot be placed are
    /// kept with their codes and memo but no position ("needs re-placing",
    /// listed on stderr; they are in no count or export with offsets).
    /// Prints how many were unchanged, moved, re-placed fuzzily and left
    /// to re-place.
    Revise(revise::ReviseArgs),
    /// Code frequencies (passages, coded characters, share of the text; per
    /// code, per coder, per document), co-occurrence of codes (in the same
    /// passage and in overlapping passages) and the crosstab of the first two
    /// exclusive dimensions. See docs/statistics.md.
    Stats(analysis::StatsArgs),
    /// Inter-coder agreement between codings of the same document(s), per
    /// code and overall, at the character level: observed agreement, Cohen's
    /// kappa (two coders), Krippendorff's alpha (any number, missing data),
    /// the same restricted to text somebody coded, Krippendorff's unitizing
    /// alpha; with --reference, passage-level precision, recall and F1. The
    /// figures match scikit-learn's cohen_kappa_score and the krippendorff
    /// package on the per-character 0/1 vectors. See docs/agreement.md.
    Agree(analysis::AgreeArgs),
    /// Make an assignment for a class: the project's documents and codebook
    /// (locked unless --unlocked) with instructions, nothing coded. Students
    /// open it, enter their name, code and save their own copy; compare the
    /// copies with `agree --reference`.
    Assign(assign::AssignArgs),
}

/// Runs the command line; `main` only calls this.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(png) = &cli.screenshot {
        let inputs: Vec<&Path> = cli.file.iter().map(PathBuf::as_path).collect();
        if let Err(e) = output::check_output(png, &inputs) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    match cli.command {
        Some(Command::Check { file }) => check(&file),
        Some(Command::Export {
            file,
            format,
            out,
            guard_formulas,
        }) => report(export(
            &file,
            format,
            &out,
            ExportOptions { guard_formulas },
        )),
        Some(Command::Import {
            paths,
            out,
            force,
            theirs,
        }) => {
            let policy = if theirs {
                ConflictPolicy::TakeTheirs
            } else {
                ConflictPolicy::KeepOurs
            };
            report(import(&paths, &out, force, policy))
        }
        Some(Command::Revise(args)) => report(revise::run(&args)),
        Some(Command::Stats(args)) => report(analysis::stats(&args)),
        Some(Command::Agree(args)) => report(analysis::agree(&args)),
        Some(Command::Assign(args)) => report(assign::run(&args)),
        None => gui(cli),
    }
}

fn check(file: &Path) -> ExitCode {
    let project = match project_file::load(file) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match project.check() {
        Ok(summary) => {
            println!("ok: {summary}");
            if !project.orphans.is_empty() {
                let listed: Vec<String> = (project.orphans.iter())
                    .map(|o| o.describe(&project.codebook))
                    .collect();
                eprintln!(
                    "note: not a problem, but work to do: {} lost their text in a revision and have no position \
                     until re-placed in briefmark (listed under “Needs re-placing”): {}",
                    if listed.len() == 1 {
                        "1 passage".to_owned()
                    } else {
                        format!("{} passages", listed.len())
                    },
                    listed.join("; ")
                );
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("problem: {p}");
            }
            eprintln!("{}: {} problem(s) found", file.display(), problems.len());
            ExitCode::from(1)
        }
    }
}

/// Prints an error to stderr and turns it into the exit code.
fn report(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn export(file: &Path, format: Format, out: &Path, options: ExportOptions) -> anyhow::Result<()> {
    let to_stdout = out.as_os_str() == "-";
    if !to_stdout {
        check_out(out, &[file])?;
    }
    let project = io::load_project_any(file)?;
    if to_stdout {
        use std::io::Write;
        io::export::check(&project, format).map_err(|e| refused_export(e, file))?;
        std::io::stdout().write_all(&io::export::render(&project, format, options))?;
        return Ok(());
    }
    io::export::export_to(&project, format, options, out).map_err(|e| refused_export(e, file))?;
    eprintln!(
        "wrote {} ({format}, {} passages)",
        out.display(),
        project.passages.len()
    );
    Ok(())
}

/// An export's error, with a project's problems listed on stderr first,
/// as `check` lists them.
fn refused_export(error: ExportError, file: &Path) -> anyhow::Error {
    let ExportError::Unsound { problems } = &error else {
        return error.into();
    };
    for p in problems {
        eprintln!("problem: {p}");
    }
    anyhow::anyhow!(
        "{}: {} problem(s) found, so nothing was exported (its positions would not match \
         its quotes); fix them first, `briefmark check {}` lists them again",
        file.display(),
        problems.len(),
        file.display()
    )
}

/// Refuses an `--out` that is not a file to replace or that is one of the
/// inputs; for commands where `--out -` means standard output, the
/// refusal of a folder or special file says so.
pub(crate) fn check_out(out: &Path, inputs: &[&Path]) -> anyhow::Result<()> {
    match output::check_output(out, inputs) {
        Err(e @ OutputError::NotAFile { .. }) => {
            anyhow::bail!("{e}, or `--out -` to write to standard output")
        }
        other => Ok(other?),
    }
}

fn import(
    paths: &[PathBuf],
    out: &Path,
    force: bool,
    policy: ConflictPolicy,
) -> anyhow::Result<()> {
    check_import_out(paths, out)?;
    if out.exists() && !force {
        anyhow::bail!(
            "{} exists; pass --force to replace it, or list it first among the files to import into it",
            out.display()
        );
    }
    let empty = Project::new(Vec::new(), Codebook::default());
    let mut imported = import_files::import_paths(paths, empty, policy)?;
    if imported.project.codebook.dimensions.is_empty() {
        // Only documents came in: give them the default codebook to code with.
        imported.project.codebook = crate::assets::default_codebook();
    }
    let project = io::import::validated(imported.project, &out.display().to_string())?;
    for w in &imported.warnings {
        eprintln!("warning: {w}");
    }
    for c in &imported.report.conflicts {
        eprintln!(
            "warning: code {:?} differs between inputs; kept the {} one",
            c.name,
            if policy == ConflictPolicy::KeepOurs {
                "first"
            } else {
                "later"
            }
        );
    }
    project_file::save(&project, out)?;
    println!("{}: {}", out.display(), imported.report);
    Ok(())
}

/// `import`'s `--out` may be no input but the first, and that only when
/// it is a project file: importing into a project (with `--force`; the
/// project's previous version is kept as `.bak`, as every save keeps it).
fn check_import_out(paths: &[PathBuf], out: &Path) -> anyhow::Result<()> {
    let later: Vec<&Path> = paths.iter().skip(1).map(PathBuf::as_path).collect();
    output::check_output(out, &later)?;
    match paths.first() {
        Some(first) if !io::formats::is_project_file(first) => {
            Ok(output::check_output(out, &[first])?)
        }
        _ => Ok(()),
    }
}

#[cfg(not(feature = "gui"))]
fn gui(_cli: Cli) -> ExitCode {
    eprintln!(
        "error: this briefmark was built without the window (feature `gui`); use a subcommand, see --help"
    );
    ExitCode::from(2)
}

#[cfg(feature = "gui")]
fn gui(cli: Cli) -> ExitCode {
    let (file, screenshot) = (cli.file, cli.screenshot);
    let settings = match &screenshot {
        // A screenshot run must not stop at the "who is coding?" question.
        Some(_) => Settings {
            coder: "screenshot".into(),
            hint_dismissed: true,
            ..Default::default()
        },
        None => Settings::default(),
    };
    let workbench = match file {
        None => Workbench::with_bundled_brief(settings),
        Some(path) => match io::open(&path) {
            Ok(opened) => {
                for w in &opened.warnings {
                    eprintln!("warning: {w}");
                }
                let saved_at = (!opened.is_new).then_some(path);
                Workbench::new(opened.project, saved_at, settings)
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let mut workbench = workbench;
    if let Some(view) = cli.show {
        workbench.show_view(view);
    }
    match app::run(workbench, screenshot) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the window: {e}");
            ExitCode::from(1)
        }
    }
}
