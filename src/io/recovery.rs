//! Recovery files: the open project, written a few seconds after the last
//! edit (off the UI thread) and by a panic hook, so that a crash, a kill or
//! a power cut loses at most those seconds. The next start offers to restore.
//!
//! A saved project `NAME.briefmark.ron` recovers to
//! `NAME.briefmark.ron.recovery` beside it; a project never saved recovers to
//! `unsaved.briefmark.recovery.ron` in the app's data folder. Saving or
//! discarding the changes removes the file.
//!
//! The panic hook stays silent for a panic caught by [`catch_quietly`]:
//! libraries that panic on bad input (the PDF reader) are run under it, and
//! their panic becomes a clean error, not a message and a snapshot.

use std::cell::Cell;
use std::panic::UnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Once};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::atomic::write_atomic;
use super::ron_text::{from_ron, to_ron};
use crate::model::Project;

/// Quiet time after the last edit before the recovery file is written.
pub const DELAY: Duration = Duration::from_secs(3);

/// What a recovery file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// Where the project was saved, if it ever was.
    pub project_path: Option<PathBuf>,
    pub written: DateTime<Utc>,
    pub project: Project,
}

/// Where the recovery file of a project lives.
pub fn recovery_path(project_path: Option<&Path>, data_dir: &Path) -> PathBuf {
    match project_path {
        Some(p) => {
            let mut name = p.as_os_str().to_owned();
            name.push(".recovery");
            name.into()
        }
        None => data_dir.join("unsaved.briefmark.recovery.ron"),
    }
}

/// Writes a recovery file atomically.
pub fn write(path: &Path, recovery: &Recovery) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    write_atomic(path, to_ron(recovery).as_bytes())
}

/// Reads a recovery file; `Ok(None)` when there is none.
pub fn read(path: &Path) -> Result<Option<Recovery>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(format!(
                "cannot read the recovery file {}: {e}",
                path.display()
            ));
        }
    };
    from_ron(&text)
        .map(Some)
        .map_err(|e| format!("the recovery file {} is damaged: {e}", path.display()))
}

/// Removes a recovery file (after a save, or when the user discards it).
pub fn remove(path: &Path) {
    // Absent is fine; anything else only means a stale offer next time.
    let _ = std::fs::remove_file(path);
}

/// The latest snapshot, shared with the panic hook.
type Slot = Arc<Mutex<Option<(PathBuf, Arc<Recovery>)>>>;

/// Writes the recovery file a while after the last edit, on a worker thread.
pub struct Autosaver {
    target: PathBuf,
    last_edit: Option<Instant>,
    worker: Option<JoinHandle<std::io::Result<()>>>,
    slot: Slot,
    /// A recovery file was written since the last `clear`.
    written: bool,
    /// The last write's failure, for the status bar.
    pub error: Option<String>,
}

impl Autosaver {
    pub fn new(target: PathBuf) -> Self {
        Self {
            target,
            last_edit: None,
            worker: None,
            slot: Slot::default(),
            written: false,
            error: None,
        }
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Points at a new recovery file (the project was saved under a new
    /// name); the old one is removed.
    pub fn retarget(&mut self, target: PathBuf) {
        if target != self.target {
            remove(&self.target);
            self.target = target;
        }
    }

    /// Notes an edit; the file is written `DELAY` after the last one.
    pub fn edited(&mut self, now: Instant) {
        self.last_edit = Some(now);
    }

    /// Whether a write is due or under way (the UI keeps ticking meanwhile).
    pub fn is_pending(&self) -> bool {
        self.last_edit.is_some() || self.worker.is_some()
    }

    /// Whether there is a recovery file (or one coming) to remove once the
    /// changes are saved or discarded.
    pub fn has_work(&self) -> bool {
        self.is_pending() || self.written
    }

    /// Starts the write when it is due. Call every frame.
    pub fn tick(&mut self, now: Instant, project: &Project, project_path: Option<&Path>) {
        self.collect_worker();
        let due = self
            .last_edit
            .is_some_and(|t| now.duration_since(t) >= DELAY);
        if !due || self.worker.is_some() {
            return;
        }
        self.last_edit = None;
        let recovery = Arc::new(Recovery {
            project_path: project_path.map(Path::to_path_buf),
            written: Utc::now(),
            project: project.clone(),
        });
        if let Ok(mut slot) = self.slot.lock() {
            *slot = Some((self.target.clone(), recovery.clone()));
        }
        let target = self.target.clone();
        self.written = true;
        self.worker = Some(std::thread::spawn(move || write(&target, &recovery)));
    }

    fn collect_worker(&mut self) {
        if self.worker.as_ref().is_some_and(JoinHandle::is_finished)
            && let Some(worker) = self.worker.take()
        {
            self.error = match worker.join() {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(format!("could not write the recovery file: {e}")),
                Err(_) => Some("the recovery writer stopped unexpectedly".into()),
            };
        }
    }

    /// The project is saved (or its changes discarded): nothing to recover.
    pub fn clear(&mut self) {
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        self.last_edit = None;
        self.written = false;
        if let Ok(mut slot) = self.slot.lock() {
            *slot = None;
        }
        remove(&self.target);
    }

    /// Makes a panic write this saver's latest snapshot before the process
    /// ends. The hook is installed once; later savers take its place.
    pub fn install_panic_hook(&self) {
        if let Ok(mut current) = HOOK_SLOT.lock() {
            *current = Some(self.slot.clone());
        }
        install_hook();
    }
}

thread_local! {
    /// This thread runs code under [`catch_quietly`]: its panics are caught
    /// and handled, so the hook neither reports them nor writes a snapshot.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` and catches its panic without a word from the panic hook, for
/// libraries that panic on bad input where the caller turns the panic into
/// an error. Only this thread is quiet, and only meanwhile: a panic anywhere
/// else is reported (and snapshotted) as before.
pub fn catch_quietly<R>(f: impl FnOnce() -> R + UnwindSafe) -> std::thread::Result<R> {
    install_hook();
    let was_quiet = QUIET.replace(true);
    let result = std::panic::catch_unwind(f);
    QUIET.set(was_quiet);
    result
}

/// The process's panic hook: silent on a quiet thread; elsewhere it writes
/// the snapshot in [`HOOK_SLOT`], if any, then reports as the previous hook
/// did. Installed once, by whichever needs it first.
fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.try_with(Cell::get).unwrap_or(false) {
                return;
            }
            if let Ok(current) = HOOK_SLOT.try_lock()
                && let Some(slot) = current.as_ref()
            {
                write_snapshot(slot);
            }
            previous(info);
        }));
    });
}

