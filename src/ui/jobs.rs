//! Long work off the UI thread: a job runs on a worker thread, reports how
//! far it got, and can be cancelled; the UI polls it each frame and shows a
//! progress bar with a Cancel button. Imports and exports run as jobs,
//! agreement over large inputs through [`Deferred`], and the Compare and
//! Teaching windows' file work (reading codings, writing feedback) as a
//! window's [`Task`]; [`load_projects`] is the one way they read codings.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// What the worker and the UI share.
#[derive(Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancelled: AtomicBool,
}

impl Progress {
    /// Records that `done` of the job's steps are finished.
    pub fn set_done(&self, done: usize) {
        self.done.store(done, Ordering::Relaxed);
    }

    /// Sets the number of steps, once the worker knows it (0: unknown).
    pub fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// Whether the user asked to stop; the worker checks between steps.
    pub fn cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// What a job has come to.
pub enum Poll<T> {
    Running,
    Done(T),
    /// The worker ended without a result (it panicked; the panic hook has
    /// already saved a recovery copy).
    Died,
}

/// A running job whose result is a `T`.
pub struct Job<T> {
    pub label: String,
    started: Instant,
    progress: Arc<Progress>,
    result: Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a worker thread; `total` steps, 0 if unknown.
    pub fn spawn(
        label: impl Into<String>,
        total: usize,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Self {
        let progress = Arc::new(Progress::default());
        progress.total.store(total, Ordering::Relaxed);
        let (tx, rx) = channel();
        let shared = Arc::clone(&progress);
        std::thread::spawn(move || {
            let _ = tx.send(work(&shared));
        });
        Self {
            label: label.into(),
            started: Instant::now(),
            progress,
            result: rx,
        }
    }

    /// The result once the worker is done.
    pub fn poll(&self) -> Poll<T> {
        match self.result.try_recv() {
            Ok(t) => Poll::Done(t),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Died,
        }
    }

    pub fn cancel(&self) {
        self.progress.cancelled.store(true, Ordering::Relaxed);
    }

    /// Label, progress bar and Cancel; returns true when Cancel is pressed.
    /// Keeps frames coming while the job runs, so its end is seen.
    pub fn ui(&self, ui: &mut egui::Ui) -> bool {
        ui.ctx().request_repaint_after(Duration::from_millis(50));
        let (done, total) = (
            self.progress.done.load(Ordering::Relaxed),
            self.progress.total.load(Ordering::Relaxed),
        );
        let secs = self.started.elapsed().as_secs_f32();
        ui.horizontal(|ui| {
            ui.label(&self.label);
            let bar = if total > 0 {
                let text = format!("{done} of {total}");
                egui::ProgressBar::new(done as f32 / total as f32).text(text)
            } else {
                egui::ProgressBar::new(0.0)
                    .animate(true)
                    .text(format!("{secs:.0} s"))
            };
            ui.add(bar.desired_width(200.0));
            let cancelling = self.progress.cancelled();
            ui.add_enabled(!cancelling, egui::Button::new("Cancel"))
                .clicked()
        })
        .inner
    }
}

/// A job a window runs for itself, one at a time: started on a click,
/// polled every frame (also while the window is closed, so its result is
/// never left waiting), shown with progress and Cancel in the window.
pub struct Task<T> {
    job: Option<Job<T>>,
}

impl<T> Default for Task<T> {
    fn default() -> Self {
        Self { job: None }
    }
}

impl<T: Send + 'static> Task<T> {
    /// Runs `job`; one already running is told to stop and its result
    /// is dropped.
    pub fn start(&mut self, job: Job<T>) {
        if let Some(old) = self.job.replace(job) {
            old.cancel();
        }
    }

    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// `Done` or `Died` once, when the job ends; `Running` meanwhile and
    /// when there is no job.
    pub fn poll(&mut self) -> Poll<T> {
        let Some(job) = &self.job else {
            return Poll::Running;
        };
        let polled = job.poll();
        if !matches!(polled, Poll::Running) {
            self.job = None;
        }
        polled
    }

