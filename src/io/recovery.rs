//! Recovery files: the open project, written a few seconds after the last
//! edit (off the UI thread) and by a panic hook, so that a crash, a kill or
//! a power cut loses at most those seconds. The next start offers to restore.
//!
//! A saved project `NAME.briefmark.ron` recovers to
//! `NAME.briefmark.ron.recovery` beside it; a project never saved recovers to
//! `unsaved.briefmark.recovery.ron` in the app's data folder. Saving or
//! discarding the changes removes the file.
//!
//! The worker keeps a mirror of the project, fed the edits the UI applies
//! ([`Autosaver::follow`]), so the UI thread never copies the project. The
//! same mirror answers File → Save ([`Autosaver::save`]): the project file
//! is written on the worker too, and the UI goes on drawing meanwhile.
//!
//! The panic hook stays silent for a panic caught by [`catch_quietly`]:
//! libraries that panic on bad input (the PDF reader) are run under it, and
//! their panic becomes a clean error, not a message and a snapshot.

use std::cell::Cell;
use std::panic::UnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::atomic::write_atomic_with;
use super::ron_text::{from_ron, write_ron};

use crate::model::{Edit, Project};

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
    write_file(path, recovery)
}

/// Writes `value` as RON to `path` atomically, making its folder.
fn write_file(path: &Path, value: &impl Serialize) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    write_atomic_with(path, |out| write_ron(out, value))
}

/// Reads a recovery file; `Ok(None)` when there is none.
pub fn read(path: &Path) -> Result<Option<Recovery>, String> {
    // One being freed when the app was killed: no use to anyone.
    let _ = std::fs::remove_file(doomed_name(path));
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
/// The file is renamed at once (its name is free when this returns, so no
/// later write to it is lost) and freed on a thread of its own: the kernel
/// takes milliseconds to free the blocks of a big project's file, a frame
/// the window would have dropped.
pub fn remove(path: &Path) {
    let doomed = doomed_name(path);
    // Absent is fine; anything else only means a stale offer next time.
    if std::fs::rename(path, &doomed).is_ok() {
        let freed = std::thread::Builder::new()
            .name("remove recovery file".into())
            .spawn({
                let doomed = doomed.clone();
                move || std::fs::remove_file(doomed)
            });
        if freed.is_err() {
            let _ = std::fs::remove_file(&doomed);
        }
    }
}

/// Where [`remove`] puts a recovery file while it is freed.
fn doomed_name(path: &Path) -> PathBuf {
    let mut doomed = path.as_os_str().to_owned();
    doomed.push(".removing");
    doomed.into()
}

/// What a panic writes: the worker's mirror of the project, once a
/// recovery file has been due since the last `clear`.
#[derive(Default)]
struct Snapshot {
    /// Where to write; `None` while there is nothing to recover.
    target: Option<PathBuf>,
    project_path: Option<PathBuf>,
    /// The mirror: the project as the edits followed so far made it.
    project: Option<Project>,
}

/// The snapshot, shared by the worker and the panic hook.
type Slot = Arc<Mutex<Snapshot>>;

/// What the UI thread asks of the worker, in order.
enum Job {
    /// A fresh project (opened, new, restored), or the UI's copy for a
    /// write when no edits are followed.
    Reset(Box<Project>),
    /// An edit applied to the live project: applied to the mirror too.
    Follow(Box<Edit>),
    Write {
        target: PathBuf,
        project_path: Option<PathBuf>,
    },
    /// Nothing to recover: forget the target and remove the file, then
    /// answer (so no earlier write can land after the removal).
    Clear(PathBuf),
    /// Writes the mirror to the project's file (File → Save), after noting
    /// the coder the live project noted for this save.
    Save {
        path: PathBuf,
        noted_coder: Option<String>,
    },
    /// Answer once every earlier job is done.
    Ping,
}

/// What the worker answers.
enum Answer {
    Written(std::io::Result<()>),
    Saved(Result<(), String>),
    Done,
}

/// The recovery file in the words of [`Recovery`], borrowing the mirror
/// (the worker writes it without a copy).
#[derive(Serialize)]
struct RecoveryRef<'a> {
    project_path: Option<&'a Path>,
    written: DateTime<Utc>,
    project: &'a Project,
}