/// The slot of the saver whose snapshot a panic writes.
static HOOK_SLOT: Mutex<Option<Slot>> = Mutex::new(None);

/// Writes the snapshot in `slot`, if any (the panic hook's work).
fn write_snapshot(slot: &Slot) {
    // try_lock: a panic while the slot is held must not deadlock the hook.
    if let Ok(guard) = slot.try_lock()
        && let Some((path, recovery)) = guard.as_ref()
    {
        let _ = write(path, recovery);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sit_beside_the_project_or_in_the_data_folder() {
        let data = Path::new("/data");
        assert_eq!(
            recovery_path(Some(Path::new("/w/p.briefmark.ron")), data),
            PathBuf::from("/w/p.briefmark.ron.recovery")
        );
        assert_eq!(
            recovery_path(None, data),
            PathBuf::from("/data/unsaved.briefmark.recovery.ron")
        );
    }

    #[test]
    fn autosave_writes_after_the_delay_and_clear_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("p.recovery");
        let mut saver = Autosaver::new(target.clone());
        let project = crate::assets::example_project();
        let t0 = Instant::now();
        saver.edited(t0);
        saver.tick(t0 + Duration::from_secs(1), &project, None);
        assert!(saver.worker.is_none(), "not before the delay");
        saver.tick(t0 + DELAY, &project, None);
        if let Some(worker) = saver.worker.take() {
            worker.join().unwrap().unwrap();
        }
        let back = read(&target).unwrap().unwrap();
        assert_eq!(back.project, project);
        saver.clear();
        assert!(!target.exists());
        assert_eq!(read(&target).unwrap(), None);
    }

    #[test]
    fn the_panic_hook_writes_the_latest_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("p.recovery");
        let saver = Autosaver::new(target.clone());
        let recovery = Arc::new(Recovery {
            project_path: None,
            written: Utc::now(),
            project: crate::assets::default_project(),
        });
        *saver.slot.lock().unwrap() = Some((target.clone(), recovery.clone()));
        write_snapshot(&saver.slot);
        assert_eq!(read(&target).unwrap().unwrap(), *recovery);
    }

    #[test]
    fn a_quiet_catch_returns_the_panic_and_then_is_quiet_no_more() {
        assert!(catch_quietly(|| panic!("bad input")).is_err());
        assert_eq!(catch_quietly(|| 3).ok(), Some(3));
        assert!(!QUIET.get(), "quiet only meanwhile");
        let nested = catch_quietly(|| (catch_quietly(|| panic!()).is_err(), QUIET.get()));
        assert_eq!(
            nested.ok(),
            Some((true, true)),
            "still quiet after an inner catch"
        );
        assert!(!QUIET.get());
    }

    #[test]
    fn a_damaged_recovery_file_is_reported_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("p.recovery");
        std::fs::write(&target, "(project_path: None, written: ").unwrap();
        assert!(read(&target).unwrap_err().contains("damaged"));
    }
}
