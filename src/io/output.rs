//! Where an output may be written: through a symbolic link, to the file it
//! points to; never over a directory, FIFO, device or socket; never over
//! one of the command's inputs (the same file by identity, whatever the
//! names). The command line and the GUI ask [`check_output`] before they
//! write; every write goes through [`crate::io::atomic`], which asks
//! [`writable`] again. See `docs/reliability.md`, "Where files are written".

use std::path::{Path, PathBuf};

/// How many symbolic links a path may go through, as Linux allows.
const MAX_LINKS: usize = 40;

/// An output briefmark will not write.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// Writing would replace something that is not a regular file.
    #[error("{path} is {kind}, not a file; give the name of a file to write")]
    NotAFile { path: String, kind: Special },
    /// Writing would replace one of the inputs (the same file, whatever
    /// its name: a hard or symbolic link counts as the file).
    #[error("{output} is the input {input}; write the output to another file")]
    IsAnInput { output: String, input: String },
    /// The path could not be looked at (a loop of symbolic links, no
    /// permission on its folder).
    #[error("cannot write {path}: {error}")]
    Io { path: String, error: std::io::Error },
}

impl OutputError {
    /// As an I/O error, for the writers' `std::io::Result`s; the typed
    /// error stays inside (`get_ref` and `downcast_ref` find it).
    pub fn into_io(self) -> std::io::Error {
        let kind = match &self {
            OutputError::NotAFile {
                kind: Special::Directory,
                ..
            } => std::io::ErrorKind::IsADirectory,
            OutputError::Io { error, .. } => error.kind(),
            _ => std::io::ErrorKind::InvalidInput,
        };
        std::io::Error::new(kind, self)
    }
}

/// What is at a path that is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    Directory,
    Fifo,
    Device,
    Socket,
    /// Anything else the platform has.
    Other,
}

impl std::fmt::Display for Special {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Special::Directory => "a folder",
            Special::Fifo => "a named pipe (FIFO)",
            Special::Device => "a device",
            Special::Socket => "a socket",
            Special::Other => "not a regular file",
        })
    }
}

/// Refuses `output` when it is not a file briefmark may replace, or when
/// it is the same file as one of `inputs`. A path that does not exist yet
/// is fine; inputs that do not exist are not compared.
///
/// The GUI calls this before an export or any other write beside the open
/// project, with the project's own path among `inputs`.
pub fn check_output(output: &Path, inputs: &[&Path]) -> Result<(), OutputError> {
    writable(output)?;
    match inputs.iter().find(|input| same_file(output, input)) {
        Some(input) => Err(OutputError::IsAnInput {
            output: output.display().to_string(),
            input: input.display().to_string(),
        }),
        None => Ok(()),
    }
}

/// The file a write of `path` replaces: `path` itself, or, through a
/// chain of symbolic links, the file the last one points to (which may
/// not exist yet). Refused when that is a folder or a special file.
pub fn writable(path: &Path) -> Result<PathBuf, OutputError> {
    let io_err = |error| OutputError::Io {
        path: path.display().to_string(),
        error,
    };
    let target = resolve_links(path).map_err(io_err)?;
    match std::fs::symlink_metadata(&target) {
        Ok(meta) => match special(&meta) {
            Some(kind) => Err(OutputError::NotAFile {
                path: path.display().to_string(),
                kind,
            }),
            None => Ok(target),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(target),
        Err(e) => Err(io_err(e)),
    }
}

/// Follows `path` through symbolic links to what the last one names. A
/// relative link is relative to the folder the link is in. Folders on the
/// way are left to the system, which follows them itself.
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let points_to = std::fs::read_link(&current)?;
                let folder = current.parent().unwrap_or(Path::new(""));
                current = folder.join(points_to);
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row (a loop?)"
    )))
}

/// Whether `a` and `b` name the same existing file, through symbolic and
/// hard links: the same device and inode. False if either is missing.
#[cfg(unix)]
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether `a` and `b` name the same existing file: where the platform
/// gives no file identity to the standard library, by canonical path
/// (symbolic links followed; two hard links stay two names).
#[cfg(not(unix))]
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// What `meta` is, if not a regular file.
fn special(meta: &std::fs::Metadata) -> Option<Special> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some(Special::Directory);
    }
    Some(special_unix(&kind))
}

#[cfg(unix)]
fn special_unix(kind: &std::fs::FileType) -> Special {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        Special::Fifo
    } else if kind.is_block_device() || kind.is_char_device() {
        Special::Device
    } else if kind.is_socket() {
        Special::Socket
    } else {
        Special::Other
    }
}

#[cfg(not(unix))]
fn special_unix(_: &std::fs::FileType) -> Special {
    Special::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_path_and_a_file_are_writable_a_folder_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.csv");
        assert_eq!(writable(&new).unwrap(), new);
        std::fs::write(&new, "x").unwrap();
        assert_eq!(writable(&new).unwrap(), new);
        let err = writable(dir.path()).unwrap_err();
        assert!(
            matches!(
                err,
                OutputError::NotAFile {
                    kind: Special::Directory,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_to_their_end_relative_to_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let file = dir.path().join("real").join("p.ron");
        std::fs::write(&file, "x").unwrap();
        // one -> real/two -> p.ron (relative to real/, not to the first link).
        std::os::unix::fs::symlink("p.ron", dir.path().join("real").join("two")).unwrap();
        std::os::unix::fs::symlink("real/two", dir.path().join("one")).unwrap();
        let resolved = resolve_links(&dir.path().join("one")).unwrap();
        assert_eq!(resolved, dir.path().join("real").join("p.ron"));
        assert!(same_file(&dir.path().join("one"), &file));
        // A dangling link resolves to the file it would create.
        std::os::unix::fs::symlink("later.ron", dir.path().join("dangling")).unwrap();
        assert_eq!(
            writable(&dir.path().join("dangling")).unwrap(),
            dir.path().join("later.ron")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_loop_of_links_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("b", dir.path().join("a")).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        let err = writable(&dir.path().join("a")).unwrap_err();
        assert!(matches!(err, OutputError::Io { .. }), "{err:?}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_and_say_so() {
        let err = writable(Path::new("/dev/null")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/dev/null is a device, not a file; give the name of a file to write"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_input_is_found_by_identity_not_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("p.ron");
        std::fs::write(&input, "x").unwrap();
        let hard = dir.path().join("hard.csv");
        std::fs::hard_link(&input, &hard).unwrap();
        let err = check_output(&hard, &[Path::new("/nowhere"), &input]).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} is the input {}; write the output to another file",
                hard.display(),
                input.display()
            )
        );
        // Another name of the same folder's entry, through `..`.
        let dotted = dir.path().join("x").join("..").join("p.ron");
        std::fs::create_dir(dir.path().join("x")).unwrap();
        assert!(check_output(&dotted, &[&input]).is_err());
        let other = dir.path().join("other.csv");
        assert!(check_output(&other, &[&input]).is_ok());
        std::fs::write(&other, "y").unwrap();
        assert!(check_output(&other, &[&input]).is_ok());
    }
}