/// Writes the recovery file a while after the last edit, on a worker
/// thread that keeps its own mirror of the project.
///
/// Two ways to feed it:
/// - **Following (use this):** [`Autosaver::reset`] with each fresh project
///   (open, new, restore), then [`Autosaver::follow`] with every edit
///   applied to it, undo's and redo's included (`History::next_undo` /
///   `next_redo` before the step), and [`Autosaver::edited`] as before. The
///   UI thread's cost is then a clone of each edit; `tick`'s `project` is
///   not read.
/// - **Copying (the old way):** without `reset`, `tick` copies the whole
///   project on the UI thread when a write is due.
pub struct Autosaver {
    target: PathBuf,
    last_edit: Option<Instant>,
    jobs: Option<Sender<Job>>,
    answers: Option<Receiver<Answer>>,
    /// A write was asked for and not answered yet.
    writing: bool,
    /// `reset` was called: the worker's mirror follows the edits.
    following: bool,
    slot: Slot,
    /// A recovery file was written since the last `clear`.
    written: bool,
    /// The last write's failure, for the status bar.
    pub error: Option<String>,
    /// Saves asked of the worker and not answered yet.
    saves_asked: usize,
    /// The answers to saves, oldest first, until taken.
    saved: std::collections::VecDeque<Result<(), String>>,
}

