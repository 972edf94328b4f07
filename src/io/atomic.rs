//! Atomic file writes, the one way briefmark writes a file: a temporary
//! file in the target's folder, flushed to disk, then renamed over the
//! target. A failure at any point leaves the old file as it was.
//!
//! A write through a symbolic link replaces the file the link points to
//! (its temporary file beside that file, so the rename stays atomic) and
//! keeps the link; folders and special files are refused
//! ([`super::output::writable`]). Temporary files are named after their
//! target, `.NAME.briefmark-XXXXXX.tmp`, and locked while written, so the
//! next write of NAME can tell those a killed writer left behind and
//! remove them.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::output;

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
    let target = output::writable(path).map_err(output::OutputError::into_io)?;
    write_to(&target, write)
}

/// [`write_atomic_with`] once links are followed: `target` is the file to
/// replace (or create), never a link to it.
fn write_to(
    target: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = folder_of(target);
    remove_abandoned_temps(target);
    let tmp = temp_name(&temp_prefix(target)).tempfile_in(dir)?;
    let (file, tmp_path) = tmp.into_parts();
    hold_while_writing(&file);
    // Large writes go straight to the file; the buffer gathers small ones.
    let mut out = BufWriter::with_capacity(WRITE_BUFFER, file);
    write(&mut out)?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    // Temp files are private (0600); the result keeps the old file's mode,
    // or gets an ordinary one, not that.
    let permissions = match std::fs::metadata(target) {
        Ok(meta) => meta.permissions(),
        Err(_) => default_permissions(&file)?,
    };
    file.set_permissions(permissions)?;
    file.sync_all()?;
    tmp_path.persist(target).map_err(|e| e.error)?;
    // Make the rename itself durable where the platform allows it.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Buffer between an export's many small writes and the temporary file.
const WRITE_BUFFER: usize = 256 * 1024;

/// The folder a file is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The backup kept beside a file: `NAME.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    name.into()
}

/// Like [`write_atomic`], but first keeps the file's current contents as
/// `NAME.bak`. If the backup cannot be made, nothing is written. Through a
/// symbolic link, the backup is kept beside the file the link points to:
/// it is that file's previous version.
pub fn write_atomic_with_backup(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with_backup_by(path, |out| out.write_all(bytes))
}

/// [`write_atomic_with_backup`] of what `write` streams into the file.
pub fn write_atomic_with_backup_by(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let target = output::writable(path).map_err(output::OutputError::into_io)?;
    keep_backup(&target)?;
    write_to(&target, write)
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
    // The backup is briefmark's own file: replaced, never followed.
    let old = std::fs::read(path)?;
    write_to(&backup, |out| out.write_all(&old))
}

/// Links `path` as `to`, replacing `to` (through a temporary link beside
/// it, as a link cannot replace a file).
fn link_as(path: &Path, to: &Path) -> std::io::Result<()> {
    // After a failed save `to` may already be this file; renaming a second
    // link of it onto it would do nothing and leave the temporary link.
    if output::same_file(path, to) {
        return Ok(());
    }
    remove_abandoned_temps(to);
    let link = temp_name(&temp_prefix(to))
        .make_in(folder_of(to), |name| std::fs::hard_link(path, name))?;
    let name = link.path().to_path_buf();
    link.persist(to).map_err(|e| e.error)?;
    // Another save of the same file may have linked the same version as
    // `to` meanwhile, making the rename a no-op: the name is still ours.
    if std::fs::symlink_metadata(&name).is_ok() {
        let _ = std::fs::remove_file(&name);
    }
    Ok(())
}

/// Random characters in a temporary file's name.
const RANDOM_LEN: usize = 6;

/// At most this many bytes of the target's name go into its temporary
/// files' names, so they stay within the 255 bytes file names may have.
const NAME_IN_TEMP: usize = 120;

/// Names temporary files `{prefix}XXXXXX.tmp`; `prefix` is the target's
/// [`temp_prefix`].
fn temp_name(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(".tmp").rand_bytes(RANDOM_LEN);
    builder
}

/// `.NAME.briefmark-`, with NAME cut to [`NAME_IN_TEMP`] bytes.
fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let mut cut = name.len().min(NAME_IN_TEMP);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!(".{}.briefmark-", &name[..cut])
}