    /// The running job's label, progress and Cancel (which asks the job
    /// to stop; it ends at its next step).
    pub fn ui(&self, ui: &mut egui::Ui) {
        if let Some(job) = &self.job
            && job.ui(ui)
        {
            job.cancel();
        }
    }
}

/// What a [`load_projects`] job gives back.
pub enum Loaded {
    /// Each file with its project, or why it could not be read (the
    /// message names the file).
    Read(Vec<(PathBuf, Result<crate::model::Project, String>)>),
    /// The list of files could not be made (a folder not readable).
    Unlisted(String),
    /// Cancel was pressed; the caller keeps what it had.
    Cancelled,
}

/// Reads the codings `list` names (listing a folder is file work too, so
/// it runs on the worker), a step per file, stopping between files on
/// Cancel.
pub fn load_projects(
    label: impl Into<String>,
    list: impl FnOnce() -> Result<Vec<PathBuf>, String> + Send + 'static,
) -> Job<Loaded> {
    Job::spawn(label, 0, move |progress| {
        let paths = match list() {
            Ok(paths) => paths,
            Err(why) => return Loaded::Unlisted(why),
        };
        progress.set_total(paths.len());
        let mut out = Vec::with_capacity(paths.len());
        for (i, path) in paths.into_iter().enumerate() {
            if progress.cancelled() {
                return Loaded::Cancelled;
            }
            let project = crate::io::load_project_any(&path).map_err(|e| e.to_string());
            out.push((path, project));
            progress.set_done(i + 1);
        }
        Loaded::Read(out)
    })
}

/// Code points of input past which [`Deferred`] work runs as a job: about
/// a frame's worth of agreement in a release build.
pub const ON_A_WORKER: usize = 300_000;

/// A result kept for the inputs `K` it was computed from: computed at once
/// when the work is small, as a [`Job`] when not, with the last result on
/// show until the new one is in.
pub struct Deferred<K, T> {
    latest: Option<(K, T)>,
    running: Option<(K, Job<T>)>,
}

impl<K, T> Default for Deferred<K, T> {
    fn default() -> Self {
        Self {
            latest: None,
            running: None,
        }
    }
}

impl<K: Clone + PartialEq, T: Send + 'static> Deferred<K, T> {
    /// Brings the result up to date with `key`. Only when it is not,
    /// `prepare` gives the work's size in code points and the work itself;
    /// `label` names a job, `failed(what, last)` stands for a result not
    /// had (the job "failed"), given the last result.
    pub fn refresh<W: FnOnce() -> T + Send + 'static>(
        &mut self,
        key: &K,
        prepare: impl FnOnce() -> (usize, W),
        label: impl FnOnce(usize) -> String,
        failed: impl FnOnce(&str, Option<T>) -> T,
    ) {
        if let Some((for_key, job)) = &self.running {
            match job.poll() {
                Poll::Running if for_key == key => return,
                Poll::Running => job.cancel(),
                Poll::Done(t) => self.latest = Some((for_key.clone(), t)),
                Poll::Died => {
                    let last = self.latest.take().map(|(_, t)| t);
                    self.latest = Some((for_key.clone(), failed("failed", last)));
                }
            }
            self.running = None;
        }
        if self.is_for(key) {
            return;
        }
        let (size, work) = prepare();
        if size <= ON_A_WORKER {
            self.latest = Some((key.clone(), work()));
        } else {
            self.running = Some((key.clone(), Job::spawn(label(size), 0, move |_| work())));
        }
    }

    /// Whether the last result is for the inputs `key`.
    pub fn is_for(&self, key: &K) -> bool {
        self.latest.as_ref().is_some_and(|(k, _)| k == key)
    }

    /// The last result, which may be for older inputs while a job runs.
    pub fn latest(&self) -> Option<&T> {
        self.latest.as_ref().map(|(_, t)| t)
    }

    /// Takes the last result out (to use it while changing its owner);
    /// [`Deferred::restore`] puts it back.
    pub fn take(&mut self) -> Option<(K, T)> {
        self.latest.take()
    }

    pub fn restore(&mut self, latest: (K, T)) {
        self.latest = Some(latest);
    }

    /// Whether a job is computing a result.
    pub fn computing(&self) -> bool {
        self.running.is_some()
    }

    /// A running job's progress and Cancel; a cancelled job leaves
    /// `failed("was cancelled", last)` for its inputs, so it does not start again
    /// until they change.
    pub fn progress_ui(&mut self, ui: &mut egui::Ui, failed: impl FnOnce(&str, Option<T>) -> T) {
        let cancelled = self.running.as_ref().is_some_and(|(_, job)| job.ui(ui));
        if let Some((key, job)) = self.running.take_if(|_| cancelled) {
            job.cancel();
            let last = self.latest.take().map(|(_, t)| t);
            self.latest = Some((key, failed("was cancelled", last)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T: Send + 'static>(job: &Job<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Poll::Done(t) = job.poll() {
                return t;
            }
            assert!(Instant::now() < deadline, "job did not finish");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_job_reports_its_result() {
        let job = Job::spawn("Adding", 3, |p| {
            (0..3).for_each(|i| p.set_done(i + 1));
            42
        });
        assert_eq!(wait(&job), 42);
    }

    #[test]
    fn a_cancelled_job_stops_between_steps() {
        let (go, gate) = channel::<()>();
        let job = Job::spawn("Counting", 1000, move |p| {
            let _ = gate.recv(); // starts once cancel was asked
            (0..1000).take_while(|_| !p.cancelled()).count()
        });
        job.cancel();
        go.send(()).unwrap();
        assert_eq!(wait(&job), 0);
    }

    #[test]
    fn a_cancelled_reading_reads_nothing_and_a_listing_error_is_told() {
        let (go, gate) = channel::<()>();
        let job = load_projects("Reading", move || {
            let _ = gate.recv(); // lists once cancel was asked
            Ok(vec![PathBuf::from("a.briefmark.ron")])
        });
        job.cancel();
        go.send(()).unwrap();
        assert!(matches!(wait(&job), Loaded::Cancelled));
        let job = load_projects("Reading", || Err("cannot read the folder x".into()));
        match wait(&job) {
            Loaded::Unlisted(why) => assert_eq!(why, "cannot read the folder x"),
            _ => panic!("the listing error is the result"),
        }
    }

    #[test]
    fn small_work_is_done_at_once_large_work_as_a_job_and_each_once_per_key() {
        let mut d: Deferred<u32, usize> = Deferred::default();
        let runs = Arc::new(AtomicUsize::new(0));
        let work = |size: usize| {
            let runs = Arc::clone(&runs);
            move || {
                (size, move || {
                    runs.fetch_add(1, Ordering::Relaxed);
                    size
                })
            }
        };
        let label = |n: usize| format!("{n}");
        d.refresh(&1, work(10), label, |_, _| 0);
        assert_eq!(
            (d.latest(), d.computing()),
            (Some(&10), false),
            "small: at once"
        );
        d.refresh(&1, work(99), label, |_, _| 0);
        assert_eq!(d.latest(), Some(&10), "same key: kept");
        d.refresh(&2, work(ON_A_WORKER + 1), label, |_, _| 0);
        assert!(d.computing());
        assert_eq!(d.latest(), Some(&10), "the last result shows meanwhile");
        let deadline = Instant::now() + Duration::from_secs(10);
        while d.computing() {
            assert!(Instant::now() < deadline, "job did not finish");
            std::thread::sleep(Duration::from_millis(5));
            d.refresh(&2, work(0), label, |_, _| 0);
        }
        assert_eq!(d.latest(), Some(&(ON_A_WORKER + 1)));
        assert_eq!(runs.load(Ordering::Relaxed), 2);
    }
}