impl Autosaver {
    pub fn new(target: PathBuf) -> Self {
        Self {
            target,
            last_edit: None,
            jobs: None,
            answers: None,
            writing: false,
            following: false,
            slot: Slot::default(),
            written: false,
            error: None,
            saves_asked: 0,
            saved: Default::default(),
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

    /// Starts following `project` (just opened, made or restored): the
    /// worker's mirror becomes a copy of it, and later [`Autosaver::follow`]s
    /// keep it equal to the live project. One copy, here, per project.
    pub fn reset(&mut self, project: &Project) {
        self.following = true;
        self.send(Job::Reset(Box::new(project.clone())));
    }

    /// Applies `edit`, just applied to the live project, to the mirror as
    /// well (on the worker). An edit the live project refused is refused by
    /// the mirror alike, so sending it does no harm.
    pub fn follow(&mut self, edit: Edit) {
        if self.following {
            self.send(Job::Follow(Box::new(edit)));
        }
    }

    /// Writes the project to its file on the worker, from the mirror
    /// (which has every edit followed so far); `noted_coder` is what
    /// `Session::begin_save` noted. False when there is no mirror (nothing
    /// followed since the worker started): the caller saves by itself.
    /// The answer comes from [`Autosaver::take_saved`].
    pub fn save(&mut self, path: &Path, noted_coder: Option<String>) -> bool {
        if !self.following {
            return false;
        }
        self.send(Job::Save {
            path: path.to_path_buf(),
            noted_coder,
        });
        // A worker lost on the way took the mirror with it.
        if !self.following {
            return false;
        }
        self.saves_asked += 1;
        true
    }

    /// Whether a save was asked and its answer not taken yet.
    pub fn is_saving(&self) -> bool {
        self.saves_asked > 0 || !self.saved.is_empty()
    }

    /// The answer to the oldest save asked, once the worker has written it.
    pub fn take_saved(&mut self) -> Option<Result<(), String>> {
        self.collect();
        self.saved.pop_front()
    }

    /// Notes an edit; the file is written `DELAY` after the last one.
    pub fn edited(&mut self, now: Instant) {
        self.last_edit = Some(now);
    }

    /// Whether a write is due or under way (the UI keeps ticking meanwhile).
    pub fn is_pending(&self) -> bool {
        self.last_edit.is_some() || self.writing
    }

    /// Whether there is a recovery file (or one coming) to remove once the
    /// changes are saved or discarded.
    pub fn has_work(&self) -> bool {
        self.is_pending() || self.written
    }

    /// Starts the write when it is due. Call every frame. While following
    /// (after [`Autosaver::reset`]) `project` is not read, and the UI thread
    /// copies nothing; otherwise it is copied for the worker.
    pub fn tick(&mut self, now: Instant, project: &Project, project_path: Option<&Path>) {
        self.collect();
        let due = self
            .last_edit
            .is_some_and(|t| now.duration_since(t) >= DELAY);
        if !due || self.writing {
            return;
        }
        self.last_edit = None;
        if !self.following {
            self.send(Job::Reset(Box::new(project.clone())));
        }
        self.written = true;
        self.writing = true;
        self.send(Job::Write {
            target: self.target.clone(),
            project_path: project_path.map(Path::to_path_buf),
        });
    }

    /// Reads the worker's answers without waiting.
    fn collect(&mut self) {
        while let Some(answer) = self.answers.as_ref().map(Receiver::try_recv) {
            match answer {
                Ok(Answer::Written(result)) => self.written_with(result),
                Ok(Answer::Saved(result)) => self.saved_with(result),
                Ok(Answer::Done) => {}
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => return self.lost(),
            }
        }
    }

    fn written_with(&mut self, result: std::io::Result<()>) {
        self.writing = false;
        self.error = result
            .err()
            .map(|e| format!("could not write the recovery file: {e}"));
    }

    fn saved_with(&mut self, result: Result<(), String>) {
        self.saves_asked = self.saves_asked.saturating_sub(1);
        self.saved.push_back(result);
    }

    /// The worker is gone (it panicked): say so, and start afresh.
    fn lost(&mut self) {
        self.jobs = None;
        self.answers = None;
        self.writing = false;
        // Saves it had not answered are failures the user must hear of.
        for _ in 0..std::mem::take(&mut self.saves_asked) {
            (self.saved).push_back(Err("the writer stopped unexpectedly".into()));
        }
        // A new worker has no mirror: copy again until the next `reset`.
        self.following = false;
        self.error = Some("the recovery writer stopped unexpectedly".into());
    }

    /// Sends a job, starting the worker first if there is none.
    fn send(&mut self, job: Job) {
        if self.jobs.is_none() {
            let (jobs, inbox) = channel();
            let (outbox, answers) = channel();
            let slot = self.slot.clone();
            std::thread::spawn(move || work(&inbox, &outbox, &slot));
            (self.jobs, self.answers) = (Some(jobs), Some(answers));
        }
        if self.jobs.as_ref().is_some_and(|j| j.send(job).is_err()) {
            self.lost();
        }
    }

    /// Waits until the worker has done every job sent so far (its writes
    /// included), reading their answers.
    pub fn wait(&mut self) {
        if self.jobs.is_none() {
            return;
        }
        self.send(Job::Ping);
        self.await_done();
    }

    fn await_done(&mut self) {
        while let Some(answer) = self.answers.as_ref().map(Receiver::recv) {
            match answer {
                Ok(Answer::Written(result)) => self.written_with(result),
                Ok(Answer::Saved(result)) => self.saved_with(result),
                Ok(Answer::Done) => return,
                Err(_) => return self.lost(),
            }
        }
    }

    /// The project is saved (or its changes discarded): nothing to recover.
    /// Waits for a write under way, so none lands after the removal.
    pub fn clear(&mut self) {
        self.last_edit = None;
        self.written = false;
        if self.jobs.is_some() {
            self.send(Job::Clear(self.target.clone()));
            self.await_done();
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

/// The worker: applies jobs in order until the saver is dropped.
fn work(inbox: &Receiver<Job>, outbox: &Sender<Answer>, slot: &Slot) {
    for job in inbox {
        let answer = {
            // Poisoned only by a panic here, which ended the process's
            // hope of recovery anyway; the data is still the mirror.
            let mut snapshot = slot
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            do_job(&mut snapshot, job)
        };
        if let Some(answer) = answer
            && outbox.send(answer).is_err()
        {
            return;
        }
    }
}

fn do_job(snapshot: &mut Snapshot, job: Job) -> Option<Answer> {
    match job {
        Job::Reset(project) => snapshot.project = Some(*project),
        Job::Follow(edit) => {
            if let Some(project) = snapshot.project.as_mut() {
                // Refused by the live project too (it was applied there
                // first), so the mirror stays equal to it.
                let _ = (*edit).apply(project);
            }
        }
        Job::Write {
            target,
            project_path,
        } => {
            snapshot.target = Some(target);
            snapshot.project_path = project_path;
            return Some(Answer::Written(write_snapshot_to_disk(snapshot)));
        }
        Job::Clear(target) => {
            snapshot.target = None;
            remove(&target);
            return Some(Answer::Done);
        }
        Job::Save { path, noted_coder } => {
            return Some(Answer::Saved(save_mirror(snapshot, &path, noted_coder)));
        }
        Job::Ping => return Some(Answer::Done),
    }
    None
}

/// Writes the mirror to the project's file, as the UI would have.
fn save_mirror(
    snapshot: &mut Snapshot,
    path: &Path,
    noted_coder: Option<String>,
) -> Result<(), String> {
    let Some(project) = snapshot.project.as_mut() else {
        return Err("the writer had no copy of the project".into());
    };
    if let Some(coder) = noted_coder {
        project.note_coder(&coder);
    }
    super::project_file::save(project, path).map_err(|e| e.to_string())
}

/// Writes the snapshot's recovery file, if it has one.
fn write_snapshot_to_disk(snapshot: &Snapshot) -> std::io::Result<()> {
    let (Some(target), Some(project)) = (&snapshot.target, &snapshot.project) else {
        return Ok(());
    };
    let recovery = RecoveryRef {
        project_path: snapshot.project_path.as_deref(),
        written: Utc::now(),
        project,
    };
    write_file(target, &recovery)
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
    // try_lock: a panic while the slot is held (the worker's own, or one
    // while it writes) must not deadlock the hook.
    if let Ok(guard) = slot.try_lock() {
        let _ = write_snapshot_to_disk(&guard);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::History;

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
        assert!(!saver.writing, "not before the delay");
        saver.tick(t0 + DELAY, &project, None);
        assert!(saver.is_pending());
        saver.wait();
        assert!(!saver.is_pending());
        assert_eq!(saver.error, None);
        let back = read(&target).unwrap().unwrap();
        assert_eq!(back.project, project);
        saver.clear();
        assert!(!target.exists());
        assert_eq!(read(&target).unwrap(), None);
    }

    /// Applies `edit` to `project` and has `saver` follow it, as the
    /// workbench does.
    fn edit(saver: &mut Autosaver, history: &mut History, project: &mut Project, e: Edit) {
        history.apply(project, e.clone(), "edit", None).unwrap();
        saver.follow(e);
    }

    #[test]
    fn a_followed_project_is_written_without_being_read() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("p.recovery");
        let mut saver = Autosaver::new(target.clone());
        let mut project = crate::assets::example_project();
        let mut history = History::default();
        saver.reset(&project);
        let first = project.passages[0].id.clone();
        let when = DateTime::UNIX_EPOCH;
        let memo = |m: &str| Edit::SetMemo {
            passage: first.clone(),
            memo: m.into(),
            modified: when,
        };
        edit(&mut saver, &mut history, &mut project, memo("one"));
        edit(&mut saver, &mut history, &mut project, memo("two"));
        edit(
            &mut saver,
            &mut history,
            &mut project,
            Edit::RemovePassage(first.clone()),
        );
        // Undo as the workbench does: the edit undo applies, followed.
        let undo = history.next_undo().cloned().unwrap();
        history.undo(&mut project).unwrap();
        saver.follow(undo);
        let t0 = Instant::now();
        saver.edited(t0);
        let stale = crate::assets::default_project();
        saver.tick(t0 + DELAY, &stale, Some(Path::new("/w/p.briefmark.ron")));
        saver.wait();
        let back = read(&target).unwrap().unwrap();
        assert_eq!(back.project, project, "the mirror, not the project passed");
        assert_eq!(back.project.passage(&first).unwrap().memo, "two");
        assert_eq!(back.project_path, Some(PathBuf::from("/w/p.briefmark.ron")));
    }

    #[test]
    fn a_save_writes_the_mirror_to_the_project_file_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.briefmark.ron");
        let mut saver = Autosaver::new(dir.path().join("p.recovery"));
        assert!(!saver.save(&path, None), "no mirror yet: the caller saves");
        let mut project = crate::assets::example_project();
        let mut history = History::default();
        saver.reset(&project);
        let memo = Edit::SetMemo {
            passage: project.passages[0].id.clone(),
            memo: "before the save".into(),
            modified: DateTime::UNIX_EPOCH,
        };
        edit(&mut saver, &mut history, &mut project, memo);
        project.note_coder("Dana");
        assert!(saver.save(&path, Some("Dana".into())));
        assert!(saver.is_saving());
        // An edit after the save was asked is not in the file.
        edit(
            &mut saver,
            &mut history,
            &mut project.clone(),
            Edit::RemoveDocument(project.documents[0].id().clone()),
        );
        saver.wait();
        assert_eq!(saver.take_saved(), Some(Ok(())));
        assert!(!saver.is_saving());
        let expected = crate::io::project_file::to_string(&project);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
        assert!(
            expected.contains("\"Dana\""),
            "the coder noted for the save"
        );

        let folder = dir.path().join("a folder");
        std::fs::create_dir(&folder).unwrap();
        assert!(saver.save(&folder, None));
        saver.wait();
        let failed = saver.take_saved().unwrap();
        assert!(failed.is_err(), "a folder is refused: {failed:?}");
    }

    #[test]
    fn a_removed_file_is_gone_at_once_and_freed_beside() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("p.recovery");
        std::fs::write(&target, "x".repeat(1 << 20)).unwrap();
        remove(&target);
        assert!(!target.exists(), "the name is free when remove returns");
        let start = Instant::now();
        while std::fs::read_dir(dir.path()).unwrap().next().is_some() {
            assert!(start.elapsed() < Duration::from_secs(5), "never freed");
            std::thread::sleep(Duration::from_millis(5));
        }
        remove(&target); // absent: nothing to do
        // Left by a process killed while it freed one: gone at the next read.
        let doomed = doomed_name(&target);
        std::fs::write(&doomed, "x").unwrap();
        assert_eq!(read(&target), Ok(None));
        assert!(!doomed.exists());
    }

    #[test]
    fn the_panic_hook_writes_the_latest_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("p.recovery");
        let mut saver = Autosaver::new(target.clone());
        let project = crate::assets::default_project();
        saver.reset(&project);
        saver.wait();
        write_snapshot(&saver.slot);
        assert!(!target.exists(), "nothing due yet: nothing to recover");
        saver.slot.lock().unwrap().target = Some(target.clone());
        write_snapshot(&saver.slot);
        assert_eq!(read(&target).unwrap().unwrap().project, project);
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
