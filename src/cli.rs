//! The command line: `briefmark [FILE]` opens the GUI; subcommands work
//! without it. Results go to stdout, errors to stderr with a non-zero exit.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::{self, project_file};
use crate::ui::{Settings, Workbench, app};

#[derive(Parser, Debug)]
#[command(
    name = "briefmark",
    version,
    about = "Qualitative coding of policy briefs and other source texts.",
    long_about = "Qualitative coding of policy briefs and other source texts.\n\n\
        Without a subcommand, opens the coding workbench on FILE (a .briefmark.ron \
        project, or a .txt document to start a new project) or on the bundled brief.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Project (.briefmark.ron) or text document (.txt) to open; default: the bundled brief
    pub file: Option<PathBuf>,

    /// Open the window, write a PNG of it once the layout has settled, and exit
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,

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
}

/// Runs the command line; `main` only calls this.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { file }) => check(&file),
        None => gui(cli.file, cli.screenshot),
    }
}

fn check(file: &std::path::Path) -> ExitCode {
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

fn gui(file: Option<PathBuf>, screenshot: Option<PathBuf>) -> ExitCode {
    let settings = match &screenshot {
        // A screenshot run must not stop at the "who is coding?" question.
        Some(_) => Settings {
            coder: "screenshot".into(),
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
    match app::run(workbench, screenshot) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the window: {e}");
            ExitCode::from(1)
        }
    }
}