/// Whether `name` is one of `target`'s temporary files.
fn is_temp_of(name: &std::ffi::OsStr, target: &Path) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    name.strip_prefix(&temp_prefix(target))
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .is_some_and(|random| {
            random.len() == RANDOM_LEN && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// How old an unlocked temporary file must be to count as left behind: a
/// writer locks its file at once, this keeps the moment before that safe.
#[cfg(unix)]
const ABANDONED_AFTER: Duration = Duration::from_secs(60);

/// Without a lock to tell, only age does: far longer than any write takes.
#[cfg(not(unix))]
const ABANDONED_AFTER: Duration = Duration::from_secs(3600);

/// Removes `target`'s temporary files that no writer holds any more (a
/// killed save's), and the litter of older briefmarks (see
/// [`is_legacy_temp_of`]). Best effort: what cannot be removed stays.
fn remove_abandoned_temps(target: &Path) {
    let Ok(entries) = std::fs::read_dir(folder_of(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if is_temp_of(&name, target) {
            remove_if_abandoned(&entry.path());
        } else if is_legacy_temp_of(&name, target) {
            remove_if_older(&entry.path(), LEGACY_ABANDONED_AFTER);
        }
    }
}

/// Briefmarks before these names wrote `.briefmark-XXXXXX.tmp` (any
/// target's, unlocked) and linked the backup through `NAME.bak.PID.tmp`,
/// which stayed behind when `NAME.bak` already was the file. They held no
/// lock, so only age tells they are abandoned: far longer than any save.
const LEGACY_ABANDONED_AFTER: Duration = Duration::from_secs(3600);

/// Whether `name` is an older briefmark's temporary file in `target`'s
/// folder: its backup link `NAME.bak.<pid>.tmp`, or `.briefmark-XXXXXX.tmp`.
fn is_legacy_temp_of(name: &std::ffi::OsStr, target: &Path) -> bool {
    let (Some(name), Some(file)) = (name.to_str(), target.file_name().and_then(|f| f.to_str()))
    else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let alnum = |s: &str| s.len() == 6 && s.bytes().all(|b| b.is_ascii_alphanumeric());
    let backup_link = (name.strip_prefix(file))
        .and_then(|rest| rest.strip_prefix(".bak."))
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .is_some_and(digits);
    let data = (name.strip_prefix(".briefmark-"))
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .is_some_and(alnum);
    backup_link || data
}

/// Removes a regular file last changed at least `age` ago.
fn remove_if_older(path: &Path, age: Duration) {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return;
    };
    let old = (meta.modified().ok())
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|a| a >= age);
    if meta.is_file() && old {
        let _ = std::fs::remove_file(path);
    }
}

/// Removes a temporary file if it is old enough and no writer holds it.
fn remove_if_abandoned(path: &Path) {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return;
    };
    let old = meta
        .modified()
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age >= ABANDONED_AFTER);
    if !meta.is_file() || !old {
        return;
    }
    #[cfg(unix)]
    {
        // A live writer holds the lock; a killed one's went with it. The
        // lock is kept while the file is removed.
        let Ok(file) = File::open(path) else {
            return;
        };
        if file.try_lock().is_err() {
            return;
        }
        let _ = std::fs::remove_file(path);
    }
    #[cfg(not(unix))]
    {
        let _ = std::fs::remove_file(path);
    }
}

/// Marks a temporary file as being written, for [`remove_if_abandoned`]
/// in other processes. Unix only: elsewhere locks also stop reads.
#[cfg(unix)]
fn hold_while_writing(file: &File) {
    // Where locks are not supported, the age rule alone protects it.
    let _ = file.try_lock();
}

#[cfg(not(unix))]
fn hold_while_writing(_: &File) {}

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
    fn temporary_names_fit_beside_a_long_name_and_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        // 250 bytes: the name and `.briefmark-XXXXXX.tmp` would not fit in 255.
        let path = dir.path().join(format!("{}.ron", "é".repeat(123)));
        write_atomic_with_backup(&path, b"one").unwrap();
        write_atomic_with_backup(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        let target = Path::new("p.ron");
        let of = |name: &str| is_temp_of(std::ffi::OsStr::new(name), target);
        assert!(of(".p.ron.briefmark-a1B2c3.tmp"));
        assert!(!of(".p.ron.briefmark-a1B2c.tmp"));
        assert!(!of(".p.ron.briefmark-a1B2c-.tmp"));
        assert!(!of(".p.ron.bak.briefmark-a1B2c3.tmp"));
        assert!(!of("p.ron.briefmark-a1B2c3.tmp"));
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("p.ron");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
