//! Long work off the UI thread: a job runs on a worker thread, reports how
//! far it got, and can be cancelled; the UI polls it each frame and shows a
//! progress bar with a Cancel button. Imports and exports run as jobs, and
//! agreement over large inputs through [`Deferred`].

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
