//! Atomic file writes: a temporary file in the target's folder, flushed to
//! disk, then renamed over the target. A failure at any point leaves the old
//! file as it was.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Writes what `write` produces to `path` atomically, streaming it into the
/// temporary file: large exports need no copy of the whole output in memory.
/// If `write` fails, the temporary file is removed and `path` is untouched.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".briefmark-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let (file, tmp_path) = tmp.into_parts();
    // Large writes go straight to the file; the buffer gathers small ones.
    let mut out = BufWriter::with_capacity(WRITE_BUFFER, file);
    write(&mut out)?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    // Temp files are private (0600); the result keeps the old file's mode,
    // or gets an ordinary one, not that.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => default_permissions(&file)?,
    };
    file.set_permissions(permissions)?;
    file.sync_all()?;
    tmp_path.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable where the platform allows it.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Buffer between an export's many small writes and the temporary file.
const WRITE_BUFFER: usize = 256 * 1024;

/// The backup kept beside a file: `NAME.bak`.
pub fn backup_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    name.into()
}

/// Like [`write_atomic`], but first keeps the file's current contents as
/// `NAME.bak`. If the backup cannot be made, nothing is written.
pub fn write_atomic_with_backup(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    keep_backup(path)?;
    write_atomic(path, bytes)
}

/// Makes the file at `path` (if any) its own backup. A hard link: the
/// atomic write never changes the old file in place, so the backup needs
/// no copy (a large project saves in half the time). Where links are not
/// possible the contents are copied, atomically.
fn keep_backup(path: &Path) -> std::io::Result<()> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let backup = backup_path(path);
    if meta.is_file() && link_as(path, &backup).is_ok() {
        return Ok(());
    }
    write_atomic(&backup, &std::fs::read(path)?)
}

/// Links `path` as `to`, replacing `to` (through a temporary link beside
/// it, as a link cannot replace a file).
fn link_as(path: &Path, to: &Path) -> std::io::Result<()> {
    let mut link = to.as_os_str().to_owned();
    link.push(format!(".{}.tmp", std::process::id()));
    let link = std::path::PathBuf::from(link);
    let _ = std::fs::remove_file(&link);
    let linked = std::fs::hard_link(path, &link).and_then(|()| std::fs::rename(&link, to));
    if linked.is_err() {
        let _ = std::fs::remove_file(&link);
    }
    linked
}

#[cfg(unix)]
fn default_permissions(_: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temp_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_of_the_old_file_and_gives_new_files_0644() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.ron");
        std::fs::write(&old, "x").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&old, b"y").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&old), 0o640);
        let new = dir.path().join("new.ron");
        write_atomic(&new, b"z").unwrap();
        assert_eq!(mode(&new), 0o644);
    }

    #[test]
    fn the_previous_version_is_kept_as_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        write_atomic_with_backup(&path, b"first").unwrap();
        assert!(
            !backup_path(&path).exists(),
            "nothing to back up the first time"
        );
        write_atomic_with_backup(&path, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("p.ron.bak")).unwrap(),
            "first"
        );
        // The backup is replaced by the next save's, and no link is left.
        write_atomic_with_backup(&path, b"third").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "third");
        assert_eq!(
            std::fs::read_to_string(backup_path(&path)).unwrap(),
            "second"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_failed_stream_keeps_the_old_file_and_leaves_no_temp_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        std::fs::write(&path, "old").unwrap();
        let result = write_atomic_with(&path, |out| {
            out.write_all(&[b'x'; 3 * WRITE_BUFFER])?;
            Err(std::io::Error::other("rendering failed"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("p.ron");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
